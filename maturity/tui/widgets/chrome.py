"""The two lines on top of every screen: what is open (with the saved mark) and where to go."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from ...engine.explain import stage_word
from ..i18n import t
from .render import level_word, stage_cell, user

NAV = (("overview", "o"), ("scope", "s"), ("workshop", "w"), ("roadmap", "r"), ("graph", "g"), ("advice", "a"),
       ("profile", "p"))
"""Screens in the order of the navigation bar, with their keys."""


class TopBar(Static):
    """Client — system · overall level · lowest stage · completeness · the saved mark."""

    _args: tuple | None = None

    def show(self, store, lang: str, save_state: str) -> None:
        self._args = (store, lang, save_state)
        a = store.assessment
        o = store.analysis.result.overall
        mark = {
            "saved": Content.styled(f"✔ {t('saved', lang)}", "$text-success"),
            "saving": Content.styled(f"… {t('saving', lang)}", "$text-warning"),
            "error": Content.styled(f"✘ {t('not_saved', lang)}", "$text-error bold"),
        }[save_state]
        right = Content.assemble(
            " │ ", (t("ov.overall", lang) + " ", "dim"), (level_word(o.level), "bold"), " · ",
            stage_cell(o.lowest, lang), f" · {o.completeness * 100:.0f}% │ ", mark, "  ",
            user(store.path.name).stylize("dim"), " ")
        left = Content.assemble((f" {t('app.title', lang)} ", "bold reverse"), " ", user(a.meta.client).stylize("bold"),
                                *((" — ", user(a.meta.system)) if a.meta.system else ()))
        width = self.size.width or 140
        room = max(width - right.cell_length, 10)
        if left.cell_length > room:  # the client and system give way: the figures and the saved mark stay
            left = left.truncate(room - 1) + "…"
        self.set(Content.assemble(left.pad_right(room - left.cell_length), right))

    def on_resize(self) -> None:
        if self._args is not None:
            self.show(*self._args)

    def set(self, content: Content) -> None:
        """Update only when something changed; one line, so no layout is needed."""
        if not (isinstance(self.visual, Content) and self.visual.is_same(content)):
            self.update(content, layout=False)


class NavBar(Static):
    """The screens, each clickable; the current one is marked."""

    def show(self, current: str, lang: str) -> None:
        parts = []
        for mode, key in NAV:
            label = t(f"screen.{mode}", lang)
            piece = Content.from_markup(f"[@click=app.go('{mode}')] $key $label [/]", key=key, label=label)
            if mode == current:
                piece = piece.stylize("reverse bold")
            else:
                piece = piece.stylize("$text-muted")
            parts += [piece, " "]
        TopBar.set(self, Content.assemble(*parts))
