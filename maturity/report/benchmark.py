"""The client against its peers (``maturity report FILE --benchmark DIR``): per scope, the peer group's quartiles
and where the client stands.

Peers come from the portfolio store of DIR (built or updated first, ``maturity.portfolio``). The peer group is the
narrowest of customer form + sales cycle + collaboration, customer form + sales cycle, customer form, or the whole
portfolio, that holds at least ``MIN_GROUP`` other clients (the client itself is never its own peer). A scope with
fewer than ``MIN_GROUP`` assessed peers is not compared. Only aggregates come out: counts, quartiles, medians —
never another client's name, note or answer (the store does not even hold them).
"""

from __future__ import annotations

import sys

BENCHMARK_SCHEMA = "maturity.benchmark/1"
LADDER = (("customer_form", "sales_cycle", "collaboration"), ("customer_form", "sales_cycle"), ("customer_form",), ())

LABELS = {
    "customer_form": {"big_b": ("big-B", "大B"), "small_b": ("small-B", "小B"), "consumer": ("consumer", "C端")},
    "sales_cycle": {"short": ("short-cycle", "短周期"), "medium": ("medium-cycle", "中周期"), "long": ("long-cycle", "长周期")},
    "collaboration": {"solo": ("solo-selling", "单兵销售"), "team": ("team-selling", "团队协同"),
                      "channel": ("channel-selling", "渠道销售"), "mixed": ("direct and channel", "直销加渠道"),
                      "telesales": ("telesales-led", "电销主导")},
}
POSITIONS = {
    "top": ("top quartile", "前四分之一"),
    "upper": ("above the median", "中位数以上"),
    "lower": ("below the median", "中位数以下"),
    "bottom": ("bottom quartile", "后四分之一"),
}
WORDS = {
    "clients": ("{label} clients", "{label}客户"),
    "all": ("clients in the portfolio", "组合中的客户"),
    "position": ("{pos} of {group}, n={n}", "处于{group}的{pos}（n={n}）"),
    "none": ("Fewer than {min} comparable clients in the portfolio: no benchmark is shown.",
             "组合中可比客户不足 {min} 家：不显示对标。"),
    "head": ("Against peers", "同行对标"),
    "intro": ("Peer group: {group} (n={n}, the latest snapshot of each, this client excluded). Levels: 0 offline … "
              "4 intelligent. Groups of fewer than {min} clients are never shown; only aggregates.",
              "同行组：{group}（n={n}，各取最新一次快照，不含本客户）。等级：0 线下 … 4 智能化。不足 {min} 家的分组一律不显示，只显示汇总。"),
    "peer_q": ("peers q1 · median · q3", "同行 下四分位 · 中位 · 上四分位"),
    "yours": ("this client", "本客户"),
    "position_h": ("position", "位置"),
    "n": ("n", "样本数"),
    "too_few": ("{n} scope(s) with fewer than {min} assessed peers are not compared.",
                "{n} 个业务范畴的同行样本不足 {min} 家，未作对比。"),
    "stage_median": ("peers' median stage", "同行阶段中位"),
}


def bw(key: str, lang: str, **kw) -> str:
    en, zh = WORDS[key]
    return (zh if lang == "zh" else en).format(**kw)


def group_label(group: dict, lang: str) -> str:
    if not group:
        return bw("all", lang)
    parts = []
    for dim, value in group.items():
        words = []
        for v in (value or "").split("+"):
            en_zh = LABELS.get(dim, {}).get(v)
            words.append((en_zh[1] if lang == "zh" else en_zh[0]) if en_zh else v)
        parts.append(" + ".join(words))
    return bw("clients", lang, label=("、" if lang == "zh" else ", ").join(parts))


def position(level: float | None, q: dict) -> str | None:
    if level is None or q["median"] is None:
        return None
    if level >= q["q3"]:
        return "top"
    if level >= q["median"]:
        return "upper"
    if level >= q["q1"]:
        return "lower"
    return "bottom"


def _median_stage(dist: dict) -> str:
    total = sum(dist.values())
    acc = 0
    for name, n in dist.items():
        acc += n
        if acc * 2 >= total:
            return name
    return next(iter(dist))


def benchmark_data(cat, a, dirs, lang: str = "en", store: str | None = None, plugins=()) -> dict:
    """The benchmark section of the report as plain data (schema ``maturity.benchmark/1``)."""
    from ..engine.renames import carry_answers
    from ..engine.scoring import STAGE_NAMES, score
    from ..portfolio import MIN_GROUP, _dim, build, client_key, connect, store_path
    from ..portfolio.query import distributions

    path = store_path(dirs, store)
    stats = build(cat, dirs, path, plugins=plugins)
    if stats.skipped:
        print(f"maturity: benchmark: skipped {len(stats.skipped)} portfolio file(s) that do not load "
              f"(`maturity portfolio {dirs[0]}` lists them)", file=sys.stderr)
    own = client_key(a.meta.client, a.meta.system)
    res = score(cat, carry_answers(cat, a)[0])
    con = connect(path, read_only=True)
    try:
        chosen, data = None, None
        for dims in LADDER:
            filters = {d: _dim(a.profile, d) for d in dims}
            if any(v is None for v in filters.values()):
                continue
            data = distributions(con, [], latest=True, filters=filters, exclude_key=own)
            if data["clients"] >= MIN_GROUP:
                chosen = filters
                break
    finally:
        con.close()
    out = {"schema": BENCHMARK_SCHEMA, "min_group": MIN_GROUP, "group": None, "overall": None, "scopes": {},
           "domains": {}, "not_compared": [], "note": None, "intro": None, "not_compared_text": None,
           "labels": {k: bw(k, lang) for k in ("head", "yours", "peer_q", "position_h", "n", "stage_median")}}
    if chosen is None:
        out["note"] = bw("none", lang, min=MIN_GROUP)
        return out
    label = group_label(chosen, lang)
    out["group"] = {"dimensions": chosen, "label": label, "clients": data["clients"]}
    out["intro"] = bw("intro", lang, group=label, n=data["clients"], min=MIN_GROUP)

    def entry(level, row, name):
        q = row["level"]
        pos = position(level, q)
        return {"name": name, "level": None if level is None else round(level, 4), "n": row["n"],
                "q1": q["q1"], "median": q["median"], "q3": q["q3"], "position": pos,
                "position_text": bw("position", lang, pos=POSITIONS[pos][lang == "zh"], group=label, n=row["n"])
                if pos else None}

    if data["overall"]:
        out["overall"] = entry(res.overall.level, data["overall"][0], None)
    for row in data["domains"]:
        d = row["domain"]
        if d in res.domains and d in cat.domains:
            out["domains"][d] = entry(res.domains[d].level, row, cat.domains[d].name.get(lang))
    rows = {r["scope"]: r for r in data["scopes"]}
    for sid, r in res.scopes.items():
        if not r.counted:
            continue
        row = rows.get(sid)
        if row is None:
            out["not_compared"].append(sid)
            continue
        e = entry(r.level, row, cat.scopes[sid].name.get(lang))
        e["stage"] = STAGE_NAMES[r.reached]
        e["peer_median_stage"] = _median_stage(row["stages"])
        out["scopes"][sid] = e
    if out["not_compared"]:
        out["not_compared_text"] = bw("too_few", lang, n=len(out["not_compared"]), min=MIN_GROUP)
    return out


def benchmark_markdown_lines(b: dict, lang: str) -> list[str]:
    from .markdown import md_escape as e
    from .tables import markdown_table as _table

    L = [f"## {e(bw('head', lang))}", ""]
    if b["group"] is None:
        return L + [e(b["note"]), ""]
    L += [e(b["intro"]), ""]

    def row(x):
        return [e(x["name"] or ""), "—" if x["level"] is None else f"{x['level']:.2f}",
                f"{x['q1']:.2f} · {x['median']:.2f} · {x['q3']:.2f}", e(x["position_text"] or "—")]

    head = ["", bw("yours", lang), bw("peer_q", lang), bw("position_h", lang)]
    rows = []
    if b["overall"]:
        rows.append(row({**b["overall"], "name": "overall" if lang != "zh" else "整体"}))
    rows += [row(x) for x in b["domains"].values()]
    rows += [row(x) for x in b["scopes"].values()]
    L += _table(head, rows)
    if b["not_compared"]:
        L += [e(bw("too_few", lang, n=len(b["not_compared"]), min=b["min_group"])), ""]
    return L
