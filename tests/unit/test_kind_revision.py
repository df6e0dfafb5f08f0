"""Per-kind node revisions of the embedded store, and the people cache keyed by them."""

from __future__ import annotations

import sqlite3

from api.privacy import persons_of
from graph.model import Contact, Interacted, Organisation, Staff, WorksAt
from graph.sqlite_store import _MIGRATIONS, SCHEMA_VERSION, SqliteGraphStore, _statements


def test_a_kind_revision_counts_that_kind_s_node_writes_only(tmp_path):
    s = SqliteGraphStore(tmp_path / "g.db")
    assert s.kind_revision("staff", "organisation") == (0, 0)
    s.write([Staff(id="staff:1", name="Anna")], [])
    s.write([Organisation(id="org:1", name="Eneco", org_kind="company")], [])
    assert s.kind_revision("staff", "organisation") == (1, 1)
    s.write([], [Interacted(source="staff:1", target="org:1", date="2026-01-05")])
    assert s.kind_revision("staff", "organisation") == (1, 1)  # an edge: no node changed
    s.write([Staff(id="staff:1", name="Anna de Vries")], [])
    s.delete_node("org:1")
    assert s.kind_revision("staff", "organisation") == (2, 2)
    other = SqliteGraphStore(tmp_path / "g.db")  # another writer, same file: same counts
    other.write([Staff(id="staff:2", name="Bram")], [])
    assert s.kind_revision("staff") == (3,)
    other.close()
    s.close()


def test_a_store_of_the_previous_schema_gains_the_counts(tmp_path):
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    for script in _MIGRATIONS[: SCHEMA_VERSION - 1]:
        for statement in _statements(script):
            conn.execute(statement)
    conn.execute(
        "INSERT INTO node(id, kind, data) VALUES ('staff:1', 'staff', ?)",
        (Staff(id="staff:1", name="Anna").model_dump_json(),),
    )
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
    conn.commit()
    conn.close()
    s = SqliteGraphStore(path)
    assert s.schema_version == SCHEMA_VERSION and s.get_node("staff:1").name == "Anna"
    before = s.kind_revision("staff")
    s.write([Staff(id="staff:1", name="Anna de Vries")], [])
    assert s.kind_revision("staff") == (before[0] + 1,)
    s.close()


def test_people_are_read_again_only_when_a_person_changes(tmp_path):
    s = SqliteGraphStore(tmp_path / "p.db")
    s.write(
        [
            Organisation(id="org:1", name="Eneco", org_kind="company"),
            Contact(id="contact:1", name="Petra Visser", consent=True, consent_date="2026-01-01"),
        ],
        [WorksAt(source="contact:1", target="org:1")],
    )
    people = persons_of(s)
    s.write([Organisation(id="org:2", name="TNO", org_kind="knowledge_institute")], [])
    assert persons_of(s) is people  # an organisation is nobody's personal data
    s.write([Contact(id="contact:2", name="Karel Jansen", consent=False)], [])
    again = persons_of(s)
    assert again is not people and "Karel Jansen" in again.by_text
    s.close()
