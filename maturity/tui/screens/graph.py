"""Graph: for the selected scope, what it needs and what needs it, each with its stage — follow with enter."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...engine.explain import stage_word
from ...model.content import Stage
from ..i18n import t
from ..widgets.listing import Listing
from ..widgets.render import STAGE_STYLES, hang, ladder, scope_name, set_content, set_title
from ..widgets.scope_list import ScopeList
from .base import MaturityScreen
from .scope import scope_head


_LAYERS: dict[int, tuple] = {}


def scope_layers(catalogue) -> list:
    """The catalogue's scope layers, computed once per catalogue (they depend on nothing else; computing them
    imports networkx, ~0.1 s, so the app warms this in a thread after its first frame)."""
    key = id(catalogue)
    hit = _LAYERS.get(key)
    if hit is None or hit[0] is not catalogue:
        hit = _LAYERS[key] = (catalogue, [list(layer) for layer in catalogue.graph.scope_layers()])
    return hit[1]


def dependency_rows(store, scope: str, lang: str, width: int, needed_by: bool, presenter: bool = False) -> list[Option]:
    """One row per dependency: the other scope, its stage, the stage it is needed at, met or not, why."""
    cat, res = store.catalogue, store.analysis.result
    graph = cat.graph
    others = graph.needed_by(scope) if needed_by else graph.needs(scope)
    rows = []
    for other in others:
        deps = (cat.scopes[other].dependencies if needed_by else cat.scopes[scope].dependencies)
        deps = [d for d in deps if d.requires == (scope if needed_by else other)]
        o_res = res.scopes.get(other)
        head = Content.assemble(
            ladder(o_res.reached, o_res.capped, o_res.target, o_res.practice) if o_res else Content("    "), " ",
            (cat.scopes[other].name.get(lang), "bold"), ("" if presenter else f" ({other})", "dim"), "  ",
            (stage_word(o_res.reached, lang), STAGE_STYLES[o_res.reached]) if o_res else ("—", "dim"))
        lines = [hang(Content(""), head, width)]
        for d in deps:
            required = scope if needed_by else other
            r_res = res.scopes.get(required)
            need = Stage[d.requires_stage].value
            met = r_res is not None and r_res.reached >= need
            words = (t("gr.dep_by", lang, stage=stage_word(Stage[d.stage].value, lang), need=stage_word(need, lang))
                     if needed_by else
                     t("gr.dep", lang, stage=stage_word(Stage[d.stage].value, lang),
                       scope=cat.scopes[required].name.get(lang), need=stage_word(need, lang)))
            line = Content.assemble(("✔ " if met else "✘ ", "$text-success" if met else "$text-error"), words, ": ",
                                    (d.why.get(lang), "$text-muted"))
            lines.append(hang(Content("     "), line, width))
        rows.append(Option(Content("\n").join(lines), id=other))
    if not rows:
        rows.append(Option(Content.styled(t("gr.none", lang), "dim"), id="none", disabled=True))
    return rows


class GraphScreen(MaturityScreen):
    MODE = "graph"

    def body(self) -> ComposeResult:
        with Horizontal(id="gr-body"):
            yield ScopeList(id="gr-scopes")
            with Vertical(id="gr-main"):
                yield Static(id="gr-card")
                with Horizontal(id="gr-lists"):
                    yield Listing(id="gr-needs")
                    yield Listing(id="gr-needed-by")
                yield Static(id="gr-layers")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#gr-needs").focus()

    def refresh_view(self) -> None:
        store, lang, scope = self.store, self.lang, self.store.current_scope
        self.query_one(ScopeList).show(store, lang, scope)
        if scope is None:
            return
        set_content(self.query_one("#gr-card", Static), Content.assemble(
            scope_head(store, scope, lang, getattr(self.app, "presenter", False), legend=False), "\n", (t("gr.hint", lang), "$text-muted")))
        for wid, needed_by, title in (("#gr-needs", False, "gr.needs"), ("#gr-needed-by", True, "gr.needed_by")):
            panel = self.query_one(wid, Listing)
            set_title(panel, t(title, lang))
            panel.set_rows(dependency_rows(store, scope, lang, panel.text_width(), needed_by,
                                            getattr(self.app, "presenter", False)))
        self._layers()

    def _layers(self) -> None:
        """The whole graph in layers: each scope needs only scopes in layers to its left; the selected one marked."""
        store, lang = self.store, self.lang
        res = store.analysis.result
        parts: list = [(t("gr.layers", lang), "bold"), "\n"]
        for i, layer in enumerate(scope_layers(store.catalogue), 1):
            parts.append((f"{i}│ ", "$text-muted"))
            for sid in layer:
                if sid not in res.scopes:
                    continue
                r = res.scopes[sid]
                style = STAGE_STYLES[r.reached] + (" reverse bold" if sid == store.current_scope else "")
                parts += [(scope_name(store.catalogue, sid, lang), style), "  "]
            parts.append("\n")
        set_content(self.query_one("#gr-layers", Static), Content.assemble(*parts).rstrip())

    def on_scope_list_picked(self, event: ScopeList.Picked) -> None:
        if self.store.select_scope(event.scope):
            self.redraw()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id in ("gr-needs", "gr-needed-by") and event.option.id in self.store.catalogue.scopes:
            self.store.current_scope = event.option.id
            self.store.current_criterion = None
            self.redraw()
