"""Terminal escapes are text (issue 10, point 9): an escape sequence in a client name, note, evidence or
participant name is printed as ``\\x1b``…, never obeyed, by every output; JSON stays exact."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from maturity.model.assessment import Answer, Participant
from maturity.snapshot import load_snapshot, save_snapshot

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "assessments" / "demo.toml"

OSC = "\x1b]0;pwned\x07"
CSI = "\x1b[2J\x1b[31m"
C1 = "\x9b2J\x9d0;t\x9c"
EVIL = f"{OSC}{CSI}{C1}\u202e"
RAW = ("\x1b", "\x07", "\x9b", "\x9d", "\x9c", "\u202e")


def run(*args, env=None):
    p = subprocess.run([sys.executable, "-m", "maturity.cli", *map(str, args)], capture_output=True,
                       env={**os.environ, **(env or {})}, timeout=120)
    out, err = p.stdout.decode("utf-8"), p.stderr.decode("utf-8")
    assert "Traceback" not in err, err
    return p.returncode, out, err


def assert_no_raw(text: str, what: str):
    found = [repr(c) for c in RAW if c in text]
    assert not found, f"{what} lets {found} through raw"


@pytest.fixture(scope="module")
def evil(tmp_path_factory):
    """The demo with escape sequences in every text a person types, plus an older snapshot of another client."""
    folder = tmp_path_factory.mktemp("escapes")
    a = load_snapshot(DEMO)
    answers = {sid: dict(crits) for sid, crits in a.answers.items()}
    answers["crm.leads"]["definition_signed"] = answers["crm.leads"]["definition_signed"].model_copy(
        update={"note": f"note {EVIL}", "evidence": f"evidence {EVIL}"})
    votes = {p.id: "met" for p in a.participants[:1]} | {p.id: "not_met" for p in a.participants[1:2]}
    answers["crm.leads"]["created_in_system"] = Answer(votes=votes, note=f"split {EVIL}")
    a = a.model_copy(update={
        "meta": a.meta.model_copy(update={"client": f"Client {EVIL}", "system": f"System {EVIL}",
                                          "assessor": f"Assessor {EVIL}", "notes": f"Notes {EVIL}"}),
        "participants": tuple(p.model_copy(update={"name": f"{p.name} {EVIL}", "role": f"role {EVIL}"})
                              for p in a.participants),
        "answers": answers,
    })
    new = folder / "new.toml"
    save_snapshot(a, new)
    old = folder / "old.toml"
    save_snapshot(a.model_copy(update={"meta": a.meta.model_copy(update={"client": f"Other {EVIL}",
                                                                          "date": a.meta.date.replace(year=2025)})}), old)
    return folder, new, old


@pytest.mark.parametrize("args", [
    ["score"], ["score", "-f", "markdown"], ["explain"], ["explain", "-f", "markdown"], ["roadmap"],
    ["roadmap", "-f", "markdown"], ["advise"], ["advise", "-f", "markdown"], ["validate"],
    ["score", "--lang", "zh"], ["advise", "--lang", "zh"],
])
def test_every_text_output_shows_escapes_as_text(evil, args):
    _, new, _ = evil
    code, out, err = run(args[0], new, *args[1:])
    assert code in (0, 1), err
    assert_no_raw(out, f"{args} stdout")
    assert_no_raw(err, f"{args} stderr")


def test_score_shows_the_client_name_with_visible_escapes(evil):
    _, new, _ = evil
    code, out, err = run("score", new)
    assert code == 0, err
    assert r"Client \x1b]0;pwned\x07\x1b[2J\x1b[31m\x9b2J" in out


def test_diff_history_and_their_warnings(evil):
    folder, new, old = evil
    for args in (["diff", old, new], ["diff", old, new, "-f", "markdown"], ["history", folder],
                 ["history", folder, "-f", "markdown"]):
        code, out, err = run(*args)
        assert code == 0, err
        assert_no_raw(out, f"{args} stdout")
        assert_no_raw(err, f"{args} stderr")
    _, _, err = run("diff", old, new)
    assert r"\x1b]0;pwned" in err, "the warning that the clients differ names them, visibly"


def test_markdown_report_file(evil, tmp_path):
    _, new, _ = evil
    out = tmp_path / "r.md"
    code, stdout, err = run("report", new, "-o", out)
    assert code == 0, err
    text = out.read_text(encoding="utf-8")
    assert_no_raw(text, "the Markdown report")
    assert r"\\x1b" in text, "the client name's escape is shown (backslash escaped for Markdown)"
    assert_no_raw(stdout + err, "report's own output")


def test_json_stays_exact_and_has_nothing_raw(evil):
    _, new, _ = evil
    for cmd in ("score", "explain", "validate"):
        code, out, err = run(cmd, new, "-f", "json")
        assert code in (0, 1), err
        assert_no_raw(out, f"{cmd} json")
        assert_no_raw(err, f"{cmd} json stderr")
    code, out, err = run("diff", evil[2], new, "-f", "json")
    assert code == 0, err
    assert_no_raw(out, "diff json")
    data = json.loads(out)
    assert data["new"]["client"] == f"Client {EVIL}" and data["old"]["client"] == f"Other {EVIL}", "exact"


def test_error_lines_echo_bad_keys_and_values_visibly(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('schema_version = 1\n[meta]\nclient = "C"\nperspective = "\\u001b]0;x\\u0007"\n'
                   '"\\u001b[2Jkey" = 1\n', encoding="utf-8")
    code, out, err = run("score", bad)
    assert code == 2
    assert_no_raw(err, "error lines")
    assert r"\x1b]0;x\x07" in err and r"\x1b[2Jkey" in err
    lines = [x for x in err.splitlines() if x.strip()]
    assert len(lines) == 2 and all(x.startswith("maturity: ") for x in lines)


def test_a_bad_argument_is_echoed_visibly(tmp_path):
    code, out, err = run("explain", DEMO, "crm.\x1b]0;x\x07")
    assert code == 2
    assert_no_raw(err, "the unknown scope error")
    assert r"crm.\x1b]0;x\x07" in err


def test_on_a_colour_terminal_only_rich_colours_get_through(evil):
    _, new, _ = evil
    code, out, err = run("score", new, env={"FORCE_COLOR": "1", "TTY_COMPATIBLE": "1"})
    assert code == 0, err
    assert "\x1b[1m" in out, "Rich still colours the output"
    assert "\x1b]" not in out and "\x1b[2J" not in out and "\x9b" not in out
    assert r"\x1b]0;pwned\x07\x1b[2J\x1b[31m" in out
