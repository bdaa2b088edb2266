"""Writes the Parquet fixtures of tests/test_parquet_writers.rs: one small, valid
observation table written by pyarrow, DuckDB and polars as each writes it, with
its options varied, and beside each NAME.parquet its twin NAME.csv (the same rows
as CSV), which the tests compare it with.

Run from anywhere with pyarrow, duckdb and polars installed (see README.md); the
files are committed, so the tests need no Python.
"""
import csv
import datetime
import decimal
import os
import tempfile

import duckdb
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq

HERE = os.path.dirname(os.path.abspath(__file__))

COLUMNS = ["id", "date", "period_start", "period_end", "authority", "region", "metric",
           "category", "entity", "value", "value_max", "qualifier", "unit", "basis",
           "quote", "source", "note"]
DATES = ["date", "period_start", "period_end"]
COUNTS = ["value", "value_max"]
# The optional columns left null on every row of a table "all null".
NULLED = ["period_start", "period_end", "category", "entity", "value_max", "note"]

OFFICE = "National Office Against Pornographic and Illegal Publications"
CENTRE = "Illegal and Harmful Information Reporting Center"
D = datetime.date


def base_rows():
    """Eight figures of the 2014 campaign's kind, of every basis and qualifier."""
    rows = [
        ("sites_closed_2014_04", D(2014, 4, 28), None, None, OFFICE, "national",
         "websites_closed", "pornography", None, 110, None, "exact", "count", "event",
         "closed 110 websites", "s1", "first week of the campaign"),
        ("accounts_closed_2014_04", D(2014, 4, 30), None, None, OFFICE, "national",
         "accounts_closed", "pornography", None, 3300, None, "at_least", "count", "event",
         "more than 3300 accounts", "s1", None),
        ("reports_2014_09", D(2014, 10, 10), D(2014, 9, 1), D(2014, 9, 30), CENTRE,
         "national", "reports_received", "pornography", None, 180000, None, "approx",
         "count", "period", "about 180000 reports in September", "s2", None),
        ("sites_closed_total_2014_05", D(2014, 5, 20), D(2014, 4, 13), D(2014, 5, 20),
         OFFICE, "national", "websites_closed", None, None, 1000, 1200, "range", "count",
         "cumulative", "between 1000 and 1200 websites so far", "s1", None),
        ("sites_closed_total_2014_06", D(2014, 6, 30), D(2014, 4, 13), D(2014, 6, 30),
         OFFICE, "national", "websites_closed", None, None, 2000, None, "exact", "count",
         "cumulative", "2000 websites closed since April", "s1", "restated later"),
        ("beijing_sites_2014_05", D(2014, 5, 15), None, None,
         "Beijing Internet Information Office", "Beijing", "websites_closed", "fraud",
         "Sina", 20, None, "exact", "count", "event", "20 channels of Sina closed", "s3",
         None),
        ("guangdong_fine_2014_07", D(2014, 7, 1), None, None,
         "Guangdong Press and Publication Bureau", "Guangdong", "fines_yuan", "piracy",
         "Xunlei", 500000, None, "exact", "yuan", "event", "fined 500000 yuan", "s3", None),
        ("arrests_2014_08", D(2014, 8, 1), None, None, "Ministry of Public Security",
         "national", "arrests", "rumors", None, 80, None, "at_least", "count", "event",
         "more than 80 people were detained", "s2", "figure from a press conference"),
    ]
    return [dict(zip(COLUMNS, r)) for r in rows]


def all_null_rows():
    """The same figures as events, every column of NULLED null on every row."""
    rows = []
    for r in base_rows():
        r = dict(r)
        for c in NULLED:
            r[c] = None
        r["basis"] = "event"
        if r["qualifier"] == "range":
            r["qualifier"] = "at_least"
        rows.append(r)
    return rows


def schema(null_typed=()):
    def kind(c):
        if c in null_typed:
            return pa.null()
        if c in DATES:
            return pa.date32()
        if c in COUNTS:
            return pa.int64()
        return pa.string()
    return pa.schema([(c, kind(c)) for c in COLUMNS])


def write_csv(rows, name):
    with open(os.path.join(HERE, name + ".csv"), "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(COLUMNS)
        for r in rows:
            out.writerow(["" if r[c] is None else r[c] for c in COLUMNS])


def pyarrow_file(name, rows, null_typed=(), **options):
    table = pa.Table.from_pylist(rows, schema=schema(null_typed))
    pq.write_table(table, os.path.join(HERE, name + ".parquet"), **options)
    write_csv(rows, name)


def pyarrow_with_empty_row_group(name, rows):
    """A streaming writer's file: a batch of no rows between two of four."""
    table = pa.Table.from_pylist(rows, schema=schema())
    with pq.ParquetWriter(os.path.join(HERE, name + ".parquet"), table.schema) as w:
        w.write_table(table.slice(0, 4))
        w.write_table(table.slice(4, 0))
        w.write_table(table.slice(4))
    write_csv(rows, name)


def duckdb_file(name, rows, options=""):
    """DuckDB's COPY of the CSV twin, its columns typed as read_csv detects them."""
    write_csv(rows, name)
    src = os.path.join(HERE, name + ".csv")
    dst = os.path.join(HERE, name + ".parquet")
    con = duckdb.connect()
    con.execute(f"COPY (SELECT * FROM read_csv('{src}')) TO '{dst}' (FORMAT parquet{options})")


def duckdb_decimal_file(name, rows):
    """DuckDB's COPY with value and value_max typed DECIMAL(18,2), as an export of
    amounts types them; one amount with a fraction (500000.50 yuan)."""
    rows = [dict(r) for r in rows]
    for r in rows:
        if r["id"] == "guangdong_fine_2014_07":
            r["value"] = decimal.Decimal("500000.5")
        for c in COUNTS:
            if r[c] is not None:
                r[c] = f"{decimal.Decimal(r[c]):.2f}"
    write_csv(rows, name)
    src = os.path.join(HERE, name + ".csv")
    dst = os.path.join(HERE, name + ".parquet")
    cast = ", ".join(f"CAST({c} AS DECIMAL(18,2)) AS {c}" for c in COUNTS)
    types = ", ".join(f"'{c}': 'VARCHAR'" for c in COUNTS)
    con = duckdb.connect()
    con.execute(f"COPY (SELECT * REPLACE ({cast}) FROM read_csv('{src}', types={{{types}}})) "
                f"TO '{dst}' (FORMAT parquet)")


def duckdb_timestamp_file(name, rows):
    """DuckDB's COPY with the date columns typed TIMESTAMP, at midnight, as pandas
    writes a column of dates it parsed."""
    write_csv(rows, name)
    src = os.path.join(HERE, name + ".csv")
    dst = os.path.join(HERE, name + ".parquet")
    cast = ", ".join(f"CAST({c} AS TIMESTAMP) AS {c}" for c in DATES)
    con = duckdb.connect()
    con.execute(f"COPY (SELECT * REPLACE ({cast}) FROM read_csv('{src}')) "
                f"TO '{dst}' (FORMAT parquet)")


def polars_file(name, rows, **options):
    """polars' write_parquet of the CSV twin, read with its dates parsed."""
    write_csv(rows, name)
    df = pl.read_csv(os.path.join(HERE, name + ".csv"), try_parse_dates=True,
                     infer_schema_length=None)
    df.write_parquet(os.path.join(HERE, name + ".parquet"), **options)


def polars_categorical_file(name, rows):
    """polars' write_parquet with the text columns of a vocabulary typed as a
    dictionary: `Categorical` and `Enum`, as pandas' `category` is written too."""
    write_csv(rows, name)
    df = pl.read_csv(os.path.join(HERE, name + ".csv"), try_parse_dates=True,
                     infer_schema_length=None)
    df = df.with_columns(
        pl.col("region", "unit", "basis", "authority").cast(pl.Categorical),
        pl.col("qualifier").cast(pl.Enum(sorted(set(df["qualifier"])))),
        pl.col("metric").cast(pl.Enum(sorted(set(df["metric"])))),
    )
    df.write_parquet(os.path.join(HERE, name + ".parquet"))


def main():
    base, nulls = base_rows(), all_null_rows()
    # pyarrow, its defaults: an all-null text column is a dictionary of no words.
    pyarrow_file("pyarrow_default", base)
    pyarrow_file("pyarrow_default_all_null", nulls)
    # pandas' and from_pylist's inference: a column of None only is of type null.
    pyarrow_file("pyarrow_null_typed", nulls, null_typed=NULLED)
    pyarrow_file("pyarrow_no_dictionary", nulls, use_dictionary=False)
    pyarrow_file("pyarrow_no_statistics", nulls, write_statistics=False)
    pyarrow_file("pyarrow_page_v2", nulls, data_page_version="2.0", compression="zstd")
    # Many pages a chunk.
    pyarrow_file("pyarrow_tiny_pages", base, data_page_size=64, write_batch_size=1)
    # Dictionary pages and plain pages in one chunk: the dictionary fills after a
    # few words and the writer goes on in plain pages.
    pyarrow_file("pyarrow_dictionary_fallback", base, dictionary_pagesize_limit=40,
                 data_page_size=64, write_batch_size=1)
    # A row group a row: a column null on one row is a chunk of an empty dictionary.
    pyarrow_file("pyarrow_row_group_per_row", base, row_group_size=1)
    pyarrow_file("pyarrow_row_group_per_row_all_null", nulls, row_group_size=1,
                 write_statistics=False)
    pyarrow_with_empty_row_group("pyarrow_empty_row_group", base)
    duckdb_file("duckdb_copy", base)
    duckdb_file("duckdb_copy_all_null", nulls)
    duckdb_file("duckdb_copy_uncompressed", nulls, ", COMPRESSION uncompressed")
    duckdb_decimal_file("duckdb_decimal", base)
    duckdb_timestamp_file("duckdb_timestamp", base)
    polars_file("polars_default", base)
    polars_file("polars_default_all_null", nulls)
    polars_file("polars_no_statistics", nulls, statistics=False)
    polars_file("polars_row_group_per_row", base, row_group_size=1)
    polars_categorical_file("polars_categorical", base)


if __name__ == "__main__":
    main()
