"""Service probes: what a service desk's own exports (tickets, satisfaction surveys) show.

Only aggregates leave a probe: never a customer's name, phone number or any field of a record.
"""

from __future__ import annotations

from maturity import Column, Table, probe

_MISSING = "('', 'unknown', 'other', 'n/a', '-', '未知', '其他', '无')"


def known(col: str) -> str:
    return f"({col} IS NOT NULL AND lower(trim({col})) NOT IN {_MISSING})"


TICKETS = Table(
    "tickets", "Tickets", "工单", time="created_at", synonyms=("ticket", "工单", "工单列表", "cases", "case"),
    noun=("tickets", "张工单"),
    columns=(
        Column("ticket_id", "text", "Ticket id", "工单编号", ("id", "工单号", "工单id", "工单ID", "case_id")),
        Column("created_at", "timestamp", "Created", "创建时间", ("received_at", "created", "提交时间", "受理时间")),
        Column("type", "text", "Type", "工单类型", ("category", "问题类型", "类型", "issue_type")),
        Column("priority", "text", "Priority", "优先级", ("紧急程度", "级别")),
        Column("customer", "text", "Customer", "客户", ("customer_id", "客户编号", "会员号", "member_id", "客户id")),
        Column("owner", "text", "Owner", "处理人", ("assignee", "agent", "坐席", "负责人", "客服", "受理人")),
        Column("state", "text", "State", "状态", ("status", "工单状态")),
        Column("assigned_at", "timestamp", "Assigned", "分配时间", ("分派时间", "派单时间")),
        Column("assigned_by", "text", "Assigned by", "分配方式", ("assignment", "派单方式", "assign_method")),
        Column("first_response_at", "timestamp", "First response", "首次响应时间", ("first_reply_at", "首响时间", "首次回复时间")),
        Column("resolved_at", "timestamp", "Resolved", "解决时间", ("closed_at", "完成时间", "关闭时间", "resolved")),
        Column("response_due", "timestamp", "Response due", "响应截止时间", ("first_response_due", "响应时限")),
        Column("resolve_due", "timestamp", "Resolution due", "解决截止时间", ("resolution_due", "sla_due", "解决时限", "SLA截止时间")),
        Column("resolution", "text", "Resolution", "处理结果", ("solution", "解决方案", "处理方案")),
        Column("reopened", "bool", "Reopened", "是否重开", ("reopen", "重开", "是否重复来电")),
        Column("transfers", "integer", "Transfers", "转派次数", ("transfer_count", "转接次数")),
        Column("contact_id", "text", "Conversation", "会话编号", ("conversation_id", "call_id", "来源会话", "通话编号")),
    ),
)

SURVEYS = Table(
    "surveys", "Satisfaction surveys", "满意度调查", time="sent_at",
    synonyms=("survey", "satisfaction", "csat", "满意度", "评价"), noun=("surveys sent", "份已发送的调查"),
    columns=(
        Column("survey_id", "text", "Survey id", "调查编号", ("id", "评价编号")),
        Column("ticket_id", "text", "Ticket", "工单编号", ("工单号", "conversation_id", "会话编号", "关联工单")),
        Column("agent", "text", "Agent", "坐席", ("owner", "客服", "处理人", "agent_id")),
        Column("sent_at", "timestamp", "Sent", "发送时间", ("survey_time", "邀评时间", "created_at")),
        Column("score", "number", "Score", "评分", ("rating", "满意度评分", "分数", "csat")),
        Column("rated_at", "timestamp", "Rated", "评价时间", ("answered_at", "回复时间")),
        Column("callback_at", "timestamp", "Called back", "回访时间", ("recovery_at", "回访完成时间")),
        Column("callback_done", "bool", "Call-back done in system", "回访已完成", ("callback_closed", "回访状态", "是否回访")),
    ),
)

SATISFIED = 4  # on a 1–5 scale: 4 or 5 is satisfied; 1–2 dissatisfied


@probe(id="service.ticket_data", version="1", en="Ticket data and handling", zh="工单数据与处理",
       needs={TICKETS: ("ticket_id", "created_at")},
       optional={TICKETS: ("type", "customer", "resolution", "resolved_at", "owner", "state", "reopened", "contact_id")},
       informs=("service.tickets.fields_complete", "service.tickets.linked_to_contact"),
       measures=("service.tickets.handling_time", "service.tickets.tickets_per_agent",
                 "service.tickets.known_owner_share", "service.tickets.first_contact_resolution"))
def ticket_data(data):
    has = lambda c: data.has(TICKETS, c)  # noqa: E731
    total = data.value("SELECT count(DISTINCT ticket_id) FROM tickets")
    if has("resolved_at"):
        n, med = data.sql("SELECT count(*), median(epoch(resolved_at - created_at) / 3600) FROM tickets "
                          "WHERE resolved_at >= created_at")[0]
        data.indicator("service.tickets.handling_time", med, n, TICKETS)
        if has("owner"):
            n, days = data.sql("SELECT count(*), count(DISTINCT (owner, CAST(resolved_at AS DATE))) FROM tickets "
                               "WHERE resolved_at IS NOT NULL AND owner IS NOT NULL")[0]
            if days:
                data.indicator("service.tickets.tickets_per_agent", n / days, n, TICKETS)
        if has("type") and has("customer") and has("resolution"):
            n, ok = data.sql(f"SELECT count(*), count(*) FILTER ({known('type')} AND {known('customer')} AND "
                             f"{known('resolution')}) FROM tickets WHERE resolved_at IS NOT NULL")[0]
            data.coverage("service.tickets.fields_complete", ok, n, TICKETS, "have type, customer and resolution",
                          "类型、客户和处理结果齐全", noun=("closed tickets", "张已关闭工单"))
        if has("reopened"):
            n, fcr = data.sql("SELECT count(*), count(*) FILTER (NOT coalesce(reopened, FALSE)) FROM tickets "
                              "WHERE resolved_at IS NOT NULL")[0]
            if n:
                data.indicator("service.tickets.first_contact_resolution", 100 * fcr / n, n, TICKETS)
    if has("owner") and has("state"):
        open_ = ("NOT (lower(coalesce(state, '')) IN ('closed', 'resolved', '已关闭', '已解决', '关闭', '完成', '已完成'))"
                 + (" AND resolved_at IS NULL" if has("resolved_at") else ""))
        n, ok = data.sql(f"SELECT count(*), count(*) FILTER ({known('owner')} AND {known('state')}) FROM tickets "
                         f"WHERE {open_}")[0]
        if n:
            data.indicator("service.tickets.known_owner_share", 100 * ok / n, n, TICKETS)
    if has("contact_id"):
        linked = data.value("SELECT count(DISTINCT ticket_id) FILTER (contact_id IS NOT NULL) FROM tickets")
        data.coverage("service.tickets.linked_to_contact", linked, total, TICKETS,
                      "are linked to the conversation or call they came from", "关联了来源会话或通话")


@probe(id="service.sla", version="1", en="SLA attainment and routing", zh="SLA 达成与分配",
       needs={TICKETS: ("ticket_id", "created_at")},
       optional={TICKETS: ("assigned_at", "first_response_at", "resolved_at", "response_due", "resolve_due",
                           "assigned_by", "transfers", "state")},
       informs=("service.routing_sla.timestamps_complete", "service.routing_sla.system_assigns",
                "service.routing_sla.sla_clock"),
       measures=("service.routing_sla.sla_attainment", "service.routing_sla.transfers",
                 "service.routing_sla.auto_assigned_share"))
def sla(data):
    has = lambda c: data.has(TICKETS, c)  # noqa: E731
    if all(has(c) for c in ("assigned_at", "first_response_at", "resolved_at")):
        n, ok = data.sql("SELECT count(*), count(*) FILTER (assigned_at IS NOT NULL AND first_response_at IS NOT NULL "
                         "AND resolved_at IS NOT NULL) FROM tickets WHERE created_at >= (SELECT max(created_at) FROM "
                         "tickets) - INTERVAL 30 DAY")[0]
        data.coverage("service.routing_sla.timestamps_complete", ok, n, TICKETS,
                      "have received, assigned, first-response and resolved times",
                      "接收、分配、首次响应和解决时间齐全", anchors=(0.98, 0.90, 0.70),
                      noun=("tickets of the last 30 days", "张近30天工单"))
    checks = []
    if has("first_response_at") and has("response_due"):
        checks.append("(first_response_at IS NOT NULL AND first_response_at <= response_due)")
    if has("resolved_at") and has("resolve_due"):
        checks.append("(resolved_at IS NOT NULL AND resolved_at <= resolve_due)")
    if checks:
        dues = " AND ".join(f"{c} IS NOT NULL" for c in ("response_due", "resolve_due") if has(c))
        n, ok = data.sql(f"SELECT count(*), count(*) FILTER ({' AND '.join(checks)}) FROM tickets WHERE {dues}")[0]
        if n:
            data.indicator("service.routing_sla.sla_attainment", 100 * ok / n, n, TICKETS)
    if has("resolve_due") and has("resolved_at"):
        n, clock = data.sql("SELECT count(*), count(resolve_due) FROM tickets WHERE resolved_at IS NULL")[0]
        data.coverage("service.routing_sla.sla_clock", clock, n, TICKETS, "run an SLA clock (a due time is set)",
                      "有SLA计时（设置了截止时间）", noun=("open tickets", "张未关闭工单"))
    if has("assigned_by"):
        n, auto = data.sql("SELECT count(assigned_by), count(*) FILTER (lower(assigned_by) SIMILAR TO "
                           "'.*(system|auto|rule|queue|系统|自动|规则|队列).*') FROM tickets")[0]
        if n:
            data.indicator("service.routing_sla.auto_assigned_share", 100 * auto / n, n, TICKETS)
            data.coverage("service.routing_sla.system_assigns", auto, n, TICKETS,
                          "were assigned by the system's queues and rules", "由系统队列和规则分配")
    if has("transfers"):
        n, avg = data.sql("SELECT count(transfers), avg(transfers) FROM tickets")[0]
        if n:
            data.indicator("service.routing_sla.transfers", avg, n, TICKETS)


@probe(id="service.satisfaction", version="1", en="Satisfaction and call-backs", zh="满意度与回访",
       needs={SURVEYS: ("sent_at", "score")},
       optional={SURVEYS: ("ticket_id", "agent", "rated_at", "callback_at", "callback_done")},
       informs=("service.satisfaction.ratings_linked", "service.satisfaction.callbacks_in_system"),
       measures=("service.satisfaction.satisfaction_rate", "service.satisfaction.rated_share",
                 "service.satisfaction.callback_time", "service.satisfaction.callbacks_in_time",
                 "service.satisfaction.followed_up_in_system"))
def satisfaction(data):
    has = lambda c: data.has(SURVEYS, c)  # noqa: E731
    sent, rated, happy = data.sql(f"SELECT count(*), count(score), count(*) FILTER (score >= {SATISFIED}) FROM surveys")[0]
    if rated:
        data.indicator("service.satisfaction.satisfaction_rate", 100 * happy / rated, rated, SURVEYS)
    data.indicator("service.satisfaction.rated_share", 100 * rated / sent if sent else None, sent, SURVEYS)
    if has("ticket_id") and has("agent") and rated:
        linked = data.value("SELECT count(*) FILTER (ticket_id IS NOT NULL AND agent IS NOT NULL) FROM surveys "
                            "WHERE score IS NOT NULL")
        data.coverage("service.satisfaction.ratings_linked", linked, rated, SURVEYS,
                      "are stored against their ticket and agent", "关联了工单和坐席", noun=("ratings", "条评价"))
    bad = "score IS NOT NULL AND score <= 2"
    n_bad = data.value(f"SELECT count(*) FROM surveys WHERE {bad}")
    if not n_bad:
        return
    if has("callback_at"):
        start = "rated_at" if has("rated_at") else "sent_at"
        n, med, in_time = data.sql(f"SELECT count(callback_at), median(epoch(callback_at - {start}) / 3600), "
                                   f"count(*) FILTER (callback_at <= {start} + INTERVAL 24 HOUR) FROM surveys WHERE {bad}")[0]
        if n:
            data.indicator("service.satisfaction.callback_time", med, n, SURVEYS)
        data.indicator("service.satisfaction.callbacks_in_time", 100 * in_time / n_bad, n_bad, SURVEYS)
    if has("callback_done"):
        done = data.value(f"SELECT count(*) FILTER (callback_done) FROM surveys WHERE {bad}")
        data.indicator("service.satisfaction.followed_up_in_system", 100 * done / n_bad, n_bad, SURVEYS)
        data.coverage("service.satisfaction.callbacks_in_system", done, n_bad, SURVEYS,
                      "had their call-back done and recorded in the system", "在系统中完成并记录了回访",
                      noun=("dissatisfied ratings", "条不满意评价"))


@probe(id="service.workload_satisfaction", version="1",
       en="Does a heavier ticket load go with lower satisfaction? (per agent)", zh="工单量大，满意度就低吗？（按坐席）",
       needs={TICKETS: ("owner", "created_at"), SURVEYS: ("agent", "score")},
       measures=("service.tickets.tickets_per_agent", "service.satisfaction.satisfaction_rate"))
def workload_satisfaction(data):
    """The relation dimension (关系维度): tickets per agent-day against each agent's satisfaction rate, across
    agents with at least 5 ratings. Only the two numbers per agent leave the SQL."""
    points = data.sql(
        "WITH t AS (SELECT owner AS agent, count(*) * 1.0 / count(DISTINCT CAST(created_at AS DATE)) AS x "
        "FROM tickets WHERE owner IS NOT NULL AND created_at IS NOT NULL GROUP BY owner), "
        f"s AS (SELECT agent, 100.0 * count(*) FILTER (score >= {SATISFIED}) / count(score) AS y FROM surveys "
        "WHERE agent IS NOT NULL GROUP BY agent HAVING count(score) >= 5) "
        "SELECT t.x, s.y FROM t JOIN s USING (agent) ORDER BY t.x, s.y")
    data.relation("service.tickets.tickets_per_agent", "service.satisfaction.satisfaction_rate", points, "person",
                  TICKETS)


PROBES = [ticket_data, sla, satisfaction, workload_satisfaction]
