"""An assessment: one client, one system, one moment. Pure data, no I/O."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from .content import AnyStageName, Id, ScopeRef, Text

SCHEMA_VERSION = 1

AnswerWord = Literal["met", "mostly", "partly", "not_met", "n/a"]
ANSWER_WORDS: tuple[str, ...] = ("met", "mostly", "partly", "not_met", "n/a")
Perspective = Literal["marketing", "b2b", "enterprise_service", "back_office"]
IndicatorRef = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$")]


def profile_answers(value) -> tuple[str, ...]:
    """One profile value (a word or a list of words) as a tuple of answers."""
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


class Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Meta(Model):
    client: str = Field(min_length=1)
    """The client's name, shown literally."""
    system: str = ""
    """The system assessed (e.g. "Salesforce + in-house telesales console")."""
    perspective: Perspective = "back_office"
    date: dt.date = Field(default_factory=dt.date.today)
    assessor: str = ""
    domains: tuple[Id, ...] = ()
    """Domains in scope; empty means every loaded domain."""
    threshold: float = Field(default=0.8, ge=0.5, le=1)
    """Stage score needed to reach a stage."""
    language: Literal["en", "zh"] = "en"
    notes: str = ""
    last_scope: ScopeRef | None = None
    """The scope the consultant had open last (the TUI reopens it); absent in older snapshots, ignored by scoring."""


class Participant(Model):
    id: Id
    name: str = Field(min_length=1)
    role: str = ""


class Answer(Model):
    """The settled answer to one criterion, with what backs it."""

    answer: AnswerWord | None = None
    """None while only votes exist."""
    note: str = ""
    evidence: str = ""
    reason: str = ""
    """Why the criterion does not apply; required for ``n/a``."""
    votes: dict[Id, AnswerWord] = Field(default_factory=dict)
    """Workshop participants' votes, by participant id."""

    def is_empty(self) -> bool:
        return self.answer is None and not (self.note or self.evidence or self.reason or self.votes)


class PluginRecord(Model):
    version: str
    fingerprint: str


SuggestedWord = Literal["met", "mostly", "partly", "not_met"]


class Provenance(Model):
    """Where a measured figure comes from: the probe and its version, the source files and their hashes,
    the rows read and the dates the records span."""

    probe: str
    probe_version: str
    files: tuple[str, ...] = ()
    """Source file names (no folders: a client's paths stay on the consultant's machine)."""
    sha256: tuple[str, ...] = ()
    """The files' content hashes, in the order of ``files``."""
    rows: int = Field(default=0, ge=0)
    """Rows read from those files."""
    period_from: dt.date | None = None
    period_to: dt.date | None = None


class MeasuredIndicator(Provenance):
    """An indicator's value, computed by a probe from the client's data."""

    value: float
    unit: str = ""
    records: int = Field(default=0, ge=0)
    """The records the value is computed over."""


class SuggestedAnswer(Provenance):
    """An answer a probe suggests for a criterion, with one sentence of evidence. Never the answer itself:
    the consultant accepts or overrides it."""

    answer: SuggestedWord
    evidence: Text
    records: int = Field(default=0, ge=0)
    share: float | None = Field(default=None, ge=0, le=1)


class MeasuredRelation(Provenance):
    """A measured behaviour → result relation (关系维度): Spearman's rank correlation between two indicators
    over ``n`` persons, teams or periods (``grain``), computed by a probe from per-person or per-week
    aggregates. ``rho`` is absent when there were too few points to say (``min_n``). A relation, never a cause."""

    behaviour: IndicatorRef
    result: IndicatorRef
    grain: Literal["person", "team", "day", "week", "month"]
    n: int = Field(ge=0)
    rho: float | None = Field(default=None, ge=-1, le=1)
    min_n: int = Field(default=10, ge=3)
    records: int = Field(default=0, ge=0)


class MeasuredSource(Model):
    """One file a measurement read."""

    file: str
    table: Id
    sha256: str
    rows: int = Field(ge=0)
    format: str = ""
    encoding: str = ""
    period_from: dt.date | None = None
    period_to: dt.date | None = None


class ProbeRun(Model):
    version: str
    status: Literal["ok", "off", "skipped"] = "ok"
    reason: str = ""


class Measured(Model):
    """What `maturity measure` found in the client's own data: aggregates only, never a personal record."""

    date: dt.date = Field(default_factory=dt.date.today)
    """When it was last measured."""
    mapping: dict[Id, dict[Id, str]] = Field(default_factory=dict)
    """Per logical table, the source column each logical column was read from (reused by the next run)."""
    sources: tuple[MeasuredSource, ...] = ()
    probes: dict[str, ProbeRun] = Field(default_factory=dict)
    indicators: dict[IndicatorRef, MeasuredIndicator] = Field(default_factory=dict)
    """Measured indicator values by full indicator id."""
    suggestions: dict[ScopeRef, dict[Id, SuggestedAnswer]] = Field(default_factory=dict)
    """Suggested answers by scope id, then criterion id."""
    relations: tuple[MeasuredRelation, ...] = ()
    """Measured behaviour → result relations (per person, per week…)."""

    def suggestion_for(self, scope: str, criterion: str) -> "SuggestedAnswer | None":
        return self.suggestions.get(scope, {}).get(criterion)


class Assessment(Model):
    schema_version: int = SCHEMA_VERSION
    meta: Meta
    plugins: dict[str, PluginRecord] = Field(default_factory=dict)
    """Each plugin's version and content fingerprint when this was saved."""
    profile: dict[Id, Id | tuple[Id, ...]] = Field(default_factory=dict)
    """Profile answers by question; a list where the question takes several answers."""
    team: dict[Id, Id] = Field(default_factory=dict)
    targets: dict[ScopeRef, AnyStageName] = Field(default_factory=dict)
    participants: tuple[Participant, ...] = ()
    answers: dict[ScopeRef, dict[Id, Answer]] = Field(default_factory=dict)
    """Criterion answers by scope id, then criterion id."""
    tracked: tuple[IndicatorRef, ...] = ()
    """Indicators the client already tracks."""
    measured: Measured | None = None
    """What `maturity measure` computed from the client's data exports (absent until then)."""

    def suggestion_for(self, scope: str, criterion: str) -> SuggestedAnswer | None:
        """The measured suggestion for a criterion, if any (it never replaces the answer)."""
        return self.measured.suggestion_for(scope, criterion) if self.measured is not None else None

    def profile_answers(self, question: str) -> tuple[str, ...]:
        """The client's answers to a profile question, always as a tuple (empty when unanswered)."""
        return profile_answers(self.profile.get(question))

    def answer_for(self, scope: str, criterion: str) -> Answer | None:
        return self.answers.get(scope, {}).get(criterion)

    def with_answer(self, scope: str, criterion: str, answer: Answer | None) -> "Assessment":
        """A copy with one criterion's answer replaced (``None`` or an empty answer clears it)."""
        answers = {s: dict(c) for s, c in self.answers.items()}
        per_scope = answers.setdefault(scope, {})
        if answer is None or answer.is_empty():
            per_scope.pop(criterion, None)
            if not per_scope:
                answers.pop(scope)
        else:
            per_scope[criterion] = answer
        return self.model_copy(update={"answers": answers})
