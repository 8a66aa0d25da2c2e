"""The scope graph as dot, mermaid or json (svg and html drawings live in report/svg.py)."""

from __future__ import annotations

import json

from ..engine.scoring import STAGE_NAMES


def graph_data(cat, result=None) -> dict:
    nodes = []
    for sid, scope in cat.scopes.items():
        n = {"id": sid, "domain": cat.scope_domain[sid], "name": {"en": scope.name.en, "zh": scope.name.zh}}
        if result is not None and sid in result.scopes:
            n["stage"] = STAGE_NAMES[result.scopes[sid].reached]
        nodes.append(n)
    edges = [{"from": dep.requires, "to": sid, "stage": dep.stage, "requires_stage": dep.requires_stage}
             for sid, scope in cat.scopes.items() for dep in scope.dependencies]
    return {"schema": "maturity.graph/1", "nodes": nodes, "edges": edges}


def _dot_str(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def render_graph(cat, result=None, fmt: str = "mermaid", lang: str = "en") -> str:
    data = graph_data(cat, result)
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2)
    if fmt == "dot":
        lines = ["digraph scopes {", "  rankdir=LR;", "  node [shape=box];"]
        for n in data["nodes"]:
            label = n["id"] + (f"\\n{n['stage']}" if "stage" in n else "")
            lines.append(f"  {_dot_str(n['id'])} [label={_dot_str(label).replace(chr(92)*2 + 'n', chr(92) + 'n')}];")
        for e in data["edges"]:
            lines.append(f"  {_dot_str(e['from'])} -> {_dot_str(e['to'])} "
                         f"[label={_dot_str(e['requires_stage'] + ' → ' + e['stage'])}];")
        return "\n".join(lines + ["}"])
    if fmt == "mermaid":
        ids = {n["id"]: f"n{i}" for i, n in enumerate(data["nodes"])}
        lines = ["flowchart LR"]
        for n in data["nodes"]:
            label = n["id"] + (f" ({n['stage']})" if "stage" in n else "")
            lines.append(f'  {ids[n["id"]]}["{label}"]')
        for e in data["edges"]:
            lines.append(f'  {ids[e["from"]]} -->|"{e["requires_stage"]} → {e["stage"]}"| {ids[e["to"]]}')
        return "\n".join(lines)
    from .svg import render_svg_graph

    return render_svg_graph(cat, result, html=(fmt == "html"), lang=lang)
