"""Deterministic generator of the seed network (``python -m seeds.generate`` rewrites the data file).

The output is a pure function of :class:`Params` (fixed seed): real organisations and directorates
from :mod:`seeds.organisations` and :mod:`seeds.ministry`, dossiers from :mod:`seeds.dossiers`,
synthetic staff and contacts, the programme (:mod:`seeds.programme`) and the latent interaction
process (:mod:`seeds.interactions`). ``seeds/README.md`` documents the process and its parameters.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from graph.model import (
    CollaboratesWith,
    Conflict,
    Contact,
    Dossier,
    EdgeModel,
    Feedback,
    Interacted,
    Milestone,
    NodeModel,
    Organisation,
    Staff,
    StakeholderIn,
    WorksAt,
    WorksOn,
)
from seeds import SEED_FORMAT, SEED_PATH, SEED_VERSION, SPLIT_DATE, TODAY, WINDOW_END, WINDOW_START
from seeds.dossiers import DOSSIERS
from seeds.interactions import KIND_NL, ROLES, InteractionParams, LatentWorld, simulate
from seeds.ministry import DIRECTORATES, FIRST_NAMES, LAST_NAMES, TOPIC_PHRASES
from seeds.organisations import ORGANISATIONS, REQUIRED_SLUGS, SECTORS
from seeds.programme import GuestCandidate, build_programme

__all__ = ["Params", "build", "main", "render", "summary", "write_seed"]

K = len(SECTORS)
STAFF_TITLES = (
    ("beleidsmedewerker", 0.35),
    ("senior beleidsadviseur", 0.22),
    ("projectleider", 0.12),
    ("programmamanager", 0.08),
    ("strategisch adviseur", 0.08),
    ("jurist", 0.05),
    ("omgevingsmanager", 0.06),
    ("onderzoeker", 0.04),
)
SKILLS = (
    "stakeholdermanagement",
    "juridische vraagstukken",
    "beleidsanalyse",
    "programmamanagement",
    "omgevingsmanagement",
    "data-analyse",
    "internationale onderhandelingen",
    "financiering en business cases",
    "procesbegeleiding",
    "kennisontwikkeling",
)
CONTACT_ROLES = {
    "company": (
        "directeur duurzaamheid",
        "projectmanager",
        "business developer",
        "omgevingsmanager",
        "adviseur public affairs",
        "technisch specialist",
    ),
    "knowledge_institute": (
        "onderzoeker",
        "senior onderzoeker",
        "programmaleider",
        "lector",
        "hoogleraar",
        "kennisadviseur",
    ),
    "ngo": (
        "beleidsmedewerker",
        "campagneleider",
        "programmamanager",
        "directeur",
        "projectleider",
    ),
    "citizen_initiative": (
        "voorzitter",
        "initiatiefnemer",
        "bestuurslid",
        "secretaris",
        "coördinator vrijwilligers",
    ),
    "branch_association": ("beleidsadviseur", "directeur", "adviseur public affairs", "secretaris"),
    "public_body": (
        "beleidsadviseur",
        "programmamanager",
        "omgevingsmanager",
        "projectleider",
        "hoofd beleid",
    ),
}
CRITIC_P = {
    "citizen_initiative": 0.45,
    "ngo": 0.35,
    "branch_association": 0.15,
    "company": 0.10,
    "knowledge_institute": 0.03,
    "public_body": 0.08,
}
INFLUENCE_BASE = {
    "public_body": 4,
    "branch_association": 4,
    "company": 3,
    "knowledge_institute": 3,
    "ngo": 3,
    "citizen_initiative": 2,
}
#: Guests the programme names; they are invited more often than others.
GUEST_BOOST = 4.0
FORCED_STAKES = (
    ("comite-red-de-zuyderzeedijk", "markermeerdijken", 5, 3, "critic"),
    ("vereniging-van-waterbouwers", "markermeerdijken", 4, 4, "supporter"),
    ("vereniging-van-waterbouwers", "hwbp-dijkversterkingen", 5, 4, "supporter"),
    ("eneco", "wind-op-zee-2032", 5, 4, "supporter"),
    ("tno", "waterstof-infrastructuur", 4, 4, "neutral"),
    ("one-world-citizens", "participatie-omgevingswet", 5, 2, "supporter"),
    ("hoogheemraadschap-hollands-noorderkwartier", "markermeerdijken", 5, 5, "supporter"),
)


@dataclass(frozen=True)
class Params:
    """Everything the generator's output depends on."""

    seed: int = 20261128
    n_staff: int = 750
    today: dt.date = TODAY
    start: dt.date = WINDOW_START
    end: dt.date = WINDOW_END
    consent_rate: float = 0.85
    n_opt_out: int = 4
    n_feedback_positive: int = 30
    n_feedback_declined: int = 15
    interactions: InteractionParams = field(default_factory=InteractionParams)


def _unit(v: np.ndarray) -> np.ndarray:
    n = np.linalg.norm(v, axis=-1, keepdims=True)
    return v / np.maximum(n, 1e-12)


def _topic_vec(labels: Sequence[str], weights: Sequence[float] = (1.0, 0.75, 0.55, 0.45)):
    v = np.zeros(K)
    for i, label in enumerate(labels):
        v[SECTORS.index(label)] += weights[min(i, len(weights) - 1)]
    return v


def _pick(rng: np.random.Generator, items: Sequence[Any]) -> Any:
    return items[int(rng.integers(len(items)))]


def _date_between(rng: np.random.Generator, a: dt.date, b: dt.date) -> dt.date:
    return dt.date.fromordinal(int(rng.integers(a.toordinal(), b.toordinal() + 1)))


def _join_nl(items: Sequence[str]) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " en " + items[-1]


def _names(rng: np.random.Generator, n: int) -> list[tuple[str, str]]:
    combos = [(f, last) for f in FIRST_NAMES for last in LAST_NAMES]
    return [combos[i] for i in rng.permutation(len(combos))[:n]]


def _mail_part(first: str, last: str) -> str:
    raw = f"{first}.{last}".lower().replace(" ", "")
    return raw.translate(str.maketrans("ëéèïöüâ", "eeeioua"))


def build(params: Params | None = None) -> tuple[list[NodeModel], list[EdgeModel]]:
    """Generate the seed network. Same ``params`` → identical nodes and edges."""
    p = params or Params()
    streams = [np.random.default_rng(s) for s in np.random.SeedSequence(p.seed).spawn(10)]
    r_org, r_staff, r_dos, r_con, r_stake, r_col, r_prog, r_int, r_fb, r_conf = streams
    nodes: list[NodeModel] = []
    edges: list[EdgeModel] = []

    # ---------------------------------------------------------------- organisations
    orgs = ORGANISATIONS
    slugs = [o["slug"] for o in orgs]
    org_topics = _unit(
        np.array([_topic_vec(o["sectors"]) for o in orgs])
        + 0.15 * r_org.dirichlet(np.full(K, 0.3), len(orgs))
    )
    eligible_opt = [
        i
        for i, o in enumerate(orgs)
        if o["slug"] not in REQUIRED_SLUGS
        and o["org_kind"] in ("company", "ngo", "citizen_initiative")
    ]
    opt_out = set(int(i) for i in r_org.choice(eligible_opt, size=p.n_opt_out, replace=False))
    for i, o in enumerate(orgs):
        fields = {k: v for k, v in o.items() if k != "slug"}
        nodes.append(Organisation(id=f"org:{o['slug']}", opt_out=i in opt_out, **fields))

    # ---------------------------------------------------------------- staff
    units = [(d, u) for d in DIRECTORATES for u in d.units]
    sizes = np.array([u.size for _, u in units], dtype=float)
    quota = sizes / sizes.sum() * p.n_staff
    counts = np.floor(quota).astype(int)
    for i in np.argsort(-(quota - counts), kind="stable")[: p.n_staff - counts.sum()]:
        counts[i] += 1
    names = _names(r_staff, p.n_staff + 600)
    staff_unit: list[int] = [i for i, c in enumerate(counts) for _ in range(int(c))]
    staff_topics = _unit(
        np.array([_topic_vec(units[u][1].topics) for u in staff_unit])
        + 0.6 * r_staff.dirichlet(np.full(K, 0.2), p.n_staff)
    )
    staff_ids = [f"staff:{i + 1:04d}" for i in range(p.n_staff)]

    # ---------------------------------------------------------------- dossiers and WORKS_ON
    dossier_topics = _unit(np.array([_topic_vec(d["themes"]) for d in DOSSIERS]))
    dir_codes = [units[u][0].code for u in staff_unit]
    score = 4.0 * staff_topics @ dossier_topics.T
    score += 1.5 * (np.array(dir_codes)[:, None] == np.array([d["directorate"] for d in DOSSIERS]))
    score += r_dos.gumbel(size=score.shape)
    n_dos = r_dos.choice([1, 2, 3], p=[0.35, 0.45, 0.2], size=p.n_staff)
    staff_dossiers = [
        list(np.argsort(-score[s], kind="stable")[: n_dos[s]]) for s in range(p.n_staff)
    ]
    for d in range(len(DOSSIERS)):
        members = [s for s in range(p.n_staff) if d in staff_dossiers[s]]
        for s in np.argsort(-score[:, d], kind="stable"):
            if len(members) >= 5:
                break
            if s not in members and len(staff_dossiers[s]) < 3:
                staff_dossiers[s].append(d)
                members.append(int(s))
    staff_dossiers = [[int(d) for d in ds] for ds in staff_dossiers]
    primary = [ds[0] for ds in staff_dossiers]
    staff_topics = _unit(staff_topics + 0.5 * dossier_topics[primary])
    owner: dict[int, int] = {}
    for s in range(p.n_staff):
        for d in staff_dossiers[s]:
            owner.setdefault(d, s)
    for s in range(p.n_staff):
        for d in staff_dossiers[s]:
            role = (
                "dossierhouder"
                if owner[d] == s
                else _pick(r_dos, ("beleidsmedewerker", "adviseur", "projectleider"))
            )
            edges.append(
                WorksOn(
                    source=staff_ids[s],
                    target=f"dossier:{DOSSIERS[d]['slug']}",
                    role=role,
                    date=_date_between(r_dos, dt.date(2023, 1, 1), dt.date(2024, 10, 1)),
                )
            )
    milestones = [_milestones(d, r_dos, p.today) for d in DOSSIERS]
    for d, ms in zip(DOSSIERS, milestones, strict=True):
        nodes.append(
            Dossier(
                id=f"dossier:{d['slug']}",
                title=d["title"],
                description=d["description"],
                directorate=next(x.name for x in DIRECTORATES if x.code == d["directorate"]),
                phase=d["phase"],
                roles=d["roles"],
                themes=d["themes"],
                milestones=ms,
            )
        )
    for s in range(p.n_staff):
        dg, unit = units[staff_unit[s]]
        first, last = names[s]
        title = STAFF_TITLES[
            int(r_staff.choice(len(STAFF_TITLES), p=[w for _, w in STAFF_TITLES]))
        ][0]
        topics = [
            SECTORS[i]
            for i in r_staff.choice(
                K, size=3, replace=False, p=staff_topics[s] ** 2 / (staff_topics[s] ** 2).sum()
            )
        ]
        phrases = [_pick(r_staff, TOPIC_PHRASES[t]) for t in topics]
        titles = [DOSSIERS[d]["title"] for d in staff_dossiers[s]]
        expertise = (
            f"{title.capitalize()} bij {unit.name} ({dg.name}). Werkt aan {_join_nl(phrases)}. "
            f"Betrokken bij {_join_nl(titles)}. Sterk in {_pick(r_staff, SKILLS)}."
        )
        langs = (
            ["nl"]
            + (["en"] if r_staff.random() < 0.75 else [])
            + (["de"] if r_staff.random() < 0.1 else [])
            + (["fr"] if r_staff.random() < 0.05 else [])
        )
        nodes.append(
            Staff(
                id=staff_ids[s],
                name=f"{first} {last}",
                directorate=dg.name,
                unit=unit.name,
                expertise=expertise,
                languages=langs,
                email=f"{_mail_part(first, last)}@minienw.example",
            )
        )

    # ---------------------------------------------------------------- contacts and WORKS_AT
    contact_ids: list[str] = []
    contact_org: list[int] = []
    contact_consent: list[bool] = []
    org_contacts: list[list[int]] = [[] for _ in orgs]
    next_name = p.n_staff
    for i, o in enumerate(orgs):
        n = int(r_con.choice([1, 2, 3], p=[0.3, 0.45, 0.25]))
        for k in range(1, n + 1):
            first, last = names[next_name]
            next_name += 1
            role = _pick(r_con, CONTACT_ROLES[o["org_kind"]])
            sectors = [
                o["sectors"][int(j)]
                for j in r_con.choice(
                    len(o["sectors"]), size=min(2, len(o["sectors"])), replace=False
                )
            ]
            phrases = [_pick(r_con, TOPIC_PHRASES[s]) for s in sectors]
            consent = bool(r_con.random() < p.consent_rate) or (
                k == 1 and o["slug"] in REQUIRED_SLUGS
            )
            cid = f"contact:{o['slug']}-{k}"
            nodes.append(
                Contact(
                    id=cid,
                    name=f"{first} {last}",
                    role=role,
                    expertise=f"{role.capitalize()} bij {o['name']}. Deskundig op het gebied van {_join_nl(phrases)}.",
                    email=f"{_mail_part(first, last)}@{o['slug']}.example",
                    consent=consent,
                    consent_date=_date_between(
                        r_con, dt.date(2024, 1, 15), p.today - dt.timedelta(days=7)
                    )
                    if consent
                    else None,
                )
            )
            edges.append(WorksAt(source=cid, target=f"org:{o['slug']}"))
            org_contacts[i].append(len(contact_ids))
            contact_ids.append(cid)
            contact_org.append(i)
            contact_consent.append(consent)

    # ---------------------------------------------------------------- STAKEHOLDER_IN
    n_org, n_d = len(orgs), len(DOSSIERS)
    interest = np.zeros((n_d, n_org))
    critic = np.zeros((n_d, n_org), dtype=bool)
    aff = np.clip(dossier_topics @ org_topics.T, 0, 1)
    forced = {
        (DOSSIERS.index(next(x for x in DOSSIERS if x["slug"] == ds)), slugs.index(os)): (
            it,
            inf,
            st,
        )
        for os, ds, it, inf, st in FORCED_STAKES
    }
    for d in range(n_d):
        noisy = aff[d] + 0.15 * r_stake.gumbel(size=n_org)
        picks = [
            int(o)
            for o in np.argsort(-noisy, kind="stable")[: int(r_stake.integers(8, 15))]
            if aff[d, o] > 0.15
        ]
        picks += [o for (dd, o) in forced if dd == d and o not in picks]
        for o in sorted(picks):
            kind = orgs[o]["org_kind"]
            if (d, o) in forced:
                it, inf, stance = forced[(d, o)]
            else:
                it = int(np.clip(round(1 + 4 * aff[d, o] + r_stake.normal(0, 0.5)), 1, 5))
                inf = int(np.clip(INFLUENCE_BASE[kind] + r_stake.integers(-1, 2), 1, 5))
                r = r_stake.random()
                stance = (
                    "critic"
                    if r < CRITIC_P[kind]
                    else "supporter"
                    if r < CRITIC_P[kind] + 0.4
                    else "neutral"
                )
            interest[d, o] = it
            critic[d, o] = stance == "critic"
            edges.append(
                StakeholderIn(
                    source=f"org:{slugs[o]}",
                    target=f"dossier:{DOSSIERS[d]['slug']}",
                    interest=it,
                    influence=inf,
                    stance=stance,
                    date=dt.date(2024, 6, 1),
                )
            )

    # ---------------------------------------------------------------- COLLABORATES_WITH
    collab = np.zeros((n_org, n_org))
    osim = np.clip(org_topics @ org_topics.T, 0, 1)
    for a in range(n_org):
        for b in range(a + 1, n_org):
            same_region = orgs[a]["region"] == orgs[b]["region"] != "landelijk"
            prob = 0.008 + 0.3 * osim[a, b] ** 3 + (0.05 if same_region else 0.0)
            if r_col.random() < prob:
                collab[a, b] = collab[b, a] = 1
                shared = [s for s in orgs[a]["sectors"] if s in orgs[b]["sectors"]]
                topic = shared[0] if shared else orgs[a]["sectors"][0]
                src, tgt = sorted((f"org:{slugs[a]}", f"org:{slugs[b]}"))
                edges.append(
                    CollaboratesWith(
                        source=src,
                        target=tgt,
                        note=f"Samenwerking rond {topic}",
                        date=_date_between(r_col, dt.date(2018, 1, 1), dt.date(2026, 9, 30)),
                    )
                )

    # ---------------------------------------------------------------- programme
    guests = [
        GuestCandidate(
            c,
            contact_ids[c],
            contact_org[c],
            GUEST_BOOST if slugs[contact_org[c]] in REQUIRED_SLUGS else 1.0,
        )
        for c in range(len(contact_ids))
        if contact_consent[c] and contact_org[c] not in opt_out
    ]
    prog = build_programme(
        staff_ids=staff_ids,
        staff_topics=staff_topics,
        primary_dossier=primary,
        dossiers=DOSSIERS,
        guests=guests,
        org_topics=org_topics,
        today=p.today,
        rng=r_prog,
    )
    nodes.extend(prog.nodes)
    edges.extend(prog.edges)

    # ---------------------------------------------------------------- latent interactions
    colleagues = np.zeros((p.n_staff, p.n_staff))
    for d in range(n_d):
        members = [s for s in range(p.n_staff) if d in staff_dossiers[s]]
        colleagues[np.ix_(members, members)] = 1
    team_of: dict[str, list[int]] = {}
    for e in prog.edges:
        if e.KIND == "MEMBER_OF":
            team_of.setdefault(e.target, []).append(staff_ids.index(e.source))
    for members in team_of.values():
        colleagues[np.ix_(members, members)] = 1
    np.fill_diagonal(colleagues, 0)
    roles = np.array([[1.0 if r in d["roles"] else 0.0 for r in ROLES] for d in DOSSIERS])
    world = LatentWorld(
        staff_topics=staff_topics,
        dossier_topics=dossier_topics,
        org_topics=org_topics,
        staff_dossiers=staff_dossiers,
        dossier_phase=[d["phase"] for d in DOSSIERS],
        dossier_roles=roles,
        dossier_milestones=[[m.date for m in ms] for ms in milestones],
        stake_interest=interest,
        critic=critic,
        org_kind=[o["org_kind"] for o in orgs],
        org_opt_out=np.array([i in opt_out for i in range(n_org)], dtype=float),
        org_contacts=org_contacts,
        colleagues=colleagues,
        collab=collab,
    )
    sim = simulate(world, p.start, p.end, prog.meetings, p.interactions, r_int)
    seen: set[tuple[str, str, str]] = set()
    first_meet: dict[tuple[int, int], dt.date] = {}
    for m in prog.meetings:
        first_meet.setdefault((m.staff, m.org), m.date)
    for it in sim:
        target = contact_ids[it.contact] if it.contact is not None else f"org:{slugs[it.org]}"
        key = it.date.isoformat()
        n = 2
        while (staff_ids[it.staff], target, key) in seen:
            key = f"{it.date.isoformat()}-{n}"
            n += 1
        seen.add((staff_ids[it.staff], target, key))
        first_meet.setdefault((it.staff, it.org), it.date)
        edges.append(
            Interacted(
                source=staff_ids[it.staff],
                target=target,
                key=key,
                date=it.date,
                interaction=it.kind,
                outcome=it.outcome,
                note=f"{KIND_NL[it.kind]} over {DOSSIERS[it.dossier]['title']}",
            )
        )

    edges.extend(_feedback(p, r_fb, first_meet, staff_ids, slugs, aff, staff_dossiers, opt_out))
    edges.extend(_conflicts(r_conf, milestones, interest, orgs, slugs, staff_ids, p.today))
    nodes.sort(key=lambda n: n.id)
    edges.sort(key=lambda e: e.identity)
    return nodes, edges


def _milestones(d: dict[str, Any], rng: np.random.Generator, today: dt.date) -> list[Milestone]:
    t = d["title"]
    pool = [
        ("consultation", f"Internetconsultatie {t}"),
        ("event", f"Bestuurlijk overleg {t}"),
        ("decision", f"Besluit {t}"),
        ("deadline", f"Kamerbrief {t}"),
        ("consultation", f"Informatieavond voor de omgeving: {t}"),
        ("event", f"Kennissessie met partners over {t}"),
    ]
    n = int(rng.integers(2, 5))
    chosen = [pool[int(i)] for i in rng.choice(len(pool), size=n, replace=False)]
    dates = [_date_between(rng, dt.date(2025, 1, 6), dt.date(2027, 12, 17)) for _ in chosen]
    if rng.random() < 0.35:  # a milestone soon after today
        dates[0] = _date_between(rng, today + dt.timedelta(days=3), today + dt.timedelta(days=60))
    out = [
        Milestone(date=dd, label=lbl, kind=kind)
        for (kind, lbl), dd in zip(chosen, dates, strict=True)
    ]
    if d["tender"]:
        out.append(
            Milestone(
                date=_date_between(rng, dt.date(2026, 10, 1), dt.date(2027, 3, 31)),
                label=f"Sluiting inschrijving aanbesteding {t}",
                kind="tender",
            )
        )
    return sorted(out, key=lambda m: (m.date, m.label))


def _feedback(
    p, rng, first_meet, staff_ids, slugs, aff, staff_dossiers, opt_out
) -> list[EdgeModel]:
    out: list[EdgeModel] = []
    since = dt.date(2026, 1, 15)
    later = sorted((d, s, o) for (s, o), d in first_meet.items() if d >= since)
    for j in rng.choice(len(later), size=min(p.n_feedback_positive, len(later)), replace=False):
        d, s, o = later[int(j)]
        outcome = (
            "co_produced" if rng.random() < 0.2 else "met" if rng.random() < 0.6 else "accepted"
        )
        out.append(
            Feedback(
                source=staff_ids[s],
                target=f"org:{slugs[o]}",
                key=(d - dt.timedelta(days=10)).isoformat(),
                date=d - dt.timedelta(days=10),
                outcome=outcome,
                context="suggestie",
                note="Suggestie opgevolgd",
            )
        )
    met = set(first_meet)
    for _ in range(p.n_feedback_declined):
        s = int(rng.integers(len(staff_ids)))
        d0 = staff_dossiers[s][0]
        for o in np.argsort(-aff[d0], kind="stable"):
            if (s, int(o)) not in met and int(o) not in opt_out:
                day = _date_between(rng, since, dt.date(2026, 10, 31))
                out.append(
                    Feedback(
                        source=staff_ids[s],
                        target=f"org:{slugs[int(o)]}",
                        key=day.isoformat(),
                        date=day,
                        outcome="declined",
                        context="suggestie",
                        note="Suggestie niet opgevolgd: al voldoende contact via collega's",
                    )
                )
                met.add((s, int(o)))
                break
    return out


def _conflicts(rng, milestones, interest, orgs, slugs, staff_ids, today) -> list[EdgeModel]:
    out: list[EdgeModel] = []
    for d, (dos, ms) in enumerate(zip(DOSSIERS, milestones, strict=True)):
        tender = [m for m in ms if m.kind == "tender"]
        if not tender:
            continue
        close = tender[0].date
        bidders = [
            o for o in range(len(orgs)) if interest[d, o] > 0 and orgs[o]["org_kind"] == "company"
        ]
        for o in bidders[:3]:
            out.append(
                Conflict(
                    source=f"dossier:{dos['slug']}",
                    target=f"org:{slugs[o]}",
                    key="tender",
                    date=close - dt.timedelta(days=90),
                    until=close + dt.timedelta(days=60),
                    reason=f"Aanbestedingsperiode {dos['title']}: {orgs[o]['name']} is mogelijke inschrijver",
                )
            )
    companies = [o for o in range(len(orgs)) if orgs[o]["org_kind"] == "company"]
    for s in rng.choice(len(staff_ids), size=3, replace=False):
        o = companies[int(rng.integers(len(companies)))]
        out.append(
            Conflict(
                source=staff_ids[int(s)],
                target=f"org:{slugs[o]}",
                key="nevenfunctie",
                date=_date_between(rng, dt.date(2024, 1, 1), today),
                until=None,
                reason=f"Nevenfunctie of familiebetrekking bij {orgs[o]['name']}",
            )
        )
    return out


# ------------------------------------------------------------------------------ output


def render(nodes: Sequence[NodeModel], edges: Sequence[EdgeModel]) -> str:
    """The seed document as text: one record per line, nodes by id, edges by identity."""

    def lines(records: Sequence[NodeModel | EdgeModel]) -> str:
        return ",\n".join(
            json.dumps(r.model_dump(mode="json"), ensure_ascii=False) for r in records
        )

    return (
        f'{{"format": "{SEED_FORMAT}", "version": {SEED_VERSION},\n"nodes": [\n{lines(nodes)}\n],\n'
        f'"edges": [\n{lines(edges)}\n]}}\n'
    )


def write_seed(path: str | Path = SEED_PATH, params: Params | None = None) -> str:
    """Generate and write the seed document; returns its sha256."""
    text = render(*build(params))
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def summary(nodes: Sequence[NodeModel], edges: Sequence[EdgeModel]) -> dict[str, Any]:
    """Counts per kind and facts the README quotes (interaction window, split shares)."""
    inter = [e for e in edges if isinstance(e, Interacted)]
    dates = sorted(e.date for e in inter if e.date is not None)
    before = [e for e in inter if e.date is not None and e.date < SPLIT_DATE]
    after = [e for e in inter if e.date is not None and e.date >= SPLIT_DATE]
    pairs_before = {(e.source, e.target) for e in before}
    new_after = sum((e.source, e.target) not in pairs_before for e in after)
    return {
        "nodes": dict(sorted(Counter(n.KIND for n in nodes).items())),
        "edges": dict(sorted(Counter(e.KIND for e in edges).items())),
        "interactions_by_kind": dict(sorted(Counter(str(e.interaction) for e in inter).items())),
        "first_interaction": dates[0].isoformat() if dates else None,
        "last_interaction": dates[-1].isoformat() if dates else None,
        "split_date": SPLIT_DATE.isoformat(),
        "interactions_before_split": len(before),
        "interactions_after_split": len(after),
        "share_after_split_with_new_pair": round(new_after / max(len(after), 1), 3),
    }


def main(argv: list[str] | None = None) -> int:
    """``python -m seeds.generate [--out PATH] [--check]``."""
    ap = argparse.ArgumentParser(
        prog="python -m seeds.generate", description=__doc__.splitlines()[0]
    )
    ap.add_argument("--out", default=str(SEED_PATH), help="where to write the seed JSON")
    ap.add_argument(
        "--check",
        action="store_true",
        help="do not write; exit 1 when the file differs from a fresh generation",
    )
    args = ap.parse_args(argv)
    nodes, edges = build()
    text = render(nodes, edges)
    if args.check:
        current = Path(args.out).read_text(encoding="utf-8") if Path(args.out).exists() else ""
        same = current == text
        print("seed is up to date" if same else f"{args.out} differs from a fresh generation")
        return 0 if same else 1
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(text, encoding="utf-8")
    print(
        json.dumps(
            {
                "path": args.out,
                "sha256": hashlib.sha256(text.encode()).hexdigest(),
                "bytes": len(text.encode()),
                **summary(nodes, edges),
            },
            indent=2,
            ensure_ascii=False,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
