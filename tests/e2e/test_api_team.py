"""A team's coalition, nudges (JSON and iCalendar) and feedback through the API."""

from __future__ import annotations

from tests.e2e.conftest import Api

PROBLEM = "application/problem+json"


def test_coalition_names_consented_contacts_and_warm_paths(api: Api) -> None:
    r = api.client.get(
        "/api/v1/teams/team:1-1/coalition?as_of=2026-03-01&k=3", headers=api.headers("staff")
    )
    assert r.status_code == 200
    body = r.json()
    assert body["team_name"] == "Team Zandmotor"
    members = {m["organisation"]: m for m in body["members"]}
    assert set(members) == {"org:tno", "org:hhnk", "org:deltares"}
    assert members["org:tno"]["contact"]["name"] == "Carla Smit"
    assert members["org:tno"]["warm_path"]["staff"] == "staff:0002"
    assert members["org:hhnk"]["contact"] is None
    assert "Dirk Visser" not in r.text


def test_coalition_for_an_unknown_team_is_a_problem(api: Api) -> None:
    r = api.client.get("/api/v1/teams/team:9-9/coalition", headers=api.headers("staff"))
    assert r.status_code == 422 and r.headers["content-type"] == PROBLEM
    assert "team:9-9" in r.json()["detail"]


def test_nudges_are_dated_paginated_and_audited(api: Api) -> None:
    before = api.audit_count()
    r = api.client.get(
        "/api/v1/nudges?team=team:1-1&as_of=2026-03-01&limit=2", headers=api.headers("facilitator")
    )
    body = r.json()
    assert body["total"] == 3 and len(body["items"]) == 2
    # 1 March 2026 is a Sunday: what is due today lands on Monday
    assert [n["date"] for n in body["items"]] == ["2026-03-02", "2026-03-10"]
    assert all(n["actor_name"] and n["why_now"] for n in body["items"])
    assert body["items"][0]["title"] == "Relatie met TNO verwatert"
    assert api.audit_count() == before + 1  # the reason names colleague Bram Jansen


def test_nudges_need_exactly_one_subject(api: Api) -> None:
    r = api.client.get("/api/v1/nudges?as_of=2026-03-01", headers=api.headers("staff"))
    assert r.status_code == 422 and "exactly one" in r.json()["detail"]


def test_nudges_as_icalendar(api: Api) -> None:
    r = api.client.get(
        "/api/v1/nudges.ics?team=team:1-1&as_of=2026-03-01", headers=api.headers("staff")
    )
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/calendar")
    assert r.text.count("BEGIN:VEVENT") == 3


def test_feedback_is_recorded_and_bad_feedback_names_the_field(api: Api) -> None:
    h = api.headers("staff")
    ok = api.client.post(
        "/api/v1/feedback",
        json={
            "subject": "team:1-1",
            "target": "org:tno",
            "outcome": "declined",
            "date": "2026-03-02",
            "context": "coalition",
        },
        headers=h,
    )
    assert ok.status_code == 201 and ok.json()["outcome"] == "declined"
    edges = api.store.edges("FEEDBACK", source="team:1-1")
    assert [(e.target, e.outcome.value) for e in edges] == [("org:tno", "declined")]
    bad = api.client.post(
        "/api/v1/feedback",
        json={"subject": "team:1-1", "target": "org:nope", "outcome": "met"},
        headers=h,
    )
    assert bad.status_code == 422 and "field 'target'" in bad.json()["detail"]
    assert len(api.store.edges("FEEDBACK")) == 1


def test_team_facets_are_read_from_the_challenge_and_can_be_overridden(api: Api) -> None:
    h = api.headers("staff")
    url = "/api/v1/teams/team:1-1/facets?as_of=2026-03-01"
    derived = api.client.get(url, headers=h).json()
    assert derived["override"] is False and derived["facets"] == derived["derived"]
    assert derived["facets"] and all(
        f["evidence_nl"].startswith("uit uw") for f in derived["facets"]
    )
    before = api.client.get("/api/v1/teams/team:1-1/coalition?as_of=2026-03-01&k=1", headers=h)
    # the team puts cycling first: the coalition follows
    body = {"facets": [{"text": "fiets", "weight": 3}, {"text": derived["facets"][0]["text"]}]}
    r = api.client.put(url, json=body, headers=h)
    assert r.status_code == 200, r.text
    out = r.json()
    assert out["override"] is True and out["facets"][0]["text"] == "fiets"
    assert [f["weight"] for f in out["facets"]] == [0.75, 0.25]
    assert out["derived"] == derived["derived"]
    after = api.client.get("/api/v1/teams/team:1-1/coalition?as_of=2026-03-01&k=1", headers=h)
    assert after.json()["facets"][0]["text"] == "fiets"
    assert after.json() != before.json()
    # an empty list goes back to the derived facets
    reset = api.client.put(url, json={"facets": []}, headers=h).json()
    assert reset["override"] is False and reset["facets"] == derived["facets"]


def test_a_bad_facet_is_a_problem_naming_it_and_nothing_is_written(api: Api) -> None:
    h = api.headers("staff")
    url = "/api/v1/teams/team:1-1/facets"
    r = api.client.put(url, json={"facets": [{"text": "fiets"}, {"text": "Fiets"}]}, headers=h)
    assert r.status_code == 422 and r.headers["content-type"] == PROBLEM
    assert "facets[1]" in r.json()["detail"] and "twice" in r.json()["detail"]
    assert api.client.get(url, headers=h).json()["override"] is False
    r = api.client.put(url, json={"facets": [{"text": "fiets", "weight": 0}]}, headers=h)
    assert r.status_code == 422
    r = api.client.put("/api/v1/teams/team:9-9/facets", json={"facets": []}, headers=h)
    assert r.status_code == 422 and "team:9-9" in r.json()["detail"]


def test_a_nudge_answered_done_or_snoozed_leaves_the_list_and_the_calendar(api: Api) -> None:
    h = api.headers("staff")
    url = "/api/v1/nudges?team=team:1-1&as_of=2026-03-01"
    items = api.client.get(url, headers=h).json()["items"]
    first, second = items[0], items[1]
    r = api.client.post(
        f"/api/v1/nudges/{first['key']}/answer",
        json={"subject": "team:1-1", "status": "done", "as_of": "2026-03-01"},
        headers=h,
    )
    assert r.status_code == 201, r.text
    r = api.client.post(
        f"/api/v1/nudges/{second['key']}/answer",
        json={"subject": "team:1-1", "status": "snoozed", "as_of": "2026-03-01"},
        headers=h,
    )
    assert r.status_code == 201 and r.json()["until"] == "2026-03-15"
    body = api.client.get(url, headers=h).json()
    assert body["answered"] == 2
    assert {n["key"] for n in body["items"]}.isdisjoint({first["key"], second["key"]})
    ics = api.client.get("/api/v1/nudges.ics?team=team:1-1&as_of=2026-03-01", headers=h)
    assert ics.text.count("BEGIN:VEVENT") == len(body["items"])
    # an unknown key names the field
    r = api.client.post(
        "/api/v1/nudges/0123456789abcdef0123/answer",
        json={"subject": "team:1-1", "status": "done"},
        headers=h,
    )
    assert r.status_code == 422 and "key" in r.json()["detail"]
