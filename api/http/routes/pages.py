"""The web page shell: login with an API key (kept in a cookie), the start page, the network picture.

The journeys (partners zoeken, tafels indelen, mijn team) live in their use case's router.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api.http.auth import COOKIE_NAME
from api.http.network_svg import render_ego_svg
from api.http.web import disclosed, page_key, render, runtime_of
from api.privacy import Purpose
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


@router.get("/netwerk", response_class=HTMLResponse)
def network_page(
    request: Request,
    knoop: Annotated[str | None, Query(max_length=200)] = None,
    straal: Annotated[int, Query(ge=1, le=2)] = 1,
) -> Response:
    key = page_key(request)
    store = runtime_of(request).store
    dossiers = [(n.id, n.label) for n in store.nodes("dossier")]
    teams = [(n.id, n.label) for n in store.nodes("team")]
    keuzes = [("Dossiers", dossiers), ("Teams", teams)]
    if knoop is None and dossiers:
        knoop = dossiers[0][0]
    ctx: dict[str, object] = {
        "titel": "Netwerk bekijken",
        "keuzes": keuzes,
        "knoop": knoop,
        "straal": straal,
    }
    if knoop:
        with disclosed(request, key, Purpose.GRAPH) as disclosure:
            try:
                ctx["svg"] = render_ego_svg(store, knoop, disclosure, radius=straal)
                ctx["knoop_naam"] = disclosure.label(store.get_node(knoop))
            except NotFoundError:
                ctx["fout"] = f"Onbekend dossier of team: {knoop}"
    return render(request, "netwerk.html", ctx, key=key)
