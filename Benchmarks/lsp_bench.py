#!/usr/bin/env python3
"""lsp_bench.py - drives the real `orgc lsp` over stdio on a large workspace and
prints the figures of issue 5:

  initialize + first diagnostics            (target <= 1 s)
  one-character edit -> diagnostics         (target median <= 50 ms, p95 <= 150 ms)
  hover / definition / completion latency   (target p95 <= 20 ms each)
  resident memory, and its growth over many edits (target <= 300 MB, not growing)

and those of issue 15 (`--table` ends with its three rows as markdown):

  one-character edit -> diagnostics         (goal median <= 10 ms, p95 <= 20 ms)
  an edit that adds/removes or renames a declaration -> diagnostics (goal <= 30 ms)
  memory over 10,000 edits                  (goal <= 150 MB, flat)

Usage:
  python3 Benchmarks/lsp_bench.py [--orgc .build/release/orgc] [--workspace DIR]
                                  [--lines 100000] [--edits 300] [--queries 300]
                                  [--soak 10000] [--decl-edits 40] [--table]
                                  [--server-log FILE]

Without --workspace, the 100,000-line model is generated with genmodel.py into
Benchmarks/out/lsp<lines> (ignored by git). Standard library only.

  python3 Benchmarks/lsp_bench.py --hostile-folder [DIR] [--hostile-files 100000]
  python3 Benchmarks/lsp_bench.py --hostile-folder /tmp --as-is

measures issue 17 item 6 instead: a small model is open, then a large folder that is
not a model (generated into DIR, default Benchmarks/out/hostile: many directories and
files, .git and node_modules with .orga files, .orga files over the size limit, big
.orga files up to the per-folder bound, binary files, symbolic link loops) is added with
workspace/didChangeWorkspaceFolders. Prints hover latency while it is indexed, the
time to index it, workspace/symbol latency, and resident memory before, at the peak
and after. With --as-is an existing folder (such as /tmp) is added as it is.
"""
import argparse, json, os, random, statistics, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))


class Server:
    def __init__(self, cmd, log=None):
        self.p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=log if log is not None else subprocess.DEVNULL, bufsize=0)
        self.out = self.p.stdout
        self.next_id = 0
        self.backlog = []

    def send(self, obj):
        body = json.dumps(obj).encode()
        self.p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def read(self):
        length = None
        while True:
            line = self.out.readline()
            if not line:
                raise RuntimeError("server closed its output")
            line = line.strip()
            if not line:
                break
            k, v = line.split(b":", 1)
            if k.strip().lower() == b"content-length":
                length = int(v)
        data = b""
        while len(data) < length:
            chunk = self.out.read(length - len(data))
            if not chunk:
                raise RuntimeError("server closed its output")
            data += chunk
        return json.loads(data)

    def request(self, method, params):
        self.next_id += 1
        rid = self.next_id
        self.send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        while True:
            m = self.read()
            if m.get("id") == rid and "method" not in m:
                if "error" in m:
                    raise RuntimeError(f"{method}: {m['error']}")
                return m.get("result")
            self.backlog.append(m)

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def wait_diagnostics(self, uri):
        for i, m in enumerate(self.backlog):
            if m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri:
                return self.backlog.pop(i)
        while True:
            m = self.read()
            if m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri:
                return m
            self.backlog.append(m)

    def rss_mb(self):
        try:
            with open(f"/proc/{self.p.pid}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1]) / 1024
        except OSError:
            pass
        return float("nan")


def pct(values, q):
    s = sorted(values)
    if not s:
        return float("nan")
    k = min(len(s) - 1, max(0, int(round(q / 100 * (len(s) - 1)))))
    return s[k]


def utf16_len(s):
    return len(s.encode("utf-16-le")) // 2


def make_hostile(root, files, rnd):
    """A folder like /tmp: `files` plain and binary files in many directories and a
    few models among traps. Returns (root, names declared in its real models)."""
    os.makedirs(root, exist_ok=True)
    def write(rel, data):
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data if isinstance(data, bytes) else data.encode())
    names = []
    for p in range(5):
        write(f"proj{p}/model.orga", f"model M{p} {{ worktime 1600 h }}\n")
        write(f"proj{p}/org.orga", f"unit HostileUnit{p} {{ position HostilePos{p} {{ planned 1 fte }} }}\n")
        names.append(f"HostileUnit{p}")
    for k in range(2000):
        write(f".git/objects/{k % 256:02x}/o{k}.orga", f"unit GitUnit{k}\n")
    for k in range(2000):
        write(f"node_modules/pkg{k % 50}/lib/m{k}.orga", f"unit NodeUnit{k}\n")
    # Over the per-file limit (8 MiB): never read.
    big = b"".join(b"unit BigUnit%d {}\n" % i for i in range(700000))
    for k in range(4):
        write(f"big/huge{k}.orga", big)
    # Under the per-file limit, together over the per-folder bound (32 MiB).
    medium = b"".join(b"unit Medium%d_%%d { position P%d { planned 1 fte } }\n" % (i, i) for i in range(60000))
    for k in range(12):
        write(f"models/gen{k}/m.orga", medium.replace(b"%d", str(k).encode()))
    for k in range(20):
        write(f"bin/b{k}.orga", bytes(rnd.getrandbits(8) for _ in range(50000)))
    os.makedirs(os.path.join(root, "loop"), exist_ok=True)
    for name, target in (("self", ".."), ("top", root)):
        link = os.path.join(root, "loop", name)
        if not os.path.islink(link):
            os.symlink(target, link)
    per_dir = 200
    for d in range(max(1, files // per_dir)):
        for f in range(per_dir):
            rel = f"junk{d}/f{f}.txt" if f % 2 else f"junk{d}/b{f}.bin"
            path = os.path.join(root, rel)
            if os.path.exists(path):
                continue
            write(rel, b"x" * 64)
    return names


def hostile_main(args):
    rnd = random.Random(args.seed)
    root = os.path.abspath(args.hostile_folder)
    t = time.perf_counter()
    names = [] if args.as_is else make_hostile(root, args.hostile_files, rnd)
    entries = sum(len(fs) + len(ds) for _, ds, fs in os.walk(root))
    size = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(root) for f in fs
               if not os.path.islink(os.path.join(d, f)))
    print(f"hostile folder: {root} ({entries} entries, {size / 2**20:.0f} MiB; made in {time.perf_counter() - t:.0f} s)")
    proj = os.path.join(HERE, "out", "hostile-project")
    os.makedirs(proj, exist_ok=True)
    org = "model M { worktime 1590 h }\nunit Amt { position SB { planned 2 fte } }\n"
    proc = "process P { volume 1_590 /year\n  step A { by SB; time 60 min } }\n"
    open(os.path.join(proj, "org.orga"), "w").write(org)
    open(os.path.join(proj, "proc.orga"), "w").write(proc)
    uri = "file://" + os.path.join(proj, "proc.orga")
    srv = Server([args.orgc, "lsp"])
    srv.request("initialize", {"processId": None, "rootUri": "file://" + proj,
                               "capabilities": {"window": {"workDoneProgress": True}}})
    srv.notify("initialized", {})
    srv.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "orga", "version": 1, "text": proc}})
    srv.wait_diagnostics(uri)
    rss_before = srv.rss_mb()
    td = {"uri": uri}
    at = {"line": 1, "character": 14}
    t0 = time.perf_counter()
    srv.notify("workspace/didChangeWorkspaceFolders",
               {"event": {"added": [{"uri": "file://" + root, "name": "hostile"}], "removed": []}})
    hovers, peak, done = [], rss_before, None
    while done is None and time.perf_counter() - t0 < 600:
        t = time.perf_counter()
        r = srv.request("textDocument/hover", {"textDocument": td, "position": at})
        hovers.append(time.perf_counter() - t)
        if not r:
            print("  warning: empty hover")
        peak = max(peak, srv.rss_mb())
        for m in srv.backlog:
            if m.get("method") == "$/progress" and m["params"]["value"].get("kind") == "end":
                done = time.perf_counter() - t0
        srv.backlog = [m for m in srv.backlog if m.get("method") != "$/progress"]
        time.sleep(0.02)
    logs = [m["params"]["message"] for m in srv.backlog if m.get("method") == "window/logMessage"]
    print(f"hover while indexing: {len(hovers)} requests, median {statistics.median(hovers) * 1000:.1f} ms, "
          f"p95 {pct(hovers, 95) * 1000:.1f} ms, max {max(hovers) * 1000:.1f} ms")
    print(f"indexed in {done:.1f} s" if done is not None else "indexing did not end within 600 s")
    sym = []
    for name in names:
        t = time.perf_counter()
        found = srv.request("workspace/symbol", {"query": name}) or []
        sym.append(time.perf_counter() - t)
        if not any(s["name"] == name for s in found):
            print(f"  warning: {name} not found")
    if not sym:
        t = time.perf_counter()
        srv.request("workspace/symbol", {"query": "a"})
        sym.append(time.perf_counter() - t)
    print(f"workspace/symbol: median {statistics.median(sym) * 1000:.1f} ms, max {max(sym) * 1000:.1f} ms")
    rss_after = srv.rss_mb()
    print(f"resident memory: {rss_before:.0f} MB before, {peak:.0f} MB peak while indexing, {rss_after:.0f} MB after")
    print(f"window/logMessage: {len(logs)} messages" + "".join(f"\n  {m}" for m in logs[:8]))
    srv.request("shutdown", None)
    srv.notify("exit", None)
    print(f"exit code {srv.p.wait(timeout=10)}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--orgc", default=os.environ.get("ORGC", ".build/release/orgc"))
    ap.add_argument("--workspace")
    ap.add_argument("--lines", type=int, default=100000)
    ap.add_argument("--edits", type=int, default=300)
    ap.add_argument("--queries", type=int, default=300)
    ap.add_argument("--soak", type=int, default=10000, help="edits in the memory soak (0: skip)")
    ap.add_argument("--soak-wait-every", type=int, default=10,
                    help="wait for diagnostics after every Nth soak edit")
    ap.add_argument("--decl-edits", type=int, default=40,
                    help="edits that add/remove and rename a declaration (each kind; 0: skip)")
    ap.add_argument("--table", action="store_true",
                    help="end with the three LSP rows of the issue-15 performance table (markdown)")
    ap.add_argument("--server-log", help="write the server's stderr here (with ORGC_LSP_TIMINGS=1: per-edit phases)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--hostile-folder", nargs="?", const=os.path.join(HERE, "out", "hostile"),
                    help="measure adding a large folder that is not a model (generated here)")
    ap.add_argument("--hostile-files", type=int, default=100000, help="plain files in the hostile folder")
    ap.add_argument("--as-is", action="store_true", help="add the --hostile-folder as it is (e.g. /tmp), generate nothing")
    args = ap.parse_args()
    if args.hostile_folder:
        return hostile_main(args)
    rnd = random.Random(args.seed)

    ws = args.workspace
    if not ws:
        ws = os.path.join(HERE, "out", f"lsp{args.lines}")
        subprocess.run([sys.executable, os.path.join(HERE, "genmodel.py"), "--lines", str(args.lines),
                        "--out", ws, "--force"], check=True, stderr=subprocess.DEVNULL)
    ws = os.path.abspath(ws)
    files = sorted(os.path.join(d, f) for d, _, fs in os.walk(ws) for f in fs if f.endswith(".orga"))
    total_lines = sum(sum(1 for _ in open(f, encoding="utf-8")) for f in files)
    # The file to edit: the one closest to 2,000 lines.
    target = min(files, key=lambda f: abs(sum(1 for _ in open(f, encoding="utf-8")) - 2000))
    text = open(target, encoding="utf-8").read()
    lines = text.split("\n")
    uri = "file://" + target
    print(f"workspace: {ws} ({len(files)} files, {total_lines} lines); edited file: "
          f"{os.path.relpath(target, ws)} ({len(lines)} lines)")
    print(f"server: {args.orgc}")

    caps = {
        "general": {"positionEncodings": ["utf-16"]},
        "textDocument": {
            "hover": {"contentFormat": ["markdown", "plaintext"]},
            "completion": {"completionItem": {"documentationFormat": ["markdown"]}},
            "publishDiagnostics": {"versionSupport": True},
            "synchronization": {"didSave": True},
        },
        "workspace": {"workspaceFolders": True},
    }
    t0 = time.perf_counter()
    log = open(args.server_log, "wb") if args.server_log else None
    srv = Server([args.orgc, "lsp"], log)
    srv.request("initialize", {"processId": os.getpid(), "rootUri": "file://" + ws,
                               "workspaceFolders": [{"uri": "file://" + ws, "name": "bench"}],
                               "capabilities": caps})
    srv.notify("initialized", {})
    srv.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "orga", "version": 1, "text": text}})
    first = srv.wait_diagnostics(uri)
    t_init = time.perf_counter() - t0
    print(f"initialize + first diagnostics: {t_init * 1000:.0f} ms "
          f"({len(first['params']['diagnostics'])} diagnostics)  [target <= 1000 ms]")
    rss_start = srv.rss_mb()

    # Edit sites: the digits of `time N min` quantities; insert a digit, then delete it.
    sites = []
    for ln, line in enumerate(lines):
        i = line.find("time ")
        if i >= 0 and i + 5 < len(line) and line[i + 5].isdigit():
            sites.append((ln, utf16_len(line[:i + 5])))
    if not sites:
        sites = [(0, 0)]
    version = 1

    def change(ln, col, end_col, new_text, wait=True, end_line=None):
        """One didChange; with `wait`, the seconds until the file's diagnostics."""
        nonlocal version
        version += 1
        rng = {"start": {"line": ln, "character": col},
               "end": {"line": ln if end_line is None else end_line, "character": end_col}}
        t = time.perf_counter()
        srv.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                              "contentChanges": [{"range": rng, "text": new_text}]})
        if wait:
            srv.wait_diagnostics(uri)
            return time.perf_counter() - t
        return None

    def edit(n, wait):
        ln, col = sites[n // 2 % len(sites)]
        if n % 2 == 0:
            return change(ln, col, col, "1", wait)
        return change(ln, col, col + 1, "", wait)

    edit_times = [edit(n, True) for n in range(args.edits if args.edits % 2 == 0 else args.edits + 1)]
    print(f"edit -> diagnostics ({len(edit_times)} one-character edits): median {statistics.median(edit_times) * 1000:.1f} ms, "
          f"p95 {pct(edit_times, 95) * 1000:.1f} ms, max {max(edit_times) * 1000:.1f} ms  [target median <= 50, p95 <= 150]")

    # Declaration edits: a new top-level declaration after the last line and its removal
    # (both change the file's declarations), and renaming a declared position and back.
    add_times, rename_times = [], []
    last_line = len(lines) - 1
    last_col = utf16_len(lines[-1])
    for k in range(args.decl_edits // 2):
        new = f"\nactor BenchNew{k}"
        add_times.append(change(last_line, last_col, last_col, new))
        add_times.append(change(last_line, last_col, utf16_len(new) - 1, "", end_line=last_line + 1))
    decl_sites = []
    for ln, line in enumerate(lines):
        stripped = line.lstrip()
        if stripped.startswith("position P"):
            i = line.index("position ") + len("position ")
            j = i
            while j < len(line) and (line[j].isalnum() or line[j] == "_"):
                j += 1
            decl_sites.append((ln, utf16_len(line[:j])))
    for k in range(args.decl_edits // 2 if decl_sites else 0):
        ln, col = decl_sites[k % len(decl_sites)]
        rename_times.append(change(ln, col, col, "x"))
        rename_times.append(change(ln, col, col + 1, ""))
    if add_times or rename_times:
        # One line for the table (perf_table.sh): the slower kind's median.
        kinds = [(name, statistics.median(t)) for name, t in (("add/remove", add_times), ("rename", rename_times)) if t]
        worst = max(kinds, key=lambda k: k[1])
        print(f"declaration edit -> diagnostics: median {worst[1] * 1000:.1f} ms (the slower kind, {worst[0]}; "
              + ", ".join(f"{n} {v * 1000:.1f}" for n, v in kinds) + ")  [target <= 30]")
    if add_times:
        print(f"declaration added/removed -> diagnostics ({len(add_times)} edits): median {statistics.median(add_times) * 1000:.1f} ms, "
              f"p95 {pct(add_times, 95) * 1000:.1f} ms  [target <= 30]")
    if rename_times:
        print(f"declaration renamed -> diagnostics ({len(rename_times)} edits): median {statistics.median(rename_times) * 1000:.1f} ms, "
              f"p95 {pct(rename_times, 95) * 1000:.1f} ms  [target <= 30]")

    # Query positions: references after `by ` (hover, definition) and blank lines in blocks (completion).
    refs = []
    for ln, line in enumerate(lines):
        i = line.find(" by ")
        if i >= 0:
            refs.append((ln, utf16_len(line[:i + 4]) + 1))
    compl = []
    for ln, line in enumerate(lines):
        i = line.find("by ")
        if i >= 0:
            compl.append((ln, utf16_len(line[:i + 3])))
    rnd.shuffle(refs)
    rnd.shuffle(compl)
    td = {"uri": uri}
    results = {}
    for name, method, positions in (("hover", "textDocument/hover", refs), ("definition", "textDocument/definition", refs),
                                    ("completion", "textDocument/completion", compl)):
        times = []
        for q in range(args.queries):
            ln, col = positions[q % len(positions)]
            t = time.perf_counter()
            r = srv.request(method, {"textDocument": td, "position": {"line": ln, "character": col}})
            times.append(time.perf_counter() - t)
            if q == 0 and not r:
                print(f"  warning: empty {name} result at {ln}:{col}")
        results[name] = times
        print(f"{name}: median {statistics.median(times) * 1000:.2f} ms, p95 {pct(times, 95) * 1000:.2f} ms  [target p95 <= 20]")

    rss_after = srv.rss_mb()
    print(f"resident memory: {rss_start:.0f} MB after first diagnostics, {rss_after:.0f} MB after {len(edit_times)} edits and queries  [target <= 300 MB]")

    samples = []
    if args.soak > 0:
        t = time.perf_counter()
        for n in range(args.soak):
            wait = (n + 1) % args.soak_wait_every == 0 or n == args.soak - 1
            edit(n + len(edit_times), wait)
            if (n + 1) % max(1, args.soak // 5) == 0:
                samples.append((n + 1, srv.rss_mb()))
        dt = time.perf_counter() - t
        print(f"memory soak: {args.soak} edits in {dt:.0f} s (waiting for diagnostics every {args.soak_wait_every}); RSS " +
              ", ".join(f"{mb:.0f} MB after {n}" for n, mb in samples))

    if args.table:
        # The rows of the issue-15 table, as Benchmarks/perf_table.sh prints them.
        ms = lambda v: f"{v * 1000:.1f}"
        print("| LSP one-character edit → diagnostics, median / p95 | "
              f"{ms(statistics.median(edit_times))} / {ms(pct(edit_times, 95))} ms | ≤ 10 / 20 ms |")
        decl = [f"add {ms(statistics.median(add_times))}" if add_times else None,
                f"rename {ms(statistics.median(rename_times))}" if rename_times else None]
        decl = [d for d in decl if d]
        print("| LSP edit that adds or renames a declaration (median) | "
              f"{' / '.join(decl) if decl else 'not measured'} ms | ≤ 30 ms |")
        mem = ", ".join(f"{mb:.0f}" for _, mb in samples)
        print(f"| LSP memory over {args.soak:,} edits | {mem + ' MB' if samples else 'not measured'} | ≤ 150 MB flat |")

    srv.request("shutdown", None)
    srv.notify("exit", None)
    code = srv.p.wait(timeout=10)
    print(f"exit code {code}")


if __name__ == "__main__":
    main()
