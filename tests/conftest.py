"""Shared fixtures: a small hand-made domain whose results can be computed by hand."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from maturity.model.assessment import Answer, Assessment, Meta
from maturity.model.content import Criterion, Dependency, Domain, Indicator, ProfileRule, Scope, Text
from maturity.testing import catalogue_from_domains

STAGES = ("structured", "online", "digital", "intelligent")


def t(s: str) -> Text:
    return Text(en=s, zh=s + "（中）")


def crit(id: str, stage: str, weight: float = 1.0) -> Criterion:
    return Criterion(id=id, stage=stage, text=t(f"{id} text"), evidence=t("show it"), action=t(f"do {id}"), weight=weight)


def ind(id: str, type: str, relation: str, earliest: str) -> Indicator:
    return Indicator(id=id, name=t(id), definition=t(id), unit="%", type=type, relation=relation,
                     direction="higher", earliest_stage=earliest)


def make_scope(id: str, deps=(), weights=(2.0, 1.0), indicators=()) -> Scope:
    crits = tuple(crit(f"{st[:3]}{i}", st, w) for st in STAGES for i, w in enumerate(weights, 1))
    return Scope(id=id, name=t(id.title()), description=t(id), criteria=crits, dependencies=tuple(deps),
                 indicators=tuple(indicators))


def dep(stage: str, requires: str, requires_stage: str) -> Dependency:
    return Dependency(stage=stage, requires=requires, requires_stage=requires_stage, why=t(f"needs {requires}"))


INDICATORS = (
    ind("biz", "business", "positive", "digital"),
    ind("work", "workload", "positive", "online"),
    ind("use", "usage", "direct", "online"),
    ind("eff", "efficiency", "direct", "online"),
    ind("see", "transparency", "transparency", "online"),
)


@pytest.fixture
def domain() -> Domain:
    return Domain(
        id="x", name=t("X"), description=t("a test domain"),
        scopes=(
            make_scope("a", indicators=INDICATORS),
            make_scope("b", deps=[dep("online", "x.a", "online")], indicators=INDICATORS),
            make_scope("c", deps=[dep("intelligent", "x.b", "digital")]),
        ),
        profile_rules=(
            ProfileRule(question="sales_cycle", answers=("long",), scopes=("x.b",), factor=2.0, why=t("long cycle")),
            ProfileRule(question="customer_form", answers=("consumer",), scopes=("x.c",), factor=0.0, why=t("no c")),
        ),
    )


@pytest.fixture
def cat(domain):
    c = catalogue_from_domains(domain)
    assert [p.status for p in c.plugins] == ["on"], c.problems
    return c


def answers_all(word: str, scope: str, stages=STAGES, ids=(1, 2)) -> dict:
    return {f"{st[:3]}{i}": Answer(answer=word) for st in stages for i in ids}


@pytest.fixture
def blank() -> Assessment:
    return Assessment(meta=Meta(client="Test client"))


def with_answers(assessment: Assessment, /, **scopes: dict) -> Assessment:
    answers = {f"x.{k}": v for k, v in scopes.items()}
    return assessment.model_copy(update={"answers": answers})


BENCH = Path(__file__).resolve().parents[1] / "bench"


def bench_module(name: str):
    """A script of bench/ (not a package) as a module: the demo and portfolio data generators the tests use."""
    spec = importlib.util.spec_from_file_location(name, BENCH / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="session")
def bench():
    """``bench_module`` for tests outside this folder's reach of imports."""
    return bench_module


@pytest.fixture(scope="session")
def demo_exports(tmp_path_factory) -> Path:
    """The demo client's exports at a test's size (3,000 calls), generated once per run; tests only read them."""
    out = tmp_path_factory.mktemp("demo-exports")
    bench_module("demo_data").generate(out, calls=3000, scale=0.05, seed=11)
    return out


@pytest.fixture
def no_switches(monkeypatch):
    """No MATURITY_* setting of the caller's shell (extra plugins, no entry points…) reaches the test; the suite's
    own content cache stays."""
    import os

    for k in [k for k in os.environ if k.startswith("MATURITY_") and k != "MATURITY_CACHE_DIR"]:
        monkeypatch.delenv(k)


@pytest.fixture(scope="session")
def scaffold_content(tmp_path_factory) -> Path:
    """The content folder `maturity plugins new procurement` writes (read only: change a ``scaffold_copy``)."""
    from maturity.scaffold import write_plugin

    dest = tmp_path_factory.mktemp("gen") / "maturity-procurement"
    write_plugin("procurement", dest)
    return dest / "src" / "maturity_procurement" / "content"


@pytest.fixture
def scaffold_copy(scaffold_content, tmp_path) -> Path:
    """A fresh copy of the scaffold's content, to change one way."""
    import shutil

    dest = tmp_path / "content"
    shutil.copytree(scaffold_content, dest)
    return dest
