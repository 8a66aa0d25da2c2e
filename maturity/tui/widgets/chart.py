"""``LevelChart``: one bar per domain (and the whole), on the stage axis offline … intelligent."""

from __future__ import annotations

from rich.cells import cell_len
from textual.content import Content
from textual.widget import Widget

from ...engine.explain import stage_word
from ...engine.scoring import TOP
from .render import STAGE_STYLES, bar, fit, level_word, stage_cell

LABEL_WIDTH = 22
TAIL = 24


NOT_ASSESSED = ("not assessed", "尚未评估")


class LevelChart(Widget):
    """Bars of levels 0–4; rows are ``(label, level, lowest stage, bold)``."""

    DEFAULT_CSS = "LevelChart { height: auto; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[tuple[str, float, int, bool]] = []
        self.lang = "en"

    def show(self, rows: list[tuple[str, float, int, bool]], lang: str) -> None:
        self.rows, self.lang = rows, lang
        self.refresh(layout=True)

    def get_content_height(self, container, viewport, width: int) -> int:
        return len(self.rows) + 1

    def render(self) -> Content:
        width = max(self.size.width, 40)
        label_w = min(LABEL_WIDTH, max((cell_len(r[0]) for r in self.rows), default=8) + 2)
        bar_w = max(width - label_w - TAIL, 8)
        lines = []
        lowest_word = "lowest" if self.lang != "zh" else "最低"
        for label, level, lowest, strong in self.rows:
            if level is None:  # nothing assessed: no bar, never a 0.00 that reads as "offline"
                lines.append(Content.assemble((fit(label, label_w), "bold" if strong else ""),
                                              (fit(NOT_ASSESSED[self.lang == "zh"], bar_w), "dim"), ("    — ", "bold")))
                continue
            stage_i = min(int(level), TOP)
            lines.append(Content.assemble(
                (fit(label, label_w), "bold" if strong else ""),
                bar(level, bar_w, STAGE_STYLES[max(stage_i, 1)] if level > 0 else "$text-muted"),
                (f" {level:4.2f} ", "bold"),
                (f"{lowest_word} ", "dim"), stage_cell(lowest, self.lang),
            ))
        lines.append(Content.assemble(" " * label_w, self._axis(bar_w)))
        return Content("\n").join(lines)

    def _axis(self, width: int) -> Content:
        """Stage names under the bar, each starting at its tick (0 … 4)."""
        cells = [" "] * (width + TAIL)
        out: list[tuple[str, str]] = []
        pos = 0
        for i in range(TOP + 1):
            tick = round(i / TOP * width) if i < TOP else width - 1
            word = stage_word(i, self.lang)
            start = max(tick, pos)
            if i == TOP:
                start = max(pos, min(tick, width + TAIL - cell_len(word) - 2))
            if start > pos:
                out.append((" " * (start - pos), ""))
            out.append(("┆" + word, STAGE_STYLES[i]))
            pos = start + 1 + cell_len(word)
        del cells
        return Content.assemble(*out)
