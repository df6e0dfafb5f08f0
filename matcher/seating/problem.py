"""The seating problem as plain data: sessions, tables, guests, relevance and constraints.

A :class:`SeatingProblem` is what the facilitator plans: guests from partner organisations at the
tables of staff teams over one or more sessions. It is read from a generic JSON instance
(:func:`problem_from_json`) or from a programme edition in the store
(:func:`matcher.seating.fromstore.problem_from_store`). Ids are strings here; the solvers never see
them (see :mod:`matcher.seating.encode`).

JSON instance format (``"format": "verbinder-seating"``)::

    {"format": "verbinder-seating", "version": 1, "name": "...",
     "sessions": [{"id": "s1", "name": "Sessie 1"}],
     "tables": [{"id": "t1", "name": "Tafel 1", "team": "team-a", "min_guests": 1,
                 "max_guests": 3, "roles": ["presterend"], "challenge": "..."}],
     "guests": [{"id": "g1", "name": "...", "organisation": "org:x", "org_kind": "company",
                 "available": ["s1"], "max_tables": 2, "texts": ["expertise", "org description"]}],
     "relevance": [[0.8, 0.1], ...]            # guests × tables, or {"g1": {"t1": 0.8}}
     "met_before": [["g1", "team-a"]], "forbidden": [["g2", "team-a"]],
     "required": [["g3", "team-b"]],
     "pinned": [{"guest": "g1", "table": "t1", "session": "s1"}],
     "capacity": [{"table": "t1", "session": "s1", "min": 2, "max": 3}],
     "diversity": {"organisation": true, "org_kind": false}, "role_fit": true,
     "max_tables": 2, "weights": {"relevance": 10, "novelty": 150, "exposure": 50, "fairness": 2}}

Pairs (``met_before``, ``forbidden``, ``required``) are guest × *team*: a team may have several
tables; a table without a team is its own team. A missing ``available`` means every session.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
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
    "problem_from_json",
    "problem_to_json",
    "text_relevance",
]

FORMAT = "verbinder-seating"


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

    ``available`` lists the sessions the guest can attend (``None``: all); ``max_tables`` caps the
    tables over the edition (``None``: the problem's default).
    """

    id: str
    name: str = ""
    organisation: str = ""
    org_kind: str = "other"
    available: tuple[str, ...] | None = None
    max_tables: int | None = None
    texts: tuple[str, ...] = ()
    organisation_name: str = ""

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


@dataclass(frozen=True, eq=False)
class SeatingProblem:
    """A complete seating instance. Build with keyword arguments; validated on construction."""

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
        g = self._guests[guest_id]
        if g.max_tables is not None:
            return g.max_tables
        return self.max_tables if self.max_tables is not None else len(self.sessions)

    def available(self, guest_id: str, session_id: str) -> bool:
        g = self._guests[guest_id]
        return g.available is None or session_id in g.available

    def relevance_matrix(self) -> np.ndarray:
        """Guests × tables relevance in [0, 1] (zeros when none was given)."""
        if self.relevance is None:
            return np.zeros((len(self.guests), len(self.tables)))
        return np.asarray(self.relevance, dtype=float)

    # ------------------------------------------------------------------ validation
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
            if g.max_tables is not None and g.max_tables < 0:
                raise SeatingError(f"guests[{i}] ({g.id}).max_tables: must be >= 0")
        if self.max_tables is not None and self.max_tables < 0:
            raise SeatingError("max_tables: must be >= 0")
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


# ---------------------------------------------------------------------- JSON


def _pairs(data: Mapping[str, Any], name: str) -> frozenset[tuple[str, str]]:
    out = set()
    for i, p in enumerate(data.get(name) or []):
        if isinstance(p, Mapping):
            p = (p.get("guest"), p.get("team"))
        if not (isinstance(p, Sequence) and len(p) == 2 and all(isinstance(x, str) for x in p)):
            raise SeatingError(f"{name}[{i}]: expected [guest_id, team_id], got {p!r}")
        out.add((p[0], p[1]))
    return frozenset(out)


def _get(
    rec: Mapping[str, Any], key: str, where: str, typ: type | tuple[type, ...], default: Any
) -> Any:
    v = rec.get(key, default)
    if v is default:
        return v
    if not isinstance(v, typ) or (typ is int and isinstance(v, bool)):
        raise SeatingError(f"{where}.{key}: expected {getattr(typ, '__name__', typ)}, got {v!r}")
    return v


def problem_from_json(
    source: str | Path | Mapping[str, Any], *, scorer: Any = None
) -> SeatingProblem:
    """Read a seating instance from a JSON file (or an already parsed dict).

    When the instance has no ``relevance`` but guests and tables carry texts, relevance is
    computed with ``scorer`` (a fitted-on-demand :class:`~matcher.text.relevance.TextRelevance`;
    default encoder when ``None``). Without texts or relevance, all pairs are equally relevant (0).

    Examples
    --------
    >>> p = problem_from_json({"sessions": [{"id": "s1"}],
    ...     "tables": [{"id": "t1", "max_guests": 1}], "guests": [{"id": "g1"}]})
    >>> (len(p.guests), p.bounds("t1", "s1"))
    (1, (0, 1))
    """
    if isinstance(source, Mapping):
        data: Any = source
    else:
        path = Path(source)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except OSError as e:
            raise SeatingError(f"{path}: cannot read instance: {e}") from e
        except json.JSONDecodeError as e:
            raise SeatingError(f"{path}: not valid JSON (line {e.lineno}): {e.msg}") from e
    if not isinstance(data, Mapping):
        raise SeatingError("instance: expected a JSON object")
    fmt = data.get("format", FORMAT)
    if fmt != FORMAT:
        raise SeatingError(f"format: expected {FORMAT!r}, got {fmt!r}")
    for key in ("sessions", "tables", "guests"):
        if not isinstance(data.get(key), list):
            raise SeatingError(f"{key}: expected a list")

    sessions = []
    for i, s in enumerate(data["sessions"]):
        w = f"sessions[{i}]"
        if not isinstance(s, Mapping):
            raise SeatingError(f"{w}: expected an object")
        sessions.append(
            SeatingSession(id=_get(s, "id", w, str, None), name=_get(s, "name", w, str, ""))
        )
    tables = []
    for i, t in enumerate(data["tables"]):
        w = f"tables[{i}]"
        if not isinstance(t, Mapping):
            raise SeatingError(f"{w}: expected an object")
        tables.append(
            SeatingTable(
                id=_get(t, "id", w, str, None),
                name=_get(t, "name", w, str, ""),
                team=_get(t, "team", w, str, ""),
                min_guests=_get(t, "min_guests", w, int, 0),
                max_guests=_get(t, "max_guests", w, int, 2),
                roles=tuple(_get(t, "roles", w, list, [])),
                challenge=_get(t, "challenge", w, str, ""),
                team_name=_get(t, "team_name", w, str, ""),
            )
        )
    guests = []
    for i, g in enumerate(data["guests"]):
        w = f"guests[{i}]"
        if not isinstance(g, Mapping):
            raise SeatingError(f"{w}: expected an object")
        avail = _get(g, "available", w, list, None)
        guests.append(
            Guest(
                id=_get(g, "id", w, str, None),
                name=_get(g, "name", w, str, ""),
                organisation=_get(g, "organisation", w, str, ""),
                org_kind=_get(g, "org_kind", w, str, "other"),
                available=None if avail is None else tuple(avail),
                max_tables=_get(g, "max_tables", w, int, None),
                texts=tuple(_get(g, "texts", w, list, [])),
                organisation_name=_get(g, "organisation_name", w, str, ""),
            )
        )
    for i, t in enumerate(tables):
        if t.id is None:
            raise SeatingError(f"tables[{i}].id: required")
    for i, g in enumerate(guests):
        if g.id is None:
            raise SeatingError(f"guests[{i}].id: required")
    for i, s in enumerate(sessions):
        if s.id is None:
            raise SeatingError(f"sessions[{i}].id: required")

    rel = _relevance_from_json(data.get("relevance"), guests, tables)
    if rel is None and any(g.texts for g in guests) and any(t.challenge for t in tables):
        rel = text_relevance(guests, tables, scorer)

    pinned = []
    for i, p in enumerate(data.get("pinned") or []):
        w = f"pinned[{i}]"
        if not isinstance(p, Mapping):
            raise SeatingError(f"{w}: expected an object with guest, table, session")
        pinned.append(
            Seat(
                session=_get(p, "session", w, str, ""),
                table=_get(p, "table", w, str, ""),
                guest=_get(p, "guest", w, str, ""),
            )
        )
    capacity = {}
    for i, c in enumerate(data.get("capacity") or []):
        w = f"capacity[{i}]"
        if not isinstance(c, Mapping):
            raise SeatingError(f"{w}: expected an object with table, session, min, max")
        tid = _get(c, "table", w, str, "")
        sid = _get(c, "session", w, str, "")
        capacity[(tid, sid)] = (_get(c, "min", w, int, 0), _get(c, "max", w, int, 0))
    div = data.get("diversity") or {}
    if not isinstance(div, Mapping):
        raise SeatingError("diversity: expected an object")
    weights = data.get("weights") or {}
    if not isinstance(weights, Mapping):
        raise SeatingError("weights: expected an object")
    try:
        w_obj = ObjectiveWeights(**weights)
    except TypeError as e:
        raise SeatingError(f"weights: {e}") from e
    return SeatingProblem(
        sessions=tuple(sessions),
        tables=tuple(tables),
        guests=tuple(guests),
        relevance=rel,
        met_before=_pairs(data, "met_before"),
        forbidden=_pairs(data, "forbidden"),
        required=_pairs(data, "required"),
        pinned=tuple(pinned),
        capacity=capacity,
        diversity_organisation=bool(div.get("organisation", True)),
        diversity_org_kind=bool(div.get("org_kind", False)),
        role_fit=bool(data.get("role_fit", True)),
        max_tables=_get(data, "max_tables", "instance", int, None),
        weights=w_obj,
        name=str(data.get("name", "")),
    )


def _relevance_from_json(
    value: Any, guests: Sequence[Guest], tables: Sequence[SeatingTable]
) -> np.ndarray | None:
    if value is None:
        return None
    if isinstance(value, list):
        try:
            arr = np.asarray(value, dtype=float)
        except (TypeError, ValueError) as e:
            raise SeatingError(f"relevance: not a numeric matrix: {e}") from e
        return arr
    if isinstance(value, Mapping):
        gi = {g.id: i for i, g in enumerate(guests)}
        ti = {t.id: j for j, t in enumerate(tables)}
        arr = np.zeros((len(guests), len(tables)))
        for gid, row in value.items():
            if gid not in gi:
                raise SeatingError(f"relevance.{gid}: unknown guest")
            if not isinstance(row, Mapping):
                raise SeatingError(f"relevance.{gid}: expected an object of table → value")
            for tid, v in row.items():
                if tid not in ti:
                    raise SeatingError(f"relevance.{gid}.{tid}: unknown table")
                if not isinstance(v, int | float) or isinstance(v, bool) or not math.isfinite(v):
                    raise SeatingError(f"relevance.{gid}.{tid}: expected a number, got {v!r}")
                arr[gi[gid], ti[tid]] = float(v)
        return arr
    raise SeatingError("relevance: expected a matrix (list of lists) or an object of objects")


def problem_to_json(problem: SeatingProblem) -> dict[str, Any]:
    """The instance as a JSON-ready dict that :func:`problem_from_json` reads back."""
    w = problem.weights
    return {
        "format": FORMAT,
        "version": 1,
        "name": problem.name,
        "sessions": [{"id": s.id, "name": s.name} for s in problem.sessions],
        "tables": [
            {
                "id": t.id,
                "name": t.name,
                "team": t.team,
                "team_name": t.team_name,
                "min_guests": t.min_guests,
                "max_guests": t.max_guests,
                "roles": list(t.roles),
                "challenge": t.challenge,
            }
            for t in problem.tables
        ],
        "guests": [
            {
                "id": g.id,
                "name": g.name,
                "organisation": g.organisation,
                "organisation_name": g.organisation_name,
                "org_kind": g.org_kind,
                **({"available": list(g.available)} if g.available is not None else {}),
                **({"max_tables": g.max_tables} if g.max_tables is not None else {}),
                "texts": list(g.texts),
            }
            for g in problem.guests
        ],
        "relevance": None
        if problem.relevance is None
        else np.round(problem.relevance_matrix(), 6).tolist(),
        "met_before": sorted(map(list, problem.met_before)),
        "forbidden": sorted(map(list, problem.forbidden)),
        "required": sorted(map(list, problem.required)),
        "pinned": [
            {"guest": p.guest, "table": p.table, "session": p.session} for p in problem.pinned
        ],
        "capacity": [
            {"table": t, "session": s, "min": lo, "max": hi}
            for (t, s), (lo, hi) in sorted(problem.capacity.items())
        ],
        "diversity": {
            "organisation": problem.diversity_organisation,
            "org_kind": problem.diversity_org_kind,
        },
        "role_fit": problem.role_fit,
        "max_tables": problem.max_tables,
        "weights": {
            "relevance": w.relevance,
            "novelty": w.novelty,
            "exposure": w.exposure,
            "fairness": w.fairness,
        },
    }
