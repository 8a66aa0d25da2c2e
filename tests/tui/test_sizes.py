"""Issue 10, point 2: every screen works at every terminal size down to 40×12 — it never freezes.

A screen that asks to be drawn again on every frame ignores every key, ``q`` included; here each
screen is opened at several sizes, keys are pressed, and the app must still switch screens and quit,
within a time limit (a frozen app would hang the test instead of failing it).
"""

from __future__ import annotations

import asyncio
import signal

import pytest

from .conftest import settle

SIZES = [(40, 12), (60, 20), (68, 24), (100, 30)]
MODES = {"overview": "o", "scope": "s", "workshop": "w", "roadmap": "r", "graph": "g", "advice": "a", "profile": "p"}
KEYS = {"overview": ("down", "up"), "scope": ("down", "1", "up", "right_square_bracket"),
        "workshop": ("down", "right", "2", "left_square_bracket"), "roadmap": ("down", "up"),
        "graph": ("down", "enter"), "advice": ("down", "up"), "profile": ("down", "up")}
LIMIT = 30.0


class Frozen(KeyboardInterrupt):
    """Raised by the alarm: a frozen app never yields to asyncio, so only a signal can stop it (and only a
    KeyboardInterrupt gets through asyncio's and Textual's handlers)."""


def run_at(app, size, script):
    async def main():
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await script(pilot)

    def alarm(*_):
        raise Frozen

    old = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, LIMIT)
    try:
        asyncio.run(main())
    except Frozen:
        pytest.fail(f"the app froze at {size[0]}×{size[1]} (no answer within {LIMIT:.0f} s)")
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_every_screen_answers_keys_at_every_size(size, snapshot_file, catalogue, make_app):
    app = make_app(snapshot_file, catalogue)
    app.store.current_scope = "sales.leads"
    seen = []

    async def script(pilot):
        for mode, key in MODES.items():
            await pilot.press(key)
            await settle(pilot)
            assert app.current_mode == mode, (size, mode)
            for k in KEYS[mode]:
                await pilot.press(k)
            await settle(pilot)
            seen.append(mode)
            # the screen is drawn, and the next key still reaches it
            assert app.screen.is_mounted
        await pilot.press("question_mark")
        await settle(pilot)
        await pilot.press("escape")
        await pilot.press("q")
        await pilot.pause()

    run_at(app, size, script)
    assert seen == list(MODES)
    assert app.return_code == 0


@pytest.mark.parametrize("mode", list(MODES))
@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_q_quits_each_screen_at_each_size(size, mode, snapshot_file, catalogue, make_app):
    """A screen that redraws forever never handles ``q``: opened straight, then ``q`` must end the app."""
    app = make_app(snapshot_file, catalogue)
    app.store.current_scope = "sales.leads"

    async def script(pilot):
        await pilot.press(MODES[mode])
        await pilot.pause()
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()

    run_at(app, size, script)
    assert app.return_code == 0
