"""Workshop votes: where participants disagree."""

from __future__ import annotations

from dataclasses import dataclass

GRADES = {"not_met": 0, "partly": 1, "mostly": 2, "met": 3}
"""Votes as ordered grades; a spread of two grades or more is a disagreement."""
DISAGREEMENT_SPREAD = 2


@dataclass(frozen=True, slots=True)
class Disagreement:
    scope: str
    criterion: str
    votes: tuple[tuple[str, str], ...]
    spread: int
    """Grades between the lowest and highest vote; -1 when some say n/a and others give a grade."""


def vote_spread(votes: dict[str, str]) -> int:
    """Grades between the lowest and highest vote (n/a beside a grade counts as a split: -1)."""
    grades = [GRADES[v] for v in votes.values() if v in GRADES]
    if any(v == "n/a" for v in votes.values()) and grades:
        return -1
    return max(grades) - min(grades) if grades else 0


def disagreements(assessment) -> list[Disagreement]:
    """Criteria whose votes are two grades or more apart, or split on whether they apply."""
    out = []
    for sid, crits in assessment.answers.items():
        for cid, a in crits.items():
            if len(a.votes) < 2:
                continue
            spread = vote_spread(a.votes)
            if spread >= DISAGREEMENT_SPREAD or spread == -1:
                out.append(Disagreement(sid, cid, tuple(sorted(a.votes.items())), spread))
    return out


def consensus(votes: dict[str, str]) -> str | None:
    """A suggested settled answer: the median grade of the votes (None without graded votes)."""
    grades = sorted(GRADES[v] for v in votes.values() if v in GRADES)
    if not grades:
        return "n/a" if votes else None
    median = grades[(len(grades) - 1) // 2]
    return next(k for k, g in GRADES.items() if g == median)
