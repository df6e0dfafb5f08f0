"""Read a programme edition from the store as a :class:`SeatingProblem`; write a plan back.

An edition has sessions (``Session.edition``), tables (``Table.edition``, one per team) and guests:
contacts with AVAILABLE_FOR edges to its sessions. From the graph around them:

* organisation and its kind — the contact's WORKS_AT edge (diversity, NSOB role fit);
* *met before* — a member of the table's team (MEMBER_OF) had an INTERACTED edge with the contact
  before the edition started (novelty);
* *forbidden* — a CONFLICT edge against the guest's organisation, active during the edition, from
  the team, one of its members, or a dossier a member works on (WORKS_ON);
* *pinned* — SEATED_AT edges of this edition with ``pinned=True``;
* relevance — a given matrix, or from texts: contact expertise and organisation description
  against the team's challenge.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import numpy as np

from graph.model import (
    Contact,
    Edition,
    Organisation,
    SeatedAt,
    Session,
    Table,
    Team,
)
from graph.store import GraphStore
from matcher.seating.plan import SeatingPlan
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

__all__ = ["plan_from_store", "problem_from_store", "save_plan"]


def _edition_parts(
    store: GraphStore, edition_id: str
) -> tuple[Edition, list[Session], list[Table]]:
    try:
        edition = store.get_node(edition_id)
    except KeyError:
        raise SeatingError(f"edition {edition_id!r}: not in the store") from None
    if not isinstance(edition, Edition):
        raise SeatingError(f"edition {edition_id!r}: is a {edition.KIND}, not an edition")
    sessions = sorted(
        (s for s in store.nodes("session") if isinstance(s, Session) and s.edition == edition_id),
        key=lambda s: (s.start, s.id),
    )
    tables = sorted(
        (t for t in store.nodes("table") if isinstance(t, Table) and t.edition == edition_id),
        key=lambda t: (t.number, t.id),
    )
    if not sessions:
        raise SeatingError(f"edition {edition_id!r}: has no sessions")
    if not tables:
        raise SeatingError(f"edition {edition_id!r}: has no tables")
    return edition, sessions, tables


def problem_from_store(
    store: GraphStore,
    edition_id: str,
    relevance: Any = None,
    *,
    max_tables: int | None = None,
    min_tables: int = 0,
    max_per_session: int = 1,
    min_per_session: int = 0,
    fairness: str = "weighted",
    diversity_org_kind: bool = False,
    weights: ObjectiveWeights | None = None,
) -> SeatingProblem:
    """The seating problem of a programme edition.

    Parameters
    ----------
    store : GraphStore
    edition_id : str
        e.g. ``"edition:24"``.
    relevance : array or scorer, optional
        A guests × tables matrix in [0, 1] (guest order: contact id; table order: table number),
        or a text scorer with ``fit``/``score`` (``TextRelevance``); ``None`` uses
        ``TextRelevance(store=store)`` with the default encoder.
    max_tables : int, optional
        Most tables per guest over the edition (default: ``max_per_session`` per session).
    min_tables, max_per_session, min_per_session : int
        The other guest loads: fewest tables over the edition, most and fewest per session
        (every guest of the edition; see :class:`~matcher.seating.problem.SeatingProblem`).
    fairness : {"weighted", "maxmin"}

    Examples
    --------
    >>> from graph.sqlite_store import SqliteGraphStore
    >>> from matcher.seating.fromstore import problem_from_store
    >>> store = SqliteGraphStore(":memory:")  # doctest: +SKIP
    >>> problem_from_store(store, "edition:24")  # doctest: +SKIP
    """
    edition, sessions, tables = _edition_parts(store, edition_id)
    guests = _edition_guests(store, sessions, edition.start_date)
    seat_tables = _seating_tables(store, tables)
    met, forbidden = _met_and_forbidden(store, tables, guests, edition)
    pinned = _pinned_seats(store, sessions, tables, guests)
    if isinstance(relevance, np.ndarray | list):
        rel = np.asarray(relevance, dtype=float)
    else:
        scorer = relevance
        if scorer is None:
            from matcher.text.relevance import TextRelevance

            scorer = TextRelevance(store=store)
        rel = text_relevance(guests, seat_tables, scorer)
    return SeatingProblem(
        sessions=tuple(SeatingSession(s.id, s.name) for s in sessions),
        tables=tuple(seat_tables),
        guests=tuple(guests),
        relevance=rel,
        met_before=frozenset(met),
        forbidden=frozenset(forbidden),
        pinned=pinned,
        diversity_org_kind=diversity_org_kind,
        max_tables=max_tables,
        min_tables=min_tables,
        max_per_session=max_per_session,
        min_per_session=min_per_session,
        fairness=fairness,
        weights=weights or ObjectiveWeights(),
        name=edition_id,
    )


def _edition_guests(store: GraphStore, sessions: list[Session], start: dt.date) -> list[Guest]:
    """Contacts available for the edition's sessions, with their organisation on ``start``."""
    session_ids = {s.id for s in sessions}
    avail: dict[str, set[str]] = defaultdict(set)
    for e in store.edges("AVAILABLE_FOR"):
        if e.target in session_ids:
            avail[e.source].add(e.target)
    contacts = store.get_nodes(sorted(avail))
    guests: list[Guest] = []
    session_order = [s.id for s in sessions]
    for cid in sorted(avail):
        c = contacts.get(cid)
        if not isinstance(c, Contact):
            raise SeatingError(f"AVAILABLE_FOR {cid} → session: source is not a contact")
        works_at = [
            (n.node, n.edge)
            for n in store.neighbours(cid, edge_kinds=["WORKS_AT"], direction="out")
            if isinstance(n.node, Organisation)
        ]
        orgs = [o for o, e in works_at if e.active_on(start)] or [o for o, _ in works_at]
        org = orgs[0] if orgs else None
        guests.append(
            Guest(
                id=cid,
                name=c.name,
                organisation=org.id if org else "",
                organisation_name=org.name if org else "",
                org_kind=org.org_kind.value if org else "other",
                available=tuple(s for s in session_order if s in avail[cid]),
                texts=tuple(
                    t for t in (c.expertise, c.role, org.description if org else "") if t.strip()
                ),
            )
        )
    return guests


def _seating_tables(store: GraphStore, tables: list[Table]) -> list[SeatingTable]:
    """The edition's tables with their team's name, NSOB roles and challenge."""
    teams: dict[str, Team] = {}
    for t in tables:
        if t.team:
            node = store.get_nodes([t.team]).get(t.team)
            if isinstance(node, Team):
                teams[t.team] = node
    out = []
    for t in tables:
        team = teams.get(t.team)
        out.append(
            SeatingTable(
                id=t.id,
                name=t.name,
                team=t.team or t.id,
                team_name=team.name if team else "",
                min_guests=t.min_guests,
                max_guests=t.max_guests,
                roles=tuple(r.value for r in team.roles) if team else (),
                challenge=team.challenge if team else "",
            )
        )
    return out


def _met_and_forbidden(
    store: GraphStore, tables: list[Table], guests: list[Guest], edition: Edition
) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """Guest × team pairs that met before the edition, and pairs a conflict of interest forbids."""
    start, end = edition.start_date, edition.end_date
    guest_ids = {g.id for g in guests}
    met: set[tuple[str, str]] = set()
    forbidden: set[tuple[str, str]] = set()
    before = start - dt.timedelta(days=1)
    conflicts = [e for e in store.edges("CONFLICT") if e.active_on(start) or e.active_on(end)]
    conflict_by_source: dict[str, set[str]] = defaultdict(set)
    for e in conflicts:
        conflict_by_source[e.source].add(e.target)
    for team_id in {t.team for t in tables if t.team}:
        members = [
            n.node.id for n in store.neighbours(team_id, edge_kinds=["MEMBER_OF"], direction="in")
        ]
        bad_orgs = set(conflict_by_source.get(team_id, set()))
        for sid in members:
            for e in store.edges("INTERACTED", source=sid, until=before):
                if e.target in guest_ids:
                    met.add((e.target, team_id))
            bad_orgs |= conflict_by_source.get(sid, set())
            for w in store.edges("WORKS_ON", source=sid):
                bad_orgs |= conflict_by_source.get(w.target, set())
        for g in guests:
            if g.organisation and g.organisation in bad_orgs:
                forbidden.add((g.id, team_id))
    return met, forbidden


def _pinned_seats(
    store: GraphStore, sessions: list[Session], tables: list[Table], guests: list[Guest]
) -> tuple[Seat, ...]:
    """The edition's SEATED_AT edges marked ``pinned``."""
    session_ids = {s.id for s in sessions}
    table_ids = {t.id for t in tables}
    guest_ids = {g.id for g in guests}
    return tuple(
        Seat(session=e.key or e.session, table=e.target, guest=e.source)
        for e in store.edges("SEATED_AT")
        if isinstance(e, SeatedAt)
        and e.pinned
        and e.target in table_ids
        and e.source in guest_ids
        and (e.key or e.session) in session_ids
    )


def plan_from_store(store: GraphStore, edition_id: str) -> list[Seat]:
    """The edition's current seats (its SEATED_AT edges)."""
    _, sessions, tables = _edition_parts(store, edition_id)
    table_ids = {t.id for t in tables}
    session_ids = {s.id for s in sessions}
    return sorted(
        Seat(session=e.key or e.session, table=e.target, guest=e.source)
        for e in store.edges("SEATED_AT")
        if isinstance(e, SeatedAt) and e.target in table_ids and (e.key or e.session) in session_ids
    )


def save_plan(
    store: GraphStore,
    edition_id: str,
    plan: SeatingPlan,
    problem: SeatingProblem,
    *,
    delete_edges: Sequence[tuple[str, str, str, str]] = (),
) -> tuple[int, int]:
    """Store ``plan`` as the edition's SEATED_AT edges, replacing its previous plan.

    One transaction (all or nothing) writes the new seats and any table the plan uses that the
    store does not have yet (a table added while re-planning), deletes the edition's seats that are
    not in the new plan, and deletes the extra ``delete_edges`` (e.g. a cancelled guest's
    availability). Returns ``(written, deleted)`` seats.
    """
    if not plan.feasible:
        raise SeatingError(f"plan for {edition_id}: status {plan.status}, nothing to save")
    from matcher.seating.validate import plan_violations

    bad = plan_violations(problem, plan)
    if bad:
        raise SeatingError(f"plan for {edition_id} is not valid: {'; '.join(bad[:3])}")
    sessions = {s.id: s for s in store.nodes("session") if isinstance(s, Session)}
    pinned = set(problem.pinned)
    edges = [
        SeatedAt(
            source=s.guest,
            target=s.table,
            key=s.session,
            session=s.session,
            date=sessions[s.session].start.date() if s.session in sessions else None,
            pinned=s in pinned,
        )
        for s in plan.seats
    ]
    stored_tables = [
        t for t in store.nodes("table") if isinstance(t, Table) and t.edition == edition_id
    ]
    known = {t.id for t in stored_tables}
    number = max((t.number for t in stored_tables), default=0)
    new_tables = []
    for tid in dict.fromkeys([*problem.table_ids, *(s.table for s in plan.seats)]):
        if tid in known or store.has_node(tid):
            continue
        spec = problem.table(tid)
        number += 1
        new_tables.append(
            Table(
                id=tid,
                name=spec.name or f"Tafel {number}",
                edition=edition_id,
                number=number,
                team=spec.team if spec.team != tid else "",
                min_guests=spec.min_guests,
                max_guests=spec.max_guests,
            )
        )
    keep = set(plan.seats)
    stale = [s for s in plan_from_store(store, edition_id) if s not in keep]
    deletes = [("SEATED_AT", s.guest, s.table, s.session) for s in stale]
    store.write(nodes=new_tables, edges=edges, delete_edges=[*deletes, *delete_edges])
    return len(edges), len(stale)
