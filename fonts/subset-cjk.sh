#!/usr/bin/env bash
# Recipe of fonts/NotoSansSC-{Regular,Bold}-GB2312.otf, the embedded CJK fonts of the
# charts: Noto Sans CJK SC Regular and Bold (SIL Open Font License 1.1, Debian's fonts-noto-cjk,
# 1:20220127+repack1-1), cut down to the characters of GB 2312 (6,763 hanzi and 682
# symbols), the CJK punctuation and the full-width forms. The committed files are
# what this script writes; the build needs none of it.
#
#   apt-get install fonts-noto-cjk && pip install fonttools && bash fonts/subset-cjk.sh
set -euo pipefail
cd "$(dirname "$0")"
chars=$(mktemp)
python3 - "$chars" <<'PY'
import sys
out = set()
for cp in range(0x20, 0x110000):
    c = chr(cp)
    try:
        if len(c.encode("gb2312")) == 2:
            out.add(cp)
    except UnicodeEncodeError:
        pass
out |= set(range(0x20, 0x7F))        # ASCII, so a mixed label keeps one font's digits
out |= set(range(0x3000, 0x3040))    # CJK symbols and punctuation
out |= set(range(0xFF01, 0xFF5F))    # full-width forms
out |= {0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2026, 0x00B7}
with open(sys.argv[1], "w") as f:
    f.write(",".join("U+%04X" % cp for cp in sorted(out)))
PY
# Font number 2 of each collection is Noto Sans CJK SC. No hinting (charts are drawn
# at their size by resvg), no layout features beyond kerning, no vertical metrics.
for weight in Regular Bold; do
  pyftsubset "/usr/share/fonts/opentype/noto/NotoSansCJK-$weight.ttc" --font-number=2 \
    --unicodes-file=<(tr ',' '\n' < "$chars") --output-file="NotoSansSC-$weight-GB2312.otf" \
    --no-hinting --layout-features='kern' --name-IDs='*' --name-languages='*' \
    --drop-tables+=vhea,vmtx,VORG
done
rm -f "$chars"
ls -l NotoSansSC-*-GB2312.otf
