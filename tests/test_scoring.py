"""The scoring rules, each with hand-computed cases."""

from __future__ import annotations

import pytest

from maturity.engine.scoring import Contribution, answer_value, level, profile_weights, score, stage_passes, stage_score
from maturity.model.assessment import Answer

from .conftest import answers_all, with_answers


def test_answer_scale():
    assert [answer_value(w) for w in ("met", "mostly", "partly", "not_met", "n/a", None)] == [1.0, 0.8, 0.5, 0.0, None, None]


def test_stage_score_is_weighted_mean_of_answered_applicable():
    cs = [Contribution("a", "met", 2.0, 1.0), Contribution("b", "partly", 1.0, 0.5),
          Contribution("c", "n/a", 5.0, None), Contribution("d", None, 5.0, None)]
    assert stage_score(cs) == pytest.approx(2.5 / 3)


def test_stage_score_none_without_answers():
    assert stage_score([Contribution("a", None, 1.0, None)]) is None


def test_stage_passes_needs_threshold_and_completeness():
    assert stage_passes(0.8, 0, 2, 0.8)
    assert not stage_passes(0.79, 0, 2, 0.8)
    assert not stage_passes(1.0, 1, 2, 0.8), "an unanswered criterion holds the stage back"
    assert stage_passes(None, 0, 0, 0.8), "a stage whose criteria are all n/a passes"


def test_level_is_reached_plus_next_score_below_next_whole():
    assert level(2, 0.45) == pytest.approx(2.45)
    assert level(2, 1.0) == pytest.approx(2.99)
    assert level(4, None) == 4.0
    assert level(1, None) == 1.0


def test_scope_reaches_stages_in_order(cat, blank):
    a = with_answers(blank, a={**answers_all("met", "a", ("structured",)),
                               "onl1": Answer(answer="met"), "onl2": Answer(answer="partly"),
                               **answers_all("met", "a", ("digital",))})
    r = score(cat, a).scopes["x.a"]
    # online: (2*1 + 1*0.5)/3 = 0.833 >= 0.8 → online reached; digital met too; intelligent unanswered
    assert r.reached == 3
    assert r.stages[1].score == pytest.approx(2.5 / 3)
    assert r.level == 3.0


def test_stage_not_skipped_when_lower_stage_fails(cat, blank):
    a = with_answers(blank, a={"str1": Answer(answer="not_met"), "str2": Answer(answer="met"),
                               **answers_all("met", "a", ("online", "digital"))})
    r = score(cat, a).scopes["x.a"]
    # structured: (0*2 + 1)/3 = 0.333 → not reached; online's good answers do not count
    assert r.reached == 0
    assert r.level == pytest.approx(1 / 3)


def test_capped_scope_names_its_blocker(cat, blank):
    a = with_answers(blank, a=answers_all("met", "a", ("structured",)),
                     b=answers_all("met", "b", ("structured", "online", "digital")))
    res = score(cat, a)
    b = res.scopes["x.b"]
    assert res.scopes["x.a"].reached == 1
    assert b.uncapped == 3 and b.reached == 1 and b.capped
    assert [(c.requires, c.requires_stage, c.actual_stage) for c in b.capped_by] == [("x.a", 2, 1)]
    assert b.level == pytest.approx(1.99), "next stage's score counts, below the next whole number"


def test_cap_lifts_when_dependency_is_met(cat, blank):
    a = with_answers(blank, a=answers_all("met", "a", ("structured", "online")),
                     b=answers_all("met", "b", ("structured", "online", "digital")))
    b = score(cat, a).scopes["x.b"]
    assert b.reached == 3 and not b.capped


def test_na_is_left_out_and_all_na_stage_passes(cat, blank):
    a = with_answers(blank, a={"str1": Answer(answer="n/a", reason="no marketing"), "str2": Answer(answer="met"),
                               "onl1": Answer(answer="n/a", reason="x"), "onl2": Answer(answer="n/a", reason="y")})
    r = score(cat, a).scopes["x.a"]
    assert r.stages[0].score == 1.0 and r.stages[0].not_applicable == 1
    assert r.reached == 2
    assert r.applicable == 8 - 3 and r.answered == 1


def test_domain_and_overall_are_weighted_means_with_lowest_and_completeness(cat, blank):
    a = with_answers(blank, a=answers_all("met", "a", ("structured", "online")),
                     b=answers_all("met", "b", ("structured",)))
    a = a.model_copy(update={"profile": {"sales_cycle": "long"}})
    res = score(cat, a)
    la, lb, lc = (res.scopes[f"x.{s}"].level for s in "abc")
    assert (la, lb, lc) == (2.0, 1.0, 0.0)
    assert res.scopes["x.b"].weight == 2.0
    # x.c has no answer: not assessed, so it is in no level, lowest stage or completeness.
    assert not res.scopes["x.c"].assessed
    assert res.domains["x"].level == pytest.approx((2.0 * 1 + 1.0 * 2) / 3)
    assert res.domains["x"].lowest == 1
    assert res.overall.completeness == pytest.approx(6 / 16)
    assert (res.overall.assessed, res.overall.total) == (2, 3)


def test_nothing_assessed_has_no_level_and_no_lowest_stage(cat, blank):
    res = score(cat, blank)
    assert res.overall.level is None and res.overall.lowest is None
    assert all(d.level is None for d in res.domains.values())
    assert res.overall.assessed == 0 and res.overall.total == 3


def test_profile_rule_switches_a_scope_off(cat, blank):
    a = blank.model_copy(update={"profile": {"customer_form": "consumer"}})
    weights = profile_weights(cat, a.profile)
    assert weights["x.c"][0] == 0.0
    assert [r.why.en for r in weights["x.c"][1]] == ["no c"]
    res = score(cat, a)
    assert "x.c" not in res.overall.scopes
    assert res.overall.total == 2, "a switched-off scope is not even counted as not assessed"


def test_dependency_on_switched_off_scope_is_not_checked(cat, blank):
    a = with_answers(blank.model_copy(update={"profile": {"customer_form": "consumer"}}),
                     c=answers_all("met", "c"))
    r = score(cat, a).scopes["x.c"]
    assert r.reached == 4 and [u.reason for u in r.unchecked] == ["not_assessed"], \
        "b is active but nobody answered it: the dependency is listed as not checked, not read as offline"
    b_low = {**answers_all("met", "b", ("structured", "online")), **answers_all("not_met", "b", ("digital",))}
    r = score(cat, with_answers(a, b=b_low, c=answers_all("met", "c"))).scopes["x.c"]
    assert r.reached == 3 and r.practice == 4, "c's own dependency on b applies once b is assessed"
    a2 = with_answers(blank, b=answers_all("met", "b"), a={"str1": Answer(answer="partly")})
    b = score(cat, a2).scopes["x.b"]
    assert (b.reached, b.practice) == (1, 4), "b needs a@online; a is assessed and offline, so b is capped"


def test_unknown_answers_are_reported_not_scored(cat, blank):
    a = with_answers(blank, a={"ghost": Answer(answer="met")})
    res = score(cat, a)
    assert res.unknown_answers == (("x.a", "ghost"),)
    assert res.scopes["x.a"].answered == 0
