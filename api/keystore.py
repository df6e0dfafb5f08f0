"""API keys with roles, stored hashed in a small SQLite file next to the graph store.

A key looks like ``vb_<key id>_<secret>``. Only ``sha256(salt || secret)`` with a per-key random salt
is stored, so the file never holds a usable key; the plain key is shown once, when it is created.
The graph schema is untouched: keys (and the audit log, :mod:`api.audit`) live in their own file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
import sqlite3
import threading
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from api.settings import Settings
from api.stores import is_bolt_uri

__all__ = ["ApiKey", "KeyStore", "Role", "auth_db_path"]

_PREFIX = "vb_"


class Role(StrEnum):
    """Who holds a key. ``staff`` asks suggestions and follows a team, ``facilitator`` seats
    programme guests, ``admin`` manages the graph, keys and audit log."""

    STAFF = "staff"
    FACILITATOR = "facilitator"
    ADMIN = "admin"


@dataclass(frozen=True)
class ApiKey:
    """A stored key (never the secret itself)."""

    key_id: str
    name: str
    role: Role
    created: str
    revoked: bool = False
    #: The staff member (``staff:…``) the key belongs to: feedback, shortlists and introductions
    #: made with it are theirs. ``None`` for service and admin keys that are not a person.
    staff_id: str | None = None


def auth_db_path(settings: Settings) -> Path:
    """The keys/audit file: ``<store file>.auth`` for the embedded store, else ``./verbinder.auth``."""
    if is_bolt_uri(settings.store):
        return Path("verbinder.auth")
    return Path(f"{settings.store}.auth")


def _hash(salt: bytes, secret: str) -> str:
    return hashlib.sha256(salt + secret.encode("utf-8")).hexdigest()


class KeyStore:
    """Create, verify, list and revoke API keys.

    Parameters
    ----------
    path:
        The SQLite file (created when missing); shared with :class:`api.audit.AuditLog`.
    """

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._conn = sqlite3.connect(
            str(self.path), isolation_level=None, check_same_thread=False, timeout=30
        )
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute(
            "CREATE TABLE IF NOT EXISTS api_key ("
            " key_id TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL,"
            " salt BLOB NOT NULL, hash TEXT NOT NULL, created TEXT NOT NULL,"
            " revoked INTEGER NOT NULL DEFAULT 0)"
        )
        columns = {row[1] for row in self._conn.execute("PRAGMA table_info(api_key)")}
        if "staff_id" not in columns:  # files written before keys belonged to a person
            self._conn.execute("ALTER TABLE api_key ADD COLUMN staff_id TEXT")

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def create(
        self, role: Role | str, name: str, *, staff_id: str | None = None
    ) -> tuple[ApiKey, str]:
        """Store a new key; returns the stored record and the plain key (shown only now).

        ``staff_id`` binds the key to a person (a ``staff:…`` id, checked by the caller against
        the graph).
        """
        role = Role(role)
        name = name.strip()
        if not name:
            raise ValueError("a key needs a non-empty name")
        if staff_id is not None and not staff_id.startswith("staff:"):
            raise ValueError(f"staff_id '{staff_id}' is not a staff id (staff:…)")
        key_id = secrets.token_hex(6)
        secret = secrets.token_urlsafe(24)
        salt = secrets.token_bytes(16)
        created = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        with self._lock:
            self._conn.execute(
                "INSERT INTO api_key(key_id, name, role, salt, hash, created, staff_id)"
                " VALUES (?,?,?,?,?,?,?)",
                (key_id, name, role.value, salt, _hash(salt, secret), created, staff_id),
            )
        record = ApiKey(key_id=key_id, name=name, role=role, created=created, staff_id=staff_id)
        return record, f"{_PREFIX}{key_id}_{secret}"

    def verify(self, plain: str) -> ApiKey | None:
        """The key's record when ``plain`` is a valid, unrevoked key; otherwise ``None``."""
        if not plain.startswith(_PREFIX):
            return None
        key_id, sep, secret = plain[len(_PREFIX) :].partition("_")
        if not sep or not key_id or not secret:
            return None
        with self._lock:
            row = self._conn.execute(
                "SELECT name, role, salt, hash, created, revoked, staff_id"
                " FROM api_key WHERE key_id = ?",
                (key_id,),
            ).fetchone()
        if row is None:
            return None
        name, role, salt, stored, created, revoked, staff_id = row
        if not hmac.compare_digest(_hash(salt, secret), stored) or revoked:
            return None
        return ApiKey(key_id=key_id, name=name, role=Role(role), created=created, staff_id=staff_id)

    def list(self) -> list[ApiKey]:
        with self._lock:
            rows = self._conn.execute(
                "SELECT key_id, name, role, created, revoked, staff_id FROM api_key"
                " ORDER BY created, key_id"
            ).fetchall()
        return [
            ApiKey(key_id=k, name=n, role=Role(r), created=c, revoked=bool(rev), staff_id=s)
            for k, n, r, c, rev, s in rows
        ]

    def revoke(self, key_id: str) -> bool:
        with self._lock:
            cur = self._conn.execute("UPDATE api_key SET revoked = 1 WHERE key_id = ?", (key_id,))
        return cur.rowcount > 0

    def count(self) -> int:
        with self._lock:
            return int(self._conn.execute("SELECT COUNT(*) FROM api_key").fetchone()[0])
