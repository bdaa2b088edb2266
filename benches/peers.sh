#!/usr/bin/env bash
# The side-by-side benchmark: cleanweb, DuckDB and Python polars on the same generated
# files (see BENCHMARKS.md). Installs the peers with pip into a virtual environment.
#   ROWS=10000000 RUNS=3 benches/peers.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/cleanweb-target}"
ROWS="${ROWS:-10000000}"
RUNS="${RUNS:-3}"
DATA="${BENCH_DATA:-$HOME/.cache/cleanweb-bench}"
FORMATS="${FORMATS:-csv parquet}"
mkdir -p "$DATA"
if [[ ! -x $DATA/venv/bin/python ]]; then
  python3 -m venv "$DATA/venv"
fi
"$DATA/venv/bin/pip" install -q duckdb polars
# One build of the binary and the generator, with the features the tests use (so the
# dependencies built for `cargo test --release` are reused).
cargo build --release --quiet --bins --example generate
files=()
for fmt in $FORMATS; do
  f="$DATA/observations-$ROWS.$fmt"
  [[ -f $f ]] || "$CARGO_TARGET_DIR/release/examples/generate" "$ROWS" "$f"
  files+=("$f")
done
# BEFORE=path/to/another/cleanweb runs that binary in the same rounds (before and after a change).
before=()
[[ -n ${BEFORE:-} ]] && before=(--before "$BEFORE")
"$DATA/venv/bin/python" benches/peers.py --cleanweb "$CARGO_TARGET_DIR/release/cleanweb" --runs "$RUNS" "${before[@]}" --files "${files[@]}"
