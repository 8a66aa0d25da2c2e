"""Commands, defined once: each feeds a key binding, the footer, the help screen and the command palette."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import partial

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from .i18n import t
from .widgets.chrome import NAV


@dataclass(frozen=True)
class Command:
    """A global command: ``id`` names the binding and its words (``bind.<id>`` in the message table)."""

    id: str
    key: str
    action: str
    palette: str | None = None
    """Message key of the palette's text; None keeps it out of the palette."""
    show: bool = True
    key_display: str | None = None


GLOBAL: tuple[Command, ...] = (
    # the screens' keys are on the navigation bar (second line): the footer keeps its room for each screen's own
    # keys and help, export, language and quit (issue 10.6); everything stays in the help and the palette
    *(Command(mode, key, f"go('{mode}')", "cmd.goto", show=False) for mode, key in NAV),
    Command("help", "question_mark,f1", "help", "cmd.help", key_display="?"),
    Command("export", "x", "export", "cmd.export"),
    Command("lang", "l", "toggle_lang", "cmd.lang"),
    Command("quit", "q", "quit"),
    Command("theme", "d", "toggle_theme", "cmd.theme", show=False),
    Command("presenter", "P", "toggle_presenter", "cmd.presenter", show=False),
    Command("plugins", "ctrl+o", "plugins", "cmd.plugins", show=False),
    Command("measure", "M", "measure", "cmd.measure", show=False),
    Command("undo", "ctrl+z", "undo", "cmd.undo", show=False),
    Command("redo", "ctrl+y", "redo", show=False),
    Command("palette", "ctrl+p", "command_palette", show=False),
)


def app_bindings() -> list[Binding]:
    return [Binding(c.key, c.action, c.id, show=c.show, key_display=c.key_display, id=c.id) for c in GLOBAL]


def localise(node, lang: str) -> None:
    """Give every binding of ``node`` that has an id its words in ``lang`` (footer and help follow)."""
    from .i18n import MESSAGES

    bindings = node._bindings.key_to_bindings  # noqa: SLF001 - Textual keeps no public setter for descriptions
    for key, items in bindings.items():
        bindings[key] = [
            dataclasses.replace(b, description=t(f"bind.{b.id}", lang)) if b.id and f"bind.{b.id}" in MESSAGES else b
            for b in items]


def command_text(c: Command, lang: str) -> str:
    if c.palette == "cmd.goto":
        return t("cmd.goto", lang, screen=t(f"screen.{c.id}", lang))
    if c.palette == "cmd.lang":
        return t("cmd.lang", lang, language="中文" if lang != "zh" else "English")
    return t(c.palette or f"bind.{c.id}", lang)


class MaturityCommands(Provider):
    """The palette: every global command, and per scope 'jump to' and 'set target'."""

    def _hits(self):
        app = self.app
        lang = app.lang
        for c in GLOBAL:
            if c.palette and app.store.ready:
                yield command_text(c, lang), partial(app.run_action, c.action), c.key.split(",")[0]
        if not app.store.ready:
            return
        cat = app.store.catalogue
        for sid in app.store.analysis.result.scopes:
            name = cat.scopes[sid].name.get(lang) + ("" if getattr(app, "presenter", False) else f" ({sid})")
            yield t("cmd.jump", lang, scope=name), partial(app.jump, sid), ""
            yield t("cmd.target", lang, scope=name), partial(app.edit_target, sid), ""

    async def discover(self) -> Hits:
        for text, callback, key in self._hits():
            if not text.startswith((t("cmd.jump", self.app.lang, scope=""), t("cmd.target", self.app.lang, scope=""))):
                yield DiscoveryHit(Content(text), callback, help=key or None)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, callback, key in self._hits():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, highlight(matcher, text), callback, text=text, help=key or None)


def highlight(matcher, text: str) -> Content:
    """The hit with the matched letters marked — as plain text: ``Matcher.highlight`` parses markup, and scope
    names come from plugins."""
    content = Content(text)
    _, offsets = matcher.fuzzy_search.match(matcher.query, text)
    for offset in offsets:
        if not text[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content
