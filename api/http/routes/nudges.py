"""Nudges: "the right moment" — dated prompts from milestones, sessions and fading relations.

The list and the .ics hold the nudges to act on: those answered *done* are gone, *snoozed* ones
come back on their day, and the rest are spread over working days, at most ``weekly_cap`` a week
(highest priority first). Each names who should act and why now.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Path, Query
from fastapi.responses import Response
from pydantic import BaseModel, Field

from api.http.deps import PageDep, ServicesDep, TeamDisclosure, paginate
from api.http.problems import PROBLEM_RESPONSES
from api.services import today

__all__ = ["router"]

router = APIRouter(prefix="/api/v1", tags=["nudges"], responses=PROBLEM_RESPONSES)

Staff = Annotated[str | None, Query(description="A staff id.")]
Dossier = Annotated[str | None, Query(description="A dossier id.")]
Team = Annotated[str | None, Query(description="A team id.", examples=["team:1-1"])]
AsOf = Annotated[dt.date | None, Query(description="Today (default: the real today).")]
Horizon = Annotated[int, Query(ge=0, le=365, description="Days ahead to look.")]
WeeklyCap = Annotated[int, Query(ge=1, le=20, description="Nudges in one week at most.")]


class NudgeOut(BaseModel):
    """One nudge: when, what, who should act and why now."""

    date: dt.date
    kind: str = Field(description="milestone, session, fading or newly_active.")
    kind_nl: str
    subject: str
    title: str
    reason: str
    organisation: str | None = None
    contact: str | None = None
    dossier: str | None = None
    session: str | None = None
    start: dt.datetime | None = None
    end: dt.datetime | None = None
    score: float = Field(description="Priority (higher first when the week is full).")
    staff: list[str]
    evidence: dict[str, Any]
    actor: str | None = Field(default=None, description="The staff member who should act.")
    actor_name: str | None = None
    why_now: str = ""
    uid: str = Field(description="iCalendar UID (changes with the date).")
    key: str = Field(description="The same nudge on any day: answer done / snooze with it.")


class NudgePage(BaseModel):
    items: list[NudgeOut]
    total: int
    limit: int
    offset: int
    weekly_cap: int
    answered: int = Field(description="Nudges left out because they were answered (done/snooze).")
    left_out: int = Field(description="Nudges the weekly cap left out (lowest priority).")


class NudgeAnswerIn(BaseModel):
    subject: str = Field(max_length=200, description="The staff member or team that answers.")
    status: Literal["done", "snoozed"]
    until: dt.date | None = Field(default=None, description="Snooze until (default 14 days).")
    as_of: dt.date | None = Field(default=None, description="Today (default the real today).")


class NudgeAnswerOut(BaseModel):
    key: str
    subject: str
    status: str
    until: dt.date | None
    nudge: NudgeOut


def nudge_out(n: Any) -> NudgeOut:
    """The typed form of a :class:`~matcher.timing.nudging.Nudge`."""
    from matcher.vocabulary import NUDGE_KIND_NL

    return NudgeOut(**n.to_dict(), kind_nl=NUDGE_KIND_NL.get(n.kind, n.kind))


_EXAMPLE = {
    "items": [
        {
            "date": "2026-03-10",
            "kind": "session",
            "subject": "team:1-1",
            "title": "Sessie 1: spreek een gast van Deltares",
            "reason": "Tijdens ‘Sessie 1’ op 10 maart 2026 om 10:00 is een gast van Deltares te gast.",
            "organisation": "org:deltares",
            "kind_nl": "Programmasessie",
            "score": 0.6,
            "staff": ["staff:0001", "staff:0002"],
            "evidence": {},
            "actor": "staff:0002",
            "actor_name": "M. de Boer",
            "why_now": "de sessie is op 10 maart 2026",
            "uid": "7e2d548061db60c9c1f1@verbinder",
            "key": "1c9a51f07e2d548061db",
        }
    ],
    "total": 1,
    "limit": 50,
    "offset": 0,
    "weekly_cap": 5,
    "answered": 0,
    "left_out": 0,
}


@router.get(
    "/nudges",
    summary="Nudges to act on for a staff member, a dossier or a team (paginated)",
    response_model=NudgePage,
    responses={200: {"content": {"application/json": {"example": _EXAMPLE}}}},
)
def list_nudges(
    services: ServicesDep,
    disclosure: TeamDisclosure,
    page: PageDep,
    staff: Staff = None,
    dossier: Dossier = None,
    team: Team = None,
    as_of: AsOf = None,
    horizon: Horizon = 60,
    weekly_cap: WeeklyCap = 5,
) -> NudgePage:
    """Exactly one of ``staff``, ``dossier`` or ``team``; sorted by (planned) date."""
    plan = services.agenda(
        staff=staff,
        dossier=dossier,
        team=team,
        as_of=as_of,
        horizon_days=horizon,
        weekly_cap=weekly_cap,
    )
    result = paginate(plan.planned, page)
    items = disclosure.scan([nudge_out(n).model_dump(mode="json") for n in result["items"]])
    return NudgePage(
        items=[NudgeOut(**i) for i in items],
        total=result["total"],
        limit=result["limit"],
        offset=result["offset"],
        weekly_cap=weekly_cap,
        answered=plan.answered,
        left_out=len(plan.left_out),
    )


@router.post(
    "/nudges/{key}/answer",
    status_code=201,
    summary="Mark a nudge done, or snooze it until a day (stored as feedback)",
)
def answer_nudge(
    key: Annotated[str, Path(pattern="^[0-9a-f]{20}$", examples=["7e2d548061db60c9c1f1"])],
    services: ServicesDep,
    disclosure: TeamDisclosure,
    body: Annotated[
        NudgeAnswerIn,
        Body(examples=[{"subject": "team:1-1", "status": "snoozed", "until": "2026-03-16"}]),
    ],
) -> NudgeAnswerOut:
    """Done removes the nudge; snoozed hides it until ``until``. An unknown key is a 422."""
    n = services.answer_nudge(
        key, subject=body.subject, status=body.status, as_of=body.as_of, until=body.until
    )
    until = None
    if body.status == "snoozed":
        from matcher.timing.planning import SNOOZE_DAYS

        until = body.until or (body.as_of or today()) + dt.timedelta(days=SNOOZE_DAYS)
    out = disclosure.scan(nudge_out(n).model_dump(mode="json"))
    return NudgeAnswerOut(
        key=key, subject=body.subject, status=body.status, until=until, nudge=NudgeOut(**out)
    )


@router.get(
    "/nudges.ics",
    summary="The same nudges as an iCalendar file",
    response_class=Response,
    responses={200: {"content": {"text/calendar": {}}}},
)
def nudges_ics(
    services: ServicesDep,
    disclosure: TeamDisclosure,
    staff: Staff = None,
    dossier: Dossier = None,
    team: Team = None,
    as_of: AsOf = None,
    horizon: Horizon = 60,
    weekly_cap: WeeklyCap = 5,
) -> Response:
    """Only the nudges to act on, spread over working days (never more than the cap a week)."""
    from matcher.timing.ics import to_ics
    from matcher.timing.nudging import Nudge

    plan = services.agenda(
        staff=staff,
        dossier=dossier,
        team=team,
        as_of=as_of,
        horizon_days=horizon,
        weekly_cap=weekly_cap,
    )
    checked = []
    for n in plan.planned:
        clean = disclosure.scan({"title": n.title, "reason": n.reason})
        checked.append(Nudge(**{**n.__dict__, "title": clean["title"], "reason": clean["reason"]}))
    body = to_ics(checked)
    return Response(
        body,
        media_type="text/calendar",
        headers={"Content-Disposition": 'attachment; filename="verbinder-seintjes.ics"'},
    )
