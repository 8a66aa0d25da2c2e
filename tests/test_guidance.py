"""Issue 9's mechanical content checks, as `maturity plugins check` gives them: an intelligent criterion
without a measured effect, a criterion joining two facts, Chinese text with half-width punctuation, and an
indicator id or Chinese name that means two things. Warnings only: content that has them keeps loading."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from maturity.cli import main
from maturity.content_loader import load_domain_dir
from maturity.guidance import compound, half_width, missing_effect, shared_meaning
from maturity.model.content import Criterion, Text


def crit(en: str, zh: str = "中文事实", stage: str = "intelligent") -> Criterion:
    return Criterion(id="c", stage=stage, text=Text(en=en, zh=zh), evidence=Text(en="Show it", zh="展示"),
                     action=Text(en="Do it", zh="去做"))


@pytest.mark.parametrize(("en", "zh", "missing"), [
    ("Requests are routed by a model", "申请由模型自动分派", ["en", "zh"]),
    ("Requests are routed by a model, and its lift over round-robin is measured", "申请由模型自动分派", ["zh"]),
    ("Requests are routed by a model, A/B tested against round-robin", "申请由模型分派，并与轮询做A/B测试", []),
    ("Reminders go out at the hour a model predicts, compared with a control group", "按模型预测的时间提醒，并与对照组对比", []),
])
def test_an_intelligent_criterion_names_its_measured_effect(en, zh, missing):
    assert missing_effect(crit(en, zh)) == missing
    assert missing_effect(crit(en, zh, stage="online")) == [], "only intelligent criteria must show an effect"


@pytest.mark.parametrize(("en", "zh", "stage", "joined"), [
    ("Every request is raised in the system, and the system reminds the approver", "中文", "online", "and the system reminds"),
    ("The request rules are written down and are reviewed each year", "中文", "structured", "and are reviewed"),
    ("Type, supplier and amount are filled in for 95% of requests", "中文", "digital", ""),  # a list, one fact
    ("Approvers decide in the system (and on mobile)", "中文", "online", ""),
    ("Every request is raised in the system", "所有申请都在系统中发起，并且审批人在系统中审批", "online", "并且"),
    ("The model routes requests, and its lift is measured", "中文", "intelligent", ""),  # act + effect is one fact
])
def test_a_criterion_joining_two_facts(en, zh, stage, joined):
    assert compound(crit(en, zh, stage)) == joined


@pytest.mark.parametrize(("zh", "marks"), [
    ("申请在系统中发起，审批人按时审批。", ""),
    ("申请在系统中发起,审批人按时审批(2个工作日内)", ",()"),
    ("审批时长≤1,000分钟，9:00前提醒", ""),           # digits keep their punctuation
    ("用A/B测试对比NPS (0-10)的变化", ""),             # Latin runs keep theirs
    ("用CRM(销售易)管理", "()"),
    ("English only, no Chinese (here)", ""),
])
def test_half_width_punctuation_in_chinese(zh, marks):
    assert half_width(zh) == marks


pytestmark = pytest.mark.usefixtures("no_switches")


def replace(content: Path, old: str, new: str) -> None:
    f = content / "scopes" / "requests.toml"
    text = f.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    f.write_text(text.replace(old, new), encoding="utf-8")


def check(capsys, content: Path) -> tuple[int, list[dict]]:
    code = main(["plugins", "check", str(content), "--format", "json"])
    return code, json.loads(capsys.readouterr().out)["problems"]


def test_each_check_reports_one_warning_naming_the_place(scaffold_copy, capsys):
    text = (scaffold_copy / "scopes" / "requests.toml").read_text(encoding="utf-8")
    intelligent = text[text.index('stage = "intelligent"'):]
    en = intelligent[intelligent.index('text.en = "') + 11:].split('"', 1)[0]
    replace(scaffold_copy, f'text.en = "{en}"', 'text.en = "Requests are routed by a model"')
    replace(scaffold_copy, 'name.zh = "按时办结率"', 'name.zh = "按时办结率(月)"')
    domain, problems = load_domain_dir(scaffold_copy, "content")
    assert domain is not None and problems == [], "start-up loads it unchanged"
    code, found = check(capsys, scaffold_copy)
    assert code == 1 and {p["severity"] for p in found} == {"warning"}
    by_what = {p["what"].split(" (")[0]: p for p in found}
    assert set(by_what) == {"is intelligent but names no measured effect", "uses half-width punctuation in Chinese"}
    assert by_what["uses half-width punctuation in Chinese"]["where"] == 'indicators[id="on_time_rate"].name.zh'
    assert all(p["file"].endswith("scopes/requests.toml") and p["fix"] for p in found)


def test_an_indicator_name_meaning_two_things_is_named_in_both_places(scaffold_copy, scaffold_content):
    a, _ = load_domain_dir(scaffold_copy, "content")
    other = a.model_copy(update={"id": "other"})
    ind = other.scopes[0].indicators[0]
    changed = ind.model_copy(update={"definition": Text(en="Something else entirely", zh="完全不同的东西")})
    scope = other.scopes[0].model_copy(update={"indicators": (changed, *other.scopes[0].indicators[1:])})
    other = other.model_copy(update={"scopes": (scope,)})
    found = shared_meaning([(a, "content")], {"other": other})
    assert {(p.where, p.what.split(" is also")[0]) for p in found} == {
        (f'indicators[id="{ind.id}"].name.zh', f'"{ind.name.zh}"'),
    }, "across domains the Chinese name is compared (ids are only compared within a domain)"
    assert all(f"other.{scope.id}.{ind.id}" in p.what for p in found)
    assert shared_meaning([(a, "content")], {"other": a.model_copy(update={"id": "other"})}) == [], \
        "the same definition under the same name is one meaning"


def test_an_indicator_id_meaning_two_things_within_a_domain(scaffold_copy):
    a, _ = load_domain_dir(scaffold_copy, "content")
    s0 = a.scopes[0]
    ind = s0.indicators[0]
    twin = ind.model_copy(update={"definition": Text(en="Something else entirely", zh="完全不同的东西"),
                                  "name": Text(en="Other", zh="另一个指标")})
    second = s0.model_copy(update={"id": "second", "indicators": (twin,)})
    found = shared_meaning([(a.model_copy(update={"scopes": (s0, second)}), "content")], {})
    assert sorted((p.file, p.where) for p in found) == [
        ("content/scopes/requests.toml", f'indicators[id="{ind.id}"].id'),
        ("content/scopes/second.toml", f'indicators[id="{ind.id}"].id'),
    ]
