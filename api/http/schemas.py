"""Typed response models of the JSON routes under ``/api/v1``.

Every JSON route declares one of these as its ``response_model``, so the OpenAPI document states
what a client gets and the answer is checked against it before it leaves (schema conformance is
tested with Schemathesis, see ``tests/e2e/test_api_schema.py``).

Graph records differ per kind (an organisation has ``org_kind``, a contact ``consent``), so
:class:`NodeOut` and :class:`EdgeOut` type the fields every kind has and allow the kind's own fields
beside them. Domain answers (suggestions, coalitions, seating plans, nudges) are typed field by
field where clients rely on them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "AuditEntryOut",
    "AuditPage",
    "CoalitionOut",
    "CreatedKey",
    "EdgeOut",
    "EdgePage",
    "FeedbackOut",
    "Health",
    "ImportResult",
    "KeyOut",
    "KeyPage",
    "NeighbourOut",
    "NeighbourPage",
    "NodeOut",
    "NodePage",
    "NudgeOut",
    "NudgePage",
    "Ready",
    "RevokedKey",
    "SeatingOut",
    "Stats",
    "SuggestionAnswer",
    "Unready",
    "jsonable",
]


class _Open(BaseModel):
    """A record with typed common fields plus the fields of its kind."""

    model_config = ConfigDict(extra="allow")


class _Closed(BaseModel):
    model_config = ConfigDict(extra="forbid")


def jsonable(value: Any) -> Any:
    """``value`` with numpy scalars and arrays turned into Python numbers and lists, tuples into
    lists, and every mapping key into a string, so it can be written as JSON."""
    if isinstance(value, dict):
        return {str(jsonable(k)): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, np.ndarray):
        return [jsonable(v) for v in value.tolist()]
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


# ----------------------------------------------------------------------------- health


class Health(_Closed):
    status: str = Field(examples=["ok"])


class Ready(_Closed):
    status: str = Field(examples=["ready"])
    store: str
    revision: int
    nodes: int
    edges: int
    use_cases: list[str]


class Unready(_Closed):
    status: str = Field(examples=["unavailable"])
    detail: str


# ----------------------------------------------------------------------------- graph


class NodeOut(_Open):
    """A node; people's names and details are left out (``redacted``) unless the caller may see
    them."""

    kind: str = Field(examples=["organisation"])
    id: str = Field(examples=["org:tno"])
    redacted: bool | None = None


class EdgeOut(_Open):
    kind: str = Field(examples=["INTERACTED"])
    source: str
    target: str
    key: str = ""
    redacted: bool | None = None


class _Page(_Closed):
    total: int = Field(ge=0)
    limit: int = Field(ge=1)
    offset: int = Field(ge=0)


class NodePage(_Page):
    items: list[NodeOut]


class EdgePage(_Page):
    items: list[EdgeOut]


class NeighbourOut(_Closed):
    node: NodeOut
    edge: EdgeOut


class NeighbourPage(_Page):
    items: list[NeighbourOut]


class Stats(_Open):
    revision: int
    counts: dict[str, int]


class ImportResult(_Closed):
    nodes: int
    edges: int
    replace: bool


# ----------------------------------------------------------------------------- admin


class KeyOut(_Closed):
    key_id: str
    name: str
    role: str
    created: str
    revoked: bool
    staff_id: str | None = None


class KeyPage(_Page):
    items: list[KeyOut]


class CreatedKey(_Closed):
    key_id: str
    name: str
    role: str
    staff_id: str | None = None
    key: str = Field(description="The plain key; shown only in this answer.")


class RevokedKey(_Closed):
    key_id: str
    revoked: bool


class AuditEntryOut(_Closed):
    seq: int
    at: str
    key_id: str
    key_name: str
    role: str
    method: str
    path: str
    purpose: str
    subjects: list[str]


class AuditPage(_Page):
    items: list[AuditEntryOut]


# ----------------------------------------------------------------------------- use cases


class ReasonOut(_Open):
    feature: str
    contribution: float
    text_nl: str
    drawback: bool = Field(default=False, description="True when it lowered the score.")


class SuggestionOut(_Open):
    rank: int = Field(ge=1)
    organisation: dict[str, Any]
    score: float
    probability: float
    contact: dict[str, Any] | None = None
    introducer: dict[str, Any] | None = None
    reasons: list[ReasonOut]


class OrganisationRefOut(_Closed):
    id: str
    name: str
    kind: str = ""


class SuggestionAnswer(_Closed):
    query: dict[str, Any]
    items: list[SuggestionOut]
    total: int = Field(ge=0)
    no_match: bool = Field(
        default=False, description="No organisation fits well enough ('geen goede match')."
    )
    nearest_themes: list[str] = Field(
        default_factory=list, description="With no_match: the closest themes the catalogue covers."
    )
    involved: list[OrganisationRefOut] = Field(
        default_factory=list, description="For a dossier: organisations already involved."
    )


class CoalitionMemberOut(_Open):
    organisation: str
    name: str
    org_kind: str
    gain: float
    covers: list[list[float]]
    contact: dict[str, Any] | None = None
    reasons: list[str]
    alternates: list[dict[str, Any]]


class CoalitionOut(_Open):
    team: str
    team_name: str
    as_of: dt.date
    facets: list[dict[str, Any]]
    members: list[CoalitionMemberOut]
    covered_by: dict[str, str | None]
    uncovered: list[str]
    value: float


class NudgeOut(_Open):
    date: dt.date
    kind: str
    subject: str
    title: str
    reason: str


class NudgePage(_Page):
    items: list[NudgeOut]


class SeatOut(_Open):
    session: str
    table: str
    guest: str
    reasons: list[str]


class SeatingOut(_Open):
    """A plan: ``status`` (``optimal``, ``feasible``, ``infeasible`` …), the seats with reasons,
    tables, sessions and one display row per seat."""

    status: str
    seats: list[SeatOut]
    tables: list[dict[str, Any]]
    sessions: list[dict[str, Any]]
    rows: list[dict[str, Any]]


class FeedbackOut(EdgeOut):
    """The stored FEEDBACK edge."""
