#!/usr/bin/env bash
# Benchmark of `orgc check` (issue 2): times each phase on generated models of
# 10k, 100k and 1M lines, release build. Prints one table; run from the repo root:
#   bash Benchmarks/check_bench.sh            # 10k, 100k, 1M
#   SIZES="100000" bash Benchmarks/check_bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${SIZES:-"10000 100000 1000000"}
RUNS=${RUNS:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
swift build -c release --product orgc >/dev/null
bin=.build/release/orgc
printf "%-9s %6s %9s %9s %9s %9s %9s %8s\n" lines files read_ms parse_ms check_ms output_ms total_ms rss_MB
for n in $SIZES; do
  python3 Benchmarks/genmodel.py --lines "$n" --out "$work/m$n" --force 2>/dev/null
  files=$(find "$work/m$n" -name '*.orga' | wc -l)
  best=""
  for _ in $(seq "$RUNS"); do
    t=$("$bin" check --timings "$work/m$n" 2>&1 >/dev/null | awk '$1=="timing"{printf "%s ", $3} $1=="peak_rss"{printf "%s", $2}')
    total=$(echo "$t" | awk '{print $5}')
    if [ -z "$best" ] || awk "BEGIN{exit !($total < $(echo "$best" | awk '{print $5}'))}"; then best="$t"; fi
  done
  read -r r p c o tot rss <<<"$best"
  printf "%-9s %6s %9s %9s %9s %9s %9s %8s\n" "$n" "$files" "$r" "$p" "$c" "$o" "$tot" "$rss"
done
echo "(best of $RUNS runs each; target for 100k lines: total <= 300 ms, peak RSS <= 150 MB)"
