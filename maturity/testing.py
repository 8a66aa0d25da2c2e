"""Helpers for plugin authors' tests: the same checks `maturity plugins check` runs."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .content_loader import load_domain_dir
from .errors import Problem
from .model.content import Domain

STAGE_NAMES = ("structured", "online", "digital", "intelligent")
INDICATOR_TYPES = ("business", "workload", "usage", "efficiency", "transparency")


@dataclass
class ContentReport:
    domain: Domain | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def counts(self) -> dict:
        """What the content holds: scopes, criteria per stage, indicators per type, dependencies.

        The ``fewest_…`` figures are per scope, for the kit's bar: at least 2 criteria at every stage
        and 5 indicators across the types in every scope.
        """
        d = self.domain
        if d is None:
            return {}
        per_stage = Counter(c.stage for s in d.scopes for c in s.criteria)
        per_type = Counter(i.type for s in d.scopes for i in s.indicators)
        return {
            "scopes": len(d.scopes),
            "criteria": sum(per_stage.values()),
            "criteria_per_stage": {st: per_stage[st] for st in STAGE_NAMES},
            "indicators": sum(per_type.values()),
            "indicators_per_type": {t: per_type[t] for t in INDICATOR_TYPES},
            "dependencies": sum(len(s.dependencies) for s in d.scopes),
            "cross_domain_dependencies": sum(
                1 for s in d.scopes for dep in s.dependencies if not dep.requires.startswith(d.id + ".")),
            "fewest_criteria_in_a_scope_stage": min(
                (sum(1 for c in s.criteria if c.stage == st) for s in d.scopes for st in STAGE_NAMES), default=0),
            "fewest_indicators_in_a_scope": min((len(s.indicators) for s in d.scopes), default=0),
            "fewest_indicator_types_in_a_scope": min((len({i.type for i in s.indicators}) for s in d.scopes), default=0),
        }


def check_content(content_dir, label: str | None = None) -> ContentReport:
    """Load a content folder and return its problems and counts."""
    domain, problems = load_domain_dir(content_dir, label)
    return ContentReport(domain, problems)


def catalogue_from_domains(*domains: Domain, name: str = "test"):
    """A catalogue made of in-memory domains, validated like a plugin's (for tests and tools)."""
    from .catalogue import build_catalogue
    from .content_loader import check_domain
    from .plugins import Contribution, PluginSource

    contribs = []
    for i, d in enumerate(domains):
        problems = check_domain(d, d.id)
        contribs.append(Contribution(PluginSource(f"{name}{i}" if len(domains) > 1 else name, "0", "test"),
                                     [d], problems))
    return build_catalogue(contribs)


def probe_findings(package: str) -> list[str]:
    """What is wrong with a plugin package's probes, one line each ([] when nothing): its ``maturity_probes`` hook
    must return ``probes.PROBES``; every criterion and indicator a probe names must exist in the package's own
    content (the check `maturity plugins check` makes); each probe is versioned and named in both languages.
    A plugin's test asserts ``probe_findings("maturity_x") == []``."""
    import importlib
    from importlib.resources import files

    from .probes import Probe, probe_problems

    module = importlib.import_module(package)
    probes = importlib.import_module(f"{package}.probes").PROBES
    report = check_content(files(package) / "content")
    if report.domain is None:
        return [p.line() for p in report.problems]
    d = report.domain
    criteria = {f"{d.id}.{s.id}.{c.id}" for s in d.scopes for c in s.criteria}
    indicators = {f"{d.id}.{s.id}.{i.id}" for s in d.scopes for i in s.indicators}
    out = []
    if list(module.maturity_probes()) != list(probes):
        out.append(f"{package}.maturity_probes() does not return {package}.probes.PROBES")
    out += [f"{p.id}: informs {ref}, which the content does not have" for p in probes for ref in p.informs
            if ref not in criteria]
    out += [f"{p.id}: measures {ref}, which the content does not have" for p in probes for ref in p.measures
            if ref not in indicators]
    out += [x.line() for x in probe_problems(probes, f"plugin {d.id}", criteria, indicators)]
    out += [f"{p!r} is not a Probe" for p in probes if not isinstance(p, Probe)]
    out += [f"{p.id}: needs an id starting with {d.id}., a version and en and zh names" for p in probes
            if isinstance(p, Probe) and not (p.id.startswith(f"{d.id}.") and p.version and p.en and p.zh)]
    return list(dict.fromkeys(out))


def legal_must_findings(scope, criterion_ids) -> list[str]:
    """Why each of ``criterion_ids`` — criteria the law requires — could be missed while its scope still climbs:
    placed at intelligent (a legal must cannot wait), weighing under 2, or its stage able to pass at the 0.8
    threshold with it unmet. [] when every one holds its stage."""
    crits = {c.id: c for c in scope.criteria}
    out = []
    for cid in sorted(criterion_ids):
        c = crits.get(cid)
        if c is None:
            out.append(f"{scope.id}.{cid}: no such criterion")
            continue
        if c.stage == "intelligent":
            out.append(f"{scope.id}.{cid}: a legal must cannot wait for intelligent")
        if c.weight < 2:
            out.append(f"{scope.id}.{cid}: a legal must needs weight 2, so its stage fails while it is unmet")
        others = sum(x.weight for x in scope.criteria if x.stage == c.stage and x.id != cid)
        if others / (others + c.weight) >= 0.8:
            out.append(f"{scope.id}.{cid}: its stage could pass with it unmet")
    return out


def half_width_findings(domain) -> list[str]:
    """Every Chinese text of a domain (names, descriptions, criteria, indicators, dependencies, profile rules) that
    uses half-width punctuation (``maturity.guidance.half_width``), as "where: text"."""
    from .guidance import half_width

    texts = [("domain", domain.name), ("domain", domain.description)]
    for s in domain.scopes:
        texts += [(s.id, s.name), (s.id, s.description)]
        for item in (*s.criteria, *s.indicators):
            for f in ("text", "evidence", "action", "name", "definition", "anchors"):
                if (t := getattr(item, f, None)) is not None:
                    texts.append((f"{s.id}.{item.id}.{f}", t))
        texts += [(f"{s.id} dependency", d.why) for d in s.dependencies]
    texts += [("profile rule", r.why) for r in domain.profile_rules]
    return [f"{where}: {t.zh}" for where, t in texts if half_width(t.zh)]
