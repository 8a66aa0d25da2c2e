"""Terminal text made with Rich. User and content text always goes in as ``Text``, never as markup, and with
its control characters shown as escapes (``errors.visible``), so a client name or a note holding an escape
sequence is printed, never obeyed by the terminal."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..engine.explain import (answer_word, explain_scope, level_text, lowest_text, scope_label, scope_status,
                              stage_word, unchecked_text)
from ..engine.scoring import TOP
from ..errors import visible
from ..i18n import tr
from ..model.content import INDICATOR_TYPE_LABELS, RELATION_LABELS
from ..model.questions import PERSPECTIVES, STANCE_LABELS


def T(text="", style="", **kw) -> Text:
    """Text for the terminal: literal (no markup), control characters shown as escapes."""
    return Text(visible(text), style=style, **kw)


_NO_LINE_START = "、，。；：！？）」』》”’…—"
"""Chinese punctuation that never starts a line (it stays at the end of the one before, a cell over)."""


def wrap_cells(line: str, width: int) -> list[str]:
    """A line broken to ``width`` terminal cells, at spaces where it has them and between any two characters of a
    run without spaces (Chinese), continuation lines indented like the first. Rich breaks only at spaces, so it
    moves a whole Chinese sentence to the next line after its label."""
    from rich.cells import cell_len

    indent = line[: len(line) - len(line.lstrip(" "))]
    if width <= len(indent) + 8 or cell_len(line) <= width:
        return [line]
    out, cur = [], ""
    for ch in line:
        if cell_len(cur) + cell_len(ch) > width and ch not in _NO_LINE_START:
            cut = cur.rfind(" ", len(indent) + 1)
            if cut > len(indent) + width // 2 and not ch.isspace():
                out.append(cur[:cut].rstrip())
                cur = indent + "  " + cur[cut + 1:]
            else:
                out.append(cur.rstrip())
                cur = indent + "  "
            if ch.isspace():
                continue
        cur += ch
    out.append(cur)
    return out


def _print_lines(c: Console, line: str, lang: str, style: str = "") -> None:
    """One line of prose: Chinese is broken by cells (see ``wrap_cells``), English left to Rich."""
    if lang != "zh":
        c.print(T(line, style=style))
        return
    for piece in wrap_cells(visible(line), c.width):
        c.print(Text(piece, style=style), soft_wrap=True)


def _assemble(*parts) -> Text:
    return Text.assemble(*((visible(p[0]), *p[1:]) if isinstance(p, tuple) else visible(p) for p in parts))


def console() -> Console:
    """Rich console; when output is piped, 120 columns rather than Rich's 80, so tables stay readable."""
    import os
    import sys

    width = None if sys.stdout.isatty() or os.environ.get("COLUMNS") else 120
    return Console(highlight=False, soft_wrap=False, width=width)


def ladder(reached: int, capped: bool = False, practice: int = 0) -> str:
    """A four-cell stage ladder: ■ reached, ▨ practised but not reached (a foundation gap), □ not; ▲ marks a cap."""
    cells = "".join("■" if i <= reached else "▨" if i <= practice else "□" for i in range(1, TOP + 1))
    return cells + (" ▲" if capped else "")


def print_score(cat, an, lang: str) -> None:
    c = console()
    a, res = an.assessment, an.result
    o = res.overall
    c.print(_assemble((a.meta.client, "bold"), f" — {a.meta.system}" if a.meta.system else "", f"  ({a.meta.date})"))
    c.print(T(tr("overall_line", lang, level=level_text(o.level), lowest=lowest_text(o, lang), assessed=o.assessed,
                 total=o.total, complete=o.completeness * 100, perspective=PERSPECTIVES[a.meta.perspective].get(lang))))
    if o.gaps:
        c.print(T(tr("gaps_line", lang, n=o.gaps)))
    for d, agg in res.domains.items():
        table = Table(title=T(f"{cat.domains[d].name.get(lang)}  {tr('level', lang)} {level_text(agg.level)}  "
                              f"{tr('lowest', lang)} {lowest_text(agg, lang)}  "
                              f"{tr('completeness', lang)} {agg.completeness * 100:.0f}%"),
                      title_justify="left", expand=False)
        for col in ("scope", "stage", "ladder", "level", "completeness", "target", "capped_by"):
            table.add_column(tr(col, lang), overflow="fold")
        for sid in cat.domains[d].scopes:
            r = res.scopes[f"{d}.{sid.id}"]
            shown = r.counted
            caps = ", ".join(f"{scope_label(cat, x.requires, lang)} ({stage_word(x.requires_stage, lang)})"
                             for x in r.capped_by) if shown else ""
            table.add_row(T(sid.name.get(lang)), T(scope_status(r, lang)),
                          ladder(r.reached, r.capped, r.practice) if shown else "",
                          level_text(r.level if shown else None),
                          f"{r.completeness * 100:.0f}%" if r.active else "—",
                          stage_word(r.target, lang) if r.target is not None else "—", T(caps or "—"))
        c.print(table)
    c.print(T(tr("ladder_key", lang), style="dim"))
    if res.unknown_answers:
        c.print(T(tr("unknown_answers", lang, n=len(res.unknown_answers))))


def print_explain(cat, an, scopes, lang: str) -> None:
    c = console()
    for r in scopes:
        lines = explain_scope(cat, an.result, r, lang)
        _print_lines(c, lines[0], lang, "bold")
        for line in lines[1:]:
            _print_lines(c, line, lang)
        c.print()


def print_roadmap(cat, an, lang: str) -> None:
    c = console()
    rm = an.roadmap
    if rm.default_targets:
        c.print(T(tr("default_targets", lang), style="italic"))
    if not rm.waves:
        c.print(T(tr("no_steps", lang)))
    for i, wave in enumerate(rm.waves, 1):
        c.print(T(tr("wave", lang, n=i), style="bold underline"))
        for st in wave:
            crit = cat.criteria[st.scope]
            head = f"  {cat.scopes[st.scope].name.get(lang)} ({st.scope}) → {stage_word(st.stage, lang)}"
            if st.pulled_in:
                head += f"  [{tr('pulled_in', lang)}]"
            if st.foundation:
                head += f"  [{tr('foundation_step', lang, stage=stage_word(st.unlocks, lang))}]"
            c.print(T(head, style="bold"))
            for s, t in st.waits_on:
                c.print(T(f"      ⧗ {tr('waits_on', lang)} {cat.scopes[s].name.get(lang)} → {stage_word(t, lang)}"))
            for t in st.todo:
                c.print(T(f"      ☐ [{answer_word(t.answer, lang)}] {crit[t.criterion].text.get(lang)}"))
                c.print(T(f"        → {crit[t.criterion].action.get(lang)}", style="dim"))
            if not st.todo:
                c.print(T(f"      ✓ {tr('practised_waits' if st.practised else 'criteria_met_waits', lang)}"))


def print_advice(cat, an, lang: str) -> None:
    c = console()
    s = an.stance
    c.print(T(tr("stance_head", lang), style="bold underline"))
    c.print(T(tr("stance_line", lang, current=STANCE_LABELS[s.current].get(lang),
                 capable=STANCE_LABELS[s.capable].get(lang), recommended=STANCE_LABELS[s.recommended].get(lang))))
    for w in s.warnings:
        c.print(T(f"  ⚠ {w.get(lang)}", style="yellow"))
    for m in s.missing:
        c.print(T(f"  · {tr('to_move_up', lang)}: {m.get(lang)}"))
    if s.single_points:
        names = ", ".join(cat.scopes[p].name.get(lang) for p in s.single_points)
        c.print(T(f"  ★ {tr('single_points', lang)}{'：' if lang == 'zh' else ': '}{names}"))
    if s.unanswered:
        c.print(T(f"  ? {tr('team_unanswered', lang)}: {', '.join(s.unanswered)}", style="dim"))
    persp = an.assessment.meta.perspective
    if persp == "enterprise_service":
        c.print(T(f"  {tr('customer_success', lang)}"))
    c.print()
    c.print(T(tr("indicators_head", lang), style="bold underline"))
    table = Table(expand=False)
    for col in ("indicator", "scope", "type", "relation", "when", "reason"):
        table.add_column(tr(col, lang), overflow="fold")
    for a in an.indicators[:15]:
        ind = cat.indicators[a.indicator]
        table.add_row(T(f"{ind.name.get(lang)} ({ind.unit})"), T(cat.scopes[a.scope].name.get(lang)),
                      INDICATOR_TYPE_LABELS[a.type].get(lang), RELATION_LABELS[a.relation].get(lang),
                      tr("measured_now" if a.baseline is not None else "now" if a.measurable_now else "next", lang), T(a.reason.get(lang)))
    if an.indicators:
        c.print(table)
    else:
        c.print(T("  " + tr("no_indicators", lang)))
    if len(an.indicators) > 15:
        c.print(T(tr("more_indicators", lang, n=len(an.indicators) - 15), style="dim"))
    if an.pairs:
        c.print(T(tr("pairs_head", lang), style="bold underline"))
        for p in an.pairs[:8]:
            c.print(T(f"  {cat.indicators[p.behaviour].name.get(lang)} → {cat.indicators[p.result].name.get(lang)}: "
                      f"{p.reason.get(lang)}"))
    if an.disagreements:
        c.print(T(tr("disagreements_head", lang), style="bold underline"))
        from ..engine.votes import disagreement_view

        for d in an.disagreements:
            v = disagreement_view(cat, an.assessment, d, lang)
            votes = ", ".join(f"{name} = {answer_word(word, lang)}" for name, word in v.votes)
            c.print(T(f"  {v.scope_name}: {v.criterion_text} — {votes}"))


def print_plugins(cat) -> None:
    c = console()
    table = Table(expand=False)
    for col in ("plugin", "version", "origin", "status", "domains", "fingerprint / reason"):
        table.add_column(col)
    for p in cat.plugins:
        table.add_row(T(p.name), T(p.version), p.origin, T(p.status, style="green" if p.status == "on" else "red"),
                      T(", ".join(p.domains)), T(p.fingerprint if p.status == "on" else p.reason))
    c.print(table)
