"""`maturity diff OLD NEW`: what changed between two snapshots of a client.

Both snapshots are read with migrations (any schema version this maturity knows) and scored with
the plugin content loaded now, so levels compare like with like. The comparison says first how far
the two are comparable: the share of criteria answered in both, and whether the plugin content
recorded in each snapshot (``plugins.<name>.version/fingerprint``) differs.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ..engine.analysis import analyse
from ..engine.explain import answer_word
from ..engine.scoring import STAGE_NAMES
from ..errors import Problem, SnapshotError
from .markdown import md_escape
from .tables import markdown_table as _table
from .tables import text_table
from .wording import stage_label, w

DIFF_SCHEMA = "maturity.diff/1"

WORDS: dict[str, tuple[str, str]] = {
    "title": ("What changed", "变化对比"),
    "comparable": ("How comparable", "可比性"),
    "both": ("Answered in both: {both} of {total} criteria ({share:.0f}%); only in the old: {only_old}; only in the new: {only_new}.",
             "两次都作答：{both} / {total} 条评估项（{share:.0f}%）；仅旧快照作答：{only_old}；仅新快照作答：{only_new}。"),
    "same_content": ("Plugin content is the same in both snapshots.", "两次快照所用插件内容相同。"),
    "plugin_changed": ("Plugin {name}: content changed between the snapshots (version {old} → {new}).",
                       "插件 {name}：两次快照之间内容有变化（版本 {old} → {new}）。"),
    "plugin_added": ("The old snapshot does not record the content of plugin {name} (version, fingerprint).",
                     "旧快照没有记录插件 {name} 的内容（版本、指纹）。"),
    "plugin_dropped": ("The new snapshot does not record the content of plugin {name} (version, fingerprint).",
                       "新快照没有记录插件 {name} 的内容（版本、指纹）。"),
    "plugin_loaded_differs": ("Plugin {name}: the content loaded now ({version}) differs from the {which} snapshot's; "
                              "both are scored with the content loaded now.",
                              "插件 {name}：当前加载的内容（{version}）与{which}快照保存时不同；两次都按当前内容计分。"),
    "plugin_not_loaded": ("Plugin {name} is not loaded: its scopes are left out of both.",
                          "插件 {name} 未加载：两次对比都不含其业务范畴。"),
    "old": ("old", "旧"),
    "new": ("new", "新"),
    "schema": ("The old snapshot has schema version {old}, the new {new}; both are read through the migrations.",
               "旧快照的 schema 版本为 {old}，新快照为 {new}；均经迁移后读取。"),
    "threshold": ("The threshold changed: {old} → {new}.", "达标阈值有变化：{old} → {new}。"),
    "profile_changed": ("Profile {question}: {old} → {new} (scope weights may differ).",
                        "业务画像 {question}：{old} → {new}（业务范畴权重可能不同）。"),
    "clients_differ": ("The snapshots are of different clients: {old} and {new}.", "两个快照来自不同客户：{old} 与 {new}。"),
    "levels": ("Levels", "等级"),
    "scopes": ("Scopes", "业务范畴"),
    "scope": ("scope", "业务范畴"),
    "before": ("before", "之前"),
    "after": ("after", "之后"),
    "change": ("change", "变化"),
    "steps_done": ("Roadmap steps done since ({done} of {total})", "此后完成的路线图步骤（{done} / {total}）"),
    "no_steps_done": ("None of the old roadmap's steps is reached yet.", "旧路线图的步骤尚未有完成的。"),
    "answers_changed": ("Answers that changed ({n})", "有变化的作答（{n}）"),
    "no_answer_changes": ("No answer changed.", "作答没有变化。"),
    "note": ("note", "备注"),
    "evidence": ("evidence", "证据"),
    "reason": ("why n/a", "不适用原因"),
    "scopes_added": ("Scopes added", "新增的业务范畴"),
    "scopes_dropped": ("Scopes dropped", "移除的业务范畴"),
    "why_domain": ("its domain is assessed only in the {which} snapshot", "其领域仅在{which}快照中评估"),
    "why_profile_on": ("switched on by the profile", "因业务画像而启用"),
    "why_profile_off": ("switched off by the profile", "因业务画像而关闭"),
    "indicators_added": ("Indicators now tracked", "新开始跟踪的指标"),
    "indicators_dropped": ("Indicators no longer tracked", "不再跟踪的指标"),
    "none": ("none", "无"),
    "answer_same": ("{answer} (answer unchanged)", "{answer}（作答未变）"),
    "off": ("off", "关闭"),
    "unknown": ("(not in the loaded content)", "（不在已加载内容中）"),
}


def d(key: str, lang: str, **kw) -> str:
    en, zh = WORDS[key]
    return (zh if lang == "zh" else en).format(**kw)


def _raw_schema_version(path) -> object:
    from ..tomlio import read_toml

    data, _ = read_toml(Path(path))
    return (data or {}).get("schema_version")


def _state(r) -> dict | None:
    if r is None:
        return None
    shown = r.counted
    return {"stage": STAGE_NAMES[r.reached] if shown else None, "level": round(r.level, 4) if shown else None,
            "active": r.active, "assessed": r.assessed,
            "practice": STAGE_NAMES[r.practice] if shown else None}


def diff_data(cat, old, new, lang: str = "en", old_file: str = "", new_file: str = "",
              old_schema=None, new_schema=None) -> dict:
    """Everything `maturity diff` shows, as plain data (schema ``maturity.diff/1``)."""
    an_old, an_new = analyse(cat, old), analyse(cat, new)
    ro, rn = an_old.result, an_new.result

    # How comparable: criteria of every scope scored in either, answered in both.
    scopes = [s for s in cat.scopes if s in ro.scopes or s in rn.scopes]
    total = both = only_old = only_new = 0
    for sid in scopes:
        for c in cat.scopes[sid].criteria:
            total += 1
            ao, an = old.answer_for(sid, c.id), new.answer_for(sid, c.id)
            has_o, has_n = bool(ao and ao.answer), bool(an and an.answer)
            both += has_o and has_n
            only_old += has_o and not has_n
            only_new += has_n and not has_o
    notes: list[str] = []
    plugins = []
    for name in sorted(set(old.plugins) | set(new.plugins)):
        po, pn = old.plugins.get(name), new.plugins.get(name)
        info = cat.plugin(name)
        loaded = info if info is not None and info.status == "on" else None
        entry = {"name": name,
                 "old": {"version": po.version, "fingerprint": po.fingerprint} if po else None,
                 "new": {"version": pn.version, "fingerprint": pn.fingerprint} if pn else None,
                 "loaded": {"version": loaded.version, "fingerprint": loaded.fingerprint} if loaded else None,
                 "changed": bool(po and pn and po.fingerprint != pn.fingerprint)}
        plugins.append(entry)
        if po and pn and po.fingerprint != pn.fingerprint:
            notes.append(d("plugin_changed", lang, name=name, old=po.version, new=pn.version))
        elif pn and not po:
            notes.append(d("plugin_added", lang, name=name))
        elif po and not pn:
            notes.append(d("plugin_dropped", lang, name=name))
        if loaded is None:
            notes.append(d("plugin_not_loaded", lang, name=name))
        else:
            for which, rec in (("old", po), ("new", pn)):
                if rec and rec.fingerprint != loaded.fingerprint:
                    notes.append(d("plugin_loaded_differs", lang, name=name, version=loaded.version,
                                   which=d(which, lang)))
    content_same = not any(p["changed"] for p in plugins) and all(p["old"] and p["new"] for p in plugins)
    if old_schema != new_schema and old_schema is not None:
        notes.append(d("schema", lang, old=old_schema, new=new_schema))
    if old.meta.threshold != new.meta.threshold:
        notes.append(d("threshold", lang, old=old.meta.threshold, new=new.meta.threshold))
    for q in sorted(set(old.profile) | set(new.profile)):
        if old.profile.get(q) != new.profile.get(q):
            notes.append(d("profile_changed", lang, question=q, old=" + ".join(old.profile_answers(q)) or "—",
                           new=" + ".join(new.profile_answers(q)) or "—"))
    clients_differ = " ".join(old.meta.client.split()).casefold() != " ".join(new.meta.client.split()).casefold()

    def level_row(id, name, a, b):
        la = a.level if a else None
        lb = b.level if b else None
        return {"id": id, "name": name, "old": round(la, 4) if la is not None else None,
                "new": round(lb, 4) if lb is not None else None,
                "change": round(lb - la, 4) if la is not None and lb is not None else None}

    levels = [level_row("overall", w("overall", lang), ro.overall, rn.overall)]
    for dom in [x for x in cat.domains if x in ro.domains or x in rn.domains]:
        levels.append(level_row(dom, cat.domains[dom].name.get(lang), ro.domains.get(dom), rn.domains.get(dom)))

    scope_rows, added, dropped = [], [], []
    for sid in scopes:
        a, b = ro.scopes.get(sid), rn.scopes.get(sid)
        sa, sb = _state(a), _state(b)
        on_a, on_b = bool(a and a.active), bool(b and b.active)
        change = round(b.level - a.level, 4) if a and b and a.counted and b.counted else None
        if on_a and on_b:
            status = "up" if b.reached > a.reached else "down" if b.reached < a.reached else "same"
        else:
            status = "added" if on_b else "dropped" if on_a else "off"
        name = cat.scopes[sid].name.get(lang)
        scope_rows.append({"scope": sid, "name": name, "old": sa, "new": sb, "change": change, "status": status})
        if status in ("added", "dropped"):
            if status == "added":
                why = d("why_profile_on", lang) if a is not None else d("why_domain", lang, which=d("new", lang))
                added.append({"scope": sid, "name": name, "why": why})
            else:
                why = d("why_profile_off", lang) if b is not None else d("why_domain", lang, which=d("old", lang))
                dropped.append({"scope": sid, "name": name, "why": why})

    answers = []
    for sid in dict.fromkeys([*old.answers, *new.answers]):
        crit = cat.criteria.get(sid, {})
        order = {c: i for i, c in enumerate(crit)}
        ids = sorted(set(old.answers.get(sid, {})) | set(new.answers.get(sid, {})),
                     key=lambda c: (order.get(c, len(order)), c))
        for cid in ids:
            ao, an = old.answer_for(sid, cid), new.answer_for(sid, cid)
            fields = ("answer", "note", "evidence", "reason", "votes")
            if ao is not None and an is not None and all(getattr(ao, f) == getattr(an, f) for f in fields):
                continue
            c = crit.get(cid)

            def side(x):
                return None if x is None else {"answer": x.answer, "note": x.note, "evidence": x.evidence,
                                               "reason": x.reason, "votes": dict(x.votes)}

            answers.append({"scope": sid, "criterion": cid, "known": c is not None,
                            "text": c.text.get(lang) if c else None, "stage": c.stage if c else None,
                            "kind": "added" if ao is None else "removed" if an is None else "changed",
                            "old": side(ao), "new": side(an)})
    rank = {s: i for i, s in enumerate(cat.scopes)}
    answers.sort(key=lambda x: rank.get(x["scope"], len(rank)))

    steps = []
    for st in an_old.roadmap.steps:
        r = rn.scopes.get(st.scope)
        done = r is not None and r.reached >= st.stage
        steps.append({"scope": st.scope, "name": cat.scopes[st.scope].name.get(lang), "stage": STAGE_NAMES[st.stage],
                      "done": done})

    def names(ids):
        return [{"id": i, "name": cat.indicators[i].name.get(lang) if i in cat.indicators else None} for i in ids]

    from .measured import measured_changes, mw

    measured = measured_changes(cat, old, new, lang)
    other = [x for x in measured if x["data"] == "other_data"]
    if other:
        notes = [*notes, mw("note_other", lang, n=len(other))]
    return {
        "schema": DIFF_SCHEMA, "lang": lang,
        "old": {"file": old_file, "client": old.meta.client, "date": old.meta.date.isoformat(), "schema_version": old_schema},
        "new": {"file": new_file, "client": new.meta.client, "date": new.meta.date.isoformat(), "schema_version": new_schema},
        "comparability": {
            "criteria": total, "answered_both": both, "answered_only_old": only_old, "answered_only_new": only_new,
            "share": round(both / total, 4) if total else 0.0,
            "content_same": content_same, "plugins": plugins, "clients_differ": clients_differ, "notes": notes,
        },
        "levels": levels,
        "scopes": scope_rows,
        "scopes_added": added,
        "scopes_dropped": dropped,
        "answers": answers,
        "indicators_added": names(t for t in new.tracked if t not in old.tracked),
        "indicators_dropped": names(t for t in old.tracked if t not in new.tracked),
        "steps_done": [s for s in steps if s["done"]],
        "steps_open": [s for s in steps if not s["done"]],
        "measured": measured,
    }


# ---------------------------------------------------------------- renderings


def _lvl(x) -> str:
    return "—" if x is None else f"{x:.2f}"


def _chg(x) -> str:
    return "" if x is None else f"{x:+.2f}"


def _st(state, lang) -> str:
    if state is None:
        return "—"
    return stage_label(state["stage"], lang) + ("" if state["active"] else f" ({d('off', lang)})")


def _comparability_lines(data, lang) -> list[str]:
    c = data["comparability"]
    out = [d("both", lang, both=c["answered_both"], total=c["criteria"], share=c["share"] * 100,
             only_old=c["answered_only_old"], only_new=c["answered_only_new"])]
    if c["content_same"]:
        out.append(d("same_content", lang))
    if c["clients_differ"]:
        out.append(d("clients_differ", lang, old=data["old"]["client"], new=data["new"]["client"]))
    return out + c["notes"]


def _answer_lines(x, lang) -> list[tuple[str, str]]:
    """(label, text) pairs: the answer change, then each changed field."""
    o, n = x["old"] or {}, x["new"] or {}
    if x["kind"] == "changed" and o.get("answer") == n.get("answer"):
        out = [("", d("answer_same", lang, answer=answer_word(n.get("answer"), lang)))]
    else:
        out = [("", f"{answer_word(o.get('answer'), lang)} → {answer_word(n.get('answer'), lang)}")]
    for f in ("note", "evidence", "reason"):
        if o.get(f, "") != n.get(f, ""):
            out.append((d(f, lang), f"“{o.get(f, '')}” → “{n.get(f, '')}”"))
    if o.get("votes", {}) != n.get("votes", {}):
        fmt = lambda v: ", ".join(f"{p}={answer_word(a, lang)}" for p, a in v.items()) or "—"  # noqa: E731
        out.append((w("votes", lang), f"{fmt(o.get('votes', {}))} → {fmt(n.get('votes', {}))}"))
    return out


def diff_text(data: dict) -> str:
    from .history import _one_line as one

    lang = data["lang"]
    o, n = data["old"], data["new"]
    L = [one(f"{d('title', lang)}{'：' if lang == 'zh' else ': '}{n['client']} — {o['date']} ({Path(o['file']).name}) → {n['date']} "
             f"({Path(n['file']).name})"), ""]
    L += [d("comparable", lang)] + [f"  {one(x)}" for x in _comparability_lines(data, lang)] + [""]
    L += [d("levels", lang)]
    L += ["  " + x for x in text_table(["", d("before", lang), d("after", lang), d("change", lang)],
                                       [[one(r["name"]), _lvl(r["old"]), _lvl(r["new"]), _chg(r["change"])]
                                        for r in data["levels"]]).splitlines()] + [""]
    L += [d("scopes", lang)]
    rows = [[one(s["name"]), s["scope"], _st(s["old"], lang), _st(s["new"], lang),
             _lvl(s["old"]["level"] if s["old"] else None), _lvl(s["new"]["level"] if s["new"] else None),
             _chg(s["change"]) + (" ▲" if s["status"] == "up" else " ▼" if s["status"] == "down" else "")]
            for s in data["scopes"]]
    head = ["", "", f"{w('stage', lang)} {d('before', lang)}", d("after", lang), f"{w('level', lang)} {d('before', lang)}",
            d("after", lang), d("change", lang)]
    L += ["  " + x for x in text_table(head, rows).splitlines()] + [""]
    total = len(data["steps_done"]) + len(data["steps_open"])
    L += [d("steps_done", lang, done=len(data["steps_done"]), total=total)]
    L += [f"  ✓ {one(s['name'])} ({s['scope']}) → {stage_label(s['stage'], lang)}" for s in data["steps_done"]] or \
         [f"  {d('no_steps_done', lang)}"]
    L.append("")
    L += [d("answers_changed", lang, n=len(data["answers"]))]
    if not data["answers"]:
        L.append(f"  {d('no_answer_changes', lang)}")
    for x in data["answers"]:
        text = x["text"] if x["known"] else d("unknown", lang)
        L.append(one(f"  {x['scope']} · {x['criterion']} ({stage_label(x['stage'], lang)}): {text}"))
        for label, value in _answer_lines(x, lang):
            L.append(one(f"      {label + ': ' if label else ''}{value}"))
    L.append("")
    for key, items in (("scopes_added", data["scopes_added"]), ("scopes_dropped", data["scopes_dropped"])):
        L.append(f"{d(key, lang)}: " + (", ".join(one(f"{s['name']} ({s['scope']}): {s['why']}") for s in items)
                                        or d("none", lang)))
    for key in ("indicators_added", "indicators_dropped"):
        L.append(f"{d(key, lang)}: " + (", ".join(one(f"{i['name'] or i['id']} ({i['id']})") for i in data[key])
                                        or d("none", lang)))
    if data.get("measured"):
        from .measured import data_word, fmt, mw

        L += ["", mw("diff_head", lang)]
        rows = [[one(f"{x['name']} ({x['unit']})" if x["unit"] else x["name"]), fmt(x["old"]), fmt(x["new"]),
                 _chg(x["change"]), one(data_word(x, lang))] for x in data["measured"]]
        L += ["  " + r for r in text_table(["", d("before", lang), d("after", lang), d("change", lang), ""],
                                           rows).splitlines()]
    return "\n".join(L)


def diff_markdown(data: dict) -> str:
    e = md_escape
    lang = data["lang"]
    o, n = data["old"], data["new"]
    L = [f"# {e(d('title', lang))} — {e(n['client'])}", "",
         f"{e(o['date'])} (`{e(Path(o['file']).name)}`) → {e(n['date'])} (`{e(Path(n['file']).name)}`)", "",
         f"## {e(d('comparable', lang))}", ""]
    L += [f"- {e(x)}" for x in _comparability_lines(data, lang)] + [""]
    L += [f"## {e(d('levels', lang))}", ""]
    L += _table(["", d("before", lang), d("after", lang), d("change", lang)],
                [[e(r["name"]), _lvl(r["old"]), _lvl(r["new"]), _chg(r["change"])] for r in data["levels"]])
    L += [f"## {e(d('scopes', lang))}", ""]
    L += _table([d("scope", lang), f"{w('stage', lang)} {d('before', lang)}", d("after", lang),
                 f"{w('level', lang)} {d('before', lang)}", d("after", lang), d("change", lang)],
                [[f"{e(s['name'])} `{s['scope']}`", e(_st(s["old"], lang)), e(_st(s["new"], lang)),
                  _lvl(s["old"]["level"] if s["old"] else None), _lvl(s["new"]["level"] if s["new"] else None),
                  _chg(s["change"]) + (" ▲" if s["status"] == "up" else " ▼" if s["status"] == "down" else "")]
                 for s in data["scopes"]])
    total = len(data["steps_done"]) + len(data["steps_open"])
    L += [f"## {e(d('steps_done', lang, done=len(data['steps_done']), total=total))}", ""]
    L += [f"- [x] {e(s['name'])} `{s['scope']}` → {e(stage_label(s['stage'], lang))}" for s in data["steps_done"]] or \
         [e(d("no_steps_done", lang))]
    L.append("")
    L += [f"## {e(d('answers_changed', lang, n=len(data['answers'])))}", ""]
    if data["answers"]:
        rows = []
        for x in data["answers"]:
            text = e(x["text"]) if x["known"] else e(d("unknown", lang))
            changes = "<br>".join(f"{e(label + ': ') if label else ''}{e(value)}" for label, value in _answer_lines(x, lang))
            rows.append([f"`{x['scope']}` · `{x['criterion']}`", text, e(stage_label(x["stage"], lang)), changes])
        L += _table([d("scope", lang), w("criterion", lang), w("stage", lang), d("change", lang)], rows)
    else:
        L += [e(d("no_answer_changes", lang)), ""]
    for key, items in (("scopes_added", data["scopes_added"]), ("scopes_dropped", data["scopes_dropped"])):
        L += [f"## {e(d(key, lang))}", ""]
        L += [f"- {e(s['name'])} `{s['scope']}`: {e(s['why'])}" for s in items] or [e(d("none", lang))]
        L.append("")
    for key in ("indicators_added", "indicators_dropped"):
        L += [f"## {e(d(key, lang))}", ""]
        L += [f"- {e(i['name'] or i['id'])} `{i['id']}`" for i in data[key]] or [e(d("none", lang))]
        L.append("")
    if data.get("measured"):
        from .measured import data_word, fmt, mw

        L += [f"## {e(mw('diff_head', lang))}", ""]
        L += _table(["", d("before", lang), d("after", lang), d("change", lang), ""],
                    [[f"{e(x['name'])} `{x['id']}`", fmt(x["old"]), fmt(x["new"]), _chg(x["change"]),
                      e(data_word(x, lang))] for x in data["measured"]])
    return "\n".join(L)


def diff_command(args) -> int:
    """``maturity diff OLD NEW [--format text|json|markdown] [--lang]``."""
    from ..engine.renames import carry_answers
    from ..snapshot import load_snapshot
    from .history import catalogue_for

    problems = []
    snaps = []
    for path in (args.old, args.new):
        try:
            snaps.append(load_snapshot(path))
        except SnapshotError as exc:
            problems.extend(exc.problems)
    if problems:
        raise SnapshotError(problems)
    old, new = snaps
    if Path(args.old).resolve() == Path(args.new).resolve():
        print(f"maturity: {Problem(args.old, '', 'is compared with itself', 'give two different snapshots').line()}",
              file=sys.stderr)
    cat = catalogue_for(args)
    old, new = (carry_answers(cat, x)[0] for x in (old, new))  # renamed criteria compare with themselves
    lang = getattr(args, "lang", None) or new.meta.language
    data = diff_data(cat, old, new, lang, str(args.old), str(args.new),
                     _raw_schema_version(args.old), _raw_schema_version(args.new))
    if data["comparability"]["clients_differ"]:
        print("maturity: " + d("clients_differ", "en", old=old.meta.client, new=new.meta.client), file=sys.stderr)
    if args.format == "json":
        print(json.dumps(data, ensure_ascii=False, indent=2))
    elif args.format == "markdown":
        print(diff_markdown(data))
    else:
        print(diff_text(data))
    return 0
