"""Next indicators: which figures the client should start tracking, and why."""

from __future__ import annotations

from dataclasses import dataclass

from ..model.content import RELATION_ORDER, Text
from .scoring import STAGE_INDEX, TOP, AssessmentResult, stage_name

DIGITAL = STAGE_INDEX["digital"]


@dataclass(frozen=True, slots=True)
class IndicatorAdvice:
    indicator: str
    """Full id, ``domain.scope.indicator``."""
    scope: str
    type: str
    relation: str
    """The relation now, after weakening below digital."""
    measurable_now: bool
    rank: int
    reason: Text


@dataclass(frozen=True, slots=True)
class ProofPair:
    """A behaviour -> result pair to start proving with the system's data (while the system is weak)."""

    scope: str
    behaviour: str
    result: str
    reason: Text


def effective_relation(type: str, declared: str, stage: int) -> str:
    """Usage and efficiency are always direct; business and workload are one step weaker below digital."""
    if type in ("usage", "efficiency"):
        return "direct"
    if type in ("business", "workload") and stage < DIGITAL:
        i = RELATION_ORDER.index(declared)
        return RELATION_ORDER[min(i + 1, len(RELATION_ORDER) - 1)]
    return declared


def indicator_rank(type: str, relation: str, stage: int) -> int:
    """Lower ranks first. Below digital: usage and efficiency first; from digital: strong business and transparency."""
    if stage < DIGITAL:
        return {"usage": 0, "efficiency": 0, "workload": 1, "transparency": 2}.get(type, 3)
    if type == "business" and relation in ("direct", "positive"):
        return 0
    if type == "transparency":
        return 1
    return 2


def next_indicators(catalogue, result: AssessmentResult, tracked: set[str]) -> list[IndicatorAdvice]:
    """Indicators measurable at each scope's current or next stage, not yet tracked, ranked by the rules."""
    out = []
    for r in result.active_scopes():
        scope = catalogue.scopes[r.scope]
        horizon = min(r.reached + 1, TOP)
        for ind in scope.indicators:
            fid = f"{r.scope}.{ind.id}"
            earliest = STAGE_INDEX[ind.earliest_stage]
            if fid in tracked or earliest > horizon:
                continue
            rel = effective_relation(ind.type, ind.relation, r.reached)
            now = earliest <= r.reached
            out.append(IndicatorAdvice(fid, r.scope, ind.type, rel, now, indicator_rank(ind.type, rel, r.reached),
                                       _reason(catalogue, r, ind, rel, now)))
    out.sort(key=lambda a: (a.rank, not a.measurable_now, -result.scopes[a.scope].weight, a.indicator))
    return out


def proof_pairs(catalogue, result: AssessmentResult, tracked: set[str]) -> list[ProofPair]:
    """Below digital, pair a workload indicator with a business one of the same scope to start proving."""
    out = []
    for r in result.active_scopes():
        if r.reached >= DIGITAL:
            continue
        inds = catalogue.scopes[r.scope].indicators
        work = next((i for i in inds if i.type == "workload"), None)
        biz = next((i for i in inds if i.type == "business"), None)
        if work and biz:
            name = catalogue.scopes[r.scope].name
            out.append(ProofPair(r.scope, f"{r.scope}.{work.id}", f"{r.scope}.{biz.id}", Text(
                en=f"{name.en} is not yet digital: record {work.name.en.lower()} now and keep proving it drives "
                   f"{biz.name.en.lower()}.",
                zh=f"{name.zh}尚未数字化：先记录{work.name.zh}，用系统数据持续证明它带来{biz.name.zh}。")))
    return out


def _reason(catalogue, r, ind, rel: str, now: bool) -> Text:
    scope = catalogue.scopes[r.scope].name
    st_en, st_zh = stage_name(r.reached), _zh_stage(r.reached)
    when_en = "" if now else f" (measurable once it is {stage_name(min(r.reached + 1, TOP))})"
    when_zh = "" if now else f"（{_zh_stage(min(r.reached + 1, TOP))}后即可度量）"
    if ind.type in ("usage", "efficiency"):
        return Text(en=f"The system brings it directly: proves its value while {scope.en} is {st_en}{when_en}.",
                    zh=f"由系统直接带来：在{scope.zh}处于{st_zh}阶段时证明系统价值{when_zh}。")
    if ind.type == "transparency":
        return Text(en=f"Makes visible what {scope.en} could not see before{when_en}.",
                    zh=f"让{scope.zh}原来看不清的变得透明{when_zh}。")
    if r.reached >= DIGITAL:
        return Text(en=f"{scope.en}'s data is trusted now: tie the system to this {ind.type} result ({rel}){when_en}.",
                    zh=f"{scope.zh}的数据已可信：把系统与这一{_zh_type(ind.type)}挂钩（{_zh_rel(rel)}）{when_zh}。")
    return Text(en=f"Serve the business's own figure; its link to the system is still {rel} while {scope.en} is {st_en}{when_en}.",
                zh=f"服务业务自身承担的指标；{scope.zh}处于{st_zh}阶段时，它与系统的关系仍是“{_zh_rel(rel)}”{when_zh}。")


def _zh_stage(i: int) -> str:
    return ("线下", "结构化", "在线化", "数字化", "智能化")[i]


def _zh_type(t: str) -> str:
    from ..model.content import INDICATOR_TYPE_LABELS

    return INDICATOR_TYPE_LABELS[t].zh


def _zh_rel(rel: str) -> str:
    from ..model.content import RELATION_LABELS

    return RELATION_LABELS[rel].zh
