"""Keys, audit log, pseudonyms and contact register behave the same in both auth backends: the
keys file of the embedded store and the Neo4j database (here the session's Bolt server)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.audit import ERASED, AuditLog
from api.authstore import AuthBackend, SqliteAuthBackend
from api.http.app import create_app
from api.keystore import KeyStore, Role
from api.settings import Settings
from graph.model import Staff


@pytest.fixture(params=["sqlite", "neo4j"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[AuthBackend]:
    if request.param == "sqlite":
        b: AuthBackend = SqliteAuthBackend(tmp_path / "store.db.auth")
        yield b
        b.close()
    else:
        from graph.neo4j_auth import Neo4jAuthBackend

        yield Neo4jAuthBackend(request.getfixturevalue("neo4j_store"))


def test_keys_verify_revoke_and_delete(backend: AuthBackend) -> None:
    keys = KeyStore(backend)
    record, plain = keys.create(Role.STAFF, "Directie Water", staff_id="staff:1")
    assert keys.verify(plain) == record
    assert keys.verify(plain + "x") is None
    assert keys.verify("vb_unknown_secret") is None
    assert [k.key_id for k in keys.list()] == [record.key_id]
    assert keys.revoke(record.key_id) and not keys.revoke("nope")
    assert keys.verify(plain) is None
    assert keys.list()[0].revoked
    assert keys.delete([record.key_id]) == 1
    assert keys.count() == 0


def test_audit_is_numbered_pseudonymised_and_unlinked_by_erasure(backend: AuthBackend) -> None:
    keys = KeyStore(backend)
    record, _ = keys.create(Role.ADMIN, "Beheer")
    log = AuditLog(backend)
    first = log.record(
        key_id=record.key_id,
        role="admin",
        method="GET",
        path="/api/v1/nodes/staff:1",
        purpose="graph",
        subjects=["staff:1", "contact:2"],
    )
    second = log.record(
        key_id=record.key_id,
        role="admin",
        method="GET",
        path="/api/v1/nodes/contact:2",
        purpose="graph",
        subjects=["contact:2"],
    )
    assert second == first + 1
    entries, total = log.entries()
    assert total == 2
    assert [e.seq for e in entries] == [second, first]  # newest first
    assert entries[1].subjects == ["contact:2", "staff:1"]
    assert entries[1].path == "/api/v1/nodes/staff:1"
    assert entries[1].key_name == "Beheer"
    stored = backend.audit_page(10, 0)[0]
    assert all("staff:1" not in str(row) and "contact:2" not in str(row) for row in stored)
    assert [e.seq for e in log.entries_about("staff:1")] == [first]

    assert backend.forget_subject("staff:1")
    assert log.entries_about("staff:1") == []
    entries, total = log.entries()
    assert total == 2  # nothing removed from the log
    assert entries[1].subjects == ["contact:2", ERASED]
    assert entries[1].path == f"/api/v1/nodes/{ERASED}"


def test_contact_register_appends_lists_and_forgets(backend: AuthBackend) -> None:
    rows = [
        {
            "at": "2026-12-01T10:00:00+00:00",
            "key_id": "k1",
            "staff_id": "staff:1",
            "organisation_id": f"org:{i}",
            "contact_id": f"contact:{i}",
            "dossier_id": None,
            "question": "",
        }
        for i in range(3)
    ]
    assert backend.append_contacts(rows) == 3
    page, total = backend.contacts_page(10, 0)
    assert total == 3
    assert [r["seq"] for r in page] == [1, 2, 3]
    assert [r["contact_id"] for r in backend.contacts_naming("contact:1")] == ["contact:1"]
    assert backend.delete_contacts_naming("contact:1") == 1
    assert backend.contacts_page(10, 0)[1] == 2


def test_a_key_revoked_on_one_replica_is_refused_by_another(bolt_server, neo4j_database) -> None:
    """Two app instances on one Bolt database share keys, revocations and one audit log."""
    bolt_server.empty_database(neo4j_database)
    first_store = bolt_server.open_store(neo4j_database)
    second_store = bolt_server.open_store(neo4j_database)
    try:
        first_store.write([Staff(id="staff:1", name="Anna de Vries")], [])
        settings = Settings(store="bolt://replicas.invalid:7687", encoder="hashing")
        one = TestClient(create_app(settings, store=first_store))
        two = TestClient(create_app(settings, store=second_store))
        keys = KeyStore(one.app.state.runtime.auth)  # type: ignore[attr-defined]
        _, admin_one = keys.create(Role.ADMIN, "Beheer 1")
        _, admin_two = keys.create(Role.ADMIN, "Beheer 2")
        staff, staff_plain = keys.create(Role.STAFF, "Medewerker", staff_id="staff:1")

        ok = two.get("/api/v1/nodes/staff:1", headers={"X-API-Key": staff_plain})
        assert ok.status_code == 200
        assert one.get("/api/v1/nodes/staff:1", headers={"X-API-Key": admin_one}).status_code == 200
        assert two.get("/api/v1/nodes/staff:1", headers={"X-API-Key": admin_two}).status_code == 200
        revoked = one.delete(f"/api/v1/admin/keys/{staff.key_id}", headers={"X-API-Key": admin_one})
        assert revoked.status_code == 200
        refused = two.get("/api/v1/nodes/staff:1", headers={"X-API-Key": staff_plain})
        assert refused.status_code == 401

        log = two.get("/api/v1/admin/audit", headers={"X-API-Key": admin_two}).json()
        names = {e["key_name"] for e in log["items"] if e["subjects"] == ["staff:1"]}
        assert {"Beheer 1", "Beheer 2"} <= names
        same = one.get("/api/v1/admin/audit", headers={"X-API-Key": admin_one}).json()
        assert same["total"] == log["total"]
    finally:
        first_store.close()
        second_store.close()
