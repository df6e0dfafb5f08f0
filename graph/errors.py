"""Errors raised by the graph package.

::

    GraphError
    ├── RecordError            one bad record: names file, record and field
    ├── ImportValidationError  a batch with one or more RecordErrors; nothing was written
    ├── NotFoundError          an id or edge that is not in the store
    ├── IntegrityError         a write that would break the graph (dangling endpoint, wrong kinds)
    └── StoreError             the backend failed (driver or file errors, wrapped with ``from``)
        ├── SchemaError        the stored schema is newer than this code or cannot be migrated
        └── StoreBusyError     another writer held the write lock longer than the lock time-out
"""

from __future__ import annotations

from dataclasses import dataclass


class GraphError(Exception):
    """Base class of every error raised by :mod:`graph`."""


@dataclass(frozen=True)
class RecordError:
    """One problem with one input record.

    ``location`` is the file (or sheet) name, ``record`` the row number or record id, ``field`` the
    offending field (empty for whole-record problems) and ``reason`` a human sentence.
    """

    location: str
    record: str
    field: str
    reason: str

    def __str__(self) -> str:
        where = f"{self.location}: {self.record}"
        if self.field:
            where += f", field '{self.field}'"
        return f"{where}: {self.reason}"


class ImportValidationError(GraphError):
    """A batch of records failed validation; nothing was written."""

    def __init__(self, errors: list[RecordError]):
        self.errors = list(errors)
        lines = "\n".join(f"  - {e}" for e in self.errors[:50])
        more = f"\n  … and {len(self.errors) - 50} more" if len(self.errors) > 50 else ""
        super().__init__(f"{len(self.errors)} error(s); nothing was written:\n{lines}{more}")


class NotFoundError(GraphError, KeyError):
    """The requested node or edge does not exist."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "not found"


class IntegrityError(GraphError):
    """A write would leave the graph inconsistent (e.g. an edge to a missing node)."""


class StoreError(GraphError):
    """The storage backend failed."""


class SchemaError(StoreError):
    """The stored schema cannot be used or migrated by this version."""


class StoreBusyError(StoreError):
    """Another writer (an import, another process) held the write lock too long; nothing was
    written. ``retry_after`` is a sensible number of seconds to wait before trying again."""

    def __init__(self, message: str, *, retry_after: int = 5):
        super().__init__(message)
        self.retry_after = retry_after


class StoreClosedError(StoreError):
    """The store was closed (the service is shutting down); nothing was read or written."""
