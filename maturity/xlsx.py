"""Spreadsheets both ways: a bilingual questionnaire a client fills in before the meeting, its answers brought back
as one participant's votes, and the results (scores, roadmap, answers) for people who work in Excel.

Written with xlsxwriter, read with python-calamine; both are imported only by these commands.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from .errors import MaturityError, Problem, UsageError

ANSWER_CHOICES = {"met": "met", "mostly": "mostly", "partly": "partly", "not met": "not_met", "n/a": "n/a"}
"""The drop-down's words and the answers they stand for (the answer anchors)."""
_ALIASES = {"not_met": "not_met", "na": "n/a", "满足": "met", "基本满足": "mostly", "部分满足": "partly",
            "不满足": "not_met", "不适用": "n/a"}
HEAD = ["scope id", "criterion id", "stage 阶段", "criterion", "评估项", "evidence to show", "需出示的证据",
        "answer 作答", "note 备注"]
COL = {h: i for i, h in enumerate(HEAD)}
README = "Read me 说明"


def _sheet_name(text: str, used: set) -> str:
    name = re.sub(r"[\[\]:*?/\\]", " ", text).strip()[:28] or "sheet"
    base, i = name, 2
    while name.casefold() in used:
        name = f"{base[:25]} {i}"
        i += 1
    used.add(name.casefold())
    return name


def _workbook(out: Path):
    import xlsxwriter

    if out.suffix.lower() != ".xlsx":
        raise UsageError(Problem(str(out), "", f'has the suffix "{out.suffix or "(none)"}"', "name the output .xlsx"))
    return xlsxwriter.Workbook(str(out), {"strings_to_formulas": False, "strings_to_urls": False})


def _close(wb, out: Path) -> None:
    try:
        wb.close()
    except Exception as exc:
        raise UsageError(Problem(str(out), "", f"cannot be written ({exc})", "check the folder and that the file is "
                                 "not open in Excel")) from None


def write_questionnaire(cat, a, out: Path) -> int:
    """One sheet per domain of the assessment: every criterion with its text and evidence in English and Chinese,
    an answer drop-down and a note column. Returns how many criteria were written."""
    from .engine.scoring import STAGE_INDEX, STAGE_NAMES
    from .model.content import ANSWER_ANCHORS

    out = Path(out)
    wb = _workbook(out)
    head = wb.add_format({"bold": True, "bg_color": "#DDE5F0", "text_wrap": True, "valign": "top", "border": 1})
    wrap = wb.add_format({"text_wrap": True, "valign": "top"})
    fill = wb.add_format({"bg_color": "#FFF7D6", "valign": "top", "border": 1, "locked": False})
    scope_f = wb.add_format({"bold": True, "bg_color": "#F2F2F2"})
    used: set = set()
    rd = wb.add_worksheet(_sheet_name(README, used))
    rd.set_column(0, 0, 18)
    rd.set_column(1, 2, 60)
    lines = [("Client 客户", a.meta.client), ("System 系统", a.meta.system), ("Date 日期", a.meta.date.isoformat()),
             ("", ""), ("How 如何填写", "Choose an answer in the yellow column for each criterion you can speak to, "
                        "and add a note; leave the rest empty. 在黄色列为能回答的评估项选择作答并可写备注，其余留空。"),
             ("", "")]
    for i, (k, v) in enumerate(lines):
        rd.write_string(i, 0, k, head if k else wrap)
        rd.write_string(i, 1, v, wrap)
    r0 = len(lines)
    rd.write_row(r0, 0, ["answer 作答", "meaning", "含义"], head)
    for i, (word, key) in enumerate(ANSWER_CHOICES.items(), 1):
        rd.write_row(r0 + i, 0, [word, ANSWER_ANCHORS[key].en, ANSWER_ANCHORS[key].zh], wrap)
    domains = list(a.meta.domains) or list(cat.domains)
    n = 0
    for did in domains:
        dom = cat.domains.get(did)
        if dom is None:
            continue
        ws = wb.add_worksheet(_sheet_name(f"{dom.name.en} {dom.name.zh}", used))
        ws.write_row(0, 0, HEAD, head)
        ws.freeze_panes(1, 4)
        for c, width in enumerate((14, 16, 12, 48, 36, 40, 30, 12, 40)):
            ws.set_column(c, c, width, wrap)
        ws.set_column(0, 1, None, None, {"hidden": True})
        row = 1
        for sid, scope in cat.scopes.items():
            if sid.split(".")[0] != did:
                continue
            ws.merge_range(row, 2, row, 8, f"{scope.name.en} · {scope.name.zh}", scope_f)
            ws.write_string(row, 0, sid)
            row += 1
            for c in sorted(scope.criteria, key=lambda c: STAGE_INDEX[c.stage]):
                st = STAGE_NAMES[STAGE_INDEX[c.stage]]
                ws.write_row(row, 0, [sid, c.id, st, c.text.en, c.text.zh, c.evidence.en, c.evidence.zh], wrap)
                ws.write_blank(row, COL["answer 作答"], None, fill)
                ws.write_blank(row, COL["note 备注"], None, fill)
                row += 1
                n += 1
        ws.data_validation(1, COL["answer 作答"], max(row - 1, 1), COL["answer 作答"], {
            "validate": "list", "source": list(ANSWER_CHOICES),
            "input_title": "answer 作答", "input_message": "met ≥95% · mostly ≥80% · partly ≥50% · not met · n/a",
            "error_title": "answer 作答", "error_message": "Choose met, mostly, partly, not met or n/a."})
    _close(wb, out)
    return n


def read_answers(xlsx: Path, cat) -> tuple[list[tuple[str, str, str, str, str]], list[Problem]]:
    """Every filled-in answer of a questionnaire: (sheet!cell, scope, criterion, answer, note), and the problems."""
    try:
        from python_calamine import CalamineWorkbook

        wb = CalamineWorkbook.from_path(str(xlsx))
    except Exception as exc:
        msg = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise UsageError(Problem(str(xlsx), "", f"cannot be read as a spreadsheet ({msg})",
                                 "give the .xlsx written by `maturity questionnaire`")) from None
    found, problems = [], []
    criteria = cat.criteria
    sheets = 0
    for name in wb.sheet_names:
        rows = wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
        if not rows or [str(x).strip() for x in rows[0][:len(HEAD)]] != HEAD:
            continue
        sheets += 1
        ac, nc = COL["answer 作答"], COL["note 备注"]
        for r, row in enumerate(rows[1:], start=2):
            row = list(row) + [""] * (len(HEAD) - len(row))
            sid, cid = str(row[0]).strip(), str(row[1]).strip()
            word = str(row[ac]).strip() if row[ac] is not None else ""
            note = str(row[nc]).strip() if row[nc] is not None else ""
            if not cid:
                continue  # a scope's title row
            if not word and not note:
                continue
            where = f"{name}!{_cell(r, ac)}"
            if sid not in criteria or cid not in criteria[sid]:
                problems.append(Problem(str(xlsx), f"{name}!A{r}:B{r}", f'names the criterion "{sid}.{cid}", which the '
                                        "loaded plugins do not know", "write a new questionnaire for this content"))
                continue
            if not word:
                problems.append(Problem(str(xlsx), where, "has a note but no answer",
                                        "choose met, mostly, partly, not met or n/a, or clear the note"))
                continue
            key = word.casefold()
            answer = ANSWER_CHOICES.get(key) or _ALIASES.get(key) or _ALIASES.get(word)
            if answer is None:
                problems.append(Problem(str(xlsx), where, f"has {word[:40]!r}, which is not an answer",
                                        "choose met, mostly, partly, not met or n/a from the drop-down"))
                continue
            found.append((where, sid, cid, answer, note))
    if not sheets:
        problems.append(Problem(str(xlsx), "", "has no questionnaire sheet (no header row 'scope id, criterion id, …')",
                                "give the .xlsx written by `maturity questionnaire`"))
    return found, problems


def _cell(row: int, col: int) -> str:
    letters = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return f"{letters}{row}"


def import_answers(cat, a, xlsx: Path, participant: str):
    """The assessment with the questionnaire's answers as ``participant``'s votes, and counts. A settled answer is
    never changed; a note is added under the participant's name. Any problem stops the import (MaturityError)."""
    from .model.assessment import Answer, Participant

    found, problems = read_answers(Path(xlsx), cat)
    if problems:
        raise MaturityError(problems)
    participants = list(a.participants)
    added = False
    if participant not in {p.id for p in participants}:
        participants.append(Participant(id=participant, name=participant, role="pre-read"))
        added = True
    answers = {sid: dict(cs) for sid, cs in a.answers.items()}
    votes = notes = 0
    settled = 0
    for _, sid, cid, word, note in found:
        old = answers.setdefault(sid, {}).get(cid) or Answer()
        new_votes = {**old.votes, participant: word}
        new_note = old.note
        if note:
            line = f"{participant}: {note}"
            if line not in old.note:
                new_note = f"{old.note}\n{line}" if old.note else line
                notes += 1
        settled += old.answer is not None
        answers[sid][cid] = old.model_copy(update={"votes": new_votes, "note": new_note})
        votes += 1
    new = a.model_copy(update={"answers": answers, "participants": tuple(participants)
                               if isinstance(a.participants, tuple) else participants})
    return new, {"votes": votes, "notes": notes, "settled_kept": settled, "participant_added": added}


def write_results(data: dict, out: Path) -> None:
    """The report data (``writer.build_report``) as a workbook: Summary, Scopes, Roadmap, Answers."""
    from .engine.explain import answer_word

    lang = data["lang"]
    wb = _workbook(out)
    head = wb.add_format({"bold": True, "bg_color": "#DDE5F0", "border": 1, "text_wrap": True})
    num = wb.add_format({"num_format": "0.00"})
    pct = wb.add_format({"num_format": "0%"})
    wrap = wb.add_format({"text_wrap": True, "valign": "top"})

    def sheet(name, header, rows, widths, formats=None):
        ws = wb.add_worksheet(name)
        ws.write_row(0, 0, header, head)
        ws.freeze_panes(1, 0)
        for c, wdt in enumerate(widths):
            ws.set_column(c, c, wdt, (formats or {}).get(c, wrap))
        for r, row in enumerate(rows, 1):
            for c, v in enumerate(row):
                if v is None:
                    ws.write_blank(r, c, None)
                elif isinstance(v, (int, float)) and not isinstance(v, bool):
                    ws.write_number(r, c, v)
                else:
                    ws.write_string(r, c, str(v))
        ws.autofilter(0, 0, max(len(rows), 1), len(header) - 1)
        return ws

    m, s, sc = data["meta"], data["summary"], data["score"]
    rows = [["client", m["client"]], ["system", m["system"]], ["date", m["date"]], ["assessor", m["assessor"]],
            ["overall level", s["level"]], ["headline", s["headline"]], ["lowest stage", s["lowest_stage"]],
            ["completeness", s["completeness"]], ["scopes assessed", f"{s['assessed']} / {s['active_scopes']}"],
            ["stance now → take", f"{s['stance_labels']['current']} → {s['stance_labels']['recommended']}"]]
    rows += [[f"domain: {d['name']}", d["level"]] for d in sc["domains"].values()]
    sheet("Summary", ["", ""], rows, (24, 70))
    sheet("Scopes", ["domain", "scope id", "scope", "stage", "practice", "level", "target", "completeness", "capped by"],
          [[v["domain"], sid, v["name"], v["stage"], v["practice"], v["level"], v["target"], v["completeness"],
            ", ".join(c["scope"] for c in v["capped_by"])] for sid, v in sc["scopes"].items()],
          (12, 26, 30, 12, 12, 8, 12, 12, 30), {5: num, 7: pct})
    rows = []
    for wave in data["roadmap"]["waves"]:
        for st in wave["steps"]:
            for t in st["todo"] or [{"criterion": "", "answer": None, "text": "", "action": ""}]:
                rows.append([wave["wave"], st["scope"], st["name"], st["stage"], t["criterion"],
                             answer_word(t["answer"], lang) if t["criterion"] else "", t["text"], t["action"]])
    sheet("Roadmap", ["wave", "scope id", "scope", "to stage", "criterion", "answer now", "criterion text", "action"],
          rows, (6, 24, 26, 10, 22, 10, 50, 50))
    sheet("Answers", ["scope id", "criterion", "stage", "text", "answer", "note", "evidence", "why n/a", "votes"],
          [[x["scope"], x["criterion"], x["stage"], x["text"], x["answer"], x["note"], x["evidence"], x["reason"],
            ", ".join(f"{p}={v}" for p, v in x["votes"].items())] for x in data["answers"]],
          (24, 22, 10, 50, 10, 40, 30, 24, 24))
    _close(wb, out)


def warn(line: str) -> None:
    print(f"maturity: {line}", file=sys.stderr)
