"""Figures for `maturity portfolio` and `maturity history` at 1k and 10k snapshots (100k with --big).

    .venv/bin/python bench/portfolio.py [--sizes 1000,10000] [--big] [--dir /tmp/maturity-bench]

For each size: writes a synthetic portfolio (bench/portfolio_data.py, deterministic), then measures, each in a fresh
process: the first build of the store, an update after one changed file, and `maturity history` over every file.
Wall time and peak memory (the largest process's maximum resident set: the command or one of its scoring workers)
are printed beside the goals (100k: build < 2 min and < 1 GB; update < 2 s; history memory flat).
"""

from __future__ import annotations

import argparse
import os
import resource  # noqa: F401 (used in the child)
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

RUN = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
       "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE); "
       "dt = time.perf_counter() - t; "
       "print(r.returncode, dt, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); "
       "sys.stderr.write(r.stderr.decode()[-400:] if r.returncode else '')")
MATURITY = [sys.executable, "-m", "maturity.cli"]


def measure(*args) -> tuple[float, float]:
    """(seconds, peak MB) of one command run in a fresh process."""
    p = subprocess.run([sys.executable, "-c", RUN, *MATURITY, *map(str, args)], capture_output=True, text=True)
    code, secs, kb = p.stdout.split()
    if code != "0":
        raise SystemExit(f"{' '.join(map(str, args))} failed: {p.stderr}")
    return float(secs), int(kb) / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--big", action="store_true", help="also 100,000 snapshots (about 1.7 GB of files; minutes)")
    ap.add_argument("--dir", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "maturity-bench")
    ap.add_argument("--no-history", action="store_true")
    args = ap.parse_args()
    from portfolio_data import write_portfolio

    sizes = [int(x) for x in args.sizes.split(",")] + ([100_000] if args.big else [])
    print(f"{'snapshots':>10} {'step':<26} {'seconds':>8} {'peak MB':>8}  goal (at 100k)")
    for n in sizes:
        folder = args.dir / f"pf-{n}"
        if not folder.exists() or sum(1 for _ in folder.rglob("*.toml")) != n:
            shutil.rmtree(folder, ignore_errors=True)
            t = time.perf_counter()
            write_portfolio(folder, n)
            print(f"{n:>10,} {'generate':<26} {time.perf_counter() - t:>8.1f} {'':>8}")
        store = folder / ".maturity-portfolio.duckdb"
        store.unlink(missing_ok=True)
        s, mb = measure("portfolio", folder, "-f", "json")
        print(f"{n:>10,} {'portfolio: first build':<26} {s:>8.1f} {mb:>8.0f}  < 120 s, < 1024 MB", flush=True)
        s, mb = measure("portfolio", folder, "-f", "json")
        print(f"{n:>10,} {'portfolio: nothing changed':<26} {s:>8.2f} {mb:>8.0f}", flush=True)
        one = sorted(folder.rglob("*.toml"))[n // 2]
        one.write_text(one.read_text(encoding="utf-8").replace('answer = "met"', 'answer = "partly"', 1),
                       encoding="utf-8")
        s, mb = measure("portfolio", folder, "-f", "json")
        print(f"{n:>10,} {'portfolio: 1 file changed':<26} {s:>8.2f} {mb:>8.0f}  < 2 s", flush=True)
        if not args.no_history:
            s, mb = measure("history", *sorted(p for p in folder.iterdir() if p.is_dir()), "-f", "json")
            print(f"{n:>10,} {'history (streamed)':<26} {s:>8.1f} {mb:>8.0f}  flat in n", flush=True)


if __name__ == "__main__":
    main()
