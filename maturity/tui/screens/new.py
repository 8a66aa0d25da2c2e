"""The new-assessment form: client, system, perspective, domains, profile and team answers.

Shown when ``maturity open FILE`` names a file that does not exist. ``ctrl+s`` (or the Create button)
returns the new assessment; escape returns None and nothing is written.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, Label, Select, SelectionList, Static

from ...model.questions import PERSPECTIVES, PROFILE_QUESTIONS, TEAM_QUESTIONS
from ..i18n import t
from ..state import new_assessment


class NewAssessmentScreen(Screen):
    BINDINGS = [
        Binding("ctrl+s", "create", "Create", id="create"),
        Binding("escape", "cancel", "Cancel", id="cancel"),
    ]

    @property
    def lang(self) -> str:
        return self.app.lang

    def compose(self) -> ComposeResult:
        lang, cat = self.lang, self.app.store.catalogue
        with VerticalScroll(id="form"):
            yield Static(Content.styled(t("form.title", lang, file=str(self.app.store.path)), "bold"), id="form-title")
            yield Label(t("form.client", lang) + " *")
            yield Input(id="client")
            yield Label(t("form.system", lang))
            yield Input(id="system")
            yield Label(t("form.assessor", lang))
            yield Input(id="assessor")
            yield Label(t("form.perspective", lang))
            yield Select([(Content(v.get(lang)), k) for k, v in PERSPECTIVES.items()], value="back_office",
                         allow_blank=False, id="perspective")
            yield Label(t("form.domains", lang))
            yield SelectionList[str](*[(Content(f"{d.name.get(lang)} ({d.id})"), d.id, True)
                                       for d in cat.domains.values()], id="domains")
            yield Static(Content.styled(t("form.profile", lang), "bold underline"), classes="form-section")
            for q in PROFILE_QUESTIONS + tuple(q for d in cat.domains.values() for q in d.profile_questions):
                yield Label(Content(q.text.get(lang)))
                yield Select([(Content(o.label.get(lang)), o.id) for o in q.options], id=f"profile-{q.id}",
                             prompt=t("form.blank", lang))
            yield Static(Content.styled(t("form.team", lang), "bold underline"), classes="form-section")
            for q in TEAM_QUESTIONS:
                yield Label(Content(q.text.get(lang)))
                yield Select([(Content(o.label.get(lang)), o.id) for o in q.options], id=f"team-{q.id}",
                             prompt=t("form.blank", lang))
            yield Static("", id="form-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("form.create", lang), id="create", variant="primary")
                yield Button(t("form.cancel", lang), id="cancel")
        yield Footer()

    def on_mount(self) -> None:
        self.app.localise(self)
        self.query_one("#client", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.focus_next()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_create() if event.button.id == "create" else self.action_cancel()

    def _answers(self, kind: str, questions) -> dict[str, str]:
        out = {}
        for q in questions:
            value = self.query_one(f"#{kind}-{q.id}", Select).value
            if isinstance(value, str):
                out[q.id] = value
        return out

    def action_create(self) -> None:
        lang, cat = self.lang, self.app.store.catalogue
        client = self.query_one("#client", Input).value.strip()
        domains = list(self.query_one("#domains", SelectionList).selected)
        error = self.query_one("#form-error", Static)
        if not client:
            error.update(Content.styled(t("form.client_missing", lang), "$text-error"))
            self.query_one("#client", Input).focus()
            return
        if not domains and cat.domains:
            error.update(Content.styled(t("form.no_domains", lang), "$text-error"))
            self.query_one("#domains").focus()
            return
        profile_qs = PROFILE_QUESTIONS + tuple(q for d in cat.domains.values() for q in d.profile_questions)
        a = new_assessment(
            client, self.query_one("#system", Input).value, str(self.query_one("#perspective", Select).value),
            tuple(domains),
            self._answers("profile", profile_qs), self._answers("team", TEAM_QUESTIONS),
            assessor=self.query_one("#assessor", Input).value, language=lang)
        self.dismiss(a)

    def action_cancel(self) -> None:
        self.dismiss(None)
