"""The API's keys, audit log, pseudonyms and contact register in the Neo4j database of the graph.

Every API replica on one database therefore sees the same keys and revocations and writes one
audit log. Rows are plain dicts in the shape of :class:`api.authstore.AuthBackend`; all statements
are constants in :mod:`graph.neo4j_queries`. There is no statement that changes or deletes an
``:AuditEntry``: the log is append-only.
"""

from __future__ import annotations

import secrets
from typing import Any

from graph.neo4j_queries import (
    APPEND_AUDIT_QUERY,
    APPEND_CONTACTS_QUERY,
    AUDIT_PAGE_QUERY,
    AUDIT_WITH_QUERY,
    CONTACTS_NAMING_QUERY,
    CONTACTS_PAGE_QUERY,
    COUNT_AUDIT_QUERY,
    COUNT_CONTACTS_QUERY,
    CREATE_PSEUDONYMS_QUERY,
    DELETE_CONTACTS_NAMING_QUERY,
    DELETE_KEYS_QUERY,
    FORGET_SUBJECT_QUERY,
    GET_KEY_QUERY,
    GET_PSEUDONYMS_QUERY,
    INSERT_KEY_QUERY,
    LIST_KEYS_QUERY,
    REVOKE_KEY_QUERY,
    SUBJECTS_OF_QUERY,
)
from graph.neo4j_store import Neo4jGraphStore

__all__ = ["Neo4jAuthBackend"]

Row = dict[str, Any]


def _single(tx: Any, query: str, params: Row, field: str) -> int:
    return int(tx.run(query, params).single()[field])


class Neo4jAuthBackend:
    """Keys and logs beside the graph in ``store``'s database (the store's driver is shared)."""

    def __init__(self, store: Neo4jGraphStore):
        self.store = store

    # ---- keys
    def insert_key(self, row: Row) -> None:
        params = {k: row[k] for k in ("key_id", "name", "role", "salt", "hash", "created")}
        params["staff_id"] = row["staff_id"]
        self.store.run_write("create key", lambda tx: tx.run(INSERT_KEY_QUERY, params).consume())

    def get_key(self, key_id: str) -> Row | None:
        rows = self.store.run_read(GET_KEY_QUERY, key_id=key_id)
        return _key(rows[0]) if rows else None

    def list_keys(self) -> list[Row]:
        rows = [_key(r) for r in self.store.run_read(LIST_KEYS_QUERY)]
        return sorted(rows, key=lambda r: (r["created"], r["key_id"]))

    def revoke_key(self, key_id: str) -> bool:
        params = {"key_id": key_id}
        return bool(
            self.store.run_write(
                "revoke key", lambda tx: _single(tx, REVOKE_KEY_QUERY, params, "revoked")
            )
        )

    def delete_keys(self, key_ids: list[str]) -> int:
        if not key_ids:
            return 0
        params = {"key_ids": list(key_ids)}
        return self.store.run_write(
            "delete keys", lambda tx: _single(tx, DELETE_KEYS_QUERY, params, "deleted")
        )

    # ---- audit
    def append_audit(self, row: Row) -> int:
        params = dict(row, subjects=list(row["subjects"]))
        return self.store.run_write(
            "audit", lambda tx: _single(tx, APPEND_AUDIT_QUERY, params, "seq")
        )

    def audit_page(self, limit: int, offset: int) -> tuple[list[Row], int]:
        total = int(self.store.run_read(COUNT_AUDIT_QUERY)[0]["total"])
        rows = self.store.run_read(AUDIT_PAGE_QUERY, limit=int(limit), offset=int(offset))
        return [_audit(r) for r in rows], total

    def audit_with(self, pseudonym: str) -> list[Row]:
        return [_audit(r) for r in self.store.run_read(AUDIT_WITH_QUERY, pseudonym=pseudonym)]

    # ---- pseudonyms
    def pseudonyms(self, subjects: list[str], *, create: bool) -> dict[str, str]:
        wanted = list(dict.fromkeys(subjects))
        if not wanted:
            return {}
        if not create:
            rows = self.store.run_read(GET_PSEUDONYMS_QUERY, subjects=wanted)
            return {str(r["subject"]): str(r["pseudonym"]) for r in rows}
        params = {
            "rows": [{"subject": s, "pseudonym": f"p-{secrets.token_hex(8)}"} for s in wanted]
        }

        def work(tx: Any) -> list[Row]:
            return [r.data() for r in tx.run(CREATE_PSEUDONYMS_QUERY, params)]

        rows = self.store.run_write("pseudonyms", work)
        return {str(r["subject"]): str(r["pseudonym"]) for r in rows}

    def subjects_of(self, pseudonyms: list[str]) -> dict[str, str]:
        if not pseudonyms:
            return {}
        rows = self.store.run_read(SUBJECTS_OF_QUERY, pseudonyms=list(dict.fromkeys(pseudonyms)))
        return {str(r["pseudonym"]): str(r["subject"]) for r in rows}

    def forget_subject(self, subject: str) -> bool:
        params = {"subject": subject}
        return bool(
            self.store.run_write(
                "forget subject", lambda tx: _single(tx, FORGET_SUBJECT_QUERY, params, "forgotten")
            )
        )

    # ---- contact register
    def append_contacts(self, rows: list[Row]) -> int:
        if not rows:
            return 0
        params = {"rows": [dict(r) for r in rows]}
        self.store.run_write(
            "contact register", lambda tx: tx.run(APPEND_CONTACTS_QUERY, params).consume()
        )
        return len(rows)

    def contacts_page(self, limit: int, offset: int) -> tuple[list[Row], int]:
        total = int(self.store.run_read(COUNT_CONTACTS_QUERY)[0]["total"])
        rows = self.store.run_read(CONTACTS_PAGE_QUERY, limit=int(limit), offset=int(offset))
        return [dict(r) for r in rows], total

    def contacts_naming(self, person_id: str) -> list[Row]:
        return [dict(r) for r in self.store.run_read(CONTACTS_NAMING_QUERY, person_id=person_id)]

    def delete_contacts_naming(self, person_id: str) -> int:
        params = {"person_id": person_id}
        return self.store.run_write(
            "contact register",
            lambda tx: _single(tx, DELETE_CONTACTS_NAMING_QUERY, params, "deleted"),
        )

    def close(self) -> None:
        """Nothing to close: the store owns the driver."""


def _key(r: Row) -> Row:
    return dict(r, revoked=bool(r["revoked"]))


def _audit(r: Row) -> Row:
    return dict(r, seq=int(r["seq"]), subjects=[str(s) for s in r["subjects"] or []])
