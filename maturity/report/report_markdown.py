"""The report (``report_data.build_report``'s data) as Markdown that reads well on a code host.

Every user or content text is escaped with ``md_escape`` where it is written out.
"""

from __future__ import annotations

from ..engine.explain import answer_word
from ..engine.scoring import STAGE_NAMES, TOP
from .markdown import md_escape
from .tables import capitalise as _cap
from .tables import markdown_table as _table
from .wording import INDICATORS_SHOWN, pct, stage_label, w


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
