"""A plugin renames, moves or splits a criterion (``replaces``): saved answers follow it, none is dropped."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from maturity.engine.renames import carry_answers, replacement_map
from maturity.engine.scoring import score
from maturity.model.assessment import Answer, Assessment, Meta
from maturity.snapshot import load_snapshot, save_snapshot
from maturity.snapshot.findings import findings
from maturity.testing import catalogue_from_domains

from .conftest import make_scope, t


def _renamed_domain(domain):
    """Scope x.a's ``str1`` is now ``str1_new`` and takes over x.c's ``moved`` too."""
    a = next(s for s in domain.scopes if s.id == "a")
    crits = tuple(c.model_copy(update={"id": "str1_new", "replaces": ("x.a.str1", "x.c.moved")}) if c.id == "str1"
                  else c for c in a.criteria)
    scopes = tuple(s.model_copy(update={"criteria": crits}) if s.id == "a" else s for s in domain.scopes)
    return domain.model_copy(update={"scopes": scopes})


def test_an_answer_to_a_renamed_criterion_counts_for_its_new_id(domain):
    cat = catalogue_from_domains(_renamed_domain(domain))
    assert replacement_map(cat) == {"x.a.str1": "x.a.str1_new", "x.c.moved": "x.a.str1_new"}
    a = Assessment(meta=Meta(client="c"), answers={"x.a": {"str1": Answer(answer="met", note="kept"),
                                                         "str2": Answer(answer="met")}})
    carried, moves = carry_answers(cat, a)
    assert [tuple(m) for m in moves] == [("x.a.str1", "x.a.str1_new")]
    assert carried.answers["x.a"]["str1_new"].note == "kept" and "str1" not in carried.answers["x.a"]
    assert score(cat, carried).scopes["x.a"].stages[0].passes
    assert not score(cat, carried).unknown_answers


def test_the_new_ids_own_answer_wins_and_the_old_one_is_kept_not_dropped(domain):
    cat = catalogue_from_domains(_renamed_domain(domain))
    a = Assessment(meta=Meta(client="c"), answers={"x.a": {"str1": Answer(answer="not_met"),
                                                         "str1_new": Answer(answer="met")}})
    carried, moves = carry_answers(cat, a)
    assert moves == ()
    assert carried.answers["x.a"] == a.answers["x.a"]
    assert ("x.a", "str1") in score(cat, carried).unknown_answers


def test_an_old_id_still_defined_is_not_carried(domain):
    """``replaces`` naming a criterion that still exists (a split keeps its first half) moves nothing."""
    a_scope = next(s for s in domain.scopes if s.id == "a")
    extra = a_scope.criteria[0].model_copy(update={"id": "str3", "replaces": ("x.a.str1",)})
    scopes = tuple(s.model_copy(update={"criteria": s.criteria + (extra,)}) if s.id == "a" else s
                   for s in domain.scopes)
    cat = catalogue_from_domains(domain.model_copy(update={"scopes": scopes}))
    assert replacement_map(cat) == {}


def test_validate_says_where_the_answer_went(domain, tmp_path):
    cat = catalogue_from_domains(_renamed_domain(domain))
    a = Assessment(meta=Meta(client="c"), answers={"x.c": {"moved": Answer(answer="mostly")}})
    lines = [p.line() for p in findings(cat, a, "f.toml")]
    moved = [x for x in lines if "moved" in x]
    assert moved == ['f.toml: answers."x.c".moved: criterion replaced by its plugin: the answer now counts for '
                     "x.a.str1_new — open and save the assessment to record it under the new id"]
    assert not any("unknown" in x and "moved" in x for x in lines)


PLUGIN = '''
from pathlib import Path
from maturity import hookimpl

@hookimpl
def maturity_content():
    return [Path(__file__).parent / "ren_content"]
'''


def _plugin(root: Path, first_id: str, replaces: str = "") -> None:
    (root / "ren_content" / "scopes").mkdir(parents=True, exist_ok=True)
    (root / "ren_content" / "domain.toml").write_text(
        'id = "ren"\nname.en = "Ren"\nname.zh = "改名"\ndescription.en = "d"\ndescription.zh = "描述"\n', encoding="utf-8")
    lines = ['id = "s"', 'name.en = "S"', 'name.zh = "范畴"', 'description.en = "d"', 'description.zh = "描述"']
    for st in ("structured", "online", "digital", "intelligent"):
        for i in (1, 2):
            cid = first_id if (st, i) == ("structured", 1) else f"{st}{i}"
            lines += ["[[criteria]]", f'id = "{cid}"', f'stage = "{st}"'] + [
                f'{k}.{l} = "{k} {l}"' for k in ("text", "evidence", "action") for l in ("en", "zh")]
            if cid == first_id and replaces:
                lines.append(f'replaces = ["{replaces}"]')
    (root / "ren_content" / "scopes" / "s.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (root / "renplugin.py").write_text(PLUGIN, encoding="utf-8")


def _maturity(root: Path, *args):
    import os

    env = {**os.environ, "PYTHONPATH": str(root), "MATURITY_NO_ENTRY_POINTS": "1"}
    return subprocess.run([sys.executable, "-m", "maturity.cli", "-p", "renplugin", *args], capture_output=True,
                          text=True, env=env, cwd=root, timeout=60)


def test_a_saved_assessment_follows_a_rename_through_the_cli_and_the_tui(tmp_path):
    """Saved with the plugin's old content; the plugin renames its criterion; nothing is lost anywhere."""
    _plugin(tmp_path, "old_rule")
    file = tmp_path / "a.toml"
    save_snapshot(Assessment(meta=Meta(client="c", domains=("ren",)), answers={
        "ren.s": {"old_rule": Answer(answer="met", note="configured in the CRM"), "structured2": Answer(answer="met")}}),
        file)
    before = _maturity(tmp_path, "score", str(file), "-f", "json")
    assert before.returncode == 0, before.stderr
    _plugin(tmp_path, "rule_defined", "ren.s.old_rule")
    after = _maturity(tmp_path, "score", str(file), "-f", "json")
    assert after.returncode == 0, after.stderr
    assert '"stage": "structured"' in after.stdout
    warn = [x for x in after.stderr.splitlines() if "old_rule" in x]
    assert len(warn) == 1 and "now counts for ren.s.rule_defined" in warn[0]
    assert "unknown" not in after.stderr

    code = ("import sys; from pathlib import Path; from maturity.tui.app import build_app; "
            "app = build_app(Path(sys.argv[1]), plugins=['renplugin']); app.store.save()")
    import os
    env = {**os.environ, "PYTHONPATH": str(tmp_path), "MATURITY_NO_ENTRY_POINTS": "1"}
    p = subprocess.run([sys.executable, "-c", code, str(file)], capture_output=True, text=True, env=env, cwd=tmp_path,
                       timeout=60)
    assert p.returncode == 0, p.stderr
    saved = load_snapshot(file).answers["ren.s"]
    assert "old_rule" not in saved and saved["rule_defined"].note == "configured in the CRM"
    assert _maturity(tmp_path, "validate", str(file)).stderr.count("old_rule") == 0
