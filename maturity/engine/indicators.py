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


def next_indicators(catalogue, result: AssessmentResult, tracked: set[str], per_scope: int = 2) -> list[IndicatorAdvice]:
    """Indicators measurable at each scope's current or next stage, not yet tracked, ranked by the rules.

    Within a rank, scopes the client set a target for and heavier scopes come first; the list is
    then spread so that no scope takes more than ``per_scope`` of the leading places.
    """
    out = []
    empty_scopes = []
    for r in result.counted_scopes():
        scope = catalogue.scopes[r.scope]
        horizon = min(r.practice + 1, TOP)
        found = 0
        for ind in scope.indicators:
            fid = f"{r.scope}.{ind.id}"
            earliest = STAGE_INDEX[ind.earliest_stage]
            if fid in tracked or earliest > horizon or not suggestible(r, ind):
                continue
            rel = effective_relation(ind.type, ind.relation, r.practice)
            now = earliest <= r.practice
            out.append(IndicatorAdvice(fid, r.scope, ind.type, rel, now, indicator_rank(ind.type, rel, r.practice),
                                       _reason(catalogue, r, ind, rel, now)))
            found += 1
        if not found:
            empty_scopes.append(r)

    def key(a: IndicatorAdvice):
        r = result.scopes[a.scope]
        return (a.rank, not a.measurable_now, r.target is None, -r.weight, a.indicator)

    ranked = spread(sorted(out, key=key), per_scope)
    starts = [a for r in empty_scopes if (a := start_recording(catalogue, r, tracked)) is not None]
    if not ranked and not starts and result.counted_scopes():
        # Nothing left in the assessed scopes: the first figure of any other active scope.
        starts = [a for r in result.active_scopes() if not r.counted
                  if (a := start_recording(catalogue, r, tracked)) is not None][:1]
    return ranked + sorted(starts, key=key)


def suggestible(r, ind) -> bool:
    """An indicator is worth suggesting unless its practice is n/a for this client (every criterion it
    measures is n/a) or the system already makes it hold by construction (every such criterion met)."""
    given = r.stages[0].given if r.stages else {}  # the scope's answers: every stage holds the same dict

    def word(cid):
        a = given.get(cid)
        return a.answer if a is not None else None
    if ind.practice and all(word(c) == "n/a" for c in ind.practice):
        return False
    if ind.by_construction and all(word(c) == "met" for c in ind.by_construction):
        return False
    return True


def start_recording(catalogue, r, tracked: set[str]) -> IndicatorAdvice | None:
    """When nothing in a scope is measurable yet: the figure to start recording first, and why."""
    scope = catalogue.scopes[r.scope]
    order = {"usage": 0, "efficiency": 1, "workload": 2, "transparency": 3, "business": 4}
    cands = [i for i in scope.indicators if f"{r.scope}.{i.id}" not in tracked and suggestible(r, i)]
    if not cands:
        return None
    ind = min(cands, key=lambda i: (STAGE_INDEX[i.earliest_stage], order[i.type], i.id))
    rel = effective_relation(ind.type, ind.relation, r.practice)
    name = scope.name
    when_en, when_zh = stage_name(STAGE_INDEX[ind.earliest_stage]), _zh_stage(STAGE_INDEX[ind.earliest_stage])
    reason = Text(
        en=f"Nothing in {name.en} is recorded in the system yet: start by recording {_in_sentence(ind.name.en)} — "
           f"the first figure the system can prove, once the work is {when_en}.",
        zh=f"{name.zh}的工作还没有在系统中留下记录：先从记录{ind.name.zh}开始——这是工作{when_zh}后系统最先能证明的数字。")
    return IndicatorAdvice(f"{r.scope}.{ind.id}", r.scope, ind.type, rel, False, 9, reason)


def spread(items: list[IndicatorAdvice], per_scope: int) -> list[IndicatorAdvice]:
    """Keep the order, but let each scope take at most ``per_scope`` places before any scope takes more."""
    first, rest, seen = [], [], {}
    for a in items:
        seen[a.scope] = seen.get(a.scope, 0) + 1
        (first if seen[a.scope] <= per_scope else rest).append(a)
    return first + rest


def proof_pairs(catalogue, result: AssessmentResult, tracked: set[str]) -> list[ProofPair]:
    """Below digital, pair a workload indicator with a business one of the same scope to start proving.

    Pairs stay even when the client already tracks both figures: tracking is not yet proof.
    """
    out = []
    for r in result.counted_scopes():
        if r.reached >= DIGITAL:
            continue
        inds = catalogue.scopes[r.scope].indicators
        work = next((i for i in inds if i.type == "workload"), None)
        biz = next((i for i in inds if i.type == "business"), None)
        if work and biz:
            name = catalogue.scopes[r.scope].name
            lower = biz.direction == "lower"
            drives_en = "brings down" if lower else "drives up"
            drives_zh = "能降低" if lower else "能提升"
            out.append(ProofPair(r.scope, f"{r.scope}.{work.id}", f"{r.scope}.{biz.id}", Text(
                en=f"{name.en} is not yet digital: record {_in_sentence(work.name.en)} now and keep proving it "
                   f"{drives_en} {_in_sentence(biz.name.en)}.",
                zh=f"{name.zh}尚未数字化：先记录{work.name.zh}，用系统数据持续证明它{drives_zh}{biz.name.zh}。")))
    return out


def _in_sentence(name: str) -> str:
    """A name inside a sentence: its first letter lower-cased, unless it starts an acronym (QA, SLA, CRM)."""
    if len(name) > 1 and name[0].isupper() and not name[1].isupper():
        return name[0].lower() + name[1:]
    return name


def _reason(catalogue, r, ind, rel: str, now: bool) -> Text:
    """One line a consultant would say about why this indicator, now."""
    name = catalogue.scopes[r.scope].name
    sc_en, sc_zh = name.en, name.zh
    st_en, st_zh = stage_name(r.practice), _zh_stage(r.practice)
    nxt = min(r.practice + 1, TOP)
    when_en = "" if now else f" Measurable once it works {stage_name(nxt)}."
    when_zh = "" if now else f"达到{_zh_stage(nxt)}后即可度量。"
    weak = r.practice < DIGITAL
    if ind.type == "usage":
        en = f"Shows whether the work of {sc_en} really happens in the system — the first value the system proves by itself."
        zh = f"看{sc_zh}的工作是否真的在系统里发生——这是系统自己最先能证明的价值。"
    elif ind.type == "efficiency":
        en = f"Take a baseline now: the time or accuracy the system gains for {sc_en} is its own, direct value."
        zh = f"现在就取基线：系统为{sc_zh}带来的时效和准确率提升，是它直接带来的价值。"
    elif ind.type == "transparency":
        en = f"Makes visible what {sc_en} could not see before — an end to working blind."
        zh = f"让{sc_zh}原来看不清的变得透明，告别“盲打、盲捞”。"
    elif ind.type == "workload" and weak:
        en = f"The actions behind the result: record them now and prove with the system's data that they drive {sc_en}'s outcome."
        zh = f"结果背后的作业动作：现在就记录下来，用系统数据证明它们推动了{sc_zh}的结果。"
    elif ind.type == "workload":
        en = f"{sc_en}'s activity data is trusted now: manage by this workload, tied to results."
        zh = f"{sc_zh}的作业数据已可信：用这一作业量管理，并与结果挂钩。"
    elif weak:
        en = (f"The business's own figure — serve it, but while {sc_en} works {st_en} its link to the system is only "
              f"'{RELATION_LABELS_EN[rel]}'.")
        zh = f"业务自身承担的指标——要服务好它，但在{sc_zh}处于{st_zh}阶段时，它与系统的关系只是“{_zh_rel(rel)}”。"
    else:
        en = f"{sc_en}'s data is trusted now: the system can answer for this business result ({RELATION_LABELS_EN[rel]})."
        zh = f"{sc_zh}的数据已经可信：系统可以对这一业务结果负责（{_zh_rel(rel)}）。"
    return Text(en=en + when_en, zh=zh + when_zh)


RELATION_LABELS_EN = {"direct": "direct", "positive": "clearly positive", "transparency": "made visible",
                      "unclear": "unclear"}


def _zh_stage(i: int) -> str:
    return ("线下", "结构化", "在线化", "数字化", "智能化")[i]


def _zh_type(t: str) -> str:
    from ..model.content import INDICATOR_TYPE_LABELS

    return INDICATOR_TYPE_LABELS[t].zh


def _zh_rel(rel: str) -> str:
    from ..model.content import RELATION_LABELS

    return RELATION_LABELS[rel].zh
