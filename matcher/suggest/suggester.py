"""Partner suggestions: "who should I connect with for my dossier, now, and who can introduce me?"

A query names a staff member, a dossier or a free text, and a day ``as_of``. :class:`Suggester`
fits everything once per (store revision, ``as_of``) — the graph arrays (:mod:`matcher.suggest.features`),
the text channel (:mod:`matcher.suggest.candidates`) and the ranker (:mod:`matcher.suggest.ranker`, learned from the
history before ``as_of``) — so later queries are fast. A query then

1. gathers candidates (text matches ∪ graph neighbourhood ∪ dossier stakeholders), leaving out the
   query's known partners, organisations that opted out and organisations under an active CONFLICT
   with the staff member, the dossier or one of their dossiers/teams;
2. scores them with the linear ranker, subtracts the fair-exposure discount and, for a staff member
   who declined the organisation before, a penalty;
3. orders the best with maximal marginal relevance over organisation kind and sectors;
4. names the best *consented* contact (never one without consent), the colleague who can introduce
   (who met them, when, where) and the reasons, each with the exact contribution to the score.

Errors raised here: :class:`SuggestionError` (a ``ValueError``) for a bad query.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import threading
import weakref
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

import networkx as nx
import numpy as np

from matcher.suggest.candidates import (
    Featurizer,
    ProfileSource,
    generate_candidates,
    graph_profiles,
    query_texts,
    store_profiles,
)
from matcher.suggest.features import FEATURES, phase_fit, upcoming_milestones
from matcher.suggest.graphview import (
    UNDATED,
    GraphView,
    QueryContext,
    TemporalGraph,
    cols,
    enum_value,
    vals,
)
from matcher.suggest.ranker import LinearRanker, cut_dates, default_ranker, training_set
from matcher.suggest.reasons import Reason, render_reason, render_reasons
from matcher.suggest.rerank import exposure_penalty, mmr_order, similarity_matrix
from matcher.suggest.signals import SIGNALS, SignalInput
from matcher.text.channel import TextChannel
from matcher.vocabulary import KIND_LABELS_NL

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
    "suggest_partners",
]

logger = logging.getLogger(__name__)


class SuggestionError(ValueError):
    """A query that cannot be answered (unknown node, wrong kind, no query given)."""


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
    """One suggested organisation; ``score`` = ranker score + adjustments (= sum of reasons + base)."""

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


@dataclass
class _State:
    tg: TemporalGraph
    view: GraphView
    feat: Featurizer
    ranker: LinearRanker
    opt_out: np.ndarray
    fit_seconds: float = 0.0


class Suggester:
    """Answers suggestion queries; caches what it fitted per (graph revision, ``as_of``).

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
        Re-ranking: fair-exposure discount, diversity trade-off (1 = none), "no thanks" penalty.
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
        random_state: int = 0,
    ) -> None:
        if store is None and graph is None:
            raise SuggestionError("a Suggester needs a store or a graph")
        self.store = store
        self.graph = graph
        self.profiles = profiles or (
            store_profiles(store) if store is not None else graph_profiles(graph)  # type: ignore[arg-type]
        )
        self.encoder = encoder
        self.ranker = ranker
        self.candidate_kind = candidate_kind
        self.query_kinds = query_kinds
        self.ann = ann
        self.exposure_strength = exposure_strength
        self.mmr_lambda = mmr_lambda
        self.declined_penalty = declined_penalty
        self.random_state = random_state
        self._states: dict[tuple[int, dt.date], _State] = {}
        self._lock = threading.Lock()

    # ------------------------------------------------------------------ fitting
    def _revision(self) -> int:
        return int(self.store.revision) if self.store is not None else id(self.graph)

    def state(self, as_of: dt.date) -> _State:
        """The fitted state for ``as_of`` (built on first use, then cached)."""
        key = (self._revision(), as_of)
        with self._lock:
            st = self._states.get(key)
            if st is None:
                st = self._fit(as_of)
                self._states = {k: v for k, v in self._states.items() if k[0] == key[0]}
                self._states[key] = st
            return st

    def _text_channel(self, tg: TemporalGraph, day: dt.date) -> TextChannel:
        return TextChannel.fit(
            self.profiles(self.candidate_kind, day),
            tg.index,
            tg.n,
            encoder=self.encoder,
            store=self.store,
            ann=self.ann,
        )

    def featurizer(
        self, tg: TemporalGraph, day: dt.date, text: TextChannel | None = None
    ) -> Featurizer:
        """Features on the graph as known on ``day`` (text channel refitted on that day's profiles)."""
        text = text or self._text_channel(tg, day)
        return Featurizer(tg.view(day), text, query_texts(self.profiles, self.query_kinds, day))

    def _fit(self, as_of: dt.date) -> _State:
        import time

        t0 = time.perf_counter()
        g = self.store.snapshot(as_of) if self.store is not None else self.graph
        tg = TemporalGraph(g)  # type: ignore[arg-type]
        feat = self.featurizer(tg, as_of)
        # Small graphs: score every staff member's and dossier's text once, so queries are warm.
        feat.prepare([tg.index[i] for i in feat.query_texts if i in tg.index])
        if isinstance(self.ranker, LinearRanker):
            ranker = self.ranker
        elif self.ranker == "default":
            ranker = default_ranker()
        elif self.ranker == "learned":
            ranker = self.train(tg, as_of)
        else:
            raise SuggestionError(f"unknown ranker '{self.ranker}'; use 'learned' or 'default'")
        opt_out = np.array([bool(a.get("opt_out")) for a in tg.attrs])
        logger.info("suggester fitted for %s: %d nodes, ranker %s", as_of, tg.n, ranker.source_)
        return _State(tg, feat.view, feat, ranker, opt_out, time.perf_counter() - t0)

    def train(
        self,
        tg: TemporalGraph,
        until: dt.date,
        *,
        window: int = 90,
        step: int = 30,
        max_cuts: int = 8,
        ranker_params: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> LinearRanker:
        """A :class:`LinearRanker` trained on cut dates whose label windows end by ``until``
        (``window``-day label windows every ``step`` days, the latest ``max_cuts``)."""
        dated = tg.date[(tg.date > UNDATED) & (tg.date <= until.toordinal())]
        if len(dated) == 0:
            return default_ranker()
        first = dt.date.fromordinal(int(dated.min()))
        n_cand = int((tg.kind == tg.kind_code(self.candidate_kind)).sum())
        kwargs.setdefault("negatives", 0 if n_cand <= 5000 else 100)
        cuts = cut_dates(first, until, window=window, step=step, max_cuts=max_cuts)
        X, y, groups = training_set(
            tg,
            cuts,
            lambda c: self.featurizer(tg, c),
            query_kinds=self.query_kinds,
            candidate_kind=self.candidate_kind,
            window=window,
            random_state=self.random_state,
            **kwargs,
        )
        params = {"random_state": self.random_state, **(ranker_params or {})}
        return LinearRanker(**params).fit(X, y, groups=groups)

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
    ) -> list[Suggestion]:
        """Up to ``k`` suggestions for exactly one of ``staff``, ``dossier``, ``text`` or
        ``organisation`` (which partners fit this partner: its profile text and its network)."""
        given = [x for x in (staff, dossier, text, organisation) if x is not None]
        if len(given) != 1:
            raise SuggestionError("give exactly one of staff, dossier or text (or an organisation)")
        if k < 1:
            raise SuggestionError(f"k must be at least 1, got {k}")
        if text is not None and not text.strip():
            raise SuggestionError("text is empty")
        st = self.state(as_of)
        tg, view, feat = st.tg, st.view, st.feat
        node = staff or dossier or organisation
        if node is not None:
            self._query_node(
                tg, node, "staff" if staff else "dossier" if dossier else "organisation"
            )
        ctx = view.context(node)
        qtext = text if text is not None else feat.query_texts.get(node or "", "")
        if organisation is not None:
            qtext = ". ".join(self.profiles("organisation", as_of).get(organisation, []))
        if text is not None:  # a typed question stays in memory, never in the store
            feat.text.query_vector(text)
        cand, ppr = generate_candidates(
            feat, ctx, qtext, self.candidate_kind, exclude_known=not include_known
        )
        cand = cand[~st.opt_out[cand]]
        blocked = self._conflicts(view, ctx)
        if blocked:
            cand = cand[~np.isin(cand, list(blocked))]
        if len(cand) == 0:
            return []
        X = feat.features(ctx, qtext, cand, ppr=ppr)
        base = st.ranker.decision_function(X)
        exposure = view.load[cand] + view.shown[cand]
        penalty = exposure_penalty(exposure, self.exposure_strength)
        declined = np.zeros(len(cand))
        if staff is not None:
            for i, c in enumerate(cand.tolist()):
                fb = view.feedback.get((ctx.node, c))
                if fb and fb[0] == "declined":
                    declined[i] = self.declined_penalty
        final = base - penalty - declined
        pool = np.argsort(-final, kind="stable")[: max(3 * k, 30)]
        kinds = [enum_value(tg.attrs[c].get("org_kind", "")) for c in cand[pool].tolist()]
        sectors = [list(tg.attrs[c].get("sectors") or []) for c in cand[pool].tolist()]
        order = mmr_order(final[pool], similarity_matrix(kinds, sectors), k, self.mmr_lambda)
        contrib = st.ranker.contributions(X[pool[order]])
        out = []
        for rank, (i, row) in enumerate(zip(pool[order].tolist(), contrib, strict=True), 1):
            c = int(cand[i])
            intro = self._introducer(view, ctx, c)
            evidence = self._evidence(view, feat, ctx, qtext, c, intro)
            reasons = render_reasons(FEATURES, row, evidence, min_abs=0.01)
            if penalty[i] > 0.01:
                reasons.append(render_reason("exposure", -penalty[i], {"count": int(exposure[i])}))
            if declined[i] > 0:
                fb = view.feedback[(ctx.node, c)]
                reasons.append(
                    render_reason(
                        "declined",
                        -declined[i],
                        {"date": dt.date.fromordinal(fb[1]).isoformat()},
                    )
                )
            a = tg.attrs[c]
            out.append(
                Suggestion(
                    organisation=OrganisationRef(
                        tg.ids[c], tg.label(c), enum_value(a.get("org_kind", ""))
                    ),
                    score=float(final[i]),
                    probability=float(1 / (1 + np.exp(-base[i]))),
                    contact=self._contact(view, c),
                    introducer=intro,
                    reasons=reasons,
                    rank=rank,
                    features={f: float(v) for f, v in zip(FEATURES, X[i], strict=True)},
                )
            )
        return out

    # ------------------------------------------------------------------ helpers
    def _conflicts(self, view: GraphView, ctx: QueryContext) -> set[int]:
        if ctx.node < 0 or not view.conflicts:
            return set()
        subjects = {ctx.node, *cols(view.M, ctx.node).tolist()}
        return {o for s, o in view.conflicts if s in subjects}

    def _contact(self, view: GraphView, org: int) -> ContactRef | None:
        """The consented contact of ``org`` most recently met (else the first by id)."""
        tg = view.tg
        best, best_date = None, UNDATED - 1
        for c in sorted(tg.contacts_of.get(org, []), key=lambda i: tg.ids[i]):
            a = tg.attrs[c]
            if a.get("consent") is not True:
                continue
            d = int(view.node_last[c])
            if d > best_date:
                best, best_date = c, d
        if best is None:
            return None
        a = tg.attrs[best]
        return ContactRef(tg.ids[best], str(a.get("name", "")), str(a.get("role", "")))

    def _meeting(self, view: GraphView, staff: int, org: int) -> dict[str, Any]:
        tg = view.tg
        e = view.links_to(org)
        m = e[tg.src[e] == staff]
        if len(m) == 0:
            return {}
        last = int(m[np.argmax(tg.date[m])])
        d = tg.edata[last]
        table = str(d.get("table") or "")
        if table in tg.index:
            table = str(tg.attrs[tg.index[table]].get("number", table))
        session = str(d.get("session") or "")
        if session in tg.index:
            session = tg.label(tg.index[session])
        return {
            "date": dt.date.fromordinal(int(tg.date[last])).isoformat(),
            "interaction": enum_value(d.get("interaction", "")),
            "table": table,
            "session": session,
        }

    def _introducer(self, view: GraphView, ctx: QueryContext, org: int) -> Introducer | None:
        tg = view.tg
        staff_code = tg.kind_code("staff")
        idx, data = cols(view.L, org), vals(view.L, org)
        keep = (tg.kind[idx] == staff_code) & (idx != ctx.node)
        linked, dates = idx[keep], data[keep]
        if len(linked) == 0:
            return None
        colleague = np.isin(linked, ctx.colleagues)
        pick = np.argmax(dates + colleague * 10**9)  # a colleague first, then the latest
        s = int(linked[pick])
        meet = self._meeting(view, s, org)
        return Introducer(
            staff_id=tg.ids[s],
            name=tg.label(s),
            date=meet.get("date", ""),
            interaction=meet.get("interaction", ""),
            table=meet.get("table", ""),
            session=meet.get("session", ""),
            colleague=bool(colleague[pick]),
        )

    def _evidence(
        self,
        view: GraphView,
        feat: Featurizer,
        ctx: QueryContext,
        qtext: str,
        org: int,
        intro: Introducer | None,
    ) -> dict[str, dict[str, Any]]:
        tg, t = view.tg, view.t
        name = tg.label(org)
        ev: dict[str, dict[str, Any]] = {}
        terms = feat.text.shared_terms(qtext, org)
        ev["dense"] = ev["lexical"] = {"terms": terms}
        if ctx.node >= 0:
            ev["ppr"] = {"query": tg.label(ctx.node)}
            common = np.intersect1d(cols(view.Abin, ctx.node), cols(view.Abin, org))
            ev["adamic_adar"] = {"common": [_kind_label(tg, i) for i in common[:3].tolist()]}
            if intro is not None and intro.colleague:
                ev["warm_intro"] = {**asdict(intro), "staff": intro.name, "organisation": name}
        if view.last[org] > UNDATED:
            ev["recency"] = {"date": dt.date.fromordinal(int(view.last[org])).isoformat()}
        ev["frequency"] = {"count": int(view.freq[org])}
        ev["partner_load"] = {"count": int(view.load[org])}
        kind = tg.attrs[org].get("org_kind", "other")
        kind_nl = KIND_LABELS_NL.get(kind, enum_value(kind)) if kind else ""  # type: ignore[call-overload]
        roles = sorted(
            {enum_value(r) for d in ctx.dossiers.tolist() for r in tg.attrs[d].get("roles") or []}
        )
        ev["nsob_fit"] = {"roles": roles, "kind": kind_nl}
        if len(ctx.dossiers):
            best = max(
                ctx.dossiers.tolist(),
                key=lambda d: phase_fit(tg.attrs[d].get("phase") or "exploration", kind),
            )
            ev["phase_fit"] = {
                "phase": enum_value(tg.attrs[best].get("phase", "")),
                "dossier": tg.label(best),
            }
            ms = [(m, d) for d in ctx.dossiers.tolist() for m in upcoming_milestones(view, d)]
            if ms:
                (day, label), d = min(ms)
                ev["milestone"] = {
                    "label": label,
                    "date": dt.date.fromordinal(day).isoformat(),
                    "dossier": tg.label(d),
                }
        if SIGNALS:
            inp = SignalInput(view=view, ctx=ctx, text=qtext, cand=np.array([org]))
            for signal in SIGNALS:
                ev[signal.name] = signal.evidence(inp, org)
        guests = view.guests.get(org)
        if guests:
            start, session, table, _ = min(guests)
            ev["sessions"] = {
                "session": tg.label(session),
                "date": dt.date.fromordinal(start).isoformat(),
                "table": str(tg.attrs[table].get("number", "")) if table >= 0 else "",
            }
        del t
        return ev


_KIND_NL = {"dossier": "dossier", "team": "team", "organisation": "", "staff": "collega"}


def _kind_label(tg: TemporalGraph, i: int) -> str:
    prefix = _KIND_NL.get(tg.kind_of(i), "")
    return f"{prefix} {tg.label(i)}".strip()


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
) -> list[Suggestion]:
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
    list of Suggestion
        Best first; ``to_dict()`` gives JSON.

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
    ('org:hhnk', "gedeelde thema's: dijkversterking")
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
