"""How text similarities become one relevance score: aggregation over a profile's texts, the
unrelated-pair background that scales each channel, the fusion of dense and lexical scores, and the
measured settings (routes) per encoder and language.

Pure numpy over similarity matrices; :class:`~matcher.text.relevance.TextRelevance` uses these.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

__all__ = [
    "AGGREGATIONS",
    "BACKGROUND_SAMPLE",
    "DEFAULT_AGGREGATION",
    "DEFAULT_TOP_K",
    "FALLBACK_DENSE_WEIGHT",
    "NEUTRAL_SCALE",
    "ROUTES",
    "Aggregation",
    "Route",
    "aggregate",
    "background",
    "default_dense_weight",
    "fuse_channels",
    "profile_index",
]

Aggregation = Literal["max", "mean", "topk", "centroid"]

AGGREGATIONS: tuple[str, ...] = ("max", "mean", "topk", "centroid")

#: Fallbacks for encoders without measured :data:`ROUTES`.
DEFAULT_AGGREGATION: Aggregation = "topk"

DEFAULT_TOP_K = 2

#: Dense share of the fused score for encoders without measured :data:`ROUTES`.
FALLBACK_DENSE_WEIGHT = 0.5
#: Scale of a channel without enough unrelated pairs to measure: (mean, sd) per channel.
NEUTRAL_SCALE = (0.0, 1.0, 0.0, 1.0)

MIN_BACKGROUND_PAIRS = 20

BACKGROUND_SAMPLE = 400


def aggregate(
    sims: np.ndarray, index: np.ndarray, mode: Aggregation = "topk", k: int = DEFAULT_TOP_K
) -> np.ndarray:
    """Aggregate per-text similarities into per-profile scores.

    Parameters
    ----------
    sims : ndarray, shape (n_queries, n_texts)
    index : ndarray of int, shape (n_profiles, max_texts)
        Column of each profile's texts in ``sims``, padded with ``-1``.
    mode : {"max", "mean", "topk"}
        ``topk`` is the mean of the ``k`` best texts (all texts when a profile has fewer).
    k : int

    Returns
    -------
    ndarray, shape (n_queries, n_profiles)
        Profiles without texts score 0.

    Examples
    --------
    >>> sims = np.array([[0.75, 0.25, 0.5, 0.25]])
    >>> index = np.array([[0, 1, 2], [3, -1, -1]])
    >>> aggregate(sims, index, "topk", 2).tolist()
    [[0.625, 0.25]]
    """
    n_q = sims.shape[0]
    n_p, width = index.shape
    if n_p == 0 or width == 0:
        return np.zeros((n_q, n_p), dtype=np.float32)
    mask = index >= 0
    counts = mask.sum(axis=1)
    gathered = sims[:, np.where(mask, index, 0)]  # (n_q, n_p, width)
    if mode == "max":
        out = np.where(mask[None], gathered, -np.inf).max(axis=2)
    elif mode == "mean":
        out = np.where(mask[None], gathered, 0.0).sum(axis=2) / np.maximum(counts, 1)[None]
    elif mode == "topk":
        if k < 1:
            raise ValueError(f"k must be at least 1, got {k}")
        ordered = -np.sort(-np.where(mask[None], gathered, -np.inf), axis=2)[:, :, :k]
        take = np.minimum(counts, k)
        ordered = np.where(
            np.arange(ordered.shape[2])[None, None] < take[None, :, None], ordered, 0.0
        )
        out = ordered.sum(axis=2) / np.maximum(take, 1)[None]
    else:
        raise ValueError(f"unknown aggregation '{mode}'; choose one of {', '.join(AGGREGATIONS)}")
    out = np.where(counts[None] > 0, out, 0.0)
    return np.asarray(out, dtype=np.float32)


def profile_index(profiles: Sequence[Sequence[str]]) -> tuple[np.ndarray, np.ndarray]:
    """Where each profile's texts sit in the flat list of all texts.

    Returns ``index`` of shape ``(n_profiles, max_texts)`` padded with ``-1`` and ``owner``, the
    profile of each flat text.

    Examples
    --------
    >>> index, owner = profile_index([["a", "b"], [], ["c"]])
    >>> index.tolist(), owner.tolist()
    ([[0, 1], [-1, -1], [2, -1]], [0, 0, 2])
    """
    width = max((len(p) for p in profiles), default=0)
    index = -np.ones((len(profiles), width), dtype=np.int64)
    pos = 0
    for j, p in enumerate(profiles):
        index[j, : len(p)] = np.arange(pos, pos + len(p))
        pos += len(p)
    owner = np.array([j for j, p in enumerate(profiles) for _ in p], dtype=np.int64)
    return index, owner


def background(
    dense_tt: np.ndarray,
    lexical_tt: np.ndarray,
    owner: np.ndarray,
    *,
    rows: np.ndarray | None = None,
) -> tuple[float, float, float, float]:
    """Mean and spread of each channel's similarity between texts of *different* profiles.

    ``dense_tt`` and ``lexical_tt`` are text-by-text similarity matrices (``rows`` names the texts
    of their rows when they are a sample). Returns ``(μd, σd, μl, σl)``; with fewer than a handful
    of such pairs the channels are left unscaled.
    """
    row_owner = owner if rows is None else owner[rows]
    other = row_owner[:, None] != owner[None, :]
    if other.sum() < MIN_BACKGROUND_PAIRS:
        return NEUTRAL_SCALE
    dense = np.asarray(dense_tt)[other]
    lex = np.asarray(lexical_tt)[other]
    return (
        float(dense.mean()),
        float(dense.std()) or 1.0,
        float(lex.mean()),
        float(lex.std()) or 1.0,
    )


def fuse_channels(
    dense: np.ndarray,
    lexical: np.ndarray,
    scale: tuple[float, float, float, float],
    weight: float,
) -> np.ndarray:
    """``weight·(dense − μd)/σd + (1 − weight)·(lexical − μl)/σl`` with ``scale = (μd, σd, μl, σl)``.

    Examples
    --------
    >>> fuse_channels(np.array([0.5]), np.array([0.2]), (0.3, 0.1, 0.0, 0.1), 0.5).round(3).tolist()
    [2.0]
    """
    d_mu, d_sd, l_mu, l_sd = scale
    return np.asarray(
        weight * (dense - d_mu) / d_sd + (1.0 - weight) * (lexical - l_mu) / l_sd,
        dtype=np.float32,
    )


@dataclass(frozen=True)
class Route:
    """Scoring settings for the queries of one language.

    ``mixture`` gives each part of a :class:`~matcher.text.encoders.ConcatEncoder` its share of the
    dense score (by part name; ``None`` keeps the encoder's own weights).
    """

    dense_weight: float
    aggregation: Aggregation = DEFAULT_AGGREGATION
    top_k: int = DEFAULT_TOP_K
    mixture: tuple[tuple[str, float], ...] | None = None


#: Settings per encoder name, chosen on the dev halves of the retrieval sets (``verbinder bench
#: encoders``): per language (``"nl"``, ``"en"``) for the default ``e5+use`` mixture, one route
#: (``"*"``) for the single encoders. Dutch queries mix e5 and USE 3:1. English ones mix them 1:1,
#: dense only, chosen on the dev half of the graded expertise set (:mod:`matcher.text.expertise`),
#: where the earlier e5-alone route lost to plain MiniLM with the mean of the top-3 papers.
ROUTES: dict[str, dict[str, Route]] = {
    "e5+use": {
        "nl": Route(0.7, "centroid", 1, (("e5", 0.75), ("use", 0.25))),
        "en": Route(1.0, "centroid", 1, (("e5", 0.5), ("use", 0.5))),
    },
    "e5": {"*": Route(0.8, "centroid", 1)},
    "use": {"*": Route(0.7, "centroid", 1)},
    "sentence-transformers": {"*": Route(0.5, "max", 1)},
    "hashing": {"*": Route(0.5, "centroid", 1)},
}


def default_dense_weight(encoder_name: str) -> float:
    """The measured dense share for an encoder: its ``"*"`` route, else its Dutch route.

    Examples
    --------
    >>> default_dense_weight("e5"), default_dense_weight("e5+use"), default_dense_weight("x")
    (0.8, 0.7, 0.5)
    """
    routes = ROUTES.get(encoder_name, {})
    route = routes.get("*") or routes.get("nl")
    return route.dense_weight if route is not None else FALLBACK_DENSE_WEIGHT
