"""A team's facets read from its own words: the challenge text and the dossiers its members run.

The topics of :data:`matcher.vocabulary.TOPICS_NL` are the profiles of a
:class:`~matcher.text.relevance.TextRelevance` model (dense and lexical, fused, on the scale of
unrelated pairs: 0 is a typical unrelated pair, one unit one spread of them). The team's text is
cut into short windows (a few words within one clause), every window is scored against every
topic, and a topic's relevance to the team is its best window. Windows from the challenge count in
full; windows from the team's dossiers (the one its challenge names, and those two or more of its
members work on) count :data:`DOSSIER_DISCOUNT` lower, since a dossier says less about the team's
shared question than its challenge does.

A topic becomes a facet when its relevance reaches :data:`THRESHOLD`; at most
:data:`MAX_DERIVED` are kept, weighted by how far they pass it. The best window is kept as
evidence ("uit uw opgave: 'import van waterstof'"), so the team sees why.

A team's stored needs override the derived facets (:func:`team_facets`); the same scoring tells how
well any facet list fits the team's own text (:meth:`FacetDeriver.relevance`), which the seed
check and ``verbinder evaluate-coalitions`` use.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from graph.model import Team
from matcher.coalition.facets import Facet, FacetError, extract_facets
from matcher.vocabulary import TOPICS_NL

__all__ = [
    "DOSSIER_DISCOUNT",
    "MAX_DERIVED",
    "THRESHOLD",
    "FacetDeriver",
    "TeamFacets",
    "TeamText",
    "store_team_facets",
    "team_facets",
]

#: Facets a team may keep at most, and the largest weight of one.
MAX_FACETS, MAX_WEIGHT = 8, 10.0

#: Relevance (in spreads of unrelated pairs) from which a topic counts as part of a team's text.
#: Set on the seed with the default encoder: the topics a challenge is about reach 4–7, the
#: boilerplate of a challenge ("met meer draagvlak") stays below 2.
THRESHOLD = 2.0
#: How much lower a dossier's words count than the team's own challenge.
DOSSIER_DISCOUNT = 1.0
#: Derived facets at most.
MAX_DERIVED = 4
#: Words per window of the team's text, and the step between windows.
WINDOW, STEP = 6, 3
#: A clause shorter than this joins its neighbour.
MIN_WORDS = 3

_SENTENCES = re.compile(r"[.!?;\n]+")
_CLAUSES = re.compile(r"[:,()]+|\s+(?:en|maar|of|zodat|terwijl|dat)\s+")
_WORD = re.compile(r"[\wÀ-ÿ'-]+", re.UNICODE)


@dataclass(frozen=True, kw_only=True)
class TeamText:
    """A team's own words: its challenge and the (title, description) of its dossiers."""

    challenge: str
    dossiers: Sequence[tuple[str, str]] = ()


@dataclass(frozen=True, kw_only=True)
class TeamFacets:
    """The facets in force for a team, the ones read from its words, and whether its own stored
    list overrides them."""

    team: str
    override: bool
    facets: list[Facet]
    derived: list[Facet]


def _clauses(text: str) -> list[list[str]]:
    """The words of each clause; within a sentence, a clause of fewer than :data:`MIN_WORDS`
    words joins the one before it (or after it), so a lone word is read in its context."""
    out: list[list[str]] = []
    for sentence in _SENTENCES.split(text or ""):
        merged: list[list[str]] = []
        for words in (w for w in (_WORD.findall(c) for c in _CLAUSES.split(sentence)) if w):
            if merged and (len(words) < MIN_WORDS or len(merged[-1]) < MIN_WORDS):
                merged[-1] = merged[-1] + words
            else:
                merged.append(words)
        out.extend(merged)
    return out


def _windows(text: str) -> list[str]:
    out: list[str] = []
    for words in _clauses(text):
        starts = range(0, max(len(words) - WINDOW, 0) + 1, STEP)
        for i in starts:
            out.append(" ".join(words[i : i + WINDOW]))
        if len(words) > WINDOW and (len(words) - WINDOW) % STEP:
            out.append(" ".join(words[-WINDOW:]))
    return out


class FacetDeriver:
    """Reads facets from a team's text by relevance onto the topic vocabulary.

    Parameters
    ----------
    encoder:
        Dense encoder for the relevance model (default: the default encoder).
    topics:
        Topic → defining text (default :data:`~matcher.vocabulary.TOPICS_NL`).
    store:
        Embedding cache, if any.

    Example
    -------
    >>> from matcher.text.encoders import HashingEncoder
    >>> d = FacetDeriver(HashingEncoder())
    >>> fs = d.derive(TeamText(challenge="Hoe versnellen we de import van waterstof via de havens?"))
    >>> [f.text for f in fs][:2], fs[0].evidence
    (['waterstof', 'havens'], 'de import van waterstof via de')
    """

    def __init__(
        self, encoder: Any = None, *, topics: dict[str, str] | None = None, store: Any = None
    ):
        from matcher.text.relevance import TextRelevance

        self.topics = dict(TOPICS_NL if topics is None else topics)
        self.names = list(self.topics)
        self.encoder = encoder
        self.store = store
        profiles = [[self.topics[t]] for t in self.names]
        self.model = TextRelevance(encoder, store=store).fit(profiles)

    def _pieces(self, text: TeamText) -> tuple[list[str], list[str], np.ndarray]:
        """Windows, where each came from (Dutch), and the discount each carries."""
        pieces, where, discount = [], [], []
        for w in _windows(text.challenge):
            pieces.append(w)
            where.append("challenge")
            discount.append(0.0)
        for title, description in text.dossiers:
            for w in _windows(f"{title}. {description}"):
                pieces.append(w)
                where.append(f"dossier:{title}")
                discount.append(DOSSIER_DISCOUNT)
        return pieces, where, np.asarray(discount, dtype=np.float64)

    def topic_scores(self, text: TeamText) -> tuple[np.ndarray, list[str], list[str]]:
        """Per topic: its relevance to the team's text, the best window and where it is from."""
        pieces, where, discount = self._pieces(text)
        if not pieces:
            return np.full(len(self.names), -np.inf), [""] * len(self.names), [""] * len(self.names)
        z = np.asarray(self.model.score(pieces), dtype=np.float64) - discount[:, None]
        best = z.argmax(axis=0)
        return (
            z[best, np.arange(len(self.names))],
            [pieces[i] for i in best],
            [where[i] for i in best],
        )

    def derive(
        self,
        text: TeamText,
        *,
        threshold: float = THRESHOLD,
        max_facets: int = MAX_DERIVED,
    ) -> list[Facet]:
        """The topics above ``threshold`` (best first, at most ``max_facets``) as facets with
        their evidence; weights ∝ relevance, summing to one. Empty when no topic passes."""
        scores, evidence, where = self.topic_scores(text)
        order = [int(i) for i in np.argsort(-scores, kind="stable") if scores[i] >= threshold]
        order = order[:max_facets]
        if not order:
            return []
        total = float(sum(scores[i] for i in order))
        return [
            Facet(
                k,
                self.names[i],
                float(scores[i]) / total,
                "challenge" if where[i] == "challenge" else "dossier",
                evidence=evidence[i],
                evidence_source=where[i].partition(":")[2],
                relevance=float(scores[i]),
                query=self.topics[self.names[i]],
            )
            for k, i in enumerate(order)
        ]

    def relevance(self, facets: Sequence[str], text: TeamText) -> list[tuple[float, str, str]]:
        """``(relevance, best window, where)`` of each facet text to the team's own text.

        A facet named like a topic is scored by the topic's definition; any other facet by its
        own words (against a model refitted with it among the topics, so both share one scale).
        """
        unknown = [f for f in facets if f not in self.topics]
        deriver = self
        if unknown:
            extra = {**self.topics, **{f: f for f in unknown}}
            deriver = FacetDeriver(self.encoder, topics=extra, store=self.store)
        scores, evidence, where = deriver.topic_scores(text)
        pos = {t: i for i, t in enumerate(deriver.names)}
        return [(float(scores[pos[f]]), evidence[pos[f]], where[pos[f]]) for f in facets]


def team_facets(
    team: Any,
    text: TeamText,
    deriver: FacetDeriver | None,
    needs: Sequence[str] | None = None,
) -> list[Facet]:
    """A team's facets: ``needs`` given with the request, else the team's stored needs (its
    override), else the facets derived from its text, else its challenge split into sentences.
    Facets that were not derived still get their evidence (when it reaches the threshold).
    """
    given = [n for n in (needs or ()) if n.strip()]
    stored = [n for n in (getattr(team, "needs", None) or ()) if n.strip()]
    chosen = given or stored
    if not chosen and deriver is not None:
        derived = deriver.derive(text)
        if derived:
            return derived
    facets = extract_facets(text.challenge, chosen)
    if deriver is None or not chosen:
        return facets
    found = deriver.relevance([f.text for f in facets], text)
    out = []
    for f, (z, window, where) in zip(facets, found, strict=False):
        ok = z >= THRESHOLD
        out.append(
            replace(
                f,
                evidence=window if ok else "",
                evidence_source=where.partition(":")[2] if ok else "",
                relevance=z,
                query=deriver.topics.get(f.text, ""),
            )
        )
    return out


def store_team_facets(store: Any, team_id: str, facets: Sequence[tuple[str, float]]) -> Any:
    """Store a team's own facet list (text, weight) as its needs: the override of the derived
    facets. An empty list removes the override, so the facets are read from the text again.

    Raises
    ------
    FacetError
        Naming the team and the facet at fault (unknown team, empty or over-long text, a weight
        outside (0, 10], a repeated facet, too many); nothing is written.

    Example
    -------
    >>> from graph import SqliteGraphStore
    >>> s = SqliteGraphStore(":memory:")
    >>> _ = s.write([Team(id="team:1-1", name="T", challenge="Waterstof.")])
    >>> store_team_facets(s, "team:1-1", [("waterstof", 2), ("havens", 1)]).needs
    ['waterstof=2', 'havens']
    """
    from graph.errors import NotFoundError
    from graph.model import MAX_NAME

    try:
        team = store.get_node(team_id)
    except NotFoundError:
        raise FacetError(f"team '{team_id}' not found", "dit team bestaat niet") from None
    if not isinstance(team, Team):
        raise FacetError(f"'{team_id}' is a {team.KIND}, not a team", "dit is geen team")
    if len(facets) > MAX_FACETS:
        raise FacetError(
            f"team '{team_id}': at most {MAX_FACETS} facets, got {len(facets)}",
            f"een team heeft hoogstens {MAX_FACETS} onderdelen ({len(facets)} opgegeven)",
        )
    needs, seen = [], set()
    for i, (text, weight) in enumerate(facets):
        where = f"team '{team_id}', facets[{i}]"
        clean = " ".join(str(text).split()).strip(" =")
        if not clean or len(clean) > MAX_NAME - 8:
            raise FacetError(
                f"{where}, field 'text': must be 1–{MAX_NAME - 8} characters",
                f"onderdeel {i + 1} moet 1 tot {MAX_NAME - 8} tekens lang zijn",
            )
        if "=" in clean:
            raise FacetError(
                f"{where}, field 'text': may not contain '='",
                f"onderdeel ‘{clean}’ mag geen ‘=’ bevatten",
            )
        if not (0.0 < float(weight) <= MAX_WEIGHT):
            raise FacetError(
                f"{where}, field 'weight': must be above 0 and at most {MAX_WEIGHT:g}",
                f"het gewicht van ‘{clean}’ moet boven 0 en hoogstens {MAX_WEIGHT:g} zijn",
            )
        if clean.lower() in seen:
            raise FacetError(
                f"{where}, field 'text': '{clean}' is given twice",
                f"‘{clean}’ staat er al; elk onderdeel komt één keer voor",
            )
        seen.add(clean.lower())
        needs.append(clean if float(weight) == 1.0 else f"{clean}={float(weight):g}")
    updated = team.model_copy(update={"needs": needs})
    store.write([updated], [])
    return updated
