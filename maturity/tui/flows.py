"""Interactions started from several places (keys, palette, screens): set a target, export a report."""

from __future__ import annotations

from pathlib import Path

from textual.content import Content

from ..engine.explain import stage_word
from .i18n import t
from .screens.dialogs import ChoiceDialog, PathDialog
from .state import set_target
from .widgets.render import STAGE_STYLES


def edit_target(app, scope: str) -> None:
    """Pick a target stage for a scope (or none)."""
    store, lang = app.store, app.lang
    if scope not in store.analysis.result.scopes:
        return
    r = store.analysis.result.scopes[scope]
    options = [("none", Content.styled(t("dlg.target.none", lang), "dim"))]
    for i in range(5):
        label = Content.styled(stage_word(i, lang), STAGE_STYLES[i])
        if i == r.reached:
            label = Content.assemble(label, " ", (t("dlg.target.now", lang), "dim"))
        options.append((str(i), label))
    current = str(r.target) if r.target is not None else "none"
    title = t("dlg.target.title", lang, scope=store.catalogue.scopes[scope].name.get(lang))

    def done(choice: str | None) -> None:
        if choice is None:
            return
        app.change(set_target(app.store.assessment, scope, None if choice == "none" else int(choice)))

    app.push_screen(ChoiceDialog(title, lang, options, current), done)


def error_text(exc: BaseException) -> str:
    """What went wrong, in words: the message, never a Python exception's name in front of it."""
    if isinstance(exc, OSError) and exc.strerror:
        where = exc.filename if exc.filename else ""
        return f"{where}: {exc.strerror.lower()}" if where else exc.strerror
    text = str(exc).strip()
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return "an unexpected problem (see the log)"


def export_report(app) -> None:
    """Ask for a file and write the report with ``maturity.report.writer.export`` (when it exists)."""
    lang = app.lang
    default = str(app.store.path.with_suffix(".html"))

    def done(value: str | None) -> None:
        if not value:
            return
        target = Path(value).expanduser()
        if target.exists():  # never overwrite a file without asking
            options = [("no", Content(t("dlg.overwrite.no", lang))), ("yes", Content(t("dlg.overwrite.yes", lang)))]

            def confirmed(choice: str | None) -> None:
                if choice == "yes":
                    write(target)

            app.push_screen(ChoiceDialog(Content(t("dlg.overwrite.title", lang, file=str(target))), lang, options, "no"),
                            confirmed)
            return
        write(target)

    def write(target: Path) -> None:
        try:
            from ..report.writer import export  # written by another part of the project
        except (ImportError, AttributeError):
            app.notify(t("n.export_missing", lang), severity="warning", timeout=8)
            return
        try:
            out = export(app.store.catalogue, app.store.to_save(), target, lang)
        except Exception as exc:  # noqa: BLE001 - shown to the consultant, never fatal
            app.notify(Content(t("n.export_failed", lang, error=error_text(exc))), severity="error", timeout=10)
            return
        app.notify(t("n.exported", lang, path=str(out)), markup=False, timeout=8)

    app.push_screen(PathDialog(t("dlg.export.title", lang), lang, default, t("dlg.export.path", lang)), done)
