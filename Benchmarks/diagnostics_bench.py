#!/usr/bin/env python3
"""Diagnostics and memory benchmark of `orgc check` / `orgc report` (issue 17, items 5 and 7).

For every diagnostic that a model can produce in bulk it generates a model with N
instances (16k, 32k, 64k by default), runs the release `orgc check` on it and prints
the wall time, the peak RSS and the number of diagnostics. Doubling N should about
double the time (linear); a quadratic path shows as ×4 per step. Then it measures
memory per input byte on dense input (a 50 MB line of `unit Ui;`, 100k processes).

It fails nothing: it only prints. Run from anywhere:

    python3 Benchmarks/diagnostics_bench.py                 # builds the release binary first
    ORGC=/path/to/orgc python3 Benchmarks/diagnostics_bench.py --no-build
    python3 Benchmarks/diagnostics_bench.py --sizes 16000 32000 --no-memory

Peak RSS comes from `/usr/bin/time -v` when it exists, else from `--timings`.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

HEADER = "model M { worktime 1600 h }\nunit U { position P { planned 1 fte } }\n"


def gen_duplicates(n):
    """E303: the same unit declared n times."""
    return "unit A\n" * n


def gen_duplicate_nodes(n):
    """E303: one process with n steps of the same name."""
    return HEADER + "process X { volume 1 /year\n" + "  step A { by P; time 1 min }\n" * n + "}\n"


def gen_unknown_keywords(n):
    """E111: n statements with an unknown keyword inside a step."""
    return HEADER + "process X { volume 1 /year\n  step A { by P; time 1 min\n" + "    tiem 15 min\n" * n + "  }\n}\n"


def gen_unknown_references(n):
    """E301: n units placed `in` n distinct names that do not exist (n declarations too)."""
    return "".join(f"unit U{i} {{ in Missing{i} }}\n" for i in range(n))


def gen_unknown_performers(n):
    """E301: one process with n steps done by n distinct unknown performers."""
    return HEADER + "process X { volume 1 /year\n" + "".join(
        f"  step S{i} {{ by Nobody{i}; time 1 min }}\n" for i in range(n)) + "}\n"


def gen_unknown_targets(n):
    """E402: one process with n steps whose `next` names a node that does not exist."""
    return HEADER + "process X { volume 1 /year\n" + "".join(
        f"  step S{i} {{ by P; time 1 min; next Nowhere{i} }}\n" for i in range(n)) + "}\n"


def gen_bad_units(n):
    """E201: n positions with a quantity in the wrong unit."""
    return "unit U {\n" + "".join(f"  position P{i} {{ planned 1 h }}\n" for i in range(n)) + "}\n"


def gen_duplicate_settings(n):
    """E306: one model block with the same setting n times."""
    return "model M {\n" + "  year 2024\n" * n + "}\n"


def gen_missing_time(n):
    """E501: n staff steps without `time`."""
    return HEADER + "process X { volume 1 /year\n" + "".join(f"  step S{i} {{ by P }}\n" for i in range(n)) + "}\n"


def gen_unit_cycle(n):
    """E304: one cycle through n units (a deep `in` chain)."""
    return "".join(f"unit U{i} {{ in U{(i + 1) % n} }}\n" for i in range(n))


def gen_unexpected_characters(n):
    """E101: n lines with a character that starts no token (stored diagnostics are bounded)."""
    return "".join(f"unit A{i} # x\n" for i in range(n))


def gen_invalid_utf8_comments(n):
    """W122: n comments with an invalid UTF-8 byte."""
    return b"// Stra\xdfe\n" * n


CASES = [
    ("E303 duplicate unit", gen_duplicates),
    ("E303 duplicate step", gen_duplicate_nodes),
    ("E111 unknown keyword", gen_unknown_keywords),
    ("E301 unknown `in`", gen_unknown_references),
    ("E301 unknown `by`", gen_unknown_performers),
    ("E402 unknown `next`", gen_unknown_targets),
    ("E201 wrong unit", gen_bad_units),
    ("E306 duplicate setting", gen_duplicate_settings),
    ("E501 missing time", gen_missing_time),
    ("E304 unit cycle", gen_unit_cycle),
    ("E101 bad character", gen_unexpected_characters),
    ("W122 bad UTF-8 comment", gen_invalid_utf8_comments),
]


def write(path, text):
    with open(path, "wb") as f:
        f.write(text if isinstance(text, bytes) else text.encode())


def run(orgc, args):
    """Runs orgc; returns (seconds, peak RSS in MB, stdout)."""
    use_time = os.path.exists("/usr/bin/time")
    cmd = (["/usr/bin/time", "-v"] if use_time else []) + [orgc] + args + ([] if use_time else ["--timings"])
    t0 = time.monotonic()
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    seconds = time.monotonic() - t0
    err = p.stderr.decode(errors="replace")
    if use_time:
        m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", err)
        rss = int(m.group(1)) / 1024 if m else float("nan")
    else:
        m = re.search(r"peak_rss\s+([\d.]+)", err)
        rss = float(m.group(1)) if m else float("nan")
    return seconds, rss, p.stdout


def count_diagnostics(stdout):
    # The summary line, English or German (`check` speaks German by default).
    m = re.search(rb"(\d+) (?:errors?|Fehler), (\d+) (?:warnings?|Warnung(?:en)?)", stdout)
    return int(m.group(1)) + int(m.group(2)) if m else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[16000, 32000, 64000])
    ap.add_argument("--no-build", action="store_true", help="use $ORGC or .build/release/orgc as it is")
    ap.add_argument("--no-memory", action="store_true", help="skip the memory-per-byte measurements")
    ap.add_argument("--only", help="run only cases whose name contains this text")
    a = ap.parse_args()

    if not a.no_build and "ORGC" not in os.environ:
        subprocess.run(["swift", "build", "-c", "release", "--product", "orgc"], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
    orgc = os.environ.get("ORGC", os.path.join(ROOT, ".build", "release", "orgc"))
    work = tempfile.mkdtemp(prefix="orgc-diag-bench-")
    try:
        print(f"{'diagnostic':<24}" + "".join(f"{n:>10}" for n in a.sizes) + "   ratio  peak RSS (largest)  diagnostics")
        for name, gen in CASES:
            if a.only and a.only not in name:
                continue
            times, rss, count = [], 0.0, 0
            for n in a.sizes:
                path = os.path.join(work, "m.orga")
                write(path, gen(n))
                s, r, out = run(orgc, ["check", path])
                times.append(s)
                rss, count = r, count_diagnostics(out)
            ratio = times[-1] / times[-2] if len(times) > 1 and times[-2] > 0 else float("nan")
            print(f"{name:<24}" + "".join(f"{t:>9.2f}s" for t in times) + f"   ×{ratio:<4.1f} {rss:>10.0f} MB  {count:>12}")
        print("(wall seconds of `orgc check FILE`; ratio = largest / second largest: about ×2 means linear)")

        if not a.no_memory:
            print()
            print(f"{'memory':<42}{'input MB':>10}{'seconds':>10}{'peak RSS MB':>13}{'bytes/input byte':>18}")
            # A 50 MB line of `unit Ui;`: the same name (all duplicates) and distinct names.
            for label, text in [("`unit Ui;` ×6.25M (duplicates)", "unit Ui;" * 6_250_000 + "\n"),
                                ("`unit U<i>;` (distinct names)", "".join(f"unit U{i};" for i in range(3_700_000)) + "\n")]:
                path = os.path.join(work, "dense.orga")
                write(path, text)
                size = os.path.getsize(path)
                s, r, _ = run(orgc, ["check", path])
                print(f"{'check: ' + label:<42}{size / 1e6:>10.1f}{s:>10.2f}{r:>13.0f}{r * 1048576 / size:>18.1f}")
            # 100k processes (one staff step each), report as JSON.
            procs = HEADER + "".join(f"process Pr{i} {{ volume 10 /year; step S {{ by P; time 5 min }} }}\n" for i in range(100_000))
            path = os.path.join(work, "procs.orga")
            write(path, procs)
            size = os.path.getsize(path)
            s, r, _ = run(orgc, ["check", path])
            print(f"{'check: 100k processes':<42}{size / 1e6:>10.1f}{s:>10.2f}{r:>13.0f}{r * 1048576 / size:>18.1f}")
            s, r, _ = run(orgc, ["report", "--format", "json", path])
            print(f"{'report --format json: 100k processes':<42}{size / 1e6:>10.1f}{s:>10.2f}{r:>13.0f}{r * 1048576 / size:>18.1f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
