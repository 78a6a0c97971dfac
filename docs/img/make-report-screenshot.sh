#!/usr/bin/env bash
# Regenerates docs/img/report-html.png: the German HTML report of Samples/hilden
# rendered by headless Chromium at 1,400 px width (the top of the report: assumptions,
# totals, the unit chart and table), and prints the whole report to PDF to check the
# print layout (folded derivations are printed open).
#
#   docs/img/make-report-screenshot.sh            # uses .build/debug/orgc (swift build first)
#   ORGC=/path/to/orgc docs/img/make-report-screenshot.sh
#   (OUT=file.png to write elsewhere; the HTML and PDF go to $TMPDIR/orgc-report-shot)
#
# Needs: chromium (apt-get install chromium).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
out="${OUT:-$here/report-html.png}"
orgc="${ORGC:-$repo/.build/debug/orgc}"
work="${TMPDIR:-/tmp}/orgc-report-shot"
mkdir -p "$work"
"$orgc" report --format html --lang de -o "$work/hilden.html" "$repo/Samples/hilden"
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
  --screenshot="$out" --window-size=1400,1450 "file://$work/hilden.html" 2>/dev/null
chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
  --print-to-pdf="$work/hilden.pdf" "file://$work/hilden.html" 2>/dev/null
echo "wrote $out and $work/hilden.pdf" >&2
