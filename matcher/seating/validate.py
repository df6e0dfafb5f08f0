"""Validator kept beside the solvers: does a plan respect every hard constraint of its problem?

Written against ids and the problem's own lookups, independent of the matrix encoding, so it
checks the solvers rather than repeating them. Messages are Dutch, for the facilitator.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from matcher.nsob import suits_any
from matcher.seating.problem import Seat, SeatingProblem

__all__ = ["is_valid_plan", "plan_violations"]


def _seats_of(plan: object) -> list[Seat]:
    seats = getattr(plan, "seats", plan)
    return list(seats)  # type: ignore[call-overload]


def plan_violations(problem: SeatingProblem, plan: object) -> list[str]:
    """Every broken constraint of ``plan`` (a :class:`SeatingPlan` or an iterable of seats).

    Examples
    --------
    >>> from matcher.seating.jsonio import problem_from_json
    >>> p = problem_from_json({"sessions": [{"id": "s"}],
    ...     "tables": [{"id": "t", "min_guests": 1, "max_guests": 1}],
    ...     "guests": [{"id": "g"}, {"id": "h"}], "role_fit": False})
    >>> plan_violations(p, [Seat("s", "t", "g")])
    []
    >>> plan_violations(p, [Seat("s", "t", "g"), Seat("s", "t", "h")])
    ['tafel t in sessie s: 2 gasten, maximaal 1']
    """
    out: list[str] = []
    valid = _known_seats(problem, _seats_of(plan), out)
    _check_counts(problem, valid, out)
    _check_mixing(problem, valid, out)
    _check_demands(problem, valid, out)
    return out


def _known_seats(problem: SeatingProblem, seats: Iterable[Seat], out: list[str]) -> list[Seat]:
    """Seats with known ids, each once; duplicates and unknown ids are reported in ``out``."""
    guests = set(problem.guest_ids)
    tables = set(problem.table_ids)
    sessions = set(problem.session_ids)
    valid: list[Seat] = []
    seen: set[Seat] = set()
    for seat in seats:
        if seat in seen:
            out.append(f"dubbele plaats: {seat.guest} aan {seat.table} in {seat.session}")
            continue
        seen.add(seat)
        bad = [
            f"onbekende {what} {v!r}"
            for what, v, known in (
                ("gast", seat.guest, guests),
                ("tafel", seat.table, tables),
                ("sessie", seat.session, sessions),
            )
            if v not in known
        ]
        if bad:
            out.append(f"plaats {seat.guest}/{seat.table}/{seat.session}: " + ", ".join(bad))
        else:
            valid.append(seat)
    return valid


def _check_counts(problem: SeatingProblem, valid: list[Seat], out: list[str]) -> None:
    """Availability, conflicts of interest, table bounds and guest limits."""
    per_ts: Counter[tuple[str, str]] = Counter()
    per_gs: Counter[tuple[str, str]] = Counter()
    per_g: Counter[str] = Counter()
    for seat in valid:
        team = problem.table(seat.table).team_id
        per_ts[(seat.table, seat.session)] += 1
        per_gs[(seat.guest, seat.session)] += 1
        per_g[seat.guest] += 1
        if not problem.available(seat.guest, seat.session):
            out.append(f"gast {seat.guest} is niet beschikbaar in sessie {seat.session}")
        if (seat.guest, team) in problem.forbidden:
            out.append(f"gast {seat.guest} mag niet aan tafel bij team {team} (belangenconflict)")
    for t in problem.tables:
        for s in problem.sessions:
            n = per_ts[(t.id, s.id)]
            lo, hi = problem.bounds(t.id, s.id)
            if n < lo:
                out.append(f"tafel {t.id} in sessie {s.id}: {n} gasten, minimaal {lo}")
            if n > hi:
                out.append(f"tafel {t.id} in sessie {s.id}: {n} gasten, maximaal {hi}")
    _check_loads(problem, per_gs, per_g, out)


def _tables(n: int) -> str:
    return f"{n} tafel" if n == 1 else f"{n} tafels"


def _check_loads(
    problem: SeatingProblem,
    per_gs: Counter[tuple[str, str]],
    per_g: Counter[str],
    out: list[str],
) -> None:
    """Each guest's tables per session and over the edition within its load."""
    for (gid, sid), n in sorted(per_gs.items()):
        hi = problem.guest_max_per_session(gid)
        if n > hi:
            out.append(f"gast {gid} zit in sessie {sid} aan {_tables(n)}, maximaal {hi}")
    for g in problem.guests:
        lo = problem.guest_min_per_session(g.id)
        if lo:
            for s in problem.sessions:
                n = per_gs[(g.id, s.id)]
                if problem.available(g.id, s.id) and n < lo:
                    out.append(f"gast {g.id} zit in sessie {s.id} aan {_tables(n)}, minimaal {lo}")
        n = per_g[g.id]
        hi, lo = problem.guest_max_tables(g.id), problem.guest_min_tables(g.id)
        if n > hi:
            out.append(f"gast {g.id} zit aan {_tables(n)}, maximaal {hi}")
        if n < lo:
            out.append(f"gast {g.id} zit aan {_tables(n)}, minimaal {lo}")


def _check_mixing(problem: SeatingProblem, valid: list[Seat], out: list[str]) -> None:
    """A guest sits at a table once and meets a team once; organisation (kind) diversity per
    table and session."""
    per_gt = Counter((seat.guest, seat.table) for seat in valid)
    for (g, t), n in sorted(per_gt.items()):
        if n > 1:
            out.append(f"gast {g} zit {n} keer aan tafel {t}")
    per_gteam = Counter((seat.guest, problem.table(seat.table).team_id) for seat in valid)
    for (g, team), n in sorted(per_gteam.items()):
        if n > 1:
            out.append(f"gast {g} zit {n} keer bij team {team}")
    per_ts: dict[tuple[str, str], list[str]] = defaultdict(list)
    for seat in valid:
        per_ts[(seat.table, seat.session)].append(seat.guest)
    for (tid, sid), gs in sorted(per_ts.items()):
        if problem.diversity_organisation:
            orgs = Counter(problem.guest(g).organisation or g for g in gs)
            for org, n in sorted(orgs.items()):
                if n > 1:
                    out.append(f"tafel {tid} in sessie {sid}: {n} gasten van organisatie {org}")
        if problem.diversity_org_kind:
            kinds = Counter(problem.guest(g).org_kind for g in gs)
            for kind, n in sorted(kinds.items()):
                if n > 1:
                    out.append(f"tafel {tid} in sessie {sid}: {n} gasten van soort {kind}")


def _check_demands(problem: SeatingProblem, valid: list[Seat], out: list[str]) -> None:
    """Role fit per team, required pairs and pinned seats."""
    if problem.role_fit:
        roles: dict[str, set[str]] = defaultdict(set)
        for t in problem.tables:
            roles[t.team_id].update(t.roles)
        met_fit: set[str] = set()
        for seat in valid:
            team = problem.table(seat.table).team_id
            if roles[team] and suits_any(roles[team], problem.guest(seat.guest).org_kind):
                met_fit.add(team)
        for team in problem.team_ids:
            if roles[team] and team not in met_fit:
                out.append(
                    f"team {team} ontmoet geen gast wiens organisatiesoort past bij zijn rollen "
                    f"({', '.join(sorted(roles[team]))})"
                )
    met = {(seat.guest, problem.table(seat.table).team_id) for seat in valid}
    for g, team in sorted(problem.required):
        if (g, team) not in met:
            out.append(f"verplicht paar ontbreekt: gast {g} bij team {team}")
    seated = set(valid)
    for p in problem.pinned:
        if p not in seated:
            out.append(f"vastgezette plaats ontbreekt: gast {p.guest} aan {p.table} in {p.session}")


def is_valid_plan(problem: SeatingProblem, plan: object) -> bool:
    """True when ``plan`` breaks no hard constraint of ``problem`` (see :func:`plan_violations`).

    Examples
    --------
    >>> from matcher.seating.jsonio import problem_from_json
    >>> p = problem_from_json({"sessions": [{"id": "s"}], "tables": [{"id": "t"}],
    ...     "guests": [{"id": "g", "available": []}]})
    >>> is_valid_plan(p, []), is_valid_plan(p, [Seat("s", "t", "g")])
    (True, False)
    """
    return not plan_violations(problem, plan)
