"""Writes dictionary_fallback.parquet and its twin dictionary_fallback.csv, the fixture
of tests/test_reader.rs's test of Parquet dictionary codes (run from this folder with
pyarrow installed; the files are committed, so the tests need no Python).

600 observations in row groups of 200, written by pyarrow as a writer outside polars
would write them: the dictionary of a column chunk is kept small, so the category
column's chunks begin with a dictionary page and go on with plain pages (which
cleanweb's dictionary decoding refuses and reads as text), while the short columns
stay dictionary-encoded throughout; the entity column is null on a fourth of its rows.
"""
import csv
import datetime

import pyarrow as pa
import pyarrow.parquet as pq

COLUMNS = ["id", "date", "period_start", "period_end", "authority", "region", "metric",
           "category", "entity", "value", "value_max", "qualifier", "unit", "basis",
           "quote", "source", "note"]
METRICS = ["websites_closed", "accounts_removed", "reports_received"]
REGIONS = ["national", "Province 01", "Province 02", "City 04"]
ENTITIES = ["forum", "app", "site"]

rows = []
for i in range(600):
    value = (i * 7919) % 100_000
    ranged = i % 5 == 0
    rows.append({
        "id": f"obs_{i}",
        "date": datetime.date(2014, 1, 1) + datetime.timedelta(days=(i * 37) % 365),
        "period_start": None,
        "period_end": None,
        "authority": "National Office of the Example Campaign",
        "region": REGIONS[i % len(REGIONS)],
        "metric": METRICS[i % len(METRICS)],
        # 150 distinct words: far more than a dictionary page of 256 bytes holds.
        "category": f"category_{(i * 13) % 150}",
        "entity": None if i % 4 == 0 else ENTITIES[i % len(ENTITIES)],
        "value": value,
        "value_max": value + 1000 if ranged else None,
        "qualifier": "range" if ranged else "exact",
        "unit": "count",
        "basis": "event",
        "quote": f"closed {value} sites, the office said",
        "source": "generated",
        "note": f"fixture row {i}",
    })

types = {"date": pa.date32(), "period_start": pa.date32(), "period_end": pa.date32(),
         "value": pa.int64(), "value_max": pa.int64()}
schema = pa.schema([(c, types.get(c, pa.string())) for c in COLUMNS])
table = pa.Table.from_pylist(rows, schema=schema)
pq.write_table(table, "dictionary_fallback.parquet", row_group_size=200,
               dictionary_pagesize_limit=256, data_page_size=512, write_batch_size=16,
               compression="zstd")

with open("dictionary_fallback.csv", "w", newline="") as f:
    out = csv.writer(f, lineterminator="\n")
    out.writerow(COLUMNS)
    for r in rows:
        out.writerow(["" if r[c] is None else r[c] for c in COLUMNS])
