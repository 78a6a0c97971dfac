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
SAMPLES = ["buergerbuero", "hilden", "jugendamt", "landesamt"]


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


@pytest.mark.parametrize("sample", SAMPLES)
def test_html_is_self_contained(sample):
    r = orgc("report", "--format", "html", "--lang", "en", f"Samples/{sample}")
    assert r.returncode == 0
    c = _Collector()
    c.feed(r.stdout.decode("utf-8"))
    assert "script" not in c.tags
    assert c.external == []
    assert c.tags.count("svg") == 2
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
