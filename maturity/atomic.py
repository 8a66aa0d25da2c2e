"""Atomic file writes: a snapshot or report is either the old file or the new one, never half."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import MaturityError, Problem


def write_atomic(path, data: bytes, error: type[MaturityError] = MaturityError) -> None:
    """Temporary file in the same folder, written, flushed and fsynced, ``os.replace``, folder fsynced.

    The original file's permissions are kept (a new file gets 0644). Any OS failure becomes one
    ``error`` naming the file; no temporary file is left behind.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise error(Problem(str(path), "", f"cannot be written ({exc.strerror or exc})",
                            "check that the folder exists and is writable")) from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise error(Problem(str(path), "", f"cannot be written ({exc.strerror or exc})",
                            "check the disk and permissions")) from None
    try:
        dfd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)
    except OSError:
        pass
