#!/usr/bin/env bash
# The full real tables of tests/data/real/README.md through the whole workflow:
# init --from, validate, aggregate, chart, report, reconcile, diff between editions;
# then the report's sizes (report.html bytes, report.md lines, number of charts, the
# tallest PNG), the figures of issue 35's "report of a big table".
#   benches/real_tables.sh            # files into $REAL (default ~/.cache/cleanweb-real)
# Each file comes from a local mirror of its repository when there is one
# (MIRRORS=/work/.mirror), else from raw.githubusercontent.com at the pinned commit.
# The fetched files are not committed.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/cleanweb-target}"
REAL="${REAL:-$HOME/.cache/cleanweb-real}"
MIRRORS="${MIRRORS:-/work/.mirror}"
cargo build --release --quiet --bins
BIN="$CARGO_TARGET_DIR/release/cleanweb"
mkdir -p "$REAL"
cd "$REAL"

fetch() { # repo commit path -> file
  local repo=$1 commit=$2 path=$3 out=$4 git="$MIRRORS/${1/\//+}/repo"
  [[ -s $out ]] && return
  if [[ -d $git ]] && git --git-dir="$git" cat-file -e "$commit:$path" 2>/dev/null; then
    git --git-dir="$git" show "$commit:$path" > "$out.tmp"
  else
    curl -fsSL "https://raw.githubusercontent.com/$repo/$commit/$path" -o "$out.tmp"
  fi
  mv "$out.tmp" "$out"
}
NEW=791578e7242e0b5738ff130f09ff430171d5c933
OLD=7335b1946262f2881165222acab46c5390d26f57
META=72087306615be9cb943efebe1c61079c13e342c4
fetch azadesel/info_suppression $NEW google-government-removal-requests.csv removals-2025ed.csv
fetch azadesel/info_suppression $NEW google-government-detailed-removal-requests.csv detailed-2025ed.csv
fetch krmaynard/content-policy $OLD google-government-removal-requests.csv removals-2023ed.csv
fetch krmaynard/content-policy $OLD google-government-removal-requests-historical.csv historical.csv
fetch apparebit/diaphanous $META data/meta/meta-2024-q2.csv meta-2024q2.csv
fetch apparebit/diaphanous $META data/meta/meta-2021-q2.csv meta-2021q2.csv
wc -l ./*.csv

# init --from, then what the file cannot say: a blank outcome share is none (0%),
# each share is of the row's items, and both editions call the requester 'requester'.
decide() {
  python3 - "$1/datapackage.json" <<'PY'
import json, sys
p = sys.argv[1]; d = json.load(open(p)); m = d["resources"][0]["cleanweb:mapping"]
m.setdefault("cells", {})["blank"] = "zero"
for x in m.get("measures", []):
    if x.get("unit") == "percent" and "Items Requested To Be Removed" in [
        c["column"] for c in m["measures"]]:
        x["share_of"] = "Items Requested To Be Removed"
for x in m.get("dimensions", []):
    if isinstance(x, dict) and x["column"] in ("Requester", "Requestor"):
        x["name"] = "requester"
    if isinstance(x, dict) and x["column"] == "Requestor":
        # The 2023 edition heads the column 'Requester' and writes 'Turkey'.
        m["other_headers"] = {"Requestor": ["Requester"]}
        m["spellings"] = {"country_region": {"Türkiye": ["Turkey"]}}
json.dump(d, open(p, "w"), indent=2, ensure_ascii=False)
PY
}
for t in removals-2025ed removals-2023ed historical detailed-2025ed meta-2024q2; do
  rm -rf "pkg-$t" "report-$t"
  "$BIN" init "pkg-$t" --from "$t.csv" > /dev/null 2>&1
  decide "pkg-$t"
  "$BIN" validate --data "pkg-$t" | head -1
done
"$BIN" aggregate --data pkg-removals-2025ed --metric number_of_requests --by period
"$BIN" aggregate --data pkg-removals-2025ed --metric number_of_requests --by requester
"$BIN" chart --data pkg-removals-2025ed --metric number_of_requests --by requester --out requests-by-requester.png
"$BIN" reconcile --data pkg-removals-2025ed --format json > reconcile-2025ed.json || true
"$BIN" diff pkg-removals-2023ed pkg-removals-2025ed --section totals | head -20
# Both editions under the 2025 mapping (other headers, spellings): 660 request
# counts revised down, 1 up, 7 figures added, 2,017 request figures of periods the
# 2023 edition does not cover (checked with the csv module, issue 35).
"$BIN" diff removals-2023ed.csv removals-2025ed.csv --mapping pkg-removals-2025ed \
  --metric number_of_requests --section totals

for t in removals-2025ed historical detailed-2025ed meta-2024q2; do
  start=$(date +%s.%N)
  "$BIN" report --data "pkg-$t" --out "report-$t" --quiet
  end=$(date +%s.%N)
  python3 - "report-$t" "$start" "$end" <<'PY'
import glob, os, struct, sys
d = sys.argv[1]
pngs = glob.glob(os.path.join(d, "*.png"))
tall = max((struct.unpack(">II", open(f, "rb").read(24)[16:24])[1], os.path.basename(f)) for f in pngs)
print(f"{d}: report.html {os.path.getsize(os.path.join(d, 'report.html')):,} bytes, "
      f"report.md {sum(1 for _ in open(os.path.join(d, 'report.md')))} lines, "
      f"{len(pngs)} charts, tallest PNG {tall[0]} px ({tall[1]}), "
      f"{float(sys.argv[3]) - float(sys.argv[2]):.2f} s")
PY
done
