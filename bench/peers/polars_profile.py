"""Polars' full profile of a table, the equivalent of `datacheck profile FILE --label LABEL`.

usage: polars_profile.py PATH LABEL   (a .parquet PATH is read with read_parquet)

Reads the file (CSV: `NA` and empty fields as null, ISO dates parsed, as datacheck reads them),
then describe() (count, nulls, mean, std, min, quartiles, max), null_count(), n_unique() of every
column, value_counts() of the label and is_duplicated() over whole rows. Prints a short summary so
that nothing is optimised away.
"""
import sys

import polars as pl

path, label = sys.argv[1], sys.argv[2]
if path.endswith(".parquet"):
    df = pl.read_parquet(path)
else:
    df = pl.read_csv(path, null_values=["NA"], try_parse_dates=True)

describe = df.describe()
nulls = df.null_count()
distinct = df.select(pl.all().n_unique())
labels = df[label].value_counts()
duplicated = int(df.is_duplicated().sum())

print(f"{df.height} rows, {df.width} columns, {duplicated} rows in duplicate groups")
print(f"describe {describe.shape}, nulls {nulls.row(0)}, distinct {distinct.row(0)}")
print(labels.sort(label).rows())
