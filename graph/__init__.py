"""The Verbinder network: domain model, the GraphStore protocol and its adapters."""

from graph.errors import (
    GraphError,
    ImportValidationError,
    IntegrityError,
    NotFoundError,
    RecordError,
    SchemaError,
    StoreError,
)
from graph.sqlite_store import SqliteGraphStore
from graph.store import GraphStore, Neighbour, build_snapshot, text_hash

__all__ = [
    "GraphError",
    "GraphStore",
    "ImportValidationError",
    "IntegrityError",
    "Neighbour",
    "NotFoundError",
    "RecordError",
    "SchemaError",
    "SqliteGraphStore",
    "StoreError",
    "build_snapshot",
    "text_hash",
]
