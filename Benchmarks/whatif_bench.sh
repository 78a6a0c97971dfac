#!/usr/bin/env bash
# Benchmark of what-if evaluation (issue 9), release build: the 100,000-line model of
# genmodel.py plus 20 scenarios × 10 measures × 3 changes (whatif_gen.py), then
# `orgc report --format json`: best wall time of RUNS, target <= 2 s; the phases
# (check, analyze, what-if, render) of the best run; the base model alone for comparison.
# Run from anywhere:   bash Benchmarks/whatif_bench.sh      (RUNS=3, SCRATCH=… as report_bench.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

scratch=()
[ -n "${SCRATCH:-}" ] && scratch=(--scratch-path "$SCRATCH")
swift build -c release --product orgc "${scratch[@]}" >/dev/null
bin=$(swift build -c release --show-bin-path "${scratch[@]}")/orgc

python3 Benchmarks/genmodel.py --lines 100000 --out "$work/base" --force >/dev/null 2>&1
cp -r "$work/base" "$work/whatif"
python3 Benchmarks/whatif_gen.py "$work/whatif" --scenarios 20 --measures 10 --changes 3

run() {   # run <dir>: best wall ms of RUNS, and the --timings lines of that run
  local best="" best_timings=""
  for _ in $(seq "$RUNS"); do
    s=$(date +%s%N)
    t=$("$bin" report --timings --format json "$1" 2>&1 >"$work/out.json")
    e=$(date +%s%N)
    ms=$(( (e - s) / 1000000 ))
    if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; best_timings=$t; fi
  done
  echo "wall ${best} ms, output $(wc -c <"$work/out.json") bytes"
  echo "$best_timings" | awk '$1=="timing"{printf "  %-8s %s ms\n", $2, $3} $1=="peak_rss"{printf "  peak RSS %s MB\n", $2}'
}

echo "== orgc report --format json, 100k lines, no scenarios (best of $RUNS)"
run "$work/base"
echo "== the same + 20 scenarios × 10 measures × 3 changes (best of $RUNS; target <= 2000 ms)"
run "$work/whatif"
