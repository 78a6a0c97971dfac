#!/usr/bin/env bash
# Regenerates the graph screenshots in docs/img: `orgc graph` (German, the default)
# writes the SVGs, headless Chromium shows them in a window 1,400 px wide and prints
# them to PDF; ImageMagick trims the white margin of the PNGs.
#
#   organigramm-hilden.png      orgc graph --org Samples/hilden
#   organigramm-landesamt.png   orgc graph --org Samples/landesamt
#   prozess-aufenthaltstitel.png  orgc graph --process Aufenthaltstitel --metrics Samples/landesamt
#                               (a process with a loop and a call; wider than the window,
#                               so scaled to 1,400 px and captured at twice the pixels)
#
#   docs/img/make-graph-screenshots.sh            # builds orgc into /tmp/build-shot
#   ORGC=/path/to/orgc docs/img/make-graph-screenshots.sh
#   (PDF=dir to keep the printed PDFs there, KEEP=1 to keep the SVGs)
#
# Needs: chromium, ImageMagick `convert`; swift unless ORGC is set.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
if [ -z "${ORGC:-}" ]; then
  swift build --package-path "$repo" --scratch-path /tmp/build-shot --product orgc >&2
  ORGC=/tmp/build-shot/debug/orgc
fi
for tool in chromium convert; do
  command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 2; }
done
work="$(mktemp -d)"; [ -z "${KEEP:-}" ] || echo "work files in $work" >&2
cleanup() { [ -n "${KEEP:-}" ] || rm -rf "$work"; }
trap cleanup EXIT

# shot NAME SVG: the SVG in a 1,400 px window (scaled down to the window when wider).
shot() {
  local name="$1" svg="$2" width height scale=1
  width=$(grep -o 'width="[0-9.]*"' "$svg" | head -1 | grep -o '[0-9.]*')
  height=$(grep -o 'height="[0-9.]*"' "$svg" | head -1 | grep -o '[0-9.]*')
  local fit
  fit=$(awk -v w="$width" -v h="$height" 'BEGIN { s = w > 1400 ? 1400 / w : 1; printf "%d", h * s + 4 }')
  awk -v w="$width" 'BEGIN { exit !(w > 1400) }' && scale=2
  cat > "$work/$name.html" <<EOF
<!doctype html><html><body style="margin:0;background:#fff">
<img src="file://$svg" style="display:block;max-width:1400px;width:auto">
</body></html>
EOF
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=$scale \
    --screenshot="$work/$name.png" --window-size=1400,"$fit" "file://$work/$name.html" >/dev/null 2>&1
  convert "$work/$name.png" -trim +repage -bordercolor white -border 12 "$here/$name.png"
  if [ -n "${PDF:-}" ]; then
    mkdir -p "$PDF"
    chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
      --print-to-pdf="$PDF/$name.pdf" "file://$svg" >/dev/null 2>&1
  fi
  echo "$here/$name.png" >&2
}

"$ORGC" graph --org -o "$work/org-hilden.svg" "$repo/Samples/hilden"
"$ORGC" graph --org -o "$work/org-landesamt.svg" "$repo/Samples/landesamt"
"$ORGC" graph --process Aufenthaltstitel --metrics -o "$work/aufenthaltstitel.svg" "$repo/Samples/landesamt"
shot organigramm-hilden "$work/org-hilden.svg"
shot organigramm-landesamt "$work/org-landesamt.svg"
shot prozess-aufenthaltstitel "$work/aufenthaltstitel.svg"
