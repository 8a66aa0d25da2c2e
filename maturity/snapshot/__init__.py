"""Snapshots: assessments as TOML files people read, diff in git and hand over.

Loading checks everything and reports every problem in one pass; saving is atomic; answers that
no loaded plugin knows are kept verbatim.
"""

from .io import dumps, load_snapshot, loads, save_snapshot
from .findings import findings

__all__ = ["load_snapshot", "save_snapshot", "loads", "dumps", "findings"]
