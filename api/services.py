"""The services behind the routes, the web page and ``verbinder bench api``, over one store.

Fitted state (text models, rankers) is cached per store revision by the matcher's own service
objects; this module builds them once per app with the configured encoder.
"""

from __future__ import annotations

import datetime as dt
import threading
from typing import TYPE_CHECKING, Any

from api.settings import Settings
from graph.store import GraphStore

if TYPE_CHECKING:
    from matcher.coalition.assembly import Coalition
    from matcher.seating import ReplanResult, SeatingPlan, SeatingProblem
    from matcher.suggest.suggester import Suggester, Suggestion
    from matcher.text.encoders import Encoder
    from matcher.timing.nudging import Nudge

__all__ = ["Services", "today"]


def today() -> dt.date:
    """The default ``as_of`` day of a question."""
    return dt.date.today()


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

    @property
    def encoder(self) -> Encoder:
        """The configured text encoder (built on first use; heavy models load lazily)."""
        if self._encoder is None:
            with self._lock:
                if self._encoder is None:
                    from matcher.text.encoders import get_encoder

                    model_path = self.settings.model_path
                    self._encoder = get_encoder(
                        self.settings.encoder, str(model_path) if model_path else None
                    )
        return self._encoder

    @property
    def suggester(self) -> Suggester:
        if self._suggester is None:
            encoder = self.encoder
            with self._lock:
                if self._suggester is None:
                    from matcher.suggest.suggester import Suggester

                    self._suggester = Suggester(self.store, encoder=encoder)
        return self._suggester

    def suggest(
        self,
        *,
        staff: str | None = None,
        dossier: str | None = None,
        text: str | None = None,
        organisation: str | None = None,
        as_of: dt.date | None = None,
        k: int = 10,
    ) -> list[Suggestion]:
        """Partner suggestions (see :func:`matcher.suggest.suggester.suggest_partners`)."""
        from matcher.suggest.suggester import suggest_partners

        return suggest_partners(
            self.store,
            staff=staff,
            dossier=dossier,
            text=text,
            organisation=organisation,
            as_of=as_of or today(),
            k=k,
            suggester=self.suggester,
        )

    def _per_revision(self, name: str, build: Any) -> Any:
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

    def coalition(
        self,
        team: str,
        *,
        as_of: dt.date | None = None,
        k: int = 5,
        needs: list[str] | None = None,
    ) -> Coalition:
        """A co-producer coalition for a team (see :func:`matcher.coalition.assembly.assemble_coalition`)."""
        from matcher.coalition.assembly import CoalitionAssembler

        encoder = self.encoder
        assembler = self._per_revision("coalition", lambda: CoalitionAssembler(self.store, encoder))
        return assembler.assemble(team, as_of=as_of or today(), k=k, needs=needs or None)

    def nudges(
        self,
        *,
        staff: str | None = None,
        dossier: str | None = None,
        team: str | None = None,
        as_of: dt.date | None = None,
        horizon_days: int = 60,
        limit: int | None = 50,
    ) -> list[Nudge]:
        """Dated nudges (see :func:`matcher.timing.nudging.nudges`)."""
        from matcher.timing.nudging import Timeline, nudges

        timeline = self._per_revision("timeline", lambda: Timeline.from_store(self.store))
        return nudges(
            timeline,
            staff=staff,
            dossier=dossier,
            team=team,
            as_of=as_of or today(),
            horizon_days=horizon_days,
            limit=limit,
        )

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
