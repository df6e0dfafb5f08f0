"""Organisation → organisation questions ("which partners fit this partner?") through the API
and the CLI, and a generated triadic network evaluated from its file."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from api.cli import app, register_commands
from graph.io import read_graph
from graph.sqlite_store import SqliteGraphStore
from matcher.suggest.synthetic import tiny_network
from tests.e2e.conftest import Api

register_commands()
runner = CliRunner()


def test_partners_for_an_organisation_through_the_api(api: Api) -> None:
    h = api.headers("staff")
    r = api.client.post(
        "/api/v1/suggestions",
        json={"organisation": "org:deltares", "as_of": "2026-03-01", "k": 5},
        headers=h,
    )
    assert r.status_code == 200, r.text
    items = r.json()["items"]
    orgs = [s["organisation"]["id"] for s in items]
    assert items and "org:deltares" not in orgs
    assert all(s["reasons"] for s in items)
    wrong = api.client.post("/api/v1/suggestions", json={"organisation": "dossier:kust"}, headers=h)
    assert wrong.status_code == 422 and "dossier:kust" in wrong.json()["detail"]


def test_partners_for_an_organisation_through_the_cli(tmp_path) -> None:
    db = tmp_path / "tiny.db"
    s = SqliteGraphStore(db)
    s.write(*tiny_network())
    s.close()
    args = ["--as-of", "2026-03-01", "--store", str(db), "--encoder", "hashing", "--json"]
    r = runner.invoke(app, ["suggest", "--organisation", "org:deltares", *args])
    assert r.exit_code == 0, r.output
    orgs = [x["organisation"]["id"] for x in json.loads(r.output)["items"]]
    assert orgs and "org:deltares" not in orgs and "org:tno" not in orgs  # TNO is a partner
    assert "org:hhnk" not in orgs  # opted out
    bad = runner.invoke(app, ["suggest", "--organisation", "staff:1", *args])
    assert bad.exit_code != 0 and "staff:1" in bad.output


def test_generated_network_is_importable_and_evaluated_with_the_pipeline(tmp_path) -> None:
    out = tmp_path / "triadic.json"
    r = runner.invoke(app, ["generate-network", str(out), "--orgs", "80", "--links", "600"])
    assert r.exit_code == 0, r.output
    nodes, edges = read_graph(out)
    assert len(nodes) == 80 and all(e.date is not None for e in edges)
    r = runner.invoke(
        app,
        [
            "evaluate",
            "--graph",
            str(out),
            "--split-date",
            "2024-07-01",
            "--query-kinds",
            "organisation",
            "--encoder",
            "hashing",
            "--n-boot",
            "50",
            "--json",
        ],
    )
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert data["pipeline"] and data["validation_start"] < "2024-07-01"
    assert [s["stage"] for s in data["stages"]][-1] == "diversity"
    assert {d["versus"] for d in data["pipeline_versus"]} >= {"graph", "popularity"}
