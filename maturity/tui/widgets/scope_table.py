"""``ScopeTable``: every domain and scope with its ladder, stage, level, completeness, target and cap."""

from __future__ import annotations

from rich.cells import cell_len
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...engine.explain import stage_word
from ..i18n import t
from ..state import domain_scopes
from .listing import Listing
from .render import STAGE_STYLES, cell, fit, ladder, level_word, percent

COLS = (("ov.col.ladder", 6), ("ov.col.stage", 12), ("ov.col.level", 6), ("ov.col.complete", 7), ("ov.col.target", 12))


def stage_label(r, lang: str) -> str:
    """The stage column: the stage, and "▸practice" when the scope works above it."""
    text = stage_word(r.reached, lang)
    return text + "▸" + stage_word(r.practice, lang) if r.counted and r.practice > r.reached else text


def columns(store, lang: str) -> tuple[tuple[str, int], ...]:
    """COLS with the stage column as wide as its longest label (practice makes it longer)."""
    res = store.analysis.result
    widest = max((cell_len(stage_label(r, lang)) + 1 for r in res.scopes.values()), default=0)
    return tuple((k, max(w, widest) if k == "ov.col.stage" else w) for k, w in COLS)


def name_width(catalogue, store, lang: str) -> int:
    names = [catalogue.scopes[s].name.get(lang) for _, ss in domain_scopes(catalogue, store.analysis) for s in ss]
    return min(max((cell_len(n) for n in names), default=10) + 3, 34)


def header(name_w: int, lang: str, cols=COLS) -> Content:
    parts = [cell(t("ov.col.scope", lang), name_w, "bold")]
    for key, w in cols:
        parts.append(cell(t(key, lang), w, "bold", right=key in ("ov.col.level", "ov.col.complete")))
        parts.append(" ")
    parts.append(cell(t("ov.col.cap", lang), 24, "bold"))
    return Content.assemble(*parts)


class ScopeTable(Listing):
    """Rows are scopes (id = scope id); domain rows are headers."""

    class Opened(Message):
        """A scope row was chosen (enter or click)."""

        def __init__(self, scope: str) -> None:
            super().__init__()
            self.scope = scope

    def show(self, store, lang: str) -> None:
        cat, res = store.catalogue, store.analysis.result
        name_w = name_width(cat, store, lang)
        cols = columns(store, lang)
        stage_w = dict(cols)["ov.col.stage"]
        cap_w = max(self.text_width() - name_w - sum(w + 1 for _, w in cols), 6)
        rows: list[Option] = []
        for d, scopes in domain_scopes(cat, store.analysis):
            agg = res.domains[d]
            rows.append(Option(Content.assemble(
                (cat.domains[d].name.get(lang), "bold underline"), "  ",
                (t("ov.summary", lang, level=level_word(agg.level),
                   lowest=stage_word(agg.lowest, lang) if agg.lowest is not None else "—",
                   assessed=agg.assessed, total=agg.total, complete=agg.completeness * 100), "dim")),
                id=f"domain:{d}", disabled=True))
            for sid in scopes:
                r = res.scopes[sid]
                name = "  " + cat.scopes[sid].name.get(lang)
                caps = ("、" if lang == "zh" else ", ").join(
                    f"{cat.scopes[c.requires].name.get(lang)} → {stage_word(c.requires_stage, lang)}" for c in r.capped_by)
                if not r.active:
                    rows.append(Option(Content.assemble(
                        cell(name, name_w, "$text-disabled"), (f"({t('ov.off', lang)})", "$text-disabled")), id=sid))
                    continue
                if not r.assessed:
                    rows.append(Option(Content.assemble(
                        fit(name, name_w), ladder(-1, False, r.target), " ",
                        (fit(t("ov.not_assessed", lang), stage_w), "dim italic"), " ", cell("—", 6, "dim", right=True), " ",
                        cell(percent(r.completeness), 7, "$text-warning", right=True), " ",
                        cell(stage_word(r.target, lang) if r.target is not None else "—", 12,
                             STAGE_STYLES[r.target] if r.target is not None else "dim")), id=sid))
                    continue
                stage_text = stage_label(r, lang)
                rows.append(Option(Content.assemble(
                    fit(name, name_w),
                    ladder(r.reached, r.capped, r.target, r.practice), " ",
                    (fit(stage_text, stage_w), STAGE_STYLES[r.reached]), " ",
                    cell(f"{r.level:.2f}", 6, "bold", right=True), " ",
                    cell(percent(r.completeness), 7, "" if r.completeness >= 1 else "$text-warning", right=True), " ",
                    cell(stage_word(r.target, lang) if r.target is not None else "—", 12,
                         STAGE_STYLES[r.target] if r.target is not None else "dim"), " ",
                    (fit(caps or "—", cap_w).rstrip(), "$text-error" if caps else "dim"),
                ), id=sid))
        self.set_rows(rows, keep=store.current_scope if self.highlighted is None else None)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id and not event.option.id.startswith("domain:"):
            self.post_message(self.Opened(event.option.id))
