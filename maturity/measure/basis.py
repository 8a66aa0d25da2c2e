"""Which answers rest on measurement and which on judgement (for `explain`, the report and the TUI).

Light on purpose (no DuckDB): it reads only the snapshot's ``[measured]`` section.

- ``measured``: the answer is the one the client's data suggests;
- ``judgement``: the consultant answered otherwise than the data suggests (the answer counts, the data is shown);
- ``suggested``: the data suggests an answer the consultant has not given yet.
Criteria without a suggestion rest on judgement alone and are not listed.
"""

from __future__ import annotations

from ..probes import ANSWER_TEXT

WORDS = {
    "head": ("Evidence from the client's data", "来自客户数据的证据"),
    "measured": ("rests on measurement", "依据测量"),
    "judgement": ("judgement over the data", "判断与数据不同"),
    "suggested": ("suggested by the data, not answered", "数据建议，尚未作答"),
    "answered": ("answered", "作答"),
    "data": ("data", "数据"),
    "none": ("No criterion of this scope has a measured suggestion (run `maturity measure`).",
             "该业务范畴没有来自测量的建议（运行 `maturity measure`）。"),
}


def word(key: str, lang: str) -> str:
    en, zh = WORDS[key]
    return zh if lang == "zh" else en


def basis(a, scope: str | None = None) -> list[dict]:
    """One entry per criterion with a measured suggestion (of ``scope``, or of every scope)."""
    m = a.measured
    if m is None:
        return []
    out = []
    for sid, crits in m.suggestions.items():
        if scope is not None and sid != scope:
            continue
        for cid, s in crits.items():
            ans = a.answer_for(sid, cid)
            word_ = ans.answer if ans is not None else None
            kind = "suggested" if word_ is None else "measured" if word_ == s.answer else "judgement"
            out.append({"scope": sid, "criterion": cid, "answer": word_, "suggested": s.answer, "basis": kind,
                        "evidence": {"en": s.evidence.en, "zh": s.evidence.zh}, "probe": s.probe,
                        "probe_version": s.probe_version, "files": list(s.files), "records": s.records})
    return out


def _answer(word_: str | None, lang: str) -> str:
    if word_ is None:
        return "—"
    return ANSWER_TEXT.get(word_, (word_, word_))[lang == "zh"]


def basis_line(e: dict, lang: str) -> str:
    ev = e["evidence"]["zh" if lang == "zh" else "en"]
    head = f"{e['criterion']}: {word(e['basis'], lang)}"
    if e["basis"] == "judgement":
        head += f" ({word('answered', lang)} {_answer(e['answer'], lang)}, {word('data', lang)} " \
                f"{_answer(e['suggested'], lang)})"
    return f"{head} — {ev}"


def basis_lines(a, scope: str, lang: str = "en") -> list[str]:
    return [basis_line(e, lang) for e in basis(a, scope)]
