"""The services behind the routes, the web page and ``verbinder bench api``, over one store.

Fitted state (text models, rankers) is cached per store revision by the matcher's own service
objects; this module builds them once per app with the configured encoder.
"""

from __future__ import annotations

import datetime as dt
import threading
from typing import TYPE_CHECKING, Any

from api.settings import Settings
from graph.store import GraphStore

if TYPE_CHECKING:
    from matcher.coalition import Coalition
    from matcher.embedding import Encoder
    from matcher.suggest import Suggester, Suggestion
    from matcher.timing import Nudge

__all__ = ["Services", "today"]


def today() -> dt.date:
    """The default ``as_of`` day of a question."""
    return dt.date.today()


class Services:
    """Entry points shared by the HTTP routes, the web page and the benchmark."""

    def __init__(self, store: GraphStore, settings: Settings):
        self.store = store
        self.settings = settings
        self._lock = threading.Lock()
        self._encoder: Encoder | None = None
        self._suggester: Suggester | None = None
        self._cache: dict[str, tuple[int, Any]] = {}

    @property
    def encoder(self) -> Encoder:
        """The configured text encoder (built on first use; heavy models load lazily)."""
        if self._encoder is None:
            with self._lock:
                if self._encoder is None:
                    from matcher.embedding import get_encoder

                    model_path = self.settings.model_path
                    self._encoder = get_encoder(
                        self.settings.encoder, str(model_path) if model_path else None
                    )
        return self._encoder

    @property
    def suggester(self) -> Suggester:
        if self._suggester is None:
            encoder = self.encoder
            with self._lock:
                if self._suggester is None:
                    from matcher.suggest import Suggester

                    self._suggester = Suggester(self.store, encoder=encoder)
        return self._suggester

    def suggest(
        self,
        *,
        staff: str | None = None,
        dossier: str | None = None,
        text: str | None = None,
        as_of: dt.date | None = None,
        k: int = 10,
    ) -> list[Suggestion]:
        """Partner suggestions (see :func:`matcher.suggest.suggest_partners`)."""
        from matcher.suggest import suggest_partners

        return suggest_partners(
            self.store,
            staff=staff,
            dossier=dossier,
            text=text,
            as_of=as_of or today(),
            k=k,
            suggester=self.suggester,
        )

    def _per_revision(self, name: str, build: Any) -> Any:
        """The object ``build()`` made for the current store revision (rebuilt after a change)."""
        revision = self.store.revision
        with self._lock:
            hit = self._cache.get(name)
            if hit is not None and hit[0] == revision:
                return hit[1]
        value = build()
        with self._lock:
            self._cache[name] = (revision, value)
        return value

    def coalition(
        self,
        team: str,
        *,
        as_of: dt.date | None = None,
        k: int = 5,
        needs: list[str] | None = None,
    ) -> Coalition:
        """A co-producer coalition for a team (see :func:`matcher.coalition.assemble_coalition`)."""
        from matcher.coalition import CoalitionAssembler

        encoder = self.encoder
        assembler = self._per_revision("coalition", lambda: CoalitionAssembler(self.store, encoder))
        return assembler.assemble(team, as_of=as_of or today(), k=k, needs=needs or None)

    def nudges(
        self,
        *,
        staff: str | None = None,
        dossier: str | None = None,
        team: str | None = None,
        as_of: dt.date | None = None,
        horizon_days: int = 60,
        limit: int | None = 50,
    ) -> list[Nudge]:
        """Dated nudges (see :func:`matcher.timing.nudges`)."""
        from matcher.timing import Timeline, nudges

        timeline = self._per_revision("timeline", lambda: Timeline.from_store(self.store))
        return nudges(
            timeline,
            staff=staff,
            dossier=dossier,
            team=team,
            as_of=as_of or today(),
            horizon_days=horizon_days,
            limit=limit,
        )

    def options(self, kind: str) -> list[tuple[str, str]]:
        """(id, label) of every node of a kind that is not personal data (for page forms)."""
        if kind in ("contact", "staff"):
            raise ValueError(f"{kind} nodes are personal data; not offered as options")
        return [(n.id, n.label) for n in self.store.nodes(kind)]
