"""Nudges someone can act on: done and snooze stored as feedback, priority, caps, spreading."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from graph import SqliteGraphStore
from matcher.timing.ics import to_ics
from matcher.timing.nudging import Nudge, NudgeError
from matcher.timing.planning import (
    DAILY_CAP,
    agenda,
    plan_week,
    record_nudge_status,
)
from tests.unit.test_timing import AS_OF, tiny_network

D = dt.date


@pytest.fixture
def store(tmp_path):
    s = SqliteGraphStore(tmp_path / "p.db")
    s.write(*tiny_network())
    yield s
    s.close()


def test_done_removes_a_nudge_and_snooze_hides_it_until_its_day(store):
    before = agenda(store, staff="staff:0001", as_of=AS_OF).planned
    assert before and all(n.actor for n in before)
    done, snoozed = before[0], before[1]
    record_nudge_status(store, "staff:0001", done, "done", date=AS_OF)
    record_nudge_status(store, "staff:0001", snoozed, "snoozed", date=AS_OF, until=D(2026, 3, 16))
    edges = [e for e in store.edges("FEEDBACK") if e.context == "nudge"]
    assert len(edges) == 2 and {e.outcome.value for e in edges} == {"accepted", "shown"}
    after = agenda(store, staff="staff:0001", as_of=AS_OF)
    keys = {n.key for n in after.planned}
    assert done.key not in keys and snoozed.key not in keys and after.answered == 2
    # on the snooze day it is back, dated that day (the day is a Monday, a working day)
    back = agenda(store, staff="staff:0001", as_of=D(2026, 3, 16), horizon_days=60).planned
    returned = [n for n in back if n.key == snoozed.key]
    if snoozed.kind != "session":  # a session nudge lapses with its session
        assert returned and returned[0].date >= D(2026, 3, 16)
    assert done.key not in {n.key for n in back}
    # answers given later do not exist yet for an earlier day
    assert {n.key for n in agenda(store, staff="staff:0001", as_of=D(2026, 2, 28)).planned}


def test_a_snooze_must_end_after_it_starts(store):
    n = agenda(store, staff="staff:0001", as_of=AS_OF).planned[0]
    with pytest.raises(NudgeError, match="until"):
        record_nudge_status(store, "staff:0001", n, "snoozed", date=AS_OF, until=AS_OF)
    assert not [e for e in store.edges("FEEDBACK") if e.context == "nudge"]


def _nudge(i: int, day: dt.date, kind: str, score: float) -> Nudge:
    return Nudge(
        date=day,
        kind=kind,
        subject="team:1-1",
        title=f"n{i}",
        reason="",
        organisation=f"org:{i}",
        score=score,
        evidence={"milestone_date": (day + dt.timedelta(days=10)).isoformat()}
        if kind == "milestone"
        else {},
    )


def test_priority_decides_who_gets_the_day():
    monday = D(2026, 6, 1)
    ns = [_nudge(i, monday, "fading", score=i / 10) for i in range(6)]
    planned, left = plan_week(ns, weekly_cap=2, daily_cap=1)
    assert left == []
    firsts = sorted(planned, key=lambda n: n.date)
    assert [n.title for n in firsts[:2]] == ["n5", "n4"]  # the best two this week
    assert {n.date.isocalendar()[1] for n in firsts[:2]} == {23}
    assert all(n.date.weekday() < 5 for n in planned)


def test_a_session_nudge_keeps_its_day_or_is_left_out():
    tue = D(2026, 6, 2)
    ns = [_nudge(i, tue, "session", score=1 - i / 10) for i in range(3)]
    planned, left = plan_week(ns, weekly_cap=5, daily_cap=2)
    assert [n.date for n in planned] == [tue, tue] and [n.title for n in left] == ["n2"]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 40),
            st.sampled_from(["milestone", "session", "fading", "newly_active"]),
            st.floats(0, 1),
        ),
        max_size=60,
    ),
    st.integers(1, 7),
)
def test_caps_hold_and_nothing_is_lost(items, weekly_cap):
    ns = [
        _nudge(i, D(2026, 6, 1) + dt.timedelta(days=d), k, s) for i, (d, k, s) in enumerate(items)
    ]
    planned, left = plan_week(ns, weekly_cap=weekly_cap)
    assert len(planned) + len(left) == len(ns)
    per_day = Counter(n.date for n in planned)
    per_week = Counter(n.date.isocalendar()[:2] for n in planned)
    assert max(per_day.values(), default=0) <= min(DAILY_CAP, weekly_cap)
    assert max(per_week.values(), default=0) <= weekly_cap
    assert all(n.date.weekday() < 5 for n in planned)
    original = {n.title: n for n in ns}
    for n in planned:
        assert n.date >= original[n.title].date  # never earlier than its moment
        if n.kind == "session":
            assert n.date == original[n.title].date


def test_ics_never_holds_more_than_the_weekly_cap_on_one_day(store):
    plan = agenda(store, team="team:1-1", as_of=AS_OF, weekly_cap=1)
    cal = Calendar.from_ical(to_ics(plan.planned))
    starts = [ev["DTSTART"].dt for ev in cal.walk("VEVENT")]
    per_day = Counter(s.date() if isinstance(s, dt.datetime) else s for s in starts)
    assert per_day and max(per_day.values()) <= 1
    assert len(starts) == len(plan.planned) and plan.left_out  # the cap left some out
