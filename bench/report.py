#!/usr/bin/env python3
"""Writes bench/RESULTS.md (to stdout) from the times bench/run.sh recorded. Run by bench/run.sh."""
import argparse
import csv
import importlib.metadata
import json
import os
import platform
import statistics
import subprocess
from collections import defaultdict

p = argparse.ArgumentParser()
p.add_argument("--times", required=True)
p.add_argument("--rows", type=int, required=True)
p.add_argument("--small-rows", type=int, required=True)
p.add_argument("--repeat", type=int, required=True)
p.add_argument("--seed", type=int, required=True)
p.add_argument("--data", required=True)
p.add_argument("--datacheck", required=True)
p.add_argument("--profile-json", required=True)
p.add_argument("--started", required=True)
p.add_argument("--load", required=True)
p.add_argument("--load-after", required=True)
p.add_argument("--commit", default="", help="the commit datacheck was built from (default: HEAD now)")
a = p.parse_args()

MiB = 1024 * 1024
# The tables of row hashes grow with the rows up to their caps (README): duplicate rows 32 MiB,
# and with --label the feature rows for conflicting labels 16 MiB.
DUP_TABLE_MIB = 32 + 16


def sh(*cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, check=False).stdout.strip()
    except OSError:
        return "not found"


# --- the measurements ---------------------------------------------------------------------------
runs = defaultdict(list)
order = []
with open(a.times) as f:
    for row in csv.DictReader(f, delimiter="\t"):
        name = row["name"]
        if name not in runs:
            order.append(name)
        runs[name].append((float(row["wall_s"]), int(row["rss_kib"]), int(row["status"])))


def ok(name):
    return name in runs and all(s == 0 for _, _, s in runs[name])


def wall(name):
    return statistics.median(w for w, _, _ in runs[name]) if ok(name) else None


def rss_mib(name):
    return max(r for _, r, _ in runs[name]) / 1024 if ok(name) else None


def fmt(x, spec):
    return "n/a" if x is None else format(x, spec)


def ratio(x, y):
    return None if x is None or y is None or y == 0 else x / y


# --- the report ---------------------------------------------------------------------------------
out = []
w = out.append
sizes = {ext: os.path.getsize(os.path.join(a.data, "table." + ext)) for ext in ("csv", "csv.gz", "parquet")}
size_text = ", ".join(f"{ext} {sizes[ext] / MiB:,.0f} MiB" for ext in sizes)
w("# Benchmark results")
w("")
w(f"Written by `bench/run.sh` on {a.started}: {a.rows:,} rows (`bench/generate.py --seed {a.seed}`: "
  f"{size_text}), each command run {a.repeat}× round robin, page cache warm. "
  "Wall time is the median of the runs; peak RSS the largest. bench/README.md says what each command does "
  "and how to read this file.")
if a.rows < 10_000_000:
    w("")
    w(f"**This is a {a.rows:,}-row run.** The targets of issue 6 are set for 10M rows (about 1 GB of CSV); "
      "at this size the fixed costs (process start, Python imports) weigh more and the ratios are only indicative.")
try:
    busy = float(a.load.split()[0]) >= 0.5 * (os.cpu_count() or 1)
except ValueError:
    busy = False
if busy:
    w("")
    w(f"**The machine was not idle**: load average {a.load} before the timed runs on {os.cpu_count()} cores. "
      "Another process held a core, which slows every command and most the multi-threaded peers (Polars, DuckDB).")
w("")

base = wall("datacheck csv")
w("| command | median wall (s) | runs (s) | peak RSS (MiB) | wall ÷ datacheck csv |")
w("|---|---:|---|---:|---:|")
for name in order:
    times = " ".join(f"{t:.2f}" for t, _, _ in runs[name])
    if not ok(name):
        w(f"| {name} | FAILED | {times} | n/a | n/a |")
        continue
    w(f"| {name} | {wall(name):.2f} | {times} | {rss_mib(name):,.1f} | {fmt(ratio(wall(name), base), '.2f')}× |")
w("")

# --- the targets --------------------------------------------------------------------------------
rows = []


def target(what, value, limit, unit="×", goal=False):
    if value is None:
        verdict = "not measured"
    else:
        verdict = "met" if value <= limit else "not met"
    if goal:
        verdict += " (goal)"
    rows.append((what, fmt(value, ".2f") + (unit if value is not None else ""), f"≤ {limit:g}{unit}", verdict))


target("datacheck csv ÷ Polars full profile csv (wall)", ratio(base, wall("polars profile csv")), 0.5)
target("datacheck csv ÷ Polars bare read_csv (wall)", ratio(base, wall("polars read_csv")), 1.0, goal=True)
dc_rss = [rss_mib(n) for n in ("datacheck csv", "datacheck csv.gz", "datacheck parquet")]
try:
    with open(a.profile_json, "rb") as f1, open(os.path.join(os.path.dirname(a.profile_json), "out-1-thread.json"), "rb") as f2:
        same_reports = f1.read() == f2.read()
except OSError:
    same_reports = False
if ok("datacheck csv, 1 thread"):
    one = wall("datacheck csv, 1 thread")
    w(f"`--threads {os.cpu_count()}` against 1 on the CSV: {one / base:.2f}× faster "
      f"({rss_mib('datacheck csv, 1 thread'):,.1f} MiB peak RSS with one thread); the reports are "
      f"{'byte-identical' if same_reports else 'DIFFERENT (a bug)'}.")
    w("")
target("datacheck peak RSS, largest of csv, csv.gz, parquet", max(dc_rss) if None not in dc_rss else None, 190, " MiB")
big_rss, small_rss = rss_mib("datacheck csv"), rss_mib("datacheck csv, 1/10 rows")
target(f"datacheck RSS growth, {a.small_rows:,} → {a.rows:,} rows (flat apart from the row-hash tables, 32 + 16 MiB)",
       None if big_rss is None or small_rss is None else big_rss - small_rss, DUP_TABLE_MIB, " MiB")
target(f"datacheck wall, {a.rows:,} rows ÷ {a.small_rows:,} rows (linear in rows)",
       ratio(base, wall("datacheck csv, 1/10 rows")), 10.5)
target("datacheck csv.gz ÷ zcat (wall)", ratio(wall("datacheck csv.gz"), wall("zcat csv.gz")), 1.1)
target("datacheck parquet ÷ Polars full profile parquet (wall)",
       ratio(wall("datacheck parquet"), wall("polars profile parquet")), 0.5)

w("## Targets (issue 6)")
w("")
w("| target | measured | limit | verdict |")
w("|---|---:|---:|---|")
for r in rows:
    w("| " + " | ".join(r) + " |")
w("")
other = [("DuckDB full profile csv", "duckdb profile csv"), ("pandas full profile csv", "pandas profile csv"),
         ("DuckDB full profile parquet", "duckdb profile parquet"),
         ("pandas full profile parquet", "pandas profile parquet"),
         ("the libcsv raw parse", "libcsv parse csv")]
parts = []
for label, name in other:
    peer = "datacheck parquet" if "parquet" in name else "datacheck csv"
    r = ratio(wall(peer), wall(name))
    if r is not None:
        parts.append(f"{label} {r:.2f}×")
if parts:
    w("Other ratios, datacheck's wall time on the same input ÷ the peer's: " + "; ".join(parts) + ".")
    w("")

# --- what datacheck found: the profile is real ---------------------------------------------------
try:
    with open(a.profile_json) as f:
        prof = json.load(f)
    findings = ", ".join(sorted({x.get("check", "?") + (f" ({', '.join(x['columns'])})" if x.get("columns") else "")
                                 for x in prof.get("findings", [])}))
    w(f"datacheck's csv report (bench/data/out.json): {prof.get('rows'):,} rows, "
      f"{prof.get('duplicate_rows'):,} duplicate rows (exact: {str(prof.get('duplicate_rows_exact')).lower()}), "
      f"findings: {findings or 'none'}.")
    w("")
except (OSError, ValueError, TypeError) as e:
    w(f"datacheck's csv report could not be read: {e}")
    w("")

# --- machine and versions -----------------------------------------------------------------------
model = "unknown"
try:
    with open("/proc/cpuinfo") as f:
        model = next((l.split(":", 1)[1].strip() for l in f if l.startswith("model name")), "unknown")
    with open("/proc/meminfo") as f:
        mem = int(f.readline().split()[1]) / 1024 / 1024
except OSError:
    mem = 0
w("## Machine and versions")
w("")
w(f"- Machine: {os.cpu_count()} cores (nproc {sh('nproc')}), {model}, {mem:.1f} GiB memory, "
  f"Linux {platform.release()}; load average {a.load} before the timed runs, {a.load_after} after.")
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
commit = a.commit or sh("git", "-C", root, "rev-parse", "--short", "HEAD") + (
    " with uncommitted changes" if sh("git", "-C", root, "status", "--porcelain", "--", "Sources", "Package.swift") else "")
w(f"- datacheck {sh(a.datacheck, '--version')} built from commit {commit}, "
  f"{sh('swift', '--version').splitlines()[0] if sh('swift', '--version') else 'swift ?'}, `swift build -c release`, `--threads` {os.cpu_count()} "
  "(every core, the default) unless the command says 1 thread.")
peers = ", ".join(f"{p} {importlib.metadata.version(p)}" for p in ("duckdb", "polars", "pandas", "pyarrow", "numpy"))
w(f"- Peers (bench/requirements.txt): {peers}; Python {platform.python_version()}. "
  "Polars, DuckDB and datacheck use every core; pandas one.")
w(f"- Floors: libcsv {sh('dpkg-query', '-W', '-f', '${Version}', 'libcsv-dev') or '?'} "
  f"(bench/csvcount.c, cc -O2), {sh('gzip', '--version').splitlines()[0]}, "
  f"{sh('cat', '--version').splitlines()[0]}.")
print("\n".join(out))
