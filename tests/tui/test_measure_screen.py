"""The TUI runs `measure` (issue 11): `M` (or the palette) opens a screen; a path typed in and Enter reads the
exports, shows the column mapping and what each probe found; `a` records it in the assessment (answers untouched) and
saves. File names are shown literally (Content, never markup), and no personal value reaches the screen."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from maturity.plugins import load_catalogue
from maturity.snapshot import load_snapshot
from maturity.tui.screens.measure import MeasureScreen

from .conftest import drive, plain, settle


SNAP = """schema_version = 1

[meta]
client = "Screen Test [b]x[/b]"
date = 2026-09-01
domains = ["crm", "service", "telesales"]
language = "{lang}"

[answers."crm.leads".source_state_complete]
answer = "met"
"""


@pytest.fixture(scope="module")
def real_catalogue():
    return load_catalogue([])


@pytest.fixture(scope="module")
def exports(tmp_path_factory, bench):
    out = tmp_path_factory.mktemp("screen-exports") / "exports [red]x"
    bench("demo_data").generate(out, calls=1500, scale=0.03, seed=5)
    (out / "leads.csv").rename(out / "线索 [bold]<b>.csv")  # a file name that is markup
    return out


def _personal(folder: Path) -> set[str]:
    values = set()
    for f in folder.glob("*.csv"):
        with f.open(encoding="gbk" if f.name == "customers.csv" else "utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                for col in ("姓名", "手机号", "身份证号", "负责人", "客户号码", "联系电话", "客户姓名", "主要联系人"):
                    if len((row.get(col) or "").strip()) >= 2:
                        values.add(row[col].strip())
    return values


def _screen_text(app) -> str:
    s = app.screen
    return "\n".join(plain(s.query_one(f"#measure-{k}")) for k in ("title", "intro", "status", "result"))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_measure_screen_maps_runs_and_records(tmp_path, make_app, real_catalogue, exports, lang):
    path = tmp_path / "c.toml"
    path.write_text(SNAP.format(lang=lang), encoding="utf-8")
    app = make_app(path, real_catalogue, lang=lang)
    seen = {}

    async def script(pilot):
        await pilot.press("M")
        await pilot.pause()
        assert isinstance(app.screen, MeasureScreen)
        app.screen.query_one("#measure-box").focus()
        await pilot.press("a")  # nothing measured yet: nothing to accept
        await pilot.pause()
        assert ("Nothing to accept" if lang == "en" else "还没有可接受的结果") in _screen_text(app)
        app.screen.query_one("#measure-paths").value = f'"{exports}"'
        app.screen.query_one("#measure-paths").focus()
        await pilot.press("enter")
        await settle(pilot)
        await pilot.pause()
        seen["before"] = _screen_text(app)
        assert load_snapshot(path).measured is None  # shown, not recorded yet
        await pilot.press("a")
        await settle(pilot)
        seen["after"] = app.screen

    drive(app, script)
    text = seen["before"]
    # the mapping to confirm, with a file name shown literally
    assert "线索 [bold]<b>.csv → leads" in text
    assert "owner ← 负责人" in text and "duration ← 通话时长" in text
    # what each probe found, and the line to accept
    assert "telesales.call_workload v1" in text and "telesales.call_time_count.call_count =" in text
    assert "relation per person" in text or "按人的关系" in text
    assert ("a: accept and record" if lang == "en" else "a：接受并记录") in text
    assert not isinstance(seen["after"], MeasureScreen)
    a = load_snapshot(path)
    assert a.measured is not None and len(a.measured.indicators) >= 20 and a.measured.relations
    assert a.answer_for("crm.leads", "source_state_complete").answer == "met"  # answers never change
    leaked = sorted(v for v in _personal(exports) if v in text)
    assert not leaked, leaked[:5]


def test_bad_file_is_one_line_and_nothing_is_recorded(tmp_path, make_app, real_catalogue):
    path = tmp_path / "c.toml"
    path.write_text(SNAP.format(lang="en"), encoding="utf-8")
    bad = tmp_path / "calls [x].csv"
    bad.write_text("通话编号,坐席,开始时间,通话时长\nC1,A,not a date,12\n", encoding="utf-8")
    before = path.read_bytes()
    app = make_app(path, real_catalogue)
    seen = {}

    async def script(pilot):
        app.action_measure()
        await pilot.pause()
        app.screen.query_one("#measure-paths").value = f'"{bad}"'
        await pilot.press("enter")
        await settle(pilot)
        await pilot.pause()
        seen["text"] = _screen_text(app)
        app.screen.query_one("#measure-box").focus()  # a bad file leaves the focus in the path, to correct it
        await pilot.press("a")
        await pilot.pause()
        seen["text2"] = _screen_text(app)

    drive(app, script)
    assert "calls [x].csv" in seen["text"] and "开始时间" in seen["text"]
    assert "Nothing to accept" in seen["text2"]
    assert path.read_bytes() == before


def test_palette_offers_measure(tmp_path, make_app, real_catalogue):
    from maturity.tui.commands import MaturityCommands

    path = tmp_path / "c.toml"
    path.write_text(SNAP.format(lang="zh"), encoding="utf-8")
    app = make_app(path, real_catalogue, lang="zh")

    async def script(pilot):
        provider = MaturityCommands(app.screen)
        return [text for text, _, _ in provider._hits()]

    texts = drive(app, script)
    assert "测量客户数据……" in texts
