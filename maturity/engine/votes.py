"""Workshop votes: where participants disagree, and the answer to suggest.

A split (votes two grades or more apart, or split on whether the criterion applies) is an open
*disagreement* while the criterion has no settled answer. Once the consultant settles it (the
criterion's ``answer`` is set) the votes stay as the record, but it is no longer a disagreement
anywhere: not in the analysis, not in ``validate``'s findings, not in a report, not in the TUI.
"""

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


def is_split(votes: dict[str, str]) -> bool:
    """Two votes or more, two grades or more apart, or split on whether the criterion applies."""
    spread = vote_spread(votes)
    return len(votes) >= 2 and (spread >= DISAGREEMENT_SPREAD or spread == -1)


def is_open(answer) -> bool:
    """An open disagreement: the votes are split and nobody has settled the answer yet."""
    return answer.answer is None and is_split(answer.votes)


def disagreements(assessment, settled: bool = False) -> list[Disagreement]:
    """Criteria whose votes are two grades or more apart, or split on whether they apply, and that are not
    settled yet (with ``settled=True``: the settled ones too, for the record)."""
    out = []
    for sid, crits in assessment.answers.items():
        for cid, a in crits.items():
            if len(a.votes) < 2 or (a.answer is not None and not settled):
                continue
            spread = vote_spread(a.votes)
            if spread >= DISAGREEMENT_SPREAD or spread == -1:
                out.append(Disagreement(sid, cid, tuple(sorted(a.votes.items())), spread))
    return out


def consensus(votes: dict[str, str]) -> str | None:
    """A suggested settled answer: the median grade of the votes (None without votes; n/a when no vote
    gives a grade).

    With an even number of votes the median is the midpoint of the two middle grades, and a half rounds
    down (the evidence has to be shown): met + partly suggests mostly, met + not met suggests partly,
    met + mostly suggests mostly. Never simply the lower of two votes.
    """
    grades = sorted(GRADES[v] for v in votes.values() if v in GRADES)
    if not grades:
        return "n/a" if votes else None
    n = len(grades)
    low, high = grades[(n - 1) // 2], grades[n // 2]
    median = (low + high) // 2
    return next(k for k, g in GRADES.items() if g == median)


@dataclass(frozen=True, slots=True)
class DisagreementView:
    """A disagreement in words a client reads: the scope's name, the criterion's text, votes by name."""

    scope: str
    criterion: str
    scope_name: str
    criterion_text: str
    votes: tuple[tuple[str, str], ...]
    """(participant's name, vote), in the order of the participants."""


def disagreement_view(catalogue, assessment, d: Disagreement, lang: str = "en") -> DisagreementView:
    """Names and texts for ``d`` (ids only where the content or the participant is unknown)."""
    scope = catalogue.scopes.get(d.scope)
    crit = catalogue.criteria.get(d.scope, {}).get(d.criterion)
    order = {p.id: i for i, p in enumerate(assessment.participants)}
    names = {p.id: p.name for p in assessment.participants}
    votes = sorted(d.votes, key=lambda pv: (order.get(pv[0], len(order)), pv[0]))
    return DisagreementView(d.scope, d.criterion, scope.name.get(lang) if scope else d.scope,
                            crit.text.get(lang) if crit else d.criterion,
                            tuple((names.get(p, p), v) for p, v in votes))
