"""`maturity report FILE -o OUT`: the report written as Markdown, HTML or JSON, by the output file's suffix."""

from __future__ import annotations

import json
from pathlib import Path

from ..atomic import write_atomic
from ..errors import Problem, UsageError
from .report_data import build_report
from .report_markdown import report_markdown
from .wording import w

FORMATS = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html", ".json": "json"}


def format_for(out: Path) -> str:
    """The report format from the output file's suffix (.md, .html, .json); a UsageError for any other."""
    fmt = FORMATS.get(out.suffix.lower())
    if fmt is None:
        raise UsageError(Problem(str(out), "", f'has the suffix "{out.suffix or "(none)"}", which is not a report format',
                                 "name the output .md, .html or .json"))
    return fmt


def render(data: dict, fmt: str, cat=None, a=None) -> str:
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt == "markdown":
        return report_markdown(data)
    from .html import report_html

    return report_html(data, cat, a)


def write_text(path: Path, text: str) -> None:
    """Write atomically; a one-line UsageError if it cannot."""
    write_atomic(path, text.encode("utf-8"), UsageError)


def export(catalogue, assessment, out_path: Path, lang: str) -> Path:
    """Write the report of ``assessment`` to ``out_path`` (format from its suffix); returns the path written.

    For the TUI's command palette. Raises ``UsageError`` (a ``MaturityError``) on an unknown suffix or
    when the file cannot be written.
    """
    out_path = Path(out_path)
    fmt = format_for(out_path)
    data = build_report(catalogue, assessment, lang)
    write_text(out_path, render(data, fmt, catalogue, assessment))
    return out_path


def write_report(cat, a, args) -> int:
    """``maturity report FILE -o OUT [--lang] [--history DIR]``."""
    import sys

    out = Path(args.output)
    fmt = format_for(out)
    lang = getattr(args, "lang", None) or a.meta.language
    history = None
    if getattr(args, "history", None):
        from .history import collect, history_data

        entries = collect([args.history], warn=True)
        here = Path(args.file).resolve()
        if all(p.resolve() != here for p, _ in entries):
            entries.append((Path(args.file), a))
        history = history_data(cat, entries, lang)
        if history["clients_differ"]:
            print("maturity: " + w("clients_differ", "en", clients=", ".join(history["clients"])), file=sys.stderr)
    data = build_report(cat, a, lang, history)
    if getattr(args, "benchmark", None):  # the client against its peers: aggregates only (report/benchmark.py)
        from .benchmark import benchmark_data

        data["benchmark"] = benchmark_data(cat, a, [args.benchmark], lang, getattr(args, "store", None),
                                           getattr(args, "plugins", None) or ())
    write_text(out, render(data, fmt, cat, a))
    print(out)
    return 0
