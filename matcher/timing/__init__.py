"""Timing: the right moment to connect, as dated nudges and an iCalendar file.

Decides: nudges from dossier phases and milestones, programme sessions and relationship decay,
and their iCalendar rendering.
May import: ``graph`` and the shared ``matcher`` modules.
"""

from __future__ import annotations

from matcher.lazy import lazy_getattr

__all__ = [
    "Nudge",
    "NudgeError",
    "Timeline",
    "nudges",
    "nudges_to_ics",
    "to_ics",
]

__getattr__ = lazy_getattr(
    "matcher.timing",
    {
        "Nudge": "matcher.timing.nudging",
        "NudgeError": "matcher.timing.nudging",
        "Timeline": "matcher.timing.nudging",
        "nudges": "matcher.timing.nudging",
        "nudges_to_ics": "matcher.timing.ics",
        "to_ics": "matcher.timing.ics",
    },
)
