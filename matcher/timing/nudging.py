"""The right moment: dated nudges for a staff member, a dossier or a team.

Four calendar signals become nudges, each with a date to act and a Dutch reason:

``milestone``
    A consultation, decision or deadline of one of the dossiers comes up within the horizon: talk
    to its weightiest stakeholders (influence × interest, critics included) some weeks before.
``session``
    A session of a programme edition the people in scope take part in, within the horizon, has a
    guest from a relevant organisation (a stakeholder of the dossiers, someone met before, or a
    guest at the team's own table). Registrations and guest availability are known ahead; the
    seating plan from a week before the session.
``fading``
    A key relationship (two or more contacts, or a positive / follow-up / co-produced one) has had
    no contact for ``fade_months`` months.
``newly_active``
    An organisation became active on the dossier's topic (stakeholder in it or in a dossier sharing
    a theme, or met by a colleague on those dossiers) within the last ``new_days`` days, and nobody
    in scope has met it yet.

Everything is read as of ``as_of``: later edges do not exist. Opted-out organisations and active
conflicts never produce a nudge; a guest without consent is never named (only the organisation).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from graph.model import (
    Contact,
    Dossier,
    EdgeModel,
    FeedbackOutcome,
    Interacted,
    MilestoneKind,
    NodeModel,
    Organisation,
    Outcome,
    Session,
    StakeholderIn,
    Table,
)
from graph.store import GraphStore
from matcher.vocabulary import MILESTONE_NL, format_date_nl

__all__ = ["Nudge", "NudgeError", "Timeline", "nudges"]

#: Days before a milestone to act (tender milestones never nudge: integrity rules apply then).
LEAD_DAYS = {
    MilestoneKind.CONSULTATION: 21,
    MilestoneKind.DECISION: 30,
    MilestoneKind.DEADLINE: 14,
    MilestoneKind.EVENT: 7,
    MilestoneKind.OTHER: 14,
}
_WARM_OUTCOMES = {Outcome.POSITIVE, Outcome.FOLLOW_UP, Outcome.CO_PRODUCED}


class NudgeError(ValueError):
    """A nudge request names no subject, more than one, or one of the wrong kind."""


@dataclass(frozen=True)
class Nudge:
    """A dated suggestion to act. ``contact`` is only set for a consenting contact."""

    date: dt.date
    kind: str
    subject: str
    title: str
    reason: str
    organisation: str | None = None
    contact: str | None = None
    dossier: str | None = None
    session: str | None = None
    start: dt.datetime | None = None
    end: dt.datetime | None = None
    score: float = 0.0
    staff: tuple[str, ...] = ()
    evidence: dict[str, Any] = field(default_factory=dict)

    @property
    def uid(self) -> str:
        """Stable identifier (same nudge, same uid), used as the iCalendar UID."""
        raw = (
            "|".join(
                str(x)
                for x in (self.kind, self.subject, self.organisation, self.contact, self.dossier)
            )
            + f"|{self.session}|{self.evidence.get('milestone', '')}|{self.date.isoformat()}"
        )
        return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:20] + "@verbinder"

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["staff"] = list(self.staff)
        out["uid"] = self.uid
        return out


#: Days before a session from which its seating plan (SEATED_AT) is known.
SEATING_KNOWN_DAYS = 7


def _not_ended(e: EdgeModel, day: dt.date) -> bool:
    return e.until is None or e.until >= day


def _months_between(a: dt.date, b: dt.date) -> int:
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
                people = {e.source for e in self.members[subject] if _not_ended(e, as_of)}
            dossier_ids = {e.target for e in active if e.source in people}
        dossiers = [self.nodes[d] for d in sorted(dossier_ids)]
        return subject, people, dossiers, subject if want == "team" else None  # type: ignore[return-value]


# --------------------------------------------------------------------------- the four signals


def _milestones(tl: Timeline, ctx: _Ctx, horizon: dt.date, per_milestone: int) -> Iterable[Nudge]:
    for d in ctx.dossiers:
        stakes = [
            s
            for s in tl.stakes.get(d.id, [])
            if s.active_on(ctx.as_of) and not tl.blocked(ctx.subjects, s.source, ctx.as_of)
        ]
        stakes.sort(key=lambda s: (-(s.influence * s.interest), s.source))
        for m in d.milestones:
            if m.kind == MilestoneKind.TENDER or not (ctx.as_of < m.date <= horizon):
                continue
            when = max(ctx.as_of, m.date - dt.timedelta(days=LEAD_DAYS[m.kind]))
            what = MILESTONE_NL[m.kind]
            for s in stakes[:per_milestone]:
                org = tl.nodes[s.source]
                stance = {"critic": ", kritisch", "supporter": ", voorstander"}.get(s.stance, "")
                yield ctx.nudge(
                    tl,
                    date=when,
                    kind="milestone",
                    organisation=org.id,
                    dossier=d.id,
                    title=f"Spreek {org.label} vóór de {what} ‘{m.label}’",
                    reason=(
                        f"De {what} ‘{m.label}’ van dossier ‘{d.title}’ is op "
                        f"{format_date_nl(m.date)}. {org.label} is belanghebbende (invloed "
                        f"{s.influence}, belang {s.interest}{stance}); spreek hen vóór die datum."
                    ),
                    score=s.influence * s.interest / 25.0,
                    evidence={"milestone": m.label, "milestone_date": m.date.isoformat()},
                )


def _sessions(tl: Timeline, ctx: _Ctx, horizon: dt.date) -> Iterable[Nudge]:
    """Sessions of the editions the people in scope take part in (registrations are known ahead;
    guest availability too; the seating plan from :data:`SEATING_KNOWN_DAYS` before)."""
    stake_orgs = {s.source: d.title for d in ctx.dossiers for s in tl.stakes.get(d.id, [])}
    teams = {ctx.team} if ctx.team else set()
    teams |= {
        e.target for p in ctx.staff for e in tl.teams_of.get(p, []) if _not_ended(e, ctx.as_of)
    }
    editions = {getattr(tl.nodes.get(t), "edition", None) for t in teams} - {None, ""}
    team_tables = {n.id for n in tl.nodes.values() if isinstance(n, Table) and n.team in teams}
    for sid, guests in sorted(tl.guests.items()):
        session = tl.nodes.get(sid)
        if not isinstance(session, Session) or session.edition not in editions:
            continue
        if not (ctx.as_of <= session.start.date() <= horizon):
            continue
        plan_known = ctx.as_of >= session.start.date() - dt.timedelta(days=SEATING_KNOWN_DAYS)
        done: set[str] = set()
        for contact_id, edge in sorted(guests, key=lambda g: g[0]):
            if edge.KIND == "SEATED_AT" and not plan_known:
                continue
            org_id = tl.org_id(contact_id)
            if not org_id or contact_id in done or tl.blocked(ctx.subjects, org_id, ctx.as_of):
                continue
            org = tl.nodes[org_id]
            why = []
            if edge.KIND == "SEATED_AT" and edge.target in team_tables:
                why.append("zit aan de tafel van uw team")
            if org_id in stake_orgs:
                why.append(f"belanghebbende in ‘{stake_orgs[org_id]}’")
            met = tl.interactions_between(ctx.staff, org_id, ctx.as_of)
            if met:
                why.append(f"eerder gesproken op {format_date_nl(met[-1].date)}")
            if not why:
                continue
            done.add(contact_id)
            named = tl.consenting(contact_id, ctx.as_of)
            who = (
                f"{tl.nodes[contact_id].label} ({org.label})"
                if named
                else f"een gast van {org.label}"
            )
            yield ctx.nudge(
                tl,
                date=session.start.date(),
                kind="session",
                organisation=org_id,
                contact=contact_id if named else None,
                session=sid,
                start=session.start,
                end=session.end,
                title=f"{session.name}: spreek {who}",
                reason=(
                    f"Tijdens ‘{session.name}’ op {format_date_nl(session.start.date())} om "
                    f"{session.start:%H:%M} is {who} te gast: " + "; ".join(why) + "."
                ),
                score=0.4 + 0.2 * len(why),
            )


def _fading(tl: Timeline, ctx: _Ctx, fade_months: int) -> Iterable[Nudge]:
    per_org: dict[str, list[Interacted]] = defaultdict(list)
    for s in ctx.staff:
        for e in tl.interactions.get(s, []):
            org = tl.org_id(e.target)
            if org and e.date <= ctx.as_of:
                per_org[org].append(e)
    stake = {s.source for d in ctx.dossiers for s in tl.stakes.get(d.id, [])}
    for org_id, events in sorted(per_org.items()):
        last = max(events, key=lambda e: e.date)
        months = _months_between(last.date, ctx.as_of)
        key = len(events) >= 2 or any(e.outcome in _WARM_OUTCOMES for e in events)
        if not key or not (fade_months <= months <= 4 * fade_months):
            continue
        if tl.blocked(ctx.subjects, org_id, ctx.as_of):
            continue
        org_node = tl.nodes[org_id]
        who = tl.nodes.get(last.source)
        via = f" ({who.label})" if who is not None and len(ctx.staff) > 1 else ""
        yield ctx.nudge(
            tl,
            date=ctx.as_of,
            kind="fading",
            organisation=org_id,
            contact=last.target if tl.consenting(last.target, ctx.as_of) else None,
            title=f"Relatie met {org_node.label} verwatert",
            reason=(
                f"Het laatste contact met {org_node.label}{via} was op {format_date_nl(last.date)}, "
                f"{months} maanden geleden; daarvoor {len(events)} contact(en)."
                + (" Zij zijn belanghebbende in uw dossiers." if org_id in stake else "")
            ),
            score=min(1.0, 0.3 + 0.1 * len(events)) + (0.2 if org_id in stake else 0.0),
            evidence={"last_contact": last.date.isoformat(), "contacts": len(events)},
        )


def _newly_active(tl: Timeline, ctx: _Ctx, new_days: int) -> Iterable[Nudge]:
    themes = {t.lower() for d in ctx.dossiers for t in d.themes}
    topic = {d.id for d in ctx.dossiers} | {d for t in themes for d in tl.by_theme.get(t, ())}
    first: dict[str, tuple[dt.date, str]] = {}
    for did in topic:
        for s in tl.stakes.get(did, []):
            if s.date is not None and s.date <= ctx.as_of:
                title = tl.nodes[did].label
                if s.source not in first or s.date < first[s.source][0]:
                    first[s.source] = (s.date, f"werd belanghebbende in ‘{title}’")
    for org, (day, c) in tl.first_contacts(sorted(topic), ctx.as_of).items():
        if org not in first or day < first[org][0]:
            first[org] = (day, f"sprak met collega {tl.nodes[c].label}")
    since = ctx.as_of - dt.timedelta(days=new_days)
    for org_id, (day, what) in sorted(first.items()):
        if day <= since or tl.interactions_between(ctx.staff, org_id, ctx.as_of):
            continue
        if tl.blocked(ctx.subjects, org_id, ctx.as_of):
            continue
        org_node = tl.nodes[org_id]
        topic_nl = ", ".join(sorted(themes)[:3]) or (ctx.dossiers[0].title if ctx.dossiers else "")
        yield ctx.nudge(
            tl,
            date=ctx.as_of,
            kind="newly_active",
            organisation=org_id,
            title=f"{org_node.label} is nieuw actief op uw thema",
            reason=(
                f"{org_node.label} {what} op {format_date_nl(day)} en is daarmee nieuw actief op "
                f"‘{topic_nl}’; in uw kring heeft nog niemand hen gesproken."
            ),
            score=0.5,
            evidence={"first_active": day.isoformat()},
        )


@dataclass
class _Ctx:
    subject: str
    staff: set[str]
    dossiers: list[Dossier]
    team: str | None
    as_of: dt.date

    @property
    def subjects(self) -> set[str]:
        return {self.subject, *self.staff, *(d.id for d in self.dossiers)}

    def nudge(self, tl: Timeline, **kw: Any) -> Nudge:
        org = kw.get("organisation")
        if org and tl.declined(self.subjects, org, self.as_of):
            kw["score"] = kw.get("score", 0.0) * 0.5
            kw["reason"] += " (Eerder afgewezen; lager gewogen.)"
        return Nudge(subject=self.subject, staff=tuple(sorted(self.staff)), **kw)


def nudges(
    store: GraphStore | Timeline,
    *,
    staff: str | None = None,
    dossier: str | None = None,
    team: str | None = None,
    as_of: dt.date,
    horizon_days: int = 60,
    fade_months: int = 6,
    new_days: int = 90,
    per_milestone: int = 3,
    limit: int | None = 50,
) -> list[Nudge]:
    """Dated nudges for exactly one of a staff member, a dossier or a team.

    Parameters
    ----------
    store:
        The graph, or a :class:`Timeline` built from it (reuse one for many calls).
    staff, dossier, team:
        The subject; give exactly one.
    as_of:
        Today: only edges dated on or before it count; milestones and sessions after it are ahead.
    horizon_days:
        How far ahead milestones and sessions are looked for.
    fade_months:
        Months without contact after which a key relationship counts as fading.
    new_days:
        How recent a partner's first activity on the topic must be to count as new.
    per_milestone:
        Stakeholders nudged per milestone.
    limit:
        Keep at most this many nudges (highest score first, then by date); None keeps all.

    Returns
    -------
    list[Nudge]
        Sorted by date, then descending score.

    Example
    -------
    >>> from graph import SqliteGraphStore
    >>> from graph.model import Staff
    >>> s = SqliteGraphStore(":memory:")
    >>> _ = s.write([Staff(id="staff:0001", name="A. de Vries")])
    >>> nudges(s, staff="staff:0001", as_of=dt.date(2026, 1, 5))
    []
    """
    if horizon_days < 0 or fade_months < 1 or new_days < 1:
        raise NudgeError("horizon_days must be ≥ 0, fade_months and new_days ≥ 1")
    tl = store if isinstance(store, Timeline) else Timeline.from_store(store)
    subject, people, dossiers, team_id = tl.scope(
        staff=staff, dossier=dossier, team=team, as_of=as_of
    )
    ctx = _Ctx(subject, people, dossiers, team_id, as_of)
    horizon = as_of + dt.timedelta(days=horizon_days)
    found = [
        *_milestones(tl, ctx, horizon, per_milestone),
        *_sessions(tl, ctx, horizon),
        *_fading(tl, ctx, fade_months),
        *_newly_active(tl, ctx, new_days),
    ]
    if limit is not None:
        found = sorted(found, key=lambda n: (-n.score, n.date, n.uid))[:limit]
    return sorted(found, key=lambda n: (n.date, -n.score, n.kind, n.organisation or ""))
