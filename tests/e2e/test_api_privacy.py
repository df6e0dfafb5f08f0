"""AVG rights through the API (admin only, typed answers) and the ``verbinder privacy`` commands."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from typer.testing import CliRunner

from api.cli import app as cli_app
from api.cli import register_commands
from graph import SqliteGraphStore
from graph.model import Interacted
from tests.e2e.conftest import Api, small_network


def test_only_an_admin_may_ask_or_erase(api: Api) -> None:
    for role in ("staff", "facilitator"):
        assert (
            api.client.get("/api/v1/privacy/contact:tno-1", headers=api.headers(role)).status_code
            == 403
        )
        assert (
            api.client.delete(
                "/api/v1/privacy/contact:tno-1", headers=api.headers(role)
            ).status_code
            == 403
        )
    assert api.client.get("/api/v1/privacy/contact:tno-1").status_code == 401
    assert api.store.has_node("contact:tno-1")


def test_access_then_erasure_through_the_api(api: Api) -> None:
    admin = api.headers("admin")
    # Carla's details are shown once to the admin, so the audit log names her.
    assert api.client.get("/api/v1/nodes/contact:tno-1", headers=admin).status_code == 200
    got = api.client.get("/api/v1/privacy/contact:tno-1", headers=admin)
    assert got.status_code == 200, got.text
    data = got.json()
    assert data["person"]["name"] == "Carla Smit"
    assert {e["kind"] for e in data["edges"]} == {
        "WORKS_AT",
        "INTERACTED",
        "AVAILABLE_FOR",
        "SEATED_AT",
    }
    assert [e["purpose"] for e in data["audit"]] == ["graph"]

    gone = api.client.delete("/api/v1/privacy/contact:tno-1", headers=admin)
    assert gone.status_code == 200, gone.text
    assert gone.json()["edges"] == 4
    assert api.client.get("/api/v1/nodes/contact:tno-1", headers=admin).status_code == 404
    assert api.client.get("/api/v1/privacy/contact:tno-1", headers=admin).status_code == 404
    log = api.client.get("/api/v1/admin/audit?limit=500", headers=admin).text
    assert "tno-1" not in log and "Carla" not in log
    assert '"purpose":"erasure"' in log
    exported = api.client.get("/api/v1/graph/export?format=json", headers=admin)
    assert exported.status_code == 200
    assert "contact:tno-1" not in exported.text and "Carla Smit" not in exported.text


def test_an_organisation_is_not_a_person(api: Api) -> None:
    r = api.client.delete("/api/v1/privacy/org:tno", headers=api.headers("admin"))
    assert r.status_code == 422
    assert r.headers["content-type"].startswith("application/problem+json")
    assert api.store.has_node("org:tno")


def _cli(*args: str) -> tuple[int, str]:
    register_commands()
    result = CliRunner().invoke(cli_app, list(args))
    return result.exit_code, result.output


def test_privacy_commands(tmp_path: Path) -> None:
    db = str(tmp_path / "v.db")
    store = SqliteGraphStore(db)
    nodes, edges = small_network()
    old = Interacted(source="staff:0001", target="org:tno", date=dt.date(2015, 1, 5), key="old")
    store.write(nodes, [*edges, old])
    store.close()

    code, out = _cli("privacy", "access", "staff:0002", "--store", db)
    assert code == 0, out
    assert json.loads(out)["person"]["name"] == "Bram Jansen"
    code, out = _cli("privacy", "erase", "staff:0002", "--store", db)
    assert code == 1 and "--yes" in out
    code, out = _cli("privacy", "erase", "staff:0002", "--yes", "--store", db)
    assert code == 0, out
    code, out = _cli("privacy", "access", "staff:0002", "--store", db)
    assert code == 1 and "no node" in out

    code, out = _cli("privacy", "retention", "--years", "5", "--as-of", "2026-12-03", "--store", db)
    assert code == 0 and "would remove (dry run" in out and "1 interaction" in out
    code, out = _cli(
        "privacy", "retention", "--years", "5", "--as-of", "2026-12-03", "--apply", "--store", db
    )
    assert code == 0 and out.startswith("removed 1 interaction(s) dated before 2021-12-03")
    store = SqliteGraphStore(db)
    try:
        assert not store.has_node("staff:0002")
        assert all(e.date >= dt.date(2021, 12, 3) for e in store.edges("INTERACTED") if e.date)
    finally:
        store.close()
