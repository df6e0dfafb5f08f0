"""graph_stats on a tiny hand-checked graph.

    contact:a-1 ─WORKS_AT→ org:a ←WORKS_AT─ contact:a-2
    staff:1 ═INTERACTED (2025-01-10, 2025-03-05)⇒ contact:a-1
    staff:2 ─WORKS_ON→ dossier:d ←STAKEHOLDER_IN (2024-12-01)─ org:b
    staff:3 (alone)

8 nodes, 6 edges; 5 linked pairs of 28 → density 5/28; components {a-1, a-2, a, 1},
{2, d, b}, {3}; multigraph degrees 0,1,1,1,2,2,2,3.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from graph import SqliteGraphStore
from graph.model import (
    Contact,
    Dossier,
    Interacted,
    Organisation,
    Staff,
    StakeholderIn,
    WorksAt,
    WorksOn,
)
from graph.stats import graph_stats


@pytest.fixture
def store(tmp_path: Path):
    s = SqliteGraphStore(tmp_path / "stats.db")
    yield s
    s.close()


def test_stats_of_a_tiny_graph(store: SqliteGraphStore) -> None:
    store.write(
        [
            Staff(id="staff:1", name="Een"),
            Staff(id="staff:2", name="Twee"),
            Staff(id="staff:3", name="Drie"),
            Organisation(id="org:a", name="A", org_kind="company"),
            Organisation(id="org:b", name="B", org_kind="ngo"),
            Contact(id="contact:a-1", name="Ans", consent=True, consent_date=dt.date(2025, 1, 1)),
            Contact(id="contact:a-2", name="Bas"),
            Dossier(id="dossier:d", title="D"),
        ],
        [
            WorksAt(source="contact:a-1", target="org:a"),
            WorksAt(source="contact:a-2", target="org:a"),
            Interacted(source="staff:1", target="contact:a-1", key="k1", date=dt.date(2025, 1, 10)),
            Interacted(source="staff:1", target="contact:a-1", key="k2", date=dt.date(2025, 3, 5)),
            WorksOn(source="staff:2", target="dossier:d"),
            StakeholderIn(source="org:b", target="dossier:d", date=dt.date(2024, 12, 1)),
        ],
    )
    stats = graph_stats(store)

    assert stats["nodes"] == {
        "staff": 3,
        "organisation": 2,
        "contact": 2,
        "dossier": 1,
        "team": 0,
        "edition": 0,
        "session": 0,
        "table": 0,
    }
    assert stats["edges"]["INTERACTED"] == 2
    assert stats["edges"]["WORKS_AT"] == 2
    assert stats["edges"]["MEMBER_OF"] == 0
    assert sum(stats["edges"].values()) == 6
    assert (stats["n_nodes"], stats["n_edges"]) == (8, 6)
    assert stats["density"] == pytest.approx(5 / 28)
    assert stats["components"] == 3
    assert stats["largest_component"] == 4
    assert stats["isolated_nodes"] == 1
    assert stats["degree"] == {"min": 0, "median": 1.5, "mean": 1.5, "max": 3}
    assert stats["date_range"] == {
        "first": "2024-12-01",
        "last": "2025-03-05",
        "dated_edges": 3,
        "by_kind": {
            "INTERACTED": {"first": "2025-01-10", "last": "2025-03-05", "n": 2},
            "STAKEHOLDER_IN": {"first": "2024-12-01", "last": "2024-12-01", "n": 1},
        },
    }
    assert stats["contacts"] == {"total": 2, "with_consent": 1, "consent_share": 0.5}


def test_stats_of_an_empty_store(store: SqliteGraphStore) -> None:
    stats = graph_stats(store)
    assert (stats["n_nodes"], stats["n_edges"], stats["components"]) == (0, 0, 0)
    assert stats["density"] == 0.0
    assert stats["degree"] == {"min": 0, "median": 0.0, "mean": 0.0, "max": 0}
    assert stats["date_range"]["first"] is None
    assert stats["contacts"]["consent_share"] == 0.0


def test_stats_follow_the_store(store: SqliteGraphStore) -> None:
    store.write([Staff(id="staff:1", name="Een"), Staff(id="staff:2", name="Twee")])
    assert graph_stats(store)["components"] == 2
    store.delete_node("staff:2")
    assert graph_stats(store)["components"] == 1
