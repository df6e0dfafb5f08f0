"""From found nudges to a week someone can act on: status, priority, spreading and a weekly cap.

A team (or a staff member) answers a nudge with *done* or *snooze until a day*; both are stored as
FEEDBACK edges (context ``nudge``) whose note names the nudge's stable :attr:`Nudge.key`, so they
are part of the dated graph like every other answer. :func:`apply_status` drops a nudge marked
done and hides a snoozed one until its day (then it comes back, dated that day).

:func:`plan_week` takes the remaining nudges in order of priority (score, then date) and gives
each the first working day (Monday–Friday) in its window on which neither the day
(:data:`DAILY_CAP`) nor the ISO week (``weekly_cap``) is full. A session nudge has a window of one
day (the session); a milestone nudge may move up to the day before the milestone; the other kinds
up to :data:`FLEX_DAYS` later. Nudges that find no day are left out, lowest priority first — so
a calendar never holds more than the weekly cap in a week, nor more than the daily cap on a day.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from matcher.timing.nudging import Nudge, NudgeError, Timeline, nudges

__all__ = [
    "DAILY_CAP",
    "FLEX_DAYS",
    "WEEKLY_CAP",
    "Agenda",
    "NudgeStatus",
    "agenda",
    "apply_status",
    "nudge_statuses",
    "plan_week",
    "record_nudge_status",
    "status_note",
]

#: Nudges in one ISO week at most (default), and on one day.
WEEKLY_CAP, DAILY_CAP = 5, 2
#: How many days a nudge without a fixed day may move later.
FLEX_DAYS = 27
#: How long a snooze lasts by default.
SNOOZE_DAYS = 14

_NOTE = re.compile(
    r"^seintje (?P<key>[0-9a-f]{20}): (?:afgerond|uitgesteld tot (?P<until>\d{4}-\d\d-\d\d))"
)


@dataclass(frozen=True, kw_only=True)
class NudgeStatus:
    """The latest answer on one nudge: ``done``, or ``snoozed`` until a day."""

    key: str
    status: str
    date: dt.date
    until: dt.date | None = None


def status_note(key: str, status: str, until: dt.date | None = None) -> str:
    """The FEEDBACK note of a nudge answer.

    Example
    -------
    >>> status_note("0123456789abcdef0123", "snoozed", dt.date(2026, 5, 4))
    'seintje 0123456789abcdef0123: uitgesteld tot 2026-05-04'
    """
    if status == "done":
        return f"seintje {key}: afgerond"
    if status == "snoozed" and until is not None:
        return f"seintje {key}: uitgesteld tot {until.isoformat()}"
    raise NudgeError(f"field 'status': '{status}' is not done or snoozed (with a date)")


def record_nudge_status(
    store: Any,
    subject: str,
    nudge: Nudge,
    status: str,
    *,
    date: dt.date,
    until: dt.date | None = None,
) -> Any:
    """Store *done* or *snooze* for one nudge as a FEEDBACK edge (subject → its organisation).

    ``until`` defaults to :data:`SNOOZE_DAYS` after ``date`` for a snooze and must lie after it.
    """
    from matcher.suggest.feedback import record_feedback

    if not nudge.organisation:
        raise NudgeError(f"nudge '{nudge.key}' names no organisation to answer on")
    if status == "snoozed":
        until = until or date + dt.timedelta(days=SNOOZE_DAYS)
        if until <= date:
            raise NudgeError(f"field 'until': {until} is not after {date}")
    outcome = "accepted" if status == "done" else "shown"
    return record_feedback(
        store,
        subject,
        nudge.contact or nudge.organisation,
        outcome,
        date=date,
        context="nudge",
        note=status_note(nudge.key, status, until),
    )


def nudge_statuses(
    feedback: Iterable[Any], subjects: set[str], as_of: dt.date
) -> dict[str, NudgeStatus]:
    """The latest answer per nudge key given by any of ``subjects`` on or before ``as_of``."""
    out: dict[str, NudgeStatus] = {}
    for f in sorted(feedback, key=lambda e: (e.date, e.key or "")):
        if f.source not in subjects or f.date is None or f.date > as_of:
            continue
        if str(getattr(f, "context", "")) != "nudge":
            continue
        m = _NOTE.match(str(getattr(f, "note", "") or ""))
        if not m:
            continue
        until = dt.date.fromisoformat(m["until"]) if m["until"] else None
        out[m["key"]] = NudgeStatus(
            key=m["key"], status="snoozed" if until else "done", date=f.date, until=until
        )
    return out


def apply_status(
    found: Sequence[Nudge], statuses: dict[str, NudgeStatus], as_of: dt.date
) -> list[Nudge]:
    """Drop nudges marked done; hide snoozed ones until their day, then date them that day."""
    out = []
    for n in found:
        st = statuses.get(n.key)
        if st is None:
            out.append(n)
        elif st.status == "snoozed" and st.until is not None and st.until <= as_of:
            out.append(n if n.date >= st.until else replace(n, date=st.until))
    return out


def _window(n: Nudge) -> tuple[dt.date, dt.date]:
    if n.kind == "session":
        return n.date, n.date
    if n.kind == "milestone" and n.evidence.get("milestone_date"):
        last = dt.date.fromisoformat(n.evidence["milestone_date"]) - dt.timedelta(days=1)
        return n.date, max(n.date, last)
    return n.date, n.date + dt.timedelta(days=FLEX_DAYS)


def plan_week(
    found: Sequence[Nudge],
    *,
    weekly_cap: int = WEEKLY_CAP,
    daily_cap: int = DAILY_CAP,
) -> tuple[list[Nudge], list[Nudge]]:
    """Spread nudges over working days under the caps, highest priority first.

    Returns ``(planned, left_out)``; ``planned`` is sorted by (new) date, then priority.

    Example
    -------
    >>> day = dt.date(2026, 6, 1)  # a Monday
    >>> ns = [Nudge(date=day, kind="fading", subject="team:1-1", title=str(i), reason="",
    ...             organisation=f"org:{i}", score=1 - i / 10) for i in range(4)]
    >>> planned, left = plan_week(ns, weekly_cap=3, daily_cap=1)
    >>> [(n.title, n.date.isoformat()) for n in planned], [n.title for n in left]
    ([('0', '2026-06-01'), ('1', '2026-06-02'), ('2', '2026-06-03'), ('3', '2026-06-08')], [])
    """
    if weekly_cap < 1 or daily_cap < 1:
        raise NudgeError("weekly_cap and daily_cap must be at least 1")
    daily_cap = min(daily_cap, weekly_cap)
    per_day: Counter[dt.date] = Counter()
    per_week: Counter[tuple[int, int]] = Counter()
    planned, left = [], []
    for n in sorted(found, key=lambda x: (-x.score, x.date, x.uid)):
        first, last = _window(n)
        day, chosen = first, None
        while day <= last:
            week = day.isocalendar()[:2]
            if day.weekday() < 5 and per_day[day] < daily_cap and per_week[week] < weekly_cap:
                chosen = day
                break
            day += dt.timedelta(days=1)
        if chosen is None:
            left.append(n)
            continue
        per_day[chosen] += 1
        per_week[chosen.isocalendar()[:2]] += 1
        planned.append(n if chosen == n.date else replace(n, date=chosen))
    planned.sort(key=lambda x: (x.date, -x.score, x.kind, x.organisation or ""))
    return planned, left


@dataclass(frozen=True, kw_only=True)
class Agenda:
    """The nudges to act on (planned), and how many were answered or left out by the caps."""

    planned: list[Nudge]
    left_out: list[Nudge]
    answered: int
    weekly_cap: int


def agenda(
    store: Any,
    *,
    staff: str | None = None,
    dossier: str | None = None,
    team: str | None = None,
    as_of: dt.date,
    horizon_days: int = 60,
    weekly_cap: int = WEEKLY_CAP,
    kinds: Iterable[str] | None = None,
    feedback: Iterable[Any] | None = None,
) -> Agenda:
    """The nudges of one subject as a plan: answered ones out, the rest spread under the caps.

    ``feedback`` gives the answers as stored now (FEEDBACK edges), for a ``store`` that is a
    timeline built before the latest writes; by default the timeline's own.

    Example
    -------
    >>> from graph import SqliteGraphStore
    >>> from graph.model import Staff
    >>> s = SqliteGraphStore(":memory:")
    >>> _ = s.write([Staff(id="staff:0001", name="A. de Vries")])
    >>> agenda(s, staff="staff:0001", as_of=dt.date(2026, 1, 5)).planned
    []
    """
    tl = store if isinstance(store, Timeline) else Timeline.from_store(store)
    found = nudges(
        tl,
        staff=staff,
        dossier=dossier,
        team=team,
        as_of=as_of,
        horizon_days=horizon_days,
        limit=None,
        kinds=kinds,
    )
    subjects = {s for s in (staff, dossier, team) if s}
    if found:
        subjects |= set(found[0].staff)
    statuses = nudge_statuses(tl.feedback if feedback is None else feedback, subjects, as_of)
    open_ = apply_status(found, statuses, as_of)
    planned, left = plan_week(open_, weekly_cap=weekly_cap)
    return Agenda(
        planned=planned,
        left_out=left,
        answered=len(found) - len(open_),
        weekly_cap=weekly_cap,
    )
