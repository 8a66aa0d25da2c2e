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


def explain_scope(catalogue, result: AssessmentResult, r: ScopeResult, lang: str = "en") -> list[str]:
    """Lines that say how a scope's stage and level were made, and what blocks the next stage."""
    zh = lang == "zh"
    scope = catalogue.scopes[r.scope]
    crit = catalogue.criteria[r.scope]
    name = scope.name.get(lang)
    lines = []
    if zh:
        lines.append(f"{name}（{r.scope}）：{stage_word(r.reached, lang)}，等级 {r.level:.2f}，完成度 {_pct(r.completeness)}")
    else:
        lines.append(f"{name} ({r.scope}): {stage_word(r.reached)}, level {r.level:.2f}, completeness {_pct(r.completeness)}")
    for rule in r.weight_reasons:
        lines.append(f"权重 ×{rule.factor:g}：{rule.why.zh}" if zh else f"Weight ×{rule.factor:g}: {rule.why.en}")
    if not r.active:
        lines.append("画像规则关闭了该范畴：不计入任何汇总，其他范畴对它的依赖不检查。" if zh else
                     "Switched off by the profile: left out of every figure; dependencies on it are not checked.")
        return lines
    for s in r.stages:
        parts = []
        for c in s.contributions:
            ans = c.answer or ("未作答" if zh else "unanswered")
            parts.append(f"{c.criterion}={ans}×{c.weight:g}")
        verdict = _stage_verdict(s, result.threshold, lang)
        lines.append(f"  {stage_word(s.stage, lang)}: {_pct(s.score)} — {verdict} [{', '.join(parts)}]")
    lines.append(decision(r, result.threshold, lang))
    for cap in r.capped_by:
        lines.append(("  受限于 " if zh else "  capped by ") + _cap_text(cap, lang))
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
            lines.append("  · " + _cap_text(cap, lang))
        if not todo and not any(c.stage == nxt for c in r.caps):
            lines.append("  · " + ("无（请检查更低阶段）" if zh else "nothing (see the lower stages)"))
    for dep in r.unchecked:
        lines.append(f"  未评估 {dep}：依赖未检查" if zh else f"  {dep} is not assessed: that dependency is not checked")
    return lines


def _stage_verdict(s, threshold: float, lang: str) -> str:
    zh = lang == "zh"
    if s.answered == 0 and s.unanswered == 0:
        return "全部不适用，视为通过" if zh else "all n/a, passes"
    if s.unanswered:
        return (f"{s.unanswered} 条未作答（需全部作答）" if zh else f"{s.unanswered} unanswered (all must be answered)")
    if s.passes:
        return f"≥ 阈值 {_pct(threshold)}，通过" if zh else f"≥ threshold {_pct(threshold)}, passes"
    return f"< 阈值 {_pct(threshold)}" if zh else f"< threshold {_pct(threshold)}"


def decision(r: ScopeResult, threshold: float, lang: str = "en") -> str:
    """One line: what decided the stage — the threshold, the completeness gate, or a dependency."""
    zh = lang == "zh"
    if not r.active:
        return ("画像规则关闭了该范畴：不计入任何汇总。" if zh else
                "Switched off by the profile: left out of every figure.")
    if r.reached >= TOP:
        return "已达到最高阶段。" if zh else "Reached the top stage."
    nxt = r.reached + 1
    s = r.stages[nxt - 1]
    if r.capped:
        caps = ", ".join(f"{c.requires}@{stage_word(c.requires_stage, lang)}" for c in r.capped_by)
        return (f"判定：自身证据可达{stage_word(r.uncapped, lang)}，但被依赖限制在{stage_word(r.reached, lang)}（{caps}）。" if zh
                else f"Decided by a dependency: its own criteria reach {stage_word(r.uncapped)}, but {caps} caps it at {stage_word(r.reached)}.")
    if s.score is not None and s.score < threshold - 1e-9:
        more = ""
        if s.unanswered:
            more = f"（另有 {s.unanswered} 条未作答）" if zh else f" ({_n(s.unanswered, 'criterion', 'criteria')} still unanswered)"
        return (f"判定：{stage_word(nxt, lang)}得分 {_pct(s.score)} 低于阈值 {_pct(threshold)}{more}。" if zh
                else f"Decided by the threshold: {stage_word(nxt)} scores {_pct(s.score)}, below {_pct(threshold)}{more}.")
    if s.unanswered:
        return (f"判定：{stage_word(nxt, lang)}还有 {s.unanswered} 条未作答（完整度门槛）。" if zh
                else f"Decided by the completeness gate: {_n(s.unanswered, 'criterion', 'criteria')} at "
                     f"{stage_word(nxt)} {'is' if s.unanswered == 1 else 'are'} unanswered.")
    if not s.passes:
        return (f"判定：{stage_word(nxt, lang)}得分 {_pct(s.score)} 低于阈值 {_pct(threshold)}。" if zh
                else f"Decided by the threshold: {stage_word(nxt)} scores {_pct(s.score)}, below {_pct(threshold)}.")
    caps = [c for c in r.caps if c.stage == nxt]
    if caps:
        return (f"判定：{stage_word(nxt, lang)}的证据已满足，但依赖未满足。" if zh
                else f"Decided by a dependency: {stage_word(nxt)}'s criteria pass, but a dependency is not met.")
    return ""


def _n(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _cap_text(cap, lang: str) -> str:
    if lang == "zh":
        return (f"{cap.requires} 需达到{stage_word(cap.requires_stage, lang)}（当前{stage_word(cap.actual_stage, lang)}）："
                f"{cap.why.zh}")
    return (f"{cap.requires} must be {stage_word(cap.requires_stage)} (it is {stage_word(cap.actual_stage)}): "
            f"{cap.why.en}")
