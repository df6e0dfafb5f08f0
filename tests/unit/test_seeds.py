"""The seed network: deterministic, committed as generated, valid, consistent and realistic."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
import pytest

from graph import SqliteGraphStore
from graph.errors import ImportValidationError
from graph.model import (
    Contact,
    Dossier,
    EdgeModel,
    Interacted,
    NodeModel,
    Organisation,
    SeatedAt,
    Session,
    Staff,
    Table,
    WorksOn,
    parse_edge,
    parse_node,
)
from graph.store import check_endpoints
from seeds import SEED_PATH, SPLIT_DATE, TODAY, WINDOW_END, WINDOW_START, load_seed
from seeds.generate import Params, build, render, summary
from seeds.interactions import InteractionParams, LatentWorld, ProgrammeMeeting, simulate
from seeds.organisations import ORGANISATIONS, REQUIRED_SLUGS
from seeds.sanity import baseline_recall

ID_PATTERNS = {
    "staff": r"staff:\d{4}",
    "organisation": r"org:[a-z0-9-]+",
    "contact": r"contact:[a-z0-9-]+-\d",
    "dossier": r"dossier:[a-z0-9-]+",
    "edition": r"edition:\d{2}",
    "session": r"session:\d{2}-\d",
    "team": r"team:\d{2}-\d",
    "table": r"table:\d{2}-\d",
}


@pytest.fixture(scope="module")
def seed() -> tuple[list[NodeModel], list[EdgeModel]]:
    return load_seed()


@pytest.fixture(scope="module")
def by_id(seed) -> dict[str, NodeModel]:
    return {n.id: n for n in seed[0]}


def of_kind(seed, kind: str) -> list:
    nodes, edges = seed
    return [n for n in nodes if kind == n.KIND] or [e for e in edges if kind == e.KIND]


# ----------------------------------------------------------------------- generation


def _small() -> Params:
    return Params(n_staff=300, end=dt.date(2025, 4, 30))


def test_generation_is_deterministic_in_process() -> None:
    first = render(*build(_small()))
    second = render(*build(_small()))
    assert first == second
    other = render(*build(Params(seed=7, n_staff=300, end=dt.date(2025, 4, 30))))
    assert other != first  # the seed really drives the output


@pytest.mark.slow
def test_committed_file_equals_a_fresh_generation() -> None:
    assert SEED_PATH.read_text(encoding="utf-8") == render(*build())


def test_document_layout_is_one_record_per_line() -> None:
    text = SEED_PATH.read_text(encoding="utf-8")
    doc = json.loads(text)
    assert doc["format"] == "verbinder" and doc["version"] == 1
    assert len(text.splitlines()) == len(doc["nodes"]) + len(doc["edges"]) + 5
    assert SEED_PATH.stat().st_size < 15_000_000


# ----------------------------------------------------------------------- validity


def test_records_round_trip_through_validation(seed) -> None:
    nodes, edges = seed
    for n in nodes:
        assert parse_node(n.model_dump(mode="json")) == n
    for e in edges:
        assert parse_edge(e.model_dump(mode="json")) == e


def test_ids_are_unique_sorted_and_well_formed(seed) -> None:
    nodes, edges = seed
    ids = [n.id for n in nodes]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    identities = [e.identity for e in edges]
    assert identities == sorted(identities) and len(set(identities)) == len(identities)
    for n in nodes:
        assert re.fullmatch(ID_PATTERNS[n.KIND], n.id), n.id


def test_every_edge_endpoint_exists_with_an_allowed_kind(seed) -> None:
    nodes, edges = seed
    assert check_endpoints(edges, {n.id: n.KIND for n in nodes}, {}) == []


def test_loads_into_the_sqlite_store_consistently(seed, tmp_path: Path) -> None:
    nodes, edges = seed
    store = SqliteGraphStore(tmp_path / "seed.db")
    try:
        assert store.write(nodes, edges) == (len(nodes), len(edges))
        counts = store.counts()
        assert counts["staff"] == 750
        assert counts["INTERACTED"] == len(of_kind(seed, "INTERACTED"))
        assert store.integrity_check() == "ok"
        assert store.get_node("org:tno").label == "TNO"
    finally:
        store.close()


def test_bad_seed_file_names_record_and_field(tmp_path: Path) -> None:
    bad = tmp_path / "seed.json"
    bad.write_text(
        json.dumps(
            {
                "format": "verbinder",
                "version": 1,
                "nodes": [{"id": "staff:0001", "kind": "staff", "name": ""}],
                "edges": [],
            }
        ),
        encoding="utf-8",
    )
    with pytest.raises(ImportValidationError) as exc:
        load_seed(bad)
    [err] = exc.value.errors
    assert err.record == "nodes[0] (staff:0001)"
    assert err.field.endswith("name")
    with pytest.raises(ImportValidationError, match="no such file"):
        load_seed(tmp_path / "missing.json")


# ----------------------------------------------------------------------- contents


def test_catalogue_has_the_required_partners_and_spans_all_kinds(seed, by_id) -> None:
    orgs = of_kind(seed, "organisation")
    assert len(orgs) >= 120 and len(orgs) == len(ORGANISATIONS)
    for slug in REQUIRED_SLUGS:
        assert f"org:{slug}" in by_id
    assert by_id["org:vereniging-van-waterbouwers"].name == "Vereniging van Waterbouwers"
    kinds = Counter(str(o.org_kind) for o in orgs)
    for kind in ("company", "knowledge_institute", "ngo", "citizen_initiative"):
        assert kinds[kind] >= 5
    assert kinds["branch_association"] >= 10 and kinds["public_body"] >= 10
    assert 25 <= sum(bool(o.documents) for o in orgs) <= 40
    assert 1 <= sum(o.opt_out for o in orgs) <= 10
    assert not any(by_id[f"org:{s}"].opt_out for s in REQUIRED_SLUGS)


def test_staff_dossiers_and_units(seed) -> None:
    staff = of_kind(seed, "staff")
    assert len(staff) == 750
    assert len({s.name for s in staff}) == 750
    dgs = {s.directorate for s in staff}
    for name in (
        "Directoraat-generaal Water en Bodem",
        "Directoraat-generaal Mobiliteit",
        "Directoraat-generaal Luchtvaart en Maritieme Zaken",
        "Directoraat-generaal Milieu en Internationaal",
        "Rijkswaterstaat",
        "Inspectie Leefomgeving en Transport",
        "Kennisinstituut voor Mobiliteitsbeleid",
    ):
        assert name in dgs
    dossiers = of_kind(seed, "dossier")
    assert 55 <= len(dossiers) <= 65
    workers = Counter(e.target for e in of_kind(seed, "WORKS_ON"))
    assert all(workers[d.id] >= 5 for d in dossiers)
    soon = [m for d in dossiers for m in d.milestones if TODAY < m.date <= TODAY + dt.timedelta(60)]
    assert len(soon) >= 10
    assert all(d.description and d.roles and d.themes and d.milestones for d in dossiers)


def test_contacts_and_consent(seed) -> None:
    contacts: list[Contact] = of_kind(seed, "contact")
    per_org = Counter(e.target for e in of_kind(seed, "WORKS_AT"))
    assert set(per_org.values()) <= {1, 2, 3}
    assert len(per_org) == len(of_kind(seed, "organisation"))
    without = [c for c in contacts if not c.consent]
    assert 0.08 <= len(without) / len(contacts) <= 0.25
    assert all(c.consent_date is None for c in without)
    assert all(
        c.consent_date is not None and c.consent_date <= TODAY for c in contacts if c.consent
    )


def test_stakeholders_include_critics_and_conflicts_are_periods(seed) -> None:
    stakes = of_kind(seed, "STAKEHOLDER_IN")
    assert Counter(s.stance for s in stakes)["critic"] >= 20
    assert any(
        s.source == "org:comite-red-de-zuyderzeedijk"
        and s.target == "dossier:markermeerdijken"
        and s.stance == "critic"
        for s in stakes
    )
    conflicts = of_kind(seed, "CONFLICT")
    assert all(c.date is not None for c in conflicts)
    assert all(c.until is None or c.date < c.until for c in conflicts)
    assert any(c.active_on(TODAY) and c.source.startswith("dossier:") for c in conflicts)
    assert len(of_kind(seed, "COLLABORATES_WITH")) >= 200


def test_interactions_lie_in_the_window(seed) -> None:
    inter: list[Interacted] = of_kind(seed, "INTERACTED")
    assert 10_000 <= len(inter) <= 60_000
    assert min(e.date for e in inter) >= WINDOW_START
    assert max(e.date for e in inter) <= WINDOW_END
    kinds = Counter(str(e.interaction) for e in inter)
    for k in ("meeting", "consultation", "workshop", "site_visit", "call", "email"):
        assert kinds[k] > 0
    assert kinds["guest_table"] > 1000
    assert all(e.date is not None and e.date <= TODAY for e in of_kind(seed, "FEEDBACK"))


def test_later_interactions_are_partly_new_pairs(seed) -> None:
    facts = summary(*seed)
    assert facts["split_date"] == SPLIT_DATE.isoformat()
    assert facts["interactions_before_split"] > facts["interactions_after_split"] > 3000
    assert 0.2 <= facts["share_after_split_with_new_pair"] <= 0.8


# ----------------------------------------------------------------------- the programme


def test_programme_editions_teams_and_tables(seed, by_id) -> None:
    editions = of_kind(seed, "edition")
    assert len(editions) == 25
    future = [e for e in editions if e.start_date > TODAY]
    assert 1 <= len(future) <= 2
    members = Counter(e.source for e in of_kind(seed, "MEMBER_OF"))
    assert len(members) == 750 and set(members.values()) == {1}
    team_sizes = Counter(e.target for e in of_kind(seed, "MEMBER_OF"))
    assert set(team_sizes.values()) <= {5, 6}
    tables: list[Table] = of_kind(seed, "table")
    assert {t.team for t in tables} == set(team_sizes)
    assert all(t.min_guests == 1 and t.max_guests == 3 for t in tables)
    assert all(by_id[t.team].edition == t.edition for t in tables)
    sessions: list[Session] = of_kind(seed, "session")
    assert Counter(s.edition for s in sessions) == {e.id: 4 for e in editions}
    assert all(s.start < s.end for s in sessions)


def test_seating_respects_availability_capacity_and_sessions(seed, by_id) -> None:
    seated: list[SeatedAt] = of_kind(seed, "SEATED_AT")
    available = {(e.source, e.target) for e in of_kind(seed, "AVAILABLE_FOR")}
    per_table: dict[tuple[str, str], int] = Counter()
    per_guest: dict[tuple[str, str], int] = Counter()
    for s in seated:
        assert s.key == s.session
        assert (s.source, s.session) in available
        assert by_id[s.target].edition == by_id[s.session].edition
        assert by_id[s.source].consent
        per_table[(s.session, s.target)] += 1
        per_guest[(s.session, s.source)] += 1
    assert set(per_guest.values()) == {1}
    assert set(per_table.values()) <= {1, 2, 3}
    future = {e.id for e in of_kind(seed, "edition") if e.start_date > TODAY}
    assert not any(by_id[s.session].edition in future for s in seated)
    assert any(by_id[a.target].edition in future for a in of_kind(seed, "AVAILABLE_FOR"))


def test_guest_table_interactions_join_seated_guests_and_team_members(seed, by_id) -> None:
    team_members: dict[str, set[str]] = defaultdict(set)
    for e in of_kind(seed, "MEMBER_OF"):
        team_members[e.target].add(e.source)
    seats = {(s.source, s.target, s.session) for s in of_kind(seed, "SEATED_AT")}
    guest_table = [e for e in of_kind(seed, "INTERACTED") if str(e.interaction) == "guest_table"]
    for e in guest_table:
        assert (e.target, e.table, e.session) in seats
        assert e.source in team_members[by_id[e.table].team]
    per_seat = Counter((e.target, e.table, e.session) for e in guest_table)
    assert set(per_seat) == seats
    assert all(per_seat[s] == len(team_members[by_id[s[1]].team]) for s in seats)


def test_named_guests_sit_at_tables(seed) -> None:
    orgs_of = {e.source: e.target for e in of_kind(seed, "WORKS_AT")}
    guest_orgs = Counter(orgs_of[s.source] for s in of_kind(seed, "SEATED_AT"))
    for slug in REQUIRED_SLUGS:
        assert guest_orgs[f"org:{slug}"] >= 5


# ----------------------------------------------------------------------- the latent process


def _tiny_world(**overrides) -> LatentWorld:
    fields = dict(
        staff_topics=np.array([[1.0, 0, 0], [0, 1.0, 0]]),
        dossier_topics=np.array([[1.0, 0, 0], [0, 1.0, 0]]),
        org_topics=np.eye(3),
        staff_dossiers=[[0], [1]],
        dossier_phase=["design", "implementation"],
        dossier_roles=np.array([[0, 0, 1, 0], [0, 1, 0, 0]], dtype=float),
        dossier_milestones=[[], []],
        stake_interest=np.zeros((2, 3)),
        critic=np.zeros((2, 3), dtype=bool),
        org_kind=["company", "ngo", "public_body"],
        org_opt_out=np.zeros(3),
        org_contacts=[[0], [1], []],
        colleagues=np.zeros((2, 2)),
        collab=np.zeros((3, 3)),
    )
    fields.update(overrides)
    return LatentWorld(**fields)


def test_without_noise_topic_affinity_decides_the_partner() -> None:
    params = InteractionParams(noise=0.0, rate_median=3.0, rate_sigma=0.0, beta_role=0.0)
    out = simulate(
        _tiny_world(),
        dt.date(2025, 1, 6),
        dt.date(2025, 2, 2),
        [],
        params,
        np.random.default_rng(0),
    )
    assert out and all(i.org == i.staff for i in out)  # staff 0 → org 0, staff 1 → org 1
    assert all(dt.date(2025, 1, 6) <= i.date <= dt.date(2025, 2, 2) for i in out)
    assert all(i.contact in (None, i.org) for i in out)


def test_a_guest_table_meeting_makes_a_later_contact_likely() -> None:
    # staff 0 has no topical preference between orgs 1 and 2; meeting org 2 at a table tips it
    world = _tiny_world(
        staff_topics=np.array([[0, 0.0, 0], [0, 1.0, 0]]),
        dossier_topics=np.array([[0, 0.0, 0], [0, 1.0, 0]]),
        org_contacts=[[0], [1], [2]],
    )
    params = InteractionParams(noise=0.0, rate_median=2.0, rate_sigma=0.0, beta_role=0.0)
    met = [ProgrammeMeeting(dt.date(2025, 1, 6), staff=0, org=2, contact=2)]
    out = simulate(
        world, dt.date(2025, 1, 6), dt.date(2025, 1, 26), met, params, np.random.default_rng(1)
    )
    assert {i.org for i in out if i.staff == 0} == {2}


def test_sanity_scorers_on_a_hand_checkable_history() -> None:
    nodes = [Staff(id=f"staff:000{i}", name=f"S{i}") for i in (1, 2, 3)]
    nodes += [Organisation(id=f"org:{x}", name=x, org_kind="ngo") for x in ("a", "b", "z")]
    nodes.append(Dossier(id="dossier:d", title="D"))
    before, after = dt.date(2026, 1, 5), dt.date(2026, 6, 1)

    def met(s: str, o: str, day: dt.date, key: str = "") -> Interacted:
        return Interacted(source=s, target=o, date=day, key=key or day.isoformat())

    edges = [
        WorksOn(source="staff:0001", target="dossier:d"),
        WorksOn(source="staff:0002", target="dossier:d"),
        met("staff:0001", "org:a", before),  # staff 1 repeats org a …
        met("staff:0001", "org:a", after),
        met("staff:0001", "org:z", after),  # … and newly meets z, whom colleague 2 knew
        met("staff:0002", "org:z", before),
        met("staff:0003", "org:b", before),  # b is the popular decoy
        met("staff:0003", "org:b", before, key="again"),
    ]
    rows = {name: (all_r, new_r) for name, all_r, new_r in baseline_recall(nodes, edges, k=1)}
    assert rows["popularity"] == (0.0, 0.0)
    assert rows["repeat + popularity"] == (1.0, 0.0)
    assert rows["repeat + colleagues + stakeholders"] == (1.0, 1.0)


def test_readme_quotes_the_current_split_date_and_counts(seed) -> None:
    readme = (Path(__file__).resolve().parents[2] / "seeds" / "README.md").read_text("utf-8")
    assert f"Recommended evaluation split: {SPLIT_DATE.isoformat()}" in readme
    facts = summary(*seed)

    def nl(n: int) -> str:
        return f"{n:,}".replace(",", " ")

    for kind, n in {**facts["nodes"], **facts["edges"]}.items():
        assert re.search(rf"\| {kind} \| {nl(n)} \|", readme), f"README count of {kind} is stale"
    assert f"({nl(facts['interactions_before_split'])} before" in readme
