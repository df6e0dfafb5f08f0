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

The store-facing part (:func:`assemble_coalition`) turns a team into these matrices and the
result back into Dutch reasons: who covers what, what stays uncovered, two alternates per slot.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from graph.lru import LRU
from graph.store import GraphStore
from matcher.coalition.facets import Facet, facets_for_team
from matcher.vocabulary import INTERACTION_NOUN_NL, KIND_LABELS_NL

__all__ = [
    "GREEDY_GUARANTEE",
    "Alternate",
    "Calibration",
    "Coalition",
    "CoalitionAssembler",
    "CoalitionError",
    "CoalitionMember",
    "CoalitionObjective",
    "CoalitionProblem",
    "CoalitionWeights",
    "GreedyResult",
    "WarmPath",
    "alternates_for",
    "assemble_coalition",
    "brute_force_maximize",
    "explain_coalition",
    "greedy_maximize",
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


# =========================================================================== store-facing part

_WARM_OUTCOMES = {"positive", "follow_up", "co_produced"}


class CoalitionError(ValueError):
    """A coalition request names an unknown team, or asks for an impossible size."""


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


@dataclass(frozen=True)
class WarmPath:
    """A team member who met someone at the partner: the strongest such meeting before as_of."""

    staff: str
    staff_name: str
    date: dt.date
    interaction: str
    contact: str | None
    contact_name: str | None
    strength: float

    def text_nl(self) -> str:
        whom = f" met {self.contact_name}" if self.contact_name else ""
        what = INTERACTION_NOUN_NL.get(self.interaction, self.interaction)
        return f"warme introductie via {self.staff_name} ({what}{whom} op {_date_nl(self.date)})"


@dataclass(frozen=True)
class Alternate:
    organisation: str
    name: str
    org_kind: str
    value: float
    reason: str


@dataclass(frozen=True)
class CoalitionMember:
    organisation: str
    name: str
    org_kind: str
    gain: float
    covers: list[tuple[int, float]]
    contact: dict[str, str] | None
    warm_path: WarmPath | None
    reasons: list[str]
    alternates: list[Alternate]


@dataclass
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


@dataclass
class Coalition:
    """The answer: who covers what, what stays uncovered, alternates per slot, in Dutch."""

    team: str
    team_name: str
    as_of: dt.date
    facets: list[Facet]
    members: list[CoalitionMember]
    covered_by: dict[int, str | None]
    uncovered: list[str]
    value: float
    components: dict[str, float]
    candidates: int
    excluded: dict[str, int]
    guarantee: str = (
        f"Greedy-selectie: minstens {GREEDY_GUARANTEE:.0%} van de best mogelijke coalitie "
        "(submodulaire dekking)."
    )

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["as_of"] = self.as_of.isoformat()
        return out


def _role_nl(role: str) -> str:
    from matcher.vocabulary import ROLE_LABELS_NL

    return ROLE_LABELS_NL.get(role, role)  # type: ignore[call-overload]


def _date_nl(day: dt.date) -> str:
    from matcher.vocabulary import format_date_nl

    return format_date_nl(day)


def _strength(e: Any, as_of: dt.date) -> float:
    age = max((as_of - e.date).days, 0)
    base = 1.0 if str(getattr(e.outcome, "value", e.outcome)) in _WARM_OUTCOMES else 0.7
    return float(base * math.exp(-age / 365.0))


class CoalitionAssembler:
    """Builds coalition problems for teams of one store, keeping a fitted relevance model per
    ``as_of`` (profiles only see the past), so many teams can be assembled cheaply.

    Parameters
    ----------
    store:
        The graph.
    encoder:
        Dense encoder for :class:`~matcher.text.relevance.TextRelevance` (default: the default one).
    weights, calibration:
        See :class:`CoalitionWeights` and :class:`Calibration`.
    """

    def __init__(
        self,
        store: GraphStore,
        encoder: Any = None,
        *,
        weights: CoalitionWeights | None = None,
        calibration: Calibration | None = None,
        cache_size: int = 16,
    ):
        self.store = store
        self.encoder = encoder
        self.weights = weights or CoalitionWeights()
        self.calibration = calibration or Calibration()
        # Bounded: as_of is request data. A fit is kept per profile content, so a write that
        # changes no organisation profile (feedback, a meeting) reuses it.
        self._fitted: LRU[tuple[int, dt.date], tuple[list[str], Any]] = LRU(cache_size)
        self._by_profiles: LRU[int, tuple[list[str], Any]] = LRU(4)
        self._edge_cache: dict[tuple[int, str], list[Any]] = {}

    def _edges(self, kind: str) -> list[Any]:
        """All edges of one kind, read once per store revision."""
        key = (self.store.revision, kind)
        if key not in self._edge_cache:
            self._edge_cache = {k: v for k, v in self._edge_cache.items() if k[0] == key[0]}
            self._edge_cache[key] = self.store.edges(kind)
        return self._edge_cache[key]

    def _relevance(self, as_of: dt.date) -> tuple[list[str], Any]:
        """The relevance model on the organisation profiles as of ``as_of``; refitted only when
        those profiles differ from an earlier day's (fitting is the costly part)."""
        from matcher.text.profiles import build_profiles
        from matcher.text.relevance import TextRelevance

        def fit() -> tuple[list[str], Any]:
            profiles = build_profiles(self.store, "organisation", as_of=as_of)
            ids = list(profiles)
            content = hash(tuple((i, tuple(profiles[i])) for i in ids))
            return self._by_profiles.get_or_build(
                content,
                lambda: (
                    ids,
                    TextRelevance(self.encoder, store=self.store).fit([profiles[i] for i in ids]),
                ),
            )

        return self._fitted.get_or_build((self.store.revision, as_of), fit)

    def problem(
        self, team_id: str, *, as_of: dt.date, needs: Sequence[str] | None = None
    ) -> CoalitionProblem:
        """The matrices for one team (candidates exclude opt-outs and active conflicts)."""
        from graph.errors import NotFoundError
        from graph.model import Contact, Organisation, Team
        from matcher.nsob import role_kind_fit
        from matcher.suggest.feedback import declined_organisations

        try:
            team = self.store.get_node(team_id)
        except NotFoundError:
            raise CoalitionError(f"team '{team_id}' not found") from None
        if not isinstance(team, Team):
            raise CoalitionError(f"'{team_id}' is a {team.KIND}, not a team")
        facets = facets_for_team(team, needs)
        members = {
            e.source for e in self.store.edges("MEMBER_OF", target=team_id) if e.active_on(as_of)
        }
        works = [e for e in self._edges("WORKS_ON") if e.source in members]
        dossier_ids = {e.target for e in works if e.active_on(as_of)}
        dossiers = self.store.get_nodes(dossier_ids)
        subjects = {team_id, *members, *dossier_ids}
        conflicted = {
            c.target for c in self._edges("CONFLICT") if c.source in subjects and c.active_on(as_of)
        }
        all_ids, rel = self._relevance(as_of)
        org_nodes = self.store.get_nodes(all_ids)
        keep, excluded = [], {"opt_out": 0, "conflict": 0}
        for j, oid in enumerate(all_ids):
            org = org_nodes.get(oid)
            if not isinstance(org, Organisation):
                continue
            if org.opt_out:
                excluded["opt_out"] += 1
            elif oid in conflicted:
                excluded["conflict"] += 1
            else:
                keep.append(j)
        ids = [all_ids[j] for j in keep]
        orgs: list[Organisation] = [org_nodes[i] for i in ids]  # type: ignore[misc]
        pos = {oid: i for i, oid in enumerate(ids)}
        query = [f.text for f in facets]
        # the baseline's question: the challenge with the needs, as one text
        challenge = " ".join(
            [team.challenge, *(query if facets[0].source == "needs" else [])]
        ).strip()
        z_all = rel.score([*query, challenge])
        z = np.asarray(z_all[: len(query)][:, keep].T, dtype=np.float64)
        baseline = np.asarray(z_all[len(query)][keep], dtype=np.float64)
        coverage = self.calibration(z)
        declined = {
            pos[o]: d
            for o, d in declined_organisations(self.store, [team_id, *members], as_of=as_of).items()
            if o in pos
        }
        for i in declined:
            coverage[i] *= self.weights.declined
        # warm paths: the strongest meeting of any member with the partner or its contacts
        org_of = {e.source: e.target for e in self._edges("WORKS_AT")}
        names = self.store.get_nodes(members)
        warm_paths: dict[int, WarmPath] = {}
        contacts: dict[str, Any] = {}
        for m in sorted(members):
            for e in self.store.edges("INTERACTED", source=m, until=as_of):
                org_id = e.target if e.target in pos else org_of.get(e.target)
                if org_id not in pos:
                    continue
                s = _strength(e, as_of)
                i = pos[org_id]
                if i in warm_paths and warm_paths[i].strength >= s:
                    continue
                named = None
                if e.target != org_id:
                    if e.target not in contacts:
                        contacts[e.target] = self.store.get_nodes([e.target]).get(e.target)
                    c = contacts[e.target]
                    ok = isinstance(c, Contact) and c.consent and (c.consent_date or as_of) <= as_of
                    named = c if ok else None
                warm_paths[i] = WarmPath(
                    m,
                    names[m].label if m in names else m,
                    e.date or as_of,
                    str(getattr(e, "interaction", "meeting")),
                    named.id if named else None,
                    named.label if named else None,
                    s,
                )
        warm = np.zeros(len(ids))
        for i, wp in warm_paths.items():
            warm[i] = wp.strength
        roles = [str(getattr(r, "value", r)) for r in team.roles] or sorted(
            {
                str(getattr(r, "value", r))
                for d in dossiers.values()
                for r in getattr(d, "roles", [])
            }
        )
        kinds = sorted({str(o.org_kind.value) for o in orgs})
        groups = np.array([kinds.index(str(o.org_kind.value)) for o in orgs], dtype=np.int64)
        role_fit = np.array([[role_kind_fit(r, o.org_kind) for r in roles] for o in orgs]).reshape(
            len(orgs), len(roles)
        )
        stakes = {
            pos[e.source]: dossiers[e.target].label
            for e in self._edges("STAKEHOLDER_IN")
            if e.target in dossiers and e.source in pos and e.active_on(as_of)
        }
        objective = CoalitionObjective(
            coverage,
            np.array([f.weight for f in facets]),
            groups=groups,
            role_fit=role_fit,
            warm=warm,
            relevance=coverage.max(axis=1, initial=0.0) / self.calibration.ceiling,
            weights=self.weights,
        )
        return CoalitionProblem(
            team,
            as_of,
            facets,
            ids,
            orgs,
            z,
            baseline,
            objective,
            warm_paths,
            declined,
            stakes,
            roles,
            excluded,
            rel,
            keep,
            self.calibration,
        )

    def assemble(
        self,
        team_id: str,
        *,
        as_of: dt.date,
        k: int = 5,
        needs: Sequence[str] | None = None,
        n_alternates: int = 2,
    ) -> Coalition:
        """Assemble the coalition for one team; see :func:`assemble_coalition`."""
        if not 1 <= k <= 25:
            raise CoalitionError(f"k must be between 1 and 25, got {k}")
        p = self.problem(team_id, as_of=as_of, needs=needs)
        return explain_coalition(p, greedy_maximize(p.objective, k), n_alternates, self.store)


def _consenting_contact(
    store: GraphStore, org: str, as_of: dt.date, words: set[str]
) -> dict[str, str] | None:
    from graph.model import Contact

    best, best_overlap = None, -1
    for e in store.edges("WORKS_AT", target=org):
        if not e.active_on(as_of):
            continue
        c = store.get_nodes([e.source]).get(e.source)
        if not isinstance(c, Contact) or not c.consent:
            continue
        if c.consent_date and c.consent_date > as_of:
            continue
        overlap = len(words & set(re.findall(r"\w{5,}", (c.expertise or "").lower())))
        if overlap > best_overlap:
            best, best_overlap = c, overlap
    return None if best is None else {"id": best.id, "name": best.label, "role": best.role}


def _short(text: str, n: int = 60) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def explain_coalition(
    p: CoalitionProblem, result: GreedyResult, n_alternates: int, store: GraphStore
) -> Coalition:
    """Decode a solver result into a :class:`Coalition` with Dutch reasons."""
    obj, cal = p.objective, p.calibration
    cov = obj.coverage
    sel = result.selected
    alts = alternates_for(obj, sel, n_alternates)
    kinds_seen: set[str] = set()
    members: list[CoalitionMember] = []
    for slot, (i, gain) in enumerate(zip(sel, result.gains, strict=True)):
        org = p.orgs[i]
        kind = str(org.org_kind.value)
        covers = [(f, float(cov[i, f])) for f in np.argsort(-cov[i]) if cov[i, f] >= 0.2]
        reasons = []
        for f, v in covers[:3]:
            grade = "sterk" if v >= 0.75 else "goed" if v >= cal.covered else "deels"
            terms = p.relevance.explain(p.facets[f].text, p.profile_index[i]).shared_terms
            shared = f" — gedeelde termen: {', '.join(terms[:3])}" if terms else ""
            reasons.append(f"Dekt ‘{_short(p.facets[f].text)}’ ({grade}, {v:.2f}){shared}")
        if not covers:
            reasons.append("Dekt geen onderdeel sterk; gekozen om diversiteit of netwerk")
        if kind not in kinds_seen:
            kind_nl = KIND_LABELS_NL.get(kind, kind)  # type: ignore[call-overload]
            reasons.append(f"Brengt een {kind_nl} in de coalitie")
            kinds_seen.add(kind)
        if obj.role_fit is not None and obj.role_fit.shape[1]:
            good = [r for r, v in zip(p.roles, obj.role_fit[i], strict=True) if v >= 0.8]
            if good:
                reasons.append(
                    f"Past bij de rol van het team: {' en '.join(_role_nl(r) for r in good)}"
                )
        wp = p.warm_paths.get(i)
        if wp:
            reasons.append(wp.text_nl()[0].upper() + wp.text_nl()[1:])
        if i in p.stakes:
            reasons.append(f"Belanghebbende in dossier ‘{p.stakes[i]}’")
        if i in p.declined:
            reasons.append(f"Eerder afgewezen ({_date_nl(p.declined[i])}); lager gewogen")
        words = {w for f, _ in covers for w in re.findall(r"\w{5,}", p.facets[f].text.lower())}
        alternates = []
        for j, value in alts[slot]:
            best_f = int(np.argmax(cov[j]))
            if cov[j, best_f] >= 0.2:
                adds = f"dekt ‘{_short(p.facets[best_f].text)}’ ({cov[j, best_f]:.2f})"
            elif j in p.warm_paths:
                adds = p.warm_paths[j].text_nl()
            else:
                adds = f"een {KIND_LABELS_NL.get(p.orgs[j].org_kind, 'organisatie')}"
            alternates.append(
                Alternate(
                    p.ids[j],
                    p.orgs[j].label,
                    str(p.orgs[j].org_kind.value),
                    value,
                    f"In plaats van {org.label}: {adds}; coalitiewaarde {value:.3f} "
                    f"i.p.v. {result.value:.3f}",
                )
            )
        members.append(
            CoalitionMember(
                p.ids[i],
                org.label,
                kind,
                gain,
                covers,
                _consenting_contact(store, p.ids[i], p.as_of, words),
                wp,
                reasons,
                alternates,
            )
        )
    covered_by: dict[int, str | None] = {}
    uncovered = []
    for f, facet in enumerate(p.facets):
        best = max(sel, key=lambda i: cov[i, f]) if sel else None
        if best is not None and cov[best, f] >= cal.covered:
            covered_by[f] = p.ids[best]
            continue
        covered_by[f] = None
        outside = [j for j in np.argsort(-cov[:, f]) if j not in sel][:1]
        hint = (
            f"; beste kandidaat buiten de coalitie: {p.orgs[outside[0]].label} "
            f"({cov[outside[0], f]:.2f})"
            if outside and cov[outside[0], f] > 0
            else "; geen kandidaat dekt dit"
        )
        uncovered.append(f"Niet gedekt: ‘{facet.text}’{hint}")
    return Coalition(
        p.team.id,
        p.team.label,
        p.as_of,
        p.facets,
        members,
        covered_by,
        uncovered,
        result.value,
        obj.components(sel),
        len(p.ids),
        p.excluded,
    )


def assemble_coalition(
    store: GraphStore,
    team: str,
    *,
    as_of: dt.date,
    k: int = 5,
    needs: Sequence[str] | None = None,
    encoder: Any = None,
    weights: CoalitionWeights | None = None,
    n_alternates: int = 2,
) -> Coalition:
    """Assemble ``k`` partners that together cover a team's challenge.

    Facets come from ``needs`` (or the team's own needs list, or its challenge text); coverage
    from :class:`~matcher.text.relevance.TextRelevance` on organisation profiles as of ``as_of``;
    selection by :func:`greedy_maximize` on :class:`CoalitionObjective` (≥ (1 − 1/e) of the
    optimum). Opted-out organisations and active conflicts (team, members, their dossiers) are
    never candidates; a contact is only named with consent.

    Parameters
    ----------
    store:
        The graph.
    team:
        The team id.
    as_of:
        Only the past as of this day counts (profiles, meetings, feedback).
    k:
        Coalition size (1–25).
    needs:
        Facets given by the team, overriding the challenge text.
    encoder:
        Dense encoder (default: the default encoder; tests use ``HashingEncoder``).
    weights:
        The objective's λ.
    n_alternates:
        Alternates per slot.

    Returns
    -------
    Coalition

    Example
    -------
    >>> from graph import SqliteGraphStore
    >>> from graph.model import Organisation, Team
    >>> from matcher.text.encoders import HashingEncoder
    >>> s = SqliteGraphStore(":memory:")
    >>> _ = s.write([Team(id="team:1-1", name="Team Water", challenge="Dijken versterken."),
    ...     Organisation(id="org:a", name="Dijkbouw BV", org_kind="company",
    ...                  description="dijken versterken en dijkversterking")])
    >>> c = assemble_coalition(s, "team:1-1", as_of=dt.date(2026, 1, 1), k=1,
    ...                        encoder=HashingEncoder())
    >>> [m.organisation for m in c.members]
    ['org:a']
    """
    assembler = CoalitionAssembler(store, encoder, weights=weights)
    return assembler.assemble(team, as_of=as_of, k=k, needs=needs, n_alternates=n_alternates)
