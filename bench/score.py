"""Benchmark: fully score a synthetic assessment of 2,000 scopes and 40,000 criteria.

Prints the median time of `maturity.engine.scoring.score`, of the whole analysis (roadmap,
indicators, stance), of a bare Python loop over the same answers (the floor), and their ratio.
Goal: scoring under 50 ms and within 3x the loop.   Run: .venv/bin/python bench/score.py
With --scale N [N…] (e.g. --scale 2000 8000 20000) it prints analyse() per scope count and the growth against the
first, which must stay linear (issue 12, part 5). 20,000 scopes take a few minutes to build and ~2 GB.
"""

from __future__ import annotations

import random
import statistics
import time

from maturity.engine.analysis import analyse
from maturity.engine.scoring import ANSWER_VALUES, score
from maturity.model.assessment import Answer, Assessment, Meta
from maturity.model.content import Criterion, Dependency, Domain, Indicator, Scope, Text
from maturity.testing import catalogue_from_domains

DOMAINS, SCOPES_PER_DOMAIN, CRITERIA_PER_STAGE = 20, 100, 5
STAGES = ("structured", "online", "digital", "intelligent")
WORDS = ("met", "met", "mostly", "partly", "not_met", "n/a", None)


def t(s: str) -> Text:
    return Text(en=s, zh=s)


def build(seed: int = 7):
    rnd = random.Random(seed)
    domains = []
    for d in range(DOMAINS):
        scopes = []
        for s in range(SCOPES_PER_DOMAIN):
            crits = tuple(Criterion(id=f"c{st[:2]}{i}", stage=st, text=t("c"), evidence=t("e"), action=t("a"),
                                    weight=rnd.choice((0.5, 1, 1, 2)))
                          for st in STAGES for i in range(CRITERIA_PER_STAGE))
            deps = []
            if s > 0:  # depend on earlier scopes only: acyclic by construction
                for _ in range(rnd.randint(0, 2)):
                    deps.append(Dependency(stage=rnd.choice(STAGES[1:]), requires=f"d{d}.s{rnd.randrange(s)}",
                                           requires_stage=rnd.choice(STAGES[:3]), why=t("w")))
            inds = tuple(Indicator(id=f"i{k}", name=t("i"), definition=t("i"), unit="%", type=ty, relation="positive",
                                   direction="higher", earliest_stage=rnd.choice(STAGES))
                         for k, ty in enumerate(("business", "workload", "usage", "efficiency", "transparency")))
            scopes.append(Scope(id=f"s{s}", name=t(f"s{s}"), description=t("d"), criteria=crits,
                                dependencies=tuple(deps), indicators=inds))
        domains.append(Domain(id=f"d{d}", name=t(f"d{d}"), description=t("d"), scopes=tuple(scopes)))
    cat = catalogue_from_domains(*domains)
    answers = {}
    for sid, scope in cat.scopes.items():
        answers[sid] = {c.id: Answer(answer=w, reason="r" if w == "n/a" else "")
                        for c in scope.criteria if (w := rnd.choice(WORDS)) is not None}
    return cat, Assessment(meta=Meta(client="bench"), answers=answers)


def bare_loop(cat, a) -> float:
    """The floor: one pass over every criterion, summing weighted answer values per stage."""
    total = 0.0
    for sid, scope in cat.scopes.items():
        given = a.answers.get(sid, {})
        sums = {"structured": 0.0, "online": 0.0, "digital": 0.0, "intelligent": 0.0}
        for c in scope.criteria:
            ans = given.get(c.id)
            v = ANSWER_VALUES.get(ans.answer) if ans is not None else None
            if v is not None:
                sums[c.stage] += c.weight * v
        total += sum(sums.values())
    return total


def timed(fn, *args, repeat: int = 15) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn(*args)
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def scale(sizes: list[int]) -> None:
    """analyse() at several sizes: the time per scope must not grow (linear growth)."""
    global DOMAINS
    first = None
    for n in sizes:
        DOMAINS = max(1, n // SCOPES_PER_DOMAIN)
        cat, a = build()
        _ = cat.graph.order
        analyse(cat, a)  # warm caches
        ms = timed(analyse, cat, a, repeat=3)
        first = first or (len(cat.scopes), ms)
        growth = (ms / first[1]) / (len(cat.scopes) / first[0])
        print(f"analyse() at {len(cat.scopes):6d} scopes: {ms:8.0f} ms  ({ms / len(cat.scopes) * 1000:6.1f} µs a scope; "
              f"{ms / first[1]:5.1f}x time for {len(cat.scopes) / first[0]:4.1f}x scopes, {growth:4.2f} of linear)",
              flush=True)
        del cat, a


def main() -> None:
    import sys

    if "--scale" in sys.argv:
        scale([int(x) for x in sys.argv[sys.argv.index("--scale") + 1:]] or [2000, 8000])
        return
    t0 = time.perf_counter()
    cat, a = build()
    built = (time.perf_counter() - t0) * 1000
    t0 = time.perf_counter()
    _ = cat.graph.order  # built once per catalogue, cached
    graph_ms = (time.perf_counter() - t0) * 1000
    n_crit = sum(len(s.criteria) for s in cat.scopes.values())
    score(cat, a)  # warm caches
    s_ms = timed(score, cat, a)
    loop_ms = timed(bare_loop, cat, a)
    an_ms = timed(analyse, cat, a, repeat=5)
    print(f"synthetic assessment: {len(cat.scopes)} scopes, {n_crit} criteria, "
          f"{sum(len(x) for x in a.answers.values())} answers (built in {built:.0f} ms; graph order {graph_ms:.0f} ms once)")
    print(f"score():        {s_ms:8.1f} ms   (goal < 50 ms)")
    print(f"bare loop:      {loop_ms:8.1f} ms")
    print(f"ratio:          {s_ms / loop_ms:8.2f} x   (goal <= 3x)")
    print(f"full analyse(): {an_ms:8.1f} ms   (score + roadmap + indicators + stance + votes)")


if __name__ == "__main__":
    main()
