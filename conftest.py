"""Settings for the whole suite (tests/ and every plugin's tests)."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True, scope="session")
def _private_content_cache(tmp_path_factory):
    """The suite never reads or writes the user's content cache (~/.cache/maturity), so no run depends on an
    earlier one; subprocesses inherit the setting."""
    mp = pytest.MonkeyPatch()
    mp.setenv("MATURITY_CACHE_DIR", str(tmp_path_factory.mktemp("content-cache")))
    yield
    mp.undo()
