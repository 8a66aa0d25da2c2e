"""Tables: plain text aligned for the terminal (diff, history, portfolio) and Markdown tables."""

from __future__ import annotations

import unicodedata

from .markdown import md_escape


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def text_table(head: list[str], rows: list[list[str]]) -> str:
    """A plain-text table aligned for the terminal (wide CJK characters count double)."""
    cols = len(head)
    widths = [max([display_width(head[i])] + [display_width(r[i]) for r in rows]) for i in range(cols)]

    def line(cells):
        return "  ".join(c + " " * (widths[i] - display_width(c)) for i, c in enumerate(cells)).rstrip()

    return "\n".join([line(head), line(["-" * x for x in widths]), *(line(r) for r in rows)])


def _row(cells) -> str:
    return "| " + " | ".join(cells) + " |"


def capitalise(text: str) -> str:
    """The first letter upper-case (a no-op for Chinese)."""
    return text[:1].upper() + text[1:]


def markdown_table(head: list[str], rows: list[list[str]]) -> list[str]:
    """A Markdown table: the head is escaped here, the cells must come escaped."""
    return [_row(md_escape(capitalise(h)) for h in head), _row("---" for _ in head), *(_row(r) for r in rows), ""]

