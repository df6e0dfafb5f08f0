"""The seating engine on matrices only: exact min-cost flow, or CP-SAT started from a near-optimal
plan. Neither ids nor the store are seen here.

* **Plain** instances (one session, loads and demands only) go to the exact min-cost flow: its
  optimum is the LP optimum (:mod:`~matcher.seating.flow`).
* With **side constraints** (diversity, role fit, required or pinned seats, the fairness term,
  several sessions) a *start plan* is built first: on one session the flow of the relaxation
  (side constraints dropped) repaired by the greedy into a plan that keeps every constraint, and
  the plain greedy baseline; the better one is the start. CP-SAT then gets it as a complete hint
  (``AddHint``) and, when computed, the LP bound as a cut, on a model pruned to the most valuable
  candidate pairs (the start plan's pairs always stay). The result is never worse than the start:
  if the search ends below it, runs out of time before a solution, or runs out of memory, the
  start plan is returned with a Dutch note saying so.
* **Max-min fairness** (``Matrices.maxmin``) is lexicographic: first raise the worst-served table's
  relevance, then maximise the other terms with that minimum held; both steps start from the
  previous best.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from typing import Any, Literal

import numpy as np

from matcher.seating.cpsat import SolveResult, lp_bound, solve_cpsat
from matcher.seating.encode import Matrices
from matcher.seating.flow import is_plain, relaxed, solve_flow
from matcher.seating.greedy import greedy_plan
from matcher.seating.maxmin import raise_worst_table
from matcher.seating.model import (
    LinearModel,
    evaluate,
    formulate,
    table_scores,
    worst_table_bound,
)

__all__ = ["MAX_PAIRS", "Method", "prune", "solve_matrices"]

logger = logging.getLogger(__name__)

Method = Literal["auto", "cpsat", "flow", "greedy"]

#: Candidate pairs above which the CP-SAT model keeps only each guest's and each table's most
#: valuable pairs (plus the start plan's): memory grows with pairs, not guests × tables × sessions.
MAX_PAIRS = 30_000


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
    use_hint: bool = True,
    baseline: bool | None = None,
    max_pairs: int = MAX_PAIRS,
) -> dict:
    """Solve on matrices only; returns a dict with ``status``, ``x``, ``method``, ``objective``,
    ``bound``, ``greedy_x``, ``greedy_objective``, ``lp_bound``, ``wall_time``, ``note`` (Dutch,
    empty when the search ended normally) and ``model_size``.

    ``baseline`` runs the greedy baseline too (default: yes, except on the exact flow path, whose
    plan is optimal anyway). ``use_hint`` starts CP-SAT from the start plan.
    """
    t0 = time.perf_counter()
    if method == "auto":
        method = "flow" if is_plain(m) else "cpsat"
    if baseline is None:  # the flow start already has the best total on these two paths
        baseline = method != "flow" and not (
            m.maxmin and is_plain(dataclasses.replace(m, maxmin=False))
        )
    gx = greedy_plan(m) if baseline or method == "greedy" else None
    g_obj = float(evaluate(m, gx).total) if gx is not None else None
    out: dict[str, Any] = {
        "greedy_x": gx,
        "greedy_objective": g_obj,
        "lp_bound": None,
        "note": "",
        "model_size": {"pairs": m.n_pairs(), "pairs_in_model": 0, "rows": 0},
    }
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
        out["model_size"]["pairs_in_model"] = out["model_size"]["pairs"]
        out.update(status=r.status, x=r.values, method="flow", objective=r.objective, bound=r.bound)
    else:
        if with_lp:
            out["lp_bound"] = lp_bound(model if model is not None else formulate(m))
        run = _Search(m, time_limit, seed, num_workers, deterministic_time)
        out.update(run.solve(gx, model=model, use_hint=use_hint, max_pairs=max_pairs, lp=out))
    if with_lp and out["lp_bound"] is None and out["status"] != "infeasible":
        out["lp_bound"] = lp_bound(model if model is not None else formulate(m))
    out["wall_time"] = time.perf_counter() - t0
    return out


def start_plan(m: Matrices, greedy_x: np.ndarray | None) -> tuple[np.ndarray | None, str]:
    """The better of the repaired flow plan of the relaxation (one session only) and the greedy
    plan, with its method name."""
    best, how = greedy_x, "greedy"
    if m.shape[2] == 1:
        flow = solve_flow(relaxed(m))
        if flow.values is not None:
            repaired = greedy_plan(m, prefer=flow.values)
            if repaired is not None and (
                best is None or evaluate(m, repaired).total >= evaluate(m, best).total
            ):
                best, how = repaired, "flow+repair"
    if best is not None and m.maxmin and is_plain(dataclasses.replace(m, maxmin=False)):
        raised = raise_worst_table(m, best)
        if _rank(m, raised) > _rank(m, best):
            best, how = raised, how + "+maxmin"
    return best, how


def prune(m: Matrices, keep: np.ndarray | None, max_pairs: int = MAX_PAIRS) -> Matrices:
    """``m`` with at most about ``max_pairs`` candidate pairs: each guest's and each table's most
    valuable pairs, plus the pairs of ``keep`` (a plan array), pinned seats and required pairs."""
    pair = np.asarray(m.allowed & m.kept) & np.asarray(m.avail.any(axis=1))[:, None]
    G, T, _ = m.shape
    if int(pair.sum()) * m.shape[2] <= max_pairs:
        return m
    value = np.where(pair, m.seat_value().astype(float) + 1.0, -np.inf)
    per_guest = max(1, min(T, max_pairs // (2 * max(1, G))))
    per_table = max(1, min(G, max_pairs // (2 * max(1, T))))
    out = np.zeros((G, T), dtype=bool)
    top_t = np.argpartition(-value, per_guest - 1, axis=1)[:, :per_guest]
    out[np.arange(G)[:, None], top_t] = True
    top_g = np.argpartition(-value, per_table - 1, axis=0)[:per_table, :]
    out[top_g, np.arange(T)[None, :]] = True
    if keep is not None:
        out |= np.asarray(keep, dtype=bool).any(axis=2)
    for g, k in m.required.tolist():
        out[g, m.team == k] = True
    for g, t, _ in m.pinned.tolist():
        out[g, t] = True
    return dataclasses.replace(m, kept=m.kept & out & pair)


class _Search:
    """One CP-SAT search from a start plan, with its time, seed and worker settings."""

    def __init__(
        self,
        m: Matrices,
        time_limit: float,
        seed: int,
        num_workers: int,
        deterministic_time: float | None,
    ) -> None:
        self.m = m
        self.settings: dict[str, Any] = {
            "time_limit": time_limit,
            "seed": seed,
            "num_workers": num_workers,
            "deterministic_time": deterministic_time,
        }

    def solve(
        self,
        greedy_x: np.ndarray | None,
        *,
        model: LinearModel | None,
        use_hint: bool,
        max_pairs: int,
        lp: dict[str, Any],
    ) -> dict[str, Any]:
        m = self.m
        sx, how = start_plan(m, greedy_x) if use_hint else (greedy_x, "greedy")
        s_obj = float(evaluate(m, sx).total) if sx is not None else None
        if sx is not None and _maxmin_proven(m, sx):
            return {
                "status": "optimal",
                "x": sx,
                "method": "flow",
                "objective": s_obj,
                "bound": s_obj,
                "note": "",
                "model_size": {"pairs": m.n_pairs(), "pairs_in_model": m.n_pairs(), "rows": 0},
            }
        size = {"pairs": m.n_pairs(), "pairs_in_model": 0, "rows": 0}
        out: dict[str, Any] = {"model_size": size, "note": ""}
        r: SolveResult | None = None
        x = None
        try:
            if model is None:
                model = formulate(prune(m, sx, max_pairs), with_z=m.maxmin)
            size.update(pairs_in_model=model.n_x, rows=len(model.rows))
            hint = model.values_from_plan(m, sx) if (use_hint and sx is not None) else None
            cut = lp.get("lp_bound")
            r = self._maxmin(model, hint) if m.maxmin else self._run(model, hint, cut)
            if r.values is not None:
                x = model.plan_from_values(r.values)
        except MemoryError:
            logger.warning("out of memory while searching; returning the start plan")
            r = None
        obj = float(evaluate(m, x).total) if x is not None else None
        if x is not None and r is not None and (sx is None or _rank(m, x) >= _rank(m, sx)):
            pruned = size["pairs_in_model"] < size["pairs"]
            status = "feasible" if pruned else r.status
            out.update(status=status, x=x, method="cpsat", objective=obj, bound=r.bound)
            if r.status == "feasible":
                out["note"] = (
                    "tijdslimiet bereikt: het beste plan tot nu toe, niet bewezen optimaal"
                )
            elif pruned:
                out["note"] = (
                    f"optimaal op de {size['pairs_in_model']} meest waardevolle van "
                    f"{size['pairs']} mogelijke plaatsen"
                )
            return out
        if r is not None and r.status == "infeasible" and sx is None:
            if size["pairs_in_model"] == size["pairs"]:  # the whole model: a proof
                out.update(status="infeasible", x=None, method="cpsat", objective=None, bound=None)
                return out
            out.update(status="unknown", x=None, method="cpsat", objective=None, bound=None)
            out["note"] = (
                f"geen plan op de {size['pairs_in_model']} meest waardevolle van {size['pairs']} "
                "mogelijke plaatsen; verlaag de relevantiedrempel of geef meer tijd"
            )
            return out
        out.update(
            status="feasible" if sx is not None else "unknown",
            x=sx,
            method=how,
            objective=s_obj,
            bound=r.bound if r is not None else None,
        )
        if r is None:
            out["note"] = "geheugen op tijdens het zoeken: het beste plan tot nu toe"
        elif sx is not None:
            out["note"] = (
                "tijdslimiet bereikt voordat het zoeken iets beters vond: het beste plan tot nu toe"
            )
        else:
            out["note"] = "geen plan gevonden binnen de tijdslimiet"
        logger.info("start plan kept (%s): search ended at %s", how, obj)
        return out

    def _run(self, model: LinearModel, hint: np.ndarray | None, cut: float | None) -> SolveResult:
        extra = []
        if cut is not None:
            nz = np.flatnonzero(model.obj)
            extra.append((nz, model.obj[nz], None, int(np.floor(cut + 1e-6))))
        return solve_cpsat(model, hint=hint, extra_rows=extra, **self.settings)

    def _maxmin(self, model: LinearModel, hint: np.ndarray | None) -> SolveResult:
        """Raise the worst-served table first, then the other terms with that minimum held."""
        assert model.z_index is not None
        half = {**self.settings, "time_limit": self.settings["time_limit"] / 2}
        if half["deterministic_time"] is not None:
            half["deterministic_time"] = half["deterministic_time"] / 2
        only_z = np.zeros(model.n_vars, dtype=np.int64)
        only_z[model.z_index] = 1
        first = solve_cpsat(model, hint=hint, objective=only_z, **half)
        if first.values is None:
            return first
        z = int(first.values[model.z_index])
        row = (np.array([model.z_index]), np.array([1]), z, None)
        second = solve_cpsat(model, hint=first.values, extra_rows=[row], **half)
        if second.values is None:
            return dataclasses.replace(first, status="feasible")
        if first.status != "optimal" and second.status == "optimal":
            return dataclasses.replace(second, status="feasible")
        return second


def _maxmin_proven(m: Matrices, x: np.ndarray) -> bool:
    """Under max-min on an otherwise plain instance: is ``x`` (the flow optimum of the other
    terms) lexicographically optimal? It is when its worst table already reaches the upper bound
    on any plan's worst table — no plan raises that table, and none has a higher total."""
    if not m.maxmin or not is_plain(dataclasses.replace(m, maxmin=False)):
        return False
    flow = solve_flow(dataclasses.replace(m, maxmin=False))
    if flow.objective is None or evaluate(m, x).total < flow.objective:
        return False
    return (table_minimum(m, x) or 0) >= worst_table_bound(m)


def _rank(m: Matrices, x: np.ndarray) -> tuple[int, ...]:
    """How plans compare: the objective, or under max-min first the worst-served table."""
    total = evaluate(m, x).total
    return (table_minimum(m, x) or 0, total) if m.maxmin else (total,)


def table_minimum(m: Matrices, x: np.ndarray | None) -> int | None:
    """The worst-served table's relevance total (scaled), over tables that can host guests."""
    if x is None:
        return None
    scores = table_scores(m, x)
    tabs = np.flatnonzero(m.cap_max.sum(axis=1) > 0)
    return int(scores[tabs].min()) if tabs.size else None
