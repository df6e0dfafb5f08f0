"""Helpers for the server-rendered Dutch web page: templates, the login cookie, page role checks."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from api.http.auth import key_from_request
from api.http.deps import Runtime
from api.keystore import ApiKey, Role
from api.privacy import Disclosure, Purpose
from api.worklist import Worklist
from matcher.vocabulary import format_date_nl, format_fixed_nl, format_number_nl

__all__ = [
    "ROLE_NL",
    "PageAuth",
    "disclosed",
    "page_key",
    "page_purpose",
    "render",
    "templates",
    "worklist_of",
]

templates = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))


def date_nl(value: object) -> str:
    """``2025-06-03`` → ``3 juni 2025`` (other values unchanged)."""
    try:
        return format_date_nl(str(value))
    except ValueError:
        return str(value)


templates.env.filters["datum"] = date_nl
templates.env.filters["getal"] = format_number_nl
templates.env.filters["vast"] = format_fixed_nl

ROLE_NL = {Role.STAFF: "medewerker", Role.FACILITATOR: "facilitator", Role.ADMIN: "beheerder"}

#: Navigation entries: (use case router, path, label, roles that see it).
_NAV: list[tuple[str, str, str, frozenset[Role]]] = [
    ("suggestions", "/suggesties", "Partners zoeken", frozenset({Role.STAFF, Role.ADMIN})),
    ("seating", "/tafels", "Tafels indelen", frozenset({Role.FACILITATOR, Role.ADMIN})),
    ("coalitions", "/team", "Mijn team", frozenset(Role)),
    ("", "/netwerk", "Netwerk bekijken", frozenset(Role)),
    ("", "/beheer", "Beheer", frozenset({Role.ADMIN})),
]


def runtime_of(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime


_WORKLIST_LOCK = threading.Lock()


def worklist_of(request: Request) -> Worklist:
    """The app's :class:`Worklist` (shortlists, introductions, plan history), beside the keys."""
    state = request.app.state
    with _WORKLIST_LOCK:
        worklist: Worklist | None = getattr(state, "worklist", None)
        if worklist is None:
            runtime = runtime_of(request)
            # Beside the embedded store's keys file; on a Bolt store (keys in the database) a
            # local file per replica (see docs/deploy.md, "The keys file").
            worklist = Worklist(runtime.keystore.path or Path("verbinder.worklist"))
            state.worklist = worklist
    return worklist


def page_purpose(key: ApiKey) -> Purpose:
    """The one purpose under which every page names people for ``key``'s role.

    Pages that show the network around a dossier, team or organisation name the same people as
    the journey the role works in: staff and facilitators see consented contacts and colleagues
    (as on "Partners zoeken" and "Mijn team"), admins everyone. The guest list of an edition
    stays with seating (facilitators) and is not part of this rule.
    """
    return Purpose.GRAPH if key.role is Role.ADMIN else Purpose.TEAM


def nav_for(request: Request, key: ApiKey | None) -> list[dict[str, str]]:
    if key is None:
        return []
    mounted = set(runtime_of(request).use_cases)
    return [
        {"href": href, "label": label, "current": str(request.url.path == href).lower()}
        for needs, href, label, roles in _NAV
        if key.role in roles and (not needs or needs in mounted)
    ]


def render(
    request: Request,
    name: str,
    context: dict[str, Any],
    *,
    key: ApiKey | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    ctx = {
        "key": key,
        "role_nl": ROLE_NL.get(key.role) if key else None,
        "nav": nav_for(request, key),
        **context,
    }
    return templates.TemplateResponse(request, name, ctx, status_code=status_code)


class PageAuth(Exception):
    """Raised by :func:`page_key`; carries the response (login redirect or 403 page)."""

    def __init__(self, response: Response):
        self.response = response


def page_key(request: Request, *roles: Role) -> ApiKey:
    """The logged-in key for a page; :class:`PageAuth` with a redirect or 403 page otherwise."""
    plain = key_from_request(request)
    key = runtime_of(request).keystore.verify(plain) if plain else None
    if key is None:
        target = request.url.path
        raise PageAuth(RedirectResponse(f"/inloggen?volgende={target}", status_code=303))
    if roles and key.role not in roles:
        raise PageAuth(
            render(
                request,
                "fout.html",
                {
                    "titel": "Geen toegang",
                    "melding": f"Met de rol {ROLE_NL[key.role]} kunt u deze pagina niet gebruiken.",
                },
                key=key,
                status_code=403,
            )
        )
    return key


@contextmanager
def disclosed(request: Request, key: ApiKey, purpose: Purpose) -> Iterator[Disclosure]:
    """A :class:`Disclosure` for a page; writes the audit entry when the block ends."""
    runtime = runtime_of(request)
    disclosure = Disclosure(key, purpose, runtime.store)
    try:
        yield disclosure
    finally:
        disclosure.flush(runtime.audit, request.method, request.url.path)
