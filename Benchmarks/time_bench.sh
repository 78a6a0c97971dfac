#!/usr/bin/env bash
# Benchmark of dated values (issue 11), release build: the 100,000-line model
# (genmodel.py) with 10 dated values per position (5 planned, 5 filled, dated across
# 2024-2026, `ramp 6 mo` in the model block: Benchmarks/time_dated.py) against the same
# model without them. `orgc check` and `orgc report --format json`, runs alternating,
# best of RUNS each; target: dated <= 1.5 x plain for both.
# Run from anywhere:   bash Benchmarks/time_bench.sh
#   RUNS=5 SCRATCH=/tmp/build bash Benchmarks/time_bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

scratch=()
[ -n "${SCRATCH:-}" ] && scratch=(--scratch-path "$SCRATCH")
swift build -c release --product orgc "${scratch[@]}" >/dev/null
bin=$(swift build -c release --show-bin-path "${scratch[@]}")/orgc

python3 Benchmarks/genmodel.py --lines 100000 --out "$work/plain" --force >/dev/null 2>&1
cp -r "$work/plain" "$work/dated"
python3 Benchmarks/time_dated.py "$work/dated"
lines() { find "$1" -name '*.orga' -exec cat {} + | wc -l; }
dated=$(grep -rho ' from 20[0-9-]*' "$work/dated" | wc -l)
positions=$(grep -rhoE '\bposition P[0-9]+' "$work/plain" | wc -l)
echo "models: plain $(lines "$work/plain") lines, dated $(lines "$work/dated") lines; $positions positions, $dated dated values"

# ms <command…>: wall time of one run in ms (exit code 0 or 1: findings are fine)
ms() {
  local s e
  s=$(date +%s%N); "$@" >/dev/null 2>&1 || [ $? -eq 1 ]; e=$(date +%s%N)
  echo $(( (e - s) / 1000000 ))
}

for cmd in check report; do
  args=("$cmd"); [ "$cmd" = report ] && args=(report --format json)
  bp=""; bd=""
  for _ in $(seq "$RUNS"); do
    p=$(ms "$bin" "${args[@]}" "$work/plain"); d=$(ms "$bin" "${args[@]}" "$work/dated")
    if [ -z "$bp" ] || [ "$p" -lt "$bp" ]; then bp=$p; fi
    if [ -z "$bd" ] || [ "$d" -lt "$bd" ]; then bd=$d; fi
  done
  ratio=$(awk -v d="$bd" -v p="$bp" 'BEGIN{printf "%.2f", d / p}')
  verdict=$(awk -v r="$ratio" 'BEGIN{print (r <= 1.5) ? "ok" : "OVER TARGET"}')
  echo "orgc ${args[*]}: plain ${bp} ms, dated ${bd} ms, ratio ${ratio} (target <= 1.5: $verdict)"
done
