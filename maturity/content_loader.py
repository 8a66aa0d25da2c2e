"""Load a domain authored as TOML files: ``domain.toml`` and ``scopes/*.toml``.

Every problem is collected with its file and key; nothing stops at the first one.
"""

from __future__ import annotations

from pydantic import ValidationError

from .errors import Problem, pydantic_problems
from .model.content import Domain, Scope
from .tomlio import read_toml


def load_domain_dir(root, label: str | None = None) -> tuple[Domain | None, list[Problem]]:
    """Load the domain in content folder ``root`` (a Path or Traversable). ``label`` prefixes file names."""
    base = label or str(root)
    problems: list[Problem] = []
    domain_file = root / "domain.toml"
    data, problem = read_toml(domain_file, f"{base}/domain.toml")
    if problem:
        return None, [problem]
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
            continue
        try:
            scopes.append(Scope.model_validate(sdata))
        except ValidationError as exc:
            problems.extend(pydantic_problems(exc, name, sdata))
            continue
        stem = f.name[:-5]
        if scopes[-1].id != stem:
            problems.append(Problem(name, "id", f'is "{scopes[-1].id}" but the file is named {f.name}',
                                    f"name the file {scopes[-1].id}.toml or change the id"))
    try:
        domain = Domain.model_validate({**data, "scopes": []})
    except ValidationError as exc:
        problems.extend(pydantic_problems(exc, f"{base}/domain.toml", data))
        return None, problems
    domain = domain.model_copy(update={"scopes": tuple(scopes)})
    problems.extend(check_domain(domain, base))
    return (None if any(p.severity == "error" for p in problems) else domain), problems


def scope_file(domain_id: str, scope_id: str, base: str) -> str:
    return f"{base}/scopes/{scope_id}.toml"


def check_domain(domain: Domain, base: str) -> list[Problem]:
    """Checks within one domain that a schema cannot express: duplicates, stages, references."""
    out: list[Problem] = []
    seen_scopes: set[str] = set()
    for scope in domain.scopes:
        f = scope_file(domain.id, scope.id, base)
        if scope.id in seen_scopes:
            out.append(Problem(f, "id", f'duplicate scope id "{scope.id}"', "give each scope its own id"))
        seen_scopes.add(scope.id)
        for kind, items in (("criteria", scope.criteria), ("indicators", scope.indicators)):
            ids: set[str] = set()
            for item in items:
                if item.id in ids:
                    out.append(Problem(f, f'{kind}[id="{item.id}"]', "duplicate id", "give each one its own id"))
                ids.add(item.id)
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
    qids = {q.id for q in domain.profile_questions}
    from .model.questions import PROFILE_QUESTIONS

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
    return out
