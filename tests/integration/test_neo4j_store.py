"""Neo4j adapter specifics against the real Bolt server: schema, model in the database, atomic
writes with injected failures and retries, dates, connect(), vector search."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
import pytest

from graph.errors import IntegrityError, SchemaError, StoreError
from graph.model import (
    Contact,
    Dossier,
    Edition,
    Interacted,
    Organisation,
    OrganisationKind,
    SeatedAt,
    Session,
    Staff,
    Table,
    WorksAt,
    WorksOn,
)
from graph.neo4j_store import SCHEMA_VERSION, Neo4jGraphStore

pytestmark = pytest.mark.integration

D = dt.date


@pytest.fixture(scope="module")
def database(bolt_server) -> Iterator[str | None]:
    name = bolt_server.new_database("store")
    yield name
    bolt_server.drop_database(name)


@pytest.fixture
def store(bolt_server, database) -> Iterator[Neo4jGraphStore]:
    bolt_server.empty_database(database)
    s = bolt_server.open_store(database)
    yield s
    s.close()


def cypher(bolt_server, database, query: str, **params: Any) -> list[dict[str, Any]]:
    with bolt_server.driver.session(database=database) as session:
        return [r.data() for r in session.run(query, params)]


def programme() -> tuple[list, list]:
    nodes = [
        Staff(id="staff:1", name="Anna"),
        Organisation(id="org:tno", name="TNO", org_kind=OrganisationKind.KNOWLEDGE_INSTITUTE),
        Contact(id="contact:tno-1", name="Cees", consent=True, consent_date=D(2025, 2, 28)),
        Dossier(id="dossier:dijk", title="Dijkversterking"),
        Edition(id="edition:3", name="Editie 3", start_date=D(2026, 3, 9), end_date=D(2026, 3, 11)),
        Session(
            id="session:3-1",
            name="Ochtend",
            edition="edition:3",
            start=dt.datetime(2026, 3, 9, 9, 30),
            end=dt.datetime(2026, 3, 9, 12, 0),
        ),
        Table(id="table:3-1", name="Tafel 1", edition="edition:3", number=1),
    ]
    edges = [
        WorksOn(source="staff:1", target="dossier:dijk", date=D(2024, 2, 29)),
        WorksAt(source="contact:tno-1", target="org:tno"),
        Interacted(source="staff:1", target="contact:tno-1", key="a", date=D(2026, 3, 9)),
        SeatedAt(
            source="contact:tno-1", target="table:3-1", key="session:3-1", session="session:3-1"
        ),
    ]
    return nodes, edges


# --------------------------------------------------------------------------- schema


def test_schema_is_created_idempotently_and_versioned(bolt_server, database, store):
    rows = cypher(bolt_server, database, "MATCH (v:SchemaVersion) RETURN v.version AS v")
    assert rows == [{"v": SCHEMA_VERSION}]
    again = bolt_server.open_store(database)  # re-running the migration changes nothing
    assert again.schema_version == SCHEMA_VERSION
    assert cypher(bolt_server, database, "MATCH (v:SchemaVersion) RETURN count(v) AS n") == [
        {"n": 1}
    ]
    names = {r["name"] for r in cypher(bolt_server, database, "SHOW CONSTRAINTS")}
    assert {"node_id", "embedding_key"} <= names


def test_newer_schema_is_refused(bolt_server, database, store):
    cypher(
        bolt_server,
        database,
        "MATCH (v:SchemaVersion) SET v.version = $v",
        v=SCHEMA_VERSION + 1,
    )
    try:
        with pytest.raises(SchemaError, match=f"schema version {SCHEMA_VERSION + 1}"):
            bolt_server.open_store(database)
    finally:
        cypher(
            bolt_server, database, "MATCH (v:SchemaVersion) SET v.version = $v", v=SCHEMA_VERSION
        )


def test_uniqueness_constraint_holds_in_the_server(bolt_server, database, store):
    store.write([Staff(id="staff:1", name="Anna")])
    with pytest.raises(Exception):  # noqa: B017 - the server's own error type varies
        cypher(bolt_server, database, "CREATE (:Node:Staff {id: 'staff:1', kind: 'staff'})")
    assert store.counts() == {"staff": 1}


# --------------------------------------------------------------------------- model in the database


def test_labels_types_and_properties(bolt_server, database, store):
    nodes, edges = programme()
    store.write(nodes, edges)
    labels = cypher(
        bolt_server,
        database,
        "MATCH (n:Node) RETURN n.id AS id, labels(n) AS labels, n.kind AS kind ORDER BY id",
    )
    assert [(r["id"], sorted(r["labels"]), r["kind"]) for r in labels] == [
        ("contact:tno-1", ["Contact", "Node"], "contact"),
        ("dossier:dijk", ["Dossier", "Node"], "dossier"),
        ("edition:3", ["Edition", "Node"], "edition"),
        ("org:tno", ["Node", "Organisation"], "organisation"),
        ("session:3-1", ["Node", "Session"], "session"),
        ("staff:1", ["Node", "Staff"], "staff"),
        ("table:3-1", ["Node", "Table"], "table"),
    ]
    rels = cypher(
        bolt_server,
        database,
        "MATCH (a:Node)-[r]->(b:Node) RETURN type(r) AS t, a.id AS s, r.key AS key, "
        "r.date AS date ORDER BY t",
    )
    assert [(r["t"], r["s"], r["key"], r["date"]) for r in rels] == [
        ("INTERACTED", "staff:1", "a", "2026-03-09"),
        ("SEATED_AT", "contact:tno-1", "session:3-1", None),
        ("WORKS_AT", "contact:tno-1", "", None),
        ("WORKS_ON", "staff:1", "", "2024-02-29"),
    ]


def test_dates_and_times_read_back_identically(store):
    nodes, edges = programme()
    store.write(nodes, edges)
    assert store.get_node("session:3-1") == nodes[5]
    assert store.get_node("session:3-1").start == dt.datetime(2026, 3, 9, 9, 30)
    assert store.get_node("contact:tno-1").consent_date == D(2025, 2, 28)
    assert store.edges("WORKS_ON")[0].date == D(2024, 2, 29)
    # ISO strings compare like dates, so the window filter is exact at its bounds.
    assert [e.KIND for e in store.edges(since=D(2024, 2, 29), until=D(2024, 2, 29))] == [
        "SEATED_AT",
        "WORKS_AT",
        "WORKS_ON",
    ]


# --------------------------------------------------------------------------- atomic writes


class _FailingTx:
    """The real transaction, but statement number ``fail_at`` raises ``error()`` instead."""

    def __init__(self, tx: Any, fail_at: int, error: Callable[[], Exception]):
        self._tx = tx
        self._fail_at = fail_at
        self._error = error
        self.runs = 0

    def run(self, query: str, parameters: dict[str, Any] | None = None, **kw: Any) -> Any:
        self.runs += 1
        if self.runs == self._fail_at:
            raise self._error()
        return self._tx.run(query, parameters, **kw)


class _InjectingStore(Neo4jGraphStore):
    """The real store; its write transactions fail once at one statement."""

    fail_at = 0
    error: Callable[[], Exception] = RuntimeError
    attempts = 0

    def _write_tx(self, action: str, work: Callable[[Any], Any]) -> Any:
        def wrapped(tx: Any) -> Any:
            self.attempts += 1
            fail_at = self.fail_at if self.attempts == 1 else 0
            return work(_FailingTx(tx, fail_at, self.error))

        return super()._write_tx(action, wrapped)


def _injecting(bolt_server, database, fail_at: int, error: Callable[[], Exception]):
    base = bolt_server.open_store(database)
    s = _InjectingStore(base._driver, database=database, dialect=base.dialect)
    s.fail_at, s.error = fail_at, error
    return s


@pytest.mark.parametrize("fail_at", [2, 8, 13])
def test_failure_mid_transaction_leaves_nothing(bolt_server, database, store, fail_at):
    store.write([Staff(id="staff:0", name="Eerder")])
    before = (store.counts(), store.revision, store.nodes())
    nodes, edges = programme()
    s = _injecting(bolt_server, database, fail_at, lambda: RuntimeError("connection lost"))
    with pytest.raises(RuntimeError, match="connection lost"):
        s.write(nodes, edges)
    # Statements before the failure did run on the server, then were rolled back.
    assert s.attempts == 1
    assert (store.counts(), store.revision, store.nodes()) == before
    assert not store.has_node("staff:1")


def test_transient_error_is_retried_and_written_once(bolt_server, database, store):
    from neo4j.exceptions import TransientError

    nodes, edges = programme()
    s = _injecting(bolt_server, database, 4, lambda: TransientError("leader switch"))
    assert s.write(nodes, edges) == (7, 4)
    assert s.attempts == 2
    assert store.counts()["INTERACTED"] == 1
    assert store.nodes() == sorted(nodes, key=lambda n: n.id)


def test_integrity_error_writes_nothing_even_with_many_batches(store, monkeypatch):
    import graph.neo4j_store as mod

    monkeypatch.setattr(mod, "BATCH_SIZE", 2)
    staff = [Staff(id=f"staff:{i}", name=f"S{i}") for i in range(7)]
    bad = WorksOn(source="staff:3", target="dossier:nowhere")
    with pytest.raises(IntegrityError, match="unknown node 'dossier:nowhere'"):
        store.write(staff, [bad])
    assert store.counts() == {}
    assert store.write(staff) == (7, 0)
    assert store.counts() == {"staff": 7}


def test_replace_all_swaps_the_graph(store):
    store.write([Staff(id="staff:old", name="Oud")])
    nodes, edges = programme()
    store.replace_all(nodes, edges)
    assert not store.has_node("staff:old")
    assert store.edges() == sorted(edges, key=lambda e: e.identity)


# --------------------------------------------------------------------------- connect


def test_connect_from_uri(bolt_server, database):
    server = bolt_server.server
    s = Neo4jGraphStore.connect(
        bolt_server.uri,
        user=bolt_server.user,
        password=bolt_server.password,
        database=database,
        http_url=server.http_url if server is not None else None,
    )
    try:
        assert s.dialect.name == ("arcadedb" if server is not None else "neo4j")
        assert s.schema_version == SCHEMA_VERSION
        s.write([Staff(id="staff:1", name="Anna")])
        assert s.get_node("staff:1").name == "Anna"
    finally:
        s.close()


def test_connect_with_wrong_password_is_a_store_error(bolt_server, database):
    with pytest.raises(StoreError, match="cannot connect"):
        Neo4jGraphStore.connect(
            bolt_server.uri, user=bolt_server.user, password="wrong", database=database
        )


# --------------------------------------------------------------------------- vector search


def _orgs(n: int) -> list[Organisation]:
    return [
        Organisation(id=f"org:{i:02d}", name=f"Org {i}", org_kind=OrganisationKind.COMPANY)
        for i in range(n)
    ]


def test_vector_search_index_and_in_process_agree(store):
    rng = np.random.default_rng(7)
    vectors = rng.normal(size=(40, 16)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    orgs = _orgs(40)
    store.write(orgs)
    assert (
        store.put_node_vectors(
            "organisation", "enc/m", {o.id: v for o, v in zip(orgs, vectors, strict=True)}
        )
        == 40
    )
    assert store.dialect.supports_vector_index()
    for qi in (3, 17, 31):
        query = vectors[qi] + 0.3 * vectors[(qi + 1) % 40]
        expected = [orgs[i].id for i in np.argsort(-(vectors @ query), kind="stable")[:5]]
        served = store.vector_search("organisation", "enc/m", query, k=5)
        assert store.last_search_path == "index"
        local = store.vector_search("Organisation", "enc/m", query, k=5, use_index=False)
        assert [i for i, _ in served] == expected
        assert store.last_search_path == "in-process"
        assert [i for i, _ in local] == expected
        assert served == local  # index candidates are re-ranked exactly


def test_vector_search_uses_the_server_index(bolt_server, database, store):
    orgs = _orgs(3)
    store.write(orgs)
    vectors = {o.id: np.eye(4, dtype=np.float32)[i] for i, o in enumerate(orgs)}
    store.put_node_vectors("organisation", "enc/m", vectors)
    rows = cypher(
        bolt_server,
        database,
        "CALL db.index.vector.queryNodes($index, 1, $v) YIELD node, score "
        "RETURN node.id AS id, score",
        index=store.dialect.vector_index_name("Organisation"),
        v=[0.0, 1.0, 0.0, 0.0],
    )
    assert [r["id"] for r in rows] == ["org:01"]
    assert rows[0]["score"] == pytest.approx(1.0)


def test_vector_search_rejects_unknown_kind_and_wrong_dimension(store):
    store.write(_orgs(2))
    store.put_node_vectors("organisation", "enc/m", {"org:00": np.ones(3), "org:01": np.ones(3)})
    with pytest.raises(ValueError, match="unknown node kind"):
        store.vector_search("partner", "enc/m", np.ones(3))
    with pytest.raises(ValueError, match="dimension 2"):
        store.vector_search("organisation", "enc/m", np.ones(2), use_index=False)
    assert store.vector_search("organisation", "other/model", np.ones(3), use_index=False) == []


def test_embedding_cache_is_exact_for_float32(store):
    rng = np.random.default_rng(1)
    vecs = {f"h{i}": rng.normal(size=384).astype(np.float32) for i in range(50)}
    assert store.put_vectors("enc/minilm", vecs) == 50
    got = store.get_vectors("enc/minilm", list(vecs))
    assert set(got) == set(vecs)
    for h, v in vecs.items():
        assert got[h].dtype == np.float32
        np.testing.assert_array_equal(got[h], v)
