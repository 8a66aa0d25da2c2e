"""`maturity graph --format svg|html`: every scope drawn by wave, readable at ~60 scopes, text escaped."""

from __future__ import annotations

import random
import time
import xml.etree.ElementTree as ET

import pytest

from maturity.engine.scoring import STAGE_NAMES, score
from maturity.model.content import Criterion, Dependency, Domain, Scope, Text
from maturity.report.radar import ladder_svg, level_bars_svg, radar_svg
from maturity.report.svg import esc, graph_svg, layout, render_svg_graph
from maturity.testing import catalogue_from_domains

SVG = "{http://www.w3.org/2000/svg}"
STAGES = ("structured", "online", "digital", "intelligent")


def big_catalogue(n: int = 60, seed: int = 7, hostile: bool = False):
    """n scopes in five domains, with random acyclic dependencies (some scopes have none)."""
    rnd = random.Random(seed)
    doms = ["erp", "crm", "service", "hr", "ops"]
    ids = [(doms[i % 5], f"scope_{i:02d}") for i in range(n)]
    order = list(range(n))
    rnd.shuffle(order)
    rank = {i: r for r, i in enumerate(order)}
    scopes: dict[str, list] = {d: [] for d in doms}
    for i, (d, s) in enumerate(ids):
        earlier = [j for j in range(n) if rank[j] < rank[i]]
        deps = tuple(Dependency(stage=rnd.choice(STAGES[1:]), requires=f"{ids[j][0]}.{ids[j][1]}",
                                requires_stage=rnd.choice(STAGES[:2]), why=Text(en="because", zh="因为"))
                     for j in rnd.sample(earlier, min(len(earlier), rnd.choice([0, 1, 1, 2, 2]))))
        crits = tuple(Criterion(id=f"c{k}", stage=st, text=Text(en="x", zh="x"), evidence=Text(en="e", zh="e"),
                                action=Text(en="a", zh="a")) for k, st in enumerate(STAGES))
        name = f"Scope {i} <b>&amp;</b> </svg>" if hostile and i == 0 else f"Scope {i} " + "long name " * (i % 3)
        scopes[d].append(Scope(id=s, name=Text(en=name, zh=f"范畴{i}"), description=Text(en="d", zh="d"),
                               criteria=crits, dependencies=deps))
    domains = [Domain(id=d, name=Text(en=d.upper(), zh=d), description=Text(en=d, zh=d), scopes=tuple(scopes[d]))
               for d in doms]
    cat = catalogue_from_domains(*domains)
    assert all(p.status == "on" for p in cat.plugins), cat.problems
    return cat


def nodes_of(root):
    return [g for g in root.iter(f"{SVG}g") if "node" in (g.get("class") or "").split()]


def test_sixty_scopes_are_laid_out_without_overlap():
    cat = big_catalogue()
    t0 = time.perf_counter()
    svg = graph_svg(cat)
    assert time.perf_counter() - t0 < 2.0
    root = ET.fromstring(svg)
    width, height = float(root.get("width")), float(root.get("height"))
    boxes = {}
    for g in nodes_of(root):
        r = g.find(f"{SVG}rect")
        x, y, w, hh = (float(r.get(k)) for k in ("x", "y", "width", "height"))
        assert 0 <= x and x + w <= width and 0 <= y and y + hh <= height
        boxes[g.get("data-scope")] = (x, y, w, hh)
    assert set(boxes) == set(cat.scopes)
    items = list(boxes.values())
    for i, (x1, y1, w1, h1) in enumerate(items):
        for x2, y2, w2, h2 in items[i + 1:]:
            assert x1 + w1 <= x2 or x2 + w2 <= x1 or y1 + h1 <= y2 or y2 + h2 <= y1, "two scopes overlap"
    # readable: text no smaller than 10px, and the drawing not absurdly large
    assert min(float(t.get("font-size")) for t in root.iter(f"{SVG}text")) >= 10
    assert width < 3200 and height < 2600


def test_scopes_come_after_what_they_need():
    cat = big_catalogue()
    lay = layout(cat)
    x_of = {}
    for li, layer in enumerate(lay.layers):
        for k in layer:
            x_of[k] = lay.layer_x[li]
    for u, v in cat.graph.edges():
        if u in x_of and v in x_of and (u, v) not in lay.same_layer:
            assert x_of[u] < x_of[v], f"{v} needs {u}, so it is drawn to its right"
    assert len(lay.chains) + len(lay.same_layer) == len(cat.graph.edges())


def test_crossings_are_reduced(monkeypatch):
    from maturity.report import svg as svgmod

    cat = big_catalogue(40, seed=3)
    lay = layout(cat)
    pos = {k: i for layer in lay.layers for i, k in enumerate(layer)}
    down: dict = {}
    for u, v, virt in lay.chains:
        path = [u, *virt, v]
        for a, b in zip(path, path[1:]):
            down.setdefault(a, []).append(b)
    after = svgmod._crossings(lay.layers, pos, down)
    monkeypatch.setattr(svgmod, "_order", lambda layers, up, down, sweeps=12: None)
    lay0 = layout(cat)
    pos0 = {k: i for layer in lay0.layers for i, k in enumerate(layer)}
    before = svgmod._crossings(lay0.layers, pos0, down)
    assert after <= before


def test_real_content_coloured_by_stage(real_cat, h):
    a = h.build_snapshot(real_cat, 2)
    res = score(real_cat, a)
    root = ET.fromstring(render_svg_graph(real_cat, res).split("\n", 1)[1])
    stages = {g.get("data-scope"): g.get("data-stage") for g in nodes_of(root)}
    assert stages == {sid: STAGE_NAMES[r.reached] for sid, r in res.scopes.items()}
    capped = [p for p in root.iter(f"{SVG}path") if "capped" in (p.get("class") or "")]
    assert len(capped) == sum(len(r.capped_by) for r in res.scopes.values())


def test_graph_command_writes_svg_and_html(run, snapshot_file, tmp_path, real_cat, h):
    svg = tmp_path / "g.svg"
    run("graph", "--format", "svg", "-o", svg, check=True)
    root = ET.parse(svg).getroot()
    assert {g.get("data-scope") for g in nodes_of(root)} == set(real_cat.scopes)
    html = tmp_path / "g.html"
    run("graph", snapshot_file, "--format", "html", "-o", html, check=True)
    text = html.read_text(encoding="utf-8")
    page = h.Page(text)
    assert page.count("script") == 0 and page.count("link") == 0 and page.count("img") == 0
    assert "http://" not in text.replace('xmlns="http://www.w3.org/2000/svg"', "")
    for sid in real_cat.scopes:
        assert sid in page.text


def test_hostile_content_text_is_escaped_in_svg():
    cat = big_catalogue(12, hostile=True)
    for html in (False, True):
        out = render_svg_graph(cat, None, html=html)
        if not html:
            root = ET.fromstring(out.split("\n", 1)[1])
            titles = [t.text for t in root.iter(f"{SVG}title")]
            assert any("Scope 0 <b>&amp;</b> </svg>" in (t or "") for t in titles)
            assert not list(root.iter(f"{SVG}b")) and not list(root.iter("b"))
        assert "<b>" not in out


def test_escape_drops_characters_xml_forbids():
    assert esc("a\x00b\x1bc<&>\"'") == "abc&lt;&amp;&gt;&quot;&#39;"
    ET.fromstring(f"<svg xmlns='http://www.w3.org/2000/svg'><text>{esc(chr(1) + 'x' + chr(0xFFFE))}</text></svg>")


def test_radar_and_bars(h):
    words = ["offline", "structured", "online", "digital", "intelligent"]
    svg = radar_svg([("<CRM> & co", 2.5), ("Service", 1.2), ("Telesales", 4.0)], words, [1.0, 1.0, 2.0], "May", "Nov", "t")
    root = ET.fromstring(svg)
    now = [p for p in root.iter(f"{SVG}polygon") if p.get("class") == "now"][0]
    assert len(now.get("points").split()) == 3
    assert "&lt;CRM&gt; &amp; co" in svg
    ET.fromstring(level_bars_svg([("Only <one>", 1.5)], words))
    ET.fromstring(ladder_svg(2.4, 2, target=3, capped=True))
    many = radar_svg([(f"scope {i}", i % 5) for i in range(24)], words)
    assert len([p for p in ET.fromstring(many).iter(f"{SVG}polygon") if p.get("class") == "now"][0]
               .get("points").split()) == 24


@pytest.mark.parametrize("n", [1, 2])
def test_report_with_one_or_two_domains_still_has_a_chart(n, h):
    from maturity.model.assessment import Assessment, Meta
    from maturity.report.writer import build_report, render

    cat = big_catalogue(10 * n)
    doms = list(cat.domains)[:n]
    a = Assessment(meta=Meta(client="Small", domains=tuple(doms)))
    html = render(build_report(cat, a, "en"), "html", cat, a)
    page = h.Page(html)
    assert any(t == "svg" and a_.get("class") in ("radar", "bars") for t, a_ in page.tags)
