"""Summary figures of a stored network, computed on its networkx snapshot.

Definitions (all on the snapshot of :meth:`GraphStore.snapshot`):

- ``density``: edges of the *undirected simple* graph (parallel and reverse edges merged) divided
  by ``n (n - 1) / 2`` — the share of node pairs that are linked at all;
- ``components``: weakly connected components; ``largest_component`` their largest size in nodes;
  ``isolated_nodes`` nodes without any edge;
- ``degree``: edges touching a node in the multigraph (in + out, every dated edge counted), as
  min / median / mean / max over all nodes;
- ``date_range``: first and last ``date`` over dated edges, overall and per edge kind;
- ``contacts``: how many contacts consent to being suggested, and the share.
"""

from __future__ import annotations

import statistics
from typing import Any

import networkx as nx

from graph.model import EDGE_KINDS, NODE_KINDS
from graph.store import GraphStore

__all__ = ["graph_stats"]


def graph_stats(store: GraphStore) -> dict[str, Any]:
    """Counts, density, components, degrees, date range and consent share of the stored graph.

    Returns a JSON-ready dict::

        {"nodes": {kind: n}, "edges": {kind: n}, "n_nodes", "n_edges", "density",
         "components", "largest_component", "isolated_nodes",
         "degree": {"min", "median", "mean", "max"},
         "date_range": {"first", "last", "dated_edges", "by_kind": {kind: {"first", "last", "n"}}},
         "contacts": {"total", "with_consent", "consent_share"}}

    Kinds without records are listed with 0; dates are ISO strings (``None`` when nothing is dated).
    """
    g = store.snapshot()
    nodes: dict[str, int] = dict.fromkeys(NODE_KINDS, 0)
    consent = 0
    for _, attrs in g.nodes(data=True):
        kind = attrs.get("kind", "")
        nodes[kind] = nodes.get(kind, 0) + 1
        if kind == "contact" and attrs.get("consent"):
            consent += 1
    edges: dict[str, int] = dict.fromkeys(EDGE_KINDS, 0)
    by_kind: dict[str, dict[str, Any]] = {}
    for _, _, attrs in g.edges(data=True):
        kind = attrs.get("kind", "")
        edges[kind] = edges.get(kind, 0) + 1
        day = attrs.get("date")
        if day is None:
            continue
        span = by_kind.setdefault(kind, {"first": day, "last": day, "n": 0})
        span["first"] = min(span["first"], day)
        span["last"] = max(span["last"], day)
        span["n"] += 1

    n = g.number_of_nodes()
    m = g.number_of_edges()
    simple = nx.Graph(g)
    simple.remove_edges_from(nx.selfloop_edges(simple))
    density = simple.number_of_edges() / (n * (n - 1) / 2) if n > 1 else 0.0
    sizes = [len(c) for c in nx.weakly_connected_components(g)] if n else []
    degrees = sorted(d for _, d in g.degree()) if n else []

    dated = sum(s["n"] for s in by_kind.values())
    firsts = [s["first"] for s in by_kind.values()]
    lasts = [s["last"] for s in by_kind.values()]
    contacts = nodes.get("contact", 0)
    return {
        "nodes": nodes,
        "edges": edges,
        "n_nodes": n,
        "n_edges": m,
        "density": density,
        "components": len(sizes),
        "largest_component": max(sizes, default=0),
        "isolated_nodes": sum(1 for d in degrees if d == 0),
        "degree": {
            "min": degrees[0] if degrees else 0,
            "median": float(statistics.median(degrees)) if degrees else 0.0,
            "mean": m * 2 / n if n else 0.0,
            "max": degrees[-1] if degrees else 0,
        },
        "date_range": {
            "first": min(firsts).isoformat() if firsts else None,
            "last": max(lasts).isoformat() if lasts else None,
            "dated_edges": dated,
            "by_kind": {
                kind: {
                    "first": s["first"].isoformat(),
                    "last": s["last"].isoformat(),
                    "n": s["n"],
                }
                for kind, s in sorted(by_kind.items())
            },
        },
        "contacts": {
            "total": contacts,
            "with_consent": consent,
            "consent_share": consent / contacts if contacts else 0.0,
        },
    }
