#!/usr/bin/env bash
# Pictures of report.html for a person to look at: the report printed to PDF and its
# pages as PNG, and full-height screenshots at a desktop width (1280 px) and a phone
# width (390 px).
#
# Usage: tests/browser/look.sh OUTDIR [cleanweb report options, e.g. --lang zh]
#
# Writes into OUTDIR:
#   report/             the report (`cleanweb report --out OUTDIR/report ...`)
#   report.pdf          report.html printed by headless Chromium (no header/footer)
#   pdf-NN.png          its pages at 50 dpi (pdftoppm, from poppler-utils)
#   desktop-1280.png    the whole page in a 1280 px wide window
#   phone-390.png       the whole page 390 px wide. Headless Chromium makes no window
#                       narrower than 500 px, so the page is a 390 px frame at the left
#                       of a 500 px window: the grey band at the right is not the page.
# and prints, per width, what tests/browser/layout-probe.js measures (sideways scroll,
# the smallest chart text in CSS px).
#
# The binary is $CLEANWEB_BIN, else $CARGO_TARGET_DIR/release/cleanweb (built when
# missing).
set -euo pipefail

out=${1:?usage: tests/browser/look.sh OUTDIR [cleanweb report options]}
shift
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
mkdir -p "$out"
out=$(cd "$out" && pwd)

target=${CARGO_TARGET_DIR:-$HOME/.cache/cleanweb-target}
bin=${CLEANWEB_BIN:-$target/release/cleanweb}
if [[ ! -x $bin ]]; then
  (cd "$repo" && CARGO_TARGET_DIR="$target" cargo build --release)
fi
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome) || {
  echo "look.sh: no chromium on PATH" >&2
  exit 1
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
chrome() {
  timeout 120 "$browser" --headless --no-sandbox --disable-gpu --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --hide-scrollbars --user-data-dir="$work/profile-$RANDOM$RANDOM" "$@" 2>"$work/chrome.log"
}

rm -rf "$out/report" "$out"/pdf-*.png
"$bin" report --quiet --out "$out/report" "$@"
html="$out/report/report.html"

echo "== report.pdf"
chrome --no-pdf-header-footer --print-to-pdf="$out/report.pdf" "file://$html" >/dev/null
if command -v pdfinfo >/dev/null 2>&1; then
  pdfinfo "$out/report.pdf" | grep -E '^(Pages|Page size):'
fi
if command -v pdftoppm >/dev/null 2>&1; then
  pdftoppm -r 50 -png "$out/report.pdf" "$out/pdf"
  echo "pages as PNG: $out/pdf-*.png"
else
  echo "no pdftoppm (apt-get install poppler-utils): pages not rendered"
fi

# The report in an <iframe srcdoc> WIDTH px wide and HEIGHT px high at the left of
# the window, on grey, followed by SCRIPT (a file) when given.
framed() { # WIDTH HEIGHT [SCRIPT]
  printf '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>report at %s px</title>' "$1"
  printf '<style>html,body{margin:0;background:#777}iframe{border:0;display:block;background:#fff;width:%spx;height:%spx}</style></head><body>' "$1" "$2"
  printf '<iframe id="cleanweb-frame" title="report" srcdoc="'
  sed -e 's/&/\&amp;/g' -e 's/"/\&quot;/g' "$html"
  printf '"></iframe>\n'
  if [[ -n ${3:-} ]]; then
    printf '<script>'
    cat "$3"
    printf '</script>\n'
  fi
  printf '</body></html>\n'
}

# shot NAME WIDTH: the layout probe's figures, then a screenshot of the whole page.
shot() {
  local name=$1 width=$2 window=$2 dom height
  ((window < 500)) && window=500
  framed "$width" 900 "$here/layout-probe.js" >"$work/probe-$width.html"
  dom=$(chrome --virtual-time-budget=30000 --window-size="$window,900" --dump-dom "file://$work/probe-$width.html")
  dom=$(grep -o '<pre id="cleanweb-probe"[^>]*>[^<]*' <<<"$dom" | tail -n 1 | sed 's/^<pre[^>]*>//') || {
    echo "look.sh: the layout probe left nothing at $width px" >&2
    cat "$work/chrome.log" >&2
    exit 1
  }
  height=$(grep -o '"scrollHeight":[0-9]*' <<<"$dom" | cut -d: -f2)
  echo "== $name.png: $width px wide, $height px high"
  if command -v node >/dev/null 2>&1; then
    node -e '
      const d = JSON.parse(require("fs").readFileSync(0, "utf8"));
      const m = d.minText || {};
      console.log(`innerWidth ${d.innerWidth}, scrollWidth ${d.scrollWidth} / clientWidth ${d.clientWidth}` +
        (d.scrollWidth > d.clientWidth ? " (scrolls sideways: " + JSON.stringify(d.overflowing) + ")" : ""));
      console.log(`${d.textCount} chart texts shown; smallest ${m.px} px: "${m.text}" in <svg class="${m.class}"> "${(m.chart || "").slice(0, 60)}"`);
      for (const f of d.figures) {
        const shown = f.svgs.filter((s) => s.visible).map((s) => s.class || "(no class)");
        console.log(`  figure ${f.section}: shows ${shown.join(", ") || "nothing"}; smallest ${f.svgs.filter((s) => s.visible).map((s) => s.minFontPx).join(", ")} px`);
      }' <<<"$dom"
  else
    grep -o '"innerWidth":[0-9]*\|"clientWidth":[0-9]*\|"scrollWidth":[0-9]*\|"textCount":[0-9]*' <<<"$dom" | tr '\n' ' '
    echo
    echo "smallest chart text: $(grep -o '"minText":{[^}]*}' <<<"$dom" | sed 's/^"minText"://')"
  fi
  framed "$width" "$height" >"$work/shot-$width.html"
  chrome --window-size="$window,$height" --screenshot="$out/$name.png" "file://$work/shot-$width.html" >/dev/null
}

shot desktop-1280 1280
shot phone-390 390
echo "== wrote $out"
