"""Solve a :class:`~matcher.seating.model.LinearModel` with OR-Tools CP-SAT (matrices only).

Deterministic for a seed: the search runs with a fixed number of workers and, with more than one,
``interleave_search`` (CP-SAT's deterministic parallel mode). A wall-clock ``time_limit`` can cut
the search before the proof; ``deterministic_time`` limits it in CP-SAT's own work units instead,
which keeps results reproducible on a loaded machine.
"""

from __future__ import annotations

import time
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from matcher.seating.model import LinearModel

__all__ = ["SolveResult", "lp_bound", "solve_cpsat"]


@dataclass(kw_only=True)
class SolveResult:
    """Outcome of one solve: ``status`` is optimal, feasible, infeasible or unknown."""

    status: str
    values: np.ndarray | None
    objective: float | None
    bound: float | None
    wall_time: float
    core: list[tuple[Hashable, ...]] = field(default_factory=list)

    @property
    def gap(self) -> float | None:
        """Relative gap ``(bound − objective) / max(1, |bound|)``; 0 when proven optimal."""
        if self.objective is None or self.bound is None:
            return None
        return max(0.0, (self.bound - self.objective) / max(1.0, abs(self.bound)))


def solve_cpsat(
    model: LinearModel,
    *,
    time_limit: float = 10.0,
    seed: int = 0,
    num_workers: int = 1,
    deterministic_time: float | None = None,
    hint: np.ndarray | None = None,
    switchable: Iterable[str] = (),
    extra_rows: Iterable[tuple[np.ndarray, np.ndarray, int | None, int | None]] = (),
    objective: np.ndarray | None = None,
    interleave: bool | None = None,
    assume: Iterable[tuple[Hashable, ...]] | None = None,
) -> SolveResult:
    """Maximise ``model.obj`` (or ``objective``) subject to the model's rows.

    Parameters
    ----------
    switchable : iterable of str
        Constraint families (the first element of a row's group) that get an enforcement literal
        per group; the solve then assumes every literal and, if infeasible, ``core`` lists a set of
        groups that together cannot hold (CP-SAT's sufficient assumptions).
    extra_rows : iterable of (idx, coef, lo, hi)
        Additional rows, e.g. a bound on the number of changes when re-planning.
    objective : array, optional
        Replaces ``model.obj``.
    assume : iterable of groups, optional
        With ``switchable``: assume only these groups (the other switchable groups are dropped).
    """
    from ortools.sat.python import cp_model

    cp, xs, literals = _build(model, switchable, extra_rows, objective)
    if hint is not None:
        for i, v in enumerate(np.asarray(hint).tolist()):
            cp.add_hint(xs[i], int(v))
    if literals:
        chosen = literals if assume is None else {g: literals[g] for g in assume if g in literals}
        cp.add_assumptions(list(chosen.values()))

    solver = cp_model.CpSolver()
    p = solver.parameters
    p.max_time_in_seconds = float(time_limit)
    p.random_seed = int(seed)
    p.num_workers = max(1, int(num_workers))
    if num_workers > 1 and (interleave is None or interleave):
        p.interleave_search = True
    if deterministic_time is not None:
        p.max_deterministic_time = float(deterministic_time)
    if literals:
        p.num_workers = 1
    t0 = time.perf_counter()
    status = solver.solve(cp)
    wall = time.perf_counter() - t0
    name = {
        cp_model.OPTIMAL: "optimal",
        cp_model.FEASIBLE: "feasible",
        cp_model.INFEASIBLE: "infeasible",
        cp_model.MODEL_INVALID: "invalid",
    }.get(status, "unknown")
    if name == "invalid":  # pragma: no cover - a bug in the formulation
        raise RuntimeError(f"CP-SAT rejected the model: {cp.validate()}")
    core: list[tuple[Hashable, ...]] = []
    if name == "infeasible" and literals:
        by_index = {lit.index: g for g, lit in literals.items()}
        core = [
            by_index[i] for i in solver.sufficient_assumptions_for_infeasibility() if i in by_index
        ]
    if name in ("optimal", "feasible"):
        values = np.array([solver.value(v) for v in xs], dtype=np.int64)
        return SolveResult(
            status=name,
            values=values,
            objective=float(solver.objective_value),
            bound=float(solver.best_objective_bound),
            wall_time=wall,
        )
    return SolveResult(
        status=name, values=None, objective=None, bound=None, wall_time=wall, core=core
    )


def _build(
    model: LinearModel,
    switchable: Iterable[str],
    extra_rows: Iterable[tuple[np.ndarray, np.ndarray, int | None, int | None]],
    objective: np.ndarray | None,
) -> tuple[Any, list[Any], dict[tuple[Hashable, ...], Any]]:
    """The CP-SAT model: variables, rows (switchable ones behind a literal per group), objective."""
    from ortools.sat.python import cp_model

    cp = cp_model.CpModel()
    xs = [
        cp.new_int_var(int(lo), int(hi), f"v{i}")
        for i, (lo, hi) in enumerate(zip(model.lb.tolist(), model.ub.tolist(), strict=True))
    ]
    switch = set(switchable)
    literals: dict[tuple[Hashable, ...], Any] = {}

    def add_row(
        idx: np.ndarray, coef: np.ndarray, lo: int | None, hi: int | None, lit=None
    ) -> None:
        if idx.size == 0:
            if (lo is None or lo <= 0) and (hi is None or hi >= 0):
                return
            if lit is not None:
                cp.add_bool_or([~lit])
            else:
                cp.add_bool_or([cp.new_constant(0)])
            return
        expr = cp_model.LinearExpr.weighted_sum([xs[i] for i in idx.tolist()], coef.tolist())
        cons = []
        if lo is not None and hi is not None and lo == hi:
            cons.append(cp.add(expr == lo))
        else:
            if lo is not None:
                cons.append(cp.add(expr >= lo))
            if hi is not None:
                cons.append(cp.add(expr <= hi))
        if lit is not None:
            for c in cons:
                c.only_enforce_if(lit)

    for row in model.rows:
        lit = None
        if row.group[0] in switch:
            lit = literals.get(row.group)
            if lit is None:
                lit = cp.new_bool_var("on:" + ":".join(map(str, row.group)))
                literals[row.group] = lit
        add_row(row.idx, row.coef, row.lo, row.hi, lit)
    for idx, coef, lo, hi in extra_rows:
        add_row(np.asarray(idx, np.int64), np.asarray(coef, np.int64), lo, hi)
    obj = model.obj if objective is None else objective
    nz = np.flatnonzero(obj)
    cp.maximize(cp_model.LinearExpr.weighted_sum([xs[i] for i in nz.tolist()], obj[nz].tolist()))
    return cp, xs, literals


def lp_bound(model: LinearModel, objective: np.ndarray | None = None) -> float | None:
    """Optimal value of the LP relaxation (scipy HiGHS): an upper bound on the objective.

    Dual simplex up to 200,000 variables, interior point (with crossover) above that, which is
    several times faster on large degenerate assignment LPs.

    ``None`` when the relaxation is infeasible.
    """
    import scipy.sparse as sp
    from scipy.optimize import linprog

    obj = model.obj if objective is None else objective
    n = model.n_vars
    if n == 0:  # nothing to choose: feasible exactly when every row holds at zero
        holds = all((r.lo is None or r.lo <= 0) and (r.hi is None or r.hi >= 0) for r in model.rows)
        return 0.0 if holds else None
    ub_r, ub_c, ub_v, ub_b = [], [], [], []
    eq_r, eq_c, eq_v, eq_b = [], [], [], []
    n_ub = n_eq = 0
    for row in model.rows:
        if row.lo is not None and row.hi is not None and row.lo == row.hi:
            eq_r.append(np.full(row.idx.size, n_eq))
            eq_c.append(row.idx)
            eq_v.append(row.coef)
            eq_b.append(row.lo)
            n_eq += 1
            continue
        if row.hi is not None:
            ub_r.append(np.full(row.idx.size, n_ub))
            ub_c.append(row.idx)
            ub_v.append(row.coef)
            ub_b.append(row.hi)
            n_ub += 1
        if row.lo is not None:
            ub_r.append(np.full(row.idx.size, n_ub))
            ub_c.append(row.idx)
            ub_v.append(-row.coef)
            ub_b.append(-row.lo)
            n_ub += 1

    def mat(r, c, v, m):
        if not m:
            return None
        return sp.csr_matrix(
            (np.concatenate(v).astype(float), (np.concatenate(r), np.concatenate(c))), shape=(m, n)
        )

    res = linprog(
        -np.asarray(obj, dtype=float),
        A_ub=mat(ub_r, ub_c, ub_v, n_ub),
        b_ub=np.array(ub_b, dtype=float) if n_ub else None,
        A_eq=mat(eq_r, eq_c, eq_v, n_eq),
        b_eq=np.array(eq_b, dtype=float) if n_eq else None,
        bounds=np.column_stack([model.lb, model.ub]).astype(float),
        method="highs-ipm" if n > 200_000 else "highs",
    )
    if res.status != 0:
        return None
    return float(-res.fun)
