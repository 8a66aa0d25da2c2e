"""Screens built in the background after the first frame (issue 10.5) show the store as it is when shown."""

from __future__ import annotations

import asyncio

from textual.widgets import OptionList, Static

from maturity.tui.widgets.chrome import NavBar, TopBar
from maturity.tui.widgets.criteria import CriteriaList

from .conftest import drive, settle

MODES = ("roadmap", "advice", "workshop")


def view(screen) -> list[str]:
    """What a screen shows outside its chrome: every list's rows and every static's text."""
    out = []
    for w in screen.query("OptionList, Static"):
        if any(isinstance(a, (TopBar, NavBar)) for a in w.ancestors_with_self):
            continue
        if isinstance(w, OptionList):
            out.append("|".join(f"{o.id}={o.prompt.plain if hasattr(o.prompt, 'plain') else o.prompt}"
                                for o in w.options))
        elif isinstance(w, Static):
            out.append(str(w.render()))
    return out


async def prebuilt(app) -> None:
    for _ in range(1000):
        if isinstance(app.prebuilt, float):
            return
        await asyncio.sleep(0.01)
    raise AssertionError("the screens were never built in the background")


def test_prebuilt_screens_show_answers_given_after_they_were_built(demo_file, make_app):
    app = make_app(demo_file, prebuild=True)
    seen = {}

    async def script(pilot):
        await prebuilt(app)
        built = {mode: app._screen_stacks[mode][0] for mode in MODES}  # noqa: SLF001
        assert all(s.is_mounted and s._drawn is not None for s in built.values())
        before = {mode: view(s) for mode, s in built.items()}
        revision = app.store.revision
        await pilot.press("s")
        await pilot.pause()
        crit = app.screen.query_one(CriteriaList)
        crit.focus()
        crit.highlight_first()
        await pilot.pause()
        for _ in range(3):  # a few answers on the scope screen, each a change
            cid = crit.highlighted_id
            old = app.store.assessment.answer_for(app.store.current_scope, cid)
            await pilot.press("3" if old is not None and old.answer == "met" else "1")
            await pilot.press("down")
        await settle(pilot)
        assert app.store.revision > revision
        assert all(s._drawn[0] < app.store.revision for s in built.values())  # built before the answers
        for mode, key in zip(MODES, "raw"):
            await pilot.press(key)
            await pilot.pause()
            assert app.screen is built[mode], "the visit shows the screen built in the background"
            assert app.screen._drawn == app.screen._state()
            seen[mode] = view(app.screen)
        assert any(seen[m] != before[m] for m in MODES), "the answers changed what these screens show"
        return app.store.current_scope

    scope = drive(app, script)
    # the same file opened afresh, each screen built on its visit: the pre-built ones showed the same
    fresh = make_app(demo_file)
    fresh.prebuild = False

    async def again(pilot):
        assert fresh.store.current_scope == scope
        for mode, key in zip(MODES, "raw"):
            await pilot.press(key)
            await pilot.pause()
            assert view(fresh.screen) == seen[mode], mode
        assert fresh.prebuilt is None

    drive(fresh, again)
