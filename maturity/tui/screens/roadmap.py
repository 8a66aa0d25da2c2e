"""Roadmap: the waves of steps to the targets, each step with its to-do list; targets edited beside it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...engine.explain import stage_word
from ..i18n import t
from ..state import domain_scopes, shift_target
from ..widgets.listing import Listing
from ..widgets.render import STAGE_STYLES, answer, cell, fit, hang, rid, scope_name, set_content, set_title
from .base import MaturityScreen


class RoadmapScreen(MaturityScreen):
    MODE = "roadmap"
    BINDINGS = [
        Binding("t", "target", "Target", id="target"),
        Binding("plus,equals_sign", "shift(1)", "Raise target", key_display="+", id="raise"),
        Binding("minus", "shift(-1)", "Lower target", key_display="-", id="lower"),
        Binding("delete,backspace", "clear_target", "Clear", key_display="del", id="clear"),
    ]

    def body(self) -> ComposeResult:
        with Horizontal(id="rm-body"):
            with Vertical(id="rm-main"):
                yield Static(id="rm-note")
                yield Listing(id="rm-waves")
            with Vertical(id="rm-side"):
                yield Static(id="rm-targets-header", classes="table-header")
                yield Listing(id="rm-targets")
                yield Static(id="rm-hint")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#rm-waves").focus()

    def refresh_view(self) -> None:
        store, lang = self.store, self.lang
        cat, an = store.catalogue, store.analysis
        rm = an.roadmap
        note = t("default_targets", lang) if rm.default_targets else ""
        if not rm.waves:
            note = (note + "  " if note else "") + t("no_steps", lang)
        set_content(self.query_one("#rm-note", Static), Content.styled(note, "italic $text-muted"), layout=False)
        waves = self.query_one("#rm-waves", Listing)
        set_title(waves, t("rm.waves", lang))
        width = waves.text_width()
        rows: list[Option] = []
        for i, wave in enumerate(rm.waves, 1):
            rows.append(Option(Content.styled(t("wave", lang, n=i), "bold underline"), id=f"wave:{i}", disabled=True))
            for step in wave:
                crit = cat.criteria[step.scope]
                head = Content.assemble(
                    ("▸ ", "$text-accent"), (cat.scopes[step.scope].name.get(lang), "bold"), (rid(self.app, f" ({step.scope})"), "dim"),
                    " → ", (stage_word(step.stage, lang), f"bold {STAGE_STYLES[step.stage]}"),
                    ("  " + t("rm.todo_count", lang, n=len(step.todo)), "$text-warning" if step.todo else "dim"),
                    (f"  [{t('pulled_in', lang)}]" if step.pulled_in else "", "$text-muted italic"))
                lines = [hang(Content(""), head, width)]
                for s, st in step.waits_on:
                    lines.append(Content.styled("    ↳ " + t("rm.waits", lang, scope=scope_name(cat, s, lang),
                                                               stage=stage_word(st, lang)), "$text-muted"))
                if not step.todo:
                    lines.append(Content.styled(f"    ✓ {t('criteria_met_waits', lang)}", "$text-success"))
                rows.append(Option(Content("\n").join(lines), id=f"step:{step.scope}:{step.stage}"))
                for todo in step.todo:
                    c = crit[todo.criterion]
                    rows.append(Option(Content("\n").join([
                        hang(Content.assemble("    ☐ ", answer(todo.answer, lang), " "), c.text.get(lang), width),
                        hang(Content("       "), Content.styled("→ " + c.action.get(lang), "$text-muted"), width),
                    ]), id=f"todo:{step.scope}:{todo.criterion}"))
        waves.set_rows(rows)
        self._targets()

    def _targets(self) -> None:
        store, lang = self.store, self.lang
        cat, res = store.catalogue, store.analysis.result
        table = self.query_one("#rm-targets", Listing)
        set_title(table, t("rm.targets", lang))
        name_w = max(table.text_width() - 26, 10)
        set_content(self.query_one("#rm-targets-header", Static), Content.assemble(
            cell(t("rm.col.scope", lang), name_w + 1, "bold"), cell(t("rm.col.now", lang), 13, "bold"),
            cell(t("rm.col.target", lang), 12, "bold")), layout=False)
        rows: list[Option] = []
        for d, scopes in domain_scopes(cat, store.analysis):
            rows.append(Option(Content.styled(cat.domains[d].name.get(lang), "bold"), id=f"domain:{d}", disabled=True))
            for sid in scopes:
                r = res.scopes[sid]
                if not r.active:
                    continue
                target = (Content.styled(fit(stage_word(r.target, lang), 12), f"bold {STAGE_STYLES[r.target]}")
                          if r.target is not None else Content.styled(fit("—", 12), "dim"))
                rows.append(Option(Content.assemble(
                    fit(cat.scopes[sid].name.get(lang), name_w), " ",
                    (fit(stage_word(r.reached, lang), 12), STAGE_STYLES[r.reached]), " ", target), id=sid))
        table.set_rows(rows, keep=store.current_scope if table.highlighted is None else None)
        set_content(self.query_one("#rm-hint", Static), Content.styled(t("rm.hint", lang), "$text-muted"), layout=False)

    # events -------------------------------------------------------------
    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        oid = event.option.id or ""
        if event.option_list.id == "rm-targets" and not oid.startswith("domain:"):
            self.store.current_scope = oid

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        oid = event.option.id or ""
        if oid.startswith("step:"):
            self.app.jump(oid.split(":")[1])
        elif oid.startswith("todo:"):
            _, scope, cid = oid.split(":", 2)
            self.app.jump(scope, cid)
        elif event.option_list.id == "rm-targets" and not oid.startswith("domain:"):
            self.app.edit_target(oid)

    # actions ------------------------------------------------------------
    def _scope(self) -> str | None:
        table = self.query_one("#rm-targets", Listing)
        if table.has_focus:
            return table.highlighted_id
        waves = self.query_one("#rm-waves", Listing)
        oid = waves.highlighted_id or ""
        if oid.startswith(("step:", "todo:")):
            return oid.split(":")[1]
        return self.store.current_scope

    def action_target(self) -> None:
        scope = self._scope()
        if scope:
            self.app.edit_target(scope)

    def action_shift(self, by: int) -> None:
        scope = self._scope()
        if scope and scope in self.store.analysis.result.scopes:
            r = self.store.analysis.result.scopes[scope]
            self.app.change(shift_target(self.store.assessment, scope, r.reached, by))

    def action_clear_target(self) -> None:
        from ..state import set_target

        scope = self._scope()
        if scope:
            self.app.change(set_target(self.store.assessment, scope, None))
