"""``ScopeList``: the scopes, grouped by domain, each with its ladder — a navigator."""

from __future__ import annotations

from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ..state import domain_scopes
from .listing import Listing
from .render import hang, ladder


class ScopeList(Listing):
    """Highlighting a scope posts ``Picked`` (the screen follows it); enter posts ``Chosen``."""

    class Picked(Message):
        def __init__(self, scope: str) -> None:
            super().__init__()
            self.scope = scope

    class Chosen(Message):
        def __init__(self, scope: str) -> None:
            super().__init__()
            self.scope = scope

    _key: tuple | None = None

    def show(self, store, lang: str, current: str | None) -> None:
        cat, res = store.catalogue, store.analysis.result
        width = self.text_width()
        key = (lang, width, current, tuple((r.reached, r.capped, r.target, r.active) for r in res.scopes.values()))
        if key == self._key:  # nothing it shows changed (most answers move no stage)
            return
        self._key = key
        rows = []
        for d, scopes in domain_scopes(cat, store.analysis):
            rows.append(Option(Content.styled(cat.domains[d].name.get(lang), "bold"), id=f"domain:{d}", disabled=True))
            for sid in scopes:
                r = res.scopes[sid]
                name = cat.scopes[sid].name.get(lang)
                style = "" if r.active else "$text-disabled"
                prefix = Content.assemble(ladder(r.reached, r.capped, r.target, r.practice), " ")
                rows.append(Option(hang(prefix, Content.styled(name, style), width), id=sid))
        self.set_rows(rows, keep=current)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option.id and not event.option.id.startswith("domain:"):
            self.post_message(self.Picked(event.option.id))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id and not event.option.id.startswith("domain:"):
            self.post_message(self.Chosen(event.option.id))
