"""Edits of a seating problem used by re-planning and what-ifs: add a table, remove guests."""

from __future__ import annotations

import dataclasses

import numpy as np

from matcher.seating.problem import SeatingError, SeatingProblem, SeatingTable

__all__ = ["add_table", "remove_guests"]


def add_table(
    problem: SeatingProblem,
    team: str,
    *,
    table_id: str | None = None,
    name: str | None = None,
    max_guests: int | None = None,
    min_guests: int = 0,
) -> SeatingProblem:
    """A copy of ``problem`` with one more table for ``team`` (same roles, challenge, relevance).

    Examples
    --------
    >>> from matcher.seating.jsonio import problem_from_json
    >>> p = problem_from_json({"sessions": [{"id": "s"}],
    ...     "tables": [{"id": "t1", "team": "k", "max_guests": 3}], "guests": []})
    >>> [(t.id, t.team, t.max_guests) for t in add_table(p, "k").tables]
    [('t1', 'k', 3), ('t1+2', 'k', 3)]
    """
    base = next((t for t in problem.tables if t.team_id == team), None)
    if base is None:
        raise SeatingError(f"add_table.team: unknown team {team!r}")
    j = problem.table_ids.index(base.id)
    n = sum(1 for t in problem.tables if t.team_id == team) + 1
    new_id = table_id or f"{base.id}+{n}"
    while table_id is None and new_id in problem.table_ids:
        n += 1
        new_id = f"{base.id}+{n}"
    if new_id in problem.table_ids:
        raise SeatingError(f"add_table.table_id: table {new_id!r} already exists")
    hi = max(problem.bounds(base.id, s)[1] for s in problem.session_ids)
    extra = SeatingTable(
        id=new_id,
        name=name or f"{base.label} (extra {n})",
        team=team,
        min_guests=min_guests,
        max_guests=max_guests if max_guests is not None else max(hi, 1),
        roles=base.roles,
        challenge=base.challenge,
        team_name=base.team_name,
    )
    rel = None
    if problem.relevance is not None:
        r = problem.relevance_matrix()
        rel = np.concatenate([r, r[:, j : j + 1]], axis=1)
    return dataclasses.replace(problem, tables=(*problem.tables, extra), relevance=rel)


def remove_guests(problem: SeatingProblem, guest_ids: list[str]) -> SeatingProblem:
    """A copy of ``problem`` without the given guests (and their pairs, pins and relevance rows).

    Examples
    --------
    >>> from matcher.seating.jsonio import problem_from_json
    >>> p = problem_from_json({"sessions": [{"id": "s"}], "tables": [{"id": "t"}],
    ...     "guests": [{"id": "a"}, {"id": "b"}], "relevance": [[0.1], [0.2]]})
    >>> q = remove_guests(p, ["a"])
    >>> q.guest_ids, q.relevance.tolist()
    (['b'], [[0.2]])
    """
    gone = set(guest_ids)
    unknown = gone - set(problem.guest_ids)
    if unknown:
        raise SeatingError(f"cancel: unknown guest(s) {', '.join(sorted(unknown))}")
    keep = [i for i, g in enumerate(problem.guests) if g.id not in gone]
    rel = None if problem.relevance is None else problem.relevance_matrix()[keep]
    return dataclasses.replace(
        problem,
        guests=tuple(problem.guests[i] for i in keep),
        relevance=rel,
        met_before=frozenset(p for p in problem.met_before if p[0] not in gone),
        forbidden=frozenset(p for p in problem.forbidden if p[0] not in gone),
        required=frozenset(p for p in problem.required if p[0] not in gone),
        pinned=tuple(p for p in problem.pinned if p.guest not in gone),
    )
