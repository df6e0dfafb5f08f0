"""Relevance first: the one number a suggestion is ordered by, for a question or a dossier.

A question (or a dossier's text) decides *what fits*; the network, the history, a partner's load and
fair exposure may only decide *among what fits*. The shown score is therefore

``score = relevance + margin · tanh(adjustment / scale)``

* ``relevance`` — the fused text relevance of the candidate's profile
  (:meth:`matcher.text.relevance.TextRelevance.fuse`, in standard deviations of unrelated pairs)
  plus ``region_weight`` when the candidate works in a region the query names (the
  :mod:`~matcher.suggest.signals.shared_region` signal: the question's own words name it);
* ``adjustment`` — everything else the ranker weighs (graph, history, load, timing, signals), minus
  the fair-exposure discount and an earlier "no thanks", in ranker units.

The bounded term can move a candidate by at most ``margin`` either way, so a candidate whose
relevance exceeds another's by more than ``2 · margin`` is never placed below it — fair exposure in
particular can never push a fitting organisation below one that does not fit. Candidates whose
relevance stays under ``floor`` are not suggested at all; when none reach it the answer is "geen goede
match". Every setting here was chosen on the development half of ``tests/data/questions_nl.jsonl``
(``verbinder evaluate-questions --split dev``) and is reported on the test half.

The probability shown next to a score is :func:`probability`, a logistic map of the *final* score
(after every re-ranking step) fitted on the development half: strictly increasing, so it can never
contradict the order.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

__all__ = [
    "SETTINGS_BY_ENCODER",
    "RelevanceSettings",
    "Scored",
    "bounded_adjustment",
    "nearest_themes",
    "probability",
    "ranker_first",
    "relevance_first",
    "settings_for",
]


@dataclass(frozen=True, kw_only=True)
class RelevanceSettings:
    """Settings of relevance-first scoring (chosen on the question set's development half).

    Parameters
    ----------
    floor : float
        Minimum relevance of a suggestion (fused text relevance, plus the region bonus).
    margin : float
        Largest move, in relevance units, that all non-text terms together may cause.
    scale : float
        Ranker units at which the non-text adjustment reaches ``tanh(1) ≈ 0.76`` of the margin.
    region_weight : float
        Relevance added when the candidate works in a region the query names.
    diversity : float
        Discount, in relevance units per unit of similarity (kind and sectors) to a suggestion
        placed above (:func:`~matcher.suggest.rerank.diverse_order`).
    calibration : (float, float)
        ``(slope, intercept)`` of the logistic map from the final score to the probability that a
        suggestion is relevant.
    """

    floor: float = 0.9
    margin: float = 0.1
    scale: float = 4.0
    region_weight: float = 0.5
    diversity: float = 0.0
    calibration: tuple[float, float] = (1.295, -3.375)


#: Settings per encoder, each chosen on the question set's development half with that encoder's
#: scores (fused relevance is in standard deviations of unrelated pairs, but how far related pairs
#: stand out depends on the encoder). ``hashing`` is the deterministic test double: it knows no
#: synonyms or word forms, so its similarity says too little about meaning to abstain on — it has
#: no floor (the order is still relevance first).
SETTINGS_BY_ENCODER: dict[str, RelevanceSettings] = {
    "e5+use": RelevanceSettings(),
    "hashing": RelevanceSettings(floor=-math.inf),
}


def settings_for(encoder_name: str) -> RelevanceSettings:
    """The relevance settings for an encoder (those of the default ``e5+use`` when not measured).

    >>> settings_for("hashing").floor, settings_for("e5+use") == settings_for("unknown")
    (-inf, True)
    """
    return SETTINGS_BY_ENCODER.get(encoder_name, SETTINGS_BY_ENCODER["e5+use"])


def bounded_adjustment(
    parts: Mapping[str, np.ndarray], margin: float, scale: float
) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """``margin · tanh(Σ parts / scale)`` per candidate, and each part's exact share of it.

    Each part keeps its sign and its proportion of the total, so the shares sum to the bounded
    adjustment (a reason never claims more than it moved).

    Examples
    --------
    >>> total, share = bounded_adjustment({"ppr": np.array([4.0, 0.1]),
    ...                                    "exposure": np.array([-2.0, 0.0])}, 0.3, 2.0)
    >>> total.round(3).tolist(), share["exposure"].round(3).tolist()
    ([0.228, 0.015], [-0.228, 0.0])
    """
    names = list(parts)
    if not names:
        return np.zeros(0), {}
    raw = np.sum([np.asarray(parts[n], dtype=float) for n in names], axis=0)
    if margin <= 0 or scale <= 0:
        zero = np.zeros_like(raw)
        return zero, {n: zero.copy() for n in names}
    total = margin * np.tanh(raw / scale)
    with np.errstate(divide="ignore", invalid="ignore"):
        factor = np.where(raw != 0, total / raw, 0.0)
    return total, {n: np.asarray(parts[n], dtype=float) * factor for n in names}


def probability(score: np.ndarray | float, calibration: tuple[float, float]) -> np.ndarray:
    """The calibrated probability of a final ``score`` (strictly increasing in it).

    >>> probability(np.array([0.0, 2.0]), (1.5, -3.0)).round(3).tolist()
    [0.047, 0.5]
    """
    slope, intercept = calibration
    z = slope * np.asarray(score, dtype=float) + intercept
    return np.asarray(1.0 / (1.0 + np.exp(-z)))


def nearest_themes(
    relevance: np.ndarray, themes: Sequence[Sequence[str]], *, top: int = 10, limit: int = 5
) -> list[str]:
    """The themes the catalogue covers that lie closest to a query that found no good match:
    those of the ``top`` most relevant candidates, most frequent first (ties by best relevance).

    >>> nearest_themes(np.array([0.2, 0.9, 0.5]), [["fiets"], ["water", "natuur"], ["water"]])
    ['water', 'natuur', 'fiets']
    """
    order = np.argsort(-np.asarray(relevance, dtype=float), kind="stable")[:top]
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for pos, i in enumerate(order.tolist()):
        for t in themes[i]:
            counts[t] += 1
            first.setdefault(t, pos)
    return sorted(counts, key=lambda t: (-counts[t], first[t]))[:limit]


@dataclass(frozen=True, kw_only=True)
class Scored:
    """Scores of a query's candidates before the diversity step.

    ``parts`` maps a reason name (``relevance``, a feature, ``exposure``, ``declined``) to each
    candidate's exact contribution; ``score = offset + Σ parts``. ``eligible`` marks the candidates
    that reach the relevance floor (all of them when scoring is not relevance-first).
    """

    score: np.ndarray
    parts: dict[str, np.ndarray]
    eligible: np.ndarray
    relevance: np.ndarray | None = None
    offset: float = 0.0


def relevance_first(
    contributions: np.ndarray,
    names: Sequence[str],
    relevance: np.ndarray,
    adjustments: Mapping[str, np.ndarray],
    settings: RelevanceSettings,
    *,
    text_features: Sequence[str] = ("dense", "lexical"),
    region_feature: str = "shared_region",
    region: np.ndarray | None = None,
) -> Scored:
    """Relevance plus the bounded adjustment of every other term (see the module docstring).

    ``contributions`` are the ranker's per-feature contributions (columns ``names``); its text
    features are replaced by ``relevance``, and ``region`` (0/1 per candidate) adds
    ``settings.region_weight``. ``adjustments`` are extra terms in ranker units (e.g. the exposure
    discount as a negative number).

    Examples
    --------
    >>> s = relevance_first(np.array([[0.5, 3.0], [0.5, -3.0]]), ["dense", "ppr"],
    ...     np.array([2.0, 2.5]), {"exposure": np.array([0.0, -1.0])},
    ...     RelevanceSettings(floor=1.0, margin=0.3, scale=2.0))
    >>> s.score.round(3).tolist(), sorted(s.parts)
    ([2.272, 2.211], ['exposure', 'ppr', 'relevance'])
    """
    n = len(relevance)
    region = np.zeros(n) if region is None else np.asarray(region, dtype=float)
    rel = np.asarray(relevance, dtype=float)
    extra = {region_feature: settings.region_weight * region} if region.any() else {}
    skip = {*text_features, region_feature}
    raw = {
        f: contributions[:, j]
        for j, f in enumerate(names)
        if f not in skip and np.any(contributions[:, j])
    }
    raw.update({k: np.asarray(v, dtype=float) for k, v in adjustments.items() if np.any(v)})
    total, shares = bounded_adjustment(raw, settings.margin, settings.scale)
    fit = rel + sum(extra.values(), np.zeros(n))
    parts = {"relevance": rel, **extra, **shares}
    score = fit + (total if len(total) else 0.0)
    return Scored(score=score, parts=parts, eligible=fit >= settings.floor, relevance=fit)


def ranker_first(
    contributions: np.ndarray,
    names: Sequence[str],
    offset: float,
    adjustments: Mapping[str, np.ndarray],
) -> Scored:
    """The ranker's score plus the adjustments, unbounded (for a staff member's own network).

    >>> s = ranker_first(np.array([[1.0, 0.5]]), ["dense", "ppr"], -0.5,
    ...                  {"exposure": np.array([-0.2])})
    >>> round(float(s.score[0]), 3), bool(s.eligible[0])
    (0.8, True)
    """
    parts = {f: contributions[:, j] for j, f in enumerate(names)}
    parts.update({k: np.asarray(v, dtype=float) for k, v in adjustments.items()})
    score = offset + np.sum(list(parts.values()), axis=0)
    return Scored(score=score, parts=parts, eligible=np.ones(len(score), dtype=bool), offset=offset)
