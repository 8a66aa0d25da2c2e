"""Help: the keys of every screen (from the same bindings the footer shows) and the rules behind the figures."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from ..commands import GLOBAL
from ..i18n import MESSAGES, t
from ..widgets.chrome import NAV
from ..widgets.render import fit

KEY_W = 14


def key_label(binding: Binding) -> str:
    return binding.key_display or binding.key.split(",")[0].replace("left_square_bracket", "[").replace(
        "right_square_bracket", "]").replace("question_mark", "?")


def key_lines(bindings, lang: str) -> list[Content]:
    out = []
    for b in bindings:
        if not b.show or not b.id or f"bind.{b.id}" not in MESSAGES:
            continue
        out.append(Content.assemble("  ", (fit(key_label(b), KEY_W), "bold $text-accent"), t(f"bind.{b.id}", lang)))
    return out


class HelpScreen(ModalScreen):
    BINDINGS = [Binding("escape,q,question_mark,f1", "dismiss", "Close", id="close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Static(id="help-text")

    def on_mount(self) -> None:
        self.app.localise(self)
        lang = self.app.lang
        lines = [Content.styled(t("help.title", lang), "bold underline"), Content(""),
                 Content.styled(t("help.global", lang), "bold")]
        lines += key_lines([Binding(c.key, c.action, show=True, key_display=c.key_display or c.key.split(",")[0],
                                    id=c.id) for c in GLOBAL], lang)
        for mode, _ in NAV:
            screen_cls = self.app.MODES.get(mode)
            if screen_cls is None:
                continue
            lines.append(Content(""))
            lines.append(Content.styled(t(f"screen.{mode}", lang), "bold"))
            lines += key_lines(getattr(screen_cls, "BINDINGS", []), lang)
        lines += [Content(""), Content(t("help.answers", lang)), Content(t("help.scale", lang)),
                  Content(t("help.save", lang, file=str(self.app.store.path))), Content(t("help.palette", lang)),
                  Content(t("help.mouse", lang))]
        self.query_one("#help-text", Static).update(Content("\n").join(lines))
        self.query_one("#help-box").focus()
