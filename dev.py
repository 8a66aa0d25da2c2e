#!/usr/bin/env python3
"""Set up and run maturity from a clone with nothing but Python 3.11: the README's two commands.

    python3 dev.py demo     open the demo assessment in the TUI
    python3 dev.py test     run every test, core and plugins

The first run makes .venv/ and installs the core and the three plugins into it (editable);
later runs skip that while a stamp says nothing changed (a hash of every pyproject.toml and the
Python version). Any other arguments are passed on: `python3 dev.py maturity score FILE`.
Standard library only, on purpose: it must run before anything is installed.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
PLUGINS = ("crm", "service", "telesales")
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")


def stamp() -> str:
    h = hashlib.sha256(sys.version.encode())
    for p in sorted([ROOT / "pyproject.toml", *(ROOT / "plugins" / n / "pyproject.toml" for n in PLUGINS)]):
        h.update(p.read_bytes())
    return h.hexdigest()


def ensure_env() -> None:
    stamp_file = VENV / ".stamp"
    want = stamp()
    if stamp_file.exists() and stamp_file.read_text() == want and (BIN / "maturity").exists():
        return
    if sys.version_info < (3, 11):
        sys.exit(f"dev.py: maturity needs Python 3.11 or newer (this is {sys.version.split()[0]})")
    print("dev.py: setting up .venv (first run, about a minute)…", file=sys.stderr)
    if not (BIN / "python").exists():
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    cmd = [str(BIN / "python"), "-m", "pip", "install", "--disable-pip-version-check", "-q",
           "-e", f"{ROOT}[test]"]
    for name in PLUGINS:
        cmd += ["-e", str(ROOT / "plugins" / name)]
    if subprocess.call(cmd) != 0:
        sys.exit("dev.py: installing the packages failed (see pip's message above); check the network, then run again")
    stamp_file.write_text(want)


def main(argv: list[str]) -> int:
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__)
        return 0
    ensure_env()
    what, rest = argv[0], argv[1:]
    if what == "demo":
        cmd = [str(BIN / "maturity"), "demo", *rest]
    elif what == "test":
        cmd = [str(BIN / "python"), "-m", "pytest", *rest]
    elif what == "maturity":
        cmd = [str(BIN / "maturity"), *rest]
    else:
        cmd = [str(BIN / what), *rest] if (BIN / what).exists() else [str(BIN / "python"), *argv]
    os.chdir(ROOT)
    if os.name == "nt":
        return subprocess.call(cmd)
    os.execv(cmd[0], cmd)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
