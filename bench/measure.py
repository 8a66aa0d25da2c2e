"""Benchmark `maturity measure`: the demo exports end to end, then call logs of 100,000 and 1,000,000 rows
measured by the telesales probes. Each run is the real command in its own process: wall time and peak memory
(max RSS, DuckDB included) are the whole command's, start-up and snapshot save included.

Goal: the 1,000,000-row call log in < 5 s and < 500 MB on this machine, and linear growth (time per row at
100k and 1M).   Run: .venv/bin/python bench/measure.py [--keep DIR]
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SNAP = 'schema_version = 1\n[meta]\nclient = "Bench"\ndomains = ["crm", "service", "telesales"]\n'


def _gen():
    spec = importlib.util.spec_from_file_location("demo_data", HERE / "demo_data.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def timed(args: list[str]) -> tuple[float, float, int]:
    """Wall seconds, peak RSS in MB, exit code of one `maturity` run."""
    start = time.perf_counter()
    p = subprocess.Popen([sys.executable, "-m", "maturity.cli", *args], stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE)
    _, status, usage = os.wait4(p.pid, 0)
    took = time.perf_counter() - start
    err = p.stderr.read().decode("utf-8", "replace")
    code = os.waitstatus_to_exitcode(status)
    if code:
        print(err, file=sys.stderr)
    return took, usage.ru_maxrss / 1024, code


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--keep", help="write the data here instead of a temporary folder")
    a = ap.parse_args(argv)
    gen = _gen()
    with tempfile.TemporaryDirectory(prefix="maturity-bench-") as tmp:
        root = Path(a.keep or tmp)
        snap = root / "bench.toml"
        root.mkdir(parents=True, exist_ok=True)
        demo = root / "demo"
        t0 = time.perf_counter()
        sizes = gen.generate(demo, calls=200_000, scale=1.0, seed=7)
        print(f"demo exports generated in {time.perf_counter() - t0:.1f} s: "
              + ", ".join(f"{k} {v:,}" for k, v in sizes.items()))
        snap.write_text(SNAP, encoding="utf-8")
        took, mb, code = timed(["measure", str(snap), str(demo)])
        print(f"demo exports ({sum(sizes.values()):,} rows, 10 files) measured end to end: {took:.2f} s, "
              f"peak {mb:.0f} MB (exit {code})")
        per_row = {}
        for n in (100_000, 1_000_000):
            folder = root / f"calls-{n}"
            folder.mkdir(exist_ok=True)
            import random

            rnd = random.Random(3)
            gen.write_csv(folder / "calls.csv", ["通话编号", "坐席", "开始时间", "通话时长", "是否接通", "通话结果", "线索编号",
                                                 "外呼方式", "客户号码"],
                          gen.calls_rows(rnd, n, [f"坐席{i:03d}" for i in range(200)],
                                         [f"L{i:06d}" for i in range(50_000)]))
            snap.write_text(SNAP, encoding="utf-8")
            took, mb, code = timed(["measure", str(snap), str(folder / "calls.csv")])
            per_row[n] = took / n
            size = (folder / "calls.csv").stat().st_size / 1e6
            print(f"call log {n:>9,} rows ({size:.0f} MB CSV), telesales probes: {took:.2f} s, peak {mb:.0f} MB, "
                  f"{took / n * 1e6:.2f} µs/row (exit {code})")
        baseline = timed(["--help"])
        print(f"`maturity --help` for comparison: {baseline[0]:.2f} s, peak {baseline[1]:.0f} MB")
        ratio = per_row[1_000_000] / per_row[100_000]
        print(f"time per row, 1M vs 100k: ×{ratio:.2f} (≤ 1 means linear or better: fixed start-up costs amortised)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
