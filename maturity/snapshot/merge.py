"""Two writers on one file: a three-way merge of snapshots, so neither loses an answer.

``merge(base, ours, theirs)``: ``base`` is the file as this session last read or wrote it, ``ours`` the
session's assessment, ``theirs`` the file as another writer left it. The result is ``theirs`` with every
change this session made since ``base`` applied on top, key by key: one answer's ``answer``, ``note``,
``evidence``, ``reason`` and each participant's vote are merged separately, and so are targets, profile
and team answers, meta fields, participants (by id) and tracked indicators. Where both changed the same
key differently, this session's value wins and the key is listed as a conflict — except that a value one
side removed and the other changed is kept: nothing the other writer typed is dropped.
"""

from __future__ import annotations

from ..model.assessment import Answer, Assessment

_MISSING = object()


def _data(a: Assessment | None) -> dict:
    if a is None:
        return {}
    d = a.model_dump(mode="python")
    d["participants"] = {p["id"]: p for p in d["participants"]}
    d["tracked"] = {i: True for i in d["tracked"]}
    return d


def _undata(d: dict) -> dict:
    d = dict(d)
    d["participants"] = list(d.get("participants", {}).values())
    d["tracked"] = list(d.get("tracked", {}))
    return d


def _merge(b, o, t, path: str, conflicts: list[str]):
    if o == b:
        return t
    if t == b or o == t:
        return o
    if isinstance(o, dict) and isinstance(t, dict):
        bb = b if isinstance(b, dict) else {}
        out = {}
        for k in [*t, *(k for k in o if k not in t)]:
            v = _merge(bb.get(k, _MISSING), o.get(k, _MISSING), t.get(k, _MISSING), f"{path}.{k}" if path else str(k),
                       conflicts)
            if v is not _MISSING:
                out[k] = v
        return out
    conflicts.append(path)
    if o is _MISSING:
        return t  # this session removed what the other writer changed: keep theirs
    return o


def merge(base: Assessment | None, ours: Assessment, theirs: Assessment) -> tuple[Assessment, list[str]]:
    """``theirs`` with this session's changes since ``base`` on top; returns it and the conflicting keys
    (both changed, this session's value kept)."""
    conflicts: list[str] = []
    b, o, t = _data(base), _data(ours), _data(theirs)
    # an answer new on both sides started empty: so a note added here and an answer given there both stay
    empty = Answer().model_dump(mode="python")
    b_answers = b.setdefault("answers", {})
    for side in (o, t):
        for sid, crits in side["answers"].items():
            for cid in crits:
                b_answers.setdefault(sid, {}).setdefault(cid, empty)
    merged = _merge(b, o, t, "", conflicts)
    if not isinstance(merged, dict):  # cannot happen for two assessments; keep ours to be safe
        return ours, conflicts
    merged["plugins"] = o.get("plugins", {})  # recorded afresh by the saving session
    conflicts = [c for c in conflicts if not c.startswith("plugins")]
    return Assessment.model_validate(_undata(merged)), conflicts


def changed_answers(before: Assessment | None, after: Assessment) -> int:
    """How many criteria's answers differ between two assessments (for a one-line notice)."""
    b = {(s, c): x for s, cs in (before.answers if before else {}).items() for c, x in cs.items()}
    a = {(s, c): x for s, cs in after.answers.items() for c, x in cs.items()}
    return sum(1 for k in set(a) | set(b) if a.get(k) != b.get(k))
