"""CRM probes: what a CRM's own exports (leads, customers, opportunities, activities, approvals) show.

Each probe reads logical tables through DuckDB SQL (``data.sql``), records indicator values and,
for the criteria it informs, a suggested answer with one sentence of evidence. Only aggregates
leave a probe: never a name, a phone number or any other field of a record.
"""

from __future__ import annotations

from maturity import Column, Table, probe

UNKNOWN = ("", "unknown", "other", "others", "n/a", "na", "none", "null", "-", "未知", "其他", "其它", "无", "不详")
_UNKNOWN_SQL = ", ".join(f"'{u}'" for u in UNKNOWN)


def known(col: str) -> str:
    """SQL: the column holds a real value ('unknown' and 'other' count as missing)."""
    return f"({col} IS NOT NULL AND lower(trim({col})) NOT IN ({_UNKNOWN_SQL}))"


LEADS = Table(
    "leads", "Leads", "线索", time="created_at", synonyms=("lead", "线索", "leads_export", "线索列表"),
    noun=("leads", "条线索"),
    columns=(
        Column("lead_id", "text", "Lead id", "线索编号", ("id", "线索id", "线索ID", "leadid", "编号")),
        Column("created_at", "timestamp", "Created", "创建时间",
               ("created", "create_time", "created_time", "录入时间", "留资时间", "创建日期", "createdate")),
        Column("captured_at", "timestamp", "Captured", "获取时间",
               ("capture_time", "留资日期", "获客时间", "活动日期", "enquiry_time")),
        Column("source", "text", "Source", "来源", ("lead_source", "线索来源", "渠道", "来源渠道", "channel", "获客渠道")),
        Column("status", "text", "State", "状态", ("lead_status", "线索状态", "stage", "阶段", "state")),
        Column("owner", "text", "Owner", "负责人",
               ("owner_name", "跟进人", "所属销售", "销售", "归属人", "assigned_to", "assignee", "sales_rep", "销售代表")),
        Column("first_contact_at", "timestamp", "First contact", "首次联系时间",
               ("first_contacted_at", "首次跟进时间", "首次联系", "first_contact")),
        Column("opportunity_id", "text", "Opportunity", "商机编号", ("converted_opportunity", "转化商机", "商机id", "商机ID")),
        Column("accepted", "text", "Accepted or returned", "接收状态",
               ("acceptance", "是否接收", "接收/退回", "sales_acceptance")),
        Column("return_reason", "text", "Return reason", "退回原因", ("returned_reason", "退回理由")),
    ),
)

CUSTOMERS = Table(
    "customers", "Customers", "客户", time="created_at", synonyms=("customer", "accounts", "account", "客户", "客户列表"),
    noun=("active customers", "个活跃客户"),
    columns=(
        Column("customer_id", "text", "Customer id", "客户编号", ("id", "account_id", "客户id", "客户ID")),
        Column("name", "text", "Customer name", "客户名称", ("account_name", "company", "公司名称", "企业名称", "客户名")),
        Column("created_at", "timestamp", "Created", "创建时间", ("created", "create_time", "建档时间")),
        Column("industry", "text", "Industry", "行业", ("所属行业",)),
        Column("size", "text", "Size", "规模", ("company_size", "企业规模", "人员规模", "employees")),
        Column("tier", "text", "Tier", "客户等级", ("level", "等级", "分级", "客户分级", "customer_tier")),
        Column("owner", "text", "Owner", "负责人", ("owner_name", "跟进人", "所属销售", "销售", "归属人", "assigned_to")),
        Column("contact", "text", "Primary contact", "主要联系人", ("primary_contact", "联系人", "contact_name")),
        Column("status", "text", "State", "客户状态", ("state", "状态", "lifecycle", "生命周期")),
    ),
)

OPPORTUNITIES = Table(
    "opportunities", "Opportunities", "商机", time="created_at", synonyms=("opportunity", "deals", "pipeline", "商机"),
    noun=("opportunities", "个商机"),
    columns=(
        Column("opportunity_id", "text", "Opportunity id", "商机编号", ("id", "deal_id", "商机id", "商机ID")),
        Column("created_at", "timestamp", "Created", "创建时间", ("created", "create_time")),
        Column("stage", "text", "Stage", "阶段", ("销售阶段", "商机阶段", "status", "状态")),
        Column("amount", "number", "Amount", "金额", ("value", "商机金额", "预计金额", "deal_amount")),
        Column("expected_close", "date", "Expected close", "预计成交日期", ("close_date", "expected_close_date", "预计签单日期")),
        Column("updated_at", "timestamp", "Last updated", "最后更新时间", ("last_modified", "modified", "更新时间", "stage_updated_at")),
        Column("closed_at", "timestamp", "Closed", "关闭时间", ("closed", "close_time", "成交时间", "结束时间", "won_at")),
        Column("result", "text", "Result", "结果", ("outcome", "赢单/输单", "输赢", "won_lost")),
        Column("lead_id", "text", "Lead", "来源线索", ("source_lead", "线索编号", "lead")),
    ),
)

ACTIVITIES = Table(
    "activities", "Activities and visits", "拜访与活动", time="happened_at",
    synonyms=("activity", "visits", "visit", "拜访", "活动记录", "跟进记录"), noun=("activities", "条活动记录"),
    columns=(
        Column("activity_id", "text", "Activity id", "记录编号", ("id", "活动编号", "拜访编号")),
        Column("type", "text", "Type", "类型", ("activity_type", "活动类型", "拜访类型")),
        Column("owner", "text", "Rep", "负责人", ("rep", "销售", "拜访人", "跟进人", "owner_name")),
        Column("happened_at", "timestamp", "Happened", "发生时间", ("visit_time", "拜访时间", "活动时间", "date", "日期")),
        Column("logged_at", "timestamp", "Logged", "录入时间", ("created", "created_at", "记录时间", "创建时间")),
        Column("outcome", "text", "Outcome", "结果", ("拜访结果", "result", "成果")),
        Column("next_step", "text", "Next step", "下一步", ("next_action", "下一步计划", "后续行动")),
        Column("check_in", "bool", "Checked in", "是否签到", ("checked_in", "签到", "定位签到")),
    ),
)

APPROVALS = Table(
    "approvals", "Approvals", "审批", time="submitted_at", synonyms=("approval", "审批", "审批记录"),
    noun=("approvals", "条审批"),
    columns=(
        Column("approval_id", "text", "Approval id", "审批编号", ("id", "单号", "审批单号")),
        Column("type", "text", "Type", "审批类型", ("approval_type", "流程", "流程名称")),
        Column("submitted_at", "timestamp", "Submitted", "提交时间", ("created_at", "发起时间", "申请时间")),
        Column("decided_at", "timestamp", "Decided", "审批完成时间", ("completed_at", "完成时间", "结束时间", "decision_time")),
        Column("approver", "text", "Approver", "审批人", ("decided_by", "处理人")),
        Column("result", "text", "Result", "审批结果", ("decision", "结果", "状态")),
        Column("device", "text", "Device", "审批终端", ("channel", "终端", "client", "审批方式")),
    ),
)

RETURNED = ("returned", "return", "退回", "驳回", "rejected for information", "补充材料")
MOBILE = ("mobile", "app", "手机", "移动端", "钉钉", "企业微信", "wecom", "ios", "android")


def _in(col: str, words) -> str:
    return "(" + " OR ".join(f"lower({col}) LIKE '%{w}%'" for w in words) + ")"


@probe(id="crm.lead_data", version="1", en="Lead data completeness", zh="线索数据完整度",
       needs={LEADS: ("created_at", "source", "status")}, optional={LEADS: ("owner", "lead_id")},
       informs=("crm.leads.source_state_complete",),
       measures=("crm.leads.known_source_share",))
def lead_data(data):
    total, with_source, complete = data.sql(
        f"SELECT count(*), count(*) FILTER ({known('source')}), "
        f"count(*) FILTER ({known('source')} AND {known('status')}) FROM leads")[0]
    data.indicator("crm.leads.known_source_share", 100 * with_source / total if total else None, total, LEADS)
    data.coverage("crm.leads.source_state_complete", complete, total, LEADS,
                  "have a known source and state", "来源和状态完整", anchors=(0.95, 0.85, 0.60))


@probe(id="crm.lead_speed", version="1", en="Lead capture and first contact", zh="线索录入与首次联系",
       needs={LEADS: ("created_at",)}, optional={LEADS: ("first_contact_at", "captured_at")},
       informs=("crm.leads.created_in_system",),
       measures=("crm.leads.first_contact_time", "crm.leads.created_in_system_share"))
def lead_speed(data):
    if data.has(LEADS, "first_contact_at"):
        n, med = data.sql("SELECT count(*), median(epoch(first_contact_at - created_at) / 3600) FROM leads "
                          "WHERE first_contact_at IS NOT NULL AND first_contact_at >= created_at")[0]
        data.indicator("crm.leads.first_contact_time", med, n, LEADS)
    if data.has(LEADS, "captured_at"):
        n, in_time = data.sql("SELECT count(*), count(*) FILTER (created_at <= captured_at + INTERVAL 24 HOUR) "
                              "FROM leads WHERE captured_at IS NOT NULL")[0]
        if n:
            data.indicator("crm.leads.created_in_system_share", 100 * in_time / n, n, LEADS)
            data.coverage("crm.leads.created_in_system", in_time, n, LEADS,
                          "were in the system within 24 h of capture", "在获取后24小时内进入系统")


@probe(id="crm.lead_conversion", version="1", en="Lead conversion and returns", zh="线索转化与退回",
       needs={LEADS: ("created_at", "opportunity_id")}, optional={LEADS: ("accepted", "status")},
       informs=("crm.leads.accepted_in_system",),
       measures=("crm.leads.lead_to_opportunity_rate", "crm.leads.return_rate"))
def lead_conversion(data):
    # leads old enough to have had 90 days to convert
    total, conv = data.sql("SELECT count(*), count(opportunity_id) FROM leads "
                           "WHERE created_at <= (SELECT max(created_at) FROM leads) - INTERVAL 90 DAY")[0]
    if not total:
        total, conv = data.sql("SELECT count(*), count(opportunity_id) FROM leads")[0]
    data.indicator("crm.leads.lead_to_opportunity_rate", 100 * conv / total if total else None, total, LEADS)
    if data.has(LEADS, "accepted"):
        handed, returned, decided = data.sql(
            "SELECT count(*), count(*) FILTER (" + _in("accepted", RETURNED) + "), count(accepted) FROM leads "
            "WHERE opportunity_id IS NOT NULL OR accepted IS NOT NULL")[0]
        if handed:
            data.indicator("crm.leads.return_rate", 100 * returned / handed, handed, LEADS)
            data.coverage("crm.leads.accepted_in_system", decided, handed, LEADS,
                          "handed to sales were accepted or returned in the system", "移交销售后在系统中接收或退回",
                          noun=("handed-over leads", "条移交的线索"))


@probe(id="crm.customer_data", version="1", en="Customer data quality", zh="客户数据质量",
       needs={CUSTOMERS: ("customer_id", "owner")},
       optional={CUSTOMERS: ("name", "industry", "size", "tier", "contact", "status")},
       informs=("crm.customers.key_fields_complete", "crm.customers.duplicates_low"),
       measures=("crm.customers.duplicate_rate", "crm.customers.single_owner_share"))
def customer_data(data):
    active = "1=1"
    if data.has(CUSTOMERS, "status"):
        active = "coalesce(lower(status), '') NOT IN ('lost', 'dormant', 'closed', '流失', '已流失', '休眠', '关闭')"
    # one row per customer id: an export may repeat a customer once per owner
    total, single = data.sql(
        f"SELECT count(*), count(*) FILTER (owners = 1) FROM (SELECT customer_id, count(DISTINCT owner) "
        f"FILTER ({known('owner')}) AS owners FROM customers WHERE {active} GROUP BY customer_id)")[0]
    data.indicator("crm.customers.single_owner_share", 100 * single / total if total else None, total, CUSTOMERS)
    fields = [c for c in ("industry", "size", "tier", "owner", "contact") if data.has(CUSTOMERS, c)]
    if len(fields) == 5:
        cond = " AND ".join(known(c) for c in fields)
        n, ok = data.sql(f"SELECT count(DISTINCT customer_id), count(DISTINCT customer_id) FILTER ({cond}) "
                         f"FROM customers WHERE {active}")[0]
        data.coverage("crm.customers.key_fields_complete", ok, n, CUSTOMERS,
                      "have industry, size, tier, owner and primary contact", "行业、规模、等级、负责人和主要联系人齐全")
    if data.has(CUSTOMERS, "name"):
        n, dup = data.sql(
            "SELECT count(*), count(*) - count(DISTINCT key) FROM (SELECT DISTINCT customer_id, "
            "regexp_replace(lower(name), '[\\s()（）.,，。·-]|有限公司|有限责任公司|股份|公司|co|ltd|inc', '', 'g') AS key "
            "FROM customers WHERE name IS NOT NULL)")[0]
        if n:
            share = dup / n
            data.indicator("crm.customers.duplicate_rate", 100 * share, n, CUSTOMERS)
            ans = "met" if share < 0.02 else "mostly" if share < 0.05 else "partly" if share < 0.10 else "not_met"
            data.suggest("crm.customers.duplicates_low", ans,
                         f"{100 * share:.1f}% of {n:,} customer records share a normalised name with another "
                         "(below 2% is met, 5% mostly, 10% partly)",
                         f"{n:,}条客户记录中{100 * share:.1f}%与其他记录名称相同（低于2%为满足，5%基本满足，10%部分满足）",
                         n, CUSTOMERS, share=round(1 - share, 4))


@probe(id="crm.pipeline", version="1", en="Pipeline health and win rate", zh="商机管道健康度与赢率",
       needs={OPPORTUNITIES: ("opportunity_id", "created_at", "stage")},
       optional={OPPORTUNITIES: ("expected_close", "updated_at", "closed_at", "result", "amount", "lead_id")},
       informs=("crm.opportunities.pipeline_fresh", "crm.opportunities.converted_from_lead",
                "crm.opportunities.all_in_system"),
       measures=("crm.opportunities.win_rate", "crm.opportunities.sales_cycle_length",
                 "crm.opportunities.pipeline_visibility", "crm.opportunities.wins_registered_early"))
def pipeline(data):
    has = lambda c: data.has(OPPORTUNITIES, c)  # noqa: E731
    won = "(lower(coalesce(result, stage)) IN ('won', 'win', '赢单', '成交', '已成交', 'closed won'))"
    lost = "(lower(coalesce(result, stage)) IN ('lost', 'lose', '输单', '丢单', '失败', 'closed lost'))"
    if not has("result"):
        won, lost = won.replace("coalesce(result, stage)", "stage"), lost.replace("coalesce(result, stage)", "stage")
    asof = "(SELECT max(coalesce(" + ("updated_at, " if has("updated_at") else "") + "created_at)) FROM opportunities)"
    closed, wins = data.sql(f"SELECT count(*) FILTER ({won} OR {lost}), count(*) FILTER ({won}) FROM opportunities")[0]
    if closed:
        data.indicator("crm.opportunities.win_rate", 100 * wins / closed, closed, OPPORTUNITIES)
    if has("closed_at") and wins:
        n, med, early = data.sql(f"SELECT count(*), median(epoch(closed_at - created_at) / 86400), count(*) FILTER "
                                 f"(closed_at - created_at >= INTERVAL 14 DAY) FROM opportunities "
                                 f"WHERE {won} AND closed_at IS NOT NULL")[0]
        if n:
            data.indicator("crm.opportunities.sales_cycle_length", med, n, OPPORTUNITIES)
            data.indicator("crm.opportunities.wins_registered_early", 100 * early / n, n, OPPORTUNITIES)
    open_ = f"NOT ({won} OR {lost})"
    if has("expected_close") and has("updated_at"):
        n, fresh = data.sql(f"SELECT count(*), count(*) FILTER (expected_close >= CAST({asof} AS DATE) AND "
                            f"updated_at >= {asof} - INTERVAL 30 DAY) FROM opportunities WHERE {open_}")[0]
        data.coverage("crm.opportunities.pipeline_fresh", fresh, n, OPPORTUNITIES,
                      "have a future close date and a stage updated in the last 30 days",
                      "预计成交日期在未来且阶段在30天内更新过", anchors=(0.90, 0.80, 0.50),
                      noun=("open opportunities", "个未关闭商机"))
        if has("amount"):
            amt, fresh_amt = data.sql(f"SELECT sum(amount), sum(amount) FILTER (updated_at >= {asof} - INTERVAL 30 DAY "
                                      f"AND expected_close IS NOT NULL) FROM opportunities WHERE {open_}")[0]
            if amt:
                data.indicator("crm.opportunities.pipeline_visibility", 100 * (fresh_amt or 0) / amt, n, OPPORTUNITIES)
    if has("amount") and has("expected_close"):
        n, full = data.sql(f"SELECT count(*), count(*) FILTER (amount IS NOT NULL AND expected_close IS NOT NULL AND "
                           f"stage IS NOT NULL) FROM opportunities WHERE {open_}")[0]
        data.coverage("crm.opportunities.all_in_system", full, n, OPPORTUNITIES,
                      "carry an amount, a stage and an expected close date", "金额、阶段和预计成交日期齐全",
                      noun=("open opportunities", "个未关闭商机"))
    if has("lead_id"):
        n, linked = data.sql("SELECT count(*), count(lead_id) FROM opportunities")[0]
        data.coverage("crm.opportunities.converted_from_lead", linked, n, OPPORTUNITIES,
                      "are linked to the lead they came from", "关联了来源线索")


@probe(id="crm.activity_logging", version="1", en="Activity logging", zh="活动记录",
       needs={ACTIVITIES: ("owner", "happened_at")}, optional={ACTIVITIES: ("logged_at", "outcome", "next_step",
                                                                           "check_in", "type")},
       informs=("crm.activities_visits.logged_same_day", "crm.activities_visits.records_meaningful",
                "crm.activities_visits.mobile_check_in"),
       measures=("crm.activities_visits.logged_same_day_share", "crm.activities_visits.visits_per_rep"))
def activity_logging(data):
    visit = "1=1"
    if data.has(ACTIVITIES, "type"):
        visit = "(lower(coalesce(type, '')) LIKE '%visit%' OR coalesce(type, '') LIKE '%拜访%')"
    n, rep_weeks = data.sql(f"SELECT count(*), count(DISTINCT (owner, date_trunc('week', happened_at))) "
                            f"FROM activities WHERE {visit} AND owner IS NOT NULL")[0]
    if rep_weeks:
        data.indicator("crm.activities_visits.visits_per_rep", n / rep_weeks, n, ACTIVITIES)
    total = data.value("SELECT count(*) FROM activities")
    if data.has(ACTIVITIES, "logged_at"):
        same = data.value("SELECT count(*) FILTER (CAST(logged_at AS DATE) = CAST(happened_at AS DATE)) FROM activities")
        data.indicator("crm.activities_visits.logged_same_day_share", 100 * same / total, total, ACTIVITIES)
        data.coverage("crm.activities_visits.logged_same_day", same, total, ACTIVITIES,
                      "were logged on the day they happened", "在发生当天录入")
    if data.has(ACTIVITIES, "outcome") and data.has(ACTIVITIES, "next_step"):
        n, full = data.sql(f"SELECT count(*), count(*) FILTER ({known('outcome')} AND {known('next_step')}) "
                           f"FROM activities WHERE {visit} AND happened_at >= (SELECT max(happened_at) FROM activities) "
                           "- INTERVAL 30 DAY")[0]
        data.coverage("crm.activities_visits.records_meaningful", full, n, ACTIVITIES,
                      "have an outcome and a next step", "填写了结果和下一步", anchors=(0.90, 0.80, 0.50),
                      noun=("visit records of the last 30 days", "条近30天拜访记录"))
    if data.has(ACTIVITIES, "check_in"):
        n, checked = data.sql(f"SELECT count(*), count(*) FILTER (check_in) FROM activities WHERE {visit}")[0]
        data.coverage("crm.activities_visits.mobile_check_in", checked, n, ACTIVITIES,
                      "were checked in on the mobile app", "在移动端签到", noun=("visits", "次拜访"))


@probe(id="crm.approval_time", version="1", en="Approval time and trail", zh="审批时长与留痕",
       needs={APPROVALS: ("submitted_at", "decided_at")}, optional={APPROVALS: ("approver", "result", "device")},
       informs=("crm.approvals.audit_trail",),
       measures=("crm.approvals.approval_time", "crm.approvals.returned_share", "crm.approvals.mobile_approval_share"))
def approval_time(data):
    n, med = data.sql("SELECT count(*), median(epoch(decided_at - submitted_at) / 3600) FROM approvals "
                      "WHERE decided_at >= submitted_at")[0]
    data.indicator("crm.approvals.approval_time", med, n, APPROVALS)
    total = data.value("SELECT count(*) FROM approvals")
    if data.has(APPROVALS, "result"):
        ret = data.value("SELECT count(*) FILTER (" + _in("result", RETURNED) + ") FROM approvals")
        data.indicator("crm.approvals.returned_share", 100 * ret / total, total, APPROVALS)
    if data.has(APPROVALS, "device"):
        n, mob = data.sql("SELECT count(device), count(*) FILTER (" + _in("device", MOBILE) + ") FROM approvals")[0]
        if n:
            data.indicator("crm.approvals.mobile_approval_share", 100 * mob / n, n, APPROVALS)
    if data.has(APPROVALS, "approver"):
        trail = data.value("SELECT count(*) FILTER (approver IS NOT NULL AND decided_at IS NOT NULL) FROM approvals")
        data.coverage("crm.approvals.audit_trail", trail, total, APPROVALS,
                      "record who decided and when", "记录了审批人和审批时间")


PROBES = [lead_data, lead_speed, lead_conversion, customer_data, pipeline, activity_logging, approval_time]
