"""What a :class:`~matcher.suggest.suggester.Suggester` has fitted, and when it refits.

Three things are fitted, each at its own pace:

- the **facts** — the graph as arrays (:class:`~matcher.suggest.graphview.TemporalGraph`) of one
  store revision. Rebuilt after a write (about a second at seed size);
- the **text channel** — dense + lexical models of the candidates' profiles, kept per content
  digest of those profiles, so a write that changes no profile (feedback, a meeting, a seating
  plan) reuses it, and so do other ``as_of`` days whose profiles read the same;
- the **ranker** — learned on months of history (tens of seconds). In a service it is an
  artifact: loaded from the store (:mod:`matcher.suggest.model_store`), fitted and saved by
  ``verbinder retrain`` or in a background thread, never while a request waits.

A request for day ``as_of`` reads a :class:`SuggestState`: the facts cut at ``as_of`` (a
:class:`~matcher.suggest.graphview.GraphView`, built in a fraction of a second and kept in a
bounded LRU), the text channel and the ranker. A new ``as_of`` never triggers a fit.

With ``background=True`` (the service) a write never blocks a read: requests keep reading the
last facts while new ones are built in a background thread (once the writes pause for a second, so
a burst of clicks is rebuilt once, and within ten seconds at the latest) and swapped in with one
reference assignment; meanwhile :mod:`matcher.suggest.live` re-reads, per request, the few facts that must
hold at once (the asker's feedback, links and conflicts; the candidates' opt-out and consent). A
missing ranker is fitted in the background too (answers use the documented default weights until
then), and so is a refit after ``refit_after`` writes. Without ``background`` (scripts,
evaluation) everything is fitted when first needed, and the learned ranker is trained on the
history before each ``as_of``, as a strict temporal evaluation requires.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import threading
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import networkx as nx
import numpy as np

from graph.errors import StoreClosedError
from graph.lru import LRU
from graph.priority import give_way, in_background, wait_for_quiet
from matcher.suggest.candidates import Featurizer, ProfileSource
from matcher.suggest.graphview import UNDATED, GraphView, TemporalGraph
from matcher.suggest.model_store import (
    ModelVersion,
    list_versions,
    save_ranker,
    version_for,
)
from matcher.suggest.ranker import LinearRanker, cut_dates, default_ranker, training_set
from matcher.text.channel import TextChannel

if TYPE_CHECKING:
    from graph.store import GraphStore
    from matcher.text.encoders import Encoder

__all__ = ["Facts", "StateLifecycle", "SuggestState", "SuggestionError"]

logger = logging.getLogger(__name__)


class SuggestionError(ValueError):
    """A query that cannot be answered (unknown node, wrong kind, no query given)."""


@dataclass
class Facts:
    """The graph of one store revision as arrays."""

    revision: int
    tg: TemporalGraph
    opt_out: np.ndarray
    seconds: float = 0.0


@dataclass
class SuggestState:
    """Everything one request for one ``as_of`` reads.

    ``revision`` is the store revision of the facts; ``model_version`` the saved ranker version
    (``None``: not a saved one).
    """

    tg: TemporalGraph
    view: GraphView
    feat: Featurizer
    ranker: LinearRanker
    opt_out: np.ndarray
    revision: int = -1
    model_version: int | None = None
    fit_seconds: float = 0.0


@dataclass
class _Text:
    channel: TextChannel
    rows: dict[str, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict)


def _digest(ids: list[str], profiles: dict[str, list[str]]) -> str:
    h = hashlib.blake2b(digest_size=16)
    for i in ids:
        h.update(i.encode())
        h.update(b"\x00")
        for t in profiles.get(i, ()):
            h.update(t.encode())
            h.update(b"\x01")
    return h.hexdigest()


class _ByIdentity:
    """Values computed from a few objects, kept while those very objects are reused (a profile
    source hands out the same dict for days whose profiles read the same): a new day costs a
    lookup, not a digest of every text. Bounded like every other cache."""

    def __init__(self, size: int) -> None:
        self._cache: LRU[tuple[int, ...], tuple[tuple[Any, ...], Any]] = LRU(size)

    def get(self, objects: tuple[Any, ...], build: Any) -> Any:
        key = tuple(id(o) for o in objects)
        hit = self._cache.get(key)
        if hit is not None and all(a is b for a, b in zip(hit[0], objects, strict=True)):
            return hit[1]
        value = build()
        self._cache.put(key, (objects, value))  # holding the objects keeps their ids unique
        return value

    def __len__(self) -> int:
        return len(self._cache)


class _QueryTexts(Mapping[str, str]):
    """The query texts of one day: a node's profile texts joined when it is asked about. Only
    the asked node's kind is read (a question about a staff member never reads the dossiers'
    profiles of the day) and only the asked node's texts are joined."""

    def __init__(self, owner: StateLifecycle, tg: TemporalGraph, day: dt.date) -> None:
        self._owner, self._tg, self._day = owner, tg, day
        self._kinds: dict[str, dict[str, list[str]]] = {}

    def _of(self, kind: str) -> dict[str, list[str]]:
        if kind not in self._kinds:
            self._kinds[kind] = self._owner._profiles_or_none(kind, self._day) or {}
        return self._kinds[kind]

    def __getitem__(self, node: str) -> str:
        i = self._tg.index.get(node)
        kinds = self._owner.query_kinds
        if i is not None and self._tg.kind_of(i) in kinds:
            kinds = (self._tg.kind_of(i),)
        for kind in kinds:  # a node the fitted graph does not know yet: every query kind
            texts = self._of(kind).get(node)
            if texts is not None:
                return ". ".join(texts)
        raise KeyError(node)

    def __iter__(self) -> Iterator[str]:
        for kind in self._owner.query_kinds:
            yield from self._of(kind)

    def __len__(self) -> int:
        return sum(len(self._of(kind)) for kind in self._owner.query_kinds)


class StateLifecycle:
    """The fitting half of :class:`~matcher.suggest.suggester.Suggester` (see the module doc)."""

    store: GraphStore | None
    graph: nx.MultiDiGraph | None
    profiles: ProfileSource
    encoder: Encoder | None
    ranker: str | LinearRanker
    candidate_kind: str
    query_kinds: tuple[str, ...]
    ann: str | None
    random_state: int

    def _init_lifecycle(self, *, background: bool, cache_size: int, refit_after: int) -> None:
        self.background = background
        self.refit_after = refit_after
        self._facts: Facts | None = None
        self._states: LRU[tuple[int, dt.date, int | None], SuggestState] = LRU(cache_size)
        self._texts: LRU[str, _Text] = LRU(4)
        self._derived = _ByIdentity(2 * cache_size)
        self._rankers: LRU[tuple[int, dt.date], LinearRanker] = LRU(cache_size)
        self._versions: list[ModelVersion] = []
        self._fallback = default_ranker()
        self._lock = threading.Lock()
        self._build_lock = threading.Lock()
        self._jobs: dict[str, threading.Thread] = {}
        self._stopping = threading.Event()
        #: Fits and saves a ranker for a day elsewhere (another process) and returns its version;
        #: ``None``: background fits run in a thread of this process.
        self.refitter: Any = None
        self._models_checked = time.monotonic()
        #: (facts revision, saved ranker version) of the state the last answer was read from.
        self.answered_from: tuple[int, int | None] = (-1, None)
        if background and self.store is not None and self.ranker == "learned":
            self.reload_models()

    # ------------------------------------------------------------------ public lifecycle
    def _revision(self) -> int:
        return int(self.store.revision) if self.store is not None else id(self.graph)

    @property
    def cache_sizes(self) -> dict[str, int]:
        """Entries per cache (each bounded by its LRU size)."""
        profiles = getattr(self.profiles, "cache", None)
        return {
            "states": len(self._states),
            "texts": len(self._texts),
            "rankers": len(self._rankers),
            "profiles": len(profiles) if profiles is not None else 0,
            "derived": len(self._derived),
        }

    @property
    def model_versions(self) -> list[ModelVersion]:
        """The saved ranker versions as last loaded."""
        return list(self._versions)

    #: Seconds between checks (in the background) whether another version became active.
    MODEL_CHECK_SECONDS = 30.0

    def reload_models(self) -> None:
        """Re-read the saved ranker versions (after a ``retrain`` or ``rollback``); states are
        keyed by version, so the next request reads the active one."""
        if self.store is not None:
            self._versions = list_versions(self.store)

    def state(self, as_of: dt.date) -> SuggestState:
        """The fitted state for ``as_of``: in a service possibly of an earlier revision while
        newer facts are built (see :attr:`SuggestState.revision`)."""
        current = self._revision()
        facts = self._facts
        if facts is None or (facts.revision != current and not self.background):
            facts = self._refresh_facts(current)
        elif facts.revision != current:
            self._start("facts", self._refresh_when_quiet)
        if self.background and time.monotonic() - self._models_checked > self.MODEL_CHECK_SECONDS:
            self._models_checked = time.monotonic()
            self._start("models", self.reload_models)
        ranker, version = self._ranker_for(facts, as_of)
        key = (facts.revision, as_of, version)
        return self._states.get_or_build(
            key, lambda: self._build_state(facts, as_of, ranker, version)
        )

    def fresh_state(self, as_of: dt.date) -> SuggestState:
        """The state of the store's current revision, rebuilt now if need be (for a question
        about a node written after the last fitted facts)."""
        self._refresh_facts(self._revision())
        return self.state(as_of)

    def warm(self, as_of: dt.date) -> SuggestState:
        """Build the facts and the state for ``as_of`` now and score every query text once
        (what ``serve`` does at start, so the first request finds everything fitted)."""
        st = self.state(as_of)
        st.feat.prepare([st.tg.index[i] for i in st.feat.query_texts if i in st.tg.index])
        return st

    @property
    def running_jobs(self) -> list[str]:
        """Names of the background jobs running now (``facts``, ``fit``, ``models``)."""
        return [name for name, job in list(self._jobs.items()) if job.is_alive()]

    def wait(self, timeout: float | None = None) -> None:
        """Wait for the running background work (facts, fits) to finish."""
        for job in list(self._jobs.values()):
            job.join(timeout)

    def close(self, timeout: float | None = 0.0) -> None:
        """Start no more background work; a facts rebuild waiting for writes to pause gives up.
        A running fit is not waited for (``timeout`` seconds at most): once the store is closed
        its reads and its save fail cleanly and nothing is written."""
        self._stopping.set()
        cancel = getattr(self.refitter, "cancel", None)
        if cancel is not None:
            cancel()
        self.wait(timeout)

    def refit_in_background(self, until: dt.date | None = None) -> threading.Thread | None:
        """Fit and save a new ranker version in the background (``None``: one is running): by
        :attr:`refitter` in another process when there is one, else in a thread."""
        day = until or dt.date.today()
        if self.refitter is not None:
            return self._start("fit", lambda: self._refit_elsewhere(day))
        return self._start("fit", lambda: self.fit_and_save(day))

    def _refit_elsewhere(self, day: dt.date) -> None:
        # returns once the other process saved the version in the store (None: it was stopped)
        if self.refitter(day) is not None:
            self.reload_models()

    def fit_and_save(
        self, until: dt.date, *, origin: str = "serve", evaluation: dict[str, Any] | None = None
    ) -> ModelVersion:
        """Fit the learned ranker on the history up to ``until`` and save it as the new active
        version (requires a store)."""
        if self.store is None:
            raise ValueError("saving a ranker needs a store")
        revision = self._revision()
        tg = TemporalGraph(self._snapshot(until))
        ranker = self.train(tg, until)
        cuts = self.training_cuts(tg, until)
        version = save_ranker(
            self.store,
            ranker,
            trained_until=until,
            window_start=cuts[0] if cuts else None,
            store_revision=revision,
            origin=origin,
            evaluation=evaluation,
        )
        self.reload_models()
        return version

    # ------------------------------------------------------------------ fitting
    def _snapshot(self, as_of: dt.date | None) -> nx.MultiDiGraph:
        return self.store.snapshot(as_of) if self.store is not None else self.graph  # type: ignore[return-value]

    def _refresh_facts(self, revision: int) -> Facts:
        with self._build_lock:
            facts = self._facts
            if facts is not None and facts.revision == revision:
                return facts
            t0 = time.perf_counter()
            tg = TemporalGraph(self._snapshot(None))
            opt_out = np.array([bool(a.get("opt_out")) for a in tg.attrs], dtype=bool)
            facts = Facts(revision, tg, opt_out, time.perf_counter() - t0)
            self._facts = facts
            logger.info("suggestion facts of revision %d: %d nodes", revision, tg.n)
            return facts

    #: A burst of writes is rebuilt once: the rebuild starts after this many quiet seconds …
    FACTS_QUIET_SECONDS = 1.0
    #: … or once the facts have been stale this long, whichever comes first.
    FACTS_MAX_STALE_SECONDS = 10.0

    def _refresh_when_quiet(self) -> None:
        quiet = wait_for_quiet(
            self._revision,
            quiet=self.FACTS_QUIET_SECONDS,
            at_most=self.FACTS_MAX_STALE_SECONDS,
            stop=self._stopping,
        )
        if quiet is not None:
            self._refresh_in_background()

    def _refresh_in_background(self) -> None:
        """New facts, and the states of the days asked for lately, before the swap."""
        with self._build_lock:
            revision = self._revision()
            t0 = time.perf_counter()
            tg = TemporalGraph(self._snapshot(None))
            opt_out = np.array([bool(a.get("opt_out")) for a in tg.attrs], dtype=bool)
            facts = Facts(revision, tg, opt_out, time.perf_counter() - t0)
            if self.store is not None and self.ranker == "learned":
                self._versions = list_versions(self.store)
            old = self._facts.revision if self._facts is not None else None
            for _, day, _ in [k for k in self._states.recent() if k[0] == old][-4:]:
                give_way()
                ranker, version = self._ranker_for(facts, day)
                st = self._build_state(facts, day, ranker, version)
                st.feat.prepare([tg.index[i] for i in st.feat.query_texts if i in tg.index])
                self._states.put((revision, day, version), st)
            self._facts = facts  # the swap: one reference assignment
        logger.info("swapped in suggestion facts of revision %d", revision)

    def _start(self, name: str, work: Any) -> threading.Thread | None:
        with self._lock:
            if self._stopping.is_set():
                return None
            running = self._jobs.get(name)
            if running is not None and running.is_alive():
                return None

            def run() -> None:
                try:
                    with in_background():
                        work()
                except Exception as e:  # a background job must never take the service down
                    if self._stopping.is_set() or isinstance(e, StoreClosedError):
                        logger.info("background %s ended by the service closing", name)
                    else:
                        logger.exception("background %s failed", name)

            job = threading.Thread(target=run, name=f"suggester-{name}", daemon=True)
            self._jobs[name] = job
            job.start()
            return job

    def _ranker_for(self, facts: Facts, as_of: dt.date) -> tuple[LinearRanker, int | None]:
        if isinstance(self.ranker, LinearRanker):
            return self.ranker, None
        if self.ranker == "default":
            return self._fallback, None
        if self.ranker != "learned":
            raise SuggestionError(f"unknown ranker '{self.ranker}'; use 'learned' or 'default'")
        if not self.background:
            key = (facts.revision, as_of)
            return self._rankers.get_or_build(
                key, lambda: self.train(TemporalGraph(self._snapshot(as_of)), as_of)
            ), None
        saved = version_for(self._versions, as_of)
        if saved is None:
            self.refit_in_background()
            return self._fallback, None
        if self.refit_after and facts.revision - saved.store_revision >= self.refit_after:
            self.refit_in_background()
        return saved.ranker, saved.version

    def _text_channel(self, tg: TemporalGraph, day: dt.date) -> _Text:
        profiles = self.profiles(self.candidate_kind, day)
        key = self._derived.get((tg.ids, profiles), lambda: _digest(tg.ids, profiles))
        return self._texts.get_or_build(
            key,
            lambda: _Text(
                TextChannel.fit(
                    profiles, tg.index, tg.n, encoder=self.encoder, store=self.store, ann=self.ann
                )
            ),
        )

    def featurizer(
        self, tg: TemporalGraph, day: dt.date, text: TextChannel | None = None
    ) -> Featurizer:
        """Features on the graph as known on ``day`` (the text channel of that day's profiles)."""
        if text is None:
            shared = self._text_channel(tg, day)
            text, rows = shared.channel, shared.rows
        else:
            rows = {}
        return Featurizer(tg.view(day), text, _QueryTexts(self, tg, day), rows=rows)

    def _profiles_or_none(self, kind: str, day: dt.date) -> dict[str, list[str]] | None:
        try:
            return self.profiles(kind, day)
        except ValueError:  # a kind without profiles
            return None

    def _training_featurizer(self, tg: TemporalGraph, day: dt.date) -> Featurizer:
        """A featurizer of its own for a training cut (the shared text channels stay for queries)."""
        text = TextChannel.fit(
            self.profiles(self.candidate_kind, day),
            tg.index,
            tg.n,
            encoder=self.encoder,
            store=self.store,
            ann=self.ann,
        )
        return self.featurizer(tg, day, text)

    def _build_state(
        self, facts: Facts, as_of: dt.date, ranker: LinearRanker, version: int | None
    ) -> SuggestState:
        t0 = time.perf_counter()
        feat = self.featurizer(facts.tg, as_of)
        if not self.background:  # scripts: score every query text once, so queries are warm
            feat.prepare([facts.tg.index[i] for i in feat.query_texts if i in facts.tg.index])
        return SuggestState(
            tg=facts.tg,
            view=feat.view,
            feat=feat,
            ranker=ranker,
            opt_out=facts.opt_out,
            revision=facts.revision,
            model_version=version,
            fit_seconds=time.perf_counter() - t0,
        )

    def training_cuts(
        self,
        tg: TemporalGraph,
        until: dt.date,
        *,
        window: int = 90,
        step: int = 30,
        max_cuts: int = 8,
    ) -> list[dt.date]:
        """The cut dates :meth:`train` learns from (label windows ending by ``until``)."""
        dated = tg.date[(tg.date > UNDATED) & (tg.date <= until.toordinal())]
        if len(dated) == 0:
            return []
        first = dt.date.fromordinal(int(dated.min()))
        return cut_dates(first, until, window=window, step=step, max_cuts=max_cuts)

    def train(
        self,
        tg: TemporalGraph,
        until: dt.date,
        *,
        window: int = 90,
        step: int = 30,
        max_cuts: int = 8,
        ranker_params: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> LinearRanker:
        """A :class:`LinearRanker` trained on cut dates whose label windows end by ``until``
        (``window``-day label windows every ``step`` days, the latest ``max_cuts``)."""
        cuts = self.training_cuts(tg, until, window=window, step=step, max_cuts=max_cuts)
        dated = tg.date[(tg.date > UNDATED) & (tg.date <= until.toordinal())]
        if len(dated) == 0:
            return default_ranker()
        n_cand = int((tg.kind == tg.kind_code(self.candidate_kind)).sum())
        kwargs.setdefault("negatives", 0 if n_cand <= 5000 else 100)
        X, y, groups = training_set(
            tg,
            cuts,
            lambda c: self._training_featurizer(tg, c),
            query_kinds=self.query_kinds,
            candidate_kind=self.candidate_kind,
            window=window,
            random_state=self.random_state,
            **kwargs,
        )
        params = {"random_state": self.random_state, **(ranker_params or {})}
        return LinearRanker(**params).fit(X, y, groups=groups)
