"""The scope graph drawn as SVG (and as a self-contained HTML page), in pure Python.

Layout, Sugiyama style: columns are the graph's waves (``catalogue.graph.scope_layers()``); an edge
that spans several waves runs through a virtual point in each wave it crosses; the order inside a
wave is improved by barycentre sweeps, kept only when they remove crossings; vertical positions are
pulled towards the neighbours while nodes keep their order and spacing. Every text is escaped here,
so user and content text is shown as typed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ..engine.scoring import STAGE_NAMES

STAGE_FILL = ("#e6e6e6", "#fde0c5", "#fff0a6", "#cdeedd", "#d2e5fa")
"""Light fills per stage (offline … intelligent), dark text on top stays readable in print."""
STAGE_STROKE = ("#8a8a8a", "#d9822b", "#b89600", "#2e9e6b", "#2f6db5")
"""Strong colours per stage, for lines and chart marks."""
DOMAIN_COLOURS = ("#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#9c755f",
                  "#ff9da7", "#bab0ac")
FONT = ("system-ui, -apple-system, 'Segoe UI', 'Noto Sans', 'Noto Sans CJK SC', 'WenQuanYi Micro Hei', "
        "'PingFang SC', 'Microsoft YaHei', sans-serif")

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def esc(text) -> str:
    """Text made safe for XML and HTML content and attribute values (characters XML forbids are dropped)."""
    s = _XML_INVALID.sub("", str(text))
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;").replace("'", "&#39;")


def text_width(text: str, size: float) -> float:
    """An estimate of the drawn width of ``text`` at font ``size`` (wide CJK characters count double)."""
    w = 0.0
    for ch in text:
        if unicodedata.east_asian_width(ch) in "WF":
            w += 1.0
        elif ch in "il.,:;'|!()[] ":
            w += 0.3
        elif ch.isupper() or ch in "mwMW@%":
            w += 0.74
        else:
            w += 0.6
    return w * size


def fit(text: str, size: float, max_width: float) -> str:
    """``text`` cut with an ellipsis so that it fits ``max_width``."""
    if text_width(text, size) <= max_width:
        return text
    while text and text_width(text + "…", size) > max_width:
        text = text[:-1]
    return text + "…"


def domain_colours(domains) -> dict[str, str]:
    return {d: DOMAIN_COLOURS[i % len(DOMAIN_COLOURS)] for i, d in enumerate(domains)}


# ---------------------------------------------------------------- layout

NODE_H = 40
NODE_GAP = 14
DUMMY_H = 6
DUMMY_GAP = 6
LAYER_GAP = 96
MARGIN = 24
HEAD = 30
NAME_SIZE = 12.5
ID_SIZE = 10
MIN_W, MAX_W = 128, 236


@dataclass
class Node:
    key: str
    """A scope id, or ``~n`` for a virtual point of a long edge."""
    layer: int
    width: float = 0.0
    height: float = NODE_H
    y: float = 0.0
    """Centre."""
    x: float | None = None
    """Left edge, for the scopes outside the waves."""

    @property
    def virtual(self) -> bool:
        return self.key.startswith("~")


@dataclass
class Layout:
    nodes: dict[str, Node]
    layers: list[list[str]]
    layer_x: list[float]
    layer_w: list[float]
    chains: list[tuple[str, str, list[str]]]
    """Each edge (requires, dependent) with the virtual points it runs through."""
    width: float
    height: float
    same_layer: list[tuple[str, str]] = field(default_factory=list)
    loose: list[str] = field(default_factory=list)
    """Scopes with no dependency either way, drawn in a grid below the waves."""
    loose_top: float = 0.0


def _node_width(cat, sid: str, lang: str, extra: str) -> float:
    name = cat.scopes[sid].name.get(lang)
    w = max(text_width(name, NAME_SIZE) * 1.06, text_width(sid + extra, ID_SIZE)) + 24
    return max(MIN_W, min(MAX_W, w))


def _crossings(layers: list[list[str]], pos: dict[str, int], down: dict[str, list[str]]) -> int:
    total = 0
    for layer in layers[:-1]:
        segs = [(pos[u], pos[v]) for u in layer for v in down.get(u, ())]
        segs.sort()
        for i in range(len(segs)):
            for j in range(i + 1, len(segs)):
                if segs[i][0] != segs[j][0] and segs[i][1] > segs[j][1]:
                    total += 1
    return total


def layout(cat, lang: str = "en", labels: dict[str, str] | None = None) -> Layout:
    """Place every scope: columns by wave, rows ordered to cut crossings, long edges routed through each wave."""
    labels = labels or {}
    linked = {s for e in cat.graph.edges() for s in e}
    all_layers = cat.graph.scope_layers()
    loose = [s for layer in all_layers for s in layer if s not in linked] if linked else []
    layers = [[s for s in layer if s not in loose] for layer in all_layers]
    layers = [layer for layer in layers if layer]
    layer_of = {s: i for i, layer in enumerate(layers) for s in layer}
    domain_rank = {d: i for i, d in enumerate(cat.domains)}
    for layer in layers:
        layer.sort(key=lambda s: (domain_rank.get(cat.scope_domain[s], 0), s))
    nodes: dict[str, Node] = {s: Node(s, layer_of[s], _node_width(cat, s, lang, labels.get(s, ""))) for s in layer_of}
    for s in loose:
        nodes[s] = Node(s, -1, _node_width(cat, s, lang, labels.get(s, "")))
    chains: list[tuple[str, str, list[str]]] = []
    same_layer: list[tuple[str, str]] = []
    down: dict[str, list[str]] = {}
    up: dict[str, list[str]] = {}
    n = 0
    for u, v in cat.graph.edges():
        lu, lv = layer_of[u], layer_of[v]
        if lu == lv:  # scopes that need each other at different stages share a wave
            same_layer.append((u, v))
            continue
        if lu > lv:
            u, v, lu, lv = v, u, lv, lu
        path = [u]
        virtual = []
        for layer in range(lu + 1, lv):
            key = f"~{n}"
            n += 1
            nodes[key] = Node(key, layer, 0.0, DUMMY_H)
            layers[layer].append(key)
            virtual.append(key)
            path.append(key)
        path.append(v)
        for a, b in zip(path, path[1:]):
            down.setdefault(a, []).append(b)
            up.setdefault(b, []).append(a)
        chains.append((u, v, virtual))
    _order(layers, up, down)
    layer_w = [max((nodes[k].width for k in layer), default=MIN_W) or MIN_W for layer in layers]
    for li, layer in enumerate(layers):  # one width per wave: the columns line up
        for k in layer:
            if not nodes[k].virtual:
                nodes[k].width = layer_w[li]
    layer_x = []
    x = MARGIN
    for w in layer_w:
        layer_x.append(x)
        x += w + LAYER_GAP
    width = x - LAYER_GAP + MARGIN
    _place(layers, nodes, up, down)
    bottom = max((nodes[k].y + nodes[k].height / 2 for k in nodes if nodes[k].layer >= 0), default=MARGIN)
    loose_top = 0.0
    if loose:  # a grid under the waves, in the waves' columns
        loose.sort(key=lambda s: (domain_rank.get(cat.scope_domain[s], 0), s))
        col_w = max(nodes[s].width for s in loose)
        cols = max(1, int((max(width, 4 * col_w) - 2 * MARGIN + 24) // (col_w + 24)))
        width = max(width, 2 * MARGIN + cols * col_w + (cols - 1) * 24)
        loose_top = (bottom + 28) if layers else MARGIN
        for i, s in enumerate(loose):
            nodes[s].width = col_w
            nodes[s].x = MARGIN + (i % cols) * (col_w + 24)
            nodes[s].y = loose_top + HEAD + (i // cols) * (NODE_H + NODE_GAP) + NODE_H / 2
        bottom = max(nodes[s].y + NODE_H / 2 for s in loose)
    height = bottom + MARGIN
    return Layout(nodes, layers, layer_x, layer_w, chains, width, max(height, HEAD + NODE_H + 2 * MARGIN), same_layer,
                  loose, loose_top)


def _order(layers, up, down, sweeps: int = 12) -> None:
    """Barycentre sweeps, down then up, keeping an order only when it has fewer crossings."""
    def positions():
        return {k: i for layer in layers for i, k in enumerate(layer)}

    best = [list(layer) for layer in layers]
    best_cross = _crossings(layers, positions(), down)
    for it in range(sweeps):
        if best_cross == 0:
            break
        rng = range(1, len(layers)) if it % 2 == 0 else range(len(layers) - 2, -1, -1)
        for li in rng:
            pos = positions()
            nbrs = up if it % 2 == 0 else down
            layer = layers[li]

            def bary(k, i):
                ps = [pos[p] for p in nbrs.get(k, ())]
                return (sum(ps) / len(ps), i) if ps else (float(i), i)

            layer[:] = [k for _, k in sorted(((bary(k, i), k) for i, k in enumerate(layer)), key=lambda t: t[0])]
        cross = _crossings(layers, positions(), down)
        if cross < best_cross:
            best_cross, best = cross, [list(layer) for layer in layers]
    layers[:] = best


def _gap(a: Node, b: Node) -> float:
    return a.height / 2 + b.height / 2 + (DUMMY_GAP if a.virtual or b.virtual else NODE_GAP)


def _place(layers, nodes, up, down, rounds: int = 6) -> None:
    """Vertical centres: stacked first, then pulled towards the neighbours keeping order and spacing."""
    tallest = 0.0
    for layer in layers:
        y = 0.0
        for i, k in enumerate(layer):
            if i:
                y += _gap(nodes[layer[i - 1]], nodes[k])
            nodes[k].y = y
        tallest = max(tallest, y)
    for layer in layers:  # centre each wave against the tallest
        if layer:
            shift = (tallest - nodes[layer[-1]].y) / 2
            for k in layer:
                nodes[k].y += shift
    for r in range(rounds):
        order = range(len(layers)) if r % 2 == 0 else range(len(layers) - 1, -1, -1)
        for li in order:
            layer = layers[li]
            if not layer:
                continue
            want = []
            for k in layer:
                ns = [nodes[p].y for p in up.get(k, ())] + [nodes[s].y for s in down.get(k, ())]
                want.append(sum(ns) / len(ns) if ns else nodes[k].y)
            fwd = list(want)
            for i in range(1, len(layer)):
                fwd[i] = max(fwd[i], fwd[i - 1] + _gap(nodes[layer[i - 1]], nodes[layer[i]]))
            bwd = list(want)
            for i in range(len(layer) - 2, -1, -1):
                bwd[i] = min(bwd[i], bwd[i + 1] - _gap(nodes[layer[i]], nodes[layer[i + 1]]))
            for k, a, b in zip(layer, fwd, bwd):
                nodes[k].y = (a + b) / 2
    placed = [k for layer in layers for k in layer]
    top = min((nodes[k].y - nodes[k].height / 2 for k in placed), default=0.0)
    for k in placed:
        nodes[k].y += MARGIN + HEAD - top


# ---------------------------------------------------------------- drawing

EDGE_STYLES = {"capped": ("#c62828", "arrow-cap", 2.0, ""),
               "unmet": ("#d98b1f", "arrow-unmet", 1.4, ' stroke-dasharray="6 3"'),
               "": ("#8c8c8c", "arrow", 1.2, "")}
"""Arrow colour, marker, width and dash: holds the scope back now · unmet, for a later stage · met."""


def graph_svg(cat, result=None, lang: str = "en", title: str | None = None) -> str:
    """The dependency graph of every loaded scope as one ``<svg>`` element (coloured by stage with a result)."""
    from ..engine.explain import stage_word

    stage_of: dict[str, int] = {}
    extra: dict[str, str] = {}
    if result is not None:
        for sid, r in result.scopes.items():
            stage_of[sid] = r.reached
            extra[sid] = " · " + stage_word(r.reached, lang)
    lay = layout(cat, lang, extra)
    colours = domain_colours(cat.domains)
    holding: set[tuple[str, str]] = set()
    """(requires, scope) pairs where the dependency holds the scope back now."""
    unmet: set[tuple[str, str]] = set()
    """Pairs where the dependency is not met yet, for a stage above the scope's next one."""
    if result is not None:
        for sid, r in result.scopes.items():
            for c in r.caps:
                unmet.add((c.requires, sid))
            for c in r.capped_by:
                holding.add((c.requires, sid))
    deps: dict[tuple[str, str], list] = {}
    for sid, scope in cat.scopes.items():
        for d in scope.dependencies:
            deps.setdefault((d.requires, sid), []).append(d)

    nodes = lay.nodes
    # Ports: edges spread along a node's side, in the order of the other end.
    out_edges: dict[str, list] = {}
    in_edges: dict[str, list] = {}
    for i, (u, v, virt) in enumerate(lay.chains):
        first = virt[0] if virt else v
        last = virt[-1] if virt else u
        out_edges.setdefault(u, []).append((nodes[first].y, i))
        in_edges.setdefault(v, []).append((nodes[last].y, i))

    def ports(table):
        out = {}
        for k, lst in table.items():
            lst.sort()
            h = nodes[k].height - 12
            for j, (_, i) in enumerate(lst):
                out[i] = nodes[k].y - h / 2 + h * (j + 1) / (len(lst) + 1)
        return out

    out_y, in_y = ports(out_edges), ports(in_edges)

    def left(k):
        if nodes[k].x is not None:
            return nodes[k].x
        return lay.layer_x[nodes[k].layer] + (lay.layer_w[nodes[k].layer] - nodes[k].width) / 2

    def right(k):
        return left(k) + nodes[k].width

    parts: list[str] = []
    w, h = round(lay.width), round(lay.height)
    label = title or ("作用域依赖图" if lang == "zh" else "Scope dependency graph")
    parts.append(f'<svg xmlns="http://www.w3.org/2000/svg" class="scope-graph" viewBox="0 0 {w} {h}" '
                 f'width="{w}" height="{h}" role="img" aria-label="{esc(label)}" '
                 f'font-family="{esc(FONT)}">')
    parts.append(f"<title>{esc(label)}</title>")
    parts.append('<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
                 'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#6b6b6b"/></marker>'
                 '<marker id="arrow-cap" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
                 'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#c62828"/></marker>'
                 '<marker id="arrow-unmet" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
                 'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#d98b1f"/></marker></defs>')
    parts.append(f'<rect x="0" y="0" width="{w}" height="{h}" fill="#ffffff"/>')
    wave = "第 {n} 层" if lang == "zh" else "Wave {n}"
    for i, x in enumerate(lay.layer_x):
        cx = x + lay.layer_w[i] / 2
        parts.append(f'<text x="{cx:.1f}" y="{MARGIN + 4}" text-anchor="middle" font-size="12" fill="#555" '
                     f'font-weight="600">{esc(wave.format(n=i + 1))}</text>')
    if lay.loose:
        head = "无依赖关系的业务范畴" if lang == "zh" else "Scopes with no dependencies either way"
        parts.append(f'<text x="{MARGIN}" y="{lay.loose_top + HEAD - 12:.1f}" font-size="12" fill="#555" '
                     f'font-weight="600">{esc(head)}</text>')
    # Edges under the nodes.
    for i, (u, v, virt) in enumerate(lay.chains):
        pts = [(right(u), out_y.get(i, nodes[u].y))]
        for k in virt:
            li = nodes[k].layer
            pts.append((lay.layer_x[li], nodes[k].y))
            pts.append((lay.layer_x[li] + lay.layer_w[li], nodes[k].y))
        pts.append((left(v) - 1, in_y.get(i, nodes[v].y)))
        d = [f"M{pts[0][0]:.1f},{pts[0][1]:.1f}"]
        for j in range(1, len(pts)):
            (x0, y0), (x1, y1) = pts[j - 1], pts[j]
            if j % 2 == 1:  # between waves: a smooth S
                dx = (x1 - x0) / 2
                d.append(f"C{x0 + dx:.1f},{y0:.1f} {x1 - dx:.1f},{y1:.1f} {x1:.1f},{y1:.1f}")
            else:  # across a wave, beside its nodes
                d.append(f"L{x1:.1f},{y1:.1f}")
        state = "capped" if (u, v) in holding else "unmet" if (u, v) in unmet else ""
        tip = "; ".join(f"{v}@{stage_word(STAGE_NAMES.index(dep.stage), lang)} ← {u}@"
                        f"{stage_word(STAGE_NAMES.index(dep.requires_stage), lang)}: {dep.why.get(lang)}"
                        for dep in deps.get((u, v), ()))
        colour, marker, width, dash = EDGE_STYLES[state]
        parts.append(f'<path class="edge{" " + state if state else ""}" d="{" ".join(d)}" fill="none" '
                     f'stroke="{colour}" stroke-width="{width}"{dash} marker-end="url(#{marker})" '
                     f'data-from="{esc(u)}" data-to="{esc(v)}"><title>{esc(tip)}</title></path>')
    for u, v in lay.same_layer:  # a bulge on the right side
        x = max(right(u), right(v))
        y0, y1 = nodes[u].y, nodes[v].y
        state = "capped" if (u, v) in holding else "unmet" if (u, v) in unmet else ""
        colour, marker, width, _ = EDGE_STYLES[state]
        tip = "; ".join(f"{v}@{stage_word(STAGE_NAMES.index(dep.stage), lang)} ← {u}@"
                        f"{stage_word(STAGE_NAMES.index(dep.requires_stage), lang)}: {dep.why.get(lang)}"
                        for dep in deps.get((u, v), ()))
        parts.append(f'<path class="edge same-wave{" " + state if state else ""}" d="M{right(u):.1f},{y0:.1f} '
                     f'C{x + 40:.1f},{y0:.1f} {x + 40:.1f},{y1:.1f} {right(v) + 1:.1f},{y1:.1f}" fill="none" '
                     f'stroke="{colour}" stroke-width="{width}" stroke-dasharray="2 3" marker-end="url(#{marker})" '
                     f'data-from="{esc(u)}" data-to="{esc(v)}"><title>{esc(tip)}</title></path>')
    # Nodes.
    for k, node in nodes.items():
        if node.virtual:
            continue
        sid = k
        scope = cat.scopes[sid]
        x, y = left(sid), node.y - node.height / 2
        st = stage_of.get(sid)
        r = result.scopes.get(sid) if result is not None else None
        assessed = result is None or r is not None
        fill = STAGE_FILL[st] if st is not None else "#ffffff"
        stroke = STAGE_STROKE[st] if st is not None else "#9a9a9a"
        dash = "" if assessed else ' stroke-dasharray="4 3"'
        off = r is not None and not r.active
        name = scope.name.get(lang)
        sub = sid + extra.get(sid, "")
        if result is not None and not assessed:
            sub = sid + (" · 未评估" if lang == "zh" else " · not assessed")
        elif off:
            sub = sid + (" · 画像关闭" if lang == "zh" else " · off by profile")
        tip = f"{scope.name.en} / {scope.name.zh} ({sid})" + (extra.get(sid, "") if st is not None else "")
        if r is not None and r.capped:
            tip += " — capped by " + ", ".join(f"{c.requires}@{STAGE_NAMES[c.requires_stage]}" for c in r.capped_by)
        cls = "node" + (" capped" if r is not None and r.capped else "") + (" off" if off else "")
        parts.append(f'<g class="{cls}" data-scope="{esc(sid)}"'
                     + (f' data-stage="{STAGE_NAMES[st]}"' if st is not None else "") + ">")
        parts.append(f"<title>{esc(tip)}</title>")
        parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{node.width:.1f}" height="{node.height}" rx="6" '
                     f'fill="{fill}" stroke="{stroke}" stroke-width="{2.2 if r is not None and r.capped else 1.2}"'
                     f'{dash}{" opacity=" + chr(34) + "0.55" + chr(34) if off else ""}/>')
        parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="5" height="{node.height}" rx="2" '
                     f'fill="{colours.get(cat.scope_domain[sid], "#999")}"/>')
        inner = node.width - 20
        parts.append(f'<text x="{x + 12:.1f}" y="{y + 17:.1f}" font-size="{NAME_SIZE}" font-weight="600" '
                     f'fill="#1d1d1d">{esc(fit(name, NAME_SIZE, inner))}</text>')
        parts.append(f'<text x="{x + 12:.1f}" y="{y + 32:.1f}" font-size="{ID_SIZE}" fill="#555">'
                     f'{esc(fit(sub, ID_SIZE, inner))}</text>')
        if r is not None and r.capped:
            parts.append(f'<circle cx="{x + node.width - 8:.1f}" cy="{y + 8:.1f}" r="4" fill="#c62828"/>')
        parts.append("</g>")
    parts.append("</svg>")
    return "\n".join(parts)


def graph_legend_items(cat, result, lang: str) -> list[tuple[str, str, str]]:
    """(kind, colour, label) for the legend: stages when coloured by an assessment, then domains."""
    from ..engine.explain import stage_word

    items = []
    if result is not None:
        items += [("stage", STAGE_FILL[i], stage_word(i, lang)) for i in range(5)]
        items += [("edge", "#c62828", "依赖未满足，正限制该范畴" if lang == "zh" else "unmet: holds the scope back now"),
                  ("edge-dash", "#d98b1f", "依赖未满足，后续阶段需要" if lang == "zh" else "unmet: needed for a later stage"),
                  ("edge", "#8c8c8c", "依赖已满足" if lang == "zh" else "met")]
    colours = domain_colours(cat.domains)
    items += [("domain", colours[d], dom.name.get(lang)) for d, dom in cat.domains.items()]
    return items


def legend_svg(items: list[tuple[str, str, str]], width: float = 720) -> str:
    """A legend as a small SVG: a swatch and a label per item, wrapped to ``width``."""
    x, y, row = 8.0, 16.0, 22
    parts = []
    for kind, colour, label in items:
        w = 22 + text_width(label, 11) + 18
        if x + w > width:
            x, y = 8.0, y + row
        if kind.startswith("edge"):
            dash = ' stroke-dasharray="6 3"' if kind == "edge-dash" else ""
            parts.append(f'<line x1="{x:.1f}" y1="{y - 4:.1f}" x2="{x + 18:.1f}" y2="{y - 4:.1f}" stroke="{colour}" '
                         f'stroke-width="2"{dash}/>')
        elif kind == "stage":
            parts.append(f'<rect x="{x:.1f}" y="{y - 10:.1f}" width="16" height="12" rx="3" fill="{colour}" '
                         f'stroke="#888"/>')
        else:
            parts.append(f'<rect x="{x + 5:.1f}" y="{y - 10:.1f}" width="5" height="12" fill="{colour}"/>')
        parts.append(f'<text x="{x + 22:.1f}" y="{y:.1f}" font-size="11" fill="#333">{esc(label)}</text>')
        x += w
    h = y + 10
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="legend" viewBox="0 0 {width:.0f} {h:.0f}" '
            f'width="{width:.0f}" height="{h:.0f}" font-family="{esc(FONT)}">' + "".join(parts) + "</svg>")


GRAPH_PAGE_CSS = """
@page { size: A4 landscape; margin: 12mm; }
* { box-sizing: border-box; }
body { font-family: %s; color: #1d1d1d; margin: 24px; }
h1 { font-size: 20px; margin: 0 0 4px; }
p.sub { color: #555; margin: 0 0 12px; }
.canvas { overflow: auto; border: 1px solid #ddd; border-radius: 6px; }
.canvas svg.scope-graph { display: block; }
table { border-collapse: collapse; font-size: 12px; margin-top: 16px; width: 100%%; }
th, td { border-bottom: 1px solid #e3e3e3; padding: 4px 6px; text-align: left; vertical-align: top;
  overflow-wrap: anywhere; }
th { background: #f4f4f4; }
code { font-size: 11px; }
@media print {
  body { margin: 0; }
  .canvas { overflow: visible; border: 0; }
  .canvas svg.scope-graph { width: 100%%; height: auto; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  tr { break-inside: avoid; }
}
""" % FONT


def graph_html(cat, result=None, lang: str = "en", title: str | None = None) -> str:
    """A self-contained page: the drawing, its legend, and every dependency in a table."""
    from ..engine.explain import stage_word

    zh = lang == "zh"
    head = title or ("作用域依赖图" if zh else "Scope dependency graph")
    n_edges = sum(len(s.dependencies) for s in cat.scopes.values())
    sub = (f"{len(cat.scopes)} 个业务范畴，{n_edges} 条依赖；从左到右按层排列：每个范畴都在它依赖的范畴之后。鼠标悬停可看详情。"
           if zh else f"{len(cat.scopes)} scopes, {n_edges} dependencies, laid out left to right in waves: "
                      "each scope comes after every scope it needs. Hover a box or an arrow for details.")
    rows = []
    for sid, scope in cat.scopes.items():
        for d in scope.dependencies:
            rows.append("<tr><td><code>{}</code> @ {}</td><td><code>{}</code> @ {}</td><td>{}</td></tr>".format(
                esc(sid), esc(stage_word(STAGE_NAMES.index(d.stage), lang)), esc(d.requires),
                esc(stage_word(STAGE_NAMES.index(d.requires_stage), lang)), esc(d.why.get(lang))))
    cols = ("范畴 @ 阶段", "需要 @ 阶段", "原因") if zh else ("scope @ stage", "needs @ stage", "why")
    return "\n".join([
        "<!DOCTYPE html>",
        f'<html lang="{"zh-CN" if zh else "en"}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(head)}</title><style>{GRAPH_PAGE_CSS}</style></head><body>",
        f"<h1>{esc(head)}</h1>",
        f'<p class="sub">{esc(sub)}</p>',
        legend_svg(graph_legend_items(cat, result, lang)),
        f'<div class="canvas">{graph_svg(cat, result, lang, head)}</div>',
        f"<table><thead><tr>{''.join(f'<th>{esc(c)}</th>' for c in cols)}</tr></thead><tbody>",
        *rows,
        "</tbody></table>",
        "</body></html>",
    ])


def render_svg_graph(cat, result=None, html: bool = False, lang: str = "en") -> str:
    """``maturity graph --format svg|html``: a standalone SVG file, or a self-contained HTML page."""
    if html:
        return graph_html(cat, result, lang)
    svg = graph_svg(cat, result, lang)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + svg + "\n"
