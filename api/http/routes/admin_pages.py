"""The admin page "Beheer": API keys (create for a person, revoke) and the audit log (filter, export);
and ``/docs`` (Swagger UI) and ``/redoc``, the API documentation served from the assets of the
``fastapi-offline`` package, so they work without internet access.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path as PathLib
from typing import Annotated, Any

from fastapi import APIRouter, Form, Path, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, Response

from api.audit import AuditEntry
from api.http.web import ROLE_NL, disclosed, page_key, render, runtime_of
from api.keystore import ApiKey, Role
from api.privacy import Purpose
from graph.errors import NotFoundError
from graph.model import Staff

__all__ = ["router"]

router = APIRouter(include_in_schema=False)

_PURPOSE_NL = {
    "graph": "netwerk",
    "suggestions": "partners zoeken",
    "seating": "tafels indelen",
    "team": "mijn team",
    "export": "export",
}
_AUDIT_MAX = 20_000


def _audit(
    request: Request, sleutel: str, doel: str, van: str, tot: str, pad: str
) -> list[AuditEntry]:
    audit = runtime_of(request).audit
    entries, _ = audit.entries(limit=_AUDIT_MAX)
    needle = sleutel.strip().lower()
    return [
        e
        for e in entries
        if (not needle or needle in e.key_name.lower() or needle == e.key_id)
        and (not doel or e.purpose == doel)
        and (not van or e.at[:10] >= van)
        and (not tot or e.at[:10] <= tot)
        and (not pad or pad in e.path)
    ]


def _staff_options(request: Request, key: ApiKey) -> list[tuple[str, str]]:
    """Staff members to bind a key to (their names are shown, so the read is audited)."""
    store = runtime_of(request).store
    staff = [s for s in store.nodes("staff") if isinstance(s, Staff)]
    with disclosed(request, key, Purpose.GRAPH) as disclosure:
        options = [(s.id, f"{disclosure.label(s)} ({s.id})") for s in staff]
    return sorted(options, key=lambda s: s[1])


def _admin_page(request: Request, extra: dict[str, Any], status: int = 200) -> Response:
    key = page_key(request, Role.ADMIN)
    q = request.query_params
    filters = {f: q.get(f, "")[:200] for f in ("sleutel", "doel", "van", "tot", "pad")}
    entries = _audit(request, **filters)
    ctx: dict[str, Any] = {
        "titel": "Beheer",
        "sleutels": runtime_of(request).keystore.list(),
        "rollen": [(r.value, ROLE_NL[r]) for r in Role],
        "rol_nl": {r.value: ROLE_NL[r] for r in Role},
        "medewerkers": _staff_options(request, key),
        "filters": filters,
        "doelen": list(_PURPOSE_NL.items()),
        "doel_nl": _PURPOSE_NL,
        "regels": entries[:200],
        "aantal": len(entries),
        **extra,
    }
    return render(request, "beheer.html", ctx, key=key, status_code=status)


@router.get("/beheer", response_class=HTMLResponse)
def admin_page(request: Request) -> Response:
    return _admin_page(request, {})


@router.post("/beheer/sleutels", response_class=HTMLResponse)
def admin_create_key(
    request: Request,
    naam: Annotated[str, Form(max_length=200)],
    rol: Annotated[str, Form(max_length=20)],
    medewerker: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    page_key(request, Role.ADMIN)
    runtime = runtime_of(request)
    if rol not in {r.value for r in Role}:
        return _admin_page(request, {"fout": f"Onbekende rol: {rol}"}, 422)
    if not naam.strip():
        return _admin_page(request, {"fout": "Geef de sleutel een naam."}, 422)
    staff_id = medewerker or None
    if staff_id:
        try:
            node = runtime.store.get_node(staff_id)
        except NotFoundError:
            node = None
        if not isinstance(node, Staff):
            return _admin_page(request, {"fout": f"Onbekende medewerker: {staff_id}"}, 422)
    record, plain = runtime.keystore.create(Role(rol), naam, staff_id=staff_id)
    return _admin_page(request, {"nieuw": record, "geheim": plain})


@router.post("/beheer/sleutels/{key_id}/intrekken", response_class=HTMLResponse)
def admin_revoke_key(request: Request, key_id: Annotated[str, Path(max_length=50)]) -> Response:
    me = page_key(request, Role.ADMIN)
    if key_id == me.key_id:
        return _admin_page(request, {"fout": "U kunt uw eigen sleutel hier niet intrekken."}, 422)
    if not runtime_of(request).keystore.revoke(key_id):
        return _admin_page(request, {"fout": f"Onbekende sleutel: {key_id}"}, 404)
    return _admin_page(request, {"melding": f"Sleutel {key_id} is ingetrokken."})


@router.get("/beheer/audit.csv")
def admin_audit_csv(
    request: Request,
    sleutel: Annotated[str, Query(max_length=200)] = "",
    doel: Annotated[str, Query(max_length=20)] = "",
    van: Annotated[str, Query(max_length=10)] = "",
    tot: Annotated[str, Query(max_length=10)] = "",
    pad: Annotated[str, Query(max_length=200)] = "",
) -> Response:
    """The filtered audit log as CSV for Dutch spreadsheet programs (``;``, UTF-8 with BOM)."""
    page_key(request, Role.ADMIN)
    out = io.StringIO()
    w = csv.writer(out, delimiter=";")
    w.writerow(
        ["Nr", "Tijd (UTC)", "Sleutel", "Sleutel-id", "Rol", "Methode", "Pad", "Doel", "Ingezien"]
    )
    for e in _audit(request, sleutel, doel, van, tot, pad):
        w.writerow(
            [
                e.seq,
                e.at,
                e.key_name,
                e.key_id,
                e.role,
                e.method,
                e.path,
                _PURPOSE_NL.get(e.purpose, e.purpose),
                ", ".join(e.subjects),
            ]
        )
    return Response(
        ("\ufeff" + out.getvalue()).encode("utf-8"),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="verbinder-audit.csv"'},
    )


# ----------------------------------------------------------------------------- /docs offline

_ASSETS = {
    "swagger-ui-bundle.js": "application/javascript",
    "swagger-ui.css": "text/css",
    "redoc.standalone.js": "application/javascript",
    "favicon.png": "image/png",
}

_DOCS_HTML = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Verbinder API</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css">
<link rel="icon" href="/docs/assets/favicon.png">
</head>
<body>
<main id="swagger-ui"></main>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script>
window.ui = SwaggerUIBundle({url: "/openapi.json", dom_id: "#swagger-ui",
  deepLinking: true, persistAuthorization: true, validatorUrl: null});
</script>
</body>
</html>
"""


_REDOC_HTML = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Verbinder API</title>
<link rel="icon" href="/docs/assets/favicon.png">
</head>
<body>
<redoc spec-url="/openapi.json"></redoc>
<script src="/docs/assets/redoc.standalone.js"></script>
</body>
</html>
"""


@router.get("/docs", response_class=HTMLResponse)
def api_docs() -> Response:
    """Swagger UI from the installed package: no CDN, so it renders without internet."""
    return HTMLResponse(_DOCS_HTML)


@router.get("/redoc", response_class=HTMLResponse)
def api_redoc() -> Response:
    """ReDoc from the installed package (no CDN)."""
    return HTMLResponse(_REDOC_HTML)


@router.get("/docs/assets/{name}")
def api_docs_asset(name: Annotated[str, Path(max_length=40)]) -> Response:
    import fastapi_offline

    media = _ASSETS.get(name)
    if media is None:
        return Response(status_code=404)
    folder = PathLib(fastapi_offline.__file__).parent / "static"
    return FileResponse(str(folder / name), media_type=media)
