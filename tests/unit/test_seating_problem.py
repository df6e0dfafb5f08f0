"""Seating instances from JSON: parsing, validation errors that name record and field, encoding."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from matcher.seating import SeatingError, problem_from_json, problem_to_json
from matcher.seating.encode import encode

DATA = Path(__file__).parents[1] / "data" / "seating"
OK = {
    "sessions": [{"id": "s1"}, {"id": "s2"}],
    "tables": [{"id": "t1", "team": "k", "max_guests": 2, "roles": ["participerend"]}],
    "guests": [{"id": "g1", "organisation": "o", "org_kind": "ngo", "available": ["s2"]}],
    "relevance": {"g1": {"t1": 0.25}},
}


@pytest.mark.parametrize(
    ("patch", "message"),
    [
        ({"format": "other"}, "format: expected 'verbinder-seating', got 'other'"),
        ({"sessions": []}, "sessions: at least one session is needed"),
        ({"tables": "x"}, "tables: expected a list"),
        (
            {"tables": [{"id": "t1", "max_guests": "two"}]},
            "tables[0].max_guests: expected int, got 'two'",
        ),
        (
            {"tables": [{"id": "t1", "min_guests": 3, "max_guests": 2}]},
            "tables[0] (t1): need 0 <= min_guests <= max_guests, got 3 and 2",
        ),
        (
            {"tables": [{"id": "t1", "roles": ["koning"]}]},
            "tables[0] (t1).roles: unknown NSOB role 'koning'",
        ),
        (
            {"guests": [{"id": "g1", "available": ["s9"]}]},
            "guests[0] (g1).available: unknown session 's9'",
        ),
        (
            {"guests": [{"id": "g1", "org_kind": "bank"}]},
            "guests[0] (g1).org_kind: unknown organisation kind 'bank'",
        ),
        ({"guests": [{"id": "g1"}, {"id": "g1"}]}, "guests[1].id: duplicate id 'g1'"),
        ({"guests": [{"name": "x"}]}, "guests[0].id: required"),
        ({"relevance": [[0.1, 0.2]]}, "relevance: shape (1, 2) does not match 1 guests × 1 tables"),
        ({"relevance": [[1.5]]}, "relevance: values must be finite and within [0, 1]"),
        ({"relevance": {"g9": {"t1": 0.1}}}, "relevance.g9: unknown guest"),
        ({"relevance": {"g1": {"t1": "hoog"}}}, "relevance.g1.t1: expected a number, got 'hoog'"),
        ({"forbidden": [["g1", "k9"]]}, "forbidden (g1, k9): unknown team 'k9'"),
        ({"required": [["g1"]]}, "required[0]: expected [guest_id, team_id], got ['g1']"),
        (
            {"pinned": [{"guest": "g1", "table": "t9", "session": "s1"}]},
            "pinned[0].table: unknown table 't9'",
        ),
        (
            {"capacity": [{"table": "t1", "session": "s1", "min": 2, "max": 1}]},
            "capacity (t1, s1): need 0 <= min <= max, got 2, 1",
        ),
        ({"weights": {"fairness": -1}}, "weights.fairness: must be a non-negative integer, got -1"),
        ({"weights": {"speed": 1}}, "weights.speed: unknown key"),
        ({"min_table": 2}, "min_table: unknown key"),
        ({"guests": [{"id": "g1", "min_table": 15}]}, "guests[0].min_table: unknown key"),
        ({"pinned": [{"guest": "g1", "tabel": "t1"}]}, "pinned[0].tabel: unknown key"),
        (
            {"guests": [{"id": "g1", "min_tables": 3, "max_tables": 2}]},
            "guests[0] (g1).min_tables: 3 is more than max_tables 2",
        ),
        ({"fairness": "fair"}, "fairness: expected 'weighted' or 'maxmin'"),
    ],
)
def test_bad_instances_name_record_and_field(patch: dict, message: str) -> None:
    with pytest.raises(SeatingError) as e:
        problem_from_json({**OK, **patch})
    assert message in str(e.value)


def test_bad_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(SeatingError, match=r"bad\.json: not valid JSON"):
        problem_from_json(bad)


def test_parse_and_encode() -> None:
    p = problem_from_json(OK)
    assert p.tables[0].roles == ("participerend",)
    assert p.bounds("t1", "s1") == (0, 2)
    assert p.guest_max_tables("g1") == 2
    m, enc = encode(p)
    assert m.rel.tolist() == [[25]]
    assert m.avail.tolist() == [[False, True]]
    assert m.fit.tolist() == [[True]]  # participerend = responsief; an NGO suits it
    assert enc.teams == ("k",)


def test_round_trip_of_all_test_instances() -> None:
    for path in sorted(DATA.glob("*.json")):
        p = problem_from_json(path)
        q = problem_from_json(json.loads(json.dumps(problem_to_json(p))))
        assert problem_to_json(q) == problem_to_json(p), path.name


def test_texts_without_relevance_use_the_scorer() -> None:
    from matcher.text.encoders import HashingEncoder
    from matcher.text.relevance import TextRelevance

    p = problem_from_json(
        {
            "sessions": [{"id": "s"}],
            "tables": [
                {"id": "a", "challenge": "dijkversterking langs de rivier"},
                {"id": "b", "challenge": "deelfietsen in de stad"},
            ],
            "guests": [
                {"id": "g", "texts": ["dijkversterking en rivieren"]},
                {"id": "h", "texts": ["fietsen en deelfietsen"]},
            ],
        },
        scorer=TextRelevance(HashingEncoder()),
    )
    r = p.relevance_matrix()
    assert r[0, 0] > r[0, 1] and r[1, 1] > r[1, 0]
