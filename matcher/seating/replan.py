"""Re-planning: a guest cancels or a table is added — change as little as possible, show the diff.

Two CP-SAT solves on the same formulation: first the fewest changes (seats dropped from the current
plan plus seats added), then, with the number of changes fixed at that minimum, the best objective.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from matcher.seating.cpsat import solve_cpsat
from matcher.seating.edit import add_table, remove_guests
from matcher.seating.encode import encode
from matcher.seating.model import evaluate, formulate
from matcher.seating.plan import SeatingPlan
from matcher.seating.problem import Seat, SeatingProblem, SeatingTable
from matcher.seating.solve import finish_plan

__all__ = ["PlanDiff", "ReplanResult", "diff_plans", "replan"]


@dataclass
class PlanDiff:
    """What changed between two plans, per guest and session."""

    moved: list[tuple[str, str, str, str]] = field(default_factory=list)  # guest, session, from, to
    added: list[Seat] = field(default_factory=list)
    removed: list[Seat] = field(default_factory=list)
    kept: int = 0
    lines: list[str] = field(default_factory=list)

    @property
    def changes(self) -> int:
        """Seats that differ: a move counts twice (one seat left, one taken)."""
        return 2 * len(self.moved) + len(self.added) + len(self.removed)

    def as_dict(self) -> dict[str, Any]:
        return {
            "moved": [{"guest": g, "session": s, "from": a, "to": b} for g, s, a, b in self.moved],
            "added": [vars(x) for x in self.added],
            "removed": [vars(x) for x in self.removed],
            "kept": self.kept,
            "changes": self.changes,
            "lines": self.lines,
        }


@dataclass
class ReplanResult:
    """The new plan, its diff against the old one, and the edited problem it solves."""

    plan: SeatingPlan
    diff: PlanDiff
    problem: SeatingProblem


def diff_plans(
    old: Sequence[Seat],
    new: Sequence[Seat],
    problem: SeatingProblem | None = None,
    cancelled: Sequence[str] = (),
) -> PlanDiff:
    """Moves, additions and removals from ``old`` to ``new``, with Dutch lines.

    Examples
    --------
    >>> d = diff_plans([Seat("s", "a", "g"), Seat("s", "b", "h")],
    ...                [Seat("s", "b", "g")], cancelled=["h"])
    >>> d.lines
    ['g verhuist in s van a naar b', 'h valt af bij b in s (afgemeld)']
    """

    def lab(kind: str, i: str) -> str:
        if problem is None:
            return i
        try:
            if kind == "g":
                return problem.guest(i).label
            if kind == "t":
                return problem.table(i).label
            return problem.session(i).label
        except KeyError:
            return i

    before = {(s.guest, s.session): s.table for s in old}
    after = {(s.guest, s.session): s.table for s in new}
    d = PlanDiff()
    gone = set(cancelled)
    for key in sorted(before.keys() | after.keys(), key=lambda k: (k[1], k[0])):
        g, s = key
        a, b = before.get(key), after.get(key)
        if a == b:
            d.kept += 1
        elif a is not None and b is not None:
            d.moved.append((g, s, a, b))
            d.lines.append(
                f"{lab('g', g)} verhuist in {lab('s', s)} van {lab('t', a)} naar {lab('t', b)}"
            )
        elif b is not None:
            d.added.append(Seat(s, b, g))
            d.lines.append(f"{lab('g', g)} komt erbij aan {lab('t', b)} in {lab('s', s)}")
        else:
            assert a is not None
            d.removed.append(Seat(s, a, g))
            why = " (afgemeld)" if g in gone else ""
            d.lines.append(
                f"{g if g in gone else lab('g', g)} valt af bij {lab('t', a)} in {lab('s', s)}{why}"
            )
    return d


def replan(
    problem: SeatingProblem,
    previous: SeatingPlan | Sequence[Seat],
    *,
    cancel: Sequence[str] = (),
    add_tables: Sequence[str | SeatingTable] = (),
    time_limit: float = 10.0,
    seed: int = 0,
    num_workers: int = 1,
    with_reasons: bool = True,
) -> ReplanResult:
    """A new plan after cancellations and added tables, with the fewest changes to ``previous``.

    Parameters
    ----------
    problem : SeatingProblem
        The problem the previous plan was made for.
    previous : SeatingPlan or sequence of Seat
    cancel : sequence of str
        Guest ids that cancelled.
    add_tables : sequence of str or SeatingTable
        New tables: a team id (a table like that team's first) or a full table.

    Examples
    --------
    >>> from matcher.seating.jsonio import problem_from_json
    >>> p = problem_from_json({"sessions": [{"id": "s"}],
    ...     "tables": [{"id": "a", "min_guests": 1, "max_guests": 1},
    ...                {"id": "b", "min_guests": 1, "max_guests": 1}],
    ...     "guests": [{"id": "g"}, {"id": "h"}, {"id": "i"}],
    ...     "relevance": [[0.9, 0.1], [0.1, 0.9], [0.5, 0.6]]})
    >>> r = replan(p, [Seat("s", "a", "g"), Seat("s", "b", "h")], cancel=["h"])
    >>> r.diff.lines
    ['h valt af bij b in s (afgemeld)', 'i komt erbij aan b in s']
    """
    old_seats = list(previous.seats if isinstance(previous, SeatingPlan) else previous)
    edited = _edited(problem, cancel, add_tables)
    m, enc = encode(edited)
    model = formulate(m)
    prev_x = enc.encode_seats(old_seats, strict=False)
    keep = prev_x[model.xg, model.xt, model.xs]
    change_obj = np.zeros(model.n_vars, dtype=np.int64)
    change_obj[: model.n_x] = np.where(keep, 1, -1)
    hint = model.values_from_plan(m, prev_x)
    first = solve_cpsat(
        model,
        time_limit=time_limit,
        seed=seed,
        num_workers=num_workers,
        objective=change_obj,
        hint=hint,
    )
    if first.values is None:
        result = _result(status=first.status, x=None, objective=None, bound=None)
        result["wall_time"] = first.wall_time
        plan = finish_plan(edited, m, enc, result, seed, False, True, None)
        return ReplanResult(plan, PlanDiff(), edited)
    best = round(first.objective or 0)
    nz = np.flatnonzero(change_obj)
    second = solve_cpsat(
        model,
        time_limit=time_limit,
        seed=seed,
        num_workers=num_workers,
        hint=first.values,
        extra_rows=[(nz, change_obj[nz], best, None)],
    )
    values = second.values if second.values is not None else first.values
    x = model.plan_from_values(values)
    status = second.status if second.values is not None else "feasible"
    if first.status != "optimal" and status == "optimal":
        status = "feasible"  # fewest changes not proven
    result = _result(status=status, x=x, objective=float(evaluate(m, x).total), bound=second.bound)
    result["wall_time"] = first.wall_time + second.wall_time
    plan = finish_plan(edited, m, enc, result, seed, with_reasons, False, None)
    diff = diff_plans(old_seats, plan.seats, edited, cancelled=cancel)
    return ReplanResult(plan, diff, edited)


def _edited(
    problem: SeatingProblem, cancel: Sequence[str], add_tables: Sequence[str | SeatingTable]
) -> SeatingProblem:
    """``problem`` without the cancelled guests and with the added tables."""
    edited = remove_guests(problem, list(cancel)) if cancel else problem
    for t in add_tables:
        if isinstance(t, SeatingTable):
            rel = edited.relevance
            if rel is not None:
                same = [j for j, u in enumerate(edited.tables) if u.team_id == t.team_id]
                col = rel[:, same[:1]] if same else np.zeros((rel.shape[0], 1))
                rel = np.concatenate([rel, col], axis=1)
            edited = dataclasses.replace(edited, tables=(*edited.tables, t), relevance=rel)
        else:
            edited = add_table(edited, t)
    return edited


def _result(
    *, status: str, x: np.ndarray | None, objective: float | None, bound: float | None
) -> dict[str, Any]:
    """A solve result as :func:`~matcher.seating.solve.finish_plan` reads it."""
    return {
        "status": status,
        "x": x,
        "method": "cpsat",
        "objective": objective,
        "bound": bound,
        "greedy_objective": None,
        "lp_bound": None,
        "wall_time": 0.0,
    }
