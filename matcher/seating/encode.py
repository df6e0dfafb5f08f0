"""Ids ↔ indices: turn a :class:`SeatingProblem` into the numpy matrices the solvers see.

The solvers (:mod:`~matcher.seating.cpsat`, :mod:`~matcher.seating.flow`,
:mod:`~matcher.seating.greedy`) work on :class:`Matrices` only — guests ``g``, tables ``t``,
sessions ``s`` and teams are integers; a plan is a boolean array ``x[g, t, s]``.
:class:`Encoding` maps back to ids.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from matcher.nsob import suits_any
from matcher.seating.problem import Seat, SeatingError, SeatingProblem

__all__ = ["RELEVANCE_SCALE", "Encoding", "Matrices", "encode"]

#: Relevance in [0, 1] becomes an integer in 0…RELEVANCE_SCALE.
RELEVANCE_SCALE = 100


@dataclass(frozen=True, eq=False, kw_only=True)
class Matrices:
    """The seating instance as arrays (``G`` guests, ``T`` tables, ``S`` sessions, ``K`` teams).

    Attributes
    ----------
    rel : int array (G, T)
        Relevance scaled to 0…:data:`RELEVANCE_SCALE`.
    novel : bool array (G, T)
        The table's team has not met the guest before.
    avail : bool array (G, S)
    allowed : bool array (G, T)
        False for forbidden guest × team pairs.
    cap_min, cap_max : int arrays (T, S)
    guest_max, guest_min : int arrays (G,)
        Most and fewest tables of a guest over the edition.
    session_max, session_min : int arrays (G,)
        Most and fewest tables of a guest in each session it attends.
    kept : bool array (G, T)
        Pairs left after pruning below the relevance floor (pinned seats and required pairs
        always stay).
    team : int array (T,)
        Team index of each table.
    org, kind : int arrays (G,)
        Organisation and organisation-kind index of each guest (a guest without an organisation
        gets an organisation of its own).
    fit : bool array (G, K)
        The guest's organisation kind suits an NSOB role the team studies.
    needs_fit : bool array (K,)
        The team must meet at least one suiting guest.
    required : int array (R, 2)
        (guest, team) pairs that must meet at least once.
    pinned : int array (P, 3)
        (guest, table, session) seats that are fixed.
    div_org, div_kind : bool
        At most one guest per organisation (organisation kind) at a table in a session.
    weights : tuple of int
        (relevance, novelty, exposure, fairness); under ``maxmin`` the fairness weight is 0 and
        the worst-served table is raised first, lexicographically.
    maxmin : bool
        Max-min fairness instead of the weighted fairness term.
    """

    rel: np.ndarray
    novel: np.ndarray
    avail: np.ndarray
    allowed: np.ndarray
    cap_min: np.ndarray
    cap_max: np.ndarray
    guest_max: np.ndarray
    guest_min: np.ndarray
    session_max: np.ndarray
    session_min: np.ndarray
    kept: np.ndarray
    team: np.ndarray
    org: np.ndarray
    kind: np.ndarray
    fit: np.ndarray
    needs_fit: np.ndarray
    required: np.ndarray
    pinned: np.ndarray
    div_org: bool
    div_kind: bool
    weights: tuple[int, int, int, int]
    maxmin: bool = False

    @property
    def shape(self) -> tuple[int, int, int]:
        return (self.rel.shape[0], self.rel.shape[1], self.avail.shape[1])

    @property
    def one_per_session(self) -> bool:
        """Every guest sits at most at one table per session, with no guest minimum."""
        return bool(
            (self.session_max <= 1).all()
            and not self.session_min.any()
            and not self.guest_min.any()
        )

    @property
    def n_teams(self) -> int:
        return int(self.needs_fit.shape[0])

    def seat_value(self) -> np.ndarray:
        """Linear objective value of a seat ``(g, t)``: relevance plus novelty points."""
        w_rel, w_nov, _, _ = self.weights
        return w_rel * self.rel.astype(np.int64) + w_nov * self.novel.astype(np.int64)

    def candidates(self) -> np.ndarray:
        """Bool (G, T, S): seats that availability, forbidden pairs and pruning allow."""
        pair = self.allowed & self.kept
        return pair[:, :, None] & self.avail[:, None, :] & (self.cap_max[None, :, :] > 0)

    def n_pairs(self) -> int:
        """Candidate seats: the number of seat variables of the model."""
        return int(self.candidates().sum())


@dataclass(frozen=True)
class Encoding:
    """Index maps between a problem's ids and matrix positions."""

    guests: tuple[str, ...]
    tables: tuple[str, ...]
    sessions: tuple[str, ...]
    teams: tuple[str, ...]

    def decode(self, x: np.ndarray) -> list[Seat]:
        """Seats of a boolean plan array ``x[g, t, s]``, sorted by session, table, guest."""
        gs, ts, ss = np.nonzero(x)
        return sorted(
            Seat(session=self.sessions[s], table=self.tables[t], guest=self.guests[g])
            for g, t, s in zip(gs.tolist(), ts.tolist(), ss.tolist(), strict=True)
        )

    def encode_seats(self, seats: Iterable[Seat], *, strict: bool = True) -> np.ndarray:
        """Boolean plan array of ``seats``; unknown ids raise (or are skipped when not strict)."""
        gi = {g: i for i, g in enumerate(self.guests)}
        ti = {t: i for i, t in enumerate(self.tables)}
        si = {s: i for i, s in enumerate(self.sessions)}
        x = np.zeros((len(self.guests), len(self.tables), len(self.sessions)), dtype=bool)
        for seat in seats:
            try:
                x[gi[seat.guest], ti[seat.table], si[seat.session]] = True
            except KeyError as e:
                if strict:
                    raise SeatingError(f"seat {seat}: unknown id {e.args[0]!r}") from None
        return x


def encode(problem: SeatingProblem) -> tuple[Matrices, Encoding]:
    """Matrices and index maps of a problem.

    Examples
    --------
    >>> from matcher.seating.jsonio import problem_from_json
    >>> p = problem_from_json({"sessions": [{"id": "s1"}, {"id": "s2"}],
    ...     "tables": [{"id": "t1", "max_guests": 2}],
    ...     "guests": [{"id": "g1", "available": ["s2"]}], "relevance": [[0.5]]})
    >>> m, enc = encode(p)
    >>> m.shape, m.rel.tolist(), m.avail.tolist()
    ((1, 1, 2), [[50]], [[False, True]])
    """
    sessions = tuple(problem.session_ids)
    tables = tuple(problem.table_ids)
    guests = tuple(problem.guest_ids)
    teams = tuple(problem.team_ids)
    gi = {g: i for i, g in enumerate(guests)}
    si = {s: i for i, s in enumerate(sessions)}
    ki = {k: i for i, k in enumerate(teams)}
    G, T, S, K = len(guests), len(tables), len(sessions), len(teams)

    rel = np.rint(problem.relevance_matrix() * RELEVANCE_SCALE).astype(np.int64)
    team = np.array([ki[t.team_id] for t in problem.tables], dtype=np.int64).reshape(T)
    avail = np.zeros((G, S), dtype=bool)
    for i, g in enumerate(problem.guests):
        if g.available is None:
            avail[i, :] = True
        else:
            for s in g.available:
                avail[i, si[s]] = True
    met = np.zeros((G, K), dtype=bool)
    for gid, kid in problem.met_before:
        met[gi[gid], ki[kid]] = True
    forb = np.zeros((G, K), dtype=bool)
    for gid, kid in problem.forbidden:
        forb[gi[gid], ki[kid]] = True
    cap_min = np.zeros((T, S), dtype=np.int64)
    cap_max = np.zeros((T, S), dtype=np.int64)
    for j, t in enumerate(problem.tables):
        for s_i, s in enumerate(sessions):
            cap_min[j, s_i], cap_max[j, s_i] = problem.bounds(t.id, s)

    def per_guest(load) -> np.ndarray:
        return np.array([load(g) for g in guests], dtype=np.int64).reshape(G)

    guest_max = per_guest(problem.guest_max_tables)

    orgs: dict[str, int] = {}
    org = np.zeros(G, dtype=np.int64)
    for i, g in enumerate(problem.guests):
        key = g.organisation or f"\0{g.id}"
        org[i] = orgs.setdefault(key, len(orgs))
    kinds: dict[str, int] = {}
    kind = np.array(
        [kinds.setdefault(g.org_kind, len(kinds)) for g in problem.guests], dtype=np.int64
    )
    kind = kind.reshape(G)

    fit, needs_fit = _role_fit(problem, teams)
    required = np.array(
        sorted((gi[gid], ki[kid]) for gid, kid in problem.required), dtype=np.int64
    ).reshape(-1, 2)
    ti = {t: i for i, t in enumerate(tables)}
    pinned = np.array(
        sorted({(gi[p.guest], ti[p.table], si[p.session]) for p in problem.pinned}), dtype=np.int64
    ).reshape(-1, 3)
    maxmin = problem.fairness == "maxmin"
    kept = problem.relevance_matrix() >= problem.relevance_floor - 1e-12
    if problem.relevance_floor > 0:
        for row, k in required.tolist():
            kept[row, team == k] = True
        for row, col, _ in pinned.tolist():
            kept[row, col] = True
    w = problem.weights
    m = Matrices(
        rel=rel,
        novel=~met[:, team] if T else np.zeros((G, 0), dtype=bool),
        avail=avail,
        allowed=~forb[:, team] if T else np.zeros((G, 0), dtype=bool),
        cap_min=cap_min,
        cap_max=cap_max,
        guest_max=guest_max,
        guest_min=per_guest(problem.guest_min_tables),
        session_max=per_guest(problem.guest_max_per_session),
        session_min=per_guest(problem.guest_min_per_session),
        kept=kept.reshape(G, T),
        team=team,
        org=org,
        kind=kind,
        fit=fit,
        needs_fit=needs_fit,
        required=required,
        pinned=pinned,
        div_org=problem.diversity_organisation,
        div_kind=problem.diversity_org_kind,
        weights=(w.relevance, w.novelty, w.exposure, 0 if maxmin else w.fairness),
        maxmin=maxmin,
    )
    return m, Encoding(guests=guests, tables=tables, sessions=sessions, teams=teams)


def _role_fit(problem: SeatingProblem, teams: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray]:
    """Which guests suit each team's NSOB roles, and which teams must meet such a guest."""
    G, K = len(problem.guests), len(teams)
    team_roles: dict[str, set[str]] = {k: set() for k in teams}
    for t in problem.tables:
        team_roles[t.team_id].update(t.roles)
    fit = np.zeros((G, K), dtype=bool)
    for k_i, k_id in enumerate(teams):
        roles = team_roles[k_id]
        if roles:
            for i, g in enumerate(problem.guests):
                fit[i, k_i] = suits_any(roles, g.org_kind)
    needs_fit = np.array([problem.role_fit and bool(team_roles[k]) for k in teams], dtype=bool)
    return fit, needs_fit.reshape(K)
