"""Telesales probes: what a call centre's own exports (call log, lead assignments, follow-ups) show —
通时/通次 per agent, dialling, allocation speed, follow-up discipline, calls per deal.

Only aggregates leave a probe: per-agent figures are summed up across agents, never listed by name,
and no phone number or other field of a record is returned.
"""

from __future__ import annotations

from maturity import Column, Table, probe

VALID_CALL_SECONDS = 10
"""A connected call shorter than this is not a valid call (通次 counts valid calls only)."""

CALLS = Table(
    "calls", "Call log", "通话记录", time="started_at",
    synonyms=("call", "calls", "call_log", "cdr", "通话", "通话记录", "外呼记录", "话单"), noun=("calls", "通电话"),
    columns=(
        Column("call_id", "text", "Call id", "通话编号", ("id", "通话id", "通话ID", "呼叫编号", "callid")),
        Column("agent", "text", "Agent", "坐席", ("rep", "agent_id", "坐席工号", "工号", "员工", "销售", "外呼人", "坐席姓名")),
        Column("started_at", "timestamp", "Started", "开始时间",
               ("start_time", "call_time", "呼叫时间", "通话开始时间", "拨打时间", "外呼时间")),
        Column("duration", "seconds", "Talk time", "通话时长", ("duration_s", "talk_time", "talk_seconds", "时长", "通话时长(秒)")),
        Column("connected", "bool", "Connected", "是否接通", ("answered", "接通", "接通状态", "is_connected")),
        Column("outcome", "text", "Outcome", "通话结果", ("result", "外呼结果", "call_result", "结果", "disposition")),
        Column("lead_id", "text", "Lead", "线索编号", ("customer_id", "客户编号", "lead", "线索id", "线索ID")),
        Column("dialled_from", "text", "Dialled from", "外呼方式", ("dial_method", "拨打方式", "呼叫方式", "line")),
    ),
)

ASSIGNMENTS = Table(
    "assignments", "Lead assignments", "线索分配", time="arrived_at",
    synonyms=("assignment", "allocation", "allocations", "分配", "线索分配", "分配记录"), noun=("leads", "条线索"),
    columns=(
        Column("lead_id", "text", "Lead", "线索编号", ("id", "线索id", "线索ID", "lead")),
        Column("arrived_at", "timestamp", "Arrived", "入库时间", ("created_at", "创建时间", "到达时间", "线索创建时间")),
        Column("assigned_at", "timestamp", "Assigned", "分配时间", ("allocated_at", "分派时间")),
        Column("agent", "text", "Agent", "坐席", ("owner", "负责人", "跟进人", "销售", "rep", "所属坐席")),
        Column("assigned_by", "text", "Assigned by", "分配方式", ("allocation_method", "分配类型", "assign_method")),
        Column("first_call_at", "timestamp", "First call", "首次外呼时间", ("first_called_at", "首呼时间", "首次拨打时间")),
    ),
)

FOLLOW_UPS = Table(
    "follow_ups", "Follow-ups", "跟进记录", time="happened_at",
    synonyms=("follow_up", "followups", "follow-ups", "跟进", "跟进记录", "回访记录"), noun=("follow-ups", "条跟进"),
    columns=(
        Column("lead_id", "text", "Lead", "线索编号", ("线索id", "线索ID", "lead", "customer_id", "客户编号")),
        Column("agent", "text", "Agent", "坐席", ("owner", "负责人", "跟进人", "销售", "rep")),
        Column("happened_at", "timestamp", "Happened", "跟进时间", ("follow_up_time", "发生时间", "date")),
        Column("logged_at", "timestamp", "Logged", "录入时间", ("created_at", "记录时间", "创建时间")),
        Column("due_at", "timestamp", "Due", "计划跟进时间", ("scheduled_at", "应跟进时间", "下次跟进时间")),
        Column("outcome", "text", "Outcome", "跟进结果", ("result", "结果", "阶段", "status")),
        Column("lost_reason", "text", "Lost reason", "无效原因", ("lost_reasons", "流失原因", "战败原因", "输单原因")),
    ),
)

CONVERTED = "(lower(coalesce(outcome, '')) SIMILAR TO '.*(convert|won|deal|order|成交|转化|签约|下单|报名|付费).*')"
LOST = "(lower(coalesce(outcome, '')) SIMILAR TO '.*(lost|invalid|dead|无效|战败|流失|放弃|关闭).*')"
SYSTEM = ("'.*(system|auto|rule|round|robin|系统|自动|规则|轮询|click|dialler|dialer|外呼系统|话机|sip).*'")


def _connected(data) -> str:
    if data.has(CALLS, "connected"):
        return "coalesce(connected, FALSE)"
    return "coalesce(duration, 0) > 0"


@probe(id="telesales.call_workload", version="1", en="Call time and call count per agent (通时/通次)",
       zh="每坐席通时/通次",
       needs={CALLS: ("agent", "started_at", "duration")}, optional={CALLS: ("connected",)},
       informs=(), measures=("telesales.call_time_count.call_time", "telesales.call_time_count.call_count",
                             "telesales.outbound_dialling.calls_dialled", "telesales.outbound_dialling.connect_rate"))
def call_workload(data):
    conn = _connected(data)
    # one row per agent and working day; averaged over agent-days
    n, rep_days, talk, valid, connected = data.sql(
        f"SELECT sum(calls), count(*), sum(talk_s) / 60, sum(valid), sum(conn) FROM ("
        f"SELECT agent, CAST(started_at AS DATE) AS d, count(*) AS calls, "
        f"sum(duration) FILTER ({conn}) AS talk_s, count(*) FILTER ({conn} AND duration >= {VALID_CALL_SECONDS}) AS valid, "
        f"count(*) FILTER ({conn}) AS conn FROM calls WHERE agent IS NOT NULL AND started_at IS NOT NULL "
        f"GROUP BY agent, d)")[0]
    if not rep_days:
        return
    data.indicator("telesales.call_time_count.call_time", (talk or 0) / rep_days, n, CALLS)
    data.indicator("telesales.call_time_count.call_count", (valid or 0) / rep_days, n, CALLS)
    data.indicator("telesales.outbound_dialling.calls_dialled", n / rep_days, n, CALLS)
    data.indicator("telesales.outbound_dialling.connect_rate", 100 * (connected or 0) / n, n, CALLS)


@probe(id="telesales.call_traceability", version="1", en="Traceable calls (the end of blind dialling)",
       zh="可追溯的通话（告别盲打）",
       needs={CALLS: ("started_at", "outcome")}, optional={CALLS: ("lead_id", "dialled_from", "connected", "duration")},
       informs=("telesales.outbound_dialling.outcome_recorded", "telesales.outbound_dialling.dialled_from_system"),
       measures=("telesales.outbound_dialling.traceable_call_share",
                 "telesales.outbound_dialling.dialled_from_system_share"))
def call_traceability(data):
    total, with_outcome = data.sql("SELECT count(*), count(outcome) FROM calls")[0]
    data.coverage("telesales.outbound_dialling.outcome_recorded", with_outcome, total, CALLS,
                  "have their outcome recorded", "记录了通话结果")
    if data.has(CALLS, "lead_id"):
        traced = data.value("SELECT count(*) FILTER (lead_id IS NOT NULL AND outcome IS NOT NULL) FROM calls")
        data.indicator("telesales.outbound_dialling.traceable_call_share", 100 * traced / total, total, CALLS)
    if data.has(CALLS, "dialled_from"):
        n, sys_ = data.sql(f"SELECT count(dialled_from), count(*) FILTER (lower(dialled_from) SIMILAR TO {SYSTEM}) "
                           "FROM calls")[0]
        if n:
            data.indicator("telesales.outbound_dialling.dialled_from_system_share", 100 * sys_ / n, n, CALLS)
            data.coverage("telesales.outbound_dialling.dialled_from_system", sys_, n, CALLS,
                          "were dialled from the system, not a personal phone", "从系统外呼而非个人手机拨打")


@probe(id="telesales.allocation", version="1", en="Lead allocation speed and trail", zh="线索分配速度与留痕",
       needs={ASSIGNMENTS: ("lead_id", "arrived_at")},
       optional={ASSIGNMENTS: ("assigned_at", "agent", "assigned_by", "first_call_at")},
       informs=("telesales.lead_allocation.allocation_data_complete", "telesales.lead_allocation.allocated_in_system"),
       measures=("telesales.lead_allocation.time_to_allocate", "telesales.lead_allocation.time_to_first_call",
                 "telesales.lead_allocation.allocated_in_system_share",
                 "telesales.lead_allocation.traceable_owner_share"))
def allocation(data):
    has = lambda c: data.has(ASSIGNMENTS, c)  # noqa: E731
    total = data.value("SELECT count(DISTINCT lead_id) FROM assignments")
    if has("assigned_at"):
        n, med = data.sql("SELECT count(*), median(epoch(assigned_at - arrived_at) / 60) FROM assignments "
                          "WHERE assigned_at >= arrived_at")[0]
        data.indicator("telesales.lead_allocation.time_to_allocate", med, n, ASSIGNMENTS)
        if has("first_call_at"):
            n, med = data.sql("SELECT count(*), median(epoch(first_call_at - assigned_at) / 60) FROM assignments "
                              "WHERE first_call_at >= assigned_at")[0]
            data.indicator("telesales.lead_allocation.time_to_first_call", med, n, ASSIGNMENTS)
        if has("agent"):
            last_month = "arrived_at >= (SELECT max(arrived_at) FROM assignments) - INTERVAL 30 DAY"
            n, ok = data.sql(f"SELECT count(DISTINCT lead_id), count(DISTINCT lead_id) FILTER (assigned_at IS NOT NULL "
                             f"AND agent IS NOT NULL) FROM assignments WHERE {last_month}")[0]
            data.coverage("telesales.lead_allocation.allocation_data_complete", ok, n, ASSIGNMENTS,
                          "have an allocation time and an owner", "记录了分配时间和负责人", anchors=(0.98, 0.90, 0.70),
                          noun=("leads of the last 30 days", "条近30天线索"))
            owned = data.value("SELECT count(DISTINCT lead_id) FILTER (agent IS NOT NULL AND assigned_at IS NOT NULL) "
                               "FROM assignments")
            data.indicator("telesales.lead_allocation.traceable_owner_share", 100 * owned / total, total, ASSIGNMENTS)
    if has("assigned_by"):
        n, sys_ = data.sql(f"SELECT count(assigned_by), count(*) FILTER (lower(assigned_by) SIMILAR TO {SYSTEM}) "
                           "FROM assignments")[0]
        if n:
            data.indicator("telesales.lead_allocation.allocated_in_system_share", 100 * sys_ / n, n, ASSIGNMENTS)
            data.coverage("telesales.lead_allocation.allocated_in_system", sys_, n, ASSIGNMENTS,
                          "were allocated by the system's rules", "由系统规则分配", noun=("allocations", "次分配"))


@probe(id="telesales.follow_up", version="1", en="Follow-up discipline and outcomes", zh="跟进纪律与结果",
       needs={FOLLOW_UPS: ("lead_id", "happened_at")},
       optional={FOLLOW_UPS: ("logged_at", "due_at", "outcome", "lost_reason", "agent")},
       informs=("telesales.follow_up_conversion.follow_ups_logged", "telesales.follow_up_conversion.outcome_in_system"),
       measures=("telesales.follow_up_conversion.same_day_logging", "telesales.follow_up_conversion.overdue_follow_ups",
                 "telesales.follow_up_conversion.lost_reason_share", "telesales.follow_up_conversion.deals_per_rep"))
def follow_up(data):
    has = lambda c: data.has(FOLLOW_UPS, c)  # noqa: E731
    total = data.value("SELECT count(*) FROM follow_ups")
    if has("logged_at"):
        same = data.value("SELECT count(*) FILTER (CAST(logged_at AS DATE) = CAST(happened_at AS DATE)) FROM follow_ups")
        data.indicator("telesales.follow_up_conversion.same_day_logging", 100 * same / total, total, FOLLOW_UPS)
        data.coverage("telesales.follow_up_conversion.follow_ups_logged", same, total, FOLLOW_UPS,
                      "were logged the same day", "在当天录入")
    if has("due_at"):
        n, late = data.sql("SELECT count(*), count(*) FILTER (happened_at > due_at + INTERVAL 1 DAY) FROM follow_ups "
                           "WHERE due_at IS NOT NULL")[0]
        if n:
            data.indicator("telesales.follow_up_conversion.overdue_follow_ups", 100 * late / n, n, FOLLOW_UPS)
    if has("outcome"):
        if has("lost_reason"):
            n, reason = data.sql(f"SELECT count(DISTINCT lead_id), count(DISTINCT lead_id) FILTER (lost_reason IS NOT NULL)"
                                 f" FROM follow_ups WHERE {LOST}")[0]
            if n:
                data.indicator("telesales.follow_up_conversion.lost_reason_share", 100 * reason / n, n, FOLLOW_UPS)
                data.coverage("telesales.follow_up_conversion.outcome_in_system", reason, n, FOLLOW_UPS,
                              "are marked lost with a reason from the list", "标记为无效并填写了原因",
                              noun=("lost leads", "条无效线索"))
        if has("agent"):
            deals, rep_months = data.sql(f"SELECT count(DISTINCT lead_id) FILTER ({CONVERTED}), "
                                         "count(DISTINCT (agent, date_trunc('month', happened_at))) FROM follow_ups "
                                         "WHERE agent IS NOT NULL")[0]
            if rep_months:
                data.indicator("telesales.follow_up_conversion.deals_per_rep", deals / rep_months, deals, FOLLOW_UPS)


@probe(id="telesales.calls_to_results", version="1", en="From calls to results (behaviour → result)",
       zh="从通话到结果（行为 → 结果）",
       needs={CALLS: ("lead_id", "started_at"), FOLLOW_UPS: ("lead_id", "happened_at", "outcome")},
       optional={CALLS: ("connected", "duration")},
       measures=("telesales.call_time_count.deals_per_100_calls", "telesales.follow_up_conversion.first_order_calls"))
def calls_to_results(data):
    conn = _connected(data)
    deals = data.value(f"SELECT count(DISTINCT lead_id) FROM follow_ups WHERE {CONVERTED}")
    connected = data.value(f"SELECT count(*) FROM calls WHERE {conn}")
    if connected:
        data.indicator("telesales.call_time_count.deals_per_100_calls", 100 * deals / connected, connected, CALLS)
    n, avg = data.sql(
        f"SELECT count(*), avg(k) FROM (SELECT w.lead_id, (SELECT count(*) FROM calls c WHERE c.lead_id = w.lead_id "
        f"AND c.started_at <= w.won_at AND {conn.replace('connected', 'c.connected').replace('duration', 'c.duration')}) "
        f"AS k FROM (SELECT lead_id, min(happened_at) AS won_at FROM follow_ups WHERE {CONVERTED} GROUP BY lead_id) w)")[0]
    if n:
        data.indicator("telesales.follow_up_conversion.first_order_calls", avg, n, FOLLOW_UPS)


@probe(id="telesales.calls_and_deals", version="1", en="Do more calls go with more deals? (per agent, per week)",
       zh="通次多，成交也多吗？（按坐席、按周）",
       needs={CALLS: ("agent", "started_at"), FOLLOW_UPS: ("agent", "happened_at", "outcome", "lead_id")},
       optional={CALLS: ("connected", "duration")},
       measures=("telesales.call_time_count.call_count", "telesales.follow_up_conversion.deals_per_rep"))
def calls_and_deals(data):
    """The relation dimension (关系维度): valid calls per agent-day against deals per agent-month, across agents
    and across weeks. Only the two numbers per agent or week leave the SQL; who the agent was never does."""
    conn = _connected(data)
    valid = f"{conn} AND coalesce(duration, 0) >= {VALID_CALL_SECONDS}" if data.has(CALLS, "duration") else conn
    per_agent = data.sql(
        f"WITH c AS (SELECT agent, count(*) FILTER ({valid}) * 1.0 / count(DISTINCT CAST(started_at AS DATE)) AS x "
        f"FROM calls WHERE agent IS NOT NULL AND started_at IS NOT NULL GROUP BY agent), "
        f"d AS (SELECT agent, count(DISTINCT lead_id) FILTER ({CONVERTED}) * 1.0 / "
        f"count(DISTINCT date_trunc('month', happened_at)) AS y FROM follow_ups "
        f"WHERE agent IS NOT NULL AND happened_at IS NOT NULL GROUP BY agent) "
        f"SELECT c.x, d.y FROM c JOIN d USING (agent) ORDER BY c.x, d.y")
    data.relation("telesales.call_time_count.call_count", "telesales.follow_up_conversion.deals_per_rep", per_agent,
                  "person", CALLS)
    per_week = data.sql(
        f"WITH c AS (SELECT date_trunc('week', started_at) AS wk, count(*) FILTER ({valid}) * 1.0 / "
        f"count(DISTINCT (agent, CAST(started_at AS DATE))) AS x FROM calls WHERE agent IS NOT NULL AND started_at "
        f"IS NOT NULL GROUP BY wk), "
        f"d AS (SELECT date_trunc('week', happened_at) AS wk, count(DISTINCT lead_id) FILTER ({CONVERTED}) * 1.0 / "
        f"count(DISTINCT agent) AS y FROM follow_ups WHERE agent IS NOT NULL AND happened_at IS NOT NULL GROUP BY wk) "
        f"SELECT c.x, d.y FROM c JOIN d USING (wk) ORDER BY c.x, d.y")
    data.relation("telesales.call_time_count.call_count", "telesales.follow_up_conversion.deals_per_rep", per_week,
                  "week", CALLS)


PROBES = [call_workload, call_traceability, allocation, follow_up, calls_to_results, calls_and_deals]
