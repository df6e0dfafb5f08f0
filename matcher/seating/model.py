"""One linear formulation of the seating problem, shared by CP-SAT and the LP relaxation.

:func:`formulate` turns :class:`~matcher.seating.encode.Matrices` into a :class:`LinearModel`:
integer variables with bounds, an integer objective (maximised) and linear rows, each row tagged
with the constraint *group* it belongs to (``("min", t, s)``, ``("diversity_org", t, s, o)``, …)
so the diagnosis can switch groups off and name the ones that bind. :func:`evaluate` computes the
same objective for any plan array, so greedy, flow and CP-SAT plans are compared on one scale.

Variables: ``x[g, t, s]`` for every candidate seat; ``y[g, k]`` (exposure: the guest has at least
``k`` seats) and ``z`` (fairness: the worst table's relevance total).
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field

import numpy as np

from matcher.seating.encode import Matrices

__all__ = [
    "LinearModel",
    "ObjectiveTerms",
    "Row",
    "evaluate",
    "fairness_tables",
    "formulate",
    "possible_seats",
    "table_scores",
    "worst_table_bound",
]

Group = tuple[Hashable, ...]


@dataclass(frozen=True, kw_only=True)
class Row:
    """``lo <= sum(coef * var[idx]) <= hi`` (``None`` = unbounded)."""

    idx: np.ndarray
    coef: np.ndarray
    lo: int | None
    hi: int | None
    group: Group


@dataclass(kw_only=True)
class LinearModel:
    """Variables, objective and rows; the first ``n_x`` variables are the seats ``xg, xt, xs``."""

    shape: tuple[int, int, int]
    xg: np.ndarray
    xt: np.ndarray
    xs: np.ndarray
    lb: np.ndarray
    ub: np.ndarray
    obj: np.ndarray
    rows: list[Row] = field(default_factory=list)
    y_index: dict[tuple[int, int], int] = field(default_factory=dict)
    z_index: int | None = None
    offset: int = 0

    @property
    def n_x(self) -> int:
        return int(self.xg.shape[0])

    @property
    def n_vars(self) -> int:
        return int(self.lb.shape[0])

    def plan_from_values(self, values: np.ndarray) -> np.ndarray:
        """Boolean plan array (G, T, S) from a vector of variable values."""
        x = np.zeros(self.shape, dtype=bool)
        on = np.asarray(values[: self.n_x]) > 0.5
        x[self.xg[on], self.xt[on], self.xs[on]] = True
        return x

    def values_from_plan(self, m: Matrices, x: np.ndarray) -> np.ndarray:
        """Variable values of a plan (auxiliaries set to their best value); for hints."""
        vals = np.zeros(self.n_vars, dtype=np.int64)
        vals[: self.n_x] = x[self.xg, self.xt, self.xs]
        seats = x.sum(axis=(1, 2))
        for (g, k), v in self.y_index.items():
            vals[v] = int(seats[g] >= k)
        if self.z_index is not None:
            vals[self.z_index] = int(table_scores(m, x)[fairness_tables(m)].min(initial=0))
        return vals

    def add(
        self, idx: np.ndarray, coef: np.ndarray, lo: int | None, hi: int | None, group: Group
    ) -> None:
        self.rows.append(
            Row(
                idx=np.asarray(idx, np.int64),
                coef=np.asarray(coef, np.int64),
                lo=lo,
                hi=hi,
                group=group,
            )
        )


def fairness_tables(m: Matrices) -> np.ndarray:
    """Tables that can host guests at all: the max-min fairness term is taken over these."""
    return np.flatnonzero(m.cap_max.sum(axis=1) > 0)


def worst_table_bound(m: Matrices) -> int:
    """An upper bound on the worst-served table's relevance total: each table filled with its
    most relevant candidate guests up to its places over all sessions (a guest once per table).

    Examples
    --------
    >>> from matcher.seating.jsonio import problem_from_json
    >>> from matcher.seating.encode import encode
    >>> m, _ = encode(problem_from_json({"sessions": [{"id": "s"}],
    ...     "tables": [{"id": "a", "max_guests": 2}, {"id": "b", "max_guests": 1}],
    ...     "guests": [{"id": "g"}, {"id": "h"}], "relevance": [[0.9, 0.3], [0.5, 0.2]]}))
    >>> worst_table_bound(m)
    30
    """
    tabs = fairness_tables(m)
    if not tabs.size or not m.shape[0]:
        return 0
    rel = np.where(m.candidates().any(axis=2), m.rel, 0)[:, tabs]
    best = -np.sort(-rel, axis=0).cumsum(axis=0)
    places = np.minimum(m.cap_max[tabs].sum(axis=1), rel.shape[0])
    top = np.where(places > 0, best[np.maximum(places - 1, 0), np.arange(tabs.size)], 0)
    return int(top.min())


def table_scores(m: Matrices, x: np.ndarray) -> np.ndarray:
    """Relevance total (scaled) of each table over all sessions."""
    return (m.rel[:, :, None] * x).sum(axis=(0, 2))


@dataclass(frozen=True)
class ObjectiveTerms:
    """The objective of a plan, term by term (integer points)."""

    relevance: int
    novelty: int
    exposure: int
    fairness: int

    @property
    def total(self) -> int:
        return self.relevance + self.novelty + self.exposure + self.fairness

    def as_dict(self) -> dict[str, int]:
        return {
            "relevance": self.relevance,
            "novelty": self.novelty,
            "exposure": self.exposure,
            "fairness": self.fairness,
            "total": self.total,
        }


def exposure_points(m: Matrices, seats: np.ndarray) -> np.ndarray:
    """Exposure points per guest with ``seats`` seats: the k-th seat earns ``w·(S − k)``."""
    S = m.shape[2]
    w = m.weights[2]
    k = np.minimum(np.asarray(seats, dtype=np.int64), S)
    return w * (k * S - k * (k + 1) // 2)


def evaluate(m: Matrices, x: np.ndarray) -> ObjectiveTerms:
    """Objective terms of a plan array ``x[g, t, s]`` (the value CP-SAT maximises).

    Examples
    --------
    >>> from matcher.seating.jsonio import problem_from_json
    >>> from matcher.seating.encode import encode
    >>> m, _ = encode(problem_from_json({"sessions": [{"id": "s"}],
    ...     "tables": [{"id": "t", "max_guests": 1}], "guests": [{"id": "g"}],
    ...     "relevance": [[0.4]]}))
    >>> evaluate(m, np.ones((1, 1, 1), bool)).as_dict()
    {'relevance': 400, 'novelty': 150, 'exposure': 0, 'fairness': 400, 'total': 950}
    """
    w_rel, w_nov, _, w_fair = m.weights
    x = np.asarray(x, dtype=bool)
    xs = x.sum(axis=2)
    rel = int(w_rel * (m.rel * xs).sum())
    nov = int(w_nov * (m.novel * xs).sum())
    exp = int(exposure_points(m, x.sum(axis=(1, 2))).sum())
    tabs = fairness_tables(m)
    fair = int(w_fair * table_scores(m, x)[tabs].min()) if (w_fair and tabs.size) else 0
    return ObjectiveTerms(relevance=rel, novelty=nov, exposure=exp, fairness=fair)


def _group_rows(
    model: LinearModel,
    keys: np.ndarray,
    sel: np.ndarray,
    lo: int | None,
    hi: int | None,
    name: str,
    decode,
    *,
    skip_trivial: bool = True,
) -> None:
    """One row ``lo <= sum x <= hi`` per distinct key among the selected seat variables."""
    var = np.flatnonzero(sel)
    if var.size == 0:
        return
    k = keys[var]
    order = np.argsort(k, kind="stable")
    k, var = k[order], var[order]
    uniq, start = np.unique(k, return_index=True)
    bounds = [*start.tolist(), int(var.size)]
    for i, key in enumerate(uniq.tolist()):
        idx = var[bounds[i] : bounds[i + 1]]
        if skip_trivial and lo is None and hi is not None and idx.size <= hi:
            continue
        model.add(idx, np.ones(idx.size, np.int64), lo, hi, (name, *decode(key)))


class _Buckets:
    """Seat variables grouped by an integer key (``key`` in ``0 … n - 1``)."""

    def __init__(self, keys: np.ndarray, n: int) -> None:
        self.order = np.argsort(keys, kind="stable")
        self.pos = np.concatenate([[0], np.cumsum(np.bincount(keys, minlength=n))])

    def __getitem__(self, key: int) -> np.ndarray:
        return self.order[self.pos[key] : self.pos[key + 1]]


def _objective_variables(
    m: Matrices, cand: np.ndarray, model: LinearModel, with_z: bool
) -> list[tuple[int, list[int]]]:
    """Add the exposure ``y[g, k]`` and fairness ``z`` variables after the seats; set bounds and
    objective. Returns each guest's ``y`` variable ids (for the linking rows)."""
    G, _, S = m.shape
    _, _, w_exp, w_fair = m.weights
    n = model.n_x
    lb = [np.zeros(n, np.int64)]
    ub = [np.ones(n, np.int64)]
    obj = [m.seat_value()[model.xg, model.xt]]
    # exposure: y[g, k] = guest g has at least k seats, k = 1 … min(S - 1, possible seats)
    y_rows: list[tuple[int, list[int]]] = []
    if w_exp and S > 1:
        possible = np.minimum(possible_seats(m), m.guest_max)
        for g in range(G):
            ks = list(range(1, int(min(S - 1, possible[g])) + 1))
            if not ks:
                continue
            ids = []
            for k in ks:
                model.y_index[(g, k)] = n
                ids.append(n)
                n += 1
            lb.append(np.zeros(len(ks), np.int64))
            ub.append(np.ones(len(ks), np.int64))
            obj.append(np.array([w_exp * (S - k) for k in ks], np.int64))
            y_rows.append((g, ids))
    if (w_fair or with_z) and fairness_tables(m).size:
        model.z_index = n
        lb.append(np.zeros(1, np.int64))
        ub.append(np.array([worst_table_bound(m)], np.int64))
        obj.append(np.array([w_fair], np.int64))
    model.lb = np.concatenate(lb)
    model.ub = np.concatenate(ub)
    model.obj = np.concatenate(obj).astype(np.int64)
    return y_rows


def possible_seats(m: Matrices) -> np.ndarray:
    """Most seats each guest could take ignoring its edition limit: per session, its session
    limit or the open tables, whichever is fewer."""
    open_tables = m.candidates().sum(axis=1)  # (G, S)
    return np.minimum(open_tables, m.session_max[:, None]).sum(axis=1)


def _guest_session_rows(m: Matrices, model: LinearModel, drop: frozenset[str]) -> None:
    """A guest's tables in one session: at most its session limit, at least its session minimum
    (in sessions it attends)."""
    S = m.shape[2]
    xg, xs = model.xg, model.xs
    if (m.session_max == 1).all() and not m.session_min.any():
        if "guest_session" not in drop:
            every = np.ones(xg.size, dtype=bool)
            _group_rows(model, xg * S + xs, every, None, 1, "guest_session", lambda k: divmod(k, S))
        return
    by_gs = _Buckets(xg * S + xs, m.shape[0] * S)
    for g in range(m.shape[0]):
        hi, lo = int(m.session_max[g]), int(m.session_min[g])
        for s in range(S):
            idx = by_gs[g * S + s]
            if "guest_session" not in drop and idx.size > hi:
                model.add(idx, np.ones(idx.size, np.int64), None, hi, ("guest_session", g, s))
            if "session_min" not in drop and lo > 0 and m.avail[g, s]:
                model.add(idx, np.ones(idx.size, np.int64), lo, None, ("session_min", g, s))


def _capacity_rows(m: Matrices, model: LinearModel, drop: frozenset[str]) -> None:
    """Table maximum and minimum per session, guest limits over the edition."""
    _, T, S = m.shape
    by_ts = _Buckets(model.xt * S + model.xs, T * S)
    cells = [(t, s, by_ts[t * S + s]) for t in range(T) for s in range(S)]
    if "max" not in drop:
        for t, s, idx in cells:
            if idx.size > m.cap_max[t, s]:
                model.add(
                    idx, np.ones(idx.size, np.int64), None, int(m.cap_max[t, s]), ("max", t, s)
                )
    if "min" not in drop:
        for t, s, idx in cells:
            if m.cap_min[t, s] > 0:
                model.add(
                    idx, np.ones(idx.size, np.int64), int(m.cap_min[t, s]), None, ("min", t, s)
                )
    by_g = _Buckets(model.xg, m.shape[0])
    if "guest_max" not in drop:
        for g in np.flatnonzero(m.guest_max < possible_seats(m)).tolist():
            idx = by_g[g]
            model.add(idx, np.ones(idx.size, np.int64), None, int(m.guest_max[g]), ("guest_max", g))
    if "guest_min" not in drop:
        for g in np.flatnonzero(m.guest_min > 0).tolist():
            idx = by_g[g]
            model.add(idx, np.ones(idx.size, np.int64), int(m.guest_min[g]), None, ("guest_min", g))


def _mixing_rows(m: Matrices, model: LinearModel, drop: frozenset[str]) -> None:
    """Who may sit together: a guest meets a team once; organisation (kind) diversity."""
    S, K = m.shape[2], m.n_teams
    xg, xt, xs = model.xg, model.xt, model.xs
    ones = np.ones(model.n_x, dtype=bool)
    if "team_once" not in drop:
        _group_rows(model, xg * K + m.team[xt], ones, None, 1, "team_once", lambda k: divmod(k, K))
    if m.div_org and "diversity_org" not in drop:
        n_org = int(m.org.max(initial=0)) + 1
        key = (xt * S + xs) * n_org + m.org[xg]
        _group_rows(
            model,
            key,
            ones,
            None,
            1,
            "diversity_org",
            lambda k: (*divmod(k // n_org, S), k % n_org),
        )
    if m.div_kind and "diversity_kind" not in drop:
        Q = int(m.kind.max(initial=0)) + 1
        key = (xt * S + xs) * Q + m.kind[xg]
        _group_rows(
            model, key, ones, None, 1, "diversity_kind", lambda k: (*divmod(k // Q, S), k % Q)
        )


def _demand_rows(m: Matrices, model: LinearModel, drop: frozenset[str]) -> None:
    """What must happen: each team's role fit, required pairs, pinned seats."""
    xg, xt, xs = model.xg, model.xt, model.xs
    by_g = _Buckets(xg, m.shape[0])
    if "role_fit" not in drop:
        seat_fit = m.fit[xg, m.team[xt]]
        for k in np.flatnonzero(m.needs_fit).tolist():
            idx = np.flatnonzero(seat_fit & (m.team[xt] == k))
            model.add(idx, np.ones(idx.size, np.int64), 1, None, ("role_fit", k))
    if "required" not in drop:
        for g, k in m.required.tolist():
            idx = by_g[g][m.team[xt[by_g[g]]] == k]
            model.add(idx, np.ones(idx.size, np.int64), 1, None, ("required", g, k))
    if "pinned" not in drop:
        for g, t, s in m.pinned.tolist():
            idx = by_g[g][(xt[by_g[g]] == t) & (xs[by_g[g]] == s)]
            model.add(idx, np.ones(idx.size, np.int64), 1, None, ("pinned", g, t, s))


def _objective_rows(m: Matrices, model: LinearModel, y_rows: list[tuple[int, list[int]]]) -> None:
    """Rows linking the exposure and fairness variables to the seats (never switched off)."""
    xg, xt = model.xg, model.xt
    by_g = _Buckets(xg, m.shape[0])
    for g, ids in y_rows:
        idx = by_g[g]
        model.add(
            np.concatenate([np.array(ids), idx]),
            np.concatenate([np.ones(len(ids), np.int64), -np.ones(idx.size, np.int64)]),
            None,
            0,
            ("objective", "exposure", g),
        )
    if model.z_index is not None:
        by_t = _Buckets(xt, m.shape[1])
        for t in fairness_tables(m).tolist():
            idx = by_t[t]
            model.add(
                np.concatenate([[model.z_index], idx]),
                np.concatenate([[1], -m.rel[xg[idx], t]]).astype(np.int64),
                None,
                0,
                ("objective", "fairness", t),
            )


def formulate(
    m: Matrices, *, drop: frozenset[str] = frozenset(), with_z: bool = False
) -> LinearModel:
    """The linear model of ``m``; ``drop`` names constraint families to leave out entirely.
    ``with_z`` adds the worst-served table's variable ``z`` even when its weight is 0 (max-min).

    Families: ``guest_session``, ``session_min``, ``min``, ``max``, ``guest_max``, ``guest_min``,
    ``team_once``,
    ``diversity_org``, ``diversity_kind``, ``role_fit``, ``required``, ``pinned``.
    """
    cand = m.candidates()
    xg, xt, xs = np.nonzero(cand)
    empty = np.zeros(0, np.int64)
    model = LinearModel(shape=m.shape, xg=xg, xt=xt, xs=xs, lb=empty, ub=empty, obj=empty)
    y_rows = _objective_variables(m, cand, model, with_z)
    _guest_session_rows(m, model, drop)
    _capacity_rows(m, model, drop)
    _mixing_rows(m, model, drop)
    _demand_rows(m, model, drop)
    _objective_rows(m, model, y_rows)
    return model
