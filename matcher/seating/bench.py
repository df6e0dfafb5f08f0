"""``verbinder bench seat``: synthetic instances shaped like the peers' benchmarks, each against its
LP optimum (scipy HiGHS) measured in the same run.

(a) 60 guests × 15 tables × 4 sessions with rotation (every constraint family active);
(b) 300 guests × 30 tables, one session (diversity, role fit, fairness);
(c) 2,000 guests → 500 tables of 4, capacity only (the exact min-cost flow path);
(d) the same with the default objective terms and organisation diversity (CP-SAT from the flow);
(e) many-to-many: 2,000 tables that each need 3 guests, 500 guests at up to 15 tables (flow);
(f) the same with max-min fairness.

Per instance: wall time, objective and its share of the LP optimum, the worst and 10th-percentile
table's relevance total, validity by the validator, model size (candidate seats, seats in the model,
rows) and the peak resident memory of the process that solved it. Instances come from a seed.
"""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass
from typing import Any

import numpy as np

from graph.model import NsobRole, OrganisationKind
from matcher.seating.cpsat import lp_bound
from matcher.seating.encode import RELEVANCE_SCALE, encode
from matcher.seating.model import fairness_tables, formulate, table_scores
from matcher.seating.problem import (
    Guest,
    ObjectiveWeights,
    SeatingProblem,
    SeatingSession,
    SeatingTable,
)
from matcher.seating.solve import plan_seating
from matcher.seating.validate import plan_violations

__all__ = [
    "TIME_LIMITS",
    "BenchRow",
    "bench_instances",
    "make_instance",
    "run_bench",
    "run_case",
]

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
    """The benchmark instances, by letter.

    (a) 60×15×4 rotation (every constraint family); (b) 300×30×1; (c) 2,000 → 500 tables of 4,
    capacity only; (d) the same with the default objective terms and organisation diversity;
    (e) many-to-many: 2,000 tables that each need 3 guests, 500 guests at up to 15 tables;
    (f) the same with max-min fairness.
    """
    one_seat = make_instance(
        2000,
        500,
        1,
        min_guests=0,
        max_guests=4,
        seed=seed + 2,
        capacity_only=True,
        name="c",
    )
    many = make_instance(
        500,
        2000,
        1,
        min_guests=3,
        max_guests=3,
        seed=seed + 3,
        capacity_only=True,
        name="e",
    )
    many = dataclasses.replace(many, max_tables=15, max_per_session=15)
    return {
        "a": make_instance(
            60, 15, 4, min_guests=2, max_guests=4, seed=seed, n_orgs=40, availability=0.75,
            met_share=0.1, forbidden_share=0.03, max_tables=3, name="(a) 60×15×4 rotatie",
        ),
        "b": make_instance(
            300, 30, 1, min_guests=6, max_guests=8, seed=seed + 1, n_orgs=150,
            met_share=0.1, forbidden_share=0.02, name="(b) 300×30×1",
        ),
        "c": dataclasses.replace(one_seat, name="(c) 2000→500×4 capaciteit"),
        "d": dataclasses.replace(
            one_seat, name="(d) 2000→500×4 standaardtermen", weights=ObjectiveWeights(),
            diversity_organisation=True,
            guests=tuple(
                dataclasses.replace(g, organisation=f"org{i // 2 + 1}")
                for i, g in enumerate(one_seat.guests)
            ),
        ),
        "e": dataclasses.replace(many, name="(e) 2000 tafels×3, 500 gasten×15"),
        "f": dataclasses.replace(many, name="(f) idem, max-min", fairness="maxmin"),
    }  # fmt: skip


#: Time limits (seconds) per instance; (a) runs on a deterministic budget of that many CP-SAT work
#: units (reproducible on a loaded machine) with four times as much wall-clock time as a safety net.
TIME_LIMITS = {"a": 8.0, "b": 25.0, "c": 60.0, "d": 20.0, "e": 60.0, "f": 20.0}


@dataclass(kw_only=True)
class BenchRow:
    """One benchmark line. Table scores are relevance totals per table (0…guests per table)."""

    instance: str
    method: str
    status: str
    seconds: float
    objective: float | None
    solver_gap: float | None
    lp_bound: float | None
    lp_gap: float | None
    lp_seconds: float
    greedy: float | None
    valid: bool
    not_worse: bool
    min_table: float | None
    p10_table: float | None
    lp_maxmin: float | None
    pairs: int
    pairs_in_model: int
    rows: int
    peak_mb: float
    note: str

    @property
    def pct_lp(self) -> float | None:
        """Objective as a share of the LP optimum (bound)."""
        if self.objective is None or not self.lp_bound:
            return None
        return self.objective / self.lp_bound

    def as_dict(self) -> dict[str, Any]:
        return {**vars(self), "pct_lp": self.pct_lp}


def run_case(key: str, problem: SeatingProblem, *, seed: int, num_workers: int) -> BenchRow:
    """Solve one instance, then its LP relaxation (the baseline of the same run); validate."""
    import resource

    limit = TIME_LIMITS[key]
    t0 = time.perf_counter()
    plan = plan_seating(
        problem,
        time_limit=4 * limit if key == "a" else limit,
        deterministic_time=limit if key == "a" else None,  # (a) is reproducible
        seed=seed,
        num_workers=num_workers,
        with_reasons=False,
        diagnose_infeasible=False,
    )
    sec = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    m, enc = encode(problem)
    t0 = time.perf_counter()
    model = formulate(m, with_z=m.maxmin)
    lp = lp_bound(model)
    lp_maxmin = None
    if m.maxmin and model.z_index is not None:
        only_z = np.zeros(model.n_vars)
        only_z[model.z_index] = 1.0
        z = lp_bound(model, objective=only_z)
        lp_maxmin = None if z is None else z / RELEVANCE_SCALE
    lp_sec = time.perf_counter() - t0
    plan.lp_bound = lp
    x = enc.encode_seats(plan.seats)
    scores = table_scores(m, x)[fairness_tables(m)] / RELEVANCE_SCALE
    g = plan.greedy_objective
    return BenchRow(
        instance=problem.name,
        method=plan.method,
        status=plan.status,
        seconds=sec,
        objective=plan.objective,
        solver_gap=plan.gap,
        lp_bound=lp,
        lp_gap=plan.lp_gap,
        lp_seconds=lp_sec,
        greedy=g,
        valid=plan.feasible and not plan_violations(problem, plan),
        not_worse=g is None or (plan.objective is not None and plan.objective >= g),
        min_table=float(scores.min()) if scores.size else None,
        p10_table=float(np.percentile(scores, 10)) if scores.size else None,
        lp_maxmin=lp_maxmin,
        pairs=plan.model_size.get("pairs", 0),
        pairs_in_model=plan.model_size.get("pairs_in_model", 0),
        rows=plan.model_size.get("rows", 0),
        peak_mb=peak,
        note=plan.note,
    )


def _child(key: str, seed: int, num_workers: int, queue: Any) -> None:
    problem = bench_instances(seed)[key]
    queue.put(run_case(key, problem, seed=seed, num_workers=num_workers).as_dict())


def run_bench(
    *, seed: int = 0, num_workers: int = 1, only: str | None = None, isolate: bool = True,
) -> list[BenchRow]:  # fmt: skip
    """Run the instances (``only``: a string of letters, e.g. ``"ade"``).

    With ``isolate`` each instance runs in a fresh process, so ``peak_mb`` is that instance's own
    peak resident memory (including the solver's native allocations).
    """
    import multiprocessing as mp

    keys = [k for k in bench_instances(seed) if only is None or k in only]
    rows = []
    for key in keys:
        if not isolate:
            rows.append(
                run_case(key, bench_instances(seed)[key], seed=seed, num_workers=num_workers)
            )
            continue
        ctx = mp.get_context("fork")
        queue = ctx.Queue()
        proc = ctx.Process(target=_child, args=(key, seed, num_workers, queue))
        proc.start()
        data = queue.get()
        proc.join()
        data.pop("pct_lp")
        rows.append(BenchRow(**data))
    return rows
