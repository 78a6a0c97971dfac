"""End-to-end tests of `orgc graph` with consumers orgc did not write:

- Graphviz `dot -Tsvg` renders every DOT file without a warning,
- every BPMN file validates against the BPMN 2.0 XSDs shipped with SpiffWorkflow
  (xmlschema) and is parsed by SpiffWorkflow's BPMN parser (a real BPMN engine),
- every SVG is well-formed XML with an <svg> root and no external references,
- every Mermaid file is parsed by Mermaid's own parser (mermaid 11, run with Node).

Runs the built binary: $ORGC (default .build/debug/orgc). From the repository root:
    python3 -m pytest -q Tests/e2e/graphs
"""
import os
import re
import shutil
import subprocess
import sys
import threading
import xml.etree.ElementTree as ET
from pathlib import Path

import importlib.util

import pytest
import xmlschema
import SpiffWorkflow
from SpiffWorkflow.bpmn.parser.BpmnParser import BpmnParser, BpmnValidator

ROOT = Path(__file__).resolve().parents[3]
ORGC = os.environ.get("ORGC") or str(ROOT / ".build" / "debug" / "orgc")
SAMPLES = ["buergerbuero", "hilden", "jugendamt", "landesamt", "masterplan"]
GOLDEN = ROOT / "Tests" / "OrgaGraphsTests" / "golden"
XSD = Path(SpiffWorkflow.__file__).parent / "bpmn" / "parser" / "schema" / "BPMN20.xsd"


def orgc(*args, check=True):
    r = subprocess.run([ORGC, *args], capture_output=True, text=True, timeout=600)
    if check and r.returncode != 0:
        raise AssertionError(f"orgc {' '.join(args)} exited {r.returncode}: {r.stderr}")
    return r


@pytest.fixture(scope="session")
def schema():
    assert XSD.exists(), f"BPMN XSD not found at {XSD}"
    return xmlschema.XMLSchema(str(XSD))


@pytest.fixture(scope="session")
def outputs(tmp_path_factory):
    """Every sample drawn in every format by the CLI."""
    assert Path(ORGC).exists(), f"orgc binary not found: {ORGC} (build first or set ORGC)"
    base = tmp_path_factory.mktemp("graphs")
    for s in SAMPLES:
        model = str(ROOT / "Samples" / s)
        for fmt in ["dot", "mermaid", "svg", "bpmn"]:
            orgc("graph", "--all-processes", "--metrics", "--format", fmt, "-o", str(base / s / fmt), model)
        for mode in ["--org", "--landscape"]:
            for fmt in ["dot", "mermaid", "svg"]:
                name = mode.strip("-") + "." + {"dot": "dot", "mermaid": "mmd", "svg": "svg"}[fmt]
                orgc("graph", mode, "--format", fmt, "-o", str(base / s / name), model)
    # The portfolio: the Gantt chart (svg, mermaid) and the projects graph (every format).
    model = str(ROOT / "Samples" / "masterplan")
    for fmt, ext in [("svg", "svg"), ("mermaid", "mmd")]:
        orgc("graph", "--gantt", "--format", fmt, "-o", str(base / "masterplan" / f"gantt.{ext}"), model)
    for fmt, ext in [("dot", "dot"), ("mermaid", "mmd"), ("svg", "svg")]:
        orgc("graph", "--projects", "--format", fmt, "-o", str(base / "masterplan" / f"projects.{ext}"), model)
    return base


def nasty_model(path: Path, nodes: int, decision_every: int):
    """A model with one big process: loops everywhere and names with quotes, <, &,
    line ends, emoji and Mermaid comment and directive markers."""
    def t(s):
        return f'"{s} \\"q\\" <b> & c\\nline 😀👩‍💻 %%{{init: {{\'theme\': \'dark\'}}}}%% }}"'
    lines = [
        f"model M {t('Modell')} {{ worktime 1590 h }}",
        f"unit U1 {t('Amt <1>')} {{ position P1 {t('SB')} {{ planned 2 fte }} }}",
        f"unit U2 {t('Amt & 2')} {{ position P2 {{ planned 1 fte }} }}",
        f"actor A {t('Bürger')} {{ external }}",
        f"system S {t('Fachverfahren')}",
        f"process Big {t('Großer Prozess')} {{",
        "  owner U1",
        "  volume 1000 /year",
    ]
    perf = ["P1", "P2", "A", "S", "U2"]
    for i in range(nodes):
        if i % decision_every == decision_every - 2 and i + 1 < nodes:
            back = max(0, i - 1 - (i % 7))
            lines.append(f"  decide n{i} {t(f'Frage {i}?')} {{")
            lines.append(f"    branch {t('weiter')} 90 % -> n{i + 1}")
            lines.append(f"    branch {t('zurück')} 10 % -> n{back}")
            lines.append("  }")
        else:
            p = perf[(i // 3) % len(perf)]
            body = "wait 2 d" if p == "A" else f"time {5 + i % 40} min"
            lines.append(f"  step n{i} {t(f'Schritt {i}')} {{ by {p}; {body} }}")
    lines.append("}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def assert_dot_renders(path: Path):
    r = subprocess.run(["dot", "-Tsvg", str(path), "-o", os.devnull], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, f"dot failed on {path}: {r.stderr}"
    assert r.stderr.strip() == "", f"dot warned on {path}: {r.stderr}"


def deep(fn):
    """Runs fn in a thread with a large stack and recursion limit: SpiffWorkflow's
    parser recurses once per flow node, deeper than Python's default for 2,000 nodes."""
    result = {}

    def run():
        try:
            result["value"] = fn()
        except BaseException as e:  # re-raised in the caller
            result["error"] = e

    old_limit = sys.getrecursionlimit()
    old_stack = threading.stack_size()
    sys.setrecursionlimit(200_000)
    threading.stack_size(512 * 1024 * 1024)
    try:
        t = threading.Thread(target=run)
        t.start()
        t.join()
    finally:
        threading.stack_size(old_stack)
        sys.setrecursionlimit(old_limit)
    if "error" in result:
        raise result["error"]
    return result.get("value")


def assert_bpmn_valid(path: Path, schema):
    errors = [str(e)[:500] for e in schema.iter_errors(str(path))]
    assert not errors, f"{path} is not valid BPMN 2.0: {errors[:3]}"

    def parse():
        parser = BpmnParser(validator=BpmnValidator())
        parser.add_bpmn_file(str(path))
        ids = parser.get_process_ids()
        assert ids, f"{path}: no executable process"
        for pid in ids:
            spec = parser.get_spec(pid)
            assert spec.task_specs, f"{path}: empty spec"

    deep(parse)


def assert_svg_ok(path: Path):
    root = ET.parse(path).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg", root.tag
    text = path.read_text(encoding="utf-8")
    assert "href=" not in text and "@import" not in text and "url(http" not in text, f"{path} is not self-contained"
    assert float(root.get("width")) > 0 and float(root.get("height")) > 0


def mermaid_bundle():
    spec = importlib.util.find_spec("mermaid_parser")
    assert spec and spec.submodule_search_locations, "mermaid-parser-py is not installed (Tests/e2e/graphs/run.sh installs it)"
    bundle = Path(list(spec.submodule_search_locations)[0]) / "js" / "parser.bundle.js"
    assert bundle.exists(), bundle
    return bundle


def assert_mermaid_parses(paths):
    node = shutil.which("node") or shutil.which("nodejs")
    assert node, "Node.js is not installed (Debian nodejs)"
    paths = [str(p) for p in paths]
    for i in range(0, len(paths), 50):
        r = subprocess.run([node, str(Path(__file__).parent / "mermaid_check.js"), str(mermaid_bundle()), *paths[i:i + 50]],
                           capture_output=True, text=True, timeout=600)
        failures = [l for l in r.stdout.splitlines() if l.startswith("FAIL")]
        assert r.returncode == 0 and not failures, "\n".join(failures) or r.stderr


def assert_mermaid_ok(path: Path):
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] in ("flowchart LR", "flowchart TB"), lines[0]
    # No title may form a directive (Mermaid reads `%%{…}%%` anywhere, comments included).
    assert "%%{" not in text and "}%%" not in text
    opened = sum(1 for l in lines if l.strip().startswith("subgraph "))
    closed = sum(1 for l in lines if l.strip() == "end")
    assert opened == closed
    for l in lines[1:]:
        s = l.strip()
        if s.startswith("%%") or s.startswith("classDef") or s.startswith("class ") or s in ("end",) or not s:
            continue
        # Every quoted label: no raw quote inside, only <br/> as markup.
        for label in re.findall(r'"([^"]*)"', s):
            assert "<" not in label.replace("<br/>", ""), s
        assert s.count('"') % 2 == 0, s
        ids = re.findall(r"\b(N\d+|L\d+|NMORE)\b", s)
        assert ids, f"line without a safe id: {s}"


# ---------------------------------------------------------------- samples

@pytest.mark.parametrize("sample", SAMPLES)
def test_dot_renders_without_warnings(outputs, sample):
    files = sorted((outputs / sample / "dot").glob("*.dot")) + [outputs / sample / "org.dot", outputs / sample / "landscape.dot"]
    assert len(files) > 2
    assert shutil.which("dot"), "Graphviz `dot` is not installed (Debian package graphviz)"
    for f in files:
        assert_dot_renders(f)


@pytest.mark.parametrize("sample", SAMPLES)
def test_bpmn_validates_and_loads_in_spiffworkflow(outputs, sample, schema):
    files = sorted((outputs / sample / "bpmn").glob("*.bpmn"))
    assert files
    for f in files:
        assert_bpmn_valid(f, schema)
    # All processes of the model together: call activities resolve to their callees.
    parser = BpmnParser(validator=BpmnValidator())
    parser.add_bpmn_files([str(f) for f in files])
    for pid in parser.get_process_ids():
        parser.get_subprocess_specs(pid)


def test_bpmn_structure(outputs):
    ns = {"bpmn": "http://www.omg.org/spec/BPMN/20100524/MODEL",
          "bpmndi": "http://www.omg.org/spec/BPMN/20100524/DI",
          "dc": "http://www.omg.org/spec/DD/20100524/DC"}
    root = ET.parse(outputs / "hilden" / "bpmn" / "Stellenbewertung.bpmn").getroot()
    assert len(root.findall("bpmn:collaboration/bpmn:participant", ns)) == 1
    process = root.find("bpmn:process", ns)
    lanes = process.findall("bpmn:laneSet/bpmn:lane", ns)
    assert [l.get("name") for l in lanes] == ["SG Verwaltungsorganisation", "Personalrat", "SG Personalservice", "Stadtkasse"]
    assert len(process.findall("bpmn:userTask", ns)) == 8
    assert len(process.findall("bpmn:manualTask", ns)) == 1
    assert len(process.findall("bpmn:exclusiveGateway", ns)) == 3
    assert len(process.findall("bpmn:callActivity", ns)) == 1
    assert process.find("bpmn:callActivity", ns).get("calledElement") == "Process_Zahlungsanweisung"
    flows = {f.get("id"): f for f in process.findall("bpmn:sequenceFlow", ns)}
    names = sorted(f.get("name") for f in flows.values() if f.get("name"))
    assert "ja (80 %)" in names and "nein (20 %)" in names
    shares = [f.get("{https://orgc.dev/bpmn/1.0}share") for f in flows.values() if f.get("name")]
    assert "0.8" in shares
    # Every flow node and lane has a shape; every flow an edge with ≥ 2 waypoints.
    shapes = {s.get("bpmnElement") for s in root.iter("{http://www.omg.org/spec/BPMN/20100524/DI}BPMNShape")}
    for el in process:
        if el.get("id") and not el.tag.endswith("sequenceFlow") and not el.tag.endswith("laneSet") and not el.tag.endswith("documentation"):
            assert el.get("id") in shapes, el.get("id")
    for l in lanes:
        assert l.get("id") in shapes
    edges = list(root.iter("{http://www.omg.org/spec/BPMN/20100524/DI}BPMNEdge"))
    assert {e.get("bpmnElement") for e in edges} == set(flows)
    for e in edges:
        assert len(e.findall("{http://www.omg.org/spec/DD/20100524/DI}waypoint")) >= 2


@pytest.mark.parametrize("sample", SAMPLES)
def test_svg_well_formed_and_self_contained(outputs, sample):
    files = sorted((outputs / sample / "svg").glob("*.svg")) + [outputs / sample / "org.svg", outputs / sample / "landscape.svg"]
    for f in files:
        assert_svg_ok(f)


@pytest.mark.parametrize("sample", SAMPLES)
def test_mermaid_parses_with_mermaid(outputs, sample):
    files = sorted((outputs / sample / "mermaid").glob("*.mmd")) + [outputs / sample / "org.mmd", outputs / sample / "landscape.mmd"]
    for f in files:
        assert_mermaid_ok(f)
    assert_mermaid_parses(files)


def test_portfolio_charts(outputs, tmp_path):
    """orgc graph --gantt and --projects: Mermaid's parser reads the gantt chart and the
    flowchart, Graphviz renders the DOT without a warning, the SVGs are self-contained;
    a portfolio of 10,000 projects over a century is cut and still parses."""
    base = outputs / "masterplan"
    gantt = (base / "gantt.mmd").read_text(encoding="utf-8")
    assert gantt.startswith("gantt\n") and "%%{" not in gantt
    assert_mermaid_ok(base / "projects.mmd")
    assert_mermaid_parses([base / "gantt.mmd", base / "projects.mmd"])
    assert_dot_renders(base / "projects.dot")
    for f in ["gantt.svg", "projects.svg"]:
        assert_svg_ok(base / f)
    lines = ["model M { year 2024; worktime 1590 h; asof 2050-01-01 }", "unit U",
             'programme P "Programm: 100 Jahre; #1 {x}" { owner U; period 2000-01-01..2099-12-31; budget 1 EUR }']
    for i in range(10_000):
        y = 2000 + i % 100
        lines.append(f'project P{i} "Projekt: {i}; #%% {{x}}" {{ in P; owner U; period {y}-01-01..{y}-12-31; status running; budget 0 EUR; '
                     f'milestone M {{ date {y}-06-30 }} }}')
    (tmp_path / "big.orga").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for fmt, ext in [("mermaid", "mmd"), ("svg", "svg")]:
        r = orgc("graph", "--gantt", "--format", fmt, "-o", str(tmp_path / f"big.{ext}"), str(tmp_path / "big.orga"), check=False)
        assert r.returncode in (0, 1) and "cut" in r.stderr, r.stderr
    assert_mermaid_parses([tmp_path / "big.mmd"])
    assert_svg_ok(tmp_path / "big.svg")


def test_golden_files_are_valid_too(schema):
    assert GOLDEN.exists()
    dots = sorted(GOLDEN.rglob("*.dot"))
    bpmns = sorted(GOLDEN.rglob("*.bpmn"))
    svgs = sorted(GOLDEN.rglob("*.svg"))
    assert dots and bpmns and svgs
    for f in dots:
        assert_dot_renders(f)
    for f in bpmns:
        assert_bpmn_valid(f, schema)
    for f in svgs:
        assert_svg_ok(f)
    assert_mermaid_parses(sorted(GOLDEN.rglob("*.mmd")))


def test_output_is_deterministic(tmp_path):
    model = str(ROOT / "Samples" / "hilden")
    for fmt in ["svg", "bpmn", "dot", "mermaid"]:
        a = orgc("graph", "--process", "Stellenbewertung", "--metrics", "--format", fmt, model).stdout
        b = orgc("graph", "--process", "Stellenbewertung", "--metrics", "--format", fmt, model).stdout
        assert a == b and a


# ---------------------------------------------------------------- bad input

def test_unknown_process_suggests(tmp_path):
    r = orgc("graph", "--process", "Stellenbewertun", str(ROOT / "Samples" / "hilden"), check=False)
    assert r.returncode == 2
    assert "did you mean `Stellenbewertung`" in r.stderr


def test_bpmn_is_for_processes_only():
    r = orgc("graph", "--org", "--format", "bpmn", str(ROOT / "Samples" / "hilden"), check=False)
    assert r.returncode == 2


def test_model_with_errors_draws_and_exits_1(tmp_path, schema):
    src = tmp_path / "broken.orga"
    src.write_text('unit U { position P { planned 1 fte } }\n'
                   'process X { owner U\n  step a { by Nobody; time 5 min; next Missing }\n'
                   '  decide d { branch "x" 30 % -> a; branch "y" 30 % -> end }\n  step g { by P; next g }\n}\n',
                   encoding="utf-8")
    out = tmp_path / "x.bpmn"
    r = orgc("graph", "--process", "X", "--format", "bpmn", "-o", str(out), str(src), check=False)
    assert r.returncode == 1
    assert "error" in r.stderr
    assert_bpmn_valid(out, schema)


@pytest.fixture(scope="module")
def nasty(tmp_path_factory):
    d = tmp_path_factory.mktemp("nasty")
    big = d / "big"
    big.mkdir()
    nasty_model(big / "big.orga", 2000, 4)      # 2,000 nodes, 500 loops
    small = d / "small"
    small.mkdir()
    nasty_model(small / "small.orga", 150, 3)   # for Graphviz (its layout is not linear)
    return d


def test_nasty_2000_nodes_500_loops_bpmn_svg(nasty, schema):
    model = str(nasty / "big")
    for fmt in ["bpmn", "svg", "mermaid", "dot"]:
        out = nasty / f"big.{fmt}"
        orgc("graph", "--process", "Big", "--metrics", "--format", fmt, "-o", str(out), model)
        assert out.stat().st_size > 0
    assert_bpmn_valid(nasty / "big.bpmn", schema)
    assert_svg_ok(nasty / "big.svg")
    assert_mermaid_ok(nasty / "big.mermaid")
    # Too large for Mermaid (500 edges at most, a limit diagrams cannot raise): cut, marked, still parses.
    assert "%% orgc: truncated" in (nasty / "big.mermaid").read_text(encoding="utf-8")
    assert_mermaid_parses([nasty / "big.mermaid"])
    root = ET.parse(nasty / "big.bpmn").getroot()
    gws = list(root.iter("{http://www.omg.org/spec/BPMN/20100524/MODEL}exclusiveGateway"))
    assert len(gws) == 500


def test_nasty_names_in_every_format(nasty, schema):
    model = str(nasty / "small")
    for fmt in ["bpmn", "svg", "mermaid", "dot"]:
        out = nasty / f"small.{fmt}"
        orgc("graph", "--process", "Big", "--format", fmt, "-o", str(out), model)
    assert_dot_renders(nasty / "small.dot")
    assert_bpmn_valid(nasty / "small.bpmn", schema)
    assert_svg_ok(nasty / "small.svg")
    assert_mermaid_ok(nasty / "small.mermaid")
    assert_mermaid_parses([nasty / "small.mermaid"])
    for mode in ["--org", "--landscape"]:
        for fmt, check in [("dot", assert_dot_renders), ("svg", assert_svg_ok), ("mermaid", lambda p: (assert_mermaid_ok(p), assert_mermaid_parses([p])))]:
            out = nasty / f"{mode.strip('-')}.{fmt}"
            orgc("graph", mode, "--format", fmt, "-o", str(out), model)
            check(out)
    # The names survive escaping: the SVG's text contains the emoji and the ampersand.
    text = (nasty / "small.svg").read_text(encoding="utf-8")
    assert "😀" in text and "&amp;" in text and "&lt;b&gt;" in text
