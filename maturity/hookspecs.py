"""The whole contract between maturity and its plugins. Documented in docs/plugins.md."""

from __future__ import annotations

import pluggy

PROJECT = "maturity"
"""Marker name, entry-point group and project name."""

hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def maturity_content() -> list:
    """Return the content folders this plugin contributes, one per domain.

    Each item is a folder (a ``pathlib.Path`` or an ``importlib.resources`` Traversable, such as
    ``importlib.resources.files(__package__) / "content"``) holding ``domain.toml`` and
    ``scopes/*.toml``. The core reads and validates them; every problem names its file and key.
    A plugin whose content is invalid is switched off with a one-line reason; the others keep working.

    Called once, when the catalogue is built.

    .. versionadded:: 0.1
    """


@hookspec
def maturity_probes() -> list:
    """Return the probes this plugin contributes: ``maturity.Probe`` objects (``@maturity.probe``).

    A probe declares the logical tables and columns it reads, the criteria it informs and the
    indicators it measures (full ids of loaded content), and computes indicator values and suggested
    answers from a client's data exports (``maturity measure``). A probe that names an unknown
    criterion or indicator, raises, or runs too long is switched off with a one-line reason.
    Import the probes inside the implementation, so loading content stays cheap.

    Called by ``maturity measure`` and ``maturity plugins check``. Optional: a plugin without it
    measures nothing. Documented in docs/plugins.md ("Probes").

    .. versionadded:: 0.2
    """
