"""Guest loads and table demands, the exact flow, the CP-SAT search started from the flow, max-min
fairness and safe stops — checked against the LP optimum and an independent validator.

The independent validator below reads the raw JSON instance and plain seat triples; it shares no
code with :mod:`matcher.seating.validate` (nor with the problem's lookups), so the two check
each other.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matcher.seating import Seat, diagnose, plan_seating, plan_violations, problem_from_json
from matcher.seating.bench import make_instance
from matcher.seating.cpsat import lp_bound
from matcher.seating.encode import encode
from matcher.seating.engine import solve_matrices, start_plan
from matcher.seating.flow import is_plain, relaxed, solve_flow
from matcher.seating.greedy import greedy_plan
from matcher.seating.maxmin import raise_worst_table
from matcher.seating.model import (
    evaluate,
    fairness_tables,
    formulate,
    table_scores,
    worst_table_bound,
)

DATA = Path(__file__).parents[1] / "data" / "seating"
KINDS = ["company", "knowledge_institute", "ngo", "citizen_initiative", "public_body"]


# ---------------------------------------------------------------------- independent validator


def independent_violations(inst: dict[str, Any], seats: list[tuple[str, str, str]]) -> int:
    """Number of broken hard constraints of ``seats`` (session, table, guest) for the raw JSON
    instance ``inst`` (no NSOB roles)."""
    sessions = [s["id"] for s in inst["sessions"]]
    tables = {t["id"]: t for t in inst["tables"]}
    guests = {g["id"]: g for g in inst["guests"]}
    bad = 0
    seen = set()
    ok = []
    for seat in seats:
        s, t, g = seat
        if seat in seen:
            bad += 1
            continue
        seen.add(seat)
        if s not in sessions or t not in tables or g not in guests:
            bad += 1
            continue
        ok.append(seat)

    def team(t: str) -> str:
        return tables[t].get("team") or t

    def load(g: str, key: str, default: Any) -> Any:
        v = guests[g].get(key)
        if v is None:
            v = inst.get(key)
        return default if v is None else v

    def attends(g: str, s: str) -> bool:
        return "available" not in guests[g] or s in guests[g]["available"]

    forbidden = {tuple(p) for p in inst.get("forbidden", [])}
    for s, t, g in ok:
        bad += not attends(g, s)
        bad += (g, team(t)) in forbidden
    at_table = Counter((s, t) for s, t, _ in ok)
    caps = {(c["table"], c["session"]): (c["min"], c["max"]) for c in inst.get("capacity", [])}
    for t, spec in tables.items():
        for s in sessions:
            lo, hi = caps.get((t, s), (spec.get("min_guests", 0), spec.get("max_guests", 2)))
            bad += not lo <= at_table[(s, t)] <= hi
    in_session = Counter((g, s) for s, _, g in ok)
    in_total = Counter(g for _, _, g in ok)
    for g in guests:
        per_max = load(g, "max_per_session", 1)
        for s in sessions:
            n = in_session[(g, s)]
            bad += n > per_max
            bad += attends(g, s) and n < load(g, "min_per_session", 0)
        bad += in_total[g] > load(g, "max_tables", len(sessions) * per_max)
        bad += in_total[g] < load(g, "min_tables", 0)
    bad += sum(n > 1 for n in Counter((g, t) for _, t, g in ok).values())
    bad += sum(n > 1 for n in Counter((g, team(t)) for _, t, g in ok).values())
    if inst.get("diversity", {}).get("organisation", True):
        orgs = Counter((s, t, guests[g].get("organisation") or g) for s, t, g in ok)
        bad += sum(n > 1 for n in orgs.values())
    met = {(g, team(t)) for _, t, g in ok}
    bad += sum(tuple(p) not in met for p in inst.get("required", []))
    bad += sum((p["session"], p["table"], p["guest"]) not in seen for p in inst.get("pinned", []))
    return bad


# ---------------------------------------------------------------------- strategies


@st.composite
def many_to_many(draw, side: bool = False) -> dict[str, Any]:
    """One session; guests with loads, tables with demands; with ``side``, organisation
    diversity and a fairness term (so not a plain flow instance)."""
    n_g = draw(st.integers(1, 6))
    n_t = draw(st.integers(1, 5))
    tables = []
    for j in range(n_t):
        lo = draw(st.integers(0, 2))
        tables.append({"id": f"t{j}", "min_guests": lo, "max_guests": draw(st.integers(lo, 3))})
    guests = []
    for i in range(n_g):
        hi = draw(st.integers(0, 4))
        g: dict[str, Any] = {
            "id": f"g{i}",
            "organisation": f"o{draw(st.integers(0, n_g))}",
            "org_kind": draw(st.sampled_from(KINDS)),
            "max_per_session": hi,
        }
        if draw(st.booleans()):
            g["min_tables"] = draw(st.integers(0, min(hi, 1)))
        guests.append(g)
    cells = st.integers(0, 100).map(lambda v: v / 100)
    rel = draw(st.lists(st.lists(cells, min_size=n_t, max_size=n_t), min_size=n_g, max_size=n_g))
    return {
        "sessions": [{"id": "s"}],
        "tables": tables,
        "guests": guests,
        "relevance": rel,
        "diversity": {"organisation": side},
        "role_fit": False,
        "weights": {
            "relevance": 10,
            "novelty": draw(st.sampled_from([0, 150])),
            "exposure": 50,
            "fairness": draw(st.integers(1, 20)) if side else 0,
        },
    }


FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(many_to_many())
def test_flow_equals_the_lp_optimum_on_many_to_many(inst: dict[str, Any]) -> None:
    p = problem_from_json(inst)
    m, _ = encode(p)
    assert is_plain(m)
    plan = plan_seating(p, with_reasons=False, diagnose_infeasible=False)
    assert plan.method == "flow"
    lp = lp_bound(formulate(m))
    if plan.feasible:
        assert lp is not None and plan.objective == pytest.approx(lp, abs=1e-6)
        assert (
            independent_violations(inst, [(s.session, s.table, s.guest) for s in plan.seats]) == 0
        )
    else:  # the transportation LP is integral: no plan means no fractional plan either
        assert plan.status == "infeasible" and lp is None


@FAST
@given(many_to_many(side=True))
def test_search_is_never_below_its_start(inst: dict[str, Any]) -> None:
    p = problem_from_json(inst)
    m, _ = encode(p)
    start, _ = start_plan(m, greedy_plan(m))
    r = solve_matrices(m, method="cpsat", time_limit=5.0, deterministic_time=0.5)
    if start is not None:
        assert r["x"] is not None
        assert evaluate(m, r["x"]).total >= evaluate(m, start).total
        assert r["objective"] >= evaluate(m, start).total
    if r["x"] is not None:
        seats = [Seat("s", p.table_ids[t], p.guest_ids[g]) for g, t, _ in np.argwhere(r["x"])]
        assert plan_violations(p, seats) == []
        assert independent_violations(inst, [(s.session, s.table, s.guest) for s in seats]) == 0


@settings(max_examples=80, deadline=None)
@given(
    many_to_many(side=True),
    st.lists(st.tuples(st.integers(0, 5), st.integers(0, 4), st.booleans()), max_size=10),
)
def test_validator_agrees_with_an_independent_one(
    inst: dict[str, Any], picks: list[tuple[int, int, bool]]
) -> None:
    p = problem_from_json(inst)
    gs, ts = p.guest_ids, p.table_ids
    seats = [
        ("s" if ok_session else "x", ts[t % len(ts)], gs[g % len(gs)]) for g, t, ok_session in picks
    ]
    ours = plan_violations(p, [Seat(s, t, g) for s, t, g in seats])
    assert bool(ours) == (independent_violations(inst, seats) > 0), ours


# ---------------------------------------------------------------------- loads by hand


def test_one_guest_at_fifteen_tables() -> None:
    inst = {
        "sessions": [{"id": "s1"}],
        "tables": [{"id": f"t{j}", "min_guests": 1, "max_guests": 1} for j in range(15)],
        "guests": [{"id": "g", "max_per_session": 15}],
        "role_fit": False,
    }
    plan = plan_seating(problem_from_json(inst), with_reasons=False)
    assert plan.status == "optimal" and len(plan.seats) == 15
    assert {s.guest for s in plan.seats} == {"g"}


def test_guest_minimum_is_met() -> None:
    inst = {
        "sessions": [{"id": "s"}],
        "tables": [{"id": "a", "max_guests": 2}, {"id": "b", "max_guests": 2}],
        "guests": [
            {"id": "g", "max_per_session": 2, "min_tables": 2},
            {"id": "h", "max_per_session": 2},
        ],
        "relevance": [[0.0, 0.0], [0.9, 0.9]],
        "weights": {"novelty": 0, "fairness": 0},
        "role_fit": False,
    }
    plan = plan_seating(problem_from_json(inst), with_reasons=False)
    assert plan.method == "flow"
    assert sorted((s.guest, s.table) for s in plan.seats) == [
        ("g", "a"),
        ("g", "b"),
        ("h", "a"),
        ("h", "b"),
    ]


def test_infeasible_load_and_demand_is_diagnosed_in_dutch() -> None:
    p = problem_from_json(DATA / "infeasible_load.json")
    plan = plan_seating(p, with_reasons=False)
    assert plan.status == "infeasible"
    assert plan.diagnosis is not None
    assert plan.diagnosis.causes[0] == (
        "sessie 1 vraagt 9 gastplaatsen, de 4 beschikbare gasten kunnen er samen hooguit 8 innemen"
    )
    fixes = [w.kind for w in plan.diagnosis.what_ifs if w.feasible]
    assert "guests_extra_per_session" in fixes and "drop_min" in fixes


def test_guest_minimum_out_of_reach_is_diagnosed() -> None:
    p = problem_from_json(
        {
            "sessions": [{"id": "s", "name": "sessie 1"}],
            "tables": [{"id": "a", "name": "tafel A", "max_guests": 3}],
            "guests": [{"id": "g", "name": "Gea", "max_per_session": 3, "min_tables": 2}],
            "role_fit": False,
        }
    )
    d = diagnose(p)
    assert not d.feasible
    assert "Gea moet aan minimaal 2 tafels, maar kan er hooguit 1 bereiken" in d.causes[0]
    assert "drop_guest_min" in [w.kind for w in d.what_ifs]


# ---------------------------------------------------------------------- fairness


def test_maxmin_raises_the_worst_table_first() -> None:
    inst = {
        "sessions": [{"id": "s"}],
        "tables": [{"id": "a", "max_guests": 2}, {"id": "b", "max_guests": 1}],
        "guests": [{"id": "g1"}, {"id": "g2"}, {"id": "g3"}],
        "relevance": [[0.9, 0.3], [0.8, 0.2], [0.1, 0.1]],
        "role_fit": False,
    }
    weighted = plan_seating(problem_from_json(inst), with_reasons=False)
    assert ("b", "g3") in {(s.table, s.guest) for s in weighted.seats}
    fair = plan_seating(problem_from_json({**inst, "fairness": "maxmin"}), with_reasons=False)
    assert fair.status == "optimal"
    assert {(s.table, s.guest) for s in fair.seats} == {("a", "g2"), ("a", "g3"), ("b", "g1")}


@FAST
@given(many_to_many())
def test_raising_the_worst_table_keeps_the_plan_valid(inst: dict[str, Any]) -> None:
    p = problem_from_json({**inst, "fairness": "maxmin"})
    m, enc = encode(p)
    flow = solve_flow(relaxed(m))
    if flow.values is None:
        return
    raised = raise_worst_table(m, flow.values)
    seats = [(s.session, s.table, s.guest) for s in enc.decode(raised)]
    assert independent_violations(inst, seats) == 0
    tabs = fairness_tables(m)
    if tabs.size:
        before = table_scores(m, flow.values)[tabs].min()
        assert table_scores(m, raised)[tabs].min() >= before
        assert table_scores(m, raised)[tabs].min() <= worst_table_bound(m)


# ---------------------------------------------------------------------- safe stops and size


def test_out_of_time_returns_the_best_plan_so_far_in_dutch() -> None:
    p = make_instance(60, 15, 4, min_guests=2, max_guests=4, seed=0, n_orgs=40, max_tables=3)
    plan = plan_seating(p, time_limit=0.01, with_reasons=False)
    assert plan.feasible and plan_violations(p, plan) == []
    assert "het beste plan tot nu toe" in plan.note
    assert plan.objective is not None and plan.greedy_objective is not None
    assert plan.objective >= plan.greedy_objective


def test_model_size_grows_with_pairs_not_guests_times_tables() -> None:
    p = make_instance(400, 200, 1, min_guests=0, max_guests=2, seed=1, n_orgs=200)
    m, _ = encode(p)
    r = solve_matrices(m, time_limit=5.0, deterministic_time=1.0, max_pairs=5_000)
    size = r["model_size"]
    assert size["pairs"] == 80_000
    assert size["pairs_in_model"] <= 5_000 + 400  # the start plan's seats always stay
    assert r["x"] is not None and r["note"]


def test_relevance_floor_prunes_pairs_but_keeps_pins() -> None:
    inst = {
        "sessions": [{"id": "s"}],
        "tables": [{"id": "a", "max_guests": 2}, {"id": "b", "max_guests": 2}],
        "guests": [{"id": "g"}, {"id": "h"}],
        "relevance": [[0.9, 0.05], [0.02, 0.8]],
        "pinned": [{"guest": "h", "table": "a", "session": "s"}],
        "relevance_floor": 0.1,
        "role_fit": False,
    }
    m, _ = encode(problem_from_json(inst))
    assert m.n_pairs() == 3  # g-b is pruned, h-a stays pinned


def test_rotation_on_a_deterministic_budget_is_reproducible() -> None:
    p = make_instance(
        30, 8, 3, min_guests=1, max_guests=3, seed=4, n_orgs=20, availability=0.75, max_tables=2
    )
    plans = [
        plan_seating(p, time_limit=120.0, deterministic_time=0.3, with_reasons=False)
        for _ in range(2)
    ]
    assert plans[0].seats == plans[1].seats and plans[0].objective == plans[1].objective
    assert plans[0].feasible and plan_violations(p, plans[0]) == []
