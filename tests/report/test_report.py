"""`maturity report FILE -o OUT`: Markdown, HTML and JSON, in English and Chinese, hostile text shown as typed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from maturity.errors import MaturityError
from maturity.report.writer import REPORT_SCHEMA, build_report, export

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "assessments" / "demo.toml"
HISTORY = ROOT / "assessments" / "history"


# ---------------------------------------------------------------- formats by the real command


@pytest.mark.parametrize("suffix", [".md", ".html", ".json"])
def test_report_command_writes_each_format(run, snapshot_file, tmp_path, suffix, h):
    out = tmp_path / f"report{suffix}"
    proc = run("report", snapshot_file, "-o", out, check=True)
    assert proc.stdout.strip() == str(out)
    text = out.read_text(encoding="utf-8")
    assert len(text) > 5000
    if suffix == ".json":
        data = json.loads(text)
        assert data["schema"] == REPORT_SCHEMA
        assert data["meta"]["client"] == h.HOSTILE_CLIENT
        assert h.HOSTILE_NOTE in [x["note"] for x in data["answers"]]
        assert h.LONG_NOTE in [x["note"] for x in data["answers"]]
    elif suffix == ".html":
        assert text.startswith("<!DOCTYPE html>")
        h.assert_literal_html(text, h.HOSTILE_NOTE, h.HOSTILE_CLIENT, h.LONG_NOTE, "Salesforce | in-house <console>",
                              "Kick-off </style> notes", "Jo *Consultant*", "Ann <Sales>", "screen <b>shown</b>")
    else:
        h.assert_literal_html(h.markdown_to_html(text), h.HOSTILE_NOTE, h.HOSTILE_CLIENT, h.LONG_NOTE,
                              "Salesforce | in-house <console>", "Kick-off </style> notes", "Jo *Consultant*",
                              "Ann <Sales>", "Bo | IT", "screen <b>shown</b>")


@pytest.mark.skipif(not DEMO.exists(), reason="assessments/demo.toml is not there yet")
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_demo_report_in_every_format(run, tmp_path, lang, h):
    outs = [tmp_path / f"demo-{lang}{s}" for s in (".md", ".html", ".json")]
    for out in outs:
        run("report", DEMO, "-o", out, "--lang", lang, "--history", HISTORY if HISTORY.is_dir() else DEMO.parent,
            check=True)
    data = json.loads(outs[2].read_text(encoding="utf-8"))
    md, html = outs[0].read_text(encoding="utf-8"), outs[1].read_text(encoding="utf-8")
    assert data["lang"] == lang
    client = data["meta"]["client"]
    for sid, sc in data["score"]["scopes"].items():  # every scope with its stage and level, in both renderings
        assert sc["name"] in h.Page(html).text and f"`{sid}`" in md
    words = {"en": ("Summary", "Roadmap", "Next indicators to track"), "zh": ("概要", "路线图", "下一步建议跟踪的指标")}[lang]
    for word in words:
        assert word in html and word in md
    assert client.split(" ")[0] in html
    assert f"{data['summary']['level']:.2f}" in html and f"{data['summary']['level']:.2f}" in md


def test_unknown_suffix_is_a_one_line_error(run, snapshot_file, tmp_path):
    proc = run("report", snapshot_file, "-o", tmp_path / "report.pdf")
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "report.pdf" in lines[0] and ".md, .html or .json" in lines[0]
    assert not (tmp_path / "report.pdf").exists()


def test_unwritable_output_is_a_one_line_error(run, snapshot_file, tmp_path):
    proc = run("report", snapshot_file, "-o", tmp_path / "no" / "such" / "dir" / "r.html")
    assert proc.returncode == 2
    assert len(proc.stderr.strip().splitlines()) == 1 and "cannot be written" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_lang_zh_writes_chinese(run, snapshot_file, tmp_path):
    out = tmp_path / "r.md"
    run("report", snapshot_file, "-o", out, "--lang", "zh", check=True)
    text = out.read_text(encoding="utf-8")
    assert "成熟度评估报告" in text and "## 路线图" in text and "## 概要" in text


# ---------------------------------------------------------------- export() for the TUI


def test_export_writes_the_format_of_the_suffix(real_cat, tmp_path, h):
    a = h.build_snapshot(real_cat, 1)
    for suffix in (".md", ".html", ".json"):
        path = export(real_cat, a, tmp_path / f"x{suffix}", "en")
        assert path == tmp_path / f"x{suffix}" and path.stat().st_size > 1000
    assert json.loads((tmp_path / "x.json").read_text(encoding="utf-8"))["schema"] == REPORT_SCHEMA
    assert not list(tmp_path.glob(".*.tmp")), "no temporary file is left behind"


def test_export_rejects_an_unknown_suffix_with_a_maturity_error(real_cat, tmp_path, h):
    with pytest.raises(MaturityError) as exc:
        export(real_cat, h.build_snapshot(real_cat, 0), tmp_path / "x.docx", "en")
    assert ".docx" in str(exc.value) and "\n" not in str(exc.value)


# ---------------------------------------------------------------- the content


def test_report_data_holds_every_section(real_cat, h):
    a = h.build_snapshot(real_cat, 2)
    data = build_report(real_cat, a, "en")
    s = data["summary"]
    assert {"level", "lowest_stage", "completeness", "stance", "warnings"} <= set(s)
    assert set(data["score"]["scopes"]) == set(real_cat.scopes)
    for sc in data["score"]["scopes"].values():
        assert "decided_by" in sc and "capped_by" in sc and "explanation" in sc
        b = sc["blocking"]
        assert b is None or {"stage", "criteria", "dependencies"} <= set(b)
    assert data["roadmap"]["waves"], "the snapshot has targets still to reach"
    for wave in data["roadmap"]["waves"]:
        for step in wave["steps"]:
            for todo in step["todo"]:
                assert todo["text"] and todo["action"]
    assert all(i["reason"] for i in data["advice"]["indicators"])
    assert any(x["note"] == h.HOSTILE_NOTE for x in data["answers"])
    assert {q["question"] for q in data["profile"]} >= {"customer_form", "sales_cycle"}
    assert {q["question"] for q in data["team"]} >= {"tenure", "business_ownership"}
    # the warning the team's answers call for (weak business ownership)
    assert any("owner" in w for w in s["warnings"])


def test_blocking_names_the_unmet_criteria_and_the_capping_dependency(cat, blank):
    from maturity.model.assessment import Answer
    from maturity.report.writer import report_markdown

    a = blank.model_copy(update={"answers": {
        "x.a": {"str1": Answer(answer="met"), "str2": Answer(answer="met")},
        "x.b": {"str1": Answer(answer="met"), "str2": Answer(answer="met"),
                "onl1": Answer(answer="met"), "onl2": Answer(answer="met")}}})
    data = build_report(cat, a, "en")
    b = data["score"]["scopes"]["x.b"]
    assert b["stage"] == "structured" and b["capped"]
    assert b["blocking"]["stage"] == "online"
    assert b["blocking"]["criteria"] == []
    assert [d["scope"] for d in b["blocking"]["dependencies"]] == ["x.a"]
    md = report_markdown(data)
    assert "A must be online (it is structured)" in md.replace("\\", ""), "the required scope by its name"
    assert "x.a must" not in md


def test_json_schema_is_documented(real_cat, h):
    """Every key of the report, diff and history JSON is named in docs/report.md."""
    doc = (ROOT / "docs" / "report.md").read_text(encoding="utf-8")
    assert "maturity.report/1" in doc and "maturity.diff/1" in doc and "maturity.history/1" in doc
    data = build_report(real_cat, h.build_snapshot(real_cat, 2), "en")
    missing = [k for k in data if f"`{k}`" not in doc]
    missing += [k for k in data["summary"] if f"`{k}`" not in doc]
    missing += [k for k in next(iter(data["score"]["scopes"].values())) if f"`{k}`" not in doc]
    missing += [k for k in data["answers"][0] if f"`{k}`" not in doc]
    from maturity.report.diff import diff_data
    from maturity.report.history import history_data

    old, new = h.build_snapshot(real_cat, 0), h.build_snapshot(real_cat, 1)
    diff = diff_data(real_cat, old, new, "en")
    missing += [k for k in diff if f"`{k}`" not in doc]
    missing += [k for k in diff["comparability"] if f"`{k}`" not in doc and f" {k}" not in doc]
    hist = history_data(real_cat, [("a.toml", old), ("b.toml", new)])
    missing += [k for k in hist if f"`{k}`" not in doc]
    missing += [k for k in hist["snapshots"][0] if k not in doc]
    assert not missing, f"document these keys in docs/report.md: {missing}"


def test_html_is_self_contained_and_prints_on_a4(snapshot_file, run, tmp_path, h):
    out = tmp_path / "r.html"
    run("report", snapshot_file, "-o", out, check=True)
    html = out.read_text(encoding="utf-8")
    page = h.Page(html)
    external = [a for t, a in page.tags for k in ("src", "href") if k in a and not a[k].startswith("#")]
    assert external == [], "no external resource: one file that works offline"
    assert page.count("link") == 0 and page.count("img") == 0
    assert "@page" in html and "size: A4" in html and "@media print" in html
    assert page.count("svg") >= 3  # radar, ladders, graph


def test_markdown_tables_keep_their_columns(real_cat, h):
    """A `|` in user text must not add a cell: every row of a table has as many cells as its head."""
    from markdown_it import MarkdownIt

    data = build_report(real_cat, h.build_snapshot(real_cat, 2), "en")
    from maturity.report.writer import report_markdown

    tokens = MarkdownIt("commonmark").enable("table").parse(report_markdown(data))
    widths, current = [], 0
    for tok in tokens:
        if tok.type == "tr_open":
            current = 0
        elif tok.type in ("th_open", "td_open"):
            current += 1
        elif tok.type == "tr_close":
            widths.append(current)
        elif tok.type == "table_close":
            assert len(set(widths)) == 1, widths
            widths = []


def test_report_shows_plugin_content_changes(real_cat, h):
    from maturity.model.assessment import PluginRecord

    a = h.build_snapshot(real_cat, 1)
    name = next(iter(a.plugins))
    a = a.model_copy(update={"plugins": {**a.plugins, name: PluginRecord(version="0.0.1", fingerprint="0" * 16)}})
    data = build_report(real_cat, a, "en")
    assert any(name in n and "changed" in n for n in data["summary"]["notices"])
    assert next(p for p in data["plugins"] if p["name"] == name)["changed"] is True


def test_history_in_the_html_report(run, series, tmp_path, h):
    out = tmp_path / "r.html"
    run("report", series[-1], "-o", out, "--history", series[0].parent, check=True)
    page = h.Page(out.read_text(encoding="utf-8"))
    assert "history" in page.ids()
    assert any(t == "svg" and "history-chart" in a.get("class", "") for t, a in page.tags)
    for p in series:
        assert p.name in page.text
    jout = tmp_path / "r.json"
    run("report", series[-1], "-o", jout, "--history", series[0].parent, check=True)
    hist = json.loads(jout.read_text(encoding="utf-8"))["history"]
    assert [s["date"] for s in hist["snapshots"]] == sorted(s["date"] for s in hist["snapshots"])
    assert len(hist["snapshots"]) == 3


def test_report_renders_quickly(real_cat, h):
    import time

    a = h.build_snapshot(real_cat, 2)
    t0 = time.perf_counter()
    from maturity.report.writer import render

    data = build_report(real_cat, a, "en")
    for fmt in ("json", "markdown", "html"):
        render(data, fmt, real_cat, a)
    assert time.perf_counter() - t0 < 3.0


def test_report_module_is_not_loaded_by_help():
    """`maturity --help` stays light: the report code (and jinja2) load only for the report commands."""
    import subprocess
    import sys

    code = "import sys, maturity.cli; maturity.cli.build_parser(); print(sorted(m for m in sys.modules if m.startswith(('jinja2', 'maturity.report'))))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_package_ships_the_template():
    from importlib.resources import files

    assert files("maturity.report").joinpath("templates/report.html.j2").is_file()
