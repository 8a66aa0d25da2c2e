"""Issue 10, point 3: settled means settled; votes by name and text; a fair suggestion with two voters."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

from maturity.engine.analysis import analyse
from maturity.engine.votes import consensus, disagreements
from maturity.model.assessment import Answer, Participant
from maturity.report.writer import build_report, render
from maturity.snapshot.findings import findings

from .conftest import with_answers

SPLIT = {"li": "met", "wang": "not_met"}


def room(blank, answer=None):
    a = blank.model_copy(update={"participants": (Participant(id="li", name="Li Lei"),
                                                  Participant(id="wang", name="Wang Fang"))})
    return with_answers(a, a={"str1": Answer(answer=answer, votes=dict(SPLIT))})


def test_a_settled_split_is_no_longer_a_disagreement(cat, blank):
    open_, settled = room(blank), room(blank, "partly")
    assert [d.criterion for d in disagreements(open_)] == ["str1"]
    assert disagreements(settled) == []
    assert [d.criterion for d in disagreements(settled, settled=True)] == ["str1"], "the votes stay as the record"
    assert settled.answer_for("x.a", "str1").votes == SPLIT
    assert analyse(cat, settled).disagreements == []


def test_validate_findings_drop_a_settled_split(cat, blank):
    def warned(a):
        return [p for p in findings(cat, a, "f.toml") if "disagree" in p.what]

    assert warned(room(blank))
    assert warned(room(blank, "partly")) == []


def test_report_counts_only_open_splits_and_names_people_and_criteria(cat, blank):
    md = render(build_report(cat, room(blank), "en"), "markdown")
    assert "1 disagreement to settle" in md
    assert "Li Lei" in md and "Wang Fang" in md and "str1 text" in md
    assert "`str1`" not in md and "li =" not in md
    html = render(build_report(cat, room(blank), "en"), "html", cat, room(blank))
    assert "Li Lei" in html and "str1 text" in html and "li = " not in html
    settled = render(build_report(cat, room(blank, "partly"), "en"), "markdown")
    assert "disagreement" not in settled.lower()


def test_two_voters_are_not_always_settled_at_the_lower():
    assert consensus({"a": "met", "b": "not_met"}) == "partly"
    assert consensus({"a": "met", "b": "partly"}) == "mostly"
    assert consensus({"a": "not_met", "b": "mostly"}) == "partly"
    assert consensus({"a": "met", "b": "mostly"}) == "mostly"  # a half rounds down: the evidence must be shown
    assert consensus({"a": "met", "b": "partly", "c": "mostly"}) == "mostly"
    assert consensus({"a": "n/a", "b": "n/a"}) == "n/a"
    assert consensus({}) is None


SNAPSHOT = textwrap.dedent('''\
    schema_version = 1
    participants = [{id = "li", name = "Li"}, {id = "wang", name = "Wang"}]
    [meta]
    client = "Votes Co."
    date = 2026-11-01
    domains = ["crm"]
    [answers."crm.leads".created_in_system]
    {answer}
    [answers."crm.leads".created_in_system.votes]
    li = "met"
    wang = "not_met"
''')


def test_validate_exits_0_once_the_split_is_settled(tmp_path):
    """A real `maturity validate` (the real plugins; the criterion only needs to be a split)."""
    def validate(answer_line):
        p = tmp_path / "a.toml"
        p.write_text(SNAPSHOT.replace("{answer}", answer_line), encoding="utf-8")
        return subprocess.run([sys.executable, "-m", "maturity.cli", "validate", str(p)], capture_output=True, text=True,
                              env=os.environ, timeout=120)

    open_ = validate("")
    assert "disagree" in open_.stdout + open_.stderr
    settled = validate('answer = "partly"')
    assert "disagree" not in settled.stdout + settled.stderr
    assert settled.returncode == 0, settled.stdout + settled.stderr
