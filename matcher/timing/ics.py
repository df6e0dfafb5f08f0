"""iCalendar (RFC 5545) export of nudges, written with the ``icalendar`` package.

One VEVENT per nudge: a stable ``UID`` (the nudge's :attr:`~matcher.timing.nudging.Nudge.uid`), ``DTSTAMP``
(UTC), ``DTSTART`` (the session's start time, or an all-day date for other nudges), ``DTEND``, a
Dutch ``SUMMARY`` and ``DESCRIPTION`` (the reason). Calendar programs import the file as is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from matcher.vocabulary import NUDGE_KIND_NL, NUDGE_WHO_NL, NUDGE_WHY_NOW_NL

if TYPE_CHECKING:
    from matcher.timing.nudging import Nudge

__all__ = ["PRODID", "nudge_description_nl", "nudges_to_ics", "to_ics"]

_LOCAL = ZoneInfo("Europe/Amsterdam")
PRODID = "-//Verbinder//Netwerkadvies IenW//NL"


def nudge_description_nl(n: Nudge) -> str:
    """The reason, who should act and why now, as the event's description.

    Example
    -------
    >>> from matcher.timing.nudging import Nudge
    >>> print(nudge_description_nl(Nudge(date=dt.date(2026, 3, 2), kind="fading", subject="t",
    ...     title="", reason="Laatste contact 2 mei 2025.", actor_name="Anna", why_now="10 maanden")))
    Laatste contact 2 mei 2025.
    Wie pakt dit op: Anna
    Waarom nu: 10 maanden
    """
    lines = [n.reason]
    if n.actor_name:
        lines.append(f"{NUDGE_WHO_NL}: {n.actor_name}")
    if n.why_now:
        lines.append(f"{NUDGE_WHY_NOW_NL}: {n.why_now}")
    return "\n".join(lines)


def nudges_to_ics(
    items: Iterable[Nudge],
    *,
    calendar_name: str = "Verbinder: het goede moment",
    stamp: dt.datetime | None = None,
) -> bytes:
    """Serialise nudges to an iCalendar document (UTF-8 bytes, CRLF line endings).

    Parameters
    ----------
    items:
        The nudges, e.g. from :func:`matcher.timing.nudging.nudges`.
    calendar_name:
        Shown by calendar programs (``X-WR-CALNAME``).
    stamp:
        The ``DTSTAMP`` of every event (default: now, UTC).

    Example
    -------
    >>> from matcher.timing.nudging import Nudge
    >>> n = Nudge(date=dt.date(2026, 3, 2), kind="fading", subject="staff:0001",
    ...           title="Relatie met TNO verwatert", reason="Laatste contact 2 mei 2025.")
    >>> text = nudges_to_ics([n], stamp=dt.datetime(2026, 3, 1, tzinfo=dt.UTC)).decode()
    >>> "BEGIN:VEVENT" in text and "DTSTART;VALUE=DATE:20260302" in text
    True
    """
    stamp = stamp or dt.datetime.now(dt.UTC)
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=dt.UTC)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", calendar_name)
    for n in items:
        ev = Event()
        ev.add("uid", n.uid)
        ev.add("dtstamp", stamp)
        if n.start is not None:  # naive local times are Europe/Amsterdam by convention
            start = n.start if n.start.tzinfo else n.start.replace(tzinfo=_LOCAL)
            end = n.end or n.start + dt.timedelta(hours=1)
            ev.add("dtstart", start)
            ev.add("dtend", end if end.tzinfo else end.replace(tzinfo=_LOCAL))
        else:
            ev.add("dtstart", n.date)
            ev.add("dtend", n.date + dt.timedelta(days=1))
            ev.add("transp", "TRANSPARENT")
        ev.add("summary", n.title)
        ev.add("description", nudge_description_nl(n))
        ev.add("categories", [NUDGE_KIND_NL.get(n.kind, n.kind)])
        cal.add_component(ev)
    cal.add_missing_timezones()
    return cal.to_ical()


#: The short name callers use: ``to_ics(nudges(...))``.
to_ics = nudges_to_ics
