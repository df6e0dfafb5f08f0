"""Graph CRUD: nodes and edges (reads for every role, writes for admins), stats, ego-network SVG.

Reads go through a :class:`~api.privacy.Disclosure` with purpose ``graph``: only admins see names
and details of people here; other roles get ids and the organisation.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Path, Query, Response

from api.http.deps import AdminGraphDisclosure, GraphDisclosure, PageDep, StoreDep, paginate
from api.http.network_svg import render_ego_svg
from api.http.problems import PROBLEM_RESPONSES, Problem
from api.http.schemas import EdgeOut, EdgePage, NeighbourPage, NodeOut, NodePage, Stats
from graph.model import EDGE_KINDS, NODE_KINDS, Edge, Node

__all__ = ["router"]

router = APIRouter(prefix="/api/v1", tags=["graph"], responses=PROBLEM_RESPONSES)

NodeId = Annotated[str, Path(description="A node id such as `org:tno`.", examples=["org:tno"])]

_NODE_EXAMPLE = {
    "kind": "organisation",
    "id": "org:hhnk",
    "name": "Hoogheemraadschap Hollands Noorderkwartier",
    "org_kind": "public_body",
    "sectors": ["water"],
    "region": "Noord-Holland",
    "description": "Waterschap: dijkversterking, waterkwaliteit en peilbeheer.",
}
_EDGE_EXAMPLE = {
    "kind": "STAKEHOLDER_IN",
    "source": "org:hhnk",
    "target": "dossier:kustversterking",
    "interest": 5,
    "influence": 4,
    "stance": "supporter",
}
_PAGE_EXAMPLE = {
    "items": [
        {"kind": "organisation", "id": "org:tno", "name": "TNO", "org_kind": "knowledge_institute"}
    ],
    "total": 1,
    "limit": 50,
    "offset": 0,
}


def _check_kind(kind: str | None, known: dict[str, Any], what: str) -> None:
    if kind is not None and kind not in known:
        raise Problem(422, f"unknown {what} kind '{kind}'; known: {', '.join(sorted(known))}")


@router.get(
    "/nodes",
    summary="List nodes (paginated)",
    response_model=NodePage,
    responses={200: {"content": {"application/json": {"example": _PAGE_EXAMPLE}}}},
)
def list_nodes(
    store: StoreDep,
    disclosure: GraphDisclosure,
    page: PageDep,
    kind: Annotated[str | None, Query(description="Node kind, e.g. `organisation`.")] = None,
    q: Annotated[
        str | None, Query(max_length=200, description="Case-insensitive match on id or title.")
    ] = None,
) -> dict[str, Any]:
    """Nodes ordered by id. People's names are searched only when the caller may see them."""
    _check_kind(kind, NODE_KINDS, "node")
    nodes = store.nodes(kind)
    if q:
        needle = q.lower()
        nodes = [
            n
            for n in nodes
            if needle in n.id.lower() or (disclosure.allows(n) and needle in n.label.lower())
        ]
    result = paginate(nodes, page)
    result["items"] = [disclosure.node(n) for n in result["items"]]
    return result


@router.get("/nodes/{node_id}", summary="One node", response_model=NodeOut)
def get_node(node_id: NodeId, store: StoreDep, disclosure: GraphDisclosure) -> dict[str, Any]:
    return disclosure.node(store.get_node(node_id))


@router.get(
    "/nodes/{node_id}/neighbours",
    summary="Neighbours of a node (paginated)",
    response_model=NeighbourPage,
)
def list_neighbours(
    node_id: NodeId,
    store: StoreDep,
    disclosure: GraphDisclosure,
    page: PageDep,
    edge_kind: Annotated[str | None, Query(description="Only this edge kind.")] = None,
) -> dict[str, Any]:
    _check_kind(edge_kind, EDGE_KINDS, "edge")
    store.get_node(node_id)
    found = store.neighbours(node_id, edge_kinds=[edge_kind] if edge_kind else None)
    result = paginate(found, page)
    result["items"] = [
        {"node": disclosure.node(nb.node), "edge": disclosure.edge(nb.edge)}
        for nb in result["items"]
    ]
    return result


@router.post("/nodes", status_code=201, summary="Create a node (admin)", response_model=NodeOut)
def create_node(
    node: Annotated[Node, Body(examples=[_NODE_EXAMPLE])],
    store: StoreDep,
    disclosure: AdminGraphDisclosure,
) -> dict[str, Any]:
    """409 when a node with this id exists (use PUT to replace it)."""
    if store.has_node(node.id):
        raise Problem(409, f"node '{node.id}' already exists")
    store.write([node], [])
    return disclosure.node(node)


@router.put("/nodes/{node_id}", summary="Create or replace a node (admin)", response_model=NodeOut)
def put_node(
    node_id: NodeId,
    node: Annotated[Node, Body(examples=[_NODE_EXAMPLE])],
    store: StoreDep,
    disclosure: AdminGraphDisclosure,
) -> dict[str, Any]:
    if node.id != node_id:
        raise Problem(422, f"body id '{node.id}' differs from the path id '{node_id}'")
    if store.has_node(node_id) and store.get_node(node_id).KIND != node.KIND:
        raise Problem(409, f"node '{node_id}' exists as a {store.get_node(node_id).KIND}")
    store.write([node], [])
    return disclosure.node(node)


@router.delete("/nodes/{node_id}", status_code=204, summary="Delete a node and its edges (admin)")
def delete_node(node_id: NodeId, store: StoreDep, disclosure: AdminGraphDisclosure) -> Response:
    store.delete_node(node_id)
    return Response(status_code=204)


@router.get("/edges", summary="List edges (paginated)", response_model=EdgePage)
def list_edges(
    store: StoreDep,
    disclosure: GraphDisclosure,
    page: PageDep,
    kind: Annotated[str | None, Query(description="Edge kind, e.g. `INTERACTED`.")] = None,
    source: Annotated[str | None, Query(description="Source node id.")] = None,
    target: Annotated[str | None, Query(description="Target node id.")] = None,
) -> dict[str, Any]:
    _check_kind(kind, EDGE_KINDS, "edge")
    result = paginate(store.edges(kind, source=source, target=target), page)
    result["items"] = [disclosure.edge(e) for e in result["items"]]
    return result


@router.post(
    "/edges",
    status_code=201,
    summary="Create or replace an edge (admin)",
    response_model=EdgeOut,
)
def put_edge(
    edge: Annotated[Edge, Body(examples=[_EDGE_EXAMPLE])],
    store: StoreDep,
    disclosure: AdminGraphDisclosure,
) -> dict[str, Any]:
    """409 when an endpoint is missing or has the wrong kind for this edge."""
    store.write([], [edge])
    return disclosure.edge(edge)


@router.delete("/edges", status_code=204, summary="Delete one edge (admin)")
def delete_edge(
    store: StoreDep,
    disclosure: AdminGraphDisclosure,
    kind: Annotated[str, Query()],
    source: Annotated[str, Query()],
    target: Annotated[str, Query()],
    key: Annotated[str, Query()] = "",
) -> Response:
    _check_kind(kind, EDGE_KINDS, "edge")
    store.delete_edge(kind, source, target, key)
    return Response(status_code=204)


@router.get(
    "/stats",
    summary="Counts per node and edge kind",
    response_model=Stats,
    responses={
        200: {
            "content": {
                "application/json": {
                    "example": {"revision": 3, "counts": {"organisation": 120, "INTERACTED": 4100}}
                }
            }
        }
    },
)
def stats(store: StoreDep, disclosure: GraphDisclosure) -> dict[str, Any]:
    """Counts per kind plus density, components, degrees, date range and consent share."""
    from graph.stats import graph_stats

    return {"revision": store.revision, "counts": store.counts(), **graph_stats(store)}


@router.get(
    "/nodes/{node_id}/ego.svg",
    summary="Picture of the node's ego network (SVG)",
    response_class=Response,
    responses={200: {"content": {"image/svg+xml": {}}}},
)
def ego_svg(
    node_id: NodeId,
    store: StoreDep,
    disclosure: GraphDisclosure,
    radius: Annotated[int, Query(ge=1, le=2)] = 1,
) -> Response:
    svg = render_ego_svg(store, node_id, disclosure, radius=radius)
    return Response(svg, media_type="image/svg+xml")
