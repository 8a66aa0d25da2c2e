"""Domain content: what plugins contribute. Pure data, no I/O, no UI."""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

Id = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
"""A local identifier: lower case letters, digits and underscores, starting with a letter."""

ScopeRef = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$")]
"""A full scope id, ``domain.scope`` (e.g. ``crm.leads``)."""

CriterionRef = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$")]
"""A full criterion id, ``domain.scope.criterion`` (e.g. ``crm.customers.territories_defined``)."""


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

ANSWER_ANCHORS: dict[str, Text] = {
    "met": Text(en="holds everywhere it applies: ≥ 95% of the records, teams or cases",
                zh="在适用范围内全面成立：≥95% 的记录、团队或案例"),
    "mostly": Text(en="holds for ≥ 80% of them", zh="≥80% 成立"),
    "partly": Text(en="holds for ≥ 50% of them, or in some teams only", zh="≥50% 成立，或只在部分团队成立"),
    "not_met": Text(en="holds for fewer than half, or nowhere", zh="不到一半成立，或完全没有"),
    "n/a": Text(en="does not apply to this business (give the reason)", zh="不适用于该业务（需说明原因）"),
}
"""What each answer grade means, by coverage: the same everywhere unless a criterion says otherwise."""

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
    anchors: Text | None = None
    """For a criterion with its own threshold: what met, mostly, partly and not met mean for it
    (e.g. "met: ≥ 95% of leads have an owner · mostly ≥ 85% · partly ≥ 60%"). Without it the
    general anchors hold (``ANSWER_ANCHORS``)."""
    replaces: tuple[CriterionRef, ...] = ()
    """Criteria this one takes over (renamed, moved from another scope, or the first half of a split), as
    ``domain.scope.criterion``: a saved answer to one of them moves here when this criterion has none."""


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
    practice: tuple[Id, ...] = ()
    """Criteria of the same scope whose practice this figure measures: when every one of them is
    n/a for the client, the figure is not suggested."""
    by_construction: tuple[Id, ...] = ()
    """Criteria of the same scope that, when all are met, make this figure hold by construction
    (e.g. every call logged by the dialler makes "share of calls logged" 100%): it is then not
    suggested."""


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
    multiple: bool = False
    """True when a client may give several answers (sells direct *and* through dealers)."""

    def option_ids(self) -> tuple[str, ...]:
        return tuple(o.id for o in self.options)


class DependencyRef(Frozen):
    """One dependency of a scope, named by the scope, the stage it applies at and the scope it requires."""

    scope: ScopeRef
    stage: StageName
    requires: ScopeRef

    def label(self) -> str:
        return f"{self.scope}@{self.stage} → {self.requires}"


class ProfileRule(Frozen):
    """When profile ``question`` is answered with one of ``answers``: re-weight or switch off
    ``scopes``, make ``criteria`` n/a, and leave ``dependencies`` unchecked.

    With several answers to one question (a company sells direct *and* through dealers), a
    re-weighting rule applies when any answer is among ``answers``; a rule that switches off
    (factor 0) or makes criteria n/a applies only when every answer is — the client is wholly
    that kind of business.
    """

    question: Id
    answers: tuple[Id, ...]
    scopes: tuple[ScopeRef, ...] = ()
    criteria: tuple[CriterionRef, ...] = ()
    """Criteria that do not apply to this kind of business: scored n/a with ``why`` as the reason
    while the consultant has not answered them (an explicit answer is kept and counts)."""
    dependencies: tuple[DependencyRef, ...] = ()
    """Dependencies that do not hold for this kind of business (renewal telesales calls existing customers,
    not leads): not checked for it, listed with ``why`` as the reason. Only the rule's own domain's."""
    factor: float = Field(default=1.0, ge=0, le=4)
    """Multiply the scopes' weight; 0 switches the scopes off."""
    why: Text

    @model_validator(mode="after")
    def _names_something(self) -> "ProfileRule":
        if not self.scopes and not self.criteria and not self.dependencies:
            raise ValueError("a profile rule needs scopes (to re-weight or switch off), criteria (to make n/a) "
                             "or dependencies (to leave unchecked)")
        return self

    @property
    def excludes(self) -> bool:
        """True for a rule that says "not for this kind of business": it needs every answer to match."""
        return self.factor == 0 or (bool(self.criteria or self.dependencies) and not self.scopes)

    def matches(self, given: tuple[str, ...]) -> bool:
        """Whether the client's answers to ``question`` trigger this rule (see the class docstring)."""
        if not given:
            return False
        hits = [a in self.answers for a in given]
        return all(hits) if self.excludes else any(hits)


class Domain(Frozen):
    """A field of business a plugin contributes."""

    id: Id
    name: Text
    description: Text
    weight: float = Field(default=1.0, gt=0, le=10)
    scopes: tuple[Scope, ...] = ()
    profile_questions: tuple[Question, ...] = ()
    profile_rules: tuple[ProfileRule, ...] = ()
