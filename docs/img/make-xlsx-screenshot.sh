#!/usr/bin/env bash
# Regenerates docs/img/xlsx-schritte.png: `orgc report --format xlsx` of
# Samples/buergerbuero, printed to PDF by LibreOffice (headless, recalculating on
# load), the page of the Schritte sheet rendered to PNG by pdftoppm.
#
#   docs/img/make-xlsx-screenshot.sh             # uses .build/debug/orgc
#   ORGC=/path/to/orgc docs/img/make-xlsx-screenshot.sh
#   (OUT=file.png to write elsewhere, PAGE=n for another page)
#
# Needs: soffice (libreoffice-calc-nogui), pdftoppm (poppler-utils), python3 (to
# find the printed area in a PPM rendering; the PNG is cropped to it).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
out="${OUT:-$here/xlsx-schritte.png}"
ORGC="${ORGC:-$repo/.build/debug/orgc}"
for tool in soffice pdftoppm; do
  command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 2; }
done
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/profile/user"
cat > "$work/profile/user/registrymodifications.xcu" <<'XCU'
<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
XCU
"$ORGC" report --format xlsx -o "$work/buergerbuero.xlsx" "$repo/Samples/buergerbuero"
soffice "-env:UserInstallation=file://$work/profile" --headless --convert-to pdf --outdir "$work" "$work/buergerbuero.xlsx" >/dev/null 2>&1
page="${PAGE:-5}"   # pages: 1 Annahmen, 2 Stellen, 3 Einheiten, 4 Prozesse, 5 Schritte, 6 Herleitung
dpi="${DPI:-170}"
pdftoppm -r "$dpi" -f "$page" -l "$page" -singlefile "$work/buergerbuero.pdf" "$work/page"
# Bounding box of the non-white pixels of the binary PPM (P6), plus a margin.
read -r x y w h < <(python3 - "$work/page.ppm" <<'PY'
import sys
data = open(sys.argv[1], "rb").read()
fields, pos = [], 0
while len(fields) < 4:
    while data[pos:pos + 1].isspace(): pos += 1
    if data[pos:pos + 1] == b"#":
        pos = data.index(b"\n", pos); continue
    end = pos
    while not data[end:end + 1].isspace(): end += 1
    fields.append(data[pos:end]); pos = end
pos += 1
width, height = int(fields[1]), int(fields[2])
pixels = data[pos:]
rows = [y for y in range(height) if pixels[y * width * 3:(y + 1) * width * 3].count(255) < width * 3 - 30]
top, bottom = rows[0], rows[-1]
cols = [x for x in range(width) if any(pixels[(y * width + x) * 3] < 200 for y in range(top, bottom + 1, 2))]
left, right = cols[0], cols[-1]
m = 12
print(max(0, left - m), max(0, top - m), min(width, right - left + 2 * m), min(height, bottom - top + 2 * m))
PY
)
pdftoppm -png -r "$dpi" -f "$page" -l "$page" -singlefile -x "$x" -y "$y" -W "$w" -H "$h" "$work/buergerbuero.pdf" "$work/shot"
cp "$work/shot.png" "$out"
echo "wrote $out"
