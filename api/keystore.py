"""API keys with roles, stored hashed in the auth backend (:mod:`api.authstore`).

A key looks like ``vb_<key id>_<secret>``. Only ``sha256(salt || secret)`` with a per-key random salt
is stored, so the backend never holds a usable key; the plain key is shown once, when it is created.
The embedded store keeps keys (and the audit log, :mod:`api.audit`) in a file beside it; a Neo4j
store keeps them in the database itself, so a key revoked through one API replica is refused by
every other.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from api.authstore import AuthBackend, SqliteAuthBackend, auth_db_path

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


def _hash(salt: bytes, secret: str) -> str:
    return hashlib.sha256(salt + secret.encode("utf-8")).hexdigest()


def _backend(source: AuthBackend | str | Path) -> tuple[AuthBackend, bool]:
    """The backend and whether the caller owns it (opened here from a path)."""
    if isinstance(source, str | Path):
        return SqliteAuthBackend(source), True
    return source, False


def _record(row: dict[str, Any]) -> ApiKey:
    return ApiKey(
        key_id=row["key_id"],
        name=row["name"],
        role=Role(row["role"]),
        created=row["created"],
        revoked=bool(row["revoked"]),
        staff_id=row["staff_id"],
    )


class KeyStore:
    """Create, verify, list, revoke and delete API keys.

    Parameters
    ----------
    backend:
        An :class:`~api.authstore.AuthBackend` (shared with :class:`api.audit.AuditLog`), or the
        path of an embedded keys file (opened, and closed with the key store).
    """

    def __init__(self, backend: AuthBackend | str | Path):
        self.backend, self._owns = _backend(backend)

    @property
    def path(self) -> Path | None:
        """The keys file of an embedded store (``None`` when the keys are in Neo4j)."""
        return self.backend.path if isinstance(self.backend, SqliteAuthBackend) else None

    def close(self) -> None:
        if self._owns:
            self.backend.close()

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
        row = {
            "key_id": key_id,
            "name": name,
            "role": role.value,
            "salt": salt.hex(),
            "hash": _hash(salt, secret),
            "created": created,
            "revoked": False,
            "staff_id": staff_id,
        }
        self.backend.insert_key(row)
        return _record(row), f"{_PREFIX}{key_id}_{secret}"

    def verify(self, plain: str) -> ApiKey | None:
        """The key's record when ``plain`` is a valid, unrevoked key; otherwise ``None``."""
        if not plain.startswith(_PREFIX):
            return None
        key_id, sep, secret = plain[len(_PREFIX) :].partition("_")
        if not sep or not key_id or not secret:
            return None
        row = self.backend.get_key(key_id)
        if row is None:
            return None
        if not hmac.compare_digest(_hash(bytes.fromhex(row["salt"]), secret), row["hash"]):
            return None
        return None if row["revoked"] else _record(row)

    def get(self, key_id: str) -> ApiKey | None:
        row = self.backend.get_key(key_id)
        return _record(row) if row is not None else None

    def list(self) -> list[ApiKey]:
        return [_record(r) for r in self.backend.list_keys()]

    def revoke(self, key_id: str) -> bool:
        return self.backend.revoke_key(key_id)

    def delete(self, key_ids: Sequence[str]) -> int:
        """Remove keys altogether (erasure of the person they belong to)."""
        return self.backend.delete_keys(list(key_ids))

    def count(self) -> int:
        return len(self.backend.list_keys())
