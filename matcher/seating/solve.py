"""``plan_seating``: encode → solve (:mod:`~matcher.seating.engine`) → decode → validate, then
Dutch reasons per seat, or a diagnosis with what-ifs when no plan exists.
"""

from __future__ import annotations

import logging

import numpy as np

from matcher.seating.diagnose import diagnose
from matcher.seating.encode import Encoding, Matrices, encode
from matcher.seating.engine import Method, solve_matrices
from matcher.seating.model import evaluate
from matcher.seating.plan import SeatingPlan
from matcher.seating.problem import SeatingProblem
from matcher.seating.reasons import seat_reasons
from matcher.seating.validate import plan_violations

__all__ = ["finish_plan", "plan_seating"]

logger = logging.getLogger(__name__)


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
        ``auto`` sends plain assignments (one session, loads and demands only) to the exact
        min-cost flow and everything else to CP-SAT, started from the repaired flow plan of the
        relaxation (or the greedy plan) and never returning worse than that start; out of time or
        memory, the best plan so far comes back with a Dutch ``note``.
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
    >>> from matcher.seating.jsonio import problem_from_json
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
    return finish_plan(problem, m, enc, r, seed, with_reasons, diagnose_infeasible, scorer)


def finish_plan(
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
        note=r.get("note", ""),
        model_size=r.get("model_size", {}),
    )
    if plan.feasible:
        bad = plan_violations(problem, plan)
        if bad:  # the validator guards the solvers; this is a bug, not bad input
            raise RuntimeError("solver returned an invalid plan: " + "; ".join(bad[:5]))
        if with_reasons:
            plan.reasons = seat_reasons(problem, plan, scorer=scorer)
    elif plan.status == "infeasible" and diagnose_infeasible:
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
