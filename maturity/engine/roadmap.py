"""Roadmap: the steps from each scope's stage to its target, grouped into waves."""

from __future__ import annotations

from dataclasses import dataclass

from .scoring import TOP, AssessmentResult


@dataclass(frozen=True, slots=True)
class Todo:
    """A criterion still unmet at a step, with the action that meets it."""

    criterion: str
    answer: str | None
    weight: float


@dataclass(frozen=True, slots=True)
class Step:
    scope: str
    stage: int
    todo: tuple[Todo, ...]
    """Criteria at this stage not yet met (answered below ``met``, or unanswered)."""
    waits_on: tuple[tuple[str, int], ...]
    """Other scopes' steps this step needs."""
    pulled_in: bool = False
    """True when no target asked for it: another step depends on it."""
    unlocks: int = 0
    """For a foundation step (below the scope's practice): the practised stage meeting it unlocks; else 0."""
    practised: bool = False
    """True when this stage's own criteria already pass: only lower steps or dependencies hold it."""

    @property
    def foundation(self) -> bool:
        return self.unlocks > 0


@dataclass(frozen=True)
class Roadmap:
    waves: tuple[tuple[Step, ...], ...]
    default_targets: bool
    """True when the assessment set no targets and the next stage of each scope was used."""

    @property
    def steps(self) -> list[Step]:
        return [s for w in self.waves for s in w]


def targets_for(result: AssessmentResult, targets: dict[str, str]) -> tuple[dict[str, int], bool]:
    """The target stage per scope; without any targets, the next stage of every active scope."""
    from .scoring import STAGE_INDEX

    if targets:
        return {s: STAGE_INDEX[t] for s, t in targets.items() if s in result.scopes and result.scopes[s].active}, False
    # Without targets: the next stage, or for a foundation gap the stage already practised.
    return {r.scope: max(min(r.reached + 1, TOP), r.practice) for r in result.counted_scopes() if r.reached < TOP}, True


def roadmap_steps(catalogue, result: AssessmentResult, goal: dict[str, int]) -> dict[tuple[str, int], bool]:
    """Every (scope, stage) step needed to reach the goals, including the dependencies' steps.

    Returns step -> pulled_in (True when only a dependency asked for it).
    """
    steps: dict[tuple[str, int], bool] = {}
    stack = [(sid, st, False) for sid, target in goal.items()
             for st in range(result.scopes[sid].reached + 1, target + 1)]
    from .scoring import STAGE_INDEX

    while stack:
        sid, st, pulled = stack.pop()
        if (sid, st) in steps:
            steps[(sid, st)] = steps[(sid, st)] and pulled
            continue
        steps[(sid, st)] = pulled
        for lower in range(result.scopes[sid].reached + 1, st):
            stack.append((sid, lower, pulled))
        for dep in catalogue.scopes[sid].dependencies:
            if STAGE_INDEX[dep.stage] > st or dep.requires not in result.scopes:
                continue
            req = result.scopes[dep.requires]
            if not req.counted:
                continue
            for rst in range(req.reached + 1, STAGE_INDEX[dep.requires_stage] + 1):
                stack.append((dep.requires, rst, True))
    return steps


def roadmap(catalogue, result: AssessmentResult, targets: dict[str, str]) -> Roadmap:
    """Steps up to the targets, in waves (topological generations): each wave needs only earlier ones."""
    goal, default = targets_for(result, targets)
    steps = roadmap_steps(catalogue, result, goal)
    graph = catalogue.graph
    waves = []
    for gen in graph.waves(set(steps)):
        wave = []
        for sid, st in gen:
            r = result.scopes[sid]
            stage_score = r.stages[st - 1]
            todo = tuple(Todo(c.criterion, c.answer, c.weight) for c in stage_score.contributions
                         if c.answer not in ("met", "n/a"))
            waits = tuple(sorted(p for p in graph.predecessors((sid, st)) if p in steps and p[0] != sid))
            unlocks = r.practice if st < r.practice and not stage_score.passes else 0
            wave.append(Step(sid, st, todo, waits, steps[(sid, st)], unlocks, stage_score.passes))
        # Foundation gaps first: each unlocks stages the client already practises.
        wave.sort(key=lambda s: (not s.foundation, -(s.unlocks - s.stage)))
        waves.append(tuple(wave))
    return Roadmap(tuple(waves), default)
