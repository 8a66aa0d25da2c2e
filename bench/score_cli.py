"""Benchmark: `maturity score FILE -f json` against parsing the same file with tomllib, side by side.

Each is a fresh process (what a user waits for), run --runs times; the medians are printed with their ratio.
The content cache is measured warm (the usual case) and cold (a fresh cache folder, as after a content change).
Goals (issue 12, part 5): score < 150 ms and <= 4x the tomllib floor.
Run: .venv/bin/python bench/score_cli.py [--runs 9] [FILE]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(cmd: list[str], env: dict | None = None) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=env)
    return (time.perf_counter() - t0) * 1000


def median(cmd: list[str], runs: int, env: dict | None = None, fresh_cache: bool = False) -> float:
    times = []
    for _ in range(runs):
        if fresh_cache:
            with tempfile.TemporaryDirectory() as d:
                times.append(run(cmd, {**(env or os.environ), "MATURITY_CACHE_DIR": d}))
        else:
            times.append(run(cmd, env))
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file", nargs="?", default=str(ROOT / "assessments" / "demo.toml"))
    ap.add_argument("--runs", type=int, default=9)
    args = ap.parse_args()
    py = sys.executable
    maturity = [py, "-m", "maturity.cli"]
    exe = Path(py).with_name("maturity")
    if exe.exists():
        maturity = [str(exe)]
    floor_cmd = [py, "-c", f"import tomllib; tomllib.load(open({args.file!r}, 'rb'))"]
    score_cmd = [*maturity, "score", args.file, "-f", "json"]
    run(score_cmd)  # warm the content cache and the .pyc files
    bare = median([py, "-c", "pass"], args.runs)
    floor = median(floor_cmd, args.runs)
    warm = median(score_cmd, args.runs)
    cold = median(score_cmd, max(3, args.runs // 3), fresh_cache=True)
    print(f"file: {args.file}  ({args.runs} runs each, medians; a fresh process each run)")
    print(f"python -c pass:                       {bare:7.0f} ms")
    print(f"tomllib.load (the floor):             {floor:7.0f} ms")
    print(f"maturity score -f json (warm cache):  {warm:7.0f} ms   {warm / floor:5.1f}x the floor  "
          f"(goals: < 150 ms, <= 4x)")
    print(f"maturity score -f json (cold cache):  {cold:7.0f} ms   {cold / floor:5.1f}x the floor")


if __name__ == "__main__":
    main()
