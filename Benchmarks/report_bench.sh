#!/usr/bin/env bash
# Benchmark of the staffing engine and `orgc report` (issue 3), release build:
#  1. `orgc report --format json` on the 100,000-line model: wall time (best of RUNS)
#     and peak RSS (GNU time; falls back to orgc's own VmHWM), target <= 0.5 s, <= 200 MB;
#  2. the 2,000-node single process with nested loops (genmodel --single-process-nodes):
#     the staffing analysis (visits, handoffs, need), target <= 50 ms;
#  3. a worst case for loop nesting: 999 perfectly nested loops (1,999 nodes);
#  4. ranges (issue 14): the 100k model with a range on every time (genmodel
#     --time-ranges) against the same model with plain times, runs alternating,
#     best of RUNS each; target: ranged <= 1.5 x plain (and the analysis with
#     a range on every volume as well, --volume-ranges).
# Run from anywhere:   bash Benchmarks/report_bench.sh
#   RUNS=5 SCRATCH=/tmp/build bash Benchmarks/report_bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

scratch=()
[ -n "${SCRATCH:-}" ] && scratch=(--scratch-path "$SCRATCH")
swift build -c release --product orgc "${scratch[@]}" >/dev/null
bin=$(swift build -c release --show-bin-path "${scratch[@]}")/orgc

python3 Benchmarks/genmodel.py --lines 100000 --out "$work/100k" --force 2>/dev/null
python3 Benchmarks/genmodel.py --lines 100000 --time-ranges --out "$work/100k-ranges" --force 2>/dev/null
python3 Benchmarks/genmodel.py --lines 100000 --time-ranges --volume-ranges --out "$work/100k-both" --force 2>/dev/null
python3 Benchmarks/genmodel.py --single-process-nodes 2000 --out "$work/single2000.orga" 2>/dev/null
python3 - "$work/nested999.orga" <<'EOF'
import sys
k, p = 999, 0.05
out = ["model M { worktime 1590 h }", "unit U { position P { planned 1 fte } }", "process Nest {", "  volume 1000 /year"]
out += [f"  step A{i} {{ by P; time 1 min }}" for i in range(1, k + 1)]
out.append("  step B { by P; time 1 min }")
for i in range(k, 0, -1):
    nxt = "end" if i == 1 else f"D{i - 1}"
    out.append(f'  decide D{i} {{ branch "again" {p * 100:g} % -> A{i}; branch "out" {100 - p * 100:g} % -> {nxt} }}')
out.append("}")
open(sys.argv[1], "w").write("\n".join(out) + "\n")
EOF

# phase <file> <phase>: best (minimum) of RUNS `--timings` values of one phase, in ms
phase() {
  local best=""
  for _ in $(seq "$RUNS"); do
    v=$("$bin" report --timings --format json "$1" 2>&1 >/dev/null | awk -v p="$2" '$1=="timing" && $2==p {print $3}')
    if [ -z "$best" ] || awk "BEGIN{exit !($v < $best)}"; then best=$v; fi
  done
  echo "$best"
}

echo "== orgc report --format json, 100,000-line model (best of $RUNS)"
best=""
for _ in $(seq "$RUNS"); do
  s=$(date +%s%N); "$bin" report --format json "$work/100k" >"$work/out.json"; e=$(date +%s%N)
  ms=$(( (e - s) / 1000000 ))
  if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
done
bytes=$(wc -c <"$work/out.json")
if [ -x /usr/bin/time ]; then
  rss_kb=$(/usr/bin/time -v "$bin" report --format json "$work/100k" 2>&1 >/dev/null | awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}')
  rss=$(( rss_kb / 1024 ))
else
  rss=$("$bin" report --timings --format json "$work/100k" 2>&1 >/dev/null | awk '$1=="peak_rss"{print $2}')
fi
echo "wall ${best} ms (target <= 500), peak RSS ${rss} MB (target <= 200), output ${bytes} bytes"
echo "phases (best of $RUNS, ms):"
for p in load parse check analyze render write; do printf "  %-8s %s\n" "$p" "$(phase "$work/100k" "$p")"; done

echo "== 2,000-node single process with nested loops (genmodel), staffing analysis"
echo "analyze $(phase "$work/single2000.orga" analyze) ms (target <= 50)"
echo "== 999 perfectly nested loops (1,999 nodes), staffing analysis"
echo "analyze $(phase "$work/nested999.orga" analyze) ms"

echo "== ranges: a range on every time of the 100k model vs plain times (alternating, best of $RUNS)"
best_plain="" best_ranged=""
for _ in $(seq "$RUNS"); do
  for m in 100k 100k-ranges; do
    s=$(date +%s%N); "$bin" report --format json "$work/$m" >/dev/null; e=$(date +%s%N)
    ms=$(( (e - s) / 1000000 ))
    if [ "$m" = 100k ]; then
      if [ -z "$best_plain" ] || [ "$ms" -lt "$best_plain" ]; then best_plain=$ms; fi
    else
      if [ -z "$best_ranged" ] || [ "$ms" -lt "$best_ranged" ]; then best_ranged=$ms; fi
    fi
  done
done
echo "plain ${best_plain} ms, ranged ${best_ranged} ms, ratio $(awk "BEGIN{printf \"%.2f\", $best_ranged / $best_plain}") (target <= 1.5)"
echo "analyze: plain $(phase "$work/100k" analyze) ms, ranged $(phase "$work/100k-ranges" analyze) ms, times and volumes ranged $(phase "$work/100k-both" analyze) ms"
