#!/usr/bin/env bash
# Benchmark of `orgc diff` (issue 10): two generated models of LINES lines (default
# 100k) that differ in 100 inputs (40 step times, 20 volumes, 20 planned, 20 filled),
# release build. Prints the best wall time of RUNS runs of
#   - `orgc check OLD` + `orgc check NEW` (the baseline), and
#   - `orgc diff --format json OLD NEW`,
# and their ratio. Target: diff ≤ 2 × (two checks). Run from the repo root:
#   bash Benchmarks/diff_bench.sh
#   LINES=1000000 RUNS=3 bash Benchmarks/diff_bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
LINES=${LINES:-100000}
RUNS=${RUNS:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
swift build -c release --product orgc >/dev/null
bin=$PWD/.build/release/orgc
python3 Benchmarks/genmodel.py --lines "$LINES" --out "$work/old" --force >/dev/null 2>&1
cp -r "$work/old" "$work/new"
# 100 single-number edits, spread evenly over the model (deterministic).
python3 - "$work/new" <<'EOF'
import os, re, sys
root = sys.argv[1]
files = sorted(os.path.join(d, f) for d, _, fs in os.walk(root) for f in fs if f.endswith(".orga"))
want = {"time": 40, "volume": 20, "planned": 20, "filled": 20}
pattern = re.compile(r"\b(time|volume|planned|filled) ([0-9][0-9_]*(?:\.[0-9]+)?)\b")
hits = []
for path in files:
    text = open(path, encoding="utf-8").read()
    for m in pattern.finditer(text):
        hits.append((path, m.start(2), m.end(2), m.group(1), m.group(2)))
edits = []
for kw, n in want.items():
    mine = [h for h in hits if h[3] == kw]
    step = max(1, len(mine) // n)
    edits += mine[::step][:n]
by_file = {}
for e in edits:
    by_file.setdefault(e[0], []).append(e)
for path, es in by_file.items():
    text = open(path, encoding="utf-8").read()
    for (_, a, b, kw, num) in sorted(es, key=lambda e: -e[1]):
        v = float(num.replace("_", ""))
        new = v + 1 if kw in ("time", "volume") else v + 0.5
        text = text[:a] + ("%g" % new) + text[b:]
    open(path, "w", encoding="utf-8").write(text)
print(len(edits), "edits", file=sys.stderr)
EOF
# Best of RUNS runs of "$@": wall ms and CPU ms (user + system), from /usr/bin/time.
best() {
  local bw="" bc=""
  for _ in $(seq "$RUNS"); do
    local t w c
    /usr/bin/time -o "$work/time" -f "%e %U %S" "$@" >/dev/null 2>&1 || true
    t=$(tail -1 "$work/time")
    w=$(echo "$t" | awk '{printf "%d", $1 * 1000}')
    c=$(echo "$t" | awk '{printf "%d", ($2 + $3) * 1000}')
    if [ -z "$bw" ] || [ "$w" -lt "$bw" ]; then bw=$w; fi
    if [ -z "$bc" ] || [ "$c" -lt "$bc" ]; then bc=$c; fi
  done
  echo "$bw $bc"
}
causes=$("$bin" diff --format json "$work/old" "$work/new" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(len(d["causes"]), len(d["unattributed"]))')
read -r c1w c1c <<<"$(best "$bin" check "$work/old")"
read -r c2w c2c <<<"$(best "$bin" check "$work/new")"
read -r dw dc <<<"$(best "$bin" diff --format json "$work/old" "$work/new")"
read -r tw tc <<<"$(best "$bin" diff "$work/old" "$work/new")"
/usr/bin/time -o "$work/time" -f "%M" "$bin" diff --format json "$work/old" "$work/new" >/dev/null
rss=$(tail -1 "$work/time")
echo "lines=$LINES causes=$(echo "$causes" | cut -d' ' -f1) unattributed=$(echo "$causes" | cut -d' ' -f2)"
printf "%-28s %9s %9s\n" "" "wall_ms" "cpu_ms"
printf "%-28s %9s %9s\n" "check OLD + check NEW" "$((c1w + c2w))" "$((c1c + c2c))"
printf "%-28s %9s %9s\n" "diff --format json" "$dw" "$dc"
printf "%-28s %9s %9s\n" "diff (text)" "$tw" "$tc"
echo "ratio diff/two checks: wall $(awk "BEGIN{printf \"%.2f\", $dw/($c1w+$c2w)}"), cpu $(awk "BEGIN{printf \"%.2f\", $dc/($c1c+$c2c)}"); peak RSS of diff: ${rss} KB"
echo "(best of $RUNS runs each; target: diff <= 2 x two checks)"
