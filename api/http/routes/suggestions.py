"""Partner suggestions: the API route and the page "Partners zoeken" (staff, admin).

A staff member asks for a dossier, for themself or with a free-text question and gets
organisations with a consented contact, the colleague who can introduce them and the reasons.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Body
from pydantic import BaseModel, Field, model_validator

from api.http.deps import ServicesDep, SuggestionsDisclosure
from api.http.problems import PROBLEM_RESPONSES
from api.http.routes.partner_pages import router as page_router
from api.http.schemas import SuggestionAnswer
from api.services import today

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
                    "feature": "relevance",
                    "contribution": 1.81,
                    "text_nl": "verwant aan het dossier: gedeelde thema's kustveiligheid",
                    "evidence": {"target": "dossier", "terms": ["kustveiligheid"]},
                    "drawback": False,
                }
            ],
        }
    ],
    "total": 1,
    "no_match": False,
    "nearest_themes": [],
    "involved": [{"id": "org:hhnk", "name": "HHNK", "kind": "public_body"}],
}


@router.post(
    "/api/v1/suggestions",
    summary="Suggest partner organisations with reasons and a warm introduction",
    response_model=SuggestionAnswer,
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
    """Only contacts who consented are named; names shown are written to the audit log.

    ``no_match`` is true when no organisation fits the question well enough ("geen goede match");
    ``nearest_themes`` then names the closest themes the catalogue covers. ``involved`` lists the
    organisations already involved in the dossier (never suggested again).
    """
    as_of = query.as_of or today()
    found = services.suggest(
        dossier=query.dossier,
        staff=query.staff,
        text=query.text,
        organisation=query.organisation,
        as_of=as_of,
        k=query.k,
    )
    answer = found.to_dict()
    answer["items"] = disclosure.scan(answer["items"])
    q = query.model_dump(mode="json", exclude_none=True)
    q["as_of"] = as_of.isoformat()
    return {"query": q, **answer}


router.include_router(page_router)  # the page "Partners zoeken" and its actions
