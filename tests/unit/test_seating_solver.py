"""Seating solvers on hand-checkable instances: exact plans, objectives and bounds."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from matcher.seating import Seat, is_valid_plan, plan_seating, problem_from_json
from matcher.seating.cpsat import lp_bound, solve_cpsat
from matcher.seating.encode import encode
from matcher.seating.flow import is_plain, solve_flow
from matcher.seating.greedy import greedy_plan
from matcher.seating.model import evaluate, formulate

DATA = Path(__file__).parents[1] / "data" / "seating"


def seats(plan) -> list[tuple[str, str, str]]:
    return [(s.session, s.table, s.guest) for s in plan.seats]


@pytest.mark.parametrize(
    ("name", "expected", "objective"),
    [
        # relevance ties g1→a + g3→b against g2→a + g1→b (150 each); fairness lifts the worst table
        # (min 60 vs min 70), so the second wins: 1500 + 2·150 novelty + 10·70 fairness.
        ("hand_fairness", [("s", "a", "g2"), ("s", "b", "g1")], 2500),
        # h only in s2; g visits each team once; a gets g then h: 2200 + 450 + 100 + 500.
        ("hand_rotation", [("s1", "a", "g"), ("s2", "a", "h"), ("s2", "b", "g")], 3250),
        # A studies 'responsief': only g3 (citizen initiative) suits; g1 and g2 share an
        # organisation, so they split; g2 with g3 gives the better worst table (80 vs 70).
        ("hand_diversity_role", [("s", "a", "g2"), ("s", "a", "g3"), ("s", "b", "g1")], 2950),
    ],
)
def test_exact_plans(name: str, expected: list[tuple[str, str, str]], objective: int) -> None:
    p = problem_from_json(DATA / f"{name}.json")
    plan = plan_seating(p, with_reasons=False)
    assert plan.status == "optimal"
    assert seats(plan) == expected
    assert plan.objective == objective
    assert plan.terms["total"] == objective
    assert plan.gap == 0.0
    assert is_valid_plan(p, plan)


def test_objective_terms_of_rotation() -> None:
    p = problem_from_json(DATA / "hand_rotation.json")
    plan = plan_seating(p, with_reasons=False)
    assert plan.terms == {
        "relevance": 2200,
        "novelty": 450,
        "exposure": 100,
        "fairness": 500,
        "total": 3250,
    }


def test_cpsat_objective_matches_evaluate_and_lp_bounds_it() -> None:
    p = problem_from_json(DATA / "hand_diversity_role.json")
    m, _ = encode(p)
    model = formulate(m)
    r = solve_cpsat(model, time_limit=5)
    x = model.plan_from_values(r.values)
    assert r.status == "optimal"
    assert r.objective == evaluate(m, x).total == 2950
    lp = lp_bound(model)
    assert lp is not None and lp >= 2950 - 1e-6


def test_flow_path_equals_cpsat_and_lp_on_plain_instance() -> None:
    rng = np.random.default_rng(3)
    rel = np.round(rng.random((12, 4)), 2).tolist()
    p = problem_from_json(
        {
            "sessions": [{"id": "s"}],
            "tables": [{"id": f"t{j}", "min_guests": 1, "max_guests": 2} for j in range(4)],
            "guests": [{"id": f"g{i}"} for i in range(12)],
            "relevance": rel,
            "role_fit": False,
            "weights": {"fairness": 0, "novelty": 0},
        }
    )
    m, _ = encode(p)
    assert is_plain(m)
    flow = solve_flow(m)
    model = formulate(m)
    cp = solve_cpsat(model, time_limit=10)
    assert flow.status == cp.status == "optimal"
    assert flow.objective == cp.objective
    assert lp_bound(model) == pytest.approx(flow.objective)
    auto = plan_seating(p, with_reasons=False)
    assert auto.method == "flow"
    assert auto.objective == flow.objective
    assert is_valid_plan(p, auto)


def test_flow_reports_unmet_minimum_as_infeasible() -> None:
    p = problem_from_json(
        {
            "sessions": [{"id": "s"}],
            "tables": [{"id": "t", "min_guests": 2, "max_guests": 2}],
            "guests": [{"id": "g"}],
            "weights": {"fairness": 0},
        }
    )
    m, _ = encode(p)
    assert solve_flow(m).status == "infeasible"


def test_not_plain_when_diversity_or_fairness_matter() -> None:
    base = {
        "sessions": [{"id": "s"}],
        "tables": [{"id": "t", "max_guests": 2}],
        "guests": [{"id": "g", "organisation": "o"}, {"id": "h", "organisation": "o"}],
        "weights": {"fairness": 0},
    }
    assert not is_plain(encode(problem_from_json(base))[0])
    assert is_plain(encode(problem_from_json({**base, "diversity": {"organisation": False}}))[0])
    assert not is_plain(
        encode(problem_from_json({**base, "diversity": {"organisation": False}, "weights": {}}))[0]
    )


def test_greedy_respects_pins_and_required() -> None:
    p = problem_from_json(
        {
            "sessions": [{"id": "s"}],
            "tables": [{"id": "a", "max_guests": 1}, {"id": "b", "max_guests": 1}],
            "guests": [{"id": "g"}, {"id": "h"}],
            "relevance": [[0.9, 0.1], [0.8, 0.2]],
            "pinned": [{"guest": "h", "table": "a", "session": "s"}],
        }
    )
    m, enc = encode(p)
    assert enc.decode(greedy_plan(m)) == [Seat("s", "a", "h"), Seat("s", "b", "g")]
    plan = plan_seating(p, with_reasons=False)
    assert seats(plan) == [("s", "a", "h"), ("s", "b", "g")]


def test_forbidden_and_unavailable_seats_are_never_used() -> None:
    p = problem_from_json(
        {
            "sessions": [{"id": "s1"}, {"id": "s2"}],
            "tables": [{"id": "a", "team": "A", "max_guests": 2}],
            "guests": [{"id": "g"}, {"id": "h", "available": ["s2"]}, {"id": "i"}],
            "relevance": [[1.0], [1.0], [1.0]],
            "forbidden": [["i", "A"]],
        }
    )
    plan = plan_seating(p, with_reasons=False)
    assert ("s1", "a", "h") not in seats(plan)
    assert all(s.guest != "i" for s in plan.seats)
    assert ("s2", "a", "h") in seats(plan)
    assert [s.guest for s in plan.seats].count("g") == 1  # team A meets g only once


def test_greedy_method_and_infeasible_plan_have_no_seats() -> None:
    p = problem_from_json(DATA / "infeasible_diversity.json")
    plan = plan_seating(p, with_reasons=False, diagnose_infeasible=False)
    assert plan.status == "infeasible" and plan.seats == [] and plan.diagnosis is None
    q = problem_from_json(DATA / "hand_fairness.json")
    g = plan_seating(q, method="greedy", with_reasons=False)
    assert g.method == "greedy" and is_valid_plan(q, g)
    assert g.objective == g.greedy_objective
