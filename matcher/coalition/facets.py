"""Facets of a team's challenge: the separate things a coalition of partners has to cover.

A facet is a short text with a weight. Facets come either from a needs list the team gave
(one facet per need) or from the challenge text itself: split into sentences, and a single long
sentence further into clauses (at ``;``, ``:``, ``,`` and the Dutch coordinators *en*, *maar*, *of*
when both sides carry enough words). Weights are normalised to sum to one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["Facet", "FacetError", "extract_facets", "facets_for_team", "parse_need"]

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-Ý0-9\"'(])|[\n\r]+|\s*;\s*|\s*•\s*")
_CLAUSE_SPLIT = re.compile(r"\s*[,:]\s+|\s+(?:en|maar|of|zodat|terwijl)\s+")
_WORD = re.compile(r"[\wÀ-ÿ'-]+", re.UNICODE)
#: A facet needs at least this many words; shorter fragments are merged into their neighbour.
MIN_WORDS = 3


class FacetError(ValueError):
    """The challenge text and needs list yield no usable facet, or a team's own facets are not
    valid. The message names record and field (for the API); ``text_nl`` says it in Dutch for the
    page."""

    def __init__(self, message: str, text_nl: str = "") -> None:
        super().__init__(message)
        self.text_nl = text_nl or "de onderdelen zijn niet geldig"


@dataclass(frozen=True)
class Facet:
    """One thing to cover: its text, its weight (all weights sum to 1) and where it came from.

    ``source`` is ``"needs"`` (the team's own list: stored as an override or given with the
    request), ``"challenge"`` or ``"dossier"`` (derived from the team's own texts).
    ``evidence`` is the words of the team's own text the facet was read from (empty when none
    reaches the threshold), ``relevance`` their relevance to it, and ``query`` the text the
    partners are scored against (the topic's definition for a derived facet, else ``text``).
    """

    index: int
    text: str
    weight: float
    source: str
    evidence: str = ""
    evidence_source: str = ""
    relevance: float | None = None
    query: str = ""

    @property
    def scored_text(self) -> str:
        """What partners are scored against."""
        return self.query or self.text


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip(" .;:,-–\t")


def _merge_short(parts: list[str]) -> list[str]:
    """Merge fragments shorter than :data:`MIN_WORDS` into the previous (or next) fragment."""
    merged: list[str] = []
    for part in parts:
        if merged and _words(part) < MIN_WORDS:
            merged[-1] = f"{merged[-1]}, {part}"
        else:
            merged.append(part)
    if len(merged) > 1 and _words(merged[0]) < MIN_WORDS:
        merged[1] = f"{merged[0]}, {merged[1]}"
        merged.pop(0)
    return merged


def parse_need(need: str) -> tuple[str, float]:
    """A stored need: ``"waterstof"`` (weight 1) or ``"waterstof=2"`` (weight 2).

    Example
    -------
    >>> parse_need("havens=2"), parse_need("wind op zee")
    (('havens', 2.0), ('wind op zee', 1.0))
    """
    text, sep, weight = need.rpartition("=")
    if sep and text.strip():
        try:
            value = float(weight.replace(",", "."))
        except ValueError:
            return _clean(need), 1.0
        if not (value > 0 and value <= 10):
            raise FacetError(f"need '{need}': the weight must be above 0 and at most 10")
        return _clean(text), value
    return _clean(need), 1.0


def _split_challenge(text: str, max_facets: int) -> list[str]:
    sentences = [_clean(s) for s in _SENTENCE_END.split(text)]
    sentences = _merge_short([s for s in sentences if s])
    if len(sentences) < 2:
        clauses: list[str] = []
        for sentence in sentences:
            clauses.extend(c for c in (_clean(c) for c in _CLAUSE_SPLIT.split(sentence)) if c)
        clauses = _merge_short(clauses)
        if len(clauses) > len(sentences):
            sentences = clauses
    # Too many: keep the first ``max_facets - 1`` and fold the rest into the last facet.
    if len(sentences) > max_facets:
        sentences = [*sentences[: max_facets - 1], "; ".join(sentences[max_facets - 1 :])]
    return sentences


def extract_facets(
    challenge: str,
    needs: Sequence[str] | None = None,
    *,
    max_facets: int = 8,
) -> list[Facet]:
    """Split a challenge (or take a needs list) into weighted facets.

    Parameters
    ----------
    challenge:
        The team's challenge text (Dutch prose).
    needs:
        Optional list of needs; when it has entries, each becomes one facet and the challenge
        text is not split.
    max_facets:
        Upper bound on the number of facets; extra sentences are folded into the last one.

    Returns
    -------
    list[Facet]
        Facets in text order, equal weights summing to one.

    Raises
    ------
    FacetError
        When neither the needs nor the challenge contain any words.

    Example
    -------
    >>> fs = extract_facets("Minder stikstof uit de bouw. Samenwerken met aannemers in de regio.")
    >>> [f.text for f in fs]
    ['Minder stikstof uit de bouw', 'Samenwerken met aannemers in de regio']
    >>> fs[0].weight
    0.5
    """
    if max_facets < 1:
        raise FacetError(f"max_facets must be at least 1, got {max_facets}")
    parsed = [parse_need(n) for n in (needs or ()) if _clean(n)]
    weights: list[float]
    if parsed:
        seen: set[str] = set()
        texts, weights = [], []
        for need, w in parsed:
            if need and need.lower() not in seen:
                seen.add(need.lower())
                texts.append(need)
                weights.append(w)
        texts, weights = texts[:max_facets], weights[:max_facets]
        source = "needs"
    else:
        texts = _split_challenge(challenge or "", max_facets)
        weights = [1.0] * len(texts)
        source = "challenge"
    kept = [(t, w) for t, w in zip(texts, weights, strict=True) if _words(t) > 0]
    if not kept:
        raise FacetError("no facets: the challenge text is empty and no needs were given")
    total = sum(w for _, w in kept)
    return [Facet(i, t, w / total, source) for i, (t, w) in enumerate(kept)]


def facets_for_team(
    team: object, needs: Sequence[str] | None = None, *, max_facets: int = 8
) -> list[Facet]:
    """Facets of a :class:`~graph.model.Team`: the given ``needs``, else the team's own needs
    list, else its challenge text.

    Example
    -------
    >>> from graph.model import Team
    >>> t = Team(id="team:1-1", name="Team 1", challenge="Schone scheepvaart op de Waal.")
    >>> [f.text for f in facets_for_team(t)]
    ['Schone scheepvaart op de Waal']
    """
    challenge = str(getattr(team, "challenge", "") or "")
    own_needs = list(getattr(team, "needs", []) or [])
    try:
        return extract_facets(challenge, needs if needs else own_needs, max_facets=max_facets)
    except FacetError as e:
        raise FacetError(f"team '{getattr(team, 'id', '?')}': {e}") from e
