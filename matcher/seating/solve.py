"""``plan_seating``: encode → solve (flow, CP-SAT) → decode → validate.

The greedy baseline runs first; if a time-limited search ends with something worse (or nothing),
the greedy plan is returned instead, so a plan is never worse than the baseline. (The greedy plan
can be given to CP-SAT as a hint, ``use_hint``; on the benchmarks that steers the single-worker
search into a worse region, so it is off by default.)
"""

from __future__ import annotations

import logging
import time
from typing import Literal

import numpy as np

from matcher.seating.cpsat import lp_bound, solve_cpsat
from matcher.seating.encode import Encoding, Matrices, encode
from matcher.seating.flow import is_plain, solve_flow
from matcher.seating.greedy import greedy_plan
from matcher.seating.model import LinearModel, evaluate, formulate
from matcher.seating.plan import SeatingPlan
from matcher.seating.problem import SeatingProblem
from matcher.seating.validate import plan_violations

__all__ = ["Method", "plan_seating", "solve_matrices"]

logger = logging.getLogger(__name__)

Method = Literal["auto", "cpsat", "flow", "greedy"]


def solve_matrices(
    m: Matrices,
    *,
    method: Method = "auto",
    time_limit: float = 10.0,
    seed: int = 0,
    num_workers: int = 1,
    deterministic_time: float | None = None,
    with_lp: bool = False,
    model: LinearModel | None = None,
    use_hint: bool = False,
    baseline: bool | None = None,
) -> dict:
    """Solve on matrices only; returns a dict with ``status``, ``x``, ``method``, ``objective``,
    ``bound``, ``greedy_x``, ``greedy_objective``, ``lp_bound``, ``wall_time``.

    ``baseline`` runs the greedy baseline too (default: yes, except on the exact flow path, whose
    plan is optimal anyway).
    """
    t0 = time.perf_counter()
    if method == "auto":
        method = "flow" if is_plain(m) else "cpsat"
    if baseline is None:
        baseline = method != "flow"
    gx = greedy_plan(m) if baseline or method == "greedy" else None
    g_obj = float(evaluate(m, gx).total) if gx is not None else None
    out: dict = {"greedy_x": gx, "greedy_objective": g_obj, "lp_bound": None}
    if method == "greedy":
        out.update(
            status="feasible" if gx is not None else "unknown",
            x=gx,
            method="greedy",
            objective=g_obj,
            bound=None,
        )
    elif method == "flow":
        r = solve_flow(m)
        out.update(status=r.status, x=r.values, method="flow", objective=r.objective, bound=r.bound)
    else:
        model = model if model is not None else formulate(m)
        hint = model.values_from_plan(m, gx) if (use_hint and gx is not None) else None
        r = solve_cpsat(
            model,
            time_limit=time_limit,
            seed=seed,
            num_workers=num_workers,
            deterministic_time=deterministic_time,
            hint=hint,
        )
        x = model.plan_from_values(r.values) if r.values is not None else None
        obj = float(evaluate(m, x).total) if x is not None else None
        out.update(status=r.status, x=x, method="cpsat", objective=obj, bound=r.bound)
        if gx is not None and (obj is None or (g_obj is not None and g_obj > obj)):
            logger.info("greedy plan beats the interrupted search (%s vs %s)", g_obj, obj)
            out.update(status="feasible", x=gx, method="greedy", objective=g_obj)
    if with_lp and out["status"] != "infeasible":
        model = model if model is not None else formulate(m)
        out["lp_bound"] = lp_bound(model)
    out["wall_time"] = time.perf_counter() - t0
    return out


def plan_seating(
    problem: SeatingProblem,
    *,
    method: Method = "auto",
    time_limit: float = 10.0,
    seed: int = 0,
    num_workers: int = 1,
    deterministic_time: float | None = None,
    with_lp: bool = False,
    with_reasons: bool = True,
    diagnose_infeasible: bool = True,
    scorer: object = None,
) -> SeatingPlan:
    """Seat the guests of ``problem``: the best plan found within ``time_limit`` seconds.

    Parameters
    ----------
    problem : SeatingProblem
    method : {"auto", "cpsat", "flow", "greedy"}
        ``auto`` sends plain capacity-constrained assignments to the exact min-cost flow and
        everything else to CP-SAT.
    time_limit : float
        Wall-clock limit of the CP-SAT search in seconds.
    seed, num_workers : int
        CP-SAT random seed and worker count; with a fixed count the result is reproducible when
        the search completes (or is bounded by ``deterministic_time``).
    with_lp : bool
        Also solve the LP relaxation (scipy HiGHS) and report ``lp_bound`` / ``lp_gap``.
    with_reasons : bool
        Attach Dutch reasons per seat.
    diagnose_infeasible : bool
        When infeasible, attach a :class:`~matcher.seating.diagnose.Diagnosis` with what-ifs.
    scorer : optional
        A fitted-on-demand text relevance (``TextRelevance``) for shared terms in reasons.

    Returns
    -------
    SeatingPlan

    Examples
    --------
    >>> from matcher.seating.problem import problem_from_json
    >>> p = problem_from_json({"sessions": [{"id": "s1"}, {"id": "s2"}],
    ...     "tables": [{"id": "a", "max_guests": 1}, {"id": "b", "max_guests": 1}],
    ...     "guests": [{"id": "g"}, {"id": "h", "available": ["s2"]}],
    ...     "relevance": [[0.9, 0.5], [0.8, 0.3]]})
    >>> plan = plan_seating(p, with_reasons=False)
    >>> plan.status, plan.objective, [(s.session, s.table, s.guest) for s in plan.seats]
    ('optimal', 3250.0, [('s1', 'a', 'g'), ('s2', 'a', 'h'), ('s2', 'b', 'g')])
    """
    m, enc = encode(problem)
    r = solve_matrices(
        m,
        method=method,
        time_limit=time_limit,
        seed=seed,
        num_workers=num_workers,
        deterministic_time=deterministic_time,
        with_lp=with_lp,
    )
    return _finish(problem, m, enc, r, seed, with_reasons, diagnose_infeasible, scorer)


def _finish(
    problem: SeatingProblem,
    m: Matrices,
    enc: Encoding,
    r: dict,
    seed: int,
    with_reasons: bool,
    diagnose_infeasible: bool,
    scorer: object,
) -> SeatingPlan:
    x: np.ndarray | None = r["x"]
    seats = enc.decode(x) if x is not None else []
    plan = SeatingPlan(
        seats=seats,
        status=r["status"],
        method=r["method"],
        objective=r["objective"],
        best_bound=r["bound"],
        terms=evaluate(m, x).as_dict() if x is not None else {},
        greedy_objective=r["greedy_objective"],
        lp_bound=r["lp_bound"],
        wall_time=r["wall_time"],
        seed=seed,
        problem_name=problem.name,
    )
    if plan.feasible:
        bad = plan_violations(problem, plan)
        if bad:  # the validator guards the solvers; this is a bug, not bad input
            raise RuntimeError("solver returned an invalid plan: " + "; ".join(bad[:5]))
        if with_reasons:
            from matcher.seating.reasons import seat_reasons

            plan.reasons = seat_reasons(problem, plan, scorer=scorer)
    elif plan.status == "infeasible" and diagnose_infeasible:
        from matcher.seating.diagnose import diagnose

        plan.diagnosis = diagnose(problem, seed=seed)
    logger.info(
        "seating %s: %s via %s, %d seats, objective %s",
        problem.name,
        plan.status,
        plan.method,
        len(plan.seats),
        plan.objective,
    )
    return plan
