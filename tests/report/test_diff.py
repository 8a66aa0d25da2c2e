"""`maturity diff OLD NEW`: comparability first, then levels, steps done, answers, scopes and indicators."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from maturity.engine.analysis import analyse
from maturity.engine.scoring import STAGE_NAMES, score
from maturity.model.assessment import Answer, PluginRecord
from maturity.report.diff import diff_data
from maturity.snapshot import save_snapshot

ROOT = Path(__file__).resolve().parents[2]
HISTORY = ROOT / "assessments" / "history"


def test_diff_text_says_how_comparable_first(run, series):
    proc = run("diff", series[0], series[2], check=True)
    out = proc.stdout
    assert out.index("How comparable") < out.index("Levels") < out.index("Scopes")
    assert "Answered in both:" in out and "Plugin content is the same in both snapshots." in out
    assert "Roadmap steps done since" in out and "Answers that changed" in out
    assert proc.stderr == ""


def test_diff_json_matches_the_engine(run, series, real_cat, h):
    data = json.loads(run("diff", series[0], series[2], "-f", "json", check=True).stdout)
    assert data["schema"] == "maturity.diff/1"
    from maturity.snapshot import load_snapshot

    old, new = load_snapshot(series[0]), load_snapshot(series[2])
    ro, rn = score(real_cat, old), score(real_cat, new)
    overall = data["levels"][0]
    assert overall["id"] == "overall"
    assert overall["old"] == pytest.approx(ro.overall.level, abs=1e-4)
    assert overall["new"] == pytest.approx(rn.overall.level, abs=1e-4)
    for row in data["scopes"]:
        for side, res in (("old", ro), ("new", rn)):
            r = res.scopes[row["scope"]]
            assert row[side]["stage"] == (STAGE_NAMES[r.reached] if r.counted else None), "not assessed has no stage"
    # steps done: OLD's roadmap steps whose (scope, stage) NEW reaches
    old_steps = analyse(real_cat, old).roadmap.steps
    expected = {(s.scope, STAGE_NAMES[s.stage]) for s in old_steps if rn.scopes[s.scope].reached >= s.stage}
    assert {(s["scope"], s["stage"]) for s in data["steps_done"]} == expected
    assert len(data["steps_done"]) + len(data["steps_open"]) == len(old_steps)
    c = data["comparability"]
    assert c["answered_both"] + c["answered_only_old"] + c["answered_only_new"] <= c["criteria"]
    assert c["share"] == pytest.approx(c["answered_both"] / c["criteria"], abs=1e-4)
    changed = {(x["scope"], x["criterion"]) for x in data["answers"]}
    for sid in real_cat.scopes:
        for crit in real_cat.scopes[sid].criteria:
            a, b = old.answer_for(sid, crit.id), new.answer_for(sid, crit.id)
            differ = (a is None) != (b is None) or (a is not None and a != b)
            assert ((sid, crit.id) in changed) == differ
    assert [i["id"] for i in data["indicators_added"]] == [t for t in new.tracked if t not in old.tracked]


def test_steps_done_are_the_old_steps_now_reached(cat, blank):
    met = {"str1": Answer(answer="met"), "str2": Answer(answer="met")}
    b = {"str1": Answer(answer="partly")}
    old = blank.model_copy(update={"answers": {"x.a": dict(met), "x.b": b}})
    new = blank.model_copy(update={"answers": {"x.a": {**met, "onl1": Answer(answer="met"), "onl2": Answer(answer="met")},
                                               "x.b": b}})
    data = diff_data(cat, old, new, "en")
    assert ("x.a", "online") in {(s["scope"], s["stage"]) for s in data["steps_done"]}
    assert ("x.b", "structured") in {(s["scope"], s["stage"]) for s in data["steps_open"]}
    a_row = next(r for r in data["scopes"] if r["scope"] == "x.a")
    assert (a_row["old"]["stage"], a_row["new"]["stage"], a_row["status"]) == ("structured", "online", "up")
    assert {(x["criterion"], x["kind"]) for x in data["answers"]} == {("onl1", "added"), ("onl2", "added")}


def test_profile_switch_and_tracked_indicators_show_as_added_and_dropped(cat, blank):
    old = blank.model_copy(update={"tracked": ("x.a.use",)})
    new = blank.model_copy(update={"profile": {"customer_form": "consumer"}, "tracked": ("x.a.eff",)})
    data = diff_data(cat, old, new, "en")
    assert [s["scope"] for s in data["scopes_dropped"]] == ["x.c"]
    assert "profile" in data["scopes_dropped"][0]["why"]
    assert [i["id"] for i in data["indicators_added"]] == ["x.a.eff"]
    assert [i["id"] for i in data["indicators_dropped"]] == ["x.a.use"]
    assert any("customer_form" in n for n in data["comparability"]["notes"])


def test_changed_plugin_content_is_named(real_cat, tmp_path, run, h):
    old = h.build_snapshot(real_cat, 0)
    name = next(iter(old.plugins))
    old = old.model_copy(update={"plugins": {**old.plugins, name: PluginRecord(version="0.0.1", fingerprint="f" * 16)}})
    save_snapshot(old, tmp_path / "old.toml")
    save_snapshot(h.build_snapshot(real_cat, 1), tmp_path / "new.toml")
    data = json.loads(run("diff", tmp_path / "old.toml", tmp_path / "new.toml", "-f", "json", check=True).stdout)
    plug = next(p for p in data["comparability"]["plugins"] if p["name"] == name)
    assert plug["changed"] is True and plug["old"]["version"] == "0.0.1"
    assert data["comparability"]["content_same"] is False
    assert any(name in n and "changed between the snapshots" in n for n in data["comparability"]["notes"])


def test_diff_reads_a_schema_version_0_snapshot(real_cat, tmp_path, run, series):
    sid = next(iter(real_cat.scopes))
    crits = [c.id for c in real_cat.scopes[sid].criteria][:3]
    lines = ["schema_version = 0", "[meta]", 'client = "Old client"', "date = 2024-01-15", f'[answers."{sid}"]']
    lines += [f'{c} = "met"' for c in crits]
    v0 = tmp_path / "v0.toml"
    v0.write_text("\n".join(lines) + "\n", encoding="utf-8")
    proc = run("diff", v0, series[2], "-f", "json", check=True)
    data = json.loads(proc.stdout)
    assert data["old"]["schema_version"] == 0 and data["new"]["schema_version"] == 1
    assert any("schema version 0" in n for n in data["comparability"]["notes"])
    assert data["comparability"]["answered_only_old"] + data["comparability"]["answered_both"] == 3
    assert "different clients" in proc.stderr and len(proc.stderr.strip().splitlines()) == 1


def test_changed_notes_show_literally_in_every_format(real_cat, tmp_path, run, h):
    old = h.build_snapshot(real_cat, 1)
    sid = next(iter(old.answers))
    cid = next(iter(old.answers[sid]))
    new = old.with_answer(sid, cid, Answer(answer="met", note=h.HOSTILE_NOTE + "\nsecond line"))
    save_snapshot(old, tmp_path / "a.toml")
    save_snapshot(new, tmp_path / "b.toml")
    js = json.loads(run("diff", tmp_path / "a.toml", tmp_path / "b.toml", "-f", "json", check=True).stdout)
    entry = next(x for x in js["answers"] if (x["scope"], x["criterion"]) == (sid, cid))
    assert entry["new"]["note"] == h.HOSTILE_NOTE + "\nsecond line"
    md = run("diff", tmp_path / "a.toml", tmp_path / "b.toml", "-f", "markdown", check=True).stdout
    h.assert_literal_html(h.markdown_to_html(md), h.HOSTILE_NOTE, h.HOSTILE_CLIENT)
    text = run("diff", tmp_path / "a.toml", tmp_path / "b.toml", check=True).stdout
    assert h.HOSTILE_NOTE in text and "second line" in text
    assert "\x1b" not in text


def test_missing_snapshot_is_a_one_line_error(run, series, tmp_path):
    proc = run("diff", tmp_path / "nope.toml", series[0])
    assert proc.returncode == 2
    assert len(proc.stderr.strip().splitlines()) == 1 and "nope.toml" in proc.stderr


@pytest.mark.skipif(len(list(HISTORY.glob("*.toml"))) < 3, reason="assessments/history/ has fewer than three snapshots")
@pytest.mark.parametrize("fmt", ["text", "json", "markdown"])
def test_diff_on_the_demo_clients_history(run, fmt):
    files = sorted(HISTORY.glob("*.toml"))
    proc = run("diff", files[0], files[-1], "-f", fmt, check=True)
    assert proc.stdout.strip()
    if fmt == "json":
        data = json.loads(proc.stdout)
        assert data["old"]["date"] < data["new"]["date"]
        assert data["comparability"]["criteria"] > 0
        assert data["levels"][0]["new"] >= data["levels"][0]["old"], "the demo client climbs over time"
