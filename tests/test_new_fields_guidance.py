"""Issue 8's content fields as a third party meets them: the scaffold shows criterion anchors, indicator
practice, structured criteria worded both ways and a criteria profile rule; `plugins check` gives a
guidance warning (never an error) for a structured criterion that accepts only a document, a criterion
stating its own threshold without anchors, and a domain whose indicators name no practice.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from maturity.checker import content_guidance, document_only, own_threshold
from maturity.cli import main
from maturity.content_loader import load_domain_dir, read_domain_dir
from maturity.model.content import Criterion, Text

ROOT = Path(__file__).resolve().parents[1]
NAME = "procurement"
OLD_STRUCTURED = '''text.en = "Request types and their states (submitted → approved → fulfilled / rejected) are defined in one document the business owner signed off"
text.zh = "申请的类型和状态（已提交→已审批→已办结/已驳回）写在一份经业务负责人签字确认的文档里"
evidence.en = "The document and its sign-off"
evidence.zh = "该文档及其签字确认记录"'''


pytestmark = pytest.mark.usefixtures("no_switches")


def edit(content: Path, file: str, old: str, new: str, count: int = 1) -> None:
    f = content / file
    text = f.read_text(encoding="utf-8")
    assert old in text, old
    f.write_text(text.replace(old, new, count), encoding="utf-8")


def drop_lines(content: Path, file: str, pattern: str) -> None:
    f = content / file
    lines = f.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [x for x in lines if not re.match(pattern, x)]
    assert len(kept) < len(lines), pattern
    f.write_text("".join(kept), encoding="utf-8")


def make_document_only(content: Path) -> None:
    """types_and_states back to its old wording: a signed document, never the system's settings."""
    f = content / "scopes" / "requests.toml"
    text = f.read_text(encoding="utf-8")
    start = text.index('text.en = "Request types')
    end = text.index("action.en", start)
    f.write_text(text[:start] + OLD_STRUCTURED + "\n" + text[end:], encoding="utf-8")


def check(capsys, content: Path) -> tuple[int, list[dict]]:
    code = main(["plugins", "check", str(content), "--format", "json"])
    return code, json.loads(capsys.readouterr().out)["problems"]


def scope_of(content: Path):
    domain, problems = load_domain_dir(content, "content")
    assert domain is not None, problems
    return domain, domain.scopes[0]


# ----------------------------------------------------------------------------------- the scaffold shows them


def test_the_scaffold_shows_the_new_fields_and_checks_clean(scaffold_content, capsys):
    domain, scope = scope_of(scaffold_content)
    crits = {c.id: c for c in scope.criteria}
    for c in (x for x in scope.criteria if x.stage == "structured"):
        for text in (c.text.en, c.evidence.en):
            assert re.search(r"document|written|rules table", text) and re.search(r"system", text), (c.id, text)
        assert "系统" in c.text.zh and "配置" in c.evidence.zh, c.id
    anchored = crits["data_complete"]
    assert own_threshold(anchored) == "at least 95%" and anchored.anchors is not None
    assert anchored.anchors.en.startswith("met: ") and "not met: " in anchored.anchors.en
    assert anchored.anchors.zh.startswith("满足：") and "不满足：" in anchored.anchors.zh
    assert all(i.practice for i in scope.indicators)
    assert all(set(i.practice) <= set(crits) for i in scope.indicators)
    assert "by_construction" in (scaffold_content / "scopes" / "requests.toml").read_text(encoding="utf-8")
    assert "# criteria = [" in (scaffold_content / "domain.toml").read_text(encoding="utf-8")
    assert content_guidance(domain, "content") == []
    code, problems = check(capsys, scaffold_content)
    assert (code, problems) == (0, [])


def test_the_commented_criteria_rule_loads_once_uncommented(scaffold_copy, capsys):
    f = scaffold_copy / "domain.toml"
    text = f.read_text(encoding="utf-8")
    block = text[text.index("# [[profile_rules]]"):]
    f.write_text(text.replace(block, re.sub(r"(?m)^# ", "", block)), encoding="utf-8")
    domain, _ = scope_of(scaffold_copy)
    rule = domain.profile_rules[-1]
    assert rule.criteria == (f"{NAME}.requests.overdue_alerts",) and rule.scopes == () and rule.factor == 1.0
    assert rule.excludes and rule.matches(("loose",)) and not rule.matches(("loose", "strict"))
    assert domain.profile_rules[0].matches(("strict", "loose")), "a re-weight applies when any answer matches"
    assert check(capsys, scaffold_copy) == (0, [])


# ------------------------------------------------------------------------------------ each guidance warning


def only(problems: list[dict], where_end: str) -> dict:
    hits = [p for p in problems if p["where"].endswith(where_end)]
    assert len(hits) == 1 and len(problems) == 1, json.dumps(problems, ensure_ascii=False, indent=1)
    p = hits[0]
    assert p["severity"] == "warning" and p["fix"] and "\n" not in p["what"] + p["fix"]
    return p


def test_a_structured_criterion_accepting_only_a_document(scaffold_copy, capsys):
    make_document_only(scaffold_copy)
    code, problems = check(capsys, scaffold_copy)
    p = only(problems, 'criteria[id="types_and_states"]')
    assert code == 1 and p["file"].endswith("scopes/requests.toml")
    assert "only a document" in p["what"] and "configured in the system" in p["fix"]
    # The text form: one line, with the file, the criterion and the fix.
    main(["plugins", "check", str(scaffold_copy)])
    line = next(x for x in capsys.readouterr().out.splitlines() if x.startswith("warning: "))
    assert 'requests.toml: criteria[id="types_and_states"]: is structured' in line and " — word text" in line


def test_a_threshold_without_anchors(scaffold_copy, capsys):
    drop_lines(scaffold_copy, "scopes/requests.toml", r"anchors\.(en|zh) = ")
    code, problems = check(capsys, scaffold_copy)
    p = only(problems, 'criteria[id="data_complete"].anchors')
    assert code == 1 and p["file"].endswith("scopes/requests.toml")
    assert '"at least 95%"' in p["what"] and "met: … · mostly: … · partly: … · not met: …" in p["fix"]
    assert "满足：… · 基本满足：… · 部分满足：… · 不满足：…" in p["fix"]


def test_a_domain_whose_indicators_name_no_practice(scaffold_copy, capsys):
    drop_lines(scaffold_copy, "scopes/requests.toml", r"practice = ")
    code, problems = check(capsys, scaffold_copy)
    p = only(problems, "indicators")
    assert code == 1 and p["file"].endswith("content/scopes")
    assert NAME in p["what"] and "practice" in p["what"] and 'practice = ["criterion_id"]' in p["fix"]
    # One indicator naming its practice is enough to silence it.
    edit(scaffold_copy, "scopes/requests.toml", 'definition.zh = "在时限内办结的申请占比"\n',
         'definition.zh = "在时限内办结的申请占比"\npractice = ["owners_and_limits"]\n')
    assert check(capsys, scaffold_copy) == (0, [])


def test_content_in_the_old_format_keeps_loading_with_warnings_only(scaffold_copy, capsys):
    """Content written before issue 8: no anchors, no practice, structured criteria about documents only."""
    drop_lines(scaffold_copy, "scopes/requests.toml", r"(anchors\.(en|zh)|practice) = ")
    make_document_only(scaffold_copy)
    domain, problems = load_domain_dir(scaffold_copy, "content")
    assert domain is not None and problems == [], "start-up loads it unchanged"
    code, found = check(capsys, scaffold_copy)
    assert code == 1 and {p["severity"] for p in found} == {"warning"} and len(found) == 3


# ---------------------------------------------------------------------------------------- the heuristics


def crit(text: str, evidence: str = "Show it", stage: str = "structured", anchors: bool = False) -> Criterion:
    return Criterion(id="c", stage=stage, text=Text(en=text, zh="中文"), evidence=Text(en=evidence, zh="中文"),
                     action=Text(en="Do it", zh="去做"),
                     anchors=Text(en="met: a · mostly: b · partly: c · not met: d",
                                  zh="满足：甲 · 基本满足：乙 · 部分满足：丙 · 不满足：丁") if anchors else None)


@pytest.mark.parametrize(("text", "evidence", "stage", "fires"), [
    ("Lead states are defined in one document sales signed", "The document", "structured", True),
    ("Rules are written down", "The signed rules", "structured", True),
    ("Lead states are defined in a document or configured in the system", "The document", "structured", False),
    ("Lead states are defined in a document", "The document or the CRM's state settings", "structured", False),
    ("Every territory has a named owner", "The territory list", "structured", False),  # names no document at all
    ("Every lead is in the system, none on paper", "A week of leads", "online", False),  # not structured
])
def test_document_only(text, evidence, stage, fires):
    assert document_only(crit(text, evidence, stage)) is fires


@pytest.mark.parametrize(("text", "found"), [
    ("Source and state are complete for at least 95% of last quarter's leads", "at least 95%"),
    ("Rejected orders stay below 5% of all orders", "below 5%"),
    ("≥ 90% of visits are checked in", "≥ 90%"),
    ("An approval matrix says who approves (e.g. a discount above 15% goes to the director)", ""),
    ("Every lead has an owner", ""),
    ("Conversion rose by 15% after the change", ""),
])
def test_own_threshold(text, found):
    assert own_threshold(crit(text, stage="digital")) == found


def test_anchors_silence_the_threshold_warning():
    from maturity.model.content import Domain, Scope

    def domain(anchors: bool) -> Domain:
        c = crit("Complete for at least 95% of leads", "A report", "digital", anchors)
        return Domain(id="d", name=Text(en="D", zh="丁"), description=Text(en="D", zh="丁"),
                      scopes=(Scope(id="s", name=Text(en="S", zh="甲"), description=Text(en="S", zh="甲"),
                                    criteria=(c,)),))
    assert [p.where for p in content_guidance(domain(False), "x")] == ['criteria[id="c"].anchors']
    assert content_guidance(domain(True), "x") == []


def test_built_in_crm_gets_no_guidance_warning():
    domain, problems, complete = read_domain_dir(ROOT / "plugins" / "crm" / "src" / "maturity_crm" / "content", "crm")
    assert domain is not None and complete, problems
    assert [p.line() for p in content_guidance(domain, "crm")] == []
