"""The telesales probes (issue 11): each names only criteria and indicators the telesales content has today, and
checks clean the way `maturity plugins check` does."""

from __future__ import annotations

from importlib.resources import files

from maturity.probes import Probe, probe_problems
from maturity.testing import check_content

import maturity_telesales
from maturity_telesales.probes import PROBES


def _content():
    report = check_content(files(maturity_telesales.__name__) / "content", "telesales")
    assert report.domain is not None, [p.line() for p in report.problems]
    d = report.domain
    criteria = {f"{d.id}.{s.id}.{c.id}" for s in d.scopes for c in s.criteria}
    indicators = {f"{d.id}.{s.id}.{i.id}" for s in d.scopes for i in s.indicators}
    return criteria, indicators


def test_hook_returns_the_probes():
    assert maturity_telesales.maturity_probes() == PROBES
    assert len(PROBES) >= 3 and all(isinstance(p, Probe) for p in PROBES)


def test_every_id_a_probe_names_exists():
    criteria, indicators = _content()
    missing = [(p.id, ref) for p in PROBES for ref in p.informs if ref not in criteria]
    missing += [(p.id, ref) for p in PROBES for ref in p.measures if ref not in indicators]
    assert not missing, f"probes name ids the content does not have: {missing}"
    assert not [x.line() for x in probe_problems(PROBES, "plugin telesales", criteria, indicators)]


def test_probes_are_versioned_and_named_in_both_languages():
    for p in PROBES:
        assert p.id.startswith("telesales.") and p.version and p.en and p.zh
