"""Helpers for plugin authors' tests: the same checks `maturity plugins check` runs."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .content_loader import load_domain_dir
from .errors import Problem
from .model.content import Domain


@dataclass
class ContentReport:
    domain: Domain | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def counts(self) -> dict:
        d = self.domain
        if d is None:
            return {}
        return {
            "scopes": len(d.scopes),
            "criteria_per_stage": dict(Counter(c.stage for s in d.scopes for c in s.criteria)),
            "indicators_per_type": dict(Counter(i.type for s in d.scopes for i in s.indicators)),
            "dependencies": sum(len(s.dependencies) for s in d.scopes),
            "cross_domain_dependencies": sum(
                1 for s in d.scopes for dep in s.dependencies if not dep.requires.startswith(d.id + ".")),
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
