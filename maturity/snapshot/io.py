"""Reading and writing snapshot files."""

from __future__ import annotations

from pathlib import Path

import tomli_w
from pydantic import ValidationError

from ..atomic import write_atomic
from ..errors import Problem, SnapshotError, pydantic_problems
from ..model.assessment import Assessment
from ..tomlio import read_toml
from .migrations import migrate

KEY_ORDER = ("schema_version", "meta", "plugins", "profile", "team", "targets", "participants", "tracked", "answers", "measured")


BOM = b"\xef\xbb\xbf"


class _WithoutBom:
    """A file read without the UTF-8 byte order mark some editors (Notepad) put at its start."""

    def __init__(self, path: Path):
        self.path = path

    def read_bytes(self) -> bytes:
        raw = self.path.read_bytes()
        return raw[len(BOM):] if raw.startswith(BOM) else raw


def load_snapshot(path) -> Assessment:
    """Read, migrate and validate a snapshot; every problem is reported at once in a SnapshotError.
    A UTF-8 byte order mark at the start is read past."""
    path = Path(path)
    data, problem = read_toml(path if path.is_dir() else _WithoutBom(path), str(path))
    if problem:
        raise SnapshotError(problem)
    return loads_data(data, str(path))


def loads(text: str, file: str = "<snapshot>") -> Assessment:
    import tomllib

    text = text.removeprefix("\ufeff")
    try:
        data = tomllib.loads(text)
    except Exception as exc:
        raise SnapshotError(Problem(file, "", f"is not valid TOML ({exc})", "fix the TOML syntax")) from None
    return loads_data(data, file)


def loads_data(data: dict, file: str) -> Assessment:
    data, problems = migrate(data, file)
    if problems:
        raise SnapshotError(problems)
    try:
        return Assessment.model_validate(data)
    except ValidationError as exc:
        raise SnapshotError(pydantic_problems(exc, file, data)) from None


def to_data(a: Assessment) -> dict:
    """The snapshot as plain data in a stable, readable order, without empty defaults."""
    raw = a.model_dump(mode="json", exclude_none=True)
    answers = {}
    for sid in sorted(raw["answers"]):
        crits = {}
        for cid in sorted(raw["answers"][sid]):
            ans = {k: v for k, v in raw["answers"][sid][cid].items() if v not in ("", {}, None)}
            crits[cid] = ans
        if crits:
            answers[sid] = crits
    raw["answers"] = answers
    raw["meta"] = {k: v for k, v in raw["meta"].items() if v not in ("", [], None)}
    raw["meta"]["date"] = a.meta.date  # a real TOML date, not a string
    if a.measured is not None:  # real TOML dates, not strings
        raw["measured"] = a.measured.model_dump(mode="python", exclude_none=True)
    out = {k: raw[k] for k in KEY_ORDER if raw.get(k) not in ({}, [], None)}
    out["schema_version"] = raw["schema_version"]
    return {k: out[k] for k in KEY_ORDER if k in out}


def _has_carriage_return(value) -> bool:
    if isinstance(value, str):
        return "\r" in value
    if isinstance(value, dict):
        return any(_has_carriage_return(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return any(_has_carriage_return(v) for v in value)
    return False


def dumps(a: Assessment) -> str:
    """Multi-line notes read best as TOML multi-line strings, but those normalise a typed \\r\\n to \\n: a
    snapshot holding a carriage return is written with escaped one-line strings, so text stays byte for byte."""
    header = "# A maturity assessment snapshot. Schema: docs/snapshot.md (`maturity schema` prints it).\n"
    data = to_data(a)
    return header + tomli_w.dumps(data, multiline_strings=not _has_carriage_return(data))


def save_snapshot(a: Assessment, path) -> bytes:
    """Write atomically (see ``maturity.atomic.write_atomic``: through a symlink to its target, never over a
    read-only file, in place for a hard-linked one); returns the bytes written."""
    data = dumps(a).encode("utf-8")
    write_atomic(path, data, SnapshotError)
    return data
