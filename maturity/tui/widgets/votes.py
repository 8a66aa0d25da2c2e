"""``VotesGrid``: a scope's criteria × the people in the room, with the settled answer and the spread."""

from __future__ import annotations

from textual.content import Content
from textual.widgets.option_list import Option

from ...engine.votes import is_split, vote_spread
from ...errors import visible
from ..i18n import t
from ..state import criteria_by_stage
from .criteria import stage_header
from .listing import Listing
from .render import ANSWER_MARKS, ANSWER_STYLES, answer, cell, fit

VOTE_W = 11
SETTLED_W = 11
SPREAD_W = 5


CURRENT = "on $primary-muted"


def vote_cell(word: str | None, lang: str, current: bool, width: int) -> Content:
    """A vote in ``width`` cells: the mark and the word, or only the mark when the room is full."""
    if word is None:
        c = Content.styled(fit(" ·", width), "$text-disabled")
    elif width < 8:
        c = Content.styled(fit(" " + ANSWER_MARKS[word], width), ANSWER_STYLES[word])
    else:
        c = answer(word, lang, width)
    return c.stylize(CURRENT) if current else c


class VotesGrid(Listing):
    """Rows are criteria (id = criterion id); the current voter's column is marked."""

    def columns(self, people: int) -> tuple[int, int]:
        """(criterion column, vote column) widths that fill the row exactly."""
        avail = self.text_width() - SETTLED_W - SPREAD_W - 4
        vote_w = VOTE_W if people == 0 else max(3, min(VOTE_W, (avail - 20) // people - 1))
        return max(avail - people * (vote_w + 1), 8), vote_w

    def header(self, store, lang: str, voter: int) -> Content:
        people = store.assessment.participants
        width, vote_w = self.columns(len(people))
        parts = ["  ", cell(t("ws.col.criterion", lang), width + 1, "bold")]
        for i, p in enumerate(people):
            c = Content.styled(fit(visible(p.name, one_line=True), vote_w), "bold")
            parts += [c.stylize(CURRENT) if i == voter else c, " "]
        parts += [cell(t("ws.col.answer", lang), SETTLED_W, "bold"), " ", cell(t("ws.col.spread", lang), SPREAD_W, "bold")]
        return Content.assemble(*parts)

    def show(self, store, scope: str, lang: str, voter: int, keep: str | None = None) -> None:
        cat, a, res = store.catalogue, store.assessment, store.analysis.result
        people = a.participants
        width, vote_w = self.columns(len(people))
        rows = []
        r = res.scopes[scope]
        for st, crits in criteria_by_stage(cat, scope):
            rows.append(Option(stage_header(r, st, lang), id=f"stage:{st}", disabled=True))
            for c in crits:
                ans = a.answer_for(scope, c.id)
                votes = dict(ans.votes) if ans else {}
                split = is_split(votes)
                settled = split and ans is not None and ans.answer is not None  # the record stays, the ⚠ goes
                split = split and not settled
                spread = vote_spread(votes)
                text = c.text.get(lang)
                parts = [Content.styled("⚠ " if split else ("✔ " if settled else "  "),
                                        "$text-error bold" if split else "$text-success"),
                         Content.styled(fit(text, width), "bold $text-error on $error-muted" if split else ""), " "]
                for i, p in enumerate(people):
                    parts += [vote_cell(votes.get(p.id), lang, i == voter, vote_w), " "]
                parts += [answer(ans.answer if ans else None, lang, SETTLED_W), " "]
                if not votes:
                    spread_text, style = "", ""
                elif spread == -1:
                    spread_text, style = t("ws.split", lang), "$text-error" if split else "$text-muted"
                else:
                    spread_text, style = "▮" * spread if spread else "=", "$text-error" if split else ("$text-muted" if settled else "$text-success")
                parts.append(Content.styled(fit(spread_text, SPREAD_W), style))
                rows.append(Option(Content.assemble(*parts), id=c.id))
        self.set_rows(rows, keep=keep)

