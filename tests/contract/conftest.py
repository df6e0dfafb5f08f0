"""Every store passes the same contract suite: the ``store`` fixture is parametrised over backends.

``neo4j`` runs against the session's Bolt server (``bolt_server`` in ``tests/conftest.py``): the
ArcadeDB test server, or a real Neo4j when ``VERBINDER_NEO4J_URI`` is set. The module gets a fresh
database and each test starts from an empty store in it.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from graph import GraphStore, SqliteGraphStore

BACKENDS = ["sqlite", "neo4j"]


@pytest.fixture(scope="module")
def neo4j_database(bolt_server) -> Iterator[str | None]:
    name = bolt_server.new_database("contract")
    yield name
    bolt_server.drop_database(name)


@pytest.fixture
def neo4j_store(bolt_server, neo4j_database) -> Iterator[GraphStore]:
    bolt_server.empty_database(neo4j_database)
    s = bolt_server.open_store(neo4j_database)
    yield s
    s.close()


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path) -> Iterator[GraphStore]:
    if request.param == "sqlite":
        s = SqliteGraphStore(tmp_path / "contract.db")
    else:  # pragma: no cover - other backends register their own factory
        s = request.getfixturevalue(f"{request.param}_store")
    try:
        yield s
    finally:
        s.close()
