#!/usr/bin/env python3
"""time_dated.py - adds dated values to a model made by genmodel.py (issue 11).

  time_dated.py DIR      rewrites every .orga file below DIR in place

Every `planned X fte` of a position gets 5 dated `planned` values and every position
5 dated `filled` values (10 per position, on the same line, so the line count stays),
dated across 2024-2026 around the model year 2025; the `model` block gets `ramp 6 mo`
so that every increase of `filled` ramps up. Deterministic: the values depend only on
the position's name.
"""
import os
import re
import sys

PLANNED_DATES = ["2024-07-01", "2025-01-01", "2025-04-01", "2025-10-01", "2026-01-01"]
FILLED_DATES = ["2024-10-01", "2025-02-01", "2025-05-15", "2025-08-01", "2025-11-01"]


def fte(v):
    return ("%.2f" % v).rstrip("0").rstrip(".")


def dated(match, name):
    planned = float(match.group(1))
    seed = sum(ord(c) for c in name)
    p = ["planned %s fte from %s" % (fte(planned + ((seed + i) % 3) * 0.5), d) for i, d in enumerate(PLANNED_DATES)]
    f = ["filled %s fte from %s" % (fte(max(0.0, planned - ((seed + i) % 4) * 0.5)), d) for i, d in enumerate(FILLED_DATES)]
    return match.group(0) + "; " + "; ".join(p + f)


def rewrite(text):
    out = []
    name = ""
    for line in text.split("\n"):
        m = re.search(r"\bposition (\w+)", line)
        if m:
            name = m.group(1)
        if re.match(r"^model \w+", line):
            line = line.replace("{", "{ ramp 6 mo;", 1) if "{" in line else line
        if name and re.search(r"\bplanned ([0-9.]+) fte\b", line) and "from" not in line:
            line = re.sub(r"\bplanned ([0-9.]+) fte\b", lambda m: dated(m, name), line, count=1)
        out.append(line)
    return "\n".join(out)


def main():
    root = sys.argv[1]
    for d, _, files in os.walk(root):
        for f in sorted(files):
            if f.endswith(".orga"):
                p = os.path.join(d, f)
                with open(p, encoding="utf-8") as fh:
                    text = fh.read()
                with open(p, "w", encoding="utf-8") as fh:
                    fh.write(rewrite(text))


if __name__ == "__main__":
    main()
