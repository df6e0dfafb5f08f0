"""Server-side SVG picture of a node's ego network, laid out by networkx, with links.

The centre sits in the middle, direct neighbours on an inner ring, their neighbours (radius 2) on an
outer ring; colours by node kind with a legend. Every node is a link (organisations and dossiers to
their profile, the rest re-centre the picture); suggested partners get a thick ring; the path from
the viewer (``me``) through a colleague to a partner is drawn thick. Labels are never cut: long
names wrap over two lines and the picture's box grows to hold every label.

Names go through a :class:`~api.privacy.Disclosure`: a person the viewer may not see is left out of
the picture (no "Contactpersoon (…)" placeholders); their organisation stays.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Iterable
from html import escape

import networkx as nx

from api.privacy import PD_FIELDS, Disclosure
from graph.store import GraphStore

__all__ = ["KIND_COLOURS", "KIND_NL", "ego_network", "node_href", "render_ego_svg"]

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
_FONT = 12
_CHAR_W = 6.6  # average glyph width of a 12 px sans-serif label, generous
_WRAP = 24


def node_href(node_id: str, kind: str) -> str:
    """Where a click on a node leads: a profile page, or the picture centred on it."""
    if kind == "organisation":
        return f"/organisaties/{node_id}"
    if kind == "dossier":
        return f"/dossiers/{node_id}"
    return f"/netwerk?knoop={node_id}"


def ego_network(
    store: GraphStore,
    centre: str,
    *,
    radius: int = 1,
    max_nodes: int = 36,
    since: dt.date | None = None,
    kinds: Iterable[str] | None = None,
) -> nx.Graph:
    """The undirected ego graph around ``centre`` (at most ``max_nodes`` nodes, best-connected
    neighbours kept first). ``since`` drops dated links (contacts, feedback) older than that day;
    ``kinds`` keeps only those node kinds (and the centre). Raises
    :class:`~graph.errors.NotFoundError` for an unknown id."""
    store.get_node(centre)
    snap = store.snapshot()
    und = nx.Graph()
    und.add_nodes_from(snap.nodes(data=True))
    for a, b, data in snap.edges(data=True):
        day = data.get("date")
        if since is not None and isinstance(day, dt.date) and day < since:
            continue
        und.add_edge(a, b)
    wanted = set(kinds) if kinds else None
    if wanted is not None:
        keep = [n for n, d in und.nodes(data=True) if n == centre or d.get("kind") in wanted]
        und = und.subgraph(keep)
    ego = nx.ego_graph(und, centre, radius=radius)
    if ego.number_of_nodes() > max_nodes:
        dist = nx.single_source_shortest_path_length(ego, centre)
        ranked = sorted(ego.nodes, key=lambda n: (dist[n], -und.degree(n), str(n)))
        ego = ego.subgraph(ranked[:max_nodes])
    return nx.Graph(ego)


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
        r = size * (0.26 if d == 1 else 0.44)
        offset = 0.0 if d == 1 else math.pi / max(len(members), 1)
        for i, node in enumerate(members):
            a = offset + 2 * math.pi * i / len(members) - math.pi / 2
            pos[node] = (mid + r * math.cos(a), mid + r * math.sin(a))
    for node in ego.nodes:  # a path node outside the rings: place it beside its neighbour
        if node not in pos:
            pos[node] = (mid, size * 0.95)
    return pos


def _lines(label: str) -> list[str]:
    """A label in at most two lines, split on a space near the middle (never cut off)."""
    if len(label) <= _WRAP or " " not in label:
        return [label]
    spaces = [i for i, ch in enumerate(label) if ch == " "]
    cut = min(spaces, key=lambda i: abs(i - len(label) / 2))
    return [label[:cut], label[cut + 1 :]]


def _visible(store: GraphStore, ego: nx.Graph, disclosure: Disclosure) -> nx.Graph:
    """``ego`` without the people the viewer may not see."""
    nodes = store.get_nodes(list(ego.nodes))
    hidden = [
        n for n, node in nodes.items() if node.KIND in PD_FIELDS and not disclosure.allows(node)
    ]
    return nx.Graph(ego.subgraph([n for n in ego.nodes if n not in hidden]))


def _path(store: GraphStore, me: str | None, target: str | None) -> list[str]:
    if not me or not target or me == target:
        return []
    und = store.snapshot().to_undirected(as_view=True)
    try:
        return list(nx.shortest_path(und, me, target))
    except (nx.NetworkXNoPath, nx.NodeNotFound):
        return []


def _description(ego: nx.Graph, centre: str, marked: set[str], path_end: str | None) -> str:
    """The Dutch ``<desc>``: how many nodes of each kind, what is marked."""
    kinds_shown = sorted({str(ego.nodes[n].get("kind", "")) for n in ego.nodes})
    per_kind = {
        k: sum(1 for n in ego.nodes if ego.nodes[n].get("kind") == k and n != centre)
        for k in kinds_shown
    }
    return (
        f"{ego.number_of_nodes() - 1} verbonden knopen: "
        + ", ".join(f"{n} {KIND_NL.get(k, k)}" for k, n in per_kind.items() if n)
        + (f"; {len(marked)} voorgestelde partners gemarkeerd" if marked else "")
        + (f"; pad van u naar {path_end} gemarkeerd" if path_end is not None else "")
        + "."
    )


def _edge_lines(
    ego: nx.Graph, pos: dict[str, tuple[float, float]], on_path: set[frozenset[str]]
) -> list[str]:
    out = []
    for a, b in sorted(ego.edges, key=lambda e: (str(e[0]), str(e[1]))):
        (x1, y1), (x2, y2) = pos[a], pos[b]
        thick = frozenset((a, b)) in on_path
        stroke = (
            'stroke="#154273" stroke-width="4"' if thick else 'stroke="#9a9a9a" stroke-width="1"'
        )
        cls = ' class="pad"' if thick else ""
        out.append(f'<line{cls} x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" {stroke}/>')
    return out


def _node_svg(
    node: str,
    kind: str,
    label: str,
    xy: tuple[float, float],
    *,
    centre: bool,
    marked: bool,
    size: int,
    interactive: bool,
) -> tuple[str, list[float], list[float]]:
    """One node: circle, ring when suggested, wrapped label; with the x and y extents it covers."""
    x, y = xy
    r = 14 if centre else 9
    colour = KIND_COLOURS.get(kind, "#333333")
    lines = _lines(label)
    width = max(len(line) for line in lines) * _CHAR_W
    anchor = "middle" if abs(x - size / 2) < 40 else ("start" if x > size / 2 else "end")
    dx = 0 if anchor == "middle" else (r + 4 if anchor == "start" else -(r + 4))
    if centre:
        dy = -(r + 8 + 14 * (len(lines) - 1))
    elif anchor == "middle":
        dy = (r + 14) if y >= size / 2 else -(r + 6 + 14 * (len(lines) - 1))
    else:
        dy = 4 - 7 * (len(lines) - 1)
    left = x + dx - (width / 2 if anchor == "middle" else (width if anchor == "end" else 0))
    xs = [left - 4, left + width + 4, x - r - 8, x + r + 8]
    ys = [y - r - 8, y + r + 8, y + dy - _FONT - 2, y + dy + 14 * (len(lines) - 1) + 4]
    ring = extra = ""
    if marked:
        ring = (
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r + 5}" fill="none" stroke="#1a1a1a" '
            'stroke-width="3" class="voorgesteld"/>'
        )
        extra = ", voorgestelde partner"
    spans = "".join(
        f'<tspan x="{x + dx:.1f}" dy="{0 if i == 0 else 14}">{escape(line)}'
        f"{' ' if i < len(lines) - 1 else ''}</tspan>"
        for i, line in enumerate(lines)
    )
    name = f"{escape(label)} ({KIND_NL.get(kind, kind)}{extra})"
    inner = (
        f"<title>{name}</title>{ring}"
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r}" fill="{colour}" stroke="#1a1a1a"/>'
        f'<text x="{x + dx:.1f}" y="{y + dy:.1f}" font-size="{_FONT}" '
        f'font-family="sans-serif" text-anchor="{anchor}" fill="#1a1a1a">{spans}</text>'
    )
    if interactive:
        href = escape(node_href(node, kind))
        return f'<a href="{href}" data-knoop="{escape(node)}">{inner}</a>', xs, ys
    return f"<g>{inner}</g>", xs, ys


def _legend_svg(
    legend: list[tuple[str, str, bool]], x0: float, y0: float
) -> tuple[list[str], list[float]]:
    """The legend's rows below the picture, with the right edges they reach."""
    out = []
    for i, (text, colour, ringed) in enumerate(legend):
        y = y0 + 22 * i
        stroke = ' stroke="#1a1a1a" stroke-width="3"' if ringed else ""
        out.append(
            f'<circle cx="{x0 + 12:.1f}" cy="{y + 7:.1f}" r="7" fill="{colour}"{stroke}/>'
            f'<text x="{x0 + 26:.1f}" y="{y + 11:.1f}" font-size="13" font-family="sans-serif" '
            f'fill="#1a1a1a">{escape(text)}</text>'
        )
    return out, [x0 + 30 + len(text) * _CHAR_W * 13 / _FONT for text, _, _ in legend]


def render_ego_svg(
    store: GraphStore,
    centre: str,
    disclosure: Disclosure,
    *,
    radius: int = 1,
    max_nodes: int = 36,
    size: int = 640,
    suggested: Iterable[str] = (),
    me: str | None = None,
    path_to: str | None = None,
    since: dt.date | None = None,
    kinds: Iterable[str] | None = None,
    interactive: bool = False,
) -> str:
    """An accessible SVG of ``centre``'s network with a Dutch title and description; see the
    module docstring. ``interactive`` (pages) makes every node a link (``role="group"``);
    otherwise it is one image (``role="img"``)."""
    ego = ego_network(store, centre, radius=radius, max_nodes=max_nodes, since=since, kinds=kinds)
    path = _path(store, me, path_to)
    if path:
        nx.add_path(ego, path)
        snap = store.snapshot()
        for n in path:
            ego.nodes[n].update(kind=snap.nodes[n].get("kind", ""))
    ego = _visible(store, ego, disclosure)
    path = [n for n in path if n in ego]
    on_path = {frozenset(p) for p in itertools.pairwise(path)}
    marked = set(suggested) & set(ego.nodes)
    nodes = store.get_nodes(list(ego.nodes))
    pos = _layout(ego, centre, size)
    labels = {n: disclosure.label(nodes[n]) for n in ego.nodes if n in nodes}
    title = f"Netwerk rond {labels.get(centre, centre)}"
    desc = _description(ego, centre, marked, labels.get(path[-1], "") if path else None)
    body = _edge_lines(ego, pos, on_path)
    xs: list[float] = []
    ys: list[float] = []
    for node in sorted(ego.nodes, key=str):
        svg, node_xs, node_ys = _node_svg(
            node,
            str(ego.nodes[node].get("kind", "")),
            labels.get(node, node),
            pos[node],
            centre=node == centre,
            marked=node in marked,
            size=size,
            interactive=interactive,
        )
        body.append(svg)
        xs += node_xs
        ys += node_ys
    kinds_shown = sorted({str(ego.nodes[n].get("kind", "")) for n in ego.nodes})
    legend = [(KIND_NL.get(k, k), KIND_COLOURS.get(k, "#333333"), False) for k in kinds_shown]
    if marked:
        legend.append(("voorgestelde partner", "#ffffff", True))
    if path:
        legend.append(("pad van u naar de partner", "#154273", False))
    x0, y0 = min(xs), max(ys) + 8
    legend_rows, legend_xs = _legend_svg(legend, x0, y0)
    body += legend_rows
    xs += legend_xs
    x_min, y_min = min(xs), min(ys)
    w, h = max(xs) - x_min, y0 + 22 * len(legend) + 4 - y_min
    head = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{x_min:.0f} {y_min:.0f} {w:.0f} '
        f'{h:.0f}" width="{w:.0f}" height="{h:.0f}" role="{"group" if interactive else "img"}" '
        + (f'style="min-width: {0.9 * w:.0f}px" ' if interactive else "")
        + 'aria-labelledby="ego-title ego-desc" class="ego">',
        f'<title id="ego-title">{escape(title)}</title>',
        f'<desc id="ego-desc">{escape(desc)}</desc>',
        f'<rect x="{x_min:.0f}" y="{y_min:.0f}" width="{w:.0f}" height="{h:.0f}" fill="#ffffff"/>',
    ]
    return "\n".join([*head, *body, "</svg>"])
