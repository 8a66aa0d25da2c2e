"""Measured indicators across snapshots: each figure's trend (`history`, the HTML report) and, between two
snapshots, whether a figure comes from different data (`diff`: a source file's content hash differs).

Light on purpose: it reads only the snapshots' ``[measured]`` sections (aggregates and provenance), never data.
"""

from __future__ import annotations

WORDS: dict[str, tuple[str, str]] = {
    "head": ("Measured indicators over time", "测量指标的变化"),
    "diff_head": ("Measured indicators", "测量指标"),
    "indicator": ("indicator", "指标"),
    "trend": ("trend", "趋势"),
    "same_data": ("same data", "同一数据"),
    "other_data": ("different data: {files}", "数据不同：{files}"),
    "new_measure": ("measured only in the new snapshot", "仅新快照有测量"),
    "dropped_measure": ("measured only in the old snapshot", "仅旧快照有测量"),
    "note_other": ("{n} measured figure(s) come from different data (a source file's content hash differs): compare "
                   "them knowing that.", "{n} 个测量值来自不同的数据（源文件内容哈希不同）：对比时请注意。"),
    "changed_mark": ("† computed from different data than the snapshot before (another source file hash)",
                     "† 与上一个快照相比来自不同的数据（源文件哈希不同）"),
}


def mw(key: str, lang: str, **kw) -> str:
    en, zh = WORDS[key]
    return (zh if lang == "zh" else en).format(**kw)


def fmt(v) -> str:
    if v is None:
        return "—"
    if abs(v) >= 100:
        return f"{v:,.0f}"
    return f"{v:,.1f}" if abs(v - round(v)) > 1e-9 else f"{v:,.0f}"


def _name(cat, iid: str, lang: str) -> str:
    ind = cat.indicators.get(iid) if cat is not None else None
    return ind.name.get(lang) if ind is not None else iid


def _unit(cat, iid: str, m) -> str:
    if m is not None and m.unit:
        return m.unit
    ind = cat.indicators.get(iid) if cat is not None else None
    return ind.unit if ind is not None else ""


def _same_data(a, b) -> bool:
    return set(a.sha256) == set(b.sha256)


def _changed_files(a, b) -> list[str]:
    """The source files whose content differs between two measurements (by name; a file only one has counts)."""
    old = dict(zip(a.files, a.sha256))
    new = dict(zip(b.files, b.sha256))
    out = [f"{f} ({old[f][:8]} → {new[f][:8]})" for f in new if f in old and old[f] != new[f]]
    out += [f"{f} (+)" for f in new if f not in old]
    out += [f"{f} (−)" for f in old if f not in new]
    if not out:  # same names, hashes in another order or duplicated: say the hashes
        out = [", ".join(h[:8] for h in a.sha256) + " → " + ", ".join(h[:8] for h in b.sha256)]
    return out


def measured_changes(cat, old, new, lang: str = "en") -> list[dict]:
    """Per measured indicator in either snapshot: the two values, the change and whether they come from the same
    data (the same source file hashes)."""
    om = old.measured.indicators if old.measured is not None else {}
    nm = new.measured.indicators if new.measured is not None else {}
    out = []
    for iid in sorted(set(om) | set(nm)):
        a, b = om.get(iid), nm.get(iid)
        kind = "new" if a is None else "dropped" if b is None else "same_data" if _same_data(a, b) else "other_data"
        out.append({
            "id": iid, "name": _name(cat, iid, lang), "unit": _unit(cat, iid, b or a),
            "old": a.value if a else None, "new": b.value if b else None,
            "change": round(b.value - a.value, 4) if a and b else None,
            "data": kind, "changed_files": _changed_files(a, b) if kind == "other_data" else [],
            "old_sha256": list(a.sha256) if a else [], "new_sha256": list(b.sha256) if b else [],
            "old_probe": f"{a.probe} v{a.probe_version}" if a else None,
            "new_probe": f"{b.probe} v{b.probe_version}" if b else None,
        })
    return out


def data_word(x: dict, lang: str) -> str:
    if x["data"] == "other_data":
        return mw("other_data", lang, files=", ".join(x["changed_files"]))
    return mw({"new": "new_measure", "dropped": "dropped_measure", "same_data": "same_data"}[x["data"]], lang)


def indicator_trends(cat, entries, lang: str = "en") -> dict:
    """Each measured indicator's value in each snapshot (in the order of ``entries``, None where not measured), and
    whether that value came from other data than the snapshot before it."""
    ids = sorted({i for _, a in entries if a.measured is not None for i in a.measured.indicators})
    out = {}
    for iid in ids:
        values, prev = [], None
        for _, a in entries:
            m = a.measured.indicators.get(iid) if a.measured is not None else None
            if m is None:
                values.append(None)
                continue
            values.append({"value": m.value, "records": m.records, "probe": m.probe, "probe_version": m.probe_version,
                           "sha256": list(m.sha256), "other_data": prev is not None and not _same_data(prev, m)})
            prev = m
        out[iid] = {"name": _name(cat, iid, lang), "unit": _unit(cat, iid, None), "values": values,
                    "trend": trend_arrow([v["value"] if v else None for v in values])}
    return out


def trend_arrow(values) -> str:
    """↑, ↓ or → from the first to the last measured value (± 1% of the first counts as flat); "" with fewer than two."""
    got = [v for v in values if v is not None]
    if len(got) < 2:
        return ""
    first, last = got[0], got[-1]
    if abs(last - first) <= abs(first) * 0.01:
        return "→"
    return "↑" if last > first else "↓"


def trend_table(hist: dict, lang: str) -> tuple[list[str], list[list[str]]]:
    """Header and rows (plain text, not escaped): one row per measured indicator, one column per snapshot."""
    head = [mw("indicator", lang), *(s["date"] for s in hist["snapshots"]), mw("trend", lang)]
    rows = []
    for iid, t in hist.get("indicators", {}).items():
        cells = [("—" if v is None else fmt(v["value"]) + (" †" if v["other_data"] else "")) for v in t["values"]]
        rows.append([f"{t['name']} ({t['unit']})" if t["unit"] else t["name"], *cells, t["trend"]])
    return head, rows


def any_other_data(hist: dict) -> bool:
    return any(v and v["other_data"] for t in hist.get("indicators", {}).values() for v in t["values"])
