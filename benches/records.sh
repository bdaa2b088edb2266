#!/usr/bin/env bash
# A record list of ROWS rows (one row per deleted post: day, platform, reason, id),
# read through its mapping and counted by month and by month and platform: wall time
# and peak memory, interleaved with DuckDB counting the same rows (see BENCHMARKS.md,
# "A record list of 10 million rows").
#   ROWS=10000000 RUNS=3 benches/records.sh
# DuckDB is the Python package in the bench venv (benches/peers.sh installs it).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/cleanweb-target}"
ROWS="${ROWS:-10000000}"
RUNS="${RUNS:-3}"
DATA="${BENCH_DATA:-$HOME/.cache/cleanweb-bench}"
PY="${BENCH_PYTHON:-$DATA/venv/bin/python}"
cargo build --release --quiet --bins
BIN="$CARGO_TARGET_DIR/release/cleanweb"
pkg="$DATA/records-$ROWS"
mkdir -p "$pkg"
if [[ ! -f $pkg/posts.csv ]]; then
  # Days of 2014, four platforms, five reasons, a unique id: deterministic.
  awk -v n="$ROWS" 'BEGIN {
    srand(7); split("Weibo WeChat Tieba QQ", p, " "); split("rumours pornography fraud gambling other", r, " ");
    print "Deleted On,Platform,Reason,Post ID";
    for (i = 0; i < n; i++) {
      d = int(rand() * 365); m = 1; split("31 28 31 30 31 30 31 31 30 31 30 31", len, " ");
      while (d >= len[m]) { d -= len[m]; m++ }
      printf "2014-%02d-%02d,%s,%s,p%09d\n", m, d + 1, p[int(rand() * 4) + 1], r[int(rand() * 5) + 1], i
    }
  }' > "$pkg/posts.csv.tmp"
  mv "$pkg/posts.csv.tmp" "$pkg/posts.csv"
fi
cat > "$pkg/datapackage.json" <<'JSON'
{"name": "records-bench", "title": "Generated record list",
 "sources": [{"name": "generated", "title": "benches/records.sh"}],
 "resources": [{"name": "posts", "path": "posts.csv",
   "cleanweb:mapping": {"source": "generated",
     "when": {"column": "Deleted On", "form": "date"},
     "dimensions": [{"column": "Platform", "name": "platform"}, {"column": "Reason", "role": "category"}],
     "records": {"metric": "posts_deleted"}, "ignore": ["Post ID"]}}]}
JSON
measure() { /usr/bin/time -f "%e s, %M KiB" "$@" 2>&1 >/dev/null | tail -1; }
cat > "$DATA/records-duck.py" <<'PY'
import sys, duckdb
con = duckdb.connect()
by = sys.argv[2]
sql = ("SELECT strftime(\"Deleted On\", '%Y-%m') AS month" + by + ", count(*) FROM read_csv(?, header=true, "
       "columns={'Deleted On': 'DATE', 'Platform': 'VARCHAR', 'Reason': 'VARCHAR', 'Post ID': 'VARCHAR'}) "
       "GROUP BY ALL ORDER BY ALL")
rows = con.execute(sql, [sys.argv[1]]).fetchall()
print("\n".join(",".join(str(c) for c in r) for r in rows))
PY
ls -la "$pkg/posts.csv"
for _ in $(seq "$RUNS"); do
  echo "cleanweb by month: $(measure "$BIN" aggregate --data "$pkg" --metric posts_deleted --by month)"
  echo "duckdb   by month: $(measure "$PY" "$DATA/records-duck.py" "$pkg/posts.csv" "")"
  echo "cleanweb by month,platform: $(measure "$BIN" aggregate --data "$pkg" --metric posts_deleted --by month,platform)"
  echo "duckdb   by month,platform: $(measure "$PY" "$DATA/records-duck.py" "$pkg/posts.csv" ", Platform")"
done
# The answers agree: the months' counts, compared.
"$BIN" aggregate --data "$pkg" --metric posts_deleted --by month --format csv | awk -F, 'NR > 1 { print $1 "," $2 }' > "$DATA/records-cleanweb.csv"
"$PY" "$DATA/records-duck.py" "$pkg/posts.csv" "" > "$DATA/records-duckdb.csv"
if cmp -s "$DATA/records-cleanweb.csv" "$DATA/records-duckdb.csv"; then echo "answers agree: $(wc -l < "$DATA/records-duckdb.csv") months"; else echo "ANSWERS DIFFER"; diff "$DATA/records-cleanweb.csv" "$DATA/records-duckdb.csv" | head; exit 1; fi
