"""Errors and problems. Every problem names the file, the place and the fix, on one line."""

from __future__ import annotations

import re
from dataclasses import dataclass

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
"""Characters a terminal acts on instead of showing: C0 (but tab and newline), DEL, C1, and the bidi and line
separators that reorder or break a line."""
_CONTROL_ANY = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
CUT = 80
"""How many characters of a bad value an error line echoes before it is cut with "…"."""


def _code(m: re.Match) -> str:
    c = ord(m.group())
    return f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}"


def visible(text, one_line: bool = False) -> str:
    """User text made safe for a terminal or Markdown: every control character shown as its escape (``\\x1b``,
    ``\\x9b``, ``\\u202e``), so an escape sequence is printed as text and never acted on. Tab and newline are kept,
    unless ``one_line`` (then they are shown as ``\\x09`` and ``\\x0a`` too)."""
    return (_CONTROL_ANY if one_line else _CONTROL).sub(_code, str(text))


_SGR = re.compile(r"(\x1b\[[0-9;]*m)")
_JSON_RAW = re.compile("[\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def visible_keeping_colour(text: str) -> str:
    """Like :func:`visible`, but the colour sequences (``ESC [ … m``) a terminal library writes are kept."""
    if not _CONTROL.search(text):
        return text
    parts = _SGR.split(text)
    return "".join(p if i % 2 else visible(p) for i, p in enumerate(parts))


def json_safe(text: str) -> str:
    """JSON text with the control characters ``json.dumps`` leaves raw (DEL, C1, bidi) written as ``\\uXXXX``:
    the same JSON value, nothing a terminal would obey."""
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def cut(text, limit: int = CUT) -> str:
    """A value as an error line echoes it: at most ``limit`` characters, then "…"."""
    text = str(text)
    return text if len(text) <= limit else text[:limit] + "…"


def shown(value, limit: int = CUT) -> str:
    """A bad value quoted in an error line: its repr (control characters escaped), cut to ``limit``."""
    return cut(repr(value), limit)


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding about an input: where it is, what is wrong, how to fix it."""

    file: str
    where: str
    what: str
    fix: str = ""
    severity: str = "error"  # "error" | "warning"

    def line(self) -> str:
        """One line for a person: control characters shown as escapes, a place or message of runaway length cut."""
        where, what, fix = (cut(x, 300) for x in (self.where, self.what, self.fix))
        place = f"{self.file}: {where}" if where else self.file
        fix = f" — {fix}" if fix else ""
        return visible(f"{place}: {what}{fix}" if place else f"{what}{fix}", one_line=True)

    def __str__(self) -> str:
        return self.line()


class MaturityError(Exception):
    """Base of every error the product reports to a person (never shown as a traceback)."""

    def __init__(self, problems: "list[Problem] | Problem | str"):
        if isinstance(problems, str):
            problems = [Problem("", "", problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems = list(problems)
        super().__init__("\n".join(p.line() for p in self.problems))


class SnapshotError(MaturityError):
    """A snapshot cannot be read or written."""


class ContentError(MaturityError):
    """Plugin content is invalid."""


class UsageError(MaturityError):
    """The command was used wrongly."""


def pydantic_problems(exc, file: str, data=None, prefix: str = "") -> list[Problem]:
    """Turn a pydantic ValidationError into problems with readable keys and fixes."""
    out = []
    for err in exc.errors(include_url=False):
        where = _loc_to_key(err["loc"], data, prefix)
        out.append(Problem(file, where, *_message_and_fix(err)))
    return out


def _loc_to_key(loc, data, prefix: str) -> str:
    parts: list[str] = [prefix] if prefix else []
    node = data
    for item in loc:
        if isinstance(item, int):
            label = str(item)
            if isinstance(node, list) and item < len(node):
                node = node[item]
                if isinstance(node, dict) and isinstance(node.get("id"), str):
                    label = f'id="{node["id"]}"'
            else:
                node = None
            parts[-1:] = [f"{parts[-1]}[{label}]"] if parts else [f"[{label}]"]
        else:
            key = str(item)
            if key == "[key]" or key.startswith(("function-", "literal[", "constrained-")):
                continue  # "[key]": the error is about the key just named, not a key called [key]
            node = node.get(key) if isinstance(node, dict) else None
            parts.append(_quote_key(cut(key)))
    return ".".join(parts)


def _quote_key(key: str) -> str:
    import re

    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else f'"{key}"'


def _message_and_fix(err) -> tuple[str, str]:
    kind = err["type"]
    ctx = err.get("ctx") or {}
    if kind == "missing":
        return "is missing", "add this key"
    if kind == "extra_forbidden":
        return "is not a known key", "remove it or check its spelling"
    if kind == "literal_error":
        return f"has {shown(err.get('input'))}, which is not allowed", f"use one of {ctx.get('expected', '')}"
    if kind == "string_pattern_mismatch":
        return f"has {shown(err.get('input'))}, which is not a valid id", "use lower-case letters, digits and _ (e.g. crm.leads)"
    if kind in ("string_too_short",):
        return "is empty", "write the text"
    if kind in ("string_type", "int_type", "float_type", "bool_type", "dict_type", "list_type", "tuple_type", "model_type", "date_type", "int_parsing", "float_parsing", "date_from_datetime_parsing", "date_parsing"):
        return f"has the wrong type ({err['msg'].lower()})", "give a value of the expected type"
    return cut(err["msg"]), "correct the value"
