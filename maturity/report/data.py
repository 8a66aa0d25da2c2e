"""Results as plain data: the documented, versioned JSON that every machine-readable output uses."""

from __future__ import annotations

from ..engine.analysis import Analysis
from ..engine.explain import cap_text, decision, explain_scope, practice_line, scope_label, unchecked_text
from ..engine.scoring import STAGE_NAMES, AssessmentResult, ScopeResult

SCORE_SCHEMA = "maturity.score/1"


def _r(x: float) -> float:
    return round(x, 4)


def scope_data(catalogue, result: AssessmentResult, r: ScopeResult, lang: str = "en", explain: bool = False) -> dict:
    scope = catalogue.scopes[r.scope]
    crit = catalogue.criteria[r.scope]
    shown = r.counted
    d = {
        "name": scope.name.get(lang),
        "domain": r.domain,
        "status": "switched_off" if not r.active else "not_assessed" if not r.assessed else "assessed",
        "assessed": r.assessed,
        "stage": STAGE_NAMES[r.reached] if shown else None,
        "practice": STAGE_NAMES[r.practice] if shown else None,
        "foundation_gap": [{
            "stage": STAGE_NAMES[g.stage], "unanswered": g.unanswered,
            "criteria": [{"id": c.criterion, "answer": c.answer, "text": crit[c.criterion].text.get(lang)}
                         for c in g.todo]} for g in r.foundation_gap] if shown else [],
        "level": _r(r.level) if shown else None,
        "weight": _r(r.weight),
        "active": r.active,
        "completeness": _r(r.completeness),
        "answered": r.answered,
        "applicable": r.applicable,
        "criteria_stage": STAGE_NAMES[r.uncapped] if shown else None,
        "capped": r.capped and shown,
        "capped_by": [{"scope": c.requires, "stage": STAGE_NAMES[c.requires_stage],
                       "actual": STAGE_NAMES[c.actual_stage], "why": c.why.get(lang),
                       "scope_name": scope_label(catalogue, c.requires, lang),
                       "explained": cap_text(c, lang, result, catalogue)} for c in r.capped_by] if shown else [],
        "target": STAGE_NAMES[r.target] if r.target is not None else None,
        "progress": _r(r.progress) if r.progress is not None else None,
        "stages": {
            STAGE_NAMES[s.stage]: {
                "score": _r(s.score) if s.score is not None else None,
                "passes": s.passes, "answered": s.answered, "unanswered": s.unanswered,
                "not_applicable": s.not_applicable,
                "criteria": [{"id": c.criterion, "answer": c.answer, "weight": c.weight} for c in s.contributions],
            } for s in r.stages},
        "practice_note": _practice_note(r, lang, catalogue) if shown else None,
        "decided_by": decision(r, result.threshold, lang, catalogue),
        "weight_rules": [{"factor": rule.factor, "why": rule.why.get(lang)} for rule in r.weight_reasons],
        "unchecked_dependencies": [{"stage": STAGE_NAMES[u.stage], "requires": u.requires,
                                    "requires_stage": STAGE_NAMES[u.requires_stage], "reason": u.reason,
                                    "text": unchecked_text(u, lang)} for u in r.unchecked],
        "not_applicable_by_profile": [{"criterion": cid, "text": crit[cid].text.get(lang), "why": rule.why.get(lang)}
                                      for cid, rule in r.profile_na.items()],
    }
    if explain:
        d["explanation"] = explain_scope(catalogue, result, r, lang)
    return d


def _practice_note(r: ScopeResult, lang: str, catalogue) -> dict | None:
    """A scope working above its stage: ``kind`` is foundation_gap or held_by_dependency, with the sentence."""
    label, text = practice_line(r, lang, catalogue)
    if not text:
        return None
    return {"kind": "foundation_gap" if r.foundation_gap else "held_by_dependency", "label": label, "text": text}


def aggregate_data(a) -> dict:
    """``level`` and ``lowest_stage`` are null while no scope is assessed; ``scopes`` counts the assessed ones."""
    return {"level": _r(a.level) if a.level is not None else None,
            "lowest_stage": STAGE_NAMES[a.lowest] if a.lowest is not None else None,
            "completeness": _r(a.completeness),
            "answered": a.answered, "applicable": a.applicable, "scopes": len(a.scopes),
            "assessed": a.assessed, "active_scopes": a.total, "foundation_gaps": a.gaps}


def score_data(catalogue, result: AssessmentResult, lang: str = "en", explain: bool = False) -> dict:
    return {
        "schema": SCORE_SCHEMA,
        "threshold": result.threshold,
        "overall": aggregate_data(result.overall),
        "domains": {d: {"name": catalogue.domains[d].name.get(lang), **aggregate_data(a)} for d, a in result.domains.items()},
        "scopes": {sid: scope_data(catalogue, result, r, lang, explain) for sid, r in result.scopes.items()},
        "unknown_answers": [f"{s}.{c}" for s, c in result.unknown_answers],
        "unchecked_dependencies": [{"scope": sid, "stage": STAGE_NAMES[u.stage], "requires": u.requires,
                                    "reason": u.reason, "text": unchecked_text(u, lang)}
                                   for sid, u in result.unchecked()],
    }


def roadmap_data(catalogue, an: Analysis, lang: str = "en") -> dict:
    waves = []
    for i, wave in enumerate(an.roadmap.waves, 1):
        steps = []
        for st in wave:
            crit = catalogue.criteria[st.scope]
            steps.append({
                "scope": st.scope, "name": catalogue.scopes[st.scope].name.get(lang), "stage": STAGE_NAMES[st.stage],
                "pulled_in": st.pulled_in, "foundation": st.foundation, "practised": st.practised,
                "unlocks": STAGE_NAMES[st.unlocks] if st.foundation else None,
                "waits_on": [f"{s}@{STAGE_NAMES[t]}" for s, t in st.waits_on],
                "todo": [{"criterion": t.criterion, "answer": t.answer, "weight": t.weight,
                          "text": crit[t.criterion].text.get(lang), "action": crit[t.criterion].action.get(lang)}
                         for t in st.todo],
            })
        waves.append({"wave": i, "steps": steps})
    return {"schema": "maturity.roadmap/1", "default_targets": an.roadmap.default_targets, "waves": waves}


def advice_data(catalogue, an: Analysis, lang: str = "en") -> dict:
    s = an.stance
    return {
        "schema": "maturity.advice/1",
        "indicators": [{
            "id": a.indicator, "scope": a.scope, "name": catalogue.indicators[a.indicator].name.get(lang),
            "type": a.type, "relation": a.relation, "measurable_now": a.measurable_now,
            "unit": catalogue.indicators[a.indicator].unit, "reason": a.reason.get(lang),
            "baseline": _baseline(a.baseline)} for a in an.indicators],
        "proof_pairs": [{"scope": p.scope, "behaviour": p.behaviour, "result": p.result, "reason": p.reason.get(lang),
                         "measured": [_relation(r) for r in p.relations]} for p in an.pairs],
        "stance": {
            "current": s.current, "capable": s.capable, "recommended": s.recommended,
            "missing_for_next": [m.get(lang) for m in s.missing],
            "warnings": [w.get(lang) for w in s.warnings],
            "single_points": list(s.single_points),
            "unanswered_team_questions": list(s.unanswered),
        },
        "disagreements": [_disagreement(catalogue, an, d, lang) for d in an.disagreements],
    }


def _disagreement(catalogue, an: Analysis, d, lang: str) -> dict:
    """An open disagreement: ids for machines, and the scope's name, the criterion's text and the votes by
    participant name for people."""
    from ..engine.votes import disagreement_view

    v = disagreement_view(catalogue, an.assessment, d, lang)
    return {"scope": d.scope, "criterion": d.criterion, "votes": dict(d.votes), "spread": d.spread,
            "scope_name": v.scope_name, "criterion_text": v.criterion_text,
            "votes_by_name": [{"name": name, "vote": vote} for name, vote in v.votes]}


def _baseline(m) -> dict | None:
    """A measured indicator value as the advice's baseline (aggregates and provenance only)."""
    if m is None:
        return None
    return {"value": m.value, "unit": m.unit, "records": m.records,
            "period_from": m.period_from.isoformat() if m.period_from else None,
            "period_to": m.period_to.isoformat() if m.period_to else None,
            "probe": m.probe, "probe_version": m.probe_version, "files": list(m.files)}


def _relation(r) -> dict:
    """A measured behaviour → result relation: Spearman's rho (None: not enough data to say), n, grain, period."""
    return {"grain": r.grain, "n": r.n, "rho": r.rho, "min_n": r.min_n, "enough_data": r.rho is not None,
            "period_from": r.period_from.isoformat() if r.period_from else None,
            "period_to": r.period_to.isoformat() if r.period_to else None,
            "probe": r.probe, "probe_version": r.probe_version, "files": list(r.files), "records": r.records}
