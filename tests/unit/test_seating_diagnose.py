"""Five deliberately infeasible instances: each diagnosis names its cause and a what-if that works."""

from __future__ import annotations

from pathlib import Path

import pytest

from matcher.seating import diagnose, plan_seating, problem_from_json

DATA = Path(__file__).parents[1] / "data" / "seating"

CASES = [
    (
        "infeasible_session_supply",
        "sessie 2 vraagt 6 gastplaatsen, er zijn 4 beschikbare gasten",
        "drop_min",
    ),
    (
        "infeasible_diversity",
        "tafel 1 in sessie 1 vraagt minimaal 3 gasten van verschillende organisaties, er zijn maar "
        "2 organisaties beschikbaar",
        "relax_diversity",
    ),
    (
        "infeasible_guest_max",
        "alle sessies samen vragen 8 gastplaatsen, maar de gasten kunnen samen hooguit 4 plaatsen "
        "innemen (door hun maximum aantal tafels)",
        "guests_extra_table",
    ),
    (
        "infeasible_required_capacity",
        "team Team Kust heeft 3 verplichte gasten, maar in alle sessies samen maar 2 plaatsen",
        "add_table",
    ),
    (
        "infeasible_role_fit",
        "team Team Buurt bestudeert de rol responsieve overheid, maar geen beschikbare gast komt van "
        "een passende organisatiesoort (burgerinitiatief, maatschappelijke organisatie)",
        "drop_role_fit",
    ),
]


@pytest.mark.parametrize(("name", "cause", "fix"), CASES)
def test_diagnosis_names_cause_and_a_working_what_if(name: str, cause: str, fix: str) -> None:
    p = problem_from_json(DATA / f"{name}.json")
    plan = plan_seating(p, with_reasons=False)
    assert plan.status == "infeasible"
    d = plan.diagnosis
    assert d is not None and not d.feasible
    assert cause in d.causes
    assert d.conflict, "a conflicting set of constraints is named"
    fixes = {w.kind for w in d.fixes}
    assert fix in fixes
    for w in d.fixes:
        assert w.effect.startswith("haalbaar") and w.objective is not None
    assert all(w.effect == "nog steeds onhaalbaar" for w in d.what_ifs if not w.feasible)
    text = d.text()
    assert cause in text and "Wat als" in text


def test_conflict_sets_are_minimal_on_hand_cases() -> None:
    d = diagnose(problem_from_json(DATA / "infeasible_required_capacity.json"))
    assert d.conflict == [
        "verplicht paar: g1 bij team Team Kust",
        "verplicht paar: g2 bij team Team Kust",
        "verplicht paar: g3 bij team Team Kust",
    ]
    d = diagnose(problem_from_json(DATA / "infeasible_diversity.json"))
    assert d.conflict == [
        "minimum van tafel 1 in sessie 1: 3 gasten",
        "één gast per organisatie aan tafel 1 in sessie 1",
    ]


def test_feasible_problem_diagnoses_as_feasible() -> None:
    d = diagnose(problem_from_json(DATA / "hand_rotation.json"))
    assert d.feasible and d.causes == [] and d.what_ifs == []
    assert d.text() == "Het plan is haalbaar."


def test_pin_conflicts_are_named() -> None:
    p = problem_from_json(
        {
            "sessions": [{"id": "s1", "name": "sessie 1"}],
            "tables": [{"id": "t", "name": "tafel 1", "max_guests": 1}],
            "guests": [{"id": "g", "name": "Gea", "available": []}],
            "pinned": [{"guest": "g", "table": "t", "session": "s1"}],
        }
    )
    d = diagnose(p)
    assert (
        "vastgezette plaats onmogelijk: Gea kan niet aan tafel 1 in sessie 1 (niet beschikbaar, "
        "belangenconflict of geen plaats)" in d.causes
    )
    assert "unpin" in {w.kind for w in d.fixes}
