"""The seating problem as plain data: sessions, tables, guests, relevance and constraints.

A :class:`SeatingProblem` is what the facilitator plans: guests from partner organisations at the
tables of staff teams over one or more sessions. It is read from a generic JSON instance
(:func:`matcher.seating.jsonio.problem_from_json`) or from a programme edition in the store
(:func:`matcher.seating.fromstore.problem_from_store`). Ids are strings here; the solvers never see
them (see :mod:`matcher.seating.encode`).

The JSON instance format is read and written by :mod:`matcher.seating.jsonio`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import KW_ONLY, dataclass, field
from typing import Any

import numpy as np

from graph.model import NsobRole, OrganisationKind

__all__ = [
    "Guest",
    "ObjectiveWeights",
    "Seat",
    "SeatingError",
    "SeatingProblem",
    "SeatingSession",
    "SeatingTable",
    "normalise_relevance",
    "text_relevance",
]


class SeatingError(ValueError):
    """A seating instance, plan or request is malformed; the message names record and field."""


@dataclass(frozen=True)
class SeatingSession:
    """A time slot of the programme."""

    id: str
    name: str = ""

    @property
    def label(self) -> str:
        return self.name or self.id


@dataclass(frozen=True)
class SeatingTable:
    """A guest table of a team; ``roles`` are the NSOB roles the team studies."""

    id: str
    _: KW_ONLY
    name: str = ""
    team: str = ""
    min_guests: int = 0
    max_guests: int = 2
    roles: tuple[str, ...] = ()
    challenge: str = ""
    team_name: str = ""

    @property
    def label(self) -> str:
        return self.name or self.id

    @property
    def team_id(self) -> str:
        return self.team or self.id


@dataclass(frozen=True)
class Guest:
    """A guest (a contact of a partner organisation).

    ``available`` lists the sessions the guest can attend (``None``: all). The guest's load:
    ``min_tables`` … ``max_tables`` tables over the edition and ``min_per_session`` …
    ``max_per_session`` tables in each session the guest attends (``None``: the problem's default).
    """

    id: str
    _: KW_ONLY
    name: str = ""
    organisation: str = ""
    org_kind: str = "other"
    available: tuple[str, ...] | None = None
    max_tables: int | None = None
    texts: tuple[str, ...] = ()
    organisation_name: str = ""
    min_tables: int | None = None
    max_per_session: int | None = None
    min_per_session: int | None = None

    @property
    def label(self) -> str:
        return self.name or self.id


@dataclass(frozen=True, order=True)
class Seat:
    """One guest at one table in one session."""

    session: str
    table: str
    guest: str


@dataclass(frozen=True)
class ObjectiveWeights:
    """Integer weights of the objective terms (all maximised).

    * ``relevance`` — per seat, times the guest × table relevance scaled to 0…100
      (a perfect match earns ``100 × relevance`` points).
    * ``novelty`` — per seat where the team has not met the guest before.
    * ``exposure`` — balanced guest exposure: a guest's k-th seat earns
      ``exposure × (K − k)`` with ``K`` the most seats any guest can get, so a first seat for a
      guest outweighs a third seat for another.
    * ``fairness`` — times the relevance total of the worst-served table (max-min).
    """

    relevance: int = 10
    novelty: int = 150
    exposure: int = 50
    fairness: int = 10

    def __post_init__(self) -> None:
        for name in ("relevance", "novelty", "exposure", "fairness"):
            v = getattr(self, name)
            if not isinstance(v, int) or isinstance(v, bool) or v < 0:
                raise SeatingError(f"weights.{name}: must be a non-negative integer, got {v!r}")


@dataclass(frozen=True, eq=False, kw_only=True)
class SeatingProblem:
    """A complete seating instance. Build with keyword arguments; validated on construction.

    Loads: ``min_tables`` / ``max_tables`` (over the edition) and ``min_per_session`` /
    ``max_per_session`` are every guest's defaults (a guest's own value wins); by default a guest
    sits at one table per session, at most one per session over the edition. A table's demand is
    its ``min_guests`` … ``max_guests`` (per session, or ``capacity``).

    ``relevance_floor`` prunes guest × table pairs below it before any model is built (pinned
    seats and required pairs are kept). ``fairness`` is ``"weighted"`` (the worst-served table's
    relevance as one weighted objective term) or ``"maxmin"`` (raise the worst-served table first,
    then maximise the other terms with that minimum held).
    """

    sessions: tuple[SeatingSession, ...]
    tables: tuple[SeatingTable, ...]
    guests: tuple[Guest, ...]
    relevance: np.ndarray | None = None
    met_before: frozenset[tuple[str, str]] = frozenset()
    forbidden: frozenset[tuple[str, str]] = frozenset()
    required: frozenset[tuple[str, str]] = frozenset()
    pinned: tuple[Seat, ...] = ()
    capacity: Mapping[tuple[str, str], tuple[int, int]] = field(default_factory=dict)
    diversity_organisation: bool = True
    diversity_org_kind: bool = False
    role_fit: bool = True
    max_tables: int | None = None
    weights: ObjectiveWeights = field(default_factory=ObjectiveWeights)
    name: str = ""
    min_tables: int = 0
    max_per_session: int = 1
    min_per_session: int = 0
    relevance_floor: float = 0.0
    fairness: str = "weighted"
    _sessions: dict[str, SeatingSession] = field(init=False, repr=False, default_factory=dict)
    _tables: dict[str, SeatingTable] = field(init=False, repr=False, default_factory=dict)
    _guests: dict[str, Guest] = field(init=False, repr=False, default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "sessions", tuple(self.sessions))
        object.__setattr__(self, "tables", tuple(self.tables))
        object.__setattr__(self, "guests", tuple(self.guests))
        object.__setattr__(self, "pinned", tuple(self.pinned))
        object.__setattr__(self, "met_before", frozenset(self.met_before))
        object.__setattr__(self, "forbidden", frozenset(self.forbidden))
        object.__setattr__(self, "required", frozenset(self.required))
        object.__setattr__(self, "capacity", dict(self.capacity))
        self._validate()

    # ------------------------------------------------------------------ lookups
    @property
    def session_ids(self) -> list[str]:
        return [s.id for s in self.sessions]

    @property
    def table_ids(self) -> list[str]:
        return [t.id for t in self.tables]

    @property
    def guest_ids(self) -> list[str]:
        return [g.id for g in self.guests]

    @property
    def team_ids(self) -> list[str]:
        """Teams in order of their first table."""
        return list(dict.fromkeys(t.team_id for t in self.tables))

    def guest(self, guest_id: str) -> Guest:
        return self._guests[guest_id]

    def table(self, table_id: str) -> SeatingTable:
        return self._tables[table_id]

    def session(self, session_id: str) -> SeatingSession:
        return self._sessions[session_id]

    def bounds(self, table_id: str, session_id: str) -> tuple[int, int]:
        """(min, max) guests at a table in a session."""
        t = self._tables[table_id]
        return self.capacity.get((table_id, session_id), (t.min_guests, t.max_guests))

    def guest_max_tables(self, guest_id: str) -> int:
        """Most tables of the guest over the edition (default: one per session it can sit)."""
        g = self._guests[guest_id]
        if g.max_tables is not None:
            return g.max_tables
        if self.max_tables is not None:
            return self.max_tables
        return len(self.sessions) * self.guest_max_per_session(guest_id)

    def guest_min_tables(self, guest_id: str) -> int:
        g = self._guests[guest_id]
        return g.min_tables if g.min_tables is not None else self.min_tables

    def guest_max_per_session(self, guest_id: str) -> int:
        g = self._guests[guest_id]
        return g.max_per_session if g.max_per_session is not None else self.max_per_session

    def guest_min_per_session(self, guest_id: str) -> int:
        """Fewest tables in each session the guest attends."""
        g = self._guests[guest_id]
        return g.min_per_session if g.min_per_session is not None else self.min_per_session

    def available(self, guest_id: str, session_id: str) -> bool:
        g = self._guests[guest_id]
        return g.available is None or session_id in g.available

    def relevance_matrix(self) -> np.ndarray:
        """Guests × tables relevance in [0, 1] (zeros when none was given)."""
        if self.relevance is None:
            return np.zeros((len(self.guests), len(self.tables)))
        return np.asarray(self.relevance, dtype=float)

    # ------------------------------------------------------------------ validation
    @staticmethod
    def _check_load(where: str, lo: int | None, hi: int | None, session: bool = False) -> None:
        """``0 <= lo <= hi`` for a load pair (``None`` = not set)."""
        names = ("min_per_session", "max_per_session") if session else ("min_tables", "max_tables")
        for name, v in zip(names, (lo, hi), strict=True):
            if v is not None and v < 0:
                raise SeatingError(f"{where}{name}: must be >= 0, got {v}")
        if lo is not None and hi is not None and lo > hi:
            raise SeatingError(f"{where}{names[0]}: {lo} is more than {names[1]} {hi}")

    def _validate(self) -> None:
        def unique(items: Sequence[Any], what: str) -> dict[str, Any]:
            out: dict[str, Any] = {}
            for i, it in enumerate(items):
                if not isinstance(it.id, str) or not it.id:
                    raise SeatingError(f"{what}[{i}].id: must be a non-empty string")
                if it.id in out:
                    raise SeatingError(f"{what}[{i}].id: duplicate id {it.id!r}")
                out[it.id] = it
            return out

        sessions = unique(self.sessions, "sessions")
        tables = unique(self.tables, "tables")
        guests = unique(self.guests, "guests")
        if not sessions:
            raise SeatingError("sessions: at least one session is needed")
        object.__setattr__(self, "_sessions", sessions)
        object.__setattr__(self, "_tables", tables)
        object.__setattr__(self, "_guests", guests)
        teams = {t.team_id for t in self.tables}
        for i, t in enumerate(self.tables):
            if not 0 <= t.min_guests <= t.max_guests:
                raise SeatingError(
                    f"tables[{i}] ({t.id}): need 0 <= min_guests <= max_guests, "
                    f"got {t.min_guests} and {t.max_guests}"
                )
            for r in t.roles:
                try:
                    NsobRole(r)
                except ValueError:
                    raise SeatingError(
                        f"tables[{i}] ({t.id}).roles: unknown NSOB role {r!r}"
                    ) from None
        for i, g in enumerate(self.guests):
            try:
                OrganisationKind(g.org_kind)
            except ValueError:
                raise SeatingError(
                    f"guests[{i}] ({g.id}).org_kind: unknown organisation kind {g.org_kind!r}"
                ) from None
            for s in g.available or ():
                if s not in sessions:
                    raise SeatingError(f"guests[{i}] ({g.id}).available: unknown session {s!r}")
            self._check_load(f"guests[{i}] ({g.id}).", g.min_tables, g.max_tables)
            self._check_load(f"guests[{i}] ({g.id}).", g.min_per_session, g.max_per_session, True)
        self._check_load("", self.min_tables, self.max_tables)
        self._check_load("", self.min_per_session, self.max_per_session, True)
        if not 0.0 <= self.relevance_floor <= 1.0:
            raise SeatingError(
                f"relevance_floor: must be within [0, 1], got {self.relevance_floor}"
            )
        if self.fairness not in ("weighted", "maxmin"):
            raise SeatingError(f"fairness: expected 'weighted' or 'maxmin', got {self.fairness!r}")
        for name in ("met_before", "forbidden", "required"):
            for gid, team in sorted(getattr(self, name)):
                if gid not in guests:
                    raise SeatingError(f"{name} ({gid}, {team}): unknown guest {gid!r}")
                if team not in teams:
                    raise SeatingError(f"{name} ({gid}, {team}): unknown team {team!r}")
        for i, p in enumerate(self.pinned):
            if p.guest not in guests:
                raise SeatingError(f"pinned[{i}].guest: unknown guest {p.guest!r}")
            if p.table not in tables:
                raise SeatingError(f"pinned[{i}].table: unknown table {p.table!r}")
            if p.session not in sessions:
                raise SeatingError(f"pinned[{i}].session: unknown session {p.session!r}")
        for (tid, sid), (lo, hi) in self.capacity.items():
            if tid not in tables:
                raise SeatingError(f"capacity ({tid}, {sid}).table: unknown table {tid!r}")
            if sid not in sessions:
                raise SeatingError(f"capacity ({tid}, {sid}).session: unknown session {sid!r}")
            if not 0 <= lo <= hi:
                raise SeatingError(f"capacity ({tid}, {sid}): need 0 <= min <= max, got {lo}, {hi}")
        if self.relevance is not None:
            arr = np.array(self.relevance, dtype=float)
            if arr.shape != (len(self.guests), len(self.tables)):
                raise SeatingError(
                    f"relevance: shape {arr.shape} does not match "
                    f"{len(self.guests)} guests × {len(self.tables)} tables"
                )
            if not np.isfinite(arr).all() or arr.min(initial=0.0) < 0 or arr.max(initial=0.0) > 1:
                raise SeatingError("relevance: values must be finite and within [0, 1]")
            arr.setflags(write=False)
            object.__setattr__(self, "relevance", arr)


# ---------------------------------------------------------------------- relevance from texts


def normalise_relevance(raw: np.ndarray) -> np.ndarray:
    """Min-max scale a score matrix to [0, 1] (a constant matrix becomes all 0.5).

    Examples
    --------
    >>> normalise_relevance(np.array([[1.0, 3.0], [2.0, 5.0]])).tolist()
    [[0.0, 0.5], [0.25, 1.0]]
    """
    raw = np.asarray(raw, dtype=float)
    if raw.size == 0:
        return raw
    lo, hi = float(raw.min()), float(raw.max())
    if hi - lo < 1e-12:
        return np.full_like(raw, 0.5)
    return (raw - lo) / (hi - lo)


def text_relevance(
    guests: Sequence[Guest], tables: Sequence[SeatingTable], scorer: Any = None
) -> np.ndarray:
    """Guests × tables relevance from texts: each guest's texts (contact expertise, organisation
    description) against each table's team challenge, via :class:`matcher.text.relevance.TextRelevance`
    (or any object with ``fit(profiles)`` and ``score(queries)``), scaled to [0, 1].

    Examples
    --------
    >>> from matcher.text.encoders import HashingEncoder
    >>> from matcher.text.relevance import TextRelevance
    >>> gs = [Guest("g1", texts=("dijkversterking en kustveiligheid",)),
    ...       Guest("g2", texts=("deelfietsen in de stad",))]
    >>> ts = [SeatingTable("t1", challenge="hoe versterken we dijken langs de kust?")]
    >>> r = text_relevance(gs, ts, TextRelevance(HashingEncoder()))
    >>> bool(r[0, 0] > r[1, 0])
    True
    """
    if not guests or not tables:
        return np.zeros((len(guests), len(tables)))
    if scorer is None:
        from matcher.text.relevance import TextRelevance

        scorer = TextRelevance()
    profiles = [[t for t in g.texts if t.strip()] for g in guests]
    queries = [t.challenge or t.team_name or t.label for t in tables]
    raw = np.asarray(scorer.fit(profiles).score(queries), dtype=float).T
    return normalise_relevance(raw)
