"""Roadmap waves, next indicators, stance and votes, with hand-computed cases."""

from __future__ import annotations

from maturity.engine.indicators import effective_relation, next_indicators, proof_pairs
from maturity.engine.roadmap import roadmap
from maturity.engine.scoring import score
from maturity.engine.stance import advise_stance, capable_stance
from maturity.engine.votes import consensus, disagreements, vote_spread
from maturity.model.assessment import Answer

from .conftest import answers_all, with_answers

STRONG_TEAM = {"current_stance": "collaborate", "tenure": "long", "business_analysis": "complete", "strategy": "yes",
               "business_mastery": "high", "management_buy_in": "yes", "partner_buy_in": "yes",
               "business_ownership": "strong", "test_loop": "yes"}


def test_roadmap_pulls_in_dependencies_and_orders_waves(cat, blank):
    a = with_answers(blank, a=answers_all("met", "a", ("structured",)))
    a = a.model_copy(update={"targets": {"x.b": "online"}})
    res = score(cat, a)
    rm = roadmap(cat, res, dict(a.targets))
    steps = {(s.scope, s.stage): i for i, w in enumerate(rm.waves) for s in w}
    assert set(steps) == {("x.b", 1), ("x.b", 2), ("x.a", 2)}
    assert steps[("x.a", 2)] < steps[("x.b", 2)]
    pulled = {(s.scope, s.stage): s.pulled_in for s in rm.steps}
    assert pulled[("x.a", 2)] and not pulled[("x.b", 2)]
    b2 = next(s for s in rm.steps if (s.scope, s.stage) == ("x.b", 2))
    assert b2.waits_on == (("x.a", 2),)
    assert [t.criterion for t in b2.todo] == ["onl1", "onl2"]


def test_roadmap_todo_lists_only_unmet_criteria(cat, blank):
    a = with_answers(blank, a={"str1": Answer(answer="met"), "str2": Answer(answer="not_met")})
    rm = roadmap(cat, score(cat, a), {"x.a": "structured"})
    assert [(t.criterion, t.answer) for t in rm.steps[0].todo] == [("str2", "not_met")]


def test_roadmap_defaults_to_next_stage_without_targets(cat, blank):
    a = with_answers(blank, a={"str1": Answer(answer="partly")}, b={"str1": Answer(answer="met")})
    rm = roadmap(cat, score(cat, a), {})
    assert rm.default_targets
    assert {(s.scope, s.stage) for s in rm.steps} == {("x.a", 1), ("x.b", 1)}, "x.c is not assessed: no step"
    assert not roadmap(cat, score(cat, blank), {}).steps


def test_roadmap_aims_a_foundation_gap_at_its_practice_and_puts_it_first(cat, blank):
    a = with_answers(blank, a={**answers_all("not_met", "a", ("structured",)), **answers_all("met", "a", ("online",))},
                     b=answers_all("partly", "b", ("structured",)))
    res = score(cat, a)
    assert (res.scopes["x.a"].reached, res.scopes["x.a"].practice) == (0, 2)
    rm = roadmap(cat, res, {})
    first = rm.waves[0][0]
    assert (first.scope, first.stage, first.unlocks) == ("x.a", 1, 2)
    assert ("x.a", 2) in {(s.scope, s.stage) for s in rm.steps}
    assert next(s for s in rm.steps if (s.scope, s.stage) == ("x.a", 2)).practised


def test_relation_weakens_below_digital_for_business_and_workload_only():
    assert effective_relation("business", "positive", 2) == "transparency"
    assert effective_relation("business", "positive", 3) == "positive"
    assert effective_relation("workload", "direct", 1) == "positive"
    assert effective_relation("usage", "unclear", 0) == "direct"
    assert effective_relation("transparency", "transparency", 0) == "transparency"


def test_weak_system_ranks_usage_and_efficiency_first_and_skips_tracked(cat, blank):
    a = with_answers(blank, a=answers_all("met", "a", ("structured",)))
    res = score(cat, a)
    advice = [x for x in next_indicators(cat, res, {"x.a.eff"}) if x.scope == "x.a"]
    ids = [x.indicator for x in advice]
    assert ids[0] == "x.a.use" and "x.a.eff" not in ids
    assert "x.a.biz" not in ids, "business indicators from digital are beyond the next stage"
    assert all(x.reason.en and x.reason.zh for x in advice)


def test_digital_system_ranks_strong_business_indicators_first(cat, blank):
    a = with_answers(blank, a=answers_all("met", "a", ("structured", "online", "digital")))
    advice = [x for x in next_indicators(cat, score(cat, a), set()) if x.scope == "x.a"]
    assert advice[0].indicator == "x.a.biz" and advice[0].relation == "positive"
    assert advice[1].type == "transparency"


def test_proof_pair_proposed_while_weak(cat, blank):
    a = with_answers(blank, a={"str1": Answer(answer="partly")})
    pairs = proof_pairs(cat, score(cat, a), set())
    assert not proof_pairs(cat, score(cat, blank), set()), "nothing assessed: nothing to prove yet"
    assert ("x.a", "x.a.work", "x.a.biz") in [(p.scope, p.behaviour, p.result) for p in pairs]


def test_new_team_follows_even_when_able_to_lead(cat, blank):
    s = advise_stance(cat, score(cat, blank), {**STRONG_TEAM, "tenure": "new"})
    assert s.capable == "lead" and s.recommended == "follow"
    assert any("new" in w.en for w in s.warnings)


def test_stance_never_jumps_more_than_one_step(cat, blank):
    s = advise_stance(cat, score(cat, blank), {**STRONG_TEAM, "current_stance": "follow"})
    assert s.recommended == "collaborate"
    assert any("extreme" in w.en for w in s.warnings)


def test_capability_needs_every_lower_requirement():
    assert capable_stance({}) == "follow"
    assert capable_stance({"business_analysis": "partial"}) == "collaborate"
    assert capable_stance({**STRONG_TEAM, "strategy": "no"}) == "collaborate"
    assert capable_stance(STRONG_TEAM) == "lead"


def test_weak_ownership_warns_of_unreliable_data(cat, blank):
    s = advise_stance(cat, score(cat, blank), {**STRONG_TEAM, "business_ownership": "weak"})
    assert any("spreadsheets" in w.en and "小表格" in w.zh for w in s.warnings)


def test_single_points_are_digital_scopes_with_intelligence_in_reach(cat, blank):
    a = with_answers(blank, a=answers_all("met", "a", ("structured", "online", "digital")),
                     c=answers_all("met", "c", ("structured", "online", "digital")),
                     b=answers_all("met", "b", ("structured",)))
    s = advise_stance(cat, score(cat, a), STRONG_TEAM)
    assert s.single_points == ("x.a",), "c's intelligent stage needs b at digital"


def test_votes_two_grades_apart_are_a_disagreement(blank):
    a = with_answers(blank, a={
        "str1": Answer(votes={"li": "met", "wang": "partly"}),
        "str2": Answer(votes={"li": "met", "wang": "mostly"}),
        "onl1": Answer(votes={"li": "n/a", "wang": "met"}),
    })
    found = {(d.criterion, d.spread) for d in disagreements(a)}
    assert found == {("str1", 2), ("onl1", -1)}
    assert vote_spread({"a": "met", "b": "not_met"}) == 3
    assert consensus({"a": "met", "b": "partly", "c": "mostly"}) == "mostly"
