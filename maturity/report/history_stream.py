"""`maturity history DIR` over many snapshots, in memory that does not grow with the number of files.

Each snapshot is read, scored (by ``history.history_data`` on that one snapshot, so the figures are the same) and
dropped; only its row of levels and its measured indicators (small) are kept. The rows are then put in date order
and the change from the previous snapshot is computed, as ``history_data`` does for snapshots held in memory.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from types import SimpleNamespace

from .history import _changed_note, _one_line, catalogue_for, history_table, trend_markdown_lines
from .tables import text_table
from .wording import w


def stream_history(cat, paths, lang: str | None = None) -> tuple[dict, str]:
    """(the ``maturity.history/1`` data, the language: ``lang`` or the newest snapshot's)."""
    from ..errors import SnapshotError
    from ..snapshot import load_snapshot
    from .history import HISTORY_SCHEMA, _client_key, history_data, snapshot_files

    named = {Path(p).resolve() for p in paths if not Path(p).is_dir()}
    rows, lite, skipped = [], [], []
    clients: dict[str, str] = {}
    domains: dict[str, str] = {}
    for p in snapshot_files(paths):
        try:
            a = load_snapshot(p)
        except SnapshotError as exc:
            if p.resolve() in named:
                raise
            skipped.append(exc.problems[0])
            continue
        one = history_data(cat, [(p, a)], lang or "en")
        row = one["snapshots"][0]
        rows.append(row)
        for name in one["clients"]:
            clients.setdefault(_client_key(name), name)
        for d, name in one["domains"].items():
            domains.setdefault(d, name)
        lite.append((p, SimpleNamespace(meta=SimpleNamespace(date=a.meta.date, language=a.meta.language),
                                        measured=a.measured)))
        del a, one
    if not rows:
        raise SnapshotError(skipped)
    for problem in skipped:
        print(f"maturity: skipped {problem.line()}", file=sys.stderr)
    order = sorted(range(len(rows)), key=lambda i: (rows[i]["date"], Path(rows[i]["file"]).name))
    rows = [rows[i] for i in order]
    lite = [lite[i] for i in order]
    lang = lang or lite[-1][1].meta.language
    if lang != "en":  # domain names in the language asked for
        domains = {d: cat.domains[d].name.get(lang) if d in cat.domains else n for d, n in domains.items()}
    prev = None
    for s in rows:
        s["change"] = round(s["overall"] - prev, 4) if prev is not None and s["overall"] is not None else None
        prev = s["overall"] if s["overall"] is not None else prev
        s["domains"] = {d: s["domains"].get(d) for d in domains}
    out = {"schema": HISTORY_SCHEMA, "clients": list(clients.values()), "clients_differ": len(clients) > 1,
           "domains": domains, "snapshots": rows}
    try:
        from .measured import indicator_trends
    except ImportError:  # pragma: no cover - before measured trends existed
        return out, lang
    out["indicators"] = indicator_trends(cat, lite, lang)
    return out, lang


def history_command(args) -> int:
    """``maturity history FILE…|DIR [--format text|json|markdown] [--lang]``."""
    cat = catalogue_for(args)
    hist, lang = stream_history(cat, args.paths, getattr(args, "lang", None))  # one snapshot in memory at a time
    if hist["clients_differ"]:
        print("maturity: " + w("clients_differ", "en", clients=", ".join(hist["clients"])) +
              " Compare only one client's snapshots.", file=sys.stderr)
    if args.format == "json":
        print(json.dumps(hist, ensure_ascii=False, indent=2))
        return 0
    head, rows = history_table(hist, lang)
    if args.format == "markdown":
        from .markdown import md_escape
        from .tables import markdown_table as _table

        client = hist["clients"][-1] if hist["clients"] else ""
        lines = [f"# {md_escape(w('history', lang))} — {md_escape(client)}", ""]
        lines += _table(head, [[md_escape(c) for c in r] for r in rows])
        if any(s["content_changed"] for s in hist["snapshots"]):
            lines += [md_escape("* " + _changed_note(lang)), ""]
        lines += trend_markdown_lines(hist, lang)
        print("\n".join(lines))
        return 0
    client = " / ".join(hist["clients"])
    print(f"{w('history', lang)} — {_one_line(client)}")
    print(text_table(head, [[_one_line(c) for c in r] for r in rows]))
    if any(s["content_changed"] for s in hist["snapshots"]):
        print("* " + _changed_note(lang))
    if hist["indicators"]:
        from .measured import any_other_data, mw, trend_table

        head, rows = trend_table(hist, lang)
        print()
        print(mw("head", lang))
        print(text_table(head, [[_one_line(c) for c in r] for r in rows]))
        if any_other_data(hist):
            print(mw("changed_mark", lang))
    return 0
