"""A cache of plugins' content folders, read and validated once, so every command does not re-parse ~30 TOML files.

The key is a hash of everything the result depends on: the bytes and relative paths of every file under the
content folder (so any change to the content is seen, whatever the file times say), the label problems are
named with, and the loader itself (Python and pydantic versions, and the size and time of each of the core's
modules). A miss, an unreadable folder or a broken cache entry simply loads the folder as before.

Where: ``MATURITY_CACHE_DIR``, else ``$XDG_CACHE_HOME/maturity`` (``~/.cache/maturity``); ``MATURITY_CACHE_DIR=off``
switches the cache off. Entries are pickles written by this user into a folder only this user can write.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from pathlib import Path

ENV_CACHE = "MATURITY_CACHE_DIR"
_FORMAT = b"maturity-content-cache/1"
_code_key: bytes | None = None


def cache_dir() -> Path | None:
    """The cache folder, or None when the cache is switched off."""
    value = os.environ.get(ENV_CACHE)
    if value is not None:
        return None if value.strip().lower() in ("", "off", "0", "none") else Path(value)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "maturity" / "content"


def _code() -> bytes:
    """What the loader's result depends on besides the content: versions and the core's own source files."""
    global _code_key
    if _code_key is None:
        import pydantic_core

        h = hashlib.sha256(_FORMAT)
        h.update(f"{sys.version}|{pydantic_core.__version__}".encode())
        core = Path(__file__).resolve().parent
        for dirpath, dirnames, filenames in os.walk(core):
            dirnames[:] = sorted(d for d in dirnames if d not in ("tui", "__pycache__"))
            for name in sorted(filenames):
                if name.endswith(".py"):
                    st = os.stat(os.path.join(dirpath, name))
                    h.update(f"{os.path.relpath(os.path.join(dirpath, name), core)}|{st.st_size}|{st.st_mtime_ns}\n"
                             .encode())
        _code_key = h.digest()
    return _code_key


def content_key(root, label: str | None) -> str | None:
    """The hash of a content folder on disk and how it is loaded, or None when it cannot be cached."""
    if not isinstance(root, (str, os.PathLike)):
        return None  # an importlib Traversable that is not a plain folder (a zip, a custom reader): not cached
    root = os.fspath(root)
    if not os.path.isdir(root):
        return None
    h = hashlib.sha256(_code())
    h.update(f"{os.path.abspath(root)}|{label}\n".encode())
    try:
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames.sort()
            h.update(f"dir {os.path.relpath(dirpath, root)}\n".encode())
            for name in sorted(filenames):
                with open(os.path.join(dirpath, name), "rb") as f:
                    data = f.read()
                h.update(f"file {name} {len(data)}\n".encode())
                h.update(data)
    except OSError:
        return None  # let the loader name the problem
    return h.hexdigest()


def load_domain_dir_cached(root, label: str | None = None):
    """``content_loader.load_domain_dir(root, label)``, served from the cache when the content is unchanged."""
    from .content_loader import load_domain_dir

    folder = cache_dir()
    key = content_key(root, label) if folder is not None else None
    if key is None:
        return load_domain_dir(root, label)
    entry = folder / f"{key}.pickle"
    try:
        with open(entry, "rb") as f:
            return pickle.load(f)
    except Exception:  # noqa: BLE001 - missing, truncated or from another version: load it again
        pass
    result = load_domain_dir(root, label)
    tmp = folder / f".{key}.{os.getpid()}.tmp"
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        with open(tmp, "wb") as f:
            pickle.dump(result, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, entry)
    except Exception:  # noqa: BLE001 - a read-only home, a full disk, an unpicklable plugin object: no cache
        try:
            tmp.unlink(missing_ok=True)
        except OSError:  # noqa: BLE001
            pass
    return result
