"""The generic JSON instance format (``"format": "verbinder-seating"``): read and write.

::

    {"format": "verbinder-seating", "version": 1, "name": "...",
     "sessions": [{"id": "s1", "name": "Sessie 1"}],
     "tables": [{"id": "t1", "name": "Tafel 1", "team": "team-a", "min_guests": 1,
                 "max_guests": 3, "roles": ["presterend"], "challenge": "..."}],
     "guests": [{"id": "g1", "name": "...", "organisation": "org:x", "org_kind": "company",
                 "available": ["s1"], "max_tables": 2, "min_tables": 0, "max_per_session": 1,
                 "min_per_session": 0, "texts": ["expertise", "org description"]}],
     "relevance": [[0.8, 0.1], ...]            # guests × tables, or {"g1": {"t1": 0.8}}
     "met_before": [["g1", "team-a"]], "forbidden": [["g2", "team-a"]],
     "required": [["g3", "team-b"]],
     "pinned": [{"guest": "g1", "table": "t1", "session": "s1"}],
     "capacity": [{"table": "t1", "session": "s1", "min": 2, "max": 3}],
     "diversity": {"organisation": true, "org_kind": false}, "role_fit": true,
     "max_tables": 2, "min_tables": 0, "max_per_session": 1, "min_per_session": 0,
     "relevance_floor": 0.0, "fairness": "weighted",
     "weights": {"relevance": 10, "novelty": 150, "exposure": 50, "fairness": 2}}

Loads: a guest sits at ``min_tables`` … ``max_tables`` tables over the edition and at
``min_per_session`` … ``max_per_session`` tables in each session it attends (top-level values are
the defaults; by default one table per session). A table's demand is ``min_guests`` …
``max_guests`` guests per session. ``fairness: "maxmin"`` raises the worst-served table first.

The reader is strict: a key it does not know is refused with its location (``guests[3].min_table``),
so a misspelt limit is never silently ignored.

Pairs (``met_before``, ``forbidden``, ``required``) are guest × *team*: a team may have several
tables; a table without a team is its own team. A missing ``available`` means every session.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from matcher.seating.problem import (
    Guest,
    ObjectiveWeights,
    Seat,
    SeatingError,
    SeatingProblem,
    SeatingSession,
    SeatingTable,
    text_relevance,
)

__all__ = ["FORMAT", "problem_from_json", "problem_to_json"]

FORMAT = "verbinder-seating"

_LOADS = ("max_tables", "min_tables", "max_per_session", "min_per_session")
#: Keys each kind of record may have; anything else is refused.
KNOWN_KEYS: dict[str, frozenset[str]] = {
    "instance": frozenset(
        {"format", "version", "name", "sessions", "tables", "guests", "relevance", "met_before"}
        | {"forbidden", "required", "pinned", "capacity", "diversity", "role_fit", "weights"}
        | {"relevance_floor", "fairness", *_LOADS}
    ),
    "sessions": frozenset({"id", "name"}),
    "tables": frozenset(
        {"id", "name", "team", "team_name", "min_guests", "max_guests", "roles", "challenge"}
    ),
    "guests": frozenset(
        {"id", "name", "organisation", "organisation_name", "org_kind", "available", "texts"}
        | set(_LOADS)
    ),
    "pinned": frozenset({"guest", "table", "session"}),
    "capacity": frozenset({"table", "session", "min", "max"}),
    "diversity": frozenset({"organisation", "org_kind"}),
    "weights": frozenset({"relevance", "novelty", "exposure", "fairness"}),
    "pair": frozenset({"guest", "team"}),
}


def _strict(rec: Mapping[str, Any], kind: str, where: str) -> None:
    """Refuse keys that ``kind`` records do not have, naming the first one and where it is."""
    unknown = sorted(set(rec) - KNOWN_KEYS[kind])
    if unknown:
        at = f"{where}.{unknown[0]}" if where else unknown[0]
        known = ", ".join(sorted(KNOWN_KEYS[kind]))
        raise SeatingError(f"{at}: unknown key (known here: {known})")


def _pairs(data: Mapping[str, Any], name: str) -> frozenset[tuple[str, str]]:
    out = set()
    for i, p in enumerate(data.get(name) or []):
        if isinstance(p, Mapping):
            _strict(p, "pair", f"{name}[{i}]")
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


def _records(data: Mapping[str, Any], key: str) -> list[tuple[str, Mapping[str, Any]]]:
    """``(location, record)`` for each object of the list ``data[key]``."""
    out = []
    for i, rec in enumerate(data.get(key) or []):
        where = f"{key}[{i}]"
        if not isinstance(rec, Mapping):
            raise SeatingError(f"{where}: expected an object")
        _strict(rec, key, where)
        out.append((where, rec))
    return out


def _required_id(rec: Mapping[str, Any], where: str) -> str:
    v = _get(rec, "id", where, str, None)
    if v is None:
        raise SeatingError(f"{where}.id: required")
    return str(v)


def _read_source(source: str | Path | Mapping[str, Any]) -> Mapping[str, Any]:
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
    _strict(data, "instance", "")
    fmt = data.get("format", FORMAT)
    if fmt != FORMAT:
        raise SeatingError(f"format: expected {FORMAT!r}, got {fmt!r}")
    for key in ("sessions", "tables", "guests"):
        if not isinstance(data.get(key), list):
            raise SeatingError(f"{key}: expected a list")
    return data


def _table(t: Mapping[str, Any], w: str) -> SeatingTable:
    return SeatingTable(
        id=_required_id(t, w),
        name=_get(t, "name", w, str, ""),
        team=_get(t, "team", w, str, ""),
        min_guests=_get(t, "min_guests", w, int, 0),
        max_guests=_get(t, "max_guests", w, int, 2),
        roles=tuple(_get(t, "roles", w, list, [])),
        challenge=_get(t, "challenge", w, str, ""),
        team_name=_get(t, "team_name", w, str, ""),
    )


def _guest(g: Mapping[str, Any], w: str) -> Guest:
    avail = _get(g, "available", w, list, None)
    return Guest(
        id=_required_id(g, w),
        name=_get(g, "name", w, str, ""),
        organisation=_get(g, "organisation", w, str, ""),
        org_kind=_get(g, "org_kind", w, str, "other"),
        available=None if avail is None else tuple(avail),
        max_tables=_get(g, "max_tables", w, int, None),
        min_tables=_get(g, "min_tables", w, int, None),
        max_per_session=_get(g, "max_per_session", w, int, None),
        min_per_session=_get(g, "min_per_session", w, int, None),
        texts=tuple(_get(g, "texts", w, list, [])),
        organisation_name=_get(g, "organisation_name", w, str, ""),
    )


def _pinned(data: Mapping[str, Any]) -> tuple[Seat, ...]:
    return tuple(
        Seat(
            session=_get(p, "session", w, str, ""),
            table=_get(p, "table", w, str, ""),
            guest=_get(p, "guest", w, str, ""),
        )
        for w, p in _records(data, "pinned")
    )


def _capacity(data: Mapping[str, Any]) -> dict[tuple[str, str], tuple[int, int]]:
    capacity = {}
    for w, c in _records(data, "capacity"):
        tid = _get(c, "table", w, str, "")
        sid = _get(c, "session", w, str, "")
        capacity[(tid, sid)] = (_get(c, "min", w, int, 0), _get(c, "max", w, int, 0))
    return capacity


def _object(data: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    v = data.get(key) or {}
    if not isinstance(v, Mapping):
        raise SeatingError(f"{key}: expected an object")
    _strict(v, key, key)
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
    data = _read_source(source)
    sessions = [
        SeatingSession(id=_required_id(s, w), name=_get(s, "name", w, str, ""))
        for w, s in _records(data, "sessions")
    ]
    tables = [_table(t, w) for w, t in _records(data, "tables")]
    guests = [_guest(g, w) for w, g in _records(data, "guests")]
    rel = _relevance_from_json(data.get("relevance"), guests, tables)
    if rel is None and any(g.texts for g in guests) and any(t.challenge for t in tables):
        rel = text_relevance(guests, tables, scorer)
    div = _object(data, "diversity")
    try:
        weights = ObjectiveWeights(**_object(data, "weights"))
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
        pinned=_pinned(data),
        capacity=_capacity(data),
        diversity_organisation=bool(div.get("organisation", True)),
        diversity_org_kind=bool(div.get("org_kind", False)),
        role_fit=bool(data.get("role_fit", True)),
        max_tables=_get(data, "max_tables", "instance", int, None),
        min_tables=_get(data, "min_tables", "instance", int, 0),
        max_per_session=_get(data, "max_per_session", "instance", int, 1),
        min_per_session=_get(data, "min_per_session", "instance", int, 0),
        relevance_floor=float(_get(data, "relevance_floor", "instance", (int, float), 0.0)),
        fairness=_get(data, "fairness", "instance", str, "weighted"),
        weights=weights,
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
                **{k: getattr(g, k) for k in _LOADS if getattr(g, k) is not None},
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
        "min_tables": problem.min_tables,
        "max_per_session": problem.max_per_session,
        "min_per_session": problem.min_per_session,
        "relevance_floor": problem.relevance_floor,
        "fairness": problem.fairness,
        "weights": {
            "relevance": w.relevance,
            "novelty": w.novelty,
            "exposure": w.exposure,
            "fairness": w.fairness,
        },
    }
