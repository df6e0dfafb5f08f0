"""``verbinder bench seat``: three synthetic instances, solver against LP bound and greedy baseline.

(a) 60 guests × 15 tables × 4 sessions with rotation (every constraint family active);
(b) 300 guests × 30 tables, one session (diversity, role fit, fairness);
(c) 2,000 guests → 500 tables of 4, capacity only (the exact min-cost flow path).

For each: wall time, objective, the solver's own gap, the gap to the LP relaxation bound (scipy
HiGHS) and the greedy baseline's objective measured in the same run. Instances are generated
from a seed, so runs are comparable.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import numpy as np

from graph.model import NsobRole, OrganisationKind
from matcher.seating.cpsat import lp_bound
from matcher.seating.encode import encode
from matcher.seating.model import formulate
from matcher.seating.problem import (
    Guest,
    ObjectiveWeights,
    SeatingProblem,
    SeatingSession,
    SeatingTable,
)
from matcher.seating.solve import plan_seating
from matcher.seating.validate import plan_violations

__all__ = ["BenchRow", "bench_instances", "make_instance", "run_bench"]

_KINDS = [k.value for k in OrganisationKind if k is not OrganisationKind.OTHER]
_ROLES = [r.value for r in NsobRole]


def make_instance(
    n_guests: int,
    n_tables: int,
    n_sessions: int,
    *,
    min_guests: int,
    max_guests: int,
    seed: int = 0,
    n_orgs: int | None = None,
    availability: float = 1.0,
    met_share: float = 0.0,
    forbidden_share: float = 0.0,
    roles: bool = True,
    capacity_only: bool = False,
    max_tables: int | None = None,
    name: str = "",
) -> SeatingProblem:
    """A random but structured instance: relevance from shared latent topics plus noise.

    Examples
    --------
    >>> p = make_instance(6, 2, 2, min_guests=1, max_guests=2, seed=1)
    >>> len(p.guests), len(p.tables), p.relevance.shape
    (6, 2, (6, 2))
    """
    rng = np.random.default_rng(seed)
    sessions = tuple(SeatingSession(f"s{i + 1}", f"sessie {i + 1}") for i in range(n_sessions))
    tables = tuple(
        SeatingTable(
            id=f"t{j + 1}",
            name=f"tafel {j + 1}",
            team=f"team{j + 1}",
            team_name=f"team {j + 1}",
            min_guests=min_guests,
            max_guests=max_guests,
            roles=()
            if capacity_only or not roles
            else tuple(sorted(rng.choice(_ROLES, size=int(rng.integers(1, 3)), replace=False))),
        )
        for j in range(n_tables)
    )
    n_orgs = n_orgs or n_guests
    org_kind = rng.choice(_KINDS, size=n_orgs)
    guests = []
    for i in range(n_guests):
        o = int(rng.integers(n_orgs)) if n_orgs < n_guests else i
        avail = None
        if availability < 1.0:
            k = max(1, round(availability * n_sessions))
            avail = tuple(
                sorted(str(s) for s in rng.choice([s.id for s in sessions], size=k, replace=False))
            )
        guests.append(
            Guest(
                id=f"g{i + 1:04d}",
                name=f"gast {i + 1}",
                organisation=f"org{o + 1}",
                org_kind=str(org_kind[o]),
                available=avail,
            )
        )
    dim = 6
    gv = rng.dirichlet(np.full(dim, 0.4), size=n_guests)
    tv = rng.dirichlet(np.full(dim, 0.4), size=n_tables)
    raw = gv @ tv.T + 0.15 * rng.random((n_guests, n_tables))
    rel = (raw - raw.min()) / (raw.max() - raw.min())
    pairs = [(g.id, t.team_id) for g in guests for t in tables]
    pick = rng.random(len(pairs))
    met = frozenset(p for p, u in zip(pairs, pick, strict=True) if u < met_share)
    forb = frozenset(
        p for p, u in zip(pairs, pick, strict=True) if met_share <= u < met_share + forbidden_share
    )
    weights = (
        ObjectiveWeights(relevance=10, novelty=0, exposure=0, fairness=0)
        if capacity_only
        else ObjectiveWeights()
    )
    return SeatingProblem(
        sessions=sessions,
        tables=tables,
        guests=tuple(guests),
        relevance=rel,
        met_before=met,
        forbidden=forb,
        diversity_organisation=not capacity_only,
        role_fit=not capacity_only,
        max_tables=max_tables,
        weights=weights,
        name=name,
    )


def bench_instances(seed: int = 0) -> dict[str, SeatingProblem]:
    """The three benchmark instances (a), (b), (c)."""
    return {
        "(a) 60×15×4 rotatie": make_instance(
            60, 15, 4, min_guests=2, max_guests=4, seed=seed, n_orgs=40, availability=0.75,
            met_share=0.1, forbidden_share=0.03, max_tables=3, name="a",
        ),
        "(b) 300×30×1": make_instance(
            300, 30, 1, min_guests=6, max_guests=8, seed=seed + 1, n_orgs=150,
            met_share=0.1, forbidden_share=0.02, name="b",
        ),
        "(c) 2000→500×4 capaciteit": make_instance(
            2000, 500, 1, min_guests=0, max_guests=4, seed=seed + 2, capacity_only=True, name="c",
        ),
    }  # fmt: skip


@dataclass(kw_only=True)
class BenchRow:
    """One benchmark line."""

    instance: str
    method: str
    status: str
    seconds: float
    objective: float | None
    solver_gap: float | None
    lp_bound: float | None
    lp_gap: float | None
    greedy: float | None
    greedy_seconds: float
    valid: bool
    not_worse: bool

    def as_dict(self) -> dict[str, Any]:
        return dict(vars(self))


def run_bench(
    *, seed: int = 0, time_limits: dict[str, float] | None = None, num_workers: int = 1,
    only: str | None = None,
) -> list[BenchRow]:  # fmt: skip
    """Solve each instance, its LP relaxation and the greedy baseline; validate every plan."""
    limits = {"a": 8.0, "b": 25.0, "c": 60.0, **(time_limits or {})}
    # warm up: module imports are a one-off cost of the process, not of a solve
    import ortools.graph.python.min_cost_flow
    import ortools.sat.python.cp_model  # noqa: F401
    import scipy.optimize  # noqa: F401

    rows = []
    for label, problem in bench_instances(seed).items():
        if only and problem.name != only:
            continue
        t0 = time.perf_counter()
        greedy = plan_seating(
            problem, method="greedy", with_reasons=False, diagnose_infeasible=False
        )
        g_sec = time.perf_counter() - t0
        t0 = time.perf_counter()
        plan = plan_seating(
            problem,
            time_limit=limits[problem.name],
            seed=seed,
            num_workers=num_workers,
            with_reasons=False,
            diagnose_infeasible=False,
        )
        sec = time.perf_counter() - t0
        m, _ = encode(problem)
        lp = lp_bound(formulate(m))
        plan.lp_bound = lp
        valid = plan.feasible and not plan_violations(problem, plan)
        g_valid = greedy.feasible and not plan_violations(problem, greedy)
        rows.append(
            BenchRow(
                instance=label,
                method=plan.method,
                status=plan.status,
                seconds=sec,
                objective=plan.objective,
                solver_gap=plan.gap,
                lp_bound=lp,
                lp_gap=plan.lp_gap,
                greedy=greedy.objective if g_valid else None,
                greedy_seconds=g_sec,
                valid=valid,
                not_worse=greedy.objective is None
                or (plan.objective is not None and plan.objective >= greedy.objective),
            )
        )
    return rows
