"""Hand edits of an edition's seating plan: move a guest, pin or unpin a seat, re-optimise around
the pins, and undo — every change keeps the plan it replaces in the history first.

Pins are the ``pinned`` flag of the SEATED_AT edges (the solver reads them as fixed seats); the
history lives in the :class:`~api.worklist.Worklist`. Only the public seating API is used.
"""

from __future__ import annotations

import dataclasses
import re
import threading
from dataclasses import dataclass, field

from api.services import Services
from api.worklist import Worklist
from graph.model import AvailableFor, SeatedAt, Session
from matcher.seating import (
    ReplanResult,
    Seat,
    SeatingError,
    SeatingPlan,
    SeatingProblem,
    plan_violations,
    replan,
)

__all__ = ["EditResult", "SeatingEditor", "edition_facts", "name_ids"]

_LOCK = threading.Lock()


@dataclass
class EditResult:
    """What a hand edit did: the new plan (saved when feasible), warnings in Dutch, changes."""

    problem: SeatingProblem
    plan: SeatingPlan
    warnings: list[str] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)


def _seat_rows(store: object, edition: str) -> list[tuple[str, str, str, bool]]:
    from matcher.seating.fromstore import plan_from_store

    pinned = {
        (e.key or e.session, e.target, e.source)
        for e in store.edges("SEATED_AT")  # type: ignore[attr-defined]
        if isinstance(e, SeatedAt) and e.pinned
    }
    return [
        (s.session, s.table, s.guest, (s.session, s.table, s.guest) in pinned)
        for s in plan_from_store(store, edition)  # type: ignore[arg-type]
    ]


def name_ids(problem: SeatingProblem, text: str) -> str:
    """``text`` with guest, table and session ids replaced by their labels."""
    labels = {g.id: g.label for g in problem.guests}
    labels |= {t.id: t.label for t in problem.tables}
    labels |= {s.id: s.label for s in problem.sessions}
    labels |= {t.team_id: t.team_name for t in problem.tables if t.team_name}
    pattern = re.compile("|".join(re.escape(i) for i in sorted(labels, key=len, reverse=True)))
    return pattern.sub(lambda m: labels[m.group(0)], text) if labels else text


class SeatingEditor:
    """Edits of one store's seating plans with an undo history."""

    def __init__(self, services: Services, worklist: Worklist):
        self.services = services
        self.store = services.store
        self.worklist = worklist

    def _keep(self, edition: str, label: str, cancel: list[str] | None = None) -> None:
        rows = _seat_rows(self.store, edition)
        if not rows:
            return
        available: list[tuple[str, str]] = []
        if cancel:  # a cancellation removes the guest's availability: keep it to put it back
            sessions = {r[0] for r in rows}
            for guest in cancel:
                available += [
                    (guest, e.target)
                    for e in self.store.edges("AVAILABLE_FOR", source=guest)
                    if e.target in sessions
                ]
        self.worklist.push_plan(edition, label, rows, available)

    def _save(self, edition: str, problem: SeatingProblem, plan: SeatingPlan) -> None:
        from matcher.seating.fromstore import save_plan

        save_plan(self.store, edition, plan, problem)

    def plan(self, edition: str, *, time_limit: float = 5.0) -> tuple[SeatingProblem, SeatingPlan]:
        """Plan from scratch (keeps the previous plan in the history first)."""
        with _LOCK:
            self._keep(edition, "voor nieuwe indeling")
            return self.services.plan_seating(edition, time_limit=time_limit)

    def replan(
        self, edition: str, *, cancel: list[str], add_tables: list[str], time_limit: float = 5.0
    ) -> ReplanResult:
        """Re-plan after a cancellation or an extra table (keeps the previous plan first)."""
        with _LOCK:
            self._keep(edition, "voor herindeling", cancel)
            return self.services.replan_seating(
                edition, cancel=cancel, add_tables=add_tables, time_limit=time_limit
            )

    def _around_pins(
        self, edition: str, problem: SeatingProblem, previous: list[Seat], time_limit: float
    ) -> EditResult:
        result = replan(problem, previous, time_limit=time_limit, seed=0, num_workers=1)
        out = EditResult(
            problem=result.problem,
            plan=result.plan,
            changes=[name_ids(problem, line) for line in result.diff.lines],
        )
        if result.plan.feasible:
            self._save(edition, result.problem, result.plan)
        elif result.plan.diagnosis is not None:
            out.warnings.append(name_ids(problem, result.plan.diagnosis.text()))
        return out

    def move(
        self, edition: str, guest: str, session: str, table: str, *, time_limit: float = 5.0
    ) -> EditResult:
        """Seat ``guest`` at ``table`` in ``session`` and pin it there; the rest is re-optimised
        around the pins with as few changes as possible. Warnings name the rules the hand move
        breaks before re-optimising (a full table, a guest not available)."""
        with _LOCK:
            problem = self.services.seating_problem(edition)
            for what, value, known in (
                ("gast", guest, problem.guest_ids),
                ("sessie", session, problem.session_ids),
                ("tafel", table, problem.table_ids),
            ):
                if value not in known:
                    raise SeatingError(f"{what} '{value}' hoort niet bij {edition}")
            new = Seat(session=session, table=table, guest=guest)
            current = [Seat(s, t, g) for s, t, g, _ in _seat_rows(self.store, edition)]
            moved = [s for s in current if not (s.guest == guest and s.session == session)]
            moved.append(new)
            pins = [p for p in problem.pinned if not (p.guest == guest and p.session == session)]
            pinned = dataclasses.replace(problem, pinned=(*pins, new))
            # the rules the move itself breaks: the guest's earlier pin in this session is gone
            warnings = [name_ids(problem, v) for v in plan_violations(pinned, moved)]
            self._keep(edition, "voor verplaatsing")
            out = self._around_pins(edition, pinned, moved, time_limit)
            out.warnings[:0] = warnings
            return out

    def toggle_pin(self, edition: str, guest: str, session: str) -> bool:
        """Pin the guest's seat in the session, or unpin it; True when it is pinned now."""
        with _LOCK:
            edges = [
                e
                for e in self.store.edges("SEATED_AT", source=guest)
                if isinstance(e, SeatedAt) and (e.key or e.session) == session
            ]
            if not edges:
                raise SeatingError(f"gast '{guest}' heeft geen plaats in sessie '{session}'")
            self._keep(edition, "voor vastzetten")
            edge = edges[0]
            flipped = edge.model_copy(update={"pinned": not edge.pinned})
            self.store.write((), [flipped])
            return bool(flipped.pinned)

    def reoptimise(self, edition: str, *, time_limit: float = 5.0) -> EditResult:
        """Re-optimise the whole edition around its pinned seats (fewest changes)."""
        with _LOCK:
            problem = self.services.seating_problem(edition)
            current = [Seat(s, t, g) for s, t, g, _ in _seat_rows(self.store, edition)]
            if not current:
                raise SeatingError(f"{edition} heeft nog geen indeling")
            self._keep(edition, "voor heroptimalisatie")
            return self._around_pins(edition, problem, current, time_limit)

    def undo(self, edition: str) -> int:
        """Put back the plan before the last change; returns the number of seats restored.

        Raises :class:`SeatingError` when there is nothing to undo (the history is untouched) or
        when the earlier plan no longer fits the edition (e.g. a guest's availability is gone).
        """
        with _LOCK:
            history = self.worklist.plan_history(edition, limit=1)
            if not history:
                raise SeatingError("er is geen eerdere indeling om terug te zetten")
            snap = history[0]
            back = [AvailableFor(source=g, target=s) for g, s in snap.available]
            if back:  # a cancelled guest is available again, as before the re-plan
                self.store.write((), back)
            problem = self.services.seating_problem(edition)
            seats = [Seat(s, t, g) for s, t, g, _ in snap.seats]
            pins = tuple(Seat(s, t, g) for s, t, g, p in snap.seats if p)
            problem = dataclasses.replace(problem, pinned=pins)
            plan = SeatingPlan(seats, "feasible", method="restored")
            bad = plan_violations(problem, plan)
            if bad:
                if back:
                    self.store.write((), (), delete_edges=[e.identity for e in back])
                raise SeatingError(
                    "de eerdere indeling past niet meer: " + name_ids(problem, "; ".join(bad[:3]))
                )
            self._save(edition, problem, plan)
            self.worklist.pop_plan(edition)
            return len(seats)


def edition_facts(store: object, edition: str) -> dict[str, object]:
    """Dates, venue and the sessions' times of an edition, for the page and the cards."""
    node = store.get_node(edition)  # type: ignore[attr-defined]
    sessions = sorted(
        (
            s
            for s in store.nodes("session")  # type: ignore[attr-defined]
            if isinstance(s, Session) and s.edition == edition
        ),
        key=lambda s: s.start,
    )
    return {
        "name": node.label,
        "start": getattr(node, "start_date", None),
        "end": getattr(node, "end_date", None),
        "location": getattr(node, "location", ""),
        "sessions": {
            s.id: {
                "date": s.start.date().isoformat(),
                "time": f"{s.start:%H:%M}–{s.end:%H:%M}",
            }
            for s in sessions
        },
    }
