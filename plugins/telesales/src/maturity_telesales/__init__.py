"""Telesales (电销) for maturity: the content lives in content/ as TOML."""

from importlib.resources import files

from maturity import hookimpl


@hookimpl
def maturity_content():
    return [files(__package__) / "content"]
