"""Atomic file writes: a snapshot or report is either the old file or the new one, never half.

Files stay what they were: a symlink is written through to its target (the link stays a link), a
read-only file is refused, a file with several hard links is written in place so the links are not
split, and temporary files a killed save left behind are removed by the next save of the same file.
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
import time
from pathlib import Path

from .errors import MaturityError, Problem

STALE_TMP_SECONDS = 10
"""A ``.NAME.xxxxxxxx.tmp`` older than this is left over from a killed save (a live save takes milliseconds)."""


def _tmp_pattern(name: str) -> re.Pattern:
    # exactly what tempfile.mkstemp(prefix=".NAME.", suffix=".tmp") makes: 8 random characters
    return re.compile(re.escape(f".{name}.") + r"[a-z0-9_]{8}" + re.escape(".tmp"))


def remove_stale_temporaries(path, older_than: float = STALE_TMP_SECONDS) -> list[Path]:
    """Remove the temporary files a killed save of ``path`` left in its folder; returns those removed."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    pattern = _tmp_pattern(path.name)
    removed = []
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for e in entries:
        if not pattern.fullmatch(e.name):
            continue
        try:
            st = e.stat(follow_symlinks=False)
            if stat.S_ISREG(st.st_mode) and now - st.st_mtime >= older_than:
                os.unlink(e.path)
                removed.append(Path(e.path))
        except OSError:
            pass
    return removed


def _fsync_folder(folder: Path) -> None:
    try:
        dfd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)
    except OSError:
        pass


def _read_only(st: os.stat_result, path: Path) -> bool:
    # mode bits, not os.access: root may write anything, but a file made read-only was meant to stay as it is
    return not (st.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)) or not os.access(path, os.W_OK)


def write_atomic(path, data: bytes, error: type[MaturityError] = MaturityError) -> None:
    """Temporary file in the same folder, written, flushed and fsynced, ``os.replace``, folder fsynced.

    - a symlink is followed: its target is written and the link stays a link;
    - a read-only file is refused with one ``error`` line, never overwritten;
    - a file with more than one hard link is written in place (through the inode, after the new content
      is safe in a temporary file), so every link still names the same file;
    - the original file's permissions are kept (a new file gets 0644);
    - stale temporary files of the same file (left by a killed save) are removed.

    Any OS failure becomes one ``error`` naming the file; no temporary file of this save is left behind.
    """
    shown = Path(path)
    path = Path(os.path.realpath(shown)) if shown.is_symlink() else shown
    folder = path.parent if str(path.parent) else Path(".")
    try:
        st = path.stat()
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise error(Problem(str(shown), "", f"cannot be written ({exc.strerror or exc})",
                            "check that the folder exists and is writable")) from None
    if st is not None and stat.S_ISREG(st.st_mode) and _read_only(st, path):
        raise error(Problem(str(shown), "", "is read-only, so it was not overwritten",
                            f"make it writable (chmod u+w {shown}) or save under another name"))
    mode = stat.S_IMODE(st.st_mode) if st is not None else 0o644
    remove_stale_temporaries(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise error(Problem(str(shown), "", f"cannot be written ({exc.strerror or exc})",
                            "check that the folder exists and is writable")) from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if st is not None and stat.S_ISREG(st.st_mode) and st.st_nlink > 1:
            with open(path, "r+b") as f:  # in place: every hard link keeps naming the same, new content
                f.write(data)
                f.truncate()
                f.flush()
                os.fsync(f.fileno())
            os.unlink(tmp)
        else:
            os.chmod(tmp, mode)
            os.replace(tmp, path)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise error(Problem(str(shown), "", f"cannot be written ({exc.strerror or exc})",
                            "check the disk and permissions")) from None
    _fsync_folder(folder)
