"""Regressions found by a hostile-input review of the `maturity` command (run for real)."""

from __future__ import annotations

import json
import textwrap

from maturity.engine.analysis import analyse
from maturity.engine.indicators import _in_sentence
from maturity.plugins import load_catalogue
from maturity.snapshot import load_snapshot

from .test_cli import DEMO, one_line_error, run


def _write(tmp_path, text, name="s.toml"):
    p = tmp_path / name
    p.write_text(textwrap.dedent(text), encoding="utf-8")
    return p


def test_schema_v0_with_wrong_answer_types_is_a_one_line_error_not_an_internal_error(tmp_path):
    for body in ('answers = [1, 2]\n', '[answers]\n"crm.leads" = 5\n', '[answers]\n"crm.leads" = [1]\n'):
        p = _write(tmp_path, 'schema_version = 0\n' + body + '[meta]\nclient = "X"\n')
        r = run("score", p)
        assert r.returncode == 2, r.stderr
        one_line_error(r, str(p), "answers", "wrong type")


def test_invalid_scope_key_names_the_key_not_pydantics_marker(tmp_path):
    p = _write(tmp_path, '''\
        schema_version = 1
        [meta]
        client = "X"
        [answers."Bad Scope".x]
        answer = "met"
        ''')
    r = run("score", p)
    assert r.returncode == 2
    line = one_line_error(r, 'answers."Bad Scope"', "not a valid id")
    assert "[key]" not in line


def test_graph_output_in_a_missing_folder_is_a_usage_error(tmp_path):
    out = tmp_path / "missing" / "scopes.svg"
    r = run("graph", "--format", "svg", "-o", out)
    assert r.returncode == 2, r.stderr
    one_line_error(r, str(out), "cannot be written")


def test_validate_flags_duplicate_participant_ids(tmp_path):
    p = _write(tmp_path, '''\
        schema_version = 1
        participants = [{ id = "a", name = "A" }, { id = "a", name = "Another A" }]
        [meta]
        client = "X"
        domains = ["crm"]
        ''')
    r = run("validate", p, "--format", "json")
    assert r.returncode == 1
    found = json.loads(r.stdout)["findings"]
    assert any(f["where"] == "participants[1].id" and f["severity"] == "error" for f in found), found


def test_validate_says_when_a_target_is_left_out_of_the_roadmap(tmp_path):
    # The demo's profile (team sales) switches crm.channel_partners off; service is not in meta.domains here.
    text = DEMO.read_text(encoding="utf-8").replace(
        '[targets]\n', '[targets]\n"crm.channel_partners" = "digital"\n', 1)
    p = _write(tmp_path, text)
    r = run("validate", p, "--format", "json")
    found = {f["where"]: f for f in json.loads(r.stdout)["findings"]}
    assert "switches off" in found['targets."crm.channel_partners"']["what"]
    roadmap = run("roadmap", p, "--format", "json").stdout
    assert "crm.channel_partners" not in roadmap  # left out, and now said so by validate

    q = _write(tmp_path, '''\
        schema_version = 1
        [meta]
        client = "X"
        domains = ["crm"]
        [targets]
        "service.tickets" = "online"
        ''', "t.toml")
    found = {f["where"]: f for f in json.loads(run("validate", q, "--format", "json").stdout)["findings"]}
    assert "meta.domains" in found['targets."service.tickets"']["what"]


def test_validate_summary_counts_agree_in_number(tmp_path):
    p = _write(tmp_path, '''\
        schema_version = 1
        [meta]
        client = "X"
        date = 2026-11-01
        domains = ["crm"]
        [targets]
        "crm.nosuch" = "online"
        ''')
    r = run("validate", p)
    assert r.stdout.strip().endswith("0 problems, 1 warning")


def test_markdown_score_translates_perspective_and_marks_switched_off_scopes():
    r = run("score", DEMO, "--format", "markdown", "--lang", "zh")
    assert "视角：b2b" not in r.stdout and "2B" in r.stdout
    row = next(x for x in run("score", DEMO, "--format", "markdown").stdout.splitlines() if "Channel partners" in x)
    assert "switched off" in row and "0%" not in row and "offline" not in row


def test_markdown_advice_in_chinese_has_translated_labels_and_the_whole_advice():
    out = run("advise", DEMO, "--format", "markdown", "--lang", "zh").stdout
    table = [x for x in out.splitlines() if x.startswith("| ") and "---" not in x][1:]
    assert table and not any("| usage |" in x or "| direct |" in x for x in table)
    assert "★" in out  # single points to lead, as in the terminal
    assert "“行为 → 结果”" in out and "待统一的分歧" in out


def test_advise_with_no_candidate_indicators_says_so(tmp_path):
    p = _write(tmp_path, '''\
        schema_version = 1
        [meta]
        client = "Fresh"
        domains = ["crm"]
        ''')
    out = run("advise", p).stdout
    assert "None yet" in out and "┏" not in out.split("Next indicators")[1].split("Behaviour")[0]


def test_proof_pairs_keep_acronyms_and_respect_the_direction():
    assert _in_sentence("QA pass rate") == "QA pass rate"
    assert _in_sentence("Win rate") == "win rate"
    cat = load_catalogue()
    an = analyse(cat, load_snapshot(DEMO))
    for p in an.pairs:
        biz = cat.indicators[p.result]
        assert not any(w in p.reason.en for w in ("brings down", "drives", "causes")), p.reason.en
        if p.relations:  # measured: the reason states the relation found in the data, whatever its sign
            assert "A relation, not proof of cause." in p.reason.en and "不能证明因果" in p.reason.zh
            continue
        # Worded as a relation to check, never as a cause, in the direction the result should move.
        assert ("tends to be lower" in p.reason.en) == (biz.direction == "lower"), p.reason.en
        assert ("是否越低" in p.reason.zh) == (biz.direction == "lower"), p.reason.zh
        assert not any(w in p.reason.en for w in ("brings down", "drives", "causes")), p.reason.en


def test_chinese_roadmap_and_explain_show_answers_in_chinese():
    roadmap = run("roadmap", DEMO, "--lang", "zh").stdout
    assert "[部分满足]" in roadmap and "[partly]" not in roadmap
    explain = run("explain", DEMO, "crm.leads", "--lang", "zh").stdout
    blocks = explain.split("迈向")[1]
    assert "[部分满足]" in blocks and "[partly]" not in blocks


def test_json_decided_by_of_a_switched_off_scope_says_it_is_off():
    data = json.loads(run("score", DEMO, "--format", "json").stdout)
    sc = data["scopes"]["crm.channel_partners"]
    assert sc["active"] is False and "Switched off" in sc["decided_by"]


def test_chinese_explain_wraps_inside_sentences_not_after_the_label():
    """Rich breaks only at spaces, so a Chinese criterion used to jump to the line after its "[满足 ×2]" label;
    now a long line is broken between characters, never before a closing punctuation mark."""
    from maturity.report.terminal import wrap_cells
    from rich.cells import cell_len

    line = "      [满足 ×2] " + "明确规定满意度怎么问（问题、量表、渠道、时机），以及什么算满意。" * 3
    pieces = wrap_cells(line, 60)
    assert pieces[0].startswith("      [满足 ×2] 明确") and len(pieces) > 1
    assert all(cell_len(p) <= 64 for p in pieces), "at most two closing marks hang past the edge"
    assert all(p.startswith("        ") and p.strip()[0] not in "、，。；：！？）" for p in pieces[1:])
    assert "".join(p.strip() for p in pieces).replace(" ", "") == line.replace(" ", ""), "no character lost"
    env = {"COLUMNS": "80"}
    out = run("explain", DEMO, "crm.leads", "--lang", "zh", env=env).stdout
    assert not any(x.rstrip().endswith("]") for x in out.splitlines() if "满足" in x or "未作答" in x)
