"""Inputs that once answered 500: each now gets a typed answer or a 4xx problem+json."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import Api

PROBLEM = "application/problem+json"


def test_coalition_answers_a_typed_body(api: Api) -> None:
    r = api.client.get("/api/v1/teams/team:1-1/coalition", headers=api.headers("staff"))
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["team"] == "team:1-1"
    assert all(isinstance(k, str) for k in body["covered_by"])
    assert {m["organisation"] for m in body["members"]} <= {"org:tno", "org:deltares", "org:hhnk"}


@pytest.mark.parametrize(
    ("method", "url", "body"),
    [
        ("POST", "/api/v1/suggestions", {"dossier": "dossier:kust", "as_of": "9999-12-31"}),
        ("GET", "/api/v1/nudges?team=team:1-1&as_of=9999-12-31&horizon=365", None),
        ("GET", "/api/v1/nudges.ics?team=team:1-1&as_of=9999-12-31&horizon=365", None),
        ("GET", "/api/v1/teams/team:1-1/coalition?as_of=9999-12-31", None),
    ],
)
def test_far_future_date_is_not_a_server_error(api: Api, method: str, url: str, body) -> None:
    r = api.client.request(method, url, json=body, headers=api.headers("admin"))
    assert r.status_code < 500, r.text
    if r.status_code >= 400:
        assert r.headers["content-type"] == PROBLEM


@pytest.mark.parametrize("subject", ["", " ", "staff: 0001"])
def test_blank_feedback_subject_is_422(api: Api, subject: str) -> None:
    r = api.client.post(
        "/api/v1/feedback",
        json={"subject": subject, "target": "org:tno", "outcome": "met"},
        headers=api.headers("admin"),
    )
    assert r.status_code == 422
    assert r.headers["content-type"] == PROBLEM
    assert "subject" in r.json()["detail"]


@pytest.mark.parametrize("name", ["", "   "])
def test_blank_key_name_is_422(api: Api, name: str) -> None:
    r = api.client.post(
        "/api/v1/admin/keys", json={"role": "staff", "name": name}, headers=api.headers("admin")
    )
    assert r.status_code == 422
    assert "name" in r.json()["detail"]


def test_huge_audit_offset_is_422(api: Api) -> None:
    r = api.client.get(f"/api/v1/admin/audit?offset={2**70}", headers=api.headers("admin"))
    assert r.status_code == 422
    assert "offset" in r.json()["detail"]


def test_deeply_nested_json_upload_is_refused(api: Api) -> None:
    before = api.store.revision
    doc = b"[" * 50_000 + b"]" * 50_000
    r = api.client.post(
        "/api/v1/graph/import",
        files={"file": ("netwerk.json", doc, "application/json")},
        headers=api.headers("admin"),
    )
    assert r.status_code == 422, r.text
    assert r.headers["content-type"] == PROBLEM
    assert r.json()["errors"][0]["location"] == "netwerk.json"
    assert api.store.revision == before


def test_deeply_nested_json_body_is_4xx(api: Api) -> None:
    body = b'{"dossier": ' + b"[" * 50_000 + b"]" * 50_000 + b"}"
    r = api.client.post(
        "/api/v1/suggestions",
        content=body,
        headers={**api.headers("staff"), "content-type": "application/json"},
    )
    assert 400 <= r.status_code < 500, r.text
    assert r.headers["content-type"] == PROBLEM


def test_csv_upload_with_nul_byte_is_refused_with_its_location(api: Api) -> None:
    before = api.store.revision
    csv = b"id;name;org_kind\norg:nieuw;Nieuw\x00 bedrijf;company\n"
    r = api.client.post(
        "/api/v1/graph/import",
        files={"file": ("organisation.csv", csv, "text/csv")},
        headers=api.headers("admin"),
    )
    assert r.status_code == 422, r.text
    (error,) = r.json()["errors"]
    assert error["location"] == "organisation.csv"
    assert error["record"] == "line 2, column 16"
    assert "NUL" in error["reason"]
    assert api.store.revision == before
    assert not api.store.has_node("org:nieuw")


def test_clean_csv_upload_is_imported(api: Api) -> None:
    csv = b"id;name;org_kind\norg:nieuw;Nieuw bedrijf;company\n"
    r = api.client.post(
        "/api/v1/graph/import",
        files={"file": ("organisation.csv", csv, "text/csv")},
        headers=api.headers("admin"),
    )
    assert r.status_code == 200, r.text
    assert r.json() == {"nodes": 1, "edges": 0, "replace": False}
    assert api.store.get_node("org:nieuw").label == "Nieuw bedrijf"


def test_json_upload_with_an_escaped_nul_is_refused_with_its_record_and_field(api: Api) -> None:
    import json

    before = api.store.revision
    doc = {
        "format": "verbinder",
        "version": 1,
        "nodes": [
            {"kind": "organisation", "id": "org:a", "name": "A", "org_kind": "company"},
            {"kind": "organisation", "id": "org:b", "name": "B\x00", "org_kind": "company"},
        ],
        "edges": [],
    }
    r = api.client.post(
        "/api/v1/graph/import",
        files={"file": ("netwerk.json", json.dumps(doc).encode(), "application/json")},
        headers=api.headers("admin"),
    )
    assert r.status_code == 422, r.text
    errors = r.json()["errors"]
    assert errors == [
        {
            "location": "netwerk.json",
            "record": "node 2",
            "field": "name",
            "reason": "contains a NUL character (\\u0000), which no text field may hold",
        }
    ]
    assert api.store.revision == before and not api.store.has_node("org:a")
