"""Writes the fixtures of tests/test_parquet_writers.rs's test of column types that
are not read: the eight rows of ../writers/duckdb_copy.csv copied by DuckDB with one
column of a nested or other type (or a timestamp in a time zone) (run from anywhere with duckdb installed; the
files are committed, so the tests need no Python).
"""
import os

import duckdb

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.join(HERE, "..", "writers", "duckdb_copy.csv")

# The file, and the column it replaces with a value of another type.
CASES = {
    "map": "map([metric], [1]) AS note",
    "struct": "{'name': category} AS category",
    "list": "[category] AS category",
    "interval": "INTERVAL 1 DAY AS note",
    "timestamp_zone": "CAST(date AS TIMESTAMPTZ) AS date",
}

con = duckdb.connect()
con.execute("SET TimeZone = 'UTC'")
for name, column in CASES.items():
    dst = os.path.join(HERE, name + ".parquet")
    con.execute(f"COPY (SELECT * REPLACE ({column}) FROM read_csv('{SOURCE}')) "
                f"TO '{dst}' (FORMAT parquet)")
