#!/usr/bin/env python3
"""Writes the benchmark table: a seeded, realistic ML table as CSV, gzip CSV and Parquet.

usage: bench/generate.py ROWS OUT_DIR [--seed N] [--chunk N]

Writes OUT_DIR/table.csv, OUT_DIR/table.csv.gz (gzip -1, compressed while the CSV is written)
and OUT_DIR/table.parquet (pyarrow, snappy, one row group per chunk of 1M rows). The three hold
the same rows and values. About 100 bytes per CSV row: 10M rows are about 1 GB.

Columns:
  id           integer, unique apart from the duplicate rows
  age          integer 18..90, 5 % missing (an empty field; null in Parquet)
  income       float, log-normal, 2 decimals, 10 % missing (`NA`; null in Parquet)
  city         one of 200 values, Zipf-distributed (weight 1/rank^1.1)
  plan         one of 4 values, unequal shares
  signup_date  ISO date (YYYY-MM-DD), 2019-01-01 .. 2024-12-31
  note         free text, mostly unique (a phrase and a reference number); about a third of the
               rows need quoting: commas, doubled quotes, and an embedded newline in ~0.1 %
  score        float in (0, 1), correlated with the label (a useful, honest feature)
  leak         planted proxy: ~0.9 for yes and ~0.1 for no, with 0.5 % of rows swapped
  label        yes / no, about 15 % yes
and 0.5 % of the rows are exact copies of another row of the same chunk, placed at random.

Memory stays at a few hundred MiB whatever ROWS is: rows are made, written and dropped a chunk
at a time. The values are built as Arrow arrays and each CSV line is joined in Arrow's C++
kernels: 10M rows take a minute or two, gzip running alongside.
"""
import argparse
import os
import subprocess
import sys

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

COLUMNS = ["id", "age", "income", "city", "plan", "signup_date", "note", "score", "leak", "label"]
DUP_RATE = 0.005
NEWLINE_RATE = 0.001

parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("rows", type=int)
parser.add_argument("out_dir")
parser.add_argument("--seed", type=int, default=1)
parser.add_argument("--chunk", type=int, default=1_000_000, help="rows per chunk and row group")
args = parser.parse_args()

rng = np.random.default_rng(args.seed)
os.makedirs(args.out_dir, exist_ok=True)

# --- fixed vocabularies (drawn from the same seed) ---------------------------------------------
syllables = ["ka", "lo", "ven", "ria", "mar", "do", "sel", "ton", "bra", "gu", "mi", "est", "por", "an"]
cities = []
while len(cities) < 200:
    n = int(rng.integers(2, 4))
    name = "".join(syllables[int(k)] for k in rng.integers(0, len(syllables), n)).capitalize()
    if name not in cities:
        cities.append(name)
zipf = 1.0 / np.arange(1, 201) ** 1.1
zipf /= zipf.sum()
plans = ["basic", "plus", "pro", "enterprise"]
plan_p = np.array([0.55, 0.25, 0.15, 0.05])

words = ["late", "delivery", "refund", "asked", "about", "pricing", "app", "crashes", "on", "login",
         "great", "support", "slow", "export", "wants", "discount", "billing", "error", "the",
         "team", "renewal", "upgrade", "cancel", "maybe", "next", "month", "call", "back"]
extras = [", again", ", twice", ' "urgent"', ' said "fine"', ", see ticket", " (5\" screen)"]


def phrase(with_newline):
    """A note phrase (unescaped). Some carry commas and quotes; with_newline adds a line break."""
    w = [words[int(k)] for k in rng.integers(0, len(words), int(rng.integers(3, 7)))]
    text = " ".join(w)
    if rng.random() < 0.35:
        text += extras[int(rng.integers(0, len(extras)))]
    if with_newline:
        text += "\nfollow-up"
    return text


POOL = 4096
NL_POOL = 64
pool = [phrase(False) for _ in range(POOL)] + [phrase(True) for _ in range(NL_POOL)]


def csv_field(s):
    """A phrase's CSV form, split around the reference number that follows it in the field."""
    needs = any(c in s for c in ',"\n\r')
    q = '"' if needs else ""
    return q + s.replace('"', '""') + " #", q


pool_open = pa.array([csv_field(s)[0] for s in pool])
pool_close = pa.array([csv_field(s)[1] for s in pool])
pool_raw = pa.array([s + " #" for s in pool])

# --- one chunk ---------------------------------------------------------------------------------
date0 = np.datetime64("2019-01-01")
date_span = int((np.datetime64("2024-12-31") - date0).astype(int)) + 1


def chunk(first_id, n):
    """Returns (arrow table of n rows with duplicates placed, csv bytes of those rows)."""
    n_dup = int(round(n * DUP_RATE))
    nb = n - n_dup  # base rows, each unique

    ids = np.arange(first_id, first_id + nb, dtype=np.int64)
    age = rng.integers(18, 91, nb)
    age_null = rng.random(nb) < 0.05
    income = np.round(np.exp(rng.normal(10.8, 0.5, nb)), 2)
    income_null = rng.random(nb) < 0.10
    city = rng.choice(200, nb, p=zipf)
    plan = rng.choice(4, nb, p=plan_p)
    days = date0 + rng.integers(0, date_span, nb).astype("timedelta64[D]")
    note_pick = np.where(rng.random(nb) < NEWLINE_RATE,
                         POOL + rng.integers(0, NL_POOL, nb), rng.integers(0, POOL, nb))
    note_ref = rng.integers(0, 10_000_000, nb)
    y = rng.random(nb) < 0.15
    score = np.round(1.0 / (1.0 + np.exp(-(rng.normal(0.0, 1.0, nb) - 1.7 + 1.6 * y))), 4)
    flip = rng.random(nb) < 0.005
    leak = np.round(np.where(y ^ flip, 0.9, 0.1) + rng.normal(0.0, 0.03, nb), 4)

    # Place the duplicates: copies of random base rows inserted at random positions.
    base = np.arange(nb)
    order = np.insert(base, np.sort(rng.integers(0, nb + 1, n_dup)), rng.integers(0, nb, n_dup))

    ref = pc.cast(pa.array(note_ref), pa.string())
    pick = pa.array(note_pick)
    t = pa.table({
        "id": pa.array(ids),
        "age": pa.array(age, mask=age_null),
        "income": pa.array(income, mask=income_null),
        "city": pc.take(pa.array(cities), pa.array(city)),
        "plan": pc.take(pa.array(plans), pa.array(plan)),
        "signup_date": pa.array(days, type=pa.date32()),
        "note": pc.binary_join_element_wise(pc.take(pool_raw, pick), ref, ""),
        "score": pa.array(score),
        "leak": pa.array(leak),
        "label": pc.if_else(pa.array(y), "yes", "no"),
    })
    note_csv = pc.binary_join_element_wise(pc.take(pool_open, pick), ref, pc.take(pool_close, pick), "")
    t = t.take(pa.array(order))
    note_csv = note_csv.take(pa.array(order))

    def s(col):
        return pc.cast(t[col], pa.string())

    line = pc.binary_join_element_wise(
        s("id"), pc.fill_null(s("age"), ""), pc.fill_null(s("income"), "NA"), t["city"], t["plan"],
        s("signup_date"), note_csv, s("score"), s("leak"), pc.binary_join_element_wise(t["label"], "\n", ""),
        ",")
    line = line.combine_chunks() if isinstance(line, pa.ChunkedArray) else line
    # A string array without nulls keeps its values back to back: its data buffer is the CSV text.
    offsets = np.frombuffer(line.buffers()[1], dtype=np.int32, count=len(line) + 1, offset=line.offset * 4)
    data = line.buffers()[2].to_pybytes()[offsets[0]:offsets[-1]]
    return t, data


csv_path = os.path.join(args.out_dir, "table.csv")
gz_path = os.path.join(args.out_dir, "table.csv.gz")
pq_path = os.path.join(args.out_dir, "table.parquet")
header = (",".join(COLUMNS) + "\n").encode()

with open(csv_path, "wb") as csv_out, open(gz_path, "wb") as gz_out:
    gz = subprocess.Popen(["gzip", "-1", "-c"], stdin=subprocess.PIPE, stdout=gz_out)
    writer = None
    csv_out.write(header)
    gz.stdin.write(header)
    done = 0
    while done < args.rows:
        n = min(args.chunk, args.rows - done)
        t, data = chunk(done, n)
        csv_out.write(data)
        gz.stdin.write(data)
        if writer is None:
            writer = pq.ParquetWriter(pq_path, t.schema, compression="snappy")
        writer.write_table(t, row_group_size=args.chunk)
        done += n
        print(f"\r{done:,} rows", end="", file=sys.stderr, flush=True)
    writer.close()
    gz.stdin.close()
    if gz.wait() != 0:
        sys.exit("gzip failed")
print(file=sys.stderr)
for p in (csv_path, gz_path, pq_path):
    print(f"{p}: {os.path.getsize(p):,} bytes", file=sys.stderr)
