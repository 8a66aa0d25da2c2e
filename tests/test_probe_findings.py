"""`maturity.testing.probe_findings`, the check each plugin's test_probes.py makes, finds what is wrong."""

from __future__ import annotations

import sys

import pytest

from maturity.scaffold import write_plugin
from maturity.testing import probe_findings


@pytest.fixture
def scaffold(tmp_path, monkeypatch):
    write_plugin("gizmo", tmp_path / "maturity-gizmo")
    src = tmp_path / "maturity-gizmo" / "src"
    monkeypatch.syspath_prepend(str(src))
    yield src / "maturity_gizmo"
    for name in [m for m in sys.modules if m.startswith("maturity_gizmo")]:
        del sys.modules[name]


def test_a_fresh_scaffold_has_no_finding(scaffold):
    assert probe_findings("maturity_gizmo") == []


def test_an_unknown_criterion_and_indicator_are_named(scaffold):
    f = scaffold / "probes.py"
    text = f.read_text(encoding="utf-8")
    assert "gizmo.requests.data_complete" in text and "gizmo.requests.handling_time" in text
    f.write_text(text.replace("gizmo.requests.data_complete", "gizmo.requests.nope")
                 .replace("gizmo.requests.handling_time", "gizmo.requests.gone"), encoding="utf-8")
    found = probe_findings("maturity_gizmo")
    assert any("informs gizmo.requests.nope, which the content does not have" in x for x in found)
    assert any("measures gizmo.requests.gone, which the content does not have" in x for x in found)
