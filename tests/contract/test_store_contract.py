"""Contract every GraphStore must honour (run against each backend in conftest.BACKENDS)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from graph import IntegrityError, NotFoundError, text_hash
from graph.model import (
    Contact,
    Dossier,
    DossierPhase,
    Interacted,
    InteractionKind,
    Milestone,
    NsobRole,
    Organisation,
    OrganisationKind,
    Outcome,
    Staff,
    StakeholderIn,
    WorksAt,
    WorksOn,
)

D = dt.date


def small_graph():
    nodes = [
        Staff(id="staff:1", name="Anna de Vries", directorate="DGWB", expertise="dijkversterking"),
        Staff(id="staff:2", name="Bram Jansen", directorate="DGMo", expertise="fietsbeleid"),
        Organisation(
            id="org:tno",
            name="TNO",
            org_kind=OrganisationKind.KNOWLEDGE_INSTITUTE,
            sectors=["energie", "water"],
            description="Toegepast onderzoek",
        ),
        Organisation(id="org:eneco", name="Eneco", org_kind=OrganisationKind.COMPANY),
        Contact(id="contact:1", name="Cees Bakker", consent=True, consent_date=D(2025, 1, 2)),
        Contact(id="contact:2", name="Dirk Smit", consent=False),
        Dossier(
            id="dossier:afsluitdijk",
            title="Afsluitdijk",
            phase=DossierPhase.IMPLEMENTATION,
            roles=[NsobRole.PRESTEREND, NsobRole("participerend")],
            milestones=[Milestone(date=D(2026, 5, 1), label="Oplevering")],
        ),
    ]
    edges = [
        WorksOn(source="staff:1", target="dossier:afsluitdijk", date=D(2024, 1, 1)),
        WorksAt(source="contact:1", target="org:tno"),
        WorksAt(source="contact:2", target="org:eneco"),
        StakeholderIn(source="org:tno", target="dossier:afsluitdijk", date=D(2024, 3, 1)),
        Interacted(
            source="staff:1",
            target="contact:1",
            key="2025-03-12",
            date=D(2025, 3, 12),
            interaction=InteractionKind.GUEST_TABLE,
            outcome=Outcome.POSITIVE,
        ),
        Interacted(
            source="staff:1",
            target="contact:1",
            key="2025-06-01",
            date=D(2025, 6, 1),
            interaction=InteractionKind.MEETING,
        ),
        Interacted(source="staff:2", target="org:eneco", key="a", date=D(2026, 1, 5)),
    ]
    return nodes, edges


@pytest.fixture
def filled(store):
    nodes, edges = small_graph()
    assert store.write(nodes, edges) == (len(nodes), len(edges))
    return store


def test_roundtrip_nodes_exactly(filled):
    nodes, _ = small_graph()
    for node in nodes:
        assert filled.get_node(node.id) == node
    assert filled.nodes() == sorted(nodes, key=lambda n: n.id)
    assert [n.id for n in filled.nodes("staff")] == ["staff:1", "staff:2"]


def test_roundtrip_edges_exactly(filled):
    _, edges = small_graph()
    got = filled.edges()
    assert sorted(got, key=lambda e: e.identity) == sorted(edges, key=lambda e: e.identity)
    assert got == sorted(got, key=lambda e: e.identity)


def test_alias_participerend_reads_back_as_responsief(filled):
    assert filled.get_node("dossier:afsluitdijk").roles == [
        NsobRole.PRESTEREND,
        NsobRole.RESPONSIEF,
    ]


def test_get_missing_node_raises_not_found(store):
    with pytest.raises(NotFoundError):
        store.get_node("staff:nobody")
    assert not store.has_node("staff:nobody")


def test_get_nodes_skips_missing(filled):
    got = filled.get_nodes(["staff:1", "nope", "org:tno"])
    assert set(got) == {"staff:1", "org:tno"}


def test_upsert_replaces_fields(filled):
    filled.upsert_nodes([Staff(id="staff:1", name="Anna de Vries", expertise="kustveiligheid")])
    assert filled.get_node("staff:1").expertise == "kustveiligheid"
    assert filled.counts()["staff"] == 2


def test_edge_upsert_is_keyed_by_identity(filled):
    filled.upsert_edges(
        [
            Interacted(
                source="staff:1",
                target="contact:1",
                key="2025-06-01",
                date=D(2025, 6, 1),
                outcome=Outcome.FOLLOW_UP,
            )
        ]
    )
    got = filled.edges("INTERACTED", source="staff:1")
    assert len(got) == 2
    assert {e.outcome for e in got} == {Outcome.POSITIVE, Outcome.FOLLOW_UP}


def test_dangling_edge_rejected_and_nothing_written(filled):
    before = (filled.counts(), filled.revision)
    with pytest.raises(IntegrityError, match="unknown node 'org:ghost'"):
        filled.write(
            [Staff(id="staff:3", name="Nieuw")],
            [
                WorksOn(source="staff:3", target="dossier:afsluitdijk"),
                StakeholderIn(source="org:ghost", target="dossier:afsluitdijk"),
            ],
        )
    assert not filled.has_node("staff:3")
    assert (filled.counts(), filled.revision) == before


def test_wrong_endpoint_kind_rejected(filled):
    with pytest.raises(IntegrityError, match="WORKS_ON needs dossier"):
        filled.upsert_edges([WorksOn(source="staff:1", target="org:tno")])


def test_edge_endpoints_may_come_in_same_batch(store):
    store.write(
        [Staff(id="staff:9", name="X"), Dossier(id="dossier:9", title="Y")],
        [WorksOn(source="staff:9", target="dossier:9")],
    )
    assert store.counts() == {"staff": 1, "dossier": 1, "WORKS_ON": 1}


def test_changing_a_node_kind_is_refused(filled):
    with pytest.raises(IntegrityError):
        filled.upsert_nodes([Dossier(id="staff:1", title="not a person")])
    assert filled.get_node("staff:1").KIND == "staff"


def test_delete_node_cascades_edges(filled):
    filled.delete_node("contact:1")
    assert not filled.has_node("contact:1")
    assert filled.edges(target="contact:1") == []
    assert filled.edges(source="contact:1") == []
    with pytest.raises(NotFoundError):
        filled.delete_node("contact:1")


def test_delete_edge(filled):
    filled.delete_edge("INTERACTED", "staff:1", "contact:1", "2025-03-12")
    assert [e.key for e in filled.edges("INTERACTED", source="staff:1")] == ["2025-06-01"]
    with pytest.raises(NotFoundError):
        filled.delete_edge("INTERACTED", "staff:1", "contact:1", "2025-03-12")


def test_edges_filtered_by_time_window(filled):
    got = filled.edges("INTERACTED", since=D(2025, 4, 1), until=D(2025, 12, 31))
    assert [(e.source, e.key) for e in got] == [("staff:1", "2025-06-01")]


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({}, ["contact:1", "contact:1", "dossier:afsluitdijk"]),
        ({"edge_kinds": ["INTERACTED"]}, ["contact:1", "contact:1"]),
        ({"node_kind": "dossier"}, ["dossier:afsluitdijk"]),
        ({"until": D(2025, 4, 1)}, ["contact:1", "dossier:afsluitdijk"]),
        ({"since": D(2025, 4, 1), "edge_kinds": ["INTERACTED"]}, ["contact:1"]),
        ({"direction": "in"}, []),
    ],
)
def test_neighbours_filters(filled, kwargs, expected):
    assert [nb.node.id for nb in filled.neighbours("staff:1", **kwargs)] == expected


def test_neighbours_incoming(filled):
    got = filled.neighbours("org:tno", direction="in")
    assert [(nb.node.id, nb.edge.KIND) for nb in got] == [("contact:1", "WORKS_AT")]
    got = filled.neighbours("dossier:afsluitdijk", direction="in", node_kind="organisation")
    assert [nb.node.id for nb in got] == ["org:tno"]


def test_counts(filled):
    assert filled.counts() == {
        "contact": 2,
        "dossier": 1,
        "organisation": 2,
        "staff": 2,
        "INTERACTED": 3,
        "STAKEHOLDER_IN": 1,
        "WORKS_AT": 2,
        "WORKS_ON": 1,
    }


def test_revision_changes_on_write(filled):
    r = filled.revision
    filled.upsert_nodes([Staff(id="staff:7", name="Z")])
    assert filled.revision != r


def test_snapshot_is_a_multidigraph_with_attributes(filled):
    g = filled.snapshot()
    assert g.number_of_nodes() == 7
    assert g.number_of_edges() == 7
    assert g.nodes["org:tno"]["kind"] == "organisation"
    assert g.nodes["org:tno"]["sectors"] == ["energie", "water"]
    data = g.get_edge_data("staff:1", "contact:1")
    assert set(data) == {"INTERACTED|2025-03-12", "INTERACTED|2025-06-01"}
    assert data["INTERACTED|2025-03-12"]["date"] == D(2025, 3, 12)


def test_snapshot_as_of_drops_later_edges(filled):
    g = filled.snapshot(as_of=D(2025, 4, 1))
    assert g.number_of_edges() == 5
    assert not g.has_edge("staff:2", "org:eneco")
    assert g.number_of_nodes() == 7


def test_snapshot_follows_changes(filled):
    g1 = filled.snapshot()
    filled.delete_node("staff:2")
    g2 = filled.snapshot()
    assert "staff:2" in g1 and "staff:2" not in g2


def test_clear(filled):
    filled.clear()
    assert filled.counts() == {}


def test_embedding_cache_roundtrip(store):
    v = np.arange(4, dtype=np.float32) / 3
    h = text_hash("dijkversterking")
    assert store.get_vectors("enc/model", [h]) == {}
    assert store.put_vectors("enc/model", {h: v}) == 1
    got = store.get_vectors("enc/model", [h, text_hash("other")])
    assert list(got) == [h]
    np.testing.assert_array_equal(got[h], v)
    assert store.get_vectors("other/model", [h]) == {}


def test_text_hash_is_sha256():
    assert text_hash("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"


def test_write_with_deletes_replaces_edges_in_one_transaction(filled):
    filled.write(
        edges=[Interacted(source="staff:2", target="contact:1", key="b", date=D(2026, 2, 1))],
        delete_edges=[("INTERACTED", "staff:2", "org:eneco", "a")],
    )
    got = [(e.source, e.target, e.key) for e in filled.edges("INTERACTED", source="staff:2")]
    assert got == [("staff:2", "contact:1", "b")]


def test_write_with_a_missing_delete_writes_nothing(filled):
    before = (filled.counts(), filled.revision)
    with pytest.raises(NotFoundError, match="no INTERACTED edge staff:2→org:tno"):
        filled.write(
            nodes=[Staff(id="staff:3", name="Nieuw")],
            delete_edges=[
                ("INTERACTED", "staff:2", "org:eneco", "a"),
                ("INTERACTED", "staff:2", "org:tno", "x"),
            ],
        )
    assert (filled.counts(), filled.revision) == before
    assert not filled.has_node("staff:3")


def test_model_versions_are_numbered_kept_and_activated(filled):
    revision = filled.revision
    assert filled.model_versions("ranker") == []
    assert filled.save_model_version("ranker", '{"w": 1}', "2026-06-01T10:00:00") == 1
    assert filled.save_model_version("ranker", '{"w": 2}', "2026-06-02T10:00:00") == 2
    assert filled.save_model_version("other", "{}", "2026-06-02T10:00:00") == 1
    got = filled.model_versions("ranker")
    assert [(v["version"], v["payload"], v["active"]) for v in got] == [
        (1, '{"w": 1}', False),
        (2, '{"w": 2}', True),
    ]
    assert got[0]["created"] == "2026-06-01T10:00:00"
    filled.activate_model_version("ranker", 1)
    assert [v["active"] for v in filled.model_versions("ranker")] == [True, False]
    with pytest.raises(NotFoundError, match="no version 7 of model 'ranker'"):
        filled.activate_model_version("ranker", 7)
    assert filled.revision == revision  # a fitted model is not a graph change


def test_snapshot_cache_is_bounded(store):
    from graph.lru import LRU

    for day in range(1, 29):
        store.snapshot(D(2026, 2, day))
    cache = store.snapshot_cache
    assert isinstance(cache, LRU) and len(cache) <= cache.maxsize < 28
