"""The consultant's workflow, driven by keys through Textual's Pilot."""

from __future__ import annotations

import hashlib

from maturity.engine.analysis import analyse
from maturity.snapshot import load_snapshot
from maturity.tui import state
from maturity.tui.screens.scope import ScopeScreen
from maturity.tui.widgets.criteria import CriteriaList

from .conftest import drive, plain, settle


def find_change(store):
    """A (scope, criterion, key) whose answer moves both the scope's level and the roadmap."""
    an = store.analysis
    for step in an.roadmap.steps:
        r = an.result.scopes[step.scope]
        if step.stage != r.reached + 1:
            continue
        for todo in step.todo:
            for key in ("1", "4"):
                word = state.ANSWER_KEYS[key]
                if todo.answer == word:
                    continue
                new = analyse(store.catalogue, state.set_answer(store.assessment, step.scope, todo.criterion, word))
                if (new.result.scopes[step.scope].level != r.level
                        and new.roadmap.steps != an.roadmap.steps):
                    return step.scope, todo.criterion, key
    raise AssertionError("the demo has no answer that moves a level and the roadmap")


async def go_to(pilot, scope: str, criterion: str, by_keys: bool = False) -> None:
    """Move to a scope and a criterion: with keys only (s, ] …, ↓ …), or straight there (faster)."""
    app = pilot.app
    if not by_keys:
        app.jump(scope, criterion)
        await pilot.pause()
        crit_list = app.screen.query_one(CriteriaList)
        crit_list.focus()
        assert crit_list.highlighted_id == criterion
        return
    await pilot.press("s")
    for _ in range(60):
        if app.store.current_scope == scope:
            break
        await pilot.press("right_square_bracket")
    assert app.store.current_scope == scope
    crit_list = app.screen.query_one(CriteriaList)
    crit_list.focus()
    for _ in range(40):
        if crit_list.highlighted_id == criterion:
            break
        await pilot.press("down")
    assert crit_list.highlighted_id == criterion


def test_demo_answer_rescores_redraws_and_saves(demo_file, make_app):
    from maturity.commands import demo_path

    original = hashlib.sha256(demo_path().read_bytes()).hexdigest()
    app = make_app(demo_file)

    async def script(pilot):
        store = app.store
        scope, cid, key = find_change(store)
        before_level = store.analysis.result.scopes[scope].level
        before_steps = store.analysis.roadmap.steps
        before_disk = demo_file.read_bytes()
        await go_to(pilot, scope, cid, by_keys=True)
        assert isinstance(app.screen, ScopeScreen)
        assert f"{before_level:.2f}" in plain(app.screen.query_one("#sc-head"))
        await pilot.press(key)
        await settle(pilot)
        word = state.ANSWER_KEYS[key]
        after = store.analysis.result.scopes[scope]
        assert store.assessment.answer_for(scope, cid).answer == word
        assert after.level != before_level
        assert f"{after.level:.2f}" in plain(app.screen.query_one("#sc-head"))
        assert store.analysis.roadmap.steps != before_steps
        assert "✔" in plain(app.screen.query_one("#topbar"))
        # the file on disk changed, atomically, and says the same
        assert demo_file.read_bytes() != before_disk
        assert load_snapshot(demo_file).answer_for(scope, cid).answer == word
        # the overview shows the new level too
        await pilot.press("o")
        rows = [o.prompt.plain for o in app.screen.query_one("#ov-table").options if o.id == scope]
        assert f"{after.level:.2f}" in rows[0]
        return scope, cid, word

    scope, cid, word = drive(app, script)
    assert hashlib.sha256(demo_path().read_bytes()).hexdigest() == original  # the demo itself is never changed
    # reopening shows exactly what was there
    again = make_app(demo_file)
    assert again.store.assessment.answer_for(scope, cid).answer == word
    assert again.store.assessment.model_dump(exclude={"plugins"}) == app.store.assessment.model_dump(exclude={"plugins"})


def test_answer_keys_and_clear(snapshot_file, catalogue, make_app):
    app = make_app(snapshot_file, catalogue)

    async def script(pilot):
        await go_to(pilot, "care.tickets", "daily_use")
        for key, word in (("1", "met"), ("2", "mostly"), ("3", "partly"), ("4", "not_met")):
            await go_to(pilot, "care.tickets", "daily_use")
            await pilot.press(key)
            assert app.store.assessment.answer_for("care.tickets", "daily_use").answer == word
        await go_to(pilot, "care.tickets", "daily_use")
        await pilot.press("0")
        await settle(pilot)
        assert app.store.assessment.answer_for("care.tickets", "daily_use") is None

    drive(app, script)
    assert load_snapshot(snapshot_file).answer_for("care.tickets", "daily_use") is None


def test_answering_moves_to_the_next_criterion(snapshot_file, catalogue, make_app):
    app = make_app(snapshot_file, catalogue)

    async def script(pilot):
        await go_to(pilot, "care.tickets", "daily_use")
        await pilot.press("1")
        await pilot.pause()
        assert app.screen.query_one(CriteriaList).highlighted_id == "complete"
        await pilot.press("1", "1")
        await pilot.pause()
        a = app.store.assessment
        assert [a.answer_for("care.tickets", c).answer for c in ("daily_use", "complete", "reviewed")] == ["met"] * 3

    drive(app, script)


def test_na_asks_for_a_reason(snapshot_file, catalogue, make_app):
    app = make_app(snapshot_file, catalogue)

    async def script(pilot):
        await go_to(pilot, "care.tickets", "daily_use")
        await pilot.press("5")
        await pilot.pause()
        assert type(app.screen).__name__ == "ReasonDialog"
        await pilot.press("enter")  # empty: refused
        assert type(app.screen).__name__ == "ReasonDialog"
        assert app.store.assessment.answer_for("care.tickets", "daily_use") is None
        await pilot.press(*"no daily [use]")
        await pilot.press("enter")
        await settle(pilot)
        ans = app.store.assessment.answer_for("care.tickets", "daily_use")
        assert (ans.answer, ans.reason) == ("n/a", "no daily [use]")
        # escape cancels without a change
        await go_to(pilot, "care.tickets", "complete")
        await pilot.press("5")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.store.assessment.answer_for("care.tickets", "complete") is None

    drive(app, script)
    assert load_snapshot(snapshot_file).answer_for("care.tickets", "daily_use").reason == "no daily [use]"


def test_note_and_evidence_editor_shows_text_literally(snapshot_file, catalogue, make_app):
    app = make_app(snapshot_file, catalogue)

    async def script(pilot):
        await go_to(pilot, "sales.leads", "defined")
        detail = plain(app.screen.query_one("#sc-detail"))
        assert "Signed by [bold]sales[/] and marketing" in detail
        assert "doc v2 \\[x]" in detail
        await pilot.press("n")
        await pilot.pause()
        assert type(app.screen).__name__ == "NoteDialog"
        note = app.screen.query_one("#note")
        note.text = ""
        await pilot.press(*"[/] and [b]bold", "ctrl+s")
        await settle(pilot)
        ans = app.store.assessment.answer_for("sales.leads", "defined")
        assert ans.note == "[/] and [b]bold" and ans.answer == "met" and ans.evidence == "doc v2 \\[x]"
        assert "[/] and [b]bold" in plain(app.screen.query_one("#sc-detail"))
        svg = app.export_screenshot()
        assert "[/]&#160;and&#160;[b]bold" in svg
        assert "Acme&#160;[red]Trading[/]" in svg

    drive(app, script)


def test_explain_blockers_jump(snapshot_file, catalogue, make_app):
    app = make_app(snapshot_file, catalogue)

    async def script(pilot):
        await go_to(pilot, "care.tickets", "defined")
        await pilot.press("e")
        panel = app.screen.query_one("#sc-explain")
        assert panel.has_focus
        ids = [o.id for o in panel.options if not o.disabled]
        assert ids and ids[0].startswith("crit:")
        # explain_scope's own blocker lines are replaced by the jumpable rows, not shown twice
        assert not any(o.prompt.plain.startswith("  · ") for o in panel.options if o.disabled)
        panel.highlight_id(ids[0])
        await pilot.press("enter")
        await pilot.pause()
        crit_list = app.screen.query_one(CriteriaList)
        assert crit_list.has_focus and crit_list.highlighted_id == ids[0][5:]
        # a dependency that caps: sales.deals is capped by sales.leads at online? use care.tickets' digital dep
        await go_to(pilot, "sales.deals", "defined")
        panel = app.screen.query_one("#sc-explain")
        caps = [o.id for o in panel.options if (o.id or "").startswith("scope:")]
        if caps:
            await pilot.press("e")
            panel.highlight_id(caps[0])
            await pilot.press("enter")
            await pilot.pause()
            assert app.store.current_scope == caps[0][6:]

    drive(app, script)


def test_unknown_criteria_are_kept_on_save(tmp_path, catalogue, make_app):
    from maturity.model.assessment import Answer
    from maturity.snapshot import save_snapshot

    from .conftest import fixed_assessment

    a = fixed_assessment()
    a = a.with_answer("sales.leads", "ghost_criterion", Answer(answer="met", note="from an older plugin"))
    a = a.with_answer("erp.purchasing", "approved", Answer(answer="partly", votes={"ann": "met"}))
    path = tmp_path / "unknown.toml"
    save_snapshot(a, path)
    app = make_app(path, catalogue)

    async def script(pilot):
        assert app.store.analysis.result.unknown_answers
        await go_to(pilot, "sales.leads", "reviewed")
        await pilot.press("1")
        await settle(pilot)

    drive(app, script)
    saved = load_snapshot(path)
    assert saved.answer_for("sales.leads", "reviewed").answer == "met"
    assert saved.answer_for("sales.leads", "ghost_criterion") == Answer(answer="met", note="from an older plugin")
    assert saved.answer_for("erp.purchasing", "approved") == Answer(answer="partly", votes={"ann": "met"})


def test_quit_saves_and_undo(snapshot_file, catalogue, make_app):
    app = make_app(snapshot_file, catalogue)

    async def script(pilot):
        await go_to(pilot, "care.tickets", "daily_use")
        await pilot.press("3")
        assert app.store.assessment.answer_for("care.tickets", "daily_use").answer == "partly"
        await pilot.press("ctrl+z")
        assert app.store.assessment.answer_for("care.tickets", "daily_use") is None
        await pilot.press("ctrl+y")
        assert app.store.assessment.answer_for("care.tickets", "daily_use").answer == "partly"
        await pilot.press("q")

    drive(app, script)
    assert load_snapshot(snapshot_file).answer_for("care.tickets", "daily_use").answer == "partly"


def test_language_switch(snapshot_file, catalogue, make_app):
    app = make_app(snapshot_file, catalogue)

    async def script(pilot):
        await go_to(pilot, "sales.leads", "owners")
        await pilot.press("l")
        await pilot.pause()
        assert app.lang == "zh"
        assert "线索管理" in plain(app.screen.query_one("#sc-head"))
        assert "业务范畴" in plain(app.screen.query_one("#navbar"))
        footer_words = {b.description for _, b, *_ in app.screen.active_bindings.values()}
        assert "作答" in footer_words
        await pilot.press("o")
        assert "总览" in plain(app.screen.query_one("#navbar"))
        assert any("线索管理" in o.prompt.plain for o in app.screen.query_one("#ov-table").options)
        await pilot.press("l")
        assert app.lang == "en"

    drive(app, script)
