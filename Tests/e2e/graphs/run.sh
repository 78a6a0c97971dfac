#!/usr/bin/env bash
# End-to-end tests of `orgc graph` (called by scripts/test.sh with $ORGC set).
# Besides requirements.txt (installed by scripts/install-test-deps.sh) they need:
# - Graphviz `dot` (Debian graphviz, also installed by install-test-deps.sh);
# - Node.js and Mermaid's parser: the PyPI package mermaid-parser-py ships a bundle of
#   mermaid 11; it is installed without its dependencies (its Python bridge is not
#   used) and run with Node.
set -uo pipefail
cd "$(dirname "$0")/../../.."
if ! python3 -c "import importlib.util, sys; sys.exit(0 if importlib.util.find_spec('mermaid_parser') else 1)" 2>/dev/null; then
  python3 -m pip install -q --disable-pip-version-check --no-deps mermaid-parser-py==0.0.4 || echo "could not install mermaid-parser-py"
fi
if ! command -v node >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends nodejs >/dev/null || echo "could not install nodejs"
fi
exec python3 -m pytest -q -p no:cacheprovider Tests/e2e/graphs
