"""Everything the product shows about one assessment, computed once from the pure rules."""

from __future__ import annotations

from dataclasses import dataclass

from ..model.assessment import Assessment
from .indicators import IndicatorAdvice, ProofPair, next_indicators, proof_pairs
from .roadmap import Roadmap, roadmap
from .scoring import AssessmentResult, score
from .stance import StanceAdvice, advise_stance
from .votes import Disagreement, disagreements


@dataclass(frozen=True)
class Analysis:
    assessment: Assessment
    result: AssessmentResult
    roadmap: Roadmap
    indicators: list[IndicatorAdvice]
    pairs: list[ProofPair]
    stance: StanceAdvice
    disagreements: list[Disagreement]


def analyse(catalogue, assessment: Assessment) -> Analysis:
    result = score(catalogue, assessment)
    tracked = set(assessment.tracked)
    m = assessment.measured
    return Analysis(
        assessment, result,
        roadmap(catalogue, result, dict(assessment.targets)),
        next_indicators(catalogue, result, tracked, measured=dict(m.indicators) if m is not None else None),
        proof_pairs(catalogue, result, tracked, m.relations if m is not None else ()),
        advise_stance(catalogue, result, dict(assessment.team), assessment.meta.perspective),
        disagreements(assessment),
    )
