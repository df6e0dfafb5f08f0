"""The :class:`~graph.store.GraphStore` on a Neo4j database (cluster or Aura) over Bolt.

The API stays stateless on top of it: several replicas share one database. Every statement is a
parameterised constant in :mod:`graph.neo4j_queries`; server differences live in
:mod:`graph.neo4j_dialect`. Writes run in managed transactions (``execute_write``), so transient
errors (leader switch, deadlock) are retried, and :meth:`Neo4jGraphStore.write` validates the
whole batch inside its transaction before writing: a failing import leaves nothing behind.

Example::

    store = Neo4jGraphStore.connect("neo4j://db:7687", user="neo4j", password="…")
    store.write(nodes, edges)
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

import networkx as nx
import numpy as np

from graph.errors import GraphError, IntegrityError, NotFoundError, SchemaError
from graph.lru import LRU
from graph.model import EdgeModel, NodeModel, edge_adapter, node_adapter
from graph.neo4j_dialect import Dialect, Neo4jDialect, detect_dialect
from graph.neo4j_queries import (
    ALL_EDGES_QUERY,
    ALL_NODES_QUERY,
    BUMP_REVISION_QUERY,
    CLEAR_GRAPH_QUERY,
    CLEAR_NODE_VECTORS_QUERY,
    CREATE_EDGES_QUERIES,
    CREATE_NODES_QUERIES,
    DELETE_EDGE_QUERY,
    DELETE_NODE_QUERY,
    DELETE_NODES_QUERY,
    DELETE_VECTORS_QUERY,
    EDGE_COUNTS_QUERY,
    EDGES_FROM_QUERY,
    EDGES_TO_QUERY,
    GET_NODES_QUERY,
    GET_REVISION_QUERY,
    GET_SCHEMA_VERSION_QUERY,
    GET_SETTING_QUERY,
    GET_VECTOR_INDEX_QUERY,
    GET_VECTORS_QUERY,
    KINDS_OF_QUERY,
    MERGE_EDGES_QUERIES,
    MODEL_ACTIVATE_QUERY,
    MODEL_ACTIVE_QUERY,
    MODEL_SAVE_QUERY,
    MODEL_VERSIONS_QUERY,
    NEIGHBOURS_IN_QUERY,
    NEIGHBOURS_OUT_QUERY,
    NODE_COUNTS_QUERY,
    NODE_VECTORS_QUERY,
    NODES_OF_KIND_QUERY,
    PUT_SETTING_QUERY,
    PUT_VECTORS_QUERY,
    SCHEMA_V1,
    SCHEMA_V2,
    SCHEMA_V3,
    SET_NODE_VECTORS_QUERY,
    SET_SCHEMA_VERSION_QUERY,
    SET_VECTOR_INDEX_QUERY,
    UPDATE_EDGES_QUERIES,
    UPDATE_NODES_QUERY,
    VECTOR_QUERY_NODES_QUERY,
    label_of,
)
from graph.store import Direction, Neighbour, build_snapshot, check_endpoints, raise_on

__all__ = ["BATCH_SIZE", "SCHEMA_VERSION", "VECTOR_CACHE_SIZE", "Neo4jGraphStore"]

logger = logging.getLogger(__name__)

#: Each entry migrates the schema from version ``i`` to ``i + 1`` (idempotent statements).
_MIGRATIONS: list[tuple[str, ...]] = [SCHEMA_V1, SCHEMA_V2, SCHEMA_V3]
SCHEMA_VERSION = len(_MIGRATIONS)
#: Rows per ``UNWIND $rows`` statement.
BATCH_SIZE = 5000
#: Embedding-cache entries kept in process (content-addressed, so never stale).
VECTOR_CACHE_SIZE = 200_000

T = TypeVar("T")


def _chunks(rows: list[T], size: int = BATCH_SIZE) -> Iterator[list[T]]:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _edge_row(edge: EdgeModel) -> dict[str, Any]:
    return {
        "source": edge.source,
        "target": edge.target,
        "key": edge.key,
        "date": _iso(edge.date),
        "data": edge.model_dump_json(),
    }


class Neo4jGraphStore:
    """A :class:`~graph.store.GraphStore` in a Neo4j database, reached with the official driver.

    Parameters
    ----------
    driver:
        A ``neo4j.Driver``. The store closes it on :meth:`close` only when ``owns_driver``.
    database:
        The database name (``None``: the server's default database).
    dialect:
        Server differences; detected from the server agent when ``None``.
    owns_driver:
        Close the driver together with the store (set by :meth:`connect`).
    """

    def __init__(
        self,
        driver: Any,
        *,
        database: str | None = None,
        dialect: Dialect | None = None,
        owns_driver: bool = False,
        snapshot_cache_size: int = 4,
    ):
        self._driver = driver
        self._database = database
        self._owns_driver = owns_driver
        if dialect is None:
            dialect = detect_dialect(self._agent(), database=database)
        self.dialect: Dialect = dialect
        self._lock = threading.RLock()
        self.snapshot_cache: LRU[dt.date | None, nx.MultiDiGraph] = LRU(snapshot_cache_size)
        self._snapshot_revision = -1
        #: How the last :meth:`vector_search` was answered: ``"index"`` or ``"in-process"``.
        self.last_search_path = ""
        self._vectors: dict[tuple[str, str], np.ndarray] = {}
        self.schema_version = self._migrate()

    @classmethod
    def connect(
        cls,
        uri: str,
        *,
        user: str,
        password: str,
        database: str | None = None,
        http_url: str | None = None,
    ) -> Neo4jGraphStore:
        """Build the driver for ``uri`` (``neo4j://``, ``neo4j+s://``, ``bolt://`` …) and open.

        ``http_url`` is only used for an ArcadeDB server (its vector index DDL goes over HTTP).
        """
        import neo4j
        from neo4j.exceptions import AuthError, ServiceUnavailable

        from graph.errors import StoreError

        try:
            driver = neo4j.GraphDatabase.driver(uri, auth=(user, password))
            driver.verify_connectivity()
            agent = driver.get_server_info().agent
        except (ServiceUnavailable, AuthError, ValueError, OSError) as e:
            raise StoreError(f"cannot connect to {uri}: {e}") from e
        dialect = detect_dialect(agent, http_url=http_url, auth=(user, password), database=database)
        try:
            return cls(driver, database=database, dialect=dialect, owns_driver=True)
        except BaseException:
            driver.close()
            raise

    # ------------------------------------------------------------------ plumbing
    def _agent(self) -> str:
        try:
            return str(self._driver.get_server_info().agent)
        except Exception as e:
            raise Neo4jDialect().wrap_error(e, "connect") from e

    @contextmanager
    def _session(self) -> Iterator[Any]:
        with self._driver.session(database=self._database) as session:
            yield session

    def _call(self, action: str, fn: Callable[[], T]) -> T:
        """Run ``fn`` and wrap driver errors as :class:`~graph.errors.GraphError`."""
        from neo4j.exceptions import DriverError, Neo4jError

        try:
            return fn()
        except GraphError:
            raise
        except (Neo4jError, DriverError) as e:
            raise self.dialect.wrap_error(e, action) from e

    def _read(self, query: str, **params: Any) -> list[dict[str, Any]]:
        def work(tx: Any) -> list[dict[str, Any]]:
            return [record.data() for record in tx.run(query, params)]

        def run() -> list[dict[str, Any]]:
            with self._session() as session:
                return session.execute_read(work)  # type: ignore[no-any-return]

        return self._call("read", run)

    def _read_many(self, queries: Sequence[tuple[str, dict[str, Any]]]) -> list[dict[str, Any]]:
        def work(tx: Any) -> list[dict[str, Any]]:
            rows: list[dict[str, Any]] = []
            for query, params in queries:
                rows.extend(record.data() for record in tx.run(query, params))
            return rows

        def run() -> list[dict[str, Any]]:
            with self._session() as session:
                return session.execute_read(work)  # type: ignore[no-any-return]

        return self._call("read", run)

    def run_read(self, query: str, **params: Any) -> list[dict[str, Any]]:
        """Run one parameterised read statement (a constant of :mod:`graph.neo4j_queries`)."""
        return self._read(query, **params)

    def run_write(self, action: str, work: Callable[[Any], T]) -> T:
        """Run ``work(tx)`` in one managed write transaction, driver errors wrapped."""
        return self._write_tx(action, work)

    def _write_tx(self, action: str, work: Callable[[Any], T]) -> T:
        def run() -> T:
            with self._session() as session:
                return session.execute_write(work)  # type: ignore[no-any-return]

        return self._call(action, run)

    def _migrate(self) -> int:
        def run() -> int:
            with self._session() as session:
                version = int(session.run(GET_SCHEMA_VERSION_QUERY).single()["version"])
                if version > SCHEMA_VERSION:
                    raise SchemaError(
                        f"Neo4j database has schema version {version}; "
                        f"this code knows {SCHEMA_VERSION}"
                    )
                for target in range(version, SCHEMA_VERSION):
                    logger.info("migrating Neo4j schema %d -> %d", target, target + 1)
                    for statement in _MIGRATIONS[target]:
                        session.run(statement).consume()
                    session.run(SET_SCHEMA_VERSION_QUERY, {"version": target + 1}).consume()
                return SCHEMA_VERSION

        return self._call("schema migration", run)

    @property
    def revision(self) -> int:
        rows = self._read(GET_REVISION_QUERY)
        return int(rows[0]["revision"]) if rows else 0

    def close(self) -> None:
        if self._owns_driver:
            self._driver.close()

    def __enter__(self) -> Neo4jGraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Neo4jGraphStore(database={self._database!r}, dialect={self.dialect.name!r})"

    # ------------------------------------------------------------------ writes
    def write(
        self,
        nodes: Iterable[NodeModel] = (),
        edges: Iterable[EdgeModel] = (),
        *,
        delete_edges: Iterable[tuple[str, str, str, str]] = (),
    ) -> tuple[int, int]:
        nodes = list(nodes)
        edges = list(edges)
        deletes = list(delete_edges)
        if not nodes and not edges and not deletes:
            return 0, 0
        by_id = {n.id: n for n in nodes}  # the last record of an id wins, as in SQLite
        batch_kinds = {node_id: n.KIND for node_id, n in by_id.items()}
        ends = {e.source for e in edges} | {e.target for e in edges}

        def work(tx: Any) -> None:
            for kind, source, target, key in deletes:
                params = {"kind": kind, "source": source, "target": target, "key": key}
                if not tx.run(DELETE_EDGE_QUERY, params).single()["deleted"]:
                    raise NotFoundError(f"no {kind} edge {source}→{target} (key '{key}')")
            ids = sorted(set(by_id) | ends)
            stored: dict[str, str] = {}
            for id_chunk in _chunks(ids):
                for record in tx.run(KINDS_OF_QUERY, {"ids": id_chunk}):
                    stored[record["id"]] = record["kind"]
            for node_id, kind in batch_kinds.items():
                old = stored.get(node_id)
                if old is not None and old != kind:
                    raise IntegrityError(
                        f"node '{node_id}' is stored as {old}; cannot change it to {kind}"
                    )
            raise_on(check_endpoints(edges, batch_kinds, stored))
            new_by_kind: dict[str, list[dict[str, Any]]] = defaultdict(list)
            updates: list[dict[str, Any]] = []
            for node_id, node in by_id.items():
                row = {"id": node_id, "kind": node.KIND, "data": node.model_dump_json()}
                (updates if node_id in stored else new_by_kind[node.KIND]).append(row)
            for kind, rows in new_by_kind.items():
                for chunk in _chunks(rows):
                    tx.run(CREATE_NODES_QUERIES[kind], {"rows": chunk}).consume()
            for chunk in _chunks(updates):
                tx.run(UPDATE_NODES_QUERY, {"rows": chunk}).consume()
            # An edge touching a node created in this transaction cannot exist yet: CREATE it.
            unique = {e.identity: e for e in edges}
            created: dict[str, list[dict[str, Any]]] = defaultdict(list)
            merged: dict[str, list[dict[str, Any]]] = defaultdict(list)
            for edge in unique.values():
                fresh = edge.source not in stored or edge.target not in stored
                (created if fresh else merged)[edge.KIND].append(_edge_row(edge))
            for kind, rows in created.items():
                for chunk in _chunks(rows):
                    tx.run(CREATE_EDGES_QUERIES[kind], {"rows": chunk}).consume()
            for kind, rows in merged.items():
                for chunk in _chunks(rows):
                    tx.run(MERGE_EDGES_QUERIES[kind], {"rows": chunk}).consume()
            tx.run(BUMP_REVISION_QUERY).consume()

        self._write_tx("write", work)
        logger.debug("wrote %d nodes, %d edges", len(nodes), len(edges))
        return len(nodes), len(edges)

    def upsert_nodes(self, nodes: Iterable[NodeModel]) -> int:
        return self.write(nodes, ())[0]

    def upsert_edges(self, edges: Iterable[EdgeModel]) -> int:
        return self.write((), edges)[1]

    def delete_node(self, node_id: str) -> None:
        def work(tx: Any) -> None:
            deleted = tx.run(DELETE_NODE_QUERY, {"id": node_id}).single()["deleted"]
            if not deleted:
                raise NotFoundError(f"no node '{node_id}'")
            tx.run(BUMP_REVISION_QUERY).consume()

        self._write_tx("delete node", work)

    def delete_edge(self, kind: str, source: str, target: str, key: str = "") -> None:
        def work(tx: Any) -> None:
            params = {"kind": kind, "source": source, "target": target, "key": key}
            deleted = tx.run(DELETE_EDGE_QUERY, params).single()["deleted"]
            if not deleted:
                raise NotFoundError(f"no {kind} edge {source}→{target} (key '{key}')")
            tx.run(BUMP_REVISION_QUERY).consume()

        self._write_tx("delete edge", work)

    def clear(self) -> None:
        def work(tx: Any) -> None:
            tx.run(CLEAR_GRAPH_QUERY).consume()
            tx.run(BUMP_REVISION_QUERY).consume()

        self._write_tx("clear", work)

    def erase(
        self,
        node_ids: Iterable[str],
        *,
        rewrite_nodes: Iterable[NodeModel] = (),
        rewrite_edges: Iterable[EdgeModel] = (),
        delete_edges: Iterable[tuple[str, str, str, str]] = (),
        vector_hashes: Iterable[str] = (),
    ) -> None:
        ids = list(node_ids)
        nodes = [{"id": n.id, "data": n.model_dump_json()} for n in rewrite_nodes]
        per_type: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for edge in rewrite_edges:
            per_type[edge.KIND].append(_edge_row(edge))
        deletes = list(delete_edges)
        hashes = list(vector_hashes)

        def work(tx: Any) -> None:
            for kind, source, target, key in deletes:
                params = {"kind": kind, "source": source, "target": target, "key": key}
                tx.run(DELETE_EDGE_QUERY, params).consume()
            tx.run(DELETE_NODES_QUERY, {"ids": ids}).consume()
            tx.run(UPDATE_NODES_QUERY, {"rows": nodes}).consume()
            for kind, rows in per_type.items():
                tx.run(UPDATE_EDGES_QUERIES[kind], {"rows": rows}).consume()
            if hashes:
                tx.run(DELETE_VECTORS_QUERY, {"hashes": hashes}).consume()
            tx.run(BUMP_REVISION_QUERY).consume()

        self._write_tx("erase", work)
        gone = set(hashes)
        for cache_key in [k for k in self._vectors if k[1] in gone]:
            del self._vectors[cache_key]

    def replace_all(self, nodes: Iterable[NodeModel], edges: Iterable[EdgeModel]) -> None:
        """Replace the whole graph in one transaction (used by ``import --replace``)."""
        nodes = list(nodes)
        edges = list(edges)
        by_id = {n.id: n for n in nodes}
        raise_on(check_endpoints(edges, {i: n.KIND for i, n in by_id.items()}, {}))

        def work(tx: Any) -> None:
            tx.run(CLEAR_GRAPH_QUERY).consume()
            per_kind: dict[str, list[dict[str, Any]]] = defaultdict(list)
            for node_id, node in by_id.items():
                per_kind[node.KIND].append(
                    {"id": node_id, "kind": node.KIND, "data": node.model_dump_json()}
                )
            for kind, rows in per_kind.items():
                for chunk in _chunks(rows):
                    tx.run(CREATE_NODES_QUERIES[kind], {"rows": chunk}).consume()
            per_type: dict[str, list[dict[str, Any]]] = defaultdict(list)
            for edge in {e.identity: e for e in edges}.values():
                per_type[edge.KIND].append(_edge_row(edge))
            for kind, rows in per_type.items():
                for chunk in _chunks(rows):
                    tx.run(CREATE_EDGES_QUERIES[kind], {"rows": chunk}).consume()
            tx.run(BUMP_REVISION_QUERY).consume()

        self._write_tx("replace", work)

    # ------------------------------------------------------------------ reads
    def get_node(self, node_id: str) -> NodeModel:
        rows = self._read(GET_NODES_QUERY, ids=[node_id])
        if not rows:
            raise NotFoundError(f"no node '{node_id}'")
        return node_adapter.validate_json(rows[0]["data"])  # type: ignore[no-any-return]

    def get_nodes(self, node_ids: Iterable[str]) -> dict[str, NodeModel]:
        ids = list(dict.fromkeys(node_ids))
        out: dict[str, NodeModel] = {}
        for chunk in _chunks(ids):
            for row in self._read(GET_NODES_QUERY, ids=chunk):
                node = node_adapter.validate_json(row["data"])
                out[node.id] = node
        return out

    def has_node(self, node_id: str) -> bool:
        return bool(self._read(KINDS_OF_QUERY, ids=[node_id]))

    def nodes(self, kind: str | None = None) -> list[NodeModel]:
        if kind is None:
            rows = self._read(ALL_NODES_QUERY)
        else:
            rows = self._read(NODES_OF_KIND_QUERY, kind=kind)
        nodes = [node_adapter.validate_json(r["data"]) for r in rows]
        nodes.sort(key=lambda n: n.id)
        return nodes

    def edges(
        self,
        kind: str | None = None,
        *,
        source: str | None = None,
        target: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
    ) -> list[EdgeModel]:
        params = {
            "kind": kind,
            "source": source,
            "target": target,
            "since": _iso(since),
            "until": _iso(until),
        }
        if source is not None:
            query = EDGES_FROM_QUERY
        elif target is not None:
            query = EDGES_TO_QUERY
        else:
            query = ALL_EDGES_QUERY
        edges = [edge_adapter.validate_json(r["data"]) for r in self._read(query, **params)]
        edges.sort(key=lambda e: e.identity)
        return edges

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
        params = {
            "id": node_id,
            "kinds": list(edge_kinds) if edge_kinds is not None else None,
            "node_kind": node_kind,
            "since": _iso(since),
            "until": _iso(until),
        }
        queries = {
            "out": [NEIGHBOURS_OUT_QUERY],
            "in": [NEIGHBOURS_IN_QUERY],
            "both": [NEIGHBOURS_OUT_QUERY, NEIGHBOURS_IN_QUERY],
        }[direction]
        rows = self._read_many([(q, params) for q in queries])
        out = [
            Neighbour(node_adapter.validate_json(r["node"]), edge_adapter.validate_json(r["edge"]))
            for r in rows
        ]
        out.sort(key=lambda nb: (nb.node.id, nb.edge.identity))
        return out

    def counts(self) -> dict[str, int]:
        rows = self._read_many([(NODE_COUNTS_QUERY, {}), (EDGE_COUNTS_QUERY, {})])
        return {str(r["kind"]): int(r["n"]) for r in sorted(rows, key=lambda r: r["kind"])}

    def snapshot(self, as_of: dt.date | None = None) -> nx.MultiDiGraph:
        with self._lock:
            revision = self.revision
            if revision != self._snapshot_revision:
                self.snapshot_cache.clear()
                self._snapshot_revision = revision
            return self.snapshot_cache.get_or_build(
                as_of, lambda: build_snapshot(self.nodes(), self.edges(), as_of)
            )

    # ------------------------------------------------------------------ fitted models
    def save_model_version(self, name: str, payload: str, created: str) -> int:
        def work(tx: Any) -> int:
            rows = [dict(r) for r in tx.run(MODEL_VERSIONS_QUERY, {"name": name})]
            version = max((int(r["version"]) for r in rows), default=0) + 1
            params = {
                "key": f"{name}|{version}",
                "name": name,
                "version": version,
                "created": created,
                "payload": payload,
            }
            tx.run(MODEL_SAVE_QUERY, params).consume()
            return version

        return self._write_tx("save model version", work)

    def model_versions(self, name: str) -> list[dict[str, Any]]:
        active = self._read(MODEL_ACTIVE_QUERY, name=name)
        current = int(active[0]["version"]) if active else None
        return [
            {
                "version": int(r["version"]),
                "created": str(r["created"]),
                "payload": str(r["payload"]),
                "active": int(r["version"]) == current,
            }
            for r in sorted(self._read(MODEL_VERSIONS_QUERY, name=name), key=lambda r: r["version"])
        ]

    def activate_model_version(self, name: str, version: int) -> None:
        if not any(v["version"] == version for v in self.model_versions(name)):
            raise NotFoundError(f"no version {version} of model '{name}'")
        self._write_tx(
            "activate model version",
            lambda tx: tx.run(MODEL_ACTIVATE_QUERY, {"name": name, "version": version}).consume(),
        )

    # ------------------------------------------------------------------ settings
    def get_setting(self, name: str) -> str | None:
        rows = self._read(GET_SETTING_QUERY, name=name)
        return str(rows[0]["value"]) if rows else None

    def put_setting(self, name: str, value: str) -> None:
        params = {"name": name, "value": value}
        self._write_tx("setting", lambda tx: tx.run(PUT_SETTING_QUERY, params).consume())

    # ------------------------------------------------------------------ embedding cache
    def get_vectors(self, model_id: str, hashes: Iterable[str]) -> dict[str, np.ndarray]:
        hs = list(dict.fromkeys(hashes))
        out: dict[str, np.ndarray] = {}
        missing: list[str] = []
        for h in hs:
            cached = self._vectors.get((model_id, h))
            if cached is not None:
                out[h] = cached.copy()
            else:
                missing.append(h)
        for chunk in _chunks(missing):
            keys = [f"{model_id}|{h}" for h in chunk]
            for row in self._read(GET_VECTORS_QUERY, keys=keys):
                vector = np.asarray(row["vector"], dtype=np.float32)
                self._remember(model_id, str(row["text_hash"]), vector)
                out[str(row["text_hash"])] = vector.copy()
        return out

    def _remember(self, model_id: str, h: str, vector: np.ndarray) -> None:
        # Cache entries are content-addressed (model, sha256 of the text), so they never go
        # stale; the cache is only bounded in size.
        if len(self._vectors) >= VECTOR_CACHE_SIZE:
            self._vectors.pop(next(iter(self._vectors)))
        self._vectors[(model_id, h)] = vector

    def put_vectors(self, model_id: str, vectors: Mapping[str, np.ndarray]) -> int:
        rows = [
            {
                "key": f"{model_id}|{h}",
                "model_id": model_id,
                "text_hash": h,
                "dim": int(np.asarray(v).shape[-1]),
                "vector": np.asarray(v, dtype=np.float32).astype(float).tolist(),
            }
            for h, v in vectors.items()
        ]

        def work(tx: Any) -> None:
            for chunk in _chunks(rows, 1000):
                tx.run(PUT_VECTORS_QUERY, {"rows": chunk}).consume()

        if rows:
            self._write_tx("put vectors", work)
            for h, v in vectors.items():
                self._remember(model_id, h, np.asarray(v, dtype=np.float32).copy())
        return len(rows)

    # ------------------------------------------------------------------ candidate search
    def put_node_vectors(
        self, label_or_kind: str, model_id: str, vectors: Mapping[str, np.ndarray]
    ) -> int:
        """Store one vector per node (``node id → vector``) for :meth:`vector_search`.

        Vectors live on the nodes (``embedding``, ``embedding_model``) and are indexed per label
        by a cosine vector index of their dimension. One model per label at a time: vectors of
        another model (or dimension) are removed and the index rebuilt. Returns the number of
        nodes updated; ids that are not nodes of this kind are skipped.
        """
        label = label_of(label_or_kind)
        kind = label.lower()
        rows = [
            {"id": node_id, "vector": np.asarray(v, dtype=np.float32).astype(float).tolist()}
            for node_id, v in vectors.items()
        ]
        if not rows:
            return 0
        dims = {len(r["vector"]) for r in rows}
        if len(dims) != 1:
            raise ValueError(f"vectors for {label} have mixed dimensions {sorted(dims)}")
        (dim,) = dims
        current = self._read(GET_VECTOR_INDEX_QUERY, label=label)
        same = bool(current) and (current[0]["dimensions"], current[0]["model_id"]) == (
            dim,
            model_id,
        )
        if not same:
            self._drop_vector_index(label, kind)

        def work(tx: Any) -> int:
            updated = 0
            for chunk in _chunks(rows, 1000):
                params = {"rows": chunk, "kind": kind, "model_id": model_id}
                updated += int(tx.run(SET_NODE_VECTORS_QUERY, params).single()["updated"])
            return updated

        updated = self._write_tx("put node vectors", work)
        if not same:
            self._create_vector_index(label, dim, model_id)
        return updated

    def _drop_vector_index(self, label: str, kind: str) -> None:
        def run() -> None:
            with self._session() as session:
                if self.dialect.supports_vector_index():
                    self.dialect.drop_vector_index(session, label)
                session.run(CLEAR_NODE_VECTORS_QUERY, {"kind": kind}).consume()

        self._call("drop vector index", run)

    def _create_vector_index(self, label: str, dim: int, model_id: str) -> None:
        def run() -> None:
            with self._session() as session:
                if self.dialect.supports_vector_index():
                    self.dialect.create_vector_index(session, label, dim)
                params = {"label": label, "dimensions": dim, "model_id": model_id}
                session.run(SET_VECTOR_INDEX_QUERY, params).consume()

        try:
            self._call("create vector index", run)
        except GraphError as e:
            logger.warning("no vector index for %s (%s); using in-process search", label, e)

    def vector_search(
        self,
        label_or_kind: str,
        model_id: str,
        query_vector: np.ndarray | Sequence[float],
        k: int = 10,
        *,
        use_index: bool = True,
        oversample: int = 4,
    ) -> list[tuple[str, float]]:
        """The ``k`` nodes of a kind whose stored vector (of ``model_id``) is nearest to the query.

        Uses the server's vector index (``db.index.vector.queryNodes``) when there is one: it
        fetches ``k * oversample`` approximate candidates and re-ranks them exactly. Falls back to
        the in-process path (numpy over all stored vectors of the kind) when there is no index,
        when the index returns fewer than ``k`` nodes of this model, or with ``use_index=False``.
        Scores follow Neo4j's cosine convention, ``(1 + cos) / 2`` in ``[0, 1]``; results are
        ordered by score, then id.
        """
        label = label_of(label_or_kind)
        query = np.asarray(query_vector, dtype=np.float32).ravel()
        if k <= 0:
            return []
        if use_index and self.dialect.supports_vector_index():
            try:
                rows = self._read(
                    VECTOR_QUERY_NODES_QUERY,
                    index=self.dialect.vector_index_name(label),
                    k=int(k) * max(1, int(oversample)),
                    vector=query.astype(float).tolist(),
                    model_id=model_id,
                )
            except GraphError as e:
                logger.info("vector index search on %s failed (%s); in-process search", label, e)
            else:
                if len(rows) >= k:
                    self.last_search_path = "index"
                    return self._exact_top_k(rows, query, k, label.lower(), model_id)
        self.last_search_path = "in-process"
        rows = self._read(NODE_VECTORS_QUERY, kind=label.lower(), model_id=model_id)
        return self._exact_top_k(rows, query, k, label.lower(), model_id)

    @staticmethod
    def _exact_top_k(
        rows: list[dict[str, Any]], query: np.ndarray, k: int, kind: str, model_id: str
    ) -> list[tuple[str, float]]:
        if not rows:
            return []
        ids = [str(r["id"]) for r in rows]
        matrix = np.asarray([r["vector"] for r in rows], dtype=np.float32)
        if matrix.shape[1] != query.shape[0]:
            raise ValueError(
                f"query vector has dimension {query.shape[0]}; stored {kind} vectors of "
                f"'{model_id}' have {matrix.shape[1]}"
            )
        norms = np.linalg.norm(matrix, axis=1) * max(float(np.linalg.norm(query)), 1e-12)
        cosine = (matrix @ query) / np.maximum(norms, 1e-12)
        scores = (1.0 + cosine) / 2.0
        order = sorted(range(len(ids)), key=lambda i: (-float(scores[i]), ids[i]))[:k]
        return [(ids[i], float(scores[i])) for i in order]
