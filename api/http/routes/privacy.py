"""AVG rights of one person (admin only): everything stored about them, and their erasure."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from pydantic import BaseModel, Field

from api.http.deps import AdminKey, RuntimeDep
from api.http.problems import PROBLEM_RESPONSES, Problem
from api.http.schemas import AuditEntryOut
from api.subject_rights import NotAPersonError, erase_person, personal_data

__all__ = ["router"]

router = APIRouter(prefix="/api/v1/privacy", tags=["privacy"], responses=PROBLEM_RESPONSES)

PersonId = Annotated[
    str,
    Path(description="A person: `staff:…` or `contact:…`.", examples=["contact:tno-1"]),
]


class Mentions(BaseModel):
    nodes: list[dict[str, Any]] = Field(description="Other records whose text names the person.")
    edges: list[dict[str, Any]] = Field(description="Edges of others whose text names them.")


class PersonKey(BaseModel):
    key_id: str
    name: str
    role: str
    created: str
    revoked: bool


class RegisterEntry(BaseModel):
    seq: int
    at: str
    key_id: str
    staff_id: str | None
    organisation_id: str
    contact_id: str
    dossier_id: str | None
    question: str


class PersonalData(BaseModel):
    """Everything stored about one person."""

    person: dict[str, Any] = Field(description="Their record, every field.")
    edges: list[dict[str, Any]] = Field(description="Every edge touching them but feedback.")
    feedback: list[dict[str, Any]] = Field(description="Feedback by or about them.")
    mentioned_in: Mentions
    api_keys: list[PersonKey]
    audit: list[AuditEntryOut] = Field(description="Audit entries that show them.")
    contact_register: list[RegisterEntry]


class ErasureReport(BaseModel):
    """What an erasure removed, in counts (naming nobody)."""

    person_kind: str
    edges: int
    rewritten_nodes: int
    rewritten_edges: int
    vector_hashes: int
    api_keys: int
    contact_register: int
    audit_unlinked: int
    tombstone: int = Field(description="Sequence number of the tombstone in the audit log.")


@router.get("/{person_id}", summary="Everything stored about a person (AVG access request)")
def access(
    person_id: PersonId, key: AdminKey, runtime: RuntimeDep, request: Request
) -> PersonalData:
    try:
        data = personal_data(runtime.store, runtime.keystore, runtime.audit, person_id)
    except NotAPersonError as e:
        raise Problem(422, str(e)) from e
    runtime.audit.record(
        key_id=key.key_id,
        role=key.role.value,
        method=request.method,
        path=request.url.path,
        purpose="access",
        subjects=[person_id],
    )
    return PersonalData.model_validate(data)


@router.delete("/{person_id}", summary="Erase a person everywhere (AVG erasure)")
def erase(
    person_id: PersonId, key: AdminKey, runtime: RuntimeDep, request: Request
) -> ErasureReport:
    try:
        report = erase_person(
            runtime.store,
            runtime.keystore,
            runtime.audit,
            person_id,
            actor_key_id=key.key_id,
            actor_role=key.role.value,
            method=request.method,
            path=request.url.path,
        )
    except NotAPersonError as e:
        raise Problem(422, str(e)) from e
    return ErasureReport.model_validate(report.to_dict())
