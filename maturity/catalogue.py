"""All plugins' contributions merged into one validated catalogue.

A plugin whose content is invalid, that clashes with another, or that makes the graph cyclic is
switched off with a one-line reason; the others keep working.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cached_property

from .errors import Problem
from .model.content import Criterion, Domain, Indicator, Question, Scope
from .model.questions import PROFILE_QUESTIONS


@dataclass
class PluginInfo:
    name: str
    version: str
    origin: str
    status: str  # "on" | "off"
    reason: str = ""
    domains: list[str] = field(default_factory=list)
    fingerprint: str = ""


def fingerprint(domains: list[Domain]) -> str:
    """A short stable hash of a plugin's content, so a snapshot can tell when content changed."""
    h = hashlib.sha256()
    for d in sorted(domains, key=lambda d: d.id):
        h.update(d.model_dump_json().encode())
    return h.hexdigest()[:16]


@dataclass
class Catalogue:
    domains: dict[str, Domain]
    plugins: list[PluginInfo]
    problems: list[Problem]
    domain_plugin: dict[str, str] = field(default_factory=dict)
    dropped_dependencies: dict[str, tuple] = field(default_factory=dict)
    """Per scope, dependencies on a domain no loaded plugin provides: not checked, but listed."""

    @cached_property
    def scopes(self) -> dict[str, Scope]:
        return {f"{d.id}.{s.id}": s for d in self.domains.values() for s in d.scopes}

    @cached_property
    def scope_domain(self) -> dict[str, str]:
        return {f"{d.id}.{s.id}": d.id for d in self.domains.values() for s in d.scopes}

    @cached_property
    def criteria(self) -> dict[str, dict[str, Criterion]]:
        return {sid: {c.id: c for c in s.criteria} for sid, s in self.scopes.items()}

    @cached_property
    def indicators(self) -> dict[str, Indicator]:
        return {f"{sid}.{i.id}": i for sid, s in self.scopes.items() for i in s.indicators}

    @cached_property
    def profile_questions(self) -> tuple[Question, ...]:
        return PROFILE_QUESTIONS + tuple(q for d in self.domains.values() for q in d.profile_questions)

    @cached_property
    def graph(self):
        from .engine.graph import ScopeGraph

        return ScopeGraph(self.scopes)

    def plugin(self, name: str) -> PluginInfo | None:
        return next((p for p in self.plugins if p.name == name), None)


def build_catalogue(contributions) -> Catalogue:
    """Merge contributions (see ``plugins.collect``) into a catalogue, switching off broken plugins."""
    plugins: list[PluginInfo] = []
    accepted: dict[str, list[Domain]] = {}
    problems: list[Problem] = []
    owner: dict[str, str] = {}
    for c in contributions:
        src = c.source
        info = PluginInfo(src.name, src.version, src.origin, "on")
        plugins.append(info)
        errors = [p for p in c.problems if p.severity == "error"]
        problems.extend(c.problems)
        if errors:
            _off(info, f"{errors[0].line()}" + (f" (and {len(errors) - 1} more problems)" if len(errors) > 1 else ""))
            continue
        clash = next((d.id for d in c.domains if d.id in owner), None)
        if clash:
            _off(info, f'domain "{clash}" is already provided by plugin {owner[clash]} — uninstall one of them')
            problems.append(Problem(f"plugin {src.name}", "domain", info.reason))
            continue
        for d in c.domains:
            owner[d.id] = src.name
        accepted[src.name] = list(c.domains)
    # References across plugins: repeat until stable, since switching one off can orphan another.
    changed = True
    while changed:
        changed = False
        known_scopes = {f"{d.id}.{s.id}" for ds in accepted.values() for d in ds for s in d.scopes}
        known_domains = {d.id for ds in accepted.values() for d in ds}
        known_criteria = {f"{d.id}.{s.id}": {c.id for c in s.criteria}
                          for ds in accepted.values() for d in ds for s in d.scopes}
        for name in list(accepted):
            bad = _unknown_references(accepted[name], known_scopes, known_domains, known_criteria)
            if bad:
                info = next(p for p in plugins if p.name == name)
                _off(info, bad[0].line())
                problems.extend(bad)
                for d in accepted.pop(name):
                    owner.pop(d.id, None)
                changed = True
    # Cycles: add plugins one at a time; the one that closes a cycle is switched off.
    from .engine.graph import ScopeGraph

    kept: dict[str, list[Domain]] = {}
    for name, domains in accepted.items():
        trial = {**kept, name: domains}
        scopes = {f"{d.id}.{s.id}": s for ds in trial.values() for d in ds for s in d.scopes}
        cycle = ScopeGraph(scopes).find_cycle()
        if cycle:
            text = " → ".join(f"{s}@{_stage_name(st)}" for s, st in cycle)
            info = next(p for p in plugins if p.name == name)
            _off(info, f"its dependencies make a cycle: {text} — remove one of these dependencies")
            problems.append(Problem(f"plugin {name}", "dependencies", f"make a cycle: {text}",
                                    "remove one of these dependencies"))
            continue
        kept[name] = domains
    domains: dict[str, Domain] = {}
    domain_plugin: dict[str, str] = {}
    dropped: dict[str, tuple] = {}
    known = {f"{x.id}.{s.id}" for y in kept.values() for x in y for s in x.scopes}
    for name, ds in kept.items():
        info = next(p for p in plugins if p.name == name)
        info.domains = [d.id for d in ds]
        info.fingerprint = fingerprint(ds)
        for d in ds:
            domains[d.id] = _drop_orphan_dependencies(d, problems, known, dropped)
            domain_plugin[d.id] = name
    return Catalogue(domains=domains, plugins=plugins, problems=problems, domain_plugin=domain_plugin,
                     dropped_dependencies=dropped)


def _stage_name(st: int) -> str:
    from .model.content import Stage

    return Stage(st).name


def _off(info: PluginInfo, reason: str) -> None:
    info.status = "off"
    info.reason = reason


def _unknown_references(domains: list[Domain], known_scopes: set[str], known_domains: set[str],
                        known_criteria: dict[str, set[str]] | None = None) -> list[Problem]:
    """Dependencies or rules that name a scope of a loaded domain that does not exist (an error)."""
    out = []
    for d in domains:
        for s in d.scopes:
            for i, dep in enumerate(s.dependencies):
                dom = dep.requires.split(".")[0]
                if dom in known_domains and dep.requires not in known_scopes:
                    out.append(Problem(f"{d.id}/scopes/{s.id}.toml", f"dependencies[{i}].requires",
                                       f'unknown scope "{dep.requires}"', f"name a scope that domain {dom} provides"))
        for i, rule in enumerate(d.profile_rules):
            for ref in rule.scopes:
                dom = ref.split(".")[0]
                if dom in known_domains and ref not in known_scopes:
                    out.append(Problem(f"{d.id}/domain.toml", f"profile_rules[{i}].scopes",
                                       f'unknown scope "{ref}"', f"name a scope that domain {dom} provides"))
            for ref in rule.criteria:
                dom, sid, cid = ref.split(".")
                scope = known_criteria.get(f"{dom}.{sid}") if known_criteria is not None else None
                if dom in known_domains and known_criteria is not None and (scope is None or cid not in scope):
                    out.append(Problem(f"{d.id}/domain.toml", f"profile_rules[{i}].criteria",
                                       f'unknown criterion "{ref}"', f"name a criterion that domain {dom} provides"))
    return out


def _drop_orphan_dependencies(d: Domain, problems: list[Problem], known: set[str], dropped: dict) -> Domain:
    """Dependencies on a domain no plugin provides are dropped with a warning, not an error (and kept in
    ``dropped`` so that scoring can list them as not checked)."""
    scopes = []
    for s in d.scopes:
        keep = tuple(dep for dep in s.dependencies if dep.requires in known)
        if len(keep) < len(s.dependencies):
            dropped[f"{d.id}.{s.id}"] = tuple(dep for dep in s.dependencies if dep.requires not in known)
        for dep in s.dependencies:
            if dep.requires not in known:
                problems.append(Problem(f"{d.id}/scopes/{s.id}.toml", "dependencies",
                                        f'needs {dep.requires}, but no loaded plugin provides domain '
                                        f'"{dep.requires.split(".")[0]}"; the dependency is not checked',
                                        "install that domain's plugin", severity="warning"))
        scopes.append(s if len(keep) == len(s.dependencies) else s.model_copy(update={"dependencies": keep}))
    return d.model_copy(update={"scopes": tuple(scopes)})
