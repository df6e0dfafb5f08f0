"""Validation rules of the domain model."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from graph.model import (
    Contact,
    Edition,
    Interacted,
    NsobRole,
    Session,
    Table,
    WorksOn,
    parse_edge,
    parse_node,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("rechtmatig", NsobRole.RECHTMATIG),
        ("Presterende", NsobRole.PRESTEREND),
        ("netwerkend", NsobRole.NETWERKEND),
        ("responsief", NsobRole.RESPONSIEF),
        ("participerend", NsobRole.RESPONSIEF),
        ("participerende", NsobRole.RESPONSIEF),
    ],
)
def test_nsob_role_values_and_alias(raw, expected):
    assert NsobRole(raw) is expected


def test_unknown_role_rejected():
    with pytest.raises(ValueError):
        NsobRole("faciliterend")


def test_consent_requires_a_date():
    with pytest.raises(ValidationError, match="consent_date is required"):
        Contact(id="contact:x", name="X", consent=True)
    assert Contact(id="contact:x", name="X", consent=False).consent_date is None


def test_unknown_field_is_an_error_not_dropped():
    with pytest.raises(ValidationError, match="extra"):
        parse_node({"kind": "staff", "id": "staff:1", "name": "A", "nickname": "a"})


def test_unknown_kind_is_rejected():
    with pytest.raises(ValidationError):
        parse_node({"kind": "minister", "id": "x", "name": "A"})


def test_ids_may_not_contain_spaces():
    with pytest.raises(ValidationError):
        parse_node({"kind": "staff", "id": "staff 1", "name": "A"})


def test_oversized_name_rejected():
    with pytest.raises(ValidationError, match="at most 300"):
        parse_node({"kind": "staff", "id": "staff:1", "name": "x" * 301})


def test_interaction_needs_a_date():
    with pytest.raises(ValidationError):
        parse_edge({"kind": "INTERACTED", "source": "staff:1", "target": "org:a"})
    edge = parse_edge(
        {"kind": "INTERACTED", "source": "staff:1", "target": "org:a", "date": "2026-03-12"}
    )
    assert isinstance(edge, Interacted)
    assert edge.date == dt.date(2026, 3, 12)


def test_time_windows_must_be_ordered():
    with pytest.raises(ValidationError, match="until is before date"):
        WorksOn(source="s", target="d", date=dt.date(2026, 2, 1), until=dt.date(2026, 1, 1))
    with pytest.raises(ValidationError, match="end_date is before"):
        Edition(
            id="edition:1", name="E", start_date=dt.date(2026, 2, 2), end_date=dt.date(2026, 2, 1)
        )
    with pytest.raises(ValidationError, match="end is not after start"):
        t = dt.datetime(2026, 2, 2, 10)
        Session(id="session:1", name="S", edition="edition:1", start=t, end=t)
    with pytest.raises(ValidationError, match="max_guests is below"):
        Table(id="table:1", name="T", edition="edition:1", number=1, min_guests=3, max_guests=2)


def test_active_on():
    edge = WorksOn(source="s", target="d", date=dt.date(2026, 1, 1), until=dt.date(2026, 6, 30))
    assert not edge.active_on(dt.date(2025, 12, 31))
    assert edge.active_on(dt.date(2026, 1, 1))
    assert edge.active_on(dt.date(2026, 6, 30))
    assert not edge.active_on(dt.date(2026, 7, 1))
