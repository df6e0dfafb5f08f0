"""Integrity rules (exclusion windows) and the contact register (admin only)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Body, Query, Request, Response
from pydantic import BaseModel, Field

from api.http.deps import AdminKey, PageDep, RuntimeDep
from api.http.problems import PROBLEM_RESPONSES, Problem
from api.http.routes.privacy import RegisterEntry
from api.integrity import exclusions_for, load_rules, register_csv, save_rules
from matcher.suggest.integrity import IntegrityRuleError

__all__ = ["router"]

router = APIRouter(prefix="/api/v1/admin", tags=["integrity"], responses=PROBLEM_RESPONSES)


class RuleIn(BaseModel):
    key: str = Field(
        min_length=1,
        max_length=40,
        description="The rule's code: the key of the CONFLICT edges it governs (`tender`, …).",
    )
    days_before: int = Field(default=0, description="The exclusion starts this many days early.")
    days_after: int = Field(default=0, description="And lasts this many days after the end.")


class Rule(RuleIn):
    label: str = Field(description="What admins read: why an organisation is left out.")


class RuleSet(BaseModel):
    items: list[Rule]


class ExclusionOut(BaseModel):
    organisation: str
    organisation_name: str
    subject: str = Field(description="The dossier, staff member or team the conflict is on.")
    rule: str
    label: str = Field(description="E.g. `uitgesloten: lopende aanbesteding`.")
    start: dt.date | None
    end: dt.date | None


class Exclusions(BaseModel):
    items: list[ExclusionOut]


class Register(BaseModel):
    items: list[RegisterEntry]
    total: int
    limit: int
    offset: int


def _rule_set(runtime: RuntimeDep) -> RuleSet:
    rules = load_rules(runtime.store)
    return RuleSet(
        items=[
            Rule(key=r.key, days_before=r.days_before, days_after=r.days_after, label=r.label)
            for r in rules
        ]
    )


@router.get("/integrity/rules", summary="The exclusion rules in force")
def get_rules(key: AdminKey, runtime: RuntimeDep) -> RuleSet:
    return _rule_set(runtime)


@router.put("/integrity/rules", summary="Replace the exclusion rules (validated, all or nothing)")
def put_rules(
    key: AdminKey,
    runtime: RuntimeDep,
    body: Annotated[
        list[RuleIn], Body(examples=[[{"key": "tender", "days_before": 0, "days_after": 90}]])
    ],
) -> RuleSet:
    try:
        save_rules(runtime.store, [r.model_dump() for r in body])
    except IntegrityRuleError as e:
        raise Problem(422, str(e)) from e
    return _rule_set(runtime)


@router.get("/integrity/exclusions", summary="Organisations a query may not be suggested, and why")
def get_exclusions(
    key: AdminKey,
    runtime: RuntimeDep,
    staff: Annotated[str | None, Query(description="A staff id.")] = None,
    dossier: Annotated[str | None, Query(description="A dossier id.")] = None,
    as_of: Annotated[dt.date | None, Query(description="The day (default: today).")] = None,
) -> Exclusions:
    if not staff and not dossier:
        raise Problem(422, "give staff or dossier")
    for node_id in (staff, dossier):
        if node_id:
            runtime.store.get_node(node_id)  # 404 when unknown
    found = exclusions_for(
        runtime.store, staff=staff, dossier=dossier, as_of=as_of or dt.date.today()
    )
    names = runtime.store.get_nodes(found)
    return Exclusions(
        items=[
            ExclusionOut(
                organisation=e.organisation,
                organisation_name=names[e.organisation].label if e.organisation in names else "",
                subject=e.subject,
                rule=e.rule,
                label=e.label,
                start=e.start,
                end=e.end,
            )
            for e in sorted(found.values(), key=lambda e: e.organisation)
        ]
    )


@router.get("/contact-register", summary="Contacts named in suggestion answers (paginated)")
def get_register(key: AdminKey, runtime: RuntimeDep, page: PageDep) -> Register:
    rows, total = runtime.audit.backend.contacts_page(page.limit, page.offset)
    return Register(
        items=[RegisterEntry.model_validate(r) for r in rows],
        total=total,
        limit=page.limit,
        offset=page.offset,
    )


@router.get(
    "/contact-register.csv",
    summary="The contact register as CSV, for publication (Dutch columns; audited)",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}}}},
)
def export_register(key: AdminKey, runtime: RuntimeDep, request: Request) -> Response:
    rows: list[dict[str, object]] = []
    offset = 0
    while True:
        chunk, total = runtime.audit.backend.contacts_page(1000, offset)
        rows += chunk
        offset += len(chunk)
        if not chunk or offset >= total:
            break
    contacts = sorted({str(r["contact_id"]) for r in rows})
    if contacts:
        runtime.audit.record(
            key_id=key.key_id,
            role=key.role.value,
            method=request.method,
            path=request.url.path,
            purpose="export",
            subjects=contacts,
        )
    return Response(
        register_csv(rows, runtime.store),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="contactregister.csv"'},
    )
