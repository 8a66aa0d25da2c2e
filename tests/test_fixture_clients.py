"""Client cases of our own, written as a consultant's findings: the product must give each scope the stage a
consultant would, and say why in the words a consultant would use.

Jinqiao Packaging (tests/fixtures/clients/jinqiao.md): a small-B company whose work runs in its CRM, dialler
and service desk, with its rules configured there and barely written down — unlike the demo, a big-B
distributor with documents and side spreadsheets.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from maturity.engine.analysis import analyse
from maturity.engine.explain import explain_scope, scope_status
from maturity.engine.scoring import STAGE_NAMES
from maturity.plugins import load_catalogue
from maturity.snapshot import load_snapshot

CLIENTS = Path(__file__).parent / "fixtures" / "clients"

# scope: (stage a consultant gives, the stage practised, why)
JINQIAO = {
    "crm.leads": ("online", "online",
                  "states, sources and time limits are configured in the CRM; every lead arrives by integration; "
                  "the Monday meeting still reads an Excel pivot, so not digital"),
    "crm.customers": ("online", "online",
                      "life cycle, ownership and tiers are configured; one record per customer; nobody reviews "
                      "accounts from reports, so not digital"),
    "crm.opportunities": ("structured", "structured",
                          "stages and loss reasons are configured, but reps update stages in a Monday batch"),
    "crm.activities_visits": ("online", "online",
                              "calls and WeCom chats are logged the same day; field-visit criteria are n/a "
                              "(no field sales)"),
    "crm.approvals": ("online", "online", "every approval runs in configured flows; nobody reviews cycle time"),
    "crm.contracts_orders": ("online", "digital",
                             "digital in practice (reconciled, commission and ageing from the system), held at "
                             "online by customer data that is not yet digital"),
    "service.tickets": ("online", "online", "types, states and routing are configured; the review still counts "
                        "the backlog in a spreadsheet"),
    "service.routing_sla": ("online", "online", "SLAs and skill groups configured; rules not tuned on data"),
    "service.online_service": ("online", "online", "one workspace, customers identified, conversations kept"),
    "service.knowledge_base": ("offline", "offline", "answers live in a shared folder and a chat group"),
    "service.self_service_bots": ("offline", "offline", "no bot and no help centre"),
    "service.quality_inspection": ("structured", "structured",
                                   "a written scorecard and sampling rule — paperwork counts too — but QA is scored "
                                   "in a spreadsheet"),
    "service.satisfaction": ("offline", "online",
                             "every chat gets a survey from the system (online in practice), but nobody defined "
                             "who calls back a bad rating or the complaint levels: a foundation gap"),
    "telesales.outbound_dialling": ("digital", "digital",
                                    "click-to-call, a mandatory outcome, the carrier bill reconciles, the stand-up "
                                    "reads the dashboard"),
    "telesales.call_recording": ("online", "online", "every call recorded and linked; not transcribed"),
    "telesales.call_time_count": ("offline", "online",
                                  "counted by the system with a live board (online in practice), but how call "
                                  "time weighs in performance was never set: a foundation gap"),
    "telesales.lead_allocation": ("online", "online", "round-robin, caps and a 5-minute limit are configured"),
    "telesales.lead_pool": ("online", "online", "return and claim rules configured and enforced; pool never "
                            "reviewed"),
    "telesales.follow_up_conversion": ("online", "online", "follow-ups logged and scheduled; the funnel is re-cut "
                                       "in Excel"),
    "telesales.scripts": ("offline", "online",
                          "scripts on the calling screen (online in practice), but no list of mandatory lines and "
                          "forbidden words and no versions: a foundation gap"),
    "telesales.auto_touch": ("offline", "offline", "two ad-hoc triggers, no caps, no consent rules"),
}


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue()


@pytest.fixture(scope="module")
def jinqiao(catalogue):
    return analyse(catalogue, load_snapshot(CLIENTS / "jinqiao.toml"))


@pytest.mark.parametrize("scope", sorted(JINQIAO))
def test_jinqiao_scopes_sit_where_a_consultant_puts_them(jinqiao, scope):
    stage, practice, why = JINQIAO[scope]
    r = jinqiao.result.scopes[scope]
    assert (STAGE_NAMES[r.reached], STAGE_NAMES[r.practice]) == (stage, practice), why


def test_jinqiao_has_no_scope_left_unjudged(jinqiao):
    judged = set(JINQIAO) | {"crm.campaigns_scrm", "crm.channel_partners"}
    assert judged == set(jinqiao.result.scopes)


def test_a_configured_rule_counts_as_structured(jinqiao, catalogue):
    """Every structured answer of crm.leads rests on the CRM's configuration, none on a document."""
    answers = jinqiao.assessment.answers["crm.leads"]
    structured = [c.id for c in catalogue.scopes["crm.leads"].criteria if c.stage == "structured"]
    assert all(answers[c].evidence.startswith("Configured: ") for c in structured)
    assert jinqiao.result.scopes["crm.leads"].stages[0].passes


def test_unassessed_and_switched_off_scopes_are_said_so_and_left_out(jinqiao):
    res = jinqiao.result
    assert scope_status(res.scopes["crm.campaigns_scrm"]) == "not assessed"
    assert scope_status(res.scopes["crm.channel_partners"]) == "switched off"
    assert (res.overall.assessed, res.overall.total) == (21, 22)
    assert res.domains["crm"].lowest == 1, "the lowest CRM stage is opportunities' structured, not campaigns' nothing"


def test_the_foundation_gaps_name_what_to_write_down(jinqiao):
    gaps = {sid: {c.criterion for g in r.foundation_gap for c in g.todo}
            for sid, r in jinqiao.result.scopes.items() if r.foundation_gap}
    assert gaps == {
        "service.satisfaction": {"bad_rating_rule", "complaint_levels"},
        "telesales.call_time_count": {"role_in_scorecard"},
        "telesales.scripts": {"script_library", "mandatory_and_forbidden", "versioned_changes"},
    }


def test_the_explanation_says_practice_and_what_holds_it(jinqiao, catalogue):
    lines = explain_scope(catalogue, jinqiao.result, jinqiao.result.scopes["service.satisfaction"])
    assert lines[1].startswith("Foundation gap: works online in practice (88%); held at offline by structured: "
                               "2 criteria unmet")
    contracts = explain_scope(catalogue, jinqiao.result, jinqiao.result.scopes["crm.contracts_orders"])
    assert contracts[1].startswith("Held by a dependency: works digital in practice")
    cap = next(line for line in contracts if line.startswith("  capped by "))
    assert "Customers must be digital (it is online)" in cap and "its digital criteria score 45%, 2 unmet" in cap
    assert "crm.customers" not in cap


def test_the_roadmap_starts_with_the_foundations(jinqiao):
    first = [s for s in jinqiao.roadmap.waves[0] if s.foundation]
    assert {(s.scope, STAGE_NAMES[s.stage], STAGE_NAMES[s.unlocks]) for s in first} == {
        ("service.satisfaction", "structured", "online"),
        ("telesales.call_time_count", "structured", "online"),
        ("telesales.scripts", "structured", "online"),
    }
    assert list(jinqiao.roadmap.waves[0][:len(first)]) == first, "foundation steps come first in their wave"


def test_advice_names_indicators_the_system_already_records(jinqiao, catalogue):
    suggested = {(a.scope, a.indicator) for a in jinqiao.indicators}
    assert suggested, "a client whose every call is logged must get indicator advice"
    scopes = {s for s, _ in suggested}
    assert "telesales.outbound_dialling" in scopes, "dialling is digital: its business indicators are measurable now"
    assert not scopes & {"crm.campaigns_scrm", "crm.channel_partners"}


def test_score_json_gives_practice_and_status(jinqiao, tmp_path):
    from maturity.cli import main

    out = tmp_path / "score.json"
    assert main(["report", str(CLIENTS / "jinqiao.toml"), "-o", str(out)]) == 0
    scopes = json.loads(out.read_text(encoding="utf-8"))["score"]["scopes"]
    assert scopes["service.satisfaction"]["practice"] == "online"
    assert scopes["service.satisfaction"]["practice_note"]["kind"] == "foundation_gap"
    assert scopes["crm.contracts_orders"]["practice_note"]["kind"] == "held_by_dependency"
    assert scopes["crm.campaigns_scrm"]["status"] == "not_assessed" and scopes["crm.campaigns_scrm"]["stage"] is None
