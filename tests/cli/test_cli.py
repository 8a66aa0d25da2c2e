"""The `maturity` command, run for real: outputs, exit codes, and one-line errors for bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "assessments" / "demo.toml"
MATURITY = [sys.executable, "-m", "maturity.cli"]


def run(*args, env=None, cwd=None):
    e = {**os.environ, **(env or {})}
    p = subprocess.run([*MATURITY, *map(str, args)], capture_output=True, text=True, env=e, cwd=cwd, timeout=60)
    assert "Traceback" not in p.stderr, p.stderr
    return p


def one_line_error(p, *needles):
    lines = [x for x in p.stderr.splitlines() if x.strip()]
    assert len(lines) == 1, p.stderr
    for n in needles:
        assert n in lines[0], lines[0]
    return lines[0]


SNAPSHOT = textwrap.dedent('''\
    schema_version = 1
    [meta]
    client = "Broken Co."
    date = 2026-11-01
    domains = ["crm"]
    [answers."crm.leads".definition_signed]
    answer = "met"
''')


def write(tmp_path, text, name="a.toml"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_help_is_fast_and_light():
    code = "import sys, maturity.cli; print(sorted(m for m in ('textual', 'networkx', 'pydantic') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip()
    assert out == "[]"
    assert run("--help").returncode == 0


def test_score_json_gives_overall_domains_scopes_caps_completeness():
    p = run("score", DEMO, "--format", "json")
    assert p.returncode == 0, p.stderr
    data = json.loads(p.stdout)
    assert data["schema"] == "maturity.score/1"
    assert 0 <= data["overall"]["level"] <= 4 and "lowest_stage" in data["overall"]
    assert set(data["domains"]) == {"crm", "service", "telesales"}
    capped = [s for s, v in data["scopes"].items() if v["capped"]]
    assert capped, "the demo has scopes capped by a dependency"
    for sid in capped:
        assert data["scopes"][sid]["capped_by"][0]["scope"]
    assert all(0 <= v["completeness"] <= 1 for v in data["scopes"].values())


def test_roadmap_gives_waves_with_todo():
    data = json.loads(run("roadmap", DEMO, "-f", "json").stdout)
    assert data["waves"] and data["waves"][0]["steps"]
    step = data["waves"][0]["steps"][0]
    assert {"scope", "stage", "todo", "waits_on"} <= set(step)


def test_advise_gives_indicators_with_reasons_and_stance_with_warnings():
    data = json.loads(run("advise", DEMO, "-f", "json").stdout)
    assert data["indicators"] and all(i["reason"] for i in data["indicators"])
    assert data["stance"]["recommended"] in ("follow", "collaborate", "push", "lead")
    assert data["stance"]["warnings"]


def test_text_outputs_in_both_languages():
    for cmd in ("score", "roadmap", "advise", "explain"):
        en, zh = run(cmd, DEMO, "--lang", "en"), run(cmd, DEMO, "--lang", "zh")
        assert en.returncode == zh.returncode == 0
        assert en.stdout != zh.stdout
    assert "姿态" in run("advise", DEMO, "--lang", "zh").stdout


def test_explain_one_scope_names_threshold_gate_or_dependency():
    p = run("explain", DEMO, "crm.leads")
    assert p.returncode == 0
    assert "Decided by" in p.stdout or "Reached the top" in p.stdout


def test_explain_unknown_scope_is_usage_error():
    p = run("explain", DEMO, "crm.nope")
    assert p.returncode == 2
    one_line_error(p, "crm.nope")


def test_graph_formats():
    assert run("graph", "-f", "dot").stdout.startswith("digraph")
    assert run("graph", "-f", "mermaid").stdout.startswith("flowchart")
    data = json.loads(run("graph", DEMO, "-f", "json").stdout)
    assert any(e["from"] == "crm.leads" for e in data["edges"])
    assert all("stage" in n for n in data["nodes"])


def test_schema_is_json_schema():
    data = json.loads(run("schema").stdout)
    assert "meta" in data["properties"] and "answers" in data["properties"]


def test_plugins_lists_versions_and_status():
    data = json.loads(run("plugins", "list", "-f", "json").stdout)
    status = {p["name"]: p["status"] for p in data}
    assert {k: status.get(k) for k in ("crm", "service", "telesales")} == {"crm": "on", "service": "on", "telesales": "on"}
    assert all(p["version"] and p["fingerprint"] for p in data if p["status"] == "on")


@pytest.mark.parametrize("content, needles", [
    ("schema_version = 1\n[meta\nclient='x'", ["line 2", "not valid TOML"]),
    ("   \n", ["is empty"]),
    (SNAPSHOT.replace('answer = "met"', 'answer = "yes"'), ['answers."crm.leads".definition_signed.answer', "'met'"]),
    (SNAPSHOT + '[targets]\n"crm.leads" = "cloud"\n', ['targets."crm.leads"', "'digital'"]),
    (SNAPSHOT.replace('client = "Broken Co."\n', ""), ["meta.client", "is missing"]),
    (SNAPSHOT.replace("schema_version = 1", "schema_version = 99"), ["schema_version", "upgrade"]),
])
def test_bad_snapshots_give_one_line_with_file_and_place(tmp_path, content, needles):
    f = write(tmp_path, content)
    for cmd in ("score", "validate"):
        p = run(cmd, f)
        assert p.returncode == 2
        one_line_error(p, str(f), *needles)


def test_every_problem_is_reported_in_one_pass(tmp_path):
    text = SNAPSHOT.replace('answer = "met"', 'answer = "yes"') + '[targets]\n"crm.leads" = "cloud"\n'
    p = run("score", write(tmp_path, text))
    assert p.returncode == 2
    assert len(p.stderr.strip().splitlines()) == 2


def test_missing_file_and_folder(tmp_path):
    p = run("score", tmp_path / "nope.toml")
    assert p.returncode == 2
    one_line_error(p, "nope.toml", "no such file")
    p = run("score", tmp_path)
    assert p.returncode == 2
    one_line_error(p, "is a folder")


def test_scope_from_a_plugin_not_installed(tmp_path):
    f = write(tmp_path, SNAPSHOT + '[answers."erp.purchasing".po_in_system]\nanswer = "met"\n')
    p = run("score", f)
    assert p.returncode == 2
    one_line_error(p, 'answers."erp.purchasing"', "maturity-erp")
    v = run("validate", f)
    assert v.returncode == 1 and "erp.purchasing" in v.stdout and "kept" in v.stdout


def test_validate_flags_na_without_reason_and_split_votes(tmp_path):
    text = SNAPSHOT + textwrap.dedent('''\
        participants = []
        [answers."crm.leads".owners_and_limits]
        answer = "n/a"
        [answers."crm.leads".created_in_system.votes]
        li = "met"
        wang = "partly"
    ''')
    # participants must come before tables in TOML; rebuild properly
    text = text.replace("participants = []\n", "")
    text = text.replace("[meta]", 'participants = [{id = "li", name = "Li"}, {id = "wang", name = "Wang"}]\n[meta]')
    p = run("validate", write(tmp_path, text))
    assert p.returncode == 1
    assert "n/a without a reason" in p.stdout
    assert "disagree" in p.stdout


def test_validate_clean_snapshot_exits_0(tmp_path):
    assert run("validate", write(tmp_path, SNAPSHOT)).returncode == 0


def test_usage_error_is_one_line():
    p = run("score")
    assert p.returncode == 2
    one_line_error(p, "maturity:")


CYCLE_PLUGIN = '''
from pathlib import Path
from maturity import hookimpl

HERE = Path(__file__).parent / "cyc_content"

@hookimpl
def maturity_content():
    return [HERE]
'''


def _domain_files(root: Path, domain: str, scopes: dict[str, list[tuple[str, str, str]]]):
    (root / "scopes").mkdir(parents=True)
    (root / "domain.toml").write_text(f'id = "{domain}"\nname.en = "Cyc"\nname.zh = "环"\n'
                                      'description.en = "d"\ndescription.zh = "描述"\n', encoding="utf-8")
    for sid, deps in scopes.items():
        lines = [f'id = "{sid}"', 'name.en = "S"', 'name.zh = "范畴"', 'description.en = "d"', 'description.zh = "描述"']
        for st in ("structured", "online", "digital", "intelligent"):
            for i in (1, 2):
                lines += ["[[criteria]]", f'id = "{st}{i}"', f'stage = "{st}"'] + [
                    f'{k}.{l} = "{k} {l}"' for k in ("text", "evidence", "action") for l in ("en", "zh")]
        for stage, req, req_stage in deps:
            lines += ["[[dependencies]]", f'stage = "{stage}"', f'requires = "{req}"', f'requires_stage = "{req_stage}"',
                      'why.en = "because"', 'why.zh = "因为"']
        (root / "scopes" / f"{sid}.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_plugin_with_dependency_cycle_is_switched_off_others_keep_working(tmp_path):
    _domain_files(tmp_path / "cyc_content", "cyc", {
        "a": [("online", "cyc.b", "online")],
        "b": [("online", "cyc.a", "online")],
    })
    (tmp_path / "cycplugin.py").write_text(CYCLE_PLUGIN, encoding="utf-8")
    env = {"PYTHONPATH": str(tmp_path)}
    p = run("-p", "cycplugin", "plugins", env=env)
    assert p.returncode == 0
    assert "cycle" in p.stdout and "off" in p.stdout
    s = run("-p", "cycplugin", "score", DEMO, "-f", "json", env=env)
    assert s.returncode == 0
    warn = [x for x in s.stderr.splitlines() if "cycplugin" in x]
    assert len(warn) == 1 and "cycle" in warn[0] and "cyc.a@online" in warn[0]
    assert json.loads(s.stdout)["overall"]["level"] > 0


def test_plugin_whose_hook_raises_is_switched_off(tmp_path):
    (tmp_path / "raiser.py").write_text(
        "from maturity import hookimpl\n\n@hookimpl\ndef maturity_content():\n    raise RuntimeError('db down')\n",
        encoding="utf-8")
    p = run("score", DEMO, "-f", "json", env={"MATURITY_PLUGINS": "raiser", "PYTHONPATH": str(tmp_path)})
    assert p.returncode == 0
    line = one_line_error(p, "raiser", "RuntimeError", "db down")
    assert "switched off" in line


def test_open_loads_the_plugins_once(monkeypatch, tmp_path):
    """`maturity open FILE` checks the file with the catalogue and hands that same catalogue to the TUI."""
    import maturity.plugins as plugins_mod
    import maturity.tui.app as app_mod
    from maturity.cli import main

    calls, given = [], {}
    real = plugins_mod.load_catalogue

    def counting(*a, **k):
        calls.append(1)
        return real(*a, **k)

    monkeypatch.setattr(plugins_mod, "load_catalogue", counting)
    monkeypatch.setattr(app_mod, "run", lambda path, **kw: given.update(kw) or 0)
    f = tmp_path / "demo.toml"
    f.write_bytes(Path(DEMO).read_bytes())
    assert main(["open", str(f)]) == 0
    assert len(calls) == 1 and given["catalogue"] is not None
