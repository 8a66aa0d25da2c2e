"""Stance (姿态): how the product team should act towards the business now."""

from __future__ import annotations

from dataclasses import dataclass

from ..model.content import Text
from ..model.questions import STANCES, TEAM_QUESTIONS
from .scoring import STAGE_INDEX, AssessmentResult

DIGITAL = STAGE_INDEX["digital"]
INTELLIGENT = STAGE_INDEX["intelligent"]

REQUIREMENTS: dict[str, tuple[tuple[str, tuple[str, ...], Text], ...]] = {
    "collaborate": (
        ("business_analysis", ("partial", "complete"), Text(
            en="analyse at least some business scopes in detail", zh="至少完成部分业务范畴的详细分析")),
    ),
    "push": (
        ("business_analysis", ("complete",), Text(
            en="finish the business analysis and a proactive architecture", zh="完成全部业务分析和主动型架构")),
        ("strategy", ("yes",), Text(en="understand the medium/long-term strategy", zh="理解公司中远期战略")),
        ("management_buy_in", ("yes",), Text(en="win management's backing", zh="取得管理层的认同与支持")),
    ),
    "lead": (
        ("business_mastery", ("high",), Text(en="know the business better than the business does",
                                             zh="做到比业务还懂业务")),
        ("partner_buy_in", ("yes",), Text(en="win the partner departments", zh="取得合作部门的认同")),
        ("test_loop", ("yes",), Text(en="close the loop of test resources (A/B tests, data, operators)",
                                     zh="形成测试资源闭环（A/B测试、数据、运营）")),
    ),
}
"""What a team needs to hold each stance; each stance also needs everything below it."""


@dataclass(frozen=True)
class StanceAdvice:
    current: str
    capable: str
    """The highest stance the team's answers support."""
    recommended: str
    missing: tuple[Text, ...]
    """What the team lacks for the stance above the recommended one."""
    warnings: tuple[Text, ...]
    single_points: tuple[str, ...]
    """Scopes at digital whose intelligent stage is within reach: where to lead first."""
    unanswered: tuple[str, ...]


def capable_stance(team: dict[str, str]) -> str:
    """The highest stance whose requirements, and all those below it, the team meets."""
    best = "follow"
    for stance in STANCES[1:]:
        if all(team.get(q) in ok for q, ok, _ in REQUIREMENTS[stance]):
            best = stance
        else:
            break
    return best


def missing_for(stance: str, team: dict[str, str]) -> tuple[Text, ...]:
    """What the team lacks to hold ``stance`` (including the stances below it)."""
    out = []
    for s in STANCES[1:STANCES.index(stance) + 1]:
        out.extend(t for q, ok, t in REQUIREMENTS[s] if team.get(q) not in ok)
    return tuple(out)


def single_points(catalogue, result: AssessmentResult) -> tuple[str, ...]:
    """Scopes at digital whose intelligent-stage dependencies are met: single points to lead (单点智能化)."""
    out = []
    for r in result.active_scopes():
        if r.reached == DIGITAL and not any(c.stage == INTELLIGENT for c in r.caps):
            out.append(r.scope)
    return tuple(sorted(out, key=lambda s: (-result.scopes[s].level, s)))


def advise_stance(catalogue, result: AssessmentResult, team: dict[str, str], perspective: str = "back_office") -> StanceAdvice:
    """The stance to take now: at most one beyond the current one, within ability; a new team follows first."""
    current = team.get("current_stance", "follow")
    if current not in STANCES:
        current = "follow"
    capable = capable_stance(team)
    ci, ki = STANCES.index(current), STANCES.index(capable)
    warnings: list[Text] = []
    if team.get("tenure") == "new":
        recommended = "follow"
        warnings.append(Text(
            en="The team is new to the company: follow first, and move to collaborate once the detailed business analysis and a proactive architecture are done.",
            zh="团队刚入驻公司：即使有能力主导，也先采用跟随策略，完成业务详细分析和主动型架构后再转为协同。"))
    elif ki < ci:
        recommended = capable
        warnings.append(Text(
            en=f"The team acts as '{current}' but its answers only support '{capable}': step back until the gaps below are closed.",
            zh=f"团队当前以“{_zh(current)}”的姿态行事，但现状只支撑“{_zh(capable)}”：先补齐下列短板。"))
    else:
        recommended = STANCES[min(ki, ci + 1)]
        if ki > ci + 1:
            warnings.append(Text(
                en=f"The team could hold '{capable}', but should not jump from '{current}' to the other extreme: move one stance at a time and lead at single points first.",
                zh=f"团队有能力达到“{_zh(capable)}”，但不可从“{_zh(current)}”整体跳到另一个极端：逐级推进，先以单点的形式主导。"))
    if team.get("business_ownership") == "weak":
        warnings.append(Text(
            en="The business does not take part as owner: even once features ship, the data will be unreliable and the business will grow offline workarounds and little spreadsheets again.",
            zh="业务没有以主人翁姿态参与：即使功能上线，数据也可能不可靠，业务还会衍生出线下的功能和小表格。"))
    if STANCES.index(recommended) >= STANCES.index("push") and team.get("partner_buy_in") != "yes":
        warnings.append(Text(en="Pushing without the partner departments' buy-in: win them before changing their rules.",
                             zh="合作部门尚未认同：在改变他们的业务规则之前，先做好渗透与沟通。"))
    points = single_points(catalogue, result)
    if points and team.get("test_loop") != "yes":
        warnings.append(Text(
            en="Scopes are ready for single-point intelligence, but there is no closed loop of test resources to prove its effect.",
            zh="已有业务范畴具备单点智能化的条件，但缺少测试资源闭环，无法验证效果。"))
    nxt = STANCES[min(STANCES.index(recommended) + 1, len(STANCES) - 1)]
    unanswered = tuple(q.id for q in TEAM_QUESTIONS if q.id not in team)
    return StanceAdvice(current, capable, recommended, missing_for(nxt, team) if nxt != recommended else (),
                        tuple(warnings), points, unanswered)


def _zh(stance: str) -> str:
    return {"follow": "跟随", "collaborate": "协同", "push": "推动", "lead": "主导"}[stance]
