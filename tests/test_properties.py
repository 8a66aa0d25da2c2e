"""Properties of the rules over random assessments (hypothesis)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from maturity.engine.roadmap import roadmap
from maturity.engine.scoring import ANSWER_VALUES, STAGE_INDEX, score
from maturity.model.assessment import Answer, Assessment, Meta
from maturity.engine.analysis import analyse
from maturity.model.content import Domain, ProfileRule
from maturity.plugins import load_catalogue
import pytest
from maturity.testing import catalogue_from_domains

from .conftest import STAGES, dep, make_scope, t

settings.register_profile("ci", deadline=None, max_examples=120, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("ci")

DOMAIN = Domain(id="x", name=t("X"), description=t("d"), scopes=(
    make_scope("a"),
    make_scope("b", deps=[dep("online", "x.a", "online")]),
    make_scope("c", deps=[dep("digital", "x.b", "online"), dep("intelligent", "x.a", "digital")]),
    make_scope("d", deps=[dep("structured", "x.c", "structured")]),
))
CAT = catalogue_from_domains(DOMAIN)
CAT_NO_DEPS = catalogue_from_domains(DOMAIN.model_copy(update={"scopes": tuple(
    s.model_copy(update={"dependencies": ()}) for s in DOMAIN.scopes)}))
CRITERIA = [(f"x.{s.id}", c.id) for s in DOMAIN.scopes for c in s.criteria]
WORDS = ["met", "mostly", "partly", "not_met", "n/a", None]
ORDER = ["not_met", "partly", "mostly", "met"]


def build(words) -> Assessment:
    answers: dict = {}
    for (sid, cid), w in zip(CRITERIA, words):
        if w is not None:
            answers.setdefault(sid, {})[cid] = Answer(answer=w, reason="r" if w == "n/a" else "")
    return Assessment(meta=Meta(client="p"), answers=answers)


answer_lists = st.lists(st.sampled_from(WORDS), min_size=len(CRITERIA), max_size=len(CRITERIA))


@given(answer_lists)
def test_levels_stay_between_0_and_4(words):
    res = score(CAT, build(words))
    for r in res.scopes.values():
        assert 0 <= r.level <= 4
        assert r.reached <= r.level < r.reached + 1 or r.level == 4
    assert res.overall.level is None or 0 <= res.overall.level <= 4


@given(answer_lists, st.integers(0, len(CRITERIA) - 1))
def test_raising_an_answer_never_lowers_a_level(words, i):
    if words[i] not in ORDER[:-1]:
        return
    before = score(CAT, build(words))
    raised = list(words)
    raised[i] = ORDER[ORDER.index(words[i]) + 1]
    after = score(CAT, build(raised))
    for sid in before.scopes:
        assert after.scopes[sid].level >= before.scopes[sid].level - 1e-9
    if before.overall.level is not None:
        assert after.overall.level >= before.overall.level - 1e-9


@given(answer_lists)
def test_a_cap_never_raises_a_level(words):
    a = build(words)
    capped, free = score(CAT, a), score(CAT_NO_DEPS, a)
    for sid in capped.scopes:
        assert capped.scopes[sid].level <= free.scopes[sid].level + 1e-9
        assert capped.scopes[sid].uncapped == free.scopes[sid].reached


@given(answer_lists, st.dictionaries(st.sampled_from([f"x.{s.id}" for s in DOMAIN.scopes]),
                                     st.sampled_from(list(STAGES)), max_size=4))
def test_every_wave_respects_every_dependency(words, targets):
    a = build(words)
    res = score(CAT, a)
    rm = roadmap(CAT, res, targets)
    wave_of = {(s.scope, s.stage): i for i, w in enumerate(rm.waves) for s in w}
    for (sid, stage), i in wave_of.items():
        assert stage > res.scopes[sid].reached
        if (sid, stage - 1) in wave_of:
            assert wave_of[(sid, stage - 1)] < i
        for d in CAT.scopes[sid].dependencies:
            if STAGE_INDEX[d.stage] <= stage:
                need = STAGE_INDEX[d.requires_stage]
                req_reached = res.scopes[d.requires].reached
                for s in range(req_reached + 1, need + 1):
                    assert (d.requires, s) in wave_of, "a step's dependency must be on the roadmap"
                    assert wave_of[(d.requires, s)] < i
    for sid, target in targets.items():
        for s in range(res.scopes[sid].reached + 1, STAGE_INDEX[target] + 1):
            assert (sid, s) in wave_of


def test_answer_values_are_ordered():
    assert [ANSWER_VALUES[w] for w in ORDER] == sorted(ANSWER_VALUES.values())


# ---------------------------------------------------------------- practice, not assessed, advice, profile n/a


@given(answer_lists)
def test_practice_is_never_below_the_stage(words):
    for r in score(CAT, build(words)).scopes.values():
        assert r.practice >= r.reached
        assert bool(r.foundation_gap) <= (r.practice > r.reached)


@given(answer_lists)
def test_a_scope_with_no_answers_is_never_counted(words):
    res = score(CAT, build(words))
    silent = {sid for sid, r in res.scopes.items() if r.answered == 0}
    for agg in (res.overall, *res.domains.values()):
        assert not silent & set(agg.scopes)
        counted = [res.scopes[s] for s in agg.scopes]
        if not counted:
            assert agg.level is None and agg.lowest is None
        else:
            assert agg.lowest == min(r.reached for r in counted)
            total = sum(r.weight for r in counted)
            assert agg.level == pytest.approx(sum(r.level * r.weight for r in counted) / total)


REAL = load_catalogue()
REAL_CRITERIA = [(sid, c.id) for sid, sc in REAL.scopes.items() for c in sc.criteria]


@given(st.lists(st.tuples(st.sampled_from(REAL_CRITERIA), st.sampled_from(["met", "mostly", "partly", "not_met", "n/a"])),
                min_size=1, max_size=60),
       st.sampled_from(["big_b", "small_b", "consumer"]), st.sampled_from(["solo", "team", "channel", "telesales"]))
def test_any_answered_assessment_gets_a_next_indicator(pairs, form, collab):
    answers: dict = {}
    for (sid, cid), w in pairs:
        answers.setdefault(sid, {})[cid] = Answer(answer=w, reason="r" if w == "n/a" else "")
    a = Assessment(meta=Meta(client="p"), answers=answers, profile={"customer_form": form, "collaboration": collab})
    an = analyse(REAL, a)
    if not an.result.counted_scopes():
        return  # only n/a answers, or only in switched-off scopes: nothing assessed
    assert an.indicators, "advice never goes silent once something is answered"
    assert all(x.reason.en and x.reason.zh for x in an.indicators)


NA_DOMAIN = DOMAIN.model_copy(update={"profile_rules": (ProfileRule(
    question="customer_form", answers=("consumer",), why=t("not for consumers"),
    criteria=tuple(f"x.{sid}.{cid}" for sid, cid in (("a", "onl2"), ("b", "str1"), ("c", "dig1"), ("d", "int2")))),)})
NA_CAT = catalogue_from_domains(NA_DOMAIN)


@given(answer_lists)
def test_a_profile_na_never_lowers_a_level(words):
    a = build(words)
    plain = score(NA_CAT, a)
    consumer = score(NA_CAT, a.model_copy(update={"profile": {"customer_form": "consumer"}}))
    for sid in plain.scopes:
        assert consumer.scopes[sid].level >= plain.scopes[sid].level - 1e-9
        assert consumer.scopes[sid].reached >= plain.scopes[sid].reached
