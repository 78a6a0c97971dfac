"""End-to-end checks of `orgc report --format xlsx` with readers orgc did not write:
openpyxl loads the workbook; LibreOffice (headless) recalculates it — after openpyxl
has dropped every cached value, so that only the formulas can give the figures — and
every figure equals the JSON report's within 1e-9 (relative to max(1, |figure|)).
Changing a step's time in the workbook moves the position's need by the hand-computed
amount. Skipped when LibreOffice is not installed (scripts/install-test-deps.sh installs it)."""
import json
import os
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

ROOT = Path(__file__).resolve().parents[3]
ORGC = os.environ.get("ORGC", str(ROOT / ".build" / "debug" / "orgc"))
SAMPLES = ["buergerbuero", "hilden", "landesamt"]
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
SHEETS = {"de": ["Annahmen", "Stellen", "Einheiten", "Prozesse", "Schritte", "Herleitung"],
          "en": ["Assumptions", "Positions", "Units", "Processes", "Steps", "Derivation"]}
# LibreOffice profile that recalculates every OOXML file on load.
RECALC = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def orgc(*args):
    return subprocess.run([ORGC, *args], cwd=ROOT, capture_output=True, check=False)


def workbook(tmp_path, sample, lang="de"):
    out = tmp_path / f"{sample}-{lang}.xlsx"
    r = orgc("report", "--format", "xlsx", "--lang", lang, "-o", str(out), f"Samples/{sample}")
    assert r.returncode == 0, r.stderr
    return out


def recalculated(tmp_path, path):
    """openpyxl saves formulas without cached values; LibreOffice then computes them."""
    stripped = tmp_path / "stripped" / path.name
    stripped.parent.mkdir(exist_ok=True)
    openpyxl.load_workbook(path).save(stripped)
    profile = tmp_path / "lo-profile"
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user" / "registrymodifications.xcu").write_text(RECALC, encoding="utf-8")
    outdir = tmp_path / "recalculated"
    r = subprocess.run([SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                        "--convert-to", "xlsx", "--outdir", str(outdir), str(stripped)],
                       capture_output=True, timeout=300, check=False)
    result = outdir / path.name
    assert r.returncode == 0 and result.exists(), r.stderr
    return openpyxl.load_workbook(result, data_only=True)


def table(ws):
    rows = list(ws.iter_rows(values_only=True))
    header = rows[0]
    return [dict(zip(header, row)) for row in rows[1:] if row and row[0] is not None]


def close(actual, expected, what):
    if expected is None:
        assert actual is None, f"{what}: expected no figure, got {actual}"
        return
    assert actual is not None, f"{what}: expected {expected}, got an empty cell"
    assert abs(actual - expected) <= 1e-9 * max(1.0, abs(expected)), f"{what}: {actual} != {expected}"


def compare(wb, report, lang="de"):
    settings, positions, units, processes, steps, trail = (wb[n] for n in SHEETS[lang])
    de = lang == "de"
    col = (lambda d, e: d if de else e)
    pos_rows = {row[col("Stelle", "Position")]: row for row in table(positions)}
    for p in report["positions"]:
        row = pos_rows[p["id"]]
        for key, header in [("planned_fte", col("Soll (VZÄ)", "Planned (fte)")), ("filled_fte", col("Ist (VZÄ)", "Filled (fte)")),
                            ("need_fte", col("Bedarf (VZÄ)", "Need (fte)")), ("gap_fte", col("Differenz (VZÄ)", "Gap (fte)")),
                            ("vacancy_fte", col("Vakanz (VZÄ)", "Vacancy (fte)")), ("proposal_fte", col("Vorschlag (VZÄ)", "Proposal (fte)")),
                            ("cost_per_fte_eur", col("Kosten je VZÄ", "Cost per fte")), ("planned_cost_eur", col("Kosten Soll", "Planned cost")),
                            ("need_cost_eur", col("Kosten Bedarf", "Need cost")), ("worktime_hours", col("JAZ (h)", "Worktime (h)"))]:
            close(row[header], p[key], f"position {p['id']} {key}")
        close(row[col("Verteilzeit", "Allowance")], p["allowance_percent"] / 100, f"position {p['id']} allowance")
    unit_rows = {row[col("Einheit", "Unit")]: row for row in table(units)}
    for u in report["units"]:
        row = unit_rows[u["id"]]
        for key, header in [("planned_fte", col("Soll (VZÄ)", "Planned (fte)")), ("filled_fte", col("Ist (VZÄ)", "Filled (fte)")),
                            ("need_fte", col("Bedarf (VZÄ)", "Need (fte)")), ("own_need_fte", col("Eigene Arbeit (VZÄ)", "Own work (fte)")),
                            ("gap_fte", col("Differenz (VZÄ)", "Gap (fte)")), ("vacancy_fte", col("Vakanz (VZÄ)", "Vacancy (fte)")),
                            ("proposal_fte", col("Vorschlag (VZÄ)", "Proposal (fte)")), ("planned_cost_eur", col("Kosten Soll", "Planned cost")),
                            ("need_cost_eur", col("Kosten Bedarf", "Need cost"))]:
            close(row[header], u[key], f"unit {u['id']} {key}")
    proc_rows = {row[col("Prozess", "Process")]: row for row in table(processes)}
    for p in report["processes"]:
        row = proc_rows[p["id"]]
        for key, header in [("cases_per_year", col("Fälle/Jahr", "Cases/year")),
                            ("staff_hours_per_case", col("Bearbeitungszeit je Fall (h)", "Staff hours per case")),
                            ("staff_hours_per_year", col("Stunden/Jahr", "Staff hours/year")), ("need_fte", col("Bedarf (VZÄ)", "Need (fte)")),
                            ("cost_per_case_eur", col("Kosten je Fall", "Cost per case"))]:
            close(row[header], p[key], f"process {p['id']} {key}")
    # The audit trail: each position's and unit's contributions, in order.
    trail_rows = {}
    for row in table(trail):
        trail_rows.setdefault(row[col("Stelle / Einheit", "Position / unit")], []).append(row[col("Bedarf (VZÄ)", "Need (fte)")])
    for owner in report["positions"] + report["units"]:
        got = trail_rows.get(owner["id"], [])
        assert len(got) == len(owner["contributions"]), owner["id"]
        for k, (a, c) in enumerate(zip(got, owner["contributions"])):
            close(a, c["fte"], f"{owner['id']} contribution {k}")
    # Every step's need adds up to its process's need.
    step_rows = table(steps)
    for p in report["processes"]:
        if p["need_fte"] is None:
            continue
        total = sum(r[col("Bedarf (VZÄ)", "Need (fte)")] or 0 for r in step_rows if r[col("Prozess", "Process")] == p["id"])
        close(total, p["need_fte"], f"process {p['id']} Σ steps")


@pytest.mark.parametrize("sample", SAMPLES)
def test_cached_values_are_orgcs_figures(tmp_path, sample):
    path = workbook(tmp_path, sample)
    report = json.loads(orgc("report", "--format", "json", f"Samples/{sample}").stdout)
    wb = openpyxl.load_workbook(path, data_only=True)
    assert wb.sheetnames == SHEETS["de"]
    compare(wb, report)
    formulas = openpyxl.load_workbook(path)
    ws = formulas[SHEETS["de"][1]]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == ws.dimensions
    need = [c.value for c in ws["K"][1:]]
    assert need and all(isinstance(v, str) and v.startswith("=") for v in need)
    assert ws.column_dimensions["A"].width > 0
    assert "#,##0.00" in ws["K2"].number_format and "[$-407]" in ws["K2"].number_format


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
@pytest.mark.parametrize("sample,lang", [(s, "de") for s in SAMPLES] + [("hilden", "en")])
def test_libreoffice_recalculates_to_orgcs_figures(tmp_path, sample, lang):
    path = workbook(tmp_path, sample, lang)
    report = json.loads(orgc("report", "--format", "json", f"Samples/{sample}").stdout)
    compare(recalculated(tmp_path, path), report, lang)


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
def test_changing_a_time_moves_the_need(tmp_path):
    path = workbook(tmp_path, "buergerbuero")
    wb = openpyxl.load_workbook(path)
    steps = wb["Schritte"]
    row = next(r for r in range(2, steps.max_row + 1)
               if steps.cell(r, 1).value == "Ausweis" and steps.cell(r, 2).value == "Antrag")
    assert steps.cell(row, 8).value == 20          # Zeit (min)
    steps.cell(row, 8).value = 30
    edited = tmp_path / "edited.xlsx"
    wb.save(edited)
    before = json.loads(orgc("report", "--format", "json", "Samples/buergerbuero").stdout)
    sb_pass = next(p for p in before["positions"] if p["id"] == "SB_Pass")
    after = recalculated(tmp_path, edited)
    need = next(r for r in table(after["Stellen"]) if r["Stelle"] == "SB_Pass")["Bedarf (VZÄ)"]
    # 6,840 cases × 1 visit × 100 % × 10 min more ÷ 60 = 1,140 h; × 1.1 Verteilzeit
    # = 1,254 h; ÷ 1,590 h JAZ = 0.788679… fte more.
    close(need, sb_pass["need_fte"] + 6840 * 10 / 60 * 1.1 / 1590, "SB_Pass need after 20 → 30 min")


def test_xlsx_needs_an_output_file():
    r = orgc("report", "--format", "xlsx", "Samples/buergerbuero")
    assert r.returncode == 2
    assert b"-o FILE.xlsx" in r.stderr


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
def test_scenario_workbook_recalculates_to_the_scenario_report(tmp_path):
    out = tmp_path / "scenario.xlsx"
    r = orgc("report", "--format", "xlsx", "--scenario", "Soll2026", "-o", str(out), "Samples/buergerbuero")
    assert r.returncode == 0, r.stderr
    report = json.loads(orgc("report", "--format", "json", "--scenario", "Soll2026", "Samples/buergerbuero").stdout)
    compare(recalculated(tmp_path, out), report)
