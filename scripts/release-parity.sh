#!/usr/bin/env bash
# Release parity: the optimised build must write byte for byte what the debug build
# writes (and the debug build's output is what the golden tests check). This guards
# against results that depend on the optimiser — undefined behaviour, a data race or a
# compiler bug — which the debug-only `swift test` cannot see.
#   bash scripts/release-parity.sh            # builds both configurations first
#   DEBUG_ORGC=… RELEASE_ORGC=… bash scripts/release-parity.sh   # given binaries
set -uo pipefail
cd "$(dirname "$0")/.."

debug=${DEBUG_ORGC:-}
release=${RELEASE_ORGC:-}
if [ -z "$debug" ]; then swift build --product orgc >/dev/null || exit 1; debug=.build/debug/orgc; fi
if [ -z "$release" ]; then swift build -c release --product orgc >/dev/null || exit 1; release=.build/release/orgc; fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
compared=0; differed=0

# compare NAME ARGS…: runs both binaries with ARGS, compares stdout, stderr and exit code.
compare() {
  local name=$1; shift
  "$debug" "$@" >"$work/d.out" 2>"$work/d.err"; local dc=$?
  "$release" "$@" >"$work/r.out" 2>"$work/r.err"; local rc=$?
  compared=$((compared + 1))
  if [ $dc -ne $rc ] || ! cmp -s "$work/d.out" "$work/r.out" || ! cmp -s "$work/d.err" "$work/r.err"; then
    differed=$((differed + 1))
    echo "DIFFERS: $name (exit $dc vs $rc)"
    diff "$work/d.out" "$work/r.out" | head -10
    diff "$work/d.err" "$work/r.err" | head -5
  fi
}

# The samples and the CLI test models (directories), then every case file of the
# checker's suite as a model of its own (error paths, cheaper commands only).
for c in Tests/OrgaSemanticsTests/cases/*.orga; do
  compare "$c check json" check --format json "$c"
  compare "$c report json" report --format json "$c"
  compare "$c rank json" rank --format json "$c"
done
for m in Samples/* Tests/OrgcTests/models/*; do
  [ -d "$m" ] || continue
  compare "$m check json" check --format json "$m"
  compare "$m check sarif" check --format sarif "$m"
  for lang in de en; do
    for fmt in md json csv html; do compare "$m report $fmt $lang" report --format "$fmt" --lang "$lang" "$m"; done
    compare "$m report csv units $lang" report --format csv --units --lang "$lang" "$m"
    compare "$m rank json $lang" rank --format json --lang "$lang" "$m"
    compare "$m rank text $lang" rank --lang "$lang" "$m"
    # The workbook goes to a file: compare the files.
    "$debug" report --format xlsx --lang "$lang" -o "$work/d.xlsx" "$m" >/dev/null 2>&1; dc=$?
    "$release" report --format xlsx --lang "$lang" -o "$work/r.xlsx" "$m" >/dev/null 2>&1; rc=$?
    compared=$((compared + 1))
    if [ $dc -ne $rc ] || ! cmp -s "$work/d.xlsx" "$work/r.xlsx"; then
      differed=$((differed + 1)); echo "DIFFERS: $m report xlsx $lang (exit $dc vs $rc)"
    fi
    rm -f "$work/d.xlsx" "$work/r.xlsx"
  done
  for fmt in svg dot mermaid; do
    compare "$m graph org $fmt" graph --org --format "$fmt" "$m"
    compare "$m graph landscape $fmt" graph --landscape --format "$fmt" "$m"
  done
  # Every process in every format, with metrics (visits and fte on the steps).
  for fmt in svg dot mermaid bpmn; do
    rm -rf "$work/dg" "$work/rg"
    "$debug" graph --all-processes --metrics --format "$fmt" -o "$work/dg" "$m" >/dev/null 2>&1
    "$release" graph --all-processes --metrics --format "$fmt" -o "$work/rg" "$m" >/dev/null 2>&1
    compared=$((compared + 1))
    if [ -e "$work/dg" ] || [ -e "$work/rg" ]; then diff -r "$work/dg" "$work/rg" >/dev/null 2>&1; else true; fi
    if [ $? -ne 0 ]; then
      differed=$((differed + 1)); echo "DIFFERS: $m graph --all-processes $fmt"; diff -r "$work/dg" "$work/rg" | head -10
    fi
  done
done

# orgc diff: every case of its golden tests against the base, in every format.
for c in Tests/OrgcTests/diff/cases/*.orga; do
  for fmt in json text md github; do compare "$c diff $fmt" diff --format "$fmt" --fail-above 0.1 Tests/OrgcTests/diff/base.orga "$c"; done
done
for c in Tests/OrgcTests/diff/whatif/cases/*.orga; do
  for fmt in json text; do compare "$c diff $fmt" diff --format "$fmt" Tests/OrgcTests/diff/whatif/base.orga "$c"; done
done
for s in Digital Soll2026; do
  for fmt in json text md github; do compare "diff --scenario $s $fmt" diff --format "$fmt" --fail-above 0.3 --scenario "$s" Samples/buergerbuero; done
done

echo "release parity: $compared compared, $differed differ"
[ $differed -eq 0 ]
