"""Feedback on a shown suggestion, coalition member or nudge (accepted, declined, met, …)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Body, Form, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, Field

from api.http.auth import check_author
from api.http.deps import AuditDep, StoreDep, TeamDisclosure
from api.http.problems import PROBLEM_RESPONSES
from api.http.schemas import FeedbackOut
from api.http.web import page_key, runtime_of
from api.keystore import Role
from api.services import today
from matcher.suggest.feedback import FeedbackError, record_feedback
from matcher.vocabulary import MEMBER_FEEDBACK_NL

__all__ = ["ON_BEHALF_PURPOSE", "router"]

router = APIRouter(tags=["feedback"], responses=PROBLEM_RESPONSES)

#: Audit purpose of a record an admin made in someone else's name.
ON_BEHALF_PURPOSE = "on_behalf"


class FeedbackIn(BaseModel):
    subject: str | None = Field(
        default=None,
        min_length=1,
        max_length=200,
        pattern=r"^\S+$",
        description="The staff member or team that answers (default: the key's staff member). "
        "A staff or facilitator key may name only its own staff member or one of that person's "
        "teams; an admin may record on behalf of anyone, which is audited.",
    )
    target: str = Field(
        min_length=1,
        max_length=200,
        pattern=r"^\S+$",
        description="The organisation or contact shown.",
    )
    outcome: Literal["shown", "accepted", "declined", "met", "co_produced"]
    date: dt.date | None = Field(default=None, description="Default today.")
    context: Literal["suggestion", "coalition", "nudge"] = "suggestion"
    note: str = Field(default="", max_length=2000)


@router.post(
    "/api/v1/feedback",
    status_code=201,
    summary="Record what happened with a suggestion",
    response_model=FeedbackOut,
)
def post_feedback(
    request: Request,
    store: StoreDep,
    audit: AuditDep,
    disclosure: TeamDisclosure,
    body: Annotated[
        FeedbackIn,
        Body(
            examples=[
                {
                    "subject": "team:1-1",
                    "target": "org:deltares",
                    "outcome": "met",
                    "context": "coalition",
                }
            ]
        ),
    ],
) -> dict[str, Any]:
    """A bad subject, target or outcome answers 422 naming the field; recording for someone else
    answers 403. Nothing is written in either case."""
    key = disclosure.key
    subject = check_author(key, body.subject, store)
    edge = record_feedback(
        store,
        subject,
        body.target,
        body.outcome,
        date=body.date or today(),
        context=body.context,
        note=body.note,
    )
    if key.role is Role.ADMIN and subject != key.staff_id:
        audit.record(
            key_id=key.key_id,
            key_name=key.name,
            role=key.role.value,
            method=request.method,
            path=request.url.path,
            purpose=ON_BEHALF_PURPOSE,
            subjects=[subject],
        )
    return disclosure.edge(edge)


@router.post("/team/terugkoppeling", include_in_schema=False)
def team_feedback(
    request: Request,
    team: Annotated[str, Form(max_length=200)],
    organisatie: Annotated[str, Form(max_length=200)],
    uitkomst: Annotated[Literal["met", "accepted", "declined", "co_produced"], Form()],
    datum: Annotated[str, Form(max_length=10)] = "",
) -> Response:
    page_key(request)
    store = runtime_of(request).store
    try:
        day = dt.date.fromisoformat(datum) if datum else today()
        record_feedback(store, team, organisatie, uitkomst, date=day, context="coalition")
        name = store.get_node(organisatie).label
        melding = f"Vastgelegd: {name} — {MEMBER_FEEDBACK_NL[uitkomst]}."
    except (FeedbackError, ValueError, KeyError) as e:
        melding = f"Niet vastgelegd: {e}"
    query = urlencode({"team": team, "datum": datum, "melding": melding})
    # back at the coalition, where the answer was given; a declined partner makes room
    return RedirectResponse(f"/team?{query}#coalitie", status_code=303)
