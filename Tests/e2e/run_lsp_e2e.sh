#!/usr/bin/env bash
# Runs the end-to-end tests of `orgc lsp` with clients orgc did not write:
#   pytest-lsp with the recorded capabilities of VS Code, Neovim 0.7 and Emacs
#   (Tests/e2e/lsp), Neovim 0.7 headless (Tests/e2e/nvim), Emacs + eglot 1.9 in batch
#   (Tests/e2e/emacs). Installs nothing. What they need:
#     Debian: neovim emacs-nox elpa-eglot
#     PyPI:   pip install -r Tests/e2e/lsp/requirements.txt
#   (scripts/install-test-deps.sh installs all of it.)
# Usage: ORGC=.build/debug/orgc bash Tests/e2e/run_lsp_e2e.sh
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
export ORGC="${ORGC:-$repo/.build/debug/orgc}"
case "$ORGC" in /*) ;; *) ORGC="$repo/$ORGC" ;; esac
[ -x "$ORGC" ] || { echo "no orgc at $ORGC (build it first: swift build)"; exit 2; }
passed=0; failed=0
run() {   # run NAME COMMAND…
  echo "=== $1"; shift
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
}
run "pytest-lsp (VS Code, Neovim 0.7, Emacs capabilities)" python3 -m pytest -q "$here/lsp"
run "Neovim 0.7 headless" bash "$here/nvim/run.sh"
run "Emacs + eglot batch" bash "$here/emacs/run.sh"
echo "lsp e2e suites: $passed passed, $failed failed"
[ $failed -eq 0 ]
