"""The validator on its own: each hard constraint broken once, with the exact message."""

from __future__ import annotations

import pytest

from matcher.seating import Seat, is_valid_plan, plan_violations, problem_from_json

BASE = {
    "sessions": [{"id": "s1"}, {"id": "s2"}],
    "tables": [
        {"id": "a", "team": "A", "min_guests": 0, "max_guests": 2, "roles": []},
        {"id": "b", "team": "B", "min_guests": 0, "max_guests": 2},
    ],
    "guests": [
        {"id": "g", "organisation": "o1", "org_kind": "company"},
        {"id": "h", "organisation": "o1", "org_kind": "ngo"},
        {"id": "i", "organisation": "o2", "org_kind": "company", "available": ["s1"]},
        {"id": "j", "organisation": "o3", "org_kind": "ngo", "max_tables": 1},
    ],
}


def problem(**changes):
    return problem_from_json({**BASE, **changes})


def test_a_good_plan_has_no_violations() -> None:
    p = problem()
    plan = [Seat("s1", "a", "g"), Seat("s1", "b", "h"), Seat("s2", "a", "h"), Seat("s1", "a", "i")]
    assert plan_violations(p, plan) == []
    assert is_valid_plan(p, plan)


@pytest.mark.parametrize(
    ("changes", "plan", "message"),
    [
        ({}, [Seat("s1", "a", "g"), Seat("s1", "a", "g")], "dubbele plaats: g aan a in s1"),
        ({}, [Seat("s1", "x", "g")], "plaats g/x/s1: onbekende tafel 'x'"),
        ({}, [Seat("s2", "a", "i")], "gast i is niet beschikbaar in sessie s2"),
        (
            {"forbidden": [["g", "A"]]},
            [Seat("s1", "a", "g")],
            "gast g mag niet aan tafel bij team A (belangenconflict)",
        ),
        (
            {"capacity": [{"table": "a", "session": "s1", "min": 1, "max": 1}]},
            [Seat("s1", "a", "g"), Seat("s1", "a", "i")],
            "tafel a in sessie s1: 2 gasten, maximaal 1",
        ),
        (
            {"capacity": [{"table": "b", "session": "s2", "min": 1, "max": 2}]},
            [],
            "tafel b in sessie s2: 0 gasten, minimaal 1",
        ),
        (
            {},
            [Seat("s1", "a", "g"), Seat("s1", "b", "g")],
            "gast g zit in sessie s1 aan 2 tafels, maximaal 1",
        ),
        (
            {"max_per_session": 2, "tables": [*BASE["tables"], {"id": "c", "team": "C"}]},
            [Seat("s1", "a", "g"), Seat("s1", "b", "g"), Seat("s1", "c", "g")],
            "gast g zit in sessie s1 aan 3 tafels, maximaal 2",
        ),
        (
            {"min_per_session": 1},
            [Seat("s1", "a", "i")],
            "gast g zit in sessie s1 aan 0 tafels, minimaal 1",
        ),
        (
            {"min_tables": 2},
            [Seat("s1", "a", "g"), Seat("s1", "b", "h")],
            "gast g zit aan 1 tafel, minimaal 2",
        ),
        (
            {"diversity": {"organisation": False}},
            [Seat("s1", "a", "g"), Seat("s2", "a", "g")],
            "gast g zit 2 keer aan tafel a",
        ),
        ({}, [Seat("s1", "a", "j"), Seat("s2", "b", "j")], "gast j zit aan 2 tafels, maximaal 1"),
        ({}, [Seat("s1", "a", "g"), Seat("s2", "a", "g")], "gast g zit 2 keer bij team A"),
        (
            {},
            [Seat("s1", "a", "g"), Seat("s1", "a", "h")],
            "tafel a in sessie s1: 2 gasten van organisatie o1",
        ),
        (
            {"diversity": {"organisation": False, "org_kind": True}},
            [Seat("s1", "a", "g"), Seat("s1", "a", "i")],
            "tafel a in sessie s1: 2 gasten van soort company",
        ),
        (
            {"required": [["h", "B"]]},
            [Seat("s1", "a", "h")],
            "verplicht paar ontbreekt: gast h bij team B",
        ),
        (
            {"pinned": [{"guest": "g", "table": "b", "session": "s2"}]},
            [Seat("s1", "b", "g")],
            "vastgezette plaats ontbreekt: gast g aan b in s2",
        ),
    ],
)
def test_each_violation_is_named(changes, plan, message) -> None:
    p = problem(**changes)
    found = plan_violations(p, plan)
    assert message in found
    assert not is_valid_plan(p, plan)


def test_role_fit_violation() -> None:
    tables = [dict(BASE["tables"][0], roles=["responsief"]), BASE["tables"][1]]
    p = problem(tables=tables)
    assert plan_violations(p, [Seat("s1", "a", "g")]) == [
        "team A ontmoet geen gast wiens organisatiesoort past bij zijn rollen (responsief)"
    ]
    assert is_valid_plan(p, [Seat("s1", "a", "h")])  # an NGO suits the responsive role


def test_accepts_a_plan_object() -> None:
    from matcher.seating import SeatingPlan

    p = problem()
    assert is_valid_plan(p, SeatingPlan(seats=[Seat("s1", "a", "g")], status="optimal"))
