#!/usr/bin/env python3
"""Writes a seeded, realistic ML table as CSV, for measuring datacheck on large input.

usage: scripts/gen_table.py ROWS OUT.csv [--seed N]

Columns: an integer id, an integer age with 5 % missing, a float income with 10 % `NA`, a
200-value Zipf-like categorical, a 4-value categorical, an ISO date, free text with quoted
commas and quotes, and a yes/no label with about 15 % yes. Standard library only.
"""
import argparse
import datetime
import random

parser = argparse.ArgumentParser()
parser.add_argument("rows", type=int)
parser.add_argument("out")
parser.add_argument("--seed", type=int, default=1)
args = parser.parse_args()

rng = random.Random(args.seed)
cities = [f"city_{i:03d}" for i in range(200)]
weights = [1 / (i + 1) for i in range(200)]
plans = ["basic", "plus", "pro", "enterprise"]
words = ["alpha", "beta", "gamma", "delta", "it's", "said \"hi\"", "a, b", "x"]
start = datetime.date(2020, 1, 1)

with open(args.out, "w", newline="") as f:
    f.write("id,age,income,city,plan,signup_date,note,churned\n")
    batch = []
    for i in range(args.rows):
        age = "" if rng.random() < 0.05 else str(rng.randint(18, 90))
        income = "NA" if rng.random() < 0.10 else f"{rng.lognormvariate(10.8, 0.5):.2f}"
        city = rng.choices(cities, weights)[0]
        plan = plans[rng.randrange(4)]
        day = (start + datetime.timedelta(days=rng.randrange(1500))).isoformat()
        note = " ".join(rng.choice(words) for _ in range(rng.randint(1, 4)))
        note = '"' + note.replace('"', '""') + '"' if ('"' in note or "," in note) else note
        label = "yes" if rng.random() < 0.15 else "no"
        batch.append(f"{i},{age},{income},{city},{plan},{day},{note},{label}\n")
        if len(batch) == 10000:
            f.write("".join(batch))
            batch = []
    f.write("".join(batch))
