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

from graph.model import Dossier, Interacted, MilestoneKind, Outcome, Session, Table
from graph.store import GraphStore
from matcher.timing.timeline import NudgeError, Timeline, months_between, not_ended
from matcher.vocabulary import MILESTONE_NL, count_nl, format_date_nl

__all__ = ["ALL_KINDS", "DEFAULT_KINDS", "Nudge", "NudgeError", "Timeline", "nudges"]

#: Every nudge kind, and the ones on by default: those whose replay hit rate beats random timing
#: with the 95 % interval of the lift above 1× (``verbinder evaluate-nudges``;
#: docs/coalitions-and-nudges.md).
ALL_KINDS = ("milestone", "session", "fading", "newly_active")
#: ``newly_active`` is off: in the replay it was followed by contact almost never (0.1 %), no
#: better than random timing (0.67×, 95 % 0.00–1.82×); ask for it with ``kinds=ALL_KINDS``.
DEFAULT_KINDS = ("milestone", "session", "fading")

#: Days before a milestone to act (tender milestones never nudge: integrity rules apply then).
#: Six weeks for every kind: in the replay from 2026-05-01 (60-day window) the earlier leads of
#: 7–30 days did no better than random timing (lift 1.03×, 95 % 0.95–1.10); 28 days gave 1.06×
#: (0.99–1.13), 42 days 1.08× (1.02–1.16) and 49 or 56 days no more. The run-up to a milestone is
#: when people talk; a nudge has to come before it starts.
LEAD_DAYS = {
    MilestoneKind.CONSULTATION: 42,
    MilestoneKind.DECISION: 42,
    MilestoneKind.DEADLINE: 42,
    MilestoneKind.EVENT: 42,
    MilestoneKind.OTHER: 42,
}
_WARM_OUTCOMES = {Outcome.POSITIVE, Outcome.FOLLOW_UP, Outcome.CO_PRODUCED}


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
    actor: str | None = None
    actor_name: str | None = None
    why_now: str = ""

    @property
    def key(self) -> str:
        """The same nudge on any day (done and snooze refer to it): uid without the date."""
        raw = "|".join(
            str(x)
            for x in (
                self.kind,
                self.subject,
                self.organisation,
                self.contact,
                self.dossier,
                self.session,
                self.evidence.get("milestone", ""),
            )
        )
        return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:20]

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
        out["key"] = self.key
        return out


#: Days before a session from which its seating plan (SEATED_AT) is known.
SEATING_KNOWN_DAYS = 7


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
                    why_now=f"de {what} is op {format_date_nl(m.date)}; daarna is het te laat",
                )


def _sessions(tl: Timeline, ctx: _Ctx, horizon: dt.date) -> Iterable[Nudge]:
    """Sessions of the editions the people in scope take part in (registrations are known ahead;
    guest availability too; the seating plan from :data:`SEATING_KNOWN_DAYS` before)."""
    stake_orgs = {s.source: d.title for d in ctx.dossiers for s in tl.stakes.get(d.id, [])}
    teams = {ctx.team} if ctx.team else set()
    teams |= {
        e.target for p in ctx.staff for e in tl.teams_of.get(p, []) if not_ended(e, ctx.as_of)
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
                hint=met[-1].source if met else None,
                why_now=f"de sessie is op {format_date_nl(session.start.date())}",
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
        months = months_between(last.date, ctx.as_of)
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
                f"{months} maanden geleden; daarvoor {count_nl(len(events), 'contact', 'contacten')}."
                + (" Zij zijn belanghebbende in uw dossiers." if org_id in stake else "")
            ),
            score=min(1.0, 0.3 + 0.1 * len(events)) + (0.2 if org_id in stake else 0.0),
            evidence={"last_contact": last.date.isoformat(), "contacts": len(events)},
            hint=last.source,
            why_now=f"{months} maanden geen contact; nog is de relatie warm genoeg",
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
            why_now=f"sinds {format_date_nl(day)} actief; wie nu belt is de eerste",
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

    def actor(
        self, tl: Timeline, org: str | None, dossier: str | None, hint: str | None
    ) -> str | None:
        """Who should act: ``hint`` (the one with the relation) when in scope, else the person in
        scope who met the organisation most, preferring those on the nudge's dossier."""
        if hint in self.staff:
            return hint
        if not self.staff:
            return None
        on_dossier = {
            e.source for e in tl.staff_on.get(dossier or "", []) if e.active_on(self.as_of)
        }

        def rank(s: str) -> tuple[int, int, str]:
            met = len(tl.interactions_between({s}, org, self.as_of)) if org else 0
            return (-met, s not in on_dossier, s)

        return min(self.staff, key=rank)

    def nudge(self, tl: Timeline, *, hint: str | None = None, **kw: Any) -> Nudge:
        org = kw.get("organisation")
        if org and tl.declined(self.subjects, org, self.as_of):
            kw["score"] = kw.get("score", 0.0) * 0.5
            kw["reason"] += " (Eerder afgewezen; lager gewogen.)"
        actor = self.actor(tl, org, kw.get("dossier"), hint)
        node = tl.nodes.get(actor or "")
        return Nudge(
            subject=self.subject,
            staff=tuple(sorted(self.staff)),
            actor=actor,
            actor_name=node.label if node is not None else None,
            **kw,
        )


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
    kinds: Iterable[str] | None = None,
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
    kinds:
        The nudge kinds to compute (default :data:`DEFAULT_KINDS`).

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
    want = set(DEFAULT_KINDS if kinds is None else kinds)
    if want - set(ALL_KINDS):
        raise NudgeError(f"unknown nudge kind(s): {', '.join(sorted(want - set(ALL_KINDS)))}")
    found = [
        *(_milestones(tl, ctx, horizon, per_milestone) if "milestone" in want else ()),
        *(_sessions(tl, ctx, horizon) if "session" in want else ()),
        *(_fading(tl, ctx, fade_months) if "fading" in want else ()),
        *(_newly_active(tl, ctx, new_days) if "newly_active" in want else ()),
    ]
    if limit is not None:
        found = sorted(found, key=lambda n: (-n.score, n.date, n.uid))[:limit]
    return sorted(found, key=lambda n: (n.date, -n.score, n.kind, n.organisation or ""))
