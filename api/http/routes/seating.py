"""Guest-table seating of a programme edition: plan, re-plan, exports, and the page "Tafels indelen".

Facilitators (and admins) see the guests' names here: they need them to run the tables. Every
answer that names guests is written to the audit log.
"""

from __future__ import annotations

import tempfile
from pathlib import Path as FilePath
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Path, Query
from fastapi.responses import Response
from pydantic import BaseModel, Field

from api.http.deps import SeatingDisclosure, ServicesDep
from api.http.problems import PROBLEM_RESPONSES
from api.http.routes.seating_pages import plan_answer
from api.http.routes.seating_pages import router as page_router
from api.http.schemas import SeatingOut
from api.privacy import Disclosure
from api.services import Services
from matcher.seating import SeatingError, SeatingPlan, SeatingProblem

__all__ = ["router"]

router = APIRouter(tags=["seating"], responses=PROBLEM_RESPONSES)

EditionId = Annotated[str, Path(description="A programme edition.", examples=["edition:24"])]


class PlanRequest(BaseModel):
    time_limit: float = Field(default=5.0, gt=0, le=60, description="Solver time limit (s).")


class ReplanRequest(BaseModel):
    cancel: list[str] = Field(default_factory=list, max_length=200, description="Guest ids.")
    add_tables: list[str] = Field(
        default_factory=list, max_length=20, description="Team ids that get an extra table."
    )
    time_limit: float = Field(default=5.0, gt=0, le=60)


def _answer(
    problem: SeatingProblem, plan: SeatingPlan, disclosure: Disclosure, **extra: Any
) -> dict[str, Any]:
    return plan_answer(problem, plan, disclosure, **extra)


_PLAN_EXAMPLE = {
    "status": "optimal",
    "method": "cpsat",
    "objective": 6510.0,
    "gap": 0.0,
    "greedy_objective": 6480.0,
    "seats": [
        {
            "session": "session:24-1",
            "table": "table:24-1",
            "guest": "contact:wur-1",
            "reasons": ["relevantie 1,00 voor de opgave van Team Zandmotor (+1000 punten)"],
        }
    ],
}


@router.get(
    "/api/v1/editions/{edition_id}/seating",
    summary="The edition's current plan",
    response_model=SeatingOut,
)
def current_seating(
    edition_id: EditionId, services: ServicesDep, disclosure: SeatingDisclosure
) -> dict[str, Any]:
    problem, plan = services.current_plan(edition_id)
    return _answer(problem, plan, disclosure)


@router.post(
    "/api/v1/editions/{edition_id}/seating/plan",
    summary="Plan the edition's guest tables and store the plan",
    response_model=SeatingOut,
    responses={200: {"content": {"application/json": {"example": _PLAN_EXAMPLE}}}},
)
def plan_edition(
    edition_id: EditionId,
    services: ServicesDep,
    disclosure: SeatingDisclosure,
    body: Annotated[PlanRequest, Body(examples=[{"time_limit": 5}])] = PlanRequest(),
) -> dict[str, Any]:
    """An infeasible edition answers 200 with ``status: infeasible`` and a Dutch diagnosis."""
    problem, plan = services.plan_seating(edition_id, time_limit=body.time_limit)
    return _answer(problem, plan, disclosure, saved=plan.feasible)


@router.post(
    "/api/v1/editions/{edition_id}/seating/replan",
    summary="Re-plan after cancellations or an extra table, changing as little as possible",
    response_model=SeatingOut,
)
def replan_edition(
    edition_id: EditionId,
    services: ServicesDep,
    disclosure: SeatingDisclosure,
    body: Annotated[
        ReplanRequest, Body(examples=[{"cancel": ["contact:tno-1"], "add_tables": []}])
    ],
) -> dict[str, Any]:
    result = services.replan_seating(
        edition_id, cancel=body.cancel, add_tables=body.add_tables, time_limit=body.time_limit
    )
    return _answer(
        result.problem,
        result.plan,
        disclosure,
        diff=result.diff.as_dict(),
        saved=result.plan.feasible,
    )


_EXPORTS = {
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "tafels.xlsx"),
    "csv": ("text/csv; charset=utf-8", "tafels.csv"),
    "html": ("text/html; charset=utf-8", "tafelkaarten.html"),
}


def _export(services: Services, disclosure: Disclosure, edition: str, fmt: str) -> Response:
    from api.seating_editor import edition_facts
    from matcher.seating.export import write_csv, write_html, write_xlsx

    problem, plan = services.current_plan(edition)
    if not plan.seats:
        raise SeatingError(f"{edition} has no plan yet; plan it first")
    media, filename = _EXPORTS[fmt]
    writer = {"xlsx": write_xlsx, "csv": write_csv, "html": write_html}[fmt]
    facts = edition_facts(services.store, edition)
    with tempfile.TemporaryDirectory() as tmp:
        path = writer(problem, plan, FilePath(tmp) / filename, facts)
        data = path.read_bytes()
    disclosure.shown.update(s.guest for s in plan.seats)
    disposition = "inline" if fmt == "html" else "attachment"
    return Response(
        data,
        media_type=media,
        headers={"Content-Disposition": f'{disposition}; filename="{filename}"'},
    )


@router.get(
    "/api/v1/editions/{edition_id}/seating/export",
    summary="Download the plan: XLSX, CSV, or printable table cards (HTML)",
    response_class=Response,
    responses={200: {"content": {m: {} for m, _ in _EXPORTS.values()}}},
)
def export_seating(
    edition_id: EditionId,
    services: ServicesDep,
    disclosure: SeatingDisclosure,
    format: Annotated[Literal["xlsx", "csv", "html"], Query()] = "xlsx",
) -> Response:
    return _export(services, disclosure, edition_id, format)


router.include_router(page_router)  # the page "Tafels indelen"
