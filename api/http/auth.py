"""Who is calling: API keys (header, bearer token or the web page's cookie) and role checks.

A request carries its key as ``X-API-Key: vb_…``, ``Authorization: Bearer vb_…`` or, for the web page,
the ``verbinder_sleutel`` cookie set by the login form. Keys and roles live in
:class:`api.keystore.KeyStore`; only hashes are stored.
"""

from __future__ import annotations

from fastapi import Request

from api.http.problems import Problem
from api.keystore import ApiKey, KeyStore, Role

__all__ = [
    "ALL_ROLES",
    "COOKIE_NAME",
    "ApiKey",
    "Role",
    "authenticate",
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
