"""Partner suggestions: "who should I connect with for my dossier, now, and who can introduce me?"

A query names a staff member, a dossier or a free text, and a day ``as_of``. :class:`Suggester`
fits everything once per (store revision, ``as_of``) — the graph arrays (:mod:`matcher.suggest.features`),
the text channel (:mod:`matcher.suggest.candidates`) and the ranker (:mod:`matcher.suggest.ranker`, learned from the
history before ``as_of``) — so later queries are fast. A query then

1. gathers candidates (text matches ∪ graph neighbourhood ∪ dossier stakeholders), leaving out the
   query's known partners (for a dossier: listed apart as ``involved``, "al betrokken"),
   organisations that opted out and organisations under an active CONFLICT with the staff member,
   the dossier or one of their dossiers/teams;
2. scores them. For a question or a dossier relevance comes first
   (:mod:`matcher.suggest.scoring`): the fused text relevance (plus a named region) must reach a
   floor — when nothing does, the answer is "geen goede match" with the nearest themes — and the
   ranker's other terms, the fair-exposure discount and an earlier "no thanks" together move a
   candidate by a bounded margin only. For a staff member's own network the ranker's score leads;
3. orders the best with a diversity discount over organisation kind and sectors, keeping the list
   ordered by the number it shows (:func:`~matcher.suggest.rerank.diverse_order`);
4. names the best *consented* contact (never one without consent), the colleague who can introduce
   (who met them, when, where) and the reasons, each with the exact contribution to the score.

Errors raised here: :class:`SuggestionError` (a ``ValueError``) for a bad query.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import re
import weakref
from typing import TYPE_CHECKING, Any

import networkx as nx
import numpy as np

from matcher.suggest.candidates import (
    ProfileSource,
    generate_candidates,
    graph_profiles,
    store_profiles,
)
from matcher.suggest.evidence import consented_contact, evidence_of, introducer_of
from matcher.suggest.features import FEATURES
from matcher.suggest.graphview import (
    GraphView,
    QueryContext,
    TemporalGraph,
    cols,
    enum_value,
)
from matcher.suggest.lifecycle import StateLifecycle, SuggestionError, SuggestState
from matcher.suggest.live import LiveFacts, RevisionReads, day_profiles, read_live_facts
from matcher.suggest.ranker import LinearRanker
from matcher.suggest.reasons import Reason, render_reason
from matcher.suggest.rerank import diverse_order, exposure_penalty, similarity_matrix
from matcher.suggest.result import (
    ContactRef,
    Introducer,
    OrganisationRef,
    Suggestion,
    SuggestionResult,
)
from matcher.suggest.scoring import (
    RelevanceSettings,
    Scored,
    nearest_themes,
    probability,
    ranker_first,
    relevance_first,
    settings_for,
)

if TYPE_CHECKING:
    from graph.store import GraphStore
    from matcher.text.encoders import Encoder

__all__ = [
    "ContactRef",
    "Introducer",
    "OrganisationRef",
    "Suggester",
    "Suggestion",
    "SuggestionError",
    "SuggestionResult",
    "suggest_partners",
]

logger = logging.getLogger(__name__)


class Suggester(StateLifecycle):
    """Answers suggestion queries from fitted state (see :mod:`matcher.suggest.lifecycle`).

    Parameters
    ----------
    store : GraphStore, optional
        The network; its snapshot at ``as_of`` and :func:`~matcher.text.profiles.build_profiles`.
    graph : networkx.MultiDiGraph, optional
        A snapshot to use instead of a store (e.g. a generated benchmark graph).
    profiles : callable, optional
        ``profiles(kind, as_of) -> {id: texts}``; default from the store, else node fields.
    encoder : Encoder, optional
        Dense text encoder (default ``get_encoder("default")``).
    ranker : {"learned", "default"} or LinearRanker
        ``learned`` trains on the history before ``as_of`` (falls back to the default weights when
        there is too little).
    ann : {"auto", "ivf", "hnsw", "exact"} or None
        Approximate index for the top text matches (``auto``: exact below 20,000 texts).
    exposure_strength, mmr_lambda, declined_penalty : float
        Re-ranking: fair-exposure discount, diversity trade-off (1 = none; the discount per unit of
        similarity is ``1 − mmr_lambda`` times the spread of the scores), "no thanks" penalty.
    relevance : RelevanceSettings, optional
        Floor, margin and calibration of relevance-first scoring for questions and dossiers
        (default: :func:`~matcher.suggest.scoring.settings_for` the encoder).
    background : bool
        Serve mode: saved ranker versions, fits and fact rebuilds in background threads, answers
        from the last fitted state meanwhile (with the asker's live facts applied).
    cache_size : int
        Fitted states (one per ``as_of`` day asked for) kept at most.
    refit_after : int
        Serve mode: fit and save a new ranker in the background once the store has changed this
        many times since the active version was trained (0: only when none is saved).
    """

    def __init__(
        self,
        store: GraphStore | None = None,
        *,
        graph: nx.MultiDiGraph | None = None,
        profiles: ProfileSource | None = None,
        encoder: Encoder | None = None,
        ranker: str | LinearRanker = "learned",
        candidate_kind: str = "organisation",
        query_kinds: tuple[str, ...] = ("staff", "dossier"),
        ann: str | None = "auto",
        exposure_strength: float = 0.5,
        mmr_lambda: float = 0.8,
        declined_penalty: float = 2.0,
        relevance: RelevanceSettings | None = None,
        random_state: int = 0,
        background: bool = False,
        cache_size: int = 16,
        refit_after: int = 0,
    ) -> None:
        if store is None and graph is None:
            raise SuggestionError("a Suggester needs a store or a graph")
        self.store = store
        self.graph = graph
        if profiles is not None:
            self.profiles = profiles
        elif store is not None:  # a service reads whole kinds once per revision, not per day
            self.profiles = (
                day_profiles(RevisionReads(store), size=2 * cache_size)
                if background
                else store_profiles(store)
            )
        else:
            self.profiles = graph_profiles(graph)  # type: ignore[arg-type]
        self.encoder = encoder
        self.ranker = ranker
        self.candidate_kind = candidate_kind
        self.query_kinds = query_kinds
        self.ann = ann
        self.exposure_strength = exposure_strength
        self.mmr_lambda = mmr_lambda
        self.declined_penalty = declined_penalty
        self.relevance = relevance
        self.random_state = random_state
        self._init_lifecycle(background=background, cache_size=cache_size, refit_after=refit_after)

    # ------------------------------------------------------------------ queries
    def _query_node(self, tg: TemporalGraph, node: str, kind: str) -> None:
        if node not in tg.index:
            raise SuggestionError(f"{kind} '{node}' not found")
        actual = tg.kind_of(tg.index[node])
        if actual != kind:
            raise SuggestionError(f"'{node}' is a {actual}, not a {kind}")

    def suggest(
        self,
        *,
        staff: str | None = None,
        dossier: str | None = None,
        text: str | None = None,
        organisation: str | None = None,
        as_of: dt.date,
        k: int = 10,
        include_known: bool = False,
    ) -> SuggestionResult:
        """Up to ``k`` suggestions for exactly one of ``staff``, ``dossier``, ``text`` or
        ``organisation`` (which partners fit this partner: its profile text and its network)."""
        node, query_kind = _check_query(staff, dossier, text, organisation, k)
        st = self.state(as_of)
        if node is not None and node not in st.tg.index and st.revision != self._revision():
            st = self.fresh_state(as_of)  # a node written after the fitted facts
        self.answered_from = (st.revision, st.model_version)
        tg, view, feat = st.tg, st.view, st.feat
        if node is not None:
            self._query_node(tg, node, query_kind)
        ctx = view.context(node)
        involved = self._involved(view, ctx) if dossier else ()
        qtext = text if text is not None else feat.query_texts.get(node or "", "")
        if organisation is not None:
            qtext = ". ".join(self.profiles("organisation", as_of).get(organisation, []))
        if text is not None:  # a typed question stays in memory, never in the store
            feat.text.query_vector(text)
        cand, ppr, live = self._candidates(st, ctx, node, qtext, as_of, include_known)
        # Questions and dossiers: text relevance leads; a person's or a partner's own network: the
        # ranker does.
        relevance_led = query_kind in ("text", "dossier") and bool(qtext.strip())
        if len(cand) == 0:
            return SuggestionResult(
                no_match=relevance_led, involved=involved, query_kind=query_kind
            )
        X = feat.features(ctx, qtext, cand, ppr=ppr)
        scored, exposure = self._score(st, ctx, qtext, cand, X, relevance_led, live)
        eligible = np.flatnonzero(scored.eligible)
        if len(eligible) == 0:
            themes = nearest_themes(scored.relevance, self._themes(tg, cand))  # type: ignore[arg-type]
            return SuggestionResult(
                no_match=True,
                nearest_themes=tuple(themes),
                involved=involved,
                query_kind=query_kind,
            )
        pool = eligible[np.argsort(-scored.score[eligible], kind="stable")][: max(3 * k, 30)]
        picked, final, prob, discount = self._order(st, scored, cand, pool, k, relevance_led)
        moved = self._moved_by_exposure(scored, pool, picked)
        out = []
        for rank, i in enumerate(picked.tolist(), 1):
            c = int(cand[i])
            intro = introducer_of(view, ctx, c)
            evidence = evidence_of(view, feat, ctx, qtext, c, intro)
            evidence["relevance"] = {"target": query_kind, "terms": evidence["dense"]["terms"]}
            evidence["dense"] = evidence["lexical"] = evidence["relevance"]
            evidence["exposure"] = {"count": int(exposure[i]), "moved": moved.get(i, 0)}
            declined_on = self._declined_on(view, ctx, c, live)
            if declined_on is not None:
                evidence["declined"] = {"date": dt.date.fromordinal(declined_on).isoformat()}
            contrib = {name: float(v[i]) for name, v in scored.parts.items()}
            contrib["diversity"] = -float(discount[rank - 1])
            a = tg.attrs[c]
            out.append(
                Suggestion(
                    organisation=OrganisationRef(
                        tg.ids[c], tg.label(c), enum_value(a.get("org_kind", ""))
                    ),
                    score=float(final[rank - 1]),
                    probability=float(prob[rank - 1]),
                    contact=consented_contact(view, c, live.consent if live is not None else None),
                    introducer=intro,
                    reasons=_reasons(contrib, evidence),
                    rank=rank,
                    features={f: float(v) for f, v in zip(FEATURES, X[i], strict=True)},
                )
            )
        return SuggestionResult(items=tuple(out), involved=involved, query_kind=query_kind)

    def _candidates(
        self,
        st: SuggestState,
        ctx: QueryContext,
        node: str | None,
        qtext: str,
        as_of: dt.date,
        include_known: bool,
    ) -> tuple[np.ndarray, np.ndarray | None, LiveFacts | None]:
        """Candidates without opt-outs and conflicts (as stored now while facts are refitted),
        the query's PageRank vector and the live facts used."""
        cand, ppr = generate_candidates(
            st.feat, ctx, qtext, self.candidate_kind, exclude_known=not include_known
        )
        live = self._live_facts(st, node, cand, as_of)
        if live is not None:  # facts being refitted: what must hold now, read from the store
            cand = live.filter(cand, exclude_known=not include_known)
        else:
            cand = cand[~st.opt_out[cand]]
        blocked = self._conflicts(st.view, ctx)
        if blocked:
            cand = cand[~np.isin(cand, list(blocked))]
        return cand, ppr, live

    def _order(
        self,
        st: SuggestState,
        scored: Scored,
        cand: np.ndarray,
        pool: np.ndarray,
        k: int,
        relevance_led: bool,
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """The shown order after the diversity discount: picked candidates, their final scores,
        probabilities and discounts (the list stays ordered by the number it shows)."""
        tg = st.tg
        kinds = [enum_value(tg.attrs[c].get("org_kind", "")) for c in cand[pool].tolist()]
        if relevance_led:
            weight = self.relevance_settings(st).diversity
        else:  # in ranker units: a share of the spread of the scores
            weight = (1.0 - self.mmr_lambda) * float(scored.score[pool].std())
        order, discount = diverse_order(
            scored.score[pool], similarity_matrix(kinds, self._themes(tg, cand[pool])), k, weight
        )
        picked = pool[order]
        final = scored.score[picked] - discount
        if relevance_led:
            prob = probability(final, self.relevance_settings(st).calibration)
        else:
            prob = 1.0 / (1.0 + np.exp(-final))
        return picked, final, prob, discount

    def _score(
        self,
        st: SuggestState,
        ctx: QueryContext,
        qtext: str,
        cand: np.ndarray,
        X: np.ndarray,
        relevance_led: bool,
        live: LiveFacts | None = None,
    ) -> tuple[Scored, np.ndarray]:
        """Scores (relevance first, or ranker first for a staff member) and the exposure counts."""
        view = st.view
        exposure = view.load[cand] + view.shown[cand]
        adjustments = {"exposure": -exposure_penalty(exposure, self.exposure_strength)}
        if ctx.node >= 0 and self.declined_penalty:
            declined = np.zeros(len(cand))
            for i, c in enumerate(cand.tolist()):
                if self._declined_on(view, ctx, c, live) is not None:
                    declined[i] = -self.declined_penalty
            adjustments["declined"] = declined
        contrib = st.ranker.contributions(X)
        if not relevance_led:
            offset = float(st.ranker.decision_function(X[:1] * 0)[0])
            return ranker_first(contrib, FEATURES, offset, adjustments), exposure
        rel = st.feat.text.fused(
            qtext, X[:, FEATURES.index("dense")], X[:, FEATURES.index("lexical")]
        )
        region = X[:, FEATURES.index("shared_region")] if "shared_region" in FEATURES else None
        scored = relevance_first(
            contrib, FEATURES, rel, adjustments, self.relevance_settings(st), region=region
        )
        return scored, exposure

    def relevance_settings(self, st: SuggestState) -> RelevanceSettings:
        """The relevance-first settings in force: given ones, else those of the encoder."""
        if self.relevance is not None:
            return self.relevance
        return settings_for(str(getattr(st.feat.text.tr.encoder_, "name", "")))

    @staticmethod
    def _moved_by_exposure(scored: Scored, pool: np.ndarray, picked: np.ndarray) -> dict[int, int]:
        """How many places the fair-exposure discount moved each picked candidate down."""
        share = scored.parts.get("exposure")
        if share is None or not share[pool].any():
            return {}
        with_ = pool[np.argsort(-scored.score[pool], kind="stable")].tolist()
        without = pool[np.argsort(-(scored.score[pool] - share[pool]), kind="stable")].tolist()
        return {i: with_.index(i) - without.index(i) for i in picked.tolist()}

    @staticmethod
    def _themes(tg: TemporalGraph, cand: np.ndarray) -> list[list[str]]:
        return [list(tg.attrs[c].get("sectors") or []) for c in np.asarray(cand).tolist()]

    def _involved(self, view: GraphView, ctx: QueryContext) -> tuple[OrganisationRef, ...]:
        """The organisations already involved in a dossier (its known partners), by name."""
        tg = view.tg
        code = tg.kind_code(self.candidate_kind)
        known = [int(i) for i in ctx.known.tolist() if tg.kind[i] == code and tg.entity[i] == i]
        refs = [
            OrganisationRef(tg.ids[i], tg.label(i), enum_value(tg.attrs[i].get("org_kind", "")))
            for i in known
        ]
        return tuple(sorted(refs, key=lambda r: (r.name.lower(), r.id)))

    # ------------------------------------------------------------------ helpers
    def _live_facts(
        self, st: SuggestState, node: str | None, cand: np.ndarray, as_of: dt.date
    ) -> LiveFacts | None:
        """The asker's and the candidates' facts as stored now, when ``st`` is of an earlier
        store revision (``None`` when it is current)."""
        if self.store is None:
            return None
        revision = self._revision()
        if revision == st.revision:
            return None
        return read_live_facts(self.store, st.tg, node, cand, as_of=as_of, revision=revision)

    def _declined_on(
        self, view: GraphView, ctx: QueryContext, org: int, live: LiveFacts | None
    ) -> int | None:
        """Day ordinal of the asker's "no thanks" about ``org`` that still stands, if any."""
        if live is not None:
            return live.declined_on(org)
        fb = view.feedback.get((ctx.node, org))
        return fb[1] if fb and fb[0] == "declined" else None

    def _conflicts(self, view: GraphView, ctx: QueryContext) -> set[int]:
        if ctx.node < 0 or not view.conflicts:
            return set()
        subjects = {ctx.node, *cols(view.M, ctx.node).tolist()}
        return {o for s, o in view.conflicts if s in subjects}


def _check_query(
    staff: str | None, dossier: str | None, text: str | None, organisation: str | None, k: int
) -> tuple[str | None, str]:
    """The query's node (``None`` for a question) and kind; a :class:`SuggestionError` when it is
    not exactly one well-formed query."""
    given = [x for x in (staff, dossier, text, organisation) if x is not None]
    if len(given) != 1:
        raise SuggestionError("give exactly one of staff, dossier or text (or an organisation)")
    if k < 1:
        raise SuggestionError(f"k must be at least 1, got {k}")
    if text is not None and not text.strip():
        raise SuggestionError("text is empty")
    if staff is not None:
        return staff, "staff"
    if dossier is not None:
        return dossier, "dossier"
    if organisation is not None:
        return organisation, "organisation"
    return None, "text"


def _reasons(contributions: dict[str, float], evidence: dict[str, dict[str, Any]]) -> list[Reason]:
    """The reasons of one suggestion, largest contribution first (|contribution| > 0.01).

    A region the question names is said once: when the region reason counts, the region's
    name is not listed again among the shared themes.

    >>> rs = _reasons({"lexical": 0.4, "shared_region": 0.5},
    ...               {"lexical": {"terms": ["zeeland", "verzilting"]},
    ...                "shared_region": {"region": "Zeeland"}})
    >>> [r.text_nl for r in rs]
    ['actief in Zeeland, de regio van de vraag', "gedeelde thema's: verzilting"]
    >>> rs = _reasons({"lexical": 0.4, "shared_region": 0.5},
    ...               {"lexical": {"terms": ["fries", "ijsselmeer"]},
    ...                "shared_region": {"region": "Friesland"}})
    >>> rs[1].text_nl
    "gedeelde thema's: ijsselmeer"
    >>> rs = _reasons({"lexical": 0.4, "shared_region": 0.5},
    ...               {"lexical": {"terms": ["noordzee", "hollandse"]},
    ...                "shared_region": {"region": "Noord-Holland"}})
    >>> rs[1].text_nl  # "noord" alone is too short to stand for the region
    "gedeelde thema's: noordzee"
    """
    region = ""
    if contributions.get("shared_region", 0.0) > 0.01:
        region = str(evidence.get("shared_region", {}).get("region") or "").lower()
    said = {region, *re.findall(r"\w+", region)} - {""}

    def names_region(term: Any) -> bool:  # "friesland", and "fries" for what is from there
        t = str(term).lower()
        return any(
            t == w or (len(t) >= 4 and len(w) >= 6 and (w.startswith(t) or t.startswith(w)))
            for w in said
        )

    def evidence_of(name: str) -> dict[str, Any]:
        ev = evidence.get(name, {})
        if said and ev.get("terms"):
            ev = {**ev, "terms": [t for t in ev["terms"] if not names_region(t)]}
        return ev

    out = [
        render_reason(name, value, evidence_of(name))
        for name, value in contributions.items()
        if abs(value) > 0.01
    ]
    return sorted(out, key=lambda r: -abs(r.contribution))


_SUGGESTERS: weakref.WeakKeyDictionary[Any, Suggester] = weakref.WeakKeyDictionary()


def suggest_partners(
    store: GraphStore,
    *,
    staff: str | None = None,
    dossier: str | None = None,
    text: str | None = None,
    organisation: str | None = None,
    as_of: dt.date,
    k: int = 10,
    include_known: bool = False,
    suggester: Suggester | None = None,
    encoder: Encoder | None = None,
) -> SuggestionResult:
    """Suggest partner organisations for a staff member, a dossier or a free-text question.

    Parameters
    ----------
    store : GraphStore
    staff, dossier, text, organisation : str, optional
        Exactly one: a staff id, a dossier id, a question in Dutch or an organisation id
        (partners that fit this partner).
    as_of : date
        The day of the question; nothing dated later is used.
    k : int
        Number of suggestions.
    include_known : bool
        Also suggest organisations the staff member or dossier is already linked to.
    suggester : Suggester, optional
        Reuse fitted state; by default one cached per store is used.
    encoder : Encoder, optional
        For the default suggester (default ``get_encoder("default")``).

    Returns
    -------
    SuggestionResult
        The suggestions best first (a sequence of :class:`Suggestion`), or ``no_match`` with the
        nearest themes; for a dossier also the organisations already involved. ``to_dict()``
        gives JSON.

    Examples
    --------
    >>> from graph.sqlite_store import SqliteGraphStore
    >>> from graph.model import Organisation
    >>> from matcher.text.encoders import HashingEncoder
    >>> store = SqliteGraphStore(":memory:")
    >>> _ = store.write([Organisation(id="org:hhnk", name="HHNK", org_kind="public_body",
    ...     description="Waterschap: dijkversterking en kustveiligheid"),
    ...     Organisation(id="org:fb", name="Fietsersbond", org_kind="ngo",
    ...     description="Fietspaden en fietsparkeren")])
    >>> s = suggest_partners(store, text="dijkversterking", as_of=dt.date(2026, 3, 1), k=1,
    ...                      encoder=HashingEncoder())
    >>> s[0].organisation.id, s[0].reasons[0].text_nl
    ('org:hhnk', "verwant aan uw vraag: gedeelde thema's dijkversterking")
    """
    if suggester is None:
        suggester = _SUGGESTERS.get(store)
        if suggester is None or (encoder is not None and suggester.encoder is not encoder):
            suggester = Suggester(store, encoder=encoder)
            with contextlib.suppress(TypeError):  # a store that cannot be weakly referenced
                _SUGGESTERS[store] = suggester
    return suggester.suggest(
        staff=staff,
        dossier=dossier,
        text=text,
        organisation=organisation,
        as_of=as_of,
        k=k,
        include_known=include_known,
    )
