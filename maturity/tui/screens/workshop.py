"""Workshop: the people in the room vote on each criterion; split votes are marked, listed and settled."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...engine.votes import consensus
from ..i18n import t
from ..state import ANSWER_KEYS, add_participant, remove_participant, scope_order, set_answer, set_vote
from ..widgets.listing import Listing
from ..widgets.render import answer, hang, rid, set_content, set_title, user
from ..widgets.votes import VotesGrid
from .base import MaturityScreen
from .dialogs import ChoiceDialog, PersonDialog, ReasonDialog

SETTLE_ORDER = ("met", "mostly", "partly", "not_met", "n/a")


class WorkshopScreen(MaturityScreen):
    MODE = "workshop"
    BINDINGS = [
        Binding("1", "vote('1')", "Vote", key_display="1-5 0", id="vote"),
        *(Binding(k, f"vote('{k}')", "Vote", show=False) for k in "23450"),
        Binding("left", "voter(-1)", "←", show=False),
        Binding("right", "voter(1)", "→", show=False),
        Binding("s", "settle", "Settle", id="settle"),
        Binding("plus,insert", "add_person", "Add person", key_display="+", id="add_person"),
        Binding("minus,delete", "remove_person", "Remove person", key_display="-", id="remove_person"),
        Binding("left_square_bracket", "step(-1)", "Prev scope", key_display="[", show=False),
        Binding("right_square_bracket", "step(1)", "Scope", key_display="[ ]", id="step_scope"),
    ]

    voter = 0

    def body(self) -> ComposeResult:
        with Horizontal(id="ws-body"):
            yield Listing(id="ws-people")
            with Vertical(id="ws-middle"):
                yield Static(id="ws-head")
                yield Static(id="ws-grid-header", classes="table-header")
                yield VotesGrid(id="ws-grid")
            yield Listing(id="ws-disagreements")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(VotesGrid).focus()

    def refresh_view(self) -> None:
        store, lang, scope = self.store, self.lang, self.store.current_scope
        a = store.assessment
        people = self.query_one("#ws-people", Listing)
        set_title(people, t("ws.people", lang))
        width = people.text_width()
        rows = [Option(Content("\n").join(
            [hang(Content.styled("▶ " if i == self.voter else "  ", "$text-accent bold"), user(p.name), width)]
            + ([hang(Content("  "), Content.styled(p.role, "dim"), width)] if p.role else [])), id=p.id)
            for i, p in enumerate(a.participants)]
        if not rows:
            rows = [Option(Content.styled(t("ws.no_people", lang), "dim"), id="none", disabled=True)]
        self.voter = min(self.voter, max(len(a.participants) - 1, 0))
        people.set_rows(rows, keep=a.participants[self.voter].id if a.participants else None)
        if scope is None:
            return
        name = store.catalogue.scopes[scope].name.get(lang)
        set_content(self.query_one("#ws-head", Static), Content.assemble(
            (name, "bold"), (rid(self.app, f"  {scope}"), "dim"), "   ", (t("ws.hint", lang), "$text-muted")), layout=False)
        grid = self.query_one(VotesGrid)
        set_title(grid, t("ws.votes", lang))
        set_content(self.query_one("#ws-grid-header", Static), grid.header(store, lang, self.voter), layout=False)
        grid.show(store, scope, lang, self.voter, keep=store.current_criterion)
        store.current_criterion = grid.highlighted_id
        self._show_disagreements()

    def _show_disagreements(self) -> None:
        store, lang = self.store, self.lang
        panel = self.query_one("#ws-disagreements", Listing)
        set_title(panel, t("ws.disagreements", lang) + f" ({len(store.analysis.disagreements)})")
        names = {p.id: p.name for p in store.assessment.participants}
        width = panel.text_width()
        rows = []
        for d in store.analysis.disagreements:
            crit = store.catalogue.criteria.get(d.scope, {}).get(d.criterion)
            title = crit.text.get(lang) if crit else d.criterion
            votes = Content(" · ").join(Content.assemble(user(names.get(p, p)), " ", answer(v, lang)) for p, v in d.votes)
            scope_name = store.catalogue.scopes[d.scope].name.get(lang) if d.scope in store.catalogue.scopes else d.scope
            rows.append(Option(Content("\n").join([
                hang(Content.styled("⚠ ", "$text-error"), Content.assemble((scope_name + ": ", "bold"), title), width),
                hang(Content("  "), votes, width)]), id=f"d:{d.scope}:{d.criterion}"))
        if not rows:
            rows = [Option(Content.styled(t("ws.none", lang), "$text-success"), id="none", disabled=True)]
        panel.set_rows(rows)

    # following ----------------------------------------------------------
    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        oid = event.option.id or ""
        if event.option_list.id == "ws-grid" and not oid.startswith("stage:"):
            self.store.current_criterion = oid
        elif event.option_list.id == "ws-people":
            ids = [p.id for p in self.store.assessment.participants]
            if oid in ids and ids.index(oid) != self.voter:
                self.voter = ids.index(oid)
                self.redraw()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        oid = event.option.id or ""
        if event.option_list.id == "ws-grid":
            self.action_settle()
        elif event.option_list.id == "ws-disagreements" and oid.startswith("d:"):
            _, scope, cid = oid.split(":", 2)
            self.store.current_scope, self.store.current_criterion = scope, cid
            self.redraw()
            grid = self.query_one(VotesGrid)
            grid.highlight_id(cid)
            grid.focus()
        elif event.option_list.id == "ws-people":
            self.query_one(VotesGrid).focus()

    # actions ------------------------------------------------------------
    def _target(self) -> tuple[str, str] | None:
        cid = self.query_one(VotesGrid).highlighted_id
        return (self.store.current_scope, cid) if cid and self.store.current_scope else None

    def action_vote(self, key: str) -> None:
        target = self._target()
        people = self.store.assessment.participants
        if target is None:
            return
        if not people:
            self.notify(t("n.no_participants", self.lang))
            return
        scope, cid = target
        self.app.change(set_vote(self.store.assessment, scope, cid, people[self.voter].id, ANSWER_KEYS[key]))

    def action_voter(self, by: int) -> None:
        n = len(self.store.assessment.participants)
        if n:
            self.voter = (self.voter + by) % n
            self.redraw()

    def action_settle(self) -> None:
        target = self._target()
        if target is None:
            return
        scope, cid = target
        store, lang = self.store, self.lang
        ans = store.assessment.answer_for(scope, cid)
        votes = dict(ans.votes) if ans else {}
        suggestion = consensus(votes)
        names = {p.id: p.name for p in store.assessment.participants}
        options = []
        for word in SETTLE_ORDER:
            who = [names.get(p, p) for p, v in sorted(votes.items()) if v == word]
            label = Content.assemble(answer(word, lang, 14), (f" {len(who)} × " if who else "", "bold"),
                                     user(", ".join(who)))
            if word == suggestion:
                label = Content.assemble(label, ("  ★ " + t("dlg.settle.suggested", lang), "$text-accent"))
            options.append((word, label))
        crit = store.catalogue.criteria[scope][cid]

        def done(word: str | None) -> None:
            if word is None:
                return
            if word == "n/a":
                def reason(text: str | None) -> None:
                    if text:
                        self.app.change(set_answer(self.store.assessment, scope, cid, "n/a", text))

                self.app.push_screen(ReasonDialog(lang, ans.reason if ans else "", crit.text.get(lang)), reason)
                return
            self.app.change(set_answer(self.store.assessment, scope, cid, word))

        note = Content(crit.text.get(lang)) if votes else Content.assemble(crit.text.get(lang), "\n",
                                                                            (t("n.no_votes", lang), "dim"))
        current = suggestion or (ans.answer if ans else None)
        self.app.push_screen(ChoiceDialog(t("dlg.settle.title", lang), lang, options, current, note), done)

    def action_add_person(self) -> None:
        def done(result: tuple[str, str] | None) -> None:
            if result:
                new, pid = add_participant(self.store.assessment, *result)
                self.voter = len(new.participants) - 1
                self.app.change(new)

        self.app.push_screen(PersonDialog(t("dlg.person.title", self.lang), self.lang), done)

    def action_remove_person(self) -> None:
        people = self.store.assessment.participants
        if not people:
            return
        pid = self.query_one("#ws-people", Listing).highlighted_id or people[self.voter].id
        person = next(p for p in people if p.id == pid)
        votes = sum(1 for crits in self.store.assessment.answers.values() for a in crits.values() if pid in a.votes)
        lang = self.lang

        def done(choice: str | None) -> None:
            if choice == "remove":
                self.app.change(remove_participant(self.store.assessment, pid))

        options = [("keep", Content(t("dlg.cancel", lang))),
                   ("remove", Content.styled(t("ws.remove", lang, n=votes), "$text-error"))]
        self.app.push_screen(ChoiceDialog(Content.assemble(t("bind.remove_person", lang), ": ", user(person.name)),
                                          lang, options, "keep"), done)

    def action_step(self, by: int) -> None:
        order = scope_order(self.store.catalogue, self.store.analysis)
        if order:
            i = order.index(self.store.current_scope) if self.store.current_scope in order else 0
            self.store.current_scope = order[(i + by) % len(order)]
            self.store.current_criterion = None
            self.redraw()
