"""The telesales content loads, is complete, and says what the domain means it to say.

The plugin is not installed while these run, so the content folder is found next to this file.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from maturity.testing import check_content

CONTENT = Path(__file__).parents[1] / "src/maturity_telesales/content"
STAGES = ("structured", "online", "digital", "intelligent")
EXPECTED_SCOPES = {
    "lead_allocation", "outbound_dialling", "call_recording", "scripts",
    "follow_up_conversion", "call_time_count", "lead_pool", "auto_touch",
}
# Scopes other domains publish; the loader cannot see them while it checks one domain alone.
KNOWN_FOREIGN = {
    "crm.leads", "crm.customers", "crm.opportunities", "crm.contracts_orders", "crm.activities_visits",
    "crm.campaigns_scrm", "crm.channel_partners", "crm.approvals",
    "service.tickets", "service.knowledge_base", "service.quality_inspection",
}
CJK = re.compile(r"[\u4e00-\u9fff]")


def own_problems(report) -> list[str]:
    """Problems except those about scopes of other domains (crm, service), unknown here."""
    return [str(p) for p in report.problems
            if 'unknown scope "crm.' not in p.what and 'unknown scope "service.' not in p.what]


def completeness_gaps(domain) -> list[str]:
    """Every scope: ≥2 criteria per stage with a key (weight 2) one, ≥5 indicators over ≥4 types."""
    gaps = []
    for s in domain.scopes:
        for stage in STAGES:
            crit = [c for c in s.criteria if c.stage == stage]
            if len(crit) < 2:
                gaps.append(f"{s.id}@{stage}: {len(crit)} criteria")
            if not any(c.weight >= 2 for c in crit):
                gaps.append(f"{s.id}@{stage}: no key criterion")
        if len(s.indicators) < 5:
            gaps.append(f"{s.id}: {len(s.indicators)} indicators")
        if len({i.type for i in s.indicators}) < 4:
            gaps.append(f"{s.id}: indicator types {sorted({i.type for i in s.indicators})}")
    return gaps


def dependency_faults(domain) -> list[str]:
    """References that point nowhere, and cycles among this domain's scopes."""
    own = {f"{domain.id}.{s.id}" for s in domain.scopes}
    faults, edges = [], {}
    for s in domain.scopes:
        for d in s.dependencies:
            if d.requires.startswith(domain.id + "."):
                if d.requires not in own:
                    faults.append(f"{s.id}: unknown {d.requires}")
                edges.setdefault(s.id, set()).add(d.requires.split(".", 1)[1])
            elif d.requires not in KNOWN_FOREIGN:
                faults.append(f"{s.id}: unknown foreign scope {d.requires}")
    state: dict[str, int] = {}

    def visit(node, path):
        state[node] = 1
        for nxt in edges.get(node, ()):
            if state.get(nxt) == 1:
                faults.append("cycle: " + " -> ".join([*path, node, nxt]))
            elif nxt not in state:
                visit(nxt, [*path, node])
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node, [])
    return faults


def deps(domain) -> set[tuple[str, str, str, str]]:
    return {(s.id, d.stage, d.requires, d.requires_stage) for s in domain.scopes for d in s.dependencies}


@pytest.fixture(scope="module")
def report():
    return check_content(CONTENT, "telesales")


@pytest.fixture(scope="module")
def domain(report):
    assert report.domain is not None, "\n".join(own_problems(report))
    return report.domain


def test_loads_without_own_problems(report):
    assert own_problems(report) == []
    assert report.domain is not None and report.domain.id == "telesales"


def test_scopes_are_the_telesales_ones(domain):
    ids = {s.id for s in domain.scopes}
    assert len(ids) >= 6
    assert ids == EXPECTED_SCOPES


def test_every_scope_is_complete(domain):
    assert completeness_gaps(domain) == []


def test_dependencies_resolve_and_have_no_cycles(domain):
    assert dependency_faults(domain) == []


def test_cross_domain_dependencies(domain, report):
    assert report.counts["cross_domain_dependencies"] >= 3
    d = deps(domain)
    # You cannot allocate in the system leads that live in spreadsheets.
    assert ("lead_allocation", "online", "crm.leads", "online") in d
    # Automation on untrusted data multiplies the errors.
    assert ("auto_touch", "intelligent", "crm.leads", "digital") in d
    assert ("lead_pool", "online", "crm.leads", "online") in d
    assert ("follow_up_conversion", "digital", "crm.opportunities", "digital") in d


def test_internal_dependencies(domain):
    d = deps(domain)
    assert ("call_time_count", "online", "telesales.outbound_dialling", "online") in d
    assert ("scripts", "digital", "telesales.call_recording", "digital") in d


def test_indicators_follow_the_guide(domain):
    wrong = []
    for s in domain.scopes:
        for i in s.indicators:
            if i.type in ("usage", "efficiency") and i.relation != "direct":
                wrong.append(f"{s.id}.{i.id}: {i.type} must be direct")
            if i.type == "business" and i.relation == "positive" and i.earliest_stage != "digital":
                wrong.append(f"{s.id}.{i.id}: positive business indicator before digital")
            if i.earliest_stage in ("offline", "structured"):
                wrong.append(f"{s.id}.{i.id}: the system cannot measure it at {i.earliest_stage}")
    assert wrong == []


def test_the_articles_indicators_are_there(domain):
    by_type: dict[str, str] = {}
    for s in domain.scopes:
        for i in s.indicators:
            by_type[i.type] = by_type.get(i.type, "") + f" {i.name.zh} {i.definition.zh}"
    for word in ("通时", "通次", "外呼量"):
        assert word in by_type["workload"], word
    for word in ("有效线索", "转化率", "人效"):
        assert word in by_type["business"], word
    assert "盲打" in by_type["transparency"] and "盲捞线索" in by_type["transparency"]


def test_profile_rules(domain):
    rules = {(r.question, a, s): r.factor for r in domain.profile_rules for a in r.answers for s in r.scopes}
    assert rules[("collaboration", "telesales", "telesales.outbound_dialling")] == 2
    assert rules[("collaboration", "telesales", "telesales.call_time_count")] == 2
    assert rules[("customer_form", "consumer", "telesales.auto_touch")] == 2
    assert rules[("customer_form", "big_b", "telesales.outbound_dialling")] == 0.5
    assert all(r.why.en and r.why.zh for r in domain.profile_rules)


def test_chinese_is_chinese(domain):
    texts = [domain.name, domain.description]
    for s in domain.scopes:
        texts += [s.name, s.description]
        texts += [t for c in s.criteria for t in (c.text, c.evidence, c.action)]
        texts += [t for i in s.indicators for t in (i.name, i.definition)]
        texts += [d.why for d in s.dependencies]
    bad = [t.en for t in texts if not CJK.search(t.zh) or t.en == t.zh]
    assert bad == []
    # English may quote a term in Chinese, but must not be Chinese.
    assert [t.en for t in texts if len(CJK.findall(t.en)) > 6] == []


# The checks above must be able to fail: break a copy of the content and watch them catch it.

def _copy(tmp_path) -> Path:
    dst = tmp_path / "content"
    shutil.copytree(CONTENT, dst)
    return dst


def test_checks_catch_a_missing_stage(tmp_path):
    dst = _copy(tmp_path)
    f = dst / "scopes/scripts.toml"
    f.write_text(f.read_text(encoding="utf-8").replace('stage = "intelligent"', 'stage = "digital"'),
                 encoding="utf-8")
    r = check_content(dst, "broken")
    assert any("stage intelligent has no criteria" in p for p in own_problems(r))


def test_checks_catch_a_thin_stage_and_a_cycle(tmp_path):
    dst = _copy(tmp_path)
    f = dst / "scopes/outbound_dialling.toml"
    text = f.read_text(encoding="utf-8").replace('stage = "online"', 'stage = "digital"', 2)
    text += ('\n[[dependencies]]\nstage = "digital"\nrequires = "telesales.call_time_count"\n'
             'requires_stage = "online"\nwhy.en = "x"\nwhy.zh = "x"\n')
    f.write_text(text, encoding="utf-8")
    r = check_content(dst, "broken")
    assert r.domain is not None
    assert "outbound_dialling@online: 1 criteria" in completeness_gaps(r.domain)
    assert any(x.startswith("cycle:") for x in dependency_faults(r.domain))


def test_checks_catch_an_unknown_foreign_scope(tmp_path):
    dst = _copy(tmp_path)
    f = dst / "scopes/lead_pool.toml"
    f.write_text(f.read_text(encoding="utf-8").replace('requires = "crm.leads"', 'requires = "crm.lead"'),
                 encoding="utf-8")
    r = check_content(dst, "broken")
    assert r.domain is not None
    assert "lead_pool: unknown foreign scope crm.lead" in dependency_faults(r.domain)
    assert ("lead_pool", "online", "crm.leads", "online") not in deps(r.domain)


def test_resolves_against_the_sibling_crm_and_service_plugins():
    """With crm and service beside it, every cross-domain scope exists and the graph has no cycle."""
    from maturity.catalogue import build_catalogue
    from maturity.content_loader import load_domain_dir
    from maturity.plugins import Contribution, PluginSource

    plugins = Path(__file__).parents[2]
    folders = {name: plugins / name / f"src/maturity_{name}/content" for name in ("crm", "service", "telesales")}
    if not all((f / "domain.toml").is_file() for f in folders.values()):
        pytest.skip("the crm and service plugins are not beside this one")
    contributions = []
    for name, folder in folders.items():
        domain, problems = load_domain_dir(folder, name)
        contributions.append(Contribution(PluginSource(name, "0", "test"), [domain] if domain else [], problems))
    cat = build_catalogue(contributions)
    assert cat.plugin("telesales").status == "on", cat.plugin("telesales").reason
    assert [str(p) for p in cat.problems if p.file.startswith("telesales")] == []
    assert cat.graph.find_cycle() is None
    assert "telesales.lead_allocation" in cat.graph.needed_by("crm.leads")
