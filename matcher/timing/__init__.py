"""Timing: the right moment to connect, as dated nudges and an iCalendar file.

Decides: nudges from dossier phases and milestones, programme sessions and relationship decay,
who should act on each, their plan over working days under a weekly cap (after done / snooze), and
their iCalendar rendering.
May import: ``graph``, the shared ``matcher`` modules and ``matcher.suggest.feedback`` (to store
done / snooze as feedback).
"""

from __future__ import annotations

from matcher.lazy import lazy_getattr

__all__ = [
    "Agenda",
    "Nudge",
    "NudgeError",
    "Timeline",
    "agenda",
    "nudges",
    "nudges_to_ics",
    "to_ics",
]

__getattr__ = lazy_getattr(
    "matcher.timing",
    {
        "Agenda": "matcher.timing.planning",
        "agenda": "matcher.timing.planning",
        "Nudge": "matcher.timing.nudging",
        "NudgeError": "matcher.timing.nudging",
        "Timeline": "matcher.timing.timeline",
        "nudges": "matcher.timing.nudging",
        "nudges_to_ics": "matcher.timing.ics",
        "to_ics": "matcher.timing.ics",
    },
)
