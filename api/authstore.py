"""Where API keys, the audit log, audit pseudonyms and the contact register are kept.

Two backends with one interface (:class:`AuthBackend`, rows as plain dicts):

- :class:`SqliteAuthBackend`: a small SQLite file beside the embedded store
  (``<store file>.auth``), for one server;
- :class:`graph.neo4j_auth.Neo4jAuthBackend`: labels of their own in the Neo4j database the graph
  lives in, so every API replica on that database sees the same keys, revocations and log.

:func:`open_auth_backend` picks one for a store. The audit log is append-only in both: SQLite
triggers refuse ``UPDATE``/``DELETE`` on it, and the Neo4j backend has no statement that changes or
removes an entry. Audit entries name people only through a pseudonym (``p-…``) kept in a separate
table; erasing a person (:mod:`api.subject_rights`) forgets the pseudonym, which unlinks every
entry about them without touching the log.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from pathlib import Path
from typing import Any, Protocol

from api.settings import Settings
from api.stores import is_bolt_uri
from graph import SqliteGraphStore
from graph.store import GraphStore

__all__ = ["AuthBackend", "SqliteAuthBackend", "auth_db_path", "open_auth_backend"]

Row = dict[str, Any]


class AuthBackend(Protocol):
    """Storage of keys, audit entries, pseudonyms and contact-register entries."""

    # keys: {key_id, name, role, salt (hex), hash, created, revoked, staff_id}
    def insert_key(self, row: Row) -> None: ...

    def get_key(self, key_id: str) -> Row | None: ...

    def list_keys(self) -> list[Row]: ...

    def revoke_key(self, key_id: str) -> bool: ...

    def delete_keys(self, key_ids: list[str]) -> int: ...

    # audit: {at, key_id, role, method, path, purpose, subjects (pseudonyms)} (+ seq when read)
    def append_audit(self, row: Row) -> int: ...

    def audit_page(self, limit: int, offset: int) -> tuple[list[Row], int]: ...

    def audit_with(self, pseudonym: str) -> list[Row]: ...

    # pseudonyms: subject id <-> p-… token
    def pseudonyms(self, subjects: list[str], *, create: bool) -> dict[str, str]: ...

    def subjects_of(self, pseudonyms: list[str]) -> dict[str, str]: ...

    def forget_subject(self, subject: str) -> bool: ...

    # contact register: {at, key_id, staff_id, organisation_id, contact_id, dossier_id, question}
    def append_contacts(self, rows: list[Row]) -> int: ...

    def contacts_page(self, limit: int, offset: int) -> tuple[list[Row], int]: ...

    def delete_contacts_naming(self, person_id: str) -> int: ...

    def contacts_naming(self, person_id: str) -> list[Row]: ...

    def close(self) -> None: ...


def auth_db_path(settings: Settings) -> Path:
    """The keys/audit file of the embedded store: ``<store file>.auth``."""
    return Path(f"{settings.store}.auth")


def open_auth_backend(
    settings: Settings, store: GraphStore | None = None, path: str | Path | None = None
) -> AuthBackend:
    """The backend for ``settings.store``: in the Neo4j database itself for a Bolt store (``store``
    must then be that open store), else the SQLite file ``path`` (default :func:`auth_db_path`)."""
    if path is None and (is_bolt_uri(settings.store) or _is_neo4j(store)):
        from graph.neo4j_auth import Neo4jAuthBackend
        from graph.neo4j_store import Neo4jGraphStore

        if not isinstance(store, Neo4jGraphStore):
            raise ValueError("a Bolt store keeps its keys in the database: pass the open store")
        return Neo4jAuthBackend(store)
    return SqliteAuthBackend(path if path is not None else auth_db_path(settings))


def _is_neo4j(store: GraphStore | None) -> bool:
    if store is None or isinstance(store, SqliteGraphStore):
        return False
    from graph.neo4j_store import Neo4jGraphStore

    return isinstance(store, Neo4jGraphStore)


_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS api_key ("
    " key_id TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL,"
    " salt BLOB NOT NULL, hash TEXT NOT NULL, created TEXT NOT NULL,"
    " revoked INTEGER NOT NULL DEFAULT 0)",
    "CREATE TABLE IF NOT EXISTS audit ("
    " seq INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, key_id TEXT NOT NULL,"
    " key_name TEXT NOT NULL, role TEXT NOT NULL, method TEXT NOT NULL, path TEXT NOT NULL,"
    " purpose TEXT NOT NULL, subjects TEXT NOT NULL)",
    "CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit"
    " BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
    "CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit"
    " BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
    "CREATE TABLE IF NOT EXISTS audit_subject ("
    " subject TEXT PRIMARY KEY, pseudonym TEXT NOT NULL UNIQUE)",
    "CREATE TABLE IF NOT EXISTS contact_register ("
    " seq INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, key_id TEXT NOT NULL,"
    " staff_id TEXT, organisation_id TEXT NOT NULL, contact_id TEXT NOT NULL,"
    " dossier_id TEXT, question TEXT NOT NULL DEFAULT '')",
    "CREATE INDEX IF NOT EXISTS contact_register_contact ON contact_register(contact_id)",
    "CREATE INDEX IF NOT EXISTS contact_register_staff ON contact_register(staff_id)",
)
_KEY_COLUMNS = ("key_id", "name", "role", "salt", "hash", "created", "revoked", "staff_id")
_AUDIT_COLUMNS = ("seq", "at", "key_id", "role", "method", "path", "purpose", "subjects")
_CONTACT_COLUMNS = (
    "seq",
    "at",
    "key_id",
    "staff_id",
    "organisation_id",
    "contact_id",
    "dossier_id",
    "question",
)


class SqliteAuthBackend:
    """The keys/audit file of the embedded store (WAL, one connection shared under a lock)."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._conn = sqlite3.connect(
            str(self.path), isolation_level=None, check_same_thread=False, timeout=30
        )
        self._conn.execute("PRAGMA journal_mode=WAL")
        # As the graph store: a commit survives the process crashing without waiting for the
        # disk each time (every answer appends to the contact register and the audit log).
        self._conn.execute("PRAGMA synchronous=NORMAL")
        for statement in _SCHEMA:
            self._conn.execute(statement)
        columns = {row[1] for row in self._conn.execute("PRAGMA table_info(api_key)")}
        if "staff_id" not in columns:  # files written before keys belonged to a person
            self._conn.execute("ALTER TABLE api_key ADD COLUMN staff_id TEXT")

    def _all(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            return self._conn.execute(sql, params).fetchall()

    def _run(self, sql: str, params: tuple[Any, ...] = ()) -> int:
        with self._lock:
            return self._conn.execute(sql, params).rowcount

    # ---- keys
    def insert_key(self, row: Row) -> None:
        values = (*(row[c] for c in _KEY_COLUMNS[:6]), int(row["revoked"]), row["staff_id"])
        self._run(
            f"INSERT INTO api_key({', '.join(_KEY_COLUMNS)}) VALUES (?,?,?,?,?,?,?,?)", values
        )

    def get_key(self, key_id: str) -> Row | None:
        rows = self._all(f"SELECT {', '.join(_KEY_COLUMNS)} FROM api_key WHERE key_id=?", (key_id,))
        return _key_row(rows[0]) if rows else None

    def list_keys(self) -> list[Row]:
        rows = self._all(f"SELECT {', '.join(_KEY_COLUMNS)} FROM api_key ORDER BY created, key_id")
        return [_key_row(r) for r in rows]

    def revoke_key(self, key_id: str) -> bool:
        return self._run("UPDATE api_key SET revoked = 1 WHERE key_id = ?", (key_id,)) > 0

    def delete_keys(self, key_ids: list[str]) -> int:
        return sum(self._run("DELETE FROM api_key WHERE key_id = ?", (k,)) for k in key_ids)

    # ---- audit
    def append_audit(self, row: Row) -> int:
        with self._lock:
            cur = self._conn.execute(
                "INSERT INTO audit(at, key_id, key_name, role, method, path, purpose, subjects)"
                " VALUES (?,?,'',?,?,?,?,?)",
                (
                    row["at"],
                    row["key_id"],
                    row["role"],
                    row["method"],
                    row["path"],
                    row["purpose"],
                    json.dumps(sorted(row["subjects"])),
                ),
            )
            return int(cur.lastrowid or 0)

    def audit_page(self, limit: int, offset: int) -> tuple[list[Row], int]:
        total = int(self._all("SELECT COUNT(*) FROM audit")[0][0])
        rows = self._all(
            f"SELECT {', '.join(_AUDIT_COLUMNS)} FROM audit ORDER BY seq DESC LIMIT ? OFFSET ?",
            (limit, offset),
        )
        return [_audit_row(r) for r in rows], total

    def audit_with(self, pseudonym: str) -> list[Row]:
        rows = self._all(
            f"SELECT {', '.join(_AUDIT_COLUMNS)} FROM audit WHERE instr(subjects, ?) > 0"
            " ORDER BY seq",
            (json.dumps(pseudonym),),
        )
        return [_audit_row(r) for r in rows]

    # ---- pseudonyms
    def pseudonyms(self, subjects: list[str], *, create: bool) -> dict[str, str]:
        import secrets

        out: dict[str, str] = {}
        with self._lock:
            for subject in dict.fromkeys(subjects):
                row = self._conn.execute(
                    "SELECT pseudonym FROM audit_subject WHERE subject = ?", (subject,)
                ).fetchone()
                if row is not None:
                    out[subject] = str(row[0])
                elif create:
                    token = f"p-{secrets.token_hex(8)}"
                    self._conn.execute(
                        "INSERT INTO audit_subject(subject, pseudonym) VALUES (?, ?)",
                        (subject, token),
                    )
                    out[subject] = token
        return out

    def subjects_of(self, pseudonyms: list[str]) -> dict[str, str]:
        out: dict[str, str] = {}
        for token in dict.fromkeys(pseudonyms):
            rows = self._all("SELECT subject FROM audit_subject WHERE pseudonym = ?", (token,))
            if rows:
                out[token] = str(rows[0][0])
        return out

    def forget_subject(self, subject: str) -> bool:
        return self._run("DELETE FROM audit_subject WHERE subject = ?", (subject,)) > 0

    # ---- contact register
    def append_contacts(self, rows: list[Row]) -> int:
        with self._lock:
            self._conn.executemany(
                "INSERT INTO contact_register(at, key_id, staff_id, organisation_id, contact_id,"
                " dossier_id, question) VALUES (?,?,?,?,?,?,?)",
                [tuple(r[c] for c in _CONTACT_COLUMNS[1:]) for r in rows],
            )
        return len(rows)

    def contacts_page(self, limit: int, offset: int) -> tuple[list[Row], int]:
        total = int(self._all("SELECT COUNT(*) FROM contact_register")[0][0])
        rows = self._all(
            f"SELECT {', '.join(_CONTACT_COLUMNS)} FROM contact_register ORDER BY seq"
            " LIMIT ? OFFSET ?",
            (limit, offset),
        )
        return [dict(zip(_CONTACT_COLUMNS, r, strict=True)) for r in rows], total

    def contacts_naming(self, person_id: str) -> list[Row]:
        rows = self._all(
            f"SELECT {', '.join(_CONTACT_COLUMNS)} FROM contact_register"
            " WHERE contact_id = ? OR staff_id = ? ORDER BY seq",
            (person_id, person_id),
        )
        return [dict(zip(_CONTACT_COLUMNS, r, strict=True)) for r in rows]

    def delete_contacts_naming(self, person_id: str) -> int:
        return self._run(
            "DELETE FROM contact_register WHERE contact_id = ? OR staff_id = ?",
            (person_id, person_id),
        )

    def close(self) -> None:
        with self._lock:
            self._conn.close()


def _key_row(r: tuple[Any, ...]) -> Row:
    row = dict(zip(_KEY_COLUMNS, r, strict=True))
    row["revoked"] = bool(row["revoked"])
    if isinstance(row["salt"], bytes):  # files written before the backends shared one shape
        row["salt"] = row["salt"].hex()
    return row


def _audit_row(r: tuple[Any, ...]) -> Row:
    row = dict(zip(_AUDIT_COLUMNS, r, strict=True))
    row["subjects"] = json.loads(row["subjects"])
    return row
