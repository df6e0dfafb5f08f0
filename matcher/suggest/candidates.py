"""Candidates: which organisations to score for a query, and all their features.

Candidates are the union of the top text matches (:class:`~matcher.text.channel.TextChannel`), the
query's graph neighbourhood (the nodes that personalised PageRank reaches within four steps, best
first, and the partners of its partners, best Adamic–Adar first), the most connected organisations
(a popularity floor) and the stakeholders of the query's dossiers. :class:`Featurizer` puts text and graph features
together.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import networkx as nx
import numpy as np

from graph.priority import give_way
from matcher.suggest.features import (
    FEATURES,
    adamic_adar,
    graph_features,
    personalised_pagerank,
)
from matcher.suggest.graphview import GraphView, QueryContext
from matcher.text.channel import TextChannel

if TYPE_CHECKING:
    from graph.store import GraphStore

__all__ = [
    "Featurizer",
    "ProfileSource",
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


class Featurizer:
    """All features of (query, candidates) on one :class:`GraphView` with one :class:`TextChannel`.

    ``query_texts`` maps a query node id to its text (its profile joined); free-text queries pass
    the text itself.
    """

    #: Up to this many profiles, query texts are scored against all of them in batches and cached.
    BATCH_PROFILES = 20_000

    def __init__(
        self,
        view: GraphView,
        text: TextChannel,
        query_texts: Mapping[str, str],
        *,
        rows: dict[str, tuple[np.ndarray, np.ndarray]] | None = None,
    ) -> None:
        self.view = view
        self.text = text
        self.query_texts = query_texts
        # Scores of query texts against every profile; shared by featurizers of one text channel
        # (they do not depend on the day's graph).
        self._rows: dict[str, tuple[np.ndarray, np.ndarray]] = {} if rows is None else rows

    def query_text(self, q: int) -> str:
        return self.query_texts.get(self.view.tg.ids[q], "")

    def prepare(self, nodes: Sequence[int]) -> None:
        """Score the texts of query ``nodes`` against every profile in one batch (small graphs)."""
        if len(self.text.entities) > self.BATCH_PROFILES:
            return
        texts = [t for t in dict.fromkeys(self.query_text(q) for q in nodes) if t.strip()]
        texts = [t for t in texts if t not in self._rows]
        for i in range(0, len(texts), 256):
            give_way()
            chunk = texts[i : i + 256]
            d, lex = self.text.all_channels(chunk)
            for j, t in enumerate(chunk):
                self._rows[t] = (d[j], lex[j])

    def full_scores(self, text: str) -> tuple[np.ndarray, np.ndarray] | None:
        """(dense, lexical) of ``text`` against every profile, cached; ``None`` on large graphs."""
        cached = self._rows.get(text)
        if cached is None and len(self.text.entities) <= self.BATCH_PROFILES:
            d, lex = self.text.all_channels([text])
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
        X = graph_features(self.view, ctx, cand, ppr=ppr, text=text)
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


def _best(nodes: np.ndarray, score: np.ndarray, k: int) -> np.ndarray:
    """The ``k`` of ``nodes`` with the highest ``score`` (all of them when fewer)."""
    if len(nodes) <= k:
        return nodes
    return nodes[np.argpartition(-score[nodes], k - 1)[:k]]


def generate_candidates(
    feat: Featurizer,
    ctx: QueryContext,
    text: str,
    candidate_kind: str = "organisation",
    *,
    k_text: int = 100,
    k_graph: int = 200,
    k_two_hop: int = 200,
    k_popular: int = 50,
    exclude_known: bool = True,
) -> tuple[np.ndarray, np.ndarray | None]:
    """Candidate entities for a query and the PageRank vector computed on the way.

    The union of the ``k_text`` best text matches, the ``k_graph`` nodes of ``candidate_kind``
    with the highest personalised PageRank from the query node, the ``k_two_hop`` partners of its
    partners with the highest Adamic–Adar index, the ``k_popular`` nodes with the most partners
    and the stakeholders of the query's dossiers; without the query's known partners when
    ``exclude_known``. PageRank alone missed most next partners on a real co-operation network
    (it spreads over hubs); shared partners and popularity are what such networks grow by.
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
        parts.append(_best(reach, ppr, k_graph))
        aa = adamic_adar(view, ctx.node)
        two = np.flatnonzero((aa > 0) & (tg.kind == code))
        parts.append(_best(two, aa, k_two_hop))
    if k_popular > 0:
        parts.append(_best(np.flatnonzero(tg.kind == code), view.deg, k_popular))
    if len(ctx.dossiers):
        parts.append(view.S[ctx.dossiers].indices)
    cand = np.unique(np.concatenate(parts).astype(np.int64)) if parts else np.zeros(0, np.int64)
    cand = cand[(tg.kind[cand] == code) & (tg.entity[cand] == cand)]
    if exclude_known and len(ctx.known):
        cand = np.setdiff1d(cand, ctx.known)
    if ctx.node >= 0:
        cand = cand[cand != ctx.node]
    return cand, ppr
