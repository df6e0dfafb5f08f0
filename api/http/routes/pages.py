"""The web page shell: login with an API key (kept in a cookie), the start page, the network picture.

The journeys (partners zoeken, tafels indelen, mijn team) live in their use case's router.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api.http.auth import COOKIE_NAME
from api.http.network_svg import KIND_NL, render_ego_svg
from api.http.routes.admin_pages import router as admin_router
from api.http.routes.profile_pages import router as profile_router
from api.http.web import disclosed, page_key, page_purpose, render, runtime_of
from api.services import today
from graph.errors import NotFoundError

__all__ = ["router"]

router = APIRouter(include_in_schema=False)


def _safe_next(target: str) -> str:
    """Only local paths: no scheme, no host, no backslash tricks (``/\\evil.example``)."""
    local = target.startswith("/") and not target.startswith("//") and "\\" not in target
    return target if local and ":" not in target.split("?", 1)[0] else "/"


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> Response:
    key = page_key(request)
    counts = runtime_of(request).store.counts()
    labels = {
        "organisation": "Organisaties",
        "staff": "Medewerkers",
        "dossier": "Dossiers",
        "team": "Teams",
    }
    stats = [(label, counts[k]) for k, label in labels.items() if k in counts]
    return render(request, "home.html", {"titel": "Start", "stats": stats}, key=key)


@router.get("/inloggen", response_class=HTMLResponse)
def login_form(request: Request, volgende: str = "/") -> Response:
    return render(request, "inloggen.html", {"titel": "Inloggen", "volgende": _safe_next(volgende)})


@router.post("/inloggen", response_class=HTMLResponse)
def login(
    request: Request,
    sleutel: Annotated[str, Form(max_length=200)],
    volgende: Annotated[str, Form(max_length=500)] = "/",
) -> Response:
    key = runtime_of(request).keystore.verify(sleutel.strip())
    if key is None:
        return render(
            request,
            "inloggen.html",
            {
                "titel": "Inloggen",
                "volgende": _safe_next(volgende),
                "fout": "Deze sleutel is onbekend of ingetrokken. Controleer de sleutel en probeer opnieuw.",
            },
            status_code=401,
        )
    response = RedirectResponse(_safe_next(volgende), status_code=303)
    response.set_cookie(
        COOKIE_NAME, sleutel.strip(), httponly=True, samesite="strict", max_age=8 * 3600
    )
    return response


@router.post("/uitloggen")
def logout() -> Response:
    response = RedirectResponse("/inloggen", status_code=303)
    response.delete_cookie(COOKIE_NAME)
    return response


_RECENT = {"": None, "1": 365, "2": 730, "5": 1826}


@router.get("/netwerk", response_class=HTMLResponse)
def network_page(
    request: Request,
    knoop: Annotated[str | None, Query(max_length=200)] = None,
    straal: Annotated[int, Query(ge=1, le=2)] = 1,
    soort: Annotated[list[str] | None, Query(max_length=10)] = None,
    sinds: Annotated[str, Query(max_length=2)] = "",
    pad: Annotated[str, Query(max_length=200)] = "",
) -> Response:
    """The network around a dossier, team or organisation: every node links to its profile;
    filter by kind and by how recent the contacts are; the path from the viewer through a
    colleague to a chosen partner is drawn thick."""
    key = page_key(request)
    store = runtime_of(request).store
    dossiers = [(n.id, n.label) for n in store.nodes("dossier")]
    teams = [(n.id, n.label) for n in store.nodes("team")]
    orgs = sorted(((n.id, n.label) for n in store.nodes("organisation")), key=lambda o: o[1])
    keuzes = [("Dossiers", dossiers), ("Teams", teams), ("Organisaties", orgs)]
    if knoop is None and dossiers:
        knoop = dossiers[0][0]
    kinds = [k for k in (soort or []) if k in KIND_NL]
    if sinds not in _RECENT:
        sinds = ""
    days = _RECENT[sinds]
    ctx: dict[str, object] = {
        "titel": "Netwerk bekijken",
        "keuzes": keuzes,
        "knoop": knoop,
        "straal": straal,
        "soorten": [(k, v) for k, v in KIND_NL.items() if k not in ("session", "table")],
        "gekozen_soorten": kinds,
        "sinds": sinds,
        "pad": pad,
        "partners": orgs,
        "ik": key.staff_id,
    }
    if knoop:
        with disclosed(request, key, page_purpose(key)) as disclosure:
            try:
                ctx["svg"] = render_ego_svg(
                    store,
                    knoop,
                    disclosure,
                    radius=straal,
                    kinds=kinds or None,
                    since=today() - dt.timedelta(days=days) if days else None,
                    me=key.staff_id,
                    path_to=pad or None,
                    interactive=True,
                )
                ctx["knoop_naam"] = disclosure.label(store.get_node(knoop))
            except NotFoundError:
                ctx["fout"] = f"Onbekend dossier, team of organisatie: {knoop}"
                return render(request, "netwerk.html", ctx, key=key, status_code=404)
    return render(request, "netwerk.html", ctx, key=key)


router.include_router(profile_router)
router.include_router(admin_router)
