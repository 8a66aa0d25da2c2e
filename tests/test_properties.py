"""Properties of the rules over random assessments (hypothesis)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from maturity.engine.roadmap import roadmap
from maturity.engine.scoring import ANSWER_VALUES, STAGE_INDEX, score
from maturity.model.assessment import Answer, Assessment, Meta
from maturity.model.content import Domain
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
    assert 0 <= res.overall.level <= 4


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
