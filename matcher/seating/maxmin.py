"""Raise the worst-served table of a plain plan by exchanges that keep every constraint.

On an instance with loads and demands only (one session, no diversity, roles, required or
pinned seats — a plain flow instance), a plan stays valid when a guest with spare load takes the
place of the weakest guest at a table (or an empty place there), as long as the guest who leaves
keeps its minimum. :func:`raise_worst_table` applies the best such exchange to the worst-served
table again and again, until that table cannot be raised: the start of the max-min search
(:mod:`matcher.seating.engine`), so the lexicographic search begins from a good worst table
rather than from the plan with the best total.
"""

from __future__ import annotations

import numpy as np

from matcher.seating.encode import Matrices
from matcher.seating.flow import guest_loads
from matcher.seating.model import fairness_tables

__all__ = ["raise_worst_table"]


def raise_worst_table(m: Matrices, x: np.ndarray, *, max_moves: int | None = None) -> np.ndarray:
    """A copy of the plain plan ``x`` (G, T, 1) whose worst-served table is raised step by step.

    Examples
    --------
    >>> from matcher.seating.jsonio import problem_from_json
    >>> from matcher.seating.encode import encode
    >>> m, _ = encode(problem_from_json({"sessions": [{"id": "s"}],
    ...     "tables": [{"id": "a", "max_guests": 1}, {"id": "b", "max_guests": 1}],
    ...     "guests": [{"id": "g", "max_per_session": 2}, {"id": "h"}],
    ...     "relevance": [[0.9, 0.5], [0.2, 0.1]], "fairness": "maxmin",
    ...     "diversity": {"organisation": False}}))
    >>> x = np.zeros((2, 2, 1), bool); x[0, 0, 0] = x[1, 1, 0] = True
    >>> np.argwhere(raise_worst_table(m, x)[:, :, 0]).tolist()
    [[0, 0], [0, 1]]
    """
    x = np.asarray(x, dtype=bool).copy()
    seat = x[:, :, 0]
    g_lo, g_hi = guest_loads(m)
    ok = m.candidates()[:, :, 0]
    rel = m.rel.astype(np.int64)
    tabs = fairness_tables(m)
    load = seat.sum(axis=1)
    count = seat.sum(axis=0)
    score = (rel * seat).sum(axis=0)
    stuck: set[int] = set()
    moves = max_moves if max_moves is not None else 20 * max(1, tabs.size)
    for _ in range(moves):
        open_tabs = [t for t in tabs.tolist() if t not in stuck]
        if not open_tabs:
            break
        t = min(open_tabs, key=lambda j: (score[j], j))
        free = ok[:, t] & ~seat[:, t] & (load < g_hi)
        if not free.any():
            stuck.add(t)
            continue
        move = _best_move(t, seat, load, g_lo, g_hi, ok, rel, score, count, m.cap_max[:, 0])
        if move is None:
            stuck.add(t)
            continue
        for g, u, sign in move:
            seat[g, u] = sign > 0
            load[g] += sign
            score[u] += sign * rel[g, u]
            count[u] += sign
        stuck.clear()
    x[:, :, 0] = seat
    return x


def _best_move(
    t: int,
    seat: np.ndarray,
    load: np.ndarray,
    g_lo: np.ndarray,
    g_hi: np.ndarray,
    ok: np.ndarray,
    rel: np.ndarray,
    score: np.ndarray,
    count: np.ndarray,
    cap: np.ndarray,
) -> list[tuple[int, int, int]] | None:
    """The exchange that raises table ``t`` most while every other table stays above ``t``'s
    current score: ``[(guest, table, +1 or -1), ...]``, or ``None``."""
    floor = score[t]
    full = count[t] >= cap[t]
    here = np.flatnonzero(seat[:, t] & (load > g_lo))
    if full and here.size == 0:
        return None
    out = int(here[np.argmin(rel[here, t])]) if full else -1
    gain_floor = rel[out, t] if out >= 0 else 0
    leave = [(out, t, -1)] if out >= 0 else []
    can = ok[:, t] & ~seat[:, t] & (rel[:, t] > gain_floor)
    free = can & (load < g_hi)
    if free.any():  # a guest with spare load takes the place
        g = int(np.argmax(np.where(free, rel[:, t], -1)))
        return [*leave, (g, t, +1)]
    # a guest without spare load leaves another table u, where a guest with spare load replaces it
    for g in np.flatnonzero(can)[np.argsort(-rel[np.flatnonzero(can), t])][:20].tolist():
        for u in np.flatnonzero(seat[g]).tolist():
            spare = load < g_hi
            if out >= 0:
                spare[out] = True  # the guest leaving t has spare load now
            fill = ok[:, u] & ~seat[:, u] & spare
            fill[g] = False
            if not fill.any():
                continue
            h = int(np.argmax(np.where(fill, rel[:, u], -1)))
            if score[u] - rel[g, u] + rel[h, u] > floor:
                return [*leave, (g, u, -1), (h, u, +1), (g, t, +1)]
    return None
