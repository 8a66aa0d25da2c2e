"""``Listing``: an OptionList that can be re-filled without losing the highlighted row or the scroll."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option


class Listing(OptionList):
    """Rows are ``Option``s with ids; headers are disabled options (skipped by the cursor).

    Rows may be pre-wrapped to :meth:`text_width` (for hanging indents). The width is read, never
    guessed into a loop: a list not laid out yet is drawn for a guessed width, and its first resize
    (like every later one that changes the width) asks the screen to draw again, once.
    """

    GUESS = 60
    """Cells a row is wrapped to before the list has a size."""

    _shown_width: int | None = None

    def text_width(self) -> int:
        """Cells available to a row's text: the list's content width less the rows' own padding, less one.

        However narrow the list, this is its real width (at least 1): a narrow list wraps short lines,
        it never asks to be drawn again for it.
        """
        region = self.scrollable_content_region.width
        if region <= 0 or not self.size.width:  # not laid out yet (or hidden): on_resize draws again
            self._shown_width = -1
            return self.GUESS
        self._shown_width = region
        padding = self.get_component_styles("option-list--option").padding.width
        # one cell spare: a row that fills the width exactly is wrapped again by the list
        return max(region - self._get_left_gutter_width() - padding - 1, 1)

    def on_resize(self) -> None:
        if self._shown_width is not None and self.scrollable_content_region.width != self._shown_width:
            self._shown_width = self.scrollable_content_region.width
            self._ask_redraw()

    def _ask_redraw(self) -> None:
        request = getattr(self.screen, "request_redraw", None)
        if request is not None:
            request()

    def set_rows(self, options: list[Option], keep: str | None = None) -> None:
        """Replace the rows, keeping the highlight on the same id (or on ``keep``), and the scroll."""
        current = self.highlighted_option
        want = keep or (current.id if current is not None else None)
        same_shape = len(options) == len(self.options) and all(
            a.id == b.id and a.disabled == b.disabled for a, b in zip(options, self.options))
        if same_shape:
            for i, (new, old) in enumerate(zip(options, self.options)):
                if not _same(new.prompt, old.prompt):  # an unchanged row keeps its rendering
                    self.replace_option_prompt_at_index(i, new.prompt)
            if keep is not None:
                self.highlight_id(keep)
            return
        y = self.scroll_y
        self.set_options(options)
        if not self.highlight_id(want):
            self.highlight_first()
        self.scroll_to(y=y, animate=False, immediate=True)
        self.scroll_to_highlight()

    def _replace_option_prompt(self, index: int, prompt) -> None:
        """Replace one row's prompt, re-rendering only that row when its height stays the same.

        OptionList itself drops every row's rendering on any replacement; on the scope screen that is
        most of the cost of an answer. Falls back to the plain way when anything is unexpected.
        """
        try:
            option = self._options[index]
            lines = self._line_cache
            old_height = lines.heights[index]
            y = lines.index_to_line[index]
            option._set_prompt(prompt)
            padding = self.get_component_styles("option-list--option").padding
            width = self.scrollable_content_region.width - self._get_left_gutter_width()
            height = self._get_visual(option).get_height(self.styles, width - padding.width) + option._divider
            if height != old_height:
                raise LookupError
            cache = self._option_render_cache
            for key in [k for k in cache.keys() if k[0] is option]:
                cache.discard(key)
            self.refresh_lines(y, height)
        except Exception:  # noqa: BLE001 - Textual internals moved: do what OptionList does
            self.get_option_at_index(index)._set_prompt(prompt)
            self._clear_caches()

    def highlight_id(self, option_id: str | None) -> bool:
        if option_id is None:
            return False
        try:
            index = self.get_option_index(option_id)
        except Exception:  # noqa: BLE001 - OptionDoesNotExist
            return False
        if self.options[index].disabled:
            return False
        self.highlighted = index
        return True

    def highlight_first(self) -> None:
        for i, opt in enumerate(self.options):
            if not opt.disabled:
                self.highlighted = i
                return

    @property
    def highlighted_id(self) -> str | None:
        opt = self.highlighted_option
        return opt.id if opt is not None and not opt.disabled else None


def _same(a, b) -> bool:
    if isinstance(a, Content) and isinstance(b, Content):
        return a.is_same(b)
    return a == b
