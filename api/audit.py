"""Append-only audit log of every read of personal data: who, what, when, through which route.

Entries go to the auth backend (:mod:`api.authstore`): the keys file of the embedded store, or
the Neo4j database itself, so all API replicas write one log. Neither backend can change or remove
an entry. Entries never hold personal data: the people shown are recorded by pseudonym (``p-…``),
and their ids in the request path are replaced by the same pseudonyms; reading the log resolves
pseudonyms back to ids. Erasing a person forgets their pseudonym, so every entry about them stays
in the log but no longer points to anyone. The key's name is not copied into entries either (a
key may be named after a person); it is looked up when the log is read.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from api.authstore import AuthBackend, SqliteAuthBackend
from matcher.vocabulary import ERASED_NL

__all__ = ["ERASED", "AuditEntry", "AuditLog"]

#: Shown instead of the id of a person who was erased (their pseudonym is forgotten).
ERASED = ERASED_NL
#: Every pseudonym starts with this.
PSEUDONYM_PREFIX = "p-"


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


def _resolved(token: str, ids: dict[str, str]) -> str:
    """The id behind a pseudonym; an erased person's is forgotten. Entries written before
    pseudonyms hold the id itself."""
    if not token.startswith(PSEUDONYM_PREFIX):
        return token
    return ids.get(token, ERASED)


class AuditLog:
    """Record and read personal-data disclosures.

    Parameters
    ----------
    backend:
        An :class:`~api.authstore.AuthBackend` (shared with :class:`api.keystore.KeyStore`), or the
        path of an embedded keys file (opened, and closed with the log).
    """

    def __init__(self, backend: AuthBackend | str | Path):
        if isinstance(backend, str | Path):
            self.backend: AuthBackend = SqliteAuthBackend(backend)
            self._owns = True
        else:
            self.backend, self._owns = backend, False

    @property
    def path(self) -> Path | None:
        """The keys/audit file of an embedded store (``None`` when the log is in Neo4j)."""
        return self.backend.path if isinstance(self.backend, SqliteAuthBackend) else None

    def close(self) -> None:
        if self._owns:
            self.backend.close()

    def record(
        self,
        *,
        key_id: str,
        key_name: str = "",
        role: str,
        method: str,
        path: str,
        purpose: str,
        subjects: list[str],
    ) -> int:
        """Append one entry (``subjects``: the ids whose personal data was shown); returns its
        sequence number. ``key_name`` is accepted for callers' convenience and not stored."""
        tokens = self.backend.pseudonyms(sorted(subjects), create=True)
        for subject in sorted(tokens, key=len, reverse=True):
            path = path.replace(subject, tokens[subject])
        return self.backend.append_audit(
            {
                "at": dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds"),
                "key_id": key_id,
                "role": role,
                "method": method,
                "path": path,
                "purpose": purpose,
                "subjects": sorted(tokens.values()),
            }
        )

    def record_tombstone(self, *, key_id: str, role: str, method: str, path: str) -> int:
        """The trace of an erasure: who erased, when and how, naming nobody."""
        return self.backend.append_audit(
            {
                "at": dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds"),
                "key_id": key_id,
                "role": role,
                "method": method,
                "path": path,
                "purpose": "erasure",
                "subjects": [],
            }
        )

    def entries(self, *, limit: int = 100, offset: int = 0) -> tuple[list[AuditEntry], int]:
        """Newest first, with the total number of entries."""
        rows, total = self.backend.audit_page(limit, offset)
        return self._resolve(rows), total

    def entries_about(self, subject: str) -> list[AuditEntry]:
        """Every entry that shows ``subject`` (oldest first); none once they were erased."""
        token = self.backend.pseudonyms([subject], create=False).get(subject)
        return self._resolve(self.backend.audit_with(token)) if token else []

    def _resolve(self, rows: list[dict[str, Any]]) -> list[AuditEntry]:
        tokens = sorted({t for r in rows for t in r["subjects"]})
        ids = self.backend.subjects_of(tokens)
        names: dict[str, str] = {}
        out = []
        for r in rows:
            path = str(r["path"])
            for token in r["subjects"]:
                path = path.replace(token, _resolved(token, ids))
            key_id = str(r["key_id"])
            if key_id not in names:
                row = self.backend.get_key(key_id)
                names[key_id] = str(row["name"]) if row is not None else ""
            out.append(
                AuditEntry(
                    seq=int(r["seq"]),
                    at=str(r["at"]),
                    key_id=key_id,
                    key_name=names[key_id],
                    role=str(r["role"]),
                    method=str(r["method"]),
                    path=path,
                    purpose=str(r["purpose"]),
                    subjects=sorted(_resolved(t, ids) for t in r["subjects"]),
                )
            )
        return out

    def count(self) -> int:
        return self.backend.audit_page(1, 0)[1]
