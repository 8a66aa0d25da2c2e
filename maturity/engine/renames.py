"""Answers to criteria a plugin renamed, moved or split: carried to the criterion that replaces them.

A criterion declares ``replaces = ["domain.scope.old"]``. A saved answer to ``domain.scope.old`` moves to
it when it has no answer of its own and the old id is no longer a criterion; nothing is dropped (an answer
whose new home already holds one stays where it is, as an unknown answer the validator lists).
"""

from __future__ import annotations

from typing import NamedTuple

from ..model.assessment import Assessment


class Move(NamedTuple):
    old: str
    """``scope.criterion`` the answer was saved under."""
    new: str
    """``scope.criterion`` it counts for now."""


def replacement_map(catalogue) -> dict[str, str]:
    """old ``scope.criterion`` -> new ``scope.criterion``, for old ids no loaded scope still defines."""
    out = {}
    for sid, crits in catalogue.criteria.items():
        for cid, c in crits.items():
            for ref in c.replaces:
                old_scope, old_crit = ref.rsplit(".", 1)
                if old_crit not in catalogue.criteria.get(old_scope, {}):
                    out[ref] = f"{sid}.{cid}"
    return out


def carry_answers(catalogue, assessment: Assessment) -> tuple[Assessment, tuple[Move, ...]]:
    """The assessment with answers to replaced criteria under their new ids, and the moves made."""
    mapping = replacement_map(catalogue)
    if not mapping:
        return assessment, ()
    answers = {s: dict(cs) for s, cs in assessment.answers.items()}
    moves = []
    for old in sorted(mapping):
        old_scope, old_crit = old.rsplit(".", 1)
        new_scope, new_crit = mapping[old].rsplit(".", 1)
        given = answers.get(old_scope, {})
        if old_crit not in given or new_crit in answers.get(new_scope, {}):
            continue
        answers.setdefault(new_scope, {})[new_crit] = given.pop(old_crit)
        if not given:
            answers.pop(old_scope, None)
        moves.append(Move(old, mapping[old]))
    if not moves:
        return assessment, ()
    return assessment.model_copy(update={"answers": answers}), tuple(moves)
