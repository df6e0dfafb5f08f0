"""Dutch HTML error pages for the web page's routes; the API keeps its problem+json answers.

:func:`install_page_errors` wraps the handlers that :func:`api.http.problems.install_problem_handlers`
registered: a request for a page (not ``/api/…``, ``/openapi.json``, ``/static/…``, ``/health``,
``/ready``) that a browser made (it accepts HTML) gets the page ``fout.html`` with the same status,
in Dutch; every other request goes to the problem handler unchanged. Unexpected errors (500) get a
Dutch page too, and problem+json on the API.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.http.problems import MEDIA_TYPE, problem_response

__all__ = ["error_page", "install_page_errors", "is_page_request"]

logger = logging.getLogger(__name__)

_API_PREFIXES = ("/api/", "/openapi.json", "/static/", "/health", "/ready", "/docs/assets/")

_TITLES = {
    400: "Ongeldig verzoek",
    401: "Niet ingelogd",
    403: "Geen toegang",
    404: "Pagina niet gevonden",
    405: "Dat kan hier niet",
    409: "Dat botst met wat er al is",
    413: "Te groot",
    422: "Ongeldige invoer",
    500: "Er ging iets mis",
    503: "Tijdelijk niet beschikbaar",
}
_MESSAGES = {
    404: "Deze pagina bestaat niet (meer). Controleer het adres of ga terug naar het begin.",
    405: "Deze pagina kan niet op deze manier worden opgevraagd.",
    500: "Er ging aan onze kant iets mis. Probeer het later opnieuw; blijft het misgaan, meld het "
    "dan bij de beheerder.",
    503: "De gegevens zijn nu niet bereikbaar. Probeer het over een paar minuten opnieuw.",
}
_FIELDS_NL = {
    "missing": "ontbreekt",
    "int_parsing": "is geen geheel getal",
    "greater_than_equal": "is te klein",
    "less_than_equal": "is te groot",
    "string_too_long": "is te lang",
    "literal_error": "is geen toegestane waarde",
    "date_from_datetime_parsing": "is geen datum (jjjj-mm-dd)",
}

Handler = Callable[[Request, Exception], Awaitable[Response]]


def is_page_request(request: Request) -> bool:
    """True for a browser asking for one of the web page's routes."""
    path = request.url.path
    if any(path.startswith(p) for p in _API_PREFIXES):
        return False
    accept = request.headers.get("accept", "")
    return "text/html" in accept or "*/*" in accept or not accept


def _validation_text(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors()[:5]:
        field = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "body", "path"))
        why = _FIELDS_NL.get(str(err.get("type", "")), "is ongeldig")
        value = err.get("input")
        shown = f" (‘{value}’)" if isinstance(value, str | int) and str(value) else ""
        parts.append(f"Het veld ‘{field or 'invoer'}’{shown} {why}.")
    return " ".join(parts) or "De invoer is ongeldig."


def error_page(
    request: Request,
    status: int,
    title: str,
    message: str,
    headers: dict[str, str] | None = None,
) -> Response:
    """The Dutch page ``fout.html`` for an error, with the answer's headers (e.g. ``Retry-After``);
    the one renderer of every page error (also the ``page`` renderer of the problem handlers and
    of the rate-limit and time-out middleware)."""
    from api.http.web import render

    key = None
    try:
        from api.http.auth import key_from_request
        from api.http.web import runtime_of

        plain = key_from_request(request)
        key = runtime_of(request).keystore.verify(plain) if plain else None
    except Exception:
        key = None
    response = render(
        request,
        "fout.html",
        {"titel": title, "melding": message},
        key=key,
        status_code=status,
    )
    response.headers.update(headers or {})
    return response


def _page(
    request: Request, status: int, message: str, headers: dict[str, str] | None = None
) -> Response:
    return error_page(request, status, _TITLES.get(status, "Er ging iets mis"), message, headers)


def install_page_errors(app: FastAPI) -> None:
    """Wrap the problem handlers so page routes answer Dutch HTML (see the module docstring)."""
    handlers = dict(app.exception_handlers)

    def wrap(exc_class: type[Exception]) -> None:
        inner: Handler | None = handlers.get(exc_class)  # type: ignore[assignment]

        async def handler(request: Request, exc: Exception) -> Response:
            if is_page_request(request):
                if isinstance(exc, RequestValidationError):
                    return _page(request, 422, _validation_text(exc))
                if isinstance(exc, StarletteHTTPException):
                    detail = _MESSAGES.get(exc.status_code, "")
                    return _page(request, exc.status_code, detail or str(exc.detail))
                if inner is not None:
                    answer = await inner(request, exc)
                    if not answer.headers.get("content-type", "").startswith(MEDIA_TYPE):
                        return answer  # the handler answered with a page of its own
                    status = answer.status_code
                    message = _MESSAGES.get(status) or f"Dat lukt niet: {exc}"
                    kept = {k: v for k, v in answer.headers.items() if k.lower() == "retry-after"}
                    return _page(request, status, message, kept)
            if inner is not None:
                return await inner(request, exc)
            raise exc

        app.add_exception_handler(exc_class, handler)

    for exc_class in list(handlers):
        is_error = isinstance(exc_class, type) and issubclass(exc_class, Exception)
        if is_error and exc_class.__name__ != "PageAuth":
            wrap(exc_class)

    async def on_error(request: Request, exc: Exception) -> Response:
        logger.error("unexpected %s on %s", type(exc).__name__, request.url.path)
        if is_page_request(request):
            return _page(request, 500, _MESSAGES[500])
        return problem_response(500, "", instance=request.url.path)

    app.add_exception_handler(Exception, on_error)
