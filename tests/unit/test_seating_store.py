"""An edition read from the store: guests, novelty, conflicts, pins; a plan saved back."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import numpy as np
import pytest

from graph.model import (
    AvailableFor,
    Conflict,
    Contact,
    Dossier,
    Edition,
    Interacted,
    MemberOf,
    Organisation,
    SeatedAt,
    Session,
    Staff,
    Table,
    Team,
    WorksAt,
    WorksOn,
)
from graph.sqlite_store import SqliteGraphStore
from matcher.seating import Seat, SeatingError, is_valid_plan, plan_seating
from matcher.seating.fromstore import plan_from_store, problem_from_store, save_plan
from matcher.text.encoders import HashingEncoder
from matcher.text.relevance import TextRelevance

D = dt.date(2026, 12, 8)


def _t(day: int, hour: int) -> dt.datetime:
    return dt.datetime(2026, 12, 7 + day, hour)


@pytest.fixture
def store(tmp_path: Path):
    s = SqliteGraphStore(tmp_path / "seat.db")
    nodes = [
        Edition(id="edition:90", name="Editie 90", start_date=D, end_date=D + dt.timedelta(days=2)),
        Session(id="session:90-1", name="Ronde 1", edition="edition:90", start=_t(1, 13), end=_t(1, 15)),
        Session(id="session:90-2", name="Ronde 2", edition="edition:90", start=_t(2, 9), end=_t(2, 11)),
        Team(id="team:90-1", name="Team Dijk", challenge="Dijkversterking met de streek",
             edition="edition:90", roles=["presterend"]),
        Team(id="team:90-2", name="Team Buurt", challenge="Burgerinitiatieven voor groen in de wijk",
             edition="edition:90", roles=["responsief"]),
        Table(id="table:90-2", name="Tafel 2", edition="edition:90", number=2, team="team:90-2",
              min_guests=1, max_guests=2),
        Table(id="table:90-1", name="Tafel 1", edition="edition:90", number=1, team="team:90-1",
              min_guests=1, max_guests=2),
        Staff(id="staff:0001", name="Els"),
        Staff(id="staff:0002", name="Piet"),
        Dossier(id="dossier:dijk", title="Dijken"),
        Organisation(id="org:bouw", name="Bouwbedrijf", org_kind="company", description="Bouwt dijken"),
        Organisation(id="org:groen", name="Groene Buurt", org_kind="citizen_initiative",
                     description="Bewoners vergroenen de wijk"),
        Organisation(id="org:tno", name="TNO", org_kind="knowledge_institute", description="Onderzoek"),
        Contact(id="contact:bouw-1", name="Bas", expertise="dijkversterking"),
        Contact(id="contact:groen-1", name="Gerda", expertise="groen in de wijk"),
        Contact(id="contact:tno-1", name="Tom", expertise="waterkeringen"),
        Contact(id="contact:tno-2", name="Tessa", expertise="data"),
    ]  # fmt: skip
    edges = [
        MemberOf(source="staff:0001", target="team:90-1"),
        MemberOf(source="staff:0002", target="team:90-2"),
        WorksOn(source="staff:0002", target="dossier:dijk"),
        WorksAt(source="contact:bouw-1", target="org:bouw"),
        WorksAt(source="contact:groen-1", target="org:groen"),
        WorksAt(source="contact:tno-1", target="org:tno"),
        WorksAt(source="contact:tno-2", target="org:tno"),
        *[AvailableFor(source=c, target="session:90-1") for c in
          ("contact:bouw-1", "contact:groen-1", "contact:tno-1", "contact:tno-2")],
        *[AvailableFor(source=c, target="session:90-2") for c in ("contact:bouw-1", "contact:tno-1")],
        # Els (team 1) met Tom before the edition: not new for team 1; a meeting after does not count
        Interacted(source="staff:0001", target="contact:tno-1", date=dt.date(2026, 5, 1)),
        Interacted(source="staff:0001", target="contact:groen-1", date=dt.date(2027, 1, 5)),
        # Piet (team 2) works on a dossier in a tender with the construction company
        Conflict(source="dossier:dijk", target="org:bouw", date=dt.date(2026, 11, 1),
                 until=dt.date(2027, 2, 1), key="tender"),
        # an expired conflict of team 1 does not count
        Conflict(source="team:90-1", target="org:tno", date=dt.date(2025, 1, 1), until=dt.date(2025, 6, 1)),
        SeatedAt(source="contact:tno-2", target="table:90-1", key="session:90-1",
                 session="session:90-1", pinned=True),
    ]  # fmt: skip
    s.write(nodes, edges)
    yield s
    s.close()


def test_problem_from_store(store) -> None:
    rel = np.full((4, 2), 0.5)
    p = problem_from_store(store, "edition:90", rel)
    assert p.session_ids == ["session:90-1", "session:90-2"]
    assert p.table_ids == ["table:90-1", "table:90-2"]  # by table number
    assert [t.roles for t in p.tables] == [("presterend",), ("responsief",)]
    assert p.guest_ids == ["contact:bouw-1", "contact:groen-1", "contact:tno-1", "contact:tno-2"]
    g = p.guest("contact:tno-1")
    assert (g.organisation, g.org_kind, g.available) == (
        "org:tno", "knowledge_institute", ("session:90-1", "session:90-2"),
    )  # fmt: skip
    assert g.texts == ("waterkeringen", "Onderzoek")
    assert p.met_before == {("contact:tno-1", "team:90-1")}
    assert p.forbidden == {("contact:bouw-1", "team:90-2")}
    assert p.pinned == (Seat("session:90-1", "table:90-1", "contact:tno-2"),)
    assert p.tables[0].challenge == "Dijkversterking met de streek"


def test_text_relevance_from_store_prefers_matching_challenge(store) -> None:
    p = problem_from_store(store, "edition:90", TextRelevance(HashingEncoder()))
    r = p.relevance_matrix()
    assert r.shape == (4, 2) and r.min() == 0.0 and r.max() == 1.0
    gi = p.guest_ids.index
    assert r[gi("contact:bouw-1"), 0] > r[gi("contact:bouw-1"), 1]  # dijken → team Dijk
    assert r[gi("contact:groen-1"), 1] > r[gi("contact:groen-1"), 0]  # wijk → team Buurt


def test_plan_save_and_replace(store) -> None:
    p = problem_from_store(store, "edition:90", np.full((4, 2), 0.5))
    plan = plan_seating(p, with_reasons=False)
    assert plan.feasible and is_valid_plan(p, plan)
    # team Buurt (responsief) must meet the citizen initiative; the pinned seat holds
    assert Seat("session:90-1", "table:90-1", "contact:tno-2") in plan.seats
    assert any(s.guest == "contact:groen-1" and s.table == "table:90-2" for s in plan.seats)
    assert not any(s.guest == "contact:bouw-1" and s.table == "table:90-2" for s in plan.seats)
    written, deleted = save_plan(store, "edition:90", plan, p)
    assert written == len(plan.seats) and deleted == 0
    assert plan_from_store(store, "edition:90") == plan.seats
    pinned = [e for e in store.edges("SEATED_AT") if e.pinned]
    assert [(e.source, e.key) for e in pinned] == [("contact:tno-2", "session:90-1")]
    # a smaller plan replaces the old one
    smaller = type(plan)(
        seats=[s for s in plan.seats if s.session == "session:90-1"], status="feasible"
    )
    p2 = problem_from_store(store, "edition:90", np.full((4, 2), 0.5))
    p2 = dataclasses.replace(p2, capacity={("table:90-1", "session:90-2"): (0, 2),
                                           ("table:90-2", "session:90-2"): (0, 2)})  # fmt: skip
    _, deleted = save_plan(store, "edition:90", smaller, p2)
    assert deleted == len(plan.seats) - len(smaller.seats)
    assert plan_from_store(store, "edition:90") == smaller.seats


def test_errors_name_the_record(store) -> None:
    with pytest.raises(SeatingError, match="edition 'edition:99': not in the store"):
        problem_from_store(store, "edition:99", np.zeros((4, 2)))
    with pytest.raises(SeatingError, match="is a team, not an edition"):
        problem_from_store(store, "team:90-1", np.zeros((4, 2)))
    with pytest.raises(SeatingError, match=r"relevance: shape \(3, 2\) does not match"):
        problem_from_store(store, "edition:90", np.zeros((3, 2)))


@pytest.mark.slow
def test_seed_editions_plan_and_validate(tmp_path: Path) -> None:
    from seeds import load_seed

    s = SqliteGraphStore(tmp_path / "seed.db")
    s.write(*load_seed())
    try:
        for edition in ("edition:24", "edition:25"):
            p = problem_from_store(s, edition, TextRelevance(HashingEncoder()))
            assert len(p.tables) >= 5 and len(p.sessions) == 4 and len(p.guests) >= 15
            plan = plan_seating(p, time_limit=20, with_reasons=False)
            assert plan.feasible and is_valid_plan(p, plan)
            assert plan.objective >= plan.greedy_objective
    finally:
        s.close()


def test_saving_a_plan_with_an_added_table_creates_the_table(store) -> None:
    from matcher.seating import add_table

    p = add_table(problem_from_store(store, "edition:90", np.full((4, 2), 0.5)), "team:90-1")
    extra = p.tables[-1]
    assert (extra.id, extra.team) == ("table:90-1+2", "team:90-1")
    plan = plan_seating(p, with_reasons=False)
    assert any(s.table == extra.id for s in plan.seats)
    save_plan(store, "edition:90", plan, p)
    table = store.get_node(extra.id)
    assert isinstance(table, Table)
    assert (table.team, table.number, table.edition) == ("team:90-1", 3, "edition:90")
    assert plan_from_store(store, "edition:90") == plan.seats
