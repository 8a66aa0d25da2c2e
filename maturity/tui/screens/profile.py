"""Profile and team: the answers that re-weight scopes (with each rule's effect) and decide the stance."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...model.questions import PROFILE_QUESTIONS, STANCE_LABELS, TEAM_QUESTIONS
from ..i18n import t
from ..state import profile_effects, set_profile, set_team, toggle_profile
from ...model.assessment import profile_answers
from ..widgets.listing import Listing
from ..widgets.render import hang, set_content, set_title
from .base import MaturityScreen


def question_sections(catalogue, lang: str) -> list[tuple[str, str, tuple]]:
    """(title, kind, questions): the shared profile, each domain's own profile questions, the team."""
    out = [(t("pf.profile", lang), "p", PROFILE_QUESTIONS)]
    for d in catalogue.domains.values():
        if d.profile_questions:
            out.append((t("pf.domain_profile", lang, domain=d.name.get(lang)), "p", d.profile_questions))
    out.append((t("pf.team", lang), "t", TEAM_QUESTIONS))
    return out


class ProfileScreen(MaturityScreen):
    MODE = "profile"
    BINDINGS = [
        Binding("1", "pick('1')", "Pick", key_display="1-9 0", id="pick"),
        *(Binding(k, f"pick('{k}')", "Pick", show=False) for k in "234567890"),
    ]

    def body(self) -> ComposeResult:
        with Horizontal(id="pf-body"):
            yield Listing(id="pf-questions")
            yield Listing(id="pf-options")
            with VerticalScroll(id="pf-effect-box"):
                yield Static(id="pf-effect")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#pf-questions").focus()

    # drawing ------------------------------------------------------------
    def _questions(self) -> dict[str, tuple[str, object]]:
        return {f"{kind}:{q.id}": (kind, q) for _, kind, qs in question_sections(self.store.catalogue, self.lang)
                for q in qs}

    def _given(self, kind: str) -> dict:
        a = self.store.assessment
        return a.profile if kind == "p" else a.team

    def refresh_view(self) -> None:
        lang = self.lang
        panel = self.query_one("#pf-questions", Listing)
        set_title(panel, t("pf.hint", lang))
        width = panel.text_width()
        rows = []
        for title, kind, qs in question_sections(self.store.catalogue, lang):
            rows.append(Option(Content.styled(title, "bold underline"), id=f"h:{title}", disabled=True))
            given = self._given(kind)
            for q in qs:
                picked = profile_answers(given.get(q.id))
                labels = [next((o.label.get(lang) for o in q.options if o.id == v), v) for v in picked]
                value = (Content.styled(" + ".join(labels), "$text-success") if labels
                         else Content.styled(t("form.blank", lang), "$text-disabled"))
                rows.append(Option(Content("\n").join([hang(Content("  "), Content(q.text.get(lang)), width),
                                                        hang(Content("    → "), value, width)]), id=f"{kind}:{q.id}"))
        panel.set_rows(rows)
        self._details(panel.highlighted_id)

    def _details(self, key: str | None) -> None:
        lang = self.lang
        questions = self._questions()
        options = self.query_one("#pf-options", Listing)
        set_title(options, t("pf.options", lang))
        if key not in questions:
            options.set_rows([])
            set_content(self.query_one("#pf-effect", Static), Content(""))
            return
        kind, q = questions[key]
        picked = profile_answers(self._given(kind).get(q.id))
        given = picked[0] if picked else None
        width = options.text_width()
        on, off = ("☑ ", "☐ ") if q.multiple else ("● ", "○ ")
        rows = [Option(hang(Content.assemble((f"{i} ", "$text-accent bold"), (on if o.id in picked else off, "bold")),
                            Content(o.label.get(lang)), width), id=f"o:{o.id}")
                for i, o in enumerate(q.options, 1)]
        rows.append(Option(Content.assemble(("0 ", "$text-accent bold"), ("○ " + t("bind.clear", lang), "dim")),
                           id="o:"))
        options.set_rows(rows, keep=f"o:{given}" if given else None)
        self._effect(kind, q)

    def _effect(self, kind: str, q) -> None:
        store, lang = self.store, self.lang
        cat, an = store.catalogue, store.analysis
        lines = [Content.styled(t("pf.effect", lang), "bold underline")]
        if q.help:
            lines.append(Content.styled(q.help.get(lang), "italic $text-muted"))
        if kind == "p":
            rules = profile_effects(cat, q.id)
            if not rules:
                lines.append(Content.styled(t("pf.no_rules", lang), "dim"))
            labels = {o.id: o.label.get(lang) for o in q.options}
            for _, rule in rules:
                on = rule.matches(store.assessment.profile_answers(q.id))
                scopes = ", ".join(cat.scopes[s].name.get(lang) if s in cat.scopes else s for s in rule.scopes)
                lines.append(Content.assemble(
                    ("✔ " if on else "· ", "$text-success" if on else "dim"),
                    (t("pf.rule", lang, answers=" / ".join(labels.get(x, x) for x in rule.answers), scopes=scopes,
                       factor=rule.factor), "bold" if on else ""),
                    ("  " + t("pf.rule_on" if on else "pf.rule_off", lang), "$text-success" if on else "dim")))
                lines.append(Content.styled("   " + rule.why.get(lang), "$text-muted"))
            lines.append(Content(""))
            lines.append(Content.styled(t("pf.weights", lang), "bold"))
            changed = [r for r in an.result.scopes.values() if r.weight_reasons]
            for r in changed:
                factor = 1.0
                for rule in r.weight_reasons:
                    factor *= rule.factor
                what = t("pf.switched_off", lang) if not r.active else f"×{factor:g}"
                lines.append(Content.assemble("  ", cat.scopes[r.scope].name.get(lang), " ",
                                              (what, "$text-error" if not r.active else "$text-accent")))
            if not changed:
                lines.append(Content.styled("  " + t("pf.no_weights", lang), "dim"))
        else:
            s = an.stance
            lines.append(Content(t("pf.stance_now", lang, capable=STANCE_LABELS[s.capable].get(lang),
                                   recommended=STANCE_LABELS[s.recommended].get(lang))))
            for w in s.warnings:
                lines.append(Content.assemble(("⚠\u00a0", "$text-warning bold"), (w.get(lang), "$text-warning")))
            for m in s.missing:
                lines.append(Content.assemble(("· " + t("to_move_up", lang) + ": ", "bold"), m.get(lang)))
        set_content(self.query_one("#pf-effect", Static), Content("\n").join(lines))

    # events -------------------------------------------------------------
    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.id == "pf-questions":
            self._details(event.option.id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id == "pf-questions":
            self.query_one("#pf-options").focus()
        elif event.option_list.id == "pf-options":
            self._set((event.option.id or "o:")[2:] or None)
            self.query_one("#pf-questions").focus()

    def action_pick(self, key: str) -> None:
        qkey = self.query_one("#pf-questions", Listing).highlighted_id
        questions = self._questions()
        if qkey not in questions:
            return
        _, q = questions[qkey]
        if key == "0":
            self._set(None)
        elif int(key) <= len(q.options):
            self._set(q.options[int(key) - 1].id)

    def _set(self, option: str | None) -> None:
        qkey = self.query_one("#pf-questions", Listing).highlighted_id
        questions = self._questions()
        if qkey not in questions:
            return
        kind, q = questions[qkey]
        if kind == "p" and q.multiple and option is not None:
            self.app.change(toggle_profile(self.store.assessment, q.id, option))
            return
        change = set_profile if kind == "p" else set_team
        self.app.change(change(self.store.assessment, q.id, option))
