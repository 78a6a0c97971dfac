#!/usr/bin/env bash
# The whole test suite: Swift unit and golden tests, the slow Swift tests (fuzzing,
# the incremental differential test, huge inputs) in their short deterministic mode,
# then end-to-end tests with clients orgc did not write (TextMate engine, Graphviz, a
# BPMN engine, pytest-lsp, Neovim, Emacs + eglot). Installs missing test dependencies
# first. See docs/testing.md.
#   bash scripts/test.sh              # everything
#   SKIP_INSTALL=1 bash scripts/test.sh
#   ORGC_FUZZ_LONG=1 bash scripts/test.sh   # the nightly run: fuzzers much longer
set -uo pipefail
cd "$(dirname "$0")/.."

if [ "${SKIP_INSTALL:-0}" != 1 ]; then
  bash scripts/install-test-deps.sh || { echo "installing test dependencies failed"; exit 1; }
fi

passed=0; failed=0; failures=()
suite() {   # suite NAME COMMAND…
  local name=$1; shift
  echo
  echo "=== $name"
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); failures+=("$name"); fi
}

suite "swift build" swift build --build-tests
export ORGC="$PWD/.build/debug/orgc"
suite "swift test" swift test --skip-build --disable-swift-testing
suite "swift test: slow tests (OrgaSlowTests)" env ORGC_SLOW_TESTS=1 swift test --skip-build --disable-swift-testing --filter OrgaSlowTests
suite "release build writes what the debug build writes" bash scripts/release-parity.sh
suite "samples check clean (--strict)" "$ORGC" check --strict Samples/hilden Samples/buergerbuero Samples/landesamt Samples/jugendamt Samples/masterplan
suite "samples formatted (orgc fmt --check)" "$ORGC" fmt --check Samples
[ -d Tests/grammar ] && suite "TextMate grammar (textmate-grammar-python)" python3 -m pytest -q -p no:cacheprovider Tests/grammar
for d in Tests/e2e/*/; do
  [ -d "$d" ] || continue
  if [ -f "$d/run.sh" ]; then
    suite "e2e $(basename "$d")" bash "$d/run.sh"
  elif ls "$d"/test_*.py >/dev/null 2>&1; then
    suite "e2e $(basename "$d") (pytest)" python3 -m pytest -q -p no:cacheprovider "$d"
  fi
done

echo
if [ $failed -gt 0 ]; then echo "failed suites: ${failures[*]}"; fi
echo "suites: $passed passed, $failed failed"
[ $failed -eq 0 ]
