"""The scope graph: every scope of every loaded plugin, and the stages they need of each other.

The only module that imports networkx. Nodes are ``(scope_id, stage)`` pairs: a scope's stage needs
its lower stage, and each dependency adds an edge from the required (scope, stage) to the
dependent one. Acyclic at this level is what the rules need: ``A@intelligent`` may need
``B@digital`` while ``B@digital`` needs ``A@digital``.
"""

from __future__ import annotations

from functools import cached_property

import networkx as nx

from ..model.content import Stage

STAGES = (1, 2, 3, 4)
Node = tuple[str, int]


class ScopeGraph:
    """A small wrapper with domain verbs over a networkx DiGraph."""

    def __init__(self, scopes: dict):
        """``scopes`` maps full scope id -> Scope (with its dependencies)."""
        self.g = nx.DiGraph()
        self.scope_g = nx.DiGraph()
        for sid in scopes:
            self.scope_g.add_node(sid)
            for st in STAGES:
                self.g.add_node((sid, st))
                if st > 1:
                    self.g.add_edge((sid, st - 1), (sid, st))
        for sid, scope in scopes.items():
            for dep in scope.dependencies:
                if dep.requires not in scopes:
                    continue
                self.g.add_edge((dep.requires, Stage[dep.requires_stage].value), (sid, Stage[dep.stage].value))
                self.scope_g.add_edge(dep.requires, sid)

    def find_cycle(self) -> list[Node] | None:
        """A cycle of (scope, stage) nodes, or None when acyclic."""
        try:
            edges = nx.find_cycle(self.g)
        except nx.NetworkXNoCycle:
            return None
        return [u for u, _ in edges] + [edges[-1][1]]

    @cached_property
    def order(self) -> list[Node]:
        """(scope, stage) nodes in an order where every requirement comes first."""
        return list(nx.topological_sort(self.g))

    def needs(self, scope: str) -> list[str]:
        """Scopes this scope depends on."""
        return sorted(self.scope_g.predecessors(scope))

    def needed_by(self, scope: str) -> list[str]:
        """Scopes that depend on this scope."""
        return sorted(self.scope_g.successors(scope))

    def waves(self, steps: set[Node]) -> list[list[Node]]:
        """Group steps into waves: each step comes after every step it needs (topological generations)."""
        sub = self.g.subgraph(steps)
        return [sorted(gen) for gen in nx.topological_generations(sub)]

    def scope_layers(self) -> list[list[str]]:
        """Scopes layered so that each comes after every scope it needs (for drawing)."""
        cond = nx.condensation(self.scope_g)
        layers = []
        for gen in nx.topological_generations(cond):
            layer = sorted(s for c in gen for s in cond.nodes[c]["members"])
            layers.append(layer)
        return layers

    def edges(self) -> list[tuple[str, str]]:
        return sorted(self.scope_g.edges())
