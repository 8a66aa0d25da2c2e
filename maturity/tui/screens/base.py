"""What every view shares: the top bar, the navigation bar, the footer, and redrawing from the store."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer

from ..widgets.chrome import NavBar, TopBar


class MaturityScreen(Screen):
    """A view of the store. Subclasses compose ``body()`` and draw in ``refresh_view()``.

    The screen is drawn from the app's store whenever it changes (the app calls :meth:`redraw`) and
    when it comes back into view after something changed elsewhere.
    """

    MODE: ClassVar[str] = ""
    HORIZONTAL_BREAKPOINTS = [(0, "-w-tiny"), (60, "-w-narrow"), (90, "-w-medium"), (120, "-w-wide")]
    """Width classes (app.tcss): side panels narrow, then fold away, so a screen works down to 40 columns."""
    VERTICAL_BREAKPOINTS = [(0, "-h-tiny"), (18, "-h-short"), (30, "-h-tall")]
    """Height classes: fixed-height parts shrink, then fold away, so lists keep rows down to 12 lines."""

    def __init__(self) -> None:
        super().__init__(id=f"screen-{self.MODE}")
        self._drawn: tuple | None = None
        self._redraw_pending = False
        self._skip_css_reparse()
        self._preset_breakpoints()

    def _skip_css_reparse(self) -> None:
        """Textual re-parses the whole stylesheet (~40 ms) on a screen's first *and second* visit when its CSS
        counter is stale (an unmounted screen never gets the counter updated). Every screen here uses the app's one
        stylesheet, already parsed: a new screen starts current, and a theme change still invalidates it."""
        try:
            self._css_update_count = self.app._css_update_count  # noqa: SLF001 - Textual internal, see docs/tui.md
        except Exception:  # noqa: BLE001 - no app yet, or Textual changed: the plain (slower) way
            pass

    def _preset_breakpoints(self) -> None:
        """Start with the width and height classes of the terminal's present size: Textual sets them on the screen's
        first resize, and a class change then restyles every widget of the screen (~20–40 ms of a first visit, or of a
        screen built in the background). With the classes already right, that resize changes nothing."""
        try:
            width, height = self.app.size
        except Exception:  # noqa: BLE001 - no app yet: the first resize sets them
            return
        if not width or not height:
            return
        for size, breakpoints in ((width, self.HORIZONTAL_BREAKPOINTS), (height, self.VERTICAL_BREAKPOINTS)):
            self.add_class(*self._get_breakpoint_classes(size, breakpoints), update=False)

    @property
    def store(self):
        return self.app.store

    @property
    def lang(self) -> str:
        return self.app.lang

    def compose(self) -> ComposeResult:
        yield TopBar(id="topbar")
        yield NavBar(id="navbar")
        yield from self.body()
        yield Footer()

    def body(self) -> ComposeResult:
        yield from ()

    def on_mount(self) -> None:
        self.app.localise(self)
        self.redraw()
        drawn = getattr(self.app, "screen_drawn", None)
        if drawn is not None:
            self.call_after_refresh(drawn)

    def on_screen_resume(self) -> None:
        if self._drawn != self._state():
            self.redraw()
        self.show_chrome()

    def _state(self) -> tuple:
        return (self.store.revision, self.lang, self.app.theme, self.store.current_scope, self.store.current_criterion,
                getattr(self.app, "presenter", False))

    def show_chrome(self) -> None:
        if not self.is_mounted or not self.store.ready:
            return
        self.query_one(TopBar).show(self.store, self.lang, self.app.save_state)
        self.query_one(NavBar).show(self.MODE, self.lang)

    def redraw(self) -> None:
        """Draw everything from the store (called after every change and on language switches)."""
        if not self.is_mounted or not self.store.ready:
            return
        self._drawn = self._state()
        self.show_chrome()
        self.refresh_view()

    def request_redraw(self) -> None:
        """Draw again after the next refresh (several requests in one frame make one redraw)."""
        if not self._redraw_pending:
            self._redraw_pending = True
            self.call_after_refresh(self._pending_redraw)

    def _pending_redraw(self) -> None:
        self._redraw_pending = False
        self.redraw()

    def refresh_view(self) -> None:  # pragma: no cover - every screen overrides it
        pass
