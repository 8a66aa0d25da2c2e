"""``ExplainPanel``: how a scope's stage was derived, and what blocks the next one — each blocker jumpable."""

from __future__ import annotations

from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...engine.explain import explain_scope, stage_word
from ...engine.scoring import TOP
from ..i18n import t
from ..state import blockers
from .listing import Listing
from .render import answer, hang


def blocks_head(nxt: int, lang: str) -> str:
    """The heading ``explain_scope`` writes before the blockers (its lines after it are replaced here)."""
    return f"迈向{stage_word(nxt, lang)}的障碍：" if lang == "zh" else f"What blocks {stage_word(nxt)}:"


class ExplainPanel(Listing):
    """The explanation's lines (read only) and the blockers: ``crit:<id>`` and ``scope:<id>`` rows."""

    class CriterionChosen(Message):
        def __init__(self, criterion: str) -> None:
            super().__init__()
            self.criterion = criterion

    class ScopeChosen(Message):
        def __init__(self, scope: str) -> None:
            super().__init__()
            self.scope = scope

    def show(self, store, scope: str, lang: str) -> None:
        cat, res = store.catalogue, store.analysis.result
        r = res.scopes[scope]
        lines = explain_scope(cat, res, r, lang)
        rows: list[Option] = []
        width = self.text_width()
        cut, tail = len(lines), []
        if r.reached < TOP:
            head = blocks_head(r.reached + 1, lang)
            if head in lines:
                cut = lines.index(head)
                tail = [x for x in lines[cut + 1:] if not x.startswith("  · ")]
        if lines:  # the heading names the scope; its id stays out of the client's sight
            lines = [lines[0].replace(f" ({scope})", "").replace(f"（{scope}）", "").replace(f"({scope})", ""),
                     *lines[1:]]
        for i, line in enumerate(lines[:cut]):
            style = "bold" if i == 0 else ("$text-accent" if not line.startswith("  ") else "")
            rows.append(Option(Content.styled(line, style), id=f"line:{i}", disabled=True))
        if r.reached >= TOP:
            rows.append(Option(Content.styled(t("sc.top", lang), "$text-success"), id="top", disabled=True))
        else:
            nxt = r.reached + 1
            rows.append(Option(Content.styled(t("sc.blocks", lang, stage=stage_word(nxt, lang)), "bold underline"),
                               id="blocks", disabled=True))
            todo, caps = blockers(res, scope)
            crit = cat.criteria[scope]
            for cid, word in todo:
                rows.append(Option(hang(Content.assemble("☐ ", answer(word, lang), " "), crit[cid].text.get(lang),
                                        width), id=f"crit:{cid}"))
            for cap in caps:
                body = Content.assemble(
                    (t("sc.cap_item", lang, scope=cat.scopes[cap.requires].name.get(lang),
                       need=stage_word(cap.requires_stage, lang), now=stage_word(cap.actual_stage, lang)),
                     "$text-error"), ": ", cap.why.get(lang))
                rows.append(Option(hang(Content.styled("▲ ", "$text-error"), body, width),
                                   id=f"scope:{cap.requires}"))
        for j, line in enumerate(tail):
            rows.append(Option(Content.styled(line, "dim"), id=f"tail:{j}", disabled=True))
        self.set_rows(rows)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        oid = event.option.id or ""
        if oid.startswith("crit:"):
            self.post_message(self.CriterionChosen(oid[5:]))
        elif oid.startswith("scope:"):
            self.post_message(self.ScopeChosen(oid[6:]))
