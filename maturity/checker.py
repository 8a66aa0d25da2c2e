"""`maturity plugins check TARGET`: every problem of one plugin's content, with file and key, and its counts.

TARGET is an installed plugin's name (``crm``), a module name (``maturity_crm``), a plugin folder
(with ``pyproject.toml``; its content is found under ``src/*/content``) or a content folder (with
``domain.toml``). The target is checked the way start-up loads it (``content_loader``: schema,
texts, stages, duplicates, cycles inside the domain), then against every other loaded plugin:
dependencies and profile rules naming scopes of other domains, and cycles across domains.

On top of what start-up checks, `plugins check` gives guidance warnings on how the content is
written (``content_guidance``): structured criteria that accept only a document, criteria stating
their own threshold without anchors, a domain whose indicators name no practice. They are warnings
only, so content written before these fields existed keeps loading unchanged.

Errors switch a plugin off at start-up; warnings do not. Both are findings: exit 1 with any
finding, 0 when clean, 2 when the target cannot be found. Documented in docs/plugins.md.
"""

from __future__ import annotations

import difflib
import importlib
import importlib.util
import json
import os
from dataclasses import dataclass, field
from pathlib import Path


from .errors import Problem, UsageError
from .guidance import content_guidance, document_only, own_threshold, shared_meaning  # noqa: F401 (public)

SCHEMA = "maturity.plugins-check/1"


@dataclass
class Target:
    """What TARGET turned out to be, and the content folders it gives."""

    given: str
    kind: str  # "plugin" | "module" | "plugin folder" | "content folder"
    description: str
    folders: list[tuple[object, str]] = field(default_factory=list)  # (folder, label for file names)
    problems: list[Problem] = field(default_factory=list)  # import, hook and packaging problems
    source_names: set[str] = field(default_factory=set)  # loaded plugins that are this target
    module: object = None  # the plugin's module, when the target is a plugin or module (its probes are checked)


@dataclass
class DomainCheck:
    id: str
    content: str
    complete: bool
    """False when some of its files did not load: the counts cover only the files that did."""
    counts: dict


@dataclass
class CheckResult:
    target: Target
    domains: list[DomainCheck]
    problems: list[Problem]
    checked_against: list[str]
    notes: list[str]

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for p in self.problems if p.severity != "error")

    @property
    def clean(self) -> bool:
        return not self.problems

    def as_data(self) -> dict:
        return {
            "schema": SCHEMA,
            "target": self.target.given,
            "kind": self.target.kind,
            "clean": self.clean,
            "errors": self.errors,
            "warnings": self.warnings,
            "problems": [{"file": p.file, "where": p.where, "what": p.what, "fix": p.fix, "severity": p.severity}
                         for p in self.problems],
            "domains": [{"id": d.id, "content": d.content, "complete": d.complete, "counts": d.counts}
                        for d in self.domains],
            "checked_against": self.checked_against,
            "notes": self.notes,
        }


# ---------------------------------------------------------------------------------------------- the command


def check_command(args) -> int:
    """Run the check for `maturity plugins check`; print text or JSON; 0 clean, 1 findings."""
    result = check_target(args.target, getattr(args, "plugins", []) or [])
    if getattr(args, "format", "text") == "json":
        print(json.dumps(result.as_data(), ensure_ascii=False, indent=2))
    else:
        print(render_text(result))
    return 0 if result.clean else 1


def render_text(r: CheckResult) -> str:
    lines = [f"checking {r.target.description}"]
    lines += [f"  content: {label}" for _, label in r.target.folders]
    lines += [f"  note: {n}" for n in r.notes]
    if r.problems:
        lines.append("")
        lines += [f"{p.severity}: {p.line()}" for p in r.problems]
    for d in r.domains:
        c = d.counts
        partial = "" if d.complete else "  (counting only what is valid)"
        lines += ["", f"{d.id}: {c['scopes']} scope{'s' * (c['scopes'] != 1)}{partial}"]
        lines.append("  criteria per stage    " + " · ".join(f"{k} {v}" for k, v in c["criteria_per_stage"].items())
                     + f"   ({c['criteria']} in all; fewest in one scope's stage: {c['fewest_criteria_in_a_scope_stage']})")
        lines.append("  indicators per type   " + " · ".join(f"{k} {v}" for k, v in c["indicators_per_type"].items())
                     + f"   ({c['indicators']} in all; fewest in one scope: {c['fewest_indicators_in_a_scope']},"
                       f" of {c['fewest_indicator_types_in_a_scope']} types)")
        lines.append(f"  dependencies          {c['dependencies']}, of which {c['cross_domain_dependencies']} on "
                     "other domains")
    lines.append("")
    lines.append("cross-domain references checked against: " + (", ".join(r.checked_against) or "no other domain"))
    if r.clean:
        lines.append(f"{r.target.given}: clean — no problems")
    else:
        tail = "errors switch the plugin off at start-up" if r.errors else \
            "the plugin loads, but each warning is a finding to fix"
        lines.append(f"{r.target.given}: {r.errors} error{'s' * (r.errors != 1)}, "
                     f"{r.warnings} warning{'s' * (r.warnings != 1)} — {tail}")
    return "\n".join(lines)


# ------------------------------------------------------------------------------------------------- checking


def check_target(target: str, extra_modules: list[str] | None = None) -> CheckResult:
    """Check a plugin's content, by name, module or folder, against every other loaded plugin."""
    from .plugins import discover

    sources = discover(extra_modules)
    t = resolve_target(target, sources)
    others = [s for s in sources if s.name not in t.source_names]
    return check_folders(t, others)


def check_folders(t: Target, others) -> CheckResult:
    """Load the target's folders, then check them against the other plugins' sources ``others``."""
    from .catalogue import build_catalogue
    from .content_loader import read_domain_dir
    from .testing import ContentReport

    problems = list(t.problems)
    loaded = []  # (domain, label, complete)
    for folder, label in t.folders:
        domain, found, complete = read_domain_dir(folder, label)
        problems += found
        if domain is not None:
            loaded.append((domain, label, complete))
    mine = {d.id: d for d, _, _ in loaded}
    seen: dict[str, str] = {}
    for d, label, _ in loaded:
        if d.id in seen:
            problems.append(Problem(f"{label}/domain.toml", "id", f'domain "{d.id}" is also given by {seen[d.id]}',
                                    "give each content folder its own domain id"))
        seen[d.id] = label

    contributions = _collect_each(others)
    catalogue = build_catalogue(contributions)
    notes = [f"plugin {p.name} is switched off ({p.reason}); its domains are not checked against"
             for p in catalogue.plugins if p.status != "on"]
    # The other plugins' domains as written: the catalogue drops their dependencies on domains it does
    # not have, such as the target's, and those are exactly the ones that can close a cycle with it.
    other_domains = {}
    for c in contributions:
        info = catalogue.plugin(c.source.name)
        for dom in c.domains if info is not None and info.status == "on" else ():
            did = dom.id
            if did not in mine:
                other_domains[did] = dom
                continue
            if dom != mine[did]:
                notes.append(f"domain {did} of the loaded plugin {c.source.name} differs; the target replaces it "
                             "for this check")
    for d, label, _ in loaded:
        problems += content_guidance(d, label)
    problems += shared_meaning([(d, label) for d, label, _ in loaded], other_domains)
    problems += _cross_references(loaded, other_domains)
    problems += _cross_cycles(loaded, other_domains, problems)
    problems += _probe_check(t, [d for d, _, _ in loaded], other_domains)
    domains = [DomainCheck(d.id, label, complete, ContentReport(d).counts) for d, label, complete in loaded]
    return CheckResult(t, domains, problems, sorted(other_domains), notes)


def _probe_check(t: Target, mine: list, other_domains: dict) -> list[Problem]:
    """The target's probes (``maturity.probes``), checked against its own and the other loaded domains."""
    if t.module is None:
        return []
    from .probes import call_probe_hook, probe_problems

    domains = [*mine, *other_domains.values()]
    criteria = {f"{d.id}.{s.id}.{c.id}" for d in domains for s in d.scopes for c in s.criteria}
    indicators = {f"{d.id}.{s.id}.{i.id}" for d in domains for s in d.scopes for i in s.indicators}
    name = next(iter(sorted(t.source_names)), t.given)
    got, problems = call_probe_hook(name, t.module)
    return problems + probe_problems(got, f"plugin {name}", criteria, indicators)


def _collect_each(sources) -> list:
    """Each other plugin's contribution; one whose loading fails outright is only switched off."""
    from .plugins import Contribution, collect

    out = []
    for src in sources:
        try:
            out += collect([src])
        except Exception as exc:  # e.g. a hook that returns a bare folder instead of a list
            out.append(Contribution(src, problems=[Problem(f"plugin {src.name}", "maturity_content",
                                                           f"could not be loaded ({type(exc).__name__}: {exc})")]))
    return out


def _cross_references(loaded, other_domains: dict) -> list[Problem]:
    """Dependencies and profile rules naming scopes of other domains must name scopes that exist."""
    scopes_of: dict[str, list[str]] = {did: [s.id for s in d.scopes] for did, d in other_domains.items()}
    for d, _, _ in loaded:
        scopes_of.setdefault(d.id, [s.id for s in d.scopes])
    out = []

    def check(ref: str, own: str, file: str, where: str) -> Problem | None:
        dom, _, sid = ref.partition(".")
        if dom == own:
            return None  # the loader checks references inside the domain
        if dom not in scopes_of:
            return Problem(file, where, f'needs {ref}, but no loaded plugin provides domain "{dom}", so it cannot '
                           "be checked (start-up drops it)",
                           f"install maturity-{dom}, or load it with -p, where you run the check", severity="warning")
        if sid not in scopes_of[dom]:
            near = difflib.get_close_matches(sid, scopes_of[dom], n=1)
            hint = f"did you mean {dom}.{near[0]}?" if near else \
                f"domain {dom} has: {', '.join(f'{dom}.{s}' for s in sorted(scopes_of[dom]))}"
            return Problem(file, where, f'unknown scope "{ref}"', hint)
        return None

    for d, label, _ in loaded:
        for s in d.scopes:
            for i, dep in enumerate(s.dependencies):
                p = check(dep.requires, d.id, f"{label}/scopes/{s.id}.toml", f"dependencies[{i}].requires")
                if p:
                    out.append(p)
        for i, rule in enumerate(d.profile_rules):
            for ref in rule.scopes:
                p = check(ref, d.id, f"{label}/domain.toml", f"profile_rules[{i}].scopes")
                if p:
                    out.append(p)
            for ref in rule.criteria:
                p = check(ref.rsplit(".", 1)[0], d.id, f"{label}/domain.toml", f"profile_rules[{i}].criteria")
                if p:
                    out.append(p)
    return out


def _cross_cycles(loaded, other_domains: dict, already: list[Problem], limit: int = 20) -> list[Problem]:
    """Every cycle the target's dependencies make, with the other domains or inside, each named in full."""
    from .content_loader import cycle_text, locate_cycle
    from .engine.graph import ScopeGraph

    scopes = {f"{d.id}.{s.id}": s for d in other_domains.values() for s in d.scopes}
    files = {}
    for d, label, _ in loaded:
        for s in d.scopes:
            scopes[f"{d.id}.{s.id}"] = s
            files[f"{d.id}.{s.id}"] = f"{label}/scopes/{s.id}.toml"
    known = {(p.file, p.where) for p in already if "cycle" in p.what}
    removed: set[tuple[str, int]] = set()
    out = []
    for _ in range(limit):
        graph_scopes = {sid: s.model_copy(update={"dependencies": tuple(
            dep for i, dep in enumerate(s.dependencies) if (sid, i) not in removed)}) if any(
            r[0] == sid for r in removed) else s for sid, s in scopes.items()}
        cycle = ScopeGraph(graph_scopes).find_cycle()
        if not cycle:
            break
        file, key = locate_cycle(cycle, scopes, lambda sid: files.get(sid, f"{sid.split('.')[0]} (another plugin)"),
                                 prefer=lambda sid: sid in files)
        if (file, key) not in known:
            out.append(Problem(file, key, f"makes a cycle: {cycle_text(cycle)}",
                               "remove one of these dependencies, or lower a stage it needs"))
            known.add((file, key))
        # Leave that dependency out and look again, so that every cycle is named.
        sid = next((s for s, f in files.items() if f == file), None)
        if sid is None or not key.startswith("dependencies["):
            break
        removed.add((sid, int(key[len("dependencies["):-1])))
    return out


# -------------------------------------------------------------------------------------------------- targets


def resolve_target(target: str, sources) -> Target:
    """Find what TARGET names: a folder, a loaded plugin, or an importable module (else a usage error)."""
    path = Path(target).expanduser()
    if path.exists():
        return _path_target(target, path)
    if os.sep in target or "/" in target or target.endswith(".toml") or target in (".", ".."):
        raise UsageError(Problem(target, "", "no such folder",
                                 "give a plugin folder (with pyproject.toml) or a content folder (with domain.toml)"))
    short = target.removeprefix("maturity_")
    for src in sources:
        if src.name in (target, f"maturity_{target}") or src.name.split(".")[0].removeprefix("maturity_") == short:
            return _source_target(target, src, sources)
    for modname in (target, f"maturity_{target}"):
        try:
            spec = importlib.util.find_spec(modname)
        except (ImportError, ValueError):
            spec = None
        if spec is None:
            continue
        from .plugins import PluginSource

        src = PluginSource(modname, "unknown", "module")
        try:
            src.module = importlib.import_module(modname)
            src.version = str(getattr(src.module, "__version__", "unknown"))
        except Exception as exc:  # the module exists but its import fails: a finding, not a usage error
            src.problem = f"cannot be imported ({type(exc).__name__}: {exc})"
        return _source_target(target, src, sources)
    raise UsageError(Problem(target, "", "is not an installed plugin, an importable module, a plugin folder or a "
                                        "content folder", "see `maturity plugins` for the loaded ones, or give a path"))


def _source_target(given: str, src, sources) -> Target:
    kind = "plugin" if src.origin == "entry point" else "module"
    how = {"entry point": "installed, entry point", "-p": "loaded with -p", "module": "imported"}.get(
        src.origin, f"loaded by {src.origin}")
    version = f" {src.version}" if src.version != "unknown" else ""
    desc = f"{'plugin' if kind == 'plugin' else 'module'} {src.name}{version} ({how})"
    t = Target(given, kind, desc)
    t.source_names = {s.name for s in sources if s is src or (s.module is not None and s.module is src.module)}
    t.source_names.add(src.name)
    if src.problem:
        t.problems.append(Problem(f"plugin {src.name}", "import", src.problem, "fix the import error in the plugin"))
        return t
    t.module = src.module
    folders, problems = hook_folders(src.name, src.module)
    t.problems += problems
    t.folders = [(f, display(f)) for f in folders]
    return t


def hook_folders(name: str, module) -> tuple[list, list[Problem]]:
    """Call the module's ``maturity_content`` implementations one by one, as start-up does."""
    from .plugins import call_hook

    answers, problems, n = call_hook(name, module, "maturity_content", "folders",
                                     'return [files(__package__) / "content"]')
    if n == 0:
        problems.append(Problem(f"plugin {name}", "maturity_content", "provides no content",
                                "implement the maturity_content hook with @maturity.hookimpl (docs/plugins.md)"))
    folders = []
    for f in (f for got in answers for f in got):
        if isinstance(f, (str, os.PathLike)):
            folders.append(Path(f))
        elif not hasattr(f, "joinpath"):
            problems.append(Problem(f"plugin {name}", "maturity_content", f"returned {f!r}, not a folder",
                                    "return pathlib.Path or importlib.resources.files(...) objects"))
        else:
            folders.append(f)
    return folders, problems


def _path_target(given: str, path: Path) -> Target:
    path = path.resolve()
    if path.is_file() and path.name == "domain.toml":
        path = path.parent
    if path.is_file():
        raise UsageError(Problem(given, "", "is a file", "give a plugin folder (with pyproject.toml) or a content "
                                                         "folder (with domain.toml)"))
    if (path / "domain.toml").is_file():
        return Target(given, "content folder", f"content folder {display(path)}", [(path, display(path))])
    if (path / "pyproject.toml").is_file():
        found = sorted({p.parent for pattern in ("src/*/content/domain.toml", "*/content/domain.toml",
                                                  "content/domain.toml") for p in path.glob(pattern)})
        if not found:
            raise UsageError(Problem(display(path), "", "has no content folder (no src/*/content/domain.toml)",
                                     "run `maturity plugins new NAME` for the layout, or give the content folder"))
        t = Target(given, "plugin folder", f"plugin folder {display(path)}", [(f, display(f)) for f in found])
        t.problems += packaging_problems(path, found)
        t.module, problem = _folder_module(found[0].parent)
        if problem:
            t.problems.append(problem)
        return t
    raise UsageError(Problem(display(path), "", "is neither a plugin folder (no pyproject.toml) nor a content folder "
                                                "(no domain.toml)", "give the folder `maturity plugins new` wrote, or "
                                                                    "its src/maturity_NAME/content"))


def _folder_module(package: Path):
    """The plugin package beside its content folder, imported from the folder (so its probes are checked as they
    would be once installed), or (None, problem) when it cannot be imported; (None, None) without a package."""
    import sys

    if not (package / "__init__.py").is_file():
        return None, None
    name = package.name
    loaded = sys.modules.get(name)
    if loaded is not None and Path(getattr(loaded, "__file__", "") or "").resolve().parent != package.resolve():
        return None, None  # an installed plugin of that name is already loaded: checked by name instead
    sys.path.insert(0, str(package.parent))
    try:
        return importlib.import_module(name), None
    except BaseException as exc:  # a plugin's import may raise anything, SystemExit included
        return None, Problem(display(package / "__init__.py"), "", f"cannot be imported ({type(exc).__name__}: "
                             f"{str(exc).splitlines()[0] if str(exc) else ''})", "fix the package so it imports")
    finally:
        sys.path.remove(str(package.parent))


def packaging_problems(root: Path, content_dirs: list[Path]) -> list[Problem]:
    """What would stop an installed plugin from loading: the entry point, its package, shipped content."""
    from .tomlio import read_toml

    file = display(root / "pyproject.toml")
    data, problem = read_toml(root / "pyproject.toml", file)
    if problem:
        return [problem]
    project = data.get("project", {}) if isinstance(data.get("project"), dict) else {}
    out = []
    eps = (project.get("entry-points") or {}).get("maturity") if isinstance(project.get("entry-points"), dict) else None
    if not isinstance(eps, dict) or not eps:
        out.append(Problem(file, "project.entry-points.maturity", "is missing: installed, the plugin will not load",
                           'add [project.entry-points.maturity] with NAME = "maturity_NAME"'))
        eps = {}
    for ep_name, value in eps.items():
        module = str(value).split(":")[0]
        top = module.split(".")[0]
        pkg = next((d for d in (root / "src" / top, root / top) if (d / "__init__.py").is_file()), None)
        if pkg is None:
            out.append(Problem(file, f"project.entry-points.maturity.{ep_name}", f'names module "{module}", which '
                               f"is not in src/{top}/ or {top}/", "name the package that holds the hook"))
            continue
        for c in content_dirs:
            if pkg not in c.parents:
                out.append(Problem(display(c), "", f"is outside the package {top}, so a wheel will not ship it",
                                   f"move it to {display(pkg / 'content')}", severity="warning"))
        if ep_name != top.removeprefix("maturity_"):
            out.append(Problem(file, f"project.entry-points.maturity.{ep_name}", f'is not named like its package '
                               f'"{top}"', f'name the entry point "{top.removeprefix("maturity_")}" (the domain id)',
                               severity="warning"))
    deps = project.get("dependencies") or []
    if not any(str(d).replace(" ", "").lower().startswith("maturity") and not str(d).lower().startswith("maturity-")
               for d in deps):
        out.append(Problem(file, "project.dependencies", 'does not list "maturity"', 'add "maturity>=0.1"',
                           severity="warning"))
    return out


def display(path) -> str:
    """A path as a person would type it: relative to here when inside it, after site-packages when installed."""
    text = str(path)
    if "site-packages/" in text:
        return text.split("site-packages/", 1)[1]
    try:
        rel = os.path.relpath(text)
    except ValueError:
        return text
    return text if rel.startswith("..") else rel

