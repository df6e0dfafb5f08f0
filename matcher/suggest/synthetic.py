"""Generated networks: a tiny hand-checkable one and a large one for the suggestion benchmark.

:func:`tiny_network` is small enough to check every feature by hand (the unit tests do).
:func:`synthetic_graph` builds, in memory, a snapshot in the format of
:func:`graph.store.build_snapshot` with the size of all of central government — 130,000 staff and
100,000 organisations by default — with themed texts, dossiers, stakeholders, contacts and dated
interactions that favour organisations sharing a theme, so text and graph features both carry signal.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import networkx as nx
import numpy as np

from graph.model import (
    AvailableFor,
    CollaboratesWith,
    Conflict,
    Contact,
    Dossier,
    DossierPhase,
    EdgeModel,
    Edition,
    Feedback,
    FeedbackOutcome,
    Interacted,
    InteractionKind,
    MemberOf,
    Milestone,
    MilestoneKind,
    NodeModel,
    NsobRole,
    Organisation,
    OrganisationKind,
    Session,
    Staff,
    StakeholderIn,
    Table,
    Team,
    WorksAt,
    WorksOn,
)

__all__ = ["THEMES", "synthetic_graph", "tiny_network"]

THEMES = [
    "kustveiligheid",
    "dijkversterking",
    "zandsuppletie",
    "rivierverruiming",
    "zoetwatervoorziening",
    "waterkwaliteit",
    "bodemdaling",
    "klimaatadaptatie",
    "hittestress",
    "droogte",
    "natuurinclusief",
    "energietransitie",
    "waterstof",
    "laadinfrastructuur",
    "netcongestie",
    "zonne-energie",
    "windenergie",
    "fietsbeleid",
    "openbaar-vervoer",
    "spoorgoederen",
    "binnenvaart",
    "zeehavens",
    "luchtvaart",
    "geluidhinder",
    "stikstof",
    "luchtkwaliteit",
    "circulaire-economie",
    "grondstoffen",
    "plasticrecycling",
    "bouwmaterialen",
    "verkeersveiligheid",
    "smart-mobility",
    "deelmobiliteit",
    "logistiek",
    "wegbeheer",
    "bruggen",
    "tunnels",
    "asfaltinnovatie",
    "omgevingswet",
    "participatie",
    "burgerinitiatief",
]
_KINDS = (
    "company",
    "knowledge_institute",
    "ngo",
    "citizen_initiative",
    "branch_association",
    "public_body",
)
_REGIONS = ["Noord", "Oost", "Zuid", "West", "Randstad", "Delta", "Kust", "Rivierengebied"]


def tiny_network() -> tuple[list[NodeModel], list[EdgeModel]]:
    """Six organisations, three staff and two dossiers, known on 1 March 2026.

    Built to check the rules by hand: Eneco has a consented and a non-consented contact and was
    met by Bram (Anna's colleague) at guest table 3 on 10 February 2026; Deltares only has a
    contact without consent and is a stakeholder in Anna's dossier; HHNK opted out; Anna has a
    declared conflict with Natuurmonumenten and declined TNO; Anna already knows the Fietsersbond.
    Edges dated after 1 March 2026 are the "future" for leakage tests.
    """
    d = dt.date.fromisoformat
    nodes: list[NodeModel] = [
        Staff(id="staff:1", name="Anna de Vries", expertise="kustveiligheid en dijkversterking"),
        Staff(id="staff:2", name="Bram Jansen", expertise="waterveiligheid, energie"),
        Staff(id="staff:3", name="Carla Smit", expertise="fietsbeleid en mobiliteit"),
        Dossier(
            id="dossier:kust",
            title="Kustversterking Noord",
            description="Natuurinclusieve dijkversterking langs de Noordzeekust",
            phase=DossierPhase.EXPLORATION,
            roles=[NsobRole.NETWERKEND],
            themes=["kustveiligheid", "dijkversterking"],
            milestones=[
                Milestone(
                    date=d("2026-03-20"), label="Consultatie", kind=MilestoneKind.CONSULTATION
                )
            ],
        ),
        Dossier(id="dossier:fiets", title="Fietsbeleid", description="Fietspaden en stallingen"),
        Team(
            id="team:1-1",
            name="Team Kust",
            challenge="Samen werken aan de kust",
            edition="edition:1",
        ),
        Edition(
            id="edition:1",
            name="Driedaagse 1",
            start_date=d("2026-03-10"),
            end_date=d("2026-03-12"),
        ),
        Session(
            id="session:1-1",
            name="Gasttafels dag 1",
            edition="edition:1",
            start=dt.datetime(2026, 3, 10, 10),
            end=dt.datetime(2026, 3, 10, 12),
        ),
        Table(id="table:1-3", name="Tafel 3", edition="edition:1", number=3, team="team:1-1"),
        Organisation(
            id="org:eneco",
            name="Eneco",
            org_kind=OrganisationKind.COMPANY,
            sectors=["energie"],
            description="Energiebedrijf: wind op zee, waterstof en warmte",
        ),
        Organisation(
            id="org:deltares",
            name="Deltares",
            org_kind=OrganisationKind.KNOWLEDGE_INSTITUTE,
            sectors=["water"],
            description="Kennisinstituut voor kustveiligheid, dijkversterking en rivieren",
        ),
        Organisation(
            id="org:hhnk",
            name="HHNK",
            org_kind=OrganisationKind.PUBLIC_BODY,
            sectors=["water"],
            description="Waterschap: dijkversterking en kustveiligheid",
            opt_out=True,
        ),
        Organisation(
            id="org:nm",
            name="Natuurmonumenten",
            org_kind=OrganisationKind.NGO,
            sectors=["natuur"],
            description="Natuurinclusieve dijkversterking en kustnatuur",
        ),
        Organisation(
            id="org:fb",
            name="Fietsersbond",
            org_kind=OrganisationKind.NGO,
            sectors=["mobiliteit"],
            description="Fietspaden en fietsparkeren",
        ),
        Organisation(
            id="org:tno",
            name="TNO",
            org_kind=OrganisationKind.KNOWLEDGE_INSTITUTE,
            sectors=["water", "energie"],
            description="Toegepast onderzoek naar dijken, energie en mobiliteit",
        ),
        Contact(
            id="contact:eneco-1",
            name="Eva Eneco",
            role="strateeg",
            consent=True,
            consent_date=d("2025-01-01"),
        ),
        Contact(id="contact:eneco-2", name="Geheim Persoon", role="directeur", consent=False),
        Contact(
            id="contact:deltares-1", name="Verborgen Onderzoeker", role="onderzoeker", consent=False
        ),
        Contact(
            id="contact:tno-1",
            name="Tom TNO",
            role="onderzoeker",
            consent=True,
            consent_date=d("2025-01-01"),
        ),
    ]
    edges: list[EdgeModel] = [
        WorksOn(source="staff:1", target="dossier:kust"),
        WorksOn(source="staff:2", target="dossier:kust"),
        WorksOn(source="staff:3", target="dossier:fiets"),
        MemberOf(source="staff:1", target="team:1-1"),
        MemberOf(source="staff:2", target="team:1-1"),
        WorksAt(source="contact:eneco-1", target="org:eneco"),
        WorksAt(source="contact:eneco-2", target="org:eneco"),
        WorksAt(source="contact:deltares-1", target="org:deltares"),
        WorksAt(source="contact:tno-1", target="org:tno"),
        Interacted(
            source="staff:2",
            target="contact:eneco-1",
            date=d("2026-02-10"),
            interaction=InteractionKind.GUEST_TABLE,
            table="table:1-3",
            session="session:1-1",
        ),
        Interacted(source="staff:1", target="org:fb", date=d("2025-06-01")),
        Interacted(source="staff:3", target="contact:deltares-1", date=d("2025-12-01")),
        Interacted(source="staff:2", target="contact:eneco-2", date=d("2025-11-01")),
        StakeholderIn(source="org:deltares", target="dossier:kust", date=d("2025-10-01")),
        CollaboratesWith(source="org:deltares", target="org:tno", date=d("2025-09-01")),
        Conflict(
            source="staff:1",
            target="org:nm",
            date=d("2026-01-01"),
            until=d("2026-12-31"),
            reason="aanbesteding",
        ),
        Feedback(
            source="staff:1",
            target="org:tno",
            date=d("2026-01-15"),
            outcome=FeedbackOutcome.DECLINED,
        ),
        AvailableFor(source="contact:eneco-1", target="session:1-1", date=d("2026-02-01")),
        # the future, seen only after 1 March 2026
        Interacted(source="staff:1", target="contact:tno-1", date=d("2026-05-01")),
        Interacted(source="staff:1", target="contact:eneco-1", date=d("2026-04-01")),
        Interacted(source="staff:3", target="org:nm", date=d("2026-04-15")),
        StakeholderIn(source="org:nm", target="dossier:kust", date=d("2026-06-01")),
    ]
    return nodes, edges


def _node(g: nx.MultiDiGraph, nid: str, **attrs: Any) -> None:
    g.add_node(nid, id=nid, **attrs)


def _edge(g: nx.MultiDiGraph, kind: str, s: str, t: str, key: str = "", **attrs: Any) -> None:
    g.add_edge(s, t, key=f"{kind}|{key}", kind=kind, source=s, target=t, edge_key=key, **attrs)


def _organisations(
    g: nx.MultiDiGraph, rng: np.random.Generator, n_orgs: int, start: dt.date
) -> tuple[list[list[int]], list[np.ndarray]]:
    """Organisations with three themes, a Zipf popularity and one contact each.

    Returns the organisations of every theme and, per theme, the cumulative popularity of
    those organisations (for drawing a partner in proportion to its popularity).
    """
    n_t = len(THEMES)
    org_theme = [rng.choice(n_t, size=3, replace=False) for _ in range(n_orgs)]
    by_theme: list[list[int]] = [[] for _ in range(n_t)]
    for o, ts in enumerate(org_theme):
        for t in ts:
            by_theme[t].append(o)
    popularity = rng.zipf(2.0, size=n_orgs).astype(float)
    cum_by_theme = [np.cumsum(popularity[p]) if p else np.zeros(0) for p in by_theme]
    kinds = rng.choice(len(_KINDS), size=n_orgs)
    for o in range(n_orgs):
        t = [THEMES[i] for i in org_theme[o]]
        region = _REGIONS[o % len(_REGIONS)]
        _node(
            g,
            f"org:{o}",
            kind="organisation",
            name=f"Organisatie {o}",
            org_kind=_KINDS[kinds[o]],
            sectors=t[:2],
            region=region,
            description=f"Werkt aan {t[0]}, {t[1]} en {t[2]} in regio {region}.",
            documents=[],
            opt_out=bool(o % 97 == 0),
        )
        c = f"contact:{o}-1"
        consent = bool(rng.random() < 0.7)
        _node(
            g,
            c,
            kind="contact",
            name=f"Contact {o}",
            role="adviseur",
            expertise=t[0],
            consent=consent,
            consent_date=start if consent else None,
        )
        _edge(g, "WORKS_AT", c, f"org:{o}")
    return by_theme, cum_by_theme


_PHASES = ("agenda_setting", "exploration", "design", "decision", "implementation", "evaluation")
_ROLES = ("rechtmatig", "presterend", "netwerkend", "responsief")


def _dossiers(
    g: nx.MultiDiGraph,
    rng: np.random.Generator,
    n_dossiers: int,
    by_theme: list[list[int]],
    start: dt.date,
    span: int,
) -> list[np.ndarray]:
    """Dossiers with two themes and three stakeholders of their first theme; their themes."""
    dossier_theme = [rng.choice(len(THEMES), size=2, replace=False) for _ in range(n_dossiers)]
    for d in range(n_dossiers):
        t = [THEMES[i] for i in dossier_theme[d]]
        _node(
            g,
            f"dossier:{d}",
            kind="dossier",
            title=f"Dossier {t[0]} {d}",
            description=f"Beleid voor {t[0]} en {t[1]}.",
            phase=_PHASES[d % len(_PHASES)],
            roles=[_ROLES[d % 4]],
            milestones=[],
            themes=t,
        )
        pool = by_theme[dossier_theme[d][0]]
        for o in rng.choice(pool, size=min(3, len(pool)), replace=False):
            day = start + dt.timedelta(days=int(rng.integers(0, span)))
            _edge(g, "STAKEHOLDER_IN", f"org:{o}", f"dossier:{d}", date=day)
    return dossier_theme


def synthetic_graph(
    n_staff: int = 130_000,
    n_orgs: int = 100_000,
    *,
    interactions_per_staff: float = 3.0,
    staff_per_dossier: int = 25,
    start: dt.date = dt.date(2024, 11, 1),
    end: dt.date = dt.date(2026, 10, 31),
    random_state: int = 0,
) -> nx.MultiDiGraph:
    """A large dated network in snapshot format (see the module docstring).

    Every staff member works on one dossier and meets about ``interactions_per_staff``
    organisations on random days: 80 % from a theme of the dossier, drawn by popularity.

    Examples
    --------
    >>> g = synthetic_graph(200, 100, random_state=1)
    >>> sum(1 for _, a in g.nodes(data=True) if a["kind"] == "organisation")
    100
    """
    rng = np.random.default_rng(random_state)
    g = nx.MultiDiGraph()
    span = (end - start).days
    by_theme, cum_by_theme = _organisations(g, rng, n_orgs, start)
    n_dossiers = max(1, n_staff // staff_per_dossier)
    dossier_theme = _dossiers(g, rng, n_dossiers, by_theme, start, span)
    for s in range(n_staff):
        d = int(rng.integers(0, n_dossiers))
        t = [THEMES[i] for i in dossier_theme[d]]
        _node(
            g,
            f"staff:{s}",
            kind="staff",
            name=f"Medewerker {s}",
            expertise=f"{t[0]} en {t[1]}",
            directorate="DG Water en Bodem" if s % 2 else "DG Mobiliteit",
        )
        _edge(g, "WORKS_ON", f"staff:{s}", f"dossier:{d}")
        for _ in range(rng.poisson(interactions_per_staff)):
            theme = dossier_theme[d][int(rng.integers(0, 2))]
            if rng.random() < 0.8 and len(by_theme[theme]):
                cum = cum_by_theme[theme]
                o = by_theme[theme][int(np.searchsorted(cum, rng.random() * cum[-1]))]
            else:
                o = int(rng.integers(0, n_orgs))
            day = start + dt.timedelta(days=int(rng.integers(0, span)))
            target = f"contact:{o}-1" if rng.random() < 0.5 else f"org:{o}"
            _edge(
                g,
                "INTERACTED",
                f"staff:{s}",
                target,
                key=day.isoformat(),
                date=day,
                interaction="meeting",
            )
    return g
