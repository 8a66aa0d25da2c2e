"""Issue 10, points 4, 5, 6, 8 and 10 (TUI): keys a newcomer finds, no raw ids in front of a client, answers on
disk before they are shown, switched-off plugins said on screen. Pilot tests on the fixed catalogue and the demo."""

from __future__ import annotations

import re

from textual.widgets import Footer

from maturity.snapshot import load_snapshot
from maturity.tui import state
from maturity.tui.screens.scope import ScopeScreen
from maturity.tui.widgets.criteria import CriteriaList, CriterionDetail

from .conftest import drive, option_texts, plain, settle

BIG = (140, 45)


def footer_keys(app) -> dict[str, tuple[int, int]]:
    """The footer's keys as shown: key text → (x, right edge) on screen."""
    out = {}
    for fk in app.screen.query_one(Footer).query("FooterKey"):
        out[fk.key_display] = (fk.region.x, fk.region.right)
    return out


def test_footers_show_help_export_language_and_quit(demo_file, make_app):
    app = make_app(demo_file)

    async def script(pilot):
        for key in ("s", "w", "r"):
            await pilot.press(key)
            await pilot.pause()
            shown = footer_keys(app)
            for want in ("?", "x", "l", "q"):
                assert want in shown, (key, sorted(shown))
                x, right = shown[want]
                assert right <= BIG[0] and x >= 0, (key, want, shown[want])
                region = [fk for fk in app.screen.query("FooterKey") if fk.key_display == want][0].region
                assert region.width > 0 and region.right <= app.screen.size.width

    drive(app, script, size=BIG)


def test_help_keeps_every_key(snapshot_file, catalogue, make_app):
    app = make_app(snapshot_file, catalogue)

    async def script(pilot):
        await pilot.press("question_mark")
        await pilot.pause()
        text = plain(app.screen.query_one("#help-text"))
        for word in ("Overview", "Light/dark", "Presenter view", "Unanswered", "Export", "Plugins"):
            assert word in text, word
        assert "question_mark" not in text

    drive(app, script, size=BIG)


def test_export_asks_before_overwriting(snapshot_file, catalogue, make_app, tmp_path, monkeypatch):
    import maturity.report.writer as writer

    calls = []

    def fake_export(cat, a, path, lang):
        calls.append(path)
        path.write_text("new")
        return path

    monkeypatch.setattr(writer, "export", fake_export, raising=False)
    out = tmp_path / "old.html"
    out.write_text("old")
    app = make_app(snapshot_file, catalogue)

    async def script(pilot):
        await pilot.press("x")
        await pilot.pause()
        inp = app.screen.query_one("Input")
        inp.value = str(out)
        await pilot.press("enter")
        await pilot.pause()
        assert "Overwrite" in plain(app.screen.query_one("#dialog-title"))
        await pilot.press("enter")  # the highlighted choice is "keep it"
        await pilot.pause()
        assert out.read_text() == "old" and not calls
        await pilot.press("x")
        await pilot.pause()
        app.screen.query_one("Input").value = str(out)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert out.read_text() == "new" and calls == [out]

    drive(app, script, size=BIG)


def test_error_toast_never_starts_with_an_exception_name(snapshot_file, catalogue, make_app, monkeypatch, tmp_path):
    import maturity.report.writer as writer

    def broken(cat, a, path, lang):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(writer, "export", broken, raising=False)
    app = make_app(snapshot_file, catalogue)

    async def script(pilot):
        await pilot.press("x")
        await pilot.pause()
        app.screen.query_one("Input").value = str(tmp_path / "r.html")
        await pilot.press("enter")
        await pilot.pause()
        texts = [str(n.message) for n in app._notifications]
        assert texts and any("permission denied" in m for m in texts), texts
        for m in texts:
            assert not re.search(r"\b[A-Z][A-Za-z]*(Error|Exception)\b", m), m

    drive(app, script, size=BIG)


def test_legend_progress_and_unanswered_filter(snapshot_file, catalogue, make_app):
    app = make_app(snapshot_file, catalogue)

    async def script(pilot):
        await pilot.press("s")
        await pilot.pause()
        head = plain(app.screen.query_one("#sc-head"))
        assert "1 met ≥ 95%" in head and "2 mostly ≥ 80%" in head and "3 partly ≥ 50%" in head
        scope = app.store.current_scope
        done, total = state.progress(app.store.catalogue, app.store.analysis, scope)
        all_done, all_total = state.overall_progress(app.store.catalogue, app.store.analysis)
        assert f"answered {done}/{total} here · {all_done}/{all_total} overall" in head
        crit_list = app.screen.query_one(CriteriaList)
        before = [o.id for o in crit_list.options if not o.disabled]
        answered = [c for c in before if app.store.assessment.answer_for(scope, c) is not None
                    and app.store.assessment.answer_for(scope, c).answer is not None]
        assert answered, "the fixed snapshot answers some criteria"
        await pilot.press("u")
        await pilot.pause()
        after = [o.id for o in crit_list.options if not o.disabled]
        assert after and not set(after) & set(answered) - {app.store.current_criterion}
        assert "unanswered only" in plain(app.screen.query_one("#sc-head"))
        await pilot.press("1")
        await settle(pilot)
        done2, _ = state.progress(app.store.catalogue, app.store.analysis, scope)
        assert done2 == done + 1
        assert f"answered {done2}/{total} here" in plain(app.screen.query_one("#sc-head"))
        await pilot.press("u")
        await pilot.pause()
        assert len([o for o in crit_list.options if not o.disabled]) == len(before)

    drive(app, script, size=BIG)


def test_language_and_last_scope_are_remembered(snapshot_file, catalogue, make_app):
    app = make_app(snapshot_file, catalogue)

    async def script(pilot):
        await pilot.press("s", "right_square_bracket")
        await pilot.pause()
        scope = app.store.current_scope
        await pilot.press("l")
        await settle(pilot)
        await pilot.press("q")
        return scope

    scope = drive(app, script, size=BIG)
    saved = load_snapshot(snapshot_file)
    assert saved.meta.language == "zh" and saved.meta.last_scope == scope
    again = make_app(snapshot_file, catalogue)
    assert again.lang == "zh" and again.store.current_scope == scope


def test_old_snapshots_without_last_scope_load_unchanged(snapshot_file):
    from maturity.snapshot.io import dumps

    text = snapshot_file.read_text()
    assert "last_scope" not in text
    assert dumps(load_snapshot(snapshot_file)).strip() == text.strip()


def test_detail_grows_to_show_a_note_and_evidence_just_typed(snapshot_file, catalogue, make_app):
    app = make_app(snapshot_file, catalogue)
    note = "\n".join(f"note line {i}" for i in range(4))
    evidence = "\n".join(f"evidence line {i}" for i in range(3))

    async def script(pilot):
        await pilot.press("s")
        await pilot.pause()
        scope, cid = app.store.current_scope, app.store.current_criterion
        app.change(state.set_note(app.store.assessment, scope, cid, note, evidence))
        await settle(pilot)
        detail = app.screen.query_one(CriterionDetail)
        lines = plain(detail).splitlines()
        assert "note line 3" in plain(detail) and "evidence line 2" in plain(detail)
        assert detail.size.height >= len(lines), (detail.size.height, len(lines))

    drive(app, script, size=BIG)


def test_palette_speaks_chinese(snapshot_file, catalogue, make_app):
    app = make_app(snapshot_file, catalogue, lang="zh")

    async def script(pilot):
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "退出" in titles and "主题" in titles
        assert not any(re.search(r"[A-Za-z]{3,}", x) for x in titles), titles
        await pilot.press("ctrl+p")
        await pilot.pause()
        from textual.widgets import Input

        assert app.screen.query_one(Input).placeholder == "搜索命令……"

    drive(app, script, size=BIG)


def test_chinese_words_use_full_width_punctuation():
    from maturity.tui.i18n import MESSAGES

    bad = []
    for key, (_, zh) in MESSAGES.items():
        for m in re.finditer(r"[,:;?!()]", zh):
            before, after = zh[max(0, m.start() - 1):m.start()], zh[m.end():m.end() + 1]
            if re.match(r"[\u4e00-\u9fff]", before) or re.match(r"[\u4e00-\u9fff]", after):
                bad.append((key, zh))
    assert not bad, bad


def test_every_screen_of_the_demo_opens(demo_file, make_app):
    """The demo has several behaviour → result pairs per scope: the advice screen used to crash on their ids."""
    app = make_app(demo_file)

    async def script(pilot):
        for key in "swrgapo":
            await pilot.press(key)
            await pilot.pause()
            assert app.screen._drawn is not None, key

    drive(app, script, size=BIG)


# ---------------------------------------------------------------- 4. no raw ids in front of a client

ANSWER_CODES = re.compile(r"\b(met|mostly|partly|not_met|not met|n/a|unanswered)\b")


def screen_text(app) -> str:
    """Everything the current screen shows in its lists and panels, as plain text."""
    from textual.widgets import OptionList, Static

    parts = []
    for w in app.screen.query(OptionList):
        parts += option_texts(w)
    for w in app.screen.query(Static):
        if w.id not in ("topbar", "navbar") and w.display:
            parts.append(plain(w))
    return "\n".join(parts)


def scope_ids(app) -> list[str]:
    return sorted(app.store.catalogue.scopes, key=len, reverse=True)


def test_roadmap_graph_and_explain_name_scopes_not_ids(demo_file, make_app):
    app = make_app(demo_file)

    async def script(pilot):
        await pilot.press("r")
        await pilot.pause()
        waves = "\n".join(option_texts(app.screen.query_one("#rm-waves")))
        assert "waits for" in waves and "@" not in waves
        await pilot.press("g")
        await pilot.pause()
        layers = plain(app.screen.query_one("#gr-layers"))
        assert not [s for s in scope_ids(app) if s in layers]
        assert app.store.catalogue.scopes["crm.leads"].name.get("en") in layers
        await pilot.press("s")
        await pilot.pause()
        explain = option_texts(app.screen.query_one("#sc-explain"))
        assert app.store.current_scope not in explain[0]
        assert not re.search(r"\w=\w+×", "\n".join(explain))

    drive(app, script, size=BIG)


def test_chinese_screens_show_no_english_answer_codes(demo_file, make_app):
    app = make_app(demo_file, lang="zh")

    async def script(pilot):
        for key in "swrgapo":
            await pilot.press(key)
            await pilot.pause()
            text = screen_text(app)
            found = ANSWER_CODES.findall(text)
            assert not found, (key, found[:5])

    drive(app, script, size=BIG)


def test_presenter_view_hides_ids_notes_and_who_voted(demo_file, make_app):
    app = make_app(demo_file)
    a = app.store.assessment
    scope, cid = next((s, c) for s, cs in a.answers.items() for c, x in cs.items() if x.note and x.votes)
    names = [p.name for p in a.participants]
    note = a.answer_for(scope, cid).note

    async def script(pilot):
        app.jump(scope, cid)
        await pilot.pause()
        detail = plain(app.screen.query_one("#sc-detail"))
        assert cid in detail and any(n in detail for n in names)
        await pilot.press("P")
        await pilot.pause()
        assert app.presenter
        for key in "swrgaso":
            await pilot.press(key)
            await pilot.pause()
            text = screen_text(app)
            for sc in app.store.catalogue.scopes.values():  # content may name another scope in its own words
                text = text.replace(sc.description.get("en"), "")
            assert not [s for s in scope_ids(app) if s in text], key
        app.jump(scope, cid)
        await pilot.pause()
        detail = plain(app.screen.query_one("#sc-detail"))
        assert cid not in detail and note.splitlines()[0] not in detail
        assert not [n for n in names if n in detail]
        await pilot.press("P")
        await pilot.pause()
        assert cid in plain(app.screen.query_one("#sc-detail"))

    drive(app, script, size=BIG)


# ---------------------------------------------------------------- 8. an answer is on disk before it is shown


def test_answer_is_on_disk_before_the_screen_shows_it(snapshot_file, catalogue, make_app):
    app = make_app(snapshot_file, catalogue)
    seen = []

    async def script(pilot):
        await pilot.press("s")
        await pilot.pause()
        scope = app.store.current_scope
        cid = app.store.current_criterion
        old = app.store.assessment.answer_for(scope, cid)
        key = "3" if old is not None and old.answer == "met" else "1"
        screen = app.screen
        original = screen.refresh_view

        def spy():
            ans = load_snapshot(snapshot_file).answer_for(scope, cid)
            seen.append(ans.answer if ans else None)
            original()

        screen.refresh_view = spy
        await pilot.press(key)
        screen.refresh_view = original
        return state.ANSWER_KEYS[key]

    word = drive(app, script, size=BIG)
    assert seen and seen[0] == word, seen
    assert app.save_state == "saved"


# ---------------------------------------------------------------- 5. screen switches do no needless work


def test_screen_switches_never_reparse_the_stylesheet(demo_file, make_app):
    """Textual re-parsed the whole stylesheet (~40 ms) on the first and the second visit of every screen."""
    app = make_app(demo_file)
    count = []

    async def script(pilot):
        original = app.stylesheet.reparse

        def spy():
            count.append(app.current_mode)
            original()

        app.stylesheet.reparse = spy
        for key in "sgosgoarw" "sgoarw":
            await pilot.press(key)
            await pilot.pause()
        app.stylesheet.reparse = original

    drive(app, script, size=BIG)
    assert count == [], count


def test_graph_layers_are_computed_once(demo_file, make_app, monkeypatch):
    app = make_app(demo_file)
    graph = app.store.catalogue.graph
    calls = []
    original = graph.scope_layers

    def counting():
        calls.append(1)
        return original()

    monkeypatch.setattr(graph, "scope_layers", counting)

    async def script(pilot):
        for key in "gsgrg":
            await pilot.press(key)
            await pilot.pause()
            if key == "s":
                await pilot.press("right_square_bracket")
                await pilot.pause()

    drive(app, script, size=BIG)
    assert len(calls) <= 1


# ---------------------------------------------------------------- 10. switched-off plugins on screen


def test_switched_off_plugins_are_shown(snapshot_file, catalogue, make_app):
    from maturity.catalogue import PluginInfo

    catalogue.plugins.append(PluginInfo(name="broken_one", version="1.0", origin="test", status="off",
                                        reason="its hook raised SystemExit [red]x[/]"))
    app = make_app(snapshot_file, catalogue)

    async def script(pilot):
        await pilot.pause()
        toasts = [str(n.message) for n in app._notifications]
        assert any("broken_one" in m and "SystemExit [red]x[/]" in m for m in toasts), toasts
        await pilot.press("ctrl+o")
        await pilot.pause()
        text = plain(app.screen.query_one("#help-text"))
        assert "broken_one switched off: its hook raised SystemExit [red]x[/]" in text
        assert "✔ test" in text
        await pilot.press("escape", "question_mark")
        await pilot.pause()
        assert "broken_one" in plain(app.screen.query_one("#help-text"))

    drive(app, script, size=BIG)
