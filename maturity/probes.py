"""Probes: plugin logic that measures a client's own data exports (CSV, Excel, Parquet).

A probe declares the logical tables and columns it reads (with en/zh names and the synonyms client
exports use), the criteria it informs and the indicators it measures, and a function that computes,
from the data, indicator values and suggested answers with one sentence of evidence. Plugins return
probes from the ``maturity_probes`` hook; ``maturity measure`` runs them (``maturity.measure``).

This module is the public API (re-exported lazily from ``maturity``) and the collection of probes
from the loaded plugins. It imports nothing heavy: the engine (DuckDB) is imported only by
``maturity.measure``, when data is really read. Documented in docs/plugins.md ("Probes").
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Callable, Iterable

from .errors import Problem

COLUMN_TYPES = ("text", "number", "integer", "timestamp", "date", "seconds", "bool")
"""``seconds``: a duration, as a number of seconds or as ``h:mm:ss``. ``bool``: 1/0, true/false, yes/no, 是/否."""

ANSWER_ANCHORS = (0.95, 0.80, 0.50)
"""The general coverage anchors: met ≥ 95% · mostly ≥ 80% · partly ≥ 50% · not met below."""

ANSWER_TEXT = {"met": ("met", "满足"), "mostly": ("mostly", "基本满足"), "partly": ("partly", "部分满足"),
               "not_met": ("not met", "不满足")}

_ID = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
_PROBE_ID = re.compile(r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$")
_CRITERION = re.compile(r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Column:
    """One logical column a probe reads. ``synonyms`` are the header names client exports use for it
    (``owner``: ``负责人``, ``跟进人``, ``assigned_to``…); the id, ``en`` and ``zh`` names match too."""

    id: str
    type: str
    en: str
    zh: str
    synonyms: tuple[str, ...] = ()

    def names(self) -> tuple[str, ...]:
        return (self.id, self.en, self.zh, *self.synonyms)


@dataclass(frozen=True)
class Table:
    """A logical table (an export: leads, calls, tickets…). ``time`` names the column that dates a record
    (the period a measurement covers); ``synonyms`` are words in file names that mean this table."""

    id: str
    en: str
    zh: str
    columns: tuple[Column, ...]
    time: str = ""
    synonyms: tuple[str, ...] = ()
    noun: tuple[str, str] = ("", "")
    """How a sentence counts the records: ("leads", "条线索"). Default: the table's names."""

    def column(self, cid: str) -> Column:
        for c in self.columns:
            if c.id == cid:
                return c
        raise KeyError(cid)

    @property
    def nouns(self) -> tuple[str, str]:
        en, zh = self.noun
        return en or self.en.lower(), zh or f"条{self.zh}"


@dataclass(frozen=True, eq=False)
class Probe:
    """One measurement: reads ``needs`` (table → column ids it cannot do without; ``optional`` ones it uses
    when present), informs ``informs`` (full criterion ids) and measures ``measures`` (full indicator ids)."""

    id: str
    version: str
    en: str
    zh: str
    needs: dict
    compute: Callable
    informs: tuple[str, ...] = ()
    measures: tuple[str, ...] = ()
    optional: dict = field(default_factory=dict)
    plugin: str = ""
    """Set by the core when collected: the plugin that returned it."""

    def tables(self) -> list[Table]:
        return list(dict.fromkeys([*self.needs, *self.optional]))


def probe(*, id: str, version: str, en: str, zh: str, needs: dict, informs: Iterable[str] = (),
          measures: Iterable[str] = (), optional: dict | None = None):
    """Decorator: turn ``def f(data): …`` into a :class:`Probe`."""

    def wrap(fn):
        return Probe(id=id, version=str(version), en=en, zh=zh, needs={t: tuple(c) for t, c in needs.items()},
                     compute=fn, informs=tuple(informs), measures=tuple(measures),
                     optional={t: tuple(c) for t, c in (optional or {}).items()})

    return wrap


# ---------------------------------------------------------------------------------------------------------
# What a probe computes

@dataclass
class IndicatorValue:
    indicator: str
    value: float
    records: int
    unit: str = ""
    period: tuple = (None, None)
    tables: tuple[str, ...] = ()


GRAINS = ("person", "team", "day", "week", "month")
"""What one point of a measured relation stands for: a person (agent, rep), a team, or a period."""

MIN_RELATION_N = 10
"""Below this many persons (or weeks…), a measured relation says "not enough data to say" (docs/rules.md)."""


@dataclass
class Relation:
    """A measured behaviour → result relation: Spearman's rank correlation over ``n`` points of one ``grain``
    (per person, per week…). Only the two numbers per point are kept, never who or which week they were."""

    behaviour: str
    result: str
    grain: str
    n: int
    rho: float | None
    """None below :data:`MIN_RELATION_N` points (or when one side does not vary): not enough data to say."""
    records: int = 0
    period: tuple = (None, None)
    tables: tuple[str, ...] = ()


def _ranks(values: list[float]) -> list[float]:
    """Ranks from 1, ties sharing their mean rank."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return ranks


def spearman(xs, ys) -> float | None:
    """Spearman's rank correlation of two equally long series (Pearson's r of their ranks, ties averaged);
    None when there are fewer than 3 points or one series does not vary."""
    xs, ys = [float(x) for x in xs], [float(y) for y in ys]
    if len(xs) != len(ys):
        raise ValueError("spearman: the two series differ in length")
    if len(xs) < 3:
        return None
    rx, ry = _ranks(xs), _ranks(ys)
    n = len(xs)
    mx, my = sum(rx) / n, sum(ry) / n
    sxy = sum((a - mx) * (b - my) for a, b in zip(rx, ry))
    sxx = sum((a - mx) ** 2 for a in rx)
    syy = sum((b - my) ** 2 for b in ry)
    if sxx == 0 or syy == 0:
        return None
    return max(-1.0, min(1.0, sxy / math.sqrt(sxx * syy)))


@dataclass
class Suggestion:
    criterion: str
    answer: str
    en: str
    zh: str
    records: int
    share: float | None = None
    period: tuple = (None, None)
    tables: tuple[str, ...] = ()


def grade(share: float, anchors: tuple[float, float, float] = ANSWER_ANCHORS) -> str:
    """The answer a coverage share suggests: met ≥ anchors[0] · mostly ≥ anchors[1] · partly ≥ anchors[2]."""
    met, mostly, partly = anchors
    if share >= met:
        return "met"
    if share >= mostly:
        return "mostly"
    if share >= partly:
        return "partly"
    return "not_met"


def pct_text(share: float, anchors: tuple[float, float, float] = ANSWER_ANCHORS) -> str:
    """A share as a percentage that never reads across an anchor (94.96% is "94.9%", not "95%")."""
    whole = f"{share * 100:.0f}%"
    if grade(round(share * 100) / 100, anchors) == grade(share, anchors):
        return whole
    return f"{math.floor(share * 1000) / 10:.1f}%"


def period_text(period, lang: str = "en") -> str:
    a, b = period if period else (None, None)
    if a is None or b is None:
        return ""
    return f"{a.isoformat()} – {b.isoformat()}" if lang == "en" else f"{a.isoformat()}至{b.isoformat()}"


class ProbeData:
    """What a probe's function is given: the client's data as SQL tables named by the table ids, with the
    logical column ids (only the mapped columns, typed), and the calls to record what it finds.

    ``data.sql(query, params)`` runs DuckDB SQL and returns the rows (a list of tuples); ``data.value``
    returns the first column of the first row. ``data.has(table, column)`` tells whether an optional
    column was mapped. Record results with ``indicator`` and ``coverage`` or ``suggest``, and a measured
    behaviour → result relation (per person or per week) with ``relation``.
    """

    def __init__(self, con, probe: Probe, tables: dict, catalogue=None):
        self._con = con
        self.probe = probe
        self._tables = tables  # table id -> TableData (rows, period, columns)
        self._catalogue = catalogue
        self.indicators: list[IndicatorValue] = []
        self.suggestions: list[Suggestion] = []
        self.relations: list[Relation] = []

    # reading
    def sql(self, query: str, params=None) -> list[tuple]:
        return self._con.execute(query, params or []).fetchall()

    def value(self, query: str, params=None):
        row = self._con.execute(query, params or []).fetchone()
        return row[0] if row else None

    def has(self, table: Table | str, column: str) -> bool:
        tid = table.id if isinstance(table, Table) else table
        t = self._tables.get(tid)
        return t is not None and column in t.columns

    def rows(self, table: Table | str) -> int:
        return self._tables[table.id if isinstance(table, Table) else table].rows

    def period(self, table: Table | str) -> tuple:
        return self._tables[table.id if isinstance(table, Table) else table].period

    # recording
    def indicator(self, indicator: str, value, records: int, table: Table | str | None = None,
                  unit: str = "", period=None) -> None:
        """An indicator's measured value (its unit is the content's unless given)."""
        if value is None:
            return
        tid = table.id if isinstance(table, Table) else table or self._first_table()
        self.indicators.append(IndicatorValue(indicator, float(value), int(records), unit,
                                              period or self.period(tid), (tid,)))

    def coverage(self, criterion: str, hits: int, total: int, table: Table, en: str, zh: str,
                 anchors: tuple[float, float, float] = ANSWER_ANCHORS, noun: tuple[str, str] | None = None) -> None:
        """A suggested answer from a share: "82% of 1,240 leads (2026-06-01 – 2026-08-31) have an owner:
        mostly". ``en``/``zh`` complete the sentence ("have an owner" / "有负责人")."""
        if not total:
            return
        share = hits / total
        ans = grade(share, anchors)
        noun_en, noun_zh = noun or table.nouns
        per = self.period(table)
        pe, pz = period_text(per, "en"), period_text(per, "zh")
        sentence_en = f"{pct_text(share, anchors)} of {total:,} {noun_en}{f' ({pe})' if pe else ''} {en}: " \
                      f"{ANSWER_TEXT[ans][0]}"
        sentence_zh = f"{f'{pz}的' if pz else ''}{total:,}{noun_zh}中{pct_text(share, anchors)}{zh}：" \
                      f"{ANSWER_TEXT[ans][1]}"
        self.suggestions.append(Suggestion(criterion, ans, sentence_en, sentence_zh, int(total), round(share, 4),
                                           per, (table.id,)))

    def suggest(self, criterion: str, answer: str, en: str, zh: str, records: int, table: Table | str | None = None,
                share: float | None = None) -> None:
        """A suggested answer with its own sentence of evidence (say the figure and the rule it is read against)."""
        if answer not in ANSWER_TEXT:
            raise ValueError(f"answer {answer!r} is not one of {', '.join(ANSWER_TEXT)}")
        tid = table.id if isinstance(table, Table) else table or self._first_table()
        self.suggestions.append(Suggestion(criterion, answer, f"{en}: {ANSWER_TEXT[answer][0]}",
                                           f"{zh}：{ANSWER_TEXT[answer][1]}", int(records), share,
                                           self.period(tid), (tid,)))

    def relation(self, behaviour: str, result: str, points, grain: str, table: Table | str | None = None,
                 records: int | None = None, period=None) -> None:
        """A measured behaviour → result relation from ``points``: one ``(behaviour value, result value)`` pair
        per person, team or period (``grain``), e.g. calls per agent and conversions per agent. Give only the
        two numbers per point — never a name or an id: they are not kept anyway. Spearman's rank correlation
        is recorded with ``n``; below :data:`MIN_RELATION_N` points it is recorded as "not enough data to
        say". Both indicators must be among the probe's ``measures``. A relation is never a cause."""
        if grain not in GRAINS:
            raise ValueError(f"grain {grain!r} is not one of {', '.join(GRAINS)}")
        pts = [(float(x), float(y)) for x, y in points if x is not None and y is not None]
        rho = spearman([x for x, _ in pts], [y for _, y in pts]) if len(pts) >= MIN_RELATION_N else None
        tid = table.id if isinstance(table, Table) else table or self._first_table()
        self.relations.append(Relation(behaviour, result, grain, len(pts), None if rho is None else round(rho, 3),
                                       int(records if records is not None else self.rows(tid)),
                                       period or self.period(tid), (tid,)))

    def _first_table(self) -> str:
        return next(iter(self.probe.needs)).id


# ---------------------------------------------------------------------------------------------------------
# Checking and collecting

def probe_problems(probes: list, where: str, criteria: set[str] | None = None,
                   indicators: set[str] | None = None) -> list[Problem]:
    """Everything wrong with what a plugin's ``maturity_probes`` returned. With ``criteria`` and
    ``indicators`` (full ids of the loaded content), a probe naming an unknown one is an error."""
    out: list[Problem] = []
    seen: set[str] = set()
    for i, p in enumerate(probes):
        if not isinstance(p, Probe):
            out.append(Problem(where, f"maturity_probes[{i}]", f"is a {type(p).__name__}, not a Probe",
                               "build probes with maturity.probe(...) or maturity.Probe(...)"))
            continue
        at = f'probe "{p.id}"'
        if not isinstance(p.id, str) or not _PROBE_ID.match(p.id):
            out.append(Problem(where, at, "has an id that is not <domain>.<name> in lower case",
                               "name it like crm.lead_completeness"))
        if p.id in seen:
            out.append(Problem(where, at, "is given twice", "give each probe its own id"))
        seen.add(p.id)
        if not callable(p.compute):
            out.append(Problem(where, f"{at}.compute", "is not callable", "pass the function that measures"))
        if not p.needs:
            out.append(Problem(where, f"{at}.needs", "names no table", "name the tables and columns it reads"))
        for kind, mapping in (("needs", p.needs), ("optional", p.optional)):
            for t, cols in mapping.items():
                if not isinstance(t, Table):
                    out.append(Problem(where, f"{at}.{kind}", f"has key {t!r}, not a Table", "key it by a maturity.Table"))
                    continue
                out += _table_problems(t, where)
                known = {c.id for c in t.columns}
                for c in cols:
                    if c not in known:
                        out.append(Problem(where, f"{at}.{kind}[{t.id}]", f'names column "{c}", which table {t.id} '
                                           "does not declare", f"declare it or use one of {', '.join(sorted(known))}"))
        if not p.informs and not p.measures:
            out.append(Problem(where, at, "informs no criterion and measures no indicator",
                               "list the criteria it informs and the indicators it measures"))
        for cid in p.informs:
            if not _CRITERION.match(str(cid)):
                out.append(Problem(where, f"{at}.informs", f'"{cid}" is not a full criterion id',
                                   "write domain.scope.criterion"))
            elif criteria is not None and cid not in criteria:
                out.append(Problem(where, f"{at}.informs", f'unknown criterion "{cid}"',
                                   _nearest(cid, criteria, "name a criterion of the loaded content")))
        for iid in p.measures:
            if not _CRITERION.match(str(iid)):
                out.append(Problem(where, f"{at}.measures", f'"{iid}" is not a full indicator id',
                                   "write domain.scope.indicator"))
            elif indicators is not None and iid not in indicators:
                out.append(Problem(where, f"{at}.measures", f'unknown indicator "{iid}"',
                                   _nearest(iid, indicators, "name an indicator of the loaded content")))
    return _unique(out)


def _unique(problems: list[Problem]) -> list[Problem]:
    return list(dict.fromkeys(problems))


def _nearest(ref: str, known: set[str], fix: str) -> str:
    import difflib

    close = difflib.get_close_matches(ref, sorted(known), n=1)
    return f'did you mean "{close[0]}"?' if close else fix


def _table_problems(t: Table, where: str) -> list[Problem]:
    out = []
    at = f'table "{t.id}"'
    if not _ID.match(t.id or ""):
        out.append(Problem(where, at, "has an id that is not a lower-case id", "use letters, digits and _"))
    ids = [c.id for c in t.columns]
    for c in t.columns:
        if c.type not in COLUMN_TYPES:
            out.append(Problem(where, f"{at}.{c.id}", f'has type "{c.type}"', f"use one of {', '.join(COLUMN_TYPES)}"))
        if not (c.en and c.zh):
            out.append(Problem(where, f"{at}.{c.id}", "needs an English and a Chinese name", "give en and zh"))
        if ids.count(c.id) > 1:
            out.append(Problem(where, f"{at}.{c.id}", "is declared twice", "declare each column once"))
    if t.time and t.time not in ids:
        out.append(Problem(where, f"{at}.time", f'names "{t.time}", which is not one of its columns',
                           "name a timestamp or date column of the table"))
    return out


@dataclass
class ProbeSet:
    probes: list[Probe]
    problems: list[Problem]
    off: dict[str, str]
    """Probes switched off at collection, by id (or ``plugin X`` for a plugin whose hook failed), with the reason."""


def call_probe_hook(name: str, module) -> tuple[list, list[Problem]]:
    """Call one plugin's ``maturity_probes`` implementations, each on its own and time-limited, like its content
    (``plugins.call_hook``). A plugin without the hook gives no probes and no problem."""
    from .plugins import call_hook

    answers, problems, _ = call_hook(name, module, "maturity_probes", "probes", "return a list of maturity.Probe")
    return [p for got in answers for p in got], problems


def collect_probes(catalogue, extra_modules: list[str] | None = None) -> ProbeSet:
    """The probes of every plugin that is on in ``catalogue``. A probe with a problem (an unknown criterion or
    indicator, a column its table lacks…) is switched off with a one-line reason; the others are kept."""
    from .plugins import discover

    on = {p.name for p in catalogue.plugins if p.status == "on"}
    criteria = {f"{sid}.{cid}" for sid, cs in catalogue.criteria.items() for cid in cs}
    indicators = set(catalogue.indicators)
    probes: list[Probe] = []
    problems: list[Problem] = []
    off: dict[str, str] = {}
    seen: set[str] = set()
    for src in discover(extra_modules):
        if src.name not in on or src.module is None:
            continue
        got, hook_problems = call_probe_hook(src.name, src.module)
        problems += hook_problems
        if hook_problems:
            off[f"plugin {src.name}"] = hook_problems[0].line()
        for p in got:
            found = probe_problems([p], f"plugin {src.name}", criteria, indicators)
            pid = getattr(p, "id", repr(p))
            if not found and pid in seen:
                found = [Problem(f"plugin {src.name}", f'probe "{pid}"', "is also given by another plugin",
                                 "give each probe its own id")]
            if found:
                problems += found
                off[str(pid)] = found[0].line() + (f" (and {len(found) - 1} more)" if len(found) > 1 else "")
                continue
            seen.add(pid)
            probes.append(_with_plugin(p, src.name))
    return ProbeSet(probes, problems, off)


def _with_plugin(p: Probe, name: str) -> Probe:
    import dataclasses

    return dataclasses.replace(p, plugin=name)
