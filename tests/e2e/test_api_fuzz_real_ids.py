"""Generated requests that name records which exist (Schemathesis mostly invents ids, which stop at
404/422): every answer is a typed 2xx or a 4xx problem+json, never a server error."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.e2e.conftest import Api, build_api

IDS = ["dossier:kust", "staff:0001", "staff:0002", "team:1-1", "org:tno", "contact:tno-1"]
DATES = st.one_of(
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
    st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2027, 12, 31)),
)
TEXT = st.text(max_size=60)
FUZZ = settings(
    max_examples=25,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory):
    api = build_api(Path(tmp_path_factory.mktemp("real-ids")), rate_limit_per_minute=0)
    yield api
    api.client.close()
    api.store.close()


def _check(r) -> None:  # type: ignore[no-untyped-def]
    assert r.status_code < 500, (
        f"{r.request.method} {r.request.url}: {r.status_code} {r.text[:300]}"
    )
    if r.status_code >= 400:
        assert r.headers["content-type"] == "application/problem+json"


@pytest.mark.slow
@FUZZ
@given(
    field=st.sampled_from(["dossier", "staff", "text"]),
    value=st.one_of(st.sampled_from(IDS), TEXT),
    as_of=st.one_of(st.none(), DATES),
    k=st.integers(min_value=1, max_value=50),
)
def test_suggestions(shared: Api, field: str, value: str, as_of, k: int) -> None:  # type: ignore[no-untyped-def]
    body = {field: value, "k": k}
    if as_of is not None:
        body["as_of"] = as_of.isoformat()
    _check(shared.client.post("/api/v1/suggestions", json=body, headers=shared.headers("staff")))


@pytest.mark.slow
@FUZZ
@given(
    team=st.sampled_from(IDS),
    as_of=st.one_of(st.none(), DATES),
    k=st.integers(min_value=1, max_value=25),
    need=st.lists(TEXT, max_size=3),
)
def test_coalition(shared: Api, team: str, as_of, k: int, need: list[str]) -> None:  # type: ignore[no-untyped-def]
    params: dict[str, object] = {"k": k}
    if as_of is not None:
        params["as_of"] = as_of.isoformat()
    if need:
        params["need"] = need
    r = shared.client.get(
        f"/api/v1/teams/{team}/coalition", params=params, headers=shared.headers("facilitator")
    )
    _check(r)


@pytest.mark.slow
@FUZZ
@given(
    field=st.sampled_from(["staff", "dossier", "team"]),
    value=st.sampled_from(IDS),
    as_of=st.one_of(st.none(), DATES),
    horizon=st.integers(min_value=0, max_value=365),
    ics=st.booleans(),
)
def test_nudges(shared: Api, field: str, value: str, as_of, horizon: int, ics: bool) -> None:  # type: ignore[no-untyped-def]
    params: dict[str, object] = {field: value, "horizon": horizon}
    if as_of is not None:
        params["as_of"] = as_of.isoformat()
    url = "/api/v1/nudges.ics" if ics else "/api/v1/nudges"
    _check(shared.client.get(url, params=params, headers=shared.headers("staff")))


@pytest.mark.slow
@FUZZ
@given(
    subject=st.one_of(st.none(), st.sampled_from(IDS)),
    target=st.sampled_from(IDS),
    outcome=st.sampled_from(["shown", "accepted", "declined", "met", "co_produced"]),
    day=st.one_of(st.none(), DATES),
    role=st.sampled_from(["staff", "facilitator", "admin"]),
)
def test_feedback(shared: Api, subject, target: str, outcome: str, day, role: str) -> None:  # type: ignore[no-untyped-def]
    body: dict[str, object] = {"target": target, "outcome": outcome}
    if subject is not None:
        body["subject"] = subject
    if day is not None:
        body["date"] = day.isoformat()
    _check(shared.client.post("/api/v1/feedback", json=body, headers=shared.headers(role)))
