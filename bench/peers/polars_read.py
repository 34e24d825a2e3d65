"""Polars' floor: a bare read of the file and nothing else.

usage: polars_read.py PATH [LABEL]   (LABEL is accepted and unused; a .parquet PATH uses read_parquet)

CSV: pl.read_csv(PATH) with no options (no null tokens, no date parsing), the least work Polars
does to have the table in memory.
"""
import sys

import polars as pl

path = sys.argv[1]
df = pl.read_parquet(path) if path.endswith(".parquet") else pl.read_csv(path)
print(f"{df.height} rows, {df.width} columns")
