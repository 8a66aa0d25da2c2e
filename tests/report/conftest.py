"""Fixtures for the report tests: snapshots of one client over time, built from the loaded content.

The snapshots are made from whatever criteria the installed plugins provide, so the tests keep
working while the content grows. Some notes carry hostile text that every format must show as typed.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest

from maturity.model.assessment import Answer, Assessment, Meta, Participant
from maturity.snapshot import save_snapshot

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "assessments" / "demo.toml"
HISTORY = ROOT / "assessments" / "history"

HOSTILE_NOTE = ('</script><script>alert(1)</script><b id="injected">bold?</b> | a | b | '
                '**not bold** [link](http://x.invalid) `code` <!-- c --> & &amp; $x$ \\ 线索 "q" \'s')
HOSTILE_CLIENT = 'ACME <i id="inj-client">&</i> | 示例公司 </title>'
LONG_NOTE = "longword" * 150 + " " + "很长的备注。" * 120
STAGES = ("structured", "online", "digital", "intelligent")


def _word(progress: float, stage: int, j: int) -> str | None:
    """The answer for criterion j at ``stage`` when the scope has climbed to ``progress``."""
    if stage <= int(progress):
        return "met" if j % 3 else "mostly"
    if stage == int(progress) + 1:
        return ("partly", "not_met", "mostly")[j % 3]
    return None if j % 2 else "not_met"


def build_snapshot(cat, step: int = 0, client: str = HOSTILE_CLIENT, lang: str = "en") -> Assessment:
    """Snapshot ``step`` (0, 1, 2 …) of the client: each step a quarter later and a little further up."""
    from maturity.snapshot.findings import plugin_records

    answers: dict[str, dict[str, Answer]] = {}
    for i, (sid, scope) in enumerate(cat.scopes.items()):
        progress = (i % 4) * 0.6 + step * 0.8
        crits: dict[str, Answer] = {}
        for j, c in enumerate(scope.criteria):
            word = _word(progress, STAGES.index(c.stage) + 1, i + j)
            if word is None:
                continue
            note = ""
            if i == 0 and j == 0:
                note = HOSTILE_NOTE
            elif i == 1 and j == 0:
                note = LONG_NOTE
            elif j == 1:
                note = f"step {step}: seen in the weekly meeting"
            votes = {"ann": "met", "bo": "partly"} if (i, j) == (2, 0) else {}
            crits[c.id] = Answer(answer=word, note=note, evidence="screen <b>shown</b>" if j == 0 else "", votes=votes)
        if crits:
            answers[sid] = crits
    scopes = list(cat.scopes)
    a = Assessment(
        meta=Meta(client=client, system="Salesforce | in-house <console>", date=dt.date(2025, 3, 1) + dt.timedelta(days=91 * step),
                  assessor="Jo *Consultant*", language=lang, notes="Kick-off </style> notes"),
        profile={"customer_form": "big_b", "sales_cycle": "long", "collaboration": "team", "control_style": "process"},
        team={"current_stance": "follow", "tenure": "settled", "business_analysis": "partial", "strategy": "yes",
              "business_mastery": "equal", "management_buy_in": "yes", "partner_buy_in": "no",
              "business_ownership": "weak", "test_loop": "no"},
        targets={scopes[0]: "digital", scopes[-1]: "online"},
        participants=(Participant(id="ann", name="Ann <Sales>", role="sales lead"),
                      Participant(id="bo", name="Bo | IT", role="IT")),
        answers=answers,
        tracked=tuple(list(cat.indicators)[: step + 1]),
    )
    return a.model_copy(update={"plugins": plugin_records(cat, a)})


@pytest.fixture(scope="session")
def real_cat():
    from maturity.plugins import load_catalogue

    cat = load_catalogue([])
    assert cat.scopes, "no plugin content loaded: install the plugins (python3 dev.py test)"
    return cat


@pytest.fixture(scope="session")
def series(real_cat, tmp_path_factory) -> list[Path]:
    """Three snapshots of the same client, a quarter apart, saved as files."""
    folder = tmp_path_factory.mktemp("history")
    paths = []
    for step in range(3):
        p = folder / f"acme-{step}.toml"
        save_snapshot(build_snapshot(real_cat, step), p)
        paths.append(p)
    return paths


@pytest.fixture(scope="session")
def snapshot_file(series) -> Path:
    return series[-1]


def maturity_cmd(*args: str, check: bool = False) -> subprocess.CompletedProcess:
    """Run the real command, as a user does."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.run([sys.executable, "-m", "maturity.cli", *map(str, args)], capture_output=True,
                          text=True, encoding="utf-8", env=env, cwd=ROOT)
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc


@pytest.fixture(scope="session")
def run():
    return maturity_cmd


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


class Page(HTMLParser):
    """Elements, attributes and the text of an HTML page, as an HTML parser sees them."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.texts: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.texts.append(data)

    @property
    def text(self) -> str:
        return "".join(self.texts)

    def ids(self) -> set[str]:
        return {a["id"] for _, a in self.tags if "id" in a}

    def count(self, tag: str) -> int:
        return sum(1 for t, _ in self.tags if t == tag)


def markdown_to_html(text: str) -> str:
    """Render Markdown as a code host does (CommonMark + tables, raw HTML let through, as GitHub before sanitising)."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True}).enable("table").render(text)


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def assert_literal_html(html: str, *texts: str) -> Page:
    """No element came from user text, and each text shows exactly as typed."""
    page = Page(html)
    assert page.count("script") == 0, "no script in a report, and none made from user text"
    assert "injected" not in page.ids() and "inj-client" not in page.ids()
    assert page.count("i") == 0 and not any(t == "b" and a.get("id") for t, a in page.tags)
    flat = squash(page.text)
    for t in texts:
        assert squash(t) in flat, f"{t[:60]!r} is not shown as typed"
    return page


@pytest.fixture(scope="session")
def h():
    """The helpers and hostile texts, as one fixture (test modules cannot import conftest in importlib mode)."""
    return SimpleNamespace(ROOT=ROOT, DEMO=DEMO, HISTORY=HISTORY, HOSTILE_NOTE=HOSTILE_NOTE,
                           HOSTILE_CLIENT=HOSTILE_CLIENT, LONG_NOTE=LONG_NOTE, build_snapshot=build_snapshot,
                           Page=Page, markdown_to_html=markdown_to_html, assert_literal_html=assert_literal_html,
                           squash=squash, find_chromium=find_chromium)
