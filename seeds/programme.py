"""The three-day programme ("3-daagse") of the seed: editions, guest-table sessions, teams, tables,
guest availability, seating of past editions and the guest-table interactions it produced.

Every staff member takes part in exactly one edition. Past editions (before :data:`seeds.TODAY`) are
seated; future ones have teams, tables and guest availability but no seating yet, so they are real
seating problems.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from graph.model import (
    AvailableFor,
    EdgeModel,
    Edition,
    Interacted,
    MemberOf,
    NodeModel,
    SeatedAt,
    Session,
    Table,
    Team,
)
from seeds.interactions import ProgrammeMeeting
from seeds.ministry import TOPIC_PHRASES
from seeds.organisations import SECTORS

__all__ = ["GuestCandidate", "ProgrammeResult", "build_programme", "edition_dates"]

#: (day, start, end) of the four guest-table sessions of an edition.
SESSION_SLOTS: tuple[tuple[int, dt.time, dt.time], ...] = (
    (1, dt.time(13, 30), dt.time(15, 0)),
    (2, dt.time(9, 30), dt.time(11, 0)),
    (2, dt.time(13, 30), dt.time(15, 0)),
    (3, dt.time(10, 0), dt.time(11, 30)),
)
LOCATIONS = ("Den Haag", "Utrecht", "Amersfoort", "Zwolle", "Rotterdam")
ROLE_ADJ = {
    "rechtmatig": "rechtmatige",
    "presterend": "presterende",
    "netwerkend": "netwerkende",
    "responsief": "responsieve",
}
PARTNERS_BY_ROLE = {
    "rechtmatig": "medeoverheden en toezichthouders",
    "presterend": "bedrijven en kennisinstellingen",
    "netwerkend": "brancheorganisaties, kennisinstellingen en maatschappelijke organisaties",
    "responsief": "bewoners en burgerinitiatieven",
}
CHALLENGES = (
    "Hoe betrekken we {partners} vroegtijdig bij {title}, zodat {goal}?",
    "Wat vraagt {title} van ons als {role} overheid, en wie in de samenleving helpt ons zodat "
    "{goal}?",
    "Hoe bouwen we rond {title} een coalitie met {partners}, zodat {goal}?",
    "Welke partners zitten bij {title} nog niet aan tafel, en hoe zorgen we samen met {partners} "
    "dat {goal}?",
)


def edition_dates(n_past: int = 23) -> list[dt.date]:
    """Start dates (Tuesdays) of the editions: ``n_past`` spread from January 2025 to October 2026
    outside July and August, then two after 2026-11-28."""
    first = dt.date(2025, 1, 14)
    last = dt.date(2026, 10, 27)
    tuesdays = []
    day = first
    while day <= last:
        if day.month not in (7, 8):
            tuesdays.append(day)
        day += dt.timedelta(days=7)
    idx = np.linspace(0, len(tuesdays) - 1, n_past).round().astype(int)
    return [tuesdays[i] for i in idx] + [dt.date(2026, 12, 8), dt.date(2027, 1, 19)]


@dataclass(frozen=True)
class GuestCandidate:
    """A contact who may be invited as a guest: global index, node id and organisation index."""

    index: int
    id: str
    org: int
    weight: float


@dataclass
class ProgrammeResult:
    nodes: list[NodeModel] = field(default_factory=list)
    edges: list[EdgeModel] = field(default_factory=list)
    meetings: list[ProgrammeMeeting] = field(default_factory=list)


def _team_text(
    members: Sequence[int],
    primary: Sequence[int],
    dossiers: Sequence[dict[str, Any]],
    used: set[int],
    rng: np.random.Generator,
) -> tuple[dict[str, Any], str, list[str]]:
    counts: dict[int, int] = {}
    for m in members:
        counts[primary[m]] = counts.get(primary[m], 0) + 1
    fresh = [k for k in sorted(counts) if k not in used] or sorted(counts)
    best = max(fresh, key=lambda k: counts[k])
    used.add(best)
    d = dossiers[best]
    roles = list(d["roles"])
    role = roles[int(rng.integers(len(roles)))]
    theme = d["themes"][0]
    phrases = TOPIC_PHRASES[theme]
    goal = f"{phrases[int(rng.integers(len(phrases)))]} sneller en met meer draagvlak vorm krijgt"
    template = CHALLENGES[int(rng.integers(len(CHALLENGES)))]
    text = template.format(
        partners=PARTNERS_BY_ROLE[role], title=d["title"], role=ROLE_ADJ[role], goal=goal
    )
    return d, text, roles


def _needs_of(dossier: dict[str, Any], challenge: str) -> list[str]:
    """What the team's challenge is about: the theme its goal is drawn from (the dossier's first),
    and the dossier's other themes its title, the challenge or the dossier's description names
    (e.g. "havens" in "Waterstofinfrastructuur en havens"). Nothing is drawn at random."""
    text = f"{dossier['title']} {challenge} {dossier.get('description', '')}".casefold()
    themes = list(dossier["themes"])
    return [themes[0], *(t for t in themes[1:] if t.casefold() in text)][:3]


def build_programme(
    *,
    staff_ids: Sequence[str],
    staff_topics: np.ndarray,
    primary_dossier: Sequence[int],
    dossiers: Sequence[dict[str, Any]],
    guests: Sequence[GuestCandidate],
    org_topics: np.ndarray,
    today: dt.date,
    rng: np.random.Generator,
) -> ProgrammeResult:
    """Build every edition with its sessions, teams, tables, availability and (past) seating."""
    res = ProgrammeResult()
    dates = edition_dates()
    n_ed = len(dates)
    order = rng.permutation(len(staff_ids))
    groups = np.array_split(order, n_ed)
    guest_topics = org_topics[[g.org for g in guests]]
    weights = np.array([g.weight for g in guests], dtype=float)
    used_slots: dict[tuple[str, str], int] = {}
    for e, (start, members) in enumerate(zip(dates, groups, strict=True)):
        no = f"{e + 1:02d}"
        ed_id = f"edition:{no}"
        res.nodes.append(
            Edition(
                id=ed_id,
                name=f"3-daagse De kunst van verbinden, editie {e + 1}",
                start_date=start,
                end_date=start + dt.timedelta(days=2),
                location=LOCATIONS[e % len(LOCATIONS)],
            )
        )
        sessions = []
        for k, (day, t0, t1) in enumerate(SESSION_SLOTS, start=1):
            when = start + dt.timedelta(days=day - 1)
            s = Session(
                id=f"session:{no}-{k}",
                name=f"Gastentafels ronde {k} (dag {day})",
                edition=ed_id,
                start=dt.datetime.combine(when, t0),
                end=dt.datetime.combine(when, t1),
                day=day,
            )
            sessions.append(s)
        res.nodes.extend(sessions)
        # teams: similar primary dossiers together, 5 teams of 6 or 6 teams of 5
        n_teams = 5 if e % 2 == 0 else 6
        members = sorted(
            (int(m) for m in members),
            key=lambda m: (
                SECTORS.index(dossiers[primary_dossier[m]]["themes"][0]),
                primary_dossier[m],
                m,
            ),
        )
        team_members = [list(t) for t in np.array_split(np.array(members), n_teams)]
        team_vecs = []
        tables = []
        used_dossiers: set[int] = set()
        for t, tm in enumerate(team_members, start=1):
            d, challenge, roles = _team_text(tm, primary_dossier, dossiers, used_dossiers, rng)
            vec = staff_topics[tm].mean(axis=0)
            vec = vec / max(float(np.linalg.norm(vec)), 1e-9)
            team_vecs.append(vec)
            needs = _needs_of(d, challenge)
            team_id = f"team:{no}-{t}"
            res.nodes.append(
                Team(
                    id=team_id,
                    name=f"Team {t}: {d['title']}",
                    challenge=challenge,
                    edition=ed_id,
                    roles=roles,
                    needs=needs,
                )
            )
            table = Table(
                id=f"table:{no}-{t}",
                name=f"Tafel {t}",
                edition=ed_id,
                number=t,
                team=team_id,
                min_guests=1,
                max_guests=3,
            )
            tables.append(table)
            res.nodes.append(table)
            for m in tm:
                res.edges.append(MemberOf(source=staff_ids[m], target=team_id, date=start))
        # guests: one contact per organisation, drawn by weight × fit with the teams' needs
        fit = np.clip(guest_topics @ np.array(team_vecs).T, 0, 1).max(axis=1)
        p = weights * (0.15 + fit)
        chosen: list[int] = []
        orgs_in: set[int] = set()
        for g in rng.choice(len(guests), size=len(guests), replace=False, p=p / p.sum()):
            if guests[g].org in orgs_in:
                continue
            chosen.append(int(g))
            orgs_in.add(guests[g].org)
            if len(chosen) == 3 * n_teams:
                break
        avail: dict[int, list[int]] = {k: [] for k in range(len(sessions))}
        for g in chosen:
            n_av = int(rng.choice([2, 3, 4], p=[0.3, 0.4, 0.3]))
            for k in sorted(rng.choice(len(sessions), size=n_av, replace=False)):
                avail[int(k)].append(g)
        for k in range(len(sessions)):  # every table can get at least one guest
            spare = [g for g in chosen if g not in avail[k]]
            while len(avail[k]) < n_teams and spare:
                avail[k].append(spare.pop(int(rng.integers(len(spare)))))
        for k, s in enumerate(sessions):
            for g in sorted(avail[k]):
                res.edges.append(
                    AvailableFor(source=guests[g].id, target=s.id, date=s.start.date())
                )
        if start > today:
            continue
        for k, s in enumerate(sessions):
            seating = _seat(avail[k], tables, team_vecs, guest_topics, used_slots, guests, rng)
            for g, t in seating:
                table = tables[t]
                used_slots[(guests[g].id, table.id)] = 1
                res.edges.append(
                    SeatedAt(
                        source=guests[g].id,
                        target=table.id,
                        key=s.id,
                        session=s.id,
                        date=s.start.date(),
                    )
                )
                for m in team_members[t]:
                    r = rng.random()
                    outcome = "positive" if r < 0.5 else "follow_up" if r < 0.8 else "neutral"
                    res.edges.append(
                        Interacted(
                            source=staff_ids[m],
                            target=guests[g].id,
                            key=s.id,
                            date=s.start.date(),
                            interaction="guest_table",
                            outcome=outcome,
                            note=f"Gastentafel tijdens editie {e + 1}, {table.name.lower()}",
                            session=s.id,
                            table=table.id,
                        )
                    )
                    res.meetings.append(
                        ProgrammeMeeting(s.start.date(), int(m), guests[g].org, guests[g].index)
                    )
    return res


def _seat(
    available: Sequence[int],
    tables: Sequence[Table],
    team_vecs: Sequence[np.ndarray],
    guest_topics: np.ndarray,
    used: dict[tuple[str, str], int],
    guests: Sequence[GuestCandidate],
    rng: np.random.Generator,
) -> list[tuple[int, int]]:
    """Greedy seating of one session: every table one guest first, then fill up to capacity."""
    avail = sorted(available)
    if not avail:
        return []
    score = np.clip(guest_topics[avail] @ np.array(team_vecs).T, 0, 1)
    score = score + 0.1 * rng.random(score.shape)
    for i, g in enumerate(avail):
        for t, table in enumerate(tables):
            if (guests[g].id, table.id) in used:
                score[i, t] -= 0.5
    load = [0] * len(tables)
    free = set(range(len(avail)))
    out: list[tuple[int, int]] = []
    for t in range(len(tables)):
        if not free:
            break
        i = max(sorted(free), key=lambda i: score[i, t])
        free.discard(i)
        load[t] += 1
        out.append((avail[i], t))
    for i in sorted(free, key=lambda i: -score[i].max()):
        open_tables = [t for t in range(len(tables)) if load[t] < tables[t].max_guests]
        if not open_tables:
            break
        t = max(open_tables, key=lambda t: score[i, t])
        load[t] += 1
        out.append((avail[i], t))
    return out
