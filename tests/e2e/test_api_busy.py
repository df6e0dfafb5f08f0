"""A busy store, a caller over its rate, a request over its time: clear 4xx/5xx answers with
``Retry-After``, problem+json on the API and a Dutch page on the web page; reads keep answering."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from api.http.limits import TokenBuckets
from graph.model import Organisation
from matcher.vocabulary import UNAVAILABLE_NL
from tests.e2e.conftest import Api, build_api

NEW_ORG = {"kind": "organisation", "id": "org:nieuw", "name": "Nieuw", "org_kind": "company"}


@contextmanager
def write_lock_held(path: Path) -> Iterator[None]:
    """Another connection (as ``verbinder import`` in another process) holds the write lock."""
    other = sqlite3.connect(str(path), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    other.execute(
        "INSERT INTO node(id, kind, data) VALUES ('org:import', 'organisation', '{}')"
    )  # uncommitted
    try:
        yield
    finally:
        other.execute("ROLLBACK")
        other.close()


def _close(api: Api) -> None:
    api.client.close()
    api.store.close()


def test_write_during_a_concurrent_import_gets_503_and_reads_do_not_wait(tmp_path: Path) -> None:
    api = build_api(tmp_path, lock_timeout=0.5)
    try:
        revision = api.store.revision
        with write_lock_held(api.store.path):
            r = api.client.post("/api/v1/nodes", json=NEW_ORG, headers=api.headers("admin"))
            assert r.status_code == 503, r.text
            assert r.headers["content-type"] == "application/problem+json"
            assert r.headers["retry-after"] == "1"
            assert "nothing was written" in r.json()["detail"]
            # Readers see the last committed state, not the writer's uncommitted row.
            read = api.client.get("/api/v1/nodes?kind=organisation", headers=api.headers("staff"))
            assert read.status_code == 200
            assert "org:import" not in {n["id"] for n in read.json()["items"]}
            assert api.store.revision == revision
        assert not api.store.has_node("org:nieuw")
        again = api.client.post("/api/v1/nodes", json=NEW_ORG, headers=api.headers("admin"))
        assert again.status_code == 201
    finally:
        _close(api)


def test_busy_store_on_the_web_page_is_dutch(tmp_path: Path) -> None:
    api = build_api(tmp_path, lock_timeout=0.3)
    try:
        with write_lock_held(api.store.path):
            r = api.client.post(
                "/team/terugkoppeling",
                data={"team": "team:1-1", "organisatie": "org:tno", "uitkomst": "met"},
                headers=api.headers("staff"),
                follow_redirects=False,
            )
        assert r.status_code == 503
        assert r.headers["retry-after"] == "1"
        assert r.headers["content-type"].startswith("text/html")
        assert UNAVAILABLE_NL["busy"][0] in r.text and "Er is niets opgeslagen" in r.text
        assert api.store.edges("FEEDBACK") == []
    finally:
        _close(api)


def test_a_key_over_its_rate_gets_429_and_other_keys_are_unaffected(tmp_path: Path) -> None:
    api = build_api(tmp_path, rate_limit_per_minute=6, rate_limit_burst=3)
    try:
        url = "/api/v1/nodes?kind=organisation"
        staff = [api.client.get(url, headers=api.headers("staff")).status_code for _ in range(4)]
        assert staff == [200, 200, 200, 429]
        r = api.client.get(url, headers=api.headers("staff"))
        assert r.status_code == 429
        assert r.headers["content-type"] == "application/problem+json"
        assert 1 <= int(r.headers["retry-after"]) <= 10
        assert api.client.get(url, headers=api.headers("admin")).status_code == 200
        assert api.client.get(url, headers=api.headers("facilitator")).status_code == 200
        page = api.client.get("/team", headers=api.headers("staff"))
        assert page.status_code == 429 and UNAVAILABLE_NL["rate_limited"][0] in page.text
        assert api.client.get("/health").status_code == 200  # probes are never limited
    finally:
        _close(api)


def test_token_buckets_stay_bounded() -> None:
    buckets = TokenBuckets(per_minute=60, burst=1, max_callers=100)
    for i in range(1000):
        buckets.take(f"caller-{i}")
    assert len(buckets) == 100


def test_a_request_over_its_time_gets_503_with_a_dutch_page(tmp_path: Path) -> None:
    api = build_api(tmp_path, lock_timeout=3.0, request_timeout=0.3)
    try:
        with write_lock_held(api.store.path):
            r = api.client.post(
                "/team/terugkoppeling",
                data={"team": "team:1-1", "organisatie": "org:tno", "uitkomst": "met"},
                headers=api.headers("staff"),
                follow_redirects=False,
            )
            assert r.status_code == 503
            assert "retry-after" in r.headers
            assert UNAVAILABLE_NL["timeout"][0] in r.text
            api_r = api.client.post(
                "/api/v1/nodes",
                json={**NEW_ORG, "id": "org:later"},
                headers=api.headers("admin"),
            )
            assert api_r.status_code == 503
            assert "took longer" in api_r.json()["detail"]
    finally:
        _close(api)


def test_store_write_lock_timeout_raises_busy(tmp_path: Path) -> None:
    from graph import SqliteGraphStore
    from graph.errors import StoreBusyError

    store = SqliteGraphStore(tmp_path / "s.db", lock_timeout=0.2)
    try:
        with write_lock_held(store.path):
            try:
                store.write([Organisation(id="org:x", name="X", org_kind="company")])
            except StoreBusyError as e:
                assert e.retry_after == 1
            else:
                raise AssertionError("the write did not notice the lock")
            assert store.nodes() == []
    finally:
        store.close()
