"""The arrows point one way: checked on the source, so a stray import fails here, not in a user's terminal."""

from __future__ import annotations

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parents[1] / "maturity"


def imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            mod = node.module or ""
            if node.level:  # resolve relative imports against the package
                pkg = path.relative_to(CORE.parent).with_suffix("").parts[:-node.level]
                mod = ".".join([*pkg, mod] if mod else pkg)
            out.add(mod)
    return out


def modules():
    for p in sorted(CORE.rglob("*.py")):
        yield p.relative_to(CORE).as_posix(), imports(p)


def test_only_the_tui_imports_textual():
    offenders = [m for m, imps in modules() if not m.startswith("tui/") and any(i.split(".")[0] == "textual" for i in imps)]
    assert offenders == []


def test_only_the_graph_module_imports_networkx():
    offenders = [m for m, imps in modules() if m != "engine/graph.py" and any(i.split(".")[0] == "networkx" for i in imps)]
    assert offenders == []


def test_core_never_imports_a_domain_plugin():
    offenders = [m for m, imps in modules() if any(i.startswith(("maturity_crm", "maturity_service", "maturity_telesales"))
                                                   for i in imps)]
    assert offenders == []


def test_model_imports_no_io_or_ui():
    for m, imps in modules():
        if m.startswith("model/"):
            assert not any(i.startswith(("maturity.engine", "maturity.snapshot", "maturity.report", "maturity.tui",
                                         "maturity.cli", "rich", "textual", "tomllib", "tomli_w")) for i in imps), m


def test_engine_snapshot_report_never_import_cli_or_tui():
    for m, imps in modules():
        if m.startswith(("engine/", "snapshot/", "report/", "model/")):
            assert not any(i.startswith(("maturity.tui", "maturity.cli", "maturity.commands")) for i in imps), m


def test_builtin_plugins_use_only_the_public_api():
    plugins = CORE.parent / "plugins"
    for p in plugins.glob("*/src/*/*.py"):
        for i in imports(p):
            if i.startswith("maturity") and not i.startswith("maturity_"):
                assert i == "maturity", f"{p}: imports {i}; plugins use only `from maturity import …`"


def test_every_public_name_resolves():
    import maturity

    for name in maturity.__all__:
        assert getattr(maturity, name) is not None, name


# ---------------------------------------------------------------- no import circles

def _module_name(path: Path) -> str:
    parts = path.relative_to(CORE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> dict[str, set[str]]:
    """Core module -> the core modules it imports, at the top or inside a function (both make a circle to read)."""
    mods = {_module_name(p): p for p in CORE.rglob("*.py")}
    graph = {}
    for name, path in mods.items():
        pkg = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
        out = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                out |= {a.name for a in node.names}
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    base = ".".join([*pkg[:len(pkg) - node.level + 1], *([base] if base else [])])
                out |= {f"{base}.{a.name}" if f"{base}.{a.name}" in mods else base for a in node.names}
        graph[name] = {m for m in out if m in mods and m != name}
    return graph


def import_circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan, iterative)."""
    index, low, on, stack, out, counter = {}, {}, set(), [], [], 0
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on.add(root)
        while work:
            v, it = work[-1]
            w = next(it, None)
            if w is not None:
                if w not in index:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on.add(w)
                    work.append((w, iter(sorted(graph[w]))))
                elif w in on:
                    low[v] = min(low[v], index[w])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[v])
            if low[v] == index[v]:
                group = []
                while True:
                    w = stack.pop()
                    on.discard(w)
                    group.append(w)
                    if w == v:
                        break
                if len(group) > 1:
                    out.append(sorted(group))
    return out


def test_the_circle_finder_finds_a_circle():
    assert import_circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_cli_and_commands_do_not_import_each_other():
    """Exit codes live in maturity/exitcodes.py; commands.py never reaches back into cli.py."""
    graph = import_graph()
    assert "maturity.cli" not in graph["maturity.commands"]
    assert "maturity.exitcodes" in graph["maturity.commands"]


def test_report_modules_import_in_one_direction():
    """history, html, diff and benchmark use the report's words and tables; nothing reaches back into writer.py
    (kept only as a re-export for existing callers) or into the export that renders them."""
    graph = import_graph()
    users = [m for m, imps in graph.items() if m != "maturity.report.writer" and "maturity.report.writer" in imps
             and not m.startswith("maturity.tui")]
    assert users == []
    for m in ("history", "history_stream", "html", "diff", "benchmark", "report_markdown", "report_data"):
        assert "maturity.report.export" not in graph[f"maturity.report.{m}"], m


def test_the_core_has_no_import_circles():
    circles = [c for c in import_circles(import_graph()) if not all(m.startswith("maturity.tui") for m in c)]
    assert circles == [], f"import circles: {circles}"


def test_validation_findings_live_above_the_snapshot_layer():
    """The snapshot layer reads and writes files; findings apply the engine's rules (maturity.engine.findings).
    snapshot/findings.py only re-exports them for existing callers."""
    for m, imps in modules():
        if m.startswith("snapshot/") and m not in ("snapshot/findings.py", "snapshot/__init__.py"):
            assert not any(i.startswith("maturity.engine") for i in imps), m
    from maturity.engine import findings as engine_findings
    from maturity.snapshot import findings as reexported
    from maturity.snapshot.findings import plugin_records

    assert reexported is engine_findings.findings and plugin_records is engine_findings.plugin_records
