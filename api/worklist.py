"""A person's own working state beside the graph: shortlist, requested introductions, plan history.

These are not facts about the network (the graph holds those, feedback included); they are what
one staff member keeps for themself, and the undo history of an edition's seating plan. They live
in the keys/audit file (:func:`api.keystore.auth_db_path`), so writing them never changes the
store revision that fitted models are keyed by.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Introduction", "PlanSnapshot", "Worklist"]

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS shortlist ("
    " staff_id TEXT NOT NULL, organisation TEXT NOT NULL, added TEXT NOT NULL,"
    " PRIMARY KEY (staff_id, organisation))",
    "CREATE TABLE IF NOT EXISTS introduction ("
    " seq INTEGER PRIMARY KEY AUTOINCREMENT, staff_id TEXT NOT NULL, organisation TEXT NOT NULL,"
    " introducer TEXT NOT NULL, proposed TEXT NOT NULL, created TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS plan_history ("
    " seq INTEGER PRIMARY KEY AUTOINCREMENT, edition TEXT NOT NULL, at TEXT NOT NULL,"
    " label TEXT NOT NULL, seats TEXT NOT NULL, available TEXT NOT NULL DEFAULT '[]')",
)


@dataclass(frozen=True)
class Introduction:
    staff_id: str
    organisation: str
    introducer: str
    proposed: str
    created: str


@dataclass(frozen=True)
class PlanSnapshot:
    """An edition's seats before a change: ``(session, table, guest, pinned)`` rows, and the
    ``(guest, session)`` availabilities the change removed (a cancellation), to put back."""

    seq: int
    edition: str
    at: str
    label: str
    seats: list[tuple[str, str, str, bool]]
    available: list[tuple[str, str]]


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class Worklist:
    """Shortlists, introductions and seating-plan history in one SQLite file.

    Example
    -------
    >>> w = Worklist(":memory:")
    >>> w.toggle_shortlist("staff:0001", "org:tno")
    True
    >>> w.shortlist("staff:0001")
    ['org:tno']
    """

    def __init__(self, path: str | Path):
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._conn = sqlite3.connect(
            self.path, isolation_level=None, check_same_thread=False, timeout=30
        )
        for statement in _SCHEMA:
            self._conn.execute(statement)

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    # ------------------------------------------------------------ shortlist
    def shortlist(self, staff_id: str) -> list[str]:
        """The organisations on a person's shortlist, oldest first."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT organisation FROM shortlist WHERE staff_id = ? ORDER BY added, organisation",
                (staff_id,),
            ).fetchall()
        return [r[0] for r in rows]

    def toggle_shortlist(self, staff_id: str, organisation: str) -> bool:
        """Add the organisation, or remove it when it is there; True when it is on the list now."""
        with self._lock:
            cur = self._conn.execute(
                "DELETE FROM shortlist WHERE staff_id = ? AND organisation = ?",
                (staff_id, organisation),
            )
            if cur.rowcount:
                return False
            self._conn.execute(
                "INSERT INTO shortlist(staff_id, organisation, added) VALUES (?,?,?)",
                (staff_id, organisation, _now()),
            )
        return True

    # -------------------------------------------------------- introductions
    def record_introduction(
        self, staff_id: str, organisation: str, introducer: str, proposed: dt.date
    ) -> Introduction:
        intro = Introduction(staff_id, organisation, introducer, proposed.isoformat(), _now())
        with self._lock:
            self._conn.execute(
                "INSERT INTO introduction(staff_id, organisation, introducer, proposed, created)"
                " VALUES (?,?,?,?,?)",
                (intro.staff_id, organisation, introducer, intro.proposed, intro.created),
            )
        return intro

    def introductions(self, staff_id: str) -> list[Introduction]:
        """A person's requested introductions, newest first."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT staff_id, organisation, introducer, proposed, created FROM introduction"
                " WHERE staff_id = ? ORDER BY seq DESC",
                (staff_id,),
            ).fetchall()
        return [Introduction(*r) for r in rows]

    # --------------------------------------------------------- plan history
    def push_plan(
        self,
        edition: str,
        label: str,
        seats: list[tuple[str, str, str, bool]],
        available: Sequence[tuple[str, str]] = (),
    ) -> int:
        """Keep an edition's seats before a change; returns the snapshot number."""
        with self._lock:
            cur = self._conn.execute(
                "INSERT INTO plan_history(edition, at, label, seats, available) VALUES (?,?,?,?,?)",
                (
                    edition,
                    _now(),
                    label,
                    json.dumps([list(s) for s in seats]),
                    json.dumps([list(a) for a in available]),
                ),
            )
        return int(cur.lastrowid or 0)

    def plan_history(self, edition: str, *, limit: int = 20) -> list[PlanSnapshot]:
        """The edition's snapshots, newest first."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT seq, edition, at, label, seats, available FROM plan_history"
                " WHERE edition = ?"
                " ORDER BY seq DESC LIMIT ?",
                (edition, limit),
            ).fetchall()
        return [
            PlanSnapshot(
                seq=seq,
                edition=ed,
                at=at,
                label=label,
                seats=[(s, t, g, bool(p)) for s, t, g, p in json.loads(seats)],
                available=[(g, s) for g, s in json.loads(available)],
            )
            for seq, ed, at, label, seats, available in rows
        ]

    def pop_plan(self, edition: str) -> PlanSnapshot | None:
        """Take the newest snapshot off the history (for undo)."""
        history = self.plan_history(edition, limit=1)
        if not history:
            return None
        with self._lock:
            self._conn.execute("DELETE FROM plan_history WHERE seq = ?", (history[0].seq,))
        return history[0]
