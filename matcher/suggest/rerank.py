"""Re-ranking for diversity and fair exposure, after the ranker has scored the candidates.

Two steps, both explicit so a reason can show them:

1. :func:`exposure_penalty` — a discount that grows with how much attention a partner already gets
   (distinct colleagues in contact in the last half year plus times it was shown), so the biggest
   partners do not crowd out the rest. It is subtracted from the score and reported as a reason.
2. :func:`diverse_order` — diversity: pick, one at a time, the candidate with the best
   ``score − weight · max similarity to those already picked`` (similarity is the share of
   organisation kind and sectors) and keep that value as its shown score. A candidate's value can
   only fall as more are picked, so the picked values never increase: the list stays ordered by the
   number it shows, and the diversity discount is a reason like any other.

:func:`mmr_order` is the classic maximal-marginal-relevance order on min–max scaled scores (the
order changes, the scores do not); it is kept for comparisons.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

__all__ = ["diverse_order", "exposure_penalty", "mmr_order", "similarity_matrix"]


def exposure_penalty(exposure: np.ndarray, strength: float = 0.5) -> np.ndarray:
    """``strength · log1p(e) / log1p(max e)`` per candidate (0 for the least exposed).

    >>> exposure_penalty(np.array([0.0, 3.0, 15.0])).round(3).tolist()
    [0.0, 0.25, 0.5]
    """
    e = np.maximum(np.asarray(exposure, dtype=float), 0.0)
    if len(e) == 0 or e.max() <= 0:
        return np.zeros(len(e))
    return np.asarray(strength * np.log1p(e) / np.log1p(e.max()))


def similarity_matrix(kinds: Sequence[str], sectors: Sequence[Sequence[str]]) -> np.ndarray:
    """Pairwise similarity: ``0.5 · [same kind] + 0.5 · Jaccard(sectors)``.

    >>> similarity_matrix(["ngo", "ngo", "company"], [["water"], ["water", "natuur"], []]).tolist()
    [[1.0, 0.75, 0.0], [0.75, 1.0, 0.0], [0.0, 0.0, 1.0]]
    """
    n = len(kinds)
    sets = [set(s) for s in sectors]
    S = np.zeros((n, n))
    for i in range(n):
        for j in range(i, n):
            union = sets[i] | sets[j]
            jac = len(sets[i] & sets[j]) / len(union) if union else (1.0 if i == j else 0.0)
            S[i, j] = S[j, i] = 0.5 * (kinds[i] == kinds[j]) + 0.5 * jac
    return S


def mmr_order(
    relevance: np.ndarray, similarity: np.ndarray, k: int, lam: float = 0.75
) -> list[int]:
    """Indices of ``k`` items chosen by maximal marginal relevance.

    ``relevance`` is min–max scaled first, so ``lam`` trades the same units against similarity.
    ``lam = 1`` is the plain ranking.

    >>> rel = np.array([1.0, 0.95, 0.5])
    >>> sim = np.array([[1, 1, 0], [1, 1, 0], [0, 0, 1.0]])
    >>> mmr_order(rel, sim, 3, lam=1.0), mmr_order(rel, sim, 3, lam=0.5)
    ([0, 1, 2], [0, 2, 1])
    """
    rel = np.asarray(relevance, dtype=float)
    n = len(rel)
    if n == 0 or k <= 0:
        return []
    span = rel.max() - rel.min()
    r = (rel - rel.min()) / span if span > 0 else np.ones(n)
    chosen: list[int] = []
    max_sim = np.zeros(n)
    left = np.ones(n, dtype=bool)
    for _ in range(min(k, n)):
        value = np.where(left, lam * r - (1 - lam) * max_sim, -np.inf)
        i = int(np.argmax(value))
        chosen.append(i)
        left[i] = False
        max_sim = np.maximum(max_sim, similarity[i])
    return chosen


def diverse_order(
    score: np.ndarray, similarity: np.ndarray, k: int, weight: float
) -> tuple[list[int], np.ndarray]:
    """``k`` indices picked greedily by ``score − weight · max similarity to those picked``, and
    the discount each picked item carried (``weight · max similarity`` when it was picked).

    The picked values ``score[i] − discount`` are non-increasing along the returned order.

    >>> sim = np.array([[1, 1, 0], [1, 1, 0], [0, 0, 1.0]])
    >>> order, discount = diverse_order(np.array([1.0, 0.95, 0.5]), sim, 3, weight=0.6)
    >>> order, discount.round(2).tolist()
    ([0, 2, 1], [0.0, 0.0, 0.6])
    """
    s = np.asarray(score, dtype=float)
    n = len(s)
    if n == 0 or k <= 0:
        return [], np.zeros(0)
    chosen: list[int] = []
    discounts: list[float] = []
    max_sim = np.zeros(n)
    left = np.ones(n, dtype=bool)
    for _ in range(min(k, n)):
        value = np.where(left, s - weight * max_sim, -np.inf)
        i = int(np.argmax(value))
        chosen.append(i)
        discounts.append(float(weight * max_sim[i]))
        left[i] = False
        max_sim = np.maximum(max_sim, similarity[i])
    return chosen, np.array(discounts)
