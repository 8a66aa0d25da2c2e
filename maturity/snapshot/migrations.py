"""Schema migrations: each function turns the data of one schema version into the next."""

from __future__ import annotations

from ..errors import Problem, shown
from ..model.assessment import SCHEMA_VERSION


def _v0_to_v1(data: dict) -> dict:
    """Version 0 (pre-release drafts) kept answers as ``answers."scope"."criterion" = "met"``."""
    answers = data.get("answers")
    if isinstance(answers, dict):  # anything else is left for validation to report with its place
        answers = {sid: ({cid: ({"answer": a} if isinstance(a, str) else a) for cid, a in crits.items()}
                         if isinstance(crits, dict) else crits)
                   for sid, crits in answers.items()}
    return {**data, "answers": answers if answers is not None else {}, "schema_version": 1}


MIGRATIONS = {0: _v0_to_v1}


def migrate(data: dict, file: str) -> tuple[dict, list[Problem]]:
    """Bring ``data`` up to the current schema version."""
    version = data.get("schema_version")
    if version is None:
        return data, [Problem(file, "schema_version", "is missing", f"add schema_version = {SCHEMA_VERSION} at the top")]
    if not isinstance(version, int) or isinstance(version, bool):
        return data, [Problem(file, "schema_version", f"has {shown(version)}, not a whole number",
                              f"write schema_version = {SCHEMA_VERSION}")]
    if version > SCHEMA_VERSION:
        return data, [Problem(file, "schema_version", f"is {version}, newer than this maturity understands ({SCHEMA_VERSION})",
                              "upgrade maturity")]
    while version < SCHEMA_VERSION:
        if version not in MIGRATIONS:
            return data, [Problem(file, "schema_version", f"is {version}, which cannot be migrated",
                                  f"use schema_version = {SCHEMA_VERSION}")]
        data = MIGRATIONS[version](data)
        version = data["schema_version"]
    return data, []
