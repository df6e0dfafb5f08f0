"""Graph features of (query, candidate) pairs on a dated snapshot, as plain arrays.

:class:`TemporalGraph` turns a networkx snapshot (``store.snapshot(as_of=...)``) into arrays once:
node ids and kinds, every edge with its kind, start date and end date. :meth:`TemporalGraph.view`
then cuts it at a day ``t`` (only edges dated on or before ``t`` and not yet ended) and builds the
sparse matrices the features need, so training on several past cut dates and answering queries at
``as_of`` use the same code with a strict time cut: nothing dated after ``t`` is ever read.

Contacts are folded into their organisation (an interaction with a contact is an interaction with the
organisation) and guest tables into their team; the result is an undirected weighted *entity graph*
on which personalised PageRank and Adamic–Adar run.

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
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import numpy as np
import scipy.sparse as sp

from graph.model import DossierPhase, NsobRole, OrganisationKind
from matcher.nsob import role_kind_fit

__all__ = [
    "BASELINE",
    "FEATURES",
    "PHASE_FIT",
    "GraphView",
    "QueryContext",
    "TemporalGraph",
    "graph_features",
]

FEATURES: tuple[str, ...] = (
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
#: The neutral value of every feature ("no signal"); reasons measure contributions against it.
BASELINE = np.zeros(len(FEATURES))
_F = {name: i for i, name in enumerate(FEATURES)}

UNDATED = -(2**40)
FOREVER = 2**40
#: Edge kinds that say nothing about closeness and stay out of the entity graph.
NON_ADJACENT = frozenset({"FEEDBACK", "CONFLICT", "WORKS_AT", "AVAILABLE_FOR"})
#: Node kinds folded into another node: contact → its organisation, table → its team.
GROUP_KINDS = frozenset({"dossier", "team"})

PPR_ALPHA = 0.3
PPR_STEPS = 4
WARM_DAYS = 365.0
RECENCY_DAYS = 180.0
LOAD_DAYS = 180
FREQ_DAYS = 365
MILESTONE_HORIZON = 120
MILESTONE_DAYS = 45.0
SESSION_HORIZON = 60
SESSION_DAYS = 30.0
SESSION_OTHER = 0.3


def _val(x: Any) -> str:
    return str(getattr(x, "value", x))


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


def _kind(value: Any) -> OrganisationKind:
    try:
        return OrganisationKind(_val(value))
    except ValueError:
        return OrganisationKind.OTHER


def role_fit(roles: Sequence[str], org_kind: Any) -> float:
    """Mean NSOB fit of an organisation kind with several roles (0.0 without roles).

    >>> role_fit(["responsief", "netwerkend"], "ngo")
    1.0
    """
    kind = _kind(org_kind)
    return float(np.mean([role_kind_fit(r, kind) for r in roles])) if roles else 0.0


def phase_fit(phase: Any, org_kind: Any) -> float:
    """:data:`PHASE_FIT` of a dossier phase and an organisation kind (0.0 when not listed).

    >>> phase_fit("exploration", "knowledge_institute")
    1.0
    """
    return PHASE_FIT[DossierPhase(_val(phase))].get(_kind(org_kind), 0.0)


_KIND_LIST = list(OrganisationKind)
_ROLE_TABLE = {r.value: np.array([role_kind_fit(r, k) for k in _KIND_LIST]) for r in NsobRole}
_PHASE_TABLE = {p.value: np.array([phase_fit(p, k) for k in _KIND_LIST]) for p in DossierPhase}


def _ordinal(value: Any, default: int) -> int:
    if value is None:
        return default
    if isinstance(value, dt.datetime):
        return value.date().toordinal()
    if isinstance(value, dt.date):
        return value.toordinal()
    return dt.date.fromisoformat(str(value)[:10]).toordinal()


class TemporalGraph:
    """Every node and dated edge of a snapshot, as arrays.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        A snapshot in the format of :func:`graph.store.build_snapshot` (node attributes are the
        node's fields, edge attributes the edge's fields).

    Examples
    --------
    >>> from graph.store import build_snapshot
    >>> from graph.model import Staff, Organisation, Interacted
    >>> g = build_snapshot([Staff(id="staff:1", name="A"),
    ...                     Organisation(id="org:x", name="X", org_kind="ngo")],
    ...                    [Interacted(source="staff:1", target="org:x", date="2026-01-05")])
    >>> tg = TemporalGraph(g)
    >>> tg.view(dt.date(2026, 1, 1)).A.nnz, tg.view(dt.date(2026, 2, 1)).A.nnz
    (0, 2)
    """

    def __init__(self, graph: nx.MultiDiGraph) -> None:
        self.graph = graph
        self.ids: list[str] = list(graph.nodes)
        self.index: dict[str, int] = {n: i for i, n in enumerate(self.ids)}
        self.attrs: list[dict[str, Any]] = [graph.nodes[n] for n in self.ids]
        kinds = [str(a.get("kind", "")) for a in self.attrs]
        self.kind_names: list[str] = sorted(set(kinds))
        code = {k: i for i, k in enumerate(self.kind_names)}
        self.kind = np.array([code[k] for k in kinds], dtype=np.int16)
        n = len(self.ids)
        self.n = n

        src, tgt, ekind, date, until, data = [], [], [], [], [], []
        edge_kinds: dict[str, int] = {}
        index = self.index
        for u, v, d in graph.edges(data=True):
            k = str(d.get("kind", ""))
            src.append(index[u])
            tgt.append(index[v])
            ekind.append(edge_kinds.setdefault(k, len(edge_kinds)))
            date.append(_ordinal(d.get("date"), UNDATED))
            until.append(_ordinal(d.get("until"), FOREVER))
            data.append(d)
        self.edge_kind_names = list(edge_kinds)
        self.src = np.array(src, dtype=np.int64)
        self.tgt = np.array(tgt, dtype=np.int64)
        self.ekind = np.array(ekind, dtype=np.int16)
        self.date = np.array(date, dtype=np.int64)
        self.until = np.array(until, dtype=np.int64)
        self.edata: list[dict[str, Any]] = data

        # Fold contacts into organisations and tables into teams (entity = node it stands for).
        entity = np.arange(n, dtype=np.int64)
        works_at = self.edges_of("WORKS_AT")
        entity[self.src[works_at]] = self.tgt[works_at]
        for i in self.nodes_of("table"):
            team = self.attrs[i].get("team") or ""
            if team in index:
                entity[i] = index[team]
        self.entity = entity
        self.contacts_of: dict[int, list[int]] = {}
        for c in self.src[works_at].tolist():
            self.contacts_of.setdefault(int(entity[c]), []).append(c)
        self.max_date = int(self.date.max()) if len(self.date) else UNDATED

    # ------------------------------------------------------------------ helpers
    def kind_code(self, kind: str) -> int:
        return self.kind_names.index(kind) if kind in self.kind_names else -1

    def nodes_of(self, kind: str) -> np.ndarray:
        """Indices of the nodes of one kind, in id order."""
        idx = np.flatnonzero(self.kind == self.kind_code(kind))
        return idx[np.argsort(np.array([self.ids[i] for i in idx]))] if len(idx) else idx

    def edges_of(self, kind: str) -> np.ndarray:
        if kind not in self.edge_kind_names:
            return np.zeros(0, dtype=np.int64)
        return np.flatnonzero(self.ekind == self.edge_kind_names.index(kind))

    def kind_of(self, i: int) -> str:
        return self.kind_names[self.kind[i]]

    def label(self, i: int) -> str:
        a = self.attrs[i]
        return str(a.get("name") or a.get("title") or self.ids[i])

    def org_kind_codes(self) -> np.ndarray:
        """Per node, the index of its ``org_kind`` in :class:`OrganisationKind` (``other``)."""
        if not hasattr(self, "_org_kinds"):
            self._org_kinds = np.array(
                [_KIND_LIST.index(_kind(a.get("org_kind") or "other")) for a in self.attrs],
                dtype=np.int64,
            )
        return self._org_kinds

    def view(self, day: dt.date) -> GraphView:
        """The graph as known on ``day``: edges dated after it (or ended before it) left out."""
        return GraphView(self, day)


class GraphView:
    """Sparse matrices of a :class:`TemporalGraph` cut at one day (see the module docstring)."""

    def __init__(self, tg: TemporalGraph, day: dt.date) -> None:
        self.tg = tg
        self.day = day
        t = day.toordinal()
        self.t = t
        n = tg.n
        active = (tg.date <= t) & (tg.until >= t)
        self.active = active
        ent = tg.entity
        adj_codes = [i for i, k in enumerate(tg.edge_kind_names) if k not in NON_ADJACENT]
        adj = active & np.isin(tg.ekind, adj_codes)
        a, b = ent[tg.src[adj]], ent[tg.tgt[adj]]
        keep = a != b
        weight = np.ones(len(a))
        if "STAKEHOLDER_IN" in tg.edge_kind_names:  # a keen stakeholder is a stronger tie
            code = tg.edge_kind_names.index("STAKEHOLDER_IN")
            for i in np.flatnonzero(tg.ekind[adj] == code).tolist():
                weight[i] = tg.edata[int(np.flatnonzero(adj)[i])].get("interest", 3) / 3
        a, b, weight = a[keep], b[keep], weight[keep]
        counts = sp.coo_matrix((weight, (a, b)), shape=(n, n)).tocsr()
        counts = (counts + counts.T).tocsr()
        counts.sum_duplicates()
        self.A = counts.copy()
        self.A.data = np.where(
            self.A.data >= 1, 1.0 + np.log(np.maximum(self.A.data, 1)), self.A.data
        )
        self.Abin = counts.copy()
        self.Abin.data[:] = 1.0
        self.deg = np.asarray(self.Abin.sum(axis=1)).ravel()
        self.wdeg = np.asarray(self.A.sum(axis=1)).ravel()

        # Dated links (the relations we predict): last date per (node, entity) pair, both ways.
        dated = adj & (tg.date > UNDATED)
        self.link_edges = np.flatnonzero(dated)
        la, lb, ld = ent[tg.src[dated]], ent[tg.tgt[dated]], tg.date[dated]
        keep = la != lb
        la, lb, ld = la[keep], lb[keep], ld[keep]
        self.link_edges = self.link_edges[keep]
        rows, cols, dates = np.r_[la, lb], np.r_[lb, la], np.r_[ld, ld]
        self.L = _max_matrix(rows, cols, dates - UNDATED, n)  # stored as date - UNDATED (> 0)
        recent = dates > t - FREQ_DAYS
        self.freq = np.bincount(cols[recent], minlength=n).astype(float)
        last = np.full(n, UNDATED, dtype=np.int64)
        np.maximum.at(last, cols, dates)
        self.last = last
        load_pairs = np.unique(np.c_[cols, rows][dates > t - LOAD_DAYS], axis=0)
        self.load = (
            np.bincount(load_pairs[:, 0], minlength=n).astype(float)
            if len(load_pairs)
            else np.zeros(n)
        )

        # Group membership (node → dossier/team) for colleagues and the query's dossiers.
        group_codes = [tg.kind_code(k) for k in GROUP_KINDS if tg.kind_code(k) >= 0]
        is_group = np.isin(tg.kind, group_codes)
        mem = (
            adj
            & is_group[ent[tg.tgt]]
            & ~is_group[ent[tg.src]]
            & (tg.kind[tg.src] == tg.kind[ent[tg.src]])
        )
        self.M = sp.csr_matrix(
            (np.ones(int(mem.sum())), (ent[tg.src[mem]], ent[tg.tgt[mem]])), shape=(n, n)
        )
        self.M.data[:] = 1.0
        self.MT = self.M.T.tocsr()

        # Stakeholders (organisation → dossier) with interest × influence.
        st = self._active("STAKEHOLDER_IN")
        w = np.array(
            [tg.edata[e].get("interest", 3) * tg.edata[e].get("influence", 3) / 25 for e in st]
        )
        self.S = sp.csr_matrix(
            (w if len(st) else np.zeros(0), (ent[tg.tgt[st]], ent[tg.src[st]])), shape=(n, n)
        )  # dossier × organisation

        self.conflicts: set[tuple[int, int]] = {
            (int(ent[tg.src[e]]), int(ent[tg.tgt[e]])) for e in self._active("CONFLICT")
        }
        self.feedback: dict[tuple[int, int], tuple[str, int]] = {}
        self.shown = np.zeros(n)
        for e in self._active("FEEDBACK"):
            s_, o_ = int(tg.src[e]), int(ent[tg.tgt[e]])
            outcome = _val(tg.edata[e].get("outcome", ""))
            self.feedback[(s_, o_)] = (outcome, int(tg.date[e]))
            if tg.date[e] > t - LOAD_DAYS:
                self.shown[o_] += 1
        self._guests = self._upcoming_guests()

    def _active(self, kind: str) -> np.ndarray:
        e = self.tg.edges_of(kind)
        return e[self.active[e]]

    def _upcoming_guests(self) -> dict[int, list[tuple[int, int, int, int]]]:
        """organisation → [(session start, session, table or -1, contact)] in the next 60 days."""
        tg, t = self.tg, self.t
        out: dict[int, list[tuple[int, int, int, int]]] = {}
        for kind in ("AVAILABLE_FOR", "SEATED_AT"):
            for e in self._active(kind):
                c, target = int(tg.src[e]), int(tg.tgt[e])
                d = tg.edata[e]
                session = (
                    target if kind == "AVAILABLE_FOR" else tg.index.get(d.get("session", ""), -1)
                )
                if session < 0:
                    continue
                start = _ordinal(tg.attrs[session].get("start"), UNDATED)
                if t < start <= t + SESSION_HORIZON:
                    table = target if kind == "SEATED_AT" else -1
                    out.setdefault(int(tg.entity[c]), []).append((start, session, table, c))
        return out

    # ------------------------------------------------------------------ query context
    def context(self, node: str | None) -> QueryContext:
        """Seed, colleagues, dossiers and known partners of a query node (``None``: free text)."""
        tg = self.tg
        if node is None:
            return QueryContext(node=-1)
        if node not in tg.index:
            raise KeyError(node)
        q = int(tg.entity[tg.index[node]])
        kind = tg.kind_of(q)
        groups = cols(self.M, q) if kind not in GROUP_KINDS else np.array([q])
        members = np.unique(self.MT[groups].indices) if len(groups) else np.zeros(0, np.int64)
        peer = tg.kind[q] if kind not in GROUP_KINDS else tg.kind_code("staff")
        colleagues = members[(members != q) & (tg.kind[members] == peer)]
        dossier = tg.kind_code("dossier")
        dossiers = groups[tg.kind[groups] == dossier] if len(groups) else groups
        known = cols(self.L, q)
        team = tg.kind_code("team")
        teams = groups[tg.kind[groups] == team] if len(groups) else groups
        return QueryContext(
            teams=teams,
            node=q,
            colleagues=colleagues,
            dossiers=dossiers,
            known=np.union1d(known, cols(self.A, q)),
        )

    def links_to(self, entity: int) -> np.ndarray:
        """Indices of the dated link edges whose target side is ``entity`` (as known on the day)."""
        if not hasattr(self, "_by_target"):
            keys = self.tg.entity[self.tg.tgt[self.link_edges]]
            order = np.argsort(keys, kind="stable")
            self._by_target = (keys[order], self.link_edges[order])
        keys, edges = self._by_target
        lo, hi = np.searchsorted(keys, entity), np.searchsorted(keys, entity, side="right")
        return edges[lo:hi]

    @property
    def node_last(self) -> np.ndarray:
        """Per node (contacts not folded), the date of its latest dated link (``UNDATED`` if none)."""
        if not hasattr(self, "_node_last"):
            last = np.full(self.tg.n, UNDATED, dtype=np.int64)
            e = self.link_edges
            np.maximum.at(last, self.tg.tgt[e], self.tg.date[e])
            np.maximum.at(last, self.tg.src[e], self.tg.date[e])
            self._node_last = last
        return self._node_last

    def link_date(self, a: int, b: int) -> int | None:
        v = self.L[a, b]
        return int(v) + UNDATED if v else None


@dataclass
class QueryContext:
    """Where a query sits in the graph: its entity index (``-1`` for free text), colleagues
    (nodes sharing a dossier or team), its dossiers and the entities it is already linked to."""

    node: int
    colleagues: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    dossiers: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    known: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    teams: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))


def cols(M: sp.csr_matrix, i: int) -> np.ndarray:
    """Column indices of row ``i`` of a CSR matrix (no copy, no scipy indexing overhead)."""
    return M.indices[M.indptr[i] : M.indptr[i + 1]]


def vals(M: sp.csr_matrix, i: int) -> np.ndarray:
    """Stored values of row ``i`` of a CSR matrix, aligned with :func:`cols`."""
    return M.data[M.indptr[i] : M.indptr[i + 1]]


def _max_matrix(rows: np.ndarray, cols: np.ndarray, vals: np.ndarray, n: int) -> sp.csr_matrix:
    """CSR matrix holding the maximum of ``vals`` per (row, col)."""
    if len(rows) == 0:
        return sp.csr_matrix((n, n), dtype=np.int64)
    order = np.lexsort((vals, cols, rows))
    r, c, v = rows[order], cols[order], vals[order]
    last = np.r_[(r[1:] != r[:-1]) | (c[1:] != c[:-1]), True]
    return sp.csr_matrix((v[last], (r[last], c[last])), shape=(n, n))


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
        roles.append([NsobRole(_val(r)).value for r in a.get("roles") or []])
        if a.get("phase"):
            phases.append(_val(a["phase"]))
    return roles, phases


def upcoming_milestones(view: GraphView, d: int) -> list[tuple[int, str]]:
    """(date ordinal, label) of dossier ``d``'s milestones in the next 120 days."""
    out = []
    for m in view.tg.attrs[d].get("milestones") or []:
        md = m.get("date") if isinstance(m, dict) else getattr(m, "date", None)
        label = m.get("label") if isinstance(m, dict) else getattr(m, "label", "")
        o = _ordinal(md, UNDATED)
        if view.t < o <= view.t + MILESTONE_HORIZON:
            out.append((o, str(label)))
    return sorted(out)


def graph_features(
    view: GraphView,
    ctx: QueryContext,
    cand: Sequence[int] | np.ndarray,
    *,
    ppr: np.ndarray | None = None,
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
            ph = _val(tg.attrs[d].get("phase") or "exploration")
            col = 0.5 * _PHASE_TABLE[ph][kc] * prox
            for o in cols(view.S, d).tolist():
                if o in pos:
                    col[pos[o]] = prox
            X[:, _F["milestone"]] = np.maximum(X[:, _F["milestone"]], col)
    if view._guests:
        editions = {str(tg.attrs[m].get("edition") or "") for m in ctx.teams.tolist()}
        teams = {tg.ids[m] for m in ctx.teams.tolist()}
        for i, c in enumerate(cand.tolist()):
            best = 0.0
            for start, session, table, _ in view._guests.get(c, ()):
                own = (table >= 0 and tg.attrs[table].get("team") in teams) or (
                    str(tg.attrs[session].get("edition") or "") in editions
                )
                best = max(
                    best, (1.0 if own else SESSION_OTHER) * math.exp(-(start - t) / SESSION_DAYS)
                )
            X[i, _F["sessions"]] = best
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
            if _val(tg.edata[x].get("outcome", "")) in {"accepted", "met", "co_produced"}
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
