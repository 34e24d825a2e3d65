"""pandas' full profile of a table, the equivalent of `datacheck profile FILE --label LABEL`.

usage: pandas_profile.py PATH LABEL   (a .parquet PATH is read with read_parquet)

Reads the file (read_csv's defaults: `NA` and empty fields are missing), then
describe(include='all'), isna().sum(), nunique(), value_counts() of the label and
duplicated().sum() over whole rows. Prints a short summary so that nothing is optimised away.
"""
import sys

import pandas as pd

path, label = sys.argv[1], sys.argv[2]
if path.endswith(".parquet"):
    df = pd.read_parquet(path)
else:
    df = pd.read_csv(path)

describe = df.describe(include="all")
nulls = df.isna().sum()
distinct = df.nunique()
labels = df[label].value_counts()
duplicated = int(df.duplicated().sum())

print(f"{len(df)} rows, {df.shape[1]} columns, {duplicated} duplicate rows")
print(f"describe {describe.shape}, nulls {nulls.to_dict()}, distinct {distinct.to_dict()}")
print(labels.sort_index().to_dict())
