"""``verbinder seat`` and ``verbinder bench seat`` through the CLI runner."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from api import cli
from graph import SqliteGraphStore
from graph.model import (
    AvailableFor,
    Contact,
    Edition,
    Organisation,
    Session,
    Table,
    Team,
    WorksAt,
)

DATA = Path(__file__).parents[1] / "data" / "seating"
runner = CliRunner()
cli.register_commands()


def invoke(*args: str):
    return runner.invoke(cli.app, list(args))


def test_seat_instance_writes_all_outputs(tmp_path: Path) -> None:
    out = tmp_path / "out"
    r = invoke("seat", "--instance", str(DATA / "hand_rotation.json"), "--out", str(out))
    assert r.exit_code == 0, r.output
    assert "status optimal via cpsat, 3 plaatsen, doelwaarde 3250" in r.output
    assert sorted(p.name for p in out.iterdir()) == [
        "plan.csv",
        "plan.json",
        "plan.xlsx",
        "tables.html",
    ]
    plan = json.loads((out / "plan.json").read_text(encoding="utf-8"))
    assert [(s["session"], s["table"], s["guest"]) for s in plan["seats"]] == [
        ("s1", "a", "g"),
        ("s2", "a", "h"),
        ("s2", "b", "g"),
    ]
    assert plan["seats"][0]["reasons"][0] == "relevantie 0,90 voor de opgave van a (+900 punten)"


def test_seat_replan_after_cancellation(tmp_path: Path) -> None:
    first = tmp_path / "first"
    assert (
        invoke(
            "seat", "--instance", str(DATA / "hand_fairness.json"), "--out", str(first)
        ).exit_code
        == 0
    )
    r = invoke(
        "seat", "--instance", str(DATA / "hand_fairness.json"), "--replan",
        str(first / "plan.json"), "--cancel", "g2", "--out", str(tmp_path / "second"), "--json",
    )  # fmt: skip
    assert r.exit_code == 0, r.output
    body = json.loads(r.output)
    # tables have no minimum, so the fewest changes is one: g2 leaves, g1 stays at b
    assert [(s["table"], s["guest"]) for s in body["seats"]] == [("b", "g1")]
    assert body["diff"]["lines"] == ["g2 valt af bij a in sessie (afgemeld)"]
    assert body["diff"]["changes"] == 1


def test_seat_infeasible_explains_and_exits_2(tmp_path: Path) -> None:
    r = invoke(
        "seat", "--instance", str(DATA / "infeasible_diversity.json"), "--out", str(tmp_path)
    )
    assert r.exit_code == 2
    assert "er zijn maar 2 organisaties beschikbaar" in r.output
    assert "sta meer gasten van dezelfde organisatie aan één tafel toe: haalbaar" in r.output
    plan = json.loads((tmp_path / "plan.json").read_text(encoding="utf-8"))
    assert plan["status"] == "infeasible" and plan["diagnosis"]["causes"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "give --edition"),
        (("--instance", "x.json", "--cancel", "g"), "--cancel and --add-table need --replan"),
        (("--instance", "nope.json"), "nope.json"),
    ],
)
def test_seat_usage_errors(args: tuple[str, ...], message: str) -> None:
    r = invoke("seat", *args)
    assert r.exit_code == 1
    assert message in r.output


def _edition_store(path: Path) -> str:
    s = SqliteGraphStore(path)
    day = dt.date(2026, 12, 8)
    nodes = [
        Edition(id="edition:90", name="Editie 90", start_date=day, end_date=day),
        Session(id="session:90-1", name="Ronde 1", edition="edition:90",
                start=dt.datetime(2026, 12, 8, 10), end=dt.datetime(2026, 12, 8, 11)),
        Team(id="team:90-1", name="Team Dijk", challenge="dijken versterken", edition="edition:90"),
        Team(id="team:90-2", name="Team Fiets", challenge="fietspaden in de stad", edition="edition:90"),
        Table(id="table:90-1", name="Tafel 1", edition="edition:90", number=1, team="team:90-1",
              min_guests=1, max_guests=1),
        Table(id="table:90-2", name="Tafel 2", edition="edition:90", number=2, team="team:90-2",
              min_guests=1, max_guests=1),
        Organisation(id="org:dijk", name="Dijkbouw", org_kind="company", description="dijken versterken"),
        Organisation(id="org:fiets", name="Fietsersbond", org_kind="ngo", description="fietspaden"),
        Contact(id="contact:dijk-1", name="Dirk", expertise="dijkversterking"),
        Contact(id="contact:fiets-1", name="Fenna", expertise="fietspaden in de stad"),
    ]  # fmt: skip
    edges = [
        WorksAt(source="contact:dijk-1", target="org:dijk"),
        WorksAt(source="contact:fiets-1", target="org:fiets"),
        AvailableFor(source="contact:dijk-1", target="session:90-1"),
        AvailableFor(source="contact:fiets-1", target="session:90-1"),
    ]
    s.write(nodes, edges)
    s.close()
    return str(path)


def test_seat_edition_from_store_and_save(tmp_path: Path) -> None:
    db = _edition_store(tmp_path / "v.db")
    r = invoke(
        "seat", "--edition", "edition:90", "--store", db, "--encoder", "hashing", "--save",
        "--out", str(tmp_path / "o"),
    )  # fmt: skip
    assert r.exit_code == 0, r.output
    assert "Tafel 1 (Team Dijk): Dirk" in r.output
    assert "Tafel 2 (Team Fiets): Fenna" in r.output
    assert "opgeslagen: 2 plaatsen, 0 oude plaatsen verwijderd" in r.output
    s = SqliteGraphStore(db)
    try:
        assert sorted((e.source, e.target, e.key) for e in s.edges("SEATED_AT")) == [
            ("contact:dijk-1", "table:90-1", "session:90-1"),
            ("contact:fiets-1", "table:90-2", "session:90-1"),
        ]
    finally:
        s.close()


def test_seat_unknown_edition(tmp_path: Path) -> None:
    db = _edition_store(tmp_path / "v.db")
    r = invoke("seat", "--edition", "edition:99", "--store", db, "--encoder", "hashing")
    assert r.exit_code == 1
    assert "edition 'edition:99': not in the store" in r.output


def test_bench_seat_help() -> None:
    r = invoke("bench", "seat", "--help")
    assert r.exit_code == 0 and "--only" in r.output and "greedy" in r.output


@pytest.mark.slow
def test_bench_seat_a_validates_and_beats_greedy() -> None:
    r = invoke("bench", "seat", "--only", "a", "--json")
    assert r.exit_code == 0, r.output
    (row,) = json.loads(r.output)
    assert row["valid"] and row["not_worse"]
    assert row["lp_gap"] is not None and row["lp_gap"] <= 0.01


def test_seat_many_to_many_instance_with_max_min(tmp_path: Path) -> None:
    inst = str(DATA / "hand_many_to_many.json")
    r = invoke("seat", "--instance", inst, "--out", str(tmp_path / "w"), "--json")
    assert r.exit_code == 0, r.output
    plan = json.loads(r.output)
    assert plan["method"] == "flow" and plan["status"] == "optimal"
    seats = sorted((s["table"], s["guest"]) for s in plan["seats"])
    assert seats == [("a", "g1"), ("a", "g2"), ("b", "g1")]  # Gea at two tables
    assert plan["model_size"] == {"pairs": 6, "pairs_in_model": 6, "rows": 0}
    r = invoke(
        "seat", "--instance", inst, "--out", str(tmp_path / "f"), "--fairness", "maxmin", "--json"
    )
    assert r.exit_code == 0, r.output
    fair = sorted((s["table"], s["guest"]) for s in json.loads(r.output)["seats"])
    assert fair == [("a", "g1"), ("a", "g2"), ("b", "g3")] or ("b", "g1") in fair
    r = invoke("seat", "--instance", inst, "--out", str(tmp_path / "x"), "--fairness", "fair")
    assert r.exit_code == 1
    assert "fairness: expected 'weighted' or 'maxmin', got 'fair'" in r.output


def test_seat_refuses_unknown_keys_with_their_location(tmp_path: Path) -> None:
    data = json.loads((DATA / "hand_many_to_many.json").read_text(encoding="utf-8"))
    data["guests"][1]["min_table"] = 2
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    r = invoke("seat", "--instance", str(bad), "--out", str(tmp_path / "o"))
    assert r.exit_code == 1
    assert "guests[1].min_table: unknown key" in r.output
    assert not (tmp_path / "o").exists()
