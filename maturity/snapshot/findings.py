"""Kept for existing callers: the validation findings moved to ``maturity.engine.findings``.

They apply the engine's rules, so they belong above the snapshot layer; import them from there.
"""

from ..engine.findings import content_changes, findings, plugin_records, profile_problems

__all__ = ["content_changes", "findings", "plugin_records", "profile_problems"]
