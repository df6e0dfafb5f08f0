"""Features of (query, candidate) pairs on the graph cut at the query's day, as plain arrays.

The graph comes as a :class:`~matcher.suggest.graphview.GraphView` (strict time cut, contacts folded
into their organisation); personalised PageRank and Adamic–Adar run on its entity graph. Extra
signals, one module each, live in :mod:`matcher.suggest.signals` and are appended to
:data:`FEATURES` in name order.

Features (all ``>= 0``, ``0`` meaning "no signal", see :data:`FEATURES`):

``dense``, ``lexical``
    Text similarity of the query and the candidate's profile (filled in by :mod:`matcher.suggest.candidates`).
``ppr``
    Personalised PageRank from the query node (truncated power series), as ``log1p(p · n)``.
``adamic_adar``
    Adamic–Adar index of the query node and the candidate in the entity graph.
``warm_intro``
    Colleagues (sharing a dossier or team with the query) who have met the candidate:
    ``log2(1 + Σ exp(-days/365))`` over them, days since each one's latest contact (1.0 for one
    colleague who met them today).
``recency``, ``frequency``
    ``exp(-days/180)`` since the candidate's last dated link, ``log1p`` of its links in the last year.
``partner_load``
    ``log1p`` of the distinct parties that linked to the candidate in the last 180 days.
``nsob_fit``, ``phase_fit``
    Mean :func:`matcher.nsob.role_kind_fit` of the candidate's kind with the NSOB roles of the query's
    dossiers; mean :data:`PHASE_FIT` of its kind with their phases.
``milestone``
    A milestone of a query dossier within 120 days, ``exp(-days/45)``, times 1 when the candidate is a
    stakeholder in that dossier and ``0.5 · phase_fit`` otherwise.
``sessions``
    The candidate's contacts are guests at a programme session in the next 60 days: ``exp(-days/30)``
    for a session of the query's own programme edition (its team's table), ``0.3·exp(-days/30)``
    for any other session.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from typing import Any

import numpy as np

from graph.model import DossierPhase, NsobRole, OrganisationKind
from matcher.nsob import role_kind_fit
from matcher.suggest.graphview import (
    NON_ADJACENT,
    ORG_KINDS,
    UNDATED,
    GraphView,
    QueryContext,
    TemporalGraph,
    cols,
    day_ordinal,
    enum_value,
    kind_of_org,
)
from matcher.suggest.signals import SIGNALS, SignalInput

__all__ = [
    "BASELINE",
    "CORE_FEATURES",
    "FEATURES",
    "PHASE_FIT",
    "graph_features",
]

#: The core features, computed here.
CORE_FEATURES: tuple[str, ...] = (
    "dense",
    "lexical",
    "ppr",
    "adamic_adar",
    "warm_intro",
    "recency",
    "frequency",
    "partner_load",
    "nsob_fit",
    "phase_fit",
    "milestone",
    "sessions",
)
#: Every column of the feature matrix: the core features, then each extra signal.
FEATURES: tuple[str, ...] = CORE_FEATURES + tuple(s.name for s in SIGNALS)
#: The neutral value of every feature ("no signal"); reasons measure contributions against it.
BASELINE = np.zeros(len(FEATURES))
_F = {name: i for i, name in enumerate(FEATURES)}


PPR_ALPHA = 0.3
PPR_STEPS = 4
WARM_DAYS = 365.0
RECENCY_DAYS = 180.0
MILESTONE_HORIZON = 120
MILESTONE_DAYS = 45.0
SESSION_DAYS = 30.0
SESSION_OTHER = 0.3


_K = OrganisationKind
#: Which organisation kinds a dossier phase calls for, in ``[0, 1]`` (a documented prior: agenda
#: setting listens to NGOs and citizens, exploration to knowledge, implementation to companies and
#: public bodies); the ranker learns how much it matters.
PHASE_FIT: dict[DossierPhase, dict[OrganisationKind, float]] = {
    DossierPhase.AGENDA_SETTING: {
        _K.NGO: 1.0,
        _K.CITIZEN_INITIATIVE: 1.0,
        _K.KNOWLEDGE_INSTITUTE: 0.5,
    },
    DossierPhase.EXPLORATION: {
        _K.KNOWLEDGE_INSTITUTE: 1.0,
        _K.NGO: 0.5,
        _K.BRANCH_ASSOCIATION: 0.5,
        _K.CITIZEN_INITIATIVE: 0.5,
    },
    DossierPhase.DESIGN: {
        _K.KNOWLEDGE_INSTITUTE: 1.0,
        _K.COMPANY: 1.0,
        _K.BRANCH_ASSOCIATION: 0.5,
        _K.PUBLIC_BODY: 0.5,
    },
    DossierPhase.DECISION: {_K.PUBLIC_BODY: 1.0, _K.BRANCH_ASSOCIATION: 1.0, _K.NGO: 0.5},
    DossierPhase.IMPLEMENTATION: {
        _K.COMPANY: 1.0,
        _K.PUBLIC_BODY: 1.0,
        _K.CITIZEN_INITIATIVE: 0.5,
        _K.BRANCH_ASSOCIATION: 0.5,
    },
    DossierPhase.EVALUATION: {
        _K.KNOWLEDGE_INSTITUTE: 1.0,
        _K.NGO: 0.5,
        _K.CITIZEN_INITIATIVE: 0.5,
    },
}


def role_fit(roles: Sequence[str], org_kind: Any) -> float:
    """Mean NSOB fit of an organisation kind with several roles (0.0 without roles).

    >>> role_fit(["responsief", "netwerkend"], "ngo")
    1.0
    """
    kind = kind_of_org(org_kind)
    return float(np.mean([role_kind_fit(r, kind) for r in roles])) if roles else 0.0


def phase_fit(phase: Any, org_kind: Any) -> float:
    """:data:`PHASE_FIT` of a dossier phase and an organisation kind (0.0 when not listed).

    >>> phase_fit("exploration", "knowledge_institute")
    1.0
    """
    return PHASE_FIT[DossierPhase(enum_value(phase))].get(kind_of_org(org_kind), 0.0)


_ROLE_TABLE = {r.value: np.array([role_kind_fit(r, k) for k in ORG_KINDS]) for r in NsobRole}
_PHASE_TABLE = {p.value: np.array([phase_fit(p, k) for k in ORG_KINDS]) for p in DossierPhase}


def personalised_pagerank(view: GraphView, seed: int) -> np.ndarray:
    """Truncated personalised PageRank from one node: ``α Σ_{s≤S} (1-α)^s (Pᵀ)^s e_seed``.

    ``P`` is the row-normalised weighted entity graph; ``S = PPR_STEPS`` reaches four hops, enough
    for staff → dossier → colleague → organisation, and keeps a query local and fast.
    """
    x = np.zeros(view.tg.n)
    x[seed] = 1.0
    p = PPR_ALPHA * x
    inv = np.divide(1.0, view.wdeg, out=np.zeros_like(view.wdeg), where=view.wdeg > 0)
    for s in range(1, PPR_STEPS + 1):
        x = view.A @ (x * inv)
        p += PPR_ALPHA * (1 - PPR_ALPHA) ** s * x
    p[seed] = 0.0
    return p


def adamic_adar(view: GraphView, seed: int) -> np.ndarray:
    """Adamic–Adar index of ``seed`` with every node: ``Σ_{w ∈ N(u) ∩ N(v)} 1 / log deg(w)``."""
    nb = cols(view.Abin, seed)
    w = view.deg[nb]
    vec = np.zeros(view.tg.n)
    vec[nb] = np.where(w > 1, 1.0 / np.log(np.maximum(w, 2)), 0.0)
    out = view.Abin @ vec
    out[seed] = 0.0
    return np.asarray(out).ravel()


def _roles_and_phases(view: GraphView, dossiers: np.ndarray) -> tuple[list[list[str]], list[str]]:
    roles, phases = [], []
    for d in dossiers.tolist():
        a = view.tg.attrs[d]
        roles.append([NsobRole(enum_value(r)).value for r in a.get("roles") or []])
        if a.get("phase"):
            phases.append(enum_value(a["phase"]))
    return roles, phases


def upcoming_milestones(view: GraphView, d: int) -> list[tuple[int, str]]:
    """(date ordinal, label) of dossier ``d``'s milestones in the next 120 days."""
    out = []
    for m in view.tg.attrs[d].get("milestones") or []:
        md = m.get("date") if isinstance(m, dict) else getattr(m, "date", None)
        label = m.get("label") if isinstance(m, dict) else getattr(m, "label", "")
        o = day_ordinal(md, UNDATED)
        if view.t < o <= view.t + MILESTONE_HORIZON:
            out.append((o, str(label)))
    return sorted(out)


def graph_features(
    view: GraphView,
    ctx: QueryContext,
    cand: Sequence[int] | np.ndarray,
    *,
    ppr: np.ndarray | None = None,
    text: str = "",
) -> np.ndarray:
    """Feature matrix ``(len(cand), len(FEATURES))`` with the text columns left at 0.

    Parameters
    ----------
    view : GraphView
        The graph cut at the query's day.
    ctx : QueryContext
        From :meth:`GraphView.context`.
    cand : array of int
        Candidate entity indices.
    ppr : ndarray, optional
        :func:`personalised_pagerank` of the query node, when already computed.
    text : str
        The query's text, for the signals that read it (:mod:`matcher.suggest.signals`).

    Examples
    --------
    >>> from graph.store import build_snapshot
    >>> from graph.model import Staff, Organisation, Interacted, Dossier, WorksOn
    >>> g = build_snapshot(
    ...     [Staff(id="s:1", name="A"), Staff(id="s:2", name="B"), Dossier(id="d:1", title="D"),
    ...      Organisation(id="org:x", name="X", org_kind="ngo")],
    ...     [WorksOn(source="s:1", target="d:1"), WorksOn(source="s:2", target="d:1"),
    ...      Interacted(source="s:2", target="org:x", date="2026-01-05")])
    >>> v = TemporalGraph(g).view(dt.date(2026, 2, 1))
    >>> x = graph_features(v, v.context("s:1"), [v.tg.index["org:x"]])
    >>> round(float(x[0, FEATURES.index("warm_intro")]), 3)
    0.948
    """
    tg, t = view.tg, view.t
    cand = np.asarray(cand, dtype=np.int64)
    X = np.zeros((len(cand), len(FEATURES)))
    if len(cand) == 0:
        return X
    q = ctx.node
    if q >= 0:
        p = personalised_pagerank(view, q) if ppr is None else ppr
        X[:, _F["ppr"]] = np.log1p(p[cand] * tg.n)
        X[:, _F["adamic_adar"]] = adamic_adar(view, q)[cand]
        if len(ctx.colleagues):
            sub = view.L[ctx.colleagues][:, cand].tocsr()
            sub.data = np.exp(-(t - (sub.data + UNDATED)) / WARM_DAYS)
            X[:, _F["warm_intro"]] = np.log2(1.0 + np.asarray(sub.sum(axis=0)).ravel())
    last = view.last[cand]
    seen = last > UNDATED
    X[seen, _F["recency"]] = np.exp(-(t - last[seen]) / RECENCY_DAYS)
    X[:, _F["frequency"]] = np.log1p(view.freq[cand])
    X[:, _F["partner_load"]] = np.log1p(view.load[cand])

    if len(ctx.dossiers):
        roles, phases = _roles_and_phases(view, ctx.dossiers)
        kc = tg.org_kind_codes()[cand]
        with_roles = [r for r in roles if r]
        if with_roles:
            X[:, _F["nsob_fit"]] = np.mean(
                [np.mean([_ROLE_TABLE[r][kc] for r in rs], axis=0) for rs in with_roles], axis=0
            )
        if phases:
            X[:, _F["phase_fit"]] = np.mean([_PHASE_TABLE[ph][kc] for ph in phases], axis=0)
        pos = {c: i for i, c in enumerate(cand.tolist())}
        for d in ctx.dossiers.tolist():
            ms = upcoming_milestones(view, d)
            if not ms:
                continue
            prox = math.exp(-(ms[0][0] - t) / MILESTONE_DAYS)
            ph = enum_value(tg.attrs[d].get("phase") or "exploration")
            col = 0.5 * _PHASE_TABLE[ph][kc] * prox
            for o in cols(view.S, d).tolist():
                if o in pos:
                    col[pos[o]] = prox
            X[:, _F["milestone"]] = np.maximum(X[:, _F["milestone"]], col)
    if view.guests:
        editions = {str(tg.attrs[m].get("edition") or "") for m in ctx.teams.tolist()}
        teams = {tg.ids[m] for m in ctx.teams.tolist()}
        for i, c in enumerate(cand.tolist()):
            best = 0.0
            for start, session, table, _ in view.guests.get(c, ()):
                own = (table >= 0 and tg.attrs[table].get("team") in teams) or (
                    str(tg.attrs[session].get("edition") or "") in editions
                )
                best = max(
                    best, (1.0 if own else SESSION_OTHER) * math.exp(-(start - t) / SESSION_DAYS)
                )
            X[i, _F["sessions"]] = best
    if SIGNALS:
        inp = SignalInput(view=view, ctx=ctx, text=text, cand=cand)
        for signal in SIGNALS:
            X[:, _F[signal.name]] = signal.compute(inp)
    return X


def new_links(
    tg: TemporalGraph,
    start: dt.date,
    end: dt.date,
    query_kinds: Sequence[str],
    candidate_kind: str,
    *,
    feedback: bool = False,
) -> dict[int, set[int]]:
    """Query entity → candidate entities it first linked to in ``(start, end]``.

    A link is a dated edge of the entity graph (an interaction, a stakeholder or collaboration
    edge); a pair already linked on ``start`` (dated or not) is not new. With ``feedback``, a
    FEEDBACK edge in the window whose outcome is *accepted*, *met* or *co_produced* counts too.

    Examples
    --------
    >>> from graph.store import build_snapshot
    >>> from graph.model import Staff, Organisation, Interacted
    >>> g = build_snapshot([Staff(id="s:1", name="A"),
    ...                     Organisation(id="org:x", name="X", org_kind="ngo")],
    ...                    [Interacted(source="s:1", target="org:x", date="2026-03-01")])
    >>> tg = TemporalGraph(g)
    >>> new_links(tg, dt.date(2026, 1, 1), dt.date(2026, 6, 1), ["staff"], "organisation")
    {0: {1}}
    """
    s, e = start.toordinal(), end.toordinal()
    ent = tg.entity
    adj_codes = [i for i, k in enumerate(tg.edge_kind_names) if k not in NON_ADJACENT]
    window = (tg.date > s) & (tg.date <= e)
    pick = window & np.isin(tg.ekind, adj_codes)
    a, b = ent[tg.src[pick]], ent[tg.tgt[pick]]
    if feedback:
        fb = tg.edges_of("FEEDBACK")
        fb = fb[window[fb]]
        good = [
            int(x)
            for x in fb
            if enum_value(tg.edata[x].get("outcome", "")) in {"accepted", "met", "co_produced"}
        ]
        a = np.r_[a, ent[tg.src[good]]]
        b = np.r_[b, ent[tg.tgt[good]]]
    qk = [tg.kind_code(k) for k in query_kinds]
    ck = tg.kind_code(candidate_kind)
    before = tg.view(start)
    out: dict[int, set[int]] = {}
    for x, y in ((a, b), (b, a)):
        m = np.isin(tg.kind[x], qk) & (tg.kind[y] == ck) & (x != y)
        for q, c in zip(x[m].tolist(), y[m].tolist(), strict=True):
            if before.L[q, c] or before.A[q, c]:
                continue
            out.setdefault(q, set()).add(c)
    return out
