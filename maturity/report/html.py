"""The HTML report: one self-contained file (inline CSS and SVG, no script, no network) that prints on A4.

Rendered with jinja2 from ``templates/report.html.j2`` with autoescape on: every text in the data
is escaped by the template; the only markup passed in is the SVG this package draws, which escapes
its own text (``svg.esc``).
"""

from __future__ import annotations

from functools import lru_cache

from markupsafe import Markup

from ..engine.explain import answer_word
from ..engine.scoring import STAGE_INDEX
from .radar import ladder_svg, level_bars_svg, radar_svg
from .svg import FONT, STAGE_FILL, STAGE_STROKE, graph_legend_items, graph_svg, legend_svg
from .wording import INDICATORS_SHOWN, pct, stage_label, w
from .measured import mw as _mw


def _basis_line(x: dict, lang: str) -> str:
    from ..measure.basis import basis_line

    return basis_line(x, lang)


@lru_cache(maxsize=1)
def _env():
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    env = Environment(loader=PackageLoader("maturity.report", "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["pct"] = pct
    env.filters["lvl"] = lambda x: "—" if x is None else f"{x:.2f}"
    env.filters["sidx"] = lambda name: STAGE_INDEX.get(name, 0)
    from .measured import fmt

    env.filters["measure"] = fmt
    return env


def _charts(data: dict, cat, a) -> dict:
    lang = data["lang"]
    words = [stage_label(n, lang) for n in ("offline", "structured", "online", "digital", "intelligent")]
    score = data["score"]
    domains = list(score["domains"].values())
    hist = data.get("history")
    charts: dict = {"radar": None, "history": None, "graph": None, "legend": None, "ladders": {}, "sparks": {},
                     "other_data": False}
    if len(domains) >= 3:
        earlier = None
        snaps = hist["snapshots"] if hist else []
        if len(snaps) > 1 and snaps[0]["date"] != data["meta"]["date"]:
            first = snaps[0]["domains"]
            if all(first.get(d) is not None for d in score["domains"]):
                earlier = [first[d] for d in score["domains"]]
        charts["radar"] = radar_svg([(d["name"], d["level"] or 0.0) for d in domains], words, earlier,
                                    earlier_label=snaps[0]["date"] if earlier else "",
                                    now_label=data["meta"]["date"], title=w("radar_title", lang))
    else:
        scopes = [(s["name"], s["level"]) for s in score["scopes"].values() if s["level"] is not None]
        if len(scopes) >= 3:
            charts["radar"] = radar_svg(scopes, words, title=w("radar_scopes_title", lang))
        elif domains:
            charts["radar"] = level_bars_svg([(d["name"], d["level"] or 0.0) for d in domains], words, w("radar_title", lang))
    if hist and hist["snapshots"]:
        from .history import history_chart_svg

        charts["history"] = Markup(history_chart_svg(hist, lang))
        from .measured import any_other_data

        charts["other_data"] = any_other_data(hist)
        for iid, t in hist.get("indicators", {}).items():
            charts["sparks"][iid] = Markup(spark_svg([v["value"] if v else None for v in t["values"]]))
    if charts["radar"]:
        charts["radar"] = Markup(charts["radar"])
    for sid, s in score["scopes"].items():
        if s["level"] is None:
            charts["ladders"][sid] = Markup("")
            continue
        charts["ladders"][sid] = Markup(ladder_svg(s["level"], STAGE_INDEX[s["stage"]],
                                                   STAGE_INDEX[s["target"]] if s["target"] else None, s["capped"]))
    if cat is not None and a is not None and cat.scopes:
        from ..engine.scoring import score as score_fn

        result = score_fn(cat, a)
        charts["graph"] = Markup(graph_svg(cat, result, lang, w("graph", lang)))
        charts["legend"] = Markup(legend_svg(graph_legend_items(cat, result, lang)))
    return charts


def spark_svg(values, width: int = 72, height: int = 18) -> str:
    """A measured indicator's values across snapshots as a tiny line (numbers only; no text to escape)."""
    pts = [(i, v) for i, v in enumerate(values) if v is not None]
    if len(pts) < 2:
        return ""
    lo, hi = min(v for _, v in pts), max(v for _, v in pts)
    span = (hi - lo) or 1.0
    n = max(len(values) - 1, 1)
    xy = " ".join(f"{2 + (width - 4) * i / n:.1f},{height - 2 - (height - 4) * (v - lo) / span:.1f}" for i, v in pts)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="spark" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" aria-hidden="true"><polyline points="{xy}" fill="none" stroke="#1d1d1d" '
            f'stroke-width="1.5"/></svg>')


def report_html(data: dict, cat=None, a=None) -> str:
    """The report data (``writer.build_report``) as one self-contained HTML page."""
    lang = data["lang"]
    tmpl = _env().get_template("report.html.j2")
    groups: dict[str, list] = {}
    for x in data["answers"]:
        groups.setdefault(x["scope"], []).append(x)
    return tmpl.render(
        answer_groups=list(groups.items()),
        r=data, lang=lang, charts=_charts(data, cat, a),
        t=lambda key, **kw: w(key, lang, **kw),
        stage=lambda name: stage_label(name, lang),
        answer=lambda word: answer_word(word, lang),
        mw=lambda key, **kw: _mw(key, lang, **kw), basis=lambda x: _basis_line(x, lang),
        font=FONT, fills=STAGE_FILL, strokes=STAGE_STROKE, indicators_shown=INDICATORS_SHOWN,
    )
