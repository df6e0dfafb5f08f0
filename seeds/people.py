"""Synthetic people of the seed: staff in the ministry's units (with their dossiers) and contact
persons at the partner organisations. Names are combinations from invented lists, never real people;
e-mail addresses use the reserved ``.example`` domain.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from graph.model import Contact, EdgeModel, Staff, WorksAt, WorksOn
from seeds.ministry import DIRECTORATES, TOPIC_PHRASES, Directorate, Unit
from seeds.organisations import REQUIRED_SLUGS, SECTORS
from seeds.util import K, date_between, join_nl, mail_part, names, pick, topic_vec, unit

__all__ = [
    "ContactDraft",
    "StaffDraft",
    "assign_dossiers",
    "draft_contacts",
    "draft_staff",
    "staff_nodes",
]

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
#: Extra names drawn beyond the staff, for contacts (at most three per organisation).
SPARE_NAMES = 600


@dataclass
class StaffDraft:
    """Staff before their nodes are written: unit, latent topics, name."""

    ids: list[str]
    units: list[tuple[Directorate, Unit]]
    unit_of: list[int]
    topics: np.ndarray  # (n_staff, K), rows L2-normalised
    names: list[tuple[str, str]]  # staff names first, then spare names for contacts
    dossiers: list[list[int]]  # filled by assign_dossiers

    @property
    def primary(self) -> list[int]:
        return [ds[0] for ds in self.dossiers]


@dataclass
class ContactDraft:
    nodes: list[Contact]
    edges: list[EdgeModel]
    ids: list[str]
    org: list[int]
    consent: list[bool]
    by_org: list[list[int]]


def draft_staff(n_staff: int, rng: np.random.Generator) -> StaffDraft:
    """Spread ``n_staff`` over the units by size (largest remainder) and draw topics and names."""
    units = [(d, u) for d in DIRECTORATES for u in d.units]
    sizes = np.array([u.size for _, u in units], dtype=float)
    quota = sizes / sizes.sum() * n_staff
    counts = np.floor(quota).astype(int)
    for i in np.argsort(-(quota - counts), kind="stable")[: n_staff - counts.sum()]:
        counts[i] += 1
    drawn = names(rng, n_staff + SPARE_NAMES)
    unit_of = [i for i, c in enumerate(counts) for _ in range(int(c))]
    topics = unit(
        np.array([topic_vec(units[u][1].topics) for u in unit_of])
        + 0.6 * rng.dirichlet(np.full(K, 0.2), n_staff)
    )
    ids = [f"staff:{i + 1:04d}" for i in range(n_staff)]
    return StaffDraft(ids, units, unit_of, topics, drawn, [])


def assign_dossiers(
    staff: StaffDraft,
    dossiers: Sequence[dict[str, Any]],
    dossier_topics: np.ndarray,
    rng: np.random.Generator,
) -> list[EdgeModel]:
    """Give each staff member 1–3 dossiers (topic fit, own directorate), at least 5 per dossier.

    Fills ``staff.dossiers``, pulls each member's topics towards their primary dossier and returns
    the WORKS_ON edges.
    """
    n_staff = len(staff.ids)
    dir_codes = [staff.units[u][0].code for u in staff.unit_of]
    score = 4.0 * staff.topics @ dossier_topics.T
    score += 1.5 * (np.array(dir_codes)[:, None] == np.array([d["directorate"] for d in dossiers]))
    score += rng.gumbel(size=score.shape)
    n_dos = rng.choice([1, 2, 3], p=[0.35, 0.45, 0.2], size=n_staff)
    chosen = [list(np.argsort(-score[s], kind="stable")[: n_dos[s]]) for s in range(n_staff)]
    for d in range(len(dossiers)):
        members = [s for s in range(n_staff) if d in chosen[s]]
        for s in np.argsort(-score[:, d], kind="stable"):
            if len(members) >= 5:
                break
            if s not in members and len(chosen[s]) < 3:
                chosen[s].append(d)
                members.append(int(s))
    staff.dossiers = [[int(d) for d in ds] for ds in chosen]
    staff.topics = unit(staff.topics + 0.5 * dossier_topics[staff.primary])
    owner: dict[int, int] = {}
    for s in range(n_staff):
        for d in staff.dossiers[s]:
            owner.setdefault(d, s)
    edges: list[EdgeModel] = []
    for s in range(n_staff):
        for d in staff.dossiers[s]:
            role = (
                "dossierhouder"
                if owner[d] == s
                else pick(rng, ("beleidsmedewerker", "adviseur", "projectleider"))
            )
            edges.append(
                WorksOn(
                    source=staff.ids[s],
                    target=f"dossier:{dossiers[d]['slug']}",
                    role=role,
                    date=date_between(rng, dt.date(2023, 1, 1), dt.date(2024, 10, 1)),
                )
            )
    return edges


def staff_nodes(
    staff: StaffDraft, dossiers: Sequence[dict[str, Any]], rng: np.random.Generator
) -> list[Staff]:
    """Staff nodes with a Dutch expertise text composed from their topics and dossiers."""
    out = []
    for s, sid in enumerate(staff.ids):
        dg, un = staff.units[staff.unit_of[s]]
        first, last = staff.names[s]
        title = STAFF_TITLES[int(rng.choice(len(STAFF_TITLES), p=[w for _, w in STAFF_TITLES]))][0]
        weights = staff.topics[s] ** 2 / (staff.topics[s] ** 2).sum()
        topics = [SECTORS[i] for i in rng.choice(K, size=3, replace=False, p=weights)]
        phrases = [pick(rng, TOPIC_PHRASES[t]) for t in topics]
        titles = [dossiers[d]["title"] for d in staff.dossiers[s]]
        expertise = (
            f"{title.capitalize()} bij {un.name} ({dg.name}). Werkt aan {join_nl(phrases)}. "
            f"Betrokken bij {join_nl(titles)}. Sterk in {pick(rng, SKILLS)}."
        )
        langs = (
            ["nl"]
            + (["en"] if rng.random() < 0.75 else [])
            + (["de"] if rng.random() < 0.1 else [])
            + (["fr"] if rng.random() < 0.05 else [])
        )
        out.append(
            Staff(
                id=sid,
                name=f"{first} {last}",
                directorate=dg.name,
                unit=un.name,
                expertise=expertise,
                languages=langs,
                email=f"{mail_part(first, last)}@minienw.example",
            )
        )
    return out


def draft_contacts(
    orgs: Sequence[dict[str, Any]],
    spare_names: Sequence[tuple[str, str]],
    consent_rate: float,
    today: dt.date,
    rng: np.random.Generator,
) -> ContactDraft:
    """1–3 contacts per organisation with role, Dutch expertise and consent (about
    ``consent_rate``; the first contact of each named guest organisation always consents)."""
    draft = ContactDraft([], [], [], [], [], [[] for _ in orgs])
    next_name = 0
    for i, o in enumerate(orgs):
        n = int(rng.choice([1, 2, 3], p=[0.3, 0.45, 0.25]))
        for k in range(1, n + 1):
            first, last = spare_names[next_name]
            next_name += 1
            role = pick(rng, CONTACT_ROLES[o["org_kind"]])
            size = min(2, len(o["sectors"]))
            sectors = [o["sectors"][int(j)] for j in rng.choice(len(o["sectors"]), size, False)]
            phrases = [pick(rng, TOPIC_PHRASES[s]) for s in sectors]
            consent = bool(rng.random() < consent_rate) or (k == 1 and o["slug"] in REQUIRED_SLUGS)
            cid = f"contact:{o['slug']}-{k}"
            consent_date = (
                date_between(rng, dt.date(2024, 1, 15), today - dt.timedelta(days=7))
                if consent
                else None
            )
            draft.nodes.append(
                Contact(
                    id=cid,
                    name=f"{first} {last}",
                    role=role,
                    expertise=f"{role.capitalize()} bij {o['name']}. "
                    f"Deskundig op het gebied van {join_nl(phrases)}.",
                    email=f"{mail_part(first, last)}@{o['slug']}.example",
                    consent=consent,
                    consent_date=consent_date,
                )
            )
            draft.edges.append(WorksAt(source=cid, target=f"org:{o['slug']}"))
            draft.by_org[i].append(len(draft.ids))
            draft.ids.append(cid)
            draft.org.append(i)
            draft.consent.append(consent)
    return draft
