"""The few places where a Bolt server other than Neo4j needs different handling.

:class:`Neo4jDialect` is the primary path (Neo4j 5 / Aura). :class:`ArcadeDBDialect` covers
ArcadeDB's Bolt plugin, which the tests run against:

- vector indexes are created through ArcadeDB's SQL endpoint (``CREATE INDEX … LSM_VECTOR``), not
  ``CREATE VECTOR INDEX``, and are named ``Label[embedding]``;
- some errors arrive as a generic ``DatabaseError``; the message tells what happened;
- a timezone-aware datetime parameter loses its offset and an index fixes a property's type — the
  adapter avoids both everywhere by storing dates as ISO strings and data as JSON text.

:func:`detect_dialect` picks one from the server's agent string.
"""

from __future__ import annotations

import logging
from typing import Any, Protocol

from graph.errors import GraphError, IntegrityError, StoreError
from graph.neo4j_queries import (
    CREATE_VECTOR_INDEX_QUERIES,
    DROP_VECTOR_INDEX_QUERY,
    LABELS,
)

__all__ = ["ArcadeDBDialect", "Dialect", "Neo4jDialect", "detect_dialect"]

logger = logging.getLogger(__name__)

_KIND_OF_LABEL = {label: kind for kind, label in LABELS.items()}


class _Runner(Protocol):
    def run(self, query: str, parameters: dict[str, Any] | None = None, **kw: Any) -> Any: ...


class Dialect(Protocol):
    """What differs between Bolt servers."""

    name: str

    def vector_index_name(self, label: str) -> str: ...

    def supports_vector_index(self) -> bool: ...

    def create_vector_index(self, session: _Runner, label: str, dimensions: int) -> None: ...

    def drop_vector_index(self, session: _Runner, label: str) -> None: ...

    def wrap_error(self, error: Exception, action: str) -> GraphError: ...


class Neo4jDialect:
    """Neo4j 5 (self-hosted or Aura): standard Cypher for everything."""

    name = "neo4j"

    def vector_index_name(self, label: str) -> str:
        return f"{label.lower()}_embedding"

    def supports_vector_index(self) -> bool:
        return True

    def create_vector_index(self, session: _Runner, label: str, dimensions: int) -> None:
        name = self.vector_index_name(label)
        session.run(
            CREATE_VECTOR_INDEX_QUERIES[_KIND_OF_LABEL[label]],
            {"name": name, "dimensions": int(dimensions)},
        ).consume()
        # Neo4j populates new indexes in the background; wait so the first search sees them.
        session.run("CALL db.awaitIndex($name, 300)", {"name": name}).consume()

    def drop_vector_index(self, session: _Runner, label: str) -> None:
        session.run(DROP_VECTOR_INDEX_QUERY, {"name": self.vector_index_name(label)}).consume()

    def wrap_error(self, error: Exception, action: str) -> GraphError:
        return _wrap(error, action)


class ArcadeDBDialect:
    """ArcadeDB's Bolt plugin (reports itself Neo4j 5.26 compatible).

    Parameters
    ----------
    http_url:
        The server's HTTP address (``http://host:2480``), needed for vector index DDL; without it
        vector search falls back to the in-process path.
    auth:
        ``(user, password)`` for the HTTP endpoint.
    database:
        The database the store works in.
    """

    name = "arcadedb"

    def __init__(
        self,
        http_url: str | None = None,
        auth: tuple[str, str] | None = None,
        database: str | None = None,
    ):
        self.http_url = http_url.rstrip("/") if http_url else None
        self.auth = auth
        self.database = database

    def vector_index_name(self, label: str) -> str:
        return f"{label}[embedding]"

    def supports_vector_index(self) -> bool:
        return self.http_url is not None and self.database is not None

    def _sql(self, command: str) -> None:
        import httpx

        if not self.supports_vector_index():
            raise StoreError("ArcadeDB vector index needs the server's HTTP address and database")
        try:
            r = httpx.post(
                f"{self.http_url}/api/v1/command/{self.database}",
                json={"language": "sql", "command": command},
                auth=self.auth,
                timeout=600.0,
            )
        except httpx.HTTPError as e:
            raise StoreError(f"ArcadeDB SQL endpoint unreachable: {e}") from e
        if r.status_code != 200:
            raise StoreError(f"ArcadeDB SQL '{command}' failed ({r.status_code}): {r.text[:500]}")

    def create_vector_index(self, session: _Runner, label: str, dimensions: int) -> None:
        if label not in _KIND_OF_LABEL:
            raise ValueError(f"unknown label '{label}'")
        dims = int(dimensions)
        # The label is one of our own PascalCase labels (checked above), never data.
        self._sql(f"CREATE VERTEX TYPE {label} IF NOT EXISTS")
        self._sql(f"CREATE PROPERTY {label}.embedding IF NOT EXISTS ARRAY_OF_FLOATS")
        self._sql(
            f"CREATE INDEX IF NOT EXISTS ON {label} (embedding) LSM_VECTOR "
            f"METADATA {{dimensions: {dims}, similarity: 'COSINE'}}"
        )

    def drop_vector_index(self, session: _Runner, label: str) -> None:
        if label not in _KIND_OF_LABEL:
            raise ValueError(f"unknown label '{label}'")
        self._sql(f"DROP INDEX `{label}[embedding]` IF EXISTS")

    def wrap_error(self, error: Exception, action: str) -> GraphError:
        text = str(error)
        if "DuplicatedKey" in text or "Found duplicate key" in text:
            return IntegrityError(f"{action}: a node with this id already exists ({text[:300]})")
        return _wrap(error, action)


def _wrap(error: Exception, action: str) -> GraphError:
    from neo4j.exceptions import ConstraintError

    if isinstance(error, ConstraintError):
        return IntegrityError(f"{action}: {error}")
    return StoreError(f"{action} failed: {error}")


def detect_dialect(
    agent: str,
    *,
    http_url: str | None = None,
    auth: tuple[str, str] | None = None,
    database: str | None = None,
) -> Dialect:
    """The dialect for a server agent string (``Neo4j/5.26.0 compatible (ArcadeDB …)``)."""
    if "arcadedb" in agent.lower():
        logger.info("Bolt server is ArcadeDB; using its dialect")
        return ArcadeDBDialect(http_url, auth, database)
    return Neo4jDialect()
