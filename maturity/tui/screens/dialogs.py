"""Small modal dialogs: a reason, a note and evidence, a choice, a participant, a file name.

Each returns its result through ``dismiss`` (``None`` when cancelled with escape). Titles and
prefilled values that come from the user are shown literally (``Content``/``Input(value=…)``).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from ..i18n import t


class Dialog(ModalScreen):
    """A centred box with a title; escape cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel")]

    def __init__(self, title: Content | str, lang: str) -> None:
        super().__init__(classes="dialog")
        self.title_content = title if isinstance(title, Content) else Content(title)
        self.lang = lang

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog-box"):
            yield Static(self.title_content, id="dialog-title")
            yield from self.fields()
            yield Static("", id="dialog-error")

    def fields(self) -> ComposeResult:
        yield from ()

    def on_mount(self) -> None:
        self.app.localise(self)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def error(self, text: str) -> None:
        self.query_one("#dialog-error", Static).update(Content.styled(text, "$text-error"))


class ReasonDialog(Dialog):
    """Why a criterion does not apply (required for n/a)."""

    def __init__(self, lang: str, reason: str = "", subject: str = "") -> None:
        super().__init__(t("dlg.reason.title", lang), lang)
        self.reason, self.subject = reason, subject

    def fields(self) -> ComposeResult:
        if self.subject:
            yield Static(Content(self.subject), classes="dialog-subject")
        yield Input(value=self.reason, placeholder=t("dlg.reason.placeholder", self.lang), id="reason")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text:
            self.error(t("dlg.reason.empty", self.lang))
            return
        self.dismiss(text)


class NoteDialog(Dialog):
    """The note and the evidence shown for one criterion."""

    BINDINGS = [Binding("ctrl+s", "save", "Save", id="save")]

    def __init__(self, lang: str, note: str, evidence: str, subject: str = "") -> None:
        super().__init__(t("dlg.note.title", lang), lang)
        self.note, self.evidence, self.subject = note, evidence, subject

    def fields(self) -> ComposeResult:
        if self.subject:
            yield Static(Content(self.subject), classes="dialog-subject")
        yield Label(t("dlg.note.note", self.lang))
        yield TextArea(self.note, id="note", soft_wrap=True, show_line_numbers=False)
        yield Label(t("dlg.note.evidence", self.lang))
        yield TextArea(self.evidence, id="evidence", soft_wrap=True, show_line_numbers=False)
        with Horizontal(classes="dialog-buttons"):
            yield Button(t("dlg.save", self.lang) + " (ctrl+s)", id="save", variant="primary")
            yield Button(t("dlg.cancel", self.lang) + " (esc)", id="cancel")

    def action_save(self) -> None:
        self.dismiss((self.query_one("#note", TextArea).text, self.query_one("#evidence", TextArea).text))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_save() if event.button.id == "save" else self.dismiss(None)


class ChoiceDialog(Dialog):
    """Pick one of a few options (enter or click); returns the option's id."""

    def __init__(self, title: Content | str, lang: str, options: list[tuple[str, Content]], current: str | None = None,
                 note: Content | None = None) -> None:
        super().__init__(title, lang)
        self.choices, self.current, self.note = options, current, note

    def fields(self) -> ComposeResult:
        if self.note is not None:
            yield Static(self.note, classes="dialog-subject")
        yield OptionList(*(Option(prompt, id=oid) for oid, prompt in self.choices), id="choices")

    def on_mount(self) -> None:
        super().on_mount()
        ol = self.query_one("#choices", OptionList)
        if self.current is not None:
            try:
                ol.highlighted = ol.get_option_index(self.current)
            except Exception:  # noqa: BLE001
                pass
        ol.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)


class PersonDialog(Dialog):
    """A participant's name and role."""

    def fields(self) -> ComposeResult:
        yield Input(placeholder=t("dlg.person.name", self.lang), id="name")
        yield Input(placeholder=t("dlg.person.role", self.lang), id="role")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        name = self.query_one("#name", Input).value.strip()
        if event.input.id == "name" and name:
            self.query_one("#role", Input).focus()
            return
        if not name:
            self.error(t("dlg.person.name", self.lang) + "?")
            self.query_one("#name", Input).focus()
            return
        self.dismiss((name, self.query_one("#role", Input).value.strip()))


class PathDialog(Dialog):
    """A file name (for the report export)."""

    def __init__(self, title: str, lang: str, value: str, placeholder: str = "") -> None:
        super().__init__(title, lang)
        self.value, self.placeholder = value, placeholder

    def fields(self) -> ComposeResult:
        yield Input(value=self.value, placeholder=self.placeholder, id="path")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self.dismiss(event.value.strip())
