"""Graph CRUD, health, admin, problem+json, pagination, request-size limit and audit, via TestClient."""

from __future__ import annotations

import sqlite3

import pytest

from tests.e2e.conftest import NOTE, Api, build_api

PROBLEM = "application/problem+json"


def test_health_and_ready_need_no_key(api: Api) -> None:
    assert api.client.get("/health").json() == {"status": "ok"}
    ready = api.client.get("/ready").json()
    assert ready["status"] == "ready"
    assert ready["nodes"] == 13 and ready["edges"] == 13


def test_missing_and_wrong_key_are_401_problems(api: Api) -> None:
    r = api.client.get("/api/v1/nodes")
    assert r.status_code == 401 and r.headers["content-type"] == PROBLEM
    assert r.headers["www-authenticate"].startswith("Bearer")
    r = api.client.get("/api/v1/nodes", headers={"X-API-Key": "vb_abc_def"})
    assert r.status_code == 401 and r.json()["detail"] == "The API key is unknown or revoked."


def test_bearer_token_works_like_the_header(api: Api) -> None:
    r = api.client.get("/api/v1/stats", headers={"Authorization": f"Bearer {api.keys['staff']}"})
    assert r.status_code == 200
    assert r.json()["counts"]["organisation"] == 3


def test_pagination_reports_totals(api: Api) -> None:
    h = api.headers("staff")
    first = api.client.get("/api/v1/nodes?kind=organisation&limit=2", headers=h).json()
    assert first["total"] == 3 and first["limit"] == 2 and first["offset"] == 0
    assert [n["id"] for n in first["items"]] == ["org:deltares", "org:hhnk"]
    rest = api.client.get("/api/v1/nodes?kind=organisation&limit=2&offset=2", headers=h).json()
    assert [n["id"] for n in rest["items"]] == ["org:tno"]
    assert api.client.get("/api/v1/nodes?limit=0", headers=h).status_code == 422


def test_unknown_kind_is_422(api: Api) -> None:
    r = api.client.get("/api/v1/nodes?kind=person", headers=api.headers("staff"))
    assert r.status_code == 422 and "unknown node kind 'person'" in r.json()["detail"]


def test_search_does_not_match_hidden_names(api: Api) -> None:
    staff = api.client.get("/api/v1/nodes?q=carla", headers=api.headers("staff")).json()
    admin = api.client.get("/api/v1/nodes?q=carla", headers=api.headers("admin")).json()
    assert staff["total"] == 0
    assert [n["id"] for n in admin["items"]] == ["contact:tno-1"]


def test_staff_gets_contact_without_personal_data(api: Api) -> None:
    r = api.client.get("/api/v1/nodes/contact:tno-1", headers=api.headers("staff")).json()
    assert r == {
        "id": "contact:tno-1",
        "kind": "contact",
        "organisation": "org:tno",
        "redacted": True,
    }


def test_admin_read_of_personal_data_is_audited(api: Api) -> None:
    before = api.audit_count()
    r = api.client.get("/api/v1/nodes/contact:tno-1", headers=api.headers("admin"))
    assert r.json()["name"] == "Carla Smit"
    assert api.audit_count() == before + 1
    log = api.client.get("/api/v1/admin/audit?limit=1", headers=api.headers("admin")).json()
    entry = log["items"][0]
    assert entry["subjects"] == ["contact:tno-1"]
    assert entry["role"] == "admin" and entry["path"] == "/api/v1/nodes/contact:tno-1"
    assert entry["key_name"] == "Sleutel admin" and entry["purpose"] == "graph"


def test_reads_without_personal_data_are_not_audited(api: Api) -> None:
    before = api.audit_count()
    api.client.get("/api/v1/nodes/org:tno", headers=api.headers("admin"))
    api.client.get("/api/v1/nodes/contact:tno-1", headers=api.headers("staff"))
    assert api.audit_count() == before


def test_audit_log_is_append_only(api: Api) -> None:
    api.client.get("/api/v1/nodes/contact:tno-1", headers=api.headers("admin"))
    runtime = api.app.state.runtime  # type: ignore[attr-defined]
    conn = sqlite3.connect(runtime.audit.path)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("DELETE FROM audit")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("UPDATE audit SET key_name = 'x'")
    conn.close()


def test_notes_are_hidden_from_staff_and_shown_to_admin(api: Api) -> None:
    q = "/api/v1/edges?kind=INTERACTED&source=staff:0002"
    staff = api.client.get(q, headers=api.headers("staff")).json()["items"][0]
    assert staff["note"] == "" and staff["redacted"] is True
    admin = api.client.get(q, headers=api.headers("admin")).json()["items"][0]
    assert admin["note"] == NOTE


def test_node_crud_round_trip(api: Api) -> None:
    h = api.headers("admin")
    body = {
        "kind": "organisation",
        "id": "org:rws",
        "name": "Rijkswaterstaat",
        "org_kind": "public_body",
    }
    r = api.client.post("/api/v1/nodes", json=body, headers=h)
    assert r.status_code == 201 and r.json()["name"] == "Rijkswaterstaat"
    r = api.client.post("/api/v1/nodes", json=body, headers=h)
    assert r.status_code == 409 and r.headers["content-type"] == PROBLEM
    body["name"] = "RWS"
    assert api.client.put("/api/v1/nodes/org:rws", json=body, headers=h).json()["name"] == "RWS"
    r = api.client.put("/api/v1/nodes/org:other", json=body, headers=h)
    assert r.status_code == 422 and "differs from the path id" in r.json()["detail"]
    assert api.client.delete("/api/v1/nodes/org:rws", headers=h).status_code == 204
    r = api.client.get("/api/v1/nodes/org:rws", headers=h)
    assert r.status_code == 404 and r.json()["detail"] == "no node 'org:rws'"


def test_put_cannot_change_a_nodes_kind(api: Api) -> None:
    body = {"kind": "dossier", "id": "org:tno", "title": "Geen organisatie"}
    r = api.client.put("/api/v1/nodes/org:tno", json=body, headers=api.headers("admin"))
    assert r.status_code == 409


def test_edge_crud_and_dangling_edge_conflict(api: Api) -> None:
    h = api.headers("admin")
    edge = {"kind": "COLLABORATES_WITH", "source": "org:tno", "target": "org:deltares"}
    assert api.client.post("/api/v1/edges", json=edge, headers=h).status_code == 201
    listed = api.client.get("/api/v1/edges?kind=COLLABORATES_WITH", headers=h).json()
    assert listed["total"] == 1
    r = api.client.delete(
        "/api/v1/edges?kind=COLLABORATES_WITH&source=org:tno&target=org:deltares", headers=h
    )
    assert r.status_code == 204
    bad = {"kind": "COLLABORATES_WITH", "source": "org:tno", "target": "org:nowhere"}
    r = api.client.post("/api/v1/edges", json=bad, headers=h)
    assert r.status_code == 409 and "unknown node 'org:nowhere'" in r.json()["detail"]


def test_invalid_body_is_422_naming_the_field(api: Api) -> None:
    body = {"kind": "organisation", "id": "org:x", "name": "X", "org_kind": "bakery"}
    r = api.client.post("/api/v1/nodes", json=body, headers=api.headers("admin"))
    assert r.status_code == 422 and r.headers["content-type"] == PROBLEM
    assert [e["field"] for e in r.json()["errors"]] == ["organisation.org_kind"]


def test_malformed_json_is_400(api: Api) -> None:
    r = api.client.post(
        "/api/v1/nodes",
        content=b'{"kind": ',
        headers={**api.headers("admin"), "content-type": "application/json"},
    )
    assert r.status_code == 400 and r.headers["content-type"] == PROBLEM


def test_oversized_body_is_413(tmp_path) -> None:
    small = build_api(tmp_path, max_request_bytes=100)
    r = small.client.post("/api/v1/nodes", content=b"x" * 101, headers=small.headers("admin"))
    assert r.status_code == 413 and r.headers["content-type"] == PROBLEM

    def chunks():
        yield b"x" * 60
        yield b"x" * 60

    r = small.client.post("/api/v1/nodes", content=chunks(), headers=small.headers("admin"))
    assert r.status_code == 413
    small.store.close()


def test_keys_are_created_listed_and_revoked(api: Api) -> None:
    h = api.headers("admin")
    made = api.client.post("/api/v1/admin/keys", json={"role": "staff", "name": "Test"}, headers=h)
    assert made.status_code == 201
    plain = made.json()["key"]
    assert api.client.get("/api/v1/stats", headers={"X-API-Key": plain}).status_code == 200
    listed = api.client.get("/api/v1/admin/keys", headers=h).json()
    assert listed["total"] == 4 and all("key" not in k for k in listed["items"])
    kid = made.json()["key_id"]
    assert api.client.delete(f"/api/v1/admin/keys/{kid}", headers=h).json()["revoked"] is True
    assert api.client.get("/api/v1/stats", headers={"X-API-Key": plain}).status_code == 401
    assert api.client.delete("/api/v1/admin/keys/nope", headers=h).status_code == 404


def test_keys_are_stored_hashed(api: Api) -> None:
    runtime = api.app.state.runtime  # type: ignore[attr-defined]
    raw = runtime.keystore.path.read_bytes()
    for plain in api.keys.values():
        secret = plain.split("_", 2)[2]
        assert secret.encode() not in raw


def test_ego_svg_is_accessible_and_redacted(api: Api) -> None:
    r = api.client.get("/api/v1/nodes/dossier:kust/ego.svg", headers=api.headers("staff"))
    assert r.status_code == 200 and r.headers["content-type"] == "image/svg+xml"
    svg = r.text
    assert 'role="img"' in svg and '<title id="ego-title">Netwerk rond Kustversterking' in svg
    # a person the viewer may not see is left out, not drawn as a placeholder
    assert "2 verbonden knopen: 2 organisatie." in svg
    assert "Anna de Vries" not in svg and "Collega" not in svg
    admin = api.client.get("/api/v1/nodes/dossier:kust/ego.svg", headers=api.headers("admin"))
    assert "Anna de Vries" in admin.text and "3 verbonden knopen" in admin.text


def test_openapi_documents_problems_and_examples(api: Api) -> None:
    spec = api.client.get("/openapi.json").json()
    post = spec["paths"]["/api/v1/nodes"]["post"]
    assert "application/problem+json" in post["responses"]["409"]["content"]
    assert "examples" in str(post["requestBody"])
    assert "limit" in [p["name"] for p in spec["paths"]["/api/v1/nodes"]["get"]["parameters"]]


def test_import_is_all_or_nothing_and_export_is_audited(api: Api) -> None:
    h = api.headers("admin")
    bad = b'{"format": "verbinder", "version": 1, "nodes": [{"kind": "organisation", "id": "org:x"}], "edges": []}'
    before = api.store.revision
    r = api.client.post("/api/v1/graph/import", files={"file": ("net.json", bad)}, headers=h)
    assert r.status_code == 422 and r.headers["content-type"] == PROBLEM
    assert {(e["record"], e["field"]) for e in r.json()["errors"]} == {
        ("node #1 'org:x'", "name"),
        ("node #1 'org:x'", "org_kind"),
    }
    assert api.store.revision == before
    r = api.client.post("/api/v1/graph/import", files={"file": ("net.csv", b"x")}, headers=h)
    assert r.status_code == 422
    audited = api.audit_count()
    exported = api.client.get("/api/v1/graph/export", headers=h)
    assert exported.status_code == 200 and "Dirk Visser" in exported.text
    assert api.audit_count() == audited + 1
    entry = api.client.get("/api/v1/admin/audit?limit=1", headers=h).json()["items"][0]
    assert entry["purpose"] == "export" and len(entry["subjects"]) == 5
    r = api.client.post(
        "/api/v1/graph/import?replace=true",
        files={"file": ("net.json", exported.content)},
        headers=h,
    )
    assert r.json() == {"nodes": 13, "edges": 13, "replace": True}
    xlsx = api.client.get("/api/v1/graph/export?format=xlsx", headers=h)
    assert xlsx.content[:2] == b"PK"


def test_every_use_case_is_mounted(api: Api) -> None:
    """A router that fails to import is left out with a warning; here all of them must be in."""
    runtime = api.app.state.runtime  # type: ignore[attr-defined]
    assert runtime.use_cases == [
        "graph_io",
        "suggestions",
        "seating",
        "coalitions",
        "nudges",
        "feedback",
    ]
    assert api.client.get("/ready").json()["use_cases"] == runtime.use_cases


def test_unknown_route_and_wrong_method_are_problems(api: Api) -> None:
    r = api.client.get("/api/v1/nope", headers=api.headers("staff"))
    assert r.status_code == 404 and r.headers["content-type"] == PROBLEM
    r = api.client.patch("/api/v1/nodes", headers=api.headers("admin"))
    assert r.status_code == 405 and r.headers["content-type"] == PROBLEM
