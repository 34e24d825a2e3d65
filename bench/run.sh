#!/usr/bin/env bash
# Times `datacheck profile --label` against its peers' full profiles and against the floors, back to
# back in one run, and writes bench/RESULTS.md. See bench/README.md.
#
# usage: bench/run.sh [ROWS]        ROWS defaults to $BENCH_ROWS, else 10000000 (about 1 GB of CSV)
# env:   BENCH_ROWS     rows of the main table (the first argument wins)
#        BENCH_REPEAT   runs of each command (default 3); the median is reported
#        BENCH_SEED     generator seed (default 1)
#        BENCH_PEERS    peers to run (default "duckdb polars pandas")
#        BENCH_RESULTS  where the report goes (default bench/RESULTS.md)
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH")"
ROWS="${1:-${BENCH_ROWS:-10000000}}"
REPEAT="${BENCH_REPEAT:-3}"
SEED="${BENCH_SEED:-1}"
PEERS="${BENCH_PEERS:-duckdb polars pandas}"
RESULTS="${BENCH_RESULTS:-$BENCH/RESULTS.md}"
SMALL=$((ROWS / 10))   # a table a tenth the size: time linear in rows, memory flat in rows
VENV="$BENCH/.venv"
DATA="$BENCH/data"
PY="$VENV/bin/python"

say() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

[ -x /usr/bin/time ] || { echo "bench: needs GNU time at /usr/bin/time (apt-get install time)" >&2; exit 2; }
"$ROOT/scripts/install-deps.sh"   # libcsv-dev and the codecs datacheck links against

# --- the peers, pinned, in bench/.venv ----------------------------------------------------------
if [ ! -x "$PY" ] || ! cmp -s "$BENCH/requirements.txt" "$VENV/.requirements.txt"; then
  say "setting up $VENV (bench/requirements.txt)"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check -r "$BENCH/requirements.txt"
  cp "$BENCH/requirements.txt" "$VENV/.requirements.txt"
fi

# --- datacheck in release, in its own build folder; the libcsv floor ---------------------------
say "building datacheck (swift build -c release --scratch-path .build-bench)"
(cd "$ROOT" && swift build -c release --scratch-path .build-bench 2>&1 | tail -1 >&2)
DATACHECK="$ROOT/.build-bench/release/datacheck"
mkdir -p "$DATA/logs"
cc -O2 -Wall -o "$DATA/csvcount" "$BENCH/csvcount.c" -lcsv

# --- the tables ---------------------------------------------------------------------------------
# Made once per (rows, seed, generator); a stamp says which generator made them.
table() {  # table ROWS -> prints the folder holding table.{csv,csv.gz,parquet}
  local rows="$1" dir="$DATA/rows-$1-seed-$SEED"
  local stamp; stamp="$(sha256sum "$BENCH/generate.py" | cut -c1-16) $rows $SEED"
  if [ "$(cat "$dir/.stamp" 2>/dev/null)" != "$stamp" ]; then
    say "generating $rows rows in $dir"
    rm -rf "$dir"
    "$PY" "$BENCH/generate.py" "$rows" "$dir" --seed "$SEED" >&2
    echo "$stamp" > "$dir/.stamp"
  fi
  echo "$dir"
}
BIG="$(table "$ROWS")"
SMALLDIR="$(table "$SMALL")"

# --- the commands -------------------------------------------------------------------------------
# name <TAB> shell command. Each runs with stdout to a log; /usr/bin/time -o records
# "wall-seconds peak-RSS-KiB" (RSS of the measured process; for `sh -c` pipelines, the largest).
CMDS="$DATA/commands.tsv"
: > "$CMDS"
add() { printf '%s\t%s\n' "$1" "$2" >> "$CMDS"; }
add "cat csv"                "cat '$BIG/table.csv' > /dev/null"
add "zcat csv.gz"            "zcat '$BIG/table.csv.gz' > /dev/null"
add "libcsv parse csv"       "'$DATA/csvcount' '$BIG/table.csv'"
add "datacheck csv"          "'$DATACHECK' profile '$BIG/table.csv' --label label --format json --output '$DATA/out.json'"
add "datacheck csv, 1 thread" "'$DATACHECK' profile '$BIG/table.csv' --label label --format json --threads 1 --output '$DATA/out-1-thread.json'"
add "datacheck csv.gz"       "'$DATACHECK' profile '$BIG/table.csv.gz' --label label --format json --output '$DATA/out-gz.json'"
add "datacheck parquet"      "'$DATACHECK' profile '$BIG/table.parquet' --label label --format json --output '$DATA/out-parquet.json'"
add "datacheck csv, 1/10 rows" "'$DATACHECK' profile '$SMALLDIR/table.csv' --label label --format json --output '$DATA/out-small.json'"
for peer in $PEERS; do
  case "$peer" in
    polars)
      add "polars read_csv"       "'$PY' '$BENCH/peers/polars_read.py' '$BIG/table.csv' label"
      add "polars read_parquet"   "'$PY' '$BENCH/peers/polars_read.py' '$BIG/table.parquet' label"
      add "polars profile csv"    "'$PY' '$BENCH/peers/polars_profile.py' '$BIG/table.csv' label"
      add "polars profile parquet" "'$PY' '$BENCH/peers/polars_profile.py' '$BIG/table.parquet' label" ;;
    duckdb)
      add "duckdb profile csv"    "'$PY' '$BENCH/peers/duckdb_profile.py' '$BIG/table.csv' label"
      add "duckdb profile parquet" "'$PY' '$BENCH/peers/duckdb_profile.py' '$BIG/table.parquet' label" ;;
    pandas)
      add "pandas profile csv"    "'$PY' '$BENCH/peers/pandas_profile.py' '$BIG/table.csv' label"
      add "pandas profile parquet" "'$PY' '$BENCH/peers/pandas_profile.py' '$BIG/table.parquet' label" ;;
    *) echo "bench: unknown peer $peer (duckdb, polars, pandas)" >&2; exit 2 ;;
  esac
done

# Warm the page cache: every command reads files already in memory.
cat "$BIG"/table.* "$SMALLDIR"/table.* > /dev/null

TIMES="$DATA/times.tsv"
printf 'name\trun\twall_s\trss_kib\tstatus\n' > "$TIMES"
started="$(date -u '+%Y-%m-%d %H:%M UTC')"
commit="$(git -C "$ROOT" rev-parse --short HEAD)"
[ -z "$(git -C "$ROOT" status --porcelain -- Sources Package.swift)" ] || commit="$commit with uncommitted changes"
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
# Round robin: run r of every command, then run r+1, so a slow minute of the machine hits all alike.
for r in $(seq 1 "$REPEAT"); do
  while IFS=$'\t' read -r name cmd; do
    log="$DATA/logs/$(echo "$name" | tr -c 'a-zA-Z0-9\n' '_').log"
    status=0
    /usr/bin/time -f '%e %M' -o "$DATA/time.out" sh -c "$cmd" > "$log" 2>&1 || status=$?
    read -r wall rss < <(tail -1 "$DATA/time.out")
    printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$r" "$wall" "$rss" "$status" >> "$TIMES"
    say "run $r/$REPEAT  $(printf '%-26s' "$name") ${wall}s  $((rss / 1024)) MiB$([ "$status" = 0 ] || echo "  FAILED ($status), see $log")"
  done < "$CMDS"
done
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"

# --- the report ---------------------------------------------------------------------------------
"$PY" "$BENCH/report.py" \
  --times "$TIMES" --rows "$ROWS" --small-rows "$SMALL" --repeat "$REPEAT" --seed "$SEED" \
  --data "$BIG" --datacheck "$DATACHECK" --profile-json "$DATA/out.json" \
  --started "$started" --commit "$commit" --load "$load_before" --load-after "$load_after" > "$RESULTS"
say "wrote $RESULTS"
