"""Two writers on one file lose nothing (issue 10, point 7): the TUI's store checks the file before each save
and merges another writer's changes — here a real second process — under its own."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from maturity.engine.renames import carry_answers
from maturity.model.assessment import Answer
from maturity.plugins import load_catalogue
from maturity.snapshot import load_snapshot
from maturity.snapshot.merge import merge
from maturity.tui.state import Store, set_answer, set_note

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "assessments" / "demo.toml"

OTHER_WINDOW = textwrap.dedent('''\
    """A second TUI session on the same file, driven line by line on stdin."""
    import sys
    from pathlib import Path
    from maturity.engine.renames import carry_answers
    from maturity.plugins import load_catalogue
    from maturity.snapshot import load_snapshot
    from maturity.tui.state import Store, set_answer, set_note

    path = Path(sys.argv[1])
    cat = load_catalogue()
    store = Store(cat, path, carry_answers(cat, load_snapshot(path))[0])
    print("loaded", flush=True)
    for line in sys.stdin:
        cmd, scope, crit, value = line.rstrip("\\n").split("|")
        a = store.assessment
        a = set_answer(a, scope, crit, value) if cmd == "answer" else set_note(a, scope, crit, value, "")
        store.replace(a)
        r = store.save()
        print(f"saved ok={r.ok} merged={r.merged!r} error={r.error!r}", flush=True)
''')


@pytest.fixture(scope="module")
def cat():
    return load_catalogue()


@pytest.fixture
def snapshot(tmp_path):
    f = tmp_path / "acme.toml"
    shutil.copyfile(DEMO, f)
    return f


def open_store(cat, f):
    return Store(cat, f, carry_answers(cat, load_snapshot(f))[0])


class OtherWindow:
    def __init__(self, tmp_path, f):
        script = tmp_path / "other_window.py"
        script.write_text(OTHER_WINDOW, encoding="utf-8")
        self.p = subprocess.Popen([sys.executable, str(script), str(f)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True, env={**os.environ})
        assert self.p.stdout.readline().strip() == "loaded", self.p.stderr.read()

    def do(self, cmd, scope, crit, value) -> str:
        self.p.stdin.write(f"{cmd}|{scope}|{crit}|{value}\n")
        self.p.stdin.flush()
        line = self.p.stdout.readline()
        assert line.startswith("saved ok=True"), line + self.p.stderr.read()
        return line

    def close(self):
        self.p.stdin.close()
        self.p.wait(timeout=30)


def criteria(cat, n=4, scope="crm.leads"):
    return [c.id for c in cat.scopes[scope].criteria][:n]


def test_two_sessions_open_at_once_keep_each_others_answers(cat, snapshot, tmp_path):
    c1, c2, c3, _ = criteria(cat)
    mine = open_store(cat, snapshot)
    other = OtherWindow(tmp_path, snapshot)  # both have the file open now
    try:
        mine.replace(set_answer(mine.assessment, "crm.leads", c1, "partly"))
        assert mine.save().ok  # first writer: the file is as it loaded it
        line = other.do("answer", "crm.leads", c2, "not_met")  # its file changed under it: merged
        assert "merged with yours" in line
        on_disk = load_snapshot(snapshot)
        assert on_disk.answers["crm.leads"][c1].answer == "partly", "the other window kept my answer"
        assert on_disk.answers["crm.leads"][c2].answer == "not_met"
        mine.replace(set_answer(mine.assessment, "crm.leads", c3, "met"))
        r = mine.save()
        assert r.ok and "merged with yours" in r.merged
        on_disk = load_snapshot(snapshot)
        assert [on_disk.answers["crm.leads"][c].answer for c in (c1, c2, c3)] == ["partly", "not_met", "met"]
        assert mine.assessment.answers["crm.leads"][c2].answer == "not_met", "the other window's answer is shown"
        assert not mine.dirty
        other.do("note", "crm.leads", c3, "seen in the CRM")  # the other window picks up my third answer
        on_disk = load_snapshot(snapshot)
        assert on_disk.answers["crm.leads"][c3].answer == "met" and on_disk.answers["crm.leads"][c3].note == "seen in the CRM"
    finally:
        other.close()


def test_an_undo_after_a_merge_keeps_the_other_writers_answer(cat, snapshot, tmp_path):
    c1, c2, _, _ = criteria(cat)
    mine = open_store(cat, snapshot)
    other = OtherWindow(tmp_path, snapshot)
    try:
        mine.replace(set_answer(mine.assessment, "crm.leads", c1, "partly"))
        other.do("answer", "crm.leads", c2, "not_met")
        assert mine.save().merged
        assert mine.undo()  # takes back my answer, not theirs
        mine.save()
        on_disk = load_snapshot(snapshot)
        assert on_disk.answers["crm.leads"][c2].answer == "not_met"
        assert on_disk.answers["crm.leads"].get(c1) == load_snapshot(DEMO).answers["crm.leads"].get(c1)
    finally:
        other.close()


def test_a_file_another_program_broke_is_not_overwritten(cat, snapshot):
    c1 = criteria(cat)[0]
    mine = open_store(cat, snapshot)
    snapshot.write_text("this = is not [ a snapshot", encoding="utf-8")
    mine.replace(set_answer(mine.assessment, "crm.leads", c1, "partly"))
    r = mine.save()
    assert not r.ok and "\n" not in r.error and "changed by another program" in r.error and str(snapshot) in r.error
    assert snapshot.read_text(encoding="utf-8") == "this = is not [ a snapshot"
    assert mine.dirty, "the answer is kept in the session, saved with the next change"


def test_merge_field_by_field():
    from maturity.model.assessment import Assessment, Meta

    base = Assessment(meta=Meta(client="C"), answers={"x.a": {"c": Answer(answer="met", note="n")},
                                                       "x.a2": {"d": Answer(answer="partly")}},
                      targets={"x.a": "online"})
    ours = base.model_copy(update={"answers": {"x.a": {"c": Answer(answer="partly", note="n")}},  # d removed
                                   "targets": {"x.a": "digital"}})
    theirs = base.model_copy(update={"answers": {"x.a": {"c": Answer(answer="met", note="their note",
                                                                         votes={"li": "met"})},
                                                 "x.a2": {"d": Answer(answer="not_met")}},
                                     "meta": Meta(client="C2")})
    merged, conflicts = merge(base, ours, theirs)
    c = merged.answers["x.a"]["c"]
    assert (c.answer, c.note, c.votes) == ("partly", "their note", {"li": "met"})
    assert merged.answers["x.a2"]["d"].answer == "not_met", "removed here, changed there: kept"
    assert merged.targets == {"x.a": "digital"} and merged.meta.client == "C2"
    assert conflicts == ["answers.x.a2"]
