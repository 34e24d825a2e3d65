#!/usr/bin/env bash
# Fuzzes one entry point of DatacheckKit with libFuzzer for a time budget.
#
#   scripts/fuzz.sh TARGET SECONDS      TARGET: FuzzCSV, FuzzGzip, FuzzParquet or FuzzGoal
#
# Builds the fuzz targets (Fuzz/, only in the package when DATACHECK_FUZZ is set) with coverage
# and AddressSanitizer in .build-fuzz, seeds .build-fuzz/corpus/TARGET from fixtures/, and runs
# the fuzzer for SECONDS. Crashes, hangs (> 10 s an input), leaks and inputs needing more than
# 2 GiB are written to .build-fuzz/findings/TARGET/ (not artifacts/: SwiftPM empties that folder of
# its scratch path on every build); the log is .build-fuzz/logs/TARGET.log.
# Ends by printing the executions and the corpus size.
#
# Reproduce a finding:  SWIFT_BACKTRACE=enable=no .build-fuzz/debug/TARGET FILE
# Minimize a crash:     SWIFT_BACKTRACE=enable=no .build-fuzz/debug/TARGET -minimize_crash=1 -runs=10000 FILE
#
# Exit status: 0 when the budget ran out with nothing found, 1 when the fuzzer found something,
# 2 on usage or build errors.
set -euo pipefail

usage() { echo "usage: scripts/fuzz.sh FuzzCSV|FuzzGzip|FuzzParquet|FuzzGoal SECONDS" >&2; exit 2; }
[ $# -eq 2 ] || usage
target="$1"
seconds="$2"
[[ "$seconds" =~ ^[0-9]+$ ]] || usage

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
scratch=.build-fuzz
corpus="$scratch/corpus/$target"
findings="$scratch/findings/$target"
log="$scratch/logs/$target.log"
mkdir -p "$corpus" "$findings" "$scratch/logs"

# Copies seed files into the corpus, named for their source so reruns do not duplicate them.
# libFuzzer reads only the first max_len bytes of a longer seed; `seed_whole` skips such files
# instead, for formats that are useless cut short (Parquet keeps its footer at the end).
seed() {
  local file
  for file in "$@"; do
    cp "$file" "$corpus/seed-$(echo "${file#../}" | tr '/' '_')"
  done
}
seed_whole() {
  local file
  for file in "$@"; do
    if [ "$(wc -c < "$file")" -le "$max_len" ]; then seed "$file"; fi
  done
}

dict=()
shopt -s nullglob
case "$target" in
  FuzzCSV)
    max_len=16384
    seed fixtures/*.csv fixtures/*.tsv fixtures/*.txt fixtures/bad/*.csv fixtures/labels/*.csv \
      fixtures/goals/*.csv fixtures/parquet/*.csv ;;
  FuzzGzip)
    max_len=16384
    seed fixtures/*.gz fixtures/plain_gzip_noext fixtures/bad/*.gz
    # Gzip members of the small CSV fixtures, so mutations reach inflate with valid headers.
    for file in fixtures/*.csv fixtures/*.tsv fixtures/bad/*.csv; do
      gzip -n -c "$file" > "$corpus/seed-$(echo "$file" | tr '/' '_').gz"
    done ;;
  FuzzParquet)
    max_len=65536
    seed_whole fixtures/parquet/*.parquet ../shared/conformance/parquet-testing/data/*.parquet ;;
  FuzzGoal)
    max_len=8192
    seed fixtures/goals/*.yaml
    dict=(-dict=Fuzz/dicts/goal.dict) ;;
  *) usage ;;
esac

# `--sanitize fuzzer` alone links libFuzzer without coverage instrumentation (the fuzzer would
# run blind), hence -sanitize=fuzzer,address for swiftc too. -O (FUZZ_SWIFT_OPT) gives about five
# times the executions of -Onone and keeps every bounds, overflow and precondition check (the
# library has no `assert`). Only the fuzz products are built: the datacheck executable's `main`
# would clash with libFuzzer's. gold's "Cannot export local symbol '__asan_…'" warnings are
# harmless and filtered out.
opt="${FUZZ_SWIFT_OPT:--O}"
echo "building $target (DATACHECK_FUZZ=1, -sanitize=fuzzer,address $opt) in $scratch" >&2
set +e
DATACHECK_FUZZ=1 swift build -c debug --scratch-path "$scratch" --product "$target" \
  --sanitize fuzzer --sanitize address -Xswiftc -sanitize=fuzzer,address -Xswiftc "$opt" 2>&1 \
  | grep -v "Cannot export local symbol" >&2
status=${PIPESTATUS[0]}
set -e
[ "$status" -eq 0 ] || { echo "fuzz build failed" >&2; exit 2; }

# SWIFT_BACKTRACE=enable=no: otherwise a crash waits in Swift's backtracer instead of reaching
# libFuzzer's handler. LeakSanitizer works on Swift code and reports no runtime leaks at exit, so
# it runs without suppressions.
echo "fuzzing $target for $seconds s; log: $log" >&2
set +e
SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=1 \
  "$scratch/debug/$target" "$corpus" ${dict[@]+"${dict[@]}"} \
  -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -max_len="$max_len" \
  -artifact_prefix="$findings/" -print_final_stats=1 > "$log" 2>&1
status=$?
set -e

# libFuzzer's corpus is the inputs it keeps in memory (those that add coverage); the folder also
# holds the seeds and inputs of earlier runs.
runs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | grep -o '[0-9]*$' || true)
kept=$(grep -o 'corp: [0-9]*/[0-9]*[a-zA-Z]*' "$log" | tail -1 | cut -d' ' -f2 || true)
files=$(find "$corpus" -type f | wc -l)
bytes=$(find "$corpus" -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
echo "$target: $seconds s, ${runs:-?} executions, corpus ${kept:-?} (files/size) in memory," \
  "$files files and $bytes bytes in $corpus, exit status $status"
if [ "$status" -ne 0 ]; then
  grep -E '^==[0-9]+==|^SUMMARY|Test unit written|ERROR: libFuzzer' "$log" >&2 || tail -30 "$log" >&2
  exit 1
fi
