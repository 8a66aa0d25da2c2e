"""The Maturity app: the screens (one mode each), global keys, the palette, language, theme, autosave."""

from __future__ import annotations

import asyncio
import gc
import time
from pathlib import Path

from textual import work
from textual.app import App, SystemCommand
from textual.command import CommandPalette
from textual.content import Content
from textual.reactive import reactive

from .commands import MaturityCommands, app_bindings, localise
from .i18n import t
from .screens.base import MaturityScreen
from .screens.advice import AdviceScreen
from .screens.graph import GraphScreen
from .screens.overview import OverviewScreen
from .screens.profile import ProfileScreen
from .screens.roadmap import RoadmapScreen
from .screens.scope import ScopeScreen
from .screens.workshop import WorkshopScreen
from .state import Store

SYSTEM_COMMANDS_ZH = {
    "Theme": ("主题", "更换界面主题"),
    "Quit": ("退出", "立即退出程序"),
    "Keys": ("按键", "显示或隐藏当前部件的帮助与按键一览"),
    "Minimize": ("还原", "把部件还原为正常大小"),
    "Maximize": ("最大化", "把当前部件最大化"),
    "Screenshot": ("截图", "把当前界面保存为 SVG 截图"),
}
"""Textual's own palette commands in Chinese (title, help): the palette is one language at a time."""

SCREENS_BY_MODE = {"overview": OverviewScreen, "scope": ScopeScreen, "workshop": WorkshopScreen,
                   "roadmap": RoadmapScreen, "graph": GraphScreen, "advice": AdviceScreen, "profile": ProfileScreen}


class MaturityApp(App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "Maturity"
    MODES = dict(SCREENS_BY_MODE)
    BINDINGS = app_bindings()
    COMMANDS = App.COMMANDS | {MaturityCommands}

    lang: reactive[str] = reactive("en", init=False)
    freeze_gc = False
    """Set by run(): freeze the start-up objects after the first frame (not in tests: it is process-wide)."""
    prebuild = True
    """After the first frame, build the other screens in the background, one at a time (see :meth:`_prebuild`)."""
    PREBUILD_ORDER = ("scope", "workshop", "roadmap", "advice", "graph", "profile", "overview")

    def __init__(self, store: Store, lang: str = "en") -> None:
        super().__init__()
        self.started = time.perf_counter()
        self.first_paint: float | None = None
        self.store = store
        self.save_state = "saved"
        self.presenter = False
        """Presenter view (P): no ids, no notes, no names beside votes — what a client may see on the projector."""
        self.prebuilt: float | bool | None = None
        """None: the background build of the screens has not started; False: under way; else its duration (s)."""
        self.set_reactive(MaturityApp.lang, lang)

    def on_mount(self) -> None:
        self.call_after_refresh(self._settled)
        self.localise(self)
        self._plugins_notice()
        if self.store.ready:
            self.switch_mode("overview")
        else:
            from .screens.new import NewAssessmentScreen

            self.push_screen(NewAssessmentScreen(), self._created)

    def _settled(self) -> None:
        """After the first frame: keep the start-up objects out of the garbage collector's way, so a
        full collection never lands between a key and its redraw."""
        self.first_paint = time.perf_counter() - self.started
        if self.freeze_gc:
            gc.collect()
            gc.freeze()
        if self.store.ready:
            self.warm()
            self.start_prebuild()

    def start_prebuild(self) -> None:
        if self.prebuild and self.prebuilt is None:
            self.prebuilt = False
            self.run_worker(self._prebuild(), group="prebuild", exclusive=True)

    async def _prebuild(self) -> None:
        """Build (instantiate, compose, mount and style) every screen not visited yet, one at a time on the event
        loop while the consultant reads the first screen, so a first visit only switches (like a later one). Between
        two screens the loop runs keys and redraws; a key arriving during a build waits for that one screen only.
        A screen built here draws from the store when mounted, and again when shown if anything changed since
        (``MaturityScreen.on_screen_resume`` compares its state), so it never shows stale answers."""
        started = time.perf_counter()
        try:
            for mode in self.PREBUILD_ORDER:
                await asyncio.sleep(0.005)  # the loop's turn: keys and frames first
                if not self._running or self._closing or self._closed:  # quitting: build nothing more
                    return
                if mode in self._screen_stacks or mode not in self.MODES or not self.store.ready:
                    continue
                screen = self.MODES[mode]()
                screen, await_mount = self._get_screen(screen)
                self._screen_stacks[mode] = [screen]
                self._load_screen_css(screen)
                await await_mount
                if not self._running or not screen.is_attached:
                    return
                # draw it from the store, then lay it out at the terminal's size (off screen: nothing is written to
                # the terminal); its lists, resized, draw again at their real widths (Listing.on_resize)
                screen.redraw()
                screen._refresh_layout(self.size)  # noqa: SLF001 - Textual internal, see docs/tui.md
            # once their lists have drawn again at their real widths: render each off screen once (nothing reaches
            # the terminal), so its widgets' lines are cached before the first visit paints them
            for mode in self.PREBUILD_ORDER:
                await asyncio.sleep(0.005)
                if not self._running or self._closing or self._closed:
                    return
                stack = self._screen_stacks.get(mode)
                screen = stack[0] if stack else None
                if screen is None or screen.is_current or not screen.is_attached or screen._redraw_pending:
                    continue
                screen._refresh_layout(self.size)  # noqa: SLF001 - Textual internal, see docs/tui.md
                screen._compositor.render_update(full=True)  # noqa: SLF001
            await asyncio.sleep(0.005)
            self.screen_drawn()  # what was built stays out of the garbage collector's way, as after a first draw
        finally:
            self.prebuilt = time.perf_counter() - started

    @work(thread=True, exclusive=True, group="warm")
    def warm(self) -> None:
        """After the first frame, off the event loop: what the first visit to a screen would otherwise wait for
        (networkx's import and the graph's layers, ~0.1 s)."""
        from .screens.graph import scope_layers

        try:
            scope_layers(self.store.catalogue)
        except Exception:  # noqa: BLE001 - the graph screen computes (and reports) it itself
            pass

    def screen_drawn(self) -> None:
        """A screen was drawn for the first time: its widgets are long-lived, so move them out of the garbage
        collector's way too (a full collection among them cost 100–150 ms of a later switch)."""
        if self.freeze_gc:
            gc.collect()
            gc.freeze()

    def _plugins_notice(self) -> None:
        """Switched-off plugins are said on screen too, not only on stderr before the screen started."""
        off = [p for p in getattr(self.store.catalogue, "plugins", []) if p.status == "off"]
        if off:
            text = t("n.plugins_off", self.lang, plugins=", ".join(f"{p.name} ({p.reason})" for p in off))
            self.notify(Content(text), severity="warning", timeout=12)

    def _created(self, assessment) -> None:
        if assessment is None:
            self.exit(0)
            return
        self.store.start(assessment)
        self.save_now()
        self.switch_mode("overview")
        self.call_after_refresh(self.start_prebuild)

    # changes and saving ---------------------------------------------------
    def change(self, assessment) -> bool:
        """Apply a changed assessment: rescore, redraw what is shown, save in the background."""
        if not self.store.replace(assessment):
            return False
        self.after_change()
        return True

    def after_change(self) -> None:
        """Save first, then redraw: an answer is on disk before the screen shows it (issue 10.8; the atomic write
        costs ~3 ms of the key's budget). A save that fails or finds another writer's changes is reported as
        before; the worker stays for the rare case the store is still busy with a merge."""
        self.store.remember(self.store.current_scope, self.lang)
        if self.store._save_lock.acquire(blocking=False):  # noqa: SLF001 - never wait on a save in the key's path
            self.store._save_lock.release()  # noqa: SLF001
            result = self.store.save()
            self.save_state = "saved" if result.ok and not self.store.dirty else ("error" if not result.ok else "saving")
            self.redraw()
            if not result.ok or getattr(result, "merged", ""):
                self._saved(result)
            if self.store.dirty:
                self.autosave()
            return
        self.save_state = "saving"
        self.redraw()
        self.autosave()

    @work(thread=True, exclusive=True, group="autosave")
    def autosave(self) -> None:
        result = self.store.save()
        self.call_from_thread(self._saved, result)

    def _saved(self, result) -> None:
        self.save_state = "saved" if result.ok and not self.store.dirty else ("error" if not result.ok else "saving")
        if not result.ok:
            self.notify(t("n.save_failed", self.lang, error=result.error), severity="error", markup=False)
        if getattr(result, "merged", ""):  # another window or program had saved the file: its answers merged in
            self.notify(result.merged, severity="warning", markup=False)
            self.redraw()
        if isinstance(self.screen, MaturityScreen):
            self.screen.show_chrome()

    def save_now(self) -> None:
        result = self.store.save()
        self._saved(result)

    def redraw(self) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, MaturityScreen):
                screen.redraw()

    def localise(self, node) -> None:
        """Put a node's key bindings in the current language (footer, help)."""
        localise(node, self.lang)
        node.refresh_bindings()

    def watch_lang(self, lang: str) -> None:
        if self.store.ready and self.store.remember(self.store.current_scope, lang):
            self.autosave()  # the language is remembered in the file (meta.language)
        self.localise(self)
        for stack in self._screen_stacks.values():
            for screen in stack:
                localise(screen, lang)
        self.screen.refresh_bindings()
        self.redraw()

    def get_system_commands(self, screen):
        for cmd in super().get_system_commands(screen):
            if self.lang == "zh" and cmd.title in SYSTEM_COMMANDS_ZH:
                title, help_text = SYSTEM_COMMANDS_ZH[cmd.title]
                cmd = SystemCommand(title, help_text, cmd.callback, cmd.discover)
            yield cmd

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(id="--command-palette",
                                            placeholder="搜索命令……" if self.lang == "zh" else "Search for commands…"))

    # navigation -----------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("go", "help", "toggle_lang", "export", "undo", "redo", "measure",
                      "toggle_presenter") and not self.store.ready:
            return False
        return True

    def action_go(self, mode: str) -> None:
        if mode not in self.MODES or not self.store.ready:
            return
        if self.screen.is_modal:
            return
        self.switch_mode(mode)

    def jump(self, scope: str, criterion: str | None = None) -> None:
        """Open a scope (and a criterion) on the scope screen."""
        self.store.current_scope = scope
        self.store.current_criterion = criterion
        if self.current_mode == "scope":
            self.screen.redraw()
        else:
            self.switch_mode("scope")

    def edit_target(self, scope: str) -> None:
        from .flows import edit_target

        edit_target(self, scope)

    # actions ---------------------------------------------------------------
    def action_toggle_lang(self) -> None:
        self.lang = "zh" if self.lang == "en" else "en"
        self.notify(t("n.lang", self.lang))

    def action_toggle_presenter(self) -> None:
        self.presenter = not self.presenter
        self.redraw()
        self.notify(t("n.presenter_on" if self.presenter else "n.presenter_off", self.lang))

    def action_plugins(self) -> None:
        from .screens.help import PluginsScreen

        if not isinstance(self.screen, PluginsScreen):
            self.push_screen(PluginsScreen())

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.current_theme.dark else "textual-dark"

    def action_undo(self) -> None:
        if self.store.undo():
            self.after_change()
            self.notify(t("n.undone", self.lang))
        else:
            self.notify(t("n.nothing_undo", self.lang))

    def action_redo(self) -> None:
        if self.store.redo():
            self.after_change()
            self.notify(t("n.redone", self.lang))
        else:
            self.notify(t("n.nothing_redo", self.lang))

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_measure(self) -> None:
        from .screens.measure import MeasureScreen

        if not isinstance(self.screen, MeasureScreen):
            self.push_screen(MeasureScreen())

    def action_export(self) -> None:
        from .flows import export_report

        export_report(self)

    async def action_quit(self) -> None:
        if self.store.ready:
            self.store.remember(self.store.current_scope, self.lang)
            self.store.save()
        self.exit(0)


def build_app(path: Path, new: bool = False, lang: str | None = None, plugins: list[str] | None = None,
              catalogue=None) -> MaturityApp:
    """The app for a snapshot file (or a new one); raises the core's errors for a bad file."""
    from ..engine.renames import carry_answers
    from ..plugins import load_catalogue
    from ..snapshot import load_snapshot

    cat = catalogue if catalogue is not None else load_catalogue(plugins or [])
    assessment = None if new else load_snapshot(path)
    moves = ()
    if assessment is not None:  # answers to criteria a plugin replaced count for their new ids
        assessment, moves = carry_answers(cat, assessment)
    store = Store(cat, Path(path), assessment)
    if moves:
        store.revision += 1  # unsaved: the next save records the answers under their new ids
    return MaturityApp(store, lang or (assessment.meta.language if assessment else "en"))


def run(path: Path, new: bool = False, lang: str | None = None, plugins: list[str] | None = None,
        catalogue=None) -> int:
    """``maturity open`` / ``maturity demo``: run the TUI until the consultant quits; returns the exit code.
    ``catalogue``: the one the caller already loaded (to check the file), so the plugins are not loaded twice."""
    app = build_app(path, new, lang, plugins, catalogue=catalogue)
    app.freeze_gc = True
    try:
        app.run()
    finally:
        if app.store.ready:
            app.store.remember(app.store.current_scope, app.lang)
            app.store.save()  # whatever happened, the last change is on disk
    return app.return_code or 0
