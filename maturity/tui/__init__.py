"""The consultant's Textual TUI: ``maturity open FILE`` and ``maturity demo`` (see docs/tui.md).

Only this package imports Textual; ``state.py`` is its Textual-free data layer.
"""
