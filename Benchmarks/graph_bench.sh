#!/usr/bin/env bash
# Benchmark of `orgc graph` (issue 4): every process of the generated 100,000-line
# model to SVG and to BPMN, release build; also the org chart and the landscape.
# Wall time includes reading, checking and analysing the model. Run from the repo root:
#   bash Benchmarks/graph_bench.sh
#   LINES=1000000 RUNS=1 bash Benchmarks/graph_bench.sh
# Set ORGC to use an existing binary instead of building one.
set -euo pipefail
cd "$(dirname "$0")/.."
LINES=${LINES:-100000}
RUNS=${RUNS:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ -z "${ORGC:-}" ]; then
  swift build -c release --product orgc >/dev/null
  ORGC=.build/release/orgc
fi
python3 Benchmarks/genmodel.py --lines "$LINES" --out "$work/model" --force 2>"$work/gen.txt"
sed 's/^/# /' "$work/gen.txt"

run=0; out="$work/out0"
# Output on tmpfs (/dev/shm) measures orgc; output on disk adds the file system, whose
# inode allocation for 2,000 new files varies a lot with what was deleted just before.
shm=""
if [ -d /dev/shm ] && [ -w /dev/shm ]; then shm=$(mktemp -d /dev/shm/orgc-graph-bench.XXXXXX); fi
trap 'rm -rf "$work" ${shm:+"$shm"}' EXIT
best_of() {   # best_of LABEL COMMAND… → prints "LABEL best_ms"
  local label=$1; shift
  local best=""
  for _ in $(seq "$RUNS"); do
    # A fresh output directory per run (deleting thousands of files right before
    # creating thousands makes ext4 inode allocation slow and the timing noisy).
    run=$((run + 1)); out="${OUTROOT:-$work}/out$run"
    local t0 t1
    t0=$(date +%s%N)
    "${@//@OUT@/$out}" >/dev/null
    t1=$(date +%s%N)
    local ms=$(( (t1 - t0) / 1000000 ))
    if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
  done
  printf "%-40s %8s ms\n" "$label" "$best"
}

procs=$(grep -rh '^process ' "$work/model" | wc -l)
echo "# model: $LINES lines, $procs processes; best of $RUNS runs; $(nproc) cores"
for where in ${shm:+tmpfs} disk; do
  if [ "$where" = tmpfs ]; then OUTROOT=$shm; else OUTROOT=$work; fi
  best_of "all processes -> SVG ($where)"  "$ORGC" graph --all-processes --format svg  -o @OUT@ "$work/model"
  files=$(find "$out" -name '*.svg' | wc -l); bytes=$(du -sb "$out" | cut -f1)
  echo "#   $files SVG files, $((bytes / 1024)) KiB"
  best_of "all processes -> BPMN ($where)" "$ORGC" graph --all-processes --format bpmn -o @OUT@ "$work/model"
  files=$(find "$out" -name '*.bpmn' | wc -l); bytes=$(du -sb "$out" | cut -f1)
  echo "#   $files BPMN files, $((bytes / 1024)) KiB"
done
OUTROOT=${shm:-$work}
best_of "all processes -> SVG --metrics"  "$ORGC" graph --all-processes --metrics --format svg -o @OUT@ "$work/model"
best_of "all processes -> DOT"            "$ORGC" graph --all-processes --format dot  -o @OUT@ "$work/model"
best_of "all processes -> Mermaid"        "$ORGC" graph --all-processes --format mermaid -o @OUT@ "$work/model"
best_of "org chart -> SVG"                "$ORGC" graph --org --format svg -o @OUT@.svg "$work/model"
best_of "landscape -> SVG"                "$ORGC" graph --landscape --format svg -o @OUT@.svg "$work/model"
best_of "check only (baseline)"           "$ORGC" check "$work/model"
echo "# target: all processes to SVG and to BPMN in <= 2000 ms each"
