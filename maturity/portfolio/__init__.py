"""A consultancy's portfolio: every snapshot under some folders, scored by the engine, in an embedded DuckDB store.

The store holds aggregates only — per snapshot an opaque id, an opaque client key (a hash of the client's and the
system's names), the date, the profile answers that define peer groups, and the scores (overall, per domain, per
scope: stage, practice, level). It never holds a client's name, a note, an evidence or an answer. Paths are kept
only to know which files changed (``files`` table), and are never exported.

Updating re-reads only the files whose content hash changed: a file whose size and modification time are as
stored is not opened; one whose stat changed is hashed, and read again only when the hash differs. When the loaded
plugin content changes (its fingerprints), every snapshot is scored again.
"""

from __future__ import annotations

import csv
import hashlib
import os
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Problem, UsageError

STORE_NAME = ".maturity-portfolio.duckdb"
STORE_VERSION = "1"
PEER_DIMENSIONS = ("customer_form", "sales_cycle", "collaboration", "control_style", "size")
"""Profile questions that define peer groups; ``size`` (or ``company_size``) when a plugin or the snapshot has it."""
MIN_GROUP = 5
"""A group of fewer clients is never shown: its quartiles would say too much about each one."""

SCHEMA = """
CREATE TABLE IF NOT EXISTS info(key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS files(path VARCHAR PRIMARY KEY, size BIGINT, mtime_ns BIGINT, sha256 VARCHAR,
                                 id VARCHAR, status VARCHAR, problem VARCHAR);
CREATE TABLE IF NOT EXISTS snapshots(id VARCHAR, client_key VARCHAR, date DATE, customer_form VARCHAR,
                                     sales_cycle VARCHAR, collaboration VARCHAR, control_style VARCHAR, size VARCHAR,
                                     overall DOUBLE, lowest_stage TINYINT, completeness DOUBLE, assessed INTEGER,
                                     active_scopes INTEGER);
CREATE TABLE IF NOT EXISTS domains(id VARCHAR, domain VARCHAR, level DOUBLE, lowest_stage TINYINT,
                                   completeness DOUBLE);
CREATE TABLE IF NOT EXISTS scopes(id VARCHAR, scope VARCHAR, domain VARCHAR, stage TINYINT, practice TINYINT,
                                  level DOUBLE);
"""

SNAP_COLS = ("id", "client_key", "date", *PEER_DIMENSIONS, "overall", "lowest_stage", "completeness", "assessed",
             "active_scopes")


@dataclass
class BuildStats:
    files: int = 0
    read: int = 0
    unchanged: int = 0
    removed: int = 0
    skipped: list = field(default_factory=list)  # Problems of files that did not load
    rescored: bool = False


def store_path(dirs, store: str | None) -> Path:
    return Path(store) if store else Path(dirs[0]) / STORE_NAME


def scan(dirs) -> list[tuple[str, int, int]]:
    """Every ``*.toml`` under the folders (hidden folders skipped): (resolved path, size, mtime_ns), sorted."""
    out: dict[str, tuple[int, int]] = {}
    for d in dirs:
        root = Path(d)
        if not root.is_dir():
            raise UsageError(Problem(str(root), "", "is not a folder", "give folders that hold snapshots (.toml)"))
        for base, subdirs, files in os.walk(root):
            subdirs[:] = sorted(s for s in subdirs if not s.startswith("."))
            for name in files:
                if name.endswith(".toml") and not name.startswith("."):
                    p = os.path.realpath(os.path.join(base, name))
                    try:
                        st = os.stat(p)
                    except OSError:
                        continue
                    out[p] = (st.st_size, st.st_mtime_ns)
    return [(p, s, m) for p, (s, m) in sorted(out.items())]


def client_key(client: str, system: str) -> str:
    """An opaque key for one client's one system: names compared ignoring case and spacing."""
    norm = "\x1f".join(" ".join(x.split()).casefold() for x in (client, system))
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:16]


def _dim(profile: dict, key: str) -> str | None:
    value = profile.get(key)
    if value is None and key == "size":
        value = profile.get("company_size")
    if value is None:
        return None
    return value if isinstance(value, str) else "+".join(sorted(value)) or None


# ---------------------------------------------------------------- scoring one file (in a worker process)

_CAT = None


def _set_catalogue(cat) -> None:
    global _CAT
    _CAT = cat


def _init_worker(plugins) -> None:
    if _CAT is None:  # spawned, not forked: load the plugins here
        from ..plugins import load_catalogue

        _set_catalogue(load_catalogue(list(plugins)))


def score_file(job):
    """(path, size, mtime_ns) -> the file's rows, or its problem. Never raises for a bad snapshot."""
    path, size, mtime = job
    from ..engine.renames import carry_answers
    from ..engine.scoring import score
    from ..errors import MaturityError
    from ..snapshot.io import BOM, loads_data
    from ..tomlio import read_toml

    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        return path, size, mtime, None, Problem(path, "", f"cannot be read ({exc.strerror or exc})", "check the file"), None
    sha = hashlib.sha256(raw).hexdigest()
    ident = hashlib.sha256(path.encode("utf-8")).hexdigest()[:16]
    try:
        raw = raw[len(BOM):] if raw.startswith(BOM) else raw
        data = _fast_parse(raw)
        if data is None:  # tomllib again, for the one-line problem every other command gives
            data, problem = read_toml(_Bytes(raw), path)
            if problem:
                return path, size, mtime, sha, problem, None
        a = loads_data(data, path)
        cat = _CAT
        a = carry_answers(cat, a)[0]
        res = score(cat, a)
    except MaturityError as exc:
        return path, size, mtime, sha, exc.problems[0], None
    except Exception as exc:  # a snapshot the engine cannot score is skipped, never the whole portfolio
        return path, size, mtime, sha, Problem(path, "", f"could not be scored ({type(exc).__name__}: {exc})",
                                               "run `maturity validate` on it"), None
    o = res.overall
    snap = (ident, client_key(a.meta.client, a.meta.system), a.meta.date.isoformat(),
            *(_dim(a.profile, k) for k in PEER_DIMENSIONS),
            o.level, o.lowest, o.completeness, o.assessed, o.total)
    doms = [(ident, d, agg.level, agg.lowest, agg.completeness) for d, agg in res.domains.items()]
    scopes = [(ident, sid, r.domain, r.reached, r.practice, r.level)
              for sid, r in res.scopes.items() if r.counted]
    return path, size, mtime, sha, None, (snap, doms, scopes)


def _fast_parse(raw: bytes):
    """rtoml (Rust) reads a snapshot ~6x faster than tomllib, to the same data; None when it cannot (then tomllib
    says what is wrong)."""
    try:
        import rtoml
    except ImportError:
        return None
    try:
        return rtoml.loads(raw.decode("utf-8"))
    except Exception:
        return None


class _Bytes:
    """What ``read_toml`` reads from: bytes already in memory."""

    def __init__(self, raw: bytes):
        self.raw = raw

    def read_bytes(self) -> bytes:
        return self.raw


# ---------------------------------------------------------------- the store


def connect(path: Path, read_only: bool = False):
    import duckdb

    try:
        if read_only:
            return duckdb.connect(str(path), read_only=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        con = duckdb.connect(str(path))
    except Exception as exc:  # a locked, unreadable or foreign file
        raise UsageError(Problem(str(path), "", f"cannot be opened as a portfolio store ({_first_line(exc)})",
                                 "close the other program using it, or give another --store PATH")) from None
    con.execute(SCHEMA)
    return con


def _first_line(exc) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def content_fingerprint(cat) -> str:
    parts = sorted(f"{p.name}={p.fingerprint}" for p in cat.plugins if p.status == "on")
    return hashlib.sha256(("|".join(parts) + "|store" + STORE_VERSION).encode()).hexdigest()[:16]


def build(cat, dirs, store: Path, plugins=(), jobs: int | None = None, progress=None) -> BuildStats:
    """Bring the store up to date with the snapshots under ``dirs``; returns what was done."""
    stats = BuildStats()
    found = scan(dirs)
    stats.files = len(found)
    con = connect(store)
    try:
        fp = content_fingerprint(cat)
        row = con.execute("SELECT value FROM info WHERE key = 'content'").fetchone()
        stats.rescored = row is not None and row[0] != fp
        known = {} if row is None or stats.rescored else {
            p: (s, m, h) for p, s, m, h in con.execute("SELECT path, size, mtime_ns, sha256 FROM files").fetchall()}
        todo, stat_only, keep = [], [], set()
        for path, size, mtime in found:
            old = known.get(path)
            if old is not None and old[0] == size and old[1] == mtime:
                keep.add(path)
                continue
            if old is not None and old[2] is not None and _sha_of(path) == old[2]:
                stat_only.append((path, size, mtime))  # touched, same content: not read again
                keep.add(path)
                continue
            todo.append((path, size, mtime))
        stats.unchanged = len(keep)
        found_paths = {p for p, _, _ in found}
        stats.removed = sum(1 for p in known if p not in found_paths)
        _forget(con, [p for p in known if p not in keep] if known else None)
        for path, size, mtime in stat_only:
            con.execute("UPDATE files SET size = ?, mtime_ns = ? WHERE path = ?", [size, mtime, path])
    finally:
        con.close()
    stats.read = len(todo)
    if todo:
        with tempfile.TemporaryDirectory(prefix="maturity-portfolio-") as tmp:
            _score_into_csv(cat, todo, Path(tmp), plugins, jobs, stats, progress)
            con = connect(store)
            try:
                con.execute("BEGIN")
                for table in ("files", "snapshots", "domains", "scopes"):
                    f = Path(tmp) / f"{table}.csv"
                    if f.stat().st_size:
                        con.execute(f"COPY {table} FROM '{_sql_str(f)}' (FORMAT csv, HEADER false, NULLSTR '')")
                con.execute("COMMIT")
            finally:
                con.close()
    con = connect(store)
    try:
        con.execute("INSERT OR REPLACE INTO info VALUES ('content', ?), ('version', ?)", [content_fingerprint(cat),
                                                                                           STORE_VERSION])
    finally:
        con.close()
    return stats


def _sql_str(path: Path) -> str:
    return str(path).replace("'", "''")


def _sha_of(path: str) -> str | None:
    h = hashlib.sha256()
    try:
        with open(path, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                h.update(chunk)
    except OSError:
        return None
    return h.hexdigest()


def _forget(con, paths) -> None:
    """Drop the rows of files gone or about to be read again (``None``: everything)."""
    if paths is None:
        for t in ("files", "snapshots", "domains", "scopes"):
            con.execute(f"DELETE FROM {t}")
        return
    if not paths:
        return
    con.execute("CREATE TEMP TABLE gone(path VARCHAR)")
    con.executemany("INSERT INTO gone VALUES (?)", [[p] for p in paths])
    con.execute("CREATE TEMP TABLE gone_ids AS SELECT id FROM files WHERE path IN (SELECT path FROM gone)")
    for t in ("snapshots", "domains", "scopes"):
        con.execute(f"DELETE FROM {t} WHERE id IN (SELECT id FROM gone_ids)")
    con.execute("DELETE FROM files WHERE path IN (SELECT path FROM gone)")
    con.execute("DROP TABLE gone_ids")
    con.execute("DROP TABLE gone")


def _score_into_csv(cat, todo, tmp: Path, plugins, jobs, stats: BuildStats, progress) -> None:
    names = ("files", "snapshots", "domains", "scopes")
    handles = {n: open(tmp / f"{n}.csv", "w", newline="", encoding="utf-8") for n in names}
    writers = {n: csv.writer(h) for n, h in handles.items()}

    def cell(x):
        return "" if x is None else x

    def take(result):
        path, size, mtime, sha, problem, rows = result
        ident = hashlib.sha256(path.encode("utf-8")).hexdigest()[:16]
        if problem is not None:
            stats.skipped.append(problem)
            writers["files"].writerow([path, size, mtime, cell(sha), ident, "error", problem.line()])
            return
        snap, doms, scopes = rows
        writers["files"].writerow([path, size, mtime, sha, ident, "ok", ""])
        writers["snapshots"].writerow([cell(x) for x in snap])
        writers["domains"].writerows([[cell(x) for x in r] for r in doms])
        writers["scopes"].writerows([[cell(x) for x in r] for r in scopes])

    try:
        jobs = jobs or os.cpu_count() or 1
        _set_catalogue(cat)
        if jobs <= 1 or len(todo) < 200:
            for i, job in enumerate(todo, 1):
                take(score_file(job))
                if progress and i % 1000 == 0:
                    progress(i, len(todo))
        else:
            import multiprocessing as mp

            ctx = mp.get_context("fork" if sys.platform.startswith("linux") else "spawn")
            with ctx.Pool(jobs, initializer=_init_worker, initargs=(tuple(plugins),)) as pool:
                for i, result in enumerate(pool.imap_unordered(score_file, todo, chunksize=32), 1):
                    take(result)
                    if progress and i % 1000 == 0:
                        progress(i, len(todo))
    finally:
        for h in handles.values():
            h.close()


def export_parquet(store: Path, out: Path) -> list[Path]:
    """The store's tables for a warehouse, as Parquet files beside each other: OUT_snapshots.parquet, …
    (an OUT without a suffix is a folder). Paths are never exported: only the opaque ids."""
    con = connect(store, read_only=True)
    written = []
    try:
        base = out
        if out.suffix.lower() == ".parquet":
            stem = out.with_suffix("")
            targets = {t: stem.parent / f"{stem.name}_{t}.parquet" for t in ("snapshots", "domains", "scopes")}
        else:
            base.mkdir(parents=True, exist_ok=True)
            targets = {t: base / f"{t}.parquet" for t in ("snapshots", "domains", "scopes")}
        for t, f in targets.items():
            f.parent.mkdir(parents=True, exist_ok=True)
            con.execute(f"COPY (SELECT * FROM {t} ORDER BY id) TO '{_sql_str(f)}' (FORMAT parquet)")
            written.append(f)
    except UsageError:
        raise
    except Exception as exc:
        raise UsageError(Problem(str(out), "", f"cannot be written ({_first_line(exc)})",
                                 "give a folder or .parquet name you can write")) from None
    finally:
        con.close()
    return written
