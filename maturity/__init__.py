"""Maturity: assess back-office systems on the path offline → structured → online → digital → intelligent.

The public API for plugins and tools. Re-exports are lazy so that ``maturity --help`` stays fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

__version__ = "0.1.0"

_EXPORTS = {
    "hookimpl": "maturity.hookspecs",
    "hookspec": "maturity.hookspecs",
    "Text": "maturity.model.content",
    "Stage": "maturity.model.content",
    "Criterion": "maturity.model.content",
    "Indicator": "maturity.model.content",
    "Dependency": "maturity.model.content",
    "Scope": "maturity.model.content",
    "Domain": "maturity.model.content",
    "Question": "maturity.model.content",
    "Option": "maturity.model.content",
    "ProfileRule": "maturity.model.content",
    "Assessment": "maturity.model.assessment",
    "Answer": "maturity.model.assessment",
    "Meta": "maturity.model.assessment",
    "Participant": "maturity.model.assessment",
    "Problem": "maturity.errors",
    "MaturityError": "maturity.errors",
    "SnapshotError": "maturity.errors",
    "ContentError": "maturity.errors",
    "load_domain_dir": "maturity.content_loader",
    "build_catalogue": "maturity.catalogue",
    "Catalogue": "maturity.catalogue",
    "load_catalogue": "maturity.plugins",
    "score": "maturity.engine.scoring",
    "load_snapshot": "maturity.snapshot",
    "save_snapshot": "maturity.snapshot",
    "Probe": "maturity.probes",
    "probe": "maturity.probes",
    "Table": "maturity.probes",
    "Column": "maturity.probes",
    "ProbeData": "maturity.probes",
    "grade": "maturity.probes",
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'maturity' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


if TYPE_CHECKING:  # pragma: no cover
    from .catalogue import Catalogue, build_catalogue
    from .content_loader import load_domain_dir
    from .errors import ContentError, MaturityError, Problem, SnapshotError
    from .hookspecs import hookimpl, hookspec
    from .probes import Column, Probe, ProbeData, Table, grade, probe
    from .model.assessment import Answer, Assessment, Meta, Participant
    from .model.content import (Criterion, Dependency, Domain, Indicator, Option, ProfileRule, Question, Scope,
                                Stage, Text)
