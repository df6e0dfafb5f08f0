"""Guest-table seating of a programme edition: plan, re-plan, exports, and the page "Tafels indelen".

Facilitators (and admins) see the guests' names here: they need them to run the tables. Every
answer that names guests is written to the audit log.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path as FilePath
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Form, Path, Query, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel, Field

from api.http.deps import SeatingDisclosure, ServicesDep
from api.http.problems import PROBLEM_RESPONSES
from api.http.schemas import SeatingOut
from api.http.web import disclosed, page_key, render, runtime_of
from api.keystore import Role
from api.privacy import Disclosure, Purpose
from api.services import Services
from matcher.seating import SeatingError, SeatingPlan, SeatingProblem, plan_to_json
from matcher.seating.export import plan_rows

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
    data = plan_to_json(plan)
    data["tables"] = [
        {"id": t.id, "label": t.label, "team": t.team_name or t.team_id} for t in problem.tables
    ]
    data["sessions"] = [{"id": s.id, "label": s.label} for s in problem.sessions]
    data["rows"] = [
        {k: v for k, v in r.items() if k != "reason_list"} for r in plan_rows(problem, plan)
    ]
    if not plan.feasible and plan.diagnosis is not None:
        data["diagnosis_text"] = plan.diagnosis.text()
    data.update(extra)
    data = disclosure.scan(data)
    disclosure.shown.update(s.guest for s in plan.seats)
    return data


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
    from matcher.seating.export import write_csv, write_html, write_xlsx

    problem, plan = services.current_plan(edition)
    if not plan.seats:
        raise SeatingError(f"{edition} has no plan yet; plan it first")
    media, filename = _EXPORTS[fmt]
    writer = {"xlsx": write_xlsx, "csv": write_csv, "html": write_html}[fmt]
    with tempfile.TemporaryDirectory() as tmp:
        path = writer(problem, plan, FilePath(tmp) / filename)
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


# ----------------------------------------------------------------------------- page

_CONTACT_ID = re.compile(r"contact:[\w.-]+")


def _named(store: Any, line: str) -> str:
    """A diff line with guest ids replaced by their names (facilitators may see them)."""
    ids = _CONTACT_ID.findall(line)
    nodes = store.get_nodes(ids)
    return _CONTACT_ID.sub(
        lambda m: nodes[m.group(0)].label if m.group(0) in nodes else m.group(0), line
    )


def _page(
    request: Request, key: Any, edition: str | None, extra: dict[str, Any], status: int = 200
) -> Response:
    runtime = runtime_of(request)
    services = runtime.services
    editions = services.options("edition")
    edition = edition or (editions[-1][0] if editions else None)
    ctx: dict[str, Any] = {"titel": "Tafels indelen", "edities": editions, "editie": edition}
    ctx.update(extra)
    if edition and "plan" not in ctx:
        with disclosed(request, key, Purpose.SEATING) as disclosure:
            problem, plan = services.current_plan(edition)
            ctx["plan"] = _answer(problem, plan, disclosure)
    if "plan" in ctx:
        plan = ctx["plan"]
        ctx["raster"] = {(r["session_id"], r["table_id"]): [] for r in plan["rows"]}
        for r in plan["rows"]:
            ctx["raster"][(r["session_id"], r["table_id"])].append(r)
        ctx["gasten"] = sorted(
            {(r["guest_id"], f"{r['guest']} ({r['organisation']})") for r in plan["rows"]},
            key=lambda g: g[1],
        )
        ctx["teams"] = sorted({(t["team"], t["team"]) for t in plan["tables"]})
    return render(request, "tafels.html", ctx, key=key, status_code=status)


@router.get("/tafels", response_class=HTMLResponse, include_in_schema=False)
def seating_page(
    request: Request, editie: Annotated[str | None, Query(max_length=200)] = None
) -> Response:
    key = page_key(request, Role.FACILITATOR, Role.ADMIN)
    return _page(request, key, editie, {})


@router.post("/tafels/indelen", response_class=HTMLResponse, include_in_schema=False)
def seating_plan_page(request: Request, editie: Annotated[str, Form(max_length=200)]) -> Response:
    key = page_key(request, Role.FACILITATOR, Role.ADMIN)
    services = runtime_of(request).services
    with disclosed(request, key, Purpose.SEATING) as disclosure:
        problem, plan = services.plan_seating(editie)
        data = _answer(problem, plan, disclosure)
    if plan.feasible:
        melding = f"Nieuwe indeling opgeslagen: {len(plan.seats)} plaatsen ({plan.status})."
        return _page(request, key, editie, {"plan": data, "melding": melding})
    return _page(
        request, key, editie, {"plan": data, "fout": data.get("diagnosis_text", plan.status)}, 422
    )


@router.post("/tafels/herindelen", response_class=HTMLResponse, include_in_schema=False)
def seating_replan_page(
    request: Request,
    editie: Annotated[str, Form(max_length=200)],
    afmelding: Annotated[str, Form(max_length=200)] = "",
    extra_tafel: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    key = page_key(request, Role.FACILITATOR, Role.ADMIN)
    services = runtime_of(request).services
    cancel = [afmelding] if afmelding else []
    add = []
    if extra_tafel:
        problem, _ = services.current_plan(editie)
        add = [t.team_id for t in problem.tables if (t.team_name or t.team_id) == extra_tafel][:1]
    if not cancel and not add:
        return _page(request, key, editie, {"fout": "Kies een afmelding of een extra tafel."}, 422)
    with disclosed(request, key, Purpose.SEATING) as disclosure:
        try:
            result = services.replan_seating(editie, cancel=cancel, add_tables=add)
        except SeatingError as e:
            return _page(request, key, editie, {"fout": f"Herindelen lukt niet: {e}"}, 422)
        data = _answer(result.problem, result.plan, disclosure, diff=result.diff.as_dict())
        store = runtime_of(request).store
        lines = disclosure.scan([_named(store, line) for line in data["diff"]["lines"]])
    return _page(
        request,
        key,
        editie,
        {
            "plan": data,
            "melding": f"Herindeling opgeslagen: {result.diff.changes} wijziging(en).",
            "wijzigingen": lines,
        },
    )
