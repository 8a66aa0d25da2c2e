"""Markdown renderings. Every user or content text is escaped so it shows as typed."""

from __future__ import annotations

import re

from ..engine.explain import stage_word
from ..i18n import tr

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~&$])")


def md_escape(text: str) -> str:
    """Escape Markdown (and the table separator |) so text renders literally; newlines become spaces."""
    return _MD_SPECIAL.sub(r"\\\1", str(text)).replace("\r", " ").replace("\n", " ")


def _row(cells) -> str:
    return "| " + " | ".join(cells) + " |"


def score_markdown(cat, an, lang: str) -> str:
    res, a = an.result, an.assessment
    o = res.overall
    out = [f"# {md_escape(a.meta.client)}", "",
           md_escape(tr("overall_line", lang, level=o.level, lowest=stage_word(o.lowest, lang),
                        complete=o.completeness * 100, perspective=a.meta.perspective)), ""]
    for d, agg in res.domains.items():
        out += [f"## {md_escape(cat.domains[d].name.get(lang))} — {agg.level:.2f}", "",
                _row(tr(k, lang) for k in ("scope", "stage", "level", "completeness", "target", "capped_by")),
                _row("---" for _ in range(6))]
        for s in cat.domains[d].scopes:
            r = res.scopes[f"{d}.{s.id}"]
            caps = ", ".join(f"{x.requires}@{stage_word(x.requires_stage, lang)}" for x in r.capped_by)
            out.append(_row([md_escape(s.name.get(lang)), stage_word(r.reached, lang), f"{r.level:.2f}",
                             f"{r.completeness * 100:.0f}%",
                             stage_word(r.target, lang) if r.target is not None else "—", md_escape(caps) or "—"]))
        out.append("")
    return "\n".join(out)


def roadmap_markdown(cat, an, lang: str) -> str:
    out = []
    if an.roadmap.default_targets:
        out += [f"_{md_escape(tr('default_targets', lang))}_", ""]
    for i, wave in enumerate(an.roadmap.waves, 1):
        out += [f"## {tr('wave', lang, n=i)}", ""]
        for st in wave:
            crit = cat.criteria[st.scope]
            out.append(f"### {md_escape(cat.scopes[st.scope].name.get(lang))} → {stage_word(st.stage, lang)}")
            for s, t in st.waits_on:
                out.append(f"- {tr('waits_on', lang)} `{s}@{stage_word(t, lang)}`")
            for t in st.todo:
                out.append(f"- [ ] {md_escape(crit[t.criterion].text.get(lang))} — {md_escape(crit[t.criterion].action.get(lang))}")
            out.append("")
    return "\n".join(out)


def advice_markdown(cat, an, lang: str) -> str:
    from ..model.questions import STANCE_LABELS

    s = an.stance
    out = [f"## {tr('stance_head', lang)}", "",
           md_escape(tr("stance_line", lang, current=STANCE_LABELS[s.current].get(lang),
                        capable=STANCE_LABELS[s.capable].get(lang), recommended=STANCE_LABELS[s.recommended].get(lang))), ""]
    out += [f"- ⚠ {md_escape(w.get(lang))}" for w in s.warnings]
    out += ["", f"## {tr('indicators_head', lang)}", "",
            _row(tr(k, lang) for k in ("indicator", "scope", "type", "relation", "reason")), _row("---" for _ in range(5))]
    for a in an.indicators:
        out.append(_row([md_escape(cat.indicators[a.indicator].name.get(lang)), md_escape(a.scope), a.type, a.relation,
                         md_escape(a.reason.get(lang))]))
    return "\n".join(out)
