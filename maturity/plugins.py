"""Finding and loading plugins, each on its own so one broken plugin never takes the others down.

pluggy's ``load_setuptools_entrypoints`` stops at the first plugin that fails to import and one
raising hook aborts the whole call, so entry points are loaded one by one here and each hook
implementation is called on its own.
"""

from __future__ import annotations

import importlib
import os
import sys
import threading
from contextlib import contextmanager
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
ENV_TIMEOUT = "MATURITY_PLUGIN_TIMEOUT"
"""Seconds a plugin's ``maturity_content`` hook (and the reading of the folders it returns) may take."""
DEFAULT_TIMEOUT = 5.0


def hook_timeout() -> float:
    """The time limit of one plugin's hook, from ``MATURITY_PLUGIN_TIMEOUT`` (default 5 s)."""
    try:
        value = float(os.environ.get(ENV_TIMEOUT, "") or DEFAULT_TIMEOUT)
    except ValueError:
        return DEFAULT_TIMEOUT
    return value if value > 0 else DEFAULT_TIMEOUT


def _why(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


_REDIRECT = threading.RLock()  # two threads loading plugins at once must not restore each other's stdout


@contextmanager
def stdout_to_stderr():
    """While plugin code runs, what it prints goes to stderr, so it never corrupts ``--format json`` on stdout:
    ``sys.stdout`` and file descriptor 1 both point at stderr, and are put back afterwards."""
    with _REDIRECT:
        yield from _redirected()


def _redirected():
    saved = sys.stdout
    saved_fd = None
    try:
        saved.flush()
    except Exception:  # noqa: BLE001 - a closed or odd stdout: nothing to flush
        pass
    try:
        saved_fd = os.dup(1)
        os.dup2(2, 1)
    except OSError:
        saved_fd = None
    sys.stdout = sys.stderr
    try:
        yield
    finally:
        try:
            sys.stdout.flush()
        except Exception:  # noqa: BLE001
            pass
        sys.stdout = saved
        if saved_fd is not None:
            os.dup2(saved_fd, 1)
            os.close(saved_fd)


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
            except BaseException as exc:  # noqa: BLE001 - SystemExit or KeyboardInterrupt too: one plugin only
                src.problem = f"cannot be imported ({_why(exc)})"
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
            except BaseException as exc:  # noqa: BLE001 - SystemExit at import switches off this plugin only
                hint = "; check the module name given to " + origin if isinstance(exc, ImportError) else ""
                src.problem = f"cannot be imported ({_why(exc)}){hint}"
            found.append(src)
            names.add(modname)
    return found


def call_hook(name: str, module, hook: str, returns: str, fix: str) -> tuple[list[list], list[Problem], int]:
    """Register ``module`` in a plugin manager of its own and call each implementation of ``hook`` on its own, in a
    thread with the time limit (``MATURITY_PLUGIN_TIMEOUT``): the lists the implementations returned, one problem
    per implementation that raised (anything, ``SystemExit`` and ``KeyboardInterrupt`` included), ran too long or
    returned no list (``returns`` names what it should hold, ``fix`` says how), and the number of implementations
    (-1 when the module is not a valid plugin). Content (``maturity_content``) and probes (``maturity_probes``)
    are asked the same way, at start-up and by ``plugins check``."""
    import pluggy

    from . import hookspecs

    where = f"plugin {name}"
    pm = pluggy.PluginManager(PROJECT)
    pm.add_hookspecs(hookspecs)
    try:
        pm.register(module, name=name)
        impls = getattr(pm.hook, hook).get_hookimpls()
    except BaseException as exc:  # noqa: BLE001
        return [], [Problem(where, "register", f"is not a valid plugin ({_why(exc)})",
                            "check its @hookimpl functions against docs/plugins.md")], -1
    limit = hook_timeout()
    values: list[list] = []
    problems: list[Problem] = []
    for impl in impls:
        done, (kind, got) = _with_time_limit(impl.function, limit, f"maturity-plugin-{name}")
        if not done:
            problems.append(Problem(where, hook, f"took longer than {limit:g} s, so it was not waited for",
                                    f"make the hook return quickly, or set {ENV_TIMEOUT} to more seconds"))
        elif kind == "error":
            problems.append(Problem(where, hook, f"raised {_why(got)}", "fix the plugin's hook"))
        elif not isinstance(got, (list, tuple)):
            problems.append(Problem(where, hook, f"returned {type(got).__name__}, not a list of {returns}", fix))
        else:
            values.append(list(got))
    return values, problems, len(impls)


def collect(sources: list[PluginSource]) -> list[Contribution]:
    """Ask each plugin for its content and load it; failures become the plugin's problems.

    Whatever a plugin does — raise anything (``SystemExit`` and ``KeyboardInterrupt`` included), return a folder
    that cannot be read, take longer than ``MATURITY_PLUGIN_TIMEOUT`` — only that plugin is switched off."""
    out = []
    for src in sources:
        contrib = Contribution(src)
        out.append(contrib)
        if src.problem:
            contrib.problems.append(Problem(f"plugin {src.name}", "import", src.problem, "fix or uninstall the plugin"))
            continue
        answers, problems, n = call_hook(src.name, src.module, "maturity_content", "folders",
                                         'return [files(__package__) / "content"]')
        contrib.problems.extend(problems)
        if n == 0:
            contrib.problems.append(Problem(f"plugin {src.name}", "maturity_content", "provides no content",
                                            "implement the maturity_content hook"))
        for folders in answers:
            domains, found = _read(src, folders)
            contrib.domains.extend(domains)
            contrib.problems.extend(found)
    return out


def _with_time_limit(fn, seconds: float, name: str):
    """Call ``fn`` in a daemon thread: (True, ("value", result) or ("error", exception)), or (False, (None, None)) when it
    is still running after ``seconds`` (the thread is left to finish on its own; it cannot hold the process open)."""
    box: dict = {}

    def target():
        try:
            box["value"] = fn()
        except BaseException as exc:  # noqa: BLE001 - SystemExit, KeyboardInterrupt: this plugin only
            box["error"] = exc

    t = threading.Thread(target=target, name=name, daemon=True)
    t.start()
    t.join(seconds)
    if t.is_alive():
        return False, (None, None)
    return True, ("error", box["error"]) if "error" in box else ("value", box.get("value"))


def _read(src: PluginSource, folders: list) -> tuple[list, list[Problem]]:
    """Read the folders one hook implementation returned."""
    from .content_cache import load_domain_dir_cached as load_domain_dir

    domains: list = []
    problems: list[Problem] = []
    for folder in folders:
        try:
            label = _label(src, folder)
            domain, found = load_domain_dir(folder, label)
        except (Exception, SystemExit) as exc:  # a folder object whose / or read raises (Ctrl-C still quits)
            problems.append(Problem(f"plugin {src.name}", "maturity_content",
                                    f"returned a content folder that cannot be read ({_why(exc)})",
                                    "return a pathlib.Path or importlib.resources folder holding domain.toml"))
            continue
        problems.extend(found)
        if domain is not None:
            domains.append(domain)
    return domains, problems


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

    with stdout_to_stderr():  # a plugin that prints must not corrupt --format json
        contributions = collect(discover(extra_modules))
    return build_catalogue(contributions)
