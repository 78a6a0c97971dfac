#!/usr/bin/env bash
# Neovim 0.7 (Debian `neovim`) drives `orgc lsp` headless through editors/nvim.
# Needs: nvim; ORGC (default .build/debug/orgc).
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
orgc="${ORGC:-$repo/.build/debug/orgc}"
case "$orgc" in /*) ;; *) orgc="$repo/$orgc" ;; esac
command -v nvim >/dev/null || { echo "nvim not installed: skipped"; exit 0; }
[ -x "$orgc" ] || { echo "no orgc at $orgc"; exit 1; }
ws="$(mktemp -d)"
trap 'rm -rf "$ws"' EXIT
cp "$repo"/Tests/e2e/lsp/workspace/*.orga "$ws"/
printf 'process Broken "Prüfung 😀 ä" { owner BB; volume 1 /year; step A { by Nobody; time 1 min } }\n' > "$ws/broken.orga"
cd "$here"
ORGC="$orgc" ORGA_WS="$ws" ORGA_REPO="$repo" timeout 120 nvim --headless --clean -u NONE -c 'luafile test.lua' 2>&1
status=$?
echo
[ $status -eq 0 ] && echo "nvim e2e: passed" || echo "nvim e2e: FAILED ($status)"
exit $status
