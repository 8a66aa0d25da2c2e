"""Baselines and proof (issue 11, point 5): measured indicator values are the baseline the advice starts from, and
the advice's behaviour → result pairs carry the relation the client's data shows (Spearman's ρ, n, period), with
"not enough data to say" below n = 10 and never worded as a cause. Through the commands a consultant runs, and the
rank correlation by hand-computed cases."""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import subprocess
import sys

import pytest

from maturity.probes import MIN_RELATION_N, spearman
from maturity.snapshot import load_snapshot


ANSWERED = """schema_version = 1

[meta]
client = "Baseline Test 基线测试"
date = 2026-09-01
domains = ["crm", "service", "telesales"]

[answers."telesales.call_time_count".definitions]
answer = "met"

[answers."service.tickets".definition_signed]
answer = "met"
"""


def run(*args):
    p = subprocess.run([sys.executable, "-m", "maturity.cli", *map(str, args)], capture_output=True, timeout=300)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")


@pytest.fixture(scope="module")
def measured(tmp_path_factory, demo_exports):
    d = tmp_path_factory.mktemp("baselines")
    data = demo_exports
    snap = d / "client.toml"
    snap.write_text(ANSWERED, encoding="utf-8")
    code, out, err = run("measure", snap, data)
    assert code == 0, err
    return snap, data, out


# --------------------------------------------------------------------------- the rank correlation

def test_spearman_by_hand():
    assert spearman([1, 2, 3, 4, 5], [2, 4, 6, 8, 10]) == pytest.approx(1.0)
    assert spearman([1, 2, 3, 4, 5], [5, 4, 3, 2, 1]) == pytest.approx(-1.0)
    # ranks x 1..5, y 2,1,4,3,5 → d² = 1+1+1+1+0 = 4 → 1 - 6·4/(5·24) = 0.8
    assert spearman([10, 20, 30, 40, 50], [2, 1, 4, 3, 5]) == pytest.approx(0.8)
    # ties share their mean rank (Pearson's r of the ranks)
    assert spearman([1, 2, 2, 3], [1, 2, 3, 4]) == pytest.approx(0.9486833, rel=1e-6)
    assert spearman([1, 1, 1, 1], [1, 2, 3, 4]) is None  # one side does not vary
    assert spearman([1, 2], [2, 1]) is None


# --------------------------------------------------------------------------- measure records relations

def test_measure_records_relations_without_any_personal_value(measured):
    snap, data, out = measured
    assert "telesales.call_time_count.call_count ~ telesales.follow_up_conversion.deals_per_rep: relation per person" \
        in out
    m = load_snapshot(snap).measured
    rels = {(r.behaviour, r.result, r.grain): r for r in m.relations}
    per_agent = rels[("telesales.call_time_count.call_count", "telesales.follow_up_conversion.deals_per_rep", "person")]
    per_week = rels[("telesales.call_time_count.call_count", "telesales.follow_up_conversion.deals_per_rep", "week")]
    assert per_agent.n >= MIN_RELATION_N and per_agent.rho is not None and -1 <= per_agent.rho <= 1
    assert per_week.n >= MIN_RELATION_N and per_week.period_from and per_week.period_to
    assert per_agent.probe == "telesales.calls_and_deals" and set(per_agent.files) == {"calls.csv", "follow_ups.csv"}
    assert ("service.tickets.tickets_per_agent", "service.satisfaction.satisfaction_rate", "person") in rels
    text = snap.read_text(encoding="utf-8")
    assert "坐席0" not in text  # agents are counted, never named


# --------------------------------------------------------------------------- advise: baselines and pairs

def test_advise_starts_from_the_measured_baseline(measured):
    snap, _, _ = measured
    code, out, err = run("advise", snap, "--format", "json")
    assert code == 0, err
    adv = json.loads(out)
    based = [i for i in adv["indicators"] if i["baseline"]]
    assert based, "a measured indicator is advised from its baseline"
    b = based[0]
    assert b["measurable_now"] and b["reason"].startswith("baseline: ")
    assert re.search(r"\(\d{4}-\d\d-\d\d…\d{4}-\d\d-\d\d, n=[\d,]+\)", b["reason"])
    assert "start by recording" not in b["reason"]
    assert b["baseline"]["probe"] and b["baseline"]["files"] and b["baseline"]["records"] > 0
    m = load_snapshot(snap).measured
    assert b["baseline"]["value"] == m.indicators[b["id"]].value
    # the terminal table says so too
    code, out, _ = run("advise", snap)
    assert code == 0 and "baseline: " in out and "measured" in out
    code, out, _ = run("advise", snap, "--lang", "zh")
    assert code == 0 and "基线：" in out and "已测量" in out


def test_advise_pairs_carry_the_measured_relation_never_as_cause(measured):
    snap, _, _ = measured
    code, out, err = run("advise", snap, "--format", "json")
    assert code == 0, err
    pairs = json.loads(out)["proof_pairs"]
    first = pairs[0]
    assert first["measured"], "measured pairs come first"
    tele = next(p for p in pairs if p["behaviour"] == "telesales.call_time_count.call_count")
    assert {r["grain"] for r in tele["measured"]} == {"person", "week"}
    r = next(x for x in tele["measured"] if x["grain"] == "person")
    assert r["enough_data"] and r["n"] >= 10 and r["period_from"] and r["probe"] == "telesales.calls_and_deals"
    assert "Spearman ρ" in tele["reason"] and f"over {r['n']} people" in tele["reason"]
    assert "not proof of cause" in tele["reason"]
    for p in pairs:  # every pair, measured or not, is worded as a relation
        words = p["reason"].lower().replace("not proof of cause", "")
        assert not re.search(r"\bdrives?\b|\bcauses?\b|\bbrings? (up|down)\b", words), p["reason"]
    code, out, _ = run("advise", snap, "--lang", "zh")
    assert "斯皮尔曼等级相关" in out and "不能证明因果" in out
    code, out, _ = run("advise", snap, "--format", "markdown")
    assert code == 0 and "Spearman ρ" in out and "baseline: " in out


def _few_agents(folder, agents: int):
    """A call log and follow-ups with ``agents`` agents over 3 days: too few people and too few weeks."""
    folder.mkdir()
    start = dt.datetime(2026, 6, 1, 9)
    with (folder / "calls.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["通话编号", "坐席", "开始时间", "通话时长", "是否接通", "通话结果", "线索编号", "客户号码"])
        k = 0
        for a in range(agents):
            for i in range(5 + a):
                k += 1
                w.writerow([f"C{k}", f"张伟{a}", (start + dt.timedelta(days=i % 3, minutes=i)).strftime("%Y-%m-%d %H:%M"),
                            60 + i, "是", "有意向", f"L{a}{i}", f"1390000{k:04d}"])
    with (folder / "follow_ups.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["线索编号", "跟进人", "跟进时间", "跟进结果"])
        for a in range(agents):
            for i in range(a + 1):
                w.writerow([f"L{a}{i}", f"张伟{a}", (start + dt.timedelta(days=i % 3)).strftime("%Y-%m-%d %H:%M"), "成交"])


def test_below_ten_people_it_says_not_enough_data(tmp_path):
    snap = tmp_path / "c.toml"
    snap.write_text(ANSWERED, encoding="utf-8")
    _few_agents(tmp_path / "few", 6)
    code, out, err = run("measure", snap, tmp_path / "few")
    assert code == 0, err
    assert "not enough data to say (n = 6, fewer than 10)" in out
    rel = next(r for r in load_snapshot(snap).measured.relations if r.grain == "person")
    assert rel.n == 6 and rel.rho is None
    code, out, _ = run("advise", snap, "--format", "json")
    tele = next(p for p in json.loads(out)["proof_pairs"] if p["behaviour"] == "telesales.call_time_count.call_count")
    assert "not enough data to say — only 6 people (at least 10 needed)" in tele["reason"]
    assert all(not r["enough_data"] for r in tele["measured"])
    code, out, _ = run("advise", snap, "--lang", "zh", "--format", "json")
    assert "数据不足，无法判断" in out
    for cmd in (("advise", snap), ("advise", snap, "--format", "json"), ("report", snap, "-o", tmp_path / "r.md")):
        code, out, err = run(*cmd)
        assert code == 0, err
        text = out + ((tmp_path / "r.md").read_text(encoding="utf-8") if cmd[0] == "report" else "")
        assert "张伟" not in text and "1390000" not in text
