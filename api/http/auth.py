"""Who is calling: API keys (header, bearer token or the web page's cookie) and role checks.

A request carries its key as ``X-API-Key: vb_…``, ``Authorization: Bearer vb_…`` or, for the web page,
the ``verbinder_sleutel`` cookie set by the login form. Keys and roles live in
:class:`api.keystore.KeyStore`; only hashes are stored.
"""

from __future__ import annotations

from fastapi import Request

from api.http.problems import Problem
from api.keystore import ApiKey, KeyStore, Role
from graph.store import GraphStore

__all__ = [
    "ALL_ROLES",
    "COOKIE_NAME",
    "ApiKey",
    "Role",
    "authenticate",
    "check_author",
    "check_role",
    "key_from_request",
]

COOKIE_NAME = "verbinder_sleutel"
ALL_ROLES: frozenset[Role] = frozenset(Role)


def key_from_request(request: Request) -> str | None:
    """The plain key sent with the request, if any (header first, then bearer, then cookie)."""
    header = request.headers.get("x-api-key")
    if header:
        return header.strip()
    authz = request.headers.get("authorization", "")
    scheme, _, token = authz.partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return token.strip()
    cookie = request.cookies.get(COOKIE_NAME)
    return cookie.strip() if cookie else None


def authenticate(request: Request, keystore: KeyStore) -> ApiKey:
    """The caller's key; :class:`Problem` 401 when missing or unknown/revoked."""
    plain = key_from_request(request)
    if not plain:
        raise Problem(
            401,
            "An API key is required (header X-API-Key or Authorization: Bearer).",
            headers={"WWW-Authenticate": 'Bearer realm="verbinder"'},
        )
    key = keystore.verify(plain)
    if key is None:
        raise Problem(
            401,
            "The API key is unknown or revoked.",
            headers={"WWW-Authenticate": 'Bearer realm="verbinder", error="invalid_token"'},
        )
    return key


def check_role(key: ApiKey, allowed: frozenset[Role]) -> ApiKey:
    """``key`` when its role is allowed; :class:`Problem` 403 otherwise."""
    if key.role not in allowed:
        names = ", ".join(sorted(r.value for r in allowed))
        raise Problem(403, f"Role '{key.role.value}' may not call this route (allowed: {names}).")
    return key


def check_author(key: ApiKey, subject: str | None, store: GraphStore) -> str:
    """Whom a record made with ``key`` (feedback, a shortlist, an introduction) belongs to.

    ``subject`` is a staff id or a team id (``None``: the key's own staff member). A staff or
    facilitator key records only for its own staff member or for a team that person is a member
    of; anything else is :class:`Problem` 403. Admins may record on behalf of anyone (the caller
    audits that). A non-admin key not bound to a staff member cannot record at all.
    """
    if key.role is Role.ADMIN:
        if subject is None and key.staff_id is None:
            raise Problem(422, "subject: required, since this admin key is not bound to a person")
        return subject or str(key.staff_id)
    if key.staff_id is None:
        raise Problem(
            403,
            "This key is not bound to a staff member, so nothing can be recorded in its name "
            "(an admin creates one with `verbinder apikey create --staff staff:…`).",
        )
    if subject is None or subject == key.staff_id:
        return key.staff_id
    if subject.startswith("team:"):
        teams = {e.target for e in store.edges("MEMBER_OF", source=key.staff_id)}
        if subject in teams:
            return subject
        raise Problem(403, f"subject '{subject}': {key.staff_id} is not a member of this team")
    raise Problem(
        403, f"subject '{subject}': a key records only for its own staff member ({key.staff_id})"
    )
