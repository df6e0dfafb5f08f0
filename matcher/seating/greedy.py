"""Greedy baseline seating on matrices: what a careful facilitator does in a spreadsheet.

Order of work: pinned seats, required pairs, each team's role requirement, table minimums (best
guest first), then fill the remaining places in rounds — round ``k`` only seats guests who have fewer
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
        self.busy: set[tuple[int, int]] = set()
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
            (g, s) in self.busy
            or self.count[t][s] >= self.cap[t][s]
            or self.seats[g] >= self.gmax[g]
            or (g, self.team[t]) in self.met
            or (self.m.div_org and (t, s, self.org[g]) in self.orgs)
            or (self.m.div_kind and (t, s, self.kind[g]) in self.kinds)
        )

    def put(self, g: int, t: int, s: int) -> None:
        self.x[g, t, s] = True
        self.busy.add((g, s))
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


def greedy_plan(m: Matrices) -> np.ndarray | None:
    """A feasible plan array ``x[g, t, s]`` built greedily, or ``None`` when the greedy fails.

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
    _G, _T, S = m.shape
    value = m.seat_value()
    for g, t, s in m.pinned.tolist():
        if not (st.cand[g, t, s] and st.ok(g, t, s)):
            return None
        st.put(g, t, s)
    all_seats = np.argwhere(st.cand)
    for g, k in m.required.tolist():
        if (g, k) in st.met:
            continue
        rows = all_seats[(all_seats[:, 0] == g) & (m.team[all_seats[:, 1]] == k)]
        pick = st.best(rows, value)
        if pick is None:
            return None
        st.put(*pick)
    for k in np.flatnonzero(m.needs_fit).tolist():
        if (st.x[:, m.team == k, :].any(axis=(1, 2)) & m.fit[:, k]).any():  # already met
            continue
        rows = all_seats[(m.team[all_seats[:, 1]] == k) & m.fit[all_seats[:, 0], k]]
        pick = st.best(rows, value)
        if pick is None:
            return None
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
            return None
        st.put(*pick)
    # fill in rounds, best value first
    order = np.argsort(-value[all_seats[:, 0], all_seats[:, 1]], kind="stable")
    ranked = all_seats[order].tolist()
    seat_count = st.seats
    for k in range(1, S + 1):
        for g, t, s in ranked:
            if seat_count[g] < k and st.ok(g, t, s):
                st.put(g, t, s)
    return st.x
