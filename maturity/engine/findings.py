"""What `maturity validate` reports about a snapshot read against the loaded plugins.

These findings apply the engine's rules (carried answers, votes, active domains, profile weights), so they live in
the engine, above the snapshot layer; `maturity.snapshot.findings` re-exports them for existing callers.
"""

from __future__ import annotations

from ..errors import Problem
from ..model.assessment import Assessment
from ..model.questions import TEAM_QUESTIONS


def findings(catalogue, a: Assessment, file: str) -> list[Problem]:
    """Every finding: unknown domains, scopes, criteria, answers to fix, split votes, content changes.

    Unknown things are kept in the snapshot; they are reported, never dropped.
    """
    from .renames import carry_answers

    out: list[Problem] = []
    W = "warning"
    a, moves = carry_answers(catalogue, a)
    for m in moves:
        old_scope, old_crit = m.old.rsplit(".", 1)
        out.append(Problem(file, f'answers."{old_scope}".{old_crit}',
                           f"criterion replaced by its plugin: the answer now counts for {m.new}",
                           "open and save the assessment to record it under the new id", W))
    if "date" not in a.meta.model_fields_set:
        out.append(Problem(file, "meta.date", f"is missing, so today's date ({a.meta.date}) stands in and moves every day",
                           "add date = YYYY-MM-DD, the day of the assessment", W))
    for d in a.meta.domains:
        if d not in catalogue.domains:
            out.append(Problem(file, "meta.domains", f'domain "{d}" is not provided by any loaded plugin',
                               f"install the plugin maturity-{d}, or load it with -p"))
    seen_ids: set[str] = set()
    for i, p in enumerate(a.participants):
        if p.id in seen_ids:
            out.append(Problem(file, f"participants[{i}].id", f'"{p.id}" is used by an earlier participant too; '
                               "their votes cannot be told apart", "give each participant an id of their own"))
        seen_ids.add(p.id)
    for sid, crits in a.answers.items():
        dom = sid.split(".")[0]
        if sid not in catalogue.scopes:
            why = "its plugin is not installed" if dom not in catalogue.domains else f"domain {dom} has no such scope"
            out.append(Problem(file, f'answers."{sid}"', f"scope {sid} is unknown ({why}); its {len(crits)} answers are kept",
                               f"install the plugin maturity-{dom}" if dom not in catalogue.domains else "check the scope id",
                               W))
            continue
        known = catalogue.criteria[sid]
        for cid, ans in crits.items():
            where = f'answers."{sid}".{cid}'
            if cid not in known:
                out.append(Problem(file, where, "criterion is unknown to the installed content; the answer is kept",
                                   "check the plugin's version, or remove the answer", W))
            if ans.answer == "n/a" and not ans.reason.strip():
                out.append(Problem(file, where, "is n/a without a reason", 'add reason = "why it does not apply"'))
            for voter in ans.votes:
                if voter not in {p.id for p in a.participants}:
                    out.append(Problem(file, f"{where}.votes.{voter}", "votes, but is not a participant",
                                       "add them under [[participants]]"))
    from .votes import disagreements

    for d in disagreements(a):
        votes = ", ".join(f"{p}={v}" for p, v in d.votes)
        out.append(Problem(file, f'answers."{d.scope}".{d.criterion}.votes', f"participants disagree ({votes})",
                           "discuss it and settle the answer", W))
    out.extend(profile_problems(catalogue, a, file))
    team_q = {q.id: q for q in TEAM_QUESTIONS}
    for key, value in a.team.items():
        q = team_q.get(key)
        if q is None:
            out.append(Problem(file, f"team.{key}", "is not a team question", f"use one of {sorted(team_q)}"))
        elif value not in q.option_ids():
            out.append(Problem(file, f"team.{key}", f'has "{value}", not an answer to this question',
                               f"use one of {list(q.option_ids())}"))
    from .scoring import active_domains, profile_weights

    in_scope, _ = active_domains(catalogue, a)
    weights = profile_weights(catalogue, a.profile)
    for sid in a.targets:
        where = f'targets."{sid}"'
        if sid not in catalogue.scopes:
            out.append(Problem(file, where, "names an unknown scope", "check the scope id", W))
        elif catalogue.scope_domain[sid] not in in_scope:
            out.append(Problem(file, where, f"names a scope of domain {catalogue.scope_domain[sid]}, which is not in "
                               "meta.domains; the roadmap leaves it out",
                               f"add {catalogue.scope_domain[sid]} to meta.domains, or remove the target", W))
        elif weights[sid][0] == 0:
            out.append(Problem(file, where, "names a scope the profile switches off; the roadmap leaves it out",
                               "remove the target, or change the profile answer that switches the scope off", W))
    for ind in a.tracked:
        if ind not in catalogue.indicators:
            out.append(Problem(file, "tracked", f'"{ind}" is not an indicator of the loaded plugins',
                               "check the indicator id", W))
    out.extend(content_changes(catalogue, a, file))
    return out


def profile_problems(catalogue, a: Assessment, file: str) -> list[Problem]:
    """Profile answers no loaded question knows, that are not an option, or that are several where one is asked.

    Scoring ignores such an answer (its rules do not fire), so `score` reports these too.
    """
    from ..model.assessment import profile_answers

    out = []
    questions = {q.id: q for q in catalogue.profile_questions}
    for key, value in a.profile.items():
        q = questions.get(key)
        if q is None:
            out.append(Problem(file, f"profile.{key}", "is not a profile question of any loaded plugin",
                               f"use one of {sorted(questions)}", "warning"))
            continue
        given = profile_answers(value)
        for v in given:
            if v not in q.option_ids():
                out.append(Problem(file, f"profile.{key}", f'has "{v}", not an answer to this question; '
                                   "its profile rules do not apply", f"use one of {list(q.option_ids())}"))
        if len(given) > 1 and not q.multiple:
            out.append(Problem(file, f"profile.{key}", f"has {len(given)} answers, but this question takes one",
                               f'keep one of {list(given)}, e.g. {key} = "{given[0]}"'))
    return out


def content_changes(catalogue, a: Assessment, file: str) -> list[Problem]:
    """Plugins whose content differs from the one the snapshot was saved with."""
    out = []
    for name, rec in a.plugins.items():
        info = catalogue.plugin(name)
        if info is None or info.status != "on":
            out.append(Problem(file, f"plugins.{name}", "was used to save this snapshot but is not loaded",
                               f"install or load plugin {name}", "warning"))
        elif info.fingerprint != rec.fingerprint:
            out.append(Problem(file, f"plugins.{name}",
                               f"content changed since this snapshot was saved (version {rec.version} → {info.version}, "
                               f"fingerprint {rec.fingerprint} → {info.fingerprint}); scores may differ",
                               "review the changed criteria, then save to record the new content", "warning"))
    return out


def plugin_records(catalogue, a: Assessment) -> dict:
    """The plugins records to save: every loaded plugin whose domains the assessment uses."""
    from ..model.assessment import PluginRecord
    from .scoring import active_domains

    used, _ = active_domains(catalogue, a)
    recs = dict(a.plugins)
    for d in used:
        info = catalogue.plugin(catalogue.domain_plugin[d])
        recs[info.name] = PluginRecord(version=info.version, fingerprint=info.fingerprint)
    return recs
