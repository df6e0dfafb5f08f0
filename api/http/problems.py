"""Errors as ``application/problem+json`` (RFC 9457), mapped from domain errors in one place.

======================================  ======
error                                   status
======================================  ======
malformed or too deeply nested body     400
no or unknown API key                   401
role may not call the route             403
:class:`graph.errors.NotFoundError`     404
:class:`graph.errors.IntegrityError`,   409
:class:`Problem` with status 409
body larger than ``max_request_bytes``  413
request validation,                     422
:class:`graph.errors.ImportValidationError`,
a domain model's ``ValidationError``,
``OverflowError`` (a date or number out of range)
matcher input errors (``ValueError`` subclasses raised by ``matcher``)
:class:`graph.errors.StoreError`        503
:class:`graph.errors.StoreBusyError`    503 with ``Retry-After`` (a Dutch page for page requests)
too many requests for one key           429 with ``Retry-After`` (:mod:`api.http.limits`)
request took longer than its time-out   503 with ``Retry-After`` (:mod:`api.http.limits`)
anything else                           500 (no details leak)
======================================  ======
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

from graph.errors import (
    GraphError,
    ImportValidationError,
    IntegrityError,
    NotFoundError,
    StoreBusyError,
    StoreError,
)
from matcher.vocabulary import UNAVAILABLE_NL

__all__ = [
    "PROBLEM_RESPONSES",
    "PageRenderer",
    "Problem",
    "install_problem_handlers",
    "is_page",
    "problem_response",
    "status_for",
    "unavailable_response",
]

logger = logging.getLogger(__name__)

PROBLEM_TYPE = "https://verbinder.minienw.nl/problems/"
MEDIA_TYPE = "application/problem+json"


class Problem(Exception):
    """An error the API reports as problem+json."""

    def __init__(
        self,
        status: int,
        detail: str = "",
        *,
        title: str | None = None,
        errors: list[dict[str, Any]] | None = None,
        headers: dict[str, str] | None = None,
    ):
        super().__init__(detail or title or HTTPStatus(status).phrase)
        self.status = status
        self.detail = detail
        self.title = title or HTTPStatus(status).phrase
        self.errors = errors
        self.headers = headers


def problem_response(
    status: int,
    detail: str = "",
    *,
    title: str | None = None,
    instance: str = "",
    errors: list[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    phrase = HTTPStatus(status).phrase
    body: dict[str, Any] = {
        "type": PROBLEM_TYPE + phrase.lower().replace(" ", "-").replace("'", ""),
        "title": title or phrase,
        "status": status,
        "detail": detail or title or phrase,
    }
    if instance:
        body["instance"] = instance
    if errors:
        body["errors"] = errors
    return JSONResponse(body, status_code=status, media_type=MEDIA_TYPE, headers=headers)


#: Renders a Dutch error page: (request, status, title, message, headers) → response.
PageRenderer = Callable[[Request, int, str, str, dict[str, str]], Response]

_NOT_PAGES = ("/api/", "/health", "/ready", "/openapi.json", "/docs", "/redoc", "/static/")


def is_page(path: str) -> bool:
    """Whether ``path`` is a web page (answered in Dutch HTML) rather than the API."""
    return not path.startswith(_NOT_PAGES)


def unavailable_response(
    path: str,
    status: int,
    kind: str,
    seconds: int,
    detail: str,
    *,
    page: Callable[[int, str, str, dict[str, str]], Response] | None = None,
) -> Response:
    """A 429/503 answer with ``Retry-After``: a Dutch page for web pages, problem+json otherwise.

    ``kind`` is a key of :data:`matcher.vocabulary.UNAVAILABLE_NL` (``busy``, ``rate_limited``,
    ``timeout``); ``page`` renders (status, title, message, headers) for page requests.
    """
    headers = {"Retry-After": str(seconds)}
    if page is not None and is_page(path):
        title, text = UNAVAILABLE_NL[kind]
        return page(status, title, text.format(seconden=seconds), headers)
    return problem_response(status, detail, instance=path, headers=headers)


def _matcher_input_error(exc: Exception) -> bool:
    """Errors raised by ``matcher`` on bad input (e.g. an unknown id or an empty question)."""
    module = type(exc).__module__ or ""
    return module.startswith("matcher") and isinstance(exc, ValueError | LookupError)


def status_for(exc: Exception) -> int:
    """The HTTP status of a domain error."""
    if isinstance(exc, Problem):
        return exc.status
    if isinstance(exc, NotFoundError):
        return 404
    if isinstance(exc, IntegrityError):
        return 409
    if isinstance(exc, ImportValidationError):
        return 422
    if isinstance(exc, StoreError):
        return 503
    if isinstance(exc, GraphError) or _matcher_input_error(exc):
        return 422
    return 500


def install_problem_handlers(app: FastAPI, *, page: PageRenderer | None = None) -> None:
    """Register the handlers that turn every error into problem+json (or, for a busy store on a
    web page, a Dutch page rendered by ``page``)."""

    async def on_problem(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, Problem)
        return problem_response(
            exc.status,
            exc.detail,
            title=exc.title,
            instance=request.url.path,
            errors=exc.errors,
            headers=exc.headers,
        )

    async def on_http(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        detail = exc.detail if isinstance(exc.detail, str) else ""
        return problem_response(
            exc.status_code,
            detail,
            instance=request.url.path,
            headers=getattr(exc, "headers", None),
        )

    async def on_validation(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        errors = [
            {
                "field": ".".join(str(p) for p in err.get("loc", ()) if p != "body") or "body",
                "reason": str(err.get("msg", "")),
            }
            for err in exc.errors()
        ]
        if any(err.get("type") == "json_invalid" for err in exc.errors()):
            return problem_response(
                400, "The request body is not valid JSON.", instance=request.url.path
            )
        detail = "; ".join(f"{e['field']}: {e['reason']}" for e in errors[:5])
        return problem_response(422, detail, instance=request.url.path, errors=errors)

    async def on_domain(request: Request, exc: Exception) -> Response:
        if isinstance(exc, StoreBusyError):
            logger.warning("store busy on %s: %s", request.url.path, exc)

            def render(status: int, title: str, text: str, headers: dict[str, str]) -> Response:
                assert page is not None
                return page(request, status, title, text, headers)

            return unavailable_response(
                request.url.path,
                503,
                "busy",
                exc.retry_after,
                f"The store is busy with another write; nothing was written. Try again in "
                f"{exc.retry_after} s.",
                page=render if page is not None else None,
            )
        status = status_for(exc)
        errors = None
        if isinstance(exc, ImportValidationError):
            errors = [
                {"location": e.location, "record": e.record, "field": e.field, "reason": e.reason}
                for e in exc.errors
            ]
        if status >= 500:
            logger.error("%s on %s: %s", type(exc).__name__, request.url.path, exc)
            detail = "The store is unavailable." if status == 503 else ""
        else:
            detail = str(exc)
        return problem_response(status, detail, instance=request.url.path, errors=errors)

    async def on_bad_value(request: Request, exc: Exception) -> JSONResponse:
        """Input that passed the request schema but not a domain model or a range check."""
        if isinstance(exc, ValidationError):
            errors = [
                {
                    "field": ".".join(str(p) for p in err.get("loc", ())) or "body",
                    "reason": str(err.get("msg", "")),
                }
                for err in exc.errors()
            ]
            detail = f"{exc.title}: " + "; ".join(f"{e['field']}: {e['reason']}" for e in errors)
            return problem_response(422, detail, instance=request.url.path, errors=errors)
        if isinstance(exc, RecursionError):
            return problem_response(
                400, "The request is nested too deeply.", instance=request.url.path
            )
        return problem_response(422, f"A value is out of range: {exc}", instance=request.url.path)

    app.add_exception_handler(Problem, on_problem)
    app.add_exception_handler(ValidationError, on_bad_value)
    app.add_exception_handler(OverflowError, on_bad_value)
    app.add_exception_handler(RecursionError, on_bad_value)
    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(GraphError, on_domain)
    app.add_exception_handler(ValueError, on_domain)
    app.add_exception_handler(LookupError, on_domain)


def _problem_schema(status: int, example_detail: str) -> dict[str, Any]:
    phrase = HTTPStatus(status).phrase
    return {
        "description": phrase,
        "content": {
            MEDIA_TYPE: {
                "example": {
                    "type": PROBLEM_TYPE + phrase.lower().replace(" ", "-").replace("'", ""),
                    "title": phrase,
                    "status": status,
                    "detail": example_detail,
                }
            }
        },
    }


#: ``responses=`` entries for routers, so OpenAPI documents the problem answers.
PROBLEM_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: _problem_schema(400, "The request body is not valid JSON."),
    401: _problem_schema(401, "An API key is required (header X-API-Key)."),
    403: _problem_schema(403, "Role 'staff' may not call this route."),
    404: _problem_schema(404, "no node 'org:onbekend'"),
    409: _problem_schema(409, "node 'org:tno' already exists"),
    413: _problem_schema(413, "The request body is larger than 20971520 bytes."),
    422: _problem_schema(422, "body.kind: Input should be 'staff', 'organisation', …"),
    429: _problem_schema(429, "Too many requests for this API key; try again in 2 s."),
    503: _problem_schema(
        503, "The store is busy with another write; nothing was written. Try again in 5 s."
    ),
}
