"""Spreadsheets both ways, through the CLI and real .xlsx files: questionnaire → filled in (openpyxl, as Excel
would) → import as a participant's votes; the results workbook; problems by sheet and cell in one line."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "assessments" / "demo.toml"
MATURITY = [sys.executable, "-m", "maturity.cli"]
openpyxl = pytest.importorskip("openpyxl")


def run(*args):
    p = subprocess.run([*MATURITY, *map(str, args)], capture_output=True, text=True, timeout=120)
    assert "Traceback" not in p.stderr, p.stderr
    return p


def fresh(tmp_path) -> Path:
    """A small snapshot: one settled answer with a note, one criterion answered only by votes."""
    p = tmp_path / "acme.toml"
    p.write_text('''schema_version = 1
participants = [{ id = "li", name = "Li Wei", role = "Sales" }]
[meta]
client = "Acme </script> | Co."
date = 2026-11-01
domains = ["crm", "service"]
[answers."crm.leads".definition_signed]
answer = "met"
note = "Signed in March."
''', encoding="utf-8")
    return p


@pytest.fixture()
def questionnaire(tmp_path):
    snap = fresh(tmp_path)
    out = tmp_path / "pre-read.xlsx"
    p = run("questionnaire", snap, "-o", out)
    assert p.returncode == 0, p.stderr
    return snap, out


def rows_of(ws):
    head = [c.value for c in ws[1]]
    return head, {(ws.cell(r, 1).value, ws.cell(r, 2).value): r for r in range(2, ws.max_row + 1) if ws.cell(r, 2).value}


def test_questionnaire_is_bilingual_one_sheet_per_domain_with_a_drop_down(questionnaire):
    _, out = questionnaire
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[0] == "Read me 说明" and len(wb.sheetnames) == 3  # read me, crm, service
    ws = wb.worksheets[1]
    head, rows = rows_of(ws)
    assert head == ["scope id", "criterion id", "stage 阶段", "criterion", "评估项", "evidence to show", "需出示的证据",
                    "answer 作答", "note 备注"]
    r = rows[("crm.leads", "definition_signed")]
    assert ws.cell(r, 4).value and ws.cell(r, 5).value and ws.cell(r, 6).value and ws.cell(r, 7).value
    dv = ws.data_validations.dataValidation
    assert dv and dv[0].type == "list" and '"met,mostly,partly,not met,n/a"' == dv[0].formula1
    readme = wb.worksheets[0]
    assert any(c.value == "Acme </script> | Co." for row in readme.iter_rows() for c in row)


def test_filled_in_answers_come_back_as_votes_never_over_a_settled_answer(questionnaire, tmp_path):
    snap, out = questionnaire
    wb = openpyxl.load_workbook(out)
    ws = wb.worksheets[1]
    _, rows = rows_of(ws)
    ws.cell(rows[("crm.leads", "definition_signed")], 8, "partly")
    ws.cell(rows[("crm.leads", "definition_signed")], 9, "only the north team signed")
    ws.cell(rows[("crm.customers", next(k[1] for k in rows if k[0] == "crm.customers"))], 8, "not met")
    ws2 = wb.worksheets[2]
    _, rows2 = rows_of(ws2)
    ws2.cell(next(iter(rows2.values())), 8, "n/a")
    wb.save(out)
    p = run("import", out, snap, "--as", "zhou")
    assert p.returncode == 0, p.stderr
    assert "3 vote(s) of zhou (1 on settled answers" in p.stdout
    assert "zhou added" in p.stderr
    from maturity.snapshot import load_snapshot

    a = load_snapshot(snap)
    ans = a.answers["crm.leads"]["definition_signed"]
    assert ans.answer == "met" and ans.votes == {"zhou": "partly"}  # settled answer kept
    assert ans.note == "Signed in March.\nzhou: only the north team signed"
    assert [v for cs in a.answers.values() for x in cs.values() for v in x.votes.values()].count("not_met") == 1
    assert any(x.votes.get("zhou") == "n/a" and x.answer is None for cs in a.answers.values() for x in cs.values())
    assert "zhou" in {p.id for p in a.participants}
    again = run("import", out, snap, "--as", "zhou")  # importing twice changes nothing more
    assert again.returncode == 0 and load_snapshot(snap) == a
    p = run("validate", snap)
    assert p.returncode == 0, p.stdout  # a single vote is no disagreement; the snapshot stays valid


def test_bad_cells_are_each_one_line_by_sheet_and_cell_and_nothing_is_saved(questionnaire):
    snap, out = questionnaire
    before = snap.read_bytes()
    wb = openpyxl.load_workbook(out)
    ws = wb.worksheets[1]
    _, rows = rows_of(ws)
    r1 = rows[("crm.leads", "definition_signed")]
    ws.cell(r1, 8, "yes")
    r2 = r1 + 1
    ws.cell(r2, 9, "a note without an answer")
    ws.cell(r2 + 1, 2, "no_such_criterion")
    ws.cell(r2 + 1, 8, "met")
    wb.save(out)
    p = run("import", out, snap, "--as", "li")
    assert p.returncode == 2
    lines = p.stderr.strip().splitlines()
    assert len(lines) == 3, p.stderr
    sheet = wb.sheetnames[1]
    assert f"{sheet}!H{r1}: has 'yes', which is not an answer" in lines[0]
    assert f"{sheet}!H{r2}: has a note but no answer" in lines[1]
    assert f"{sheet}!A{r2 + 1}:B{r2 + 1}" in lines[2] and "no_such_criterion" in lines[2]
    assert snap.read_bytes() == before
    p = run("import", snap, snap, "--as", "li")  # not a spreadsheet
    assert p.returncode == 2 and len(p.stderr.strip().splitlines()) == 1 and "cannot be read as a spreadsheet" in p.stderr


def test_results_workbook_has_scores_roadmap_and_answers(tmp_path):
    snap = tmp_path / "demo.toml"
    shutil.copy(DEMO, snap)
    out = tmp_path / "results.xlsx"
    p = run("report", snap, "-o", out)
    assert p.returncode == 0, p.stderr
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Summary", "Scopes", "Roadmap", "Answers"]
    scopes = wb["Scopes"]
    assert [c.value for c in scopes[1]][:6] == ["domain", "scope id", "scope", "stage", "practice", "level"]
    assert scopes.max_row > 20 and any(isinstance(scopes.cell(r, 6).value, float) for r in range(2, 10))
    assert wb["Roadmap"].max_row > 5 and wb["Answers"].max_row > 50
    from maturity.snapshot import load_snapshot

    demo = load_snapshot(snap)
    notes = {wb["Answers"].cell(r, 6).value for r in range(2, wb["Answers"].max_row + 1)}
    assert {x.note for cs in demo.answers.values() for x in cs.values() if x.note} <= notes  # notes as typed
    p = run("questionnaire", snap, "-o", tmp_path / "x.csv")
    assert p.returncode == 2 and "name the output .xlsx" in p.stderr


def test_spreadsheet_libraries_are_not_imported_by_help():
    code = ("import sys, maturity.cli; maturity.cli.build_parser(); "
            "print(sorted(m for m in ('xlsxwriter', 'python_calamine', 'openpyxl') if m in sys.modules))")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert p.stdout.strip() == "[]"
