"""Relations of the seed network around dossiers and organisations: dated milestones, stakeholders
(with interest, influence and stance), collaborations between organisations, FEEDBACK on shown
suggestions and CONFLICT periods (tenders, side jobs).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import numpy as np

from graph.model import (
    CollaboratesWith,
    Conflict,
    Dossier,
    EdgeModel,
    Feedback,
    Milestone,
    StakeholderIn,
)
from seeds.ministry import DIRECTORATES
from seeds.util import date_between

__all__ = [
    "FORCED_STAKES",
    "collaborations",
    "conflicts",
    "dossier_nodes",
    "feedback",
    "milestones",
    "stakeholders",
]

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
#: (organisation, dossier, interest, influence, stance) that the programme's story needs.
FORCED_STAKES = (
    ("comite-red-de-zuyderzeedijk", "markermeerdijken", 5, 3, "critic"),
    ("vereniging-van-waterbouwers", "markermeerdijken", 4, 4, "supporter"),
    ("vereniging-van-waterbouwers", "hwbp-dijkversterkingen", 5, 4, "supporter"),
    ("eneco", "wind-op-zee-2032", 5, 4, "supporter"),
    ("tno", "waterstof-infrastructuur", 4, 4, "neutral"),
    ("one-world-citizens", "participatie-omgevingswet", 5, 2, "supporter"),
    ("hoogheemraadschap-hollands-noorderkwartier", "markermeerdijken", 5, 5, "supporter"),
)


def milestones(d: dict[str, Any], rng: np.random.Generator, today: dt.date) -> list[Milestone]:
    """2–4 dated milestones between 2025 and 2027 (about a third with one in the coming two
    months), plus the closing date of the tender for dossiers that run one."""
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
    dates = [date_between(rng, dt.date(2025, 1, 6), dt.date(2027, 12, 17)) for _ in chosen]
    if rng.random() < 0.35:  # a milestone soon after today
        dates[0] = date_between(rng, today + dt.timedelta(days=3), today + dt.timedelta(days=60))
    out = [
        Milestone(date=dd, label=lbl, kind=kind)
        for (kind, lbl), dd in zip(chosen, dates, strict=True)
    ]
    if d["tender"]:
        out.append(
            Milestone(
                date=date_between(rng, dt.date(2026, 10, 1), dt.date(2027, 3, 31)),
                label=f"Sluiting inschrijving aanbesteding {t}",
                kind="tender",
            )
        )
    return sorted(out, key=lambda m: (m.date, m.label))


def dossier_nodes(
    dossiers: Sequence[dict[str, Any]], dated: Sequence[list[Milestone]]
) -> list[Dossier]:
    names_by_code = {x.code: x.name for x in DIRECTORATES}
    return [
        Dossier(
            id=f"dossier:{d['slug']}",
            title=d["title"],
            description=d["description"],
            directorate=names_by_code[d["directorate"]],
            phase=d["phase"],
            roles=d["roles"],
            themes=d["themes"],
            milestones=ms,
        )
        for d, ms in zip(dossiers, dated, strict=True)
    ]


def stakeholders(
    dossiers: Sequence[dict[str, Any]],
    orgs: Sequence[dict[str, Any]],
    affinity: np.ndarray,
    rng: np.random.Generator,
) -> tuple[list[EdgeModel], np.ndarray, np.ndarray]:
    """8–14 topical stakeholders per dossier plus :data:`FORCED_STAKES`.

    Returns the STAKEHOLDER_IN edges, the interest matrix (dossiers × orgs, 0 = none) and the
    critic mask.
    """
    slugs = [o["slug"] for o in orgs]
    d_index = {d["slug"]: i for i, d in enumerate(dossiers)}
    n_d, n_org = affinity.shape
    interest = np.zeros((n_d, n_org))
    critic = np.zeros((n_d, n_org), dtype=bool)
    forced = {
        (d_index[ds], slugs.index(os)): (it, inf, st) for os, ds, it, inf, st in FORCED_STAKES
    }
    edges: list[EdgeModel] = []
    for d in range(n_d):
        noisy = affinity[d] + 0.15 * rng.gumbel(size=n_org)
        picks = [
            int(o)
            for o in np.argsort(-noisy, kind="stable")[: int(rng.integers(8, 15))]
            if affinity[d, o] > 0.15
        ]
        picks += [o for (dd, o) in forced if dd == d and o not in picks]
        for o in sorted(picks):
            kind = orgs[o]["org_kind"]
            if (d, o) in forced:
                it, inf, stance = forced[(d, o)]
            else:
                it = int(np.clip(round(1 + 4 * affinity[d, o] + rng.normal(0, 0.5)), 1, 5))
                inf = int(np.clip(INFLUENCE_BASE[kind] + rng.integers(-1, 2), 1, 5))
                r = rng.random()
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
                    target=f"dossier:{dossiers[d]['slug']}",
                    interest=it,
                    influence=inf,
                    stance=stance,
                    date=dt.date(2024, 6, 1),
                )
            )
    return edges, interest, critic


def collaborations(
    orgs: Sequence[dict[str, Any]], org_topics: np.ndarray, rng: np.random.Generator
) -> tuple[list[EdgeModel], np.ndarray]:
    """COLLABORATES_WITH between organisation pairs with probability
    ``0.008 + 0.3 · cos³ + 0.05 · same region``; returns the edges and the 0/1 adjacency."""
    slugs = [o["slug"] for o in orgs]
    n_org = len(orgs)
    collab = np.zeros((n_org, n_org))
    osim = np.clip(org_topics @ org_topics.T, 0, 1)
    edges: list[EdgeModel] = []
    for a in range(n_org):
        for b in range(a + 1, n_org):
            same_region = orgs[a]["region"] == orgs[b]["region"] != "landelijk"
            prob = 0.008 + 0.3 * osim[a, b] ** 3 + (0.05 if same_region else 0.0)
            if rng.random() < prob:
                collab[a, b] = collab[b, a] = 1
                shared = [s for s in orgs[a]["sectors"] if s in orgs[b]["sectors"]]
                topic = shared[0] if shared else orgs[a]["sectors"][0]
                src, tgt = sorted((f"org:{slugs[a]}", f"org:{slugs[b]}"))
                edges.append(
                    CollaboratesWith(
                        source=src,
                        target=tgt,
                        note=f"Samenwerking rond {topic}",
                        date=date_between(rng, dt.date(2018, 1, 1), dt.date(2026, 9, 30)),
                    )
                )
    return edges, collab


def feedback(
    *,
    n_positive: int,
    n_declined: int,
    first_meet: dict[tuple[int, int], dt.date],
    staff_ids: Sequence[str],
    slugs: Sequence[str],
    affinity: np.ndarray,
    staff_dossiers: Sequence[Sequence[int]],
    opt_out: set[int],
    rng: np.random.Generator,
) -> list[EdgeModel]:
    """FEEDBACK on shown suggestions in 2026: followed-up ones ten days before a first meeting,
    declined ones for topical partners the staff member never met."""
    out: list[EdgeModel] = []
    since = dt.date(2026, 1, 15)
    later = sorted((d, s, o) for (s, o), d in first_meet.items() if d >= since)
    for j in rng.choice(len(later), size=min(n_positive, len(later)), replace=False):
        d, s, o = later[int(j)]
        outcome = (
            "co_produced" if rng.random() < 0.2 else "met" if rng.random() < 0.6 else "accepted"
        )
        shown = d - dt.timedelta(days=10)
        out.append(
            Feedback(
                source=staff_ids[s],
                target=f"org:{slugs[o]}",
                key=shown.isoformat(),
                date=shown,
                outcome=outcome,
                context="suggestie",
                note="Suggestie opgevolgd",
            )
        )
    met = set(first_meet)
    for _ in range(n_declined):
        s = int(rng.integers(len(staff_ids)))
        d0 = staff_dossiers[s][0]
        for o in np.argsort(-affinity[d0], kind="stable"):
            if (s, int(o)) not in met and int(o) not in opt_out:
                day = date_between(rng, since, dt.date(2026, 10, 31))
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


def conflicts(
    *,
    dossiers: Sequence[dict[str, Any]],
    dated: Sequence[list[Milestone]],
    interest: np.ndarray,
    orgs: Sequence[dict[str, Any]],
    staff_ids: Sequence[str],
    today: dt.date,
    rng: np.random.Generator,
) -> list[EdgeModel]:
    """Tender periods (90 days before to 60 days after closing) between a tendering dossier and up
    to three stakeholder companies, and three staff members with a side job at a company."""
    out: list[EdgeModel] = []
    for d, (dos, ms) in enumerate(zip(dossiers, dated, strict=True)):
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
                    target=f"org:{orgs[o]['slug']}",
                    key="tender",
                    date=close - dt.timedelta(days=90),
                    until=close + dt.timedelta(days=60),
                    reason=f"Aanbestedingsperiode {dos['title']}: "
                    f"{orgs[o]['name']} is mogelijke inschrijver",
                )
            )
    companies = [o for o in range(len(orgs)) if orgs[o]["org_kind"] == "company"]
    for s in rng.choice(len(staff_ids), size=3, replace=False):
        o = companies[int(rng.integers(len(companies)))]
        out.append(
            Conflict(
                source=staff_ids[int(s)],
                target=f"org:{orgs[o]['slug']}",
                key="nevenfunctie",
                date=date_between(rng, dt.date(2024, 1, 1), today),
                until=None,
                reason=f"Nevenfunctie of familiebetrekking bij {orgs[o]['name']}",
            )
        )
    return out
