"""The FastAPI application: :func:`create_app` wires settings, store, keys, audit and routers.

One router per use case lives in :mod:`api.http.routes`; a router whose service module is not part of
this installation is simply not mounted (see ``_OPTIONAL_ROUTERS``).
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.http.deps import Runtime
from api.http.limits import RateLimit, RequestsFirst, RequestTimeout
from api.http.page_errors import error_page, install_page_errors
from api.http.problems import install_problem_handlers, problem_response
from api.http.web import PageAuth
from api.settings import Settings, get_settings
from graph.store import GraphStore

__all__ = ["API_PREFIX", "BodySizeLimit", "create_app"]

logger = logging.getLogger(__name__)

API_PREFIX = "/api/v1"
_HERE = Path(__file__).parent

#: Routers always mounted.
_ROUTERS = ["health", "graph", "admin", "privacy", "integrity", "pages"]
#: Routers that need a service module: (router module, module it needs).
_OPTIONAL_ROUTERS: list[tuple[str, str]] = [
    ("graph_io", "graph.io"),
    ("suggestions", "matcher.suggest.suggester"),
    ("seating", "matcher.seating"),
    ("coalitions", "matcher.coalition.assembly"),
    ("nudges", "matcher.timing.nudging"),
    ("feedback", "matcher.suggest.feedback"),
]

_DESCRIPTION = """
Verbinder links civil servants of the ministry of Infrastructure and Water Management with societal
partners: partner **suggestions** with reasons and a warm introduction, **seating** of guests at
team tables across programme sessions, and co-producer **coalitions** with timely **nudges**.

Authenticate with an API key in the `X-API-Key` header (or `Authorization: Bearer …`). Create one with
`verbinder apikey create --role staff --name "Jan Jansen"`. Roles: `staff`, `facilitator`, `admin`.
Personal data (names and details of contacts and staff) is shown only to roles that need it for the
purpose at hand, and every such read is written to the audit log. Errors are
`application/problem+json`; lists take `limit`/`offset` and report `total`.
"""


class BodySizeLimit:
    """Answer 413 (problem+json) when a request body exceeds ``max_bytes``.

    The declared ``Content-Length`` is checked first; bodies without one (chunked) are read up to
    the limit and replayed to the app.
    """

    def __init__(self, app: ASGIApp, max_bytes: int):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = None
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = None
        if declared is not None:
            if declared > self.max_bytes:
                await self._reject(scope, receive, send)
                return
            await self.app(scope, receive, send)
            return
        if scope.get("method") in ("GET", "HEAD", "OPTIONS", "DELETE"):
            await self.app(scope, receive, send)
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                break
            body = message.get("body", b"")
            size += len(body)
            if size > self.max_bytes:
                await self._reject(scope, receive, send)
                return
            chunks.append(body)
            if not message.get("more_body", False):
                break
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": b"".join(chunks), "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _reject(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = problem_response(
            413,
            f"The request body is larger than {self.max_bytes} bytes.",
            instance=scope.get("path", ""),
        )
        await response(scope, receive, send)


async def _page_auth_response(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, PageAuth)
    return exc.response


def _include(app: FastAPI, module_name: str) -> None:
    module = importlib.import_module(f"api.http.routes.{module_name}")
    app.include_router(module.router)


def _try_include(app: FastAPI, name: str, needs: str) -> bool:
    """Mount ``api.http.routes.<name>`` when its service module ``needs`` (and the names the router
    imports from it) are installed; otherwise leave the use case out and say so in the log."""
    try:
        importlib.import_module(needs)
        _include(app, name)
    except ImportError as e:
        logger.warning("use case %s not available: %s", name, e)
        return False
    return True


def create_app(
    settings: Settings | None = None,
    *,
    store: GraphStore | None = None,
    auth_path: str | Path | None = None,
) -> FastAPI:
    """Build the Verbinder HTTP app.

    Parameters
    ----------
    settings:
        Configuration (default: :func:`api.settings.get_settings`).
    store:
        An already open store (tests); by default the store named by ``settings.store`` is opened on
        first use and closed on shutdown.
    auth_path:
        The keys/audit file (default: next to the store, see :func:`api.keystore.auth_db_path`).
    """
    from api.services import tune_interpreter
    from matcher.text.encoders import limit_blas_threads

    limit_blas_threads()
    tune_interpreter()
    settings = settings or get_settings()
    runtime = Runtime(settings, store=store, auth_path=auth_path)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        runtime.close()

    app = FastAPI(
        title="Verbinder",
        version="0.1.0",
        description=_DESCRIPTION,
        lifespan=lifespan,
        openapi_tags=_tags(),
        docs_url=None,  # /docs and /redoc are served offline by api.http.routes.admin_pages
        redoc_url=None,
    )
    app.state.runtime = runtime
    install_problem_handlers(app, page=error_page)
    app.add_exception_handler(PageAuth, _page_auth_response)
    install_page_errors(app)
    app.add_middleware(RequestsFirst)
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_request_bytes)
    app.add_middleware(
        RequestTimeout,
        seconds=settings.request_timeout,
        exempt=(f"{API_PREFIX}/graph/import", f"{API_PREFIX}/graph/export"),
        page=error_page,
    )
    app.add_middleware(  # outermost: a caller over its rate costs no work at all
        RateLimit,
        per_minute=settings.rate_limit_per_minute,
        burst=settings.rate_limit_burst,
        page=error_page,
    )
    app.mount("/static", StaticFiles(directory=_HERE / "static"), name="static")
    for name in _ROUTERS:
        _include(app, name)
    mounted = []
    for name, needs in _OPTIONAL_ROUTERS:
        if _try_include(app, name, needs):
            mounted.append(name)
    runtime.use_cases = mounted
    logger.info("routers mounted: %s", ", ".join(_ROUTERS + mounted))
    return app


def _tags() -> list[dict[str, Any]]:
    return [
        {"name": "health", "description": "Liveness and readiness (no key needed)."},
        {"name": "graph", "description": "Nodes and edges of the network; ego-network pictures."},
        {"name": "import/export", "description": "Whole-graph import and export (admin)."},
        {"name": "suggestions", "description": "Partner suggestions with reasons (staff)."},
        {"name": "seating", "description": "Guest tables per programme edition (facilitator)."},
        {"name": "coalitions", "description": "Co-producer coalitions for a team."},
        {"name": "nudges", "description": "Dated nudges: the right moment to reach out."},
        {"name": "feedback", "description": "What happened with a shown suggestion."},
        {"name": "admin", "description": "API keys and the audit log (admin)."},
        {"name": "privacy", "description": "AVG access and erasure of one person (admin)."},
        {
            "name": "integrity",
            "description": "Exclusion rules and the contact register for transparency (admin).",
        },
    ]
