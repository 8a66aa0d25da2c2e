"""Load a domain authored as TOML files: ``domain.toml`` and ``scopes/*.toml``.

Every problem is collected with its file and key; nothing stops at the first one.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from pydantic import BaseModel, ValidationError

from .errors import Problem, pydantic_problems
from .model.content import Domain, Scope, Stage, Text
from .tomlio import read_toml


def load_domain_dir(root, label: str | None = None) -> tuple[Domain | None, list[Problem]]:
    """Load the domain in content folder ``root`` (a Path or Traversable). ``label`` prefixes file names.

    Returns ``(None, problems)`` when any problem is an error: the plugin is then switched off.
    """
    domain, problems, _ = read_domain_dir(root, label)
    return (None if any(p.severity == "error" for p in problems) else domain), problems


def read_domain_dir(root, label: str | None = None) -> tuple[Domain | None, list[Problem], bool]:
    """Like ``load_domain_dir``, but keep the domain made of what is valid even when some of it is not
    (``None`` only when ``domain.toml`` itself is unusable), so one pass finds every problem and the
    counts cover what is there. The flag is True when every file and item was valid."""
    base = label or str(root)
    if isinstance(root, (str, os.PathLike)):
        root = Path(root)
    elif not hasattr(root, "joinpath"):
        return None, [Problem(base, "", f"is not a content folder (it is a {type(root).__name__})",
                              'return [files(__package__) / "content"] from maturity_content')], False
    complete = True
    problems: list[Problem] = []
    domain_file = root / "domain.toml"
    data, problem = read_toml(domain_file, f"{base}/domain.toml")
    if problem:
        return None, [problem], False
    data = dict(data)
    if "scopes" in data:
        problems.append(Problem(f"{base}/domain.toml", "scopes", "scopes do not belong in domain.toml",
                                "write each scope in its own file under scopes/"))
        data.pop("scopes")
    scopes: list[Scope] = []
    scopes_dir = root / "scopes"
    files = sorted((f for f in scopes_dir.iterdir() if f.name.endswith(".toml")), key=lambda f: f.name) \
        if scopes_dir.is_dir() else []
    if not files:
        problems.append(Problem(f"{base}/scopes", "", "has no scope files", "add scopes/<scope>.toml files"))
    for f in files:
        name = f"{base}/scopes/{f.name}"
        sdata, problem = read_toml(f, name)
        if problem:
            problems.append(problem)
            complete = False
            continue
        try:
            scopes.append(Scope.model_validate(sdata))
        except ValidationError as exc:
            problems.extend(_with_better_fixes(pydantic_problems(exc, name, sdata)))
            complete = False
            salvaged = _salvage(sdata)
            if salvaged is None:
                continue
            scopes.append(salvaged)  # the valid rest, so that one pass finds every other problem too
        stem = f.name[:-5]
        if scopes[-1].id != stem:
            problems.append(Problem(name, "id", f'is "{scopes[-1].id}" but the file is named {f.name}',
                                    f"name the file {scopes[-1].id}.toml or change the id"))
    try:
        domain = Domain.model_validate({**data, "scopes": []})
    except ValidationError as exc:
        problems.extend(_with_better_fixes(pydantic_problems(exc, f"{base}/domain.toml", data)))
        return None, problems, False
    domain = domain.model_copy(update={"scopes": tuple(scopes)})
    problems.extend(check_domain(domain, base))
    return domain, problems, complete


def _salvage(data) -> Scope | None:
    """The scope without its invalid criteria, indicators and dependencies (already reported), or None."""
    from .model.content import Criterion, Dependency, Indicator

    if not isinstance(data, dict):
        return None
    data = dict(data)
    for key, model in (("criteria", Criterion), ("indicators", Indicator), ("dependencies", Dependency)):
        items = data.get(key)
        if isinstance(items, list):
            keep = []
            for item in items:
                try:
                    model.model_validate(item)
                except (ValidationError, TypeError):
                    continue
                keep.append(item)
            data[key] = keep
    try:
        return Scope.model_validate(data)
    except ValidationError:
        return None


_CHOICES = {
    "type": "business, workload, usage, efficiency or transparency",
    "relation": "direct, positive, transparency or unclear",
    "direction": "higher or lower",
    "earliest_stage": "online, digital, intelligent (or structured)",
    "stage": "structured, online, digital or intelligent",
    "requires_stage": "structured, online, digital or intelligent",
}


def _with_better_fixes(problems: list[Problem]) -> list[Problem]:
    """Say exactly what to write for a missing text language or a missing choice key."""
    out = []
    for p in problems:
        key = p.where.rsplit(".", 1)[-1]
        if p.what in ("is missing", "is empty") and key in ("en", "zh"):
            lang = "English" if key == "en" else "Chinese"
            verb = f'add {p.where.rsplit(".", 1)[0].rsplit(".", 1)[-1]}.{key} = "…"' if p.what == "is missing" \
                else f"write the {lang} text"
            p = Problem(p.file, p.where, f"{p.what}: no {lang} text (a missing translation)",
                        f"{verb}; every text a person reads is given in en and zh", p.severity)
        elif p.what == "is missing" and key in _CHOICES:
            p = Problem(p.file, p.where, p.what, f"add {key} = one of {_CHOICES[key]}", p.severity)
        out.append(p)
    return out


def scope_file(domain_id: str, scope_id: str, base: str) -> str:
    return f"{base}/scopes/{scope_id}.toml"


def check_domain(domain: Domain, base: str) -> list[Problem]:
    """Checks within one domain that a schema cannot express: duplicates, stages, references, cycles,
    blank or untranslated texts, and the indicator guide (docs/writing-plugins.md)."""
    out: list[Problem] = []
    seen_scopes: set[str] = set()
    out.extend(check_texts(domain, f"{base}/domain.toml"))
    for scope in domain.scopes:
        f = scope_file(domain.id, scope.id, base)
        if scope.id in seen_scopes:
            out.append(Problem(f, "id", f'duplicate scope id "{scope.id}"', "give each scope its own id"))
        seen_scopes.add(scope.id)
        out.extend(check_texts(scope, f))
        out.extend(_check_indicator_guide(scope, f))
        seen_deps: set[tuple[str, str]] = set()
        for i, dep in enumerate(scope.dependencies):
            if (dep.stage, dep.requires) in seen_deps:
                out.append(Problem(f, f"dependencies[{i}]", f"duplicates another dependency at {dep.stage} on {dep.requires}",
                                   "keep one dependency per stage and required scope", severity="warning"))
            seen_deps.add((dep.stage, dep.requires))
        for kind, items in (("criteria", scope.criteria), ("indicators", scope.indicators)):
            ids: set[str] = set()
            for item in items:
                if item.id in ids:
                    out.append(Problem(f, f'{kind}[id="{item.id}"]', "duplicate id", "give each one its own id"))
                ids.add(item.id)
        crit_ids = {c.id for c in scope.criteria}
        for ind in scope.indicators:
            for key in ("practice", "by_construction"):
                for cid in getattr(ind, key):
                    if cid not in crit_ids:
                        out.append(Problem(f, f'indicators[id="{ind.id}"].{key}', f'unknown criterion "{cid}"',
                                           f"name a criterion of this scope: {', '.join(sorted(crit_ids))}"))
        present = {c.stage for c in scope.criteria}
        for stage in ("structured", "online", "digital", "intelligent"):
            if stage not in present:
                out.append(Problem(f, "criteria", f"stage {stage} has no criteria",
                                   f'add at least one [[criteria]] with stage = "{stage}"'))
        own_ids = {s.id for s in domain.scopes}
        for i, dep in enumerate(scope.dependencies):
            d, _, sid = dep.requires.partition(".")
            if dep.requires == f"{domain.id}.{scope.id}":
                out.append(Problem(f, f"dependencies[{i}].requires", "a scope cannot depend on itself",
                                   "remove this dependency"))
            elif d == domain.id and sid not in own_ids:
                out.append(Problem(f, f"dependencies[{i}].requires", f'unknown scope "{dep.requires}"',
                                   f"name a scope of this domain: {', '.join(sorted(own_ids))}"))
    out.extend(_check_cycles(domain, base))
    qids = {q.id for q in domain.profile_questions}
    from .model.questions import PROFILE_QUESTIONS

    seen_q: set[str] = set()
    for q in domain.profile_questions:
        if q.id in seen_q:
            out.append(Problem(f"{base}/domain.toml", f'profile_questions[id="{q.id}"]', "duplicate id",
                               "give each question its own id"))
        seen_q.add(q.id)
        options = [o.id for o in q.options]
        for o in sorted({o for o in options if options.count(o) > 1}):
            out.append(Problem(f"{base}/domain.toml", f'profile_questions[id="{q.id}"].options[id="{o}"]',
                               "duplicate id", "give each answer its own id"))

    core_q = {q.id: q for q in PROFILE_QUESTIONS}
    own_q = {q.id: q for q in domain.profile_questions}
    for q in domain.profile_questions:
        if q.id in core_q:
            out.append(Problem(f"{base}/domain.toml", f'profile_questions[id="{q.id}"]',
                               "is already a core profile question", "use the core question in your rules, or rename"))
    for i, rule in enumerate(domain.profile_rules):
        q = own_q.get(rule.question) or core_q.get(rule.question)
        where = f"profile_rules[{i}]"
        if rule.factor != 0 and not 0.5 <= rule.factor <= 2:
            out.append(Problem(f"{base}/domain.toml", f"{where}.factor", f"is {rule.factor:g}; keep rules strong but sane",
                               "use 0 to switch off, or a factor from 0.5 to 2"))
        if q is None:
            out.append(Problem(f"{base}/domain.toml", f"{where}.question", f'unknown question "{rule.question}"',
                               f"use one of {sorted(set(core_q) | qids)}"))
        else:
            for a in rule.answers:
                if a not in q.option_ids():
                    out.append(Problem(f"{base}/domain.toml", f"{where}.answers", f'"{a}" is not an answer of {q.id}',
                                       f"use one of {list(q.option_ids())}"))
        for s in rule.scopes:
            d, _, sid = s.partition(".")
            if d == domain.id and sid not in seen_scopes:
                out.append(Problem(f"{base}/domain.toml", f"{where}.scopes", f'unknown scope "{s}"',
                                   "name a scope of this domain"))
        own_crits = {f"{domain.id}.{sc.id}.{c.id}" for sc in domain.scopes for c in sc.criteria}
        for ref in rule.criteria:
            if ref.split(".")[0] == domain.id and ref not in own_crits:
                out.append(Problem(f"{base}/domain.toml", f"{where}.criteria", f'unknown criterion "{ref}"',
                                   "name a criterion of this domain as domain.scope.criterion"))
        own_deps = {(f"{domain.id}.{sc.id}", d.stage, d.requires) for sc in domain.scopes for d in sc.dependencies}
        for j, ref in enumerate(rule.dependencies):
            if ref.scope.split(".")[0] != domain.id:
                out.append(Problem(f"{base}/domain.toml", f"{where}.dependencies[{j}].scope",
                                   f'"{ref.scope}" is not a scope of this domain',
                                   "a rule may leave only its own domain's dependencies unchecked"))
            elif (ref.scope, ref.stage, ref.requires) not in own_deps:
                out.append(Problem(f"{base}/domain.toml", f"{where}.dependencies[{j}]",
                                   f"{ref.label()}: no such dependency",
                                   f"name one of {ref.scope}'s [[dependencies]] by its stage and requires"))
    return out


_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")


def untranslated(text: Text) -> str:
    """Why a text looks untranslated, or "" — the rule for the warning (docs/plugins.md, "Texts").

    zh with no Chinese character while en has letters, en with no Latin letter while zh has Chinese,
    or the two identical.
    """
    if text.en.strip() == text.zh.strip():
        return "en and zh are the same text"
    if _LATIN.search(text.en) and not _CJK.search(text.zh):
        return "zh has no Chinese character"
    if _CJK.search(text.zh) and not _LATIN.search(text.en):
        return "en has no English word"
    return ""


def iter_texts(model, path: str = ""):
    """Every ``Text`` in a content model, with its key as written in TOML (``criteria[id="x"].text``)."""
    if isinstance(model, Text):
        yield path, model
    elif isinstance(model, BaseModel):
        for name in type(model).model_fields:
            if name == "scopes" and isinstance(model, Domain):
                continue  # each scope has its own file
            yield from iter_texts(getattr(model, name), f"{path}.{name}" if path else name)
    elif isinstance(model, tuple):
        for i, item in enumerate(model):
            label = f'id="{item.id}"' if isinstance(getattr(item, "id", None), str) else str(i)
            yield from iter_texts(item, f"{path}[{label}]")


def check_texts(model, file: str) -> list[Problem]:
    """Blank texts are errors (a person would read nothing); untranslated-looking ones are warnings."""
    out = []
    for key, text in iter_texts(model):
        blank = [lang for lang in ("en", "zh") if not getattr(text, lang).strip()]
        for lang in blank:
            name = "English" if lang == "en" else "Chinese"
            out.append(Problem(file, f"{key}.{lang}", f"is blank: no {name} text (a missing translation)",
                               f"write the {name} text; every text a person reads is given in en and zh"))
        why = "" if blank else untranslated(text)
        if why:
            out.append(Problem(file, key, f"looks untranslated ({why})",
                               "write each language as a native practitioner would (docs/writing-plugins.md)",
                               severity="warning"))
    return out


def _check_indicator_guide(scope: Scope, file: str) -> list[Problem]:
    """The indicator rules every domain shares: usage and efficiency are direct; system data starts online."""
    out = []
    for ind in scope.indicators:
        where = f'indicators[id="{ind.id}"]'
        if ind.type in ("usage", "efficiency") and ind.relation != "direct":
            out.append(Problem(file, f"{where}.relation", f'is "{ind.relation}", but {ind.type} indicators are '
                               "always direct (the system itself brings them)", 'write relation = "direct"',
                               severity="warning"))
        if ind.earliest_stage == "structured":
            out.append(Problem(file, f"{where}.earliest_stage", "is structured, but before online the system holds "
                               "no data to measure it", 'use "online" or later', severity="warning"))
    return out


def _check_cycles(domain: Domain, base: str) -> list[Problem]:
    """Dependencies inside one domain must not make a cycle; name it, and the dependency that closes it."""
    scopes = {f"{domain.id}.{s.id}": s for s in domain.scopes}
    if not any(d.requires in scopes for s in domain.scopes for d in s.dependencies):
        return []
    from .engine.graph import ScopeGraph

    cycle = ScopeGraph(scopes).find_cycle()
    if not cycle:
        return []
    file, key = locate_cycle(cycle, scopes, lambda sid: scope_file(domain.id, sid.split(".", 1)[1], base))
    return [Problem(file, key, f"makes a cycle: {cycle_text(cycle)}",
                    "remove one of these dependencies, or lower a stage it needs")]


def cycle_text(cycle) -> str:
    """``crm.a@online → crm.b@online → crm.a@online`` from the graph's (scope, stage number) nodes."""
    return " → ".join(f"{sid}@{Stage(st).name}" for sid, st in cycle)


def locate_cycle(cycle, scopes: dict, file_of, prefer=None) -> tuple[str, str]:
    """The file and key of a dependency on the cycle (one of ``prefer``'s scopes when given)."""
    found = []
    for (u, us), (v, vs) in zip(cycle, cycle[1:]):
        if u == v:
            continue  # a scope's own ladder
        for i, dep in enumerate(scopes[v].dependencies):
            if dep.requires == u and Stage[dep.requires_stage] == us and Stage[dep.stage] == vs:
                found.append((v, i))
                break
    if prefer is not None:
        found = [f for f in found if prefer(f[0])] or found
    if not found:
        return file_of(cycle[0][0]), "dependencies"
    v, i = found[0]
    return file_of(v), f"dependencies[{i}]"
