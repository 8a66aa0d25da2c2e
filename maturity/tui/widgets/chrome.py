"""The two lines on top of every screen: what is open (with the saved mark) and where to go."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from ...engine.explain import stage_word
from ..i18n import t
from .render import STAGE_STYLES, user

NAV = (("overview", "o"), ("scope", "s"), ("workshop", "w"), ("roadmap", "r"), ("graph", "g"), ("advice", "a"),
       ("profile", "p"))
"""Screens in the order of the navigation bar, with their keys."""


class TopBar(Static):
    """Client — system · overall level · lowest stage · completeness · the saved mark."""

    def show(self, store, lang: str, save_state: str) -> None:
        a = store.assessment
        o = store.analysis.result.overall
        mark = {
            "saved": Content.styled(f"✔ {t('saved', lang)}", "$text-success"),
            "saving": Content.styled(f"… {t('saving', lang)}", "$text-warning"),
            "error": Content.styled(f"✘ {t('not_saved', lang)}", "$text-error bold"),
        }[save_state]
        parts = [
            Content.styled(f" {t('app.title', lang)} ", "bold reverse"), " ",
            Content.styled(a.meta.client, "bold"),
        ]
        if a.meta.system:
            parts += [" — ", user(a.meta.system)]
        parts += ["  │ ", Content.styled(t("ov.overall", lang) + " ", "dim"),
                  Content.styled(f"{o.level:.2f}", "bold"), " · ",
                  Content.styled(stage_word(o.lowest, lang), STAGE_STYLES[o.lowest]),
                  f" · {o.completeness * 100:.0f}%  │ ", mark, "  ", Content.styled(store.path.name, "dim")]
        self.update(Content.assemble(*parts))


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
        self.update(Content.assemble(*parts))
