"""Domain content: what plugins contribute. Pure data, no I/O, no UI."""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Id = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
"""A local identifier: lower case letters, digits and underscores, starting with a letter."""

ScopeRef = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$")]
"""A full scope id, ``domain.scope`` (e.g. ``crm.leads``)."""


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Text(Frozen):
    """A text a person reads, in English and Chinese."""

    en: Annotated[str, StringConstraints(min_length=1)]
    zh: Annotated[str, StringConstraints(min_length=1)]

    def get(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


class Stage(int, Enum):
    """The ladder every business scope climbs, in order, never skipping."""

    offline = 0
    structured = 1
    online = 2
    digital = 3
    intelligent = 4

    @classmethod
    def parse(cls, word: str) -> "Stage":
        return cls[word]

    @property
    def label(self) -> Text:
        return STAGE_LABELS[self]


STAGE_LABELS = {
    Stage.offline: Text(en="offline", zh="线下"),
    Stage.structured: Text(en="structured", zh="结构化"),
    Stage.online: Text(en="online", zh="在线化"),
    Stage.digital: Text(en="digital", zh="数字化"),
    Stage.intelligent: Text(en="intelligent", zh="智能化"),
}

StageName = Literal["structured", "online", "digital", "intelligent"]
"""A stage that has criteria (``offline`` is the starting point and has none)."""
AnyStageName = Literal["offline", "structured", "online", "digital", "intelligent"]

IndicatorType = Literal["business", "workload", "usage", "efficiency", "transparency"]
Relation = Literal["direct", "positive", "transparency", "unclear"]
RELATION_ORDER: tuple[Relation, ...] = ("direct", "positive", "transparency", "unclear")
"""Relations from strongest to weakest."""
Direction = Literal["higher", "lower"]

INDICATOR_TYPE_LABELS = {
    "business": Text(en="business", zh="业务指标"),
    "workload": Text(en="workload", zh="作业量"),
    "usage": Text(en="usage", zh="使用（埋点）"),
    "efficiency": Text(en="efficiency", zh="作业效率"),
    "transparency": Text(en="transparency", zh="数据透明"),
}
RELATION_LABELS = {
    "direct": Text(en="direct", zh="直接带来"),
    "positive": Text(en="positive", zh="明确正相关"),
    "transparency": Text(en="made visible", zh="提供透明"),
    "unclear": Text(en="unclear", zh="关系不明确"),
}


class Criterion(Frozen):
    """An observable fact a client can show, at one stage of one scope."""

    id: Id
    """Unique within its scope."""
    stage: StageName
    text: Text
    """The fact, as the consultant reads it out."""
    evidence: Text
    """What to ask to see: a document, a screen, a report, a log."""
    action: Text
    """The next step when it is unmet, for the client's to-do list."""
    weight: float = Field(default=1.0, gt=0, le=5)
    """1 by default; 2 for a key criterion; 0.5 for a nice-to-have."""


class Indicator(Frozen):
    """A measurable figure of a scope (指标)."""

    id: Id
    name: Text
    definition: Text
    unit: Annotated[str, StringConstraints(min_length=1, max_length=32)]
    type: IndicatorType
    relation: Relation
    """The relation once the scope is at ``digital``; the engine weakens it below."""
    direction: Direction
    earliest_stage: StageName
    """The earliest stage at which the system's data can measure it."""


class Dependency(Frozen):
    """To reach ``stage`` in this scope, ``requires`` must be at ``requires_stage`` or above."""

    stage: StageName
    requires: ScopeRef
    requires_stage: StageName
    why: Text


class Scope(Frozen):
    """A business scope (业务范畴) with its criteria, indicators and dependencies."""

    id: Id
    """Local id; the full id is ``domain.id``."""
    name: Text
    description: Text
    weight: float = Field(default=1.0, gt=0, le=10)
    criteria: tuple[Criterion, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    dependencies: tuple[Dependency, ...] = ()


class Option(Frozen):
    id: Id
    label: Text


class Question(Frozen):
    """A question with a fixed set of answers (profile or team)."""

    id: Id
    text: Text
    help: Text | None = None
    options: tuple[Option, ...]

    def option_ids(self) -> tuple[str, ...]:
        return tuple(o.id for o in self.options)


class ProfileRule(Frozen):
    """When profile ``question`` is answered with one of ``answers``, re-weight or switch off scopes."""

    question: Id
    answers: tuple[Id, ...]
    scopes: tuple[ScopeRef, ...]
    factor: float = Field(ge=0, le=4)
    """Multiply the scope's weight; 0 switches the scope off."""
    why: Text


class Domain(Frozen):
    """A field of business a plugin contributes."""

    id: Id
    name: Text
    description: Text
    weight: float = Field(default=1.0, gt=0, le=10)
    scopes: tuple[Scope, ...] = ()
    profile_questions: tuple[Question, ...] = ()
    profile_rules: tuple[ProfileRule, ...] = ()
