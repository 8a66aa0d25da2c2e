"""Results as plain data: the documented, versioned JSON that every machine-readable output uses."""

from __future__ import annotations

from ..engine.analysis import Analysis
from ..engine.explain import decision, explain_scope
from ..engine.scoring import STAGE_NAMES, AssessmentResult, ScopeResult

SCORE_SCHEMA = "maturity.score/1"


def _r(x: float) -> float:
    return round(x, 4)


def scope_data(catalogue, result: AssessmentResult, r: ScopeResult, lang: str = "en", explain: bool = False) -> dict:
    scope = catalogue.scopes[r.scope]
    d = {
        "name": scope.name.get(lang),
        "domain": r.domain,
        "stage": STAGE_NAMES[r.reached],
        "level": _r(r.level),
        "weight": _r(r.weight),
        "active": r.active,
        "completeness": _r(r.completeness),
        "answered": r.answered,
        "applicable": r.applicable,
        "criteria_stage": STAGE_NAMES[r.uncapped],
        "capped": r.capped,
        "capped_by": [{"scope": c.requires, "stage": STAGE_NAMES[c.requires_stage],
                       "actual": STAGE_NAMES[c.actual_stage], "why": c.why.get(lang)} for c in r.capped_by],
        "target": STAGE_NAMES[r.target] if r.target is not None else None,
        "progress": _r(r.progress) if r.progress is not None else None,
        "stages": {
            STAGE_NAMES[s.stage]: {
                "score": _r(s.score) if s.score is not None else None,
                "passes": s.passes, "answered": s.answered, "unanswered": s.unanswered,
                "not_applicable": s.not_applicable,
                "criteria": [{"id": c.criterion, "answer": c.answer, "weight": c.weight} for c in s.contributions],
            } for s in r.stages},
        "decided_by": decision(r, result.threshold, lang),
        "weight_rules": [{"factor": rule.factor, "why": rule.why.get(lang)} for rule in r.weight_reasons],
        "unchecked_dependencies": list(r.unchecked),
    }
    if explain:
        d["explanation"] = explain_scope(catalogue, result, r, lang)
    return d


def aggregate_data(a) -> dict:
    return {"level": _r(a.level), "lowest_stage": STAGE_NAMES[a.lowest], "completeness": _r(a.completeness),
            "answered": a.answered, "applicable": a.applicable, "scopes": len(a.scopes)}


def score_data(catalogue, result: AssessmentResult, lang: str = "en", explain: bool = False) -> dict:
    return {
        "schema": SCORE_SCHEMA,
        "threshold": result.threshold,
        "overall": aggregate_data(result.overall),
        "domains": {d: {"name": catalogue.domains[d].name.get(lang), **aggregate_data(a)} for d, a in result.domains.items()},
        "scopes": {sid: scope_data(catalogue, result, r, lang, explain) for sid, r in result.scopes.items()},
        "unknown_answers": [f"{s}.{c}" for s, c in result.unknown_answers],
    }


def roadmap_data(catalogue, an: Analysis, lang: str = "en") -> dict:
    waves = []
    for i, wave in enumerate(an.roadmap.waves, 1):
        steps = []
        for st in wave:
            crit = catalogue.criteria[st.scope]
            steps.append({
                "scope": st.scope, "name": catalogue.scopes[st.scope].name.get(lang), "stage": STAGE_NAMES[st.stage],
                "pulled_in": st.pulled_in,
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
            "unit": catalogue.indicators[a.indicator].unit, "reason": a.reason.get(lang)} for a in an.indicators],
        "proof_pairs": [{"scope": p.scope, "behaviour": p.behaviour, "result": p.result, "reason": p.reason.get(lang)}
                        for p in an.pairs],
        "stance": {
            "current": s.current, "capable": s.capable, "recommended": s.recommended,
            "missing_for_next": [m.get(lang) for m in s.missing],
            "warnings": [w.get(lang) for w in s.warnings],
            "single_points": list(s.single_points),
            "unanswered_team_questions": list(s.unanswered),
        },
        "disagreements": [{"scope": d.scope, "criterion": d.criterion, "votes": dict(d.votes), "spread": d.spread}
                          for d in an.disagreements],
    }
