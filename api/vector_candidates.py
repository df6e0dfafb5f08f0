"""Candidate search in the Neo4j server's vector index, for graphs too large to scan in process.

Above ``VERBINDER_VECTOR_INDEX_MIN_ORGANISATIONS`` organisations on a Neo4j store, the
suggestions' top text matches come from the database: each organisation's own text vector (the
first text of its profile: name, description, sectors, region) is stored on its node and indexed
by the server's cosine vector index, and :class:`ServerVectorIndex` answers the text channel's
nearest-neighbour search with ``db.index.vector.queryNodes`` (``Neo4jGraphStore.vector_search``).
Everything after candidate generation — features, ranking, reasons — is unchanged and in process.
Below the threshold, and on the embedded store, the in-process index is used.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING, Any

import numpy as np

from matcher.suggest.candidates import Featurizer
from matcher.suggest.graphview import TemporalGraph
from matcher.suggest.suggester import Suggester
from matcher.text.channel import TextChannel
from matcher.text.encoders import cache_key

if TYPE_CHECKING:
    from api.settings import Settings
    from graph.neo4j_store import Neo4jGraphStore
    from graph.store import GraphStore
    from matcher.text.encoders import Encoder

__all__ = ["IndexedSuggester", "ServerVectorIndex", "build_suggester"]

logger = logging.getLogger(__name__)

_KIND = "organisation"


class ServerVectorIndex:
    """The :class:`~matcher.text.ann.AnnIndex` interface (``search``) over the server's index.

    Parameters
    ----------
    store:
        The Neo4j store holding the node vectors.
    model_id:
        The model id the node vectors were stored under.
    node_ids:
        Node id of each profile of the text channel, in profile order.
    first_rows:
        Row (text) id of each profile's own text in the channel's vectors, in profile order.
    """

    def __init__(
        self,
        store: Neo4jGraphStore,
        model_id: str,
        node_ids: list[str],
        first_rows: np.ndarray,
    ):
        self.store = store
        self.model_id = model_id
        self.row_of = {node_id: int(r) for node_id, r in zip(node_ids, first_rows, strict=True)}
        self.n_ = len(self.row_of)

    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Scores (the server's cosine convention, ``(1 + cos) / 2``) and text-row ids of the
        ``k`` nearest organisations per query; ``-1`` pads short rows."""
        Q = np.atleast_2d(np.asarray(queries, dtype=np.float32))
        k = max(0, min(int(k), self.n_))
        scores = np.zeros((len(Q), k), dtype=np.float32)
        ids = -np.ones((len(Q), k), dtype=np.int64)
        for i, q in enumerate(Q):
            hits = self.store.vector_search(_KIND, self.model_id, q, k)
            rows = [(self.row_of[node_id], s) for node_id, s in hits if node_id in self.row_of]
            for j, (row, score) in enumerate(rows[:k]):
                ids[i, j] = row
                scores[i, j] = score
        return scores, ids


class IndexedSuggester(Suggester):
    """A :class:`~matcher.suggest.suggester.Suggester` whose top text matches come from the
    Neo4j vector index once there are ``min_size`` organisations (see the module docstring);
    below that, and everything after candidate search, is the parent's.

    ``search_path`` says how the last fit searches: ``"index"`` or ``"in-process"``.
    """

    def __init__(self, store: Neo4jGraphStore, *, min_size: int, **kwargs: Any):
        super().__init__(store, **kwargs)
        self.neo4j = store
        self.min_size = min_size
        self.search_path = ""

    def featurizer(
        self, tg: TemporalGraph, day: dt.date, text: TextChannel | None = None
    ) -> Featurizer:
        profiles = self.profiles(self.candidate_kind, day)
        if (
            text is None
            and len(profiles) >= self.min_size
            and self.neo4j.dialect.supports_vector_index()
        ):
            text = TextChannel.fit(
                profiles, tg.index, tg.n, encoder=self.encoder, store=self.store, ann=None
            )
            text.ann = self._server_index(text, tg)  # type: ignore[assignment]
            self.search_path = "index" if text.ann is not None else "in-process"
        elif text is None:
            self.search_path = "in-process"
        feat = super().featurizer(tg, day, text)
        if self.search_path == "index":
            # Candidates from the index, not from scoring every profile in process.
            feat.BATCH_PROFILES = 0
        return feat

    def _server_index(self, text: TextChannel, tg: TemporalGraph) -> ServerVectorIndex | None:
        tr = text.tr
        if not tr.texts_:
            return None
        first = tr.index_[:, 0]
        has = first >= 0
        node_ids = [str(tg.ids[int(e)]) for e in text.entities[has]]
        rows = first[has]
        model_id = f"{cache_key(tr.encoder_)}#own-text"
        vectors = {node_id: tr.vectors_[int(r)] for node_id, r in zip(node_ids, rows, strict=True)}
        written = self.neo4j.put_node_vectors(_KIND, model_id, vectors)
        logger.info("vector index: %d organisation vectors stored for %s", written, model_id)
        return ServerVectorIndex(self.neo4j, model_id, node_ids, rows)


def service_suggester(store: GraphStore, settings: Settings, encoder: Encoder) -> Suggester:
    """The suggestion engine a service runs for ``settings`` (and a refit process builds the
    same way): background fits, caches of the configured size."""
    return build_suggester(
        store,
        encoder,
        settings.vector_index_min_organisations,
        background=True,
        cache_size=settings.cache_size,
        refit_after=settings.refit_after_writes,
    )


def settings_encoder(settings: Settings) -> Encoder:
    """The text encoder ``settings`` name (heavy models load lazily)."""
    from matcher.text.encoders import get_encoder

    model_path = settings.model_path
    return get_encoder(settings.encoder, str(model_path) if model_path else None)


def build_suggester(store: GraphStore, encoder: Encoder, min_size: int, **kwargs: Any) -> Suggester:
    """The suggestion engine for ``store``: on Neo4j one that moves candidate search into the
    server's vector index from ``min_size`` organisations on, else the in-process one.
    ``kwargs`` go to the :class:`~matcher.suggest.suggester.Suggester` (caches, background fits)."""
    from graph.neo4j_store import Neo4jGraphStore

    if isinstance(store, Neo4jGraphStore):
        return IndexedSuggester(store, min_size=min_size, encoder=encoder, **kwargs)
    return Suggester(store, encoder=encoder, **kwargs)
