"""Nudges: "the right moment" — dated prompts from milestones, sessions and fading relations."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import Response

from api.http.deps import PageDep, ServicesDep, TeamDisclosure, paginate
from api.http.problems import PROBLEM_RESPONSES
from api.http.schemas import NudgePage

__all__ = ["router"]

router = APIRouter(prefix="/api/v1", tags=["nudges"], responses=PROBLEM_RESPONSES)

Staff = Annotated[str | None, Query(description="A staff id.")]
Dossier = Annotated[str | None, Query(description="A dossier id.")]
Team = Annotated[str | None, Query(description="A team id.", examples=["team:1-1"])]
AsOf = Annotated[dt.date | None, Query(description="Today (default: the real today).")]
Horizon = Annotated[int, Query(ge=0, le=365, description="Days ahead to look.")]

_EXAMPLE = {
    "items": [
        {
            "date": "2026-03-10",
            "kind": "session",
            "subject": "team:1-1",
            "title": "Sessie 1: spreek een gast van Deltares",
            "reason": "Tijdens ‘Sessie 1’ op 10 maart 2026 om 10:00 is een gast van Deltares te gast.",
            "organisation": "org:deltares",
            "uid": "7e2d548061db60c9c1f1@verbinder",
        }
    ],
    "total": 1,
    "limit": 50,
    "offset": 0,
}


@router.get(
    "/nudges",
    summary="Dated nudges for a staff member, a dossier or a team (paginated)",
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
) -> dict[str, Any]:
    """Exactly one of ``staff``, ``dossier`` or ``team``; sorted by date."""
    found = services.nudges(
        staff=staff, dossier=dossier, team=team, as_of=as_of, horizon_days=horizon, limit=None
    )
    result = paginate(found, page)
    result["items"] = disclosure.scan([n.to_dict() for n in result["items"]])
    return result


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
) -> Response:
    from matcher.timing.ics import to_ics
    from matcher.timing.nudging import Nudge

    found = services.nudges(
        staff=staff, dossier=dossier, team=team, as_of=as_of, horizon_days=horizon, limit=None
    )
    checked = []
    for n in found:
        clean = disclosure.scan({"title": n.title, "reason": n.reason})
        checked.append(Nudge(**{**n.__dict__, "title": clean["title"], "reason": clean["reason"]}))
    body = to_ics(checked)
    return Response(
        body,
        media_type="text/calendar",
        headers={"Content-Disposition": 'attachment; filename="verbinder-seintjes.ics"'},
    )
