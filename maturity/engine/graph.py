"""The scope graph: every scope of every loaded plugin, and the stages they need of each other.

Nodes are ``(scope_id, stage)`` pairs: a scope's stage needs its lower stage, and each dependency
adds an edge from the required (scope, stage) to the dependent one. Acyclic at this level is what
the rules need: ``A@intelligent`` may need ``B@digital`` while ``B@digital`` needs ``A@digital``.

The graph is a few hundred nodes held in plain dicts: the cycle check, the order and the waves are
small pure-Python walks (linear in nodes + edges), so loading a snapshot never imports networkx.
networkx is imported lazily, only for drawing (``scope_layers``) and for ``g``/``scope_g`` kept for
callers that want a ``DiGraph``; this is the only module that imports it.
"""

from __future__ import annotations

from functools import cached_property

STAGES = (1, 2, 3, 4)
Node = tuple[str, int]
_STAGE = {"structured": 1, "online": 2, "digital": 3, "intelligent": 4}


class ScopeGraph:
    """A small graph with domain verbs; successors and predecessors kept in insertion order."""

    def __init__(self, scopes: dict):
        """``scopes`` maps full scope id -> Scope (with its dependencies)."""
        succ: dict[Node, dict[Node, None]] = {}
        pred: dict[Node, dict[Node, None]] = {}
        s_succ: dict[str, dict[str, None]] = {}
        s_pred: dict[str, dict[str, None]] = {}
        for sid in scopes:
            s_succ[sid], s_pred[sid] = {}, {}
            for st in STAGES:
                succ[(sid, st)], pred[(sid, st)] = {}, {}
                if st > 1:
                    succ[(sid, st - 1)][(sid, st)] = None
                    pred[(sid, st)][(sid, st - 1)] = None
        for sid, scope in scopes.items():
            for dep in scope.dependencies:
                if dep.requires not in scopes:
                    continue
                u, v = (dep.requires, _STAGE[dep.requires_stage]), (sid, _STAGE[dep.stage])
                succ[u][v] = None
                pred[v][u] = None
                s_succ[dep.requires][sid] = None
                s_pred[sid][dep.requires] = None
        self._succ, self._pred, self._s_succ, self._s_pred = succ, pred, s_succ, s_pred

    def find_cycle(self) -> list[Node] | None:
        """A cycle of (scope, stage) nodes (first and last the same), or None when acyclic.

        Depth first over nodes and edges in insertion order — the cycle networkx's ``find_cycle`` names."""
        succ = self._succ
        done: set[Node] = set()
        for start in succ:
            if start in done:
                continue
            path, on_path = [start], {start}
            stack = [iter(succ[start])]
            while stack:
                head = next(stack[-1], None)
                if head is None:
                    stack.pop()
                    node = path.pop()
                    on_path.discard(node)
                    done.add(node)
                    continue
                if head in on_path:
                    return path[path.index(head):] + [head]
                if head in done:
                    continue
                path.append(head)
                on_path.add(head)
                stack.append(iter(succ[head]))
        return None

    @cached_property
    def order(self) -> list[Node]:
        """(scope, stage) nodes in an order where every requirement comes first."""
        return [n for gen in self._generations(self._succ) for n in gen]

    def predecessors(self, node: Node) -> list[Node]:
        """The (scope, stage) nodes this one needs directly."""
        return list(self._pred.get(node, ()))

    def needs(self, scope: str) -> list[str]:
        """Scopes this scope depends on."""
        return sorted(self._s_pred[scope])

    def needed_by(self, scope: str) -> list[str]:
        """Scopes that depend on this scope."""
        return sorted(self._s_succ[scope])

    def waves(self, steps: set[Node]) -> list[list[Node]]:
        """Group steps into waves: each step comes after every step it needs (topological generations)."""
        succ = self._succ
        sub = {n: [m for m in succ[n] if m in steps] for n in succ if n in steps}
        return [sorted(gen) for gen in self._generations(sub)]

    @staticmethod
    def _generations(succ: dict) -> list[list]:
        """Kahn's layers, in networkx's ``topological_generations`` order; raises on a cycle."""
        indeg = dict.fromkeys(succ, 0)
        for n in succ:
            for m in succ[n]:
                indeg[m] += 1
        gen = [n for n, d in indeg.items() if d == 0]
        out, seen = [], 0
        while gen:
            out.append(gen)
            seen += len(gen)
            nxt = []
            for n in gen:
                for m in succ[n]:
                    indeg[m] -= 1
                    if indeg[m] == 0:
                        nxt.append(m)
            gen = nxt
        if seen != len(succ):
            raise ValueError("the scope graph has a cycle")
        return out

    def scope_layers(self) -> list[list[str]]:
        """Scopes layered so that each comes after every scope it needs (for drawing)."""
        import networkx as nx

        cond = nx.condensation(self.scope_g)
        layers = []
        for gen in nx.topological_generations(cond):
            layer = sorted(s for c in gen for s in cond.nodes[c]["members"])
            layers.append(layer)
        return layers

    def edges(self) -> list[tuple[str, str]]:
        return sorted((u, v) for u, vs in self._s_succ.items() for v in vs)

    @cached_property
    def g(self):
        """The (scope, stage) graph as a networkx DiGraph (imports networkx)."""
        return self._digraph(self._succ)

    @cached_property
    def scope_g(self):
        """The scope-level graph as a networkx DiGraph (imports networkx)."""
        return self._digraph(self._s_succ)

    @staticmethod
    def _digraph(succ: dict):
        import networkx as nx

        g = nx.DiGraph()
        g.add_nodes_from(succ)
        g.add_edges_from((u, v) for u, vs in succ.items() for v in vs)
        return g
