"""Fixtures for the API tests: a small hand-built network, an app on a temp store, a key per role.

The hand-built network is small enough to check by hand; ``PERSONAL`` lists every piece of
personal data in it, so tests can assert none of it reaches a role without the right.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.http.app import create_app
from api.settings import Settings
from graph import SqliteGraphStore
from graph.model import (
    AvailableFor,
    Contact,
    Dossier,
    Edition,
    Interacted,
    MemberOf,
    Organisation,
    SeatedAt,
    Session,
    Staff,
    StakeholderIn,
    Table,
    Team,
    WorksAt,
    WorksOn,
)

CONSENTED = {
    "contact:tno-1": ("Carla Smit", "carla.smit@tno.example"),
    "contact:deltares-1": ("Ewout Bakker", "ewout.bakker@deltares.example"),
}
NOT_CONSENTED = {
    "contact:hhnk-1": ("Dirk Visser", "dirk.visser@hhnk.example"),
}
STAFF = {
    "staff:0001": ("Anna de Vries", "anna.devries@minienw.example"),
    "staff:0002": ("Bram Jansen", "bram.jansen@minienw.example"),
}
NOTE = "Gesprek met Carla Smit over zandsuppleties"
#: Every string that is personal data in the small network.
PERSONAL = sorted(
    {v for pair in [*CONSENTED.values(), *NOT_CONSENTED.values(), *STAFF.values()] for v in pair}
    | {NOTE}
)
PERSONAL_NOT_CONSENTED = sorted({v for pair in NOT_CONSENTED.values() for v in pair})


def small_network() -> tuple[list, list]:
    d = dt.date
    nodes = [
        Staff(id=sid, name=n, email=e, directorate="DGWB", expertise="kustveiligheid")
        for sid, (n, e) in STAFF.items()
    ]
    nodes += [
        Organisation(
            id="org:tno",
            name="TNO",
            org_kind="knowledge_institute",
            sectors=["water", "energie"],
            description="Toegepast onderzoek naar kustveiligheid, zandsuppleties en dijkversterking.",
        ),
        Organisation(
            id="org:deltares",
            name="Deltares",
            org_kind="knowledge_institute",
            sectors=["water"],
            description="Kennisinstituut voor water en ondergrond: overstromingsrisico en kustbeheer.",
        ),
        Organisation(
            id="org:hhnk",
            name="Hoogheemraadschap Hollands Noorderkwartier",
            org_kind="public_body",
            sectors=["water"],
            description="Waterschap: dijkversterking, waterkwaliteit en peilbeheer.",
        ),
    ]
    for cid, (n, e) in CONSENTED.items():
        nodes.append(
            Contact(
                id=cid,
                name=n,
                email=e,
                role="onderzoeker",
                consent=True,
                consent_date=d(2025, 1, 1),
                expertise="zandsuppleties",
            )
        )
    for cid, (n, e) in NOT_CONSENTED.items():
        nodes.append(Contact(id=cid, name=n, email=e, role="beleidsadviseur"))
    nodes += [
        Dossier(
            id="dossier:kust",
            title="Kustversterking Noord-Holland",
            description="Versterking van de kust met zandsuppleties en dijkversterking.",
            directorate="DGWB",
            phase="exploration",
            roles=["netwerkend"],
        ),
        Team(
            id="team:1-1",
            name="Team Zandmotor",
            challenge="Kustveiligheid met natuurlijke oplossingen",
            edition="edition:1",
        ),
        Edition(
            id="edition:1", name="Editie 1", start_date=d(2026, 3, 10), end_date=d(2026, 3, 12)
        ),
        Session(
            id="session:1-1",
            name="Sessie 1",
            edition="edition:1",
            start=dt.datetime(2026, 3, 10, 10),
            end=dt.datetime(2026, 3, 10, 12),
        ),
        Table(
            id="table:1-1",
            name="Tafel 1",
            edition="edition:1",
            number=1,
            team="team:1-1",
            max_guests=2,
        ),
    ]
    edges = [
        WorksAt(source="contact:tno-1", target="org:tno"),
        WorksAt(source="contact:deltares-1", target="org:deltares"),
        WorksAt(source="contact:hhnk-1", target="org:hhnk"),
        WorksOn(source="staff:0001", target="dossier:kust"),
        MemberOf(source="staff:0001", target="team:1-1"),
        MemberOf(source="staff:0002", target="team:1-1"),
        StakeholderIn(source="org:hhnk", target="dossier:kust", interest=5, influence=5),
        StakeholderIn(source="org:tno", target="dossier:kust"),
        Interacted(
            source="staff:0002",
            target="contact:tno-1",
            date=d(2025, 6, 3),
            note=NOTE,
            outcome="positive",
        ),
        Interacted(source="staff:0001", target="contact:hhnk-1", date=d(2025, 9, 1)),
        AvailableFor(source="contact:tno-1", target="session:1-1"),
        AvailableFor(source="contact:hhnk-1", target="session:1-1"),
        SeatedAt(
            source="contact:tno-1", target="table:1-1", key="session:1-1", session="session:1-1"
        ),
    ]
    return nodes, edges


#: The staff member each role's key belongs to (both are members of team:1-1; admin is nobody).
KEY_OWNERS = {"staff": "staff:0002", "facilitator": "staff:0001"}


@dataclass
class Api:
    client: TestClient
    keys: dict[str, str]
    store: SqliteGraphStore
    app: object

    def headers(self, role: str | None) -> dict[str, str]:
        return {"X-API-Key": self.keys[role]} if role else {}

    def audit_count(self) -> int:
        return self.app.state.runtime.audit.count()  # type: ignore[attr-defined]


def build_api(
    tmp_path: Path, *, max_request_bytes: int = 200_000, lock_timeout: float = 5.0, **settings_: Any
) -> Api:
    """The small network in a fresh store, an app on it (``settings_``: more settings) and a key
    per role."""
    store = SqliteGraphStore(tmp_path / "small.db", lock_timeout=lock_timeout)
    nodes, edges = small_network()
    store.write(nodes, edges)
    settings = Settings(
        store=str(tmp_path / "small.db"),
        max_request_bytes=max_request_bytes,
        encoder="hashing",
        store_lock_timeout=lock_timeout,
        **settings_,
    )
    app = create_app(settings, store=store, auth_path=tmp_path / "small.db.auth")
    runtime = app.state.runtime
    keys = {
        role: runtime.keystore.create(role, f"Sleutel {role}", staff_id=KEY_OWNERS.get(role))[1]
        for role in ("staff", "facilitator", "admin")
    }
    return Api(TestClient(app), keys, store, app)


@pytest.fixture
def api(tmp_path: Path) -> Iterator[Api]:
    built = build_api(tmp_path)
    try:
        yield built
    finally:
        built.client.close()
        built.store.close()


def browser_network() -> tuple[list, list]:
    """The small network plus a second session, a second team and table and three more guests,
    so an edition has something to seat."""
    nodes, edges = small_network()
    d = dt.date
    extra_orgs = [
        (
            "natuurmonumenten",
            "Natuurmonumenten",
            "ngo",
            "Natuurbeheer en duinen langs de kust.",
            "Femke de Groot",
        ),
        (
            "boskalis",
            "Boskalis",
            "company",
            "Baggeren, zandsuppleties en kustwerken.",
            "Joris Hendriks",
        ),
        (
            "wur",
            "Wageningen University & Research",
            "knowledge_institute",
            "Onderzoek naar ecologie, bodem en natuurlijke kustverdediging.",
            "Lotte Meijer",
        ),
    ]
    for slug, name, kind, desc, person in extra_orgs:
        nodes.append(Organisation(id=f"org:{slug}", name=name, org_kind=kind, description=desc))
        nodes.append(
            Contact(
                id=f"contact:{slug}-1",
                name=person,
                role="adviseur",
                consent=True,
                consent_date=d(2025, 2, 1),
                expertise=desc,
            )
        )
        edges.append(WorksAt(source=f"contact:{slug}-1", target=f"org:{slug}"))
    nodes += [
        Team(
            id="team:1-2",
            name="Team Slimme Dijken",
            edition="edition:1",
            challenge="Dijkversterking met minder uitstoot en meer natuur",
        ),
        Session(
            id="session:1-2",
            name="Sessie 2",
            edition="edition:1",
            day=1,
            start=dt.datetime(2026, 3, 10, 14),
            end=dt.datetime(2026, 3, 10, 16),
        ),
        Table(
            id="table:1-2",
            name="Tafel 2",
            edition="edition:1",
            number=2,
            team="team:1-2",
            max_guests=2,
        ),
    ]
    guests = [
        "contact:tno-1",
        "contact:deltares-1",
        "contact:hhnk-1",
        "contact:natuurmonumenten-1",
        "contact:boskalis-1",
        "contact:wur-1",
    ]
    edges = [e for e in edges if e.KIND not in ("AVAILABLE_FOR", "SEATED_AT")]
    for guest in guests:
        for session in ("session:1-1", "session:1-2"):
            edges.append(AvailableFor(source=guest, target=session))
    return nodes, edges
