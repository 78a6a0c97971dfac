#!/usr/bin/env bash
# Installs what the test suite needs beyond the Swift toolchain: Debian packages for
# the end-to-end tests (Graphviz, Neovim, Emacs + eglot, LibreOffice Calc) and the PyPI packages of every
# Tests/**/requirements.txt. Idempotent: installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

apt_packages=(graphviz neovim emacs-nox elpa-eglot libreoffice-calc-nogui)
missing=()
for p in "${apt_packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "== installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "== not root: please install ${missing[*]} (the tests that need them are skipped)"
  fi
fi

reqs=$(find Tests -name requirements.txt | sort)
if [ -n "$reqs" ]; then
  args=()
  for r in $reqs; do args+=(-r "$r"); done
  if ! python3 -m pip install -q --disable-pip-version-check "${args[@]}" 2>/tmp/orgc-pip.log; then
    cat /tmp/orgc-pip.log >&2
    exit 1
  fi
fi
