"""End-to-end checks of `orgc report` / `orgc rank` with consumers orgc did not write:
the JSON validates against docs/report.schema.json (python-jsonschema), the CSV
opens with Python's csv module the way Excel reads it (BOM, `;` + decimal comma for
de), the HTML parses, has no script and no external resource."""
import csv
import html.parser
import io
import json
import os
import subprocess
from pathlib import Path

import jsonschema
import pytest

ROOT = Path(__file__).resolve().parents[3]
ORGC = os.environ.get("ORGC", str(ROOT / ".build" / "debug" / "orgc"))
SAMPLES = ["buergerbuero", "hilden", "jugendamt", "landesamt", "masterplan", "sachgebiet"]


def orgc(*args):
    return subprocess.run([ORGC, *args], cwd=ROOT, capture_output=True, check=False)


@pytest.mark.parametrize("sample", SAMPLES)
def test_json_matches_schema(sample):
    schema = json.loads((ROOT / "docs" / "report.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    r = orgc("report", "--format", "json", f"Samples/{sample}")
    assert r.returncode == 0, r.stderr
    report = json.loads(r.stdout)
    jsonschema.Draft202012Validator(schema).validate(report)
    # The audit trail adds up to the need of every position.
    for p in report["positions"]:
        assert abs(sum(c["fte"] for c in p["contributions"]) - p["need_fte"]) < 1e-9
    r = orgc("rank", "--format", "json", f"Samples/{sample}")
    assert r.returncode == 0
    assert json.loads(r.stdout)["dna"]


@pytest.mark.parametrize("when", [[], ["--year", "2023"], ["--at", "2022-09-01"]])
def test_time_keys_match_schema(when):
    """The period, the date and the effective figures (issue 11) validate and add up."""
    schema = json.loads((ROOT / "docs" / "report.schema.json").read_text(encoding="utf-8"))
    r = orgc("report", "--format", "json", *when, "Samples/sachgebiet")
    assert r.returncode == 0, r.stderr
    report = json.loads(r.stdout)
    jsonschema.Draft202012Validator(schema).validate(report)
    model = report["model"]
    assert "period" in model and "at" in model and "asof" in model
    assert (model["period"] is None) != (model["at"] is None)
    assert model["asof"] == "2023-06-30"
    if when[:1] == ["--at"]:
        assert model["at"] == "2022-09-01"
    else:
        year = when[1] if when else "2022"
        assert model["period"] == {"from": f"{year}-01-01", "to": f"{year}-12-31"}
    for row in report["positions"] + report["units"] + [report["totals"]]:
        assert abs(row["filled_fte"] - row["filled_effective_fte"] - row["rampup_loss_fte"]) < 1e-9
        assert row["rampup_loss_fte"] >= 0
    assert any(p["rampup_loss_fte"] > 0 for p in report["positions"])


def test_scenario_json_matches_schema_and_adds_up():
    """`--scenario S`: the report of the changed model, validated like the base report;
    the entries' effects add up to scenario − base (docs/report-json.md)."""
    schema = json.loads((ROOT / "docs" / "report.schema.json").read_text(encoding="utf-8"))
    r = orgc("report", "--format", "json", "--scenario", "Soll2026", "Samples/buergerbuero")
    assert r.returncode == 0, r.stderr
    report = json.loads(r.stdout)
    jsonschema.Draft202012Validator(schema).validate(report)
    assert report["scenario"]["id"] == "Soll2026"
    soll = next(s for s in report["scenarios"] if s["id"] == "Soll2026")
    assert abs(report["totals"]["need_fte"] - soll["need_fte"]) < 1e-9
    assert abs(sum(e["delta_need_fte"] for e in soll["entries"]) - soll["delta_need_fte"]) < 1e-9
    # Worked example (docs/staffing.md): +0.1245 fte from the volume, −0.4566 fte from the measure.
    assert round(soll["entries"][0]["delta_need_fte"], 4) == 0.1245
    assert round(soll["entries"][2]["delta_need_fte"], 4) == -0.4566
    r = orgc("report", "--format", "json", "--scenario", "Nirgends", "Samples/buergerbuero")
    assert r.returncode == 2
    assert b"no scenario `Nirgends`" in r.stderr


@pytest.mark.parametrize("lang,sep,decimal", [("de", ";", ","), ("en", ",", ".")])
def test_csv_opens_like_a_spreadsheet(lang, sep, decimal):
    r = orgc("report", "--format", "csv", "--units", "--lang", lang, "Samples/buergerbuero")
    assert r.returncode == 0
    assert r.stdout.startswith(b"\xef\xbb\xbf")
    text = r.stdout.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=sep))
    header, body = rows[0], rows[1:]
    assert all(len(row) == len(header) for row in body)
    sb = next(row for row in body if row[1] == "SB")
    need = float(sb[7].replace(decimal, "."))
    assert abs(need - 3465 / 1590) < 1e-6
    assert any(row[1] == "Bürgerbüro" for row in body)


class _Collector(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []
        self.external = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for k, v in attrs:
            if k in ("src", "href") and v and not v.startswith("#"):
                self.external.append(v)


def test_kpis_pools_and_deployment_keys(tmp_path):
    """The kpi and pool keys validate and carry the sample's figures (Samples/README.md):
    achievement 80 ÷ 25 = 3.2 and 50 ÷ 25 = 2; the pool deploys 0.5 + 800/1590 + 122/365 fte of 2."""
    schema = json.loads((ROOT / "docs" / "report.schema.json").read_text(encoding="utf-8"))
    r = orgc("report", "--format", "json", "Samples/sachgebiet")
    assert r.returncode == 0, r.stderr.decode()
    doc = json.loads(r.stdout)
    jsonschema.validate(doc, schema)
    kpi = doc["kpis"][0]
    assert [y["year"] for y in kpi["years"]] == [2022, 2023]
    assert [y["achievement"] for y in kpi["years"]] == [3.2, 2.0]
    assert all(y["met"] for y in kpi["years"])
    pool = doc["pools"][0]
    deployed = 0.5 + 800 / 1590 + 122 / 365
    assert abs(pool["deployed_fte"] - deployed) < 1e-9
    assert abs(pool["utilisation"] - deployed / 2) < 1e-9
    units = {u["id"]: u for u in doc["units"]}
    assert abs(units["Ordnungsamt"]["deployed_in_fte"] - 122 / 365) < 1e-9
    assert abs(units["DigiPaten"]["cover_fte"] - (2 - deployed)) < 1e-9
    for p in doc["positions"]:
        assert abs(p["available_fte"] - p["filled_effective_fte"]) < 1e-9
    # A model with an over-committed pool still reports, and validates.
    m = tmp_path / "pool.orga"
    m.write_text("model M { year 2025 }\nunit P { pool; position F { planned 1 fte; filled 1 fte }\n"
                 "deploy D { to X; fte 2; period 2025-01-01..2025-01-31 } }\nunit X { }\n", encoding="utf-8")
    r = orgc("report", "--format", "json", str(m))
    doc = json.loads(r.stdout)
    jsonschema.validate(doc, schema)
    assert any(d["code"] == "E833" for d in doc["diagnostics"])


@pytest.mark.parametrize("sample", SAMPLES)
def test_html_is_self_contained(sample):
    r = orgc("report", "--format", "html", "--lang", "en", f"Samples/{sample}")
    assert r.returncode == 0
    c = _Collector()
    c.feed(r.stdout.decode("utf-8"))
    assert "script" not in c.tags
    assert c.external == []
    # Unit chart and DNA chart; buergerbuero adds a waterfall per scenario (2) and a target chart,
    # sachgebiet the timeline of dated values and one plan-vs-actual chart per kpi (1).
    assert c.tags.count("svg") == {"buergerbuero": 5, "sachgebiet": 4}.get(sample, 2)
    assert "details" in c.tags


def test_report_of_a_model_with_errors_exits_1_and_lists_findings(tmp_path):
    src = tmp_path / "m.orga"
    src.write_text('model M { worktime 1590 h }\nunit U { position P "<script>x</script>" { planned 1 fte } }\n'
                   'process A { volume 10 /year; step S { by P } }\n', encoding="utf-8")
    r = orgc("report", "--format", "html", str(src))
    assert r.returncode == 1
    out = r.stdout.decode("utf-8")
    assert "E501" in out
    assert "<script>x" not in out and "&lt;script&gt;x" in out


DIFF_CASES = sorted(p.stem for p in (ROOT / "Tests" / "OrgcTests" / "diff" / "cases").glob("*.orga"))


@pytest.mark.parametrize("case", DIFF_CASES)
def test_diff_json_matches_schema(case):
    """`orgc diff --format json` validates against docs/diff.schema.json for every cause
    kind, and its moves add up to each position's Δ need."""
    schema = json.loads((ROOT / "docs" / "diff.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    r = orgc("diff", "--format", "json", "--fail-above", "100",
             "Tests/OrgcTests/diff/base.orga", f"Tests/OrgcTests/diff/cases/{case}.orga")
    assert r.returncode == 0, r.stderr
    diff = json.loads(r.stdout)
    jsonschema.Draft202012Validator(schema).validate(diff)
    moved = {}
    for c in diff["causes"]:
        for k, v in c["moves"].items():
            moved[k] = moved.get(k, 0) + v
    for p in diff["positions"]:
        assert abs(moved.get(p["id"], 0) - (p["need_fte"]["delta"] or 0)) < 1e-9


def test_diff_against_the_sample_itself_is_empty():
    r = orgc("diff", "--format", "json", "Samples/hilden", "Samples/hilden")
    assert r.returncode == 0
    diff = json.loads(r.stdout)
    jsonschema.Draft202012Validator(json.loads((ROOT / "docs" / "diff.schema.json").read_text(encoding="utf-8"))).validate(diff)
    assert diff["empty"] is True and diff["causes"] == []
