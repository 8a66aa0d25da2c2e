"""A faulty plugin is switched off, whatever it does (issue 10, point 10): each one below is a module on
PYTHONPATH selected with MATURITY_PLUGINS; the installed plugins keep working and one line names it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "assessments" / "demo.toml"

HOOK = "from maturity import hookimpl\n\n@hookimpl\ndef maturity_content():\n"
PLUGINS = {
    "exit_at_import": "raise SystemExit(3)\n",
    "exit_in_hook": HOOK + "    raise SystemExit('bye')\n",
    "interrupt_in_hook": HOOK + "    raise KeyboardInterrupt\n",
    "bad_folder": textwrap.dedent("""\
        from maturity import hookimpl

        class Folder:  # looks like a Traversable, but every step into it fails
            def __truediv__(self, other):
                raise RuntimeError("network share gone")
            joinpath = __truediv__
            def is_dir(self):
                raise RuntimeError("network share gone")
            def iterdir(self):
                raise RuntimeError("network share gone")
            def __str__(self):
                return "weird://folder"

        @hookimpl
        def maturity_content():
            return [Folder()]
        """),
    "printer": "import os\nprint('hello from import')\n" + HOOK
               + "    print('hello from the hook')\n    os.write(1, b'raw bytes on fd 1\\n')\n"
               + "    raise RuntimeError('and no content')\n",
    "slow": "import time\n" + HOOK + "    time.sleep(60)\n    return []\n",
}
REASONS = {
    "exit_at_import": "SystemExit",
    "exit_in_hook": "SystemExit",
    "interrupt_in_hook": "KeyboardInterrupt",
    "bad_folder": "network share gone",
    "printer": "no content",
    "slow": "longer than 0.5 s",
}


@pytest.fixture(scope="module")
def plugin_dir(tmp_path_factory):
    d = tmp_path_factory.mktemp("faulty")
    for name, code in PLUGINS.items():
        (d / f"{name}.py").write_text(code, encoding="utf-8")
    return d


def run(plugin_dir, modules, *args):
    env = {**os.environ, "MATURITY_PLUGINS": ",".join(modules), "PYTHONPATH": str(plugin_dir),
           "MATURITY_PLUGIN_TIMEOUT": "0.5"}
    started = time.perf_counter()
    p = subprocess.run([sys.executable, "-m", "maturity.cli", *map(str, args)], capture_output=True, text=True,
                       env=env, timeout=120)
    assert "Traceback" not in p.stderr, p.stderr
    return p, time.perf_counter() - started


@pytest.mark.parametrize("name", sorted(PLUGINS))
def test_a_faulty_plugin_is_switched_off_and_the_rest_keep_working(plugin_dir, name):
    p, took = run(plugin_dir, [name], "score", DEMO, "-f", "json")
    assert p.returncode == 0, p.stderr
    data = json.loads(p.stdout)  # nothing a plugin printed is on stdout
    assert set(data["domains"]) == {"crm", "service", "telesales"}
    about = [x for x in p.stderr.splitlines() if f"plugin {name}" in x]
    assert len(about) == 1, p.stderr
    assert "switched off" in about[0] and REASONS[name] in about[0], about[0]
    assert took < 30


def test_all_of_them_at_once(plugin_dir):
    p, took = run(plugin_dir, sorted(PLUGINS), "plugins", "list", "-f", "json")
    assert p.returncode == 0, p.stderr
    status = {x["name"]: (x["status"], x["reason"]) for x in json.loads(p.stdout)}
    for name in PLUGINS:
        assert status[name][0] == "off" and REASONS[name] in status[name][1], status[name]
    assert all(status[n][0] == "on" for n in ("crm", "service", "telesales"))
    assert took < 30, "one slow hook costs its time limit, not more"


def test_what_a_plugin_prints_goes_to_stderr(plugin_dir):
    p, _ = run(plugin_dir, ["printer"], "score", DEMO, "-f", "json")
    json.loads(p.stdout)
    assert "hello from import" in p.stderr and "hello from the hook" in p.stderr and "raw bytes on fd 1" in p.stderr
    assert "hello" not in p.stdout and "raw bytes" not in p.stdout


def test_the_time_limit_is_read_from_the_environment(monkeypatch):
    from maturity.plugins import DEFAULT_TIMEOUT, hook_timeout

    monkeypatch.setenv("MATURITY_PLUGIN_TIMEOUT", "12.5")
    assert hook_timeout() == 12.5
    for bad in ("", "soon", "-1", "0"):
        monkeypatch.setenv("MATURITY_PLUGIN_TIMEOUT", bad)
        assert hook_timeout() == DEFAULT_TIMEOUT == 5.0
