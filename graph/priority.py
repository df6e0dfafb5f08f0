"""Requests first: background work gives way while a request is being answered.

A service answers requests while background threads rebuild what it answers from (the
suggestion facts after a write). Python runs one thread at a time, so a rebuild slows every
request it overlaps. A request marks itself with :func:`answering`; background work runs inside
:func:`in_background` and its long loops call :func:`give_way` every few hundred items, which
then waits while any request is in flight — at most ``max_wait`` seconds per call, so a steady
stream of requests slows a rebuild but never stops it. Called anywhere else (a request, a
script, a test) :func:`give_way` returns at once.

Example
-------
>>> with answering():
...     busy = requests_in_flight()
>>> busy, requests_in_flight()
(1, 0)
>>> with in_background():
...     give_way()  # nothing in flight: returns at once
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

__all__ = [
    "answering",
    "give_way",
    "giving_way",
    "in_background",
    "requests_in_flight",
    "wait_for_quiet",
]

_lock = threading.Lock()
_idle = threading.Event()
_idle.set()
_in_flight = 0
_giving_way = 0
_local = threading.local()


@contextmanager
def answering() -> Iterator[None]:
    """Mark the enclosed work as a request being answered."""
    global _in_flight
    with _lock:
        _in_flight += 1
        _idle.clear()
    try:
        yield
    finally:
        with _lock:
            _in_flight -= 1
            if _in_flight == 0:
                _idle.set()


@contextmanager
def in_background() -> Iterator[None]:
    """Mark the enclosed work, on this thread, as background work that gives way."""
    before = getattr(_local, "background", False)
    _local.background = True
    try:
        yield
    finally:
        _local.background = before


def requests_in_flight() -> int:
    return _in_flight


def giving_way() -> int:
    """How many background threads are waiting in :func:`give_way` now."""
    return _giving_way


def give_way(max_wait: float = 0.02) -> None:
    """In background work: wait (releasing the interpreter) while a request is answered,
    ``max_wait`` seconds at most. Elsewhere: return at once."""
    global _giving_way
    if not _idle.is_set() and getattr(_local, "background", False):
        with _lock:
            _giving_way += 1
        try:
            _idle.wait(max_wait)
        finally:
            with _lock:
                _giving_way -= 1


def wait_for_quiet(
    revision: Callable[[], int], *, quiet: float, at_most: float, stop: threading.Event
) -> int | None:
    """Wait until ``revision()`` has not changed for ``quiet`` seconds, or ``at_most`` seconds
    have passed: a burst of writes is then rebuilt once. The last revision seen; ``None`` when
    ``stop`` was set meanwhile (the service is closing)."""
    seen = revision()
    start = quiet_since = time.monotonic()
    while True:
        now = time.monotonic()
        if now - quiet_since >= quiet or now - start >= at_most:
            return seen
        if stop.wait(min(0.1, quiet)):
            return None
        latest = revision()
        if latest != seen:
            seen, quiet_since = latest, time.monotonic()
