"""Runs the same aggregation with cleanweb, DuckDB and Python polars on the same
generated files, checks that the results are identical, and prints median wall time,
CPU time and peak memory (from /usr/bin/time -v) with ratios. Called by peers.sh."""

import argparse
import csv
import io
import statistics
import subprocess
import sys

QUERY_NOTE = "group by month and category; sum(value), sum(coalesce(value_max, value)), count; metric = websites_closed; sorted; CSV"


def duckdb_script(path, parquet):
    month = "strftime(date, '%Y-%m')" if parquet else "substr(date, 1, 7)"
    source = f"read_parquet('{path}')" if parquet else f"read_csv('{path}', types={{'date': 'VARCHAR'}})"
    sql = (
        f"COPY (SELECT {month} AS month, category, sum(value) AS low, "
        f"sum(coalesce(value_max, value)) AS high, count(*) AS n FROM {source} "
        f"WHERE metric = 'websites_closed' GROUP BY ALL ORDER BY ALL) TO '/dev/stdout' (HEADER, DELIMITER ',')"
    )
    # The progress bar of a long query would be written into the result.
    return ["-c", f"import duckdb; duckdb.sql('SET enable_progress_bar = false'); duckdb.sql({sql!r})"]


def polars_script(path, parquet):
    scan = f"pl.scan_parquet({path!r})" if parquet else f"pl.scan_csv({path!r}, schema_overrides={{'date': pl.String}})"
    month = "pl.col('date').dt.strftime('%Y-%m')" if parquet else "pl.col('date').str.slice(0, 7)"
    code = (
        "import sys, polars as pl\n"
        f"df = ({scan}.filter(pl.col('metric') == 'websites_closed')"
        f".group_by(month={month}, category=pl.col('category'))"
        ".agg(low=pl.col('value').sum(), high=pl.coalesce('value_max', 'value').sum(), n=pl.len())"
        ".sort('month', 'category').collect(engine='streaming'))\n"
        "df.write_csv(sys.stdout)\n"
    )
    return ["-c", code]


def measure(cmd):
    r = subprocess.run(["/usr/bin/time", "-v"] + cmd, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd[:3])}...\n{r.stderr[-2000:]}")
    stats = {}
    for line in r.stderr.splitlines():
        line = line.strip()
        if line.startswith("Elapsed (wall clock) time"):
            t = line.rsplit(" ", 1)[1]
            parts = [float(x) for x in t.split(":")]
            stats["wall"] = sum(p * 60 ** i for i, p in enumerate(reversed(parts)))
        elif line.startswith("User time"):
            stats["user"] = float(line.rsplit(" ", 1)[1])
        elif line.startswith("System time"):
            stats["sys"] = float(line.rsplit(" ", 1)[1])
        elif line.startswith("Maximum resident set size"):
            stats["rss_mib"] = int(line.rsplit(" ", 1)[1]) / 1024
    return r.stdout, stats


def normalise(text):
    rows = list(csv.reader(io.StringIO(text)))
    return [tuple(r[:5]) for r in rows[1:] if r]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cleanweb", required=True)
    ap.add_argument("--files", nargs="+", required=True)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    print(f"query: {QUERY_NOTE}; median of {args.runs} runs\n")
    print("| file | tool | wall s | CPU s | peak MiB | wall / fastest peer | memory / DuckDB |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for path in args.files:
        parquet = path.endswith(".parquet")
        tools = {
            "cleanweb": [args.cleanweb, "aggregate", "--data", path, "--metric", "websites_closed",
                         "--by", "month,category", "--basis", "event", "--format", "csv"],
            "duckdb": [sys.executable] + duckdb_script(path, parquet),
            "polars": [sys.executable] + polars_script(path, parquet),
        }
        # The tools take turns within each round, so a machine that slows down or
        # speeds up during the benchmark does so for all of them alike.
        results, runs = {}, {name: [] for name in tools}
        for _ in range(args.runs):
            for name, cmd in tools.items():
                out, stats = measure(cmd)
                runs[name].append(stats)
                results[name] = normalise(out)
        medians = {name: {k: statistics.median(r[k] for r in rs) for k in rs[0]} for name, rs in runs.items()}
        reference = results["duckdb"]
        for name, rows in results.items():
            if rows != reference:
                sys.exit(f"{name} disagrees with duckdb on {path}:\n{rows[:3]}\n{reference[:3]}")
        fastest_peer = min(medians["duckdb"]["wall"], medians["polars"]["wall"])
        for name, m in medians.items():
            print(f"| {path.rsplit('/', 1)[-1]} | {name} | {m['wall']:.2f} | {m['user'] + m['sys']:.2f} | "
                  f"{m['rss_mib']:.0f} | {m['wall'] / fastest_peer:.2f} | {m['rss_mib'] / medians['duckdb']['rss_mib']:.2f} |")
    print("\nall results identical")


if __name__ == "__main__":
    main()
