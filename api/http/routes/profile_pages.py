"""Profile pages: one per organisation and one per dossier (every role that is logged in).

An organisation's page shows its description, sectors, region and kind, the recent contacts with
it, the colleagues who know it, its contacts (names only within the rules of :mod:`api.privacy`,
under the page rule :func:`~api.http.web.page_purpose`), the dossiers it is a stakeholder in and
its network. A dossier's page shows its description, phase, roles, milestones, the colleagues on
it, its stakeholders and a link to partner suggestions.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse, Response

from api.http.network_svg import render_ego_svg
from api.http.web import disclosed, page_key, page_purpose, render, runtime_of
from graph.errors import NotFoundError
from graph.model import Contact, Dossier, Interacted, Organisation, Staff, StakeholderIn
from matcher.vocabulary import (
    INTERACTION_NOUN_NL,
    KIND_LABELS_NL,
    MILESTONE_NL,
    PHASE_NL,
    ROLE_LABELS_NL,
)

__all__ = ["router"]

router = APIRouter(include_in_schema=False)

NodeId = Annotated[str, Path(max_length=200)]


def _not_found(request: Request, key: Any, what: str, node_id: str) -> Response:
    return render(
        request,
        "fout.html",
        {"titel": "Niet gevonden", "melding": f"Onbekende {what}: {node_id}"},
        key=key,
        status_code=404,
    )


def _get(store: Any, node_id: str, cls: type) -> Any:
    try:
        node = store.get_node(node_id)
    except NotFoundError:
        return None
    return node if isinstance(node, cls) else None


@router.get("/organisaties/{org_id}", response_class=HTMLResponse)
def organisation_page(request: Request, org_id: NodeId) -> Response:
    key = page_key(request)
    store = runtime_of(request).store
    org = _get(store, org_id, Organisation)
    if org is None:
        return _not_found(request, key, "organisatie", org_id)
    contact_ids = [e.source for e in store.edges("WORKS_AT", target=org_id)]
    people = store.get_nodes(contact_ids)
    with disclosed(request, key, page_purpose(key)) as disclosure:
        contacts = [
            {"naam": c.name, "rol": c.role, "email": c.email}
            for c in people.values()
            if isinstance(c, Contact) and disclosure.allows(c) and disclosure.label(c)
        ]
        hidden = sum(1 for c in people.values() if not disclosure.allows(c))
        edges = list(store.edges("INTERACTED", target=org_id))
        for cid in contact_ids:
            edges += store.edges("INTERACTED", target=cid)
        touches = sorted(
            (e for e in edges if isinstance(e, Interacted)), key=lambda e: e.date, reverse=True
        )
        staff = store.get_nodes(list({e.source for e in touches}))
        recent = [
            {
                "datum": e.date.isoformat(),
                "soort": INTERACTION_NOUN_NL.get(
                    str(getattr(e.interaction, "value", e.interaction)), "contact"
                ),
                "wie": disclosure.label(staff[e.source]) if e.source in staff else "",
            }
            for e in touches[:10]
        ]
        colleagues: dict[str, dict[str, Any]] = {}
        for e in touches:
            node = staff.get(e.source)
            if isinstance(node, Staff) and node.id not in colleagues:
                colleagues[node.id] = {
                    "naam": disclosure.label(node),
                    "laatst": e.date.isoformat(),
                    "aantal": sum(1 for t in touches if t.source == node.id),
                }
        svg = render_ego_svg(store, org_id, disclosure, radius=1, me=key.staff_id, interactive=True)
    dossiers = store.get_nodes([e.target for e in store.edges("STAKEHOLDER_IN", source=org_id)])
    ctx = {
        "titel": org.label,
        "org": org,
        "soort": KIND_LABELS_NL.get(org.org_kind, str(org.org_kind)),
        "contacten": contacts,
        "verborgen": hidden,
        "recent": recent,
        "collegas": list(colleagues.values()),
        "dossiers": [(d.id, d.label) for d in dossiers.values()],
        "svg": svg,
    }
    return render(request, "organisatie.html", ctx, key=key)


@router.get("/dossiers/{dossier_id}", response_class=HTMLResponse)
def dossier_page(request: Request, dossier_id: NodeId) -> Response:
    key = page_key(request)
    store = runtime_of(request).store
    dossier = _get(store, dossier_id, Dossier)
    if dossier is None:
        return _not_found(request, key, "dossier", dossier_id)
    workers = store.get_nodes([e.source for e in store.edges("WORKS_ON", target=dossier_id)])
    holders = [
        e for e in store.edges("STAKEHOLDER_IN", target=dossier_id) if isinstance(e, StakeholderIn)
    ]
    orgs = store.get_nodes([e.source for e in holders])
    with disclosed(request, key, page_purpose(key)) as disclosure:
        colleagues = [disclosure.label(s) for s in workers.values() if isinstance(s, Staff)]
        svg = render_ego_svg(
            store, dossier_id, disclosure, radius=1, me=key.staff_id, interactive=True
        )
    ranked = sorted(
        (e for e in holders if e.source in orgs),
        key=lambda e: (-e.interest - e.influence, orgs[e.source].label),
    )
    stakeholders = [
        {"id": e.source, "naam": orgs[e.source].label, "belang": e.interest, "invloed": e.influence}
        for e in ranked
    ]
    ctx = {
        "titel": dossier.label,
        "dossier": dossier,
        "fase": PHASE_NL.get(dossier.phase.value, dossier.phase.value),
        "rollen": [ROLE_LABELS_NL.get(r, str(r)) for r in dossier.roles],
        "mijlpalen": [
            {
                "datum": m.date.isoformat(),
                "soort": MILESTONE_NL.get(m.kind, str(m.kind)),
                "titel": m.label,
            }
            for m in sorted(dossier.milestones, key=lambda m: m.date)
        ],
        "collegas": colleagues,
        "belanghebbenden": stakeholders,
        "svg": svg,
    }
    return render(request, "dossier.html", ctx, key=key)
