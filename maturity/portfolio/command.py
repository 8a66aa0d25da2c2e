"""``maturity portfolio DIR… [--all] [--by DIMS] [--store PATH] [--parquet OUT] [-f text|json|markdown]``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ..engine.scoring import STAGE_NAMES
from . import MIN_GROUP, build, connect, export_parquet, store_path
from .query import distributions, parse_by

SCHEMA = "maturity.portfolio/1"

WORDS = {
    "title": ("Portfolio", "客户组合"),
    "latest": ("the latest snapshot per client and system", "每个客户和系统取最新一次快照"),
    "all": ("every snapshot, with its date", "全部快照（按日期）"),
    "summary": ("{snapshots:,} snapshots of {clients:,} clients ({which}), {frm} … {to}",
                "{clients:,} 个客户的 {snapshots:,} 份快照（{which}），{frm} … {to}"),
    "store": ("store {store}: {read:,} read, {unchanged:,} unchanged, {removed:,} removed, {skipped:,} skipped",
              "分析库 {store}：读取 {read:,}，未变 {unchanged:,}，移除 {removed:,}，跳过 {skipped:,}"),
    "rescored": ("plugin content changed: every snapshot scored again", "插件内容已变化：全部快照重新计分"),
    "hidden": ("{n:,} group(s) of fewer than {min} clients not shown", "{n:,} 个不足 {min} 家客户的分组未显示"),
    "overall": ("Overall level", "整体等级"),
    "domains": ("Domains", "业务领域"),
    "scopes": ("Scopes", "业务范畴"),
    "group": ("group", "分组"),
    "all_clients": ("all clients", "全部客户"),
    "n": ("n", "数量"),
    "level": ("level q1 · median · q3", "等级 下四分位 · 中位 · 上四分位"),
    "stages": ("stage 0·1·2·3·4", "阶段 0·1·2·3·4"),
    "lowest": ("lowest 0·1·2·3·4", "最低阶段 0·1·2·3·4"),
    "practice": ("practice 0·1·2·3·4", "实际作业 0·1·2·3·4"),
    "scope": ("scope", "业务范畴"),
    "domain": ("domain", "领域"),
    "parquet": ("Parquet written: {files}", "已写出 Parquet：{files}"),
    "legend": ("stages: 0 offline · 1 structured · 2 online · 3 digital · 4 intelligent; counts of clients",
               "阶段：0 线下 · 1 结构化 · 2 在线化 · 3 数字化 · 4 智能化；数值为客户数"),
}


def wd(key: str, lang: str, **kw) -> str:
    en, zh = WORDS[key]
    return (zh if lang == "zh" else en).format(**kw)


def _warn(line: str) -> None:
    print(f"maturity: {line}", file=sys.stderr)


def portfolio_command(args, cat) -> int:
    lang = args.lang or "en"
    by = parse_by(args.by)
    store = store_path(args.dirs, args.store)
    stats = build(cat, args.dirs, store, plugins=getattr(args, "plugins", []) or [], jobs=args.jobs)
    for p in stats.skipped[:10]:
        _warn(f"skipped {p.line()}")
    if len(stats.skipped) > 10:
        _warn(f"skipped {len(stats.skipped) - 10} more files that do not load")
    con = connect(store, read_only=True)
    try:
        data = distributions(con, by, latest=not args.all, scope=args.scope)
    finally:
        con.close()
    names = {d: cat.domains[d].name.get(lang) for d in cat.domains}
    snames = {s: cat.scopes[s].name.get(lang) for s in cat.scopes}
    out = {"schema": SCHEMA, "latest_only": not args.all, "by": by, "min_group": MIN_GROUP,
           "build": {"files": stats.files, "read": stats.read, "unchanged": stats.unchanged, "removed": stats.removed,
                     "skipped": len(stats.skipped), "rescored": stats.rescored},
           **data}
    for d in out["domains"]:
        d["name"] = names.get(d["domain"], d["domain"])
    for s in out["scopes"]:
        s["name"] = snames.get(s["scope"], s["scope"])
    if args.parquet:
        files = export_parquet(store, Path(args.parquet))
        out["parquet"] = [str(f) for f in files]
    if args.format == "json":
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    print("\n".join(markdown_lines(out, lang, str(store)) if args.format == "markdown"
                    else text_lines(out, lang, str(store))))
    return 0


def _group(g: dict, lang: str) -> str:
    return " · ".join("—" if v is None else str(v) for v in g.values()) or wd("all_clients", lang)


def _q(lv: dict) -> str:
    return " · ".join("—" if lv[k] is None else f"{lv[k]:.2f}" for k in ("q1", "median", "q3"))


def _d(dist: dict) -> str:
    return "·".join(str(dist[s]) for s in STAGE_NAMES)


def _tables(out: dict, lang: str):
    by = out["by"]
    gh = [" / ".join(by) or wd("group", lang)]
    yield wd("overall", lang), gh + [wd("n", lang), wd("level", lang), wd("lowest", lang)], [
        [_group(r["group"], lang), f"{r['clients']:,}" if out["latest_only"] else f"{r['n']:,}", _q(r["level"]),
         _d(r["lowest_stages"])] for r in out["overall"]]
    yield wd("domains", lang), [wd("domain", lang)] + gh + [wd("n", lang), wd("level", lang), wd("lowest", lang)], [
        [r["name"], _group(r["group"], lang), f"{r['n']:,}", _q(r["level"]), _d(r["lowest_stages"])]
        for r in out["domains"]]
    yield wd("scopes", lang), [wd("scope", lang)] + gh + [wd("n", lang), wd("level", lang), wd("stages", lang),
                                                          wd("practice", lang)], [
        [r["scope"], _group(r["group"], lang), f"{r['n']:,}", _q(r["level"]), _d(r["stages"]), _d(r["practice"])]
        for r in out["scopes"]]


def _head_lines(out: dict, lang: str, store: str) -> list[str]:
    b = out["build"]
    which = wd("latest" if out["latest_only"] else "all", lang)
    lines = [wd("summary", lang, snapshots=out["snapshots"], clients=out["clients"], which=which,
                frm=out["from"] or "—", to=out["to"] or "—"),
             wd("store", lang, store=store, read=b["read"], unchanged=b["unchanged"], removed=b["removed"],
                skipped=b["skipped"])]
    if b["rescored"]:
        lines.append(wd("rescored", lang))
    hidden = sum(out["hidden"].values())
    if hidden:
        lines.append(wd("hidden", lang, n=hidden, min=MIN_GROUP))
    lines.append(wd("legend", lang))
    if out.get("parquet"):
        lines.append(wd("parquet", lang, files=", ".join(out["parquet"])))
    return lines


def text_lines(out: dict, lang: str, store: str) -> list[str]:
    from ..report.tables import text_table

    lines = [f"{wd('title', lang)} — " + _head_lines(out, lang, store)[0], *_head_lines(out, lang, store)[1:], ""]
    for title, head, rows in _tables(out, lang):
        if rows:
            lines += [title, text_table(head, rows), ""]
    return [_one_line(x) if "\n" not in x else x for x in lines]


def markdown_lines(out: dict, lang: str, store: str) -> list[str]:
    from ..report.markdown import md_escape as e
    from ..report.tables import markdown_table as _table

    lines = [f"# {e(wd('title', lang))}", ""] + [f"- {e(x)}" for x in _head_lines(out, lang, store)] + [""]
    for title, head, rows in _tables(out, lang):
        if rows:
            lines += [f"## {e(title)}", ""] + _table(head, [[e(c) for c in r] for r in rows])
    return lines


def _one_line(text: str) -> str:
    return text
