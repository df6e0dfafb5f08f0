"""The graph as plain arrays: a dated snapshot cut at any day, with the sparse matrices features read.

:class:`TemporalGraph` turns a networkx snapshot (``store.snapshot(as_of=...)``) into arrays once:
node ids and kinds, every edge with its kind, start date and end date. :meth:`TemporalGraph.view`
then cuts it at a day ``t`` (only edges dated on or before ``t`` and not yet ended) and builds the
sparse matrices the features need (:class:`GraphView`), so training on several past cut dates and
answering queries at ``as_of`` use the same code with a strict time cut: nothing dated after ``t`` is
ever read.

Contacts are folded into their organisation (an interaction with a contact is an interaction with the
organisation) and guest tables into their team; the result is an undirected weighted *entity graph*.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import numpy as np
import scipy.sparse as sp

from graph.model import OrganisationKind
from graph.priority import give_way

__all__ = [
    "FOREVER",
    "GROUP_KINDS",
    "NON_ADJACENT",
    "ORG_KINDS",
    "UNDATED",
    "GraphView",
    "QueryContext",
    "TemporalGraph",
    "cols",
    "day_ordinal",
    "enum_value",
    "kind_of_org",
    "vals",
]

#: Day ordinals standing for "no date" and "never ends".
UNDATED = -(2**40)
FOREVER = 2**40

#: Edge kinds that say nothing about closeness and stay out of the entity graph.
NON_ADJACENT = frozenset({"FEEDBACK", "CONFLICT", "WORKS_AT", "AVAILABLE_FOR"})

#: Node kinds folded into another node: contact → its organisation, table → its team.
GROUP_KINDS = frozenset({"dossier", "team"})

#: Windows (days) of the partner load, of the contact frequency and of upcoming sessions.
LOAD_DAYS = 180
FREQ_DAYS = 365
SESSION_HORIZON = 60


def enum_value(x: Any) -> str:
    """The string value of an enum member, or the value itself as a string."""
    return str(getattr(x, "value", x))


def kind_of_org(value: Any) -> OrganisationKind:
    """The organisation kind of a value (``other`` when unknown)."""
    try:
        return OrganisationKind(enum_value(value))
    except ValueError:
        return OrganisationKind.OTHER


#: Organisation kinds in a fixed order (their codes in :meth:`TemporalGraph.org_kind_codes`).
ORG_KINDS = list(OrganisationKind)


def day_ordinal(value: Any, default: int) -> int:
    """The ordinal day of a date or ISO string; ``default`` when absent or not a date."""
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
        for j, (u, v, d) in enumerate(graph.edges(data=True)):
            if j % 256 == 255:
                give_way()
            k = str(d.get("kind", ""))
            src.append(index[u])
            tgt.append(index[v])
            ekind.append(edge_kinds.setdefault(k, len(edge_kinds)))
            date.append(day_ordinal(d.get("date"), UNDATED))
            until.append(day_ordinal(d.get("until"), FOREVER))
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
                [ORG_KINDS.index(kind_of_org(a.get("org_kind") or "other")) for a in self.attrs],
                dtype=np.int64,
            )
        return self._org_kinds

    @property
    def prepared(self) -> _Prepared:
        """The day-independent arrays every :class:`GraphView` masks (computed on first use)."""
        pre: _Prepared | None = getattr(self, "_prepared", None)
        if pre is None:
            pre = self._prepared = _prepare(self)
        return pre

    def view(self, day: dt.date) -> GraphView:
        """The graph as known on ``day``: edges dated after it (or ended before it) left out."""
        return GraphView(self, day)


@dataclass(frozen=True)
class _Prepared:
    """What every day's :class:`GraphView` of one :class:`TemporalGraph` shares, computed once:
    each view then only masks these arrays by the edges running that day (no sort, no loop over
    edge attributes)."""

    adj: np.ndarray  # edges in the entity graph (kind adjacent, entity ends differ)
    ties: _Entries  # those edges both ways; a keen stakeholder is a stronger tie (interest / 3)
    links: _Entries  # the dated ones, both ways, valued by date - UNDATED
    by_target: np.ndarray  # the dated ones once each, by target entity (then edge index)
    member: _Entries  # node → dossier/team (colleagues, a query's dossiers)
    member_t: _Entries  # the same, dossier/team → node
    stake: _Entries  # dossier × organisation, interest × influence / 25
    guest_edges: np.ndarray  # AVAILABLE_FOR / SEATED_AT edges with a known session
    guest_session: np.ndarray
    guest_start: np.ndarray
    guest_table: np.ndarray


def _prepare(tg: TemporalGraph) -> _Prepared:
    ent = tg.entity
    adj_codes = [i for i, k in enumerate(tg.edge_kind_names) if k not in NON_ADJACENT]
    adj = np.isin(tg.ekind, adj_codes) & (ent[tg.src] != ent[tg.tgt])
    weight = np.ones(len(tg.src))
    for e in tg.edges_of("STAKEHOLDER_IN").tolist():
        weight[e] = tg.edata[e].get("interest", 3) / 3
    a = np.flatnonzero(adj)
    ties = _Entries.of(
        np.r_[a, a],
        np.r_[ent[tg.src[a]], ent[tg.tgt[a]]],
        np.r_[ent[tg.tgt[a]], ent[tg.src[a]]],
        np.r_[weight[a], weight[a]],
    )
    d = np.flatnonzero(adj & (tg.date > UNDATED))
    links = _Entries.of(
        np.r_[d, d],
        np.r_[ent[tg.src[d]], ent[tg.tgt[d]]],
        np.r_[ent[tg.tgt[d]], ent[tg.src[d]]],
        np.r_[tg.date[d], tg.date[d]] - UNDATED,
    )

    by_target = d[np.argsort(ent[tg.tgt[d]], kind="stable")]

    group_codes = [tg.kind_code(k) for k in GROUP_KINDS if tg.kind_code(k) >= 0]
    is_group = np.isin(tg.kind, group_codes)
    m = np.flatnonzero(
        adj
        & is_group[ent[tg.tgt]]
        & ~is_group[ent[tg.src]]
        & (tg.kind[tg.src] == tg.kind[ent[tg.src]])
    )
    ones = np.ones(len(m))
    member = _Entries.of(m, ent[tg.src[m]], ent[tg.tgt[m]], ones)
    member_t = _Entries.of(m, ent[tg.tgt[m]], ent[tg.src[m]], ones)
    st = tg.edges_of("STAKEHOLDER_IN")
    stake_weight = np.array(
        [tg.edata[e].get("interest", 3) * tg.edata[e].get("influence", 3) / 25 for e in st],
        dtype=float,
    )
    stake = _Entries.of(st, ent[tg.tgt[st]], ent[tg.src[st]], stake_weight)

    g_edges, g_session, g_start, g_table = [], [], [], []
    for kind in ("AVAILABLE_FOR", "SEATED_AT"):
        for e in tg.edges_of(kind).tolist():
            target = int(tg.tgt[e])
            session = (
                target
                if kind == "AVAILABLE_FOR"
                else tg.index.get(tg.edata[e].get("session", ""), -1)
            )
            if session < 0:
                continue
            g_edges.append(e)
            g_session.append(session)
            g_start.append(day_ordinal(tg.attrs[session].get("start"), UNDATED))
            g_table.append(target if kind == "SEATED_AT" else -1)
    return _Prepared(
        adj=adj,
        ties=ties,
        links=links,
        by_target=by_target,
        member=member,
        member_t=member_t,
        stake=stake,
        guest_edges=np.array(g_edges, dtype=np.int64),
        guest_session=np.array(g_session, dtype=np.int64),
        guest_start=np.array(g_start, dtype=np.int64),
        guest_table=np.array(g_table, dtype=np.int64),
    )


class GraphView:
    """Sparse matrices of a :class:`TemporalGraph` cut at one day (see the module docstring)."""

    def __init__(self, tg: TemporalGraph, day: dt.date) -> None:
        self.tg = tg
        self.day = day
        t = day.toordinal()
        self.t = t
        n = tg.n
        pre = tg.prepared
        active = (tg.date <= t) & (tg.until >= t)
        self.active = active
        ent = tg.entity
        adj = active & pre.adj
        counts = _csr(*pre.ties.running(active), n, "sum")
        self.A = counts.copy()
        self.A.data = np.where(
            self.A.data >= 1, 1.0 + np.log(np.maximum(self.A.data, 1)), self.A.data
        )
        self.Abin = counts.copy()
        self.Abin.data[:] = 1.0
        per_row = np.diff(counts.indptr)  # canonical CSR: one entry per neighbour
        self.deg = per_row.astype(float)
        self.wdeg = np.zeros(n)
        full = per_row > 0
        if full.any():
            self.wdeg[full] = np.add.reduceat(self.A.data, counts.indptr[:-1][full])

        # Dated links (the relations we predict): last date per (node, entity) pair, both ways.
        rows, cols_, since = pre.links.running(active)
        dates = since + UNDATED
        self.link_edges = np.flatnonzero(adj & (tg.date > UNDATED))
        self.L = _csr(rows, cols_, since, n, "last")  # stored as date - UNDATED (> 0)
        self.freq = np.bincount(cols_.take(np.flatnonzero(dates > t - FREQ_DAYS)), minlength=n)
        self.freq = self.freq.astype(float)
        last = np.full(n, UNDATED, dtype=np.int64)
        np.maximum.at(last, cols_, dates)
        self.last = last
        # Distinct partners met within LOAD_DAYS: every link is there both ways, so counting
        # per row the first entry of each (row, col) pair (sorted by pair) counts per node.
        within = np.flatnonzero(dates > t - LOAD_DAYS)
        lr, lc = rows.take(within), cols_.take(within)
        first = _pair_starts(lr, lc)
        self.load = np.bincount(lr[first], minlength=n).astype(float)

        # Group membership (node → dossier/team) for colleagues and the query's dossiers.
        self.M = _csr(*pre.member.running(active), n, "last")
        self.MT = _csr(*pre.member_t.running(active), n, "last")

        # Stakeholders (organisation → dossier) with interest × influence.
        self.S = _csr(*pre.stake.running(active), n, "sum")  # dossier × organisation

        self.conflicts: set[tuple[int, int]] = {
            (int(ent[tg.src[e]]), int(ent[tg.tgt[e]])) for e in self._active("CONFLICT")
        }
        self.feedback: dict[tuple[int, int], tuple[str, int]] = {}
        self.shown = np.zeros(n)
        for e in self._active("FEEDBACK"):
            s_, o_ = int(tg.src[e]), int(ent[tg.tgt[e]])
            outcome = enum_value(tg.edata[e].get("outcome", ""))
            self.feedback[(s_, o_)] = (outcome, int(tg.date[e]))
            if tg.date[e] > t - LOAD_DAYS:
                self.shown[o_] += 1
        self.guests = self._upcoming_guests()

    def _active(self, kind: str) -> np.ndarray:
        e = self.tg.edges_of(kind)
        return e[self.active[e]]

    def _upcoming_guests(self) -> dict[int, list[tuple[int, int, int, int]]]:
        """organisation → [(session start, session, table or -1, contact)] in the next 60 days."""
        tg, t, pre = self.tg, self.t, self.tg.prepared
        soon = (
            self.active[pre.guest_edges]
            & (pre.guest_start > t)
            & (pre.guest_start <= t + SESSION_HORIZON)
        )
        out: dict[int, list[tuple[int, int, int, int]]] = {}
        for i in np.flatnonzero(soon).tolist():
            c = int(tg.src[pre.guest_edges[i]])
            out.setdefault(int(tg.entity[c]), []).append(
                (int(pre.guest_start[i]), int(pre.guest_session[i]), int(pre.guest_table[i]), c)
            )
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
        if not hasattr(self, "_by_target"):  # the graph's order, cut to the day: no sort
            order = self.tg.prepared.by_target
            edges = order[self.active[order]]
            self._by_target = (self.tg.entity[self.tg.tgt[edges]], edges)
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


@dataclass(frozen=True)
class _Entries:
    """Matrix entries from edges (``edge`` → (``row``, ``col``, ``value``)), sorted by row,
    column and value, so a day's matrix is a mask and a fold of neighbours: no sort per day."""

    edge: np.ndarray
    row: np.ndarray
    col: np.ndarray
    value: np.ndarray

    @classmethod
    def of(cls, edge: np.ndarray, row: np.ndarray, col: np.ndarray, value: np.ndarray) -> _Entries:
        order = np.lexsort((value, col, row))
        return cls(edge[order], row[order], col[order], value[order])

    def running(self, active: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Rows, columns and values of the entries whose edge runs (``active``), still sorted."""
        i = np.flatnonzero(active[self.edge])
        return self.row.take(i), self.col.take(i), self.value.take(i)


def _pair_starts(r: np.ndarray, c: np.ndarray) -> np.ndarray:
    """True where a (row, col) pair starts in entries sorted by pair."""
    out = np.ones(len(r), dtype=bool)
    out[1:] = (r[1:] != r[:-1]) | (c[1:] != c[:-1])
    return out


def _csr(r: np.ndarray, c: np.ndarray, v: np.ndarray, n: int, fold: str) -> sp.csr_matrix:
    """The ``n`` × ``n`` CSR matrix of entries sorted by (row, col, value); the entries of one
    (row, col) fold into their ``"sum"`` or their ``"last"`` (the largest) value."""
    if len(r) == 0:
        return sp.csr_matrix((n, n), dtype=v.dtype)
    starts = np.flatnonzero(_pair_starts(r, c))
    last = np.append(starts[1:] - 1, len(v) - 1)
    data = np.add.reduceat(v, starts) if fold == "sum" else v[last]
    index = np.int32 if len(starts) < 2**31 and n < 2**31 else np.int64
    indptr = np.zeros(n + 1, dtype=index)
    np.cumsum(np.bincount(r[starts], minlength=n), out=indptr[1:])
    return sp.csr_matrix((data, c[starts].astype(index), indptr), shape=(n, n))
