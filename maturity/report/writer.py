"""`maturity report FILE -o OUT`: what the client leaves with, as Markdown, HTML or JSON.

One plain-data report (``build_report``, schema ``maturity.report/1``, documented in docs/report.md)
is made from the analysis; the JSON file is that data, and the Markdown and HTML renderings read
only that data, so the three formats always say the same thing. Every user or content text is
escaped for its format where it is written out.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

from ..engine.analysis import Analysis, analyse
from ..engine.explain import ANSWER_WORDS, answer_word, cap_text, scope_label, stage_word  # noqa: F401 (ANSWER_WORDS re-exported)
from ..engine.scoring import STAGE_INDEX, STAGE_NAMES, TOP
from ..atomic import write_atomic
from ..errors import Problem, UsageError
from ..model.content import ANSWER_ANCHORS, INDICATOR_TYPE_LABELS, RELATION_LABELS
from ..model.questions import PERSPECTIVES, STANCE_LABELS, TEAM_QUESTIONS
from .data import advice_data, roadmap_data, score_data
from .markdown import md_escape

REPORT_SCHEMA = "maturity.report/1"
INDICATORS_SHOWN = 20
"""Indicators shown with their reasons in Markdown and HTML; the rest are listed by name (JSON has all)."""
FORMATS = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html", ".json": "json"}

# ---------------------------------------------------------------- words

WORDS: dict[str, tuple[str, str]] = {
    "report_title": ("Maturity report", "成熟度评估报告"),
    "summary": ("Summary", "概要"),
    "overall_level": ("Overall level", "整体等级"),
    "of_four": ("of 4", "（满分 4）"),
    "headline": ("Beyond {stage}, {pct:.0f}% of the way to {next}.", "已过{stage}，迈向{next}已完成 {pct:.0f}%。"),
    "headline_below": ("On the way to {next}: {pct:.0f}% there.", "正迈向{next}：已完成 {pct:.0f}%。"),
    "headline_top": ("At the top of the ladder: {stage}.", "已处于阶梯顶端：{stage}。"),
    "headline_none": ("Nothing assessed yet: no level until a criterion is answered.", "尚未评估：作答任一评估项后才有等级。"),
    "assessed_n": ("{n} of {total} scopes assessed", "已评估 {n}/{total} 个业务范畴"),
    "not_assessed": ("not assessed", "尚未评估"),
    "switched_off": ("switched off", "已关闭"),
    "practice": ("Practice", "实际作业"),
    "works_at": ("works {stage} in practice", "实际作业已达{stage}"),
    "foundation_gap": ("Foundation gap", "基础缺口"),
    "gap_scopes": ("Work above their stage in practice (foundation gap)", "实际作业高于阶段（基础缺口）"),
    "anchors_head": ("What the answers mean", "作答等级的含义"),
    "not_applicable_by_profile": ("n/a by the profile", "画像规则判为不适用"),
    "unchecked_head": ("Dependencies not checked", "未检查的依赖"),
    "lowest_stage": ("Lowest stage", "最低阶段"),
    "lowest_scopes": ("at the lowest stage", "处于最低阶段"),
    "completeness": ("completeness", "完成度"),
    "answered_of": ("{answered} of {applicable} applicable criteria answered",
                    "已回答 {answered} / {applicable} 条适用评估项"),
    "threshold": ("threshold", "达标阈值"),
    "n_scopes": ("{n} scope{s}", "{n} 个业务范畴"),
    "stance": ("Stance of the product team", "产品团队的姿态"),
    "stance_now": ("now", "当前"),
    "stance_capable": ("able to hold", "能力可达"),
    "stance_take": ("take now", "建议现在采取"),
    "warnings": ("Warnings", "警示"),
    "facts": ("In numbers", "关键数字"),
    "fact_capped": ("{n} scope{s} held back by a dependency", "{n} 个业务范畴被依赖关系限制"),
    "fact_steps": ("{steps} roadmap step(s) in {waves} wave(s)", "路线图共 {steps} 步，分 {waves} 波"),
    "fact_indicators": ("{n} indicator{s} to start tracking", "{n} 个建议开始跟踪的指标"),
    "fact_disagreements": ("{n} disagreement{s} to settle", "{n} 处分歧待统一"),
    "fact_unknown": ("{n} answer(s) name criteria the loaded plugins do not know (kept, not scored)",
                     "{n} 条作答对应的评估项不在已加载插件中（已保留，不计分）"),
    "content_changed": ("Plugin {name} changed since the snapshot was saved (version {old} → {new}): scores may differ.",
                        "插件 {name} 的内容自保存快照后已变化（版本 {old} → {new}）：得分可能不同。"),
    "plugin_missing": ("Plugin {name} was used to save the snapshot but is not loaded.",
                       "保存快照时使用的插件 {name} 当前未加载。"),
    "domains": ("Domains", "业务领域"),
    "domain": ("domain", "领域"),
    "level": ("level", "等级"),
    "stage": ("stage", "阶段"),
    "lowest": ("lowest", "最低"),
    "scopes_n": ("scopes", "范畴数"),
    "radar_title": ("Levels by domain", "各领域等级"),
    "radar_scopes_title": ("Levels by scope", "各业务范畴等级"),
    "scopes": ("Scopes", "业务范畴"),
    "scope": ("scope", "业务范畴"),
    "target": ("target", "目标"),
    "off": ("off by profile", "画像关闭"),
    "decided_by": ("Why", "原因"),
    "capped_by": ("Capped by", "受限于"),
    "blocks_next": ("What blocks {stage}", "迈向{stage}的障碍"),
    "top_reached": ("Reached the top stage.", "已达到最高阶段。"),
    "weight_rule": ("Weight ×{factor:g}: {why}", "权重 ×{factor:g}：{why}"),
    "not_assessed_dep": ("{scope} is not assessed: that dependency is not checked", "未评估 {scope}：该依赖未检查"),
    "stage_scores": ("Stage scores", "各阶段得分"),
    "roadmap": ("Roadmap", "路线图"),
    "default_targets": ("No targets set: the roadmap aims at the next stage of every scope.",
                        "尚未设定目标：路线图以每个业务范畴的下一阶段为目标。"),
    "no_steps": ("Every target is reached: no steps left.", "所有目标均已达成，没有待办步骤。"),
    "wave": ("Wave {n}", "第 {n} 波"),
    "waits_on": ("waits on", "等待"),
    "pulled_in": ("needed by a later step", "后续步骤所需"),
    "todo_done": ("criteria met; waits only on the steps it needs", "评估项已满足，仅等待前置步骤"),
    "indicators": ("Next indicators to track", "下一步建议跟踪的指标"),
    "indicator": ("indicator", "指标"),
    "unit": ("unit", "单位"),
    "type": ("type", "类型"),
    "relation": ("relation", "关系"),
    "when": ("when", "时机"),
    "now": ("now", "现在"),
    "next_stage": ("next stage", "下一阶段"),
    "reason": ("reason", "理由"),
    "no_indicators": ("No indicator to add: every candidate is tracked already.", "没有新的建议指标：候选指标均已跟踪。"),
    "pairs": ("Behaviour → result to start proving", "需要开始证明的“行为 → 结果”"),
    "stance_details": ("Stance in detail", "姿态详情"),
    "to_move_up": ("To move up a stance", "要再上一级"),
    "single_points": ("Single points to lead (digital, intelligence within reach)", "可主导的单点（已数字化，可孵化智能化）"),
    "team_unanswered": ("Team questions not answered", "未回答的团队问题"),
    "disagreements": ("Disagreements to settle", "待统一的分歧"),
    "answers": ("The team's answers and evidence", "团队的作答与证据"),
    "criterion": ("criterion", "评估项"),
    "answer": ("answer", "作答"),
    "note": ("note", "备注"),
    "evidence": ("evidence", "证据"),
    "votes": ("votes", "投票"),
    "na_reason": ("why n/a", "不适用原因"),
    "unknown_criterion": ("(unknown to the loaded plugins)", "（已加载插件中不存在）"),
    "no_answers": ("No criterion is answered yet.", "尚无作答。"),
    "profile": ("Business profile and product team", "业务画像与产品团队"),
    "profile_head": ("Business profile", "业务画像"),
    "team_head": ("Product team", "产品团队"),
    "question": ("question", "问题"),
    "not_answered": ("not answered", "未回答"),
    "participants": ("Participants", "参与人"),
    "name": ("name", "姓名"),
    "role": ("role", "角色"),
    "tracked": ("Indicators already tracked", "已跟踪的指标"),
    "targets": ("Targets", "目标"),
    "history": ("Over time", "历次评估"),
    "history_chart": ("Levels over time", "等级变化"),
    "date": ("date", "日期"),
    "file": ("file", "文件"),
    "overall": ("overall", "整体"),
    "clients_differ": ("The snapshots are of different clients: {clients}.", "这些快照来自不同客户：{clients}。"),
    "measured_head": ("Evidence from the client's data", "来自客户数据的证据"),
    "measured_relations": ("Behaviour → result in the client's data", "客户数据中的“行为 → 结果”"),
    "measured_sources": ("Files read", "读取的文件"),
    "measured_values": ("Indicator values", "指标值"),
    "measured_basis": ("Which answers rest on measurement", "哪些作答依据测量"),
    "measured_intro": ("Figures the plugins' probes computed from the client's own exports (aggregates only, never a "
                       "record), each with its provenance: probe and version, files and their content hashes, rows "
                       "and period. Measured {date}.",
                       "插件探针根据客户自己的导出数据计算的数字（仅汇总，不含任何记录），每个都附来源：探针及版本、"
                       "文件及其内容哈希、行数和时间范围。测量日期 {date}。"),
    "records": ("records", "条记录"),
    "rows": ("rows", "行"),
    "period": ("period", "时间范围"),
    "source": ("source", "来源"),
    "file_col": ("file", "文件"),
    "table_col": ("table", "表"),
    "value": ("value", "数值"),
    "earlier": ("{date}", "{date}"),
    "today": ("this snapshot", "本次"),
    "graph": ("Scope graph", "业务范畴依赖图"),
    "graph_note": ("Left to right in waves: each scope comes after the scopes it needs; boxes are coloured by stage.",
                   "从左到右按层排列：每个范畴都在它依赖的范畴之后；方框颜色表示所处阶段。"),
    "more_indicators": ("… and {n} more (every one is in the JSON report):", "……另有 {n} 个（JSON 报告中列出全部）："),
    "plugins": ("Content used", "所用内容"),
    "plugin": ("plugin", "插件"),
    "version": ("version", "版本"),
    "fingerprint": ("fingerprint", "内容指纹"),
    "saved_with": ("saved with", "保存时"),
    "client": ("client", "客户"),
    "system": ("system", "系统"),
    "assessor": ("assessor", "评估人"),
    "perspective": ("perspective", "视角"),
    "notes": ("notes", "备注"),
    "generated": ("Made with {gen} from the snapshot of {date}.", "由 {gen} 根据 {date} 的快照生成。"),
    "contents": ("Contents", "目录"),
}

def w(key: str, lang: str = "en", **kw) -> str:
    """A report word or sentence in ``lang``."""
    en, zh = WORDS[key]
    if "n" in kw:
        kw.setdefault("s", "" if kw["n"] == 1 else "s")
    return (zh if lang == "zh" else en).format(**kw)


def stage_label(name: str | None, lang: str = "en") -> str:
    """A stage id (``online``) in words of ``lang``; ``—`` for none."""
    return stage_word(STAGE_INDEX[name], lang) if name in STAGE_INDEX else "—"


def pct(x: float | None) -> str:
    return "—" if x is None else f"{x * 100:.0f}%"


# ---------------------------------------------------------------- the report as data


def _blocking(cat, res, r, lang: str) -> dict | None:
    """What stands between a scope and its next stage: unmet criteria and unmet dependencies (None at the top,
    or for a scope that is switched off or not assessed)."""
    if r.reached >= TOP or not r.counted:
        return None
    nxt = r.reached + 1
    crit = cat.criteria[r.scope]
    s = r.stages[nxt - 1]
    return {
        "stage": STAGE_NAMES[nxt],
        "criteria": [{"criterion": c.criterion, "answer": c.answer, "text": crit[c.criterion].text.get(lang),
                      "action": crit[c.criterion].action.get(lang)}
                     for c in s.contributions if c.answer not in ("met", "n/a")],
        "dependencies": [{"scope": c.requires, "scope_name": scope_label(cat, c.requires, lang),
                          "stage": STAGE_NAMES[c.requires_stage], "actual": STAGE_NAMES[c.actual_stage],
                          "why": c.why.get(lang), "explained": cap_text(c, lang, res, cat)}
                         for c in r.caps if c.stage == nxt],
    }


def _questions(questions, given: dict, lang: str) -> list[dict]:
    out = []
    known = set()
    for q in questions:
        known.add(q.id)
        value = given.get(q.id)
        values = (value,) if isinstance(value, str) else tuple(value or ())
        labels = [next((o.label.get(lang) for o in q.options if o.id == v), v) for v in values]
        label = ("、" if lang == "zh" else ", ").join(labels) if labels else None
        value = ", ".join(values) if values else None
        out.append({"question": q.id, "text": q.text.get(lang), "answer": value, "label": label})
    for key, value in given.items():  # kept and shown, even when no loaded question knows it
        if key not in known:
            out.append({"question": key, "text": key, "answer": value, "label": None})
    return out


def _headline(level: float | None, lang: str) -> str:
    if level is None:
        return w("headline_none", lang)
    whole = min(int(level), TOP)
    if whole >= TOP:
        return w("headline_top", lang, stage=stage_word(TOP, lang))
    frac = (level - whole) * 100
    if whole == 0:
        return w("headline_below", lang, next=stage_word(1, lang), pct=frac)
    return w("headline", lang, stage=stage_word(whole, lang), next=stage_word(whole + 1, lang), pct=frac)


def build_report(cat, a, lang: str = "en", history: dict | None = None, an: Analysis | None = None) -> dict:
    """The whole report as plain data (schema ``maturity.report/1``): what every format renders."""
    from .. import __version__

    an = an or analyse(cat, a)
    res = an.result
    score = score_data(cat, res, lang, explain=True)
    for sid, r in res.scopes.items():
        score["scopes"][sid]["blocking"] = _blocking(cat, res, r, lang)
    roadmap = roadmap_data(cat, an, lang)
    advice = advice_data(cat, an, lang)
    for ind in advice["indicators"]:
        ind["type_label"] = INDICATOR_TYPE_LABELS[ind["type"]].get(lang)
        ind["relation_label"] = RELATION_LABELS[ind["relation"]].get(lang)
        ind["scope_name"] = cat.scopes[ind["scope"]].name.get(lang)
    for p in advice["proof_pairs"]:
        p["behaviour_name"] = cat.indicators[p["behaviour"]].name.get(lang)
        p["result_name"] = cat.indicators[p["result"]].name.get(lang)
    st = advice["stance"]
    st["labels"] = {k: STANCE_LABELS[st[k]].get(lang) for k in ("current", "capable", "recommended")}
    st["single_point_names"] = [cat.scopes[s].name.get(lang) for s in st["single_points"]]
    team_text = {q.id: q.text.get(lang) for q in TEAM_QUESTIONS}
    st["unanswered_texts"] = [team_text.get(q, q) for q in st["unanswered_team_questions"]]

    notices = []
    for name, rec in a.plugins.items():
        info = cat.plugin(name)
        if info is None or info.status != "on":
            notices.append(w("plugin_missing", lang, name=name))
        elif info.fingerprint != rec.fingerprint:
            notices.append(w("content_changed", lang, name=name, old=rec.version, new=info.version))
    plugins = []
    for info in cat.plugins:
        rec = a.plugins.get(info.name)
        if info.status != "on" or not (set(info.domains) & set(res.domains)) and rec is None:
            continue
        plugins.append({"name": info.name, "version": info.version, "fingerprint": info.fingerprint,
                        "saved_version": rec.version if rec else None,
                        "saved_fingerprint": rec.fingerprint if rec else None,
                        "changed": bool(rec and rec.fingerprint != info.fingerprint)})

    answers = []
    names = {p.id: p.name for p in a.participants}
    voter_rank = {p.id: i for i, p in enumerate(a.participants)}
    for sid, crits in a.answers.items():
        known = cat.criteria.get(sid, {})
        scope = cat.scopes.get(sid)
        order = {c.id: i for i, c in enumerate(scope.criteria)} if scope else {}
        for cid in sorted(crits, key=lambda c: (order.get(c, len(order)), c)):
            ans = crits[cid]
            c = known.get(cid)
            answers.append({
                "scope": sid, "scope_name": scope.name.get(lang) if scope else sid,
                "criterion": cid, "known": c is not None,
                "stage": c.stage if c else None, "text": c.text.get(lang) if c else None,
                "answer": ans.answer, "note": ans.note, "evidence": ans.evidence, "reason": ans.reason,
                "votes": dict(ans.votes),
                "votes_by_name": [{"name": names.get(p, p), "vote": v} for p, v in sorted(
                    ans.votes.items(), key=lambda pv: (voter_rank.get(pv[0], len(voter_rank)), pv[0]))]})
    scope_rank = {sid: i for i, sid in enumerate(cat.scopes)}
    answers.sort(key=lambda x: (scope_rank.get(x["scope"], len(scope_rank)), x["scope"]))

    o = res.overall
    lowest_scopes = [sid for sid, r in res.scopes.items() if r.counted and r.reached == o.lowest]
    capped = [sid for sid, r in res.scopes.items() if r.counted and r.capped]
    gap_scopes = [sid for sid, r in res.scopes.items() if r.has_gap]
    not_assessed = [sid for sid, r in res.scopes.items() if r.active and not r.assessed]
    steps = sum(len(wv["steps"]) for wv in roadmap["waves"])
    meta = a.meta
    return {
        "schema": REPORT_SCHEMA,
        "generator": f"maturity {__version__}",
        "lang": lang,
        "meta": {
            "client": meta.client, "system": meta.system, "date": meta.date.isoformat(), "assessor": meta.assessor,
            "perspective": meta.perspective, "perspective_label": PERSPECTIVES[meta.perspective].get(lang),
            "domains": list(res.domains), "threshold": meta.threshold, "language": meta.language, "notes": meta.notes,
        },
        "summary": {
            "level": round(o.level, 4) if o.level is not None else None,
            "headline": _headline(o.level, lang),
            "lowest_stage": STAGE_NAMES[o.lowest] if o.lowest is not None else None,
            "lowest_scopes": lowest_scopes,
            "assessed": o.assessed,
            "active_scopes": o.total,
            "not_assessed_scopes": not_assessed,
            "foundation_gap_scopes": gap_scopes,
            "completeness": round(o.completeness, 4),
            "answered": o.answered,
            "applicable": o.applicable,
            "stance": {k: st[k] for k in ("current", "capable", "recommended")},
            "stance_labels": st["labels"],
            "warnings": st["warnings"],
            "capped_scopes": capped,
            "roadmap_steps": steps,
            "roadmap_waves": len(roadmap["waves"]),
            "indicators": len(advice["indicators"]),
            "disagreements": len(advice["disagreements"]),
            "unknown_answers": len(res.unknown_answers),
            "notices": notices,
        },
        "score": score,
        "anchors": {k: v.get(lang) for k, v in ANSWER_ANCHORS.items()},
        "roadmap": roadmap,
        "advice": advice,
        "answers": answers,
        "profile": _questions(cat.profile_questions, a.profile, lang),
        "team": _questions(TEAM_QUESTIONS, a.team, lang),
        "participants": [{"id": p.id, "name": p.name, "role": p.role} for p in a.participants],
        "targets": dict(a.targets),
        "tracked": [{"id": t, "name": cat.indicators[t].name.get(lang) if t in cat.indicators else None}
                    for t in a.tracked],
        "plugins": plugins,
        "history": history,
        "measured": _measured(a, cat, lang),
    }


def _measured(a, cat=None, lang: str = "en") -> dict | None:
    """What the client's data showed (``maturity measure``): indicator values with provenance, and which answers
    rest on measurement or on judgement. Aggregates only."""
    if a.measured is None:
        return None
    from ..measure.basis import basis

    m = a.measured
    from ..engine.indicators import relation_text

    def named(k, v):
        d = v.model_dump(mode="json", exclude_none=True)
        ind = cat.indicators.get(k) if cat is not None else None
        d["name"] = ind.name.get(lang) if ind is not None else k
        return d

    relations = []
    for r in m.relations:
        d = r.model_dump(mode="json", exclude_none=True)
        known = cat is not None and r.behaviour in cat.indicators and r.result in cat.indicators
        d["text"] = relation_text(cat, r).get(lang) if known else ""
        d["behaviour_name"] = cat.indicators[r.behaviour].name.get(lang) if known else r.behaviour
        d["result_name"] = cat.indicators[r.result].name.get(lang) if known else r.result
        relations.append(d)
    return {"date": m.date.isoformat(),
            "sources": [s.model_dump(mode="json", exclude_none=True) for s in m.sources],
            "indicators": {k: named(k, v) for k, v in m.indicators.items()},
            "relations": relations,
            "answers": basis(a)}


# ---------------------------------------------------------------- Markdown


def _row(cells) -> str:
    return "| " + " | ".join(cells) + " |"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _table(head: list[str], rows: list[list[str]]) -> list[str]:
    """A Markdown table: the head is escaped here, the cells must come escaped."""
    return [_row(md_escape(_cap(h)) for h in head), _row("---" for _ in head), *(_row(r) for r in rows), ""]


def _bar(level: float, cells: int = 8) -> str:
    filled = round(level / TOP * cells)
    return "█" * filled + "░" * (cells - filled)


def _lvl(x) -> str:
    return "—" if x is None else f"{x:.2f}"


def _status(sc: dict, lang: str) -> str:
    """A scope's stage as a client reads it: switched off, not assessed, or the stage with its practice."""
    if not sc["active"]:
        return w("switched_off", lang)
    if not sc["assessed"]:
        return w("not_assessed", lang)
    text = stage_label(sc["stage"], lang)
    if sc["practice"] != sc["stage"]:
        text += f" ({w('works_at', lang, stage=stage_label(sc['practice'], lang))})"
    return text


def report_markdown(data: dict) -> str:
    """The report as Markdown that reads well on a code host; every text is escaped with ``md_escape``."""
    lang = data["lang"]
    e = md_escape
    m, s = data["meta"], data["summary"]
    score, roadmap, advice = data["score"], data["roadmap"], data["advice"]
    L: list[str] = [f"# {e(w('report_title', lang))} — {e(m['client'])}", ""]
    facts = [f"**{e(_cap(w(k, lang)))}:** {e(v)}" for k, v in (
        ("system", m["system"]), ("date", m["date"]), ("assessor", m["assessor"]),
        ("perspective", m["perspective_label"])) if v]
    L += ["  \n".join(facts), ""]
    if m["notes"]:
        L += [f"**{e(_cap(w('notes', lang)))}:** {e(m['notes'])}", ""]

    L += [f"## {e(w('summary', lang))}", ""]
    L += [f"**{e(w('overall_level', lang))} {_lvl(s['level'])}** {e(w('of_four', lang))} — {e(s['headline'])}", ""]
    names = {sid: v["name"] for sid, v in score["scopes"].items()}
    lowest = ", ".join(e(names[x]) for x in s["lowest_scopes"][:6]) + (" …" if len(s["lowest_scopes"]) > 6 else "")
    L += [f"- **{e(w('lowest_stage', lang))}:** {e(stage_label(s['lowest_stage'], lang))}"
          + (f" — {e(w('lowest_scopes', lang))}: {lowest}" if lowest else ""),
          f"- **{e(_cap(w('completeness', lang)))}:** {pct(s['completeness'])} "
          f"({e(w('answered_of', lang, answered=s['answered'], applicable=s['applicable']))}; "
          f"{e(w('assessed_n', lang, n=s['assessed'], total=s['active_scopes']))})",
          f"- **{e(w('stance', lang))}:** {e(w('stance_now', lang))} {e(s['stance_labels']['current'])} · "
          f"{e(w('stance_capable', lang))} {e(s['stance_labels']['capable'])} · "
          f"{e(w('stance_take', lang))} **{e(s['stance_labels']['recommended'])}**"]
    L += [f"- ⚠ {e(x)}" for x in s["warnings"]]
    if s["foundation_gap_scopes"]:
        L.append(f"- {e(w('gap_scopes', lang))}: " + ", ".join(
            f"{e(names[x])} ({e(w('works_at', lang, stage=stage_label(score['scopes'][x]['practice'], lang)))})"
            for x in s["foundation_gap_scopes"]))
    if s["not_assessed_scopes"]:
        L.append(f"- {e(_cap(w('not_assessed', lang)))}: " + ", ".join(e(names[x]) for x in s["not_assessed_scopes"]))
    L += [f"- {e(w('fact_capped', lang, n=len(s['capped_scopes'])))}",
          f"- {e(w('fact_steps', lang, steps=s['roadmap_steps'], waves=s['roadmap_waves']))}",
          f"- {e(w('fact_indicators', lang, n=s['indicators']))}"]
    if s["disagreements"]:
        L.append(f"- {e(w('fact_disagreements', lang, n=s['disagreements']))}")
    if s["unknown_answers"]:
        L.append(f"- {e(w('fact_unknown', lang, n=s['unknown_answers']))}")
    L += [f"- ⚠ {e(x)}" for x in s["notices"]]
    L.append("")

    L += [f"## {e(w('domains', lang))}", ""]
    L += _table([w(k, lang) for k in ("domain", "level", "lowest", "completeness", "scopes_n")] + [""],
                [[e(d["name"]), _lvl(d["level"]), e(stage_label(d["lowest_stage"], lang)), pct(d["completeness"]),
                  str(d["scopes"]), f"`{_bar(d['level'] or 0.0)}`"] for d in score["domains"].values()])

    if data.get("benchmark"):
        from .benchmark import benchmark_markdown_lines

        L += benchmark_markdown_lines(data["benchmark"], lang)

    hist = data.get("history")
    if hist and hist["snapshots"]:
        L += [f"## {e(w('history', lang))}", ""]
        L += history_markdown_lines(hist, lang)

    L += [f"## {e(w('scopes', lang))}", ""]
    for did, d in score["domains"].items():
        L += [f"### {e(d['name'])} — {_lvl(d['level'])}", ""]
        rows = []
        for sid, sc in score["scopes"].items():
            if sc["domain"] != did:
                continue
            caps = ", ".join(f"{c['scope_name']} ({stage_label(c['stage'], lang)})" for c in sc["capped_by"])
            rows.append([e(sc["name"]), e(_status(sc, lang)), _lvl(sc["level"]),
                         f"`{_bar(sc['level'])}`" if sc["level"] is not None else "",
                         e(stage_label(sc["target"], lang)), pct(sc["completeness"]), e(caps) or "—"])
        L += _table([w(k, lang) for k in ("scope", "stage", "level")] + [""] +
                    [w(k, lang) for k in ("target", "completeness")] + [w("capped_by", lang)], rows)
        for sid, sc in score["scopes"].items():
            if sc["domain"] != did:
                continue
            L += [f"#### {e(sc['name'])} (`{sid}`) — {e(_status(sc, lang))}" +
                  (f", {_lvl(sc['level'])}" if sc["level"] is not None else ""), ""]
            if sc["practice_note"]:
                note = sc["practice_note"]
                L.append(f"- **{e(note['label'])}{'：' if lang == 'zh' else ': '}{e(note['text'])}**")
            for rule in sc["weight_rules"]:
                L.append(f"- {e(w('weight_rule', lang, factor=rule['factor'], why=rule['why']))}")
            if sc["status"] == "assessed":
                scores = " · ".join(f"{e(stage_label(k, lang))} {pct(v['score'])}" for k, v in sc["stages"].items())
                L.append(f"- {e(w('stage_scores', lang))}: {scores}")
            if sc["decided_by"]:
                L.append(f"- {e(w('decided_by', lang))}: {e(sc['decided_by'])}")
            for c in sc["capped_by"]:
                L.append(f"- {e(w('capped_by', lang))}: " + e(c["explained"]))
            for n in sc["not_applicable_by_profile"]:
                L.append(f"- {e(w('not_applicable_by_profile', lang))}: {e(n['text'])} — {e(n['why'])}")
            b = sc["blocking"]
            if b is None:
                if sc["stage"] == STAGE_NAMES[TOP]:
                    L.append(f"- {e(w('top_reached', lang))}")
            elif b["criteria"] or b["dependencies"]:
                L.append(f"- {e(w('blocks_next', lang, stage=stage_label(b['stage'], lang)))}:")
                for c in b["criteria"]:
                    L.append(f"  - \\[{e(answer_word(c['answer'], lang))}\\] {e(c['text'])} → _{e(c['action'])}_")
                for c in b["dependencies"]:
                    L.append("  - " + e(c["explained"]))
            for dep in sc["unchecked_dependencies"]:
                L.append(f"- {e(dep['text'])}")
            L.append("")

    L += [f"## {e(w('roadmap', lang))}", ""]
    if roadmap["default_targets"]:
        L += [f"_{e(w('default_targets', lang))}_", ""]
    if not roadmap["waves"]:
        L += [e(w("no_steps", lang)), ""]
    for wave in roadmap["waves"]:
        L += [f"### {e(w('wave', lang, n=wave['wave']))}", ""]
        for st in wave["steps"]:
            extra = f" _({e(w('pulled_in', lang))})_" if st["pulled_in"] else ""
            L += [f"#### {e(st['name'])} (`{st['scope']}`) → {e(stage_label(st['stage'], lang))}{extra}", ""]
            for x in st["waits_on"]:
                sid, _, stg = x.partition("@")
                L.append(f"- ↳ {e(w('waits_on', lang))} `{sid}` @ {e(stage_label(stg, lang))}")
            for t in st["todo"]:
                L.append(f"- [ ] {e(t['text'])} _({e(answer_word(t['answer'], lang))})_ → {e(t['action'])}")
            if not st["todo"]:
                L.append(f"- ✓ {e(w('todo_done', lang))}")
            L.append("")

    L += [f"## {e(w('indicators', lang))}", ""]
    if advice["indicators"]:
        shown, rest = advice["indicators"][:INDICATORS_SHOWN], advice["indicators"][INDICATORS_SHOWN:]
        L += _table([w(k, lang) for k in ("indicator", "unit", "scope", "type", "relation", "when", "reason")],
                    [[e(i["name"]), e(i["unit"]), e(i["scope_name"]), e(i["type_label"]), e(i["relation_label"]),
                      e(w("now" if i["measurable_now"] else "next_stage", lang)), e(i["reason"])] for i in shown])
        if rest:
            L += [e(w("more_indicators", lang, n=len(rest))) + " "
                  + "; ".join(f"{e(i['name'])} ({e(i['scope_name'])})" for i in rest), ""]
    else:
        L += [e(w("no_indicators", lang)), ""]
    if advice["proof_pairs"]:
        L += [f"### {e(w('pairs', lang))}", ""]
        L += [f"- **{e(p['behaviour_name'])} → {e(p['result_name'])}**: {e(p['reason'])}" for p in advice["proof_pairs"]]
        L.append("")

    st = advice["stance"]
    L += [f"## {e(w('stance_details', lang))}", "",
          f"{e(w('stance_now', lang))}: **{e(st['labels']['current'])}** · {e(w('stance_capable', lang))}: "
          f"**{e(st['labels']['capable'])}** · {e(w('stance_take', lang))}: **{e(st['labels']['recommended'])}**", ""]
    L += [f"- ⚠ {e(x)}" for x in st["warnings"]]
    L += [f"- {e(w('to_move_up', lang))}: {e(x)}" for x in st["missing_for_next"]]
    if st["single_points"]:
        L.append(f"- ★ {e(w('single_points', lang))}: " + ", ".join(e(x) for x in st["single_point_names"]))
    if st["unanswered_texts"]:
        L.append(f"- ? {e(w('team_unanswered', lang))}: " + "; ".join(e(x) for x in st["unanswered_texts"]))
    L.append("")
    if advice["disagreements"]:
        L += [f"### {e(w('disagreements', lang))}", ""]
        for d in advice["disagreements"]:
            votes = ", ".join(f"{e(x['name'])} = {e(answer_word(x['vote'], lang))}" for x in d["votes_by_name"])
            L.append(f"- {e(d['scope_name'])} · {e(d['criterion_text'])}: {votes}")
        L.append("")

    L += [f"## {e(w('profile', lang))}", "", f"### {e(w('profile_head', lang))}", ""]
    L += _table([w("question", lang), w("answer", lang)],
                [[e(q["text"]), e(q["label"] or q["answer"] or w("not_answered", lang))] for q in data["profile"]])
    L += [f"### {e(w('team_head', lang))}", ""]
    L += _table([w("question", lang), w("answer", lang)],
                [[e(q["text"]), e(q["label"] or q["answer"] or w("not_answered", lang))] for q in data["team"]])
    if data["participants"]:
        L += [f"### {e(w('participants', lang))}", ""]
        L += _table([w("name", lang), w("role", lang)], [[e(p["name"]), e(p["role"]) or "—"] for p in data["participants"]])
    if data["targets"]:
        L += [f"### {e(w('targets', lang))}", ""]
        L += _table([w("scope", lang), w("target", lang)],
                    [[e(names.get(k, k)), e(stage_label(v, lang))] for k, v in data["targets"].items()])
    if data["tracked"]:
        L += [f"### {e(w('tracked', lang))}", ""]
        L += [f"- {e(t['name'] or t['id'])} (`{t['id']}`)" for t in data["tracked"]]
        L.append("")

    if data.get("measured"):
        L += _measured_markdown(data["measured"], lang)
    L += [f"## {e(w('anchors_head', lang))}", ""]
    L += [f"- **{e(answer_word(k, lang))}:** {e(v)}" for k, v in data["anchors"].items()] + [""]
    L += [f"## {e(w('answers', lang))}", ""]
    if not data["answers"]:
        L += [e(w("no_answers", lang)), ""]
    current = None
    rows: list[list[str]] = []
    head = [w(k, lang) for k in ("criterion", "stage", "answer", "note", "evidence", "votes")]
    for x in data["answers"] + [None]:
        if x is None or x["scope"] != current:
            if rows:
                L += _table(head, rows)
                rows = []
            if x is None:
                break
            current = x["scope"]
            L += [f"### {e(x['scope_name'])} (`{x['scope']}`)", ""]
        text = e(x["text"]) if x["known"] else f"`{x['criterion']}` {e(w('unknown_criterion', lang))}"
        note = e(x["note"]) + (f" — {e(w('na_reason', lang))}: {e(x['reason'])}" if x["reason"] else "")
        votes = ", ".join(f"{e(v['name'])} = {e(answer_word(v['vote'], lang))}" for v in x["votes_by_name"])
        rows.append([text, e(stage_label(x["stage"], lang)), e(answer_word(x["answer"], lang)), note or "—",
                     e(x["evidence"]) or "—", votes or "—"])

    if data["plugins"]:
        L += [f"## {e(w('plugins', lang))}", ""]
        L += _table([w(k, lang) for k in ("plugin", "version", "fingerprint", "saved_with")],
                    [[e(p["name"]), e(p["version"]), f"`{p['fingerprint']}`",
                      (f"{e(p['saved_version'])} `{p['saved_fingerprint']}`" if p["saved_version"] else "—")
                      + (" ⚠" if p["changed"] else "")] for p in data["plugins"]])
    L += [f"_{e(w('generated', lang, gen=data['generator'], date=m['date']))}_", ""]
    return "\n".join(L)


def _measured_markdown(m: dict, lang: str) -> list[str]:
    from ..measure.basis import basis_line, word
    from ..measure.output import fmt_value

    e = md_escape
    L = [f"## {e(word('head', lang))}", ""]
    files = ", ".join(f"{s['file']} ({s['rows']:,})" for s in m["sources"])
    L += [f"{e(m['date'])} · {e(files)}", ""]
    L += [f"- `{k}` = {fmt_value(v['value'])} {e(v.get('unit', ''))} ({v['records']:,}; {e(v['probe'])} v{e(v['probe_version'])})"
          for k, v in m["indicators"].items()]
    L.append("")
    L += [f"- `{x['scope']}`.{e(basis_line(x, lang))}" for x in m["answers"]]
    if m.get("relations"):
        L += ["", f"### {e(w('measured_relations', lang))}", ""]
        L += [f"- **{e(r['behaviour_name'])} → {e(r['result_name'])}** ({e(r['grain'])}): {e(r['text'])}"
              for r in m["relations"]]
    return L + [""]


def history_markdown_lines(hist: dict, lang: str) -> list[str]:
    from .history import history_table

    head, rows = history_table(hist, lang)
    out = []
    if hist.get("clients_differ"):
        out += [f"⚠ {md_escape(w('clients_differ', lang, clients=', '.join(hist['clients'])))}", ""]
    from .history import trend_markdown_lines

    return out + _table(head, [[md_escape(c) for c in r] for r in rows]) + trend_markdown_lines(hist, lang)


# ---------------------------------------------------------------- files


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


# ---------------------------------------------------------------- plain text tables (diff, history)


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def text_table(head: list[str], rows: list[list[str]]) -> str:
    """A plain-text table aligned for the terminal (wide CJK characters count double)."""
    cols = len(head)
    widths = [max([display_width(head[i])] + [display_width(r[i]) for r in rows]) for i in range(cols)]

    def line(cells):
        return "  ".join(c + " " * (widths[i] - display_width(c)) for i, c in enumerate(cells)).rstrip()

    return "\n".join([line(head), line(["-" * x for x in widths]), *(line(r) for r in rows)])
