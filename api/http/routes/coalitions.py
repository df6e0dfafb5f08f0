"""Co-producer coalitions: the API route and the page "Mijn team" (with nudges and the network).

A team sees which partners together cover its challenge, who covers what, what stays uncovered,
alternates, warm introductions through its members, and the dated nudges for the weeks ahead.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Body, Form, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, Field

from api.http.deps import ServicesDep, TeamDisclosure
from api.http.network_svg import render_ego_svg
from api.http.problems import PROBLEM_RESPONSES
from api.http.schemas import jsonable
from api.http.team_page import facet_rows, member_answers, team_choices
from api.http.web import disclosed, page_key, render, runtime_of
from api.privacy import Purpose
from api.services import today
from matcher.coalition.assembly import CoalitionError
from matcher.coalition.facets import FacetError
from matcher.vocabulary import (
    MEMBER_FEEDBACK_NL,
    NUDGE_STATUS_NL,
    NUDGE_WHO_NL,
    NUDGE_WHY_NOW_NL,
    TOPICS_NL,
)

__all__ = ["router"]

router = APIRouter(tags=["coalitions"], responses=PROBLEM_RESPONSES)


class CoalitionFacetOut(BaseModel):
    index: int
    text: str
    weight: float
    source: str = Field(description="challenge, dossier (derived) or needs (the team's own).")
    evidence: str = ""
    evidence_source: str = ""
    relevance: float | None = None
    query: str = Field(default="", description="What partners were scored against.")


class WarmPathOut(BaseModel):
    staff: str
    staff_name: str
    date: dt.date
    interaction: str
    contact: str | None
    contact_name: str | None
    strength: float


class AlternateOut(BaseModel):
    organisation: str
    name: str
    org_kind: str
    value: float
    reason: str


class MemberOut(BaseModel):
    organisation: str
    name: str
    org_kind: str
    gain: float = Field(description="What the partner added to the coalition when chosen.")
    covers: list[tuple[int, float]] = Field(description="(facet index, coverage) it covers.")
    contact: dict[str, str] | None = Field(description="A consented contact person, if any.")
    warm_path: WarmPathOut | None
    reasons: list[str]
    alternates: list[AlternateOut]


class CoalitionOut(BaseModel):
    """Who covers what, what stays uncovered, alternates per slot, and the plain guarantee."""

    team: str
    team_name: str
    as_of: dt.date
    facets: list[CoalitionFacetOut]
    members: list[MemberOut]
    covered_by: dict[int, str | None]
    uncovered: list[str]
    value: float
    components: dict[str, float]
    candidates: int
    excluded: dict[str, int]
    share_of_best: float = Field(description="Lower bound of the share of the best coalition.")
    guarantee: str = Field(description="One Dutch sentence on how close this is to the best.")
    guarantee_detail: str = Field(description="The method, for a tooltip.")


_EXAMPLE = {
    "team": "team:3-2",
    "team_name": "Team Zandmotor",
    "as_of": "2026-03-01",
    "facets": [
        {
            "index": 0,
            "text": "waterveiligheid",
            "weight": 1.0,
            "source": "challenge",
            "evidence": "Kustveiligheid met natuurlijke oplossingen",
            "evidence_source": "",
            "relevance": 3.4,
            "query": "waterveiligheid: dijken en dijkversterking, waterkeringen",
        }
    ],
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
    "components": {"coverage": 0.38, "diversity": 0.02, "role_fit": 0.02, "warm": 0.0},
    "candidates": 171,
    "excluded": {"opt_out": 3, "conflict": 0},
    "share_of_best": 0.91,
    "guarantee": "Deze 1 partners halen samen minstens 91% van de dekking die de best denkbare "
    "combinatie van 1 partners uit dit netwerk haalt; 1 van de 1 onderdelen van uw opgave zijn "
    "gedekt.",
    "guarantee_detail": "Gekozen met greedy-selectie op een submodulaire dekkingsfunctie.",
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
        list[str] | None,
        Query(max_length=20, description="Needs to cover (default: the team's facets)."),
    ] = None,
) -> CoalitionOut:
    """Contacts are named only with consent; every name shown is written to the audit log."""
    result = services.coalition(team_id, as_of=as_of, k=k, needs=need)
    return CoalitionOut(**disclosure.scan(jsonable(result.to_dict())))


class FacetOut(BaseModel):
    """One facet of a team's challenge."""

    index: int
    text: str = Field(description="The facet (a topic of the vocabulary, or the team's words).")
    weight: float = Field(description="Its share of the coverage objective (all sum to 1).")
    source: str = Field(description="challenge, dossier (derived) or needs (the team's own).")
    evidence: str = Field(description="The words of the team's text it was read from.")
    evidence_source: str = Field(description="The dossier title, when read from a dossier.")
    relevance: float | None = Field(description="Relevance to the team's text (spreads).")
    evidence_nl: str = Field(description="Dutch: where it was read ('uit uw opgave: ‘…’').")


class TeamFacetsOut(BaseModel):
    """The facets in force and the ones read from the team's own words."""

    team: str
    override: bool = Field(description="True when the team's own list overrides the derived one.")
    facets: list[FacetOut]
    derived: list[FacetOut]


class FacetIn(BaseModel):
    text: str = Field(min_length=1, max_length=200, examples=["waterstof"])
    weight: float = Field(default=1.0, gt=0, le=10)


class FacetsIn(BaseModel):
    facets: list[FacetIn] = Field(
        max_length=8, description="The team's own facets; an empty list restores the derived ones."
    )


def _facets_out(result: Any) -> TeamFacetsOut:
    from matcher.coalition.explanation import facet_evidence_nl

    def one(f: Any) -> FacetOut:
        return FacetOut(
            index=f.index,
            text=f.text,
            weight=f.weight,
            source=f.source,
            evidence=f.evidence,
            evidence_source=f.evidence_source,
            relevance=f.relevance,
            evidence_nl=facet_evidence_nl(f),
        )

    return TeamFacetsOut(
        team=result.team,
        override=result.override,
        facets=[one(f) for f in result.facets],
        derived=[one(f) for f in result.derived],
    )


@router.get(
    "/api/v1/teams/{team_id}/facets",
    summary="The facets of a team's challenge: read from its words, or its own list",
)
def team_facets(
    team_id: Annotated[str, Path(examples=["team:1-1"])],
    services: ServicesDep,
    disclosure: TeamDisclosure,
    as_of: Annotated[dt.date | None, Query(description="Day (default today).")] = None,
) -> TeamFacetsOut:
    """Derived facets carry the words of the challenge or dossier they were read from."""
    return _facets_out(services.team_facets(team_id, as_of=as_of))


@router.put(
    "/api/v1/teams/{team_id}/facets",
    summary="Set the team's own facets (add, remove, weight); the coalition follows",
)
def put_team_facets(
    team_id: Annotated[str, Path(examples=["team:1-1"])],
    services: ServicesDep,
    disclosure: TeamDisclosure,
    body: Annotated[
        FacetsIn,
        Body(examples=[{"facets": [{"text": "waterstof", "weight": 2}, {"text": "havens"}]}]),
    ],
    as_of: Annotated[dt.date | None, Query(description="Day (default today).")] = None,
) -> TeamFacetsOut:
    """Stored as the team's needs; a bad facet answers 422 naming it, and nothing is written."""
    items = [(f.text, f.weight) for f in body.facets]
    return _facets_out(services.set_team_facets(team_id, items, as_of=as_of))


@router.get("/team", response_class=HTMLResponse, include_in_schema=False)
def team_page(
    request: Request,
    team: Annotated[str | None, Query(max_length=200)] = None,
    datum: Annotated[str | None, Query(max_length=10)] = None,
    aantal: Annotated[int, Query(ge=1, le=10)] = 4,
    melding: Annotated[str | None, Query(max_length=300)] = None,
    fout: Annotated[str | None, Query(max_length=300)] = None,
) -> Response:
    key = page_key(request)
    runtime = runtime_of(request)
    services = runtime.services
    ctx: dict[str, Any] = {
        "titel": "Mijn team",
        "datum": datum or today().isoformat(),
        "aantal": aantal,
        "melding": melding,
        "fout": fout,
        "topics": list(TOPICS_NL),
        "antwoorden_nl": MEMBER_FEEDBACK_NL,
        "wie_nl": NUDGE_WHO_NL,
        "waarom_nl": NUDGE_WHY_NOW_NL,
    }
    try:
        as_of = dt.date.fromisoformat(ctx["datum"])
    except ValueError:
        ctx.update(groepen=team_choices(runtime.store, key.staff_id, today()).groups, team=team)
        ctx["fout"] = f"Ongeldige datum: {ctx['datum']} (gebruik jjjj-mm-dd)."
        return render(request, "team.html", ctx, key=key, status_code=422)
    choices = team_choices(runtime.store, key.staff_id, as_of)
    team = team or choices.default
    ctx.update(groepen=choices.groups, team=team, mijn_dossiers=choices.dossiers)
    ctx["persoonlijk"] = key.staff_id is not None
    if not team:
        return render(request, "team.html", ctx, key=key)
    with disclosed(request, key, Purpose.TEAM) as disclosure:
        try:
            result = services.coalition(team, as_of=as_of, k=aantal)
            facets = services.team_facets(team, as_of=as_of)
        except (CoalitionError, FacetError) as e:
            ctx["fout"] = f"Geen coalitie mogelijk: {e}"
            return render(request, "team.html", ctx, key=key, status_code=422)
        ctx["coalitie"] = disclosure.scan(result.to_dict())
        ctx["onderdelen"] = _facets_out(facets).model_dump()
        plan = services.agenda(team=team, as_of=as_of, horizon_days=60)
        ctx["seintjes"] = disclosure.scan([n.to_dict() for n in plan.planned])
        ctx["buiten_week"] = len(plan.left_out)
        ctx["afgehandeld"] = plan.answered
        ctx["weekcap"] = plan.weekly_cap
        ctx["antwoorden"] = member_answers(runtime.store, team, as_of)
        ctx["svg"] = render_ego_svg(runtime.store, team, disclosure, radius=2, max_nodes=30)
    ctx["feedback"] = "feedback" in runtime.use_cases
    return render(request, "team.html", ctx, key=key)


def _back(
    team: str, datum: str, melding: str, anchor: str, *, error: bool = False
) -> RedirectResponse:
    """Back to the team page with a confirmation (or, with ``error``, what was refused)."""
    query = urlencode({"team": team, "datum": datum, "fout" if error else "melding": melding})
    return RedirectResponse(f"/team?{query}#{anchor}", status_code=303)


@router.post("/team/onderdelen", include_in_schema=False)
async def team_facets_form(request: Request) -> Response:
    """Save the team's own facets from the page (or go back to the derived ones)."""
    page_key(request)
    services = runtime_of(request).services
    form = await request.form()
    team = str(form.get("team", ""))[:200]
    datum = str(form.get("datum", ""))[:10]
    try:
        rows = [] if form.get("herstel") else facet_rows(form)
        services.set_team_facets(team, rows)
        melding = (
            "De onderdelen komen weer uit uw opgave."
            if not rows
            else f"Onderdelen opgeslagen ({len(rows)}); de coalitie is opnieuw berekend."
        )
    except FacetError as e:
        return _back(team, datum, f"Niet opgeslagen: {e.text_nl}.", "onderdelen", error=True)
    except ValueError:
        return _back(
            team,
            datum,
            "Niet opgeslagen: de onderdelen zijn niet geldig.",
            "onderdelen",
            error=True,
        )
    return _back(team, datum, melding, "onderdelen")


@router.post("/team/seintje", include_in_schema=False)
def team_nudge_answer(
    request: Request,
    team: Annotated[str, Form(max_length=200)],
    sleutel: Annotated[str, Form(pattern="^[0-9a-f]{20}$")],
    actie: Annotated[Literal["done", "snoozed"], Form()],
    datum: Annotated[str, Form(max_length=10)] = "",
) -> Response:
    """Mark a nudge done, or snooze it for two weeks; the page comes back at the nudges."""
    page_key(request)
    services = runtime_of(request).services
    try:
        day = dt.date.fromisoformat(datum) if datum else today()
        n = services.answer_nudge(sleutel, subject=team, status=actie, as_of=day)
        melding = f"Seintje ‘{n.title}’: {NUDGE_STATUS_NL[actie]}."
    except ValueError as e:
        melding = f"Niet vastgelegd: {e}"
    return _back(team, datum, melding, "seintjes")
