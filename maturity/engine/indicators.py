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
    baseline: object = None
    """The measured value (``model.assessment.MeasuredIndicator``) when the client's data gave one: the baseline
    the advice starts from, said in ``reason`` instead of "start tracking"."""


@dataclass(frozen=True, slots=True)
class ProofPair:
    """A behaviour -> result pair to start proving with the system's data (while the system is weak)."""

    scope: str
    behaviour: str
    result: str
    reason: Text
    relations: tuple = ()
    """Measured relations between the two (``model.assessment.MeasuredRelation``, one per grain), if any."""


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


def next_indicators(catalogue, result: AssessmentResult, tracked: set[str], per_scope: int = 2,
                    measured: dict | None = None) -> list[IndicatorAdvice]:
    """Indicators measurable at each scope's current or next stage, not yet tracked, ranked by the rules.

    Within a rank, scopes the client set a target for and heavier scopes come first; the list is
    then spread so that no scope takes more than ``per_scope`` of the leading places. An indicator the
    client's data already measured (``measured``: full id → ``MeasuredIndicator``) is measurable now, whatever
    the scope's stage, and carries its value as the baseline the advice starts from (:func:`baseline_text`).
    """
    measured = measured or {}
    out = []
    empty_scopes = []
    for r in result.counted_scopes():
        scope = catalogue.scopes[r.scope]
        horizon = min(r.practice + 1, TOP)
        found = 0
        for ind in scope.indicators:
            fid = f"{r.scope}.{ind.id}"
            earliest = STAGE_INDEX[ind.earliest_stage]
            if fid in tracked or (earliest > horizon and fid not in measured) or not suggestible(r, ind):
                continue  # the client's data measuring it shows the system records it, whatever the stage
            rel = effective_relation(ind.type, ind.relation, r.practice)
            base = measured.get(fid)
            now = earliest <= r.practice or base is not None
            reason = _reason(catalogue, r, ind, rel, now)
            if base is not None:
                reason = _with_baseline(base, reason)
            out.append(IndicatorAdvice(fid, r.scope, ind.type, rel, now, indicator_rank(ind.type, rel, r.practice),
                                       reason, base))
            found += 1
        if not found:
            empty_scopes.append(r)

    def key(a: IndicatorAdvice):
        r = result.scopes[a.scope]
        return (a.rank, not a.measurable_now, r.target is None, -r.weight, a.indicator)

    ranked = spread(sorted(out, key=key), per_scope)
    starts = [a for r in empty_scopes if (a := start_recording(catalogue, r, tracked, measured)) is not None]
    if not ranked and not starts and result.counted_scopes():
        # Nothing left in the assessed scopes: the first figure of any other active scope.
        starts = [a for r in result.active_scopes() if not r.counted
                  if (a := start_recording(catalogue, r, tracked, measured)) is not None][:1]
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


def start_recording(catalogue, r, tracked: set[str], measured: dict | None = None) -> IndicatorAdvice | None:
    """When nothing in a scope is measurable yet: the figure to start recording first, and why. When the client's
    data already measured it, not "start recording" but its baseline."""
    scope = catalogue.scopes[r.scope]
    order = {"usage": 0, "efficiency": 1, "workload": 2, "transparency": 3, "business": 4}
    cands = [i for i in scope.indicators if f"{r.scope}.{i.id}" not in tracked and suggestible(r, i)]
    if not cands:
        return None
    ind = min(cands, key=lambda i: (STAGE_INDEX[i.earliest_stage], order[i.type], i.id))
    rel = effective_relation(ind.type, ind.relation, r.practice)
    base = (measured or {}).get(f"{r.scope}.{ind.id}")
    if base is not None:
        reason = _with_baseline(base, Text(
            en=f"Already in the client's data: track {_in_sentence(ind.name.en)} from here.",
            zh=f"客户数据中已有{ind.name.zh}：从这里开始跟踪。"))
        return IndicatorAdvice(f"{r.scope}.{ind.id}", r.scope, ind.type, rel, True, 9, reason, base)
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


def proof_pairs(catalogue, result: AssessmentResult, tracked: set[str], relations=()) -> list[ProofPair]:
    """Below digital, pair a workload indicator with a business one of the same scope to start proving.

    Pairs stay even when the client already tracks both figures: tracking is not yet proof. A behaviour →
    result relation the client's data measured (``relations``: ``MeasuredRelation``, per person or per week)
    becomes a pair of its own, first in its scope (at any stage: a measurement is evidence), worded by
    :func:`relation_text` — a relation, never a cause. A default pair the data measured carries it too.
    """
    counted = {r.scope: r for r in result.counted_scopes()}
    measured: dict[tuple[str, str], list] = {}
    for rel in relations:
        if rel.behaviour in catalogue.indicators and rel.result in catalogue.indicators:
            measured.setdefault((rel.behaviour, rel.result), []).append(rel)
    out = []
    for r in result.counted_scopes():
        for (beh, res), rels in measured.items():
            if beh.rsplit(".", 1)[0] == r.scope or (res.rsplit(".", 1)[0] == r.scope
                                                     and beh.rsplit(".", 1)[0] not in counted):
                out.append(ProofPair(r.scope, beh, res, _join([*(relation_text(catalogue, x, False) for x in rels),
                                                                CAVEAT]), tuple(rels)))
        if r.reached >= DIGITAL:
            continue
        inds = catalogue.scopes[r.scope].indicators
        work = next((i for i in inds if i.type == "workload"), None)
        biz = next((i for i in inds if i.type == "business"), None)
        if work and biz:
            beh, res = f"{r.scope}.{work.id}", f"{r.scope}.{biz.id}"
            if (beh, res) in measured:
                continue
            name = catalogue.scopes[r.scope].name
            lower = biz.direction == "lower"
            out.append(ProofPair(r.scope, beh, res, Text(
                en=f"{name.en} is not yet digital: record {_in_sentence(work.name.en)} now and keep checking with the "
                   f"system's data whether {_in_sentence(biz.name.en)} tends to be {'lower' if lower else 'higher'} "
                   f"where {_in_sentence(work.name.en)} is higher.",
                zh=f"{name.zh}尚未数字化：先记录{work.name.zh}，用系统数据持续检验{work.name.zh}越高时"
                   f"{biz.name.zh}是否{'越低' if lower else '越高'}。")))
    return sorted(out, key=lambda p: not p.relations)  # measured pairs first (stable within each group)


GRAIN_WORDS = {"person": ("people", "人"), "team": ("teams", "个团队"), "day": ("days", "天"),
               "week": ("weeks", "周"), "month": ("months", "个月")}


def relation_strength(rho: float) -> tuple[str, str]:
    """How strong a rank correlation reads: below 0.1 no clear relation · 0.1 weak · 0.3 moderate · 0.5 strong."""
    a = abs(rho)
    if a < 0.1:
        return "no clear relation", "看不出关系"
    if a < 0.3:
        return "a weak relation", "弱相关"
    if a < 0.5:
        return "a moderate relation", "中等相关"
    return "a strong relation", "强相关"


def _rho(rho: float) -> str:
    return "0.00" if abs(rho) < 0.005 else f"{rho:+.2f}"


CAVEAT = Text(en="A relation, not proof of cause.", zh="这是相关，不能证明因果。")


def relation_text(catalogue, rel, caveat: bool = True) -> Text:
    """A measured relation in one sentence: Spearman's ρ, n, grain and period, worded as what goes with what —
    never as a cause; below its ``min_n`` (or with no variation), "not enough data to say"."""
    beh, res = catalogue.indicators[rel.behaviour].name, catalogue.indicators[rel.result].name
    g_en, g_zh = GRAIN_WORDS.get(rel.grain, (rel.grain, rel.grain))
    per_en = f", {rel.period_from.isoformat()} – {rel.period_to.isoformat()}" if rel.period_from and rel.period_to else ""
    per_zh = f"，{rel.period_from.isoformat()}至{rel.period_to.isoformat()}" if rel.period_from and rel.period_to else ""
    if rel.rho is None:
        few = rel.n < rel.min_n
        why_en = f"only {rel.n} {g_en} (at least {rel.min_n} needed)" if few else f"{rel.n} {g_en}, but one side does not vary"
        why_zh = f"只有{rel.n}{g_zh}（至少需要{rel.min_n}）" if few else f"{rel.n}{g_zh}，但其中一方没有变化"
        return Text(en=f"{beh.en} → {_in_sentence(res.en)} per {rel.grain}: not enough data to say — {why_en}{per_en}.",
                    zh=f"按{g_zh.lstrip('个')}看{beh.zh}与{res.zh}：数据不足，无法判断——{why_zh}{per_zh}。")
    s_en, s_zh = relation_strength(rel.rho)
    head_en = f"Measured over {rel.n} {g_en}{per_en}: Spearman ρ = {_rho(rel.rho)}, {s_en}"
    head_zh = f"基于{rel.n}{g_zh}的数据{per_zh}：斯皮尔曼等级相关 ρ = {_rho(rel.rho)}，{s_zh}"
    if abs(rel.rho) < 0.1:
        tail_en = f" between {_in_sentence(beh.en)} and {_in_sentence(res.en)}"
        tail_zh = f"（{beh.zh}与{res.zh}）"
    else:
        up = rel.rho > 0
        tail_en = (f" — where {_in_sentence(beh.en)} is higher, {_in_sentence(res.en)} tends to be "
                   f"{'higher' if up else 'lower'}")
        tail_zh = f"——{beh.zh}越高，{res.zh}往往{'越高' if up else '越低'}"
    return Text(en=f"{head_en}{tail_en}." + (f" {CAVEAT.en}" if caveat else ""),
                zh=f"{head_zh}{tail_zh}。" + (CAVEAT.zh if caveat else ""))


def baseline_text(m) -> Text:
    """A measured value as the baseline: "baseline: 3.7 min/rep/day (2026-06-01…2026-08-31, n=12,345)"."""
    v = m.value
    num = f"{v:,.0f}" if abs(v) >= 100 else (f"{v:,.1f}" if abs(v - round(v)) > 1e-9 else f"{v:,.0f}")
    unit = "" if not m.unit else m.unit if m.unit == "%" else f" {m.unit}"
    per = f"{m.period_from.isoformat()}…{m.period_to.isoformat()}, " if m.period_from and m.period_to else ""
    return Text(en=f"baseline: {num}{unit} ({per}n={m.records:,})",
                zh=f"基线：{num}{unit}（{per.replace('…', '至').replace(', ', '，')}n={m.records:,}）")


def _with_baseline(m, reason: Text) -> Text:
    b = baseline_text(m)
    return Text(en=f"{b.en} — measured from the client's data; the advice starts from here. {reason.en}",
                zh=f"{b.zh}——来自客户数据的测量，建议从这里出发。{reason.zh}")


def _join(texts) -> Text:
    texts = list(texts)
    return Text(en=" ".join(t.en for t in texts), zh="".join(t.zh for t in texts))


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
        en = (f"The actions behind the result: record them now and check with the system's data how they go with "
              f"{sc_en}'s outcome.")
        zh = f"结果背后的作业动作：现在就记录下来，用系统数据检验它们与{sc_zh}的结果有怎样的关系。"
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
