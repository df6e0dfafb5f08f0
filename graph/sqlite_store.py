"""Embedded default store: one SQLite file in WAL mode, schema versioned with migrations.

Each public write runs in one ``BEGIN IMMEDIATE`` transaction, so a batch is stored whole or not at
all, even when the process is killed halfway (SQLite's journal rolls the file back on next open).

Locking: writes go through one connection and wait at most ``lock_timeout`` seconds for the write
lock (held by another thread's write, or by another process such as ``verbinder import``); then they
raise :class:`~graph.errors.StoreBusyError` and write nothing. Reads use one connection per thread
and never take the write lock, so in WAL mode they see the last committed state without waiting for
a writer.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np

from graph.errors import (
    IntegrityError,
    NotFoundError,
    SchemaError,
    StoreBusyError,
    StoreClosedError,
    StoreError,
)
from graph.lru import LRU
from graph.model import NODE_KINDS, EdgeModel, NodeModel, edge_adapter, node_adapter
from graph.priority import give_way
from graph.store import Direction, Neighbour, build_snapshot, check_endpoints

__all__ = ["SCHEMA_VERSION", "SqliteGraphStore"]

logger = logging.getLogger(__name__)

#: Each entry migrates the schema from version ``i`` to ``i + 1``.
_MIGRATIONS: list[str] = [
    # 0 -> 1: initial schema
    """
    CREATE TABLE node (
        id   TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        data TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX node_kind ON node(kind, id);
    CREATE TABLE edge (
        kind   TEXT NOT NULL,
        source TEXT NOT NULL REFERENCES node(id) ON DELETE CASCADE,
        target TEXT NOT NULL REFERENCES node(id) ON DELETE CASCADE,
        key    TEXT NOT NULL DEFAULT '',
        date   TEXT,
        data   TEXT NOT NULL,
        PRIMARY KEY (kind, source, target, key)
    ) WITHOUT ROWID;
    CREATE INDEX edge_source ON edge(source, kind);
    CREATE INDEX edge_target ON edge(target, kind);
    CREATE INDEX edge_date ON edge(kind, date);
    CREATE TABLE embedding (
        model_id  TEXT NOT NULL,
        text_hash TEXT NOT NULL,
        dim       INTEGER NOT NULL,
        vector    BLOB NOT NULL,
        PRIMARY KEY (model_id, text_hash)
    ) WITHOUT ROWID;
    CREATE TABLE meta (
        name  TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) WITHOUT ROWID;
    INSERT INTO meta(name, value) VALUES ('revision', '0');
    """,
    # 1 -> 2: fitted models (versioned artifacts beside the graph; writing one is not a graph
    # change, so the revision stays)
    """
    CREATE TABLE model_version (
        name    TEXT NOT NULL,
        version INTEGER NOT NULL,
        created TEXT NOT NULL,
        payload TEXT NOT NULL,
        PRIMARY KEY (name, version)
    ) WITHOUT ROWID;
    CREATE TABLE model_active (
        name    TEXT PRIMARY KEY,
        version INTEGER NOT NULL
    ) WITHOUT ROWID;
    """,
    # 2 -> 3: a revision per node kind, kept by triggers (so every writer, in any process, keeps
    # it): a cache of one kind's nodes (the people whose names are redacted) survives the many
    # writes that only add edges or nodes of other kinds. The rows are made at every open
    # (one per kind the model knows), the triggers only count.
    """
    CREATE TRIGGER kind_revision_insert AFTER INSERT ON node BEGIN
        UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE name = 'revision:' || NEW.kind;
    END;
    CREATE TRIGGER kind_revision_update AFTER UPDATE ON node BEGIN
        UPDATE meta SET value = CAST(value AS INTEGER) + 1
            WHERE name IN ('revision:' || NEW.kind, 'revision:' || OLD.kind);
    END;
    CREATE TRIGGER kind_revision_delete AFTER DELETE ON node BEGIN
        UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE name = 'revision:' || OLD.kind;
    END;
    """,
]
SCHEMA_VERSION = len(_MIGRATIONS)


class SqliteGraphStore:
    """The embedded :class:`~graph.store.GraphStore`: one SQLite file on disk.

    Parameters
    ----------
    path:
        The database file; created (with its folder) when missing.
    """

    def __init__(
        self, path: str | Path, *, snapshot_cache_size: int = 4, lock_timeout: float = 5.0
    ):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.lock_timeout = lock_timeout
        self._lock = threading.RLock()
        self._in_memory = str(path) == ":memory:"
        self._local = threading.local()
        self._readers: list[sqlite3.Connection] = []
        self._readers_lock = threading.Lock()
        # Reads in flight on any thread's connection: ``close`` waits for them, because closing a
        # connection another thread is reading from crashes the interpreter.
        self._gate = threading.Condition()
        self._inflight = 0
        self._closed = False
        try:
            self._conn = sqlite3.connect(
                str(self.path), isolation_level=None, check_same_thread=False, timeout=lock_timeout
            )
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA synchronous=NORMAL")
            self._conn.execute("PRAGMA foreign_keys=ON")
            self._migrate()
            self._conn.executemany(
                "INSERT OR IGNORE INTO meta(name, value) VALUES (?, '0')",
                [(f"revision:{kind}",) for kind in NODE_KINDS],
            )
        except sqlite3.DatabaseError as e:
            raise StoreError(f"cannot open store {self.path}: {e}") from e
        self.snapshot_cache: LRU[dt.date | None, nx.MultiDiGraph] = LRU(snapshot_cache_size)
        self._snapshot_revision = -1

    # ------------------------------------------------------------------ plumbing
    def _migrate(self) -> None:
        version = self._conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise SchemaError(
                f"store {self.path} has schema version {version}; this code knows {SCHEMA_VERSION}"
            )
        for target in range(version, SCHEMA_VERSION):
            logger.info("migrating store schema %d -> %d", target, target + 1)
            with self._tx() as cur:
                for statement in _statements(_MIGRATIONS[target]):
                    cur.execute(statement)
                cur.execute(f"PRAGMA user_version = {target + 1}")

    def _busy(self, what: str) -> StoreBusyError:
        return StoreBusyError(
            f"the store is busy with another write ({what} for {self.lock_timeout:g} s); "
            "nothing was written",
            retry_after=max(1, math.ceil(self.lock_timeout)),
        )

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Cursor]:
        # Another thread of this process may be writing: wait for it as long as for another process.
        if not self._lock.acquire(timeout=self.lock_timeout):
            raise self._busy("waited for a write in this process")
        try:
            if self._closed:
                raise StoreClosedError(f"store {self.path} is closed; nothing was written")
            cur = self._conn.cursor()
            try:
                cur.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as e:
                if _is_locked(e):
                    raise self._busy("waited for the write lock") from e
                raise StoreError(str(e)) from e
            try:
                yield cur
            except BaseException as e:
                cur.execute("ROLLBACK")
                if isinstance(e, sqlite3.OperationalError) and _is_locked(e):
                    raise self._busy("waited for the write lock") from e
                if isinstance(e, sqlite3.DatabaseError):
                    raise StoreError(str(e)) from e
                raise
            else:
                cur.execute("COMMIT")
        finally:
            self._lock.release()

    def _bump(self, cur: sqlite3.Cursor) -> None:
        cur.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE name = 'revision'")

    @property
    def schema_version(self) -> int:
        return int(self._conn.execute("PRAGMA user_version").fetchone()[0])

    @property
    def revision(self) -> int:
        return int(self._query("SELECT value FROM meta WHERE name='revision'")[0][0])

    def kind_revision(self, *kinds: str) -> tuple[int, ...]:
        """Per node kind, a number that changes whenever a node of that kind is written or
        deleted (and never with edges): a cache of those nodes keyed by it survives other
        writes."""
        marks = ",".join("?" * len(kinds))
        rows = dict(
            self._query(
                f"SELECT name, value FROM meta WHERE name IN ({marks})",
                [f"revision:{k}" for k in kinds],
            )
        )
        return tuple(int(rows.get(f"revision:{k}", 0)) for k in kinds)

    def _reader(self) -> sqlite3.Connection | None:
        """This thread's read connection (``None`` for an in-memory store: one connection only)."""
        if self._in_memory:
            return None
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(
                str(self.path), isolation_level=None, check_same_thread=False, timeout=30
            )
            conn.execute("PRAGMA query_only=ON")
            self._local.conn = conn
            with self._readers_lock:
                self._readers.append(conn)
        return conn

    #: Seconds ``close`` waits for reads still running on other threads.
    CLOSE_WAIT_SECONDS = 30.0

    @contextmanager
    def _reading(self) -> Iterator[None]:
        with self._gate:
            if self._closed:
                raise StoreClosedError(f"store {self.path} is closed")
            self._inflight += 1
        try:
            yield
        finally:
            with self._gate:
                self._inflight -= 1
                if self._inflight == 0:
                    self._gate.notify_all()

    def close(self) -> None:
        """Close every connection once the reads running on other threads have finished; later
        reads raise :class:`StoreError`. Closing twice is harmless."""
        with self._gate:
            if self._closed:
                return
            self._closed = True
            if not self._gate.wait_for(lambda: self._inflight == 0, self.CLOSE_WAIT_SECONDS):
                logger.warning("closing store %s with reads still running", self.path)
        with self._readers_lock:
            for conn in self._readers:
                conn.close()
            self._readers.clear()
        with self._lock:
            self._conn.close()

    def __enter__(self) -> SqliteGraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"SqliteGraphStore({str(self.path)!r})"

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
        batch_kinds = {n.id: n.KIND for n in nodes}
        with self._tx() as cur:
            for kind, source, target, key in deletes:
                cur.execute(
                    "DELETE FROM edge WHERE kind=? AND source=? AND target=? AND key=?",
                    (kind, source, target, key),
                )
                if cur.rowcount == 0:
                    raise NotFoundError(f"no {kind} edge {source}→{target} (key '{key}')")
            # Endpoint kinds of ids not in the batch, read inside the transaction.
            missing = {e.source for e in edges} | {e.target for e in edges}
            missing -= batch_kinds.keys()
            stored = self._kinds_of(cur, missing)
            changed_kind = self._kinds_of(cur, batch_kinds.keys())
            errors = check_endpoints(edges, batch_kinds, stored)
            for node_id, old_kind in changed_kind.items():
                if old_kind != batch_kinds[node_id]:
                    raise IntegrityError(
                        f"node '{node_id}' is stored as {old_kind}; cannot change it to "
                        f"{batch_kinds[node_id]}"
                    )
            if errors:
                raise IntegrityError("\n".join(str(e) for e in errors))
            cur.executemany(
                "INSERT INTO node(id, kind, data) VALUES (?, ?, ?) "
                "ON CONFLICT(id) DO UPDATE SET data = excluded.data",
                [(n.id, n.KIND, n.model_dump_json()) for n in nodes],
            )
            cur.executemany(
                "INSERT INTO edge(kind, source, target, key, date, data) VALUES (?, ?, ?, ?, ?, ?) "
                "ON CONFLICT(kind, source, target, key) DO UPDATE SET "
                "date = excluded.date, data = excluded.data",
                [
                    (
                        e.KIND,
                        e.source,
                        e.target,
                        e.key,
                        e.date.isoformat() if e.date else None,
                        e.model_dump_json(),
                    )
                    for e in edges
                ],
            )
            if nodes or edges or deletes:
                self._bump(cur)
        logger.debug("wrote %d nodes, %d edges", len(nodes), len(edges))
        return len(nodes), len(edges)

    def _kinds_of(self, cur: sqlite3.Cursor, ids: Iterable[str]) -> dict[str, str]:
        ids = list(ids)
        out: dict[str, str] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for node_id, kind in cur.execute(
                f"SELECT id, kind FROM node WHERE id IN ({marks})", chunk
            ):
                out[node_id] = kind
        return out

    def upsert_nodes(self, nodes: Iterable[NodeModel]) -> int:
        return self.write(nodes, ())[0]

    def upsert_edges(self, edges: Iterable[EdgeModel]) -> int:
        return self.write((), edges)[1]

    def delete_node(self, node_id: str) -> None:
        with self._tx() as cur:
            cur.execute("DELETE FROM node WHERE id = ?", (node_id,))
            if cur.rowcount == 0:
                raise NotFoundError(f"no node '{node_id}'")
            self._bump(cur)

    def delete_edge(self, kind: str, source: str, target: str, key: str = "") -> None:
        with self._tx() as cur:
            cur.execute(
                "DELETE FROM edge WHERE kind=? AND source=? AND target=? AND key=?",
                (kind, source, target, key),
            )
            if cur.rowcount == 0:
                raise NotFoundError(f"no {kind} edge {source}→{target} (key '{key}')")
            self._bump(cur)

    def clear(self) -> None:
        with self._tx() as cur:
            cur.execute("DELETE FROM edge")
            cur.execute("DELETE FROM node")
            self._bump(cur)

    def erase(
        self,
        node_ids: Iterable[str],
        *,
        rewrite_nodes: Iterable[NodeModel] = (),
        rewrite_edges: Iterable[EdgeModel] = (),
        delete_edges: Iterable[tuple[str, str, str, str]] = (),
        vector_hashes: Iterable[str] = (),
    ) -> None:
        with self._tx() as cur:
            cur.executemany(
                "DELETE FROM edge WHERE kind=? AND source=? AND target=? AND key=?",
                list(delete_edges),
            )
            cur.executemany("DELETE FROM node WHERE id = ?", [(i,) for i in node_ids])
            cur.executemany(
                "UPDATE node SET data = ? WHERE id = ? AND kind = ?",
                [(n.model_dump_json(), n.id, n.KIND) for n in rewrite_nodes],
            )
            cur.executemany(
                "UPDATE edge SET data = ? WHERE kind=? AND source=? AND target=? AND key=?",
                [(e.model_dump_json(), *e.identity) for e in rewrite_edges],
            )
            cur.executemany(
                "DELETE FROM embedding WHERE text_hash = ?", [(h,) for h in vector_hashes]
            )
            self._bump(cur)

    def replace_all(self, nodes: Iterable[NodeModel], edges: Iterable[EdgeModel]) -> None:
        """Replace the whole graph in one transaction (used by ``import --replace``)."""
        nodes = list(nodes)
        edges = list(edges)
        batch_kinds = {n.id: n.KIND for n in nodes}
        errors = check_endpoints(edges, batch_kinds, {})
        if errors:
            raise IntegrityError("\n".join(str(e) for e in errors))
        with self._tx() as cur:
            cur.execute("DELETE FROM edge")
            cur.execute("DELETE FROM node")
            cur.executemany(
                "INSERT INTO node(id, kind, data) VALUES (?, ?, ?)",
                [(n.id, n.KIND, n.model_dump_json()) for n in nodes],
            )
            cur.executemany(
                "INSERT OR REPLACE INTO edge(kind, source, target, key, date, data) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (
                        e.KIND,
                        e.source,
                        e.target,
                        e.key,
                        e.date.isoformat() if e.date else None,
                        e.model_dump_json(),
                    )
                    for e in edges
                ],
            )
            self._bump(cur)

    # ------------------------------------------------------------------ reads
    def _query(self, sql: str, params: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        with self._reading():
            try:
                reader = self._reader()
                if reader is not None:
                    return reader.execute(sql, params).fetchall()
                with self._lock:
                    return self._conn.execute(sql, params).fetchall()
            except sqlite3.DatabaseError as e:
                raise StoreError(str(e)) from e

    def get_node(self, node_id: str) -> NodeModel:
        rows = self._query("SELECT data FROM node WHERE id = ?", (node_id,))
        if not rows:
            raise NotFoundError(f"no node '{node_id}'")
        return node_adapter.validate_json(rows[0][0])  # type: ignore[no-any-return]

    def get_nodes(self, node_ids: Iterable[str]) -> dict[str, NodeModel]:
        ids = list(dict.fromkeys(node_ids))
        out: dict[str, NodeModel] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for (data,) in self._query(f"SELECT data FROM node WHERE id IN ({marks})", chunk):
                node = node_adapter.validate_json(data)
                out[node.id] = node
        return out

    def has_node(self, node_id: str) -> bool:
        return bool(self._query("SELECT 1 FROM node WHERE id = ?", (node_id,)))

    def nodes(self, kind: str | None = None) -> list[NodeModel]:
        if kind is None:
            rows = self._query("SELECT data FROM node ORDER BY id")
        else:
            rows = self._query("SELECT data FROM node WHERE kind = ? ORDER BY id", (kind,))
        return [_parse(node_adapter, r[0], i) for i, r in enumerate(rows)]

    def edges(
        self,
        kind: str | None = None,
        *,
        source: str | None = None,
        target: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
    ) -> list[EdgeModel]:
        where, params = _edge_filter(kind, source, target, since, until)
        rows = self._query(
            f"SELECT data FROM edge {where} ORDER BY kind, source, target, key", params
        )
        return [_parse(edge_adapter, r[0], i) for i, r in enumerate(rows)]

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
        parts: list[str] = []
        params: list[object] = []
        sides = {"out": [("source", "target")], "in": [("target", "source")]}
        sides["both"] = sides["out"] + sides["in"]
        for mine, other in sides[direction]:
            clauses = [f"e.{mine} = ?"]
            p: list[object] = [node_id]
            if edge_kinds is not None:
                clauses.append(f"e.kind IN ({','.join('?' * len(edge_kinds))})")
                p.extend(edge_kinds)
            if node_kind is not None:
                clauses.append("n.kind = ?")
                p.append(node_kind)
            if since is not None:
                clauses.append("(e.date IS NULL OR e.date >= ?)")
                p.append(since.isoformat())
            if until is not None:
                clauses.append("(e.date IS NULL OR e.date <= ?)")
                p.append(until.isoformat())
            parts.append(
                f"SELECT n.id, n.data, e.kind, e.source, e.target, e.key, e.data FROM edge e "
                f"JOIN node n ON n.id = e.{other} WHERE {' AND '.join(clauses)}"
            )
            params.extend(p)
        sql = " UNION ALL ".join(parts) + " ORDER BY 1, 3, 4, 5, 6"
        return [
            Neighbour(node_adapter.validate_json(r[1]), edge_adapter.validate_json(r[6]))
            for r in self._query(sql, params)
        ]

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for kind, n in self._query("SELECT kind, COUNT(*) FROM node GROUP BY kind ORDER BY kind"):
            out[str(kind)] = int(n)
        for kind, n in self._query("SELECT kind, COUNT(*) FROM edge GROUP BY kind ORDER BY kind"):
            out[str(kind)] = int(n)
        return out

    def snapshot(self, as_of: dt.date | None = None) -> nx.MultiDiGraph:
        revision = self.revision
        if revision != self._snapshot_revision:
            self.snapshot_cache.clear()
            self._snapshot_revision = revision
        return self.snapshot_cache.get_or_build(
            as_of, lambda: build_snapshot(self.nodes(), self.edges(), as_of)
        )

    # ------------------------------------------------------------------ fitted models
    def save_model_version(self, name: str, payload: str, created: str) -> int:
        with self._tx() as cur:
            row = cur.execute(
                "SELECT COALESCE(MAX(version), 0) FROM model_version WHERE name = ?", (name,)
            ).fetchone()
            version = int(row[0]) + 1
            cur.execute(
                "INSERT INTO model_version(name, version, created, payload) VALUES (?, ?, ?, ?)",
                (name, version, created, payload),
            )
            cur.execute(
                "INSERT OR REPLACE INTO model_active(name, version) VALUES (?, ?)", (name, version)
            )
        return version

    def model_versions(self, name: str) -> list[dict[str, Any]]:
        active = self._query("SELECT version FROM model_active WHERE name = ?", (name,))
        current = int(active[0][0]) if active else None
        rows = self._query(
            "SELECT version, created, payload FROM model_version WHERE name = ? ORDER BY version",
            (name,),
        )
        return [
            {"version": int(v), "created": str(c), "payload": str(p), "active": int(v) == current}
            for v, c, p in rows
        ]

    def activate_model_version(self, name: str, version: int) -> None:
        with self._tx() as cur:
            found = cur.execute(
                "SELECT 1 FROM model_version WHERE name = ? AND version = ?", (name, version)
            ).fetchone()
            if found is None:
                raise NotFoundError(f"no version {version} of model '{name}'")
            cur.execute(
                "INSERT OR REPLACE INTO model_active(name, version) VALUES (?, ?)", (name, version)
            )

    # ------------------------------------------------------------------ settings
    def get_setting(self, name: str) -> str | None:
        rows = self._query("SELECT value FROM meta WHERE name = ?", (f"setting:{name}",))
        return str(rows[0][0]) if rows else None

    def put_setting(self, name: str, value: str) -> None:
        with self._tx() as cur:
            cur.execute(
                "INSERT INTO meta(name, value) VALUES (?, ?) "
                "ON CONFLICT(name) DO UPDATE SET value = excluded.value",
                (f"setting:{name}", value),
            )

    # ------------------------------------------------------------------ embedding cache
    def get_vectors(self, model_id: str, hashes: Iterable[str]) -> dict[str, np.ndarray]:
        hs = list(dict.fromkeys(hashes))
        out: dict[str, np.ndarray] = {}
        for i in range(0, len(hs), 500):
            chunk = hs[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for h, blob in self._query(
                f"SELECT text_hash, vector FROM embedding WHERE model_id = ? "
                f"AND text_hash IN ({marks})",
                [model_id, *chunk],
            ):
                out[str(h)] = np.frombuffer(blob, dtype=np.float32).copy()
        return out

    def put_vectors(self, model_id: str, vectors: Mapping[str, np.ndarray]) -> int:
        rows = [
            (model_id, h, int(v.shape[-1]), np.asarray(v, dtype=np.float32).tobytes())
            for h, v in vectors.items()
        ]
        with self._tx() as cur:
            cur.executemany(
                "INSERT OR REPLACE INTO embedding(model_id, text_hash, dim, vector) "
                "VALUES (?, ?, ?, ?)",
                rows,
            )
        return len(rows)

    def integrity_check(self) -> str:
        """``PRAGMA integrity_check``: ``"ok"`` for a healthy file."""
        return str(self._query("PRAGMA integrity_check")[0][0])


def _statements(script: str) -> list[str]:
    """The complete SQL statements of ``script`` (a trigger body's ``;`` stays inside)."""
    out, buf = [], ""
    for part in script.split(";"):
        buf += part + ";"
        if sqlite3.complete_statement(buf):
            if buf.strip(" \n;"):
                out.append(buf.strip())
            buf = ""
    return out


def _parse(adapter: Any, data: str, i: int) -> Any:
    if i % 128 == 127:  # a long read in the background lets requests go first
        give_way()
    return adapter.validate_json(data)


def _is_locked(e: sqlite3.OperationalError) -> bool:
    text = str(e).lower()
    return "locked" in text or "busy" in text


def _edge_filter(
    kind: str | None,
    source: str | None,
    target: str | None,
    since: dt.date | None,
    until: dt.date | None,
) -> tuple[str, list[object]]:
    clauses: list[str] = []
    params: list[object] = []
    for column, value in (("kind", kind), ("source", source), ("target", target)):
        if value is not None:
            clauses.append(f"{column} = ?")
            params.append(value)
    if since is not None:
        clauses.append("(date IS NULL OR date >= ?)")
        params.append(since.isoformat())
    if until is not None:
        clauses.append("(date IS NULL OR date <= ?)")
        params.append(until.isoformat())
    return ("WHERE " + " AND ".join(clauses) if clauses else ""), params
