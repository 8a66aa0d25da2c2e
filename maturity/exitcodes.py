"""The `maturity` command's exit codes, in one place both `cli.py` and `commands.py` import.

0 fine · 1 `validate` (or `plugins check`) found problems · 2 bad input or usage ·
3 an internal error (a bug: one line, no traceback unless MATURITY_DEBUG=1).
"""

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT, EXIT_BUG = 0, 1, 2, 3
