"""DuckDB's full profile of a table, the equivalent of `datacheck profile FILE --label LABEL`.

usage: duckdb_profile.py PATH LABEL   (a .parquet PATH is read with read_parquet)

Loads the file once into an in-memory table (CSV: `NA` and empty fields as null), then SUMMARIZE
(min, max, approximate distinct, mean, std, quartiles, count, null percentage of every column),
the label counts (GROUP BY) and the duplicate rows (count(*) minus the distinct rows).
"""
import sys

import duckdb

path, label = sys.argv[1], sys.argv[2]
con = duckdb.connect()
if path.endswith(".parquet"):
    con.execute("CREATE TABLE t AS SELECT * FROM read_parquet(?)", [path])
else:
    con.execute("CREATE TABLE t AS SELECT * FROM read_csv(?, header = true, nullstr = ['NA', ''])", [path])

summary = con.execute("SUMMARIZE t").fetchall()
qlabel = '"' + label.replace('"', '""') + '"'
labels = con.execute(f"SELECT {qlabel}, count(*) FROM t GROUP BY ALL ORDER BY 1").fetchall()
rows, duplicated = con.execute(
    "SELECT (SELECT count(*) FROM t), (SELECT count(*) FROM t) - (SELECT count(*) FROM (SELECT DISTINCT * FROM t))"
).fetchone()

print(f"{rows} rows, {len(summary)} columns, {duplicated} duplicate rows")
print(labels)
