"""The `maturity` command's actions (argparse lives in cli.py, which stays light)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from .exitcodes import EXIT_FINDINGS, EXIT_OK
from .errors import MaturityError, Problem, UsageError


def _warn(line: str) -> None:
    print(f"maturity: {line}", file=sys.stderr)


def catalogue_for(args):
    from .plugins import load_catalogue

    cat = load_catalogue(getattr(args, "plugins", []))
    for info in cat.plugins:
        if info.status != "on":
            _warn(f"plugin {info.name} switched off: {info.reason}")
    return cat


def load(args, path: str | None = None, strict: bool = True, carry: bool = True):
    """Load the catalogue and a snapshot; unknown domains stop scoring (exit 2), other findings warn.
    With ``carry``, answers to criteria a plugin replaced count for their new ids (said as a warning)."""
    from .engine.renames import carry_answers
    from .snapshot import load_snapshot
    from .engine.findings import content_changes, profile_problems

    cat = catalogue_for(args)
    file = path or args.file
    a = load_snapshot(file)
    if strict:
        missing = [d for d in a.meta.domains if d not in cat.domains]
        unknown_scopes = sorted({s for s in a.answers if s.split(".")[0] not in cat.domains})
        problems = [Problem(file, "meta.domains", f'domain "{d}" is not provided by any loaded plugin',
                            f"install the plugin maturity-{d}, or load it with -p") for d in missing]
        problems += [Problem(file, f'answers."{s}"', "scope from a plugin that is not loaded",
                             f"install the plugin maturity-{s.split('.')[0]}, or load it with -p")
                     for s in unknown_scopes if s.split(".")[0] not in missing]
        if problems:
            raise MaturityError(problems)
    a, moves = carry_answers(cat, a) if carry else (a, ())
    if strict:
        for m in moves:
            old_scope, old_crit = m.old.rsplit(".", 1)
            _warn(Problem(file, f'answers."{old_scope}".{old_crit}',
                          f"criterion replaced by its plugin: the answer now counts for {m.new}",
                          "open and save the assessment to record it under the new id", "warning").line())
        for s, c in ((s, c) for s, cs in a.answers.items() for c in cs if c not in cat.criteria.get(s, {})):
            _warn(Problem(file, f'answers."{s}".{c}', "criterion unknown to the installed content; kept, not scored",
                          "run `maturity validate`").line())
        for p in content_changes(cat, a, file):
            _warn(p.line())
        for p in profile_problems(cat, a, file):
            _warn(p.line())
    return cat, a


def warn_unchecked(cat, result, file: str) -> None:
    """Dependencies `score` could not check: said once each, so a level never looks more checked than it is."""
    from .engine.explain import unchecked_text

    for sid, u in result.unchecked():
        if u.reason in ("not_assessed", "profile"):
            continue  # "not assessed" is in the scope table; a profile rule is a deliberate, explained choice
        _warn(Problem(file, f"{sid}", unchecked_text(u), "assess or load the required scope, or accept the gap",
                      "warning").line())


def _lang(args, a=None) -> str:
    return getattr(args, "lang", None) or (a.meta.language if a is not None else "en")


def _emit_json(data) -> int:
    print(json.dumps(data, ensure_ascii=False, indent=2))
    return EXIT_OK


def cmd_score(args) -> int:
    from .engine.analysis import analyse
    from .report.data import score_data

    cat, a = load(args)
    lang = _lang(args, a)
    an = analyse(cat, a)
    warn_unchecked(cat, an.result, args.file)
    if args.format == "json":
        return _emit_json(score_data(cat, an.result, lang))
    if args.format == "markdown":
        from .report.markdown import score_markdown

        print(score_markdown(cat, an, lang))
        return EXIT_OK
    from .report import terminal

    terminal.print_score(cat, an, lang)
    return EXIT_OK


def cmd_explain(args) -> int:
    from .engine.analysis import analyse
    from .engine.explain import explain_scope
    from .report.data import scope_data

    cat, a = load(args)
    lang = _lang(args, a)
    an = analyse(cat, a)
    scopes = list(an.result.scopes.values())
    if args.scope:
        if args.scope not in an.result.scopes:
            raise UsageError(Problem(args.file, args.scope, "is not a scope of this assessment",
                                     f"use one of: {', '.join(list(an.result.scopes)[:8])}…"))
        scopes = [an.result.scopes[args.scope]]
    from .measure.basis import basis, basis_lines, word

    if args.format == "json":
        data = {r.scope: scope_data(cat, an.result, r, lang, explain=True) for r in scopes}
        for sid, d in data.items():
            d["measured"] = basis(a, sid)  # which answers rest on measurement, which on judgement
        return _emit_json({"schema": "maturity.explain/1", "scopes": data})
    if args.format == "markdown":
        for r in scopes:
            lines = explain_scope(cat, an.result, r, lang)
            print(f"### {_md(lines[0])}\n")
            print("\n".join(f"- {_md(x.strip())}" for x in lines[1:]) + "\n")
            measured = basis_lines(a, r.scope, lang)
            if measured:
                print(f"{_md(word('head', lang))}:\n\n" + "\n".join(f"- {_md(x)}" for x in measured) + "\n")
        return EXIT_OK
    from .report import terminal

    terminal.print_explain(cat, an, scopes, lang)
    measured = [(r.scope, basis_lines(a, r.scope, lang)) for r in scopes]
    if any(lines for _, lines in measured):
        print(word("head", lang))
        for sid, lines in measured:
            for line in lines:
                print(f"  {sid}.{line}")
    return EXIT_OK


def _md(text: str) -> str:
    from .report.markdown import md_escape

    return md_escape(text)


def _analysed_output(args, data_fn, markdown_name: str, terminal_name: str) -> int:
    """The shared shape of roadmap and advise: load, analyse, then JSON, Markdown or terminal text."""
    from .engine.analysis import analyse

    cat, a = load(args)
    lang = _lang(args, a)
    an = analyse(cat, a)
    if args.format == "json":
        return _emit_json(data_fn(cat, an, lang))
    if args.format == "markdown":
        from .report import markdown

        print(getattr(markdown, markdown_name)(cat, an, lang))
        return EXIT_OK
    from .report import terminal

    getattr(terminal, terminal_name)(cat, an, lang)
    return EXIT_OK


def cmd_roadmap(args) -> int:
    from .report.data import roadmap_data

    return _analysed_output(args, roadmap_data, "roadmap_markdown", "print_roadmap")


def cmd_advise(args) -> int:
    from .report.data import advice_data

    return _analysed_output(args, advice_data, "advice_markdown", "print_advice")


def cmd_validate(args) -> int:
    from .engine.findings import findings

    cat, a = load(args, strict=False, carry=False)  # findings carry the answers and say so
    found = findings(cat, a, args.file)
    if args.format == "json":
        _emit_json({"schema": "maturity.validate/1", "file": args.file, "findings": [
            {"where": p.where, "what": p.what, "fix": p.fix, "severity": p.severity} for p in found]})
    else:
        for p in found:
            print(f"{p.severity}: {p.line()}")
        errors = sum(1 for p in found if p.severity == "error")
        warnings = len(found) - errors
        print(f"{args.file}: {errors} problem{'' if errors == 1 else 's'}, {warnings} warning{'' if warnings == 1 else 's'}"
              if found else f"{args.file}: no problems")
    return EXIT_FINDINGS if found else EXIT_OK


def cmd_plugins(args) -> int:
    action = getattr(args, "plugins_command", None) or "list"
    if action == "new":
        from .scaffold import new_plugin

        return new_plugin(args)
    if action == "check":
        from .checker import check_command

        return check_command(args)
    from .plugins import load_catalogue

    cat = load_catalogue(args.plugins)
    if args.format == "json":
        return _emit_json([{"name": p.name, "version": p.version, "origin": p.origin, "status": p.status,
                            "reason": p.reason, "domains": p.domains, "fingerprint": p.fingerprint}
                           for p in cat.plugins])
    from .report import terminal

    terminal.print_plugins(cat)
    return EXIT_OK


def cmd_graph(args) -> int:
    from .report.graph import render_graph

    cat = catalogue_for(args)
    result = None
    lang = args.lang or "en"
    if args.file:
        from .engine.scoring import score

        _, a = load(args)
        result = score(cat, a)
        lang = args.lang or a.meta.language
    text = render_graph(cat, result, args.format, lang)
    if args.output:
        from .report.export import write_text

        write_text(Path(args.output), text if text.endswith("\n") else text + "\n")
        print(args.output)
    else:
        print(text)
    return EXIT_OK


def cmd_schema(args) -> int:
    from .model.assessment import Assessment

    return _emit_json(Assessment.model_json_schema())


def demo_path() -> Path:
    """The demo snapshot shipped with the repository (assessments/demo.toml) or the package."""
    here = Path(__file__).resolve().parent
    for candidate in (here.parent / "assessments" / "demo.toml", here / "data" / "demo.toml"):
        if candidate.is_file():
            return candidate
    raise UsageError("the demo snapshot assessments/demo.toml was not found — run from a clone of the repository")


def demo_copy() -> Path:
    """A working copy of the demo in the user's data folder: the original is never changed."""
    import shutil

    from platformdirs import user_data_path

    dest = user_data_path("maturity") / "demo-working-copy.toml"
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(demo_path(), dest)
    return dest


def cmd_demo(args) -> int:
    if args.print or not sys.stdout.isatty() and not _tui_forced():
        from .engine.analysis import analyse
        from .report import terminal

        cat, a = load(args, str(demo_path()))
        lang = args.lang or a.meta.language
        an = analyse(cat, a)
        terminal.print_score(cat, an, lang)
        return EXIT_OK
    return _run_tui(args, demo_copy(), new=False)


def _tui_forced() -> bool:
    import os

    return bool(os.environ.get("TEXTUAL_SCREENSHOT") or os.environ.get("MATURITY_FORCE_TUI"))


def cmd_open(args) -> int:
    path = Path(args.file)
    if path.is_dir():
        raise UsageError(Problem(str(path), "", "is a folder, not a snapshot", "give the path of a .toml file"))
    cat = None
    if path.exists():
        cat, _ = load(args, str(path), strict=False)  # reports problems before the screen opens
    return _run_tui(args, path, new=not path.exists(), catalogue=cat)


def _run_tui(args, path: Path, new: bool, catalogue=None) -> int:
    """The TUI on ``path``, with the catalogue already loaded when there is one (it is loaded once per command)."""
    try:
        from .tui.app import run
    except ImportError as exc:
        raise UsageError(f"the TUI is not available ({exc})") from None
    return run(path, new=new, lang=args.lang, plugins=args.plugins, catalogue=catalogue)


def cmd_report(args) -> int:
    from .report.export import write_report

    cat, a = load(args)
    if Path(args.output).suffix.lower() == ".xlsx":  # scores, roadmap and answers for people who work in Excel
        from .report.report_data import build_report
        from .xlsx import write_results

        write_results(build_report(cat, a, _lang(args, a)), Path(args.output))
        print(args.output)
        return EXIT_OK
    return write_report(cat, a, args)


def cmd_questionnaire(args) -> int:
    from .xlsx import write_questionnaire

    cat, a = load(args)
    n = write_questionnaire(cat, a, Path(args.output))
    print(f"{args.output}: {n} criteria")
    return EXIT_OK


def cmd_import(args) -> int:
    """Every problem of the spreadsheet is reported (by sheet and cell) before anything is saved."""
    from .snapshot import save_snapshot
    from .xlsx import import_answers

    cat, a = load(args)
    new, counts = import_answers(cat, a, Path(args.xlsx), args.participant)
    if counts["participant_added"]:
        _warn(f"{args.file}: participants: {args.participant} added (rename them in the TUI)")
    if not args.dry_run:
        save_snapshot(new, args.file)
    print(f"{args.file}: {counts['votes']} vote(s) of {args.participant} "
          f"({counts['settled_kept']} on settled answers, kept as they were), {counts['notes']} note(s)"
          + (" — dry run, not saved" if args.dry_run else ""))
    return EXIT_OK


def cmd_diff(args) -> int:
    from .report.diff import diff_command

    return diff_command(args)


def cmd_history(args) -> int:
    from .report.history_stream import history_command

    return history_command(args)


def cmd_portfolio(args) -> int:
    from .portfolio.command import portfolio_command

    return portfolio_command(args, catalogue_for(args))


def cmd_measure(args) -> int:
    """Measure the client's exports with every probe whose data is there; record aggregates in the snapshot.
    Bad data stops before anything is written: the snapshot is untouched."""
    import os

    from .measure import DEFAULT_TIMEOUT, measure, record
    from .measure.output import json_data, text_lines, w
    from .probes import collect_probes
    from .snapshot import save_snapshot

    cat, a = load(args)
    lang = _lang(args, a)
    found = collect_probes(cat, args.plugins)
    for pid, reason in found.off.items():
        _warn(f"probe {pid} switched off: {reason}")
    if not found.probes:
        raise UsageError(Problem(args.file, "", "no loaded plugin has a probe", "install a plugin that measures"))
    timeout = args.timeout or float(os.environ.get("MATURITY_PROBE_TIMEOUT") or DEFAULT_TIMEOUT)
    result = measure(cat, a, args.data, found.probes, args.map, timeout)
    new = record(a, result, cat)
    for o in result.outcomes:
        if o.status == "off":
            _warn(f"probe {o.probe.id} switched off: {o.reason}")
    n_i = sum(len(o.data.indicators) for o in result.outcomes if o.status == "ok")
    n_s = sum(len(o.data.suggestions) for o in result.outcomes if o.status == "ok")
    if not args.dry_run:
        save_snapshot(new, args.file)
    if args.format == "json":
        data = json_data(result, new)
        data["saved"] = not args.dry_run
        return _emit_json(data)
    print("\n".join(text_lines(result, new, cat, lang)))
    print(w("dry", lang).format(i=n_i, s=n_s) if args.dry_run else
          w("saved", lang).format(file=args.file, i=n_i, s=n_s))
    return EXIT_OK
