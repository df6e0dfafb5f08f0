"""A person's shortlist and introductions, and the seating-plan history used for undo."""

from __future__ import annotations

import datetime as dt
import doctest
from pathlib import Path

import api.worklist
from api.worklist import Worklist


def test_doctests() -> None:
    assert doctest.testmod(api.worklist).failed == 0


def test_shortlist_is_per_person_and_toggles(tmp_path: Path) -> None:
    w = Worklist(tmp_path / "w.auth")
    assert w.toggle_shortlist("staff:0001", "org:tno") is True
    assert w.toggle_shortlist("staff:0001", "org:deltares") is True
    assert w.toggle_shortlist("staff:0002", "org:tno") is True
    assert w.toggle_shortlist("staff:0001", "org:tno") is False  # second click removes
    assert w.shortlist("staff:0001") == ["org:deltares"]
    assert w.shortlist("staff:0002") == ["org:tno"]
    w.close()
    assert Worklist(tmp_path / "w.auth").shortlist("staff:0001") == ["org:deltares"]  # stored


def test_introductions_newest_first(tmp_path: Path) -> None:
    w = Worklist(tmp_path / "w.auth")
    w.record_introduction("staff:0001", "org:tno", "staff:0002", dt.date(2026, 3, 10))
    w.record_introduction("staff:0001", "org:wur", "staff:0003", dt.date(2026, 3, 11))
    got = [(i.organisation, i.introducer, i.proposed) for i in w.introductions("staff:0001")]
    assert got == [("org:wur", "staff:0003", "2026-03-11"), ("org:tno", "staff:0002", "2026-03-10")]
    assert w.introductions("staff:0002") == []


def test_plan_history_is_a_stack_per_edition(tmp_path: Path) -> None:
    w = Worklist(tmp_path / "w.auth")
    first = [("s1", "t1", "g1", False)]
    second = [("s1", "t2", "g1", True)]
    w.push_plan("edition:1", "voor herindeling", first, [("g2", "s1")])
    w.push_plan("edition:1", "voor verplaatsing", second)
    w.push_plan("edition:2", "voor nieuwe indeling", first)
    assert [h.label for h in w.plan_history("edition:1")] == [
        "voor verplaatsing",
        "voor herindeling",
    ]
    top = w.pop_plan("edition:1")
    assert top is not None and top.seats == second and top.available == []
    top = w.pop_plan("edition:1")
    assert top is not None and top.seats == first and top.available == [("g2", "s1")]
    assert w.pop_plan("edition:1") is None
    assert len(w.plan_history("edition:2")) == 1
