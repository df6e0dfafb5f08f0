"""Seating through the API: plan, re-plan with the fewest changes, exports, audit."""

from __future__ import annotations

import io

import openpyxl

from tests.e2e.conftest import Api, browser_network

PROBLEM = "application/problem+json"
URL = "/api/v1/editions/edition:1/seating"


def _seed_edition(api: Api) -> None:
    nodes, edges = browser_network()
    api.store.write(nodes, edges)


def _seats(body: dict) -> set[tuple[str, str, str]]:
    return {(s["session"], s["table"], s["guest"]) for s in body["seats"]}


def test_plan_seats_every_table_within_capacity_and_stores_it(api: Api) -> None:
    _seed_edition(api)
    h = api.headers("facilitator")
    r = api.client.post(f"{URL}/plan", json={"time_limit": 5}, headers=h)
    assert r.status_code == 200
    body = r.json()
    assert body["status"] == "optimal" and body["saved"] is True
    seats = _seats(body)
    for session in ("session:1-1", "session:1-2"):
        for table in ("table:1-1", "table:1-2"):
            assert len({g for s, t, g in seats if (s, t) == (session, table)}) <= 2
        guests = [g for s, _, g in seats if s == session]
        assert len(guests) == len(set(guests))  # nobody at two tables at once
    assert body["objective"] >= body["greedy_objective"]
    assert all(s["reasons"] for s in body["seats"])
    stored = api.client.get(URL, headers=h).json()
    assert _seats(stored) == seats


def test_replan_after_a_cancellation_changes_only_that_guest(api: Api) -> None:
    _seed_edition(api)
    h = api.headers("facilitator")
    before = _seats(api.client.post(f"{URL}/plan", json={}, headers=h).json())
    gone = sorted(before)[0][2]
    r = api.client.post(f"{URL}/replan", json={"cancel": [gone]}, headers=h)
    assert r.status_code == 200
    after = _seats(r.json())
    assert {x for x in before if x[2] != gone} <= after | {x for x in before if x[2] == gone}
    assert all(g != gone for _, _, g in after)
    assert r.json()["diff"]["removed"] and not r.json()["diff"]["moved"]
    sessions = {e.target for e in api.store.edges("AVAILABLE_FOR", source=gone)}
    assert sessions == set()  # the cancellation is remembered


def test_replan_with_an_extra_table_creates_it(api: Api) -> None:
    _seed_edition(api)
    h = api.headers("facilitator")
    api.client.post(f"{URL}/plan", json={}, headers=h)
    r = api.client.post(f"{URL}/replan", json={"add_tables": ["team:1-2"]}, headers=h)
    assert r.status_code == 200
    assert [t["id"] for t in r.json()["tables"]][-1] == "table:1-3"
    assert api.store.get_node("table:1-3").team == "team:1-2"


def test_replan_errors_name_the_field(api: Api) -> None:
    _seed_edition(api)
    h = api.headers("facilitator")
    r = api.client.post(f"{URL}/replan", json={"cancel": ["contact:nobody"]}, headers=h)
    assert r.status_code == 422 and "cancel: 'contact:nobody'" in r.json()["detail"]
    r = api.client.post(f"{URL}/replan", json={"add_tables": ["org:tno"]}, headers=h)
    assert r.status_code == 422 and "add_tables: 'org:tno' is not a team" in r.json()["detail"]
    r = api.client.post("/api/v1/editions/edition:9/seating/plan", json={}, headers=h)
    assert r.status_code == 422 and r.headers["content-type"] == PROBLEM
    r = api.client.post(f"{URL}/replan", json={"cancel": ["contact:tno-1"]}, headers=h)
    assert r.status_code == 200  # the small network already seats contact:tno-1
    r = api.client.post(f"{URL}/replan", json={"cancel": ["contact:hhnk-1"]}, headers=h)
    assert r.status_code == 422 and "has no plan yet" in r.json()["detail"]


def test_exports_name_the_guests_and_are_audited(api: Api) -> None:
    _seed_edition(api)
    h = api.headers("facilitator")
    planned = api.client.post(f"{URL}/plan", json={}, headers=h).json()
    n_seats = len(planned["seats"])
    before = api.audit_count()
    xlsx = api.client.get(f"{URL}/export?format=xlsx", headers=h)
    assert xlsx.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).worksheets[0]
    assert sheet.max_row - 1 >= n_seats
    cards = api.client.get(f"{URL}/export?format=html", headers=h)
    assert "Tafel 1" in cards.text and "Team Zandmotor" in cards.text
    csv = api.client.get(f"{URL}/export?format=csv", headers=h)
    assert csv.text.count("\n") >= n_seats
    assert api.audit_count() == before + 3


def test_staff_may_not_see_the_guest_list(api: Api) -> None:
    assert api.client.get(URL, headers=api.headers("staff")).status_code == 403


def test_an_infeasible_edition_is_explained_in_dutch_and_nothing_is_stored(api: Api) -> None:
    table = api.store.get_node("table:1-1").model_dump(mode="json")
    table["min_guests"] = 2  # only two guests are available for session:1-1, both needed here…
    second = {**table, "id": "table:1-9", "name": "Tafel 9", "number": 9}  # …and here
    h = api.headers("admin")
    assert api.client.put("/api/v1/nodes/table:1-1", json=table, headers=h).status_code == 200
    assert api.client.post("/api/v1/nodes", json=second, headers=h).status_code == 201
    before = {(e.source, e.target) for e in api.store.edges("SEATED_AT")}
    r = api.client.post(f"{URL}/plan", json={}, headers=api.headers("facilitator"))
    assert r.status_code == 200
    body = r.json()
    assert body["status"] == "infeasible" and body["saved"] is False and body["seats"] == []
    assert body["diagnosis_text"]
    assert {(e.source, e.target) for e in api.store.edges("SEATED_AT")} == before
