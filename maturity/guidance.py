"""Guidance on how domain content is written: the mechanical half of docs/writing-plugins.md.

`maturity plugins check` reports these as warnings, never errors, so content written before a rule
existed keeps loading and scoring. Each check is a light heuristic over the validated models; the
words it looks for are listed in docs/plugins.md ("Guidance warnings").
"""

from __future__ import annotations

import re
from collections import defaultdict

from .errors import Problem

_DOCUMENT_EN = re.compile(r"\b(document\w*|written|signed|sign-off|signs? off|paper)\b", re.I)
_SYSTEM_EN = re.compile(r"\b(system\w*|configur\w*|settings?|set up|screens?|CRM|ERP)\b", re.I)
_EXAMPLE_EN = re.compile(r"\((?:e\.g\.|for example|such as)[^)]*\)", re.I)
_OWN_THRESHOLD_EN = re.compile(
    r"(?:at least|at most|no more than|no fewer than|no less than|more than|fewer than|less than|above|below|"
    r"over|under|≥|≤|>=|<=)\s*\d+(?:\.\d+)?\s*%", re.I)
ANCHORS_FORM = ('anchors.en = "met: … · mostly: … · partly: … · not met: …" and '
                'anchors.zh = "满足：… · 基本满足：… · 部分满足：… · 不满足：…"')

EFFECT_EN = re.compile(r"\bmeasur\w*|\bcompared? (?:with|against)\b|\bagainst a control\b|\bcontrol group\b|"
                       r"\bA/B\b|\b(?:up)?lift\b", re.I)
EFFECT_ZH = re.compile(r"度量|衡量|对比|对照|A/B|提升|测算|评估效果")

# A second clause with its own subject or verb after "and": two facts a single grade cannot hold.
_COMPOUND_EN = re.compile(
    r",? and (?:the system|it|they|agents?|reps?|managers?|management|each|every)\b (?:is|are|has|have|was|were|"
    r"\w+s)\b|\band (?:is|are) (?:reviewed|explained|checked|measured|tracked|fixed|updated|approved|signed)\b",
    re.I)
_COMPOUND_ZH = re.compile(r"并且|而且|同时还")
_BRACKETS = re.compile(r"\([^)]*\)|（[^）]*）")

# Half-width punctuation inside Chinese text; digits keep theirs (1,000 · 9:00 · 3.5), and "A/B" is a name.
_HALF_WIDTH_ZH = re.compile(r"[,;:()?!]")
_NUMERIC_PUNCT = re.compile(r"(?<=\d)[,.:](?=\d)")
_LATIN_RUN = re.compile(r"[A-Za-z0-9][A-Za-z0-9 .,:/()'+&-]*[A-Za-z0-9)]")


def document_only(criterion) -> bool:
    """A structured criterion whose English text and evidence name a document and never the system's
    configuration: it would grade a rule configured in the system as unmet ("Structured means
    explicit", docs/rules.md)."""
    words = f"{criterion.text.en} {criterion.evidence.en}"
    return criterion.stage == "structured" and bool(_DOCUMENT_EN.search(words)) and not _SYSTEM_EN.search(words)


def own_threshold(criterion) -> str:
    """The percentage threshold a criterion's English text states ("at least 95%"), or "" — examples in
    brackets ("(e.g. a discount above 15%)") are business rules, not the criterion's threshold."""
    m = _OWN_THRESHOLD_EN.search(_EXAMPLE_EN.sub("", criterion.text.en))
    return m.group(0) if m else ""


def missing_effect(criterion) -> list[str]:
    """The languages in which an intelligent criterion names no measured effect ([] when both do).
    Intelligent is a decision the system learns or optimises, or a rule measured against a control."""
    if criterion.stage != "intelligent":
        return []
    return [lang for lang, rx in (("en", EFFECT_EN), ("zh", EFFECT_ZH)) if not rx.search(criterion.text.get(lang))]


def compound(criterion) -> str:
    """The words joining a second fact to a criterion's first ("…, and the system …"), or "".
    Intelligent criteria are "an act and its measured effect", one fact, so they are not checked;
    a list inside one artifact ("type, customer and resolution") is not a second fact."""
    if criterion.stage == "intelligent":
        return ""
    m = _COMPOUND_EN.search(_BRACKETS.sub("", criterion.text.en)) or \
        _COMPOUND_ZH.search(_BRACKETS.sub("", criterion.text.zh))
    return m.group(0).strip(" ,") if m else ""


def half_width(zh: str) -> str:
    """The half-width punctuation marks in a Chinese text, in order ("" when it has none). Latin runs
    inside it (product names, "A/B", "NPS (0-10)") keep their own punctuation."""
    if not re.search(r"[\u4e00-\u9fff]", zh):
        return ""
    rest = _LATIN_RUN.sub(lambda m: "" if not re.search(r"[\u4e00-\u9fff]", m.group(0)) else m.group(0),
                          _NUMERIC_PUNCT.sub("", zh))
    return "".join(_HALF_WIDTH_ZH.findall(rest))


def _zh_texts(item) -> list[tuple[str, str]]:
    out = []
    for field in ("name", "description", "text", "evidence", "action", "definition", "anchors", "why"):
        t = getattr(item, field, None)
        if t is not None and getattr(t, "zh", None):
            out.append((field, t.zh))
    return out


def content_guidance(domain, base: str) -> list[Problem]:
    """Guidance warnings on how one domain's content is written (never errors: old content keeps loading).

    - a structured criterion that accepts only a document, never the system's configuration;
    - a criterion that states its own percentage threshold but has no ``anchors``;
    - an intelligent criterion that names no measured effect;
    - a criterion joining two facts with "and" (a grade cannot say which one holds);
    - Chinese text with half-width punctuation;
    - a domain with indicators where none names its ``practice``.
    """
    out: list[Problem] = []
    for s in domain.scopes:
        file = f"{base}/scopes/{s.id}.toml"
        for field, zh in _zh_texts(s):
            if marks := half_width(zh):
                out.append(_half_width_problem(file, f"{field}.zh", marks))
        for c in s.criteria:
            where = f'criteria[id="{c.id}"]'
            if document_only(c):
                out.append(Problem(
                    file, where, "is structured but accepts only a document, never the rule configured in the "
                    "system (structured means explicit: written down or configured)",
                    'word text and evidence both ways, e.g. "… in a document or configured in the system" and '
                    '"The document or the system\'s settings"', severity="warning"))
            threshold = own_threshold(c)
            if threshold and c.anchors is None:
                out.append(Problem(
                    file, f"{where}.anchors", f'is missing, but the text states its own threshold ("{threshold}"), '
                    "so met / mostly / partly would be read by the general anchors", f"add {ANCHORS_FORM}",
                    severity="warning"))
            if langs := missing_effect(c):
                out.append(Problem(
                    file, f"{where}.text.{langs[0]}", "is intelligent but names no measured effect"
                    + (" (in " + " and ".join(langs) + ")" if len(langs) > 1 else ""),
                    'say what was measured and against what, e.g. "… and its lift over the fixed rule is measured '
                    'in an A/B test" / "…并通过A/B测试度量相对固定规则的提升"', severity="warning"))
            if joined := compound(c):
                out.append(Problem(
                    file, f"{where}.text", f'joins two facts ("{joined}"), so partly cannot say which one holds',
                    "split it into two criteria, one fact each", severity="warning"))
            for field, zh in _zh_texts(c):
                if marks := half_width(zh):
                    out.append(_half_width_problem(file, f"{where}.{field}.zh", marks))
        for i in s.indicators:
            for field, zh in _zh_texts(i):
                if marks := half_width(zh):
                    out.append(_half_width_problem(file, f'indicators[id="{i.id}"].{field}.zh', marks))
    indicators = [i for s in domain.scopes for i in s.indicators]
    if indicators and not any(i.practice for i in indicators):
        out.append(Problem(
            f"{base}/scopes", "indicators", f"none of domain {domain.id}'s {len(indicators)} indicators names its "
            "practice, so each is suggested even where its work is n/a for the client",
            'add practice = ["criterion_id"] to each indicator: the criteria of its scope whose work it measures',
            severity="warning"))
    return out


def _half_width_problem(file: str, where: str, marks: str) -> Problem:
    shown = " ".join(dict.fromkeys(marks))
    return Problem(file, where, f"uses half-width punctuation in Chinese ({shown})",
                   "use the full-width marks （），：；？！ in Chinese text", severity="warning")


def shared_meaning(loaded, other_domains: dict) -> list[Problem]:
    """One id and one Chinese name per meaning: an indicator id used in two scopes of one domain, or a zh
    name used anywhere (the advice lists every domain's indicators side by side), with two definitions.
    Ids are compared within a domain only: another plugin's author cannot know every id in use."""
    by_id: dict[str, list] = defaultdict(list)
    by_zh: dict[str, list] = defaultdict(list)
    mine = {d.id for d, _ in loaded}
    everything = [(d, label) for d, label in loaded] + [(d, None) for did, d in other_domains.items()
                                                        if did not in mine]
    for d, label in everything:
        for s in d.scopes:
            for i in s.indicators:
                entry = (f"{d.id}.{s.id}.{i.id}", i.definition.en.strip(), label, s.id, i)
                by_id[f"{d.id}: {i.id}"].append(entry)
                by_zh[i.name.zh.strip()].append(entry)
    out: list[Problem] = []
    for kind, groups in (("id", by_id), ("Chinese name", by_zh)):
        for key, entries in groups.items():
            if len({e[1] for e in entries}) < 2:
                continue
            shown = key.split(": ", 1)[-1]
            for full, definition, label, sid, ind in entries:
                if label is None:
                    continue
                other = next(e[0] for e in entries if e[1] != definition)
                field = "id" if kind == "id" else "name.zh"
                out.append(Problem(
                    f"{label}/scopes/{sid}.toml", f'indicators[id="{ind.id}"].{field}',
                    f'"{shown}" is also the {kind} of {other}, defined differently',
                    f"one {kind} per meaning: give it the same definition, or another {kind}", severity="warning"))
    return out
