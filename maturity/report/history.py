"""`maturity history FILE…|DIR`: one client's snapshots in date order, levels over time.

Every snapshot is scored with the loaded content, so the figures compare like with like; a snapshot
saved with other content is marked. The same data feeds the table (text, Markdown, JSON) and the
chart of the HTML report (``maturity report FILE -o x.html --history DIR``).
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..engine.renames import carry_answers
from ..engine.scoring import STAGE_NAMES, score
from ..errors import Problem, UsageError
from .svg import FONT, STAGE_FILL, domain_colours, esc, fit, text_width
from .tables import display_width
from .wording import stage_label, w

HISTORY_SCHEMA = "maturity.history/1"


def snapshot_files(paths) -> list[Path]:
    """The snapshot files named, a folder standing for every ``*.toml`` directly in it."""
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(f for f in p.glob("*.toml") if f.is_file())
            if not found:
                raise UsageError(Problem(str(p), "", "has no .toml snapshots", "give a folder of snapshots, or the files"))
            out.extend(found)
        elif p.exists():
            out.append(p)
        else:
            raise UsageError(Problem(str(p), "", "no such file or folder", "check the path"))
    seen, unique = set(), []
    for p in out:
        key = p.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique


def collect(paths, warn: bool = False) -> list[tuple[Path, object]]:
    """Load every snapshot (migrating old schemas) and sort them by ``meta.date``, then by file name.

    A file named explicitly must load. A broken file found by scanning a folder is skipped with a
    one-line warning on stderr, so one bad file does not hide a client's whole history.
    """
    import sys

    from ..errors import SnapshotError
    from ..snapshot import load_snapshot

    named = {Path(p).resolve() for p in paths if not Path(p).is_dir()}
    entries, skipped = [], []
    for p in snapshot_files(paths):
        try:
            entries.append((p, load_snapshot(p)))
        except SnapshotError as exc:
            if p.resolve() in named:
                raise
            skipped.append(exc.problems[0])
    if not entries:
        raise SnapshotError(skipped)
    for problem in skipped:
        print(f"maturity: skipped {problem.line()}", file=sys.stderr)
    entries.sort(key=lambda e: (e[1].meta.date, e[0].name))
    return entries


def _client_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def history_data(cat, entries, lang: str = "en") -> dict:
    """Overall and domain levels of each snapshot, in date order (schema ``maturity.history/1``)."""
    entries = sorted(entries, key=lambda e: (e[1].meta.date, Path(e[0]).name))
    clients: dict[str, str] = {}
    domains: dict[str, str] = {}
    snaps = []
    prev = None
    for path, a in entries:
        clients.setdefault(_client_key(a.meta.client), a.meta.client)
        res = score(cat, carry_answers(cat, a)[0])
        for d in res.domains:
            domains.setdefault(d, cat.domains[d].name.get(lang))
        changed = sorted(name for name, rec in a.plugins.items()
                         if (info := cat.plugin(name)) is None or info.status != "on" or info.fingerprint != rec.fingerprint)
        o = res.overall
        snaps.append({
            "file": str(path), "client": a.meta.client, "date": a.meta.date.isoformat(),
            "overall": round(o.level, 4) if o.level is not None else None,
            "change": round(o.level - prev, 4) if prev is not None and o.level is not None else None,
            "lowest_stage": STAGE_NAMES[o.lowest] if o.lowest is not None else None,
            "completeness": round(o.completeness, 4),
            "domains": {d: round(agg.level, 4) for d, agg in res.domains.items() if agg.level is not None},
            "content_changed": changed,
        })
        prev = o.level if o.level is not None else prev
    for s in snaps:  # every row names every domain seen; None where a snapshot did not assess it
        s["domains"] = {d: s["domains"].get(d) for d in domains}
    from .measured import indicator_trends

    return {"schema": HISTORY_SCHEMA, "clients": list(clients.values()), "clients_differ": len(clients) > 1,
            "domains": domains, "snapshots": snaps, "indicators": indicator_trends(cat, entries, lang)}


def history_table(hist: dict, lang: str) -> tuple[list[str], list[list[str]]]:
    """Header and rows of plain text (not escaped: each format escapes them)."""
    head = [w("date", lang), w("overall", lang), "±", *hist["domains"].values(), w("lowest", lang),
            w("completeness", lang), w("file", lang)]
    rows = []
    for s in hist["snapshots"]:
        change = "" if s["change"] is None else f"{s['change']:+.2f}"
        rows.append([s["date"], "—" if s["overall"] is None else f"{s['overall']:.2f}", change,
                     *("—" if s["domains"][d] is None else f"{s['domains'][d]:.2f}" for d in hist["domains"]),
                     stage_label(s["lowest_stage"], lang) if s["lowest_stage"] else "—", f"{s['completeness'] * 100:.0f}%",
                     Path(s["file"]).name + (" *" if s["content_changed"] else "")])
    return head, rows


def history_chart_svg(hist: dict, lang: str) -> str:
    """Overall and domain levels over time as a line chart (x: the snapshots' dates, y: 0 offline … 4 intelligent)."""
    from ..engine.explain import stage_word

    snaps = hist["snapshots"]
    W, H = 720, 300
    left, right, top, bottom = 92, 40, 16, 56
    pw, ph = W - left - right, H - top - bottom
    ords = [_ordinal(s["date"]) for s in snaps]
    lo, hi = min(ords), max(ords)

    def x_of(i):
        if hi == lo:
            return left + (pw * (i + 0.5) / len(snaps) if len(snaps) > 1 else pw / 2)
        return left + pw * (ords[i] - lo) / (hi - lo)

    def y_of(v):
        return top + ph * (1 - max(0.0, min(v, 4.0)) / 4)

    title = w("history_chart", lang)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="history-chart" viewBox="0 0 {W} {H + 30}" width="{W}" '
           f'height="{H + 30}" role="img" aria-label="{esc(title)}" font-family="{esc(FONT)}">',
           f"<title>{esc(title)}</title>"]
    for st in range(4):  # stage bands
        out.append(f'<rect x="{left}" y="{y_of(st + 1):.1f}" width="{pw}" height="{ph / 4:.1f}" '
                   f'fill="{STAGE_FILL[st + 1]}" fill-opacity="0.35"/>')
    for st in range(5):
        y = y_of(st)
        out.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + pw}" y2="{y:.1f}" stroke="#d0d0d0"/>'
                   f'<text x="{left - 6}" y="{y + 4:.1f}" font-size="10.5" text-anchor="end" fill="#555">'
                   f"{st} {esc(fit(stage_word(st, lang), 10.5, left - 24))}</text>")
    step = max(1, len(snaps) // 8)
    for i, s in enumerate(snaps):
        if i % step == 0 or i == len(snaps) - 1:
            out.append(f'<text x="{x_of(i):.1f}" y="{top + ph + 16}" font-size="10.5" text-anchor="middle" '
                       f'fill="#333">{esc(s["date"])}</text>')
    colours = domain_colours(hist["domains"])
    series = [(d, name, colours[d], 1.8, "6 4") for d, name in hist["domains"].items()]
    for d, name, colour, width, dash in series:
        pts = [(x_of(i), y_of(s["domains"][d])) for i, s in enumerate(snaps) if s["domains"][d] is not None]
        if pts:
            out.append(f'<polyline points="{" ".join(f"{x:.1f},{y:.1f}" for x, y in pts)}" fill="none" '
                       f'stroke="{colour}" stroke-width="{width}" stroke-dasharray="{dash}"/>')
            out += [f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.6" fill="{colour}"/>' for x, y in pts]
    pts = [(x_of(i), y_of(s["overall"]), s["overall"]) for i, s in enumerate(snaps)]
    out.append(f'<polyline class="overall" points="{" ".join(f"{x:.1f},{y:.1f}" for x, y, _ in pts)}" fill="none" '
               f'stroke="#1d1d1d" stroke-width="3"/>')
    for x, y, v in pts:
        out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="#1d1d1d"/>'
                   f'<text x="{x:.1f}" y="{y - 9:.1f}" font-size="11" font-weight="700" text-anchor="middle">'
                   f"{v:.2f}</text>")
    lx, ly = left, H + 14
    items = [(w("overall", lang), "#1d1d1d", 3, "")] + [(name, c, wd, ds) for _, name, c, wd, ds in series]
    for label, colour, width, dash in items:
        label = fit(label, 11, 160)
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(f'<line x1="{lx}" y1="{ly - 4}" x2="{lx + 22}" y2="{ly - 4}" stroke="{colour}" '
                   f'stroke-width="{width}"{dash_attr}/><text x="{lx + 27}" y="{ly}" font-size="11">{esc(label)}</text>')
        lx += 40 + text_width(label, 11)
    out.append("</svg>")
    return "".join(out)


def _ordinal(date: str) -> int:
    import datetime as dt

    return dt.date.fromisoformat(date).toordinal()


def catalogue_for(args):
    """The loaded plugins' catalogue, each plugin switched off named on stderr (as the other commands do).

    The report package never imports the CLI (tests/test_architecture.py), so this is the few lines of
    ``commands.catalogue_for`` again.
    """
    from ..plugins import load_catalogue

    cat = load_catalogue(getattr(args, "plugins", []) or [])
    for info in cat.plugins:
        if info.status != "on":
            print(f"maturity: plugin {info.name} switched off: {info.reason}", file=sys.stderr)
    return cat


def trend_markdown_lines(hist: dict, lang: str) -> list[str]:
    """Each measured indicator's value per snapshot, as a Markdown table (none when nothing was measured)."""
    if not hist.get("indicators"):
        return []
    from .markdown import md_escape
    from .measured import any_other_data, mw, trend_table
    from .tables import markdown_table as _table

    head, rows = trend_table(hist, lang)
    out = [f"### {md_escape(mw('head', lang))}", ""] + _table(head, [[md_escape(c) for c in r] for r in rows])
    if any_other_data(hist):
        out += [md_escape(mw("changed_mark", lang)), ""]
    return out


def _changed_note(lang: str) -> str:
    return ("保存时所用插件内容与当前不同：按当前内容计分。" if lang == "zh"
            else "saved with other plugin content: scored with the content loaded now.")


def _one_line(text: str) -> str:
    """User text on one terminal line: control characters (escape sequences, newlines) shown as spaces."""
    return "".join(" " if (ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0) else ch for ch in text)


__all__ = ["collect", "history_data", "history_table", "history_chart_svg", "display_width"]
# `maturity history` itself (history_command) is in history_stream.py, which reads through these.
