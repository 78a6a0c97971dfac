#!/usr/bin/env bash
# Benchmark of the portfolio (issue 12): `orgc check` of a generated programme with
# 10,000 projects and 50,000 milestones (five per project, a `depends` chain through
# every tenth project, one measure delivered per hundred projects; `asof` before every
# date, so the model checks without findings and the time is the checks'), release build;
# and `orgc graph --gantt` of the same model (cut to 500 rows). Run from the repo root:
#   bash Benchmarks/portfolio_bench.sh
#   PROJECTS=20000 bash Benchmarks/portfolio_bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PROJECTS=${PROJECTS:-10000}
RUNS=${RUNS:-5}
work=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
swift build -c release --product orgc >/dev/null
bin=.build/release/orgc
python3 - "$PROJECTS" "$work/portfolio.orga" <<'PY'
import sys
n, out = int(sys.argv[1]), sys.argv[2]
lines = ["model Bench { year 2024; worktime 1590 h; asof 2000-01-01 }",
         "grade E9 { cost 60_000 EUR }",
         "unit Amt { position SB { grade E9; planned 50 fte } }",
         "process Antrag { owner Amt; volume 100_000 /year; step Pruefen { by SB; time 30 min } }"]
fields = 20
lines.append("programme P \"Benchmark\" { owner Amt; period 2000-01-01..2049-12-31; budget %d EUR" % (n * 1000))
for f in range(fields):
    lines.append("  field F%d { owner SB }" % f)
lines.append("}")
for j in range(n):
    y = 2000 + (j % 40)
    parts = ["in P.F%d" % (j % fields), "owner %s" % ("SB" if j % 3 else "Amt"),
             "period %d-01-01..%d-12-31" % (y, y + 2), "status %s" % ["planned", "running", "done"][j % 3], "budget 1_000 EUR"]
    if j % 10 == 5 and j % 40 >= 5:
        parts.append("depends Q%d" % (j - 5))
    if j % 100 == 0:
        lines.append("measure M%d { change Antrag.Pruefen time -0.001 min }" % j)
        parts.append("delivers M%d" % j)
    for k in range(5):
        parts.append("milestone S%d { date %d-%02d-15%s }" % (k, y + k // 2, 1 + 2 * k, "; done" if j % 3 == 2 else ""))
    lines.append("project Q%d { %s }" % (j, "; ".join(parts)))
lines.append("scenario S { apply %s }" % ", ".join("M%d" % j for j in range(0, n, 100)))
open(out, "w").write("\n".join(lines) + "\n")
PY
size=$(wc -c <"$work/portfolio.orga")
best=""
for _ in $(seq "$RUNS"); do
  s=$(date +%s%N); "$bin" check "$work/portfolio.orga" >/dev/null 2>&1 || true; e=$(date +%s%N)
  ms=$(( (e - s) / 1000000 ))
  if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
done
gbest=""
for _ in $(seq "$RUNS"); do
  s=$(date +%s%N); "$bin" graph --gantt "$work/portfolio.orga" -o "$work/g.svg" >/dev/null 2>&1 || true; e=$(date +%s%N)
  ms=$(( (e - s) / 1000000 ))
  if [ -z "$gbest" ] || [ "$ms" -lt "$gbest" ]; then gbest=$ms; fi
done
milestones=$(grep -o "milestone " "$work/portfolio.orga" | wc -l)
printf "%-9s %-11s %-9s %-14s %-14s\n" projects milestones bytes check_ms gantt_svg_ms
printf "%-9s %-11s %-9s %-14s %-14s\n" "$PROJECTS" "$milestones" "$size" "$best" "$gbest"
echo "(best of $RUNS runs each, whole command wall time incl. reading and parsing; target: check <= 200 ms)"
