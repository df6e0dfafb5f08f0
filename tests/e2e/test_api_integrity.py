"""Integrity rules through the API: stored and validated, applied to suggestions, explained to
admins; every contact a suggestion answer names lands in the contact register."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from typer.testing import CliRunner

from api.cli import app as cli_app
from api.cli import register_commands
from graph import SqliteGraphStore
from graph.model import Conflict
from tests.e2e.conftest import Api, small_network

AS_OF = "2026-03-01"


def _suggested(api: Api) -> list[str]:
    r = api.client.post(
        "/api/v1/suggestions",
        json={"dossier": "dossier:kust", "as_of": AS_OF, "k": 5},
        headers=api.headers("staff"),
    )
    assert r.status_code == 200, r.text
    items = r.json()["items"]
    assert [s["rank"] for s in items] == list(range(1, len(items) + 1))
    return [s["organisation"]["id"] for s in items]


def test_a_cooling_off_rule_keeps_a_past_bidder_out(api: Api) -> None:
    admin = api.headers("admin")
    assert "org:deltares" in _suggested(api)
    # Deltares was a bidder in a tender on the dossier that closed ten days ago.
    api.store.write(
        (),
        [
            Conflict(
                source="dossier:kust",
                target="org:deltares",
                key="tender",
                date=dt.date(2025, 12, 1),
                until=dt.date(2026, 2, 19),
            )
        ],
    )
    assert "org:deltares" in _suggested(api)  # the default rule: only during the tender
    rules = api.client.put(
        "/api/v1/admin/integrity/rules",
        json=[{"key": "tender", "days_after": 30}],
        headers=admin,
    )
    assert rules.status_code == 200, rules.text
    assert rules.json()["items"] == [
        {"key": "tender", "days_before": 0, "days_after": 30, "label": "lopende aanbesteding"}
    ]
    assert "org:deltares" not in _suggested(api)
    why = api.client.get(
        f"/api/v1/admin/integrity/exclusions?dossier=dossier:kust&as_of={AS_OF}", headers=admin
    )
    assert why.status_code == 200
    assert why.json()["items"] == [
        {
            "organisation": "org:deltares",
            "organisation_name": why.json()["items"][0]["organisation_name"],
            "subject": "dossier:kust",
            "rule": "tender",
            "label": "uitgesloten: lopende aanbesteding",
            "start": "2025-12-01",
            "end": "2026-03-21",
        }
    ]
    staff_view = api.client.get(
        "/api/v1/admin/integrity/exclusions?dossier=dossier:kust", headers=api.headers("staff")
    )
    assert staff_view.status_code == 403


def test_invalid_rules_are_refused_and_nothing_changes(api: Api) -> None:
    admin = api.headers("admin")
    bad = api.client.put(
        "/api/v1/admin/integrity/rules",
        json=[{"key": "tender", "days_after": 30}, {"key": "tender"}],
        headers=admin,
    )
    assert bad.status_code == 422
    assert "rule 2, field 'key'" in bad.json()["detail"]
    assert bad.headers["content-type"].startswith("application/problem+json")
    rules = api.client.get("/api/v1/admin/integrity/rules", headers=admin).json()["items"]
    assert [r["key"] for r in rules] == ["tender", "nevenfunctie"]  # the defaults


def test_named_contacts_are_registered(api: Api) -> None:
    admin = api.headers("admin")
    empty = api.client.get("/api/v1/admin/contact-register", headers=admin).json()
    assert empty["total"] == 0
    _suggested(api)
    register = api.client.get("/api/v1/admin/contact-register", headers=admin).json()
    contacts = {r["contact_id"]: r["organisation_id"] for r in register["items"]}
    assert contacts.get("contact:deltares-1") == "org:deltares"
    assert "contact:hhnk-1" not in contacts  # never named: no consent
    csv = api.client.get("/api/v1/admin/contact-register.csv", headers=admin)
    assert csv.status_code == 200
    lines = csv.text.splitlines()
    assert (
        lines[0] == "volgnummer,datum,medewerker,organisatie,organisatienaam,contactpersoon,dossier"
    )
    assert any("Ewout Bakker" in line for line in lines[1:])
    # Erasing the contact removes them from the register too.
    assert api.client.delete("/api/v1/privacy/contact:deltares-1", headers=admin).status_code == 200
    again = api.client.get("/api/v1/admin/contact-register.csv", headers=admin).text
    assert "Ewout Bakker" not in again and "deltares-1" not in again


def test_integrity_commands(tmp_path: Path) -> None:
    db = str(tmp_path / "v.db")
    store = SqliteGraphStore(db)
    nodes, edges = small_network()
    tender = Conflict(
        source="dossier:kust",
        target="org:tno",
        key="tender",
        date=dt.date(2026, 1, 1),
        until=dt.date(2026, 2, 1),
    )
    store.write(nodes, [*edges, tender])
    store.close()
    register_commands()
    runner = CliRunner()

    def run(*args: str) -> tuple[int, str]:
        result = runner.invoke(cli_app, [*args, "--store", db])
        return result.exit_code, result.output

    code, out = run("integrity", "exclusions", "--dossier", "dossier:kust", "--as-of", "2026-02-20")
    assert code == 0 and out.strip() == "geen uitsluitingen"
    bad = tmp_path / "bad.json"
    bad.write_text('[{"key": "tender", "days_after": "lang"}]', encoding="utf-8")
    code, out = run("integrity", "rules", "--set", str(bad))
    assert code == 1 and "field 'days_after'" in out
    good = tmp_path / "rules.json"
    good.write_text('[{"key": "tender", "days_after": 60}]', encoding="utf-8")
    code, out = run("integrity", "rules", "--set", str(good))
    assert code == 0 and "lopende aanbesteding" in out
    code, out = run("integrity", "exclusions", "--dossier", "dossier:kust", "--as-of", "2026-02-20")
    assert code == 0 and "org:tno" in out and "uitgesloten: lopende aanbesteding" in out
    code, out = run("integrity", "register")
    assert code == 0 and out.startswith("volgnummer,datum,")
