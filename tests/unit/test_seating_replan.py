"""Re-planning: fewest changes after a cancellation or an extra table, with the diff."""

from __future__ import annotations

from matcher.seating import Seat, diff_plans, is_valid_plan, plan_seating, problem_from_json, replan

INSTANCE = {
    "sessions": [{"id": "s1", "name": "ronde 1"}, {"id": "s2", "name": "ronde 2"}],
    "tables": [
        {"id": "a", "name": "tafel A", "team": "A", "min_guests": 1, "max_guests": 2},
        {"id": "b", "name": "tafel B", "team": "B", "min_guests": 1, "max_guests": 2},
    ],
    "guests": [
        {"id": "g1", "name": "Gea"},
        {"id": "g2", "name": "Hans"},
        {"id": "g3", "name": "Ivo"},
        {"id": "g4", "name": "Jet", "max_tables": 1},
    ],
    "relevance": [[0.9, 0.2], [0.3, 0.8], [0.6, 0.5], [0.4, 0.4]],
}


def test_cancel_keeps_everything_else() -> None:
    p = problem_from_json(INSTANCE)
    first = plan_seating(p, with_reasons=False)
    assert first.status == "optimal"
    r = replan(p, first, cancel=["g2"], with_reasons=False)
    assert r.plan.feasible and is_valid_plan(r.problem, r.plan)
    old = {s for s in first.seats if s.guest != "g2"}
    new = set(r.plan.seats)
    # nothing of the old plan is lost except the cancelled guest's seats
    assert old <= new
    removed = [s for s in first.seats if s.guest == "g2"]
    assert sorted(r.diff.removed) == sorted(removed)
    assert r.diff.moved == []
    assert all(line.endswith("(afgemeld)") for line in r.diff.lines if "valt af" in line)
    assert r.diff.changes == len(removed) + len(r.diff.added)


def test_cancel_that_empties_a_table_moves_or_adds_the_fewest_guests() -> None:
    p = problem_from_json(
        {
            "sessions": [{"id": "s"}],
            "tables": [
                {"id": "a", "min_guests": 1, "max_guests": 1},
                {"id": "b", "min_guests": 1, "max_guests": 1},
            ],
            "guests": [{"id": "g"}, {"id": "h"}, {"id": "i"}],
            "relevance": [[0.9, 0.1], [0.1, 0.9], [0.5, 0.6]],
        }
    )
    previous = [Seat("s", "a", "g"), Seat("s", "b", "h")]
    r = replan(p, previous, cancel=["h"], with_reasons=False)
    assert r.plan.seats == [Seat("s", "a", "g"), Seat("s", "b", "i")]
    assert r.diff.lines == ["h valt af bij b in s (afgemeld)", "i komt erbij aan b in s"]
    assert r.diff.changes == 2 and r.diff.kept == 1


def test_added_table_is_filled_without_moving_others_when_possible() -> None:
    p = problem_from_json(INSTANCE)
    first = plan_seating(p, with_reasons=False)
    r = replan(p, first, add_tables=["A"], with_reasons=False)
    assert len(r.problem.tables) == 3 and r.problem.tables[2].team == "A"
    assert is_valid_plan(r.problem, r.plan)
    # the old seats all stay; an extra table of team A needs no one (min 0): fewest changes = 0
    assert r.diff.changes == 0
    assert set(r.plan.seats) == set(first.seats)


def test_diff_lines_use_names() -> None:
    p = problem_from_json(INSTANCE)
    d = diff_plans([Seat("s1", "a", "g1")], [Seat("s1", "b", "g1"), Seat("s2", "a", "g3")], p)
    assert d.lines == [
        "Gea verhuist in ronde 1 van tafel A naar tafel B",
        "Ivo komt erbij aan tafel A in ronde 2",
    ]
    assert d.as_dict()["changes"] == 3
