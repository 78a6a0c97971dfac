#!/usr/bin/env bash
# Regenerates docs/img/hover-nvim.png: Neovim (0.7+) with editors/nvim and
# `orgc lsp`, hover on position `SB` of Samples/buergerbuero, captured from tmux
# with its colours, turned into HTML (ansi2html.py) and rendered by headless
# Chromium; Pillow trims it.
#
#   docs/img/make-hover-screenshot.sh            # builds orgc into /tmp/build-shot
#   ORGC=/path/to/orgc docs/img/make-hover-screenshot.sh
#   (OUT=file.png to write elsewhere, KEEP=1 to keep the capture and HTML)
#
# Needs: nvim, tmux, python3 with Pillow, chromium; swift unless ORGC is set.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
out="${OUT:-$here/hover-nvim.png}"
cols="${COLS:-92}" rows="${ROWS:-26}"

if [ -z "${ORGC:-}" ]; then
  swift build --package-path "$repo" --scratch-path /tmp/build-shot --product orgc >&2
  ORGC=/tmp/build-shot/debug/orgc
fi
for tool in nvim tmux python3 chromium; do
  command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 2; }
done

work="$(mktemp -d)"; [ -z "${KEEP:-}" ] || echo "work files in $work" >&2
sock="hovershot-$$"
cleanup() { tmux -L "$sock" kill-server 2>/dev/null || true; [ -n "${KEEP:-}" ] || rm -rf "$work"; }
trap cleanup EXIT

# A minimal init: the repository's Neovim set-up; besides, line numbers, no
# search highlighting, and a rounded border and a dark background for floating
# windows (Neovim 0.7's default float is black on magenta).
cat > "$work/init.lua" <<LUA
vim.opt.runtimepath:prepend("$repo/editors/nvim")
vim.cmd("filetype plugin indent on")
vim.cmd("syntax on")
vim.opt.hlsearch = false
vim.opt.number = true
vim.opt.shortmess:append("sS")
vim.cmd("highlight NormalFloat ctermbg=236 ctermfg=252")
vim.cmd("highlight FloatBorder ctermbg=NONE ctermfg=244")
vim.lsp.handlers["textDocument/hover"] = vim.lsp.with(vim.lsp.handlers.hover, { border = "rounded" })
require("orga").setup({
  cmd = { "$ORGC", "lsp" },
  root_markers = { "model.orga" },   -- one model per sample directory
  on_attach = function() io.open("$work/attached", "w"):close() end,
})
LUA

wait_for() {  # wait_for SECONDS COMMAND…
  local t=$(( $1 * 10 )); shift
  until "$@"; do
    t=$((t - 1)); [ $t -gt 0 ] || { echo "timed out: $*" >&2; exit 1; }
    sleep 0.1
  done
}
pane() { tmux -L "$sock" capture-pane -t shot -p "$@"; }
keys() { tmux -L "$sock" send-keys -t shot "$@"; }

cd "$repo"
tmux -L "$sock" -f /dev/null new-session -d -s shot -x "$cols" -y "$rows" \
  "TERM=xterm-256color nvim --clean -u '$work/init.lua' Samples/buergerbuero/organisation.orga"
wait_for 20 test -e "$work/attached"
keys '/position SB ' Enter            # the line `position SB "Sachbearbeitung Bürgerbüro" …`
keys w zt 4 C-y                       # cursor on SB, a few lines of context above
sleep 0.3
keys ':lua vim.lsp.buf.hover()' Enter
wait_for 20 sh -c "tmux -L '$sock' capture-pane -t shot -p | grep -q 'need'"
sleep 0.5
pane -e > "$work/capture.txt"
cursor="$(tmux -L "$sock" display -p -t shot '#{cursor_x},#{cursor_y}')"

python3 "$here/ansi2html.py" "$work/capture.txt" "$work/shot.html" \
  --cols "$cols" --cursor "$cursor" --title "nvim — Samples/buergerbuero/organisation.orga"
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=2 \
  --screenshot="$work/raw.png" --window-size=1200,800 "file://$work/shot.html" >/dev/null 2>&1
# crop to the window plus a margin, store few colours (a small file)
python3 "$here/ansi2html.py" --trim "$work/raw.png" "$out"
echo "wrote $out ($(wc -c < "$out") bytes)"
