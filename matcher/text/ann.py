"""Approximate nearest-neighbour search over L2-normalised vectors (inner product = cosine).

:class:`AnnIndex` wraps faiss: an inverted file (IVF-Flat, ``nprobe`` lists searched) or an HNSW
graph, with exact search as the fallback — below ``exact_below`` vectors exact search is both faster
and perfect, and when faiss is not importable exact numpy search is used at any size.

Examples
--------
>>> rng = np.random.default_rng(0)
>>> V = rng.normal(size=(50, 8)).astype(np.float32)
>>> V /= np.linalg.norm(V, axis=1, keepdims=True)
>>> idx = AnnIndex().fit(V)
>>> scores, ids = idx.search(V[:2], 3)
>>> ids[:, 0].tolist(), idx.method_
([0, 1], 'exact')
"""

from __future__ import annotations

import logging
from typing import Any, Literal

import numpy as np

__all__ = ["AnnIndex"]

logger = logging.getLogger(__name__)

Method = Literal["auto", "exact", "ivf", "hnsw"]


class AnnIndex:
    """Top-k inner-product search.

    Parameters
    ----------
    method : {"auto", "exact", "ivf", "hnsw"}
        ``auto``: exact below ``exact_below`` vectors, IVF above.
    nlist : int, optional
        IVF lists (default ``4·√n``).
    nprobe : int
        IVF lists searched per query.
    hnsw_m, ef_search : int
        HNSW graph degree and search breadth.
    exact_below : int
    random_state : int
        Seed of the IVF training sample.
    """

    def __init__(
        self,
        method: Method = "auto",
        *,
        nlist: int | None = None,
        nprobe: int = 24,
        hnsw_m: int = 32,
        ef_search: int = 96,
        exact_below: int = 20_000,
        random_state: int = 0,
    ) -> None:
        self.method = method
        self.nlist = nlist
        self.nprobe = nprobe
        self.hnsw_m = hnsw_m
        self.ef_search = ef_search
        self.exact_below = exact_below
        self.random_state = random_state

    def fit(self, vectors: np.ndarray) -> AnnIndex:
        """Index ``vectors`` (rows L2-normalised, float32); returns ``self``."""
        V = np.ascontiguousarray(vectors, dtype=np.float32)
        if V.ndim != 2:
            raise ValueError(f"vectors must be 2-D, got shape {V.shape}")
        n, d = V.shape
        method = self.method
        if method == "auto":
            method = "exact" if n < self.exact_below else "ivf"
        if method not in ("exact", "ivf", "hnsw"):
            raise ValueError(f"unknown ANN method '{self.method}'; choose auto, exact, ivf or hnsw")
        self.vectors_ = V
        self._index = None
        if method != "exact" and n > 0:
            try:
                import faiss
            except ImportError:  # pragma: no cover - faiss-cpu is a dependency
                logger.warning("faiss not importable; using exact search")
                method = "exact"
            else:
                index: Any
                if method == "hnsw":
                    index = faiss.IndexHNSWFlat(d, self.hnsw_m, faiss.METRIC_INNER_PRODUCT)
                    index.hnsw.efSearch = self.ef_search
                    index.add(V)
                else:
                    nlist = self.nlist or max(1, min(n // 39, int(4 * np.sqrt(n))))
                    quantizer = faiss.IndexFlatIP(d)
                    index = faiss.IndexIVFFlat(quantizer, d, nlist, faiss.METRIC_INNER_PRODUCT)
                    rng = np.random.default_rng(self.random_state)
                    sample = V[rng.choice(n, min(n, nlist * 64), replace=False)]
                    index.train(sample)
                    index.add(V)
                    index.nprobe = min(self.nprobe, nlist)
                self._index = index
        self.method_ = method
        self.n_ = n
        return self

    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Scores and row ids of the ``k`` best vectors per query (ids ``-1`` pad short rows)."""
        Q = np.ascontiguousarray(np.atleast_2d(queries), dtype=np.float32)
        k = max(0, min(k, self.n_))
        if k == 0:
            return np.zeros((len(Q), 0), np.float32), np.zeros((len(Q), 0), np.int64)
        if self._index is not None:
            scores, ids = self._index.search(Q, k)
            return scores, ids.astype(np.int64)
        sims = Q @ self.vectors_.T
        top = np.argpartition(-sims, k - 1, axis=1)[:, :k]
        order = np.argsort(-np.take_along_axis(sims, top, axis=1), axis=1, kind="stable")
        ids = np.take_along_axis(top, order, axis=1)
        return np.take_along_axis(sims, ids, axis=1), ids.astype(np.int64)
