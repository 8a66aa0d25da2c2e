"""``CriteriaList``: a scope's criteria stage by stage, with answers; ``CriterionDetail``: one criterion."""

from __future__ import annotations

from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...engine.explain import stage_word
from ...model.content import Stage
from ..i18n import t
from ..state import criteria_by_stage
from .listing import Listing
from .render import STAGE_STYLES, answer, hang, percent, set_content, user

BADGE = 12


def stage_header(r, st: int, lang: str) -> Content:
    s = r.stages[st - 1]
    if s.unanswered:
        verdict, style = t("sc.open", lang, n=s.unanswered), "$text-warning"
    elif s.passes:
        verdict, style = t("sc.passes", lang), "$text-success"
    else:
        verdict, style = t("sc.fails", lang), "$text-error"
    mark = "✔ " if st <= r.reached else "  "
    return Content.assemble(
        (mark, "$text-success bold"), (stage_word(st, lang), f"bold {STAGE_STYLES[st]}"), "  ",
        (percent(s.score), "bold"), "  ", (verdict, style),
        *((("  ▲ " + t("sc.capped", lang), "$text-error"),) if r.capped and st == r.reached + 1 else ()))


class CriteriaList(Listing):
    """Rows are criteria (id = criterion id); stage rows are headers."""

    class Chosen(Message):
        """Enter on a criterion (the screen opens the note editor)."""

        def __init__(self, criterion: str) -> None:
            super().__init__()
            self.criterion = criterion

    def show(self, store, scope: str, lang: str, keep: str | None = None, only_unanswered: bool = False) -> None:
        cat, res, a = store.catalogue, store.analysis.result, store.assessment
        r = res.scopes[scope]
        rows = []
        width = self.text_width()
        for st, crits in criteria_by_stage(cat, scope):
            rows.append(Option(stage_header(r, st, lang), id=f"stage:{st}", disabled=True))
            for c in crits:
                ans = a.answer_for(scope, c.id)
                word = ans.answer if ans else None
                if only_unanswered and word is not None:
                    continue
                marks = ""
                if ans is not None and (ans.note or ans.evidence):
                    marks += " ✎"
                if ans is not None and ans.votes:
                    marks += f" ⚑{len(ans.votes)}"
                prefix = Content.assemble("  ", answer(word, lang, BADGE), " ",
                                          (f"×{c.weight:g} " if c.weight != 1 else "", "bold"))
                prefix = prefix.pad_right(max(0, 2 + BADGE + 1 + 5 - prefix.cell_length))
                body = Content.assemble(c.text.get(lang), (marks, "$text-accent"))
                rows.append(Option(hang(prefix, body, width), id=c.id))
        self.set_rows(rows, keep=keep)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id and not event.option.id.startswith("stage:"):
            self.post_message(self.Chosen(event.option.id))


SHORT_ROWS = 8
"""Rows the criterion detail shows at its smallest (its min-height in app.tcss, less the border)."""


class CriterionDetail(Static):
    """What to ask to see, what to do if unmet, the answer, the note, the evidence and the votes."""

    _rows = SHORT_ROWS
    """The rows the detail shows now: a new text re-lays the screen out only when that height changes."""

    def show(self, store, scope: str, criterion: str | None, lang: str) -> None:
        if criterion is None or criterion not in store.catalogue.criteria.get(scope, {}):
            set_content(self, Content.styled(t("sc.no_criterion", lang), "dim"), layout=False)
            return
        c = store.catalogue.criteria[scope][criterion]
        a = store.assessment
        ans = a.answer_for(scope, criterion)
        word = ans.answer if ans else None
        names = {p.id: p.name for p in a.participants}
        presenter = getattr(self.app, "presenter", False)  # no ids, notes or names beside votes in front of a client
        lines = [
            Content.assemble((stage_word(Stage[c.stage].value, lang), STAGE_STYLES[Stage[c.stage].value]),
                             (f" · {t('sc.detail.weight', lang)} {c.weight:g}" + ("" if presenter else f" · {criterion}"),
                              "dim")),
            Content.assemble((t("sc.detail.ask", lang) + ": ", "bold"), c.evidence.get(lang)),
            Content.assemble((t("sc.detail.action", lang) + ": ", "bold"), c.action.get(lang)),
            Content.assemble((t("sc.detail.answer", lang) + ": ", "bold"), answer(word, lang)),
        ]
        if c.anchors is not None:
            lines.append(Content.assemble((t("sc.detail.anchors", lang) + ": ", "bold"), c.anchors.get(lang)))
        measured = measured_line(a, scope, criterion, lang)
        if measured is not None:
            lines.append(measured)
        r = store.analysis.result.scopes.get(scope)
        rule = r.profile_na.get(criterion) if r is not None else None
        if rule is not None and word is None:
            lines.append(Content.styled(t("sc.profile_na", lang, why=rule.why.get(lang)), "$text-warning"))
        if ans is not None and ans.reason:
            lines.append(Content.assemble((t("sc.detail.reason", lang) + ": ", "bold"), user(ans.reason)))
        if ans is not None and ans.note and not presenter:
            lines.append(Content.assemble((t("sc.detail.note", lang) + ": ", "bold"), user(ans.note)))
        if ans is not None and ans.evidence:
            lines.append(Content.assemble((t("sc.detail.evidence", lang) + ": ", "bold"), user(ans.evidence)))
        if ans is not None and ans.votes:
            if presenter:  # how the room voted, not who said what
                votes = Content(" · ").join(answer(v, lang) for v in sorted(ans.votes.values()))
            else:
                votes = Content(" · ").join(Content.assemble(user(names.get(p, p)), "=", answer(v, lang))
                                            for p, v in sorted(ans.votes.items()))
            lines.append(Content.assemble((t("sc.detail.votes", lang) + ": ", "bold"), votes))
        if c.anchors is None:  # the general grades, last: what the consultant typed comes first
            lines.append(Content.styled(t("sc.detail.grades", lang), "dim"))
        content = Content("\n").join(lines)
        # the detail grows with a long note or evidence (up to half the middle column): its height is set only when
        # the rows it needs change, so an answer key on an unchanged detail stays a repaint (an auto height would
        # re-lay the whole screen out on every key, ~20 ms)
        width = max(self.content_region.width, 20)
        rows = sum(max(1, -(-line.cell_length // width)) for line in content.split("\n"))
        # up to half the middle column, less the head: a short terminal keeps its rows for the criteria
        room = self.parent.size.height // 2 - 6 if self.parent is not None and self.parent.size.height else SHORT_ROWS
        shown = max(SHORT_ROWS, min(rows, room - 1))
        set_content(self, content, layout=False)
        if shown != self._rows:
            self._rows = shown
            self.styles.height = None if shown == SHORT_ROWS else shown + 1  # + the border; None: the stylesheet's


MEASURED_WORDS = {"head": ("measured", "测量"), "suggests": ("suggests", "建议"), "accept": ("m accepts", "按 m 接受"),
                  "agrees": ("the answer agrees", "作答与数据一致")}


def measured_line(a, scope: str, criterion: str, lang: str) -> Content | None:
    """"measured: 82% of 1,240 leads … → suggests mostly · m accepts", when `maturity measure` suggested an answer."""
    s = a.suggestion_for(scope, criterion)
    if s is None:
        return None
    zh = lang == "zh"
    w = {k: v[zh] for k, v in MEASURED_WORDS.items()}
    ans = a.answer_for(scope, criterion)
    tail = w["agrees"] if ans is not None and ans.answer == s.answer else w["accept"]
    sentence = s.evidence.get(lang).rsplit("：" if zh else ": ", 1)[0]
    return Content.assemble((w["head"] + ("：" if zh else ": "), "bold"), user(sentence),
                            (f" → {w['suggests']} ", ""), answer(s.answer, lang), (f" · {tail}", "dim"))
