#!/usr/bin/env bash
# Bad input costs what good input does: `validate` and `aggregate` on the generator's
# table clean, with one impossible date in the middle, and with one on every 1,000th
# line (see BENCHMARKS.md, "Bad input costs what good input does").
#   ROWS=10000000 RUNS=3 benches/bad_rows.sh
#   OLD=path/to/another/cleanweb benches/bad_rows.sh   (also measures that build)
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/cleanweb-target}"
ROWS="${ROWS:-10000000}"
RUNS="${RUNS:-3}"
DATA="${BENCH_DATA:-$HOME/.cache/cleanweb-bench}"
mkdir -p "$DATA"
cargo build --release --quiet --bins --example generate
NEW="$CARGO_TARGET_DIR/release/cleanweb"
clean="$DATA/observations-$ROWS.csv"
[[ -f $clean ]] || "$CARGO_TARGET_DIR/release/examples/generate" "$ROWS" "$clean"
middle=$(( ROWS / 2 + 1 ))
bad1="$DATA/bad1-$ROWS.csv"
bad10k="$DATA/bad10k-$ROWS.csv"
[[ -f $bad1 ]] || awk -v n="$middle" 'NR==n { sub(/,2014-[0-9][0-9]-[0-9][0-9],/, ",2014-02-30,") } { print }' "$clean" > "$bad1"
[[ -f $bad10k ]] || awk 'NR>1 && NR%1000==0 { sub(/,2014-[0-9][0-9]-[0-9][0-9],/, ",2014-02-30,") } { print }' "$clean" > "$bad10k"
measure() { /usr/bin/time -f "%e s, %M KiB" "$@" 2>&1 >/dev/null | tail -1; }
for name in NEW OLD; do
  bin="${!name:-}"
  [[ -n $bin ]] || continue
  for file in "$clean" "$bad1" "$bad10k"; do
    for _ in $(seq "$RUNS"); do
      echo "$name validate $(basename "$file"): $(measure "$bin" validate --no-cache --data "$file")"
      echo "$name aggregate $(basename "$file"): $(measure "$bin" aggregate --no-cache --data "$file" --metric websites_closed --by month,category)"
    done
  done
done
