"""The HTML report opened in a real headless browser (Debian's chromium; .ci/run installs it).

The browser parses the page and we read back its DOM: what a person sees is the text asserted
here, and hostile user text must be text, never an element.
"""

from __future__ import annotations

import re
import struct
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "assessments" / "demo.toml"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
         "--disable-extensions", "--mute-audio"]


@pytest.fixture(scope="module")
def browser(h, tmp_path_factory):
    exe = h.find_chromium()
    if exe is None:
        pytest.fail("chromium is not installed: `apt-get install -y chromium` (.ci/run does it)")
    profile = tmp_path_factory.mktemp("chromium-profile")

    def run(*args: str) -> subprocess.CompletedProcess:
        proc = subprocess.run([exe, *FLAGS, f"--user-data-dir={profile}", *args], capture_output=True, timeout=120)
        assert proc.returncode == 0, proc.stderr.decode(errors="replace")[-2000:]
        return proc

    return run


def dom(browser, page: Path) -> str:
    return browser("--dump-dom", page.resolve().as_uri()).stdout.decode("utf-8")


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", data[16:24])


@pytest.fixture(scope="module")
def reports(run, snapshot_file, tmp_path_factory):
    out = tmp_path_factory.mktemp("reports")
    paths = {}
    for lang in ("en", "zh"):
        p = out / f"report-{lang}.html"
        run("report", snapshot_file, "-o", p, "--lang", lang, "--history", snapshot_file.parent, check=True)
        paths[lang] = p
    return paths


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_browser_shows_the_report_and_user_text_literally(browser, reports, lang, h):
    seen = dom(browser, reports[lang])
    page = h.assert_literal_html(seen, h.HOSTILE_NOTE, h.HOSTILE_CLIENT, h.LONG_NOTE, "Kick-off </style> notes",
                                 "Salesforce | in-house <console>", "Ann <Sales>")
    text = h.squash(page.text)
    title = {"en": "Maturity report", "zh": "成熟度评估报告"}[lang]
    heads = {"en": ["Summary", "Domains", "Over time", "Scopes", "Roadmap", "Next indicators to track",
                    "The team's answers and evidence", "Scope graph"],
             "zh": ["概要", "业务领域", "历次评估", "业务范畴", "路线图", "下一步建议跟踪的指标", "团队的作答与证据",
                    "业务范畴依赖图"]}[lang]
    h2 = re.findall(r"<h2[^>]*>(.*?)</h2>", seen)
    assert all(x in h2 for x in heads), h2
    h1 = re.search(r"<h1>(.*?)</h1>", seen, re.S).group(1)
    assert title in h1
    assert f"{title} — {h.HOSTILE_CLIENT}" in text  # the title line, as a person reads it
    level = re.search(r'id="overall-level">([0-9.]+)<', seen).group(1)
    assert 0 <= float(level) <= 4
    # the browser kept the document's own structure: one head, one body, no element from user text
    head = seen.split("<body")[0]
    assert page.count("body") == 1 and head.count("<title>") == 1 and page.count("style") == 1
    assert page.count("svg") >= 4


def test_screenshots_in_english_and_chinese(browser, reports, tmp_path):
    for lang, page in reports.items():
        shot = tmp_path / f"report-{lang}.png"
        browser("--window-size=1100,1600", f"--screenshot={shot}", page.resolve().as_uri())
        assert png_size(shot) == (1100, 1600)
        assert shot.stat().st_size > 60_000, "a blank page compresses to almost nothing"


def test_prints_on_a4_with_a_landscape_page_for_the_graph(browser, reports, tmp_path):
    pdf = tmp_path / "report.pdf"
    browser("--no-pdf-header-footer", f"--print-to-pdf={pdf}", reports["en"].resolve().as_uri())
    data = pdf.read_bytes()
    boxes = set(re.findall(rb"/MediaBox\s*\[\s*0 0 ([0-9.]+) ([0-9.]+)\s*\]", data))
    sizes = {(round(float(w)), round(float(h))) for w, h in boxes}
    assert (595, 842) in sizes, sizes  # A4 portrait
    assert (842, 595) in sizes, sizes  # the scope graph's landscape page
    assert len(re.findall(rb"/Type\s*/Page[^s]", data)) >= 4


@pytest.mark.skipif(not DEMO.exists(), reason="assessments/demo.toml is not there yet")
def test_demo_report_in_the_browser(browser, run, tmp_path, h):
    import json

    for lang in ("en", "zh"):
        html, js = tmp_path / f"demo-{lang}.html", tmp_path / f"demo-{lang}.json"
        run("report", DEMO, "-o", html, "--lang", lang, check=True)
        run("report", DEMO, "-o", js, "--lang", lang, check=True)
        data = json.loads(js.read_text(encoding="utf-8"))
        page = h.Page(dom(browser, html))
        text = h.squash(page.text)
        assert h.squash(data["meta"]["client"]) in text
        assert data["summary"]["headline"] in text
        for sc in data["score"]["scopes"].values():
            assert sc["name"] in text
        for wave in data["roadmap"]["waves"]:
            for step in wave["steps"]:
                for todo in step["todo"]:
                    assert h.squash(todo["action"]) in text
        for x in data["answers"]:
            if x["note"]:
                assert h.squash(x["note"]) in text
