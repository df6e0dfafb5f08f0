"""Server-side SVG picture of a node's ego network (no JavaScript, no front-end build).

The centre sits in the middle, direct neighbours on an inner ring, their neighbours (radius 2) on an
outer ring; colours by node kind with a legend. Labels go through a :class:`~api.privacy.Disclosure`,
so a picture never shows a name the viewer may not see.
"""

from __future__ import annotations

import math
from html import escape

import networkx as nx

from api.privacy import Disclosure
from graph.store import GraphStore

__all__ = ["KIND_COLOURS", "ego_network", "render_ego_svg"]

#: Colour-blind-safe palette (Okabe–Ito), dark enough for white text contrast on the legend chips.
KIND_COLOURS: dict[str, str] = {
    "staff": "#0072B2",
    "organisation": "#D55E00",
    "contact": "#CC79A7",
    "dossier": "#009E73",
    "team": "#8a6d00",
    "edition": "#555555",
    "session": "#777777",
    "table": "#56B4E9",
}
KIND_NL: dict[str, str] = {
    "staff": "medewerker",
    "organisation": "organisatie",
    "contact": "contactpersoon",
    "dossier": "dossier",
    "team": "team",
    "edition": "editie",
    "session": "sessie",
    "table": "tafel",
}


def ego_network(
    store: GraphStore, centre: str, *, radius: int = 1, max_nodes: int = 36
) -> nx.Graph:
    """The undirected ego graph around ``centre`` (at most ``max_nodes`` nodes, best-connected
    neighbours kept first). Raises :class:`~graph.errors.NotFoundError` for an unknown id."""
    store.get_node(centre)
    snap = store.snapshot()
    und = nx.Graph(snap.to_undirected(as_view=True))
    ego = nx.ego_graph(und, centre, radius=radius)
    if ego.number_of_nodes() > max_nodes:
        dist = nx.single_source_shortest_path_length(ego, centre)
        ranked = sorted(ego.nodes, key=lambda n: (dist[n], -und.degree(n), str(n)))
        ego = ego.subgraph(ranked[:max_nodes]).copy()
    return ego


def _layout(ego: nx.Graph, centre: str, size: float) -> dict[str, tuple[float, float]]:
    dist = nx.single_source_shortest_path_length(ego, centre)
    rings: dict[int, list[str]] = {}
    for node, d in sorted(dist.items(), key=lambda kv: (ego.nodes[kv[0]].get("kind", ""), kv[0])):
        rings.setdefault(d, []).append(node)
    mid = size / 2
    pos = {centre: (mid, mid)}
    for d, members in rings.items():
        if d == 0:
            continue
        r = size * (0.24 if d == 1 else 0.42)
        offset = 0.0 if d == 1 else math.pi / max(len(members), 1)
        for i, node in enumerate(members):
            a = offset + 2 * math.pi * i / len(members) - math.pi / 2
            pos[node] = (mid + r * math.cos(a), mid + r * math.sin(a))
    return pos


def render_ego_svg(
    store: GraphStore,
    centre: str,
    disclosure: Disclosure,
    *,
    radius: int = 1,
    max_nodes: int = 36,
    size: int = 640,
) -> str:
    """An accessible SVG (``role="img"``, title and description in Dutch) of ``centre``'s network."""
    ego = ego_network(store, centre, radius=radius, max_nodes=max_nodes)
    nodes = store.get_nodes(list(ego.nodes))
    pos = _layout(ego, centre, size)
    labels = {n: disclosure.label(nodes[n]) for n in ego.nodes if n in nodes}
    title = f"Netwerk rond {labels.get(centre, centre)}"
    kinds = sorted({str(ego.nodes[n].get("kind", "")) for n in ego.nodes})
    per_kind = {
        k: sum(1 for n in ego.nodes if ego.nodes[n].get("kind") == k and n != centre) for k in kinds
    }
    desc = (
        f"{ego.number_of_nodes() - 1} verbonden knopen: "
        + ", ".join(f"{n} {KIND_NL.get(k, k)}" for k, n in per_kind.items() if n)
        + "."
    )
    legend_h = 22 * len(kinds) + 10
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size + legend_h}" '
        f'width="{size}" height="{size + legend_h}" role="img" '
        'aria-labelledby="ego-title ego-desc" class="ego">',
        f'<title id="ego-title">{escape(title)}</title>',
        f'<desc id="ego-desc">{escape(desc)}</desc>',
        f'<rect width="{size}" height="{size + legend_h}" fill="#ffffff"/>',
    ]
    for a, b in sorted(ego.edges, key=lambda e: (str(e[0]), str(e[1]))):
        (x1, y1), (x2, y2) = pos[a], pos[b]
        out.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
            'stroke="#9a9a9a" stroke-width="1"/>'
        )
    for node in sorted(ego.nodes, key=str):
        x, y = pos[node]
        kind = str(ego.nodes[node].get("kind", ""))
        r = 14 if node == centre else 8
        colour = KIND_COLOURS.get(kind, "#333333")
        label = labels.get(node, node)
        short = label if len(label) <= 28 else label[:27] + "…"
        anchor = "middle" if abs(x - size / 2) < 40 else ("start" if x > size / 2 else "end")
        dx = 0 if anchor == "middle" else (11 if anchor == "start" else -11)
        if node == centre:
            dy = -18
        elif anchor == "middle":
            dy = (r + 14) if y >= size / 2 else -(r + 6)
        else:
            dy = 4
        out.append(
            f"<g><title>{escape(label)} ({KIND_NL.get(kind, kind)})</title>"
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r}" fill="{colour}" stroke="#1a1a1a"/>'
            f'<text x="{x + dx:.1f}" y="{y + dy:.1f}" font-size="12" font-family="sans-serif" '
            f'text-anchor="{anchor}" fill="#1a1a1a">{escape(short)}</text></g>'
        )
    for i, kind in enumerate(kinds):
        y = size + 8 + 22 * i
        out.append(
            f'<circle cx="20" cy="{y + 7}" r="7" fill="{KIND_COLOURS.get(kind, "#333333")}"/>'
            f'<text x="34" y="{y + 11}" font-size="13" font-family="sans-serif" '
            f'fill="#1a1a1a">{escape(KIND_NL.get(kind, kind))}</text>'
        )
    out.append("</svg>")
    return "\n".join(out)
