"""Measurements in the reports across snapshots (issue 11, points 4–5): the HTML report shows the evidence from the
client's data with its provenance, like the Markdown; `history` and the HTML report show each measured indicator's
trend; `diff` says when a figure comes from different data (another source file hash). Through the commands."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest


SNAP = """schema_version = 1

[meta]
client = "Trend Test 趋势测试"
date = {date}
domains = ["crm", "service", "telesales"]

[answers."telesales.call_time_count".definitions]
answer = "met"
"""


def run(*args):
    p = subprocess.run([sys.executable, "-m", "maturity.cli", *map(str, args)], capture_output=True, timeout=300)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")


@pytest.fixture(scope="module")
def hist(tmp_path_factory, bench):
    """Three snapshots of one client: June and July measured from the same exports, September from new ones; the
    June exports hold a file whose name is markup."""
    base = tmp_path_factory.mktemp("trend")
    june, sept = base / "june", base / "sept"
    for out, seed in ((june, 11), (sept, 12)):
        bench("demo_data").generate(out, calls=2000, scale=0.04, seed=seed)
    shutil.move(june / "approvals.csv", june / "审批 [bold]<i>x.csv")
    folder = base / "snaps"
    folder.mkdir()
    for name, date, data in (("a.toml", "2026-06-30", june), ("b.toml", "2026-07-31", june),
                             ("c.toml", "2026-09-30", sept)):
        p = folder / name
        p.write_text(SNAP.format(date=date), encoding="utf-8")
        code, _, err = run("measure", p, data)
        assert code == 0, err
    return folder


def test_history_shows_each_measured_indicators_trend(hist):
    code, out, err = run("history", hist)
    assert code == 0, err
    assert "Measured indicators over time" in out
    row = next(line for line in out.splitlines() if line.startswith("Call count (calls/rep/day)"))
    cells = row.split()
    assert cells[-1] in "↑↓→" and "†" in row  # September's figure comes from other data than July's
    assert "† computed from different data" in out
    code, out, _ = run("history", hist, "--format", "json")
    data = json.loads(out)
    t = data["indicators"]["telesales.call_time_count.call_count"]
    assert len(t["values"]) == 3 and t["trend"] in ("↑", "↓", "→")
    a, b, c = t["values"]
    assert a["value"] == b["value"] and not b["other_data"] and c["other_data"]
    assert a["sha256"] == b["sha256"] != c["sha256"]
    code, out, _ = run("history", hist, "--lang", "zh", "--format", "markdown")
    assert "### 测量指标的变化" in out and "| 通次" in out


def test_diff_says_when_a_figure_comes_from_different_data(hist):
    code, out, err = run("diff", hist / "a.toml", hist / "b.toml")
    assert code == 0, err
    assert "Measured indicators" in out and "same data" in out and "different data" not in out
    code, out, err = run("diff", hist / "b.toml", hist / "c.toml")
    assert code == 0, err
    assert "measured figure(s) come from different data" in out
    line = next(x for x in out.splitlines() if "Call count" in x and "different data" in x)
    assert "calls.csv (" in line and "→" in line
    code, out, _ = run("diff", hist / "b.toml", hist / "c.toml", "--format", "json")
    m = {x["id"]: x for x in json.loads(out)["measured"]}
    x = m["telesales.call_time_count.call_count"]
    assert x["data"] == "other_data" and x["old_sha256"] != x["new_sha256"] and x["old"] is not None
    code, out, _ = run("diff", hist / "b.toml", hist / "c.toml", "--lang", "zh", "--format", "markdown")
    assert "## 测量指标" in out and "数据不同" in out


def test_html_report_shows_the_measurements_with_provenance_and_their_trend(hist, tmp_path):
    out_file = tmp_path / "r.html"
    code, out, err = run("report", hist / "c.toml", "-o", out_file, "--history", hist)
    assert code == 0, err
    html = out_file.read_text(encoding="utf-8")
    assert 'id="measured"' in html and "Evidence from the client&#39;s data" in html
    assert "telesales.calls_and_deals v1" in html and "calls.csv" in html
    assert "Spearman ρ" in html and "not proof of cause" in html  # the measured relations
    assert "Measured indicators over time" in html and 'class="spark"' in html
    # a file name is the client's text: shown literally, never as markup
    code, out, err = run("report", hist / "a.toml", "-o", out_file)
    html = out_file.read_text(encoding="utf-8")
    assert "审批 [bold]&lt;i&gt;x.csv" in html and "<i>x" not in html
    md = tmp_path / "r.md"
    code, out, err = run("report", hist / "a.toml", "-o", md, "--lang", "zh")
    assert code == 0, err
    text = md.read_text(encoding="utf-8")
    assert "来自客户数据的证据" in text and "客户数据中的“行为 → 结果”" in text
