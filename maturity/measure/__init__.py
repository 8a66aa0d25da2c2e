"""`maturity measure`: read a client's exports, match their columns to the probes' tables, run the
probes, and record aggregates (indicator values, suggested answers, provenance) in the snapshot.

DuckDB, python-calamine and charset-normalizer are imported here and in ``sources`` only, so no
other command pays for them. Nothing read from a record is ever returned: only the probes'
aggregates, the files' names, hashes, row counts and date ranges, and column names.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
import threading
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Problem, UsageError
from ..probes import Probe, ProbeData, Table
from .sources import DataError, Source, expand, fail, open_source, scan_sql

DEFAULT_TIMEOUT = 60.0
"""Seconds a probe may run before it is switched off (``--timeout``, ``MATURITY_PROBE_TIMEOUT``)."""

_TS_FORMATS = ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M", "%Y-%m-%d",
               "%Y/%m/%d", "%Y.%m.%d %H:%M:%S", "%Y.%m.%d", "%Y%m%d", "%Y年%m月%d日 %H:%M:%S", "%Y年%m月%d日 %H:%M",
               "%Y年%m月%d日", "%d/%m/%Y %H:%M", "%d/%m/%Y"]
_TRUE = ("1", "true", "t", "yes", "y", "是", "对", "有", "✓", "√")
_FALSE = ("0", "false", "f", "no", "n", "否", "无", "没有", "✗", "×")
EXPECT = {"number": "a number, e.g. 12.5", "integer": "a whole number, e.g. 12",
          "timestamp": "a date/time, e.g. 2026-06-01 09:30 or 2026/06/01 09:30:00",
          "date": "a date, e.g. 2026-06-01", "seconds": "a duration in seconds (e.g. 205) or as h:mm:ss (0:03:25)",
          "bool": "yes/no, 1/0, true/false or 是/否"}


def norm(name: str) -> str:
    """A header as matching sees it: width-folded, lower case, without spaces and punctuation."""
    s = unicodedata.normalize("NFKC", str(name)).lower()
    return re.sub(r"[\s_\-./()（）:：\[\]【】#*]+", "", s)


@dataclass
class TableData:
    table: Table
    sources: list[Source]
    columns: dict[str, str]  # column id -> SQL type name
    rows: int = 0
    period: tuple = (None, None)


@dataclass
class ProbeOutcome:
    probe: Probe
    status: str  # ok | off | skipped
    reason: str = ""
    data: ProbeData | None = None
    seconds: float = 0.0


@dataclass
class MeasureResult:
    sources: list[Source]
    unused: list[tuple[Source, str]]
    tables: dict[str, TableData]
    outcomes: list[ProbeOutcome]
    warnings: list[str] = field(default_factory=list)


def all_tables(probes: list[Probe]) -> dict[str, Table]:
    """Every logical table the probes declare, by id; a table two probes declare is read once, with the union
    of their columns."""
    out: dict[str, Table] = {}
    for p in probes:
        for t in p.tables():
            if t.id not in out:
                out[t.id] = t
            else:
                have = out[t.id]
                extra = tuple(c for c in t.columns if c.id not in {x.id for x in have.columns})
                if extra:
                    import dataclasses

                    out[t.id] = dataclasses.replace(have, columns=have.columns + extra)
    return out


def parse_maps(maps: list[str], tables: dict[str, Table]) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """``--map TABLE=FILE`` and ``--map TABLE.COLUMN=SOURCE_COLUMN``, checked against the declared tables."""
    files: dict[str, str] = {}
    cols: dict[str, dict[str, str]] = {}
    for m in maps:
        key, sep, value = m.partition("=")
        key, value = key.strip(), value.strip()
        if not sep or not key or not value:
            raise UsageError(Problem("--map", m, "is not TABLE.COLUMN=SOURCE_COLUMN or TABLE=FILE",
                                     "e.g. --map leads.owner=跟进人"))
        tid, _, cid = key.partition(".")
        if tid not in tables:
            raise UsageError(Problem("--map", m, f'names the table "{tid}", which no probe reads',
                                     f"use one of {', '.join(sorted(tables))}"))
        if not cid:
            files[tid] = value
            continue
        if cid not in {c.id for c in tables[tid].columns}:
            raise UsageError(Problem("--map", m, f'names the column "{cid}", which table {tid} does not have',
                                     f"use one of {', '.join(c.id for c in tables[tid].columns)}"))
        cols.setdefault(tid, {})[cid] = value
    return files, cols


def map_columns(headers: list[str], table: Table, saved: dict[str, str], given: dict[str, str]) -> dict[str, str]:
    """Logical column -> header: given (``--map``) first, then the snapshot's saved mapping, then names and
    synonyms. A header serves one column."""
    by_norm: dict[str, str] = {}
    for h in headers:
        by_norm.setdefault(norm(h), h)
    out: dict[str, str] = {}
    used: set[str] = set()
    for layer in (given, saved):
        for cid, h in layer.items():
            if cid not in out and h in headers and h not in used:
                out[cid], _ = h, used.add(h)
    for c in table.columns:
        if c.id in out:
            continue
        for name in c.names():
            h = by_norm.get(norm(name))
            if h is not None and h not in used:
                out[c.id] = h
                used.add(h)
                break
    return out


def _stem_names(table: Table) -> set[str]:
    return {norm(x) for x in (table.id, table.en, table.zh, *table.synonyms) if x}


def choose_table(src: Source, tables: dict[str, Table], saved: dict, given_cols: dict, given_files: dict,
                 wanted: dict[str, set[str]]) -> tuple[str, dict[str, str]]:
    """The table a file holds: the one named for it with ``--map TABLE=FILE``, else the one whose columns it
    matches best (a file name naming the table counts as two columns). Fewer than two matches: none."""
    named = [tid for tid, f in given_files.items() if f in (src.name, src.path.stem, str(src.path))]
    if named:
        t = tables[named[0]]
        return t.id, map_columns(src.headers, t, saved.get(t.id, {}), given_cols.get(t.id, {}))
    stem = norm(src.path.stem)
    best, best_score, best_map = "", 0.0, {}
    for t in tables.values():
        mapping = map_columns(src.headers, t, saved.get(t.id, {}), given_cols.get(t.id, {}))
        useful = wanted.get(t.id, set())
        score = sum(1.0 if c in useful else 0.5 for c in mapping)
        if any(n and n in stem for n in _stem_names(t)):
            score += 2
        if score > best_score:
            best, best_score, best_map = t.id, score, mapping
    if best_score < 2:
        return "", {}
    return best, best_map


def header_scorer(tables: dict[str, Table]):
    names = {norm(n) for t in tables.values() for c in t.columns for n in c.names()}
    return lambda headers: sum(1 for h in headers if norm(h) in names)


def _ident(name: str) -> str:
    return '"' + str(name).replace('"', '""') + '"'


def _cast(raw: str, typ: str) -> str:
    t = f"NULLIF(TRIM(CAST({raw} AS VARCHAR)), '')"
    if typ == "text":
        return t
    if typ == "number":
        return f"TRY_CAST(REPLACE(REPLACE({t}, ',', ''), '%', '') AS DOUBLE)"
    if typ == "integer":
        return f"TRY_CAST(TRY_CAST(REPLACE({t}, ',', '') AS DOUBLE) AS BIGINT)"
    if typ in ("timestamp", "date"):
        fmts = ", ".join("'" + f + "'" for f in _TS_FORMATS)
        expr = f"COALESCE(TRY_CAST({t} AS TIMESTAMP), TRY_STRPTIME({t}, [{fmts}]))"
        return f"CAST({expr} AS DATE)" if typ == "date" else expr
    if typ == "seconds":
        return f"COALESCE(TRY_CAST({t} AS DOUBLE), EPOCH(TRY_CAST({t} AS INTERVAL)))"
    if typ == "bool":
        yes = ", ".join(f"'{x}'" for x in _TRUE)
        no = ", ".join(f"'{x}'" for x in _FALSE)
        return f"CASE WHEN LOWER({t}) IN ({yes}) THEN TRUE WHEN LOWER({t}) IN ({no}) THEN FALSE END"
    raise ValueError(typ)


_SQL_TYPES = {"text": "VARCHAR", "number": "DOUBLE", "integer": "BIGINT", "timestamp": "TIMESTAMP", "date": "DATE",
              "seconds": "DOUBLE", "bool": "BOOLEAN"}


def load_table(con, t: Table, sources: list[Source], columns: list[str]) -> TableData:
    """Read the mapped columns of every source of table ``t`` into one typed DuckDB table named ``t.id``.
    A value that does not parse as its column's type is an error naming the file, the column and the row."""
    cols = [c for c in t.columns if c.id in columns]
    con.execute(f"CREATE OR REPLACE TABLE {_ident(t.id)} ({', '.join(f'{_ident(c.id)} {_SQL_TYPES[c.type]}' for c in cols)})")
    total = 0
    for src in sources:
        have = [c for c in cols if c.id in src.mapping]
        stage = "_stage"
        sel = ", ".join(f"{_ident(src.mapping[c.id])} AS {_ident('raw_' + c.id)}" for c in have)
        try:
            con.execute(f"CREATE OR REPLACE TEMP TABLE {stage} AS SELECT {sel} FROM {scan_sql(src)}")
        except Exception as exc:
            fail(src.name, "", f"cannot be read ({_one(exc)})", "check that it is a complete export")
        src.rows = con.execute(f"SELECT count(*) FROM {stage}").fetchone()[0]
        if src.rows == 0:
            fail(src.name, "", "has a header but no rows", "export it again with its records")
        for c in have:
            if c.type == "text":
                continue
            raw = _ident("raw_" + c.id)
            bad = con.execute(
                f"SELECT count(*), min(rn) FROM (SELECT {raw} AS v, {_cast(raw, c.type)} AS x, "
                f"row_number() OVER () AS rn FROM {stage}) WHERE x IS NULL AND NULLIF(TRIM(CAST(v AS VARCHAR)), '') "
                "IS NOT NULL").fetchone()
            if bad[0]:
                fail(src.name, f"column {src.mapping[c.id]!r} ({t.id}.{c.id})",
                     f"{bad[0]:,} of {src.rows:,} values are not {EXPECT[c.type]} (the first in data row {bad[1]:,})",
                     f"fix those values, or map another column with --map {t.id}.{c.id}=COLUMN")
        exprs = ", ".join(_cast(_ident("raw_" + c.id), c.type) if c in have else "NULL" for c in cols)
        con.execute(f"INSERT INTO {_ident(t.id)} SELECT {exprs} FROM {stage}")
        con.execute(f"DROP TABLE {stage}")
        total += src.rows
    period = (None, None)
    if t.time and t.time in columns:
        lo, hi = con.execute(f"SELECT min({_ident(t.time)}), max({_ident(t.time)}) FROM {_ident(t.id)}").fetchone()
        period = (_as_date(lo), _as_date(hi))
    return TableData(t, sources, {c.id: _SQL_TYPES[c.type] for c in cols}, total, period)


def _as_date(v):
    if v is None:
        return None
    return v.date() if isinstance(v, dt.datetime) else v


def _one(exc: Exception) -> str:
    text = str(exc).strip()
    return (text.splitlines()[0] if text else type(exc).__name__)[:160]


def _where_missing(p: Probe, tables: dict[str, "TableData"]) -> str:
    """For a table whose file was read but lacks a column the probe needs: the file, what the column is called,
    and the fix — so a mistyped or renamed header is not silently a probe that did not run."""
    for t, cs in p.needs.items():
        if t.id not in tables:
            continue
        for c in cs:
            if c not in tables[t.id].columns:
                col = t.column(c)
                files = ", ".join(src.path.name for src in tables[t.id].sources)
                return (f" — {files} has no column for {t.id}.{c} ({col.en} / {col.zh}; also read as "
                        f"{', '.join(col.synonyms[:4]) or col.id}): map one with --map {t.id}.{c}=COLUMN")
    return ""


def run_probe(con, p: Probe, tables: dict[str, TableData], timeout: float, catalogue=None) -> ProbeOutcome:
    """Run one probe on its own connection and thread: one that raises, or runs past ``timeout`` seconds, is
    switched off with a one-line reason (and interrupted), and the others go on."""
    missing = [f"{t.id}.{c}" for t, cs in p.needs.items() for c in cs
               if t.id not in tables or c not in tables[t.id].columns]
    if missing:
        return ProbeOutcome(p, "skipped", "needs " + ", ".join(missing) + _where_missing(p, tables))
    cur = con.cursor()
    data = ProbeData(cur, p, tables, catalogue)
    box: dict = {}

    def work():
        try:
            p.compute(data)
        except BaseException as exc:  # noqa: BLE001 — a probe's failure is reported, never raised
            box["error"] = exc

    start = time.perf_counter()
    th = threading.Thread(target=work, name=f"probe {p.id}", daemon=True)
    th.start()
    th.join(timeout)
    took = time.perf_counter() - start
    if th.is_alive():
        try:
            cur.interrupt()
        except Exception:
            pass
        th.join(2)
        return ProbeOutcome(p, "off", f"ran longer than {timeout:g} s and was stopped", seconds=took)
    cur.close()
    if "error" in box:
        exc = box["error"]
        return ProbeOutcome(p, "off", f"raised {type(exc).__name__}: {_one(exc)}", seconds=took)
    declared_i, declared_c = set(p.measures), set(p.informs)
    stray = [i.indicator for i in data.indicators if i.indicator not in declared_i] + \
        [s.criterion for s in data.suggestions if s.criterion not in declared_c] + \
        [x for r in data.relations for x in (r.behaviour, r.result) if x not in declared_i]
    if stray:
        return ProbeOutcome(p, "off", f"recorded {stray[0]}, which it does not declare in measures/informs",
                            seconds=took)
    return ProbeOutcome(p, "ok", data=data, seconds=took)


def in_assessment(probes: list[Probe], a, cat) -> list[Probe]:
    """The probes that inform or measure something of the assessment's domains (all loaded domains when it names
    none): a probe of a domain outside the assessment is neither run nor listed."""
    domains = set(a.meta.domains) or set(cat.domains)
    return [p for p in probes if any(ref.split(".", 1)[0] in domains for ref in (*p.informs, *p.measures))]


def measure(cat, a, paths: list[str], probes: list[Probe], maps: list[str] | None = None,
            timeout: float = DEFAULT_TIMEOUT) -> MeasureResult:
    """Read, match, load and run. Raises DataError (one line, naming the file) on bad data."""
    import duckdb

    probes = in_assessment(probes, a, cat)
    tables = all_tables(probes)
    given_files, given_cols = parse_maps(maps or [], tables)
    saved = dict(a.measured.mapping) if a.measured is not None else {}
    wanted: dict[str, set[str]] = {}
    for p in probes:
        for mapping in (p.needs, p.optional):
            for t, cs in mapping.items():
                wanted.setdefault(t.id, set()).update(cs)
    files = expand(paths)
    con = duckdb.connect(":memory:", config={"threads": 2, "memory_limit": "350MB"})
    with tempfile.TemporaryDirectory(prefix="maturity-measure-") as tmp:
        con.execute(f"SET temp_directory = '{str(Path(tmp) / 'spill')}'")
        scorer = header_scorer(tables)
        sources: list[Source] = []
        unused: list[tuple[Source, str]] = []
        for f in files:
            src = open_source(f, Path(tmp), con, scorer)
            tid, mapping = choose_table(src, tables, saved, given_cols, given_files, wanted)
            if not tid:
                unused.append((src, "its columns match no probe's table"))
                continue
            src.table, src.mapping = tid, mapping
            for cid, header in given_cols.get(tid, {}).items():
                if header not in src.headers:
                    fail(src.name, f"--map {tid}.{cid}={header}", f'names the column "{header}", which the file '
                         "does not have", f"use one of its columns: {', '.join(src.headers[:12])}")
            sources.append(src)
        for tid, f in given_files.items():
            if not any(s.table == tid for s in sources):
                raise UsageError(Problem("--map", f"{tid}={f}", "names a file that is not among the data given",
                                         "give the file's name as listed"))
        loaded: dict[str, TableData] = {}
        for tid in dict.fromkeys(s.table for s in sources):
            srcs = [s for s in sources if s.table == tid]
            columns = sorted({c for s in srcs for c in s.mapping} & wanted.get(tid, set()) |
                             ({tables[tid].time} if tables[tid].time and any(tables[tid].time in s.mapping for s in srcs)
                              else set()))
            loaded[tid] = load_table(con, tables[tid], srcs, columns)
        outcomes = [run_probe(con, p, loaded, timeout, cat) for p in probes]
    con.close()
    return MeasureResult(sources, unused, loaded, outcomes)


def record(a, result: MeasureResult, cat, today: dt.date | None = None):
    """The assessment with the measurement recorded: indicator values, suggested answers and provenance from the
    probes that ran replace what those probes gave before; answers are never touched."""
    from ..model.assessment import (Measured, MeasuredIndicator, MeasuredRelation, MeasuredSource, ProbeRun,
                                    SuggestedAnswer)
    from ..model.content import Text

    old = a.measured or Measured()
    ran = {o.probe.id for o in result.outcomes if o.status != "skipped"}
    indicators = {k: v for k, v in old.indicators.items() if v.probe not in ran}
    suggestions = {s: {c: v for c, v in cs.items() if v.probe not in ran} for s, cs in old.suggestions.items()}
    relations = [r for r in old.relations if r.probe not in ran]
    mapping = {k: dict(v) for k, v in old.mapping.items()}
    for src in result.sources:
        mapping.setdefault(src.table, {}).update(src.mapping)
    tables_read = {s.table for s in result.sources}
    sources = tuple(s for s in old.sources if s.table not in tables_read) + tuple(
        MeasuredSource(file=s.name, table=s.table, sha256=s.sha256, rows=s.rows, format=s.format,
                       encoding=s.encoding or "", period_from=result.tables[s.table].period[0],
                       period_to=result.tables[s.table].period[1]) for s in result.sources)
    probes = dict(old.probes)

    def prov(o: ProbeOutcome, tids) -> dict:
        srcs = [s for s in result.sources if s.table in tids]
        periods = [result.tables[t].period for t in tids if t in result.tables]
        lo = min((p[0] for p in periods if p[0]), default=None)
        hi = max((p[1] for p in periods if p[1]), default=None)
        return {"probe": o.probe.id, "probe_version": o.probe.version, "files": tuple(s.name for s in srcs),
                "sha256": tuple(s.sha256 for s in srcs), "rows": sum(s.rows for s in srcs),
                "period_from": lo, "period_to": hi}

    for o in result.outcomes:
        if o.status == "skipped" and o.probe.id in probes and probes[o.probe.id].status == "ok":
            continue  # measured before from other data: kept
        probes[o.probe.id] = ProbeRun(version=o.probe.version, status=o.status, reason=o.reason)
        if o.status != "ok":
            continue
        all_tids = [t.id for t in o.probe.tables()]
        for iv in o.data.indicators:
            unit = iv.unit or (cat.indicators[iv.indicator].unit if iv.indicator in cat.indicators else "")
            indicators[iv.indicator] = MeasuredIndicator(value=round(iv.value, 4), unit=unit, records=iv.records,
                                                         **prov(o, all_tids))
        for sg in o.data.suggestions:
            scope, crit = sg.criterion.rsplit(".", 1)
            suggestions.setdefault(scope, {})[crit] = SuggestedAnswer(
                answer=sg.answer, evidence=Text(en=sg.en, zh=sg.zh), records=sg.records, share=sg.share,
                **prov(o, all_tids))
        for rel in o.data.relations:
            relations.append(MeasuredRelation(behaviour=rel.behaviour, result=rel.result, grain=rel.grain, n=rel.n,
                                              rho=rel.rho, records=rel.records, **prov(o, all_tids)))
    measured = Measured(date=today or dt.date.today(), mapping=mapping, sources=sources, probes=probes,
                        indicators=dict(sorted(indicators.items())),
                        suggestions={s: dict(sorted(cs.items())) for s, cs in sorted(suggestions.items()) if cs},
                        relations=tuple(sorted(relations, key=lambda r: (r.behaviour, r.result, r.grain))))
    return a.model_copy(update={"measured": measured})
