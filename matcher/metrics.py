"""Ranking metrics and their bootstrap intervals, shared by every evaluation (suggestions, the
question set, the English expertise set).
"""

from __future__ import annotations

import numpy as np

__all__ = ["METRICS", "bootstrap_ci", "rank_metrics"]

METRICS: tuple[str, ...] = ("recall@5", "recall@10", "ndcg@10", "mrr")


def rank_metrics(scores: np.ndarray, relevant: np.ndarray) -> dict[str, float]:
    """recall@5, recall@10, nDCG@10 (binary gains) and MRR of one ranking; ties keep input order.

    Examples
    --------
    >>> m = rank_metrics(np.array([0.9, 0.8, 0.7, 0.1]), np.array([False, True, False, True]))
    >>> m["mrr"], m["recall@5"], round(m["ndcg@10"], 4)
    (0.5, 1.0, 0.6509)
    """
    scores = np.asarray(scores, dtype=float)
    rel = np.asarray(relevant, dtype=bool)
    n_rel = int(rel.sum())
    if n_rel == 0:
        raise ValueError("a query needs at least one relevant candidate")
    order = np.argsort(-scores, kind="stable")
    hits = rel[order]
    ranks = np.flatnonzero(hits) + 1
    gains = 1.0 / np.log2(np.arange(2, 12))
    dcg = float((hits[:10] * gains[: len(hits[:10])]).sum())
    idcg = float(gains[: min(n_rel, 10)].sum())
    return {
        "recall@5": float(hits[:5].sum() / n_rel),
        "recall@10": float(hits[:10].sum() / n_rel),
        "ndcg@10": dcg / idcg,
        "mrr": float(1.0 / ranks[0]),
    }


def bootstrap_ci(
    values: np.ndarray, n_boot: int = 1000, random_state: int = 0, level: float = 0.95
) -> tuple[float, float, float]:
    """Mean of ``values`` and its percentile bootstrap interval.

    >>> bootstrap_ci(np.array([1.0, 1.0, 1.0]))
    (1.0, 1.0, 1.0)
    """
    v = np.asarray(values, dtype=float)
    if len(v) == 0:
        return (float("nan"),) * 3
    rng = np.random.default_rng(random_state)
    means = v[rng.integers(0, len(v), size=(n_boot, len(v)))].mean(axis=1)
    a = (1 - level) / 2
    return float(v.mean()), float(np.quantile(means, a)), float(np.quantile(means, 1 - a))
