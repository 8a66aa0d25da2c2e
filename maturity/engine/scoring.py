"""Scoring: answer scale, stage scores, stages reached with dependency caps, levels, completeness.

Every rule is a named pure function; results carry what is needed to explain them (see
``explain.py``). Per-scope results are NamedTuples rather than pydantic models or frozen
dataclasses (both several times slower to build): scoring runs on every keystroke in the TUI and
must stay within a few times a bare loop over the answers (``bench/score.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from ..model.assessment import Assessment
from ..model.content import Stage

ANSWER_VALUES: dict[str, float] = {"met": 1.0, "mostly": 0.8, "partly": 0.5, "not_met": 0.0}
"""The answer scale. ``n/a`` and unanswered criteria are left out of the score."""
STAGE_NAMES = ("offline", "structured", "online", "digital", "intelligent")
STAGE_INDEX = {n: i for i, n in enumerate(STAGE_NAMES)}
TOP = 4
NEXT_LEVEL_CAP = 0.99
"""A level stays below the next whole number until that stage is reached."""


def answer_value(word: str | None) -> float | None:
    """The answer scale: met 1.0 · mostly 0.8 · partly 0.5 · not_met 0.0; n/a and unanswered give None."""
    return ANSWER_VALUES.get(word) if word else None


class Contribution(NamedTuple):
    """One criterion's part in a stage score."""

    criterion: str
    answer: str | None  # None = unanswered
    weight: float
    value: float | None


class StageScore(NamedTuple):
    """A scope's score at one stage and whether its own criteria pass."""

    stage: int
    score: float | None
    """Weighted mean of the answered, applicable criteria; None when none is answered."""
    answered: int
    unanswered: int
    not_applicable: int
    passes: bool
    """Score at or above the threshold and every applicable criterion answered (the completeness gate)."""
    layout: tuple = ()
    """(criterion id, weight) of this stage's criteria, in content order."""
    given: dict = {}
    """The scope's answers, by criterion id."""

    @property
    def contributions(self) -> tuple[Contribution, ...]:
        """Each criterion's part in the score (built on demand: scoring stays a tight loop)."""
        out = []
        for cid, w in self.layout:
            a = self.given.get(cid)
            word = a.answer if a is not None else None
            out.append(Contribution(cid, word, w, ANSWER_VALUES.get(word)))
        return tuple(out)


class Cap(NamedTuple):
    """A dependency that stops a scope at a stage."""

    stage: int
    """The stage this dependency applies at (the scope cannot reach it)."""
    requires: str
    requires_stage: int
    actual_stage: int
    """The required scope's stage now."""
    why: object  # Text


UNCHECKED_REASONS = ("not_loaded", "outside", "switched_off", "not_assessed", "profile")
"""Why a dependency is not checked: its domain has no plugin · its domain is not in meta.domains ·
the profile switched the required scope off · nobody has answered the required scope yet · a profile
rule says it does not hold for this kind of business."""


class Unchecked(NamedTuple):
    """A dependency that is not checked, and why (one of ``UNCHECKED_REASONS``)."""

    stage: int
    requires: str
    requires_stage: int
    reason: str
    why: object = None
    """For ``profile``: the rule's ``why`` (Text)."""


class GapStage(NamedTuple):
    """A stage below a scope's practice whose own criteria do not pass: part of its foundation gap."""

    stage: int
    todo: tuple[Contribution, ...]
    """Its criteria answered below ``met`` or unanswered."""
    unanswered: int


class ScopeResult(NamedTuple):
    scope: str
    domain: str
    weight: float
    """Weight after profile rules (0 = switched off)."""
    weight_reasons: tuple = ()
    stages: tuple[StageScore, ...] = ()
    """Stage scores for structured, online, digital, intelligent."""
    reached: int = 0
    uncapped: int = 0
    """The stage the scope's own criteria reach, ignoring dependencies."""
    caps: tuple[Cap, ...] = ()
    """Dependencies not met, each at the stage it applies to."""
    unchecked: tuple[Unchecked, ...] = ()
    """Dependencies that are not checked, each with its reason."""
    level: float = 0.0
    answered: int = 0
    applicable: int = 0
    target: int | None = None
    practice: int = 0
    """The highest stage whose own criteria pass (with something applicable to show), ignoring gaps
    below it and dependency caps; never below ``reached``."""
    profile_na: dict = {}
    """Criteria the profile makes n/a (the consultant did not answer them): criterion id -> rule."""

    @property
    def active(self) -> bool:
        return self.weight > 0

    @property
    def assessed(self) -> bool:
        """At least one criterion answered with a grade; a scope nobody answered has no stage yet."""
        return self.answered > 0

    @property
    def counted(self) -> bool:
        """Counted in levels, lowest stages and completeness: active and assessed."""
        return self.weight > 0 and self.answered > 0

    @property
    def foundation_gap(self) -> tuple[GapStage, ...]:
        """Stages below the practice whose own criteria do not pass: meeting them unlocks what is practised."""
        if self.practice <= self.reached:
            return ()
        out = []
        for st in self.stages[self.reached:self.practice - 1]:
            if not st.passes:
                todo = tuple(c for c in st.contributions if c.answer not in ("met", "n/a"))
                out.append(GapStage(st.stage, todo, st.unanswered))
        return tuple(out)

    @property
    def has_gap(self) -> bool:
        """A foundation gap: practised above the stage *and* held by its own lower stages (not only a dependency)."""
        return self.counted and self.practice > self.reached and bool(self.foundation_gap)

    @property
    def capped(self) -> bool:
        return self.uncapped > self.reached

    @property
    def capped_by(self) -> tuple[Cap, ...]:
        """The dependencies that hold the scope below what its criteria reach."""
        return tuple(c for c in self.caps if c.stage == self.reached + 1) if self.capped else ()

    @property
    def completeness(self) -> float:
        return self.answered / self.applicable if self.applicable else 1.0

    def stage_score(self, stage: int) -> StageScore | None:
        return self.stages[stage - 1] if 1 <= stage <= TOP else None

    @property
    def progress(self) -> float | None:
        """Progress to target: the level as a share of the target stage (1.0 when reached)."""
        if self.target is None:
            return None
        if self.target == 0:
            return 1.0
        return min(self.level / self.target, 1.0)


@dataclass(frozen=True, slots=True)
class Aggregate:
    """A domain's or the whole assessment's figures, over its assessed active scopes.

    ``level`` and ``lowest`` are None while nothing is assessed: not assessed is not offline.
    """

    id: str
    level: float | None
    lowest: int | None
    answered: int
    applicable: int
    scopes: tuple[str, ...]
    """The assessed active scopes the figures are made of."""
    total: int = 0
    """Active scopes in all (assessed or not)."""
    gaps: int = 0
    """Assessed scopes whose practice is above their stage (a foundation gap)."""

    @property
    def assessed(self) -> int:
        return len(self.scopes)

    @property
    def completeness(self) -> float:
        return self.answered / self.applicable if self.applicable else 1.0


@dataclass(frozen=True)
class AssessmentResult:
    scopes: dict[str, ScopeResult]
    domains: dict[str, Aggregate]
    overall: Aggregate
    threshold: float
    missing_domains: tuple[str, ...] = ()
    unknown_answers: tuple[tuple[str, str], ...] = ()
    """(scope, criterion) answers no loaded plugin knows; kept in the snapshot, left out of scores."""
    extra: dict = field(default_factory=dict)

    def active_scopes(self) -> list[ScopeResult]:
        return [r for r in self.scopes.values() if r.active]

    def counted_scopes(self) -> list[ScopeResult]:
        """Active and assessed: the scopes every figure and advice is made of."""
        return [r for r in self.scopes.values() if r.counted]

    def unchecked(self) -> list[tuple[str, Unchecked]]:
        """Every dependency not checked, with the scope that has it (active scopes only)."""
        return [(r.scope, u) for r in self.scopes.values() if r.active for u in r.unchecked]


# ---------------------------------------------------------------- rules


def stage_score(contributions) -> float | None:
    """Stage score: the weighted mean of a stage's answered, applicable criteria (None if none)."""
    total_w = 0.0
    total = 0.0
    for c in contributions:
        if c.value is not None:
            total_w += c.weight
            total += c.weight * c.value
    return total / total_w if total_w else None


def stage_passes(score: float | None, unanswered: int, applicable: int, threshold: float) -> bool:
    """A stage's own criteria pass when its score reaches the threshold and nothing applicable is unanswered.

    A stage whose every criterion is ``n/a`` passes (there is nothing to show).
    """
    if applicable == 0:
        return True
    return unanswered == 0 and score is not None and score >= threshold - 1e-9


def level(reached: int, next_score: float | None) -> float:
    """Level = stage reached + score of the next stage, kept below the next whole number."""
    if reached >= TOP or not next_score:
        return float(reached)
    return reached + min(next_score, NEXT_LEVEL_CAP)


def matching_rules(catalogue, profile: dict):
    """The profile rules the client's answers trigger (``ProfileRule.matches``: any answer re-weights,
    every answer must match to switch off or make n/a); answers that are no option of their question
    are ignored here and reported by ``snapshot.findings.profile_problems``."""
    from ..model.assessment import profile_answers

    options = {q.id: set(q.option_ids()) for q in catalogue.profile_questions}
    for domain in catalogue.domains.values():
        for rule in domain.profile_rules:
            given = tuple(a for a in profile_answers(profile.get(rule.question)) if a in options.get(rule.question, ()))
            if rule.matches(given):
                yield rule


def profile_weights(catalogue, profile: dict) -> dict[str, tuple[float, tuple]]:
    """Scope weights after profile rules: each matching rule multiplies the weight; factor 0 switches off."""
    out = {sid: (scope.weight, ()) for sid, scope in catalogue.scopes.items()}
    for rule in matching_rules(catalogue, profile):
        for sid in rule.scopes:
            if sid in out:
                w, why = out[sid]
                out[sid] = (w * rule.factor, why + (rule,))
    return out


def profile_not_applicable(catalogue, profile: dict) -> dict[str, dict[str, object]]:
    """Criteria the profile makes n/a, by scope then criterion id (the first matching rule gives the reason)."""
    out: dict[str, dict[str, object]] = {}
    for rule in matching_rules(catalogue, profile):
        for ref in rule.criteria:
            sid, _, cid = ref.rpartition(".")
            if cid in catalogue.criteria.get(sid, {}):
                out.setdefault(sid, {}).setdefault(cid, rule)
    return out


def profile_dependencies_off(catalogue, profile: dict) -> dict[tuple[str, int, str], object]:
    """Dependencies a matching profile rule leaves unchecked, keyed (scope, stage index, required scope),
    each with its rule (the first matching rule gives the reason)."""
    out: dict[tuple[str, int, str], object] = {}
    for rule in matching_rules(catalogue, profile):
        for ref in rule.dependencies:
            out.setdefault((ref.scope, STAGE_INDEX[ref.stage], ref.requires), rule)
    return out


def practice_stage(stages, reached: int) -> int:
    """Practice: the highest stage whose own criteria pass with something applicable answered,
    ignoring gaps below it and dependency caps; never below the stage reached."""
    best = reached
    for st in stages:
        if st.passes and st.answered > 0 and st.stage > best:
            best = st.stage
    return best


def active_domains(catalogue, assessment: Assessment) -> tuple[list[str], tuple[str, ...]]:
    """The assessment's domains that are loaded, and those that no plugin provides."""
    wanted = list(assessment.meta.domains) or list(catalogue.domains)
    return [d for d in wanted if d in catalogue.domains], tuple(d for d in wanted if d not in catalogue.domains)


def score(catalogue, assessment: Assessment) -> AssessmentResult:
    """Score every scope of the assessment's domains, then domains and the whole."""
    threshold = assessment.meta.threshold
    domains, missing = active_domains(catalogue, assessment)
    in_scope = set(domains)
    weights = profile_weights(catalogue, assessment.profile)
    na_by_profile = profile_not_applicable(catalogue, assessment.profile)
    answers = assessment.answers
    scope_domain = catalogue.scope_domain
    targets = assessment.targets

    # 1. Stage scores from each scope's own criteria (a tight loop: see bench/score.py).
    stage_scores: dict[str, tuple[StageScore, ...]] = {}
    counts: dict[str, tuple[int, int]] = {}
    value_of = ANSWER_VALUES.get
    empty: dict = {}
    unknown: list[tuple[str, str]] = [(sid, cid) for sid, crits in answers.items()
                                      if sid not in catalogue.scopes for cid in crits]
    for sid, layout in _layout(catalogue).items():
        if scope_domain[sid] not in in_scope:
            continue
        given = answers.get(sid) or empty
        if sid in na_by_profile:
            given = _with_profile_na(given, na_by_profile[sid])
        get = given.get
        seen = 0
        results = []
        answered = applicable = 0
        for i, crits in enumerate(layout):
            tw = tv = 0.0
            na = un = n = 0
            for cid, w in crits:
                a = get(cid)
                if a is None:
                    un += 1
                    continue
                seen += 1
                word = a.answer
                v = value_of(word)
                if v is None:
                    if word == "n/a":
                        na += 1
                    else:
                        un += 1
                    continue
                n += 1
                tw += w
                tv += w * v
            sc = tv / tw if tw else None
            app = len(crits) - na
            results.append(StageScore(i + 1, sc, n, un, na, stage_passes(sc, un, app, threshold), crits, given))
            answered += n
            applicable += app
        stage_scores[sid] = tuple(results)
        counts[sid] = (answered, applicable)
        if seen < len(given) and not (sid in na_by_profile):
            known = catalogue.criteria[sid]
            unknown.extend((sid, cid) for cid in given if cid not in known)

    for sid in na_by_profile:
        if sid in stage_scores:
            known = catalogue.criteria[sid]
            unknown.extend((sid, cid) for cid in (answers.get(sid) or empty) if cid not in known)

    # 2. Stages reached, in dependency order, with caps.
    reached: dict[str, int] = {sid: 0 for sid in stage_scores}
    uncapped: dict[str, int] = {sid: 0 for sid in stage_scores}
    blocked: dict[str, bool] = {sid: False for sid in stage_scores}
    caps: dict[str, list[Cap]] = {sid: [] for sid in stage_scores}
    unchecked: dict[str, list[Unchecked]] = {sid: [] for sid in stage_scores}
    for sid, deps in catalogue.dropped_dependencies.items():
        if sid in unchecked:
            unchecked[sid].extend(Unchecked(STAGE_INDEX[d.stage], d.requires, STAGE_INDEX[d.requires_stage], "not_loaded")
                                  for d in deps)
    deps_at = _dependencies_by_stage(catalogue)
    deps_off = profile_dependencies_off(catalogue, assessment.profile)
    for sid, st in catalogue.graph.order:
        if sid not in stage_scores:
            continue
        passes = stage_scores[sid][st - 1].passes
        if passes and uncapped[sid] == st - 1:
            uncapped[sid] = st
        for dep in deps_at.get((sid, st), ()):
            rule = deps_off.get((sid, st, dep.requires))
            if rule is not None:
                unchecked[sid].append(Unchecked(st, dep.requires, STAGE_INDEX[dep.requires_stage], "profile", rule.why))
                continue
            why_not = ("outside" if dep.requires not in stage_scores else
                       "switched_off" if weights[dep.requires][0] == 0 else
                       "not_assessed" if counts[dep.requires][0] == 0 else "")
            if why_not:
                unchecked[sid].append(Unchecked(st, dep.requires, STAGE_INDEX[dep.requires_stage], why_not))
                continue
            need = STAGE_INDEX[dep.requires_stage]
            if reached[dep.requires] < need:
                caps[sid].append(Cap(st, dep.requires, need, reached[dep.requires], dep.why))
                blocked[sid] = True
        if not blocked[sid] and passes and reached[sid] == st - 1:
            reached[sid] = st
        else:
            blocked[sid] = True

    # 3. Levels and aggregates.
    scopes: dict[str, ScopeResult] = {}
    for sid, stages in stage_scores.items():
        r = reached[sid]
        nxt = stages[r].score if r < TOP else None
        t = targets.get(sid)
        w, why = weights[sid]
        scopes[sid] = ScopeResult(
            scope=sid, domain=scope_domain[sid],
            weight=w * catalogue.domains[scope_domain[sid]].weight, weight_reasons=why,
            stages=stages, reached=r, uncapped=uncapped[sid], caps=tuple(caps[sid]),
            unchecked=tuple(dict.fromkeys(unchecked[sid])), level=level(r, nxt),
            answered=counts[sid][0], applicable=counts[sid][1],
            target=STAGE_INDEX[t] if t else None,
            practice=practice_stage(stages, r), profile_na=na_by_profile.get(sid, empty),
        )
    by_domain: dict[str, list[ScopeResult]] = {d: [] for d in domains}
    for r in scopes.values():
        by_domain[r.domain].append(r)
    domain_results = {d: aggregate(d, rs) for d, rs in by_domain.items()}
    return AssessmentResult(scopes, domain_results, aggregate("overall", list(scopes.values())), threshold,
                            missing, tuple(unknown))


def aggregate(id: str, results: list[ScopeResult]) -> Aggregate:
    """Domain or overall level: the weighted mean of the levels of active, *assessed* scopes, with their
    lowest stage and completeness; no level and no lowest stage (None) while nothing is assessed."""
    active = [r for r in results if r.weight > 0]
    counted = [r for r in active if r.answered > 0]
    total_w = sum(r.weight for r in counted)
    lvl = sum(r.level * r.weight for r in counted) / total_w if total_w else None
    return Aggregate(id, lvl, min((r.reached for r in counted), default=None),
                     sum(r.answered for r in counted), sum(r.applicable for r in counted),
                     tuple(r.scope for r in counted), total=len(active),
                     gaps=sum(1 for r in counted if r.has_gap))


def _with_profile_na(given: dict, rules: dict) -> dict:
    """The scope's answers with the profile's n/a filled in where the consultant gave no answer."""
    from ..model.assessment import Answer

    out = dict(given)
    for cid, rule in rules.items():
        a = out.get(cid)
        if a is None or a.answer is None:
            out[cid] = Answer(answer="n/a", reason=rule.why.en, note=a.note if a else "",
                              evidence=a.evidence if a else "", votes=a.votes if a else {})
    return out


def _layout(catalogue) -> dict[str, tuple[tuple[tuple[str, float], ...], ...]]:
    """Per scope, the (criterion id, weight) pairs of each stage; computed once per catalogue."""
    cache = catalogue.__dict__.get("_layout")
    if cache is None:
        cache = {}
        for sid, scope in catalogue.scopes.items():
            per_stage: list[list] = [[], [], [], []]
            for c in scope.criteria:
                per_stage[STAGE_INDEX[c.stage] - 1].append((c.id, c.weight))
            cache[sid] = tuple(tuple(x) for x in per_stage)
        catalogue.__dict__["_layout"] = cache
    return cache


def _dependencies_by_stage(catalogue) -> dict:
    cache = catalogue.__dict__.get("_deps_by_stage")
    if cache is None:
        cache = {}
        for sid, scope in catalogue.scopes.items():
            for dep in scope.dependencies:
                cache.setdefault((sid, STAGE_INDEX[dep.stage]), []).append(dep)
        catalogue.__dict__["_deps_by_stage"] = cache
    return cache


def stage_name(i: int) -> str:
    return Stage(i).name
