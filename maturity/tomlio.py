"""Reading TOML files so that every failure becomes one clear problem, never a traceback."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from .errors import Problem


def read_toml(path, display: str | None = None) -> tuple[dict | None, Problem | None]:
    """Read and parse a TOML file (a Path or an importlib Traversable); return (data, problem)."""
    name = display or str(path)
    try:
        if isinstance(path, Path) and path.is_dir():
            return None, Problem(name, "", "is a folder, not a TOML file", "give the path of a .toml file")
        raw = path.read_bytes()
    except FileNotFoundError:
        return None, Problem(name, "", "no such file", "check the path")
    except IsADirectoryError:
        return None, Problem(name, "", "is a folder, not a TOML file", "give the path of a .toml file")
    except PermissionError:
        return None, Problem(name, "", "cannot be read (permission denied)", "check the file's permissions")
    except OSError as exc:
        return None, Problem(name, "", f"cannot be read ({exc.strerror or exc})", "check the path")
    if not raw.strip():
        return None, Problem(name, "", "is empty", "write its content, or start from an example")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, Problem(name, f"byte {exc.start}", "is not UTF-8 text", "save the file as UTF-8")
    try:
        return tomllib.loads(text), None
    except Exception as exc:  # tomllib raises more than TOMLDecodeError on odd input
        return None, Problem(name, _position(str(exc)), f"is not valid TOML ({_reason(str(exc))})",
                             "fix the TOML syntax at that place")


def _position(msg: str) -> str:
    m = re.search(r"line (\d+), column (\d+)", msg)
    return f"line {m.group(1)}, column {m.group(2)}" if m else ""


def _reason(msg: str) -> str:
    return re.sub(r"\s*\(at line \d+, column \d+\)|\s*\(at end of document\)", "", msg).strip() or "syntax error"
