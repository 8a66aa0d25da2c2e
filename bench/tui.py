"""TUI timings on the demo: start to the first full screen, screen switches, answer key to the refreshed screen
and to the file on disk.

    .venv/bin/python bench/tui.py [--rounds 40] [--file assessments/demo.toml]

Goals: first full screen under 1 s, answer key to refreshed screen under 50 ms (medians; the p95 is
printed too — on a shared 2-core machine it moves with whatever else runs).

How it is measured (headless, on a working copy of the demo — the demo itself is never changed):
- *start*: a fresh Python process imports the TUI, loads the plugins and the snapshot, scores it,
  composes the overview and renders one full frame (every cell of a 140×45 terminal turned into
  terminal output); the time runs from the process's first line to that frame, and separately from
  the interpreter's start (``python -X importtime``-free: wall clock around the subprocess).
- *answer key*: on the scope screen, a key event is sent to the app as a terminal would send it;
  the clock stops when the change is applied (rescored with ``analyse``, the screen redrawn), the
  layout refreshed and a full frame rendered to terminal output. Saving runs in a worker thread and
  is measured on its own. No Pilot sleeps are included.
- *answer key → on disk*: the same keys; the clock stops when the store has written the answer's revision
  (``saved_revision``). The save runs before the redraw (issue 10.8), so this is shorter than the repaint.
- *screen switch*: the screen's key (o s w r g a p) sent as a terminal would, until the new screen is drawn
  from the store and a full frame rendered; the first visit to each screen and later switches are reported
  separately, per screen. Goal: median < 150 ms. As a consultant would, the bench starts once the app has built
  the other screens in the background after the first frame (its duration is printed), so a first visit shows a
  screen built but never yet laid out, styled at its size or drawn on the terminal. Answer keys are measured after
  that too.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SIZE = (140, 45)

CHILD = r"""
import time, sys, asyncio
t0 = time.perf_counter()
from pathlib import Path
from maturity.tui.app import build_app
t_import = time.perf_counter()
app = build_app(Path(sys.argv[1]))
t_built = time.perf_counter()

async def main():
    async with app.run_test(size=(140, 45)) as pilot:
        deadline = time.perf_counter() + 10
        while type(app.screen).__name__ != "OverviewScreen" or not app.screen._drawn:
            if time.perf_counter() > deadline:
                raise SystemExit("the overview never appeared")
            await asyncio.sleep(0.001)
        await pilot._wait_for_screen()
        app.screen._on_timer_update()
        update = app.screen._compositor.render_update(full=True)
        update.render_segments(app.console)
        t_frame = time.perf_counter()
        print(f"{t_import - t0:.4f} {t_built - t0:.4f} {t_frame - t0:.4f}")
        app.exit()

asyncio.run(main())
"""


def start_times(path: Path, runs: int) -> list[tuple[float, float, float, float]]:
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        proc = subprocess.run([sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True, cwd=ROOT)
        wall = time.perf_counter() - t
        if proc.returncode:
            raise SystemExit(f"bench/tui.py: the start run failed:\n{proc.stderr[-2000:]}")
        imp, built, frame = map(float, proc.stdout.split()[-3:])
        out.append((imp, built, frame, wall))
    return out


async def key_latency(path: Path, rounds: int) -> tuple[list[float], list[float]]:
    from textual import events

    from maturity.tui.app import build_app
    from maturity.tui.widgets.criteria import CriteriaList

    app = build_app(path)
    app.freeze_gc = True  # as run() does
    times: list[float] = []
    saves: list[float] = []
    disk: list[float] = []
    async with app.run_test(size=SIZE) as pilot:
        await prebuilt(app)
        await pilot.press("s")
        await pilot.pause()
        screen = app.screen
        crit_list = screen.query_one(CriteriaList)
        crit_list.focus()
        crit_list.highlight_first()
        await pilot.pause()
        for i in range(rounds):
            if crit_list.highlighted_id is None or crit_list.highlighted == len(crit_list.options) - 1:
                await pilot.press("right_square_bracket")
                await pilot.pause()
                crit_list = app.screen.query_one(CriteriaList)
                crit_list.highlight_first()
                await pilot.pause()
            rev = app.store.revision
            scope, cid = app.store.current_scope, crit_list.highlighted_id
            old = app.store.assessment.answer_for(scope, cid)
            key = "3" if old is not None and old.answer == "met" else "1"  # always a change
            t0 = time.perf_counter()
            app._driver.send_message(events.Key(key, key))
            deadline = t0 + 5
            while app.store.revision == rev:
                if time.perf_counter() > deadline:
                    raise SystemExit(f"bench/tui.py: key {key} on {scope}.{cid} changed nothing")
                await asyncio.sleep(0)
            while app.store.saved_revision < app.store.revision:
                if time.perf_counter() > deadline:
                    raise SystemExit("bench/tui.py: the answer never reached the disk")
                await asyncio.sleep(0)
            disk.append(time.perf_counter() - t0)
            await pilot._wait_for_screen()
            app.screen._on_timer_update()
            app.screen._compositor.render_update(full=True).render_segments(app.console)
            times.append(time.perf_counter() - t0)
            await app.workers.wait_for_complete()
        # the save on its own (what the worker does after each change)
        for _ in range(20):
            app.store.saved_revision = -1
            t0 = time.perf_counter()
            app.store.save()
            saves.append(time.perf_counter() - t0)
    return times, saves, disk


async def switch_times(path: Path, rounds: int) -> tuple[dict[str, float], dict[str, list[float]]]:
    """Per screen: the first visit, and later switches (from the screen before it in the round)."""
    from textual import events

    from maturity.tui.app import build_app
    from maturity.tui.widgets.chrome import NAV

    app = build_app(path)
    app.freeze_gc = True
    first: dict[str, float] = {}
    later: dict[str, list[float]] = {mode: [] for mode, _ in NAV}
    order = [(m, k) for m, k in NAV if m != "overview"] + [("overview", "o")]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        build = await prebuilt(app)
        for rnd in range(rounds + 1):
            for mode, key in order:
                t0 = time.perf_counter()
                app._driver.send_message(events.Key(key, key))
                deadline = t0 + 10
                while app.current_mode != mode or not getattr(app.screen, "_drawn", None) or \
                        app.screen._drawn != app.screen._state():
                    if time.perf_counter() > deadline:
                        raise SystemExit(f"bench/tui.py: the {mode} screen never appeared")
                    await asyncio.sleep(0)
                await pilot._wait_for_screen()
                app.screen._on_timer_update()
                app.screen._compositor.render_update(full=True).render_segments(app.console)
                took = time.perf_counter() - t0
                if mode not in first and not (mode == "overview" and rnd == 0):
                    first[mode] = took
                else:
                    later[mode].append(took)
    return first, later, build


async def prebuilt(app) -> float:
    """Wait, as a consultant reading the first screen would, until the app has built the other screens in the
    background (``MaturityApp.prebuild``); returns how long that took after the first frame (s)."""
    deadline = time.perf_counter() + 20
    while not isinstance(app.prebuilt, float):
        if time.perf_counter() > deadline:
            raise SystemExit("bench/tui.py: the screens were never built in the background")
        await asyncio.sleep(0.01)
    return app.prebuilt


def ms(x: float) -> str:
    return f"{x * 1000:.1f} ms"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rounds", type=int, default=40)
    p.add_argument("--starts", type=int, default=5)
    p.add_argument("--switches", type=int, default=5, help="rounds of visits to every screen after the first")
    p.add_argument("--file", default=str(ROOT / "assessments" / "demo.toml"))
    args = p.parse_args(argv)
    src = Path(args.file)
    if not src.is_file():
        raise SystemExit(f"bench/tui.py: {src} is not there — give a snapshot with --file")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "demo-working-copy.toml"
        shutil.copyfile(src, work)
        starts = start_times(work, args.starts)
        shutil.copyfile(src, work)
        times, saves, disk = asyncio.run(key_latency(work, args.rounds))
        shutil.copyfile(src, work)
        first, later, build = asyncio.run(switch_times(work, args.switches))
    frame = [s[2] for s in starts]
    wall = [s[3] for s in starts]
    print(f"demo: {src.name}  terminal {SIZE[0]}×{SIZE[1]}  python {sys.version.split()[0]}")
    print(f"start → first full screen: median {ms(statistics.median(frame))} (min {ms(min(frame))}, "
          f"max {ms(max(frame))}) over {len(frame)} fresh processes; goal < 1 s")
    print(f"    of which imports {ms(statistics.median(s[0] for s in starts))}, "
          f"plugins + snapshot + scoring {ms(statistics.median(s[1] - s[0] for s in starts))}; "
          f"whole process incl. interpreter start and exit {ms(statistics.median(wall))}")
    times.sort()
    p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
    print(f"answer key → refreshed screen: median {ms(statistics.median(times))}, p95 {ms(p95)}, "
          f"max {ms(max(times))} over {len(times)} answers; goal < 50 ms")
    disk.sort()
    print(f"answer key → on disk: median {ms(statistics.median(disk))}, p95 "
          f"{ms(disk[min(len(disk) - 1, int(len(disk) * 0.95))])}, max {ms(max(disk))} (saved before the repaint)")
    print(f"the save alone (atomic write with fsync): median {ms(statistics.median(saves))}")
    print(f"screen switch → drawn screen (goal: median < 150 ms); the other screens were built in the background "
          f"in {ms(build)} after the first frame:")
    all_later = []
    for mode in later:
        xs = later[mode]
        all_later += xs
        f = first.get(mode)
        print(f"    {mode:<9} first visit {ms(f) if f is not None else '(start screen)':>10}   later: median "
              f"{ms(statistics.median(xs))}, max {ms(max(xs))} over {len(xs)}")
    worst_first = max(first.values())
    print(f"    all later switches: median {ms(statistics.median(all_later))}; slowest first visit {ms(worst_first)}")
    ok = (statistics.median(frame) < 1.0 and statistics.median(times) < 0.05
          and all(statistics.median(xs) < 0.15 for xs in later.values()) and worst_first < 0.15)
    print("goals met" if ok else "GOALS NOT MET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
