"""Fitted state in a service: saved rankers, answers while refitting, dates without refits, bounds.

Every assertion is on which state answered (store revision, saved ranker version) and on what was
answered — never on time.
"""

from __future__ import annotations

import datetime as dt
import gc
import tracemalloc

import pytest

from graph.model import Contact, Organisation
from graph.sqlite_store import SqliteGraphStore
from matcher.suggest.feedback import record_feedback
from matcher.suggest.model_store import (
    active_version,
    list_versions,
    rollback,
    save_ranker,
    version_for,
)
from matcher.suggest.ranker import default_ranker
from matcher.suggest.suggester import Suggester
from matcher.suggest.synthetic import tiny_network
from matcher.text.encoders import HashingEncoder

AS_OF = dt.date(2026, 3, 1)


@pytest.fixture
def store(tmp_path):
    s = SqliteGraphStore(tmp_path / "tiny.db")
    s.write(*tiny_network())
    yield s
    s.close()


def _served(store, **kw):
    """A suggester as the service builds it, answering from a saved ranker version."""
    sug = Suggester(
        store,
        encoder=HashingEncoder(),
        background=True,
        mmr_lambda=1.0,
        declined_penalty=10.0,
        cache_size=4,
        **kw,
    )
    sug.warm(AS_OF)
    return sug


def _ids(results):
    return [r.organisation.id for r in results]


def _saved_default(store, until=AS_OF):
    ranker = default_ranker()
    ranker.intercept_ = -2.5  # recognisable: not the fallback's intercept
    return save_ranker(store, ranker, trained_until=until, origin="test")


def test_a_write_is_answered_at_once_from_the_last_state_with_the_feedback_honoured(store):
    saved = _saved_default(store)
    sug = _served(store)
    before = sug.suggest(staff="staff:1", as_of=AS_OF, k=5)
    fitted_at = store.revision
    assert sug.answered_from == (fitted_at, saved.version)
    top = before[0].organisation.id

    record_feedback(store, "staff:1", top, "declined", date=AS_OF)
    after = sug.suggest(staff="staff:1", as_of=AS_OF, k=5)
    # answered from the state fitted before the write (nothing was refitted for it) …
    assert sug.answered_from == (fitted_at, saved.version)
    assert store.revision == fitted_at + 1
    # … and the "no thanks" already counts, with its reason
    assert _ids(after).index(top) > 0
    dropped = next(r for r in after if r.organisation.id == top)
    assert any(r.feature == "declined" for r in dropped.reasons)
    assert [o for o in _ids(after) if o != top] == [o for o in _ids(before) if o != top][:4]

    sug.wait()  # the background rebuild swaps in the new facts
    again = sug.suggest(staff="staff:1", as_of=AS_OF, k=5)
    assert sug.answered_from == (store.revision, saved.version)
    assert _ids(again) == _ids(after)


def test_withdrawn_consent_and_opt_out_hold_on_the_next_request(store):
    _saved_default(store)
    sug = _served(store)
    first = {r.organisation.id: r for r in sug.suggest(staff="staff:1", as_of=AS_OF, k=10)}
    assert first["org:eneco"].contact is not None
    contact = store.get_node("contact:eneco-1")
    org = next(o for o in first if o != "org:eneco")
    store.write(
        [
            contact.model_copy(update={"consent": False, "consent_date": None}),
            store.get_node(org).model_copy(update={"opt_out": True}),
        ]
    )
    now = {r.organisation.id: r for r in sug.suggest(staff="staff:1", as_of=AS_OF, k=10)}
    assert sug.answered_from[0] < store.revision  # still the earlier facts
    assert now["org:eneco"].contact is None
    assert org not in now
    assert isinstance(contact, Contact) and isinstance(store.get_node(org), Organisation)


def test_without_a_saved_ranker_answers_come_at_once_and_a_fit_is_saved_in_the_background(store):
    sug = _served(store)
    res = sug.suggest(staff="staff:1", as_of=AS_OF, k=3)
    assert res and sug.answered_from[1] is None  # the documented default weights meanwhile
    sug.wait()
    [saved] = list_versions(store)
    assert saved.active and saved.origin == "serve"
    sug.suggest(staff="staff:1", as_of=AS_OF, k=3)
    assert sug.answered_from[1] == saved.version


def test_a_new_date_filters_facts_and_fits_nothing(store):
    saved = _saved_default(store)
    sug = _served(store)
    texts = sug.cache_sizes["texts"]
    early = sug.suggest(staff="staff:1", as_of=dt.date(2025, 11, 15), k=10)
    late = sug.suggest(staff="staff:1", as_of=AS_OF, k=10)
    assert sug.answered_from[1] == saved.version
    assert sug.cache_sizes["rankers"] == 0  # no ranker was trained for either date
    assert sug.cache_sizes["texts"] <= texts + 1
    # the earlier day sees no meeting after it; the later one sees Bram's of 10 February
    assert all(r.introducer.date <= "2025-11-15" for r in early if r.introducer)
    assert {r.organisation.id: r.introducer.date for r in late if r.introducer}["org:eneco"] == (
        "2026-02-10"
    )


def test_historic_dates_use_the_newest_version_trained_before_them(store):
    old = _saved_default(store, until=dt.date(2025, 6, 1))
    new = _saved_default(store, until=dt.date(2026, 2, 1))
    versions = list_versions(store)
    assert version_for(versions, dt.date(2026, 3, 1)).version == new.version
    assert version_for(versions, dt.date(2025, 9, 1)).version == old.version
    assert version_for(versions, dt.date(2024, 1, 1)).version == new.version  # none older
    sug = _served(store)
    sug.suggest(staff="staff:1", as_of=dt.date(2025, 9, 1), k=3)
    assert sug.answered_from[1] == old.version


def test_rollback_restores_the_previous_version_for_a_fresh_service(store):
    first = _saved_default(store)
    second = _saved_default(store)
    assert active_version(store).version == second.version
    assert rollback(store).version == first.version
    sug = _served(store)
    sug.suggest(staff="staff:1", as_of=AS_OF, k=3)
    assert sug.answered_from[1] == first.version
    with pytest.raises(ValueError, match="oldest"):
        rollback(store)


@pytest.mark.slow
def test_a_thousand_dates_keep_caches_and_memory_bounded(store):
    _saved_default(store)
    sug = _served(store)
    days = [dt.date(2023, 1, 1) + dt.timedelta(days=i) for i in range(1000)]
    in_use = {}
    try:
        for i, day in enumerate(days):
            if i == 200:  # caches full: from here on every new date replaces an old entry
                tracemalloc.start()
            sug.suggest(text="dijkversterking", as_of=day, k=3)
            store.snapshot(day)
            if i + 1 in (600, 1000):
                gc.collect()
                in_use[i + 1] = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    sizes = sug.cache_sizes
    assert sizes["states"] <= 4 and sizes["texts"] <= 4 and sizes["rankers"] == 0
    assert 0 < sizes["profiles"] <= 8 and 0 < sizes["derived"] <= 8  # twice the cache size
    assert len(store.snapshot_cache) <= store.snapshot_cache.maxsize
    # the last 400 dates leave no more memory in use than the 400 before them did
    assert in_use[1000] < in_use[600] * 1.2 + 1_000_000


@pytest.mark.parametrize("kind", ["organisation", "staff", "dossier", "team"])
def test_profiles_read_once_per_revision_equal_the_store_s(store, kind):
    from matcher.suggest.live import RevisionReads
    from matcher.text.profiles import build_profiles

    reads = RevisionReads(store)
    for day in (dt.date(2025, 6, 1), dt.date(2025, 12, 1), AS_OF, None):
        assert build_profiles(reads, kind, as_of=day) == build_profiles(store, kind, as_of=day)
    record_feedback(store, "staff:1", "org:tno", "met", date=AS_OF)  # a new revision reads anew
    assert build_profiles(reads, kind, as_of=AS_OF) == build_profiles(store, kind, as_of=AS_OF)


@pytest.mark.parametrize("kind", ["organisation", "staff", "contact", "dossier", "team"])
def test_days_with_the_same_day_key_have_the_same_profiles(store, kind):
    """A service reuses one day's profiles for another day with the same key: over two years of
    days, equal keys (from the per-revision arrays or from the edges themselves) always mean
    equal profiles, and days on both sides of a change get different keys."""
    from graph.model import WorksAt, WorksOn
    from matcher.suggest.live import RevisionReads, day_profiles
    from matcher.text.profiles import build_profiles, profile_day_key

    store.write(  # a staff member joins a dossier, a contact leaves for another organisation
        [],
        [
            WorksOn(source="staff:3", target="dossier:kust", date=dt.date(2025, 9, 1)),
            WorksAt(
                source="contact:tno-1",
                target="org:deltares",
                date=dt.date(2025, 3, 1),
                until=dt.date(2025, 10, 1),
            ),
        ],
    )
    reads = RevisionReads(store)
    by_key: dict[str, dict] = {}
    days = [dt.date(2025, 1, 1) + dt.timedelta(days=7 * i) for i in range(110)]
    for day in days:
        key = profile_day_key(reads, kind, day)
        assert key == profile_day_key(store, kind, day)
        built = build_profiles(store, kind, as_of=day)
        assert by_key.setdefault(key, built) == built
    if kind in ("organisation", "staff", "contact"):
        assert len(by_key) > 1  # those edges start (and one ends) within these days
    # the service's source: every day equal to a build from scratch, whether it was found by
    # its key, built from a neighbouring day's profiles, or (back and forth) from a later one
    source = day_profiles(reads, size=4)
    for day in [*days, *days[::-7], None, days[50]]:
        assert source(kind, day) == build_profiles(store, kind, as_of=day), day
    assert len(source.cache) <= 4


def test_a_person_written_after_the_fitted_facts_is_answered_at_once(store):
    from graph.model import Staff

    _saved_default(store)
    sug = _served(store)
    store.write([Staff(id="staff:new", name="Nieuwe Collega", expertise="dijkversterking")])
    res = sug.suggest(staff="staff:new", as_of=AS_OF, k=3)
    assert res and sug.answered_from[0] == store.revision


def test_closing_the_store_under_running_reads_waits_for_them(tmp_path):
    """Reads on other threads while the store closes finish or get a clear StoreError; the
    connections are closed only once no read runs on them (closing one mid-read crashes)."""
    import threading

    from graph.errors import StoreError

    s = SqliteGraphStore(tmp_path / "busy.db")
    s.write(*tiny_network())
    outcomes: list[str] = []
    started = threading.Barrier(5)

    def reader() -> None:
        started.wait()
        while True:
            try:
                assert s.revision >= 0
                s.get_node(tiny_network()[0][0].id)
            except StoreError as e:
                outcomes.append(str(e))
                return

    threads = [threading.Thread(target=reader) for _ in range(4)]
    for t in threads:
        t.start()
    started.wait()
    s.close()
    for t in threads:
        t.join(10)
    assert not any(t.is_alive() for t in threads)
    assert len(outcomes) == 4 and all("is closed" in o for o in outcomes)
    s.close()  # twice is harmless
    with pytest.raises(StoreError, match="closed"):
        s.write(*tiny_network())


def test_closing_a_suggester_stops_its_background_work(store):
    """After ``close`` no background job starts, and the running ones have ended."""
    sg = _served(store)
    store.write([Organisation(id="org:late", name="Later", org_kind="company")], [])
    sg.state(AS_OF)  # starts a facts rebuild once writes pause
    assert "facts" in sg.running_jobs
    sg.close(timeout=30)
    assert sg.running_jobs == []
    store.write([Organisation(id="org:later", name="Nog later", org_kind="company")], [])
    sg.state(AS_OF)
    assert sg.running_jobs == []


def _service(tmp_path, **settings):
    from api.services import Services
    from api.settings import Settings

    s = SqliteGraphStore(tmp_path / "service.db")
    s.write(*tiny_network())
    return s, Services(s, Settings(store=str(s.path), encoder="hashing", **settings))


def test_a_service_refits_in_a_separate_process(tmp_path):
    """The refit runs in another process: it opens the store by its path, fits as the service
    would and saves a version that the service then answers from."""
    store, services = _service(tmp_path)
    sug = services.suggester
    assert sug.refitter is not None
    assert list_versions(store) == []
    version = sug.refitter(AS_OF)  # blocks until the child has saved
    saved = list_versions(store)
    assert [v.version for v in saved] == [version] and saved[0].active
    assert saved[0].trained_until == AS_OF and saved[0].origin == "serve"
    sug.reload_models()
    services.suggest(staff="staff:1", as_of=AS_OF)
    assert sug.answered_from[1] == version
    services.close()
    store.close()


def test_closing_the_service_stops_a_refit_process(tmp_path):
    """Closing the service terminates a running refit child: nothing is saved."""
    store, services = _service(tmp_path)
    sug = services.suggester
    job = sug.refit_in_background(AS_OF)
    assert job is not None
    services.close()
    job.join(60)
    assert not job.is_alive()
    assert list_versions(store) == []
    store.close()


def test_refits_stay_in_a_thread_without_a_store_path_or_when_switched_off(tmp_path):
    from api.services import Services
    from api.settings import Settings

    memory = SqliteGraphStore(":memory:")
    memory.write(*tiny_network())
    assert Services(memory, Settings(encoder="hashing")).suggester.refitter is None
    store, services = _service(tmp_path, refit_in_process=False)
    assert services.suggester.refitter is None
    store.close()
