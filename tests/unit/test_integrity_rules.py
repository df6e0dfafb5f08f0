"""Exclusion rules: validation names the rule and field; windows follow the rule exactly."""

from __future__ import annotations

import datetime as dt

import pytest

from graph.model import Conflict, WorksOn
from matcher.suggest.integrity import (
    DEFAULT_RULES,
    ExclusionRule,
    IntegrityRuleError,
    dump_rules,
    find_exclusions,
    parse_rules,
)

D = dt.date
TENDER = Conflict(
    source="dossier:dijk", target="org:bouw", key="tender", date=D(2026, 3, 1), until=D(2026, 5, 31)
)
SIDE_JOB = Conflict(source="staff:1", target="org:bouw", key="nevenfunctie", date=D(2025, 1, 1))
OTHER = Conflict(
    source="dossier:dijk", target="org:x", key="familie", date=D(2026, 1, 1), until=D(2026, 1, 31)
)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"key": "tender"}, "rules: expected a list"),
        (["tender"], "rule 1: expected an object"),
        ([{"key": "Tender!"}], "rule 1, field 'key'"),
        ([{"key": "tender"}, {"key": "tender"}], "rule 2, field 'key': 'tender' has a rule"),
        ([{"key": "tender", "days_after": -1}], "rule 1 ('tender'), field 'days_after': -1"),
        ([{"key": "tender", "days_before": "30"}], "field 'days_before': expected a number"),
        ([{"key": "tender", "days_before": True}], "field 'days_before': expected a number"),
        ([{"key": "tender", "until": 3}], "rule 1, field 'until': unknown field"),
        ([{"key": "tender", "days_after": 4000}], "not between 0 and 3650"),
    ],
)
def test_invalid_rules_name_the_rule_and_field(data: object, message: str) -> None:
    with pytest.raises(IntegrityRuleError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_rules(data)


def test_rules_round_trip_through_their_json() -> None:
    import json

    rules = [ExclusionRule(key="tender", days_before=14, days_after=90)]
    text = dump_rules(rules)
    assert json.loads(text)[0]["label"] == "lopende aanbesteding"
    assert parse_rules(json.loads(text)) == rules


@pytest.mark.parametrize(
    ("day", "rules", "excluded"),
    [
        (D(2026, 2, 28), DEFAULT_RULES, False),  # before the tender
        (D(2026, 3, 1), DEFAULT_RULES, True),
        (D(2026, 5, 31), DEFAULT_RULES, True),
        (D(2026, 6, 1), DEFAULT_RULES, False),  # the day after it ended
        (D(2026, 2, 15), [ExclusionRule(key="tender", days_before=14)], True),
        (D(2026, 2, 14), [ExclusionRule(key="tender", days_before=14)], False),
        (D(2026, 6, 30), [ExclusionRule(key="tender", days_after=30)], True),
        (D(2026, 7, 1), [ExclusionRule(key="tender", days_after=30)], False),
    ],
)
def test_tender_window_follows_the_rule(day: dt.date, rules, excluded: bool) -> None:
    found = find_exclusions([TENDER], {"dossier:dijk"}, day, rules)
    assert ("org:bouw" in found) is excluded
    if excluded:
        assert found["org:bouw"].label == "uitgesloten: lopende aanbesteding"
        assert found["org:bouw"].rule == "tender"


def test_only_the_query_subjects_count_and_the_longest_conflict_wins() -> None:
    day = D(2026, 4, 1)
    assert find_exclusions([TENDER, SIDE_JOB], {"dossier:other"}, day) == {}
    both = find_exclusions([TENDER, SIDE_JOB], {"dossier:dijk", "staff:1"}, day)
    assert both["org:bouw"].rule == "nevenfunctie"  # open-ended beats the tender's end
    assert both["org:bouw"].end is None


def test_a_conflict_without_a_rule_keeps_its_own_window() -> None:
    found = find_exclusions([OTHER], {"dossier:dijk"}, D(2026, 1, 15), [])
    assert found["org:x"].label == "uitgesloten: belangenconflict"
    assert found["org:x"].rule == ""
    assert find_exclusions([OTHER], {"dossier:dijk"}, D(2026, 2, 1), []) == {}


def test_other_edges_are_ignored() -> None:
    edge = WorksOn(source="dossier:dijk", target="org:bouw")
    assert find_exclusions([edge], {"dossier:dijk"}, D(2026, 4, 1)) == {}
