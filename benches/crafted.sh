#!/usr/bin/env bash
# Inputs whose cost could grow faster than their size (BAD_INPUTS 35): each crafted
# package of benches/crafted.py at size n and 4n, its time and peak memory, and the
# ratio of the times (about 4 where the cost is linear, 16 where it is quadratic).
#   benches/crafted.sh              (the sizes of the issue)
#   SCALE=4 benches/crafted.sh      (n four times larger)
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/cleanweb-target}"
SCALE="${SCALE:-1}"
cargo build --release --quiet --bins
BIN="$CARGO_TARGET_DIR/release/cleanweb"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export CLEANWEB_CACHE="$WORK/.cache"
# kind, n, then the command's arguments after --data DIR.
cases=(
  "rule 1000 reconcile"
  "chain 5000 aggregate --metric cases --by category"
  "star 100000 reconcile"
  "hierarchy 4000 validate"
  "dates 9999 report --out $WORK/out"
)
measure() { /usr/bin/time -f "%e %M" "$@" 2>&1 >/dev/null | tail -1; }
for c in "${cases[@]}"; do
  read -r kind n cmd args <<<"$c"
  n=$(( n * SCALE ))
  line="$kind:"
  first=""
  for size in "$n" "$(( n * 4 ))"; do
    [[ $kind == dates && $size -gt 9999 ]] && size=9999
    dir="$WORK/$kind-$size"
    python3 benches/crafted.py "$kind" "$size" "$dir"
    # shellcheck disable=SC2086
    read -r secs kib <<<"$(measure "$BIN" $cmd --data "$dir" $args)"
    line="$line n=$size ${secs} s $(( kib / 1024 )) MiB;"
    if [[ -z $first ]]; then first=$secs; else
      line="$line ratio $(python3 -c "print(f'{max($secs, 0.01) / max($first, 0.01):.1f}')")"
    fi
  done
  echo "$line"
done
