"""The core's own words in English and Chinese. Plugins bring their own text in their content."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "overall_line": ("Overall level {level:.2f} · lowest stage {lowest} · completeness {complete:.0f}% · seen as {perspective}",
                     "整体等级 {level:.2f} · 最低阶段 {lowest} · 完成度 {complete:.0f}% · 视角：{perspective}"),
    "level": ("level", "等级"),
    "lowest": ("lowest", "最低"),
    "completeness": ("completeness", "完成度"),
    "scope": ("scope", "业务范畴"),
    "stage": ("stage", "阶段"),
    "ladder": ("ladder", "阶梯"),
    "target": ("target", "目标"),
    "capped_by": ("capped by", "受限于"),
    "off": ("off by profile", "画像关闭"),
    "unknown_answers": ("{n} answers name criteria the loaded plugins do not know: kept, not scored (see `maturity validate`).",
                        "{n} 条作答对应的评估项不在已加载插件中：已保留，不计分（见 `maturity validate`）。"),
    "default_targets": ("No targets set: the roadmap aims at the next stage of every scope.",
                        "尚未设定目标：路线图以每个业务范畴的下一阶段为目标。"),
    "no_steps": ("Every target is reached: no steps left.", "所有目标均已达成，没有待办步骤。"),
    "wave": ("Wave {n}", "第 {n} 波"),
    "pulled_in": ("needed by a later step", "后续步骤所需"),
    "waits_on": ("waits on", "等待"),
    "unanswered": ("unanswered", "未作答"),
    "criteria_met_waits": ("criteria met; waits only on the steps above", "评估项已满足，仅等待上述步骤"),
    "stance_head": ("Stance of the product team", "产品团队的姿势"),
    "stance_line": ("Now: {current} · able to hold: {capable} · take now: {recommended}",
                    "当前：{current} · 能力可达：{capable} · 建议现在采取：{recommended}"),
    "to_move_up": ("to move up", "要再上一级"),
    "single_points": ("single points to lead (digital, intelligence within reach)", "可主导的单点（已数字化，可孵化智能化）"),
    "team_unanswered": ("team questions not answered", "未回答的团队问题"),
    "customer_success": ("Seen as enterprise service: speak of customer success — what the client wants to achieve with the system.",
                         "以企业服务视角：谈客户成功——客户希望用系统取得什么样的成功。"),
    "indicators_head": ("Next indicators to track", "下一步建议跟踪的指标"),
    "indicator": ("indicator", "指标"),
    "type": ("type", "类型"),
    "relation": ("relation", "关系"),
    "when": ("when", "时机"),
    "reason": ("reason", "理由"),
    "now": ("now", "现在"),
    "next": ("next stage", "下一阶段"),
    "no_indicators": ("None yet: no scope is within one stage of where its indicators become measurable (usually online).",
                      "暂无：还没有业务范畴接近其指标可度量的阶段（通常是在线化）。"),
    "more_indicators": ("… {n} more (use --format json for all)", "……另有 {n} 个（--format json 查看全部）"),
    "pairs_head": ("Behaviour → result to start proving", "需要开始证明的“行为 → 结果”"),
    "disagreements_head": ("Disagreements to settle", "待统一的分歧"),
}


def tr(key: str, lang: str = "en", **kw) -> str:
    en, zh = MESSAGES[key]
    return (zh if lang == "zh" else en).format(**kw)
