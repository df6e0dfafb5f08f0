"""The seating engine on matrices only: greedy baseline, exact min-cost flow or CP-SAT.

The greedy baseline runs first; if a time-limited search ends with something worse (or nothing),
the greedy plan is returned instead, so a plan is never worse than the baseline. (The greedy plan
can be given to CP-SAT as a hint, ``use_hint``; on the benchmarks that steers the single-worker
search into a worse region, so it is off by default.) Neither ids nor the store are seen here.
"""

from __future__ import annotations

import logging
import time
from typing import Literal

from matcher.seating.cpsat import lp_bound, solve_cpsat
from matcher.seating.encode import Matrices
from matcher.seating.flow import is_plain, solve_flow
from matcher.seating.greedy import greedy_plan
from matcher.seating.model import LinearModel, evaluate, formulate

__all__ = ["Method", "solve_matrices"]

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
