"""Small renderers shared by the widgets: padded cells, stage and answer badges, ladders, bars.

Widths are terminal cells (``rich.cells.cell_len``), never ``len()``: Chinese characters take two.
User text always enters as ``Content(text)`` — plain, never parsed as markup.
"""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size
from textual.content import Content

from ...engine.explain import stage_word
from ...engine.scoring import TOP
from ..i18n import answer_label

STAGE_STYLES = ("$text-muted", "$text-warning", "$text-primary", "$text-success", "$text-accent")
ANSWER_STYLES = {"met": "$text-success", "mostly": "$text-success", "partly": "$text-warning",
                 "not_met": "$text-error", "n/a": "$text-muted", None: "$text-disabled"}
ANSWER_MARKS = {"met": "●", "mostly": "◕", "partly": "◑", "not_met": "○", "n/a": "–", None: "·"}
EIGHTHS = " ▏▎▍▌▋▊▉"


def fit(text: str, width: int) -> str:
    """``text`` padded or cut to exactly ``width`` cells (an ellipsis marks a cut)."""
    if width <= 0:
        return ""
    if cell_len(text) <= width:
        return text + " " * (width - cell_len(text))
    return set_cell_size(text, width - 1) + "…"


def rfit(text: str, width: int) -> str:
    """``text`` right-aligned in ``width`` cells."""
    if cell_len(text) >= width:
        return fit(text, width)
    return " " * (width - cell_len(text)) + text


def cell(text: str, width: int, style: str = "", right: bool = False) -> Content:
    """A plain (never markup) cell of exactly ``width`` cells."""
    return Content.styled(rfit(text, width) if right else fit(text, width), style)


def stage(i: int, lang: str, width: int = 0) -> Content:
    word = stage_word(i, lang)
    return Content.styled(fit(word, width) if width else word, STAGE_STYLES[i])


def answer(word: str | None, lang: str, width: int = 0) -> Content:
    label = f"{ANSWER_MARKS[word]} {answer_label(word, lang)}"
    return Content.styled(fit(label, width) if width else label, ANSWER_STYLES[word])


def ladder(reached: int, capped: bool = False, target: int | None = None, practice: int = 0) -> Content:
    """Four cells, structured → intelligent: ■ reached, ▨ practised but not reached (a foundation gap),
    ◇ up to the target, □ beyond; ▲ when capped."""
    parts = []
    for i in range(1, TOP + 1):
        if i <= reached:
            parts.append(("■", STAGE_STYLES[i]))
        elif i <= practice:
            parts.append(("▨", STAGE_STYLES[i]))
        elif target is not None and i <= target:
            parts.append(("◇", "$text-muted"))
        else:
            parts.append(("□", "$text-disabled"))
    parts.append(("▲" if capped else " ", "$text-error bold"))
    return Content.assemble(*parts)


def bar(level: float, width: int, style: str = "$text-primary") -> Content:
    """A horizontal bar for a level 0..4 over ``width`` cells, in eighths of a cell."""
    width = max(width, 1)
    eighths = round(max(0.0, min(level, TOP)) / TOP * width * 8)
    full, part = divmod(eighths, 8)
    text = "█" * full + (EIGHTHS[part] if part else "")
    return Content.assemble((text, style), (" " * (width - cell_len(text)), ""))


def percent(x: float | None) -> str:
    return "—" if x is None else f"{x * 100:.0f}%"


def user(text: str) -> Content:
    """User text (client names, notes, evidence): shown literally, and its control characters as escapes
    (``\x1b``), so an escape sequence in a note is shown, never sent to the terminal."""
    from ...errors import visible

    return Content(visible(text))


def hang(prefix: Content, body: Content | str, width: int) -> Content:
    """``prefix`` then ``body`` wrapped to ``width`` cells, continuation lines indented under the body."""
    body = body if isinstance(body, Content) else Content(body)
    indent = prefix.cell_length
    if width - indent < 10:  # too narrow to hang: the prefix on its own line, the body below it
        head = prefix.rstrip()
        lines = [head] if head.cell_length <= width else head.wrap(max(width, 1))
        return Content("\n").join(lines + [Content("  ") + line for line in body.wrap(max(width - 2, 1))])
    lines = body.wrap(width - indent) or [Content("")]
    out = [prefix + lines[0]] + [Content(" " * indent) + line for line in lines[1:]]
    return Content("\n").join(out)


def scope_name(catalogue, sid: str, lang: str) -> str:
    """A scope's name in ``lang`` (its id only when no loaded plugin knows it)."""
    s = catalogue.scopes.get(sid)
    return s.name.get(lang) if s is not None else sid


def rid(app, text: str) -> str:
    """An id beside a name for the consultant (to type in the palette); nothing in the presenter view."""
    return "" if getattr(app, "presenter", False) else text


def set_content(widget, content: Content, layout: bool = True) -> None:
    """Update a Static only when what it shows changed (an update repaints, and may re-layout, the screen)."""
    current = widget.visual
    if isinstance(current, Content) and current.is_same(content):
        return
    widget.update(content, layout=layout)


def set_title(widget, title: str) -> None:
    """Set a border title only when it changed (setting it repaints the widget)."""
    if str(widget.border_title or "") != title:
        widget.border_title = Content(title)


def level_word(x: float | None) -> str:
    """A level for the screen: "—" while nothing is assessed."""
    return "—" if x is None else f"{x:.2f}"


def stage_cell(i: int | None, lang: str) -> tuple[str, str]:
    """A stage word and its style; "—" dimmed for none (nothing assessed)."""
    from ...engine.explain import stage_word

    return ("—", "dim") if i is None else (stage_word(i, lang), STAGE_STYLES[i])
