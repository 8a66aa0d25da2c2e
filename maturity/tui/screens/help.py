"""Help: the keys of every screen and the rules behind the figures."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from ..i18n import t


class HelpScreen(ModalScreen):
    BINDINGS = [Binding("escape,q,question_mark,f1", "dismiss", "Close", id="close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Static(id="help-text")

    def on_mount(self) -> None:
        self.app.localise(self)
        lang = self.app.lang
        self.query_one("#help-text", Static).update(Content("\n").join([
            Content.styled(t("help.title", lang), "bold"), Content(t("help.scale", lang))]))
