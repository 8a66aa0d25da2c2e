"""Snapshots: one-pass validation, atomic saves, nothing lost, content changes noticed."""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from maturity.errors import SnapshotError
from maturity.model.assessment import Answer, Assessment, Meta, Participant, PluginRecord
from maturity.snapshot import dumps, findings, load_snapshot, loads, save_snapshot

DEMO = Path(__file__).resolve().parents[1] / "assessments" / "demo.toml"


def sample() -> Assessment:
    return Assessment(
        meta=Meta(client='ACME [bold]"quoted"[/] </script>', date=dt.date(2026, 11, 1), domains=("x",)),
        participants=(Participant(id="li", name="李伟", role="Sales"),),
        profile={"sales_cycle": "long"}, team={"tenure": "new"}, targets={"x.a": "digital"},
        answers={"x.a": {"str1": Answer(answer="met", note="line one\nline two | [b]", evidence="doc.pdf",
                                        votes={"li": "partly"})},
                 "x.ghost": {"old": Answer(answer="partly", note="kept from an old plugin")}},
        tracked=("x.a.use",),
    )


def test_round_trip_loses_nothing(tmp_path):
    a = sample()
    f = tmp_path / "s.toml"
    save_snapshot(a, f)
    b = load_snapshot(f)
    assert b == a
    save_snapshot(b, f)
    assert load_snapshot(f) == a


text = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40)


@given(client=text.filter(lambda s: s.strip()), note=text, evidence=text)
def test_round_trip_any_text(tmp_path_factory, client, note, evidence):
    a = Assessment(meta=Meta(client=client), answers={"x.a": {"c": Answer(answer="partly", note=note, evidence=evidence)}})
    assert loads(dumps(a)) == a


def test_save_is_atomic_and_keeps_mode(tmp_path):
    f = tmp_path / "s.toml"
    save_snapshot(sample(), f)
    os.chmod(f, 0o640)
    save_snapshot(sample(), f)
    assert stat.S_IMODE(f.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["s.toml"], "no temporary file left behind"


def test_failed_save_leaves_the_old_file(tmp_path, monkeypatch):
    f = tmp_path / "s.toml"
    save_snapshot(sample(), f)
    before = f.read_bytes()

    def boom(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(SnapshotError, match="No space left"):
        save_snapshot(sample().model_copy(update={"targets": {}}), f)
    assert f.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["s.toml"]


def test_all_problems_in_one_pass(tmp_path):
    f = tmp_path / "bad.toml"
    f.write_text('schema_version = 1\n[meta]\nthreshold = 2\nperspective = "x"\n[answers."crm.leads".c]\nanswer = "yes"\n',
                 encoding="utf-8")
    with pytest.raises(SnapshotError) as e:
        load_snapshot(f)
    wheres = [p.where for p in e.value.problems]
    assert wheres == ["meta.client", "meta.perspective", "meta.threshold", 'answers."crm.leads".c.answer']
    assert all(p.file == str(f) and p.fix for p in e.value.problems)


def test_version_0_is_migrated():
    a = loads('schema_version = 0\n[meta]\nclient = "Old"\n[answers."crm.leads"]\ndefinition_signed = "met"\n')
    assert a.answers["crm.leads"]["definition_signed"].answer == "met"


def test_unknown_answers_are_kept_and_reported(cat, tmp_path):
    a = sample()
    found = findings(cat, a, "s.toml")
    lines = [p.line() for p in found]
    assert any('answers."x.ghost"' in x and "kept" in x for x in lines)
    f = tmp_path / "s.toml"
    save_snapshot(a, f)
    assert "kept from an old plugin" in f.read_text(encoding="utf-8")


def test_content_change_is_reported(cat):
    a = sample().model_copy(update={"plugins": {"test": PluginRecord(version="0", fingerprint="0000")}})
    changes = [p for p in findings(cat, a, "s.toml") if p.where == "plugins.test"]
    assert len(changes) == 1 and "content changed" in changes[0].what and changes[0].severity == "warning"


def test_demo_snapshot_loads_and_round_trips(tmp_path):
    a = load_snapshot(DEMO)
    f = tmp_path / "demo.toml"
    save_snapshot(a, f)
    assert load_snapshot(f) == a


def test_problem_without_a_file_has_no_dangling_colon():
    from maturity.errors import Problem

    assert Problem("", "", "the demo was not found", "run from a clone").line() == "the demo was not found — run from a clone"


def test_missing_date_is_a_warning(cat):
    a = loads('schema_version = 1\n[meta]\nclient = "No date"\n')
    dated = loads('schema_version = 1\n[meta]\nclient = "Dated"\ndate = 2026-01-02\n')
    assert [p.where for p in findings(cat, a, "s.toml")] == ["meta.date"]
    assert findings(cat, dated, "s.toml") == []
    assert "date" in loads(dumps(a)).meta.model_fields_set, "saving writes the date down"


def test_a_carriage_return_in_a_note_survives_save_and_load(tmp_path):
    a = sample().model_copy(update={"answers": {"x.a": {"c": Answer(answer="met", note="one\r\ntwo\nthree\r")}}})
    f = tmp_path / "s.toml"
    save_snapshot(a, f)
    assert load_snapshot(f).answers["x.a"]["c"].note == "one\r\ntwo\nthree\r"


def test_the_demo_records_the_installed_content():
    """A content change must come with the demo re-recorded, or every command warns on the README's demo."""
    from maturity.plugins import load_catalogue

    demo = load_snapshot(DEMO)
    installed = {p.name: p.fingerprint for p in load_catalogue().plugins if p.status == "on"}
    stale = {n: (r.fingerprint, installed[n]) for n, r in demo.plugins.items() if r.fingerprint != installed.get(n)}
    assert stale == {}, "assessments/demo.toml: set [plugins.NAME].fingerprint to the installed one (recorded → installed)"


# ---------------------------------------------------------------- files stay what they were (issue 10, point 11)


def test_saving_through_a_symlink_writes_its_target_and_keeps_the_link(tmp_path):
    real = tmp_path / "real" / "s.toml"
    real.parent.mkdir()
    save_snapshot(sample(), real)
    link = tmp_path / "link.toml"
    link.symlink_to(real)
    changed = sample().model_copy(update={"targets": {}})
    save_snapshot(changed, link)
    assert link.is_symlink(), "the link stays a link"
    assert load_snapshot(real) == changed, "the link's target holds the save"
    assert sorted(p.name for p in real.parent.iterdir()) == ["s.toml"]


def test_a_read_only_snapshot_is_refused_not_overwritten(tmp_path):
    f = tmp_path / "s.toml"
    save_snapshot(sample(), f)
    os.chmod(f, 0o444)
    before = f.read_bytes()
    with pytest.raises(SnapshotError) as e:
        save_snapshot(sample().model_copy(update={"targets": {}}), f)
    line = str(e.value)
    assert "\n" not in line and str(f) in line and "read-only" in line and "chmod u+w" in line
    assert f.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["s.toml"]


def test_hard_links_are_not_split(tmp_path):
    f = tmp_path / "s.toml"
    save_snapshot(sample(), f)
    other = tmp_path / "copy-in-git.toml"
    os.link(f, other)
    changed = sample().model_copy(update={"targets": {}})
    save_snapshot(changed, f)
    assert os.stat(f).st_ino == os.stat(other).st_ino and os.stat(f).st_nlink == 2
    assert load_snapshot(other) == changed
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy-in-git.toml", "s.toml"]


def test_stale_temporary_files_of_a_killed_save_are_removed_by_the_next_save(tmp_path):
    f = tmp_path / "s.toml"
    save_snapshot(sample(), f)
    stale = [tmp_path / ".s.toml.abcd1234.tmp", tmp_path / ".s.toml.x_y_z_09.tmp"]
    keep = [tmp_path / ".other.toml.abcd1234.tmp", tmp_path / ".s.toml.my-notes.tmp", tmp_path / "notes.txt"]
    for p in stale + keep:
        p.write_text("client data", encoding="utf-8")
        os.utime(p, (1_000_000_000, 1_000_000_000))
    fresh = tmp_path / ".s.toml.live0001.tmp"  # another process's save in progress: left alone
    fresh.write_text("being written", encoding="utf-8")
    save_snapshot(sample(), f)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in [f, fresh, *keep])


def test_a_utf8_bom_at_the_start_is_read(tmp_path):
    f = tmp_path / "s.toml"
    f.write_bytes(b"\xef\xbb\xbf" + dumps(sample()).encode("utf-8"))
    assert load_snapshot(f) == sample()
    assert loads("\ufeff" + dumps(sample())) == sample()


def test_an_error_line_cuts_a_long_bad_value(tmp_path):
    f = tmp_path / "s.toml"
    f.write_text(f'schema_version = 1\n[meta]\nclient = "C"\nperspective = "{"x" * 100_000}"\n', encoding="utf-8")
    with pytest.raises(SnapshotError) as e:
        load_snapshot(f)
    line = e.value.problems[0].line()
    assert len(line) < 400 and "…" in line and "meta.perspective" in line
