"""Pick and open a :class:`~graph.store.GraphStore` from a store spec (file path or Bolt URI)."""

from __future__ import annotations

from api.settings import Settings
from graph import GraphStore, SqliteGraphStore
from graph.errors import StoreError

__all__ = ["is_bolt_uri", "open_store"]

_BOLT_SCHEMES = ("neo4j://", "neo4j+s://", "neo4j+ssc://", "bolt://", "bolt+s://", "bolt+ssc://")


def is_bolt_uri(spec: str) -> bool:
    return spec.startswith(_BOLT_SCHEMES)


def open_store(spec: str | None = None, settings: Settings | None = None) -> GraphStore:
    """Open the store named by ``spec`` (default: the ``store`` setting)."""
    if settings is None:
        from api.settings import get_settings

        settings = get_settings()
    spec = spec or settings.store
    if is_bolt_uri(spec):
        try:
            from graph.neo4j_store import Neo4jGraphStore
        except ImportError as e:  # pragma: no cover - the adapter ships with the package
            raise StoreError(f"Neo4j store unavailable: {e}") from e
        return Neo4jGraphStore.connect(
            spec,
            user=settings.neo4j_user,
            password=settings.neo4j_password,
            database=settings.neo4j_database,
        )
    return SqliteGraphStore(spec, lock_timeout=settings.store_lock_timeout)
