#!/usr/bin/env python3
"""orga2json.py - writes an Orga model (a directory of .orga files, or one file) as
JSON, for the json.load reference of issue 15 (Benchmarks/perf_table.sh).

The JSON carries the same data as the model's source: every file, every statement
in its block structure and every token of it, nothing analysed or added.

  [["part00/m0000.orga", [["grade", "E1", "Entgeltgruppe 1 TVöD", [["cost", 36900, "EUR"]]],
                          ...]], ...]

A file is [path, statements]; a statement is an array of its tokens (numbers as JSON
numbers, `12_365` as 12365; strings unquoted; names, units and punctuation such as
`->`, `%`, `/` as strings), followed, when it has a `{ }` block, by the array of the
block's statements (the only array among its items).
Comments are left out, as orgc's check ignores them. A statement ends at a newline,
`;` or the `}` of its block, as in the language.

  python3 Benchmarks/orga2json.py DIR > model.json

Standard library only; output is deterministic (files sorted by path).
"""
import json
import os
import re
import sys

TOKEN = re.compile(r'''
    (?P<ws>[ \t\r]+)
  | (?P<nl>\n)
  | (?P<comment>//[^\n]*|/\*.*?\*/)
  | (?P<string>"(?:[^"\\\n]|\\.)*")
  | (?P<number>[0-9][0-9_]*(?:\.[0-9][0-9_]*)?)
  | (?P<word>[^\W\d]\w*)
  | (?P<arrow>->|\.\.)
  | (?P<open>\{)
  | (?P<close>\})
  | (?P<semi>;)
  | (?P<other>.)
''', re.VERBOSE | re.DOTALL)

ESCAPES = {"n": "\n", "t": "\t", "\\": "\\", '"': '"'}


def unquote(s):
    return re.sub(r'\\(.)', lambda m: ESCAPES.get(m.group(1), m.group(1)), s[1:-1])


def statements(text):
    root = []
    stack = [root]           # open blocks
    current = None           # the statement being read, as a list of tokens

    def end():
        nonlocal current
        if current:
            stack[-1].append(current)
        current = None

    for m in TOKEN.finditer(text):
        kind, tok = m.lastgroup, m.group()
        if kind in ("ws", "comment"):
            continue
        if kind in ("nl", "semi"):
            end()
        elif kind == "open":
            stmt = current if current else []
            block = []
            stmt.append(block)
            stack[-1].append(stmt)
            stack.append(block)
            current = None
        elif kind == "close":
            end()
            if len(stack) > 1:
                stack.pop()
        else:
            if kind == "string":
                value = unquote(tok)
            elif kind == "number":
                digits = tok.replace("_", "")
                value = float(digits) if "." in digits else int(digits)
            else:
                value = tok
            if current is None:
                current = []
            current.append(value)
    end()
    return root


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: orga2json.py MODEL_DIR_OR_FILE > model.json")
    top = sys.argv[1]
    if os.path.isdir(top):
        paths = sorted(os.path.relpath(os.path.join(d, f), top)
                       for d, _, fs in os.walk(top) for f in fs if f.endswith(".orga"))
    else:
        top, paths = os.path.dirname(top) or ".", [os.path.basename(top)]
    files = []
    for rel in paths:
        with open(os.path.join(top, rel), encoding="utf-8") as f:
            files.append([rel, statements(f.read())])
    json.dump(files, sys.stdout, ensure_ascii=False, separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
