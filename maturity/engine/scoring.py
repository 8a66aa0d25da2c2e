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
    unchecked: tuple[str, ...] = ()
    """Dependencies on scopes not assessed (domain not in scope or switched off)."""
    level: float = 0.0
    answered: int = 0
    applicable: int = 0
    target: int | None = None

    @property
    def active(self) -> bool:
        return self.weight > 0

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
    """A domain's or the whole assessment's figures."""

    id: str
    level: float
    lowest: int
    answered: int
    applicable: int
    scopes: tuple[str, ...]

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


def profile_weights(catalogue, profile: dict[str, str]) -> dict[str, tuple[float, tuple]]:
    """Scope weights after profile rules: each matching rule multiplies the weight; factor 0 switches off."""
    out = {sid: (scope.weight, ()) for sid, scope in catalogue.scopes.items()}
    for domain in catalogue.domains.values():
        for rule in domain.profile_rules:
            if profile.get(rule.question) not in rule.answers:
                continue
            for sid in rule.scopes:
                if sid in out:
                    w, why = out[sid]
                    out[sid] = (w * rule.factor, why + (rule,))
    return out


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
        if seen < len(given):
            known = catalogue.criteria[sid]
            unknown.extend((sid, cid) for cid in given if cid not in known)

    # 2. Stages reached, in dependency order, with caps.
    reached: dict[str, int] = {sid: 0 for sid in stage_scores}
    uncapped: dict[str, int] = {sid: 0 for sid in stage_scores}
    blocked: dict[str, bool] = {sid: False for sid in stage_scores}
    caps: dict[str, list[Cap]] = {sid: [] for sid in stage_scores}
    unchecked: dict[str, list[str]] = {sid: [] for sid in stage_scores}
    deps_at = _dependencies_by_stage(catalogue)
    for sid, st in catalogue.graph.order:
        if sid not in stage_scores:
            continue
        passes = stage_scores[sid][st - 1].passes
        if passes and uncapped[sid] == st - 1:
            uncapped[sid] = st
        for dep in deps_at.get((sid, st), ()):
            if dep.requires not in stage_scores or weights[dep.requires][0] == 0:
                unchecked[sid].append(dep.requires)
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
        )
    by_domain: dict[str, list[ScopeResult]] = {d: [] for d in domains}
    for r in scopes.values():
        by_domain[r.domain].append(r)
    domain_results = {d: aggregate(d, rs) for d, rs in by_domain.items()}
    return AssessmentResult(scopes, domain_results, aggregate("overall", list(scopes.values())), threshold,
                            missing, tuple(unknown))


def aggregate(id: str, results: list[ScopeResult]) -> Aggregate:
    """Domain or overall level: the weighted mean of active scope levels, with the lowest stage and completeness."""
    active = [r for r in results if r.weight > 0]
    total_w = sum(r.weight for r in active)
    lvl = sum(r.level * r.weight for r in active) / total_w if total_w else 0.0
    return Aggregate(id, lvl, min((r.reached for r in active), default=0),
                     sum(r.answered for r in active), sum(r.applicable for r in active),
                     tuple(r.scope for r in active))


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
