"""TUI fixtures: a small fixed catalogue (stable screenshots), snapshots on disk, and an app factory.

The fixed catalogue has two domains with Chinese text, a cross-domain dependency, every indicator
type and a plugin profile question, so every screen has something to show; its content never
changes with the real plugins, so the SVG snapshots only change when the TUI does.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from maturity.model.assessment import Answer, Assessment, Meta, Participant
from maturity.model.content import (Criterion, Dependency, Domain, Indicator, Option, ProfileRule, Question, Scope,
                                    Text)
from maturity.snapshot import save_snapshot
from maturity.testing import catalogue_from_domains

SIZE = (120, 36)


def T(en: str, zh: str) -> Text:
    return Text(en=en, zh=zh)


def crit(id: str, stage: str, en: str, zh: str, weight: float = 1.0) -> Criterion:
    return Criterion(id=id, stage=stage, text=T(en, zh), evidence=T(f"Show: {en.lower()}", f"出示：{zh}"),
                     action=T(f"Do it: {en.lower()}", f"行动：{zh}"), weight=weight)


def ind(id: str, en: str, zh: str, type: str, relation: str, earliest: str) -> Indicator:
    return Indicator(id=id, name=T(en, zh), definition=T(en, zh), unit="%", type=type, relation=relation,
                     direction="higher", earliest_stage=earliest)


def four_stages(prefix: str, en: str, zh: str) -> tuple[Criterion, ...]:
    return (
        crit("defined", "structured", f"{en} are defined in one signed document", f"{zh}的定义写入一份签认文档", 2),
        crit("owners", "structured", f"Every {en.lower()} step has an owner", f"{zh}每一步都有责任人"),
        crit("in_system", "online", f"All {en.lower()} are created in the system", f"所有{zh}都在系统中创建", 2),
        crit("daily_use", "online", f"{en} are worked in the system every day", f"每天在系统中处理{zh}"),
        crit("complete", "digital", f"{en} data is 95% complete", f"{zh}数据完整度≥95%"),
        crit("reviewed", "digital", f"Management reviews {en.lower()} from the system's report",
             f"管理层用系统报表回顾{zh}", 2),
        crit("scored", "intelligent", f"{en} are scored automatically, with a measured effect", f"{zh}自动评分并度量效果"),
    )


def sales_domain() -> Domain:
    return Domain(
        id="sales", name=T("Sales", "销售管理"), description=T("Winning customers", "获取客户"),
        scopes=(
            Scope(id="leads", name=T("Leads", "线索管理"), description=T("Where leads come from", "线索从哪里来"),
                  criteria=four_stages("l", "Leads", "线索"),
                  indicators=(ind("created", "Leads created in system", "系统内创建线索占比", "usage", "direct", "online"),
                              ind("calls", "Calls per lead", "每条线索外呼次数", "workload", "positive", "online"),
                              ind("conversion", "Lead conversion", "线索转化率", "business", "positive", "digital"),
                              ind("source_known", "Leads with a known source", "来源明确的线索占比", "transparency",
                                  "transparency", "online"),
                              ind("first_touch", "Time to first touch", "首次触达时长", "efficiency", "direct", "online"))),
            Scope(id="deals", name=T("Opportunities", "商机管理"), description=T("From lead to deal", "从线索到成交"),
                  criteria=four_stages("d", "Opportunities", "商机"),
                  dependencies=(Dependency(stage="online", requires="sales.leads", requires_stage="online",
                                           why=T("Deals start from leads in the system", "商机源自系统内的线索")),)),
        ),
        profile_questions=(Question(id="deal_size", text=T("How big is a typical deal?", "典型订单规模"),
                                    options=(Option(id="small", label=T("Small", "小额")),
                                             Option(id="large", label=T("Large", "大额")))),),
        profile_rules=(ProfileRule(question="deal_size", answers=("large",), scopes=("sales.deals",), factor=2.0,
                                   why=T("Large deals live or die by opportunity management", "大额订单取决于商机管理")),),
    )


def care_domain() -> Domain:
    return Domain(
        id="care", name=T("Customer care", "客户服务"), description=T("Keeping customers", "留住客户"),
        scopes=(
            Scope(id="tickets", name=T("Tickets", "工单"), description=T("Requests and their handling", "请求及其处理"),
                  criteria=four_stages("t", "Tickets", "工单"),
                  dependencies=(Dependency(stage="digital", requires="sales.leads", requires_stage="digital",
                                           why=T("Ticket reports by customer need trusted lead data",
                                                 "按客户统计工单需要可信的线索数据")),),
                  indicators=(ind("handled", "Tickets handled per agent", "人均处理工单", "workload", "positive", "online"),
                              ind("satisfaction", "Satisfaction", "满意率", "business", "positive", "digital"))),
        ),
    )


@pytest.fixture
def catalogue():
    cat = catalogue_from_domains(sales_domain(), care_domain())
    assert all(p.status == "on" for p in cat.plugins), cat.problems
    return cat


def fixed_assessment() -> Assessment:
    A = Answer
    return Assessment(
        meta=Meta(client="Acme [red]Trading[/] 华东", system="Sales cloud + 工单系统", perspective="b2b",
                  date=dt.date(2026, 11, 12), assessor="Tester", language="en"),
        profile={"customer_form": "big_b", "deal_size": "large"},
        team={"current_stance": "follow", "tenure": "settled", "business_analysis": "partial",
              "business_ownership": "weak"},
        targets={"sales.deals": "digital"},
        participants=(Participant(id="ann", name="Ann [b]Lee[/b]"), Participant(id="wang", name="王磊")),
        answers={
            "sales.leads": {
                "defined": A(answer="met", note="Signed by [bold]sales[/] and marketing", evidence="doc v2 \\[x]"),
                "owners": A(answer="met"),
                "in_system": A(answer="mostly", votes={"ann": "met", "wang": "partly"}),
                "daily_use": A(answer="met"),
                "complete": A(answer="partly", votes={"ann": "met", "wang": "not_met"}),
                "reviewed": A(answer="not_met"),
                "scored": A(votes={"ann": "met", "wang": "not_met"}),  # split, not settled yet: open
            },
            "sales.deals": {
                "defined": A(answer="met"), "owners": A(answer="mostly"),
                "in_system": A(answer="met"), "daily_use": A(answer="met"),
            },
            "care.tickets": {
                "defined": A(answer="met"), "owners": A(answer="n/a", reason="one team, one owner"),
                "in_system": A(answer="partly"),
            },
        },
    )


@pytest.fixture
def snapshot_file(tmp_path) -> Path:
    path = tmp_path / "acme.toml"
    save_snapshot(fixed_assessment(), path)
    return path


@pytest.fixture
def demo_file(tmp_path) -> Path:
    """A working copy of the demo (the original is never changed)."""
    from maturity.commands import demo_path

    try:
        src = demo_path()
    except Exception:  # noqa: BLE001
        pytest.skip("assessments/demo.toml is not there")
    dest = tmp_path / "demo-working-copy.toml"
    shutil.copyfile(src, dest)
    return dest


@pytest.fixture
def make_app():
    from maturity.tui.app import build_app

    def make(path: Path, catalogue=None, lang: str | None = None, new: bool = False, prebuild: bool = False):
        """The app; without the background build of the other screens unless asked (tests/tui/test_prebuild.py),
        so a test's key never races a screen being built, whatever the machine's load."""
        app = build_app(Path(path), new=new, lang=lang, catalogue=catalogue)
        app.prebuild = prebuild
        return app

    return make


async def settle(pilot) -> None:
    """Wait for the autosave worker and every pending refresh."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def drive(app, script, size=SIZE):
    """Run ``app`` headless and ``await script(pilot)`` inside it; returns the script's result."""
    import asyncio

    async def main():
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            return await script(pilot)

    return asyncio.run(main())


def plain(widget) -> str:
    """What a Static shows, as plain text."""
    return str(widget.render())


def option_texts(option_list) -> list[str]:
    return [str(o.prompt) if not hasattr(o.prompt, "plain") else o.prompt.plain for o in option_list.options]


# ---------------------------------------------------------------- SVG snapshots (our own, see docs/tui.md)

SNAPSHOTS = Path(__file__).parent / "snapshots"
UPDATE_ENV = "MATURITY_UPDATE_SNAPSHOTS"


def normalise_svg(svg: str, replace: dict[str, str] | None = None) -> str:
    """What may differ between two runs of the same screen: the generated ids, temporary paths."""
    import re

    svg = re.sub(r"terminal-\d+", "terminal", svg)
    for old, new in (replace or {}).items():
        svg = svg.replace(old, new).replace(old.replace(" ", "&#160;"), new)
    return svg


def svg_lines(svg: str) -> list[str]:
    """The screen's text, line by line (for a readable failure)."""
    import html
    import re

    rows: dict[float, list[tuple[float, str]]] = {}
    for x, y, text in re.findall(r'<text[^>]*x="([\d.]+)" y="([\d.]+)"[^>]*>([^<]*)</text>', svg):
        rows.setdefault(float(y), []).append((float(x), html.unescape(text).replace("\xa0", " ")))
    return ["".join(t for _, t in sorted(parts)).rstrip() for _, parts in sorted(rows.items())]


def assert_snapshot(svg: str, name: str) -> None:
    """Compare a screenshot with tests/tui/snapshots/NAME.svg; MATURITY_UPDATE_SNAPSHOTS=1 rewrites it."""
    import difflib
    import os

    path = SNAPSHOTS / f"{name}.svg"
    if os.environ.get(UPDATE_ENV) == "1":
        SNAPSHOTS.mkdir(exist_ok=True)
        path.write_text(svg, encoding="utf-8")
        return
    if not path.exists():
        pytest.fail(f"no snapshot {path.name}: run `{UPDATE_ENV}=1 .venv/bin/python -m pytest tests/tui`, look at it, "
                    "and commit it")
    want = path.read_text(encoding="utf-8")
    if svg == want:
        return
    actual = Path(os.environ.get("TMPDIR", "/tmp")) / f"maturity-snapshot-{name}.actual.svg"
    actual.write_text(svg, encoding="utf-8")
    diff = "\n".join(difflib.unified_diff(svg_lines(want), svg_lines(svg), "snapshot", "now", lineterm="", n=1))
    pytest.fail(f"{name} looks different from {path} (the new screen is in {actual}; "
                f"if the change is intended, rerun with {UPDATE_ENV}=1):\n{diff or '(only colours or styles differ)'}")
