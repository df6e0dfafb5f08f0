"""The role × endpoint matrix: who may call what, and who sees personal data.

Every route of the app must have an entry in ``MATRIX`` (a new route without one fails
:func:`test_every_route_is_in_the_matrix`). For each entry and each caller (no key, staff,
facilitator, admin) the test checks the status, that no personal data reaches a role without the
right on that route, that staff and facilitators never see contacts who did not consent (except a
facilitator seating guests), and that every response carrying personal data left an audit entry.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from fastapi.routing import iter_route_contexts

from tests.e2e.conftest import PERSONAL, PERSONAL_NOT_CONSENTED, Api, build_api

ANON, STAFF, FAC, ADMIN = None, "staff", "facilitator", "admin"
CALLERS = [ANON, STAFF, FAC, ADMIN]
EVERYONE = frozenset(CALLERS)
KEYED = frozenset({STAFF, FAC, ADMIN})
FAC_ADMIN = frozenset({FAC, ADMIN})
FAC_ONLY = frozenset({FAC})


@dataclass(frozen=True)
class Case:
    """One route: a sample request, who may call it, who may see personal data in the answer."""

    url: str
    allowed: frozenset[str | None]
    personal: frozenset[str | None] = frozenset()
    json: Any = None
    data: dict[str, str] | None = None
    files: dict[str, Any] | None = None
    ok: int = 200
    page: bool = False  # a web page: refusals are a redirect to the login (303) or a 403 page
    not_consented_ok: frozenset[str | None] = field(default_factory=frozenset)
    fresh_each_role: bool = False  # the call can succeed only once per app
    ok_by_role: dict[str | None, int] = field(default_factory=dict)  # where a role differs from ok


_IMPORT_DOC = json.dumps(
    {
        "format": "verbinder",
        "version": 1,
        "nodes": [{"kind": "organisation", "id": "org:extra", "name": "Extra", "org_kind": "ngo"}],
        "edges": [],
    }
).encode()
_NEW_ORG = {"kind": "organisation", "id": "org:nieuw", "name": "Nieuw", "org_kind": "ngo"}

MATRIX: dict[tuple[str, str], Case] = {
    # --- public
    ("GET", "/health"): Case("/health", EVERYONE),
    ("GET", "/ready"): Case("/ready", EVERYONE),
    ("GET", "/openapi.json"): Case("/openapi.json", EVERYONE),
    ("GET", "/docs"): Case("/docs", EVERYONE),
    ("GET", "/docs/assets/{name}"): Case("/docs/assets/swagger-ui.css", EVERYONE),
    ("GET", "/redoc"): Case("/redoc", EVERYONE),
    ("GET", "/static"): Case("/static/style.css", EVERYONE),
    # --- graph reads: every role, personal data only for admins
    ("GET", "/api/v1/nodes"): Case("/api/v1/nodes?limit=500", KEYED, frozenset({ADMIN})),
    ("GET", "/api/v1/nodes/{node_id}"): Case(
        "/api/v1/nodes/contact:hhnk-1", KEYED, frozenset({ADMIN})
    ),
    ("GET", "/api/v1/nodes/{node_id}/neighbours"): Case(
        "/api/v1/nodes/org:tno/neighbours", KEYED, frozenset({ADMIN})
    ),
    ("GET", "/api/v1/edges"): Case("/api/v1/edges?limit=500", KEYED, frozenset({ADMIN})),
    ("GET", "/api/v1/stats"): Case("/api/v1/stats", KEYED),
    ("GET", "/api/v1/nodes/{node_id}/ego.svg"): Case(
        "/api/v1/nodes/team:1-1/ego.svg?radius=2", KEYED, frozenset({ADMIN})
    ),
    # --- graph writes: admin
    ("POST", "/api/v1/nodes"): Case("/api/v1/nodes", frozenset({ADMIN}), json=_NEW_ORG, ok=201),
    ("PUT", "/api/v1/nodes/{node_id}"): Case(
        "/api/v1/nodes/org:nieuw", frozenset({ADMIN}), json=_NEW_ORG
    ),
    ("DELETE", "/api/v1/nodes/{node_id}"): Case(
        "/api/v1/nodes/contact:hhnk-1", frozenset({ADMIN}), ok=204
    ),
    ("POST", "/api/v1/edges"): Case(
        "/api/v1/edges",
        frozenset({ADMIN}),
        json={"kind": "COLLABORATES_WITH", "source": "org:tno", "target": "org:hhnk"},
        ok=201,
    ),
    ("DELETE", "/api/v1/edges"): Case(
        "/api/v1/edges?kind=WORKS_AT&source=contact:hhnk-1&target=org:hhnk",
        frozenset({ADMIN}),
        ok=204,
    ),
    # --- import/export: admin; an export holds everyone's personal data (audited)
    ("POST", "/api/v1/graph/import"): Case(
        "/api/v1/graph/import",
        frozenset({ADMIN}),
        files={"file": ("extra.json", _IMPORT_DOC, "application/json")},
    ),
    ("GET", "/api/v1/graph/export"): Case(
        "/api/v1/graph/export", frozenset({ADMIN}), frozenset({ADMIN})
    ),
    # --- suggestions: staff see consented contacts and colleagues
    ("POST", "/api/v1/suggestions"): Case(
        "/api/v1/suggestions",
        frozenset({STAFF, ADMIN}),
        frozenset({STAFF, ADMIN}),
        json={"dossier": "dossier:kust", "as_of": "2026-03-01", "k": 5},
    ),
    ("GET", "/suggesties"): Case(
        "/suggesties?dossier=dossier:kust&datum=2026-03-01",
        frozenset({STAFF, ADMIN}),
        frozenset({STAFF, ADMIN}),
        page=True,
    ),
    # --- a team's coalition, nudges and feedback: every role; consented contacts and colleagues
    ("GET", "/api/v1/teams/{team_id}/coalition"): Case(
        "/api/v1/teams/team:1-1/coalition?as_of=2026-03-01&k=3", KEYED, KEYED
    ),
    ("GET", "/api/v1/nudges"): Case("/api/v1/nudges?team=team:1-1&as_of=2026-03-01", KEYED, KEYED),
    ("GET", "/api/v1/nudges.ics"): Case(
        "/api/v1/nudges.ics?team=team:1-1&as_of=2026-03-01", KEYED, KEYED
    ),
    ("POST", "/api/v1/feedback"): Case(
        "/api/v1/feedback",
        KEYED,
        json={"subject": "team:1-1", "target": "org:tno", "outcome": "met", "context": "coalition"},
        ok=201,
    ),
    ("GET", "/api/v1/teams/{team_id}/facets"): Case(
        "/api/v1/teams/team:1-1/facets?as_of=2026-03-01", KEYED
    ),
    ("PUT", "/api/v1/teams/{team_id}/facets"): Case(
        "/api/v1/teams/team:1-1/facets?as_of=2026-03-01",
        KEYED,
        json={"facets": [{"text": "waterveiligheid", "weight": 2}, {"text": "natuur"}]},
    ),
    ("POST", "/api/v1/nudges/{key}/answer"): Case(
        "/api/v1/nudges/6e60f51126d3a195b906/answer",
        KEYED,
        KEYED,
        json={"subject": "team:1-1", "status": "snoozed", "as_of": "2026-03-01"},
        ok=201,
    ),
    ("GET", "/team"): Case("/team?team=team:1-1&datum=2026-03-01", KEYED, KEYED, page=True),
    ("POST", "/team/onderdelen"): Case(
        "/team/onderdelen",
        KEYED,
        data={"team": "team:1-1", "datum": "2026-03-01", "tekst_0": "waterveiligheid"},
        ok=303,
        page=True,
    ),
    ("POST", "/team/seintje"): Case(
        "/team/seintje",
        KEYED,
        data={
            "team": "team:1-1",
            "datum": "2026-03-01",
            "sleutel": "6e60f51126d3a195b906",
            "actie": "done",
        },
        ok=303,
        page=True,
    ),
    ("POST", "/team/terugkoppeling"): Case(
        "/team/terugkoppeling",
        KEYED,
        data={"team": "team:1-1", "organisatie": "org:tno", "uitkomst": "met"},
        ok=303,
        page=True,
    ),
    # --- seating: facilitators see the guests they seat (consent is not asked for guests)
    ("GET", "/api/v1/editions/{edition_id}/seating"): Case(
        "/api/v1/editions/edition:1/seating", FAC_ADMIN, FAC_ADMIN, not_consented_ok=FAC_ONLY
    ),
    ("POST", "/api/v1/editions/{edition_id}/seating/plan"): Case(
        "/api/v1/editions/edition:1/seating/plan",
        FAC_ADMIN,
        FAC_ADMIN,
        json={"time_limit": 5},
        not_consented_ok=FAC_ONLY,
    ),
    ("POST", "/api/v1/editions/{edition_id}/seating/replan"): Case(
        "/api/v1/editions/edition:1/seating/replan",
        FAC_ADMIN,
        FAC_ADMIN,
        json={"cancel": ["contact:tno-1"]},
        not_consented_ok=FAC_ONLY,
        fresh_each_role=True,
    ),
    ("GET", "/api/v1/editions/{edition_id}/seating/export"): Case(
        "/api/v1/editions/edition:1/seating/export?format=html",
        FAC_ADMIN,
        FAC_ADMIN,
        not_consented_ok=FAC_ONLY,
    ),
    ("GET", "/tafels"): Case(
        "/tafels?editie=edition:1", FAC_ADMIN, FAC_ADMIN, page=True, not_consented_ok=FAC_ONLY
    ),
    ("POST", "/tafels/indelen"): Case(
        "/tafels/indelen",
        FAC_ADMIN,
        FAC_ADMIN,
        data={"editie": "edition:1"},
        page=True,
        not_consented_ok=FAC_ONLY,
    ),
    ("POST", "/tafels/herindelen"): Case(
        "/tafels/herindelen",
        FAC_ADMIN,
        FAC_ADMIN,
        data={"editie": "edition:1", "afmelding": "contact:tno-1"},
        page=True,
        not_consented_ok=FAC_ONLY,
        fresh_each_role=True,
    ),
    # --- admin
    ("GET", "/api/v1/admin/keys"): Case("/api/v1/admin/keys", frozenset({ADMIN})),
    ("POST", "/api/v1/admin/keys"): Case(
        "/api/v1/admin/keys", frozenset({ADMIN}), json={"role": "staff", "name": "x"}, ok=201
    ),
    ("DELETE", "/api/v1/admin/keys/{key_id}"): Case(
        "/api/v1/admin/keys/{staff_key_id}", frozenset({ADMIN})
    ),
    ("GET", "/api/v1/admin/audit"): Case("/api/v1/admin/audit", frozenset({ADMIN})),
    # --- integrity rules and contact register: admin only
    ("GET", "/api/v1/admin/integrity/rules"): Case(
        "/api/v1/admin/integrity/rules", frozenset({ADMIN})
    ),
    ("PUT", "/api/v1/admin/integrity/rules"): Case(
        "/api/v1/admin/integrity/rules", frozenset({ADMIN}), json=[{"key": "tender"}]
    ),
    ("GET", "/api/v1/admin/integrity/exclusions"): Case(
        "/api/v1/admin/integrity/exclusions?dossier=dossier:kust", frozenset({ADMIN})
    ),
    ("GET", "/api/v1/admin/contact-register"): Case(
        "/api/v1/admin/contact-register", frozenset({ADMIN})
    ),
    ("GET", "/api/v1/admin/contact-register.csv"): Case(
        "/api/v1/admin/contact-register.csv", frozenset({ADMIN})
    ),
    # --- privacy (AVG rights): admin only
    ("GET", "/api/v1/privacy/{person_id}"): Case(
        "/api/v1/privacy/contact:hhnk-1", frozenset({ADMIN}), frozenset({ADMIN})
    ),
    ("DELETE", "/api/v1/privacy/{person_id}"): Case(
        "/api/v1/privacy/contact:hhnk-1", frozenset({ADMIN})
    ),
    # --- web page shell
    ("GET", "/"): Case("/", KEYED, page=True),
    ("GET", "/inloggen"): Case("/inloggen", EVERYONE, page=True),
    ("POST", "/inloggen"): Case(
        "/inloggen", EVERYONE, data={"sleutel": "vb_onbekend_x"}, ok=401, page=True
    ),
    ("POST", "/uitloggen"): Case("/uitloggen", EVERYONE, ok=303, page=True),
    # the network and profile pages name people by one rule for every page: consented
    # contacts and colleagues for staff and facilitators (as on the team page), everyone for admins
    ("GET", "/netwerk"): Case("/netwerk?knoop=team:1-1&straal=2", KEYED, KEYED, page=True),
    ("GET", "/organisaties/{org_id}"): Case("/organisaties/org:tno", KEYED, KEYED, page=True),
    ("GET", "/dossiers/{dossier_id}"): Case("/dossiers/dossier:kust", KEYED, KEYED, page=True),
    # --- acting on a suggestion: recorded for the key's person (the staff key belongs to
    # staff:0002: recorded, back to the list with 303); the admin key belongs to no person and is
    # refused in Dutch (403)
    ("POST", "/suggesties/terugkoppeling"): Case(
        "/suggesties/terugkoppeling",
        frozenset({STAFF, ADMIN}),
        data={"organisatie": "org:tno", "uitkomst": "declined"},
        ok=403,
        ok_by_role={STAFF: 303},
        page=True,
    ),
    ("POST", "/suggesties/shortlist"): Case(
        "/suggesties/shortlist",
        frozenset({STAFF, ADMIN}),
        data={"organisatie": "org:tno"},
        ok=403,
        ok_by_role={STAFF: 303},
        page=True,
    ),
    ("POST", "/suggesties/introductie"): Case(
        "/suggesties/introductie",
        frozenset({STAFF, ADMIN}),
        data={"organisatie": "org:tno", "introducee": "staff:0002"},
        ok=403,
        ok_by_role={STAFF: 303},
        page=True,
    ),
    ("GET", "/suggesties/introductie.ics"): Case(
        "/suggesties/introductie.ics?organisatie=org:tno&introducee=staff:0002",
        frozenset({STAFF, ADMIN}),
        frozenset({STAFF, ADMIN}),
        page=True,
    ),
    # --- seating editor
    ("POST", "/tafels/verplaatsen"): Case(
        "/tafels/verplaatsen",
        FAC_ADMIN,
        FAC_ADMIN,
        data={
            "editie": "edition:1",
            "gast": "contact:hhnk-1",
            "sessie": "session:1-1",
            "tafel": "table:1-1",
        },
        page=True,
        not_consented_ok=FAC_ONLY,
        fresh_each_role=True,
    ),
    ("POST", "/tafels/vastzetten"): Case(
        "/tafels/vastzetten",
        FAC_ADMIN,
        FAC_ADMIN,
        data={"editie": "edition:1", "gast": "contact:tno-1", "sessie": "session:1-1"},
        page=True,
        not_consented_ok=FAC_ONLY,
    ),
    ("POST", "/tafels/heroptimaliseren"): Case(
        "/tafels/heroptimaliseren",
        FAC_ADMIN,
        FAC_ADMIN,
        data={"editie": "edition:1"},
        page=True,
        not_consented_ok=FAC_ONLY,
    ),
    ("POST", "/tafels/ongedaan"): Case(
        "/tafels/ongedaan",
        FAC_ADMIN,
        FAC_ADMIN,
        data={"editie": "edition:1"},
        ok=422,  # nothing to undo in a fresh app: refused in Dutch, nothing changes
        page=True,
        not_consented_ok=FAC_ONLY,
    ),
    # --- admin page
    ("GET", "/beheer"): Case("/beheer", frozenset({ADMIN}), frozenset({ADMIN}), page=True),
    ("GET", "/beheer/audit.csv"): Case("/beheer/audit.csv", frozenset({ADMIN}), page=True),
    ("POST", "/beheer/sleutels"): Case(
        "/beheer/sleutels",
        frozenset({ADMIN}),
        frozenset({ADMIN}),
        data={"naam": "Nieuwe sleutel", "rol": "staff", "medewerker": "staff:0001"},
        page=True,
    ),
    ("POST", "/beheer/sleutels/{key_id}/intrekken"): Case(
        "/beheer/sleutels/{staff_key_id}/intrekken",
        frozenset({ADMIN}),
        frozenset({ADMIN}),
        page=True,
    ),
}


def _app_routes(app: Any) -> set[tuple[str, str]]:
    found = set()
    for route in iter_route_contexts(app.routes):
        methods = route.methods or {"GET"}
        for method in methods - {"HEAD"}:
            found.add((method, route.path))
    return found


def test_every_route_is_in_the_matrix(tmp_path: Path) -> None:
    api = build_api(tmp_path)
    routes = _app_routes(api.app)
    missing = sorted(routes - MATRIX.keys())
    assert not missing, f"routes without a role-matrix entry: {missing}"
    api.store.close()


def _call(api: Api, method: str, case: Case, role: str | None) -> Any:
    url = case.url.replace("{staff_key_id}", api.keys["staff"].split("_")[1])
    return api.client.request(
        method,
        url,
        headers=api.headers(role),
        json=case.json,
        data=case.data,
        files=case.files,
        follow_redirects=False,
    )


def _live(app: Any) -> set[tuple[str, str]]:
    return _app_routes(app)


#: Routes that change nothing get one shared app; the others a fresh one each.
_READ_ONLY_POSTS = {("POST", "/api/v1/suggestions"), ("POST", "/inloggen")}


@pytest.fixture(scope="module")
def shared_api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Api]:
    api = build_api(tmp_path_factory.mktemp("shared"))
    yield api
    api.client.close()
    api.store.close()


@pytest.mark.parametrize("route", sorted(MATRIX), ids=lambda r: f"{r[0]} {r[1]}")
def test_role_matrix(route: tuple[str, str], tmp_path: Path, shared_api: Api) -> None:
    method, _ = route
    fresh = method != "GET" and route not in _READ_ONLY_POSTS
    api = build_api(tmp_path) if fresh else shared_api
    assert route in _live(api.app), f"{route} is in the role matrix but not mounted"
    case = MATRIX[route]
    try:
        for role in CALLERS:  # admin last: only admins mutate
            if case.fresh_each_role and role in case.allowed:
                api.client.close()
                api.store.close()
                api = build_api(tmp_path / (role or "anonymous"))
            before = api.audit_count()
            r = _call(api, method, case, role)
            label = f"{method} {case.url} as {role or 'anonymous'}"
            if role not in case.allowed:
                if case.page:
                    expected = 303 if role is None else 403
                else:
                    expected = 401 if role is None else 403
                assert r.status_code == expected, f"{label}: {r.status_code} {r.text[:200]}"
                if not case.page:
                    assert r.headers["content-type"] == "application/problem+json", label
                continue
            ok = case.ok_by_role.get(role, case.ok)
            assert r.status_code == ok, f"{label}: {r.status_code} {r.text[:300]}"
            body = r.text
            shown = [p for p in PERSONAL if p in body]
            if role not in case.personal:
                assert not shown, f"{label} returned personal data: {shown}"
            if role in (STAFF, FAC) and role not in case.not_consented_ok:
                leaked = [p for p in PERSONAL_NOT_CONSENTED if p in body]
                assert not leaked, f"{label} returned non-consented contacts: {leaked}"
            if shown:
                assert api.audit_count() > before, f"{label} showed {shown} without an audit entry"
    finally:
        if fresh:
            api.client.close()
            api.store.close()


def test_admin_really_sees_personal_data_where_the_matrix_says_so(tmp_path: Path) -> None:
    """The leak check must be able to fail: admins do get names on these routes."""
    api = build_api(tmp_path)
    for (method, _), case in MATRIX.items():
        if method == "GET" and ADMIN in case.personal and (method, _) in _live(api.app):
            r = _call(api, method, case, ADMIN)
            assert any(p in r.text for p in PERSONAL), f"{case.url}: no personal data for admin"
    api.store.close()
