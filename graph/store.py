"""The :class:`GraphStore` protocol every storage backend implements.

A store holds typed nodes and edges (:mod:`graph.model`) plus an embedding cache keyed by
``(model_id, sha256(text))``. Writes are all-or-nothing: :meth:`GraphStore.write` validates the whole
batch (endpoint existence and kinds, against the store *and* the batch) before anything is stored.
Graph algorithms never run on the live store: :meth:`GraphStore.snapshot` returns a networkx copy.

Every store passes the contract suite in ``tests/contract``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, Protocol, runtime_checkable

import networkx as nx
import numpy as np

from graph.errors import IntegrityError, RecordError
from graph.model import EDGE_ENDPOINTS, EdgeModel, NodeModel
from graph.priority import give_way

__all__ = [
    "Direction",
    "GraphStore",
    "Neighbour",
    "build_snapshot",
    "check_endpoints",
    "text_hash",
]

Direction = Literal["out", "in", "both"]


def text_hash(text: str) -> str:
    """sha256 hex digest of ``text`` (UTF-8), the embedding-cache key."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Neighbour:
    """A node adjacent to the queried one, with the edge that connects them."""

    node: NodeModel
    edge: EdgeModel


@runtime_checkable
class GraphStore(Protocol):
    """Storage of the Verbinder network. Ids are strings; all writes are transactional."""

    # ---- writes -------------------------------------------------------------------------
    def write(
        self,
        nodes: Iterable[NodeModel] = (),
        edges: Iterable[EdgeModel] = (),
        *,
        delete_edges: Iterable[tuple[str, str, str, str]] = (),
    ) -> tuple[int, int]:
        """Upsert nodes and edges in one transaction; returns ``(n_nodes, n_edges)`` written.

        ``delete_edges`` lists edge identities ``(kind, source, target, key)`` removed in the same
        transaction, before the upserts (so a plan can replace its previous edges atomically).

        Raises :class:`~graph.errors.IntegrityError` (and writes nothing) when an edge endpoint is
        neither in the batch nor in the store, or has the wrong kind for the edge, and
        :class:`~graph.errors.NotFoundError` (writing nothing) when an edge to delete is absent.
        """
        ...

    def upsert_nodes(self, nodes: Iterable[NodeModel]) -> int: ...

    def upsert_edges(self, edges: Iterable[EdgeModel]) -> int: ...

    def delete_node(self, node_id: str) -> None:
        """Delete a node and every edge touching it. :class:`NotFoundError` if absent."""
        ...

    def delete_edge(self, kind: str, source: str, target: str, key: str = "") -> None: ...

    def clear(self) -> None:
        """Remove every node and edge (the embedding cache is kept)."""
        ...

    def erase(
        self,
        node_ids: Iterable[str],
        *,
        rewrite_nodes: Iterable[NodeModel] = (),
        rewrite_edges: Iterable[EdgeModel] = (),
        delete_edges: Iterable[tuple[str, str, str, str]] = (),
        vector_hashes: Iterable[str] = (),
    ) -> None:
        """Erase people in one transaction: delete the nodes ``node_ids`` with every edge touching
        them and the edges ``delete_edges`` (absent ones are skipped), replace the data of
        existing records that mentioned them (``rewrite_*``, same identities and kinds), and drop
        the embedding-cache rows whose text hash is in ``vector_hashes`` (every model)."""
        ...

    # ---- reads --------------------------------------------------------------------------
    def get_node(self, node_id: str) -> NodeModel:
        """The node with this id; :class:`NotFoundError` if absent."""
        ...

    def get_nodes(self, node_ids: Iterable[str]) -> dict[str, NodeModel]:
        """The nodes that exist among ``node_ids`` (missing ids are left out)."""
        ...

    def has_node(self, node_id: str) -> bool: ...

    def nodes(self, kind: str | None = None) -> list[NodeModel]:
        """All nodes, or all of one kind, ordered by id."""
        ...

    def edges(
        self,
        kind: str | None = None,
        *,
        source: str | None = None,
        target: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
    ) -> list[EdgeModel]:
        """Edges filtered by kind, endpoint and date window (on the edge's ``date``; undated edges
        pass a window). Ordered by (kind, source, target, key)."""
        ...

    def neighbours(
        self,
        node_id: str,
        *,
        edge_kinds: Sequence[str] | None = None,
        node_kind: str | None = None,
        direction: Direction = "both",
        since: dt.date | None = None,
        until: dt.date | None = None,
    ) -> list[Neighbour]:
        """Adjacent nodes with the connecting edge, filtered by edge kind, neighbour kind,
        direction and date window. Ordered by (neighbour id, edge identity)."""
        ...

    def counts(self) -> dict[str, int]:
        """Number of nodes per node kind and edges per edge kind (absent kinds left out)."""
        ...

    @property
    def revision(self) -> int:
        """A number that changes whenever the graph changes (snapshots are cached on it)."""
        ...

    def snapshot(self, as_of: dt.date | None = None) -> nx.MultiDiGraph:
        """A networkx copy of the graph; with ``as_of`` only edges dated on or before that day.

        Node attributes are the node's fields (``kind`` included); edge keys are
        ``"KIND|key"`` and edge attributes the edge's fields, with ``key`` renamed ``edge_key``.
        """
        ...

    # ---- settings kept with the graph -------------------------------------------------------
    def get_setting(self, name: str) -> str | None:
        """A named setting stored with the graph (e.g. integrity rules as JSON), or ``None``."""
        ...

    def put_setting(self, name: str, value: str) -> None:
        """Store (replace) a named setting; it is not part of the graph's export."""
        ...

    # ---- fitted models --------------------------------------------------------------------
    def save_model_version(self, name: str, payload: str, created: str) -> int:
        """Store a new version of the fitted model ``name`` (``payload``: JSON text, ``created``:
        an ISO timestamp) and make it the active one; returns its version number (1, 2, …).
        Not a graph change: the revision stays."""
        ...

    def model_versions(self, name: str) -> list[dict[str, Any]]:
        """Every stored version of ``name``, oldest first: ``{version, created, payload, active}``."""
        ...

    def activate_model_version(self, name: str, version: int) -> None:
        """Make a stored version the active one (raises :class:`~graph.errors.NotFoundError`)."""
        ...

    # ---- embedding cache ------------------------------------------------------------------
    def get_vectors(self, model_id: str, hashes: Iterable[str]) -> dict[str, np.ndarray]: ...

    def put_vectors(self, model_id: str, vectors: Mapping[str, np.ndarray]) -> int: ...

    def close(self) -> None: ...


def check_endpoints(
    edges: Sequence[EdgeModel],
    batch_kinds: Mapping[str, str],
    stored_kinds: Mapping[str, str],
    location: str = "edges",
) -> list[RecordError]:
    """Check every edge's endpoints exist (in the batch or the store) with allowed kinds.

    ``batch_kinds`` and ``stored_kinds`` map node id → kind. Returns one :class:`RecordError` per
    problem; an empty list means the batch is consistent.
    """
    errors: list[RecordError] = []
    for i, edge in enumerate(edges):
        allowed_src, allowed_tgt = EDGE_ENDPOINTS[edge.KIND]
        for field, node_id, allowed in (
            ("source", edge.source, allowed_src),
            ("target", edge.target, allowed_tgt),
        ):
            kind = batch_kinds.get(node_id) or stored_kinds.get(node_id)
            record = f"edge {i + 1} ({edge.KIND} {edge.source}→{edge.target})"
            if kind is None:
                errors.append(RecordError(location, record, field, f"unknown node '{node_id}'"))
            elif kind not in allowed:
                errors.append(
                    RecordError(
                        location,
                        record,
                        field,
                        f"'{node_id}' is a {kind}; {edge.KIND} needs {' or '.join(sorted(allowed))}",
                    )
                )
    return errors


def raise_on(errors: list[RecordError]) -> None:
    if errors:
        raise IntegrityError("\n".join(str(e) for e in errors))


def build_snapshot(
    nodes: Iterable[NodeModel], edges: Iterable[EdgeModel], as_of: dt.date | None = None
) -> nx.MultiDiGraph:
    """Build the networkx snapshot of :meth:`GraphStore.snapshot` from plain node/edge lists."""
    g = nx.MultiDiGraph()
    for i, node in enumerate(nodes):
        if i % 128 == 127:
            give_way()
        g.add_node(node.id, **node.model_dump())
    for i, edge in enumerate(edges):
        if i % 128 == 127:
            give_way()
        if as_of is not None and edge.date is not None and edge.date > as_of:
            continue
        attrs = edge.model_dump()
        attrs["edge_key"] = attrs.pop("key")
        g.add_edge(edge.source, edge.target, key=f"{edge.KIND}|{edge.key}", **attrs)
    return g
