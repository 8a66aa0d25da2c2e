"""Finding and loading plugins, each on its own so one broken plugin never takes the others down.

pluggy's ``load_setuptools_entrypoints`` stops at the first plugin that fails to import and one
raising hook aborts the whole call, so entry points are loaded one by one here and each hook
implementation is called on its own.
"""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass, field
from importlib.metadata import entry_points

from .errors import Problem
from .hookspecs import PROJECT

ENV_LOAD = "MATURITY_PLUGINS"
"""Comma-separated module names to load as plugins without installing them (like ``-p``)."""
ENV_DISABLE = "MATURITY_DISABLE_PLUGINS"
"""Comma-separated plugin names not to load."""
ENV_NO_ENTRY_POINTS = "MATURITY_NO_ENTRY_POINTS"
"""When set to 1, installed plugins are not loaded (only ``-p`` and ``MATURITY_PLUGINS`` ones)."""


@dataclass
class PluginSource:
    """A plugin found but not yet asked for content."""

    name: str
    version: str
    origin: str  # "entry point", "-p", "MATURITY_PLUGINS"
    module: object | None = None
    problem: str = ""


@dataclass
class Contribution:
    """What one plugin gave: its content folders' domains, or the reason it is switched off."""

    source: PluginSource
    domains: list = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(",") if v.strip()]


def discover(extra_modules: list[str] | None = None) -> list[PluginSource]:
    """Every plugin to load: installed entry points, then ``-p`` modules, then the env variable."""
    disabled = set(_split(os.environ.get(ENV_DISABLE)))
    found: list[PluginSource] = []
    loaded_modules: set[str] = set()
    if os.environ.get(ENV_NO_ENTRY_POINTS) != "1":
        for ep in sorted(entry_points(group=PROJECT), key=lambda e: e.name):
            if ep.name in disabled:
                continue
            version = ep.dist.version if ep.dist else "unknown"
            src = PluginSource(ep.name, version, "entry point")
            loaded_modules.add(ep.value.split(":")[0])
            try:
                src.module = ep.load()
            except Exception as exc:  # a plugin's import error must not stop the others
                src.problem = f"cannot be imported ({type(exc).__name__}: {exc})"
            found.append(src)
    names = {s.name for s in found}
    for origin, modules in (("-p", extra_modules or []), (ENV_LOAD, _split(os.environ.get(ENV_LOAD)))):
        for modname in modules:
            name = modname.split(".")[0].removeprefix("maturity_")
            if name in disabled or modname in names or modname in loaded_modules:
                continue  # already loaded (installed, or given twice)
            src = PluginSource(modname, "unknown", origin)
            try:
                src.module = importlib.import_module(modname)
                src.version = str(getattr(src.module, "__version__", "unknown"))
            except Exception as exc:
                src.problem = f"cannot be imported ({type(exc).__name__}: {exc}); check the module name given to {origin}"
            found.append(src)
            names.add(modname)
    return found


def collect(sources: list[PluginSource]) -> list[Contribution]:
    """Ask each plugin for its content and load it; failures become the plugin's problems."""
    import pluggy

    from . import hookspecs
    from .content_loader import load_domain_dir

    out = []
    for src in sources:
        contrib = Contribution(src)
        out.append(contrib)
        if src.problem:
            contrib.problems.append(Problem(f"plugin {src.name}", "import", src.problem, "fix or uninstall the plugin"))
            continue
        pm = pluggy.PluginManager(PROJECT)
        pm.add_hookspecs(hookspecs)
        try:
            pm.register(src.module, name=src.name)
            impls = pm.hook.maturity_content.get_hookimpls()
        except Exception as exc:
            contrib.problems.append(Problem(f"plugin {src.name}", "register", f"is not a valid plugin ({exc})",
                                            "check its @hookimpl functions against docs/plugins.md"))
            continue
        if not impls:
            contrib.problems.append(Problem(f"plugin {src.name}", "maturity_content", "provides no content",
                                            "implement the maturity_content hook"))
            continue
        for impl in impls:
            try:
                folders = impl.function()
            except Exception as exc:
                contrib.problems.append(Problem(f"plugin {src.name}", "maturity_content",
                                                f"raised {type(exc).__name__}: {exc}", "fix the plugin's hook"))
                continue
            if not isinstance(folders, (list, tuple)):
                contrib.problems.append(Problem(f"plugin {src.name}", "maturity_content",
                                                f"returned {type(folders).__name__}, not a list of folders",
                                                'return [files(__package__) / "content"]'))
                continue
            for folder in folders or []:
                label = _label(src, folder)
                domain, problems = load_domain_dir(folder, label)
                contrib.problems.extend(problems)
                if domain is not None:
                    contrib.domains.append(domain)
    return out


def _label(src: PluginSource, folder) -> str:
    path = str(folder)
    marker = "site-packages/"
    if marker in path:
        return path.split(marker, 1)[1]
    try:
        return os.path.relpath(path)
    except ValueError:
        return path


def load_catalogue(extra_modules: list[str] | None = None):
    """Discover, load and validate every plugin into one catalogue."""
    from .catalogue import build_catalogue

    return build_catalogue(collect(discover(extra_modules)))
