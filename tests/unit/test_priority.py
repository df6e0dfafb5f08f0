"""Background work gives way to requests (graph.priority); asserted on order of events."""

from __future__ import annotations

import threading

from graph.priority import answering, give_way, in_background, requests_in_flight


def _run(target) -> threading.Thread:
    t = threading.Thread(target=target, daemon=True)
    t.start()
    return t


def test_background_work_waits_while_a_request_is_answered():
    reached, passed = threading.Event(), threading.Event()

    def background() -> None:
        with in_background():
            reached.set()
            give_way(max_wait=60)
            passed.set()

    with answering():
        worker = _run(background)
        assert reached.wait(10)
        assert not passed.wait(0.3)  # still waiting: a request is in flight
    assert passed.wait(10)  # the request ended: the background goes on
    worker.join(10)
    assert requests_in_flight() == 0


def test_a_request_or_a_script_never_waits_on_itself():
    passed = threading.Event()

    def request() -> None:
        with answering():
            give_way(max_wait=600)  # not background work: returns at once
            passed.set()

    with answering():
        t = _run(request)
        assert passed.wait(10)
        t.join(10)
        give_way(max_wait=600)  # neither here


def test_a_stream_of_requests_slows_background_work_but_never_stops_it():
    passed = threading.Event()

    def background() -> None:
        with in_background():
            for _ in range(5):
                give_way(max_wait=0.01)
            passed.set()

    with answering():  # a request that outlasts every wait
        t = _run(background)
        assert passed.wait(10)
    t.join(10)
