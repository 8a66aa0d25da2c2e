"""Issue 10.8 with a real `kill -9`: a TUI process is killed the instant its screen starts to show an answer
just given; the answer is in the file afterwards."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from maturity.snapshot import load_snapshot

DEMO = Path(__file__).resolve().parents[2] / "assessments" / "demo.toml"

SCRIPT = textwrap.dedent('''
    import asyncio, os, signal, sys
    from pathlib import Path
    from maturity.tui.app import build_app

    path = Path(sys.argv[1])
    app = build_app(path)

    async def main():
        async with app.run_test(size=(140, 45)) as pilot:
            await pilot.press("s")
            await pilot.pause()
            scope, cid = app.store.current_scope, app.store.current_criterion
            old = app.store.assessment.answer_for(scope, cid)
            key = "3" if old is not None and old.answer == "met" else "1"
            print(scope, cid, key, flush=True)
            screen = app.screen
            original = screen.refresh_view

            def die_when_shown():
                os.kill(os.getpid(), signal.SIGKILL)  # the screen starts to show the answer: kill -9 now
                original()

            screen.refresh_view = die_when_shown
            await pilot.press(key)
            await pilot.pause()
            print("not killed", flush=True)

    asyncio.run(main())
''')


def test_an_answer_survives_kill_9_the_moment_it_is_shown(tmp_path):
    f = tmp_path / "client.toml"
    shutil.copyfile(DEMO, f)
    p = subprocess.run([sys.executable, "-c", SCRIPT, str(f)], capture_output=True, text=True, timeout=120,
                       cwd=tmp_path)
    assert p.returncode == -signal.SIGKILL, (p.returncode, p.stdout, p.stderr[-2000:])
    scope, cid, key = p.stdout.split()[:3]
    assert "not killed" not in p.stdout
    want = {"1": "met", "3": "partly"}[key]
    ans = load_snapshot(f).answer_for(scope, cid)
    assert ans is not None and ans.answer == want, f"{scope}.{cid}: {ans}"
