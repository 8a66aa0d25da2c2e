"""The service probes (issue 11): the hook returns them, each names only criteria and indicators the service content
has today, and each is versioned and named in both languages — the checks `maturity plugins check` makes."""

from __future__ import annotations

from maturity.testing import probe_findings

from maturity_service.probes import PROBES


def test_probes_check_clean():
    assert len(PROBES) >= 3
    assert probe_findings("maturity_service") == []
