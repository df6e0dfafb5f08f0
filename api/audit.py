"""Append-only audit log of every read of personal data: who, what, when, through which route.

Rows go to an ``audit`` table in the keys file (:func:`api.keystore.auth_db_path`); SQLite triggers
refuse every ``UPDATE`` and ``DELETE`` on it, so the log can only grow. Entries hold ids, never the
personal data itself.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

__all__ = ["AuditEntry", "AuditLog"]


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at: str
    key_id: str
    key_name: str
    role: str
    method: str
    path: str
    purpose: str
    subjects: list[str]

    def to_dict(self) -> dict[str, object]:
        return {
            "seq": self.seq,
            "at": self.at,
            "key_id": self.key_id,
            "key_name": self.key_name,
            "role": self.role,
            "method": self.method,
            "path": self.path,
            "purpose": self.purpose,
            "subjects": self.subjects,
        }


_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS audit ("
    " seq INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, key_id TEXT NOT NULL,"
    " key_name TEXT NOT NULL, role TEXT NOT NULL, method TEXT NOT NULL, path TEXT NOT NULL,"
    " purpose TEXT NOT NULL, subjects TEXT NOT NULL)",
    "CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit"
    " BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
    "CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit"
    " BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
)


class AuditLog:
    """Record and read personal-data disclosures.

    Parameters
    ----------
    path:
        The SQLite file (shared with :class:`api.keystore.KeyStore`).
    """

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._conn = sqlite3.connect(
            str(self.path), isolation_level=None, check_same_thread=False, timeout=30
        )
        self._conn.execute("PRAGMA journal_mode=WAL")
        for statement in _SCHEMA:
            self._conn.execute(statement)

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def record(
        self,
        *,
        key_id: str,
        key_name: str,
        role: str,
        method: str,
        path: str,
        purpose: str,
        subjects: list[str],
    ) -> None:
        """Append one entry (``subjects``: the ids whose personal data was shown)."""
        at = dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")
        with self._lock:
            self._conn.execute(
                "INSERT INTO audit(at, key_id, key_name, role, method, path, purpose, subjects)"
                " VALUES (?,?,?,?,?,?,?,?)",
                (at, key_id, key_name, role, method, path, purpose, json.dumps(sorted(subjects))),
            )

    def entries(self, *, limit: int = 100, offset: int = 0) -> tuple[list[AuditEntry], int]:
        """Newest first, with the total number of entries."""
        with self._lock:
            total = int(self._conn.execute("SELECT COUNT(*) FROM audit").fetchone()[0])
            rows = self._conn.execute(
                "SELECT seq, at, key_id, key_name, role, method, path, purpose, subjects"
                " FROM audit ORDER BY seq DESC LIMIT ? OFFSET ?",
                (limit, offset),
            ).fetchall()
        fields = ("seq", "at", "key_id", "key_name", "role", "method", "path", "purpose")
        return [
            AuditEntry(**dict(zip(fields, r[:8], strict=True)), subjects=json.loads(r[8]))
            for r in rows
        ], total

    def count(self) -> int:
        with self._lock:
            return int(self._conn.execute("SELECT COUNT(*) FROM audit").fetchone()[0])
