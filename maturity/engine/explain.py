"""Explanations: how each figure was made, in words, from the results' own data."""

from __future__ import annotations

from .scoring import TOP, AssessmentResult, ScopeResult

ZH_STAGE = ("线下", "结构化", "在线化", "数字化", "智能化")
EN_STAGE = ("offline", "structured", "online", "digital", "intelligent")


ANSWER_WORDS = {"met": ("met", "满足"), "mostly": ("mostly", "基本满足"), "partly": ("partly", "部分满足"),
                "not_met": ("not met", "不满足"), "n/a": ("n/a", "不适用"), None: ("unanswered", "未作答")}


def answer_word(word: str | None, lang: str = "en") -> str:
    """An answer (``not_met``, None for unanswered) in words of ``lang``."""
    en, zh = ANSWER_WORDS.get(word, (str(word), str(word)))
    return zh if lang == "zh" else en


def stage_word(i: int, lang: str = "en") -> str:
    return (ZH_STAGE if lang == "zh" else EN_STAGE)[i]


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{x * 100:.0f}%"


def pct_pair(x: float | None, threshold: float) -> tuple[str, str]:
    """A score and the threshold as percentages, with as many decimals as it takes for them to read
    differently when they differ: never "87% — below threshold 87%"."""
    if x is None:
        return "—", _pct(threshold)
    for d in range(0, 4):
        a, b = f"{x * 100:.{d}f}%", f"{threshold * 100:.{d}f}%"
        if (a != b) == (abs(x - threshold) > 1e-9):
            return a, b
    return f"{x * 100:.4f}%", f"{threshold * 100:.4f}%"


UNCHECKED_WORDS = {
    "not_loaded": ("no loaded plugin provides its domain", "没有已加载的插件提供其领域"),
    "outside": ("its domain is not in this assessment", "其领域不在本次评估范围内"),
    "switched_off": ("the profile switches it off", "画像规则关闭了它"),
    "not_assessed": ("it is not assessed yet", "它尚未评估"),
    "profile": ("it does not hold for this kind of business", "它不适用于这类业务"),
}


def unchecked_text(u, lang: str = "en") -> str:
    """One line: a dependency that is not checked, and why."""
    en, zh = UNCHECKED_WORDS.get(u.reason, (u.reason, u.reason))
    if u.reason == "profile" and getattr(u, "why", None) is not None:
        en, zh = f"{en}: {u.why.get('en')}", f"{zh}：{u.why.get('zh')}"
    if lang == "zh":
        return f"未检查依赖：{stage_word(u.stage, lang)}需要 {u.requires} 达到{stage_word(u.requires_stage, lang)}，但{zh}"
    return f"not checked: {stage_word(u.stage)} needs {u.requires} at {stage_word(u.requires_stage)}, but {en}"


def practice_text(r: ScopeResult, lang: str = "en", catalogue=None) -> str:
    """The foundation gap in words, or "" when the practice is not above the stage.

    "works online in practice (96%); held at offline by structured: 2 criteria unmet — meeting them unlocks online"
    """
    if not r.counted or r.practice <= r.reached:
        return ""
    zh = lang == "zh"
    p = r.stages[r.practice - 1]
    gap = r.foundation_gap
    parts = []
    for g in gap:
        n = len(g.todo)
        parts.append(f"{stage_word(g.stage, lang)} {n} 条未满足" if zh else
                     f"{stage_word(g.stage)}: {_n(n, 'criterion', 'criteria')} unmet")
    held = ("、".join(parts) if zh else "; ".join(parts))
    if not gap:  # own criteria pass all the way: only dependencies hold it
        deps = ("、" if zh else ", ").join(dict.fromkeys(scope_label(catalogue, c.requires, lang) for c in r.capped_by))
        held = (f"依赖（{deps}）" if zh else f"a dependency ({deps})") if deps else ("依赖" if zh else "a dependency")
    if zh:
        return (f"实际作业已达{stage_word(r.practice, lang)}（{_pct(p.score)}）；被{held}压在{stage_word(r.reached, lang)}"
                f"——补齐即解锁{stage_word(r.practice, lang)}")
    return (f"works {stage_word(r.practice)} in practice ({_pct(p.score)}); held at {stage_word(r.reached)} by {held}"
            f" — meeting {'them' if gap else 'it'} unlocks {stage_word(r.practice)}")


def practice_line(r: ScopeResult, lang: str = "en", catalogue=None) -> tuple[str, str]:
    """(label, text) for a scope that works above its stage: a foundation gap when its own lower stages
    fall short, "Practice" when only a dependency holds it; ("", "") otherwise."""
    text = practice_text(r, lang, catalogue)
    if not text:
        return "", ""
    if r.foundation_gap:
        return ("基础缺口" if lang == "zh" else "Foundation gap"), text
    return ("受依赖限制" if lang == "zh" else "Held by a dependency"), text


def not_assessed_text(lang: str = "en") -> str:
    return "尚未评估：还没有作答任何条目，不计入任何汇总" if lang == "zh" else \
        "not assessed: no criterion answered yet; left out of every figure"


def explain_scope(catalogue, result: AssessmentResult, r: ScopeResult, lang: str = "en") -> list[str]:
    """Lines that say how a scope's stage and level were made, and what blocks the next stage."""
    zh = lang == "zh"
    scope = catalogue.scopes[r.scope]
    crit = catalogue.criteria[r.scope]
    name = scope.name.get(lang)
    lines = []
    if not r.active:
        lines.append(f"{name}（{r.scope}）：已关闭" if zh else f"{name} ({r.scope}): switched off")
        for rule in r.weight_reasons:
            lines.append(f"  {rule.why.zh}" if zh else f"  {rule.why.en}")
        lines.append("画像规则关闭了该范畴：不计入任何汇总，其他范畴对它的依赖不检查。" if zh else
                     "Switched off by the profile: left out of every figure; dependencies on it are not checked.")
        return lines
    if not r.assessed:
        lines.append(f"{name}（{r.scope}）：{not_assessed_text(lang)}" if zh else f"{name} ({r.scope}): {not_assessed_text()}")
        for u in r.unchecked:
            lines.append("  " + unchecked_text(u, lang))
        return lines
    if zh:
        lines.append(f"{name}（{r.scope}）：{stage_word(r.reached, lang)}，等级 {r.level:.2f}，完成度 {_pct(r.completeness)}")
    else:
        lines.append(f"{name} ({r.scope}): {stage_word(r.reached)}, level {r.level:.2f}, completeness {_pct(r.completeness)}")
    label, gap = practice_line(r, lang, catalogue)
    if gap:
        lines.append(f"{label}：{gap}" if zh else f"{label}: {gap}")
    for rule in r.weight_reasons:
        lines.append(f"权重 ×{rule.factor:g}：{rule.why.zh}" if zh else f"Weight ×{rule.factor:g}: {rule.why.en}")
    for s in r.stages:
        parts = []
        for c in s.contributions:
            ans = answer_word(c.answer, lang)
            parts.append(f"[{ans} ×{c.weight:g}] {crit[c.criterion].text.get(lang)}")
        verdict = _stage_verdict(s, result.threshold, lang)
        sc, _ = pct_pair(s.score, result.threshold)
        lines.append(f"  {stage_word(s.stage, lang)}{'：' if zh else ': '}{sc} — {verdict}")
        lines.extend(f"      {p}" for p in parts)
    for cid, rule in r.profile_na.items():
        text = crit[cid].text.get(lang)
        lines.append(f"  画像规则判为不适用：{text} —— {rule.why.zh}" if zh else f"  n/a by the profile: {text} — {rule.why.en}")
    lines.append(decision(r, result.threshold, lang, catalogue))
    for cap in r.capped_by:
        lines.append(("  受限于 " if zh else "  capped by ") + cap_text(cap, lang, result, catalogue))
    if r.reached < TOP:
        nxt = r.reached + 1
        s = r.stages[nxt - 1]
        # When the stage's own criteria pass, only dependencies block it: don't list "mostly" answers.
        todo = [] if s.passes else [c for c in s.contributions if c.answer not in ("met", "n/a")]
        head = f"迈向{stage_word(nxt, lang)}的障碍：" if zh else f"What blocks {stage_word(nxt)}:"
        lines.append(head)
        for c in todo:
            text = crit[c.criterion].text.get(lang)
            lines.append(f"  · [{answer_word(c.answer, lang)}] {text}")
        for cap in (c for c in r.caps if c.stage == nxt):
            lines.append("  · " + cap_text(cap, lang, result, catalogue))
        if not todo and not any(c.stage == nxt for c in r.caps):
            lines.append("  · " + ("无（请检查更低阶段）" if zh else "nothing (see the lower stages)"))
    for u in r.unchecked:
        lines.append("  " + unchecked_text(u, lang))
    return lines


def _stage_verdict(s, threshold: float, lang: str) -> str:
    zh = lang == "zh"
    if s.answered == 0 and s.unanswered == 0:
        return "全部不适用，视为通过" if zh else "all n/a, passes"
    if s.unanswered:
        return (f"{s.unanswered} 条未作答（需全部作答）" if zh else f"{s.unanswered} unanswered (all must be answered)")
    _, th = pct_pair(s.score, threshold)
    if s.passes:
        return f"≥ 阈值 {th}，通过" if zh else f"≥ threshold {th}, passes"
    return f"< 阈值 {th}" if zh else f"< threshold {th}"


def decision(r: ScopeResult, threshold: float, lang: str = "en", catalogue=None) -> str:
    """One line: what decided the stage — the threshold, the completeness gate, or a dependency."""
    zh = lang == "zh"
    if not r.active:
        return ("画像规则关闭了该范畴：不计入任何汇总。" if zh else
                "Switched off by the profile: left out of every figure.")
    if not r.assessed:
        return not_assessed_text(lang)
    if r.reached >= TOP:
        return "已达到最高阶段。" if zh else "Reached the top stage."
    nxt = r.reached + 1
    s = r.stages[nxt - 1]
    if r.capped:
        caps = ("、" if zh else ", ").join(
            f"{scope_label(catalogue, c.requires, lang)}{'须达' if zh else ' at '}{stage_word(c.requires_stage, lang)}"
            for c in r.capped_by)
        return (f"判定：自身证据可达{stage_word(r.uncapped, lang)}，但被依赖限制在{stage_word(r.reached, lang)}（{caps}）。" if zh
                else f"Decided by a dependency: its own criteria reach {stage_word(r.uncapped)}, but {caps} caps it at {stage_word(r.reached)}.")
    sc, th = pct_pair(s.score, threshold)
    if s.score is not None and s.score < threshold - 1e-9:
        more = ""
        if s.unanswered:
            more = f"（另有 {s.unanswered} 条未作答）" if zh else f" ({_n(s.unanswered, 'criterion', 'criteria')} still unanswered)"
        return (f"判定：{stage_word(nxt, lang)}得分 {sc} 低于阈值 {th}{more}。" if zh
                else f"Decided by the threshold: {stage_word(nxt)} scores {sc}, below {th}{more}.")
    if s.unanswered:
        return (f"判定：{stage_word(nxt, lang)}还有 {s.unanswered} 条未作答（完整度门槛）。" if zh
                else f"Decided by the completeness gate: {_n(s.unanswered, 'criterion', 'criteria')} at "
                     f"{stage_word(nxt)} {'is' if s.unanswered == 1 else 'are'} unanswered.")
    if not s.passes:
        return (f"判定：{stage_word(nxt, lang)}得分 {sc} 低于阈值 {th}。" if zh
                else f"Decided by the threshold: {stage_word(nxt)} scores {sc}, below {th}.")
    caps = [c for c in r.caps if c.stage == nxt]
    if caps:
        return (f"判定：{stage_word(nxt, lang)}的证据已满足，但依赖未满足。" if zh
                else f"Decided by a dependency: {stage_word(nxt)}'s criteria pass, but a dependency is not met.")
    return ""


def _n(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def scope_label(catalogue, sid: str, lang: str = "en") -> str:
    """A scope as people name it: its name, or the id when no catalogue knows it."""
    scope = catalogue.scopes.get(sid) if catalogue is not None else None
    return scope.name.get(lang) if scope is not None else sid


def _stage_shortfall(req: ScopeResult, stage: int, lang: str) -> str:
    """What holds a required scope below ``stage`` by its own criteria: "its digital criteria score 45%, 2 unmet"."""
    s = req.stages[stage - 1]
    unmet = sum(1 for c in s.contributions if c.answer not in ("met", "n/a"))
    if s.score is None:
        return ""
    if lang == "zh":
        return f"其{stage_word(stage, lang)}条目得分 {_pct(s.score)}，{unmet} 条未满足"
    return f"its {stage_word(stage)} criteria score {_pct(s.score)}, {_n(unmet, 'unmet', 'unmet')}"


def cap_text(cap, lang: str, result: AssessmentResult | None = None, catalogue=None) -> str:
    """A cap in words: what actually holds the required scope (its practice and foundation gap, or how far its
    own criteria fall short), and the dependency's own reason only where it still fits."""
    req = result.scopes.get(cap.requires) if result is not None else None
    held = practice_text(req, lang, catalogue) if req is not None else ""
    practises = req is not None and req.practice >= cap.requires_stage
    short = _stage_shortfall(req, cap.requires_stage, lang) if req is not None and req.counted and not held else ""
    who = scope_label(catalogue, cap.requires, lang)
    if lang == "zh":
        head = f"{who}需达到{stage_word(cap.requires_stage, lang)}（当前{stage_word(cap.actual_stage, lang)}）"
        if held and practises:
            return f"{head}：它{held}，补齐后这一限制也随之解除"
        extra = f"它{held}" if held else short
        return f"{head}：{cap.why.zh}" + (f"（{extra}）" if extra else "")
    head = f"{who} must be {stage_word(cap.requires_stage)} (it is {stage_word(cap.actual_stage)})"
    if held and practises:
        return f"{head}: it {held}, which lifts this cap too"
    extra = f"it {held}" if held else short
    return f"{head}: {cap.why.en}" + (f" ({extra})" if extra else "")


def level_text(x: float | None) -> str:
    """A level for people: "—" while nothing is assessed, never 0.00."""
    return "—" if x is None else f"{x:.2f}"


def lowest_text(agg, lang: str = "en") -> str:
    return "—" if agg.lowest is None else stage_word(agg.lowest, lang)


def scope_status(r: ScopeResult, lang: str = "en") -> str:
    """The stage as a client should read it: switched off · not assessed · the stage, with the practice when higher."""
    zh = lang == "zh"
    if not r.active:
        return "已关闭" if zh else "switched off"
    if not r.assessed:
        return "尚未评估" if zh else "not assessed"
    if r.practice > r.reached:
        return (f"{stage_word(r.reached, lang)}（实际{stage_word(r.practice, lang)}）" if zh else
                f"{stage_word(r.reached)} (works {stage_word(r.practice)})")
    return stage_word(r.reached, lang)
