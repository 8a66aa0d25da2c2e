"""The report as plain data (``build_report``, schema ``maturity.report/1``, documented in docs/report.md).

It is made from the analysis; the JSON file is this data, and the Markdown and HTML renderings read only this
data, so the formats always say the same thing.
"""

from __future__ import annotations

from ..engine.analysis import Analysis, analyse
from ..engine.explain import cap_text, scope_label, stage_word
from ..engine.scoring import STAGE_NAMES, TOP
from ..model.content import ANSWER_ANCHORS, INDICATOR_TYPE_LABELS, RELATION_LABELS
from ..model.questions import PERSPECTIVES, STANCE_LABELS, TEAM_QUESTIONS
from .data import advice_data, roadmap_data, score_data
from .wording import w

REPORT_SCHEMA = "maturity.report/1"


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
