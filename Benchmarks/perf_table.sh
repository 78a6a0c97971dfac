#!/usr/bin/env bash
# perf_table.sh — the whole table of issue 15 (performance) in one run, release build.
#
#  1. 100k-line model (genmodel.py, 50 files): `orgc check`, whole process, against
#     `python3 -c "import json; json.load(open(F))"` on the same model written as JSON
#     (Benchmarks/orga2json.py: every file, statement and token of the source), runs
#     alternating, median of RUNS each, and the ratio json/orgc;
#  2. `orgc report --format json` on the 100k model, whole process;
#  3. 1M-line model (500 files): `orgc check` wall time and peak RSS (/usr/bin/time -v);
#  4. memory per input byte (issue 17 item 7): `orgc check` on one 50 MB line of
#     `unit U<i>;` with distinct names (DENSE_MB, DENSE=0 skips it);
#  5. the language server rows, from Benchmarks/lsp_bench.py on the 100k model
#     (LSP=0 skips them; LSP_SOAK edits in its memory soak, default 10000).
# Prints: figure | measured | goal | pass/fail, and `uptime` before and after.
#
#   bash Benchmarks/perf_table.sh
#   RUNS=21 LSP=0 DENSE=0 bash Benchmarks/perf_table.sh
#   ORGC=/path/to/orgc bash Benchmarks/perf_table.sh      # time another binary, no build
#
# Generated models are cached in PERF_CACHE (default /tmp/orgc-perf-table); the
# generator is deterministic, and a cache entry is keyed by genmodel.py's hash.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-11}
CACHE=${PERF_CACHE:-/tmp/orgc-perf-table}
LSP=${LSP:-1}
LSP_SOAK=${LSP_SOAK:-10000}
DENSE=${DENSE:-1}
DENSE_MB=${DENSE_MB:-50}

if [ -z "${ORGC:-}" ]; then
  swift build -c release --product orgc >/dev/null
  ORGC=$(swift build -c release --show-bin-path)/orgc
fi
if [ ! -x /usr/bin/time ]; then
  echo "installing GNU time (for peak RSS)…" >&2
  apt-get install -y time >/dev/null 2>&1 || { echo "perf_table.sh: needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
fi
mkdir -p "$CACHE"
key=$(sha1sum Benchmarks/genmodel.py Benchmarks/orga2json.py | sha1sum | cut -c1-12)

# gen LINES: the genmodel.py model of LINES lines in $CACHE/mLINES (made once per key)
gen() {
  local dir="$CACHE/m$1"
  if [ ! -f "$dir/.made-$key" ]; then
    python3 Benchmarks/genmodel.py --lines "$1" --out "$dir" --force 2>/dev/null
    rm -f "$dir"/.made-*
    touch "$dir/.made-$key"
  fi
}
gen 100000
gen 1000000
if [ ! -f "$CACHE/m100000.json.$key" ]; then
  python3 Benchmarks/orga2json.py "$CACHE/m100000" >"$CACHE/m100000.json"
  rm -f "$CACHE"/m100000.json.*
  touch "$CACHE/m100000.json.$key"
fi
if [ "$DENSE" = 1 ] && [ ! -f "$CACHE/dense$DENSE_MB.orga" ]; then
  # One line of `unit U0; unit U1; …` up to DENSE_MB MB (distinct names: each one a declaration).
  python3 - "$CACHE/dense$DENSE_MB.orga" "$DENSE_MB" <<'EOF'
import sys
path, limit = sys.argv[1], int(sys.argv[2]) * 1000 * 1000
with open(path, "w") as f:
    size, i, chunk = 0, 0, []
    while size < limit:
        s = f"unit U{i}; "
        chunk.append(s); size += len(s); i += 1
        if len(chunk) == 100000:
            f.write("".join(chunk)); chunk = []
    f.write("".join(chunk) + "\n")
EOF
fi

echo "perf_table.sh — issue 15, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(uname -m)"
echo "orgc: $ORGC   models: $CACHE   runs: $RUNS"
echo "uptime before: $(uptime)"

lsp_out=""
if [ "$LSP" = 1 ]; then
  lsp_out=$(python3 Benchmarks/lsp_bench.py --orgc "$ORGC" --workspace "$CACHE/m100000" --soak "$LSP_SOAK" 2>&1) \
    || echo "lsp_bench.py failed; its output:" >&2
fi

python3 - "$ORGC" "$CACHE" "$RUNS" "$DENSE" "$DENSE_MB" "$lsp_out" <<'EOF'
import os, re, statistics, subprocess, sys, time

orgc, cache, runs, dense, dense_mb, lsp_out = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4] == "1", int(sys.argv[5]), sys.argv[6]
m100k, m1m, js = os.path.join(cache, "m100000"), os.path.join(cache, "m1000000"), os.path.join(cache, "m100000.json")
DEVNULL = subprocess.DEVNULL


def wall(cmd):
    """Wall seconds of one whole process (orgc exits 1 when it has findings)."""
    t = time.perf_counter()
    code = subprocess.run(cmd, stdout=DEVNULL, stderr=DEVNULL).returncode
    dt = time.perf_counter() - t
    if code not in (0, 1):
        sys.exit(f"{cmd!r} exited with {code}")
    return dt


def gnu_time(cmd):
    """(wall seconds, peak RSS in MB) from /usr/bin/time -v."""
    r = subprocess.run(["/usr/bin/time", "-v"] + cmd, stdout=DEVNULL, stderr=subprocess.PIPE, text=True)
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", r.stderr)
    el = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)", r.stderr)
    secs = (int(el.group(1) or 0) * 3600 + int(el.group(2)) * 60 + float(el.group(3))) if el else float("nan")
    return secs, (int(rss.group(1)) / 1024 if rss else float("nan"))


rows = []


def row(figure, measured, goal, ok):
    rows.append((figure, measured, goal, "n/a" if ok is None else ("pass" if ok else "FAIL")))


# 1. check vs json.load, alternating so that both see the same load.
check_cmd = [orgc, "check", m100k]
json_cmd = [sys.executable, "-c", f"import json; json.load(open({js!r}))"]
wall(check_cmd); wall(json_cmd)  # warm the page cache
t_check, t_json = [], []
for _ in range(runs):
    t_check.append(wall(check_cmd))
    t_json.append(wall(json_cmd))
mc, mj = statistics.median(t_check), statistics.median(t_json)
row("100k `orgc check`, whole process (median)", f"{mc * 1000:.0f} ms (min {min(t_check) * 1000:.0f})", "<= 60 ms", mc <= 0.060)
row(f"json.load of the same model as JSON ({os.path.getsize(js) / 1e6:.1f} MB), median", f"{mj * 1000:.0f} ms (min {min(t_json) * 1000:.0f})", "reference", None)
row("ratio json/orgc (medians)", f"{mj / mc:.2f}", ">= 1.2", mj / mc >= 1.2)

# 2. report --format json
rep = [wall([orgc, "report", "--format", "json", m100k]) for _ in range(max(3, runs // 2))]
mr = statistics.median(rep)
row("100k `orgc report --format json` (median)", f"{mr * 1000:.0f} ms (min {min(rep) * 1000:.0f})", "<= 150 ms", mr <= 0.150)

# 3. 1M check: wall and peak RSS
big = [gnu_time([orgc, "check", m1m]) for _ in range(3)]
mb_wall = statistics.median(w for w, _ in big)
mb_rss = max(r for _, r in big)
row("1M (500 files) `orgc check` wall (median of 3)", f"{mb_wall:.2f} s", "<= 0.6 s", mb_wall <= 0.6)
row("1M `orgc check` peak RSS (max of 3)", f"{mb_rss:.0f} MB", "<= 250 MB", mb_rss <= 250)
row("linearity: 1M / 100k check time", f"x{mb_wall / mc:.1f}", "~x10", None)

# 4. memory per input byte on dense input
if dense:
    f = os.path.join(cache, f"dense{dense_mb}.orga")
    w, rss = gnu_time([orgc, "check", f])
    per = rss * 1024 * 1024 / os.path.getsize(f)
    row(f"`check` one {dense_mb} MB line of `unit U<i>;`: RSS per input byte", f"{per:.1f} B ({rss:.0f} MB, {w:.1f} s)", "< 20 B", per < 20)

# 5. language server, from lsp_bench.py's output
def find(pattern, text=lsp_out):
    m = re.search(pattern, text)
    return m.groups() if m else None

if lsp_out:
    e = find(r"edit -> diagnostics[^:]*: median ([\d.]+) ms, p95 ([\d.]+) ms")
    if e:
        med, p95 = map(float, e)
        row("LSP one-character edit -> diagnostics, median / p95", f"{med:.1f} / {p95:.1f} ms", "<= 10 / 20 ms", med <= 10 and p95 <= 20)
    else:
        row("LSP one-character edit -> diagnostics, median / p95", "not in lsp_bench.py output", "<= 10 / 20 ms", None)
    # An edit that adds or renames a declaration: any lsp_bench.py line that names a declaration.
    d = find(r"(?im)^.*declaration.*?median ([\d.]+) ms") or find(r"(?im)^.*declaration[^\n]*?([\d.]+) ms")
    row("LSP edit that adds/renames a declaration", f"{float(d[0]):.1f} ms" if d else "not measured by lsp_bench.py", "<= 30 ms",
        float(d[0]) <= 30 if d else None)
    soak = find(r"memory soak: (\d+) edits[^\n]*RSS ([^\n]*)")
    if soak:
        mbs = [float(x) for x in re.findall(r"([\d.]+) MB after", soak[1])]
        flat = mbs[-1] - mbs[0] <= max(10, 0.1 * mbs[0])
        row(f"LSP memory over {soak[0]} edits", " -> ".join(f"{x:.0f}" for x in mbs) + " MB", "<= 150 MB flat", max(mbs) <= 150 and flat)
    else:
        row("LSP memory over many edits", "no soak in lsp_bench.py output", "<= 150 MB flat", None)
else:
    row("LSP rows", "skipped (LSP=0)", "", None)

widths = [max(len(r[i]) for r in rows + [("figure", "measured", "goal", "")]) for i in range(4)]
print("")
print(" | ".join(h.ljust(w) for h, w in zip(("figure", "measured", "goal", "result"), widths)))
print("-|-".join("-" * w for w in widths))
for r in rows:
    print(" | ".join(c.ljust(w) for c, w in zip(r, widths)))
if lsp_out:
    print("\nlsp_bench.py output:\n  " + "\n  ".join(lsp_out.strip().splitlines()))
EOF
echo "uptime after: $(uptime)"
