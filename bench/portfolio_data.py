"""A synthetic consultancy portfolio: N snapshots over the real plugin content, deterministic for a seed.

    .venv/bin/python bench/portfolio_data.py OUT --snapshots 10000 [--seed 7]

Clients get realistic profiles (customer form, sales cycle, collaboration, control style, size) and a maturity that
depends on them; each scope's answers follow a stage drawn around the client's maturity (met below it, partial at the
next stage, little above), with some n/a (with a reason), a few notes, votes and unanswered criteria, and between one
and four snapshots over 2024-2026 that climb over time. Files are written as TOML a person could have saved, in
folders of 1,000. Names are invented ("Client 004213 Trading"). Written by hand-rolled TOML for speed (about 10k
files a minute); each file loads with ``maturity.snapshot.load_snapshot``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FORMS = [("big_b", 0.35), ("small_b", 0.35), ("consumer", 0.2), ("big_b+small_b", 0.1)]
CYCLES = {"big_b": [("long", .6), ("medium", .35), ("short", .05)], "small_b": [("medium", .5), ("short", .4), ("long", .1)],
          "consumer": [("short", .85), ("medium", .15)]}
COLLAB = {"big_b": [("team", .5), ("channel", .2), ("mixed", .2), ("solo", .1)],
          "small_b": [("solo", .35), ("telesales", .35), ("team", .2), ("channel", .1)],
          "consumer": [("telesales", .6), ("solo", .2), ("channel", .2)]}
CONTROL = [("loose", .3), ("process", .5), ("strict", .2)]
SIZES = [("small", .4), ("medium", .4), ("large", .2)]
KINDS = ["Trading", "Industrial", "Logistics", "Software", "Retail", "Health", "Finance", "Education", "Water", "Foods"]
NOTES = ["Seen in the system during the workshop.", "Shown by the sales lead on screen.", "Only the Shanghai team does this.",
         "Spreadsheet kept beside the system.", "系统中已配置，现场演示。", "部分团队执行，尚未全面推广。",
         "IT to confirm the export.", "Agreed, but not written down yet."]
NA_REASONS = ["No channel partners.", "Not relevant for this business.", "不适用：无此业务。"]
GRADES_AT = {  # (answer, weight) by how far a criterion's stage is above the scope's true stage
    "below": [("met", .72), ("mostly", .22), ("partly", .06)],
    "next": [("mostly", .25), ("partly", .45), ("not_met", .3)],
    "above": [("partly", .15), ("not_met", .85)],
}


def pick(rng: random.Random, options):
    x, acc = rng.random(), 0.0
    for value, weight in options:
        acc += weight
        if x < acc:
            return value
    return options[-1][0]


def s(text: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's)."""
    return json.dumps(text, ensure_ascii=False)


def client_snapshots(cat, i: int, seed: int) -> list[tuple[str, str]]:
    """(file name, TOML text) of client ``i``'s snapshots."""
    rng = random.Random(seed * 1_000_003 + i)
    form = pick(rng, FORMS)
    first = form.split("+")[0]
    cycle, collab = pick(rng, CYCLES[first]), pick(rng, COLLAB[first])
    control, size = pick(rng, CONTROL), pick(rng, SIZES)
    base = {"small": 1.4, "medium": 1.9, "large": 2.4}[size] + {"loose": -0.3, "process": 0.2, "strict": 0.4}[control]
    base += rng.gauss(0, 0.6)
    domains = [d for d in cat.domains if d != "telesales" or collab == "telesales" or rng.random() < 0.6]
    n_snaps = pick(rng, [(1, .55), (2, .25), (3, .12), (4, .08)])
    start = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(0, 500))
    name = f"Client {i:06d} {rng.choice(KINDS)}"
    system = rng.choice(["Salesforce", "Fxiaoke CRM", "HubSpot", "Zoho CRM", "in-house CRM"])
    out = []
    scope_bias = {sid: rng.gauss(0, 0.7) for sid in cat.scopes}
    for k in range(n_snaps):
        date = start + dt.timedelta(days=90 * k + rng.randrange(0, 30))
        level = base + 0.35 * k
        out.append((f"c{i:06d}-{date:%Y-%m}.toml",
                    snapshot_text(cat, rng, name, system, date, domains, form, cycle, collab, control, size, level,
                                  scope_bias)))
    return out


def snapshot_text(cat, rng, name, system, date, domains, form, cycle, collab, control, size, level, bias) -> str:
    forms = form.split("+")
    L = ["schema_version = 1", 'participants = [{ id = "lead", name = "Business lead", role = "Sales" }, '
         '{ id = "it", name = "IT lead", role = "IT" }]', "", "[meta]",
         f"client = {s(name)}", f"system = {s(system)}", 'perspective = "b2b"', f"date = {date.isoformat()}",
         'assessor = "Synthetic consultant"', f"domains = {json.dumps(domains)}", "threshold = 0.8",
         'language = "en"', ""]
    for p in cat.plugins:
        if p.status == "on" and set(p.domains) & set(domains):
            L += [f"[plugins.{p.name}]", f"version = {s(p.version)}", f"fingerprint = {s(p.fingerprint)}", ""]
    L += ["[profile]", f"customer_form = {json.dumps(forms) if len(forms) > 1 else s(forms[0])}",
          f"sales_cycle = {s(cycle)}", f"collaboration = {s(collab)}", f"control_style = {s(control)}",
          f"size = {s(size)}", ""]
    L += ["[team]", f"current_stance = {s(rng.choice(['follow', 'follow', 'collaborate', 'push']))}",
          f"tenure = {s(rng.choice(['new', 'settled', 'long']))}", ""]
    completeness = rng.choice([1.0, 1.0, 0.95, 0.85, 0.7])
    for sid, scope in cat.scopes.items():
        if sid.split(".")[0] not in domains:
            continue
        if rng.random() < 0.08:
            continue  # a scope nobody assessed
        true = max(0.0, min(4.0, level + bias[sid] + rng.gauss(0, 0.4)))
        rows = []
        for c in scope.criteria:
            idx = ("offline", "structured", "online", "digital", "intelligent").index(c.stage)
            if rng.random() > completeness and idx > true:
                continue
            if rng.random() < 0.03:
                rows.append(f"{c.id} = {{ answer = \"n/a\", reason = {s(rng.choice(NA_REASONS))} }}")
                continue
            band = "below" if idx <= true else "next" if idx <= true + 1 else "above"
            ans = pick(rng, GRADES_AT[band])
            extra = ""
            if rng.random() < 0.06:
                extra += f", note = {s(rng.choice(NOTES))}"
            if rng.random() < 0.03:
                other = rng.choice(["met", "mostly", "partly", "not_met"])
                extra += f', votes = {{ lead = "{ans}", it = "{other}" }}'
            rows.append(f"{c.id} = {{ answer = \"{ans}\"{extra} }}")
        if rows:
            L += [f'[answers."{sid}"]', *rows, ""]
    return "\n".join(L)


def write_portfolio(out: Path, snapshots: int, seed: int = 7, cat=None) -> int:
    """Write about ``snapshots`` files (clients are added until the count is reached); returns how many."""
    if cat is None:
        from maturity.plugins import load_catalogue

        cat = load_catalogue([])
    out.mkdir(parents=True, exist_ok=True)
    written, i = 0, 0
    while written < snapshots:
        folder = out / f"part-{i // 1000:03d}"
        folder.mkdir(exist_ok=True)
        for fname, text in client_snapshots(cat, i, seed):
            if written >= snapshots:
                break
            (folder / fname).write_text(text, encoding="utf-8")
            written += 1
        i += 1
    return written


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--snapshots", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    n = write_portfolio(args.out, args.snapshots, args.seed)
    print(f"{n:,} snapshots written under {args.out}")


if __name__ == "__main__":
    main()
