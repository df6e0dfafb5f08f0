"""Background work gives way to requests (graph.priority); asserted on the order of events and
on who is waiting, never on how long anything took (the waits below only bound a hung test)."""

from __future__ import annotations

import threading

import pytest

from graph.priority import (
    answering,
    give_way,
    giving_way,
    in_background,
    requests_in_flight,
    wait_for_quiet,
)


def _run(target) -> threading.Thread:
    t = threading.Thread(target=target, daemon=True)
    t.start()
    return t


def _until(condition) -> None:
    """Spin until ``condition()`` holds (a hung test fails by its time-out marker)."""
    while not condition():
        threading.Event().wait(0.001)


@pytest.mark.timeout(120)
def test_background_work_waits_while_a_request_is_answered():
    passed = threading.Event()

    def background() -> None:
        with in_background():
            give_way(max_wait=600)
            passed.set()

    with answering():
        worker = _run(background)
        _until(lambda: giving_way() == 1)  # the background is inside its wait …
        assert not passed.is_set()  # … and has not gone on while the request is in flight
    worker.join()  # the request ended: the background goes on
    assert passed.is_set() and giving_way() == 0 and requests_in_flight() == 0


def test_a_request_or_a_script_never_waits_on_itself():
    passed = threading.Event()

    def request() -> None:
        with answering():
            give_way(max_wait=600)  # not background work: returns at once
            passed.set()

    with answering():
        _run(request).join()
        assert passed.is_set()
        give_way(max_wait=600)  # neither here
        assert giving_way() == 0


def test_a_stream_of_requests_slows_background_work_but_never_stops_it():
    passed = threading.Event()

    def background() -> None:
        with in_background():
            for _ in range(5):
                give_way(max_wait=0.01)
            passed.set()

    with answering():  # a request that outlasts every wait
        _run(background).join()
        assert passed.is_set()


def test_waiting_for_quiet_follows_the_writes_and_stops_on_request():
    revisions = iter(range(1, 100))
    stop = threading.Event()
    # a revision that keeps changing: the wait ends at its bound, on the last revision seen
    last = wait_for_quiet(lambda: next(revisions), quiet=60, at_most=0.05, stop=stop)
    assert last is not None and last > 1
    assert wait_for_quiet(lambda: 7, quiet=0.0, at_most=60, stop=stop) == 7  # quiet at once
    stop.set()
    assert wait_for_quiet(lambda: 7, quiet=60, at_most=600, stop=stop) is None
