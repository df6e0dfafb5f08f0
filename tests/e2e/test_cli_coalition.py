"""``verbinder coalition / nudges / feedback / retrain / evaluate-*`` through the CLI runner."""

from __future__ import annotations

import datetime as dt
import json
import random

import pytest
from icalendar import Calendar
from typer.testing import CliRunner

from api import cli
from graph import SqliteGraphStore
from graph.model import (
    AvailableFor,
    Contact,
    Dossier,
    Edition,
    Feedback,
    Interacted,
    MemberOf,
    Milestone,
    Organisation,
    Session,
    Staff,
    StakeholderIn,
    Table,
    Team,
    WorksAt,
    WorksOn,
)

cli.register_commands()
runner = CliRunner()
D = dt.date

ORGS = [
    ("dijk", "public_body", "Waterschap: dijkversterking en waterveiligheid langs de rivier"),
    ("stikstof", "knowledge_institute", "Onderzoek naar stikstof reduceren in de bouw"),
    ("bewoners", "citizen_initiative", "Bewonersplatform voor draagvlak en participatie"),
    ("fiets", "ngo", "Fietsersbond: veilige fietspaden en fietsparkeren in steden"),
    ("spoor", "company", "Spoorvervoerder voor reizigers en goederen over het spoor"),
    ("lucht", "public_body", "Luchthaven met geluidshinder en vliegverkeer"),
    ("energie", "company", "Energieleverancier met windparken op zee en zonnepanelen"),
    ("haven", "company", "Havenbedrijf voor binnenvaart, overslag en logistiek"),
]


def network():
    """A small world with dated history (2025-01 … 2026-09), a team, a session and milestones."""
    rng = random.Random(7)
    nodes: list = [
        Staff(id=f"staff:000{i}", name=n, expertise=e)
        for i, (n, e) in enumerate(
            [
                ("Anna de Vries", "dijkversterking en waterveiligheid"),
                ("Bram Jansen", "stikstof en bouw"),
                ("Carla Smit", "fietsbeleid en spoor"),
                ("Daan Bakker", "luchtvaart en energie"),
            ],
            start=1,
        )
    ]
    nodes += [
        Organisation(id=f"org:{s}", name=s.title(), org_kind=k, description=t) for s, k, t in ORGS
    ]
    nodes += [
        Contact(id=f"contact:{s}-1", name=f"Contact {s}", consent=True, consent_date=D(2024, 12, 1))
        for s, _, _ in ORGS
    ]
    nodes += [
        Dossier(
            id="dossier:lek",
            title="Dijkversterking Lek",
            themes=["waterveiligheid"],
            milestones=[
                Milestone(date=D(2026, 3, 20), label="Internetconsultatie", kind="consultation")
            ],
        ),
        Team(
            id="team:1-1",
            name="Team Rivier",
            edition="edition:1",
            challenge="Dijken sneller versterken. Minder stikstof in de bouw. Draagvlak bij bewoners.",
        ),
        Edition(
            id="edition:1", name="Editie 1", start_date=D(2026, 3, 10), end_date=D(2026, 3, 12)
        ),
        Session(
            id="session:1-1",
            name="Gasttafels",
            edition="edition:1",
            start=dt.datetime(2026, 3, 10, 10),
            end=dt.datetime(2026, 3, 10, 12),
        ),
        Table(id="table:1-1", name="Tafel 1", edition="edition:1", number=1, team="team:1-1"),
    ]
    edges: list = [WorksAt(source=f"contact:{s}-1", target=f"org:{s}") for s, _, _ in ORGS]
    edges += [
        WorksOn(source="staff:0001", target="dossier:lek", date=D(2025, 1, 1)),
        MemberOf(source="staff:0001", target="team:1-1"),
        MemberOf(source="staff:0002", target="team:1-1"),
        StakeholderIn(source="org:dijk", target="dossier:lek", date=D(2025, 1, 1), influence=5),
        AvailableFor(source="contact:dijk-1", target="session:1-1"),
    ]
    # history: each staff member mostly meets the partners of their own field
    own = {
        1: ["dijk", "bewoners"],
        2: ["stikstof", "haven"],
        3: ["fiets", "spoor"],
        4: ["lucht", "energie"],
    }
    for i, mine in own.items():
        for n in range(14):
            day = D(2025, 1, 1) + dt.timedelta(days=rng.randrange(0, 630))
            org = rng.choice(mine) if rng.random() < 0.8 else rng.choice(ORGS)[0]
            edges.append(
                Interacted(source=f"staff:000{i}", target=f"contact:{org}-1", key=str(n), date=day)
            )
    edges.append(
        Feedback(source="staff:0003", target="org:haven", date=D(2025, 9, 1), outcome="accepted")
    )
    return nodes, edges


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "cli.db"
    s = SqliteGraphStore(path)
    s.write(*network())
    s.close()
    return str(path)


def invoke(*args: str):
    return runner.invoke(cli.app, list(args))


def test_coalition_text_and_json(db):
    args = ["coalition", "--team", "team:1-1", "--k", "3", "--as-of", "2026-06-01"]
    args += ["--encoder", "hashing", "--store", db]
    r = invoke(*args)
    assert r.exit_code == 0, r.output
    assert "Coalitie voor Team Rivier (team:1-1)" in r.output
    assert "alternatief:" in r.output and "best denkbare combinatie" in r.output
    r = invoke(*args, "--json")
    data = json.loads(r.output)
    assert len(data["members"]) == 3
    assert [len(m["alternates"]) for m in data["members"]] == [2, 2, 2]
    assert data["uncovered"] == []
    assert set(data["covered_by"].values()) <= {m["organisation"] for m in data["members"]}
    # facets read from the challenge, each with the words it was read from
    facets = {f["text"]: f for f in data["facets"]}
    assert facets["waterveiligheid"]["evidence"] == "Dijken sneller versterken"
    assert facets["participatie"]["evidence"] == "Draagvlak bij bewoners"
    assert {f["source"] for f in data["facets"]} == {"challenge"}
    by_text = {f["text"]: data["covered_by"][str(f["index"])] for f in data["facets"]}
    assert by_text["participatie"] == "org:bewoners"
    assert by_text["waterveiligheid"] == "org:dijk"


def test_coalition_with_needs(db):
    r = invoke(
        "coalition", "--team", "team:1-1", "--k", "1", "--need", "fietspaden in steden",
        "--as-of", "2026-06-01", "--encoder", "hashing", "--store", db, "--json",
    )  # fmt: skip
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert [m["organisation"] for m in data["members"]] == ["org:fiets"]
    assert data["facets"][0]["source"] == "needs"


def test_nudges_and_ics(db, tmp_path):
    ics = tmp_path / "agenda.ics"
    r = invoke(
        "nudges", "--staff", "staff:0001", "--as-of", "2026-03-01", "--ics", str(ics),
        "--store", db, "--json",
    )  # fmt: skip
    assert r.exit_code == 0, r.output
    items = json.loads(r.output)
    kinds = {n["kind"] for n in items}
    assert {"milestone", "session"} <= kinds
    cal = Calendar.from_ical(ics.read_bytes())
    events = list(cal.walk("VEVENT"))
    assert len(events) == len(items)
    assert [str(e["UID"]) for e in events] == [n["uid"] for n in items]
    r = invoke("nudges", "--team", "team:1-1", "--as-of", "2026-03-01", "--store", db)
    assert r.exit_code == 0 and "seintje(s) per 2026-03-01" in r.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nudges", "--staff", "staff:0001", "--team", "team:1-1"], "exactly one"),
        (["nudges", "--dossier", "dossier:nope"], "dossier 'dossier:nope' not found"),
        (["nudges", "--staff", "staff:0001", "--as-of", "gisteren"], "is not a date"),
        (["coalition", "--team", "team:9", "--encoder", "hashing"], "team 'team:9' not found"),
        (["coalition", "--team", "team:1-1", "--encoder", "nope"], "nope"),
        (
            ["feedback", "--by", "staff:0001", "--target", "org:dijk", "--outcome", "maybe"],
            "field 'outcome'",
        ),
        (
            ["feedback", "--by", "org:dijk", "--target", "org:dijk", "--outcome", "met"],
            "field 'subject'",
        ),
    ],
)
def test_bad_input_fails_cleanly(db, args, message):
    r = invoke(*args, "--store", db)
    assert r.exit_code != 0
    assert message in r.output


def test_feedback_is_stored(db):
    r = invoke(
        "feedback", "--by", "team:1-1", "--target", "contact:dijk-1", "--outcome", "met",
        "--context", "coalition", "--date", "2026-06-02", "--store", db,
    )  # fmt: skip
    assert r.exit_code == 0, r.output
    assert "feedback vastgelegd: team:1-1 → contact:dijk-1: met (2026-06-02)" in r.output
    s = SqliteGraphStore(db)
    try:
        [e] = s.edges("FEEDBACK", source="team:1-1")
        assert (e.outcome.value, e.context) == ("met", "coalition")
    finally:
        s.close()


@pytest.mark.slow
def test_retrain_prints_before_and_after(db):
    r = invoke("retrain", "--split", "2026-01-01", "--encoder", "hashing", "--store", db)
    assert r.exit_code == 0, r.output
    assert "before (history only)" in r.output and "after (+ feedback)" in r.output
    assert "1 feedback answer(s), 1 dated before the split 2026-01-01" in r.output


def test_evaluations_print_tables(db):
    r = invoke(
        "evaluate-coalitions", "--k", "2", "--as-of", "2026-06-01", "--encoder", "hashing",
        "--store", db,
    )  # fmt: skip
    assert r.exit_code == 0, r.output
    assert "team:1-1" in r.output and "MEAN" in r.output
    assert "agree derived" in r.output and "agree stored" in r.output
    r = invoke(
        "evaluate-coalitions", "--k", "2", "--as-of", "2026-06-01", "--encoder", "hashing",
        "--store", db, "--json",
    )  # fmt: skip
    row = json.loads(r.output)["rows"][0]
    assert row["agree_derived"] == 1.0 and "waterveiligheid" in row["facets_derived"]
    r = invoke("evaluate-nudges", "--start", "2026-01-01", "--store", db)
    assert r.exit_code == 0, r.output
    assert "95% interval" in r.output and "beats random" in r.output
    r = invoke("evaluate-nudges", "--start", "2026-01-01", "--store", db, "--json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert data["replay_dates"][0] == "2026-01-01"
    assert data["by_kind"]["ALL"]["n"] > 0
    assert {"lift", "lift_low", "lift_high"} <= set(data["by_kind"]["ALL"])
