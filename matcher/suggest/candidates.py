"""Candidates and the text channel: which organisations to score for a query, with which texts.

Candidates are the union of the top text matches, the query's graph neighbourhood (the nodes that
personalised PageRank reaches within four steps, best first) and the stakeholders of the query's
dossiers. :class:`TextChannel` wraps a fitted :class:`~matcher.text.relevance.TextRelevance` and scores a
query against *some* profiles only — the candidates — so a query stays fast with 100,000
organisations; with an :class:`~matcher.text.ann.AnnIndex` the top text matches come from approximate
search instead of a full scan. :class:`Featurizer` puts text and graph features together.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import networkx as nx
import numpy as np

from matcher.suggest.features import (
    FEATURES,
    GraphView,
    QueryContext,
    TemporalGraph,
    graph_features,
    personalised_pagerank,
)
from matcher.text.ann import AnnIndex
from matcher.text.encoders import Encoder
from matcher.text.lexical import tokens
from matcher.text.relevance import TextRelevance, aggregate, fuse_channels

if TYPE_CHECKING:
    from graph.store import GraphStore

__all__ = [
    "Featurizer",
    "ProfileSource",
    "TextChannel",
    "generate_candidates",
    "graph_profiles",
    "store_profiles",
]

#: ``source(kind, as_of)`` → ``{node id: [texts]}``.
ProfileSource = Callable[[str, "dt.date | None"], dict[str, list[str]]]
_DENSE, _LEX = FEATURES.index("dense"), FEATURES.index("lexical")


def store_profiles(store: GraphStore) -> ProfileSource:
    """Profiles from :func:`matcher.text.profiles.build_profiles` (time-cut by ``as_of``)."""
    from matcher.text.profiles import build_profiles

    def source(kind: str, as_of: dt.date | None) -> dict[str, list[str]]:
        return build_profiles(store, kind, as_of=as_of)

    return source


def _text_of(attrs: dict[str, Any]) -> list[str]:
    parts = [str(attrs.get(f) or "") for f in ("name", "title", "description", "expertise")]
    for f in ("sectors", "themes", "needs"):
        if attrs.get(f):
            parts.append(", ".join(map(str, attrs[f])))
    head = ". ".join(p for p in parts if p.strip())
    return [head, *[str(d) for d in attrs.get("documents") or []]] if head else []


def graph_profiles(graph: nx.MultiDiGraph) -> ProfileSource:
    """Profiles from node fields only (name, description, expertise, sectors, themes, documents),
    for graphs without a store, such as a generated benchmark graph; the same on every day."""
    cache: dict[str, dict[str, list[str]]] = {}

    def source(kind: str, as_of: dt.date | None) -> dict[str, list[str]]:
        if kind not in cache:
            cache[kind] = {
                n: _text_of(a) for n, a in sorted(graph.nodes(data=True)) if a.get("kind") == kind
            }
        return cache[kind]

    return source


class TextChannel:
    """Dense and lexical similarity of a query to candidate profiles.

    Parameters
    ----------
    relevance : TextRelevance
        Fitted on the candidates' profiles, in the order of ``entities``.
    entities : array of int
        Entity index (in the :class:`~matcher.suggest.features.TemporalGraph`) of each profile.
    n : int
        Number of nodes of the graph.
    ann : AnnIndex, optional
        Over ``relevance.vectors_`` (one row per profile text); without it top matches scan all.
    """

    def __init__(
        self, relevance: TextRelevance, entities: np.ndarray, n: int, ann: AnnIndex | None = None
    ) -> None:
        self.tr = relevance
        self.entities = np.asarray(entities, dtype=np.int64)
        self.row_of = np.full(n, -1, dtype=np.int64)
        self.row_of[self.entities] = np.arange(len(self.entities))
        self.ann = ann
        self._words: dict[int, tuple[list[str], str]] = {}

    @classmethod
    def fit(
        cls,
        profiles: dict[str, list[str]],
        tg: TemporalGraph,
        *,
        encoder: Encoder | None = None,
        store: GraphStore | None = None,
        ann: str | None = None,
    ) -> TextChannel:
        """Fit on ``{node id: texts}`` (ids unknown to ``tg`` are ignored); ``ann`` names an
        :class:`AnnIndex` method (``None``: no index)."""
        ids = [i for i in profiles if i in tg.index]
        tr = TextRelevance(encoder, store=store).fit([profiles[i] for i in ids])
        index = AnnIndex(ann).fit(tr.vectors_) if ann else None  # type: ignore[arg-type]
        return cls(tr, np.array([tg.index[i] for i in ids], dtype=np.int64), tg.n, index)

    def query_vector(self, text: str) -> np.ndarray:
        """The encoder vector of ``text``, in memory only (never in the store's cache)."""
        return self.tr.query_vectors([text], persist=False)[0]

    def channels(self, text: str, cand: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Aggregated (dense, lexical) similarity of ``text`` to the candidate entities ``cand``
        (all profiles when ``None``); entities without a profile get 0."""
        tr = self.tr
        if cand is None:
            d, lex = tr.channels([text])
            return d[0], lex[0]
        cand = np.asarray(cand, dtype=np.int64)
        rows = self.row_of[cand]
        have = rows >= 0
        dense, lexical = np.zeros(len(cand)), np.zeros(len(cand))
        if not have.any() or not tr.texts_ or not text.strip():
            return dense, lexical
        idx = tr.index_[rows[have]]
        mask = idx >= 0
        cols = idx[mask]
        sub = -np.ones_like(idx)
        sub[mask] = np.arange(len(cols))
        fitted = self._fitted(text)
        route = fitted.route
        qv = self.query_vector(text)
        if fitted.qscale is not None:
            qv = qv * fitted.qscale
        assert tr.lexical_ is not None
        ql = tr.lexical_.transform([text])
        lex_t = np.asarray((tr.lexical_.matrix_[cols] @ ql.T).toarray()).ravel()
        if fitted.centroids is not None:
            dense[have] = fitted.centroids[rows[have]] @ qv
        else:
            dense_t = tr.vectors_[cols] @ qv
            dense[have] = aggregate(dense_t[None], sub, route.aggregation, route.top_k)[0]
        lex_mode: Any = "topk" if route.aggregation == "centroid" else route.aggregation
        lexical[have] = aggregate(lex_t[None], sub, lex_mode, route.top_k)[0]
        return dense, lexical

    def _fitted(self, text: str) -> Any:
        """The relevance model's fitted route (language settings) for this text."""
        return self.tr.routes_[self.tr._route_of(text)]

    def fused(self, text: str, dense: np.ndarray, lexical: np.ndarray) -> np.ndarray:
        """The text-only relevance of ``text`` (the relevance model's fused score)."""
        f = self._fitted(text)
        return np.asarray(
            fuse_channels(np.asarray(dense), np.asarray(lexical), f.scale, f.route.dense_weight),
            dtype=float,
        )

    def top(self, text: str, k: int) -> np.ndarray:
        """Entities of the ``k`` best-matching profiles (approximate with an ANN index)."""
        if not text.strip() or len(self.entities) == 0 or k <= 0:
            return np.zeros(0, dtype=np.int64)
        if self.ann is not None:
            _, ids = self.ann.search(self.query_vector(text)[None], 3 * k)
            owners = self.tr.owner_[ids[0][ids[0] >= 0]]
            rows = np.array(list(dict.fromkeys(owners.tolist()))[:k], dtype=np.int64)
            return self.entities[rows]
        d, lex = self.channels(text)
        s = self.fused(text, d, lex)
        k = min(k, len(s))
        top = np.argpartition(-s, k - 1)[:k]
        return self.entities[top[np.argsort(-s[top], kind="stable")]]

    def shared_terms(self, text: str, entity: int, limit: int = 5) -> list[str]:
        """Words of the entity's profile that the query also uses (whole, or inside a compound
        for words of five letters or more), most distinctive profile texts first."""
        row = int(self.row_of[entity])
        if row < 0 or not text.strip():
            return []
        cached = self._words.get(row)
        if cached is None:
            words = list(dict.fromkeys(w for t in self.tr.profiles_[row] for w in tokens(t)))
            cached = (words, " " + " ".join(words) + " ")
            self._words[row] = cached
        words, joined = cached
        q = set(tokens(text))
        qjoined = " " + " ".join(q) + " "
        out: list[str] = []
        for w in words:  # the profile's own order: exact words, or a part of a query compound
            if w in q or (len(w) >= 5 and w in qjoined):
                out.append(w)
                if len(out) >= limit:
                    return out
        for a in sorted(w for w in q if len(w) >= 5):  # a query word inside a profile compound
            pos = joined.find(a)
            if pos >= 0:
                word = joined[joined.rfind(" ", 0, pos) + 1 : joined.find(" ", pos)]
                if word not in out:
                    out.append(word)
                    if len(out) >= limit:
                        break
        return out


class Featurizer:
    """All features of (query, candidates) on one :class:`GraphView` with one :class:`TextChannel`.

    ``query_texts`` maps a query node id to its text (its profile joined); free-text queries pass
    the text itself.
    """

    #: Up to this many profiles, query texts are scored against all of them in batches and cached.
    BATCH_PROFILES = 20_000

    def __init__(self, view: GraphView, text: TextChannel, query_texts: dict[str, str]) -> None:
        self.view = view
        self.text = text
        self.query_texts = query_texts
        self._rows: dict[str, tuple[np.ndarray, np.ndarray]] = {}

    def query_text(self, q: int) -> str:
        return self.query_texts.get(self.view.tg.ids[q], "")

    def prepare(self, nodes: Sequence[int]) -> None:
        """Score the texts of query ``nodes`` against every profile in one batch (small graphs)."""
        if len(self.text.entities) > self.BATCH_PROFILES:
            return
        texts = [t for t in dict.fromkeys(self.query_text(q) for q in nodes) if t.strip()]
        texts = [t for t in texts if t not in self._rows]
        for i in range(0, len(texts), 256):
            chunk = texts[i : i + 256]
            d, lex = self.text.tr.channels(chunk)
            for j, t in enumerate(chunk):
                self._rows[t] = (d[j], lex[j])

    def full_scores(self, text: str) -> tuple[np.ndarray, np.ndarray] | None:
        """(dense, lexical) of ``text`` against every profile, cached; ``None`` on large graphs."""
        cached = self._rows.get(text)
        if cached is None and len(self.text.entities) <= self.BATCH_PROFILES:
            d, lex = self.text.tr.channels([text])
            cached = (d[0], lex[0])
            if len(self._rows) > 8192:
                self._rows.clear()
            self._rows[text] = cached
        return cached

    def top_text(self, text: str, k: int) -> np.ndarray:
        """Entities of the ``k`` best text matches (from the cached scores on small graphs)."""
        cached = self.full_scores(text) if text.strip() else None
        if cached is None:
            return self.text.top(text, k)
        s = self.text.fused(text, *cached)
        k = min(k, len(s))
        if k <= 0:
            return np.zeros(0, dtype=np.int64)
        top = np.argpartition(-s, k - 1)[:k]
        return self.text.entities[top[np.argsort(-s[top], kind="stable")]]

    def features(
        self, ctx: QueryContext, text: str, cand: np.ndarray, ppr: np.ndarray | None = None
    ) -> np.ndarray:
        X = graph_features(self.view, ctx, cand, ppr=ppr)
        if text.strip():
            cached = self.full_scores(text)
            if cached is not None:
                rows = self.text.row_of[np.asarray(cand, dtype=np.int64)]
                have = rows >= 0
                X[have, _DENSE] = cached[0][rows[have]]
                X[have, _LEX] = cached[1][rows[have]]
            else:
                X[:, _DENSE], X[:, _LEX] = self.text.channels(text, cand)
        return X

    def __call__(self, q: int, cand: np.ndarray) -> np.ndarray:
        ctx = self.view.context(self.view.tg.ids[q])
        return self.features(ctx, self.query_text(q), cand)


def query_texts(
    source: ProfileSource, kinds: Sequence[str], as_of: dt.date | None
) -> dict[str, str]:
    """``{node id: its profile texts joined}`` for the query kinds."""
    out: dict[str, str] = {}
    for kind in kinds:
        try:
            profiles = source(kind, as_of)
        except ValueError:  # a kind without a profile builder
            continue
        out.update({i: ". ".join(t) for i, t in profiles.items()})
    return out


def generate_candidates(
    feat: Featurizer,
    ctx: QueryContext,
    text: str,
    candidate_kind: str = "organisation",
    *,
    k_text: int = 100,
    k_graph: int = 200,
    exclude_known: bool = True,
) -> tuple[np.ndarray, np.ndarray | None]:
    """Candidate entities for a query and the PageRank vector computed on the way.

    The union of the ``k_text`` best text matches, the ``k_graph`` nodes of ``candidate_kind``
    with the highest personalised PageRank from the query node, and the stakeholders of the
    query's dossiers; without the query's known partners when ``exclude_known``.
    """
    view = feat.view
    tg = view.tg
    code = tg.kind_code(candidate_kind)
    parts = [feat.top_text(text, k_text)]
    ppr = None
    if ctx.node >= 0:
        ppr = personalised_pagerank(view, ctx.node)
        reach = np.flatnonzero(ppr > 0)
        reach = reach[tg.kind[reach] == code]
        if len(reach) > k_graph:
            reach = reach[np.argpartition(-ppr[reach], k_graph - 1)[:k_graph]]
        parts.append(reach)
    if len(ctx.dossiers):
        parts.append(view.S[ctx.dossiers].indices)
    cand = np.unique(np.concatenate(parts).astype(np.int64)) if parts else np.zeros(0, np.int64)
    cand = cand[(tg.kind[cand] == code) & (tg.entity[cand] == cand)]
    if exclude_known and len(ctx.known):
        cand = np.setdiff1d(cand, ctx.known)
    if ctx.node >= 0:
        cand = cand[cand != ctx.node]
    return cand, ppr
