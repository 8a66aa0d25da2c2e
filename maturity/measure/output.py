"""What `maturity measure` prints: the column mapping to confirm, and what each probe found (aggregates only)."""

from __future__ import annotations

from ..probes import ANSWER_TEXT, period_text

WORDS = {
    "data": ("Data (check the mapping; correct it with --map TABLE.COLUMN=SOURCE_COLUMN)",
             "数据（请核对列映射；用 --map 表.列=源列 更正）"),
    "rows": ("rows", "行"),
    "not_read": ("not read", "未读取"),
    "not_used": ("not used", "未使用"),
    "no_table": ("its columns match no probe's table", "其列与任何探针的表都不匹配"),
    "probes": ("Probes", "探针"),
    "records": ("records", "条记录"),
    "suggests": ("suggests", "建议"),
    "answered": ("answered", "已作答"),
    "skipped": ("not run", "未运行"),
    "relation": ("relation per {grain}: Spearman ρ = {rho} over n = {n}", "按{grain}的关系：斯皮尔曼 ρ = {rho}，n = {n}"),
    "too_few": ("relation per {grain}: not enough data to say (n = {n}, fewer than {min})",
                "按{grain}的关系：数据不足，无法判断（n = {n}，少于 {min}）"),
    "off": ("switched off", "已关闭"),
    "saved": ("Saved {file}: {i} indicator values, {s} suggested answers — answers unchanged; accept suggestions in "
              "the TUI (key m)", "已保存 {file}：{i} 个指标值，{s} 条建议作答——原有作答未改动；在界面中接受建议（m 键）"),
    "dry": ("Not saved (--dry-run): {i} indicator values, {s} suggested answers",
            "未保存（--dry-run）：{i} 个指标值，{s} 条建议作答"),
}


def w(key: str, lang: str) -> str:
    en, zh = WORDS[key]
    return zh if lang == "zh" else en


def fmt_value(v: float) -> str:
    if abs(v) >= 100:
        return f"{v:,.0f}"
    return f"{v:,.1f}" if abs(v - round(v)) > 1e-9 else f"{v:,.0f}"


def text_lines(result, new, cat, lang: str = "en") -> list[str]:
    out = [w("data", lang)]
    for src in result.sources:
        t = result.tables[src.table].table
        enc = f" · {src.encoding}" if src.encoding else ""
        hdr = f" · {src.header_rows}-row header" if src.header_rows > 1 else ""
        out.append(f"  {src.name} → {t.id} ({t.zh if lang == 'zh' else t.en}) · {src.rows:,} {w('rows', lang)} · "
                   f"{src.format}{enc}{hdr} · sha256 {src.sha256[:12]}")
        out.append("    " + " · ".join(f"{cid} ← {h}" for cid, h in src.mapping.items()))
        rest = [h for h in src.headers if h not in src.mapping.values()]
        if rest:
            out.append(f"    {w('not_read', lang)}: {', '.join(rest)}")
    for src, why in result.unused:
        out.append(f"  {src.name}: {w('not_used', lang)} — {w('no_table', lang)}")
    out.append(w("probes", lang))
    for o in result.outcomes:
        name = o.probe.zh if lang == "zh" else o.probe.en
        if o.status == "skipped":
            out.append(f"  {o.probe.id} v{o.probe.version} ({name}): {w('skipped', lang)} — {o.reason}")
            continue
        if o.status == "off":
            out.append(f"  {o.probe.id} v{o.probe.version} ({name}): {w('off', lang)} — {o.reason}")
            continue
        out.append(f"  {o.probe.id} v{o.probe.version} ({name}) · {o.seconds:.2f} s")
        for iv in o.data.indicators:
            m = new.measured.indicators.get(iv.indicator)
            unit = m.unit if m else iv.unit
            per = period_text(iv.period, lang)
            out.append(f"    {iv.indicator} = {fmt_value(iv.value)} {unit} ({iv.records:,} {w('records', lang)}"
                       f"{', ' + per if per else ''})")
        for sg in o.data.suggestions:
            scope, crit = sg.criterion.rsplit(".", 1)
            ans = new.answer_for(scope, crit)
            have = f" [{w('answered', lang)} {ANSWER_TEXT.get(ans.answer, (ans.answer, ans.answer))[lang == 'zh']}]" \
                if ans is not None and ans.answer else ""
            out.append(f"    {sg.criterion} → {w('suggests', lang)} {ANSWER_TEXT[sg.answer][lang == 'zh']}{have}: "
                       f"{sg.zh if lang == 'zh' else sg.en}")
        for r in o.data.relations:
            from ..probes import MIN_RELATION_N

            grain = {"person": "人", "team": "团队", "day": "天", "week": "周", "month": "月"}.get(r.grain, r.grain) \
                if lang == "zh" else r.grain
            said = w("relation", lang).format(grain=grain, rho=f"{r.rho:+.2f}", n=r.n) if r.rho is not None else \
                w("too_few", lang).format(grain=grain, n=r.n, min=MIN_RELATION_N)
            out.append(f"    {r.behaviour} ~ {r.result}: {said}")
    return out


def json_data(result, new) -> dict:
    m = new.measured
    return {
        "schema": "maturity.measure/1",
        "sources": [{"file": s.name, "table": s.table, "format": s.format, "encoding": s.encoding, "rows": s.rows,
                     "header_rows": s.header_rows, "sha256": s.sha256, "mapping": s.mapping} for s in result.sources],
        "unused": [{"file": s.name, "why": why} for s, why in result.unused],
        "probes": [{"id": o.probe.id, "version": o.probe.version, "plugin": o.probe.plugin, "status": o.status,
                    "reason": o.reason, "seconds": round(o.seconds, 3)} for o in result.outcomes],
        "indicators": {k: v.model_dump(mode="json", exclude_none=True) for k, v in m.indicators.items()},
        "suggestions": {s: {c: v.model_dump(mode="json", exclude_none=True) for c, v in cs.items()}
                        for s, cs in m.suggestions.items()},
        "relations": [r.model_dump(mode="json") for r in m.relations],
    }
