"""Reading a client's exports: CSV (UTF-8, GBK and other encodings), Excel (first-row or multi-row
headers) and Parquet, or a folder of them. Every failure is one line naming the file, what was
expected and the fix; nothing here returns a record's content, only column names and counts."""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import MaturityError, Problem

SUFFIXES = {".csv": "csv", ".txt": "csv", ".tsv": "csv", ".xlsx": "xlsx", ".xlsm": "xlsx", ".xls": "xlsx",
            ".parquet": "parquet", ".pq": "parquet"}
SAMPLE = 1 << 20
GB = ("gb2312", "gbk", "gb18030", "hz", "cp936")


class DataError(MaturityError):
    """A data export cannot be read as it should (the snapshot is left untouched)."""


def fail(name: str, where: str, what: str, fix: str):
    raise DataError(Problem(name, where, what, fix))


@dataclass
class Source:
    path: Path
    format: str
    sha256: str = ""
    encoding: str = ""
    headers: list[str] = field(default_factory=list)
    read_path: Path | None = None
    """What DuckDB reads: the file itself, or a UTF-8 copy (GBK CSV, Excel) in a private temporary folder."""
    table: str = ""
    mapping: dict[str, str] = field(default_factory=dict)
    """Logical column id -> header."""
    rows: int = 0
    header_rows: int = 1

    @property
    def name(self) -> str:
        return self.path.name


def expand(paths: list[str]) -> list[Path]:
    """The files to read: each path given, or the export files inside a folder (sorted; hidden ones skipped)."""
    out: list[Path] = []
    for given in paths:
        p = Path(given)
        if p.is_dir():
            found = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES
                           and not any(part.startswith(".") for part in f.relative_to(p).parts))
            if not found:
                fail(given, "", "is a folder with no CSV, Excel or Parquet file", "give the folder of the exports")
            out += found
        elif not p.exists():
            fail(given, "", "does not exist", "check the path")
        elif p.suffix.lower() not in SUFFIXES:
            fail(p.name, "", f'has the suffix "{p.suffix}", which is not an export this reads',
                 "give a .csv, .xlsx or .parquet file")
        else:
            out.append(p)
    seen: dict[str, Path] = {}
    for p in out:
        if p.name in seen and seen[p.name].resolve() != p.resolve():
            fail(p.name, "", f"is given twice from different folders ({seen[p.name].parent} and {p.parent})",
                 "rename one: a measurement names its files by name only")
        seen[p.name] = p
    return list(dict.fromkeys(out))


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def open_source(path: Path, tmp: Path, con, header_scorer=None) -> Source:
    """Hash the file, check it is what its suffix says, find its encoding and its header."""
    fmt = SUFFIXES[path.suffix.lower()]
    name = path.name
    try:
        size = path.stat().st_size
        with path.open("rb") as f:
            head = f.read(SAMPLE)
    except OSError as exc:
        fail(name, "", f"cannot be read ({exc.strerror or exc})", "check the file's permissions")
    if size == 0:
        fail(name, "", "is empty", "export it again with its header and rows")
    src = Source(path, fmt, sha256_of(path))
    is_zip, is_parquet = head.startswith(b"PK\x03\x04"), head.startswith(b"PAR1")
    is_ole = head.startswith(b"\xd0\xcf\x11\xe0")
    if fmt == "csv" and (is_zip or is_parquet or is_ole or b"\x00" in head[:4096] and not head.startswith(
            (b"\xff\xfe", b"\xfe\xff"))):
        fail(name, "", "is not a text file, though its suffix says CSV", "export it as CSV, or give it its true suffix")
    if fmt == "xlsx" and not (is_zip or is_ole):
        fail(name, "", "is not an Excel workbook, though its suffix says so",
             "save it from Excel as .xlsx, or give it its true suffix")
    if fmt == "parquet" and not is_parquet:
        fail(name, "", "is not a Parquet file, though its suffix says so", "give it its true suffix")
    if fmt == "csv":
        _open_csv(src, head, tmp, con)
    elif fmt == "xlsx":
        _open_xlsx(src, tmp, header_scorer)
    else:
        src.read_path = path
        src.encoding = ""
        try:
            src.headers = [r[0] for r in con.execute("DESCRIBE SELECT * FROM read_parquet(?)", [str(path)]).fetchall()]
        except Exception as exc:
            fail(name, "", f"cannot be read as Parquet ({_first_line(exc)})", "export it again")
    _check_headers(src)
    return src


def _check_headers(src: Source) -> None:
    if not src.headers or all(not str(h).strip() for h in src.headers):
        fail(src.name, "header", "has no column names", "export it with a header row")


def _first_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:160]


def detect_encoding(head: bytes, name: str) -> str:
    """utf-8 (with or without BOM), utf-16, or what charset-normalizer finds (GB2312/GBK read as GB18030,
    their superset). A sample it cannot place is an error."""
    if head.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    sample = head
    for cut in range(4):  # a sample may end inside a multi-byte character
        try:
            (sample[: len(sample) - cut] if cut else sample).decode("utf-8")
            return "utf-8"
        except UnicodeDecodeError:
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(head[: 256 * 1024]).best()
    if best is None:
        fail(name, "", "is in an encoding that could not be recognised", "save it as UTF-8 (or GBK) CSV and try again")
    enc = best.encoding.lower().replace("-", "")
    if enc in GB or enc.startswith("gb"):
        return "gb18030"
    return best.encoding


def _open_csv(src: Source, head: bytes, tmp: Path, con) -> None:
    enc = detect_encoding(head, src.name)
    src.encoding = {"utf-8-sig": "utf-8"}.get(enc, enc)
    if enc in ("utf-8", "utf-8-sig"):
        src.read_path = src.path
    else:  # DuckDB reads UTF-8: a private UTF-8 copy, written in chunks
        out = tmp / f"{len(list(tmp.iterdir()))}-{src.path.stem}.csv"
        try:
            with src.path.open("r", encoding=enc, newline="") as f, out.open("w", encoding="utf-8", newline="") as w:
                for chunk in iter(lambda: f.read(1 << 20), ""):
                    w.write(chunk)
        except UnicodeDecodeError as exc:
            fail(src.name, "", f"is not valid {enc.upper()} text (byte {exc.start} of a chunk does not decode)",
                 "save it as UTF-8 CSV and try again")
        except LookupError:
            fail(src.name, "", f'is in the encoding "{enc}", which Python cannot read', "save it as UTF-8 CSV")
        src.read_path = out
    try:
        src.headers = [r[0] for r in con.execute("DESCRIBE SELECT * FROM read_csv(?, header=true, all_varchar=true)",
                                                 [str(src.read_path)]).fetchall()]
    except Exception as exc:
        fail(src.name, "", f"cannot be read as CSV ({_first_line(exc)})", "check the delimiter and quoting, or export it again")


def _cell(v) -> str:
    import datetime as dt

    if v is None:
        return ""
    if isinstance(v, dt.datetime):
        return v.isoformat(sep=" ")
    if isinstance(v, (dt.date, dt.time)):
        return v.isoformat()
    if isinstance(v, dt.timedelta):
        return str(v.total_seconds())
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def header_candidates(rows: list[list], depth: int) -> list[str]:
    """Column names from the first ``depth`` rows: the lowest non-empty cell of each column, merged cells of the
    upper rows filled rightwards (a group title over several columns)."""
    width = max((len(r) for r in rows[:depth]), default=0)
    filled = []
    for r in rows[:depth]:
        line, last = [], ""
        for j in range(width):
            v = _cell(r[j]).strip() if j < len(r) else ""
            last = v or last
            line.append(v if v else last)
        filled.append(line)
    names = []
    for j in range(width):
        lower = _cell(rows[depth - 1][j]).strip() if j < len(rows[depth - 1]) else ""
        names.append(lower or next((filled[i][j] for i in range(depth - 2, -1, -1) if filled[i][j]), ""))
    return names


def _open_xlsx(src: Source, tmp: Path, header_scorer) -> None:
    try:
        from python_calamine import CalamineWorkbook

        wb = CalamineWorkbook.from_path(str(src.path))
        sheet = wb.get_sheet_by_index(0)
        rows = sheet.to_python(skip_empty_area=True)
    except Exception as exc:
        fail(src.name, "", f"cannot be read as an Excel workbook ({_first_line(exc)})", "save it again from Excel as .xlsx")
    rows = [r for r in rows if any(_cell(v).strip() for v in r)]
    if not rows:
        fail(src.name, "", "has an empty first sheet", "put the export on the workbook's first sheet")
    best, best_score = 1, -1
    for depth in (1, 2, 3):
        if depth > len(rows):
            break
        score = header_scorer(header_candidates(rows, depth)) if header_scorer else 0
        if score > best_score:
            best, best_score = depth, score
    src.header_rows = best
    headers = header_candidates(rows, best)
    seen: dict[str, int] = {}
    for j, h in enumerate(headers):  # blank or repeated names made unique, as DuckDB would
        h = h or f"column{j + 1}"
        if h in seen:
            seen[h] += 1
            h = f"{h}_{seen[h]}"
        else:
            seen[h] = 0
        headers[j] = h
    src.headers = headers
    out = tmp / f"{len(list(tmp.iterdir()))}-{src.path.stem}.csv"
    with out.open("w", encoding="utf-8", newline="") as w:
        wr = csv.writer(w)
        wr.writerow(headers)
        for r in rows[best:]:
            wr.writerow([_cell(r[j]) if j < len(r) else "" for j in range(len(headers))])
    src.read_path = out
    src.encoding = ""


def scan_sql(src: Source) -> str:
    """The DuckDB table function that reads the source (all columns as text for CSV)."""
    path = str(src.read_path).replace("'", "''")
    if src.format == "parquet":
        return f"read_parquet('{path}')"
    return f"read_csv('{path}', header=true, all_varchar=true)"
