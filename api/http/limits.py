"""Per-key rate limits and request time-outs, as ASGI middleware.

- :class:`RateLimit`: a token bucket per API key (``rate_limit_per_minute``, ``rate_limit_burst``).
  A key that runs dry gets ``429`` with ``Retry-After``; other keys are unaffected. Requests without
  a key are counted per client address. Buckets are kept for at most ``max_callers`` callers (the
  least recently seen are forgotten: a forgotten bucket would have refilled anyway).
- :class:`RequestTimeout`: a request that has not started its answer after ``seconds`` gets ``503``
  with ``Retry-After``; the work is cancelled where it can be and its late answer is dropped. A
  request cut off because the server is stopping gets ``503`` too, not a bare ``500``.

Both answer problem+json on the API and a Dutch page on web pages
(:func:`api.http.problems.unavailable_response`).
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from http.cookies import SimpleCookie

from fastapi import Request
from fastapi.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.http.auth import COOKIE_NAME
from api.http.problems import PageRenderer, unavailable_response
from graph.priority import answering

__all__ = ["RateLimit", "RequestTimeout", "RequestsFirst", "TokenBuckets", "caller_of"]

logger = logging.getLogger(__name__)

#: Paths never limited: probes and static files.
_FREE = ("/health", "/ready", "/static/")


class TokenBuckets:
    """One token bucket per caller: ``burst`` tokens, refilled at ``per_minute / 60`` per second.

    >>> t = [0.0]
    >>> b = TokenBuckets(per_minute=60, burst=2, clock=lambda: t[0])
    >>> [b.take("a"), b.take("a"), b.take("a"), b.take("b")]
    [0.0, 0.0, 1.0, 0.0]
    >>> t[0] = 1.0
    >>> b.take("a")
    0.0
    """

    def __init__(
        self,
        *,
        per_minute: int,
        burst: int,
        max_callers: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.rate = per_minute / 60.0
        self.burst = max(1, burst)
        self.max_callers = max_callers
        self._clock = clock
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._lock = threading.Lock()

    def take(self, caller: str) -> float:
        """Take one token: ``0.0`` when allowed, else the seconds until a token is back."""
        now = self._clock()
        with self._lock:
            tokens, last = self._buckets.pop(caller, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - last) * self.rate)
            if tokens >= 1.0:
                tokens -= 1.0
                wait = 0.0
            else:
                wait = (1.0 - tokens) / self.rate if self.rate > 0 else 60.0
            self._buckets[caller] = (tokens, now)
            while len(self._buckets) > self.max_callers:
                self._buckets.popitem(last=False)
        return wait

    def __len__(self) -> int:
        return len(self._buckets)


def caller_of(scope: Scope) -> str:
    """Who is calling, for rate limiting: a hash of the key sent (header, bearer or cookie), or
    the client address when there is none. A wrong key has its own bucket, so guessing cannot
    exhaust someone else's."""
    headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope.get("headers", [])}
    plain = headers.get("x-api-key", "").strip()
    if not plain:
        scheme, _, token = headers.get("authorization", "").partition(" ")
        plain = token.strip() if scheme.lower() == "bearer" else ""
    if not plain and "cookie" in headers:
        cookie: SimpleCookie = SimpleCookie()
        try:
            cookie.load(headers["cookie"])
        except Exception:  # a malformed cookie header is no key
            cookie = SimpleCookie()
        morsel = cookie.get(COOKIE_NAME)
        plain = morsel.value.strip() if morsel else ""
    if plain:
        return "key:" + hashlib.sha256(plain.encode("utf-8")).hexdigest()[:32]
    client = scope.get("client") or ("unknown", 0)
    return f"addr:{client[0]}"


def _page_for(
    scope: Scope, receive: Receive, page: PageRenderer | None
) -> Callable[[int, str, str, dict[str, str]], Response] | None:
    if page is None:
        return None
    request = Request(scope, receive)

    def render(status: int, title: str, text: str, headers: dict[str, str]) -> Response:
        return page(request, status, title, text, headers)

    return render


class RateLimit:
    """``429`` with ``Retry-After`` for a caller over its rate (see :class:`TokenBuckets`)."""

    def __init__(
        self, app: ASGIApp, *, per_minute: int, burst: int, page: PageRenderer | None = None
    ):
        self.app = app
        self.buckets = TokenBuckets(per_minute=per_minute, burst=burst) if per_minute > 0 else None
        self.page = page

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or self.buckets is None or path.startswith(_FREE):
            await self.app(scope, receive, send)
            return
        wait = self.buckets.take(caller_of(scope))
        if wait <= 0:
            await self.app(scope, receive, send)
            return
        seconds = max(1, math.ceil(wait))
        response = unavailable_response(
            path,
            429,
            "rate_limited",
            seconds,
            f"Too many requests for this API key; try again in {seconds} s.",
            page=_page_for(scope, receive, self.page),
        )
        await response(scope, receive, send)


class RequestsFirst:
    """While a request is answered, background rebuilds give way (see :mod:`graph.priority`)."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        with answering():
            await self.app(scope, receive, send)


class RequestTimeout:
    """``503`` with ``Retry-After`` when no answer has started after ``seconds``.

    ``exempt`` path prefixes (whole-graph import and export) may take as long as they need.
    """

    def __init__(
        self,
        app: ASGIApp,
        *,
        seconds: float,
        exempt: tuple[str, ...] = (),
        page: PageRenderer | None = None,
    ):
        self.app = app
        self.seconds = seconds
        self.exempt = exempt
        self.page = page
        self._late: set[asyncio.Task[None]] = set()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or self.seconds <= 0 or path.startswith(self.exempt):
            await self.app(scope, receive, send)
            return
        started = asyncio.Event()
        timed_out = False

        async def guarded_send(message: Message) -> None:
            if timed_out:
                return  # the caller already has its 503
            if message["type"] == "http.response.start":
                started.set()
            await send(message)

        async def run() -> None:
            await self.app(scope, receive, guarded_send)

        task: asyncio.Task[None] = asyncio.create_task(run())
        waiter = asyncio.create_task(started.wait())
        try:
            await asyncio.wait({task, waiter}, timeout=self.seconds, return_when="FIRST_COMPLETED")
        except asyncio.CancelledError:
            # The server is stopping (graceful shutdown ran out): answer instead of a bare 500.
            waiter.cancel()
            if not started.is_set():
                timed_out = True
                self._abandon(task)
                await self._unavailable(scope, receive, send, "stopping", 2)
            raise
        waiter.cancel()
        if started.is_set() or task.done():
            await task
            return
        timed_out = True
        self._abandon(task)
        logger.warning(
            "request %s %s timed out after %g s", scope.get("method"), path, self.seconds
        )
        await self._unavailable(
            scope, receive, send, "timeout", max(1, math.ceil(self.seconds / 4))
        )

    def _abandon(self, task: asyncio.Task[None]) -> None:
        task.cancel()  # work in a thread finishes on its own; its answer is dropped
        self._late.add(task)
        task.add_done_callback(self._forget)

    async def _unavailable(
        self, scope: Scope, receive: Receive, send: Send, kind: str, seconds: int
    ) -> None:
        detail = {
            "timeout": f"The answer took longer than {self.seconds:g} s and was not waited for; "
            f"try again in {seconds} s or ask for less.",
            "stopping": f"The server is stopping and could not finish this request; try again "
            f"in {seconds} s.",
        }[kind]
        response = unavailable_response(
            scope.get("path", ""),
            503,
            kind,
            seconds,
            detail,
            page=_page_for(scope, receive, self.page),
        )
        await response(scope, receive, send)

    def _forget(self, task: asyncio.Task[None]) -> None:
        self._late.discard(task)
        if not task.cancelled() and task.exception() is not None:
            logger.warning("late request failed: %s", task.exception())
