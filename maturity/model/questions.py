"""The core's own questions: the business profile every domain shares, the team, perspectives."""

from __future__ import annotations

from .content import Option, Question, Text


def _q(id: str, en: str, zh: str, options: list[tuple[str, str, str]], help: tuple[str, str] | None = None,
       multiple: bool = False) -> Question:
    return Question(
        id=id,
        text=Text(en=en, zh=zh),
        help=Text(en=help[0], zh=help[1]) if help else None,
        options=tuple(Option(id=o, label=Text(en=e, zh=z)) for o, e, z in options),
        multiple=multiple,
    )


PROFILE_QUESTIONS: tuple[Question, ...] = (
    _q("customer_form", "Who are the customers?", "客户主体形态", [
        ("big_b", "Large enterprises (big-B)", "大B（大型企业客户）"),
        ("small_b", "Small businesses (small-B)", "小B（中小企业客户）"),
        ("consumer", "Consumers (C)", "C端消费者"),
    ], ("Several answers when the company serves several kinds of customer.", "同时服务多类客户时可多选。"),
       multiple=True),
    _q("sales_cycle", "How long is a typical sale?", "销售周期", [
        ("short", "Days (short)", "以天计（短）"),
        ("medium", "Weeks (medium)", "以周计（中）"),
        ("long", "Months or more (long)", "以月计或更长（长）"),
    ]),
    _q("collaboration", "How do sales collaborate?", "销售协同模式", [
        ("solo", "One rep owns the customer", "单兵作战，一人跟到底"),
        ("team", "A team sells together (pre-sales, sales, delivery)", "团队协同（售前、销售、交付）"),
        ("channel", "Through channel partners", "通过渠道伙伴销售"),
        ("mixed", "Direct sales and channel partners together", "直销与渠道并行"),
        ("telesales", "Telesales-led, high volume", "电销主导，大量外呼"),
    ], ("Several answers when the company sells several ways (direct and through dealers and by telesales).",
        "多种方式并行时可多选（直销、渠道、电销）。"), multiple=True),
    _q("control_style", "How is the business managed?", "业务管控特点", [
        ("loose", "Loose: results only", "松散：只看结果"),
        ("process", "Process: steps and approvals are controlled", "过程管控：环节与审批受控"),
        ("strict", "Strict: compliance and audit matter", "强管控：重合规与审计"),
    ]),
)

TEAM_QUESTIONS: tuple[Question, ...] = (
    _q("current_stance", "How does the product team act towards the business today?", "产品团队当前对业务的姿态", [
        ("follow", "Follow: builds what the business asks", "跟随：业务提什么做什么"),
        ("collaborate", "Collaborate: works out requirements together", "协同：与业务共同梳理需求"),
        ("push", "Push: drives business optimisation", "推动：推动业务优化"),
        ("lead", "Lead: sets and optimises the business rules", "主导：制定并优化业务规则"),
    ]),
    _q("tenure", "How long has the team worked in this company?", "团队入驻公司多久", [
        ("new", "Less than six months", "不到半年"),
        ("settled", "Six months to two years", "半年到两年"),
        ("long", "More than two years", "两年以上"),
    ]),
    _q("business_analysis", "Has the team analysed the business in detail?", "是否完成业务详细分析", [
        ("none", "Not yet", "尚未开始"),
        ("partial", "Some scopes", "部分业务范畴"),
        ("complete", "All scopes, with a proactive architecture", "全部范畴，并有主动型架构"),
    ]),
    _q("strategy", "Does the team understand the medium/long-term strategy?", "是否理解公司中远期战略", [
        ("no", "No", "否"), ("yes", "Yes", "是"),
    ]),
    _q("business_mastery", "How well does the team know the business?", "团队对业务的理解程度", [
        ("low", "Less than the business", "不如业务懂业务"),
        ("equal", "As well as the business", "和业务一样懂"),
        ("high", "Better than the business", "比业务还懂业务"),
    ]),
    _q("management_buy_in", "Does management back the team's changes?", "管理层是否认同并支持", [
        ("no", "No", "否"), ("yes", "Yes", "是"),
    ]),
    _q("partner_buy_in", "Do partner departments back the team's changes?", "合作部门是否认同并支持", [
        ("no", "No", "否"), ("yes", "Yes", "是"),
    ]),
    _q("business_ownership", "Does the business take part as owner?", "业务是否以主人翁姿态参与", [
        ("weak", "Weakly: the product team designs alone", "弱：产品闭门设计"),
        ("shared", "Shared: the business joins at key points", "共同：业务在关键节点参与"),
        ("strong", "Strongly: the business owns the rules", "强：业务主导规则"),
    ]),
    _q("test_loop", "Is there a closed loop of test resources (A/B tests, data, operators)?", "是否有测试资源闭环（A/B测试、数据、运营）", [
        ("no", "No", "否"), ("yes", "Yes", "是"),
    ]),
)

PERSPECTIVES: dict[str, Text] = {
    "marketing": Text(en="marketing system", zh="营销系统"),
    "b2b": Text(en="2B system", zh="2B系统"),
    "enterprise_service": Text(en="enterprise service", zh="企业服务系统"),
    "back_office": Text(en="middle/back office", zh="中后台系统"),
}

STANCES: tuple[str, ...] = ("follow", "collaborate", "push", "lead")
STANCE_LABELS: dict[str, Text] = {
    "follow": Text(en="follow", zh="跟随"),
    "collaborate": Text(en="collaborate", zh="协同"),
    "push": Text(en="push", zh="推动"),
    "lead": Text(en="lead", zh="主导"),
}
