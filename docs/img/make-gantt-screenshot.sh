#!/usr/bin/env bash
# Regenerates docs/img/gantt-masterplan.png: `orgc graph --gantt Samples/masterplan`
# (German, the default) writes the SVG, headless Chromium takes a screenshot at the
# SVG's size, ImageMagick trims the white margin (when installed).
#
#   ORGC=.build/debug/orgc docs/img/make-gantt-screenshot.sh
#
# Needs: chromium; swift unless ORGC is set.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
if [ -z "${ORGC:-}" ]; then
  swift build --package-path "$repo" --product orgc >&2
  ORGC="$repo/.build/debug/orgc"
fi
command -v chromium >/dev/null || { echo "missing: chromium" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$ORGC" graph --gantt "$repo/Samples/masterplan" -o "$work/gantt.svg"
w=$(grep -o 'width="[0-9.]*"' "$work/gantt.svg" | head -1 | tr -dc '0-9.' | cut -d. -f1)
h=$(grep -o 'height="[0-9.]*"' "$work/gantt.svg" | head -1 | tr -dc '0-9.' | cut -d. -f1)
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size="$w,$h" \
  --screenshot="$work/gantt.png" "file://$work/gantt.svg" >/dev/null 2>&1
if command -v convert >/dev/null; then convert "$work/gantt.png" -trim +repage "$work/gantt.png"; fi
cp "$work/gantt.png" "$here/gantt-masterplan.png"
echo "wrote $here/gantt-masterplan.png"
