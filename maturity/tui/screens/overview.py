"""Overview: the chart of domain levels, then every domain and scope on its ladder."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static

from ...engine.explain import stage_word
from ...model.questions import PERSPECTIVES
from ..i18n import t
from ..widgets.chart import LevelChart
from ..widgets.render import level_word, set_content, set_title, stage_cell
from ..widgets.scope_table import ScopeTable, columns, header, name_width
from .base import MaturityScreen


class OverviewScreen(MaturityScreen):
    MODE = "overview"
    BINDINGS = [Binding("t", "target", "Target", id="target")]

    def body(self) -> ComposeResult:
        with Vertical(id="ov-top"):
            yield Static(id="ov-summary")
            yield LevelChart(id="ov-chart")
        yield Static(id="ov-header", classes="table-header")
        yield ScopeTable(id="ov-table")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(ScopeTable).focus()

    def refresh_view(self) -> None:
        store, lang = self.store, self.lang
        cat, an = store.catalogue, store.analysis
        res, a = an.result, an.assessment
        o = res.overall
        lines = [Content.assemble(
            (t("ov.overall", lang) + "  ", "bold"),
            (level_word(o.level), "bold"), "  ",
            (t("lowest", lang) + " ", "dim"), stage_cell(o.lowest, lang),
            " · ", (t("ov.summary_assessed", lang, n=o.assessed, total=o.total), ""),
            "  ", (t("completeness", lang) + f" {o.completeness * 100:.0f}%", ""),
            "  ", (PERSPECTIVES[a.meta.perspective].get(lang), "dim"), "  ", (str(a.meta.date), "dim"))]
        if o.gaps:
            lines.append(Content.styled(t("ov.gaps", lang, n=o.gaps), "$text-warning"))
        if res.missing_domains:
            lines.append(Content.styled(t("ov.missing_domains", lang, domains=", ".join(res.missing_domains)),
                                        "$text-warning"))
        if res.unknown_answers:
            lines.append(Content.styled(t("ov.unknown", lang, n=len(res.unknown_answers)), "$text-warning"))
        set_content(self.query_one("#ov-summary", Static), Content("\n").join(lines))
        rows = [(cat.domains[d].name.get(lang), agg.level, agg.lowest, False) for d, agg in res.domains.items()]
        rows.append((t("ov.overall", lang), o.level, o.lowest, True))
        self.query_one(LevelChart).show(rows, lang)
        set_content(self.query_one("#ov-header", Static), header(name_width(cat, store, lang), lang, columns(store, lang)), layout=False)
        table = self.query_one(ScopeTable)
        set_title(table, t("ov.hint", lang))
        table.show(store, lang)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id and not event.option.id.startswith("domain:"):
            self.store.current_scope = event.option.id

    def on_scope_table_opened(self, event: ScopeTable.Opened) -> None:
        self.app.jump(event.scope)

    def action_target(self) -> None:
        scope = self.query_one(ScopeTable).highlighted_id
        if scope:
            self.app.edit_target(scope)
