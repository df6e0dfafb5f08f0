"""What a suggestion query answers: the suggestions, or an explicit "geen goede match", and who is
already involved.

:class:`SuggestionResult` is a read-only sequence of :class:`Suggestion` (best first), so code that
only needs the list iterates it as before. Next to the list it says

* ``no_match`` — nothing reached the relevance floor: the question is nonsense or outside what the
  catalogue covers; ``nearest_themes`` then names the themes the catalogue does cover that lie
  closest to the question, so the user can rephrase;
* ``involved`` — for a dossier, the organisations already involved in it (never suggested again,
  shown apart as "al betrokken").
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, overload

from matcher.suggest.reasons import Reason

__all__ = [
    "ContactRef",
    "Introducer",
    "OrganisationRef",
    "Suggestion",
    "SuggestionResult",
]


@dataclass(frozen=True)
class OrganisationRef:
    id: str
    name: str
    kind: str = ""


@dataclass(frozen=True)
class ContactRef:
    """A contact who consented to be suggested."""

    id: str
    name: str
    role: str = ""


@dataclass(frozen=True)
class Introducer:
    """A colleague who met the organisation, with the (most recent) meeting."""

    staff_id: str
    name: str
    date: str
    interaction: str = ""
    table: str = ""
    session: str = ""
    colleague: bool = False


@dataclass(frozen=True)
class Suggestion:
    """One suggested organisation.

    ``score`` is the number the list is ordered by (the sum of the reasons' contributions);
    ``probability`` is a calibrated, strictly increasing function of ``score``, so the two never
    disagree about the order.
    """

    organisation: OrganisationRef
    score: float
    probability: float
    contact: ContactRef | None
    introducer: Introducer | None
    reasons: list[Reason] = field(default_factory=list)
    rank: int = 0
    features: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "rank": self.rank,
            "organisation": asdict(self.organisation),
            "score": round(self.score, 4),
            "probability": round(self.probability, 4),
            "contact": asdict(self.contact) if self.contact else None,
            "introducer": asdict(self.introducer) if self.introducer else None,
            "reasons": [r.to_dict() for r in self.reasons],
            "features": {k: round(v, 6) for k, v in self.features.items()},
        }


@dataclass(frozen=True, kw_only=True)
class SuggestionResult(Sequence[Suggestion]):
    """The answer to one query: suggestions best first, or ``no_match`` with nearest themes.

    Examples
    --------
    >>> r = SuggestionResult(items=(), no_match=True, nearest_themes=("waterveiligheid",))
    >>> len(r), r.no_match, r.to_dict()["nearest_themes"]
    (0, True, ['waterveiligheid'])
    """

    items: tuple[Suggestion, ...] = ()
    no_match: bool = False
    nearest_themes: tuple[str, ...] = ()
    involved: tuple[OrganisationRef, ...] = ()
    query_kind: str = "text"

    @overload
    def __getitem__(self, i: int) -> Suggestion: ...

    @overload
    def __getitem__(self, i: slice) -> Sequence[Suggestion]: ...

    def __getitem__(self, i: int | slice) -> Suggestion | Sequence[Suggestion]:
        return self.items[i]

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[Suggestion]:
        return iter(self.items)

    def to_dict(self) -> dict[str, Any]:
        """JSON: ``items``, ``total``, ``no_match``, ``nearest_themes`` and ``involved``."""
        return {
            "items": [s.to_dict() for s in self.items],
            "total": len(self.items),
            "no_match": self.no_match,
            "nearest_themes": list(self.nearest_themes),
            "involved": [asdict(o) for o in self.involved],
        }
