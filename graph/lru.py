"""A small thread-safe LRU mapping: every cache keyed by request data is bounded by one of these.

A caller's ``as_of`` date, a question text or a team id can take any value, so a plain ``dict``
keyed by them grows without bound. :class:`LRU` keeps at most ``maxsize`` entries and drops the
least recently used one when a new key arrives. It lives in ``graph`` (the lowest layer) so the
stores, the matcher and the API share one implementation.

Example
-------
>>> cache = LRU(2)
>>> cache.get_or_build("a", lambda: 1), cache.get_or_build("b", lambda: 2)
(1, 2)
>>> cache.get("a")  # "a" is now the most recently used
1
>>> cache.put("c", 3)  # evicts "b"
>>> sorted(cache.recent()), len(cache), cache.evictions
(['a', 'c'], 2, 1)
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

__all__ = ["LRU"]

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class LRU(Generic[K, V]):
    """At most ``maxsize`` entries, least recently used dropped first (``maxsize >= 1``).

    ``get_or_build`` runs ``build()`` outside the lock, so a slow build never blocks readers of
    other keys; two threads missing the same key may both build it, and the first stored wins.
    """

    def __init__(self, maxsize: int) -> None:
        if maxsize < 1:
            raise ValueError(f"an LRU needs maxsize >= 1, got {maxsize}")
        self.maxsize = maxsize
        self._data: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0
        self.evictions = 0

    def get(self, key: K, default: V | None = None) -> V | None:
        with self._lock:
            if key in self._data:
                self._data.move_to_end(key)
                self.hits += 1
                return self._data[key]
            self.misses += 1
            return default

    def peek(self, key: K) -> V | None:
        """The value of ``key`` without touching its recency or the hit counts."""
        with self._lock:
            return self._data.get(key)

    def put(self, key: K, value: V) -> None:
        with self._lock:
            self._data[key] = value
            self._data.move_to_end(key)
            while len(self._data) > self.maxsize:
                self._data.popitem(last=False)
                self.evictions += 1

    def get_or_build(self, key: K, build: Callable[[], V]) -> V:
        with self._lock:
            if key in self._data:
                self._data.move_to_end(key)
                self.hits += 1
                return self._data[key]
            self.misses += 1
        value = build()
        with self._lock:
            if key in self._data:  # another thread built it meanwhile: keep one
                return self._data[key]
        self.put(key, value)
        return value

    def discard(self, key: K) -> None:
        with self._lock:
            self._data.pop(key, None)

    def clear(self) -> None:
        with self._lock:
            self._data.clear()

    def recent(self) -> list[K]:
        """The keys, least recently used first."""
        with self._lock:
            return list(self._data)

    def __contains__(self, key: object) -> bool:
        with self._lock:
            return key in self._data

    def __len__(self) -> int:
        with self._lock:
            return len(self._data)

    def __repr__(self) -> str:
        return f"LRU({len(self)}/{self.maxsize}, hits={self.hits}, misses={self.misses})"
