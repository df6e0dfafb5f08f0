"""The text channel: one object that scores a query's words against the nodes' profiles.

:class:`TextChannel` owns a fitted :class:`~matcher.text.relevance.TextRelevance` (dense + lexical,
fused) and maps its profiles to the entities of a graph, so suggestions, candidates and
:func:`~matcher.text.relevance.score` share one scoring path. It scores a query against *some*
profiles only (the candidates), so a query stays fast with 100,000 organisations; with an
:class:`~matcher.text.ann.AnnIndex` the top text matches come from approximate search instead of a
full scan. It also finds the words a query shares with a profile, for the reasons.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np

from matcher.text.ann import AnnIndex
from matcher.text.encoders import Encoder
from matcher.text.lexical import tokens
from matcher.text.relevance import TextRelevance

if TYPE_CHECKING:
    from graph.store import GraphStore

__all__ = ["TextChannel"]


class TextChannel:
    """Dense and lexical similarity of a query to candidate profiles.

    Parameters
    ----------
    relevance : TextRelevance
        Fitted on the candidates' profiles, in the order of ``entities``.
    entities : array of int
        Entity number (e.g. in a graph's node index) of each profile.
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
        index: Mapping[str, int],
        n: int,
        *,
        encoder: Encoder | None = None,
        store: GraphStore | None = None,
        ann: str | None = None,
    ) -> TextChannel:
        """Fit on ``{node id: texts}``; ``index`` maps node ids to entity numbers below ``n`` (ids
        it lacks are ignored); ``ann`` names an :class:`AnnIndex` method (``None``: no index)."""
        ids = [i for i in profiles if i in index]
        tr = TextRelevance(encoder, store=store).fit([profiles[i] for i in ids])
        ann_index = AnnIndex(ann).fit(tr.vectors_) if ann else None  # type: ignore[arg-type]
        return cls(tr, np.array([index[i] for i in ids], dtype=np.int64), n, ann_index)

    def query_vector(self, text: str) -> np.ndarray:
        """The encoder vector of ``text``, in memory only (never in the store's cache)."""
        return self.tr.query_vectors([text], persist=False)[0]

    def channels(self, text: str, cand: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Aggregated (dense, lexical) similarity of ``text`` to the candidate entities ``cand``
        (all profiles when ``None``); entities without a profile get 0."""
        if cand is None:
            d, lex = self.tr.channels([text])
            return d[0], lex[0]
        cand = np.asarray(cand, dtype=np.int64)
        rows = self.row_of[cand]
        have = rows >= 0
        dense, lexical = np.zeros(len(cand)), np.zeros(len(cand))
        if have.any():
            dense[have], lexical[have] = self.tr.channels_for(text, rows[have])
        return dense, lexical

    def all_channels(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """(dense, lexical) of each text against every profile, shape ``(len(texts), profiles)``."""
        return self.tr.channels(texts)

    def fused(self, text: str, dense: np.ndarray, lexical: np.ndarray) -> np.ndarray:
        """The text-only relevance of ``text`` (the relevance model's fused score)."""
        return self.tr.fuse(text, dense, lexical)

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
