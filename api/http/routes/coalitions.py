"""Co-producer coalitions: the API route and the page "Mijn team" (with nudges and the network).

A team sees which partners together cover its challenge, who covers what, what stays uncovered,
alternates, warm introductions through its members, and the dated nudges for the weeks ahead.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse, Response

from api.http.deps import ServicesDep, TeamDisclosure
from api.http.network_svg import render_ego_svg
from api.http.problems import PROBLEM_RESPONSES
from api.http.schemas import CoalitionOut, jsonable
from api.http.web import disclosed, page_key, render, runtime_of
from api.privacy import Purpose
from api.services import today
from matcher.coalition.assembly import CoalitionError

__all__ = ["router"]

router = APIRouter(tags=["coalitions"], responses=PROBLEM_RESPONSES)

_EXAMPLE = {
    "team": "team:3-2",
    "team_name": "Team Zandmotor",
    "as_of": "2026-03-01",
    "facets": [{"index": 0, "text": "Kustveiligheid met natuurlijke oplossingen"}],
    "members": [
        {
            "organisation": "org:deltares",
            "name": "Deltares",
            "org_kind": "knowledge_institute",
            "gain": 0.31,
            "covers": [[0, 0.82]],
            "contact": {"id": "contact:deltares-2", "name": "Sanne Mulder", "role": "onderzoeker"},
            "warm_path": None,
            "reasons": ["Dekt ‘Kustveiligheid met natuurlijke oplossingen’ (0,82)"],
            "alternates": [],
        }
    ],
    "covered_by": {"0": "org:deltares"},
    "uncovered": [],
    "value": 0.42,
}


@router.get(
    "/api/v1/teams/{team_id}/coalition",
    summary="Assemble co-producers that together cover the team's challenge",
    response_model=CoalitionOut,
    responses={200: {"content": {"application/json": {"example": _EXAMPLE}}}},
)
def coalition(
    team_id: Annotated[str, Path(examples=["team:1-1"])],
    services: ServicesDep,
    disclosure: TeamDisclosure,
    k: Annotated[int, Query(ge=1, le=25, description="Partners in the coalition.")] = 5,
    as_of: Annotated[dt.date | None, Query(description="Day (default today).")] = None,
    need: Annotated[
        list[str] | None, Query(max_length=20, description="Needs to cover (default: challenge).")
    ] = None,
) -> dict[str, Any]:
    """Contacts are named only with consent; every name shown is written to the audit log."""
    result = services.coalition(team_id, as_of=as_of, k=k, needs=need)
    return disclosure.scan(jsonable(result.to_dict()))


@router.get("/team", response_class=HTMLResponse, include_in_schema=False)
def team_page(
    request: Request,
    team: Annotated[str | None, Query(max_length=200)] = None,
    datum: Annotated[str | None, Query(max_length=10)] = None,
    aantal: Annotated[int, Query(ge=1, le=10)] = 4,
    melding: Annotated[str | None, Query(max_length=200)] = None,
) -> Response:
    key = page_key(request)
    runtime = runtime_of(request)
    services = runtime.services
    teams = services.options("team")
    team = team or (teams[0][0] if teams else None)
    ctx: dict[str, Any] = {
        "titel": "Mijn team",
        "teams": teams,
        "team": team,
        "datum": datum or today().isoformat(),
        "aantal": aantal,
        "melding": melding,
    }
    if not team:
        return render(request, "team.html", ctx, key=key)
    try:
        as_of = dt.date.fromisoformat(ctx["datum"])
    except ValueError:
        ctx["fout"] = f"Ongeldige datum: {ctx['datum']} (gebruik jjjj-mm-dd)."
        return render(request, "team.html", ctx, key=key, status_code=422)
    with disclosed(request, key, Purpose.TEAM) as disclosure:
        try:
            result = services.coalition(team, as_of=as_of, k=aantal)
        except CoalitionError as e:
            ctx["fout"] = f"Geen coalitie mogelijk: {e}"
            return render(request, "team.html", ctx, key=key, status_code=422)
        ctx["coalitie"] = disclosure.scan(result.to_dict())
        found = services.nudges(team=team, as_of=as_of, horizon_days=60, limit=12)
        ctx["seintjes"] = disclosure.scan([n.to_dict() for n in found])
        ctx["svg"] = render_ego_svg(runtime.store, team, disclosure, radius=2, max_nodes=30)
    ctx["feedback"] = "feedback" in runtime.use_cases
    return render(request, "team.html", ctx, key=key)
