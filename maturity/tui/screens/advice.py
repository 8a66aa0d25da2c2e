"""Advice: the next indicators by type and relation, the team's stance with its warnings, proof pairs."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...model.content import INDICATOR_TYPE_LABELS, RELATION_LABELS, RELATION_ORDER
from ...model.questions import STANCE_LABELS
from ..i18n import t
from ..state import toggle_tracked
from ..widgets.listing import Listing
from ..widgets.render import hang, rid, set_content, set_title
from .base import MaturityScreen

TYPE_ORDER = tuple(INDICATOR_TYPE_LABELS)


def grouped(indicators) -> list[tuple[str, list[tuple[str, list]]]]:
    """Indicators by type, then relation; groups in the order of their best-ranked member."""
    by_type: dict[str, dict[str, list]] = {}
    best: dict[str, tuple[int, int]] = {}
    for i, a in enumerate(indicators):
        by_type.setdefault(a.type, {}).setdefault(a.relation, []).append(a)
        best.setdefault(a.type, (a.rank, i))
    out = []
    for typ in sorted(by_type, key=lambda x: (best[x], TYPE_ORDER.index(x))):
        rels = by_type[typ]
        out.append((typ, [(rel, rels[rel]) for rel in RELATION_ORDER if rel in rels]))
    return out


class AdviceScreen(MaturityScreen):
    MODE = "advice"
    BINDINGS = [Binding("k", "track", "Tracked", id="track")]

    def body(self) -> ComposeResult:
        with Horizontal(id="ad-body"):
            yield Listing(id="ad-indicators")
            with Vertical(id="ad-side"):
                yield Static(id="ad-stance")
                yield Listing(id="ad-points")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#ad-indicators").focus()

    def refresh_view(self) -> None:
        store, lang = self.store, self.lang
        cat, an = store.catalogue, store.analysis
        panel = self.query_one("#ad-indicators", Listing)
        set_title(panel, t("ad.indicators", lang) + " · " + t("ad.hint", lang))
        width = panel.text_width()
        rows: list[Option] = []
        for typ, rels in grouped(an.indicators):
            rows.append(Option(Content.styled(INDICATOR_TYPE_LABELS[typ].get(lang), "bold underline"),
                               id=f"type:{typ}", disabled=True))
            for rel, items in rels:
                rows.append(Option(Content.styled("  " + RELATION_LABELS[rel].get(lang), "bold $text-accent"),
                                   id=f"rel:{typ}:{rel}", disabled=True))
                for a in items:
                    ind = cat.indicators[a.indicator]
                    when = t("now" if a.measurable_now else "next", lang)
                    head = Content.assemble((ind.name.get(lang), "bold"), f" ({ind.unit}) · ",
                                            cat.scopes[a.scope].name.get(lang), " · ",
                                            (when, "$text-success" if a.measurable_now else "$text-warning"))
                    rows.append(Option(Content("\n").join([
                        hang(Content("    ◦ "), head, width),
                        hang(Content("      "), Content.styled(a.reason.get(lang), "$text-muted"), width),
                    ]), id=f"ind:{a.indicator}"))
        if not an.indicators:
            rows.append(Option(Content.styled(t("ad.no_indicators", lang), "dim"), id="none", disabled=True))
        tracked = list(store.assessment.tracked)
        if tracked:
            rows.append(Option(Content.styled(t("ad.tracked", lang) + f" ({len(tracked)})", "bold underline"),
                               id="tracked", disabled=True))
            for fid in tracked:
                ind = cat.indicators.get(fid)
                name = ind.name.get(lang) if ind else fid
                rows.append(Option(Content.assemble(("    ✔ ", "$text-success"), name, (rid(self.app, f"  {fid}"), "dim")),
                                   id=f"ind:{fid}"))
        panel.set_rows(rows)
        self._stance()

    def _stance(self) -> None:
        store, lang = self.store, self.lang
        cat, an = store.catalogue, store.analysis
        s = an.stance
        lines = [Content.styled(t("stance_head", lang), "bold underline"),
                 Content(t("stance_line", lang, current=STANCE_LABELS[s.current].get(lang),
                           capable=STANCE_LABELS[s.capable].get(lang),
                           recommended=STANCE_LABELS[s.recommended].get(lang)))]
        for w in s.warnings:
            lines.append(Content.assemble(("⚠\u00a0", "$text-warning bold"), (w.get(lang), "$text-warning")))
        for m in s.missing:
            lines.append(Content.assemble(("· " + t("to_move_up", lang) + ": ", "bold"), m.get(lang)))
        if s.unanswered:
            lines.append(Content.styled(t("ad.unanswered", lang, n=len(s.unanswered)), "$text-muted"))
        if an.assessment.meta.perspective == "enterprise_service":
            lines.append(Content.styled(t("customer_success", lang), "italic"))
        set_content(self.query_one("#ad-stance", Static), Content("\n").join(lines))
        side = self.query_one("#ad-points", Listing)
        set_title(side, t("ad.points", lang) + " · " + t("ad.pairs", lang))
        width = side.text_width()
        rows: list[Option] = [Option(Content.styled("★ " + t("single_points", lang), "bold"), id="h:points",
                                     disabled=True)]
        for p in s.single_points:
            rows.append(Option(Content.assemble("  ", (cat.scopes[p].name.get(lang), "bold"), (rid(self.app, f"  {p}"), "dim")),
                               id=f"pt:{p}"))
        if not s.single_points:
            rows.append(Option(Content.styled("  " + t("ad.none", lang), "dim"), id="h:nopoints", disabled=True))
        rows.append(Option(Content.styled(t("pairs_head", lang), "bold"), id="h:pairs", disabled=True))
        for i, p in enumerate(an.pairs):  # a scope may have several pairs: the index keeps ids unique
            head = Content.assemble((cat.indicators[p.behaviour].name.get(lang), "bold"), " → ",
                                    (cat.indicators[p.result].name.get(lang), "bold"))
            rows.append(Option(Content("\n").join([
                hang(Content("  "), head, width),
                hang(Content("  "), Content.styled(p.reason.get(lang), "$text-muted"), width)]), id=f"pair:{i}:{p.scope}"))
        if not an.pairs:
            rows.append(Option(Content.styled("  " + t("ad.none", lang), "dim"), id="h:nopairs", disabled=True))
        side.set_rows(rows)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        oid = event.option.id or ""
        if oid.startswith("pt:"):
            self.app.jump(oid.split(":", 1)[1])
        elif oid.startswith("pair:"):
            self.app.jump(oid.split(":", 2)[2])
        elif oid.startswith("ind:"):
            fid = oid[4:]
            self.app.jump(fid.rsplit(".", 1)[0])

    def action_track(self) -> None:
        oid = self.query_one("#ad-indicators", Listing).highlighted_id or ""
        if oid.startswith("ind:"):
            self.app.change(toggle_tracked(self.store.assessment, oid[4:]))

