"""Deterministic demo exports of the demo client (华东), with the mess real exports have.

    .venv/bin/python bench/demo_data.py OUT_DIR [--calls 200000] [--scale 1.0] [--seed 7]

Writes into OUT_DIR (never commit it; `assessments/data/` is git-ignored for this):
  leads.csv          UTF-8, Chinese headers, phone numbers, names and ID numbers, duplicates, missing owners/sources
  customers.csv      GBK (the usual encoding of Chinese exports), duplicated names with suffix variants
  opportunities.xlsx a two-row header (a group title over merged cells), dates as Excel dates
  activities.parquet English headers
  approvals.csv      submitted/decided times, device, result
  tickets.csv        SLA due times, first-response and resolution times, assignment method
  surveys.csv        1–5 scores, call-backs
  calls.csv          the call log (--calls rows; 200,000 by default), durations, agents, outcomes
  assignments.csv    lead allocation: arrival, allocation, first call
  follow_ups.csv     telesales follow-ups with outcomes and lost reasons
The same seed and sizes always give byte-identical files. Then:
    maturity measure assessments/demo.toml OUT_DIR
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

START = dt.datetime(2026, 6, 1, 8, 0)
DAYS = 92
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂"
SOURCES = ["官网", "百度推广", "展会", "抖音", "转介绍", "400电话", "未知", "", "其他", "小程序留资"]
STATES = ["新建", "已联系", "已确认", "已转化", "无效", ""]


def person(rnd: random.Random) -> str:
    return rnd.choice(SURNAMES) + rnd.choice(GIVEN) + (rnd.choice(GIVEN) if rnd.random() < 0.5 else "")


def phone(rnd: random.Random) -> str:
    return "1" + rnd.choice("3589") + "".join(rnd.choice("0123456789") for _ in range(9))


def id_number(rnd: random.Random) -> str:
    born = dt.date(1970, 1, 1) + dt.timedelta(days=rnd.randrange(12000))
    return f"{rnd.randrange(110000, 659000)}{born:%Y%m%d}{rnd.randrange(1000):03d}{rnd.choice('0123456789X')}"


def when(rnd: random.Random, day_from: int = 0, day_to: int = DAYS) -> dt.datetime:
    d = START + dt.timedelta(days=rnd.randrange(day_from, day_to), minutes=rnd.randrange(0, 10 * 60))
    return d.replace(second=rnd.randrange(60))


def ts(d: dt.datetime | None, style: int = 0) -> str:
    if d is None:
        return ""
    return d.strftime(["%Y-%m-%d %H:%M:%S", "%Y/%m/%d %H:%M", "%Y-%m-%d %H:%M"][style])


def write_csv(path: Path, header: list[str], rows, encoding: str = "utf-8") -> int:
    n = 0
    with path.open("w", encoding=encoding, newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        for r in rows:
            w.writerow(r)
            n += 1
    return n


def write_xlsx(path: Path, groups: list[tuple[str, int]], header: list[str], rows: list[list]) -> None:
    """A minimal xlsx (inline strings, numbers, dates as serials) with a two-row header: ``groups`` titles merged
    over their columns, then ``header``. Fixed timestamps inside the zip keep it byte-identical."""
    def col(i: int) -> str:
        s = ""
        i += 1
        while i:
            i, r = divmod(i - 1, 26)
            s = chr(65 + r) + s
        return s

    def cell(ref: str, v) -> str:
        if v is None or v == "":
            return ""
        if isinstance(v, (dt.datetime, dt.date)):
            base = dt.datetime(1899, 12, 30)
            d = v if isinstance(v, dt.datetime) else dt.datetime(v.year, v.month, v.day)
            return f'<c r="{ref}" s="1"><v>{(d - base).total_seconds() / 86400:.6f}</v></c>'
        if isinstance(v, (int, float)):
            return f'<c r="{ref}"><v>{v}</v></c>'
        return f'<c r="{ref}" t="inlineStr"><is><t>{escape(str(v))}</t></is></c>'

    lines = []
    top, merges, j = [], [], 0
    for title, span in groups:
        top.append(cell(f"{col(j)}1", title))
        if span > 1:
            merges.append(f'<mergeCell ref="{col(j)}1:{col(j + span - 1)}1"/>')
        j += span
    lines.append(f'<row r="1">{"".join(top)}</row>')
    lines.append('<row r="2">' + "".join(cell(f"{col(i)}2", h) for i, h in enumerate(header)) + "</row>")
    for r, row in enumerate(rows, start=3):
        lines.append(f'<row r="{r}">' + "".join(cell(f"{col(i)}{r}", v) for i, v in enumerate(row)) + "</row>")
    sheet = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
             '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             f'<sheetData>{"".join(lines)}</sheetData>'
             + (f'<mergeCells count="{len(merges)}">{"".join(merges)}</mergeCells>' if merges else "") + "</worksheet>")
    files = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="商机" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>',
        "xl/styles.xml": '<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd hh:mm"/></numFmts><fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="2"><xf/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>',
        "xl/worksheets/sheet1.xml": sheet,
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in files.items():
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text.encode("utf-8"))


def calls_rows(rnd: random.Random, n: int, agents: list[str], leads: list[str]):
    outcomes = ["未接通", "忙线", "空号", "拒接", "有意向", "已预约", "无意向", ""]
    for i in range(n):
        started = when(rnd)
        connected = rnd.random() < 0.42
        dur = (rnd.randrange(3, 9) if rnd.random() < 0.15 else int(rnd.expovariate(1 / 150)) + 10) if connected else 0
        outcome = rnd.choice(outcomes[4:]) if connected else rnd.choice(outcomes[:4] + [""])
        yield [f"C{i:07d}", rnd.choice(agents), ts(started), dur if rnd.random() < 0.9 else f"0:{dur // 60:02d}:{dur % 60:02d}",
               "是" if connected else "否", outcome, rnd.choice(leads) if rnd.random() < 0.93 else "",
               "外呼系统" if rnd.random() < 0.88 else "个人手机", phone(rnd)]


def generate(out: Path, calls: int = 200_000, scale: float = 1.0, seed: int = 7) -> dict[str, int]:
    out.mkdir(parents=True, exist_ok=True)
    rnd = random.Random(seed)
    sizes: dict[str, int] = {}
    n_leads = max(50, int(12_000 * scale))
    reps = [person(rnd) for _ in range(40)]
    agents = [f"坐席{i:03d}" for i in range(60)]
    lead_ids = [f"L{i:06d}" for i in range(n_leads)]

    # leads: personal data columns the probes never read; 2% exact duplicates; missing owners and sources
    rows = []
    for lid in lead_ids:
        created = when(rnd)
        captured = created - dt.timedelta(hours=rnd.choice([0, 1, 3, 20, 30, 60]))
        first = created + dt.timedelta(hours=rnd.expovariate(1 / 18)) if rnd.random() < 0.85 else None
        opp = f"O{lid[1:]}" if rnd.random() < 0.18 else ""
        accepted = ("已接收" if rnd.random() < 0.8 else "退回") if opp or rnd.random() < 0.1 else ""
        rows.append([lid, ts(created, rnd.randrange(3)), ts(captured), rnd.choice(SOURCES), rnd.choice(STATES),
                     rnd.choice(reps) if rnd.random() < 0.9 else "", ts(first), opp, accepted, person(rnd),
                     phone(rnd), id_number(rnd)])
    rows += [list(r) for r in rnd.sample(rows, len(rows) // 50)]
    sizes["leads.csv"] = write_csv(out / "leads.csv", ["线索编号", "创建时间", "留资时间", "线索来源", "线索状态", "负责人",
                                                       "首次跟进时间", "商机编号", "接收状态", "姓名", "手机号", "身份证号"], rows)

    # customers: GBK, name variants that are duplicates
    n_cust = max(30, int(3_000 * scale))
    rows = []
    for i in range(n_cust):
        base = f"{rnd.choice(['华东', '申城', '江南', '沪上', '东方'])}{rnd.choice(['机电', '化工', '贸易', '科技', '物流'])}{i}"
        name = base + rnd.choice(["有限公司", "股份有限公司", "公司"])
        rows.append([f"K{i:05d}", name, ts(when(rnd)), rnd.choice(["制造", "零售", "物流", "", "化工"]),
                     rnd.choice(["50-200人", "200-1000人", "1000人以上", ""]), rnd.choice(["A", "B", "C", "C"]),
                     rnd.choice(reps) if rnd.random() < 0.97 else "", person(rnd), phone(rnd),
                     rnd.choice(["活跃", "活跃", "活跃", "休眠", "流失"])])
        if rnd.random() < 0.03:
            rows.append([f"K{i:05d}D", base + "（有限公司）", *rows[-1][2:]])
    sizes["customers.csv"] = write_csv(out / "customers.csv", ["客户编号", "客户名称", "创建时间", "行业", "规模", "客户等级",
                                                               "负责人", "主要联系人", "联系电话", "客户状态"], rows, "gbk")

    # opportunities: xlsx with a two-row header
    n_opp = max(30, int(2_000 * scale))
    rows = []
    asof = START + dt.timedelta(days=DAYS)
    for i in range(n_opp):
        created = when(rnd, 0, DAYS - 5)
        stage = rnd.choice(["需求确认", "方案", "报价", "谈判", "赢单", "输单", "赢单"])
        closed = created + dt.timedelta(days=rnd.randrange(3, 80)) if stage in ("赢单", "输单") else None
        updated = asof - dt.timedelta(days=rnd.randrange(0, 60))
        close = (asof + dt.timedelta(days=rnd.randrange(-20, 90))).date() if rnd.random() < 0.9 else None
        rows.append([f"O{i:06d}", created, stage, round(rnd.uniform(1e4, 5e5), 2) if rnd.random() < 0.92 else None,
                     close, updated, closed, rnd.choice(lead_ids) if rnd.random() < 0.7 else "", rnd.choice(reps)])
    write_xlsx(out / "opportunities.xlsx", [("商机信息", 5), ("进展", 2), ("来源", 2)],
               ["商机编号", "创建时间", "销售阶段", "商机金额", "预计成交日期", "最后更新时间", "关闭时间", "来源线索", "负责人"], rows)
    sizes["opportunities.xlsx"] = len(rows)

    # activities: Parquet with English headers (through DuckDB, from a temporary CSV)
    n_act = max(50, int(15_000 * scale))
    tmp = out / ".activities.csv"
    acts = []
    for i in range(n_act):
        happened = when(rnd)
        logged = happened + dt.timedelta(hours=rnd.choice([0, 1, 2, 5, 26, 50]))
        acts.append([f"A{i:06d}", rnd.choice(["visit", "call", "meeting", "visit"]), rnd.choice(reps), ts(happened),
                     ts(logged), rnd.choice(["interested", "quote requested", "", "no need"]),
                     rnd.choice(["send quote", "", "visit again", "demo"]), rnd.choice(["true", "false", "true"])])
    write_csv(tmp, ["activity_id", "type", "owner", "visit_time", "created_at", "outcome", "next_step", "checked_in"], acts)
    import duckdb

    con = duckdb.connect()
    con.execute(f"COPY (SELECT * FROM read_csv('{tmp}', header=true, all_varchar=true)) TO "
                f"'{out / 'activities.parquet'}' (FORMAT parquet)")
    con.close()
    tmp.unlink()
    sizes["activities.parquet"] = n_act

    # approvals
    rows = []
    for i in range(max(30, int(2_500 * scale))):
        sub = when(rnd)
        dec = sub + dt.timedelta(hours=rnd.expovariate(1 / 20)) if rnd.random() < 0.95 else None
        rows.append([f"SP{i:06d}", rnd.choice(["折扣审批", "合同审批", "特价申请"]), ts(sub), ts(dec),
                     rnd.choice(reps) if dec and rnd.random() < 0.98 else "", rnd.choice(["通过", "通过", "退回", "驳回"]),
                     rnd.choice(["钉钉手机端", "PC", "PC"])])
    sizes["approvals.csv"] = write_csv(out / "approvals.csv", ["审批编号", "审批类型", "提交时间", "审批完成时间", "审批人",
                                                               "审批结果", "审批终端"], rows)

    # tickets and surveys
    rows, surveys = [], []
    for i in range(max(50, int(20_000 * scale))):
        created = when(rnd)
        assigned = created + dt.timedelta(minutes=rnd.randrange(1, 90)) if rnd.random() < 0.99 else None
        first = (assigned or created) + dt.timedelta(minutes=rnd.expovariate(1 / 60)) if rnd.random() < 0.97 else None
        resolved = created + dt.timedelta(hours=rnd.expovariate(1 / 20)) if rnd.random() < 0.9 else None
        owner = rnd.choice(agents) if rnd.random() < 0.97 else ""
        rows.append([f"T{i:07d}", ts(created), rnd.choice(["物流", "退款", "质量", "咨询", ""]), rnd.choice(["高", "中", "低"]),
                     f"M{rnd.randrange(10**6):06d}" if rnd.random() < 0.96 else "", owner,
                     "已关闭" if resolved else rnd.choice(["处理中", "待客户回复"]), ts(assigned),
                     rnd.choice(["系统自动", "系统自动", "手工"]), ts(first), ts(resolved),
                     ts(created + dt.timedelta(hours=2)), ts(created + dt.timedelta(hours=48)) if rnd.random() < 0.95 else "",
                     rnd.choice(["已补发", "已退款", "已解答", ""]) if resolved else "", rnd.choice(["否"] * 9 + ["是"]),
                     rnd.choice([0, 0, 0, 1, 2]), f"S{i:07d}" if rnd.random() < 0.8 else "", person(rnd), phone(rnd)])
        if resolved and rnd.random() < 0.6:
            score = rnd.choice([5, 5, 5, 4, 4, 3, 2, 1]) if rnd.random() < 0.55 else ""
            rated = resolved + dt.timedelta(hours=2) if score != "" else None
            cb = rated + dt.timedelta(hours=rnd.expovariate(1 / 16)) if score != "" and score <= 2 and rnd.random() < 0.8 else None
            surveys.append([f"V{i:07d}", f"T{i:07d}", owner, ts(resolved + dt.timedelta(minutes=5)), score, ts(rated), ts(cb),
                            "是" if cb else "否"])
    sizes["tickets.csv"] = write_csv(out / "tickets.csv", [
        "工单编号", "创建时间", "工单类型", "优先级", "会员号", "处理人", "工单状态", "分配时间", "分配方式", "首次响应时间", "解决时间",
        "响应截止时间", "解决截止时间", "处理结果", "是否重开", "转派次数", "会话编号", "客户姓名", "联系电话"], rows)
    sizes["surveys.csv"] = write_csv(out / "surveys.csv", ["调查编号", "工单编号", "坐席", "发送时间", "评分", "评价时间",
                                                           "回访时间", "回访已完成"], surveys)

    # telesales: calls, assignments, follow-ups
    ts_leads = lead_ids[: max(50, n_leads // 2)]
    sizes["calls.csv"] = write_csv(out / "calls.csv", ["通话编号", "坐席", "开始时间", "通话时长", "是否接通", "通话结果",
                                                       "线索编号", "外呼方式", "客户号码"], calls_rows(rnd, calls, agents, ts_leads))
    rows, fus = [], []
    for lid in ts_leads:
        arrived = when(rnd)
        assigned = arrived + dt.timedelta(minutes=rnd.expovariate(1 / 25)) if rnd.random() < 0.97 else None
        agent = rnd.choice(agents) if assigned else ""
        first_call = assigned + dt.timedelta(minutes=rnd.expovariate(1 / 90)) if assigned and rnd.random() < 0.9 else None
        rows.append([lid, ts(arrived), ts(assigned), agent, rnd.choice(["系统轮询", "系统轮询", "主管手工"]), ts(first_call)])
        t = first_call or arrived
        for k in range(rnd.randrange(1, 5)):
            due = t + dt.timedelta(days=rnd.randrange(1, 4))
            happened = due + dt.timedelta(hours=rnd.choice([-3, 1, 5, 30, 60]))
            last = k == 3 or rnd.random() < 0.3
            outcome = rnd.choice(["成交", "无效", "无效"]) if last else rnd.choice(["有意向", "已预约"])
            reason = rnd.choice(["无需求", "价格", "联系不上", ""]) if outcome == "无效" else ""
            fus.append([lid, agent or rnd.choice(agents), ts(happened), ts(happened + dt.timedelta(hours=rnd.choice([0, 1, 20]))),
                        ts(due), outcome, reason])
            t = happened
            if last:
                break
    sizes["assignments.csv"] = write_csv(out / "assignments.csv", ["线索编号", "入库时间", "分配时间", "坐席", "分配方式",
                                                                   "首次外呼时间"], rows)
    sizes["follow_ups.csv"] = write_csv(out / "follow_ups.csv", ["线索编号", "跟进人", "跟进时间", "录入时间", "计划跟进时间",
                                                                 "跟进结果", "无效原因"], fus)
    return sizes


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out")
    ap.add_argument("--calls", type=int, default=200_000)
    ap.add_argument("--scale", type=float, default=1.0, help="size of the other exports (1.0: about 12,000 leads)")
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args(argv)
    for name, n in generate(Path(a.out), a.calls, a.scale, a.seed).items():
        print(f"{name}: {n:,} rows")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
