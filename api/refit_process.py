"""Ranker refits in a process of their own, so a service's requests never share the interpreter
with a fit.

A fit on the seed runs for about 15 s of mostly Python work. In a thread of the serving process
it holds the interpreter lock for much of that time and every request slows down; in a separate
process it only shares the machine's cores. The child opens the same store from the same
settings, builds the suggestion engine as the service does, fits, and saves the new version in
the store (:func:`matcher.suggest.model_store.save_ranker`); the service then re-reads the saved
versions. A store without a place another process can open (an in-memory store) keeps the
thread.
"""

from __future__ import annotations

import datetime as dt
import logging
import multiprocessing as mp
import multiprocessing.util as mp_util
import threading
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from api.settings import Settings
    from graph.store import GraphStore

__all__ = ["ProcessRefitter", "store_spec"]

logger = logging.getLogger(__name__)


def store_spec(store: GraphStore, settings: Settings) -> str | None:
    """How another process opens ``store`` (``None``: it cannot, e.g. an in-memory store)."""
    from graph.sqlite_store import SqliteGraphStore

    if isinstance(store, SqliteGraphStore):
        return None if str(store.path) == ":memory:" else str(store.path.resolve())
    from api.stores import is_bolt_uri

    return settings.store if is_bolt_uri(settings.store) else None


def _fit(settings_json: str, spec: str, until: str, out: Any) -> None:
    """The child: open the store, fit as the service would, save, send the version number."""
    from api.settings import Settings
    from api.stores import open_store
    from api.vector_candidates import service_suggester, settings_encoder

    settings = Settings.model_validate_json(settings_json)
    store = open_store(spec, settings)
    try:
        suggester = service_suggester(store, settings, settings_encoder(settings))
        version = suggester.fit_and_save(dt.date.fromisoformat(until), origin="serve")
        out.send(("ok", version.version))
    except Exception as e:
        out.send(("error", f"{type(e).__name__}: {e}"))
    finally:
        store.close()


class ProcessRefitter:
    """Called with a day, fits and saves a ranker in a new process and returns its version
    (``None`` when the service closed or this process exits meanwhile: nothing was saved);
    :meth:`cancel` stops a running child (the service is closing)."""

    def __init__(self, settings: Settings, spec: str) -> None:
        self.settings = settings
        self.spec = spec
        self._child: Any = None
        self._lock = threading.Lock()
        self._cancelled = False

    def __call__(self, until: dt.date) -> int | None:
        ctx = mp.get_context("spawn")
        receive, send = ctx.Pipe(duplex=False)
        child = ctx.Process(
            target=_fit,
            args=(self.settings.model_dump_json(), self.spec, until.isoformat(), send),
            name="verbinder-refit",
            daemon=True,
        )
        with self._lock:
            if self._cancelled:
                return None  # the service is closing: no refit started
            child.start()
            self._child = child
        send.close()
        try:
            status, value = receive.recv()
        except EOFError:
            status, value = "error", f"the refit process ended with exit code {child.exitcode}"
        finally:
            child.join()
            with self._lock:
                self._child = None
        if status != "ok" and (self._cancelled or mp_util.is_exiting()):
            return None  # stopped by the service closing or this process exiting: nothing saved
        if status != "ok":
            raise RuntimeError(f"refit in a separate process failed: {value}")
        logger.info("a separate process saved ranker version %s", value)
        return int(value)

    def cancel(self) -> None:
        with self._lock:
            self._cancelled = True
            if self._child is not None and self._child.is_alive():
                self._child.terminate()
