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


def test_plugins_check_by_folder_checks_the_probes(tmp_path):
    """The tutorial checks a plugin by its folder: its probes are imported from there and checked too."""
    import subprocess

    write_plugin("widget", tmp_path / "maturity-widget")
    probes = tmp_path / "maturity-widget" / "src" / "maturity_widget" / "probes.py"
    run = [sys.executable, "-m", "maturity.cli", "plugins", "check", str(tmp_path / "maturity-widget")]
    assert subprocess.run(run, capture_output=True, text=True).returncode == 0
    probes.write_text(probes.read_text(encoding="utf-8").replace("widget.requests.data_complete", "widget.requests.nope"),
                      encoding="utf-8")
    p = subprocess.run(run, capture_output=True, text=True)
    assert p.returncode == 1 and 'widget.requests.nope' in p.stdout, p.stdout


def test_legal_must_findings_name_each_way_a_legal_must_could_be_skipped():
    from maturity.model.content import Criterion, Scope, Text
    from maturity.testing import legal_must_findings

    def c(id, stage, weight=1.0):
        t = Text(en=id, zh=id + "（中）")
        return Criterion(id=id, stage=stage, text=t, evidence=t, action=t, weight=weight)

    scope = Scope(id="s", name=Text(en="S", zh="范畴"), description=Text(en="S", zh="范畴"),
                  criteria=(c("consent", "online", 2), c("a", "online"), c("b", "online"), c("light", "online"),
                            c("late", "intelligent", 2), c("x", "intelligent")))
    assert legal_must_findings(scope, {"consent"}) == []
    assert legal_must_findings(scope, {"light"}) == [
        "s.light: a legal must needs weight 2, so its stage fails while it is unmet",
        "s.light: its stage could pass with it unmet"]
    assert legal_must_findings(scope, {"late"}) == ["s.late: a legal must cannot wait for intelligent"]
    assert legal_must_findings(scope, {"gone"}) == ["s.gone: no such criterion"]
