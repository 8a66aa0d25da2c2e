"""A profile rule may leave a dependency unchecked for a kind of business it does not hold for: telesales that
calls only existing customers is not held back by how leads are managed (its call lists come from the customer
records). Checked on the built-in content, through the engine and the CLI."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from maturity.content_loader import load_domain_dir
from maturity.engine.scoring import STAGE_INDEX, score
from maturity.model.assessment import Answer, Assessment, Meta
from maturity.plugins import load_catalogue
from maturity.snapshot import save_snapshot

DIALLING = "telesales.outbound_dialling"


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue()


def client(catalogue, calls) -> Assessment:
    """Dialling met up to online; leads answered offline (nothing in their structured stage is met)."""
    answers = {DIALLING: {c.id: Answer(answer="met") for c in catalogue.scopes[DIALLING].criteria
                          if STAGE_INDEX[c.stage] <= 2},
               "crm.leads": {c.id: Answer(answer="not_met") for c in catalogue.scopes["crm.leads"].criteria}}
    profile = {"telesales_calls": calls} if calls else {}
    return Assessment(meta=Meta(client="Renewal Co", domains=("crm", "telesales")), profile=profile, answers=answers)


def test_prospecting_telesales_is_held_by_leads(catalogue):
    r = score(catalogue, client(catalogue, None)).scopes[DIALLING]
    assert r.uncapped == 2 and r.reached == 1
    assert [(c.requires, c.stage) for c in r.capped_by] == [("crm.leads", 2)]


def test_telesales_calling_only_customers_is_not_held_by_leads(catalogue):
    r = score(catalogue, client(catalogue, ["customers"])).scopes[DIALLING]
    assert r.reached == 2 and not r.capped_by
    [u] = [u for u in r.unchecked if u.requires == "crm.leads"]
    assert u.reason == "profile" and "existing customers" in u.why.en and "老客户" in u.why.zh


def test_a_team_that_also_prospects_stays_held(catalogue):
    """"Not for this kind of business" needs every answer to match: a team calling prospects too needs its leads."""
    r = score(catalogue, client(catalogue, ["prospects", "customers"])).scopes[DIALLING]
    assert r.reached == 1 and [c.requires for c in r.capped_by] == ["crm.leads"]


def test_explain_and_score_json_say_why_it_is_not_checked(catalogue, tmp_path):
    f = tmp_path / "renewal.toml"
    save_snapshot(client(catalogue, ["customers"]), f)
    run = [sys.executable, "-m", "maturity.cli"]
    p = subprocess.run([*run, "explain", str(f), DIALLING], capture_output=True, text=True, encoding="utf-8")
    assert p.returncode == 0, p.stderr
    assert "not checked: online needs crm.leads at online, but it does not hold for this kind of business: " \
           "The team calls only existing customers" in p.stdout.replace("\n", " ").replace("  ", " ")
    p = subprocess.run([*run, "score", str(f), "-f", "json", "--lang", "zh"], capture_output=True, text=True,
                       encoding="utf-8")
    assert p.returncode == 0 and "crm.leads" not in p.stderr, "a deliberate profile choice is not a warning"
    deps = json.loads(p.stdout)["scopes"][DIALLING]["unchecked_dependencies"]
    assert [d["reason"] for d in deps if d["requires"] == "crm.leads"] == ["profile"]
    assert "它不适用于这类业务：团队只打老客户" in deps[0]["text"]


def test_a_rule_naming_a_dependency_that_does_not_exist_is_an_error(tmp_path):
    from maturity.scaffold import write_plugin

    write_plugin("procurement", tmp_path / "p")
    content = tmp_path / "p" / "src" / "maturity_procurement" / "content"
    with open(content / "domain.toml", "a", encoding="utf-8") as fh:
        fh.write('\n[[profile_rules]]\nquestion = "control_style"\nanswers = ["loose"]\n'
                 'dependencies = [{ scope = "procurement.requests", stage = "online", requires = "crm.leads" }]\n'
                 'why.en = "No."\nwhy.zh = "不。"\n')
    domain, problems = load_domain_dir(content, "content")
    assert domain is None or any("no such dependency" in p.what for p in problems)
    [p] = [p for p in problems if "no such dependency" in p.what]
    assert p.file == "content/domain.toml" and p.where.endswith(".dependencies[0]")
    assert "procurement.requests@online → crm.leads" in p.what and "[[dependencies]]" in p.fix
