"""Each screen by keyboard (and a little mouse), on the fixed test catalogue."""

from __future__ import annotations

import sys
import types

from maturity.snapshot import load_snapshot
from maturity.tui.screens.dialogs import ChoiceDialog, PathDialog, PersonDialog
from maturity.tui.state import set_answer, set_note

from .conftest import drive, plain, settle


def texts(listing) -> dict[str, str]:
    return {o.id: o.prompt.plain for o in listing.options}


def test_workshop_votes_split_and_settle(snapshot_file, catalogue, make_app):
    app = make_app(snapshot_file, catalogue)

    async def script(pilot):
        app.store.current_scope = "sales.leads"
        await pilot.press("w")
        screen = app.screen
        dis = screen.query_one("#ws-disagreements")
        # the fixture's answered splits are settled; only the unanswered one is open
        assert set(texts(dis)) == {"d:sales.leads:scored"}
        grid = screen.query_one("#ws-grid")
        assert grid.has_focus
        assert texts(grid)["complete"].startswith("✔") and texts(grid)["scored"].startswith("⚠")
        app.change(set_answer(app.store.assessment, "sales.leads", "owners", None))
        await settle(pilot)
        grid.highlight_id("owners")
        await pilot.press("1", "right", "4")  # Ann: met; 王磊: not met
        await settle(pilot)
        ans = app.store.assessment.answer_for("sales.leads", "owners")
        assert ans.votes == {"ann": "met", "wang": "not_met"} and ans.answer is None
        assert texts(grid)["owners"].startswith("⚠")
        assert "d:sales.leads:owners" in texts(dis)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        assert "★" in texts(app.screen.query_one("#choices"))["partly"]  # between met and not met
        await pilot.press("enter")
        await settle(pilot)
        assert app.store.assessment.answer_for("sales.leads", "owners").answer == "partly"
        # settled means settled: no ⚠, no longer listed, the votes kept as the record
        assert texts(grid)["owners"].startswith("✔")
        assert "d:sales.leads:owners" not in texts(dis)
        assert app.store.analysis.disagreements and all(d.criterion != "owners" for d in app.store.analysis.disagreements)
        # a disagreement is jumpable
        dis.focus()
        dis.highlight_id("d:sales.leads:scored")
        await pilot.press("enter")
        await pilot.pause()
        assert grid.highlighted_id == "scored" and grid.has_focus

    drive(app, script)
    assert load_snapshot(snapshot_file).answer_for("sales.leads", "owners").votes == {"ann": "met", "wang": "not_met"}


def test_workshop_people(snapshot_file, catalogue, make_app):
    app = make_app(snapshot_file, catalogue)

    async def script(pilot):
        await pilot.press("w", "plus")
        await pilot.pause()
        assert isinstance(app.screen, PersonDialog)
        await pilot.press(*"Zoë [x]", "enter", *"IT", "enter")
        await settle(pilot)
        people = app.store.assessment.participants
        assert people[-1].name == "Zoë [x]" and people[-1].role == "IT"
        assert any("Zoë [x]" in x for x in texts(app.screen.query_one("#ws-people")).values())
        app.screen.query_one("#ws-people").highlight_id("wang")
        await pilot.press("minus")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        app.screen.query_one("#choices").highlighted = 1
        await pilot.press("enter")
        await settle(pilot)
        a = app.store.assessment
        assert [p.id for p in a.participants] == ["ann", people[-1].id]
        assert all("wang" not in ans.votes for crits in a.answers.values() for ans in crits.values())

    drive(app, script)


def test_roadmap_targets_and_jumps(snapshot_file, catalogue, make_app):
    app = make_app(snapshot_file, catalogue)

    async def script(pilot):
        await pilot.press("r")
        screen = app.screen
        waves = screen.query_one("#rm-waves")
        steps = [i for i in texts(waves) if i.startswith("step:")]
        assert any(s.startswith("step:sales.deals:") for s in steps)
        assert not any(s.startswith("step:care.tickets") for s in steps)
        targets = screen.query_one("#rm-targets")
        targets.focus()
        targets.highlight_id("care.tickets")
        assert app.store.analysis.result.scopes["care.tickets"].reached == 1
        await pilot.press("plus")
        await settle(pilot)
        assert app.store.assessment.targets["care.tickets"] == "online"
        assert any(s.startswith("step:care.tickets:2") for s in texts(waves))
        await pilot.press("plus")
        assert app.store.assessment.targets["care.tickets"] == "digital"
        await pilot.press("minus", "minus")
        assert "care.tickets" not in app.store.assessment.targets
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        app.screen.query_one("#choices").highlight_id = None
        choices = app.screen.query_one("#choices")
        choices.highlighted = choices.get_option_index("4")
        await pilot.press("enter")
        await settle(pilot)
        assert app.store.assessment.targets["care.tickets"] == "intelligent"
        assert load_snapshot(snapshot_file).targets["care.tickets"] == "intelligent"
        # a to-do item opens its criterion on the scope screen
        todo = next(i for i in texts(waves) if i.startswith("todo:care.tickets:"))
        waves.focus()
        waves.highlight_id(todo)
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "ScopeScreen"
        assert app.screen.query_one("#sc-criteria").highlighted_id == todo.split(":")[2]

    drive(app, script)


def test_graph_follows_dependencies(snapshot_file, catalogue, make_app):
    app = make_app(snapshot_file, catalogue)

    async def script(pilot):
        app.store.current_scope = "sales.deals"
        await pilot.press("g")
        screen = app.screen
        needs = screen.query_one("#gr-needs")
        assert list(texts(needs)) == ["sales.leads"]
        assert "none" in texts(screen.query_one("#gr-needed-by"))
        needs.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert app.store.current_scope == "sales.leads"
        assert set(texts(screen.query_one("#gr-needed-by"))) == {"sales.deals", "care.tickets"}
        assert "Opportunities" in plain(screen.query_one("#gr-layers")) or "sales.deals" in plain(
            screen.query_one("#gr-layers"))
        await pilot.press("s")
        assert type(app.screen).__name__ == "ScopeScreen" and app.store.current_scope == "sales.leads"

    drive(app, script)


def test_advice_groups_and_tracking(snapshot_file, catalogue, make_app):
    app = make_app(snapshot_file, catalogue)

    async def script(pilot):
        await pilot.press("a")
        screen = app.screen
        inds = screen.query_one("#ad-indicators")
        ids = list(texts(inds))
        assert ids[0].startswith("type:") and ids[1].startswith("rel:")
        assert any(i.startswith("ind:") for i in ids)
        stance = plain(screen.query_one("#ad-stance"))
        assert "⚠" in stance  # weak business ownership
        first = inds.highlighted_id
        assert first.startswith("ind:")
        await pilot.press("k")
        await settle(pilot)
        assert first[4:] in app.store.assessment.tracked
        assert first[4:] in load_snapshot(snapshot_file).tracked
        assert "tracked" in texts(inds)
        inds.highlight_id(first)
        await pilot.press("k")
        assert first[4:] not in app.store.assessment.tracked

    drive(app, script)


def test_profile_and_team_answers(snapshot_file, catalogue, make_app):
    app = make_app(snapshot_file, catalogue)

    async def script(pilot):
        assert app.store.analysis.result.scopes["sales.deals"].weight == 2.0
        await pilot.press("p")
        screen = app.screen
        qs = screen.query_one("#pf-questions")
        qs.highlight_id("p:deal_size")
        await pilot.pause()
        assert "×2" in plain(screen.query_one("#pf-effect"))
        await pilot.press("1")  # small deals: the rule no longer applies
        await settle(pilot)
        assert app.store.assessment.profile["deal_size"] == "small"
        assert app.store.analysis.result.scopes["sales.deals"].weight == 1.0
        qs.highlight_id("t:tenure")
        await pilot.pause()
        await pilot.press("1")  # a new team follows first
        await settle(pilot)
        assert app.store.assessment.team["tenure"] == "new"
        assert app.store.analysis.stance.recommended == "follow"
        await pilot.press("0")
        assert "tenure" not in app.store.assessment.team
        # enter goes to the answers, enter there picks
        await pilot.press("enter", "down", "enter")
        await settle(pilot)
        assert app.store.assessment.team["tenure"] == "settled"

    drive(app, script)
    assert load_snapshot(snapshot_file).profile["deal_size"] == "small"


def test_new_assessment_through_the_form(tmp_path, catalogue, make_app):
    path = tmp_path / "new-client.toml"
    app = make_app(path, catalogue, new=True)

    async def script(pilot):
        assert type(app.screen).__name__ == "NewAssessmentScreen"
        await pilot.press("ctrl+s")  # no client: refused
        assert type(app.screen).__name__ == "NewAssessmentScreen"
        assert not path.exists()
        await pilot.press(*"Ning [b]Bo[/b] 宁波", "enter", *"CRM", "enter", *"Me")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert type(app.screen).__name__ == "OverviewScreen"
        assert "Ning [b]Bo[/b] 宁波" in plain(app.screen.query_one("#topbar"))

    drive(app, script)
    a = load_snapshot(path)
    assert (a.meta.client, a.meta.system, a.meta.assessor) == ("Ning [b]Bo[/b] 宁波", "CRM", "Me")
    assert set(a.meta.domains) == {"sales", "care"}
    assert a.plugins  # the content it was made with is recorded


def test_new_assessment_cancelled_writes_nothing(tmp_path, catalogue, make_app):
    path = tmp_path / "never.toml"
    app = make_app(path, catalogue, new=True)

    async def script(pilot):
        await pilot.press("escape")
        await pilot.pause()

    drive(app, script)
    assert not path.exists()


def test_palette_jump_target_and_language(snapshot_file, catalogue, make_app):
    app = make_app(snapshot_file, catalogue)

    async def script(pilot):
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"jump tick")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "ScopeScreen" and app.store.current_scope == "care.tickets"
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"target opp")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("escape")
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"languag")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.lang == "zh"

    drive(app, script)


def test_export_report(snapshot_file, catalogue, make_app, tmp_path):
    app = make_app(snapshot_file, catalogue)
    out = tmp_path / "acme-report.md"

    async def script(pilot):
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, PathDialog)
        app.screen.query_one("#path").value = str(out)
        await pilot.press("enter")
        await pilot.pause()

    drive(app, script)
    assert out.exists() and "Trading" in out.read_text(encoding="utf-8")


def test_export_missing_writer_gives_a_notice(snapshot_file, catalogue, make_app, monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "maturity.report.writer", types.ModuleType("maturity.report.writer"))
    app = make_app(snapshot_file, catalogue)

    async def script(pilot):
        await pilot.press("x")
        await pilot.pause()
        app.screen.query_one("#path").value = str(tmp_path / "r.html")
        await pilot.press("enter")
        await pilot.pause()
        return [n.message for n in app._notifications]

    notes = drive(app, script)
    assert any("not available" in str(n) for n in notes)
    assert not (tmp_path / "r.html").exists()


def test_theme_help_and_mouse(snapshot_file, catalogue, make_app):
    app = make_app(snapshot_file, catalogue)

    async def script(pilot):
        assert app.current_theme.dark
        await pilot.press("d")
        assert not app.current_theme.dark
        await pilot.press("d")
        assert app.current_theme.dark
        await pilot.press("question_mark")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"
        assert "1 met" in plain(app.screen.query_one("#help-text"))
        await pilot.press("escape")
        await pilot.pause()
        # mouse: the navigation bar, then a row of the overview
        nav = app.screen.query_one("#navbar")
        x = plain(nav).index("Roadmap")
        await pilot.click("#navbar", offset=(x + 1, 0))
        await pilot.pause()
        assert type(app.screen).__name__ == "RoadmapScreen"
        await pilot.click("#navbar", offset=(plain(nav).index("Overview") + 1, 0))
        await pilot.pause()
        table = app.screen.query_one("#ov-table")
        await pilot.click("#ov-table", offset=(6, 2))  # the first scope row
        await pilot.pause()
        assert type(app.screen).__name__ == "ScopeScreen"
        del table

    drive(app, script)


def test_palette_shows_names_literally(catalogue, make_app, tmp_path):
    """A scope name with markup-like brackets is matched and shown as typed (Matcher.highlight would parse it)."""
    from maturity.model.content import Text
    from maturity.testing import catalogue_from_domains
    from maturity.tui.commands import MaturityCommands

    from .conftest import care_domain, fixed_assessment, sales_domain

    sales = sales_domain()
    leads = sales.scopes[0].model_copy(update={"name": Text(en="Leads [bold]x[/] [/]", zh="线索 [red]")})
    sales = sales.model_copy(update={"scopes": (leads,) + sales.scopes[1:]})
    cat = catalogue_from_domains(sales, care_domain())
    path = tmp_path / "a.toml"
    from maturity.snapshot import save_snapshot

    save_snapshot(fixed_assessment(), path)
    app = make_app(path, cat)

    async def script(pilot):
        provider = MaturityCommands(app.screen)
        return [h async for h in provider.search("leads [bold")]

    hits = drive(app, script)
    assert any(h.match_display.plain.startswith("Jump to scope: Leads [bold]x[/] [/]") for h in hits)


def test_escape_sequences_in_user_text_are_shown_not_sent(tmp_path, catalogue, make_app):
    """Issue 10, point 9: OSC (retitle), CSI (clear screen) and C1 in a client name, a note and a person's name."""
    from maturity.snapshot import save_snapshot

    from .conftest import fixed_assessment

    a = fixed_assessment()
    a = a.model_copy(update={"meta": a.meta.model_copy(update={"client": "Evil\x1b]0;pwned\x07 Co"})})
    a = set_note(a, "sales.leads", "owners", "wipe\x1b[2J\x1b[Hnote\x9b31m", "")
    people = (a.participants[0].model_copy(update={"name": "Ann\x1b[5m"}),) + a.participants[1:]
    a = a.model_copy(update={"participants": people})
    path = tmp_path / "evil.toml"
    save_snapshot(a, path)
    app = make_app(path, catalogue)
    shots = []

    async def script(pilot):
        app.store.current_scope = "sales.leads"
        app.store.current_criterion = "owners"
        for key in ("o", "s", "w"):
            await pilot.press(key)
            await settle(pilot)
            shots.append(app.export_screenshot())

    drive(app, script)
    for svg in shots:
        assert "\x1b" not in svg and "\x9b" not in svg and "\x07" not in svg
    assert "Evil\\x1b]0;pwned\\x07 Co" in shots[0].replace("&#160;", " ")
    assert "wipe\\x1b[2J\\x1b[Hnote\\x9b31m" in shots[1].replace("&#160;", " ")
    assert "Ann\\x1b[5m" in shots[2].replace("&#160;", " ")


def test_stance_is_zitai_in_chinese():
    """Issue 10, point 6: stance is 姿态 everywhere (the article's word), never 姿势."""
    from maturity import i18n as core
    from maturity.tui import i18n as tui

    words = [zh for table in (core.MESSAGES, tui.MESSAGES) for _, zh in table.values()]
    assert not [w for w in words if "姿势" in w]
    assert any("姿态" in w for w in words)
