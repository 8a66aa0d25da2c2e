"""Questions asked of the portfolio store: distributions of stages, practice and levels within peer groups.

Every answer is an aggregate over at least ``MIN_GROUP`` clients; smaller groups are counted as hidden, never shown.
"""

from __future__ import annotations

from ..engine.scoring import STAGE_NAMES
from ..errors import Problem, UsageError
from . import MIN_GROUP, PEER_DIMENSIONS

DATE_GROUPS = {"year": "CAST(year(s.date) AS VARCHAR)",
               "quarter": "CAST(year(s.date) AS VARCHAR) || '-Q' || CAST(quarter(s.date) AS VARCHAR)"}
GROUPS = (*PEER_DIMENSIONS, *DATE_GROUPS)


def parse_by(text: str | None, file: str = "--by") -> list[str]:
    if not text:
        return []
    out = []
    for part in text.split(","):
        part = part.strip()
        if part not in GROUPS:
            raise UsageError(Problem(file, part, "is not a way to group the portfolio", f"use one or more of {', '.join(GROUPS)}"))
        if part not in out:
            out.append(part)
    return out


def _expr(dim: str) -> str:
    return DATE_GROUPS.get(dim, f"s.{dim}")


def _base(latest: bool, filters: dict | None, exclude_key: str | None) -> tuple[str, list]:
    cond, params = [], []
    for k, v in (filters or {}).items():
        if k not in PEER_DIMENSIONS:
            raise ValueError(k)
        if v is None:
            cond.append(f"{k} IS NULL")
        else:
            cond.append(f"{k} = ?")
            params.append(v)
    if exclude_key:
        cond.append("client_key <> ?")
        params.append(exclude_key)
    where = f"WHERE {' AND '.join(cond)}" if cond else ""
    qualify = "QUALIFY row_number() OVER (PARTITION BY client_key ORDER BY date DESC, id DESC) = 1" if latest else ""
    return f"s AS (SELECT * FROM snapshots {where} {qualify})", params


def _dist(col: str) -> str:
    return ", ".join(f"count(*) FILTER (WHERE {col} = {i})" for i in range(len(STAGE_NAMES)))


def _rows(con, sql: str, params: list, by: list[str], kind: str) -> tuple[list[dict], int]:
    out, hidden = [], 0
    for row in con.execute(sql, params).fetchall():
        group = dict(zip(by, row[:len(by)]))
        rest = row[len(by):]
        if kind == "scope":
            domain, scope, rest = rest[0], rest[1], rest[2:]
        elif kind == "domain":
            domain, scope, rest = rest[0], None, rest[1:]
        else:
            domain, scope = None, None
        n, clients, q1, med, q3 = rest[:5]
        dist = rest[5:]
        if clients < MIN_GROUP:
            hidden += 1
            continue
        k = len(STAGE_NAMES)
        d = {"group": group, "n": n, "clients": clients,
             "level": {"q1": _r(q1), "median": _r(med), "q3": _r(q3)},
             ("stages" if kind == "scope" else "lowest_stages"): dict(zip(STAGE_NAMES, dist[:k]))}
        if kind == "scope":
            d["practice"] = dict(zip(STAGE_NAMES, dist[k:2 * k]))
            d = {"scope": scope, "domain": domain, **d}
        elif kind == "domain":
            d = {"domain": domain, **d}
        out.append(d)
    return out, hidden


def _r(x):
    return None if x is None else round(x, 4)


def distributions(con, by: list[str], latest: bool = True, filters: dict | None = None,
                  exclude_key: str | None = None, scope: str | None = None) -> dict:
    """Overall, per domain and per scope: n, clients, level quartiles and stage (and practice) counts per group."""
    base, params = _base(latest, filters, exclude_key)
    dims = [f"{_expr(d)} AS g_{d}" for d in by]
    gsel = "".join(f"{x}, " for x in dims)
    gby = "".join(f"g_{d}, " for d in by)
    q = "quantile_cont({c}, 0.25), quantile_cont({c}, 0.5), quantile_cont({c}, 0.75)"
    overall_sql = (f"WITH {base} SELECT {gsel} count(*), count(DISTINCT client_key), {q.format(c='overall')}, "
                   f"{_dist('lowest_stage')} FROM s WHERE overall IS NOT NULL GROUP BY ALL ORDER BY {gby} 1")
    domain_sql = (f"WITH {base} SELECT {gsel} d.domain, count(*), count(DISTINCT s.client_key), "
                  f"{q.format(c='d.level')}, {_dist('d.lowest_stage')} FROM domains d JOIN s USING (id) "
                  f"WHERE d.level IS NOT NULL GROUP BY ALL ORDER BY {gby} d.domain")
    scope_filter, sparams = ("AND sc.scope = ?", [scope]) if scope else ("", [])
    scope_sql = (f"WITH {base} SELECT {gsel} sc.domain, sc.scope, count(*), count(DISTINCT s.client_key), "
                 f"{q.format(c='sc.level')}, {_dist('sc.stage')}, {_dist('sc.practice')} FROM scopes sc JOIN s USING (id) "
                 f"WHERE sc.level IS NOT NULL {scope_filter} GROUP BY ALL ORDER BY {gby} sc.domain, sc.scope")
    overall, h0 = _rows(con, overall_sql, params, by, "overall")
    domains, h1 = _rows(con, domain_sql, params, by, "domain")
    scopes, h2 = _rows(con, scope_sql, params + sparams, by, "scope")
    totals = con.execute(f"WITH {base} SELECT count(*), count(DISTINCT client_key), min(date), max(date) FROM s",
                         params).fetchone()
    return {"snapshots": totals[0], "clients": totals[1],
            "from": totals[2].isoformat() if totals[2] else None, "to": totals[3].isoformat() if totals[3] else None,
            "overall": overall, "domains": domains, "scopes": scopes,
            "hidden": {"overall": h0, "domains": h1, "scopes": h2}}


def skipped_files(con) -> list[str]:
    return [r[0] for r in con.execute("SELECT problem FROM files WHERE status = 'error' ORDER BY path").fetchall()]
