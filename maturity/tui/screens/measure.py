"""Measure from the TUI: give export files or a folder, see the column mapping and what each probe found, and record
it in the assessment (the same engine as `maturity measure`; answers are never changed, suggestions wait for `m`).

Reached by ``M`` and the palette ("Measure the client's data…"). The reading runs in a worker thread, so the screen
stays live on a large call log. Everything shown is text from files and plugins — file names, column headers —
so it goes in as ``Content``, never as markup.
"""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

WORDS: dict[str, tuple[str, str]] = {
    "title": ("Measure the client's data", "测量客户数据"),
    "intro": ("Export files (CSV, xlsx, Parquet) or a folder of them, separated by spaces; Enter reads them, matches "
              "their columns and runs the probes. Nothing is recorded until you accept.",
              "导出文件（CSV、xlsx、Parquet）或所在文件夹，多个用空格分隔；回车读取、匹配列并运行探针。接受之前不会记录任何内容。"),
    "placeholder": ("files or folder, e.g. assessments/data", "文件或文件夹，例如 assessments/data"),
    "reading": ("Reading and measuring {paths}…", "正在读取并测量 {paths}……"),
    "no_probes": ("No loaded plugin has a probe.", "已加载的插件都没有探针。"),
    "empty": ("Give a file or a folder.", "请给出文件或文件夹。"),
    "ready": ("Check the mapping above. a: accept and record {i} indicator values, {s} suggested answers · "
              "Enter: measure again · Esc: close",
              "请核对上面的列映射。a：接受并记录 {i} 个指标值、{s} 条建议作答 · 回车：重新测量 · Esc：关闭"),
    "recorded": ("Recorded: {i} indicator values, {s} suggested answers — answers unchanged; accept suggestions on "
                 "each criterion with m.", "已记录：{i} 个指标值、{s} 条建议作答——原有作答未改动；在各评估项上按 m 接受建议。"),
    "nothing": ("Nothing to accept yet: measure first (Enter).", "还没有可接受的结果：请先测量（回车）。"),
    "off": ("probe {id} switched off: {reason}", "探针 {id} 已关闭：{reason}"),
}


def mw(key: str, lang: str, **kw) -> str:
    en, zh = WORDS[key]
    return (zh if lang == "zh" else en).format(**kw)


def split_paths(text: str) -> list[str]:
    """Paths from the input: separated by spaces, a quoted path may hold spaces ("my exports/calls.csv")."""
    import shlex

    try:
        return shlex.split(text)
    except ValueError:
        return text.split()


class MeasureScreen(ModalScreen):
    """Pick files, confirm the mapping, see each probe's findings, accept to record them."""

    DEFAULT_CSS = """
    MeasureScreen { align: center middle; background: $background 60%; }
    #measure-box { width: 110; max-width: 95%; height: 90%; border: thick $primary; background: $surface;
                   padding: 1 2; }
    #measure-intro, #measure-status { margin-bottom: 1; }
    #measure-paths { margin-bottom: 1; }
    """
    BINDINGS = [Binding("escape", "dismiss", "Close", id="close"),
                Binding("a", "accept", "Accept", id="accept_measure")]

    def __init__(self) -> None:
        super().__init__()
        self.pending = None
        """(new assessment, indicator count, suggestion count) from the last run, until accepted."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="measure-box"):
            yield Static(id="measure-title")
            yield Static(id="measure-intro")
            yield Input(id="measure-paths")
            yield Static(id="measure-status")
            yield Static(id="measure-result")

    def on_mount(self) -> None:
        lang = self.app.lang
        self.query_one("#measure-title", Static).update(Content.styled(mw("title", lang), "bold underline"))
        self.query_one("#measure-intro", Static).update(Content(mw("intro", lang)))
        box = self.query_one("#measure-paths", Input)
        box.placeholder = mw("placeholder", lang)
        box.focus()

    def _status(self, text: str) -> None:
        self.query_one("#measure-status", Static).update(Content(text))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        paths = split_paths(event.value)
        lang = self.app.lang
        if not paths:
            self._status(mw("empty", lang))
            return
        self.pending = None
        self.query_one("#measure-result", Static).update(Content(""))
        self._status(mw("reading", lang, paths=" ".join(Path(p).name or p for p in paths)))
        self.run_measure(paths)

    @work(thread=True, exclusive=True, group="measure")
    def run_measure(self, paths: list[str]) -> None:
        """Read, match and run in a thread; a bad file is one line, the assessment untouched."""
        import os

        from ...errors import MaturityError
        from ...measure import DEFAULT_TIMEOUT, measure, record
        from ...measure.output import text_lines
        from ...probes import collect_probes

        store = self.app.store
        lang = self.app.lang
        try:
            found = collect_probes(store.catalogue)
            if not found.probes:
                self.app.call_from_thread(self._done, None, [mw("no_probes", lang)], None)
                return
            timeout = float(os.environ.get("MATURITY_PROBE_TIMEOUT") or DEFAULT_TIMEOUT)
            result = measure(store.catalogue, store.assessment, paths, found.probes, [], timeout)
            new = record(store.assessment, result, store.catalogue)
        except MaturityError as exc:
            self.app.call_from_thread(self._done, None, [p.line() for p in exc.problems] or [str(exc)], None)
            return
        except Exception as exc:  # noqa: BLE001 — a file the engine cannot read is a message, never a crash
            from ..flows import error_text

            self.app.call_from_thread(self._done, None, [error_text(exc)], None)
            return
        lines = [mw("off", lang, id=pid, reason=why) for pid, why in found.off.items()]
        lines += [mw("off", lang, id=o.probe.id, reason=o.reason) for o in result.outcomes if o.status == "off"]
        lines += text_lines(result, new, store.catalogue, lang)
        n_i = sum(len(o.data.indicators) for o in result.outcomes if o.status == "ok")
        n_s = sum(len(o.data.suggestions) for o in result.outcomes if o.status == "ok")
        self.app.call_from_thread(self._done, new, lines, (n_i, n_s))

    def _done(self, new, lines: list[str], counts) -> None:
        lang = self.app.lang
        self.query_one("#measure-result", Static).update(Content("\n".join(lines)))
        if new is None:
            self._status("")
            return
        self.pending = (new, *counts)
        self._status(mw("ready", lang, i=counts[0], s=counts[1]))
        self.query_one("#measure-box").focus()

    def action_accept(self) -> None:
        lang = self.app.lang
        if self.pending is None:
            self._status(mw("nothing", lang))
            return
        new, n_i, n_s = self.pending
        self.pending = None
        self.app.change(new)
        self.app.notify(mw("recorded", lang, i=n_i, s=n_s), markup=False)
        self.dismiss()
