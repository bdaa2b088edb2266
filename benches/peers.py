"""Runs the same aggregation with cleanweb, DuckDB and Python polars on the same
generated files, checks that the results are identical, and prints median wall time,
CPU time and peak memory (from /usr/bin/time -v) with ratios. Called by peers.sh.

cleanweb checks every row before it aggregates; `duckdb` and `polars` check nothing.
A second DuckDB peer, `duckdb_checked`, does the work cleanweb does: in one DuckDB
process it checks every row by cleanweb's rules, written as SQL in checked.sql, counts
the rows that break one and the repeated ids (both must be 0 on the generated table,
or the benchmark stops), then runs the same aggregation over the checked values.

    peers.py --cleanweb BIN --runs N --files FILE...   the benchmark (cleanweb: the
                                                       first query, --no-cache, and
                                                       cleanweb_repeat: a repeated one)
    peers.py duckdb-checked FILE [--explain]           the checked DuckDB peer alone;
                                                       --explain counts each rule
"""

import argparse
import csv
import io
import os
import re
import statistics
import subprocess
import sys

QUERY_NOTE = "group by month and category; sum(value), sum(coalesce(value_max, value)), count; metric = websites_closed; sorted; CSV"
CHECKED_NOTE = ("duckdb_checked: the same query after checking every row by cleanweb's rules "
                "(benches/checked.sql: rows breaking a rule and repeated ids, both 0)")
CHECKED_SQL = os.path.join(os.path.dirname(os.path.abspath(__file__)), "checked.sql")

# The data contract (src/dataset/mod.rs, OBSERVATION_COLUMNS and REQUIRED_COLUMNS).
COLUMNS = ["id", "date", "period_start", "period_end", "authority", "region", "metric",
           "category", "entity", "value", "value_max", "qualifier", "unit", "basis",
           "quote", "source", "note"]
REQUIRED = ["id", "date", "region", "metric", "value", "qualifier", "unit", "basis", "quote"]
DATE_COLUMNS = ("date", "period_start", "period_end")
COUNT_COLUMNS = ("value", "value_max")
INTEGER_TYPES = {"TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT",
                 "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "UHUGEINT"}
# cleanweb's default --max-field-length, in characters (CSV only).
MAX_FIELD_LENGTH = 10_000


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


def sql_string(text):
    return "'" + text.replace("'", "''") + "'"


def sql_name(name):
    return '"' + name.replace('"', '""') + '"'


def checked_sections():
    """The sections of checked.sql, by the name of their `-- @name` line."""
    sections, name = {}, None
    with open(CHECKED_SQL, encoding="utf-8") as f:
        for line in f:
            if line.startswith("-- @"):
                name = line[4:].strip()
                sections[name] = ""
            elif name:
                sections[name] += line
    return sections


def header_problems(names):
    """The header rules of cleanweb's check_header: every column name, trimmed, is
    a known column, none twice, every required column present."""
    problems, seen = [], set()
    for i, raw in enumerate(names, 1):
        name = raw.strip()
        if not name:
            problems.append(f"column {i}: blank column name in the header")
        elif name not in COLUMNS:
            problems.append(f"column {i}: unknown column {name!r}")
        elif name in seen:
            problems.append(f"column {i}: duplicate column {name!r}")
        seen.add(name)
    problems += [f"required column {name!r} is missing from the header" for name in REQUIRED if name not in seen]
    return problems


def make_cells(con, path, parquet):
    """Creates the view `cells` that checked.sql reads (its header says what each
    column holds) and returns the header's problems. A CSV is read with every column
    as text, so that the rules judge the text; a Parquet file's typed date and integer
    columns are judged as cleanweb judges them (a date with a year in 0..=9999, a count
    of 0 or more), any other column as its text."""
    if parquet:
        source = f"read_parquet({sql_string(path)})"
        described = [(row[0], row[1]) for row in con.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()]
    else:
        # The header is the first record, as cleanweb reads it; DuckDB's sniffer is
        # kept out (it would guess a header and widths from a sample), so a row of the
        # wrong width is an error.
        with open(path, newline="", encoding="utf-8-sig") as f:
            header = next(csv.reader(f), [])
        described = [(name, "VARCHAR") for name in header]
        columns = ", ".join(f"{sql_string(name)}: 'VARCHAR'" for name in header)
        source = (f"read_csv({sql_string(path)}, auto_detect = false, header = true, delim = ',', "
                  f"quote = '\"', escape = '\"', columns = {{{columns}}})")
    problems = header_problems([name for name, _ in described])
    if problems:
        return problems
    present = {name.strip(): (name, typ) for name, typ in described}
    select = []
    for k in COLUMNS:
        if k not in present:
            # An optional column left out reads as empty, as cleanweb reads it.
            if k in DATE_COLUMNS:
                select += [f"NULL::DATE AS {k}", f"false AS {k}_given"]
            elif k in COUNT_COLUMNS:
                select += [f"NULL::BIGINT AS {k}", f"false AS {k}_given"]
            else:
                select.append(f"'' AS {k}")
            continue
        name, typ = present[k]
        c = sql_name(name)
        text = c if typ == "VARCHAR" else f"CAST({c} AS VARCHAR)"
        if k in DATE_COLUMNS and typ == "DATE":
            given, value = f"{c} IS NOT NULL", f"CASE WHEN year({c}) BETWEEN 0 AND 9999 THEN {c} END"
        elif k in COUNT_COLUMNS and typ in INTEGER_TYPES:
            given, value = f"{c} IS NOT NULL", f"CASE WHEN {c} >= 0 THEN try_cast({c} AS BIGINT) END"
        elif k in DATE_COLUMNS:
            # Date::parse: exactly YYYY-MM-DD, and a day the calendar has (DuckDB's
            # calendar is proleptic Gregorian with a year 0, as cleanweb's is).
            given = f"coalesce({text}, '') <> ''"
            value = f"CASE WHEN regexp_full_match({text}, '[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}') THEN try_cast({text} AS DATE) END"
        elif k in COUNT_COLUMNS:
            # parse_count: ASCII digits only (leading zeros allowed), at most i64::MAX.
            given = f"coalesce({text}, '') <> ''"
            value = f"CASE WHEN regexp_full_match({text}, '[0-9]+') THEN try_cast({text} AS BIGINT) END"
        else:
            select.append(f"coalesce({text}, '') AS {k}")
            continue
        select += [f"{value} AS {k}", f"{given} AS {k}_given"]
    if parquet:
        long_field = "false"
    else:
        # Bytes bound characters from above (cleanweb's reader uses this too), so
        # characters are only counted on a row with a field of more bytes than the limit.
        every = [sql_name(name) for name, _ in described]
        many_bytes = " OR ".join(f"strlen({c}) > {MAX_FIELD_LENGTH}" for c in every)
        many_chars = " OR ".join(f"length({c}) > {MAX_FIELD_LENGTH}" for c in every)
        long_field = f"CASE WHEN coalesce({many_bytes}, false) THEN coalesce({many_chars}, false) ELSE false END"
    select.append(f"{long_field} AS has_long_field")
    con.execute(f"CREATE TEMP VIEW cells AS SELECT {', '.join(select)} FROM {source}")
    return problems


def duckdb_checked(argv):
    """The `duckdb_checked` peer: checks FILE by cleanweb's rules and, when it is
    clean, prints the aggregation as CSV; exit status 1 when it is not."""
    ap = argparse.ArgumentParser(prog="peers.py duckdb-checked")
    ap.add_argument("file")
    ap.add_argument("--explain", action="store_true", help="count each rule and show the ids that break it")
    args = ap.parse_args(argv)
    import duckdb

    con = duckdb.connect()
    # The progress bar of a long query would be written into the result.
    con.execute("SET enable_progress_bar = false")
    try:
        check_and_aggregate(con, args.file, args.explain)
    except (duckdb.Error, UnicodeDecodeError) as e:
        # A table DuckDB cannot read (a row of the wrong width, a quote never closed,
        # bytes that are not UTF-8) is refused, as cleanweb refuses it.
        sys.exit(f"duckdb_checked: {args.file}: unreadable: {e}")


def check_and_aggregate(con, path, explain):
    """Query (1) of checked.sql, which must find nothing, then query (2); with
    `explain`, each rule's count and ids first, and no aggregation."""
    sql = checked_sections()
    header = make_cells(con, path, path.endswith(".parquet"))
    if header:
        sys.exit(f"duckdb_checked: {path}: the header breaks a rule:\n" + "\n".join(header))
    con.execute(sql["rules"])
    cell_columns = {row[0] for row in con.execute("DESCRIBE cells").fetchall()}
    rules = [row[0] for row in con.execute("DESCRIBE rules").fetchall() if row[0] not in cell_columns]
    any_rule_broken = f"coalesce({' OR '.join(rules)}, true)"
    if explain:
        for rule in rules:
            n, ids = con.execute(f"SELECT count(*), list(id ORDER BY id)[1:5] FROM rules WHERE coalesce({rule}, true)").fetchone()
            if n:
                print(f"{rule}: {n} rows, ids {ids}")
        repeated = con.execute(
            f"SELECT id, count(*) FROM rules WHERE NOT {any_rule_broken} GROUP BY id HAVING count(*) > 1 ORDER BY id LIMIT 5"
        ).fetchall()
        for id_, n in repeated:
            print(f"repeated id {id_!r}: {n} rows")
    check = sql["check"].replace("{any_rule_broken}", any_rule_broken)
    rows, bad, repeated = con.execute(check).fetchone()
    print(f"checked: {rows} rows, {bad} break a rule, {repeated} repeated ids", file=sys.stderr)
    if rows == 0 or bad or repeated:
        sys.exit(f"duckdb_checked: {path} is not clean: {rows} rows, {bad} break a rule, {repeated} repeated ids")
    if not explain:
        con.execute(sql["aggregate"])


CHECKED_LINE = re.compile(r"^checked: (\d+) rows, (\d+) break a rule, (\d+) repeated ids$", re.M)


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
    return r.stdout, r.stderr, stats


def normalise(text):
    rows = list(csv.reader(io.StringIO(text)))
    return [tuple(r[:5]) for r in rows[1:] if r]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cleanweb", required=True)
    ap.add_argument("--files", nargs="+", required=True)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--before", help="another cleanweb binary (say, of the commit before a change), run in the same rounds")
    args = ap.parse_args()
    print(f"query: {QUERY_NOTE}; median of {args.runs} runs")
    print(f"{CHECKED_NOTE}\n")
    print("| file | tool | wall s | CPU s | peak MiB | wall / fastest peer | memory / DuckDB |")
    print("|---|---|---:|---:|---:|---:|---:|")
    same_checks = []
    for path in args.files:
        parquet = path.endswith(".parquet")
        question = ["aggregate", "--data", path, "--metric", "websites_closed",
                    "--by", "month,category", "--basis", "event", "--format", "csv"]
        query = [args.cleanweb] + question
        tools = {
            # The first query of a table: every check made (--no-cache), every run.
            "cleanweb": query + ["--no-cache"],
            # A repeated query of the unchanged table: found in the cache of tables
            # checked (filled by the warm-up run below), so the quote is not read.
            "cleanweb_repeat": query,
        }
        if args.before:
            before = [args.before] + question
            tools["before"] = before + ["--no-cache"]
            tools["before_repeat"] = before
            measure(before)
        tools |= {
            "duckdb": [sys.executable] + duckdb_script(path, parquet),
            "polars": [sys.executable] + polars_script(path, parquet),
            "duckdb_checked": [sys.executable, os.path.abspath(__file__), "duckdb-checked", path],
        }
        # The tools take turns within each round, so a machine that slows down or
        # speeds up during the benchmark does so for all of them alike.
        results, runs = {}, {name: [] for name in tools}
        measure(query)  # notes the table as checked, for cleanweb_repeat
        for _ in range(args.runs):
            for name, cmd in tools.items():
                out, err, stats = measure(cmd)
                runs[name].append(stats)
                results[name] = normalise(out)
                if name == "duckdb_checked":
                    # Its checks must have run and found nothing (it also exits 1 if not).
                    found = CHECKED_LINE.search(err)
                    if not found or found.group(2) != "0" or found.group(3) != "0" or found.group(1) == "0":
                        sys.exit(f"duckdb_checked did not find {path} clean:\n{err[-2000:]}")
        medians = {name: {k: statistics.median(r[k] for r in rs) for k in rs[0]} for name, rs in runs.items()}
        reference = results["duckdb"]
        for name, rows in results.items():
            if rows != reference:
                sys.exit(f"{name} disagrees with duckdb on {path}:\n{rows[:3]}\n{reference[:3]}")
        fastest_peer = min(medians["duckdb"]["wall"], medians["polars"]["wall"])
        for name, m in medians.items():
            print(f"| {path.rsplit('/', 1)[-1]} | {name} | {m['wall']:.2f} | {m['user'] + m['sys']:.2f} | "
                  f"{m['rss_mib']:.0f} | {m['wall'] / fastest_peer:.2f} | {m['rss_mib'] / medians['duckdb']['rss_mib']:.2f} |")
        c, d = medians["cleanweb"], medians["duckdb_checked"]
        same_checks.append(f"- {path.rsplit('/', 1)[-1]}: wall {c['wall'] / d['wall']:.2f}, "
                           f"CPU {(c['user'] + c['sys']) / (d['user'] + d['sys']):.2f}, "
                           f"peak memory {c['rss_mib'] / d['rss_mib']:.2f}")
    print("\ncleanweb / DuckDB with the same checks (duckdb_checked):")
    print("\n".join(same_checks))
    print("\nall results identical; duckdb_checked found 0 rows breaking a rule and 0 repeated ids")


if __name__ == "__main__":
    if sys.argv[1:2] == ["duckdb-checked"]:
        duckdb_checked(sys.argv[2:])
    else:
        main()
