"""Typed ``Annotated`` dependencies: settings, store, services, the caller's key and role.

Routes declare what they need, e.g.::

    @router.get("/nodes")
    def list_nodes(store: StoreDep, disclosure: GraphDisclosure, page: PageDep): ...

and the role check is part of the dependency (``StaffKey``, ``FacilitatorKey``, ``AdminKey`` …).
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, Query, Request
from starlette.concurrency import run_in_threadpool

from api.audit import AuditLog
from api.authstore import AuthBackend, open_auth_backend
from api.http.auth import ApiKey, Role, authenticate, check_role
from api.keystore import KeyStore
from api.privacy import Disclosure, Purpose
from api.services import Services
from api.settings import Settings
from api.stores import open_store
from graph.store import GraphStore

__all__ = [
    "AdminKey",
    "AnyKey",
    "AuditDep",
    "FacilitatorKey",
    "GraphDisclosure",
    "KeyStoreDep",
    "Page",
    "PageDep",
    "Runtime",
    "RuntimeDep",
    "SeatingDisclosure",
    "ServicesDep",
    "SettingsDep",
    "StaffKey",
    "StoreDep",
    "SuggestionsDisclosure",
    "TeamDisclosure",
    "paginate",
    "require",
]


class Runtime:
    """What one app instance holds: settings, the store (opened on first use), keys and audit."""

    def __init__(
        self,
        settings: Settings,
        *,
        store: GraphStore | None = None,
        auth_path: str | Path | None = None,
    ):
        self.settings = settings
        self._store = store
        self._owns_store = store is None
        self._lock = threading.Lock()
        self._auth_path = Path(auth_path) if auth_path is not None else None
        self._auth: AuthBackend | None = None
        self._keystore: KeyStore | None = None
        self._audit: AuditLog | None = None
        self._services: Services | None = None
        self.use_cases: list[str] = []

    @property
    def store(self) -> GraphStore:
        if self._store is None:
            with self._lock:
                if self._store is None:
                    self._store = open_store(None, self.settings)
        return self._store

    @property
    def auth(self) -> AuthBackend:
        """Keys and audit: a file beside the embedded store, or the Neo4j database itself."""
        if self._auth is None:
            store = self.store if self._auth_path is None else None
            with self._lock:
                if self._auth is None:
                    self._auth = open_auth_backend(self.settings, store, self._auth_path)
        return self._auth

    @property
    def keystore(self) -> KeyStore:
        if self._keystore is None:
            self._keystore = KeyStore(self.auth)
        return self._keystore

    @property
    def audit(self) -> AuditLog:
        if self._audit is None:
            self._audit = AuditLog(self.auth)
        return self._audit

    @property
    def services(self) -> Services:
        if self._services is None:
            with self._lock:
                if self._services is None:
                    self._services = Services(self.store, self.settings)
        return self._services

    def close(self) -> None:
        if self._services is not None:
            self._services.close()
        if self._store is not None and self._owns_store:
            self._store.close()
            self._store = None
        if self._auth is not None:
            self._auth.close()
            self._auth = None


async def get_runtime(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]


async def get_settings_dep(runtime: RuntimeDep) -> Settings:
    return runtime.settings


async def get_store(runtime: RuntimeDep) -> GraphStore:
    return runtime.store


async def get_services(runtime: RuntimeDep) -> Services:
    return runtime.services


async def get_keystore(runtime: RuntimeDep) -> KeyStore:
    return runtime.keystore


async def get_audit(runtime: RuntimeDep) -> AuditLog:
    return runtime.audit


SettingsDep = Annotated[Settings, Depends(get_settings_dep)]
StoreDep = Annotated[GraphStore, Depends(get_store)]
ServicesDep = Annotated[Services, Depends(get_services)]
KeyStoreDep = Annotated[KeyStore, Depends(get_keystore)]
AuditDep = Annotated[AuditLog, Depends(get_audit)]


def require(*roles: Role) -> Callable[..., Any]:
    """A dependency that authenticates the caller and checks the role is one of ``roles``.

    Trivial dependencies are ``async`` so they run on the event loop instead of a thread hop each;
    the key lookup is one indexed SQLite read (a Neo4j read goes to the thread pool)."""
    allowed = frozenset(roles)

    async def dependency(request: Request, keystore: KeyStoreDep) -> ApiKey:
        if keystore.path is None:  # keys in Neo4j: a network read, off the event loop
            key = await run_in_threadpool(authenticate, request, keystore)
        else:
            key = authenticate(request, keystore)
        request.state.api_key = key
        return check_role(key, allowed)

    dependency.__name__ = "require_" + "_".join(sorted(r.value for r in allowed))
    return dependency


AnyKey = Annotated[ApiKey, Depends(require(Role.STAFF, Role.FACILITATOR, Role.ADMIN))]
StaffKey = Annotated[ApiKey, Depends(require(Role.STAFF, Role.ADMIN))]
FacilitatorKey = Annotated[ApiKey, Depends(require(Role.FACILITATOR, Role.ADMIN))]
TeamKey = Annotated[ApiKey, Depends(require(Role.STAFF, Role.FACILITATOR, Role.ADMIN))]
AdminKey = Annotated[ApiKey, Depends(require(Role.ADMIN))]


def _disclosure(purpose: Purpose, *roles: Role) -> Callable[..., AsyncIterator[Disclosure]]:
    check = require(*roles)

    async def dependency(
        request: Request, runtime: RuntimeDep, key: ApiKey
    ) -> AsyncIterator[Disclosure]:
        disclosure = Disclosure(key, purpose, runtime.store)
        try:
            yield disclosure
        finally:
            if disclosure.shown:  # the audit write waits for the disk: off the event loop
                await run_in_threadpool(
                    disclosure.flush, runtime.audit, request.method, request.url.path
                )

    # ``check`` is local, so the annotation is given as an object, not a postponed string.
    dependency.__annotations__ = {
        "request": Request,
        "runtime": RuntimeDep,
        "key": Annotated[ApiKey, Depends(check)],
        "return": AsyncIterator[Disclosure],
    }
    return dependency


_ALL = (Role.STAFF, Role.FACILITATOR, Role.ADMIN)
GraphDisclosure = Annotated[Disclosure, Depends(_disclosure(Purpose.GRAPH, *_ALL))]
AdminGraphDisclosure = Annotated[Disclosure, Depends(_disclosure(Purpose.GRAPH, Role.ADMIN))]
ExportDisclosure = Annotated[Disclosure, Depends(_disclosure(Purpose.EXPORT, Role.ADMIN))]
SuggestionsDisclosure = Annotated[
    Disclosure, Depends(_disclosure(Purpose.SUGGESTIONS, Role.STAFF, Role.ADMIN))
]
SeatingDisclosure = Annotated[
    Disclosure, Depends(_disclosure(Purpose.SEATING, Role.FACILITATOR, Role.ADMIN))
]
TeamDisclosure = Annotated[Disclosure, Depends(_disclosure(Purpose.TEAM, *_ALL))]


#: Largest ``offset`` a list accepts (SQLite integers are 64-bit; no list is this long).
MAX_OFFSET = 1_000_000_000


@dataclass(frozen=True)
class Page:
    limit: int
    offset: int


async def get_page(
    limit: Annotated[int, Query(ge=1, le=500, description="Items per page.")] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Items to skip.")] = 0,
) -> Page:
    return Page(limit, offset)


PageDep = Annotated[Page, Depends(get_page)]


def paginate(items: list[Any], page: Page) -> dict[str, Any]:
    """``{"items", "total", "limit", "offset"}`` for one page of ``items``."""
    return {
        "items": items[page.offset : page.offset + page.limit],
        "total": len(items),
        "limit": page.limit,
        "offset": page.offset,
    }
