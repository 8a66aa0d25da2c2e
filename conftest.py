"""Settings for the whole suite (tests/ and every plugin's tests)."""

from __future__ import annotations

import os
import shutil
import tempfile

_CACHE = "MATURITY_CACHE_DIR"


def pytest_configure(config):
    """The suite never reads or writes the user's content cache (~/.cache/maturity), so no run depends on an
    earlier one. Set before collection (some test modules load the catalogue at import); subprocesses inherit it."""
    config._maturity_cache = tempfile.mkdtemp(prefix="maturity-test-cache-")
    config._maturity_cache_before = os.environ.get(_CACHE)
    os.environ[_CACHE] = config._maturity_cache


def pytest_unconfigure(config):
    if getattr(config, "_maturity_cache", None):
        shutil.rmtree(config._maturity_cache, ignore_errors=True)
        if config._maturity_cache_before is None:
            os.environ.pop(_CACHE, None)
        else:
            os.environ[_CACHE] = config._maturity_cache_before
