#!/usr/bin/env bash
# Emacs 28 + eglot 1.9 (Debian `emacs-nox elpa-eglot`) drive `orgc lsp` in batch mode
# through editors/emacs/orga-mode.el. Needs: emacs, eglot; ORGC (default .build/debug/orgc).
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
orgc="${ORGC:-$repo/.build/debug/orgc}"
case "$orgc" in /*) ;; *) orgc="$repo/$orgc" ;; esac
command -v emacs >/dev/null || { echo "emacs not installed: skipped"; exit 0; }
[ -x "$orgc" ] || { echo "no orgc at $orgc"; exit 1; }
ws="$(mktemp -d)"
trap 'rm -rf "$ws"' EXIT
cp "$repo"/Tests/e2e/lsp/workspace/*.orga "$ws"/
printf 'process Broken "Prüfung 😀 ä" { owner BB; volume 1 /year; step A { by Nobody; time 1 min } }\n' > "$ws/broken.orga"
ORGC="$orgc" ORGA_WS="$ws" ORGA_REPO="$repo" timeout 120 emacs --batch -l "$here/test.el" 2>&1 | grep -v '^\[eglot\]\|^Loading\|^Setting' 
status=${PIPESTATUS[0]}
[ $status -eq 0 ] && echo "emacs e2e: passed" || echo "emacs e2e: FAILED ($status)"
exit $status
