"""`maturity measure` (issue 11), through the command as a consultant runs it: the demo exports are matched,
measured and recorded as aggregates; answers are never changed; no personal record reaches the snapshot or any
output; bad data is one line naming the file and the column, and leaves the snapshot untouched; a third party's
probe that raises or runs too long is switched off with a reason; a probe naming an unknown criterion fails
`plugins check`."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from maturity.snapshot import load_snapshot

ROOT = Path(__file__).resolve().parents[2]

BASE = """schema_version = 1

[meta]
client = "Measure Test 测量测试"
date = 2026-09-01
domains = ["crm", "service", "telesales"]

[answers."crm.leads".source_state_complete]
answer = "met"
note = "The client says every lead has a source."
"""


def run(*args, env=None, cwd=None):
    p = subprocess.run([sys.executable, "-m", "maturity.cli", *map(str, args)], capture_output=True,
                       env={**os.environ, **(env or {})}, timeout=300, cwd=cwd)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")


@pytest.fixture(scope="module")
def data_dir(demo_exports):
    return demo_exports


@pytest.fixture()
def snap(tmp_path):
    p = tmp_path / "client.toml"
    p.write_text(BASE, encoding="utf-8")
    return p


def test_demo_exports_are_measured_and_recorded(data_dir, snap):
    code, out, err = run("measure", snap, data_dir)
    assert code == 0, err
    # the mapping is shown for confirmation, with the encodings and the two-row header found
    assert "customers.csv → customers" in out and "gb18030" in out
    assert "opportunities.xlsx → opportunities" in out and "2-row header" in out
    assert "activities.parquet → activities" in out
    assert "owner ← 负责人" in out and "duration ← 通话时长" in out
    a = load_snapshot(snap)
    m = a.measured
    assert m is not None
    assert len(m.indicators) >= 20
    assert sum(len(c) for c in m.suggestions.values()) >= 15
    # provenance per measurement: probe + version, file names and hashes, rows, period
    v = m.indicators["crm.leads.known_source_share"]
    assert v.probe == "crm.lead_data" and v.probe_version == "1"
    assert v.files == ("leads.csv",) and len(v.sha256[0]) == 64
    assert v.rows > 0 and v.period_from is not None and v.period_to >= v.period_from
    assert v.unit == "%" and 0 <= v.value <= 100
    # the article's examples are measured
    for ind in ("telesales.call_time_count.call_time", "telesales.call_time_count.call_count",
                "crm.approvals.approval_time", "service.routing_sla.sla_attainment",
                "crm.leads.known_source_share"):
        assert ind in m.indicators, ind
    # suggestions never overwrite an answer
    assert a.answers["crm.leads"]["source_state_complete"].answer == "met"
    assert a.answers["crm.leads"]["source_state_complete"].note == "The client says every lead has a source."
    s = m.suggestions["crm.leads"]["source_state_complete"]
    assert s.answer in ("met", "mostly", "partly", "not_met")
    assert "leads" in s.evidence.en and s.evidence.en.endswith(s.answer.replace("_", " "))
    assert "线索" in s.evidence.zh
    assert {f.table for f in m.sources} >= {"leads", "calls", "tickets", "customers", "opportunities"}
    # the file still scores, and the old sections are as they were
    code, out, err = run("score", snap, "--format", "json")
    assert code == 0, err


def test_chinese_output_and_json(data_dir, snap):
    code, out, err = run("measure", snap, data_dir, "--lang", "zh", "--dry-run")
    assert code == 0, err
    assert "数据（请核对列映射" in out and "未保存" in out and "建议" in out
    assert load_snapshot(snap).measured is None  # --dry-run writes nothing
    code, out, err = run("measure", snap, data_dir, "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["schema"] == "maturity.measure/1" and data["saved"] is True
    assert any(p["status"] == "ok" for p in data["probes"])


PERSONAL_COLUMNS = ("姓名", "手机号", "身份证号", "负责人", "客户号码", "联系电话", "客户姓名", "主要联系人", "跟进人")


def _personal_values(folder: Path) -> set[str]:
    values = set()
    for f in folder.glob("*.csv"):
        enc = "gbk" if f.name == "customers.csv" else "utf-8"
        with f.open(encoding=enc, newline="") as fh:
            for row in csv.DictReader(fh):
                for col in PERSONAL_COLUMNS:
                    v = (row.get(col) or "").strip()
                    if len(v) >= 2:
                        values.add(v)
    return values


def test_no_personal_record_reaches_the_snapshot_or_any_output(data_dir, snap, tmp_path):
    personal = _personal_values(data_dir)
    assert any(v.isdigit() and len(v) == 11 for v in personal)  # phone numbers are in the data
    assert any(len(v) == 18 for v in personal)  # and ID numbers
    outputs = []
    for args in (("measure", snap, data_dir), ("measure", snap, data_dir, "--lang", "zh", "--dry-run"),
                 ("measure", snap, data_dir, "--format", "json", "--dry-run"), ("explain", snap),
                 ("explain", snap, "--format", "json")):
        code, out, err = run(*args)
        assert code == 0, err
        outputs += [out, err]
    # baselines, relations, trends and data changes (issue 11.5): advise, history, diff
    earlier = tmp_path / "hist" / "earlier.toml"
    earlier.parent.mkdir()
    earlier.write_text(snap.read_text(encoding="utf-8").replace("date = 2026-09-01", "date = 2026-06-01"),
                       encoding="utf-8")
    (tmp_path / "hist" / "now.toml").write_text(snap.read_text(encoding="utf-8"), encoding="utf-8")
    for args in (("advise", snap), ("advise", snap, "--lang", "zh"), ("advise", snap, "--format", "json"),
                 ("advise", snap, "--format", "markdown"), ("history", tmp_path / "hist"),
                 ("history", tmp_path / "hist", "--format", "json"), ("history", tmp_path / "hist", "--format", "markdown"),
                 ("diff", earlier, snap), ("diff", earlier, snap, "--format", "json")):
        code, out, err = run(*args)
        assert code == 0, err
        outputs += [out, err]
    for suffix in ("md", "html", "json"):
        report = tmp_path / f"h.{suffix}"
        code, out, err = run("report", snap, "-o", report, "--history", tmp_path / "hist")
        assert code == 0, err
        outputs.append(report.read_text(encoding="utf-8"))
    for suffix in ("md", "html", "json"):
        report = tmp_path / f"r.{suffix}"
        code, out, err = run("report", snap, "-o", report)
        assert code == 0, err
        outputs.append(report.read_text(encoding="utf-8"))
    measured = snap.read_text(encoding="utf-8").split("[measured]", 1)[1]
    outputs.append(measured)
    text = "\n".join(outputs)
    leaked = sorted(v for v in personal if v in text)
    assert not leaked, f"personal values reached an output: {leaked[:5]}"


def test_map_override_is_saved_and_reused(tmp_path, snap):
    f = tmp_path / "线索导出.csv"
    f.write_text("编号,创建时间,来源,状态,跟进者\nL1,2026-06-01 09:00,官网,新建,甲\nL2,2026-06-02 09:00,,新建,\n"
                 "L3,2026-06-03 09:00,展会,已联系,乙\n", encoding="utf-8")
    code, out, err = run("measure", snap, f, "--map", "leads.owner=跟进者")
    assert code == 0, err
    assert "owner ← 跟进者" in out
    assert load_snapshot(snap).measured.mapping["leads"]["owner"] == "跟进者"
    code, out, err = run("measure", snap, f)  # no --map: the saved mapping is used
    assert code == 0, err
    assert "owner ← 跟进者" in out
    code, out, err = run("measure", snap, f, "--map", "leads.owner=nope")
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert '线索导出.csv' in err and '"nope"' in err
    code, out, err = run("measure", snap, f, "--map", "leads.colour=x")
    assert code == 2 and 'column "colour"' in err


BAD = [
    ("calls.csv", "通话编号,坐席,开始时间,通话时长\nC1,a,2026-06-01 09:00,30\nC2,b,yesterday,40\n",
     ["calls.csv", "开始时间", "calls.started_at", "date/time", "data row 2"]),
    ("calls.csv", "通话编号,坐席,开始时间,通话时长\nC1,a,2026-06-01 09:00,half a minute\n",
     ["calls.csv", "通话时长", "duration in seconds"]),
    ("leads.csv", "", ["leads.csv", "is empty"]),
    ("leads.csv", "线索编号,创建时间,来源,状态\n", ["leads.csv", "no rows"]),
    ("opportunities.xlsx", "this is not a workbook", ["opportunities.xlsx", "not an Excel workbook"]),
    ("calls.parquet", "not parquet", ["calls.parquet", "not a Parquet file"]),
]


@pytest.mark.parametrize("name,content,words", BAD, ids=[b[0] + str(i) for i, b in enumerate(BAD)])
def test_bad_data_is_one_line_and_the_snapshot_is_untouched(tmp_path, snap, name, content, words):
    f = tmp_path / name
    f.write_text(content, encoding="utf-8")
    before = snap.read_bytes()
    code, out, err = run("measure", snap, f)
    assert code == 2, (out, err)
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    for w in words:
        assert w in lines[0], (w, lines[0])
    assert "Traceback" not in err
    assert snap.read_bytes() == before


def test_gbk_without_bom_and_unknown_encoding(tmp_path, snap):
    f = tmp_path / "tickets.csv"
    f.write_bytes("工单编号,创建时间,工单类型,会员号,处理结果,解决时间\nT1,2026-06-01 10:00,退款,M1,已退款,2026-06-01 12:00\n"
                  "T2,2026-06-02 10:00,物流,,已补发,2026-06-03 10:00\n".encode("gbk"))
    code, out, err = run("measure", snap, f)
    assert code == 0, err
    assert "gb18030" in out and "service.tickets.handling_time" in out
    junk = tmp_path / "leads.csv"
    junk.write_bytes(bytes(range(128, 256)) * 40)
    before = snap.read_bytes()
    code, out, err = run("measure", snap, junk)
    assert code == 2 and "leads.csv" in err and len(err.strip().splitlines()) == 1
    assert snap.read_bytes() == before


THIRD_PARTY = '''

from maturity import Column, Table, probe

T = Table("widgets", "Widgets", "部件", time="made_at", columns=(
    Column("made_at", "timestamp", "Made", "生产时间", ("生产日期",)),
    Column("ok", "bool", "Passed", "合格", ("是否合格",)),
))


@probe(id="{name}.quality", version="2", en="Quality", zh="质量", needs={{T: ("made_at", "ok")}},
       informs=("{name}.requests.{crit}",))
def quality(data):
    n, ok = data.sql("SELECT count(*), count(*) FILTER (ok) FROM widgets")[0]
    data.coverage("{name}.requests.{crit}", ok, n, T, "passed", "合格")


@probe(id="{name}.broken", version="1", en="Broken", zh="坏", needs={{T: ("made_at",)}},
       informs=("{name}.requests.{crit}",))
def broken(data):
    raise RuntimeError("boom")


@probe(id="{name}.slow", version="1", en="Slow", zh="慢", needs={{T: ("made_at",)}},
       informs=("{name}.requests.{crit}",))
def slow(data):
    import time
    time.sleep(30)


@maturity_hookimpl
def maturity_probes():
    return [quality, broken, slow]
'''


def _third_party(tmp_path, name="widgetco", bad_ref=False):
    code, out, err = run("plugins", "new", name, "--dir", tmp_path)
    assert code == 0, err
    src = tmp_path / f"maturity-{name}" / "src"
    content = src / f"maturity_{name}" / "content" / "scopes" / "requests.toml"
    import tomllib

    crit = tomllib.loads(content.read_text(encoding="utf-8"))["criteria"][4]["id"]
    init = src / f"maturity_{name}" / "__init__.py"
    code_text = THIRD_PARTY.format(name=name, crit="no_such_criterion" if bad_ref else crit)
    init.write_text(init.read_text(encoding="utf-8") + "\nfrom maturity import hookimpl as maturity_hookimpl\n"
                    + code_text, encoding="utf-8")
    return src, crit


def test_third_party_probe_raising_or_slow_is_switched_off(tmp_path):
    src, crit = _third_party(tmp_path)
    env = {"PYTHONPATH": str(src), "MATURITY_NO_ENTRY_POINTS": "1"}
    snapf = tmp_path / "w.toml"
    snapf.write_text('schema_version = 1\n[meta]\nclient = "W"\n', encoding="utf-8")
    data = tmp_path / "widgets.csv"
    data.write_text("生产时间,是否合格\n2026-06-01,是\n2026-06-02,否\n2026-06-03,是\n2026-06-04,是\n", encoding="utf-8")
    code, out, err = run("-p", "maturity_widgetco", "measure", snapf, data, "--timeout", "2", env=env)
    assert code == 0, err
    assert f"widgetco.requests.{crit} → suggests partly" in out and "75% of 4 widgets" in out
    assert "probe widgetco.broken switched off: raised RuntimeError: boom" in err
    assert "probe widgetco.slow switched off: ran longer than 2 s" in err
    m = load_snapshot(snapf).measured
    assert m.probes["widgetco.broken"].status == "off" and m.probes["widgetco.slow"].status == "off"
    assert m.suggestions["widgetco.requests"][crit].probe_version == "2"


def test_plugins_check_flags_a_probe_naming_an_unknown_criterion(tmp_path):
    src, _ = _third_party(tmp_path, "gadgetco", bad_ref=True)
    env = {"PYTHONPATH": str(src), "MATURITY_NO_ENTRY_POINTS": "1"}
    code, out, err = run("-p", "maturity_gadgetco", "plugins", "check", "gadgetco", env=env)
    assert code == 1
    assert 'unknown criterion "gadgetco.requests.no_such_criterion"' in out


def test_measure_engine_is_not_imported_by_other_commands():
    code = ("import sys, maturity.cli, maturity.plugins; maturity.cli.build_parser(); "
            "maturity.plugins.load_catalogue(); import maturity; maturity.Probe; "
            "print(sorted(m for m in ('duckdb', 'python_calamine', 'charset_normalizer') if m in sys.modules))")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, p.stderr
    assert p.stdout.strip() == "[]"


def test_old_snapshot_without_measured_round_trips(tmp_path):
    from maturity.snapshot import save_snapshot

    demo = load_snapshot(ROOT / "assessments" / "history" / "huadong-2026-08.toml")
    assert demo.measured is None
    out = tmp_path / "d.toml"
    save_snapshot(demo, out)
    assert "[measured" not in out.read_text(encoding="utf-8")
    assert load_snapshot(out) == demo


def test_built_in_probes_cover_the_bar():
    """At least 3 probes per domain, informing at least 25 criteria and measuring at least 20 indicators in all."""
    from maturity.plugins import load_catalogue
    from maturity.probes import collect_probes

    cat = load_catalogue()
    found = collect_probes(cat)
    assert not found.off, found.off
    per_domain = {}
    for p in found.probes:
        per_domain[p.plugin] = per_domain.get(p.plugin, 0) + 1
    assert all(per_domain.get(d, 0) >= 3 for d in ("crm", "service", "telesales")), per_domain
    assert len({c for p in found.probes for c in p.informs}) >= 25
    assert len({i for p in found.probes for i in p.measures}) >= 20


def test_explain_and_report_say_which_answers_rest_on_measurement(data_dir, snap, tmp_path):
    code, out, err = run("measure", snap, data_dir)
    assert code == 0, err
    s = load_snapshot(snap).measured.suggestions["crm.leads"]["source_state_complete"]
    code, out, err = run("explain", snap, "crm.leads")
    assert code == 0, err
    assert "Evidence from the client's data" in out
    expected = "rests on measurement" if s.answer == "met" else "judgement over the data (answered met"
    assert f"crm.leads.source_state_complete: {expected}" in out
    code, out, err = run("explain", snap, "crm.leads", "--format", "json")
    entry = next(x for x in json.loads(out)["scopes"]["crm.leads"]["measured"] if x["criterion"] == "source_state_complete")
    assert entry["answer"] == "met" and entry["suggested"] == s.answer and entry["probe"] == "crm.lead_data"
    code, out, err = run("explain", snap, "crm.leads", "--lang", "zh")
    assert "来自客户数据的证据" in out
    report = tmp_path / "r.md"
    code, out, err = run("report", snap, "-o", report)
    assert code == 0, err
    text = report.read_text(encoding="utf-8")
    assert "## Evidence from the client's data" in text and "crm.lead\\_data" in text
    report = tmp_path / "r.json"
    run("report", snap, "-o", report)
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["measured"]["indicators"]["crm.leads.known_source_share"]["files"] == ["leads.csv"]


def test_only_the_probes_of_the_assessments_domains_run(data_dir, tmp_path):
    """A CRM-only assessment neither runs nor lists the service and telesales probes, whatever the exports hold."""
    f = tmp_path / "crm-only.toml"
    f.write_text(BASE.replace('domains = ["crm", "service", "telesales"]', 'domains = ["crm"]'), encoding="utf-8")
    code, out, err = run("measure", f, data_dir, "--format", "json")
    assert code == 0, err
    ran = set(load_snapshot(f).measured.probes)
    assert ran and all(p.startswith("crm.") for p in ran), ran
    assert "telesales." not in out and "service." not in out


def test_the_demo_is_measured_from_its_exports():
    """The README's demo carries what `maturity measure` found in the demo exports: values with provenance,
    suggestions beside (never instead of) the consultant's answers."""
    demo = load_snapshot(ROOT / "assessments" / "demo.toml")
    m = demo.measured
    assert m is not None and len(m.indicators) >= 20 and m.sources
    assert all(s.sha256 and s.rows > 0 for s in m.sources)
    suggested = {(sid, cid): sug for sid, cs in m.suggestions.items() for cid, sug in cs.items()}
    assert len(suggested) >= 10
    differ = [k for k, sug in suggested.items() if k[1] in demo.answers.get(k[0], {})
              and demo.answers[k[0]][k[1]].answer != sug.answer]
    assert differ, "the demo shows data that disagrees with the consultant, and the consultant's answer stands"
    assert all(sug.evidence.en and sug.evidence.zh and sug.sha256 for sug in suggested.values())


def test_a_file_missing_a_needed_column_says_which_file_which_column_and_the_fix(tmp_path, snap):
    """A calls export whose duration column is named in no way the probes know: the probes that need it are not
    run, and say so naming the file, the logical column with its names, and the --map that fixes it."""
    (tmp_path / "calls.csv").write_text("通话编号,坐席,开始时间,时长(秒)x\nC1,a,2026-06-01 09:00,30\n"
                                        "C2,b,2026-06-02 10:00,40\n", encoding="utf-8")
    code, out, err = run("measure", snap, tmp_path / "calls.csv")
    assert code == 0, err
    line = next(x for x in out.splitlines() if "calls.duration" in x and "not run" in x)
    assert "calls.csv has no column for calls.duration" in line and "--map calls.duration=COLUMN" in line
