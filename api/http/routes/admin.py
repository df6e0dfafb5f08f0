"""API keys and the audit log (admin only)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Path
from pydantic import BaseModel, Field

from api.http.deps import AdminKey, AuditDep, KeyStoreDep, PageDep, RuntimeDep
from api.http.problems import PROBLEM_RESPONSES, Problem
from api.http.schemas import AuditPage, CreatedKey, KeyPage, RevokedKey
from api.keystore import Role

__all__ = ["router"]

router = APIRouter(prefix="/api/v1/admin", tags=["admin"], responses=PROBLEM_RESPONSES)


class NewKey(BaseModel):
    role: Role
    name: str = Field(
        min_length=1, max_length=200, pattern=r"\S", description="Who or what uses the key."
    )
    staff_id: str | None = Field(
        default=None,
        pattern=r"^staff:\S+$",
        description="The staff member the key belongs to (their feedback, teams and dossiers).",
    )


@router.get("/keys", summary="List API keys (never the secrets)", response_model=KeyPage)
def list_keys(key: AdminKey, keystore: KeyStoreDep, page: PageDep) -> dict[str, Any]:
    keys = keystore.list()
    items = [
        {
            "key_id": k.key_id,
            "name": k.name,
            "role": k.role.value,
            "created": k.created,
            "revoked": k.revoked,
            "staff_id": k.staff_id,
        }
        for k in keys[page.offset : page.offset + page.limit]
    ]
    return {"items": items, "total": len(keys), "limit": page.limit, "offset": page.offset}


@router.post(
    "/keys",
    status_code=201,
    summary="Create an API key (the plain key is returned only now)",
    response_model=CreatedKey,
    responses={
        201: {
            "content": {
                "application/json": {
                    "example": {
                        "key_id": "3f9a0c1b2d4e",
                        "role": "staff",
                        "key": "vb_3f9a0c1b2d4e_…",
                    }
                }
            }
        }
    },
)
def create_key(
    key: AdminKey,
    keystore: KeyStoreDep,
    runtime: RuntimeDep,
    body: Annotated[NewKey, Body(examples=[{"role": "staff", "name": "Directie Water"}])],
) -> dict[str, Any]:
    if body.staff_id is not None and not runtime.store.has_node(body.staff_id):
        raise Problem(422, f"staff_id '{body.staff_id}': no such staff member in the store")
    record, plain = keystore.create(body.role, body.name, staff_id=body.staff_id)
    return {
        "key_id": record.key_id,
        "name": record.name,
        "role": record.role.value,
        "staff_id": record.staff_id,
        "key": plain,
    }


@router.delete("/keys/{key_id}", summary="Revoke an API key", response_model=RevokedKey)
def revoke_key(
    key: AdminKey, keystore: KeyStoreDep, key_id: Annotated[str, Path()]
) -> dict[str, Any]:
    if not keystore.revoke(key_id):
        raise Problem(404, f"no API key '{key_id}'")
    return {"key_id": key_id, "revoked": True}


@router.get(
    "/audit",
    summary="The audit log of personal-data reads, newest first",
    response_model=AuditPage,
    responses={
        200: {
            "content": {
                "application/json": {
                    "example": {
                        "items": [
                            {
                                "seq": 7,
                                "at": "2026-11-28T14:03:11.120+00:00",
                                "key_id": "3f9a0c1b2d4e",
                                "key_name": "Directie Water",
                                "role": "staff",
                                "method": "POST",
                                "path": "/api/v1/suggestions",
                                "purpose": "suggestions",
                                "subjects": ["contact:tno-1", "staff:0042"],
                            }
                        ],
                        "total": 1,
                        "limit": 50,
                        "offset": 0,
                    }
                }
            }
        }
    },
)
def read_audit(key: AdminKey, audit: AuditDep, page: PageDep) -> dict[str, Any]:
    entries, total = audit.entries(limit=page.limit, offset=page.offset)
    return {
        "items": [e.to_dict() for e in entries],
        "total": total,
        "limit": page.limit,
        "offset": page.offset,
    }
