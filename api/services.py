"""The services behind the routes, the web page and ``verbinder bench api``, over one store.

Fitted state lives in the matcher's own service objects, built once per app with the configured
encoder: the suggester answers from its last fitted state while it refits in the background (see
:mod:`matcher.suggest.lifecycle`), and the coalition assembler keeps its text models per profile
content, so a write that changes no profile recomputes nothing costly. Every cache keyed by request
data is bounded by ``settings.cache_size``.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from typing import TYPE_CHECKING, Any

from api.settings import Settings
from graph.errors import StoreClosedError
from graph.priority import answering, in_background, wait_for_quiet
from graph.store import GraphStore

if TYPE_CHECKING:
    from matcher.coalition.assembly import CoalitionAssembler
    from matcher.coalition.derivation import TeamFacets
    from matcher.coalition.explanation import Coalition
    from matcher.seating import ReplanResult, SeatingPlan, SeatingProblem
    from matcher.suggest.suggester import Suggester, SuggestionResult
    from matcher.text.encoders import Encoder
    from matcher.timing.nudging import Nudge
    from matcher.timing.planning import Agenda

__all__ = ["Services", "today"]

logger = logging.getLogger(__name__)


def today() -> dt.date:
    """The default ``as_of`` day of a question."""
    return dt.date.today()


#: Seconds a thread may hold the interpreter while another waits for it (Python's default is
#: 5 ms). A request hands the interpreter over at every store read and, while a background
#: rebuild runs, waits up to this long to get it back; at 5 ms a request of a few dozen reads
#: waited 200-400 ms.
SWITCH_INTERVAL = 0.0005
#: Cycle-collector thresholds: the youngest generation is collected after 10 000 new objects
#: (default 700), so a rebuild that allocates a new graph triggers far fewer full collections,
#: each of which pauses every thread (110-150 ms on the seed).
GC_THRESHOLDS = (10_000, 20, 10)
_frozen = False


def tune_interpreter() -> None:
    """Interpreter settings for a process answering requests while threads rebuild in the
    background (see :data:`SWITCH_INTERVAL` and :data:`GC_THRESHOLDS`)."""
    import gc
    import sys

    sys.setswitchinterval(SWITCH_INTERVAL)
    gc.set_threshold(*GC_THRESHOLDS)


def prepare_for_serving(services: Services) -> None:
    """What a service does once at start, before building its facts: the interpreter settings,
    the encoder loaded, and every object alive then (modules, the model) moved out of the cycle
    collector's reach, so a full collection during a rebuild scans only what changes."""
    import gc

    global _frozen
    tune_interpreter()
    _ = services.encoder
    if not _frozen:
        gc.freeze()
        _frozen = True


class Services:
    """Entry points shared by the HTTP routes, the web page and the benchmark."""

    def __init__(self, store: GraphStore, settings: Settings):
        self.store = store
        self.settings = settings
        self._lock = threading.Lock()
        self._encoder: Encoder | None = None
        self._suggester: Suggester | None = None
        self._cache: dict[str, tuple[int, Any]] = {}
        self._seating_lock = threading.Lock()
        self._rebuilding: dict[str, threading.Thread] = {}
        self._stopping = threading.Event()

    @property
    def encoder(self) -> Encoder:
        """The configured text encoder (built on first use; heavy models load lazily)."""
        if self._encoder is None:
            with self._lock:
                if self._encoder is None:
                    from api.vector_candidates import settings_encoder

                    self._encoder = settings_encoder(self.settings)
        return self._encoder

    @property
    def suggester(self) -> Suggester:
        if self._suggester is None:
            encoder = self.encoder
            with self._lock:
                if self._suggester is None:
                    from api.vector_candidates import service_suggester

                    suggester = service_suggester(self.store, self.settings, encoder)
                    suggester.refitter = self._refitter()
                    self._suggester = suggester
        return self._suggester

    def warm(self, as_of: dt.date | None = None) -> None:
        """Load the saved ranker, build what a suggestion reads for ``as_of`` (default today) and
        answer one question, so the first request after start finds everything ready (a missing
        ranker fits in the background)."""
        if not self.store.nodes("organisation"):
            return
        day = as_of or today()
        st = self.suggester.warm(day)
        staff = st.tg.nodes_of("staff")
        if len(staff):  # one question answered: every module and word list a request reads loaded
            self.suggest(staff=st.tg.ids[int(staff[0])], as_of=day)

    def suggest(
        self,
        *,
        staff: str | None = None,
        dossier: str | None = None,
        text: str | None = None,
        organisation: str | None = None,
        as_of: dt.date | None = None,
        k: int = 10,
    ) -> SuggestionResult:
        """Partner suggestions (see :func:`matcher.suggest.suggester.suggest_partners`), without
        organisations an integrity rule excludes (:func:`api.integrity.exclusions_for`)."""
        from api.integrity import exclusions_for, without_excluded
        from matcher.suggest.suggester import suggest_partners

        day = as_of or today()
        with answering():
            excluded = exclusions_for(self.store, staff=staff, dossier=dossier, as_of=day)
            found = suggest_partners(
                self.store,
                staff=staff,
                dossier=dossier,
                text=text,
                organisation=organisation,
                as_of=day,
                k=k + len(excluded),
                suggester=self.suggester,
            )
            return without_excluded(found, excluded, k)

    def _per_revision(
        self, name: str, build: Any, *, per_revision: bool = True, stale_ok: bool = False
    ) -> Any:
        """The object ``build()`` made for the current store revision (rebuilt after a change;
        built once when not ``per_revision``). With ``stale_ok`` the previous revision's object
        answers while the new one is built in a background thread."""
        revision = self.store.revision
        with self._lock:
            hit = self._cache.get(name)
            if hit is not None and (hit[0] == revision or not per_revision):
                return hit[1]
            if hit is not None and stale_ok and not self._stopping.is_set():
                running = self._rebuilding.get(name)
                if running is None or not running.is_alive():
                    job = threading.Thread(
                        target=self._rebuild,
                        args=(name, build),
                        name=f"rebuild-{name}",
                        daemon=True,
                    )
                    self._rebuilding[name] = job
                    job.start()
                return hit[1]
        value = build()
        with self._lock:
            self._cache[name] = (revision, value)
        return value

    #: A background rebuild starts once writes pause this long (a burst is rebuilt once) …
    REBUILD_QUIET_SECONDS = 1.0
    #: … or after this long at the latest.
    REBUILD_MAX_WAIT_SECONDS = 10.0

    def _rebuild(self, name: str, build: Any) -> None:
        try:
            with in_background():
                revision = wait_for_quiet(
                    lambda: self.store.revision,
                    quiet=self.REBUILD_QUIET_SECONDS,
                    at_most=self.REBUILD_MAX_WAIT_SECONDS,
                    stop=self._stopping,
                )
                if revision is None:  # the service is closing
                    return
                value = build()
        except Exception as e:  # the stale object keeps answering; the next request retries
            if self._stopping.is_set() or isinstance(e, StoreClosedError):
                return
            logger.exception("background rebuild of %s failed", name)
            return
        with self._lock:
            self._cache[name] = (revision, value)

    def _refitter(self) -> Any:
        """Background fits in a separate process (see :mod:`api.refit_process`), unless the
        setting says otherwise or no other process can open the store."""
        if not self.settings.refit_in_process:
            return None
        from api.refit_process import ProcessRefitter, store_spec

        spec = store_spec(self.store, self.settings)
        return ProcessRefitter(self.settings, spec) if spec is not None else None

    def close(self) -> None:
        """Start no more background work; the running rebuilds stop at their next read of the
        closed store (see :meth:`graph.sqlite_store.SqliteGraphStore.close`)."""
        self._stopping.set()
        if self._suggester is not None:
            self._suggester.close()

    def wait_background(self, timeout: float | None = None) -> None:
        """Wait for the background rebuilds (cached objects, suggestion facts and fits)."""
        for job in list(self._rebuilding.values()):
            job.join(timeout)
        if self._suggester is not None:
            self._suggester.wait(timeout)

    def coalition(
        self,
        team: str,
        *,
        as_of: dt.date | None = None,
        k: int = 5,
        needs: list[str] | None = None,
    ) -> Coalition:
        """A co-producer coalition for a team (see :func:`matcher.coalition.assembly.assemble_coalition`)."""
        return self._assembler().assemble(team, as_of=as_of or today(), k=k, needs=needs or None)

    def _assembler(self) -> CoalitionAssembler:
        from matcher.coalition.assembly import CoalitionAssembler

        encoder = self.encoder
        return self._per_revision(
            "coalition",
            lambda: CoalitionAssembler(self.store, encoder, cache_size=self.settings.cache_size),
            per_revision=False,  # it keys its own caches on the revision, keeping unchanged fits
        )

    def team_facets(self, team: str, *, as_of: dt.date | None = None) -> TeamFacets:
        """The facets in force for a team, those read from its own words, and whether the team
        stored its own list (see :mod:`matcher.coalition.derivation`)."""
        from matcher.coalition.derivation import TeamFacets

        assembler = self._assembler()
        day = as_of or today()
        node = self.store.get_node(team)
        return TeamFacets(
            team=team,
            override=bool(getattr(node, "needs", None)),
            facets=assembler.facets(team, as_of=day),
            derived=assembler.derived_facets(team, as_of=day),
        )

    def set_team_facets(
        self, team: str, facets: list[tuple[str, float]], *, as_of: dt.date | None = None
    ) -> TeamFacets:
        """Store a team's own facets (an empty list goes back to the derived ones)."""
        from matcher.coalition.derivation import store_team_facets

        store_team_facets(self.store, team, facets)
        return self.team_facets(team, as_of=as_of)

    def agenda(
        self,
        *,
        staff: str | None = None,
        dossier: str | None = None,
        team: str | None = None,
        as_of: dt.date | None = None,
        horizon_days: int = 60,
        weekly_cap: int = 5,
    ) -> Agenda:
        """The nudges to act on: answered ones out, spread over working days under a weekly cap
        (see :func:`matcher.timing.planning.agenda`).

        The timeline reads every edge (seconds at seed size): after a write the previous one
        answers while it is rebuilt in the background, with the answers (done, snoozed) read as
        stored now, so an answer takes effect on the next request."""
        from matcher.timing.nudging import Timeline
        from matcher.timing.planning import agenda

        timeline = self._per_revision(
            "timeline", lambda: Timeline.from_store(self.store), stale_ok=True
        )
        return agenda(
            timeline,
            feedback=self.store.edges("FEEDBACK"),
            staff=staff,
            dossier=dossier,
            team=team,
            as_of=as_of or today(),
            horizon_days=horizon_days,
            weekly_cap=weekly_cap,
        )

    def answer_nudge(
        self,
        key: str,
        *,
        subject: str,
        status: str,
        as_of: dt.date | None = None,
        until: dt.date | None = None,
    ) -> Nudge:
        """Mark one of the subject's open nudges done or snoozed (stored as feedback)."""
        from matcher.timing.nudging import NudgeError, Timeline, nudges
        from matcher.timing.planning import record_nudge_status

        day = as_of or today()
        kind = self.store.get_node(subject).KIND
        if kind not in ("staff", "team", "dossier"):
            raise NudgeError(
                f"field 'subject': '{subject}' is a {kind}, not a staff member or team"
            )
        timeline = self._per_revision("timeline", lambda: Timeline.from_store(self.store))
        found = nudges(timeline, **{kind: subject}, as_of=day, limit=None)  # type: ignore[arg-type]
        match = next((n for n in found if n.key == key), None)
        if match is None:
            raise NudgeError(f"field 'key': no open nudge '{key}' for '{subject}' on {day}")
        record_nudge_status(self.store, subject, match, status, date=day, until=until)
        return match

    # ------------------------------------------------------------------ seating
    def seating_problem(self, edition: str) -> SeatingProblem:
        """The seating problem of an edition as stored now (text relevance with our encoder)."""
        from matcher.seating.fromstore import problem_from_store
        from matcher.text.relevance import TextRelevance

        scorer = TextRelevance(self.encoder, store=self.store)
        return problem_from_store(self.store, edition, scorer)

    def current_plan(self, edition: str) -> tuple[SeatingProblem, SeatingPlan]:
        """The edition's problem and its stored plan (SEATED_AT edges)."""
        from matcher.seating import SeatingPlan
        from matcher.seating.fromstore import plan_from_store

        problem = self.seating_problem(edition)
        seats = plan_from_store(self.store, edition)
        return problem, SeatingPlan(seats, "feasible" if seats else "unknown", method="stored")

    def plan_seating(
        self, edition: str, *, time_limit: float = 5.0
    ) -> tuple[SeatingProblem, SeatingPlan]:
        """Plan an edition from scratch and store the plan; returns (problem, plan)."""
        from matcher.seating import plan_seating
        from matcher.seating.fromstore import save_plan

        with self._seating_lock:
            problem = self.seating_problem(edition)
            plan = plan_seating(problem, time_limit=time_limit, seed=0, num_workers=1)
            if plan.feasible:
                save_plan(self.store, edition, plan, problem)
        return problem, plan

    def replan_seating(
        self,
        edition: str,
        *,
        cancel: list[str] | None = None,
        add_tables: list[str] | None = None,
        time_limit: float = 5.0,
    ) -> ReplanResult:
        """Re-plan after cancellations and extra tables with the fewest changes; stores the new
        plan, the new tables, and removes the cancelled guests' availability for the edition."""
        from graph.model import Table, Team
        from matcher.seating import SeatingError, replan
        from matcher.seating.edit import add_table
        from matcher.seating.fromstore import plan_from_store, save_plan

        cancel = list(dict.fromkeys(cancel or []))
        add_tables = list(add_tables or [])
        with self._seating_lock:
            self.store.get_node(edition)
            sessions = [
                s for s in self.store.nodes("session") if getattr(s, "edition", "") == edition
            ]
            previous = plan_from_store(self.store, edition)
            if not previous:
                raise SeatingError(f"{edition} has no plan yet; plan it first")
            seated = {s.guest for s in previous}
            for guest in cancel:
                if guest not in seated:
                    raise SeatingError(f"cancel: '{guest}' has no seat in {edition}")
            teams = self.store.get_nodes(add_tables)
            for team_id in add_tables:
                if not isinstance(teams.get(team_id), Team):
                    raise SeatingError(f"add_tables: '{team_id}' is not a team")
            problem = self.seating_problem(edition)
            number = max(
                (
                    t.number
                    for t in self.store.nodes("table")
                    if isinstance(t, Table) and t.edition == edition
                ),
                default=0,
            )
            for team_id in add_tables:
                number += 1
                problem = add_table(
                    problem,
                    team_id,
                    table_id=f"table:{edition.split(':', 1)[-1]}-{number}",
                    name=f"Tafel {number}",
                )
            result = replan(
                problem,
                previous,
                cancel=cancel,
                time_limit=time_limit,
                seed=0,
                num_workers=1,
            )
            if result.plan.feasible:
                # New seats, new tables, stale seats and the cancelled guests' availability for
                # this edition change together in one transaction.
                session_ids = {s.id for s in sessions}
                unavailable = [
                    e.identity
                    for guest in cancel
                    for e in self.store.edges("AVAILABLE_FOR", source=guest)
                    if e.target in session_ids
                ]
                save_plan(
                    self.store, edition, result.plan, result.problem, delete_edges=unavailable
                )
        return result

    def options(self, kind: str) -> list[tuple[str, str]]:
        """(id, label) of every node of a kind that is not personal data (for page forms)."""
        if kind in ("contact", "staff"):
            raise ValueError(f"{kind} nodes are personal data; not offered as options")
        return [(n.id, n.label) for n in self.store.nodes(kind)]
