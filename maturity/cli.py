"""The `maturity` command. Imports stay inside the commands so `maturity --help` is fast.

Exit codes: 0 fine · 1 `validate` (or `plugins check`) found problems · 2 bad input or usage ·
3 an internal error (a bug: one line, no traceback unless MATURITY_DEBUG=1).
"""

from __future__ import annotations

import argparse
import os
import sys

from .exitcodes import EXIT_BUG, EXIT_FINDINGS, EXIT_INPUT, EXIT_OK

__all__ = ["EXIT_BUG", "EXIT_FINDINGS", "EXIT_INPUT", "EXIT_OK", "build_parser", "main"]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, not argparse's usage block
        from .errors import visible

        self.exit(EXIT_INPUT, f"maturity: {visible(message, one_line=True)} — see `{self.prog} --help`\n")


class _Shown:
    """A text stream that never lets a control character from user text reach the terminal raw.

    ``text``: every control character but newline and tab is written as its escape (``\\x1b``).
    ``rich``: the same, except the colour sequences (SGR, ``ESC [ … m``) Rich itself writes on a terminal, for the
    commands that print with Rich (score, explain, roadmap, advise, plugins), whose user text reaches Rich
    already escaped (``report.terminal.T``).
    ``json``: DEL, C1 and bidi controls, which JSON leaves raw, are written as ``\\u009b`` — the same JSON value.
    """

    def __init__(self, inner, mode: str):
        self._inner, self._mode = inner, mode

    def write(self, text: str) -> int:
        from .errors import json_safe, visible, visible_keeping_colour

        self._inner.write(json_safe(text) if self._mode == "json" else visible_keeping_colour(text)
                          if self._mode == "rich" else visible(text))
        return len(text)

    def __getattr__(self, name):  # flush, isatty, fileno, encoding… as the real stream
        return getattr(self._inner, name)


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="maturity", description=(
        "Assess how far back-office systems have come: offline → structured → online → digital → intelligent."))
    p.add_argument("-p", dest="plugins", action="append", default=[], metavar="MODULE",
                   help="load a plugin module without installing it (repeatable; also MATURITY_PLUGINS=a,b)")
    p.add_argument("--version", action="version", version=f"maturity {_version()}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def cmd(name, help, file=True, formats=("text", "json", "markdown"), lang=True):
        sp = sub.add_parser(name, help=help, description=help)
        if file:
            sp.add_argument("file", help="the assessment snapshot (.toml)")
        if formats:
            sp.add_argument("--format", "-f", choices=formats, default=formats[0])
        if lang:
            sp.add_argument("--lang", choices=("en", "zh"), default=None,
                            help="language of the output (default: the snapshot's, else en)")
        return sp

    cmd("score", "levels of the whole, each domain and each scope")
    sp = cmd("explain", "how a scope's stage and level were made, and what blocks the next stage")
    sp.add_argument("scope", nargs="?", help="a scope id such as crm.leads (default: every scope)")
    cmd("roadmap", "the waves of steps to the targets, each with its to-do list")
    cmd("advise", "next indicators to track with reasons, and the product team's stance with warnings")
    cmd("validate", "check a snapshot against the loaded plugins (exit 1 with findings)", formats=("text", "json"),
        lang=False)
    sp = sub.add_parser("plugins", help="list plugins, or scaffold or check one", description="list plugins (default), "
                        "scaffold a new one, or check one's content")
    psub = sp.add_subparsers(dest="plugins_command", metavar="ACTION", parser_class=_Parser)
    pl = psub.add_parser("list", help="each plugin with its version and status")
    pl.add_argument("--format", "-f", choices=("text", "json"), default="text")
    sp.add_argument("--format", "-f", choices=("text", "json"), default="text")
    pn = psub.add_parser("new", help="write a complete installable plugin distribution")
    pn.add_argument("name", help="the domain id, e.g. erp")
    pn.add_argument("--dir", default=".", help="the folder to create it in (default: here)")
    pc = psub.add_parser("check", help="check a plugin's content: by name, module or content/plugin folder")
    pc.add_argument("target", help="a plugin name, module name, or path")
    pc.add_argument("--format", "-f", choices=("text", "json"), default="text")
    sp = sub.add_parser("graph", help="the scope dependency graph", description="the scope dependency graph")
    sp.add_argument("file", nargs="?", help="an assessment to colour scopes by stage")
    sp.add_argument("--format", "-f", choices=("dot", "mermaid", "json", "svg", "html"), default="mermaid")
    sp.add_argument("-o", "--output", help="write to this file instead of the terminal")
    sp.add_argument("--lang", choices=("en", "zh"), default=None, help="language of svg/html labels")
    sub.add_parser("schema", help="print the snapshot's JSON Schema")
    sp = sub.add_parser("open", help="open an assessment in the TUI (a missing file starts a new one)")
    sp.add_argument("file")
    sp.add_argument("--lang", choices=("en", "zh"), default=None)
    sp = sub.add_parser("demo", help="open a working copy of the demo assessment in the TUI")
    sp.add_argument("--lang", choices=("en", "zh"), default=None)
    sp.add_argument("--print", action="store_true", help="print the demo's results instead of opening the TUI")
    sp = sub.add_parser("report", help="write a report: .md, .html, .json or .xlsx from OUT's suffix")
    sp.add_argument("file")
    sp.add_argument("-o", "--output", required=True)
    sp.add_argument("--lang", choices=("en", "zh"), default=None)
    sp.add_argument("--history", metavar="DIR", help="add the client's history from the snapshots in DIR")
    sp.add_argument("--benchmark", metavar="DIR", help="add the client's position among its peers in the portfolio of "
                    "snapshots under DIR (aggregates of 5 clients or more; see `maturity portfolio`)")
    sp.add_argument("--store", metavar="PATH", help="the portfolio store for --benchmark (default: "
                    "DIR/.maturity-portfolio.duckdb)")
    sp = sub.add_parser("measure", help="measure the client's data exports with the plugins' probes; record the "
                        "figures and suggested answers in the snapshot", description="read CSV (UTF-8, GBK), xlsx or "
                        "Parquet exports, or folders of them; match their columns to the probes' tables; run the "
                        "probes; record aggregates only (never a record) in the snapshot. Answers are never changed.")
    sp.add_argument("file", help="the assessment snapshot (.toml)")
    sp.add_argument("data", nargs="+", help="export files or folders")
    sp.add_argument("--map", action="append", default=[], metavar="TABLE.COLUMN=SOURCE",
                    help="read a logical column from this source column (or TABLE=FILE: this file holds the table); "
                    "saved in the snapshot and reused")
    sp.add_argument("--dry-run", action="store_true", help="show what would be recorded; do not save")
    sp.add_argument("--timeout", type=float, default=None, metavar="SECONDS",
                    help="switch off a probe that runs longer (default 60; MATURITY_PROBE_TIMEOUT)")
    sp.add_argument("--format", "-f", choices=("text", "json"), default="text")
    sp.add_argument("--lang", choices=("en", "zh"), default=None)
    sp = sub.add_parser("diff", help="what changed between two snapshots")
    sp.add_argument("old")
    sp.add_argument("new")
    sp.add_argument("--format", "-f", choices=("text", "json", "markdown"), default="text")
    sp.add_argument("--lang", choices=("en", "zh"), default=None)
    sp = sub.add_parser("questionnaire", help="write a bilingual pre-read questionnaire (.xlsx) for the client to fill in",
                        description="one sheet per domain: each criterion with its text and the evidence to show (en, zh), "
                        "an answer drop-down (met, mostly, partly, not met, n/a) and a note column")
    sp.add_argument("file", help="the assessment snapshot (.toml)")
    sp.add_argument("-o", "--output", required=True, help="the .xlsx to write")
    sp = sub.add_parser("import", help="bring a filled-in questionnaire's answers in as one participant's votes",
                        description="read a questionnaire written by `maturity questionnaire`; every answer becomes the "
                        "participant's vote (a settled answer is never changed) and a note is added under their name")
    sp.add_argument("xlsx", help="the filled-in questionnaire (.xlsx)")
    sp.add_argument("file", help="the assessment snapshot (.toml) to add the votes to")
    sp.add_argument("--as", dest="participant", required=True, metavar="PARTICIPANT",
                    help="the participant id the answers are votes of (added to the participants if new)")
    sp.add_argument("--dry-run", action="store_true", help="check and count; do not save")
    sp = sub.add_parser("portfolio", help="a consultancy's snapshots in an analytical store: stages, practice and "
                        "levels per scope and domain within peer groups", description="read every snapshot under the "
                        "folders (the latest per client and system, or --all) into a DuckDB store, re-reading only "
                        "changed files, and show per scope and domain the distribution of stages, practice and levels "
                        "(median, quartiles, n) per peer group. Groups of fewer than 5 clients are never shown.")
    sp.add_argument("dirs", nargs="+", metavar="DIR", help="folders of snapshots (searched recursively)")
    sp.add_argument("--all", action="store_true", help="every snapshot with its date, not only the latest per client")
    sp.add_argument("--by", metavar="DIMS", default="customer_form",
                    help="group by these, comma-separated: customer_form, sales_cycle, collaboration, control_style, "
                    "size, year, quarter; '' for no grouping (default: customer_form)")
    sp.add_argument("--scope", help="only this scope (e.g. crm.leads)")
    sp.add_argument("--store", metavar="PATH", help="the store file (default: DIR/.maturity-portfolio.duckdb)")
    sp.add_argument("--parquet", metavar="OUT", help="also export the store: a folder, or NAME.parquet for "
                    "NAME_snapshots/_domains/_scopes.parquet")
    sp.add_argument("--jobs", "-j", type=int, default=None, help="processes scoring snapshots (default: every core)")
    sp.add_argument("--format", "-f", choices=("text", "json", "markdown"), default="text")
    sp.add_argument("--lang", choices=("en", "zh"), default=None)
    sp = sub.add_parser("history", help="a client's snapshots in date order, levels over time")
    sp.add_argument("paths", nargs="+", help="snapshot files, or a folder of them")
    sp.add_argument("--format", "-f", choices=("text", "json", "markdown"), default="text")
    sp.add_argument("--lang", choices=("en", "zh"), default=None)
    return p


def _version() -> str:
    from . import __version__

    return __version__


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return EXIT_OK
    tui = args.command == "open" or args.command == "demo" and not args.print
    json_out = getattr(args, "format", None) == "json" or args.command == "schema"
    rich = (args.command in ("score", "explain", "roadmap", "advise", "demo")
            or args.command == "plugins" and getattr(args, "plugins_command", None) in (None, "list")) \
        and not json_out and getattr(args, "format", "text") == "text"
    out, err = sys.stdout, sys.stderr
    if not tui:
        sys.stdout = _Shown(out, "json" if json_out else "rich" if rich else "text")
    sys.stderr = _Shown(err, "text")
    try:
        return _run(args)
    finally:
        sys.stdout, sys.stderr = out, err


def _run(args) -> int:
    from .errors import MaturityError

    try:
        from . import commands

        return getattr(commands, f"cmd_{args.command}")(args)
    except MaturityError as exc:
        for p in exc.problems:
            print(f"maturity: {p.line()}", file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # a bug: one line, the debug switch shows the traceback
        if os.environ.get("MATURITY_DEBUG") == "1":
            raise
        print(f"maturity: internal error ({type(exc).__name__}: {exc}) — please report it; "
              "MATURITY_DEBUG=1 shows the details", file=sys.stderr)
        return EXIT_BUG


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
