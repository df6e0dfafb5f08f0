"""Exact path for plain capacity-constrained assignment: OR-Tools min-cost flow.

When an instance has one session, no diversity clashes, no role requirement, no required or
pinned seats and no fairness term, seating is a transportation problem (guests with loads → tables
with demands); its LP is totally unimodular, so the min-cost flow optimum *is* the LP optimum.
That is far faster than CP-SAT at thousands of guests, and its memory grows with the candidate
pairs only.

Network: source → guest (capacity: the guest's load) → table (capacity 1, cost −value) → sink; a
guest's unused load goes straight to the sink (cost 0) except its minimum, which must pass through
tables. Each table's minimum is an arc of capacity ``min`` with a large negative cost, so a flow
that can meet every minimum does; if it does not, the instance is infeasible.

:func:`relaxed` drops the side constraints of any one-session instance, so the flow plan of the
relaxation can seed the CP-SAT search (:mod:`matcher.seating.engine`).
"""

from __future__ import annotations

import dataclasses
import time

import numpy as np

from matcher.seating.cpsat import SolveResult
from matcher.seating.encode import Matrices
from matcher.seating.model import evaluate

__all__ = ["guest_loads", "is_plain", "relaxed", "solve_flow"]


def is_plain(m: Matrices) -> bool:
    """True when ``m`` is a plain capacity-constrained assignment (see the module docstring)."""
    G, T, S = m.shape
    if S != 1 or m.weights[3] != 0 or m.maxmin:
        return False
    if m.needs_fit.any() or m.required.size or m.pinned.size:
        return False
    if (m.session_max > 1).any() and np.unique(m.team).size < T:
        return False  # a guest could meet a team at two of its tables
    if m.div_org and np.unique(m.org).size < G:
        return False
    return not (m.div_kind and np.unique(m.kind).size < G)


def relaxed(m: Matrices) -> Matrices:
    """``m`` without side constraints and fairness term: a plain instance when it has one session."""
    return dataclasses.replace(
        m,
        needs_fit=np.zeros(m.shape[1], dtype=bool),
        required=np.zeros((0, 2), dtype=np.int64),
        pinned=np.zeros((0, 3), dtype=np.int64),
        team=np.arange(m.shape[1], dtype=np.int64),
        fit=np.zeros((m.shape[0], m.shape[1]), dtype=bool),
        div_org=False,
        div_kind=False,
        weights=(*m.weights[:3], 0),
        maxmin=False,
    )


def guest_loads(m: Matrices) -> tuple[np.ndarray, np.ndarray]:
    """Fewest and most seats per guest in a one-session instance."""
    avail = m.avail[:, 0]
    hi = np.where(avail, np.minimum(m.guest_max, m.session_max), 0)
    lo = np.maximum(m.guest_min, np.where(avail, m.session_min, 0))
    return lo, hi


def solve_flow(m: Matrices) -> SolveResult:
    """Optimal plan of a plain instance by min-cost flow; ``values`` is the plan array (G, T, 1).

    Examples
    --------
    >>> from matcher.seating.jsonio import problem_from_json
    >>> from matcher.seating.encode import encode
    >>> m, _ = encode(problem_from_json({"sessions": [{"id": "s"}],
    ...     "tables": [{"id": "a", "max_guests": 1}, {"id": "b", "max_guests": 1}],
    ...     "guests": [{"id": "g"}, {"id": "h"}], "relevance": [[0.9, 0.8], [0.8, 0.1]],
    ...     "weights": {"fairness": 0, "novelty": 0}}))
    >>> r = solve_flow(m)
    >>> r.status, r.objective, np.argwhere(r.values[:, :, 0]).tolist()
    ('optimal', 1600.0, [[0, 1], [1, 0]])
    """
    from ortools.graph.python import min_cost_flow

    if not is_plain(m):
        raise ValueError("solve_flow needs a plain assignment instance (see is_plain)")
    t0 = time.perf_counter()
    G, T, _ = m.shape
    value = m.seat_value()
    g_lo, g_hi = guest_loads(m)
    if (g_lo > g_hi).any():
        return _nothing("infeasible", t0)
    gi, ti = np.nonzero(m.candidates()[:, :, 0] & (g_hi > 0)[:, None])
    lo = m.cap_min[:, 0]
    hi = m.cap_max[:, 0]
    big = int(value.max(initial=0)) * (int(hi.sum()) + 1) + 1
    src, snk = G + T, G + T + 1
    guests, tables = np.arange(G), G + np.arange(T)
    tails = np.concatenate([np.full(G, src), gi, guests, tables, tables])
    heads = np.concatenate([guests, G + ti, np.full(G, snk), np.full(T, snk), np.full(T, snk)])
    caps = np.concatenate([g_hi, np.ones(gi.size), g_hi - g_lo, lo, hi - lo])
    costs = np.concatenate(
        [np.zeros(G), -value[gi, ti], np.zeros(G), np.full(T, -big), np.zeros(T)]
    )
    f = min_cost_flow.SimpleMinCostFlow()
    f.add_arcs_with_capacity_and_unit_cost(
        tails.astype(np.int32),
        heads.astype(np.int32),
        caps.astype(np.int64),
        costs.astype(np.int64),
    )
    supplies = np.zeros(G + T + 2, dtype=np.int64)
    supplies[src], supplies[snk] = int(g_hi.sum()), -int(g_hi.sum())
    f.set_nodes_supplies(np.arange(G + T + 2, dtype=np.int32), supplies)
    status = f.solve()
    if status == f.INFEASIBLE:  # the guests' minimums cannot all pass through tables
        return _nothing("infeasible", t0)
    if status != f.OPTIMAL:  # pragma: no cover - bad input to the flow, not a property of it
        return _nothing("unknown", t0)
    flows = f.flows(np.arange(tails.size, dtype=np.int32))
    min_flow = flows[G + gi.size + G : G + gi.size + G + T]
    if (min_flow < lo).any():
        return _nothing("infeasible", t0)
    seat_flow = flows[G : G + gi.size] > 0
    x = np.zeros((G, T, 1), dtype=bool)
    x[gi[seat_flow], ti[seat_flow], 0] = True
    obj = float(evaluate(m, x).total)
    return SolveResult(
        status="optimal", values=x, objective=obj, bound=obj, wall_time=time.perf_counter() - t0
    )


def _nothing(status: str, t0: float) -> SolveResult:
    return SolveResult(
        status=status, values=None, objective=None, bound=None, wall_time=time.perf_counter() - t0
    )
