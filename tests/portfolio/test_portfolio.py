"""`maturity portfolio`: the store, incremental updates, peer-group distributions and the Parquet export — run
through the CLI on a synthetic portfolio written by bench/portfolio_data.py."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

MATURITY = [sys.executable, "-m", "maturity.cli"]


def run(*args):
    p = subprocess.run([*MATURITY, *map(str, args)], capture_output=True, text=True, timeout=300)
    assert "Traceback" not in p.stderr, p.stderr
    return p


@pytest.fixture(scope="module")
def portfolio(tmp_path_factory, bench):
    out = tmp_path_factory.mktemp("portfolio")
    bench("portfolio_data").write_portfolio(out, 60, seed=3)
    return out


@pytest.fixture()
def pf(portfolio, tmp_path):
    dest = tmp_path / "pf"
    shutil.copytree(portfolio, dest)
    return dest


def as_json(p):
    assert p.returncode == 0, p.stderr
    return json.loads(p.stdout)


def test_build_groups_and_incremental_update(pf):
    data = as_json(run("portfolio", pf, "-f", "json"))
    assert data["schema"] == "maturity.portfolio/1" and data["latest_only"]
    assert data["build"]["read"] == 60 and data["build"]["skipped"] == 0
    assert data["snapshots"] == data["clients"] < 60  # one snapshot per client: the latest
    assert (pf / ".maturity-portfolio.duckdb").is_file()
    for row in data["scopes"] + data["domains"] + data["overall"]:
        assert row["clients"] >= 5, row  # no group under 5 clients is ever shown
        lv = row["level"]
        assert lv["q1"] <= lv["median"] <= lv["q3"]
    for row in data["scopes"]:
        assert sum(row["stages"].values()) == row["n"] == sum(row["practice"].values())
        # practice is never below the stage: as many clients at practice >= k as at stage >= k, or more
        for k in range(5):
            names = list(row["stages"])[k:]
            assert sum(row["practice"][s] for s in names) >= sum(row["stages"][s] for s in names)
    assert {r["group"]["customer_form"] for r in data["overall"]} <= {"big_b", "small_b", "consumer", "big_b+small_b"}
    assert sum(data["hidden"].values()) >= 0

    again = as_json(run("portfolio", pf, "-f", "json"))
    if again["build"]["rescored"]:  # a colleague changed plugin content between the runs: everything is re-read
        again = as_json(run("portfolio", pf, "-f", "json"))
    assert again["build"]["read"] == 0 and again["build"]["unchanged"] == 60

    files = sorted(pf.rglob("*.toml"))
    os.utime(files[0], ns=(1, 1))  # touched, same content: hashed, not read again
    text = files[1].read_text(encoding="utf-8")
    files[1].write_text(text.replace('answer = "met"', 'answer = "not_met"', 3), encoding="utf-8")
    files[2].unlink()
    upd = as_json(run("portfolio", pf, "-f", "json", "--by", ""))
    if upd["build"]["rescored"]:
        pytest.skip("plugin content changed while the test ran")
    assert upd["build"] == {"files": 59, "read": 1, "unchanged": 58, "removed": 1, "skipped": 0, "rescored": False}
    assert upd["overall"][0]["group"] == {}


def test_all_snapshots_by_quarter_text_zh_and_markdown(pf):
    data = as_json(run("portfolio", pf, "--all", "--by", "year", "-f", "json"))
    assert data["snapshots"] == 60 and not data["latest_only"]
    assert all(r["group"]["year"] in {"2024", "2025", "2026"} for r in data["overall"])
    p = run("portfolio", pf, "--by", "customer_form,sales_cycle", "--lang", "zh")
    assert p.returncode == 0 and "客户组合" in p.stdout and "业务范畴" in p.stdout
    p = run("portfolio", pf, "-f", "markdown", "--scope", "crm.leads")
    assert p.returncode == 0 and p.stdout.startswith("# Portfolio") and "crm.leads" in p.stdout
    assert "crm.customers" not in p.stdout


def test_parquet_export_and_store_hold_no_names_notes_or_answers(pf, tmp_path):
    out = tmp_path / "wh"
    data = as_json(run("portfolio", pf, "--parquet", out, "-f", "json", "--store", tmp_path / "s.duckdb"))
    assert sorted(Path(x).name for x in data["parquet"]) == ["domains.parquet", "scopes.parquet", "snapshots.parquet"]
    assert not (pf / ".maturity-portfolio.duckdb").exists()
    import duckdb

    con = duckdb.connect()
    cols = [r[0] for r in con.execute(f"DESCRIBE SELECT * FROM '{out / 'snapshots.parquet'}'").fetchall()]
    assert "path" not in cols and "client" not in cols and "client_key" in cols
    n = con.execute(f"SELECT count(*) FROM '{out / 'scopes.parquet'}'").fetchone()[0]
    assert n > 60
    for f in out.iterdir():
        assert b"Client 0" not in f.read_bytes()
    store = duckdb.connect(str(tmp_path / "s.duckdb"), read_only=True)
    for t in ("snapshots", "domains", "scopes"):
        text = json.dumps(store.execute(f"SELECT * FROM {t}").fetchall(), default=str)
        assert "Client" not in text and "Seen in the system" not in text and '"met"' not in text


def test_a_broken_file_is_skipped_in_one_line_and_bad_usage_is_one_line(pf, tmp_path):
    (pf / "part-000" / "broken.toml").write_text("schema_version = 1\n[meta\n", encoding="utf-8")
    p = run("portfolio", pf, "-f", "json")
    data = as_json(p)
    assert data["build"]["skipped"] == 1
    lines = [x for x in p.stderr.splitlines() if x.strip()]
    assert len(lines) == 1 and "broken.toml" in lines[0] and "skipped" in lines[0]
    p = run("portfolio", pf, "--by", "colour")
    assert p.returncode == 2 and p.stderr.count("\n") == 1 and "colour" in p.stderr and "customer_form" in p.stderr
    p = run("portfolio", tmp_path / "nowhere")
    assert p.returncode == 2 and p.stderr.count("\n") == 1 and "is not a folder" in p.stderr


def test_portfolio_engine_is_not_imported_by_help():
    code = ("import sys, maturity.cli; maturity.cli.build_parser(); "
            "print(sorted(m for m in ('duckdb', 'rtoml', 'xlsxwriter', 'python_calamine') if m in sys.modules))")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert p.stdout.strip() == "[]"
    assert run("--help").returncode == 0
