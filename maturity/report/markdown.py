"""Markdown renderings. Every user or content text is escaped so it shows as typed."""

from __future__ import annotations

import re

from ..errors import visible
from ..engine.explain import level_text, lowest_text, scope_status, stage_word, unchecked_text
from ..i18n import tr
from ..model.content import INDICATOR_TYPE_LABELS, RELATION_LABELS
from ..model.questions import PERSPECTIVES

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~&$])")


def md_escape(text: str) -> str:
    """Escape Markdown (and the table separator |) so text renders literally; newlines become spaces, and other
    control characters are shown as escapes (``\\x1b``), so a report shown in a terminal obeys none of them."""
    text = str(text).replace("\r", " ").replace("\n", " ")
    return _MD_SPECIAL.sub(r"\\\1", visible(text))


def _row(cells) -> str:
    return "| " + " | ".join(cells) + " |"


def score_markdown(cat, an, lang: str) -> str:
    res, a = an.result, an.assessment
    o = res.overall
    out = [f"# {md_escape(a.meta.client)}", "",
           md_escape(tr("overall_line", lang, level=level_text(o.level), lowest=lowest_text(o, lang),
                        assessed=o.assessed, total=o.total, complete=o.completeness * 100,
                        perspective=PERSPECTIVES[a.meta.perspective].get(lang))), ""]
    if o.gaps:
        out += [md_escape(tr("gaps_line", lang, n=o.gaps)), ""]
    for d, agg in res.domains.items():
        out += [f"## {md_escape(cat.domains[d].name.get(lang))} — {level_text(agg.level)}", "",
                _row(tr(k, lang) for k in ("scope", "stage", "level", "completeness", "target", "capped_by")),
                _row("---" for _ in range(6))]
        for s in cat.domains[d].scopes:
            r = res.scopes[f"{d}.{s.id}"]
            shown = r.counted
            caps = ", ".join(f"{x.requires}@{stage_word(x.requires_stage, lang)}" for x in r.capped_by) if shown else ""
            out.append(_row([md_escape(s.name.get(lang)), md_escape(scope_status(r, lang)),
                             level_text(r.level if shown else None),
                             f"{r.completeness * 100:.0f}%" if r.active else "—",
                             stage_word(r.target, lang) if r.target is not None else "—", md_escape(caps) or "—"]))
        out.append("")
    unchecked = res.unchecked()
    if unchecked:
        out += [f"**{md_escape(tr('unchecked_head', lang))}**", ""]
        out += [f"- {md_escape(cat.scopes[sid].name.get(lang))}: {md_escape(unchecked_text(u, lang))}" for sid, u in unchecked]
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
            if st.foundation:
                out.append(f"_{md_escape(tr('foundation_step', lang, stage=stage_word(st.unlocks, lang)))}_")
            for s, t in st.waits_on:
                out.append(f"- {tr('waits_on', lang)} {md_escape(cat.scopes[s].name.get(lang))} → {stage_word(t, lang)}")
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
    out += [f"- {md_escape(tr('to_move_up', lang))}: {md_escape(m.get(lang))}" for m in s.missing]
    if s.single_points:
        names = ", ".join(cat.scopes[p].name.get(lang) for p in s.single_points)
        out.append(f"- ★ {md_escape(tr('single_points', lang))}{'：' if lang == 'zh' else ': '}{md_escape(names)}")
    if s.unanswered:
        out.append(f"- {md_escape(tr('team_unanswered', lang))}: {md_escape(', '.join(s.unanswered))}")
    out += ["", f"## {tr('indicators_head', lang)}", "",
            _row(tr(k, lang) for k in ("indicator", "scope", "type", "relation", "reason")), _row("---" for _ in range(5))]
    for a in an.indicators:
        out.append(_row([md_escape(cat.indicators[a.indicator].name.get(lang)),
                         md_escape(cat.scopes[a.scope].name.get(lang)),
                         INDICATOR_TYPE_LABELS[a.type].get(lang), RELATION_LABELS[a.relation].get(lang),
                         md_escape(a.reason.get(lang))]))
    if not an.indicators:
        out[-2:] = [md_escape(tr("no_indicators", lang))]
    if an.pairs:
        out += ["", f"## {tr('pairs_head', lang)}", ""]
        out += [f"- {md_escape(cat.indicators[p.behaviour].name.get(lang))} → "
                f"{md_escape(cat.indicators[p.result].name.get(lang))}: {md_escape(p.reason.get(lang))}" for p in an.pairs]
    if an.disagreements:
        out += ["", f"## {tr('disagreements_head', lang)}", ""]
        from ..engine.explain import answer_word
        from ..engine.votes import disagreement_view

        for d in an.disagreements:
            v = disagreement_view(cat, an.assessment, d, lang)
            votes = ", ".join(f"{visible(name)} = {answer_word(word, lang)}" for name, word in v.votes)
            out.append(f"- {md_escape(visible(v.scope_name))}: {md_escape(visible(v.criterion_text))} — {md_escape(votes)}")
    return "\n".join(out)
