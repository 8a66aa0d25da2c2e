"""Scope: the criteria stage by stage, answered in one key; notes and evidence; the explanation."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import OptionList, Static

from ...engine.explain import practice_text, stage_word
from ..i18n import t
from ..state import ANSWER_KEYS, overall_progress, progress, scope_order, set_answer, set_note
from ..widgets.criteria import CriteriaList, CriterionDetail
from ..widgets.explain import ExplainPanel
from ..widgets.render import STAGE_STYLES, ladder, level_word, set_content, set_title
from ..widgets.scope_list import ScopeList
from .base import MaturityScreen
from .dialogs import NoteDialog, ReasonDialog


def answer_bindings() -> list[Binding]:
    """1 met · 2 mostly · 3 partly · 4 not met · 5 n/a · 0 clear; one footer entry for all six."""
    out = [Binding("1", "answer('1')", "Answer", key_display="1-5 0", id="answer")]
    out += [Binding(k, f"answer('{k}')", "Answer", show=False) for k in "234 50".replace(" ", "")]
    return out


def progress_line(store, scope: str, lang: str, only_unanswered: bool = False) -> Content:
    """"answered 5/7 here · 120/260 overall" (applicable criteria only), and the filter when it is on."""
    done, total = progress(store.catalogue, store.analysis, scope)
    all_done, all_total = overall_progress(store.catalogue, store.analysis)
    parts = [(t("sc.progress", lang, done=done, total=total, all_done=all_done, all_total=all_total),
              "$text-success" if done == total else "")]
    if only_unanswered:
        parts += ["  ", (t("sc.filter_on", lang), "reverse $text-warning")]
    return Content.assemble(*parts)


def scope_head(store, scope: str, lang: str, presenter: bool = False, only_unanswered: bool = False,
               legend: bool = True) -> Content:
    cat, r = store.catalogue, store.analysis.result.scopes[scope]
    s = cat.scopes[scope]
    if not r.active:
        line = [(t("off", lang), "$text-error")]
    elif not r.assessed:
        line = [(t("ov.not_assessed", lang), "bold dim"),
                " · " + t("sc.head", lang, level="—", complete=r.completeness * 100, weight=r.weight)]
    else:
        line = [ladder(r.reached, r.capped, r.target, r.practice), " ",
                (stage_word(r.reached, lang), f"bold {STAGE_STYLES[r.reached]}"),
                " · " + t("sc.head", lang, level=level_word(r.level), complete=r.completeness * 100, weight=r.weight)]
    if r.target is not None:
        line += [" · ", (t("sc.target", lang, stage=stage_word(r.target, lang)), STAGE_STYLES[r.target])]
    if r.capped and r.counted:
        caps = ", ".join(f"{store.catalogue.scopes[c.requires].name.get(lang)} → {stage_word(c.requires_stage, lang)}"
                         for c in r.capped_by)
        line += ["  ", (f"▲ {t('capped_by', lang)} {caps}", "$text-error")]
    gap = practice_text(r, lang, store.catalogue)
    extra = [Content.styled(t("sc.gap", lang, text=gap), "$text-warning")] if gap else []
    return Content("\n").join([
        Content.assemble((s.name.get(lang), "bold"), ("" if presenter else f"  {scope}", "dim")),
        Content.styled(s.description.get(lang), "italic $text-muted"),
        Content.assemble(*line),
        *extra,
        *((progress_line(store, scope, lang, only_unanswered), Content.styled(t("sc.legend", lang), "dim"))
          if legend else ()),
    ])


class ScopeScreen(MaturityScreen):
    MODE = "scope"
    BINDINGS = [
        *answer_bindings(),
        Binding("n", "note", "Note", id="note"),
        Binding("e", "focus_explain", "Explain", id="explain"),
        Binding("u", "filter_unanswered", "Unanswered only", id="unanswered"),
        Binding("left_square_bracket", "step(-1)", "Prev scope", key_display="[", show=False),
        Binding("right_square_bracket", "step(1)", "Scope", key_display="[ ]", id="step_scope"),
        Binding("t", "target", "Target", id="target"),
        Binding("m", "accept_measured", "Accept measured", id="accept_measured", show=False),
    ]

    def body(self) -> ComposeResult:
        with Horizontal(id="sc-body"):
            yield ScopeList(id="sc-scopes")
            with Vertical(id="sc-middle"):
                yield Static(id="sc-head")
                yield CriteriaList(id="sc-criteria")
                yield CriterionDetail(id="sc-detail")
            yield ExplainPanel(id="sc-explain")

    only_unanswered = False
    """The filter (u): the criteria still to answer, stage headers kept."""

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(CriteriaList).focus()

    def _state(self) -> tuple:
        return super()._state() + (self.only_unanswered,)

    # drawing ------------------------------------------------------------
    @property
    def scope(self) -> str | None:
        return self.store.current_scope

    def refresh_view(self) -> None:
        store, lang, scope = self.store, self.lang, self.scope
        self.query_one(ScopeList).show(store, lang, scope)
        set_title(self.query_one(ScopeList), t("sc.scopes", lang))
        set_title(self.query_one(ExplainPanel), t("sc.explain", lang))
        if scope is None:
            set_content(self.query_one("#sc-head", Static), Content(t("sc.no_scopes", lang)))
            return
        presenter = getattr(self.app, "presenter", False)
        set_content(self.query_one("#sc-head", Static),
                    scope_head(store, scope, lang, presenter, self.only_unanswered), layout=False)
        crit_list = self.query_one(CriteriaList)
        set_title(crit_list, t("sc.criteria_unanswered" if self.only_unanswered else "sc.criteria", lang))
        crit_list.show(store, scope, lang, keep=store.current_criterion, only_unanswered=self.only_unanswered)
        store.current_criterion = crit_list.highlighted_id
        self.query_one(CriterionDetail).show(store, scope, store.current_criterion, lang)
        self.query_one(ExplainPanel).show(store, scope, lang)

    # following the lists ------------------------------------------------
    def on_scope_list_picked(self, event: ScopeList.Picked) -> None:
        if self.store.select_scope(event.scope):
            self.redraw()

    def on_scope_list_chosen(self, event: ScopeList.Chosen) -> None:
        self.query_one(CriteriaList).focus()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.id == "sc-criteria" and event.option.id and not event.option.id.startswith("stage:"):
            if event.option.id != self.store.current_criterion:
                self.store.current_criterion = event.option.id
                self.query_one(CriterionDetail).show(self.store, self.scope, event.option.id, self.lang)

    def on_criteria_list_chosen(self, event: CriteriaList.Chosen) -> None:
        self.action_note()

    def on_explain_panel_criterion_chosen(self, event: ExplainPanel.CriterionChosen) -> None:
        self.store.current_criterion = event.criterion
        crit_list = self.query_one(CriteriaList)
        crit_list.highlight_id(event.criterion)
        crit_list.focus()

    def on_explain_panel_scope_chosen(self, event: ExplainPanel.ScopeChosen) -> None:
        self.app.jump(event.scope)

    # actions ------------------------------------------------------------
    def _criterion(self) -> str | None:
        return self.query_one(CriteriaList).highlighted_id if self.scope else None

    def action_answer(self, key: str) -> None:
        cid, scope = self._criterion(), self.scope
        if cid is None or scope is None:
            return
        word = ANSWER_KEYS[key]
        store = self.store
        if word == "n/a":
            old = store.assessment.answer_for(scope, cid)
            text = store.catalogue.criteria[scope][cid].text.get(self.lang)

            def done(reason: str | None) -> None:
                if reason:
                    self._answered(scope, cid, set_answer(self.store.assessment, scope, cid, "n/a", reason))

            self.app.push_screen(ReasonDialog(self.lang, old.reason if old else "", text), done)
            return
        self._answered(scope, cid, set_answer(store.assessment, scope, cid, word))

    def _answered(self, scope: str, cid: str, new) -> None:
        """Apply an answer, then move to the next criterion (answering in a row is one key each)."""
        crit_list = self.query_one(CriteriaList)
        ids = [o.id for o in crit_list.options if not o.disabled]
        if cid in ids and ids.index(cid) + 1 < len(ids) and new.answer_for(scope, cid) is not None:
            self.store.current_criterion = ids[ids.index(cid) + 1]
        if not self.app.change(new):  # the same answer again: still move on
            crit_list.highlight_id(self.store.current_criterion)

    def action_accept_measured(self) -> None:
        """Take the answer `maturity measure` suggests for the highlighted criterion; its sentence becomes the evidence
        when none was written. Nothing happens where the data suggested nothing."""
        cid, scope = self._criterion(), self.scope
        if cid is None or scope is None:
            return
        s = self.store.assessment.suggestion_for(scope, cid)
        if s is None:
            self.notify(Content("m: no measured suggestion for this criterion" if self.lang == "en" else
                                "m：该评估项没有测量建议"), severity="warning")
            return
        new = set_answer(self.store.assessment, scope, cid, s.answer)
        old = new.answer_for(scope, cid)
        if not old.evidence:
            new = set_note(new, scope, cid, old.note, s.evidence.get(self.lang))
        self._answered(scope, cid, new)

    def action_note(self) -> None:
        cid, scope = self._criterion(), self.scope
        if cid is None or scope is None:
            return
        old = self.store.assessment.answer_for(scope, cid)
        text = self.store.catalogue.criteria[scope][cid].text.get(self.lang)

        def done(result: tuple[str, str] | None) -> None:
            if result is not None:
                self.app.change(set_note(self.store.assessment, scope, cid, *result))

        self.app.push_screen(NoteDialog(self.lang, old.note if old else "", old.evidence if old else "", text), done)

    def action_focus_explain(self) -> None:
        panel = self.query_one(ExplainPanel)
        if panel.has_focus:
            self.remove_class("-explain-only")  # the tiniest width shows one of the two at a time
            self.query_one(CriteriaList).focus()
        else:
            self.add_class("-explain-only")
            panel.focus()
            if panel.highlighted_id is None:
                panel.highlight_first()

    def action_step(self, by: int) -> None:
        order = scope_order(self.store.catalogue, self.store.analysis)
        if not order:
            return
        i = order.index(self.scope) if self.scope in order else 0
        self.store.current_scope = order[(i + by) % len(order)]
        self.store.current_criterion = None
        self.redraw()

    def action_filter_unanswered(self) -> None:
        self.only_unanswered = not self.only_unanswered
        store = self.store
        cur = store.current_criterion
        if self.only_unanswered and cur and self.scope and (ans := store.assessment.answer_for(self.scope, cur)) \
                and ans.answer is not None:
            store.current_criterion = None  # the first criterion still to answer
        self.redraw()

    def action_target(self) -> None:
        if self.scope:
            self.app.edit_target(self.scope)

