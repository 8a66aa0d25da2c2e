"""Scoring: answer scale, stage scores, stages reached with dependency caps, levels, completeness.

Every rule is a named pure function; results carry what is needed to explain them (see
``explain.py``). Results are plain frozen dataclasses rather than pydantic models: scoring runs on
every keystroke in the TUI and must stay within a few times a bare loop over the answers
(``bench/score.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

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


@dataclass(frozen=True, slots=True)
class Contribution:
    """One criterion's part in a stage score."""

    criterion: str
    answer: str | None  # None = unanswered
    weight: float
    value: float | None


@dataclass(frozen=True, slots=True)
class StageScore:
    """A scope's score at one stage and whether its own criteria pass."""

    stage: int
    score: float | None
    """Weighted mean of the answered, applicable criteria; None when none is answered."""
    contributions: tuple[Contribution, ...]
    answered: int
    unanswered: int
    not_applicable: int
    passes: bool
    """Score at or above the threshold and every applicable criterion answered (the completeness gate)."""


@dataclass(frozen=True, slots=True)
class Cap:
    """A dependency that stops a scope at a stage."""

    stage: int
    """The stage this dependency applies at (the scope cannot reach it)."""
    requires: str
    requires_stage: int
    actual_stage: int
    """The required scope's stage now."""
    why: object  # Text


@dataclass(frozen=True, slots=True)
class ScopeResult:
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

    # 1. Stage scores from each scope's own criteria.
    stage_scores: dict[str, tuple[StageScore, ...]] = {}
    counts: dict[str, tuple[int, int]] = {}
    for sid, scope in catalogue.scopes.items():
        if scope_domain[sid] not in in_scope:
            continue
        given = answers.get(sid, {})
        per_stage: list[list[Contribution]] = [[], [], [], []]
        for c in scope.criteria:
            a = given.get(c.id)
            word = a.answer if a is not None else None
            per_stage[STAGE_INDEX[c.stage] - 1].append(Contribution(c.id, word, c.weight, ANSWER_VALUES.get(word)))
        results = []
        answered = applicable = 0
        for i, contribs in enumerate(per_stage):
            na = sum(1 for c in contribs if c.answer == "n/a")
            unanswered = sum(1 for c in contribs if c.answer is None)
            app = len(contribs) - na
            sc = stage_score(contribs)
            results.append(StageScore(i + 1, sc, tuple(contribs), app - unanswered, unanswered, na,
                                      stage_passes(sc, unanswered, app, threshold)))
            answered += app - unanswered
            applicable += app
        stage_scores[sid] = tuple(results)
        counts[sid] = (answered, applicable)

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
    domain_results = {d: aggregate(d, [s for s in scopes.values() if s.domain == d]) for d in domains}
    unknown = tuple((sid, cid) for sid, crits in answers.items() for cid in crits
                    if cid not in catalogue.criteria.get(sid, {}))
    return AssessmentResult(scopes, domain_results, aggregate("overall", list(scopes.values())), threshold,
                            missing, unknown)


def aggregate(id: str, results: list[ScopeResult]) -> Aggregate:
    """Domain or overall level: the weighted mean of active scope levels, with the lowest stage and completeness."""
    active = [r for r in results if r.weight > 0]
    total_w = sum(r.weight for r in active)
    lvl = sum(r.level * r.weight for r in active) / total_w if total_w else 0.0
    return Aggregate(id, lvl, min((r.reached for r in active), default=0),
                     sum(r.answered for r in active), sum(r.applicable for r in active),
                     tuple(r.scope for r in active))


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
