"""`maturity plugins new NAME [--dir D]`: write a complete, installable plugin distribution.

The result loads with no edits (``-p maturity_NAME`` with its ``src`` on PYTHONPATH, or
``pip install -e``), passes ``maturity plugins check`` and its own tests, and teaches the content
format by example: one scope over the four stages, two criteria each (structured ones worded to
accept a document or the system's configuration, a threshold criterion with its ``anchors``), five
indicators of the five types naming their ``practice``, a profile rule and a commented ``criteria``
rule, English and Chinese — and a probe (``probes.py``, returned by the ``maturity_probes`` hook) that
measures a requests export: it informs one criterion and measures one indicator of the example scope.
The tutorial is docs/writing-plugins.md.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

from .errors import Problem, UsageError

NAME_RE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
EXAMPLE_SCOPE = "requests"


def new_plugin(args) -> int:
    """Validate NAME, write ``D/maturity-NAME/``, print what was written and what to run next."""
    name: str = args.name
    base = Path(args.dir or ".").expanduser()
    validate_name(name, getattr(args, "plugins", []) or [])
    dest = base / f"maturity-{name}"
    if dest.exists():
        raise UsageError(Problem(_show(dest), "", "already exists", "choose another --dir, or remove that folder"))
    if base.exists() and not base.is_dir():
        raise UsageError(Problem(_show(base), "", "is a file, not a folder", "give --dir a folder"))
    written = write_plugin(name, dest)
    print(summary(name, dest, written))
    return 0


def validate_name(name: str, extra_modules: list[str] | None = None) -> None:
    """A lower-case id that no loaded plugin uses (as a domain or a plugin name); else a usage error."""
    if not NAME_RE.match(name):
        raise UsageError(Problem(f"plugins new {name}", "NAME", "is not a domain id",
                                 "use lower-case letters, digits and _, starting with a letter, at most 40 "
                                 "characters (e.g. procurement)"))
    if name == "maturity":
        raise UsageError(Problem(f"plugins new {name}", "NAME", "is the core's own name", "choose the domain's name"))
    from .plugins import load_catalogue

    cat = load_catalogue(extra_modules)
    if name in cat.domains:
        raise UsageError(Problem(f"plugins new {name}", "NAME", f'is already a loaded domain (plugin '
                                 f'{cat.domain_plugin[name]})', "choose another name"))
    for p in cat.plugins:
        if p.name in (name, f"maturity_{name}"):
            raise UsageError(Problem(f"plugins new {name}", "NAME", f"is already a plugin's name ({p.name} "
                                     f"{p.version}, {p.origin}, {p.status})", "choose another name"))
    # Installed but switched off by MATURITY_DISABLE_PLUGINS / MATURITY_NO_ENTRY_POINTS still counts.
    import importlib.util
    from importlib.metadata import entry_points

    taken = any(ep.name == name for ep in entry_points(group="maturity"))
    try:
        taken = taken or importlib.util.find_spec(f"maturity_{name}") is not None
    except (ImportError, ValueError):
        pass
    if taken:
        raise UsageError(Problem(f"plugins new {name}", "NAME", f"is taken: a plugin maturity_{name} is installed",
                                 "choose another name"))


def write_plugin(name: str, dest: Path) -> list[Path]:
    """Write every file into a temporary folder beside ``dest``, then move it into place in one step."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".maturity-{name}.", dir=dest.parent))
    try:
        files = plugin_files(name)
        for rel, text in files.items():
            path = tmp / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        os.chmod(tmp, 0o777 & ~_umask())
        os.rename(tmp, dest)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return [dest / rel for rel in files]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def summary(name: str, dest: Path, written: list[Path]) -> str:
    d = _show(dest)
    notes = {
        "pyproject.toml": "name, dependency, entry point",
        "README.md": "what the domain covers",
        "__init__.py": "the hooks",
        "probes.py": "an example probe: measures a requests export",
        "domain.toml": "the domain, its profile rules",
        f"{EXAMPLE_SCOPE}.toml": "an example scope: copy it per scope",
        "test_content.py": "its tests",
        "test_probes.py": "its probes' tests",
    }
    rels = [str(p.relative_to(dest.parent)) for p in written]
    width = max(map(len, rels))
    lines = [f"Wrote the plugin maturity-{name} in {d}:"]
    lines += [f"  {r.ljust(width)}  {notes.get(Path(r).name, '')}".rstrip() for r in rels]
    src = _show(dest / "src")
    steps = [
        (f"maturity plugins check {d}", "every content problem, and the counts"),
        (f"PYTHONPATH={src} maturity -p maturity_{name} plugins", "load it without installing"),
        (f"PYTHONPATH={src} python -m pytest {_show(dest / 'tests')}", "run its own tests"),
        (f"pip install -e {_pip_path(d)}", "install it: every maturity command loads it"),
    ]
    width = max(len(c) for c, _ in steps)
    lines += ["", "Next:"] + [f"  {c.ljust(width)}  # {why}" for c, why in steps]
    lines += [f"Then write your scopes in {_show(dest / 'src' / f'maturity_{name}' / 'content' / 'scopes')}/",
              f'and add "{name}" to an assessment\'s meta.domains to score it. The tutorial: docs/writing-plugins.md']
    return "\n".join(lines)


def _pip_path(shown: str) -> str:
    """pip reads a bare word as a package name: give it a path it cannot mistake."""
    return shown if shown.startswith((".", "/", "~")) else f"./{shown}"


def _show(path: Path) -> str:
    rel = os.path.relpath(path)
    return str(path) if rel.startswith("..") else rel


def title(name: str) -> str:
    return " ".join(w.capitalize() for w in name.split("_") if w) or name


def plugin_files(name: str) -> dict[str, str]:
    """Every file of the plugin, by path relative to its folder."""
    pkg = f"maturity_{name}"
    values = {"__NAME__": name, "__TITLE__": title(name), "__PKG__": pkg, "__SCOPE__": EXAMPLE_SCOPE}

    def fill(text: str) -> str:
        for k, v in values.items():
            text = text.replace(k, v)
        return text

    return {
        "pyproject.toml": fill(PYPROJECT),
        "README.md": fill(README),
        f"src/{pkg}/__init__.py": fill(INIT),
        f"src/{pkg}/probes.py": fill(PROBES),
        f"src/{pkg}/content/domain.toml": fill(DOMAIN),
        f"src/{pkg}/content/scopes/{EXAMPLE_SCOPE}.toml": fill(SCOPE),
        "tests/test_content.py": fill(TESTS),
        "tests/test_probes.py": fill(PROBE_TESTS),
    }


PYPROJECT = '''\
[build-system]
requires = ["hatchling>=1.24"]
build-backend = "hatchling.build"

[project]
name = "maturity-__NAME__"
version = "0.1.0"
description = "__TITLE__ domain for maturity: how far its back office has come, scope by scope."
readme = "README.md"
requires-python = ">=3.11"
dependencies = ["maturity>=0.1"]

[project.optional-dependencies]
test = ["pytest>=8"]

# How maturity finds the plugin once installed: group "maturity", entry point = the domain id.
[project.entry-points.maturity]
__NAME__ = "__PKG__"

[tool.hatch.build.targets.wheel]
packages = ["src/__PKG__"]

[tool.pytest.ini_options]
addopts = "--import-mode=importlib"
pythonpath = ["src"]
testpaths = ["tests"]
'''

README = '''\
# maturity-__NAME__

The __TITLE__ domain for maturity: how far a company's __TITLE__ back office has
come on the ladder offline → structured → online → digital → intelligent
(线下 → 结构化 → 在线化 → 数字化 → 智能化), business scope by business scope (业务范畴).

| scope | en | 中文 | what it covers |
|---|---|---|---|
| `__NAME__.__SCOPE__` | Requests | 业务申请 | how requests are raised, routed, approved and fulfilled |

The content is TOML data in `src/__PKG__/content/`: `domain.toml` and one file per scope in
`scopes/` (file name = scope id). The example scope `__SCOPE__` shows every field; copy it for each
scope you write. How to write good content: maturity's `docs/writing-plugins.md`; the file format
field by field: `docs/plugins.md`.

`src/__PKG__/probes.py` holds the probes that measure a client's own exports
(`maturity measure FILE.toml DATA…`): the example reads a requests export, suggests an answer for
`data_complete` and measures `handling_time`. Write one per export your domain's systems produce;
`tests/test_probes.py` checks that every criterion and indicator they name exists.

## Develop

```sh
# every content problem with its file and key, and the counts
maturity plugins check .
# load it without installing
PYTHONPATH=src maturity -p __PKG__ plugins
# its tests (pytest's settings in pyproject.toml put src/ on the path)
python -m pytest
# install it: every maturity command, and the TUI, then loads it
pip install -e .
```

To score it, add `"__NAME__"` to an assessment's `meta.domains` and run `maturity score FILE`.
'''

INIT = '''\
"""__TITLE__ for maturity: the content lives in content/ as TOML (domain.toml and scopes/*.toml);
the probes that measure a client's data exports live in probes.py."""

from importlib.resources import files

from maturity import hookimpl

__version__ = "0.1.0"


@hookimpl
def maturity_content():
    """The content folders this plugin contributes, one per domain (see maturity's docs/plugins.md)."""
    return [files(__package__) / "content"]


@hookimpl
def maturity_probes():
    """The probes that measure the client's exports (`maturity measure`; maturity's docs/plugins.md, "Probes")."""
    from .probes import PROBES  # imported here, so that loading the content never pays for it

    return PROBES
'''

PROBES = '''\
"""__TITLE__ probes: what the client's own exports show (`maturity measure FILE.toml DATA…`).

A probe declares the logical table it reads (its columns, with the English and Chinese names and the
synonyms a client's export uses for them), the criteria it informs and the indicators it measures,
then computes from the data with DuckDB SQL. It records aggregates only — counts, shares, medians —
never a record's field (a name, a phone number, an owner). `maturity measure` shows the column mapping
it found, runs every probe whose data is there and records the figures and suggested answers in the
snapshot; a suggestion never changes the consultant's answer.
"""

from __future__ import annotations

from maturity import Column, Table, probe

# A logical table: one export. A file matches it by a name word (requests.csv, 申请单_2026-06.xlsx), a
# column by its id, English or Chinese name or a synonym (ignoring case, width, spaces and punctuation).
# `time` dates each record: the period a measurement covers.
REQUESTS = Table(
    "requests", "Requests", "申请单", time="created_at",
    synonyms=("request", "requests", "申请", "申请单", "申请记录"), noun=("requests", "条申请"),
    columns=(
        Column("request_id", "text", "Request id", "申请编号", ("id", "编号", "申请单号", "单号")),
        Column("type", "text", "Type", "申请类型", ("request_type", "category", "类型", "申请类别")),
        Column("created_at", "timestamp", "Submitted", "提交时间",
               ("submitted_at", "created", "创建时间", "申请时间", "提交日期")),
        Column("owner", "text", "Owner", "负责人", ("handler", "assignee", "处理人", "经办人", "审批人")),
        Column("closed_at", "timestamp", "Closed", "办结时间", ("completed_at", "closed", "完成时间", "关闭时间")),
    ),
)


@probe(id="__NAME__.request_data", version="1", en="Request data and handling time", zh="申请数据与处理时长",
       needs={REQUESTS: ("created_at", "type", "owner")}, optional={REQUESTS: ("closed_at",)},
       informs=("__NAME__.__SCOPE__.data_complete",), measures=("__NAME__.__SCOPE__.handling_time",))
def request_data(data):
    """Share of requests with their type and owner recorded; median hours from submission to closure."""
    total, complete = data.sql("SELECT count(*), count(*) FILTER (type IS NOT NULL AND owner IS NOT NULL) "
                               "FROM requests")[0]
    # data_complete states its own threshold: pass its anchors (met ≥ 95% · mostly ≥ 85% · partly ≥ 60%).
    data.coverage("__NAME__.__SCOPE__.data_complete", complete, total, REQUESTS,
                  "have their type and owner recorded", "记录了类型和负责人", anchors=(0.95, 0.85, 0.60))
    if data.has(REQUESTS, "closed_at"):  # an optional column: used only when the export has it
        closed, hours = data.sql("SELECT count(*), median(date_diff('minute', created_at, closed_at)) / 60 "
                                 "FROM requests WHERE closed_at >= created_at")[0]
        if closed:
            data.indicator("__NAME__.__SCOPE__.handling_time", hours, closed, REQUESTS)


PROBES = [request_data]
'''

DOMAIN = '''\
# The __TITLE__ domain. Each scope (业务范畴) lives in scopes/<id>.toml; the file name is its id.
# Every text a person reads is given in English (en) and Chinese (zh), each written as a native
# practitioner would. `maturity plugins check` checks this folder; maturity's docs/plugins.md
# describes every field.
id = "__NAME__"
weight = 1.0
name.en = "__TITLE__"
name.zh = "__TITLE__ 业务"  # write the Chinese name as practitioners say it (e.g. 采购管理 for procurement)
description.en = "How far the __TITLE__ back office has come, from the first request to a process the data can steer."
description.zh = "__TITLE__ 后台从第一张申请单到用数据驱动流程的成熟度。"

# A profile rule re-weights scopes (factor 0.5 … 2) or switches them off (factor 0) for clients
# whose business profile makes them matter more or not at all. Core questions and answers:
#   customer_form: big_b, small_b, consumer        sales_cycle: short, medium, long
#   collaboration: solo, team, channel, mixed, telesales    control_style: loose, process, strict
# Keep rules few and strong, and say why in one line.
[[profile_rules]]
question = "control_style"
answers = ["strict"]
scopes = ["__NAME__.__SCOPE__"]
factor = 2.0
why.en = "Under strict control every request must leave an audit trail, so how requests are handled weighs double."
why.zh = "强管控下每一笔申请都要留痕、可审计，申请管理的权重加倍。"

# A rule may instead make criteria n/a for clients they do not fit: `criteria` names them in full
# (domain.scope.criterion), no factor. They are scored n/a with `why` as the reason while the
# consultant has not answered them. customer_form and collaboration may take several answers: a
# re-weight applies when ANY answer is in `answers`; a switch-off (factor 0) or a criteria rule only
# when EVERY answer is (the client is wholly that kind of business). Uncomment to use:
# [[profile_rules]]
# question = "control_style"
# answers = ["loose"]
# criteria = ["__NAME__.__SCOPE__.overdue_alerts"]
# why.en = "Managed by results only, request steps have no time limits to escalate, so overdue alerts do not apply."
# why.zh = "只看结果的松散管控下，申请环节没有时限可供升级，超时预警不适用。"
'''

SCOPE = '''\
# An example scope (业务范畴): copy this file for each scope; the file name must equal its id.
# Stages climb in order and are never skipped: structured (结构化) → online (在线化) → digital
# (数字化) → intelligent (智能化). offline (线下) is the starting point and has no criteria.
id = "__SCOPE__"
weight = 1.0
name.en = "Requests"
name.zh = "业务申请"
description.en = "How requests are raised, routed, approved and fulfilled, from the first ask to closure."
description.zh = "业务申请如何发起、流转、审批和办结，从提出需求到关闭的全过程。"

# A criterion is one observable fact the client can show in the room, at the lowest stage whose
# meaning it tests. weight: 1 by default, 2 when the stage means nothing without it, 0.5 for a
# nice-to-have. evidence = what to ask to see; action = the next step when it is unmet.

# structured (结构化): the business is analysed and made explicit — objects, states, rules, owners.
# Structured means explicit: a rule written down OR configured in the system counts (a configured
# rule is the most explicit form). Word text and evidence both ways — "a document or configured in
# the system", "the document or the system's settings" — never "a signed document" alone.
[[criteria]]
id = "types_and_states"
stage = "structured"
weight = 2
text.en = "Request types and their states (submitted → approved → fulfilled / rejected) are defined in one place the business owner agreed — a document or the types and states configured in the system"
text.zh = "申请的类型和状态（已提交→已审批→已办结/已驳回）在一处明确定义（文档或系统中配置的类型与状态），并经业务负责人确认"
evidence.en = "The document or the system's type and state settings, and who agreed them"
evidence.zh = "该文档或系统中的类型与状态配置，以及由谁确认"
action.en = "Run a workshop with the people who raise and handle requests; write the types and states down or configure them in the system, and have the owner sign them off"
action.zh = "召集发起人和处理人开一次工作坊，把申请类型与状态写成文档或直接配置进系统，并请业务负责人签认"

[[criteria]]
id = "owners_and_limits"
stage = "structured"
text.en = "Each step has a named owner and a time limit (e.g. approval within 2 working days), written in the request rules or configured in the system (assignment rule, time limit)"
text.zh = "每个环节都有明确的责任人和时限（如2个工作日内完成审批），写进申请规则文档或在系统中配置（分派规则、处理时限）"
evidence.en = "The rules table, or the assignment and time-limit settings in the system"
evidence.zh = "规则表，或系统中的分派规则与时限配置"
action.en = "Add owner and time-limit columns to the request rules, or set them in the system as the assignment rule and time limit, and agree them with each owner"
action.zh = "在申请规则中补充责任人和时限，或直接在系统中配置分派规则和处理时限，并与各责任人逐一确认"

# online (在线化): the work itself happens in the system, every day; the record lives only there.
[[criteria]]
id = "raised_in_system"
stage = "online"
weight = 2
text.en = "Every request is raised in the system — none arrive only by e-mail, chat or paper"
text.zh = "所有申请都在系统中发起，没有只通过邮件、聊天或纸质单据提交的申请"
evidence.en = "A week of requests in the system compared with the mailbox and the chat groups"
evidence.zh = "对比一周内系统中的申请与邮箱、聊天群里的申请"
action.en = "Close the side channels: answer every e-mailed request with the link to the system's form"
action.zh = "关闭旁路渠道：对邮件提交的申请一律回复系统表单链接"

[[criteria]]
id = "handled_in_system"
stage = "online"
text.en = "Approvers and handlers move each request through its states in the system as they work"
text.zh = "审批人和处理人在工作时就在系统中推进申请状态"
evidence.en = "The activity log of a typical day"
evidence.zh = "典型一天的操作日志"
action.en = "Make the system's to-do list the handlers' daily starting point; stop the parallel status report"
action.zh = "让系统待办成为处理人每天工作的起点，取消并行的手工进度汇报"

# digital (数字化): the data is complete and trusted, and management decides with it.
# A criterion that states its own threshold ("at least 95%") says what each grade means against it
# in `anchors`; without them the general anchors hold (met ≥ 95% of cases, mostly ≥ 80%, partly ≥ 50%).
[[criteria]]
id = "data_complete"
stage = "digital"
text.en = "Type, owner and the time of every state change are recorded for at least 95% of last quarter's requests"
text.zh = "上季度≥95%的申请记录了类型、责任人和每次状态变化的时间"
evidence.en = "A completeness report"
evidence.zh = "数据完整度报表"
action.en = "Make the fields mandatory and clean the backlog"
action.zh = "设置必填字段，清理存量数据"
anchors.en = "met: complete for ≥ 95% of last quarter's requests · mostly: ≥ 85% · partly: ≥ 60% · not met: below 60%"
anchors.zh = "满足：上季度≥95%的申请记录完整 · 基本满足：≥85% · 部分满足：≥60% · 不满足：低于60%"

[[criteria]]
id = "reviewed_from_report"
stage = "digital"
weight = 2
text.en = "The monthly operations review looks at volumes and handling times from the system's report, with no side spreadsheet"
text.zh = "月度运营会议用系统报表回顾申请量和处理时长，不再另做表格"
evidence.en = "The meeting's minutes and the report"
evidence.zh = "会议纪要与对应报表"
action.en = "Move the review onto the report; retire the spreadsheet"
action.zh = "会议改用系统报表，停用手工表格"

# intelligent (智能化): at single points the system decides or acts by a model or an optimisation it
# learns (or by a rule measured against a control), and the criterion names the measured effect. A
# fixed rule a person configured (assign round-robin, remind after 2 days) is online, not intelligent.
[[criteria]]
id = "auto_routing"
stage = "intelligent"
text.en = "Requests are routed or approved automatically by rule, and the rule's effect on handling time is measured"
text.zh = "申请按规则自动分派或自动审批，并度量规则对处理时长的实际效果"
evidence.en = "The rule and its last evaluation"
evidence.zh = "规则及最近一次效果评估"
action.en = "Start with one rule for the most common low-risk type; compare it with manual handling in an A/B test"
action.zh = "先为最常见的低风险类型配置一条规则，与人工处理做A/B测试"

[[criteria]]
id = "overdue_alerts"
stage = "intelligent"
text.en = "Requests likely to miss their time limit are predicted from past requests and escalated early, and the drop in overdue requests is measured against a control group"
text.zh = "系统根据历史申请预测可能超时的申请并提前升级，并与对照组对比度量超时量的下降"
evidence.en = "The prediction rule or model, and its last comparison with the control group"
evidence.zh = "预测规则或模型，及最近一次与对照组的对比结果"
action.en = "The process owner starts from the fixed overdue alert (online); the analyst adds a prediction from past requests for half of the request types and compares the overdue rate with the other half"
action.zh = "流程负责人先用固定的超时预警（在线化），再由数据分析员基于历史申请加上超时预测，只用于一半申请类型，与另一半对比超时率"

# Indicators (指标): type = business | workload | usage | efficiency | transparency;
# relation (once the scope is digital) = direct | positive | transparency | unclear — usage and
# efficiency are always direct; earliest_stage = the first stage whose data can measure it.
# practice = the criteria of this scope whose work the figure measures: figures are suggested from
# what the client practises, and not at all when every one of them is n/a for the client.
# by_construction = criteria that, all met, make the figure hold by itself (so it is never suggested),
# e.g. by_construction = ["raised_in_system"] on "requests with a submission date", which the system
# stamps on every request raised in it.
[[indicators]]
id = "on_time_rate"
type = "business"
relation = "positive"
direction = "higher"
unit = "%"
earliest_stage = "digital"
name.en = "Requests fulfilled on time"
name.zh = "按时办结率"
definition.en = "Share of requests closed within their time limit"
definition.zh = "在时限内办结的申请占比"
practice = ["owners_and_limits"]

[[indicators]]
id = "handled_per_person"
type = "workload"
relation = "positive"
direction = "higher"
unit = "requests/week"
earliest_stage = "online"
name.en = "Requests handled per person"
name.zh = "人均处理量"
definition.en = "Requests closed per handler per week"
definition.zh = "每位处理人每周办结的申请数"
practice = ["handled_in_system"]

[[indicators]]
id = "raised_in_system_share"
type = "usage"
relation = "direct"
direction = "higher"
unit = "%"
earliest_stage = "online"
name.en = "Requests raised in the system"
name.zh = "系统内发起申请占比"
definition.en = "Share of all requests raised in the system rather than by e-mail, chat or paper"
definition.zh = "通过系统发起（而非邮件、聊天或纸质单据）的申请占比"
practice = ["raised_in_system"]

[[indicators]]
id = "handling_time"
type = "efficiency"
relation = "direct"
direction = "lower"
unit = "h"
earliest_stage = "online"
name.en = "Handling time"
name.zh = "处理时长"
definition.en = "Median hours from submission to closure; take a baseline before the system goes live"
definition.zh = "从提交到办结的中位小时数；系统上线前先取基线"
practice = ["handled_in_system"]

[[indicators]]
id = "visible_status_share"
type = "transparency"
relation = "transparency"
direction = "higher"
unit = "%"
earliest_stage = "online"
name.en = "Requests with a visible status"
name.zh = "状态可查的申请占比"
definition.en = "Share of requests whose requester can see the current state and owner without asking anyone"
definition.zh = "发起人无需询问即可看到当前状态和责任人的申请占比"
practice = ["handled_in_system"]

# A dependency: to reach `stage` here, `requires` must be at `requires_stage` or above. Only where
# the stage truly needs the other scope's data or process; say why in one line. Scopes of other
# domains are named in full, e.g.:
# [[dependencies]]
# stage = "intelligent"
# requires = "crm.contracts_orders"
# requires_stage = "digital"
# why.en = "Raising requests automatically from signed orders needs order data you can trust."
# why.zh = "根据已签订单自动发起申请，前提是订单数据可信。"
'''

TESTS = '''\
"""The __TITLE__ content loads cleanly and meets the bar every maturity domain keeps.

Runs installed (`pip install -e .`) or not (`PYTHONPATH=src`, or pytest's `pythonpath` setting).
"""

from __future__ import annotations

from collections import Counter
from importlib.metadata import entry_points
from importlib.resources import files

import pytest

from maturity.model.content import Stage
from maturity.testing import catalogue_from_domains, check_content

import __PKG__

DOMAIN_ID = "__NAME__"
CONTENT = files("__PKG__") / "content"
STAGES = ("structured", "online", "digital", "intelligent")
TYPES = ("business", "workload", "usage", "efficiency", "transparency")


@pytest.fixture(scope="module")
def report():
    return check_content(CONTENT, DOMAIN_ID)


@pytest.fixture(scope="module")
def domain(report):
    assert report.domain is not None, "\\n".join(map(str, report.problems))
    return report.domain


def test_loads_without_problems(report):
    """The same checks start-up runs: schema, texts in en and zh, stages, duplicates, cycles."""
    assert [str(p) for p in report.problems] == []
    assert report.domain is not None and report.domain.id == DOMAIN_ID


def test_the_hook_returns_the_content_folder():
    folders = __PKG__.maturity_content()
    assert len(folders) == 1 and (folders[0] / "domain.toml").is_file()


@pytest.mark.parametrize("stage", STAGES)
def test_every_scope_has_two_criteria_at_every_stage(domain, stage):
    for scope in domain.scopes:
        assert Counter(c.stage for c in scope.criteria)[stage] >= 2, f"{scope.id}@{stage}"


def test_every_scope_has_five_indicators_across_the_types(domain):
    for scope in domain.scopes:
        assert len(scope.indicators) >= 5, scope.id
        assert len({i.type for i in scope.indicators}) >= 4, scope.id
    assert {i.type for s in domain.scopes for i in s.indicators} == set(TYPES)


def test_indicators_are_measured_from_system_data(domain):
    for scope in domain.scopes:
        for i in scope.indicators:
            assert Stage[i.earliest_stage] >= Stage.online, f"{scope.id}.{i.id}"


def test_the_domain_alone_makes_no_cycle(domain):
    catalogue = catalogue_from_domains(domain)
    assert [p.status for p in catalogue.plugins] == ["on"], [p.reason for p in catalogue.plugins]


def test_criteria_with_anchors_name_every_grade(domain):
    for scope in domain.scopes:
        for c in scope.criteria:
            if c.anchors is not None:
                assert all(w in c.anchors.en for w in ("met:", "mostly:", "partly:", "not met:")), c.id
                assert all(w in c.anchors.zh for w in ("满足：", "基本满足：", "部分满足：", "不满足：")), c.id


def test_plugins_check_gives_no_guidance_warnings(domain):
    """What `maturity plugins check` adds to start-up's checks: structured criteria accept a document or
    the system's configuration, criteria stating their own threshold have anchors, indicators name
    their practice."""
    from maturity.checker import content_guidance

    assert [str(p) for p in content_guidance(domain, "content")] == []


def test_profile_rules_say_why(domain):
    for rule in domain.profile_rules:
        assert rule.factor == 0 or 0.5 <= rule.factor <= 2
        assert rule.why.en.strip() and rule.why.zh.strip()


def test_installed_under_the_maturity_entry_point():
    found = [ep for ep in entry_points(group="maturity") if ep.name == DOMAIN_ID]
    if not found:
        pytest.skip("not installed (loaded from src/); `pip install -e .` registers the entry point")
    assert found[0].value == "__PKG__"
'''

PROBE_TESTS = '''\
"""The __TITLE__ probes name only criteria and indicators the content has, and check clean the way
`maturity plugins check` does."""

from __future__ import annotations

from importlib.resources import files

from maturity.probes import Probe, probe_problems
from maturity.testing import check_content

import __PKG__
from __PKG__.probes import PROBES

DOMAIN_ID = "__NAME__"


def _ids():
    report = check_content(files("__PKG__") / "content", DOMAIN_ID)
    assert report.domain is not None, "\\n".join(map(str, report.problems))
    d = report.domain
    criteria = {f"{d.id}.{s.id}.{c.id}" for s in d.scopes for c in s.criteria}
    indicators = {f"{d.id}.{s.id}.{i.id}" for s in d.scopes for i in s.indicators}
    return criteria, indicators


def test_the_hook_returns_the_probes():
    assert __PKG__.maturity_probes() == PROBES
    assert PROBES and all(isinstance(p, Probe) for p in PROBES)


def test_every_id_a_probe_names_exists():
    criteria, indicators = _ids()
    missing = [(p.id, ref) for p in PROBES for ref in p.informs if ref not in criteria]
    missing += [(p.id, ref) for p in PROBES for ref in p.measures if ref not in indicators]
    assert not missing, f"probes name ids the content does not have: {missing}"
    assert [x.line() for x in probe_problems(PROBES, "plugin __PKG__", criteria, indicators)] == []


def test_probes_are_versioned_and_named_in_both_languages():
    for p in PROBES:
        assert p.id.startswith(f"{DOMAIN_ID}.") and p.version and p.en and p.zh
'''
