"""Greedy baseline seating on matrices: what a careful facilitator does in a spreadsheet.

Order of work: pinned seats, the seats of a preferred plan when one is given (e.g. the exact
flow plan of a relaxation: the greedy then *repairs* it into a plan that keeps every constraint),
required pairs, each team's role requirement, table minimums (best guest first), guest minimums,
then fill the remaining places in rounds — round ``k`` only seats guests who have fewer
than ``k`` seats, best relevance first — so exposure spreads over guests. Every step keeps all hard
constraints; when a pinned seat, required pair, role requirement or minimum cannot be met this way
the greedy gives up (``None``), which does not prove infeasibility.
"""

from __future__ import annotations

import numpy as np

from matcher.seating.encode import Matrices

__all__ = ["greedy_plan"]


class _State:
    """Counters of a partial plan; plain Python containers, as the checks run per candidate."""

    def __init__(self, m: Matrices) -> None:
        self.m = m
        G, T, S = m.shape
        self.cand = m.candidates()
        self.x = np.zeros((G, T, S), dtype=bool)
        self.busy: dict[tuple[int, int], int] = {}
        self.smax = m.session_max.tolist()
        self.free = int(m.cap_max.sum())
        self.count = [[0] * S for _ in range(T)]
        self.cap = m.cap_max.tolist()
        self.seats = [0] * G
        self.gmax = m.guest_max.tolist()
        self.team = m.team.tolist()
        self.org = m.org.tolist()
        self.kind = m.kind.tolist()
        self.met: set[tuple[int, int]] = set()
        self.orgs: set[tuple[int, int, int]] = set()
        self.kinds: set[tuple[int, int, int]] = set()

    def ok(self, g: int, t: int, s: int) -> bool:
        """May guest ``g`` take a place at table ``t`` in session ``s`` (a candidate seat)?"""
        return not (
            self.busy.get((g, s), 0) >= self.smax[g]
            or self.x[g, t, s]
            or self.count[t][s] >= self.cap[t][s]
            or self.seats[g] >= self.gmax[g]
            or (g, self.team[t]) in self.met
            or (self.m.div_org and (t, s, self.org[g]) in self.orgs)
            or (self.m.div_kind and (t, s, self.kind[g]) in self.kinds)
        )

    def put(self, g: int, t: int, s: int) -> None:
        self.x[g, t, s] = True
        self.busy[(g, s)] = self.busy.get((g, s), 0) + 1
        self.free -= 1
        self.count[t][s] += 1
        self.seats[g] += 1
        self.met.add((g, self.team[t]))
        self.orgs.add((t, s, self.org[g]))
        self.kinds.add((t, s, self.kind[g]))

    def best(self, seats: np.ndarray, value: np.ndarray) -> tuple[int, int, int] | None:
        """The feasible seat among ``seats`` (rows of g, t, s) with the highest value."""
        if seats.size == 0:
            return None
        order = np.argsort(-value[seats[:, 0], seats[:, 1]], kind="stable")
        for g, t, s in seats[order].tolist():
            if self.ok(g, t, s):
                return g, t, s
        return None


def greedy_plan(m: Matrices, prefer: np.ndarray | None = None) -> np.ndarray | None:
    """A feasible plan array ``x[g, t, s]`` built greedily, or ``None`` when the greedy fails.

    ``prefer`` (a plan array) lists seats to take first, best value first, where they keep every
    constraint.

    Examples
    --------
    >>> from matcher.seating.jsonio import problem_from_json
    >>> from matcher.seating.encode import encode
    >>> m, enc = encode(problem_from_json({"sessions": [{"id": "s"}],
    ...     "tables": [{"id": "a", "max_guests": 1}, {"id": "b", "max_guests": 1}],
    ...     "guests": [{"id": "g"}, {"id": "h"}], "relevance": [[0.9, 0.8], [0.8, 0.1]]}))
    >>> [(p.guest, p.table) for p in enc.decode(greedy_plan(m))]
    [('g', 'a'), ('h', 'b')]
    """
    st = _State(m)
    value = m.seat_value()
    for g, t, s in m.pinned.tolist():
        if not (st.cand[g, t, s] and st.ok(g, t, s)):
            return None
        st.put(g, t, s)
    if prefer is not None:
        want = np.argwhere(np.asarray(prefer, dtype=bool) & st.cand)
        order = np.argsort(-value[want[:, 0], want[:, 1]], kind="stable")
        for g, t, s in want[order].tolist():
            if st.ok(g, t, s):
                st.put(g, t, s)
    all_seats = np.argwhere(st.cand)
    if not _demands(m, st, all_seats, value):
        return None
    _fill(m, st, all_seats, value)
    return st.x


def _demands(m: Matrices, st: _State, all_seats: np.ndarray, value: np.ndarray) -> bool:
    """Required pairs, role fit, table minimums, guest minimums; False when one cannot be met."""
    for g, k in m.required.tolist():
        if (g, k) in st.met:
            continue
        rows = all_seats[(all_seats[:, 0] == g) & (m.team[all_seats[:, 1]] == k)]
        pick = st.best(rows, value)
        if pick is None:
            return False
        st.put(*pick)
    for k in np.flatnonzero(m.needs_fit).tolist():
        if (st.x[:, m.team == k, :].any(axis=(1, 2)) & m.fit[:, k]).any():  # already met
            continue
        rows = all_seats[(m.team[all_seats[:, 1]] == k) & m.fit[all_seats[:, 0], k]]
        pick = st.best(rows, value)
        if pick is None:
            return False
        st.put(*pick)
    # minimums: the table-session furthest below its minimum first
    while True:
        short = m.cap_min - np.array(st.count, dtype=np.int64).reshape(m.cap_min.shape)
        if short.max(initial=0) <= 0:
            break
        t, s = np.unravel_index(int(np.argmax(short)), short.shape)
        rows = all_seats[(all_seats[:, 1] == t) & (all_seats[:, 2] == s)]
        # prefer guests with few seats so far, then value
        seats = np.array(st.seats, dtype=np.int64)
        pick = None
        for few in sorted(set(seats[rows[:, 0]].tolist())) if rows.size else []:
            pick = st.best(rows[seats[rows[:, 0]] == few], value)
            if pick is not None:
                break
        if pick is None:
            return False
        st.put(*pick)
    return _guest_minimums(m, st, all_seats, value)


def _guest_minimums(m: Matrices, st: _State, all_seats: np.ndarray, value: np.ndarray) -> bool:
    """Seat guests below their session or edition minimum at their best open tables."""
    if not (m.guest_min.any() or m.session_min.any()):
        return True
    by_guest = np.argsort(all_seats[:, 0], kind="stable")
    starts = np.searchsorted(all_seats[by_guest, 0], np.arange(m.shape[0] + 1))
    for g in range(m.shape[0]):
        rows = all_seats[by_guest[starts[g] : starts[g + 1]]]
        for s in np.flatnonzero(m.avail[g]).tolist():
            while st.busy.get((g, s), 0) < m.session_min[g]:
                pick = st.best(rows[rows[:, 2] == s], value)
                if pick is None:
                    return False
                st.put(*pick)
        while st.seats[g] < m.guest_min[g]:
            pick = st.best(rows, value)
            if pick is None:
                return False
            st.put(*pick)
    return True


def _fill(m: Matrices, st: _State, all_seats: np.ndarray, value: np.ndarray) -> None:
    """Fill the remaining places in rounds, best value first; round k seats guests below k."""
    order = np.argsort(-value[all_seats[:, 0], all_seats[:, 1]], kind="stable")
    ranked = all_seats[order].tolist()
    seat_count = st.seats
    rounds = int(m.guest_max.max(initial=0))
    for k in range(1, rounds + 1):
        if st.free <= 0:
            break
        for g, t, s in ranked:
            if seat_count[g] < k and st.ok(g, t, s):
                st.put(g, t, s)
