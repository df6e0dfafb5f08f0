"""An in-memory index of the dated graph for nudges: who works on what, who met whom, when.

:class:`Timeline` is built once from a store and answers for any ``as_of`` (later edges do not
exist for it): interactions per person and per organisation, stakes per dossier, guests per
session, conflicts, feedback, and the scope (people and dossiers) of a staff member, dossier or team.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from graph.model import (
    Contact,
    Dossier,
    EdgeModel,
    FeedbackOutcome,
    Interacted,
    NodeModel,
    Organisation,
    StakeholderIn,
)
from graph.store import GraphStore

__all__ = ["NudgeError", "Timeline", "months_between", "not_ended"]


class NudgeError(ValueError):
    """A nudge request names no subject, more than one, or one of the wrong kind."""


def not_ended(e: EdgeModel, day: dt.date) -> bool:
    return e.until is None or e.until >= day


def months_between(a: dt.date, b: dt.date) -> int:
    return (b.year - a.year) * 12 + (b.month - a.month) - (1 if b.day < a.day else 0)


class Timeline:
    """An in-memory index of the dated graph, built once and queried for any ``as_of``.

    Example
    -------
    >>> from graph import SqliteGraphStore
    >>> tl = Timeline.from_store(SqliteGraphStore(":memory:"))
    >>> tl.interactions_between({"staff:0001"}, "org:tno", dt.date(2026, 1, 1))
    []
    """

    def __init__(self, nodes: Iterable[NodeModel], edges: Iterable[EdgeModel]):
        self.nodes: dict[str, NodeModel] = {n.id: n for n in nodes}
        self.org_of: dict[str, str] = {}
        self.works_on: list[EdgeModel] = []
        self.members: dict[str, list[EdgeModel]] = defaultdict(list)  # team -> MEMBER_OF
        self.teams_of: dict[str, list[EdgeModel]] = defaultdict(list)  # staff -> MEMBER_OF
        self.interactions: dict[str, list[Interacted]] = defaultdict(list)  # staff -> edges
        self.by_org: dict[str, list[Interacted]] = defaultdict(list)  # org -> edges
        self.stakes: dict[str, list[StakeholderIn]] = defaultdict(list)  # dossier -> edges
        self.guests: dict[str, list[tuple[str, EdgeModel]]] = defaultdict(list)  # session ->
        self.conflicts: list[EdgeModel] = []
        self.feedback: list[EdgeModel] = []
        pending: list[EdgeModel] = []
        for e in edges:
            k = e.KIND
            if k == "WORKS_AT":
                self.org_of[e.source] = e.target
            elif k == "WORKS_ON":
                self.works_on.append(e)
            elif k == "MEMBER_OF":
                self.members[e.target].append(e)
                self.teams_of[e.source].append(e)
            elif k == "INTERACTED":
                pending.append(e)
            elif k == "STAKEHOLDER_IN":
                self.stakes[e.target].append(e)  # type: ignore[arg-type]
            elif k == "AVAILABLE_FOR":
                self.guests[e.target].append((e.source, e))
            elif k == "SEATED_AT":
                self.guests[e.key or getattr(e, "session", "")].append((e.source, e))
            elif k == "CONFLICT":
                self.conflicts.append(e)
            elif k == "FEEDBACK":
                self.feedback.append(e)
        self._target_org: dict[str, str] = {
            n.id: n.id for n in self.nodes.values() if isinstance(n, Organisation)
        }
        self._target_org.update(
            {c: o for c, o in self.org_of.items() if isinstance(self.nodes.get(o), Organisation)}
        )
        self.staff_on: dict[str, list[EdgeModel]] = defaultdict(list)
        for e in self.works_on:
            self.staff_on[e.target].append(e)
        self.by_theme: dict[str, set[str]] = defaultdict(set)
        for n in self.nodes.values():
            if isinstance(n, Dossier):
                for t in n.themes:
                    self.by_theme[t.lower()].add(n.id)
        self._first_cache: dict[tuple[str, dt.date], dict[str, tuple[dt.date, str]]] = {}
        for e in sorted(pending, key=lambda x: x.date or dt.date.min):
            self.interactions[e.source].append(e)  # type: ignore[arg-type]
            org = self.org_id(e.target)
            if org:
                self.by_org[org].append(e)  # type: ignore[arg-type]

    @classmethod
    def from_store(cls, store: GraphStore) -> Timeline:
        return cls(store.nodes(), store.edges())

    # ---- lookups -------------------------------------------------------------------------
    def org_id(self, node_id: str) -> str | None:
        """The organisation of a contact, or the id itself for an organisation."""
        return self._target_org.get(node_id)

    def first_contacts(self, dossier_ids: Iterable[str], as_of: dt.date) -> dict[str, tuple]:
        """Organisation → (first day, staff id) anyone working on these dossiers met it, up to
        ``as_of`` (cached per dossier and day)."""
        out: dict[str, tuple[dt.date, str]] = {}
        for did in dossier_ids:
            key = (did, as_of)
            if key not in self._first_cache:
                first: dict[str, tuple[dt.date, str]] = {}
                people = {e.source for e in self.staff_on[did] if e.active_on(as_of)}
                for c in people:
                    for e in self.interactions.get(c, []):
                        if e.date > as_of:
                            break  # sorted by date
                        org = self._target_org.get(e.target)
                        if org and (org not in first or e.date < first[org][0]):
                            first[org] = (e.date, c)
                self._first_cache[key] = first
            for org, value in self._first_cache[key].items():
                if org not in out or value[0] < out[org][0]:
                    out[org] = value
        return out

    def kind_of(self, node_id: str) -> str | None:
        node = self.nodes.get(node_id)
        return None if node is None else node.KIND

    def interactions_between(self, staff: set[str], org: str, as_of: dt.date) -> list[Interacted]:
        """Interactions of any of ``staff`` with ``org`` (or its contacts) dated ≤ ``as_of``."""
        return [e for e in self.by_org.get(org, []) if e.source in staff and e.date <= as_of]

    def blocked(self, subjects: set[str], org: str, as_of: dt.date) -> bool:
        """Opted out, or an active conflict between any subject and the organisation."""
        node = self.nodes.get(org)
        if not isinstance(node, Organisation) or node.opt_out:
            return True
        return any(
            c.target == org and c.source in subjects and c.active_on(as_of) for c in self.conflicts
        )

    def declined(self, subjects: set[str], org: str, as_of: dt.date) -> bool:
        return any(
            f.source in subjects
            and self.org_id(f.target) == org
            and f.date is not None
            and f.date <= as_of
            and getattr(f, "outcome", None) == FeedbackOutcome.DECLINED
            for f in self.feedback
        )

    def consenting(self, contact_id: str, as_of: dt.date) -> bool:
        c = self.nodes.get(contact_id)
        return (
            isinstance(c, Contact)
            and c.consent
            and (c.consent_date is None or c.consent_date <= as_of)
        )

    def scope(
        self, *, staff: str | None, dossier: str | None, team: str | None, as_of: dt.date
    ) -> tuple[str, set[str], list[Dossier], str | None]:
        """Resolve the subject into (subject id, staff ids, dossiers, team id)."""
        given = [(k, v) for k, v in (("staff", staff), ("dossier", dossier), ("team", team)) if v]
        if len(given) != 1:
            raise NudgeError("give exactly one of staff=, dossier= or team=")
        want, subject = given[0]
        if self.kind_of(subject) != want:
            found = self.kind_of(subject)
            raise NudgeError(
                f"{want} '{subject}' not found" + (f" (it is a {found})" if found else "")
            )
        active = [e for e in self.works_on if e.active_on(as_of)]
        if want == "dossier":
            people = {e.source for e in active if e.target == subject}
            dossier_ids = {subject}
        else:
            if want == "staff":
                people = {subject}
            else:  # registrations for an upcoming edition are known ahead of it
                people = {e.source for e in self.members[subject] if not_ended(e, as_of)}
            dossier_ids = {e.target for e in active if e.source in people}
        dossiers = [self.nodes[d] for d in sorted(dossier_ids)]
        return subject, people, dossiers, subject if want == "team" else None  # type: ignore[return-value]
