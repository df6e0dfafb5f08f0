"""AVG rights on every store: access returns everything about a person; after an erasure no node,
edge, cached vector, export line or audit entry (but the tombstone) holds their id or name."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from api.audit import AuditLog
from api.authstore import AuthBackend, SqliteAuthBackend
from api.keystore import KeyStore, Role
from api.subject_rights import (
    NotAPersonError,
    apply_retention,
    erase_person,
    personal_data,
)
from graph.io import export_graph
from graph.model import Contact, Feedback, Interacted, Organisation, Staff, Team, WorksAt
from graph.store import GraphStore, text_hash
from matcher.text.encoders import HashingEncoder, cache_key, encode_cached
from matcher.text.profiles import build_profiles

PIET = Contact(
    id="contact:piet",
    name="Piet Bakker",
    role="beleidsadviseur",
    expertise="Dijkversterking en waterveiligheid",
    email="piet@hhnk.nl",
    consent=True,
    consent_date=dt.date(2025, 1, 1),
)
ANNA = Staff(
    id="staff:anna", name="Anna de Vries", expertise="Fietsbeleid", email="anna@minienw.nl"
)


def _network() -> tuple[list, list]:
    nodes = [
        PIET,
        ANNA,
        Staff(id="staff:bob", name="Bob Jansen"),
        Organisation(id="org:hhnk", name="HHNK", org_kind="public_body"),
        Team(id="team:1", name="Team Dijk", challenge="Samen met Piet Bakker en Anna de Vries"),
    ]
    edges = [
        WorksAt(source="contact:piet", target="org:hhnk"),
        Interacted(source="staff:anna", target="contact:piet", date=dt.date(2025, 3, 1)),
        Interacted(
            source="staff:bob",
            target="org:hhnk",
            date=dt.date(2025, 4, 1),
            note="Piet Bakker belde; Anna de Vries was erbij",
        ),
        Interacted(source="staff:bob", target="org:hhnk", date=dt.date(2019, 4, 1), key="old"),
        Feedback(
            source="staff:anna", target="contact:piet", date=dt.date(2025, 5, 1), outcome="met"
        ),
    ]
    return nodes, edges


@pytest.fixture
def auth(store: GraphStore, tmp_path: Path) -> Iterator[AuthBackend]:
    from graph.neo4j_store import Neo4jGraphStore

    if isinstance(store, Neo4jGraphStore):
        from graph.neo4j_auth import Neo4jAuthBackend

        yield Neo4jAuthBackend(store)
        return
    backend = SqliteAuthBackend(tmp_path / "auth")
    yield backend
    backend.close()


def _texts(store: GraphStore, person: Contact | Staff) -> list[str]:
    """The person's own profile text (as the suggestions embed it) and their expertise."""
    return [build_profiles(store, person.KIND)[person.id][0], person.expertise]


def _fill(store: GraphStore, auth: AuthBackend) -> tuple[KeyStore, AuditLog, str]:
    nodes, edges = _network()
    store.write(nodes, edges)
    encoder = HashingEncoder(dim=16)
    for person in (PIET, ANNA):
        encode_cached(encoder, _texts(store, person), store)
    keys = KeyStore(auth)
    admin, _ = keys.create(Role.ADMIN, "Beheer")
    keys.create(Role.STAFF, "Anna de Vries", staff_id="staff:anna")
    log = AuditLog(auth)
    for subjects in (["contact:piet"], ["staff:anna", "staff:bob"], ["staff:bob"]):
        log.record(
            key_id=admin.key_id,
            role="admin",
            method="GET",
            path=f"/api/v1/nodes/{subjects[0]}",
            purpose="graph",
            subjects=subjects,
        )
    auth.append_contacts(
        [
            {
                "at": "2026-12-01T10:00:00+00:00",
                "key_id": admin.key_id,
                "staff_id": "staff:anna",
                "organisation_id": "org:hhnk",
                "contact_id": "contact:piet",
                "dossier_id": None,
                "question": "",
            }
        ]
    )
    return keys, log, admin.key_id


def test_access_returns_everything_about_a_person(store: GraphStore, auth: AuthBackend) -> None:
    keys, log, _ = _fill(store, auth)
    data = personal_data(store, keys, log, "staff:anna")
    assert data["person"]["name"] == "Anna de Vries"
    assert {(e["kind"], e["target"]) for e in data["edges"]} == {("INTERACTED", "contact:piet")}
    assert [e["outcome"] for e in data["feedback"]] == ["met"]
    assert [n["id"] for n in data["mentioned_in"]["nodes"]] == ["team:1"]
    assert [e["source"] for e in data["mentioned_in"]["edges"]] == ["staff:bob"]
    assert [k["name"] for k in data["api_keys"]] == ["Anna de Vries"]
    assert [e["subjects"] for e in data["audit"]] == [["staff:anna", "staff:bob"]]
    assert [r["contact_id"] for r in data["contact_register"]] == ["contact:piet"]
    with pytest.raises(NotAPersonError):
        personal_data(store, keys, log, "org:hhnk")


@pytest.mark.parametrize("person", [PIET, ANNA], ids=["contact", "staff"])
def test_after_erasure_nothing_holds_the_person(
    store: GraphStore, auth: AuthBackend, tmp_path: Path, person: Contact | Staff
) -> None:
    keys, log, admin = _fill(store, auth)
    model = cache_key(HashingEncoder(dim=16))
    texts = _texts(store, person)
    hashes = [text_hash(prefix + t) for prefix in ("", "passage: ") for t in texts]
    assert len(store.get_vectors(model, hashes)) == len(set(texts))

    report = erase_person(
        store,
        keys,
        log,
        person.id,
        actor_key_id=admin,
        actor_role="admin",
        method="DELETE",
        path=f"/api/v1/privacy/{person.id}",
    )
    assert report.rewritten_nodes == 1 and report.rewritten_edges == 1

    needles = [person.id.lower(), person.name.lower(), person.email.lower()]

    def clean(text: str) -> bool:
        return not any(n in text.lower() for n in needles)

    assert not store.has_node(person.id)
    assert all(clean(n.model_dump_json()) for n in store.nodes())
    assert all(clean(e.model_dump_json()) for e in store.edges())
    assert "[gewist]" in store.get_node("team:1").model_dump_json()
    assert store.get_vectors(model, hashes) == {}
    export_graph(store, tmp_path / "after.json")
    assert all(clean(line) for line in (tmp_path / "after.json").read_text().splitlines())
    entries, total = log.entries(limit=100)
    assert total == 4  # the log only grew: three entries and the tombstone
    tombstone = [e for e in entries if e.purpose == "erasure"]
    assert len(tombstone) == 1 and tombstone[0].subjects == []
    assert all(clean(str(e.to_dict())) for e in entries)
    assert all(clean(str(row)) for row in auth.audit_page(100, 0)[0])
    assert log.entries_about(person.id) == []
    assert all(clean(str(k)) for k in keys.list())
    assert all(clean(str(r)) for r in auth.contacts_page(100, 0)[0])
    # A second run finds nothing left to erase.
    with pytest.raises(KeyError):
        erase_person(
            store, keys, log, person.id, actor_key_id=admin, actor_role="admin", method="", path=""
        )


def test_retention_removes_only_old_interactions(store: GraphStore, auth: AuthBackend) -> None:
    _fill(store, auth)
    today = dt.date(2026, 12, 3)
    dry = apply_retention(store, 5, today=today)
    assert (dry.cutoff, dry.found, dry.removed) == (dt.date(2021, 12, 3), 1, 0)
    assert len(store.edges("INTERACTED")) == 3
    done = apply_retention(store, 5, today=today, apply=True)
    assert (done.found, done.removed) == (1, 1)
    assert {e.key for e in store.edges("INTERACTED")} == {""}
    assert len(store.edges("INTERACTED")) == 2
