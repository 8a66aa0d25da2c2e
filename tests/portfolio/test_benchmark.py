"""`maturity report FILE --benchmark DIR`: the client's position among its peers, in HTML, Markdown and JSON;
never a group of fewer than 5 clients, never another client's name, note or answer."""

from __future__ import annotations

import json
import re
import shutil
import tomllib
from pathlib import Path

import pytest

from .test_portfolio import run

SECRET_NOTE = "PEER-SECRET </script><b>note</b>"
SECRET_EVIDENCE = "PEER-EVIDENCE-7731"


@pytest.fixture(scope="module")
def pf(tmp_path_factory, bench):
    out = tmp_path_factory.mktemp("bench-portfolio")
    bench("portfolio_data").write_portfolio(out, 80, seed=11)
    files = sorted(out.rglob("*.toml"))
    # plant text in every other client's snapshot that must never come out
    for f in files[1:]:
        text = f.read_text(encoding="utf-8")
        text = text.replace('answer = "met" }', f'answer = "met", note = {json.dumps(SECRET_NOTE)}, '
                            f'evidence = {json.dumps(SECRET_EVIDENCE)} }}', 2)
        f.write_text(text, encoding="utf-8")
    return out


def names(folder: Path) -> set[str]:
    return {tomllib.loads(f.read_text(encoding="utf-8"))["meta"]["client"] for f in folder.rglob("*.toml")}


def test_report_shows_peer_quartiles_and_position_and_nothing_of_other_clients(pf, tmp_path):
    own = sorted(pf.rglob("*.toml"))[0]
    own_name = tomllib.loads(own.read_text(encoding="utf-8"))["meta"]["client"]
    others = names(pf) - {own_name}
    assert len(others) >= 20
    outs = {}
    for suffix in ("json", "md", "html"):
        out = tmp_path / f"r.{suffix}"
        p = run("report", own, "--benchmark", pf, "-o", out)
        assert p.returncode == 0, p.stderr
        outs[suffix] = out.read_text(encoding="utf-8")
    b = json.loads(outs["json"])["benchmark"]
    assert b["schema"] == "maturity.benchmark/1" and b["group"]["clients"] >= 5
    assert b["overall"]["n"] >= 5 and b["overall"]["position"] in ("top", "upper", "lower", "bottom")
    assert re.search(r"(top quartile|above the median|below the median|bottom quartile) of .* clients, n=\d+",
                     b["overall"]["position_text"])
    assert b["scopes"]
    for sid, x in b["scopes"].items():
        assert x["n"] >= 5 and x["q1"] <= x["median"] <= x["q3"]
        lv = x["level"]
        want = ("top" if lv >= x["q3"] else "upper" if lv >= x["median"] else "lower" if lv >= x["q1"] else "bottom")
        assert x["position"] == want
    assert "Against peers" in outs["md"] and b["overall"]["position_text"].split(",")[0] in outs["md"]
    assert 'id="benchmark"' in outs["html"] and outs["html"].count('class="bm"') == 1 + len(b["domains"]) + len(b["scopes"])
    for text in outs.values():
        for name in others:
            assert name not in text
        assert "PEER-SECRET" not in text and SECRET_EVIDENCE not in text
    # the client itself is never its own peer: adding more of its own snapshots changes nothing
    copy = tmp_path / "with-self"
    shutil.copytree(pf, copy)
    for i in range(6):
        shutil.copy(own, copy / f"self-{i}.toml")
    p = run("report", own, "--benchmark", copy, "-o", tmp_path / "again.json")
    assert json.loads((tmp_path / "again.json").read_text())["benchmark"]["group"] == b["group"]


def test_fewer_than_five_peers_shows_no_figure(pf, tmp_path):
    small = tmp_path / "small"
    small.mkdir()
    files = sorted(pf.rglob("*.toml"))
    own = files[0]
    seen = set()
    for f in files[1:]:  # four other clients (and the client itself)
        key = f.name.split("-")[0]
        if key not in seen and key != own.name.split("-")[0]:
            seen.add(key)
            shutil.copy(f, small / f.name)
        if len(seen) == 4:
            break
    shutil.copy(own, small / own.name)
    for suffix in ("json", "md", "html"):
        p = run("report", own, "--benchmark", small, "-o", tmp_path / f"s.{suffix}", "--lang", "zh" if suffix == "html" else "en")
        assert p.returncode == 0, p.stderr
    b = json.loads((tmp_path / "s.json").read_text())["benchmark"]
    assert b["group"] is None and b["overall"] is None and b["scopes"] == {} and "Fewer than 5" in b["note"]
    md = (tmp_path / "s.md").read_text()
    assert "Fewer than 5 comparable clients" in md and "quartile" not in md
    html = (tmp_path / "s.html").read_text()
    assert "不足 5 家" in html and 'class="bm"' not in html


def test_benchmark_on_a_missing_folder_is_one_line(tmp_path):
    demo = Path(__file__).resolve().parents[2] / "assessments" / "demo.toml"
    p = run("report", demo, "--benchmark", tmp_path / "nope", "-o", tmp_path / "x.html")
    assert p.returncode == 2
    lines = [x for x in p.stderr.splitlines() if x.startswith("maturity:") and "nope" in x]
    assert len(lines) == 1 and "is not a folder" in lines[0]
    assert not (tmp_path / "x.html").exists()
