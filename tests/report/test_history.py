"""`maturity history FILE…|DIR`: one client's snapshots in date order, overall and domain levels over time."""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from maturity.report.history import history_chart_svg, history_data
from maturity.snapshot import save_snapshot

ROOT = Path(__file__).resolve().parents[2]
HISTORY = ROOT / "assessments" / "history"


@pytest.fixture
def shuffled(real_cat, tmp_path, h):
    """Three snapshots whose file names sort in another order than their dates."""
    names = ["c-first.toml", "a-second.toml", "b-third.toml"]
    for step, name in enumerate(names):
        save_snapshot(h.build_snapshot(real_cat, step), tmp_path / name)
    return tmp_path, names


def test_history_is_in_date_order(run, shuffled):
    folder, names = shuffled
    out = run("history", folder, check=True).stdout
    rows = [line for line in out.splitlines() if line[:4].isdigit()]
    assert [r.split()[-1] for r in rows] == names
    dates = [r.split()[0] for r in rows]
    assert dates == sorted(dates)


def test_history_json_has_overall_and_domain_levels(run, shuffled, real_cat):
    folder, names = shuffled
    data = json.loads(run("history", folder, "-f", "json", check=True).stdout)
    assert data["schema"] == "maturity.history/1"
    assert [Path(s["file"]).name for s in data["snapshots"]] == names
    assert set(data["domains"]) == set(real_cat.domains)
    for s in data["snapshots"]:
        assert 0 <= s["overall"] <= 4 and set(s["domains"]) == set(real_cat.domains)
    assert data["snapshots"][0]["change"] is None
    assert data["snapshots"][1]["change"] == pytest.approx(data["snapshots"][1]["overall"] - data["snapshots"][0]["overall"], abs=1e-3)
    assert data["clients_differ"] is False


def test_files_and_folders_can_be_mixed_without_duplicates(run, shuffled):
    folder, names = shuffled
    data = json.loads(run("history", folder, folder / names[0], "-f", "json", check=True).stdout)
    assert len(data["snapshots"]) == 3


def test_different_clients_warn_in_one_line(run, shuffled, real_cat, h):
    folder, _ = shuffled
    save_snapshot(h.build_snapshot(real_cat, 1, client="Someone Else Ltd"), folder / "other.toml")
    proc = run("history", folder, check=True)
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "different clients" in lines[0] and "Someone Else Ltd" in lines[0]


def test_same_client_with_other_spacing_or_case_is_not_a_warning(real_cat, h):
    a = h.build_snapshot(real_cat, 0, client="ACME  Ltd")
    b = h.build_snapshot(real_cat, 1, client="acme ltd")
    assert history_data(real_cat, [("a.toml", a), ("b.toml", b)])["clients_differ"] is False


def test_markdown_history_escapes_the_client(run, shuffled, h):
    folder, _ = shuffled
    md = run("history", folder, "-f", "markdown", check=True).stdout
    h.assert_literal_html(h.markdown_to_html(md), h.HOSTILE_CLIENT)
    assert md.count("\n| ") >= 4


def test_chart_is_valid_svg_with_a_point_per_snapshot(real_cat, h):
    entries = [(f"s{i}.toml", h.build_snapshot(real_cat, i)) for i in range(3)]
    hist = history_data(real_cat, entries, "zh")
    svg = history_chart_svg(hist, "zh")
    root = ET.fromstring(svg)
    overall = [el for el in root.iter("{http://www.w3.org/2000/svg}polyline") if el.get("class") == "overall"]
    assert len(overall) == 1 and len(overall[0].get("points").split()) == 3
    xs = [float(p.split(",")[0]) for p in overall[0].get("points").split()]
    assert xs == sorted(xs)
    assert "智能化" in svg


def test_one_snapshot_or_one_date_still_draws(real_cat, h):
    a = h.build_snapshot(real_cat, 0)
    b = a.model_copy(update={"meta": a.meta.model_copy(update={"date": a.meta.date})})
    for entries in ([("a.toml", a)], [("a.toml", a), ("b.toml", b)]):
        ET.fromstring(history_chart_svg(history_data(real_cat, entries), "en"))


@pytest.mark.parametrize("bad", ["missing", "empty", "broken"])
def test_bad_input_is_a_one_line_error(run, tmp_path, bad):
    target = tmp_path / "nope"
    if bad == "empty":
        target.mkdir()
    elif bad == "broken":
        target.mkdir()
        (target / "x.toml").write_text("schema_version = [", encoding="utf-8")
    proc = run("history", target)
    assert proc.returncode == 2
    assert len(proc.stderr.strip().splitlines()) == 1 and "Traceback" not in proc.stderr


@pytest.mark.skipif(len(list(HISTORY.glob("*.toml"))) < 3, reason="assessments/history/ has fewer than three snapshots")
@pytest.mark.parametrize("fmt", ["text", "json", "markdown"])
def test_history_of_the_demo_client(run, fmt):
    proc = run("history", HISTORY, "-f", fmt, check=True)
    assert "different clients" not in proc.stderr
    if fmt == "json":
        data = json.loads(proc.stdout)
        dates = [dt.date.fromisoformat(s["date"]) for s in data["snapshots"]]
        assert len(dates) >= 3 and dates == sorted(dates)
        assert data["clients_differ"] is False
