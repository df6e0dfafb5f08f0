"""Feedback belongs to its author: the caller's staff member, one of their teams, or (admin only,
audited) anyone."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import KEY_OWNERS, Api


def _post(api: Api, role: str, **body: str):
    return api.client.post(
        "/api/v1/feedback",
        json={"target": "org:hhnk", "outcome": "declined", "date": "2026-03-02", **body},
        headers=api.headers(role),
    )


def _feedback(api: Api) -> list[tuple[str, str]]:
    return sorted((e.source, e.target) for e in api.store.edges("FEEDBACK"))


@pytest.mark.parametrize("role", ["staff", "facilitator"])
def test_feedback_without_subject_is_the_callers_own(api: Api, role: str) -> None:
    r = _post(api, role)
    assert r.status_code == 201, r.text
    assert r.json()["source"] == KEY_OWNERS[role]
    assert _feedback(api) == [(KEY_OWNERS[role], "org:hhnk")]


@pytest.mark.parametrize("role", ["staff", "facilitator"])
def test_feedback_for_own_team_is_accepted(api: Api, role: str) -> None:
    r = _post(api, role, subject="team:1-1")
    assert r.status_code == 201, r.text
    assert _feedback(api) == [("team:1-1", "org:hhnk")]


@pytest.mark.parametrize(
    ("role", "other"), [("staff", "staff:0001"), ("facilitator", "staff:0002")]
)
def test_staff_key_cannot_record_feedback_for_another_person(
    api: Api, role: str, other: str
) -> None:
    audit_before = api.audit_count()
    r = _post(api, role, subject=other)
    assert r.status_code == 403
    assert r.headers["content-type"] == "application/problem+json"
    assert other in r.json()["detail"]
    assert _feedback(api) == []
    assert api.audit_count() == audit_before


def test_key_not_bound_to_a_person_cannot_record(api: Api) -> None:
    _, plain = api.app.state.runtime.keystore.create("staff", "Dienstsleutel")  # type: ignore[attr-defined]
    r = api.client.post(
        "/api/v1/feedback",
        json={"subject": "team:1-1", "target": "org:tno", "outcome": "met"},
        headers={"X-API-Key": plain},
    )
    assert r.status_code == 403
    assert "not bound to a staff member" in r.json()["detail"]
    assert _feedback(api) == []


def test_team_of_someone_else_is_refused(api: Api) -> None:
    from graph.model import Staff, Team

    api.store.write([Staff(id="staff:0003", name="C"), Team(id="team:9-9", name="Ander team")], [])
    r = _post(api, "staff", subject="team:9-9")
    assert r.status_code == 403
    assert _feedback(api) == []


def test_admin_records_on_behalf_and_it_is_audited(api: Api) -> None:
    r = _post(api, "admin", subject="staff:0001")
    assert r.status_code == 201, r.text
    assert _feedback(api) == [("staff:0001", "org:hhnk")]
    entries, _ = api.app.state.runtime.audit.entries(limit=5)  # type: ignore[attr-defined]
    on_behalf = [e for e in entries if e.purpose == "on_behalf"]
    assert len(on_behalf) == 1
    assert on_behalf[0].subjects == ["staff:0001"]
    assert on_behalf[0].role == "admin" and on_behalf[0].path == "/api/v1/feedback"


def test_admin_without_person_must_name_the_subject(api: Api) -> None:
    r = _post(api, "admin")
    assert r.status_code == 422
    assert "subject" in r.json()["detail"]
