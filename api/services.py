"""The services behind the routes and the web page, built once per app over one store.

Fitted state (text models, rankers) is cached per store revision, so a request after a change
refits and every other request reuses the fitted state.
"""

from __future__ import annotations

import threading
from typing import Any

from api.settings import Settings
from graph.store import GraphStore

__all__ = ["Services"]


class Services:
    """Entry points shared by the HTTP routes, the web page and ``verbinder bench api``."""

    def __init__(self, store: GraphStore, settings: Settings):
        self.store = store
        self.settings = settings
        self._lock = threading.Lock()
        self._cache: dict[str, tuple[int, Any]] = {}

    def cached(self, name: str, build: Any) -> Any:
        """The object ``build()`` made for the current store revision (rebuilt after a change)."""
        revision = self.store.revision
        with self._lock:
            hit = self._cache.get(name)
            if hit is not None and hit[0] == revision:
                return hit[1]
        value = build()
        with self._lock:
            self._cache[name] = (revision, value)
        return value
