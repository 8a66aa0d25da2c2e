"""The report's names in one place, for callers written before the report was split (kept; nothing new goes here).

Where each part lives now:
  report_data.py      the report as plain data: ``build_report``, ``REPORT_SCHEMA``
  report_markdown.py  that data as Markdown: ``report_markdown``, ``history_markdown_lines``
  html.py             that data as HTML (jinja2 template)
  export.py           ``maturity report -o OUT`` and the TUI's export: ``export``, ``write_report``, ``render``,
                      ``format_for``, ``write_text``
  wording.py          the reports' words and small formatters: ``w``, ``WORDS``, ``stage_label``, ``pct``
  tables.py           plain-text and Markdown tables: ``text_table``, ``display_width``, ``markdown_table``
"""

from __future__ import annotations

from ..engine.explain import ANSWER_WORDS, answer_word, stage_word
from .export import FORMATS, export, format_for, render, write_report, write_text
from .report_data import REPORT_SCHEMA, build_report
from .report_markdown import history_markdown_lines, report_markdown
from .tables import display_width, markdown_table, text_table
from .wording import INDICATORS_SHOWN, WORDS, pct, stage_label, w

_table = markdown_table

__all__ = ["ANSWER_WORDS", "FORMATS", "INDICATORS_SHOWN", "REPORT_SCHEMA", "WORDS", "answer_word", "build_report",
           "display_width", "export", "format_for", "history_markdown_lines", "markdown_table", "pct", "render",
           "report_markdown", "stage_label", "stage_word", "text_table", "w", "write_report", "write_text"]
