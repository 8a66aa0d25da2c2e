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
