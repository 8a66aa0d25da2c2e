"""SVG snapshots of every screen (en, some zh, one light), on the fixed catalogue and a fixed snapshot.

Our own small check (``assert_snapshot`` in conftest): ``App.export_screenshot()`` with the generated
ids normalised, compared byte for byte with tests/tui/snapshots/*.svg. Why not pytest-textual-snapshot:
see docs/tui.md. Update after an intended change with ``MATURITY_UPDATE_SNAPSHOTS=1``, then look at
the files (any browser shows them) before committing.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from maturity.snapshot import load_snapshot, save_snapshot
from maturity.tui.state import set_answer

from .conftest import assert_snapshot, drive, normalise_svg, settle


def capped(a):
    """care.tickets meets everything up to digital, but sales.leads is not digital: capped at online."""
    for cid in ("in_system", "daily_use", "complete", "reviewed"):
        a = set_answer(a, "care.tickets", cid, "met")
    return a


def shoot(make_app, path, catalogue, keys=(), lang=None, theme=None, before=None, scope=None, prepare=None):
    """The screen after ``keys``, opened by a path relative to the snapshot's folder.

    Nothing on screen may depend on the machine: a screen that shows the file's absolute path (the help
    does) would wrap and scroll differently with every temporary folder's length, and replacing the text
    in the SVG afterwards does not put back its measured width. So the app never sees that folder, and
    the SVG is checked not to hold it.
    """
    if prepare is not None:
        save_snapshot(prepare(load_snapshot(path)), path)
    here = os.getcwd()
    os.chdir(path.parent)
    try:
        return _shoot(make_app, path, catalogue, keys, lang, theme, before, scope)
    finally:
        os.chdir(here)


def _shoot(make_app, path, catalogue, keys, lang, theme, before, scope):
    app = make_app(Path(path.name), catalogue, lang=lang)
    if scope:
        app.store.current_scope = scope

    async def script(pilot):
        if theme:
            app.theme = theme
        for key in keys:
            await pilot.press(key)
        if before:
            await before(pilot)
        await settle(pilot)
        for widget in app.screen.query("Input, TextArea"):
            widget.cursor_blink = False
        await pilot.pause()
        return app.export_screenshot()

    svg = drive(app, script)
    assert str(path.parent) not in svg and str(path.parent).replace(" ", "&#160;") not in svg
    return normalise_svg(svg)


SCREENS = [
    ("overview", (), None, None, None, None),
    ("overview_zh", (), "zh", None, None, None),
    ("overview_light", (), None, "textual-light", None, None),
    ("scope", ("s", "down"), None, None, "sales.leads", None),
    ("scope_zh", ("s", "down"), "zh", None, "sales.leads", None),
    ("scope_capped", ("s",), None, None, "care.tickets", capped),
    ("workshop", ("w",), None, None, "sales.leads", None),
    ("workshop_zh", ("w",), "zh", None, "sales.leads", None),
    ("roadmap", ("r",), None, None, None, None),
    ("graph", ("g",), None, None, "sales.leads", None),
    ("advice", ("a",), None, None, None, None),
    ("advice_zh", ("a",), "zh", None, None, None),
    ("profile", ("p", "down", "down", "down", "down"), None, None, None, None),
    ("profile_team_zh", ("p",) + ("down",) * 8, "zh", None, None, None),
    ("help", ("question_mark",), None, None, None, None),
    ("note_dialog", ("s", "n"), None, None, "sales.leads", None),
]


@pytest.mark.parametrize("name,keys,lang,theme,scope,prepare", SCREENS, ids=[s[0] for s in SCREENS])
def test_screen_looks_the_same(name, keys, lang, theme, scope, prepare, snapshot_file, catalogue, make_app):
    assert_snapshot(shoot(make_app, snapshot_file, catalogue, keys, lang, theme, scope=scope, prepare=prepare), name)


def test_new_assessment_form_looks_the_same(tmp_path, monkeypatch, catalogue, make_app):
    # A relative path: the screen must not hold the machine's temporary folder, whose length varies.
    monkeypatch.chdir(tmp_path)
    app = make_app(Path("new.toml"), catalogue, new=True)

    async def script(pilot):
        await pilot.press(*"Acme 华东")
        for widget in app.screen.query("Input"):
            widget.cursor_blink = False
        await pilot.pause()
        return app.export_screenshot()

    svg = drive(app, script)
    assert str(tmp_path) not in svg
    assert_snapshot(normalise_svg(svg), "new_form")


INNER = "MATURITY_SNAPSHOT_INNER_RUN"


@pytest.mark.skipif(os.environ.get(INNER) == "1", reason="already the inner run")
def test_snapshots_do_not_depend_on_the_temporary_folder(tmp_path):
    """Every snapshot above passes again with a --basetemp of a very different length from this run's.

    Issue 10: a screen holding pytest's temporary path passed only when the folder's name had the length
    it had when the snapshot was recorded. This runs this file again in a fresh pytest (~20 s) whose
    temporary folder is much shorter, or much longer, than the one this run uses.
    """
    if len(str(tmp_path)) > 20:
        base = Path(f"/tmp/m{os.getpid() % 1000}")  # short, and not shared with a parallel run
    else:
        base = tmp_path / ("a-much-longer-base-temp-folder-" + "x" * 40)
    env = dict(os.environ, **{INNER: "1"})
    env.pop("MATURITY_UPDATE_SNAPSHOTS", None)
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", f"--basetemp={base}",
                          __file__], capture_output=True, text=True, env=env,
                         cwd=Path(__file__).parents[2], timeout=600)
    assert run.returncode == 0, f"with --basetemp={base}:\n{run.stdout[-4000:]}\n{run.stderr[-2000:]}"
    assert " passed" in run.stdout and "failed" not in run.stdout
