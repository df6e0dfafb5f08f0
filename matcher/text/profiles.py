"""Profiles: the several texts that describe a node, from its own fields and its neighbourhood.

An organisation's profile is its description (with name, sectors and region), each of its
documents, each current contact's expertise, and each dossier it is a stakeholder in. Other kinds:

- ``staff``: expertise (with directorate and unit), dossiers worked on, team challenges;
- ``contact``: expertise (with role), the organisation's description;
- ``dossier``: title with description, themes, milestones;
- ``team``: name with challenge, needs.

With ``as_of`` only edges dated on or before that day (and still running then) contribute, so an
evaluation at a past date sees no text from the future.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable

import numpy as np

from graph.model import Contact, Dossier, EdgeModel, NodeModel, Organisation, Staff, Team
from graph.store import GraphStore

__all__ = [
    "PROFILE_KINDS",
    "build_profiles",
    "organisation_texts",
    "profile_changes",
    "profile_day_key",
    "profile_texts",
]

PROFILE_KINDS = ("organisation", "staff", "contact", "dossier", "team")

#: The edge kinds each kind's profile reads: on two days with the same of these edges running
#: (and, for dossiers, the same milestones within the horizon) the profiles read the same.
PROFILE_EDGES: dict[str, tuple[str, ...]] = {
    "organisation": ("WORKS_AT", "STAKEHOLDER_IN"),
    "staff": ("WORKS_ON", "MEMBER_OF"),
    "contact": ("WORKS_AT",),
    "dossier": (),
    "team": (),
}
#: A dossier's profile names the milestones up to this far after the day.
MILESTONE_HORIZON = dt.timedelta(days=365)


def _join(*parts: str, sep: str = ". ") -> str:
    return sep.join(p.strip().rstrip(".") for p in parts if p and p.strip())


def _dedupe(texts: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(t.strip() for t in texts if t and t.strip()))


def _dossier_text(d: NodeModel) -> str:
    if not isinstance(d, Dossier):
        return ""
    themes = f"Thema's: {', '.join(d.themes)}" if d.themes else ""
    return _join(d.title, d.description, themes)


def _org_text(o: Organisation) -> str:
    sectors = f"Sectoren: {', '.join(o.sectors)}" if o.sectors else ""
    region = f"Regio: {o.region}" if o.region else ""
    return _join(o.name, o.description, sectors, region)


def organisation_texts(org: Organisation) -> list[str]:
    """An organisation's own texts: name with description, sectors and region; then each document.

    Examples
    --------
    >>> organisation_texts(Organisation(id="org:x", name="X", org_kind="ngo", description="Fiets.",
    ...                                 documents=["Cycling report"]))
    ['X. Fiets', 'Cycling report']
    """
    return _dedupe([_org_text(org), *org.documents])


def profile_day_key(store: GraphStore, kind: str, as_of: dt.date | None) -> str:
    """What of ``as_of`` the profiles of ``kind`` depend on, as a digest: the same on two days
    whose profiles read the same (with the store unchanged), so a cache keyed by it reuses one
    day's profiles for the other.

    Examples
    --------
    >>> from graph.sqlite_store import SqliteGraphStore
    >>> from graph.model import Dossier, Staff, WorksOn
    >>> store = SqliteGraphStore(":memory:")
    >>> _ = store.write(
    ...     [Staff(id="s:a", name="A", expertise="water"), Dossier(id="d:x", title="Dijken")],
    ...     [WorksOn(source="s:a", target="d:x", date=dt.date(2026, 3, 1))])
    >>> key = lambda day: profile_day_key(store, "staff", day)
    >>> key(dt.date(2026, 1, 1)) == key(dt.date(2026, 2, 1)) != key(dt.date(2026, 3, 1))
    True
    """
    import hashlib

    h = hashlib.blake2b(digest_size=16)
    h.update(kind.encode())
    if as_of is None:
        return h.hexdigest() + ":all"
    for edge_kind in PROFILE_EDGES.get(kind, ()):
        h.update(edge_kind.encode())
        h.update(_running(store, edge_kind, as_of).tobytes())
    if kind == "dossier":
        horizon = as_of + MILESTONE_HORIZON
        for d in store.nodes("dossier"):
            if isinstance(d, Dossier):
                h.update(bytes(m.date <= horizon for m in d.milestones))
    return h.hexdigest()


def _running(store: GraphStore, edge_kind: str, day: dt.date) -> np.ndarray:
    """Per edge of ``edge_kind`` (in the store's order), whether it runs on ``day``; from the
    per-revision arrays a store may offer (``edge_window``), else from the edges."""
    window = getattr(store, "edge_window", None)
    if window is not None:
        start, end = window(edge_kind)
        return (start <= day.toordinal()) & (end >= day.toordinal())  # type: ignore[no-any-return]
    return np.array([e.active_on(day) for e in store.edges(edge_kind)], dtype=bool)


def profile_changes(store: GraphStore, kind: str, before: dt.date, after: dt.date) -> set[str]:
    """Ids whose profile of ``kind`` may read differently on ``after`` than on ``before``: the
    ends of the edges it reads that run on one day and not the other, and for dossiers the
    dossiers with a milestone entering or leaving the horizon (``store`` may offer per-revision
    arrays as :class:`matcher.suggest.live.RevisionReads` does).

    Examples
    --------
    >>> from graph.sqlite_store import SqliteGraphStore
    >>> from graph.model import Dossier, Staff, WorksOn
    >>> store = SqliteGraphStore(":memory:")
    >>> _ = store.write(
    ...     [Staff(id="s:a", name="A"), Staff(id="s:b", name="B"), Dossier(id="d:x", title="X")],
    ...     [WorksOn(source="s:a", target="d:x", date=dt.date(2026, 3, 1)),
    ...      WorksOn(source="s:b", target="d:x")])
    >>> sorted(profile_changes(store, "staff", dt.date(2026, 1, 1), dt.date(2026, 4, 1)))
    ['d:x', 's:a']
    """
    changed: set[str] = set()
    for edge_kind in PROFILE_EDGES.get(kind, ()):
        differ = _running(store, edge_kind, before) != _running(store, edge_kind, after)
        ends = getattr(store, "edge_ends", None)  # arrays kept per revision, if offered
        if ends is not None:
            sources, targets = ends(edge_kind)
            changed.update(sources[differ].tolist())
            changed.update(targets[differ].tolist())
        else:
            edges = store.edges(edge_kind)
            changed.update(
                x for i in np.flatnonzero(differ) for x in (edges[i].source, edges[i].target)
            )
    if kind == "dossier":
        a, b = before + MILESTONE_HORIZON, after + MILESTONE_HORIZON
        for d in store.nodes("dossier"):
            if isinstance(d, Dossier) and any((m.date <= a) != (m.date <= b) for m in d.milestones):
                changed.add(d.id)
    return changed


class _Edges:
    """Edges of a few kinds read once, filtered to ``as_of``, indexed by endpoint."""

    def __init__(
        self,
        store: GraphStore,
        kinds: Iterable[str],
        as_of: dt.date | None,
        only: Collection[str] | None = None,
    ) -> None:
        self.out: dict[str, list[EdgeModel]] = defaultdict(list)
        self.into: dict[str, list[EdgeModel]] = defaultdict(list)
        for kind in kinds:
            for e in store.edges(kind, until=as_of):
                if as_of is not None and not e.active_on(as_of):
                    continue
                if only is not None and e.source not in only and e.target not in only:
                    continue
                self.out[e.source].append(e)
                self.into[e.target].append(e)


def _organisation(
    store: GraphStore, as_of: dt.date | None, only: Collection[str] | None = None
) -> dict[str, list[str]]:
    edges = _Edges(store, ("WORKS_AT", "STAKEHOLDER_IN"), as_of, only)
    contacts = {c.id: c for c in store.nodes("contact") if isinstance(c, Contact)}
    dossiers = {d.id: _dossier_text(d) for d in store.nodes("dossier")}
    out: dict[str, list[str]] = {}
    for org in store.nodes("organisation"):
        if not isinstance(org, Organisation) or (only is not None and org.id not in only):
            continue
        texts = organisation_texts(org)
        for e in edges.into.get(org.id, []):
            if e.KIND == "WORKS_AT" and e.source in contacts:
                texts.append(contacts[e.source].expertise)
        for e in edges.out.get(org.id, []):
            if e.KIND == "STAKEHOLDER_IN" and e.target in dossiers:
                texts.append(dossiers[e.target])
        out[org.id] = _dedupe(texts)
    return out


def _staff(
    store: GraphStore, as_of: dt.date | None, only: Collection[str] | None = None
) -> dict[str, list[str]]:
    edges = _Edges(store, ("WORKS_ON", "MEMBER_OF"), as_of, only)
    dossiers = {d.id: _dossier_text(d) for d in store.nodes("dossier")}
    teams = {t.id: t for t in store.nodes("team") if isinstance(t, Team)}
    out: dict[str, list[str]] = {}
    for s in store.nodes("staff"):
        if not isinstance(s, Staff) or (only is not None and s.id not in only):
            continue
        texts = [_join(s.expertise, s.directorate, s.unit)]
        for e in edges.out.get(s.id, []):
            if e.KIND == "WORKS_ON" and e.target in dossiers:
                texts.append(dossiers[e.target])
            elif e.KIND == "MEMBER_OF" and e.target in teams:
                texts.append(teams[e.target].challenge)
        out[s.id] = _dedupe(texts)
    return out


def _contact(
    store: GraphStore, as_of: dt.date | None, only: Collection[str] | None = None
) -> dict[str, list[str]]:
    edges = _Edges(store, ("WORKS_AT",), as_of, only)
    orgs = {o.id: o for o in store.nodes("organisation") if isinstance(o, Organisation)}
    out: dict[str, list[str]] = {}
    for c in store.nodes("contact"):
        if not isinstance(c, Contact) or (only is not None and c.id not in only):
            continue
        texts = [_join(c.expertise, c.role)]
        for e in edges.out.get(c.id, []):
            if e.target in orgs:
                texts.append(_org_text(orgs[e.target]))
        out[c.id] = _dedupe(texts)
    return out


def _dossier(
    store: GraphStore, as_of: dt.date | None, only: Collection[str] | None = None
) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for d in store.nodes("dossier"):
        if not isinstance(d, Dossier) or (only is not None and d.id not in only):
            continue
        milestones = [
            m.label for m in d.milestones if as_of is None or m.date <= as_of + MILESTONE_HORIZON
        ]
        out[d.id] = _dedupe(
            [_join(d.title, d.description), ", ".join(d.themes), "; ".join(milestones)]
        )
    return out


def _team(
    store: GraphStore, as_of: dt.date | None, only: Collection[str] | None = None
) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for t in store.nodes("team"):
        if not isinstance(t, Team) or (only is not None and t.id not in only):
            continue
        out[t.id] = _dedupe([_join(t.name, t.challenge), ", ".join(t.needs)])
    return out


_BUILDERS: dict[
    str, Callable[[GraphStore, dt.date | None, Collection[str] | None], dict[str, list[str]]]
] = {
    "organisation": _organisation,
    "staff": _staff,
    "contact": _contact,
    "dossier": _dossier,
    "team": _team,
}


def build_profiles(
    store: GraphStore,
    kind: str = "organisation",
    *,
    as_of: dt.date | None = None,
    only: Collection[str] | None = None,
) -> dict[str, list[str]]:
    """The texts of every node of ``kind``, keyed by node id (ordered by id).

    Parameters
    ----------
    store : GraphStore
    kind : {"organisation", "staff", "contact", "dossier", "team"}
    as_of : date, optional
        Only edges dated on or before this day (and not ended) contribute.
    only : collection of str, optional
        Build the profiles of these nodes only (ids of other kinds are ignored).

    Returns
    -------
    dict of str to list of str
        Non-empty, de-duplicated texts; the node's own description comes first.

    Examples
    --------
    >>> from graph.sqlite_store import SqliteGraphStore
    >>> from graph.model import Organisation
    >>> store = SqliteGraphStore(":memory:")
    >>> _ = store.write([Organisation(id="org:hhnk", name="HHNK", org_kind="public_body",
    ...                               description="Waterschap; dijkversterking")])
    >>> build_profiles(store)
    {'org:hhnk': ['HHNK. Waterschap; dijkversterking']}
    """
    try:
        builder = _BUILDERS[kind]
    except KeyError:
        raise ValueError(
            f"unknown profile kind '{kind}'; choose one of {', '.join(PROFILE_KINDS)}"
        ) from None
    return builder(store, as_of, only)


def profile_texts(
    store: GraphStore,
    node_ids: Iterable[str],
    kind: str = "organisation",
    *,
    as_of: dt.date | None = None,
) -> list[list[str]]:
    """The profiles of ``node_ids`` in that order (a missing id gets an empty profile)."""
    profiles = build_profiles(store, kind, as_of=as_of)
    return [profiles.get(i, []) for i in node_ids]
