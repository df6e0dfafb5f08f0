"""Text relevance: how well a query fits each multi-text profile, dense and lexical fused.

A profile is several texts (an organisation's description, each contact's expertise, the dossiers
it engaged with). A query is scored against a profile once in the dense channel (an
:class:`~matcher.text.encoders.Encoder`) and once in the lexical channel
(:class:`~matcher.text.lexical.LexicalIndex`), each aggregating over the profile's texts: ``max``,
``mean``, ``topk`` (mean of the k best texts) or ``centroid`` (the dense similarity to the normalised
mean of the text vectors; the lexical channel then takes the best text). Each channel is put on a
common scale by its background distribution — the similarities between texts of *different*
profiles — and the two are mixed with a dense weight.

Aggregation, weight and (for the default ``e5+use`` encoder) the mixture of the two models are
chosen per query language by measurement on the retrieval sets of :mod:`matcher.text.evalsets`
(``verbinder bench encoders``; :data:`ROUTES`). On those sets the dense centroid with the lexical
best text beat max, mean and mean-of-top-2/3 for every encoder once fused with the lexical channel
(dense alone preferred the top-2 mean).

Usable on its own, without a store::

    >>> from matcher.text.relevance import score
    >>> from matcher.text.encoders import HashingEncoder
    >>> s = score(["versterking van dijken"],
    ...           [["Waterschap: dijkversterking en kustveiligheid"], ["Fietsersbond: fietspaden"]],
    ...           encoder=HashingEncoder())
    >>> s.shape, int(s.argmax())
    ((1, 2), 0)
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from matcher.text.encoders import ConcatEncoder, Encoder, encode_cached, get_encoder
from matcher.text.fusion import (
    AGGREGATIONS,
    BACKGROUND_SAMPLE,
    DEFAULT_AGGREGATION,
    DEFAULT_TOP_K,
    NEUTRAL_SCALE,
    ROUTES,
    Aggregation,
    Route,
    aggregate,
    background,
    default_dense_weight,
    fuse_channels,
    profile_index,
)
from matcher.text.language import detect_language
from matcher.text.lexical import LexicalIndex, shared_terms

if TYPE_CHECKING:
    from graph.store import GraphStore

__all__ = ["RelevanceExplanation", "TextRelevance", "score"]


_QUERY_CACHE = 4096


@dataclass(frozen=True)
class RelevanceExplanation:
    """Why a query fits profile ``j``: the channel scores and where the match is.

    ``dense`` and ``lexical`` are the aggregated cosine similarities (before scaling), ``fused``
    the value :meth:`TextRelevance.score` returns, ``best_text`` the index of the profile text that
    fits best and ``shared_terms`` the words of the profile the query also uses.
    """

    dense: float
    lexical: float
    fused: float
    shared_terms: list[str] = field(default_factory=list)
    best_text: int = -1


def _check_profiles(profiles: Sequence[Sequence[str]]) -> list[list[str]]:
    if isinstance(profiles, str):
        raise TypeError("profiles must be a list of profiles, each a list of texts")
    out: list[list[str]] = []
    for j, profile in enumerate(profiles):
        if isinstance(profile, str):
            raise TypeError(f"profiles[{j}] is a string; each profile must be a list of texts")
        texts = list(profile)
        for i, t in enumerate(texts):
            if not isinstance(t, str):
                raise TypeError(f"profiles[{j}][{i}] is {type(t).__name__}, expected str")
        out.append([t for t in texts if t.strip()])
    return out


@dataclass
class _Fitted:
    route: Route
    qscale: np.ndarray | None  # per-dimension factor on query vectors: share / base weight
    scale: tuple[float, float, float, float]
    centroids: np.ndarray | None


class TextRelevance:
    """Scores queries against multi-text profiles (dense + lexical, fused).

    Parameters
    ----------
    encoder : Encoder, optional
        Dense encoder; default ``get_encoder("default")``.
    store : GraphStore, optional
        Embedding cache for profile texts and queries (queries are also kept in memory, up to
        4 096 of them).
    aggregation : {"topk", "max", "mean", "centroid"}, optional
        How per-text similarities become a profile score; default per encoder (:data:`ROUTES`)
        or ``topk``.
    top_k : int, optional
        ``k`` of the ``topk`` aggregation.
    dense_weight : float, optional
        Dense share of the fused score (the lexical channel gets the rest); default per encoder,
        chosen by measurement (:func:`default_dense_weight`, from :data:`ROUTES`).
    routes : mapping of language to Route, optional
        Per-language settings (``"nl"``, ``"en"``); each query is scored with the route of its
        detected language. Default :data:`ROUTES` for the encoder, unless any of the settings
        above is given.

    Examples
    --------
    >>> from matcher.text.encoders import HashingEncoder
    >>> tr = TextRelevance(HashingEncoder()).fit(
    ...     [["Kustveiligheid en dijkversterking", "Zandsuppleties"], ["Deelfietsen in steden"]])
    >>> tr.score(["wie weet iets van dijken versterken?"]).argmax(axis=1).tolist()
    [0]
    >>> tr.explain("dijkversterking", 0).best_text
    0
    """

    def __init__(
        self,
        encoder: Encoder | None = None,
        *,
        store: GraphStore | None = None,
        aggregation: Aggregation | None = None,
        top_k: int | None = None,
        dense_weight: float | None = None,
        routes: Mapping[str, Route] | None = None,
    ) -> None:
        self.encoder = encoder
        self.store = store
        self.aggregation = aggregation
        self.top_k = top_k
        self.dense_weight = dense_weight
        self.routes = routes

    # ------------------------------------------------------------------ fitting
    def _routes(self) -> dict[str, Route]:
        if self.routes is not None:
            routes = dict(self.routes)
        elif self.aggregation is None and self.top_k is None and self.dense_weight is None:
            routes = dict(ROUTES.get(self.encoder_.name, {}))
        else:
            routes = {}
        if not routes:
            weight = self.dense_weight
            if weight is None:
                weight = default_dense_weight(self.encoder_.name)
            routes = {
                "*": Route(
                    dense_weight=float(weight),
                    aggregation=self.aggregation or DEFAULT_AGGREGATION,
                    top_k=self.top_k or DEFAULT_TOP_K,
                )
            }
        for lang, r in routes.items():
            if r.aggregation not in AGGREGATIONS:
                raise ValueError(
                    f"route '{lang}': unknown aggregation '{r.aggregation}'; "
                    f"choose one of {', '.join(AGGREGATIONS)}"
                )
            if not 0.0 <= r.dense_weight <= 1.0:
                raise ValueError(f"dense_weight must be within [0, 1], got {r.dense_weight}")
            if r.top_k < 1:
                raise ValueError(f"top_k must be at least 1, got {r.top_k}")
        return routes

    def _qscale(self, route: Route) -> np.ndarray | None:
        if route.mixture is None:
            return None
        enc = self.encoder_
        if not isinstance(enc, ConcatEncoder):
            raise ValueError(f"a route mixture needs a ConcatEncoder, not '{enc.name}'")
        share = dict(route.mixture)
        unknown = set(share) - {p.name for p in enc.parts}
        if unknown:
            raise ValueError(f"route mixture names parts {sorted(unknown)} not in '{enc.name}'")
        blocks = [
            np.full(p.dim, share.get(p.name, 0.0) / w, dtype=np.float32)  # √(s/w)² on one side
            for p, w in zip(enc.parts, enc.weights, strict=True)
        ]
        return np.concatenate(blocks)

    def fit(self, profiles: Sequence[Sequence[str]]) -> TextRelevance:
        """Encode and index every profile's texts; returns ``self``.

        Parameters
        ----------
        profiles : sequence of sequence of str
            One list of texts per profile; empty texts are ignored.
        """
        self.encoder_ = self.encoder if self.encoder is not None else get_encoder("default")
        routes = self._routes()
        self.profiles_ = _check_profiles(profiles)
        self.texts_ = [t for p in self.profiles_ for t in p]
        self.index_, self.owner_ = profile_index(self.profiles_)
        self.vectors_ = encode_cached(self.encoder_, self.texts_, self.store, kind="passage")
        self.lexical_ = LexicalIndex().fit(self.texts_) if self.texts_ else None
        self._query_vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self.routes_: dict[str, _Fitted] = {}
        for lang, route in routes.items():
            qscale = self._qscale(route)
            centroids = None
            if route.aggregation == "centroid":
                # the centroid of the route's mixture: texts re-weighted by √(share / base weight)
                half = None if qscale is None else np.sqrt(qscale)
                rows = self.vectors_ if half is None else self.vectors_ * half
                cent = np.zeros((len(self.profiles_), self.encoder_.dim), dtype=np.float32)
                np.add.at(cent, self.owner_, rows)
                cent /= np.maximum(np.linalg.norm(cent, axis=1, keepdims=True), 1e-12)
                if half is not None:  # queries arrive scaled by half², so store cent / half
                    inv = np.divide(1.0, half, out=np.zeros_like(half), where=half > 0)
                    cent = cent * inv
                centroids = cent
            self.routes_[lang] = _Fitted(route, qscale, self._background(qscale), centroids)
        return self

    def _background(self, qscale: np.ndarray | None) -> tuple[float, float, float, float]:
        n = len(self.texts_)
        if n == 0:
            return NEUTRAL_SCALE
        pick = np.arange(n)
        if n > BACKGROUND_SAMPLE:
            pick = np.random.default_rng(0).choice(n, BACKGROUND_SAMPLE, replace=False)
        assert self.lexical_ is not None
        left = self.vectors_[pick] if qscale is None else self.vectors_[pick] * qscale
        dense_tt = left @ self.vectors_.T
        lex_tt = np.asarray((self.lexical_.matrix_[pick] @ self.lexical_.matrix_.T).toarray())
        return background(dense_tt, lex_tt, self.owner_, rows=pick)

    def _check_fitted(self) -> None:
        if not hasattr(self, "profiles_"):
            raise RuntimeError("TextRelevance is not fitted; call fit(profiles) first")

    # ------------------------------------------------------------------ scoring
    def _route_of(self, query: str) -> str:
        if len(self.routes_) == 1:
            return next(iter(self.routes_))
        lang = detect_language(query)
        return lang if lang in self.routes_ else next(iter(self.routes_))

    def _encode_queries(self, queries: list[str], *, persist: bool = True) -> np.ndarray:
        cache = self._query_vectors
        missing = list(dict.fromkeys(q for q in queries if q not in cache))
        if missing:
            store = self.store if persist else None
            vecs = encode_cached(self.encoder_, missing, store, kind="query")
            for q, v in zip(missing, vecs, strict=True):
                cache[q] = v
                if len(cache) > _QUERY_CACHE:
                    cache.popitem(last=False)
        for q in queries:
            cache.move_to_end(q)
        return np.vstack([cache[q] for q in queries])

    def query_vectors(self, queries: Sequence[str], *, persist: bool = True) -> np.ndarray:
        """Encoder vectors of ``queries`` (kept in an in-memory cache). Without ``persist`` they
        are neither read from nor written to the store's embedding cache: for questions a person
        typed, whose vectors and hashes must not be stored."""
        self._check_fitted()
        return self._encode_queries(list(queries), persist=persist)

    def prefetch(self, queries: Sequence[str]) -> TextRelevance:
        """Encode queries known in advance (dossier and team texts) so scoring them later is a
        lookup; with a store their vectors are also kept in its embedding cache. Returns ``self``.
        """
        self._check_fitted()
        items = [q for q in queries if isinstance(q, str)]
        for start in range(0, len(items), _QUERY_CACHE // 2):
            self._encode_queries(items[start : start + _QUERY_CACHE // 2])
        return self

    def _text_sims(
        self, queries: list[str], fitted: _Fitted
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        qv = self._encode_queries(queries)
        if fitted.qscale is not None:
            qv = qv * fitted.qscale
        assert self.lexical_ is not None
        return (
            qv,
            np.asarray(qv @ self.vectors_.T, dtype=np.float32),
            self.lexical_.similarity(queries),
        )

    def _channels(self, queries: list[str], fitted: _Fitted) -> tuple[np.ndarray, np.ndarray]:
        n_p = len(self.profiles_)
        if not queries or not self.texts_:
            z = np.zeros((len(queries), n_p), dtype=np.float32)
            return z, z.copy()
        r = fitted.route
        qv, dense_t, lex_t = self._text_sims(queries, fitted)
        if fitted.centroids is not None:
            dense = np.asarray(qv @ fitted.centroids.T, dtype=np.float32)
            dense[:, (self.index_ < 0).all(axis=1)] = 0.0
        else:
            dense = aggregate(dense_t, self.index_, r.aggregation, r.top_k)
        lex_mode: Aggregation = "topk" if r.aggregation == "centroid" else r.aggregation
        lex = aggregate(lex_t, self.index_, lex_mode, r.top_k)
        return dense, lex

    def _groups(self, queries: list[str]) -> dict[str, list[int]]:
        groups: dict[str, list[int]] = {}
        for i, q in enumerate(queries):
            groups.setdefault(self._route_of(q), []).append(i)
        return groups

    def channels(self, queries: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Aggregated dense and lexical scores, each ``(n_queries, n_profiles)``, unscaled."""
        self._check_fitted()
        qs = list(queries)
        dense = np.zeros((len(qs), len(self.profiles_)), dtype=np.float32)
        lex = dense.copy()
        for lang, rows in self._groups(qs).items():
            d, lx = self._channels([qs[i] for i in rows], self.routes_[lang])
            dense[rows], lex[rows] = d, lx
        return dense, lex

    def score(self, queries: Sequence[str]) -> np.ndarray:
        """Fused relevance of every query to every profile, shape ``(n_queries, n_profiles)``.

        Higher is better; 0 is a typical unrelated pair, each unit about one standard deviation
        of the unrelated-pair spread. Profiles without texts get the score of zero similarity.
        """
        if isinstance(queries, str):
            raise TypeError("queries must be a list of strings, not one string")
        self._check_fitted()
        qs = list(queries)
        out = np.zeros((len(qs), len(self.profiles_)), dtype=np.float32)
        empty = (
            (self.index_ < 0).all(axis=1)
            if self.index_.size
            else np.ones(len(self.profiles_), bool)
        )
        for lang, rows in self._groups(qs).items():
            fitted = self.routes_[lang]
            d, lx = self._channels([qs[i] for i in rows], fitted)
            block = fuse_channels(d, lx, fitted.scale, fitted.route.dense_weight)
            if empty.any():
                block[:, empty] = fuse_channels(
                    np.zeros(1), np.zeros(1), fitted.scale, fitted.route.dense_weight
                )[0]
            out[rows] = block
        return out

    def route_for(self, query: str) -> Route:
        """The scoring settings (route) used for ``query``'s language."""
        self._check_fitted()
        return self.routes_[self._route_of(query)].route

    def channels_for(self, query: str, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Aggregated (dense, lexical) similarity of one query to the profiles ``rows`` only.

        The same numbers as :meth:`channels` for those columns, without scoring every profile:
        a query stays fast against a few hundred candidates among 100,000 profiles.
        """
        self._check_fitted()
        rows = np.asarray(rows, dtype=np.int64)
        dense, lexical = np.zeros(len(rows)), np.zeros(len(rows))
        if not len(rows) or not self.texts_ or not query.strip():
            return dense, lexical
        idx = self.index_[rows]
        mask = idx >= 0
        cols = idx[mask]
        sub = -np.ones_like(idx)
        sub[mask] = np.arange(len(cols))
        fitted = self.routes_[self._route_of(query)]
        route = fitted.route
        qv = self._encode_queries([query], persist=False)[0]
        if fitted.qscale is not None:
            qv = qv * fitted.qscale
        assert self.lexical_ is not None
        ql = self.lexical_.transform([query])
        lex_t = np.asarray((self.lexical_.matrix_[cols] @ ql.T).toarray()).ravel()
        if fitted.centroids is not None:
            dense[:] = fitted.centroids[rows] @ qv
        else:
            dense_t = self.vectors_[cols] @ qv
            dense[:] = aggregate(dense_t[None], sub, route.aggregation, route.top_k)[0]
        lex_mode: Aggregation = "topk" if route.aggregation == "centroid" else route.aggregation
        lexical[:] = aggregate(lex_t[None], sub, lex_mode, route.top_k)[0]
        return dense, lexical

    def fuse(self, query: str, dense: np.ndarray, lexical: np.ndarray) -> np.ndarray:
        """The fused score of ``query`` from its channel scores (as :meth:`score` fuses them)."""
        self._check_fitted()
        fitted = self.routes_[self._route_of(query)]
        return np.asarray(
            fuse_channels(
                np.asarray(dense), np.asarray(lexical), fitted.scale, fitted.route.dense_weight
            ),
            dtype=float,
        )

    def explain(self, query: str, j: int) -> RelevanceExplanation:
        """Channel scores, best-fitting text and shared terms of ``query`` against profile ``j``."""
        self._check_fitted()
        if not 0 <= j < len(self.profiles_):
            raise IndexError(f"profile {j} out of range (0..{len(self.profiles_) - 1})")
        fitted = self.routes_[self._route_of(query)]
        dense, lex = self._channels([query], fitted)
        fused = float(self.score([query])[0, j])
        texts = self.profiles_[j]
        best = -1
        terms: list[str] = []
        if texts:
            cols = self.index_[j, : len(texts)]
            _, dense_t, lex_t = self._text_sims([query], fitted)
            per_text = fuse_channels(
                dense_t[0, cols], lex_t[0, cols], fitted.scale, fitted.route.dense_weight
            )
            best = int(np.argmax(per_text))
            for i in [best, *np.argsort(-per_text).tolist()]:
                for term in shared_terms(query, texts[i]):
                    if term not in terms:
                        terms.append(term)
            terms = terms[:8]
        return RelevanceExplanation(
            dense=float(dense[0, j]),
            lexical=float(lex[0, j]),
            fused=fused,
            shared_terms=terms,
            best_text=best,
        )


def score(
    queries: Sequence[str],
    profiles: Sequence[Sequence[str]],
    *,
    encoder: Encoder | None = None,
) -> np.ndarray:
    """Relevance of each query to each multi-text profile, on plain lists (no store needed).

    Parameters
    ----------
    queries : sequence of str
        Questions, abstracts or dossier texts, in any language.
    profiles : sequence of sequence of str
        Each profile is a list of texts (description, expertise, publications, …).
    encoder : Encoder, optional
        Default: ``get_encoder("default")`` (multilingual, offline).

    Returns
    -------
    ndarray, shape (len(queries), len(profiles))
        Fused dense + lexical score; higher fits better.

    Examples
    --------
    >>> from matcher.text.encoders import HashingEncoder
    >>> score(["rail freight noise"], [["Noise barriers along railways"], ["Bicycle parking"]],
    ...       encoder=HashingEncoder()).argmax()
    np.int64(0)
    """
    return TextRelevance(encoder).fit(profiles).score(queries)
