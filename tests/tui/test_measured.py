"""The TUI shows a measured suggestion on its criterion — "measured: … → suggests partly" — and `m` accepts it
(issue 11): the answer becomes the suggested one, the sentence becomes the evidence, and it is saved."""

from __future__ import annotations

from maturity.model.assessment import Measured, SuggestedAnswer
from maturity.model.content import Text
from maturity.snapshot import load_snapshot, save_snapshot
from maturity.tui.widgets.criteria import CriteriaList, CriterionDetail

from .conftest import drive, fixed_assessment, plain, settle

SENTENCE = Text(en="62% of 1,240 leads (2026-06-01 – 2026-08-31) have a known source: partly",
                zh="2026-06-01至2026-08-31的1,240条线索中62%来源明确：部分满足")


def _with_suggestion(path):
    a = fixed_assessment()
    m = Measured(suggestions={"sales.leads": {"scored": SuggestedAnswer(
        probe="sales.lead_data", probe_version="1", files=("leads.csv",), sha256=("ab" * 32,), rows=1240,
        answer="partly", evidence=SENTENCE, records=1240, share=0.62)}})
    save_snapshot(a.model_copy(update={"measured": m}), path)


def test_suggestion_is_shown_and_m_accepts_it(tmp_path, catalogue, make_app):
    path = tmp_path / "a.toml"
    _with_suggestion(path)
    app = make_app(path, catalogue)

    async def script(pilot):
        app.jump("sales.leads", "scored")
        await pilot.pause()
        app.screen.query_one(CriteriaList).focus()
        detail = plain(app.screen.query_one(CriterionDetail))
        assert "measured: 62% of 1,240 leads (2026-06-01 – 2026-08-31) have a known source → suggests" in detail
        assert "partly" in detail and "m accepts" in detail
        await pilot.press("m")
        await settle(pilot)

    drive(app, script)
    a = load_snapshot(path)
    ans = a.answer_for("sales.leads", "scored")
    assert ans.answer == "partly" and ans.evidence == SENTENCE.en
    assert a.measured.suggestions["sales.leads"]["scored"].answer == "partly"  # the suggestion is kept


def test_chinese_and_no_suggestion(tmp_path, catalogue, make_app):
    path = tmp_path / "a.toml"
    _with_suggestion(path)
    app = make_app(path, catalogue, lang="zh")

    async def script(pilot):
        app.jump("sales.leads", "scored")
        await pilot.pause()
        assert "测量：2026-06-01至2026-08-31的1,240条线索中62%来源明确 → 建议" in plain(app.screen.query_one(CriterionDetail))
        app.jump("sales.leads", "reviewed")
        await pilot.pause()
        app.screen.query_one(CriteriaList).focus()
        await pilot.press("m")  # nothing suggested: the answer stays
        await settle(pilot)

    drive(app, script)
    assert load_snapshot(path).answer_for("sales.leads", "reviewed").answer == "not_met"
