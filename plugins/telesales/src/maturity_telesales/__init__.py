"""Telesales (电销) for maturity: the content lives in content/ as TOML."""

from importlib.resources import files

from maturity import hookimpl


@hookimpl
def maturity_content():
    return [files(__package__) / "content"]


@hookimpl
def maturity_probes():
    from .probes import PROBES  # imported only when measuring or checking, so loading content stays cheap

    return PROBES
