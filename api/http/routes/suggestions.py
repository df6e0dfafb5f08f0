"""Partner suggestions: the API route and the page "Partners zoeken" (staff, admin).

A staff member asks for a dossier, for themself or with a free-text question and gets
organisations with a consented contact, the colleague who can introduce them and the reasons.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Body, Query, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel, Field, model_validator

from api.http.deps import ServicesDep, SuggestionsDisclosure
from api.http.network_svg import render_ego_svg
from api.http.problems import PROBLEM_RESPONSES
from api.http.web import disclosed, page_key, render, runtime_of
from api.keystore import Role
from api.privacy import Purpose
from api.services import today
from matcher.suggest.suggester import SuggestionError

__all__ = ["SuggestionQuery", "router"]

router = APIRouter(tags=["suggestions"], responses=PROBLEM_RESPONSES)


class SuggestionQuery(BaseModel):
    """Exactly one of ``dossier``, ``staff``, ``text`` or ``organisation``."""

    dossier: str | None = Field(default=None, max_length=200, description="A dossier id.")
    staff: str | None = Field(default=None, max_length=200, description="A staff id.")
    text: str | None = Field(
        default=None, max_length=2000, description="A question in Dutch, e.g. 'zandsuppleties'."
    )
    organisation: str | None = Field(
        default=None,
        max_length=200,
        description="An organisation id: which partners fit this partner.",
    )
    as_of: dt.date | None = Field(default=None, description="Day of the question (default today).")
    k: int = Field(default=10, ge=1, le=50, description="Number of suggestions.")

    @model_validator(mode="after")
    def _exactly_one(self) -> SuggestionQuery:
        given = [f for f in ("dossier", "staff", "text", "organisation") if getattr(self, f)]
        if len(given) != 1:
            raise ValueError("give exactly one of dossier, staff, text or organisation")
        return self


_EXAMPLE_ANSWER = {
    "query": {"dossier": "dossier:kustversterking", "as_of": "2026-03-01", "k": 1},
    "items": [
        {
            "rank": 1,
            "organisation": {"id": "org:tno", "name": "TNO", "kind": "knowledge_institute"},
            "score": 4.14,
            "probability": 0.98,
            "contact": {"id": "contact:tno-1", "name": "Fatima El Amrani", "role": "onderzoeker"},
            "introducer": {
                "staff_id": "staff:0002",
                "name": "Joost de Boer",
                "date": "2025-06-03",
                "interaction": "meeting",
            },
            "reasons": [
                {
                    "feature": "lexical",
                    "contribution": 1.81,
                    "text_nl": "gedeelde thema's: kustveiligheid, zandsuppleties",
                    "evidence": {"terms": ["kustveiligheid", "zandsuppleties"]},
                }
            ],
        }
    ],
    "total": 1,
}


@router.post(
    "/api/v1/suggestions",
    summary="Suggest partner organisations with reasons and a warm introduction",
    responses={200: {"content": {"application/json": {"example": _EXAMPLE_ANSWER}}}},
)
def suggestions(
    services: ServicesDep,
    disclosure: SuggestionsDisclosure,
    query: Annotated[
        SuggestionQuery,
        Body(
            examples=[
                {"dossier": "dossier:kustversterking", "k": 5},
                {"text": "circulaire betonketen en CO2-arm bouwen", "as_of": "2026-03-01"},
            ]
        ),
    ],
) -> dict[str, Any]:
    """Only contacts who consented are named; names shown are written to the audit log."""
    as_of = query.as_of or today()
    found = services.suggest(
        dossier=query.dossier,
        staff=query.staff,
        text=query.text,
        organisation=query.organisation,
        as_of=as_of,
        k=query.k,
    )
    items = disclosure.scan([s.to_dict() for s in found])
    q = query.model_dump(mode="json", exclude_none=True)
    q["as_of"] = as_of.isoformat()
    return {"query": q, "items": items, "total": len(items)}


# ----------------------------------------------------------------------------- page


@router.get("/suggesties", response_class=HTMLResponse, include_in_schema=False)
def suggestions_page(
    request: Request,
    dossier: Annotated[str | None, Query(max_length=200)] = None,
    vraag: Annotated[str | None, Query(max_length=2000)] = None,
    datum: Annotated[str | None, Query(max_length=10)] = None,
    aantal: Annotated[int, Query(ge=1, le=25)] = 5,
) -> Response:
    key = page_key(request, Role.STAFF, Role.ADMIN)
    runtime = runtime_of(request)
    services = runtime.services
    ctx: dict[str, Any] = {
        "titel": "Partners zoeken",
        "dossiers": services.options("dossier"),
        "dossier": dossier or "",
        "vraag": vraag or "",
        "datum": datum or today().isoformat(),
        "aantal": aantal,
    }
    vraag = (vraag or "").strip() or None
    dossier = dossier or None
    if vraag or dossier:
        try:
            as_of = dt.date.fromisoformat(ctx["datum"])
        except ValueError:
            ctx["fout"] = f"Ongeldige datum: {ctx['datum']} (gebruik jjjj-mm-dd)."
            return render(request, "suggesties.html", ctx, key=key, status_code=422)
        with disclosed(request, key, Purpose.SUGGESTIONS) as disclosure:
            try:
                found = services.suggest(
                    dossier=None if vraag else dossier, text=vraag, as_of=as_of, k=aantal
                )
            except SuggestionError as e:
                ctx["fout"] = f"Deze vraag kan niet worden beantwoord: {e}"
                return render(request, "suggesties.html", ctx, key=key, status_code=422)
            ctx["resultaten"] = disclosure.scan([s.to_dict() for s in found])
            ctx["onderwerp"] = (
                f"uw vraag ‘{vraag}’"
                if vraag
                else f"dossier ‘{runtime.store.get_node(dossier or '').label}’"
            )
            if dossier and not vraag:
                ctx["svg"] = render_ego_svg(runtime.store, dossier, disclosure)
    return render(request, "suggesties.html", ctx, key=key)
