"""A seating plan: the seats, how they were found, how good they are, and why.

:class:`SeatingPlan` round-trips through JSON (``plan.json`` of ``verbinder seat``), so a plan can be
re-planned later (:mod:`matcher.seating.replan`).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from dataclasses import KW_ONLY, dataclass, field
from pathlib import Path
from typing import Any

from matcher.seating.problem import Seat, SeatingError

__all__ = ["Diagnosis", "SeatingPlan", "WhatIf", "plan_from_json", "plan_to_json"]

PLAN_FORMAT = "verbinder-seating-plan"


@dataclass(frozen=True)
class WhatIf:
    """One relaxation, re-solved: ``feasible`` and ``objective`` are its effect."""

    kind: str
    label: str
    feasible: bool
    objective: float | None
    effect: str

    def as_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass
class Diagnosis:
    """Causes (Dutch sentences), the conflicting constraint groups and the what-ifs."""

    feasible: bool
    causes: list[str] = field(default_factory=list)
    conflict: list[str] = field(default_factory=list)
    what_ifs: list[WhatIf] = field(default_factory=list)

    @property
    def fixes(self) -> list[WhatIf]:
        """The what-ifs that make the instance feasible."""
        return [w for w in self.what_ifs if w.feasible]

    def as_dict(self) -> dict[str, Any]:
        return {
            "feasible": self.feasible,
            "causes": self.causes,
            "conflict": self.conflict,
            "what_ifs": [w.as_dict() for w in self.what_ifs],
        }

    def text(self) -> str:
        """A Dutch report for the facilitator."""
        if self.feasible:
            return "Het plan is haalbaar."
        lines = ["Er is geen tafelschikking mogelijk die aan alle voorwaarden voldoet.", ""]
        if self.causes:
            lines.append("Oorzaken:")
            lines += [f"  - {c}" for c in self.causes]
        if self.conflict:
            lines.append("Deze voorwaarden kunnen niet tegelijk gelden:")
            lines += [f"  - {c}" for c in self.conflict]
        if self.what_ifs:
            lines.append("Wat als …")
            lines += [f"  - {w.label}: {w.effect}" for w in self.what_ifs]
        return "\n".join(lines)


@dataclass
class SeatingPlan:
    """Result of :func:`~matcher.seating.plan_seating`.

    Attributes
    ----------
    seats : list of Seat
        Sorted by session, table, guest; empty when infeasible.
    status : str
        ``optimal``, ``feasible`` (a solution without proof), ``infeasible`` or ``unknown``.
    method : str
        ``cpsat``, ``flow`` (exact min-cost flow), ``flow+repair`` (the flow plan of the
        relaxation without side constraints, repaired into a valid plan: CP-SAT's start, kept when
        the search found nothing better in time) or ``greedy`` (the baseline, when it beat an
        interrupted search).
    objective, best_bound : float or None
        Objective of the plan and the solver's proven upper bound; ``gap`` is their relative gap.
    terms : dict
        Objective per term (relevance, novelty, exposure, fairness, total).
    greedy_objective : float or None
        The greedy baseline's objective on the same instance (``None`` when the greedy failed).
    lp_bound : float or None
        LP relaxation bound, when requested.
    reasons : dict
        Dutch reasons per seat (see :mod:`matcher.seating.reasons`).
    diagnosis : Diagnosis or None
        Why an infeasible instance is infeasible, with what-ifs.
    note : str
        Dutch, for the facilitator: why the search stopped early (time or memory) and that this
        is the best plan found so far; empty when it ended normally.
    model_size : dict
        ``pairs`` (candidate guest × table × session seats), ``pairs_in_model`` (after pruning)
        and ``rows`` (constraints) of the model that was solved.
    """

    seats: list[Seat]
    status: str
    _: KW_ONLY
    method: str = "cpsat"
    objective: float | None = None
    best_bound: float | None = None
    terms: dict[str, int] = field(default_factory=dict)
    greedy_objective: float | None = None
    lp_bound: float | None = None
    wall_time: float = 0.0
    seed: int = 0
    reasons: dict[Seat, list[str]] = field(default_factory=dict)
    diagnosis: Diagnosis | None = None
    problem_name: str = ""
    note: str = ""
    model_size: dict[str, int] = field(default_factory=dict)

    @property
    def feasible(self) -> bool:
        return self.status in ("optimal", "feasible")

    @property
    def gap(self) -> float | None:
        """Relative gap between the plan and the solver's bound (0 when proven optimal)."""
        if self.objective is None or self.best_bound is None:
            return None
        return max(0.0, (self.best_bound - self.objective) / max(1.0, abs(self.best_bound)))

    @property
    def lp_gap(self) -> float | None:
        """Relative gap between the plan and the LP relaxation bound."""
        if self.objective is None or self.lp_bound is None:
            return None
        return max(0.0, (self.lp_bound - self.objective) / max(1.0, abs(self.lp_bound)))

    def at(self, table: str, session: str) -> list[str]:
        """Guest ids at ``table`` in ``session``."""
        return [s.guest for s in self.seats if s.table == table and s.session == session]


def plan_to_json(plan: SeatingPlan) -> dict[str, Any]:
    """A JSON-ready dict of the plan (what ``plan.json`` holds)."""
    out: dict[str, Any] = {
        "format": PLAN_FORMAT,
        "version": 1,
        "problem": plan.problem_name,
        "status": plan.status,
        "method": plan.method,
        "objective": plan.objective,
        "best_bound": plan.best_bound,
        "gap": plan.gap,
        "lp_bound": plan.lp_bound,
        "lp_gap": plan.lp_gap,
        "greedy_objective": plan.greedy_objective,
        "terms": plan.terms,
        "wall_time": round(plan.wall_time, 3),
        "seed": plan.seed,
        "note": plan.note,
        "model_size": plan.model_size,
        "seats": [
            {
                "session": s.session,
                "table": s.table,
                "guest": s.guest,
                "reasons": plan.reasons.get(s, []),
            }
            for s in plan.seats
        ],
    }
    if plan.diagnosis is not None:
        out["diagnosis"] = plan.diagnosis.as_dict()
    return out


def plan_from_json(source: str | Path | Mapping[str, Any]) -> SeatingPlan:
    """Read a plan written by :func:`plan_to_json` (only seats and metadata; no diagnosis).

    Examples
    --------
    >>> p = plan_from_json({"status": "optimal",
    ...     "seats": [{"session": "s", "table": "t", "guest": "g"}]})
    >>> p.seats
    [Seat(session='s', table='t', guest='g')]
    """
    if isinstance(source, Mapping):
        data: Any = source
    else:
        path = Path(source)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except OSError as e:
            raise SeatingError(f"{path}: cannot read plan: {e}") from e
        except json.JSONDecodeError as e:
            raise SeatingError(f"{path}: not valid JSON (line {e.lineno}): {e.msg}") from e
    if not isinstance(data, Mapping) or not isinstance(data.get("seats"), list):
        raise SeatingError("plan: expected an object with a 'seats' list")
    if data.get("format", PLAN_FORMAT) != PLAN_FORMAT:
        raise SeatingError(f"plan.format: expected {PLAN_FORMAT!r}, got {data.get('format')!r}")
    seats = []
    reasons = {}
    for i, s in enumerate(data["seats"]):
        if not isinstance(s, Mapping):
            raise SeatingError(f"plan.seats[{i}]: expected an object")
        for key in ("session", "table", "guest"):
            if not isinstance(s.get(key), str) or not s.get(key):
                raise SeatingError(f"plan.seats[{i}].{key}: required string")
        seat = Seat(session=s["session"], table=s["table"], guest=s["guest"])
        seats.append(seat)
        if s.get("reasons"):
            reasons[seat] = list(s["reasons"])
    return SeatingPlan(
        seats=sorted(seats),
        status=str(data.get("status", "feasible")),
        method=str(data.get("method", "cpsat")),
        objective=data.get("objective"),
        best_bound=data.get("best_bound"),
        terms=dict(data.get("terms") or {}),
        greedy_objective=data.get("greedy_objective"),
        lp_bound=data.get("lp_bound"),
        seed=int(data.get("seed", 0) or 0),
        reasons=reasons,
        problem_name=str(data.get("problem", "")),
        note=str(data.get("note") or ""),
    )
