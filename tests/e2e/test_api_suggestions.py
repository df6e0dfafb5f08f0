"""Suggestions through the API: reasons, consented contacts only, a warm introduction, audit."""

from __future__ import annotations

from tests.e2e.conftest import Api

PROBLEM = "application/problem+json"


def test_suggestions_for_a_dossier_name_consented_contacts_and_reasons(api: Api) -> None:
    r = api.client.post(
        "/api/v1/suggestions",
        json={"dossier": "dossier:kust", "as_of": "2026-03-01", "k": 5},
        headers=api.headers("staff"),
    )
    assert r.status_code == 200
    body = r.json()
    assert body["query"] == {"dossier": "dossier:kust", "as_of": "2026-03-01", "k": 5}
    orgs = [s["organisation"]["id"] for s in body["items"]]
    assert "org:deltares" in orgs
    deltares = body["items"][orgs.index("org:deltares")]
    assert deltares["contact"]["name"] == "Ewout Bakker"
    assert all(s["reasons"] and s["reasons"][0]["text_nl"] for s in body["items"])
    assert "Dirk Visser" not in r.text  # no consent, never named


def test_free_text_question_finds_the_warm_introduction(api: Api) -> None:
    r = api.client.post(
        "/api/v1/suggestions",
        json={"text": "zandsuppleties en kustveiligheid", "as_of": "2026-03-01", "k": 3},
        headers=api.headers("staff"),
    )
    first = r.json()["items"][0]
    assert first["organisation"]["id"] == "org:tno"
    assert first["contact"]["id"] == "contact:tno-1"
    assert first["introducer"]["staff_id"] == "staff:0002"
    assert first["introducer"]["date"] == "2025-06-03"


def test_every_named_person_is_audited(api: Api) -> None:
    api.client.post(
        "/api/v1/suggestions",
        json={"text": "zandsuppleties en kustveiligheid", "as_of": "2026-03-01", "k": 3},
        headers=api.headers("staff"),
    )
    entry = api.client.get("/api/v1/admin/audit?limit=1", headers=api.headers("admin")).json()
    subjects = entry["items"][0]["subjects"]
    assert {"contact:tno-1", "staff:0002"} <= set(subjects)
    assert entry["items"][0]["purpose"] == "suggestions"


def test_bad_queries_are_422_problems(api: Api) -> None:
    h = api.headers("staff")
    both = api.client.post(
        "/api/v1/suggestions", json={"dossier": "dossier:kust", "text": "x"}, headers=h
    )
    assert both.status_code == 422 and both.headers["content-type"] == PROBLEM
    unknown = api.client.post("/api/v1/suggestions", json={"dossier": "dossier:nee"}, headers=h)
    assert unknown.status_code == 422 and "dossier:nee" in unknown.json()["detail"]
    too_many = api.client.post("/api/v1/suggestions", json={"text": "x", "k": 500}, headers=h)
    assert too_many.status_code == 422


def test_facilitator_may_not_ask_suggestions(api: Api) -> None:
    r = api.client.post(
        "/api/v1/suggestions", json={"text": "x"}, headers=api.headers("facilitator")
    )
    assert r.status_code == 403
