"""Co-producer coalitions: a *set* of partners that together cover a team's challenge.

The decision is made on matrices (ids never reach the solver):

* ``coverage[p, f]`` in [0, 1] — how well partner ``p`` covers facet ``f`` (from the relevance
  model, calibrated), facet weights ``w`` summing to one;
* ``groups[p]`` — the organisation kind of ``p`` (diversity);
* ``role_fit[p, r]`` in [0, 1] — how well ``p``'s kind fits the team's NSOB role ``r``;
* ``warm[p]`` in [0, 1] — strength of the warmest path from a team member to ``p``;
* ``r[p]`` in [0, 1] — how relevant ``p`` is at all (its best facet coverage), which gates the
  side terms so an irrelevant partner never enters the coalition for diversity alone.

The objective of a set ``S`` is::

    f(S) = Σ_f w_f · (1 − Π_{p∈S} (1 − coverage[p, f]))        probabilistic facet coverage
         + λ_div  · Σ_g max_{p∈S, groups[p]=g} r[p]              organisation kinds (per kind)
         + λ_role · mean_r max_{p∈S} r[p] · role_fit[p, r]       NSOB-role fit (facility location)
         + λ_warm · Σ_{p∈S} r[p] · warm[p]                       warm introductions (modular)

Every term is monotone submodular with ``f(∅) = 0`` and the λ are non-negative, so ``f`` is
monotone submodular and the greedy algorithm (:func:`greedy_maximize`) returns a set of size ``k``
with ``f(greedy) ≥ (1 − 1/e) · max_{|S| ≤ k} f(S)`` (Nemhauser, Wolsey & Fisher, 1978).
:func:`brute_force_maximize` computes the optimum for small cases; the unit tests check the bound.
Besides the objective and the solvers this module holds the problem's data (:class:`CoalitionProblem`,
:class:`WarmPath`) and the :class:`Calibration` of relevance onto coverage, so that assembly (the
store-facing part, :mod:`matcher.coalition.assembly`) and explanation (the Dutch text,
:mod:`matcher.coalition.explanation`) both build on it without importing each other.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from matcher.coalition.facets import Facet

__all__ = [
    "GREEDY_GUARANTEE",
    "Calibration",
    "CoalitionObjective",
    "CoalitionProblem",
    "CoalitionWeights",
    "GreedyResult",
    "WarmPath",
    "alternates_for",
    "brute_force_maximize",
    "greedy_maximize",
    "optimum_upper_bound",
    "top_k_by_relevance",
]

#: The approximation ratio of the greedy algorithm for monotone submodular maximisation.
GREEDY_GUARANTEE = 1.0 - 1.0 / math.e


@dataclass(frozen=True)
class CoalitionWeights:
    """The λ of the objective (all ≥ 0 so the objective stays monotone submodular).

    ``declined`` multiplies the coverage row of a partner the team (or a member) declined before;
    it is a discount in [0, 1], not part of the objective's shape.
    """

    diversity: float = 0.03
    role_fit: float = 0.08
    warm: float = 0.04
    declined: float = 0.5

    def __post_init__(self) -> None:
        for name in ("diversity", "role_fit", "warm", "declined"):
            value = getattr(self, name)
            if not (value >= 0.0 and math.isfinite(value)):
                raise ValueError(
                    f"CoalitionWeights.{name} must be a finite number ≥ 0, got {value}"
                )
        if self.declined > 1.0:
            raise ValueError(f"CoalitionWeights.declined must be ≤ 1, got {self.declined}")


class CoalitionObjective:
    """The monotone submodular coalition objective over ``n`` partners (see module docstring).

    Parameters
    ----------
    coverage:
        ``(n_partners, n_facets)`` array with values in [0, 1].
    facet_weights:
        ``(n_facets,)`` non-negative weights (default: equal, summing to one).
    groups:
        ``(n_partners,)`` integer group (organisation kind) per partner, or None.
    role_fit:
        ``(n_partners, n_roles)`` array in [0, 1], or None.
    warm:
        ``(n_partners,)`` array in [0, 1], or None.
    relevance:
        ``(n_partners,)`` array in [0, 1] gating the side terms (default: all ones).
    weights:
        The λ; see :class:`CoalitionWeights`.

    Example
    -------
    >>> obj = CoalitionObjective(np.array([[0.5, 0.0], [0.5, 0.0], [0.0, 1.0]]))
    >>> obj.value([0, 1]), obj.value([0, 2])
    (0.375, 0.75)
    """

    def __init__(
        self,
        coverage: np.ndarray,
        facet_weights: np.ndarray | None = None,
        *,
        groups: np.ndarray | None = None,
        role_fit: np.ndarray | None = None,
        warm: np.ndarray | None = None,
        relevance: np.ndarray | None = None,
        weights: CoalitionWeights | None = None,
    ):
        cov = np.asarray(coverage, dtype=np.float64)
        if cov.ndim != 2:
            raise ValueError(f"coverage must be 2-D (partners × facets), got shape {cov.shape}")
        if cov.size and (not np.isfinite(cov).all() or cov.min() < 0.0 or cov.max() > 1.0):
            raise ValueError("coverage values must be finite and within [0, 1]")
        n, m = cov.shape
        w = np.full(m, 1.0 / m if m else 0.0) if facet_weights is None else facet_weights
        w = np.asarray(w, dtype=np.float64)
        if w.shape != (m,) or (w < 0).any():
            raise ValueError(f"facet_weights must be {m} non-negative numbers")
        self.coverage = cov
        self.facet_weights = w
        self.groups = None if groups is None else np.asarray(groups, dtype=np.int64)
        if self.groups is not None and self.groups.shape != (n,):
            raise ValueError(f"groups must have one entry per partner ({n})")
        rf = None if role_fit is None else np.asarray(role_fit, dtype=np.float64)
        if rf is not None and (
            rf.ndim != 2 or rf.shape[0] != n or (rf < 0).any() or (rf > 1).any()
        ):
            raise ValueError(f"role_fit must be ({n}, n_roles) with values in [0, 1]")
        self.role_fit = rf
        wa = None if warm is None else np.asarray(warm, dtype=np.float64)
        if wa is not None and (wa.shape != (n,) or (wa < 0).any() or (wa > 1).any()):
            raise ValueError(f"warm must have one value in [0, 1] per partner ({n})")
        self.warm = wa
        r = np.ones(n) if relevance is None else np.asarray(relevance, dtype=np.float64)
        if r.shape != (n,) or (r < 0).any() or (r > 1).any():
            raise ValueError(f"relevance must have one value in [0, 1] per partner ({n})")
        self.relevance = r
        self._role = None if rf is None else rf * r[:, None]
        self._warm = None if wa is None else wa * r
        self.weights = weights or CoalitionWeights()

    def _group_best(self, sel: list[int]) -> dict[int, float]:
        assert self.groups is not None
        best: dict[int, float] = {}
        for i in sel:
            g = int(self.groups[i])
            best[g] = max(best.get(g, 0.0), float(self.relevance[i]))
        return best

    @property
    def n_partners(self) -> int:
        return int(self.coverage.shape[0])

    def components(self, selected: Sequence[int]) -> dict[str, float]:
        """The four terms of ``f(selected)`` (already multiplied by their λ)."""
        sel = list(selected)
        lam = self.weights
        covered = 1.0 - np.prod(1.0 - self.coverage[sel], axis=0)  # all zeros when S = ∅
        out = {"coverage": float(self.facet_weights @ covered)}
        out["diversity"] = (
            lam.diversity * sum(self._group_best(sel).values()) if self.groups is not None else 0.0
        )
        out["role_fit"] = (
            lam.role_fit * float(self._role[sel].max(axis=0).mean())
            if self._role is not None and sel and self._role.shape[1]
            else 0.0
        )
        out["warm"] = lam.warm * float(self._warm[sel].sum()) if self._warm is not None else 0.0
        return out

    def value(self, selected: Sequence[int]) -> float:
        """``f(selected)``."""
        return float(sum(self.components(selected).values()))

    def gains(self, selected: Sequence[int]) -> np.ndarray:
        """Marginal gain ``f(S ∪ {p}) − f(S)`` for every partner ``p`` (0 for members of S)."""
        sel = list(selected)
        lam = self.weights
        uncovered = (
            np.prod(1.0 - self.coverage[sel], axis=0) if sel else np.ones_like(self.facet_weights)
        )
        gain = self.coverage @ (self.facet_weights * uncovered)
        if self.groups is not None and lam.diversity:
            best_g = self._group_best(sel)
            floor = np.array([best_g.get(int(g), 0.0) for g in self.groups])
            gain = gain + lam.diversity * np.maximum(self.relevance - floor, 0.0)
        if self._role is not None and lam.role_fit and self._role.shape[1]:
            best = self._role[sel].max(axis=0) if sel else np.zeros(self._role.shape[1])
            gain = gain + lam.role_fit * np.maximum(self._role - best, 0.0).mean(axis=1)
        if self._warm is not None and lam.warm:
            gain = gain + lam.warm * self._warm
        gain[sel] = 0.0
        return gain


@dataclass(frozen=True)
class GreedyResult:
    """A chosen set (in pick order), the marginal gain of each pick and the objective value."""

    selected: list[int]
    gains: list[float]
    value: float
    candidates_evaluated: int = 0
    notes: list[str] = field(default_factory=list)


def greedy_maximize(
    objective: CoalitionObjective, k: int, candidates: Sequence[int] | None = None
) -> GreedyResult:
    """Pick up to ``k`` partners greedily by marginal gain (ties: lowest index).

    For the monotone submodular :class:`CoalitionObjective` the result satisfies
    ``value ≥ (1 − 1/e) · optimum`` over all sets of at most ``k`` candidates.

    Example
    -------
    >>> obj = CoalitionObjective(np.array([[0.9, 0.0], [0.8, 0.1], [0.0, 0.7]]))
    >>> greedy_maximize(obj, 2).selected
    [0, 2]
    """
    if k < 0:
        raise ValueError(f"k must be ≥ 0, got {k}")
    allowed = np.zeros(objective.n_partners, dtype=bool)
    allowed[list(range(objective.n_partners)) if candidates is None else list(candidates)] = True
    selected: list[int] = []
    gains: list[float] = []
    evaluated = 0
    while len(selected) < k:
        g = objective.gains(selected)
        g[~allowed] = -np.inf
        g[selected] = -np.inf
        evaluated += int(allowed.sum()) - len(selected)
        best = int(np.argmax(g))
        if not np.isfinite(g[best]):
            break  # fewer candidates than k
        selected.append(best)
        gains.append(float(g[best]))
    return GreedyResult(selected, gains, objective.value(selected), evaluated)


def brute_force_maximize(
    objective: CoalitionObjective, k: int, candidates: Sequence[int] | None = None
) -> GreedyResult:
    """The exact optimum over all sets of ``min(k, n)`` candidates (monotone, so size k suffices).

    Exponential: meant for small reference cases (a few dozen partners at most).

    Example
    -------
    >>> obj = CoalitionObjective(np.array([[0.9, 0.0], [0.8, 0.1], [0.0, 0.7]]))
    >>> brute_force_maximize(obj, 2).selected
    [0, 2]
    """
    pool = list(range(objective.n_partners)) if candidates is None else list(candidates)
    size = min(k, len(pool))
    if math.comb(len(pool), size) > 2_000_000:
        raise ValueError(f"brute force over C({len(pool)}, {size}) sets is too large")
    best: tuple[int, ...] = ()
    best_value = objective.value([])
    for combo in itertools.combinations(pool, size):
        v = objective.value(combo)
        if v > best_value + 1e-12:
            best, best_value = combo, v
    return GreedyResult(list(best), [], best_value, math.comb(len(pool), size))


def alternates_for(
    objective: CoalitionObjective,
    selected: Sequence[int],
    n: int = 2,
    candidates: Sequence[int] | None = None,
) -> list[list[tuple[int, float]]]:
    """For each slot of ``selected``: the ``n`` best replacements and the objective value after
    swapping each in (best first; ties by lowest index).

    Example
    -------
    >>> obj = CoalitionObjective(np.array([[0.9, 0.0], [0.8, 0.1], [0.0, 0.7], [0.0, 0.6]]))
    >>> [[i for i, _ in slot] for slot in alternates_for(obj, [0, 2], n=1)]
    [[1], [3]]
    """
    sel = list(selected)
    allowed = np.zeros(objective.n_partners, dtype=bool)
    allowed[list(range(objective.n_partners)) if candidates is None else list(candidates)] = True
    allowed[sel] = False
    out: list[list[tuple[int, float]]] = []
    for i in range(len(sel)):
        rest = sel[:i] + sel[i + 1 :]
        base = objective.value(rest)
        g = objective.gains(rest)
        g[~allowed] = -np.inf
        order = sorted(np.flatnonzero(np.isfinite(g)), key=lambda j: (-g[j], j))[:n]
        out.append([(int(j), float(base + g[j])) for j in order])
    return out


def optimum_upper_bound(objective: CoalitionObjective, selected: Sequence[int], k: int) -> float:
    """An upper bound on the best value of any ``k`` partners, from a chosen set ``S``.

    Two bounds hold for a monotone submodular ``f``: ``OPT ≤ f(S) + Σ`` of the ``k`` largest
    marginal gains with respect to ``S`` (so a coalition that leaves little on the table is shown
    to be close to the best), and, for the greedy ``S``, ``OPT ≤ f(S) / (1 − 1/e)``. The smaller
    one is returned.

    Example
    -------
    >>> obj = CoalitionObjective(np.array([[0.9, 0.0], [0.8, 0.1], [0.0, 0.7]]))
    >>> round(optimum_upper_bound(obj, [0, 2], 2), 4)
    0.855
    """
    value = objective.value(selected)
    gains = np.sort(objective.gains(selected))[::-1][:k]
    online = value + float(np.clip(gains, 0.0, None).sum())
    return min(online, value / GREEDY_GUARANTEE) if value > 0 else online


def top_k_by_relevance(relevance: np.ndarray, k: int, candidates: Sequence[int] | None = None):
    """The baseline: the ``k`` partners with the highest relevance (ties: lowest index).

    Example
    -------
    >>> top_k_by_relevance(np.array([0.2, 0.9, 0.5]), 2)
    [1, 2]
    """
    rel = np.asarray(relevance, dtype=np.float64)
    pool = range(len(rel)) if candidates is None else candidates
    return sorted(pool, key=lambda j: (-rel[j], j))[:k]


@dataclass(frozen=True)
class Calibration:
    """Maps fused relevance (0 = typical unrelated pair, 1 unit = one spread of unrelated pairs)
    linearly onto a coverage probability: ``ceiling · clip((z − low) / (high − low), 0, 1)``.

    The ``ceiling`` below one says no single partner covers a facet for certain, so once every facet
    is covered a second strong partner on a facet still adds more than a stranger does.

    A facet counts as *covered* by a partner when the probability reaches ``covered`` (with the
    defaults: 1.25 spreads above a typical unrelated pair). The defaults were set on the seed with
    the default encoder, where short needs ("waterveiligheid") reach 1.5–3 for the partners that
    clearly fit and stay below 1 for the bulk of the others.
    """

    low: float = 0.25
    high: float = 2.25
    covered: float = 0.5
    ceiling: float = 0.9

    def __call__(self, z: np.ndarray) -> np.ndarray:
        unit = np.clip((np.asarray(z, dtype=np.float64) - self.low) / (self.high - self.low), 0, 1)
        return self.ceiling * unit


@dataclass(frozen=True, kw_only=True)
class WarmPath:
    """A team member who met someone at the partner: the strongest such meeting before as_of."""

    staff: str
    staff_name: str
    date: dt.date
    interaction: str
    contact: str | None
    contact_name: str | None
    strength: float


@dataclass(kw_only=True)
class CoalitionProblem:
    """A team turned into matrices: candidates (rows), facets (columns) and side information."""

    team: Any
    as_of: dt.date
    facets: list[Facet]
    ids: list[str]
    orgs: list[Any]
    z: np.ndarray  # fused relevance, partners × facets
    baseline_relevance: np.ndarray  # fused relevance of the whole challenge, per partner
    objective: CoalitionObjective
    warm_paths: dict[int, WarmPath]
    declined: dict[int, dt.date]
    stakes: dict[int, str]
    roles: list[str]
    excluded: dict[str, int]
    relevance: Any
    profile_index: list[int]
    calibration: Calibration
