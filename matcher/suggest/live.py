"""The facts a suggestion must honour at once, read from the store per request.

While a service rebuilds its fitted facts after a write (:mod:`matcher.suggest.lifecycle`), it
answers from the previous ones; :func:`read_live_facts` then re-reads, for the one query, what may
have changed and must hold on the very next request:

- the asker's own edges: new links (a partner just met is no longer suggested as new), conflicts,
  and the latest feedback per partner (a "no thanks" discounts it at once);
- the candidates as stored now: an organisation that opted out is left out, a contact who withdrew
  consent is never named.

These are a few indexed reads (milliseconds), never a refit.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from graph.errors import NotFoundError
from graph.model import FeedbackOutcome
from matcher.suggest.graphview import FOREVER, NON_ADJACENT, UNDATED, TemporalGraph

if TYPE_CHECKING:
    from graph.store import GraphStore

__all__ = ["LiveFacts", "RevisionReads", "day_profiles", "read_live_facts"]

#: Same-day answers: the stronger outcome is the latest word (as in ``latest_feedback``).
_ORDER = {o: i for i, o in enumerate(FeedbackOutcome)}


@dataclass(frozen=True, kw_only=True)
class LiveFacts:
    """Facts of one query as stored now (entity and node numbers of the fitted graph)."""

    revision: int
    known: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    declined: dict[int, int] = field(default_factory=dict)
    conflicts: frozenset[int] = frozenset()
    opted_out: frozenset[int] = frozenset()
    consent: dict[int, bool] = field(default_factory=dict)

    def filter(self, cand: np.ndarray, *, exclude_known: bool) -> np.ndarray:
        """``cand`` without organisations that opted out now, or are in conflict with the asker,
        and (with ``exclude_known``) without the asker's partners of now."""
        drop = np.array(sorted(self.opted_out | self.conflicts), dtype=np.int64)
        if exclude_known:
            drop = np.union1d(drop, self.known)
        return cand[~np.isin(cand, drop)] if len(drop) else cand

    def declined_on(self, entity: int) -> int | None:
        """Day ordinal of the asker's current "declined" answer about ``entity``, if any."""
        return self.declined.get(entity)


def read_live_facts(
    store: GraphStore,
    tg: TemporalGraph,
    node: str | None,
    cand: np.ndarray,
    *,
    as_of: dt.date,
    revision: int,
) -> LiveFacts:
    """Re-read the asker's edges (``node``; ``None`` for a typed question) and the candidates'
    opt-out and their contacts' consent, mapped onto the fitted graph ``tg``."""

    def entity(node_id: str) -> int | None:
        i = tg.index.get(node_id)
        return int(tg.entity[i]) if i is not None else None

    known: set[int] = set()
    conflicts: set[int] = set()
    answers: dict[int, tuple[int, int, FeedbackOutcome]] = {}  # entity → its latest answer
    if node is not None:
        try:
            edges = store.edges(source=node) + store.edges(target=node)
        except NotFoundError:
            edges = []
        for e in edges:
            if not e.active_on(as_of):
                continue
            other = entity(e.target if e.source == node else e.source)
            if other is None:
                continue
            if e.KIND == "CONFLICT":
                conflicts.add(other)
            elif e.KIND == "FEEDBACK" and e.source == node and e.date is not None:
                outcome = FeedbackOutcome(e.outcome)  # type: ignore[attr-defined]
                answer = (e.date.toordinal(), _ORDER[outcome], outcome)
                if other not in answers or answer[:2] >= answers[other][:2]:
                    answers[other] = answer
            elif e.KIND not in NON_ADJACENT:
                known.add(other)
    orgs = [int(c) for c in cand]
    contacts = [c for o in orgs for c in tg.contacts_of.get(o, [])]
    stored = store.get_nodes([tg.ids[i] for i in orgs + contacts])
    opted_out = {o for o in orgs if getattr(stored.get(tg.ids[o]), "opt_out", False)}
    consent = {c: getattr(stored.get(tg.ids[c]), "consent", False) is True for c in contacts}
    return LiveFacts(
        revision=revision,
        known=np.array(sorted(known), dtype=np.int64),
        declined={o: a[0] for o, a in answers.items() if a[2] == FeedbackOutcome.DECLINED},
        conflicts=frozenset(conflicts),
        opted_out=frozenset(opted_out),
        consent=consent,
    )


class RevisionReads:
    """A store whose ``nodes(kind)`` and ``edges(kind, until=…)`` are read once per store revision.

    Profiles are rebuilt for every ``as_of`` day a question names; they read whole node and edge
    kinds, which is most of the cost of a new day. Through this adapter a new day filters the
    edges read for the current revision in memory (an edge dated after ``until`` leaves, undated
    ones stay, as in the store). Anything else goes to the store itself.
    """

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self._revision = -1
        self._reads: dict[tuple[str, str | None], list[Any]] = {}
        self._lock = threading.Lock()

    def _cached(self, key: tuple[str, str | None], read: Callable[[], list[Any]]) -> list[Any]:
        revision = self.store.revision
        with self._lock:
            if revision != self._revision:
                self._reads, self._revision = {}, revision
            hit = self._reads.get(key)
        if hit is None:
            hit = read()
            with self._lock:
                if self._revision == revision:
                    self._reads[key] = hit
        return hit

    def nodes(self, kind: str | None = None) -> list[Any]:
        return self._cached(("nodes", kind), lambda: self.store.nodes(kind))

    def edges(self, kind: str | None = None, **window: Any) -> list[Any]:
        if set(window) - {"until"}:
            return self.store.edges(kind, **window)
        edges = self._cached(("edges", kind), lambda: self.store.edges(kind))
        until = window.get("until")
        if until is None:
            return list(edges)
        return [e for e in edges if e.date is None or e.date <= until]

    def edge_window(self, kind: str) -> tuple[np.ndarray, np.ndarray]:
        """Start and end day ordinals of the edges of ``kind`` (in :meth:`edges` order; no date:
        always started, no end: never ends), read once per revision."""

        def read() -> list[Any]:
            edges = self.edges(kind)  # the edges already read for this revision
            start = [e.date.toordinal() if e.date is not None else UNDATED for e in edges]
            end = [e.until.toordinal() if e.until is not None else FOREVER for e in edges]
            return [np.array(start, dtype=np.int64), np.array(end, dtype=np.int64)]

        start, end = self._cached(("window", kind), read)
        return start, end

    def edge_ends(self, kind: str) -> tuple[np.ndarray, np.ndarray]:
        """Source and target ids of the edges of ``kind`` (in :meth:`edge_window` order)."""

        def read() -> list[Any]:
            edges = self.edges(kind)
            return [
                np.array([e.source for e in edges], dtype=object),
                np.array([e.target for e in edges], dtype=object),
            ]

        sources, targets = self._cached(("ends", kind), read)
        return sources, targets

    def __getattr__(self, name: str) -> Any:
        return getattr(self.store, name)


def day_profiles(
    reads: RevisionReads, size: int = 32
) -> Callable[[str, Any], dict[str, list[str]]]:
    """A profile source for a service: each day's profiles built from ``reads`` and kept per
    (revision, kind, :func:`~matcher.text.profiles.profile_day_key`), at most ``size`` entries.

    A new ``as_of`` whose profiles read as on a day asked before (most days: organisations, staff
    and dossiers change far less often than the interactions) costs a digest. Otherwise the
    profiles of the latest day kept for the same revision are copied and only the nodes whose
    edges differ between the two days (:func:`~matcher.text.profiles.profile_changes`) are built
    anew."""
    from graph.lru import LRU
    from matcher.text.profiles import build_profiles, profile_changes, profile_day_key

    built: LRU[tuple[int, str, str], tuple[dt.date | None, dict[str, list[str]]]] = LRU(size)

    def build(revision: int, kind: str, as_of: dt.date | None) -> tuple[Any, dict[str, list[str]]]:
        base = next(
            (
                v
                for k in reversed(built.recent())
                if k[0] == revision and k[1] == kind and (v := built.peek(k)) is not None
            ),
            None,
        )
        if base is None or base[0] is None or as_of is None:
            return as_of, build_profiles(reads, kind, as_of=as_of)  # type: ignore[arg-type]
        changed = profile_changes(reads, kind, base[0], as_of)  # type: ignore[arg-type]
        profiles = dict(base[1])
        if changed:
            profiles.update(build_profiles(reads, kind, as_of=as_of, only=changed))  # type: ignore[arg-type]
        return as_of, profiles

    def source(kind: str, as_of: dt.date | None) -> dict[str, list[str]]:
        revision = int(reads.store.revision)
        key = (revision, kind, profile_day_key(reads, kind, as_of))  # type: ignore[arg-type]
        return built.get_or_build(key, lambda: build(revision, kind, as_of))[1]

    source.cache = built  # type: ignore[attr-defined]
    return source
