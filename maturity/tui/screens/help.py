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
        if not b.id or f"bind.{b.id}" not in MESSAGES:  # hidden from the footer is not hidden from the help
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
                  Content(t("help.mouse", lang)), Content(""), Content.styled(t("pl.title", lang), "bold"),
                  *plugin_lines(self.app.store.catalogue, lang)]
        self.query_one("#help-text", Static).update(Content("\n").join(lines))
        self.query_one("#help-box").focus()


def plugin_lines(catalogue, lang: str) -> list[Content]:
    """Every plugin, on or switched off with its one-line reason (user-facing text: never markup)."""
    plugins = list(getattr(catalogue, "plugins", []))
    if not plugins:
        return [Content.styled(t("pl.none", lang), "dim")]
    out = []
    for p in sorted(plugins, key=lambda p: (p.status != "off", p.name)):
        if p.status == "off":
            out.append(Content.assemble(("✘ ", "$text-error bold"), (p.name, "bold"), " ", (t("pl.off", lang), "$text-error"),
                                        ": ", Content(p.reason)))
        else:
            domains = ", ".join(p.domains)
            out.append(Content.assemble(("✔ ", "$text-success"), (p.name, "bold"), f" {p.version} ",
                                        (t("pl.on", lang), "$text-success"), (f" · {domains}" if domains else "", "dim")))
    return out


class PluginsScreen(HelpScreen):
    """The plugins: loaded ones with their domains, switched-off ones and why (ctrl+o, the palette, the help)."""

    BINDINGS = [Binding("escape,q,ctrl+o", "dismiss", "Close", id="close")]

    def on_mount(self) -> None:
        self.app.localise(self)
        lang = self.app.lang
        lines = [Content.styled(t("pl.title", lang), "bold underline"), Content(""),
                 *plugin_lines(self.app.store.catalogue, lang)]
        self.query_one("#help-text", Static).update(Content("\n").join(lines))
        self.query_one("#help-box").focus()
