"""A broken file found in a history folder is skipped with a warning; a named one still fails."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

HISTORY = Path(__file__).resolve().parents[2] / "assessments" / "history"


def run(*args):
    return subprocess.run([sys.executable, "-m", "maturity.cli", *map(str, args)], capture_output=True, text=True)


def test_broken_file_in_folder_is_skipped_with_a_warning(tmp_path):
    for f in HISTORY.glob("*.toml"):
        shutil.copy(f, tmp_path)
    bad = tmp_path / "zz-broken.toml"
    bad.write_text("garbage = [\n", encoding="utf-8")
    p = run("history", tmp_path, "-f", "json")
    assert p.returncode == 0
    assert [x for x in p.stderr.splitlines() if x.strip()] == [x for x in p.stderr.splitlines() if "skipped" in x]
    assert "zz-broken.toml" in p.stderr and "Traceback" not in p.stderr
    named = run("history", *sorted(HISTORY.glob("*.toml")), bad)
    assert named.returncode == 2 and "zz-broken.toml" in named.stderr
