"""Domain model of the Verbinder network: node kinds, edge kinds and their enums.

Every node has a stable string id (``staff:0042``, ``org:tno``) and a ``kind``. Every edge is
identified by ``(kind, source, target, key)``; ``key`` separates repeated edges between the same
pair (two meetings on different days). Dates are :class:`datetime.date`, times are naive local
:class:`datetime.datetime` (Europe/Amsterdam by convention).

All types are pydantic v2 models with ``extra="forbid"``, so a misspelt field is an error, not a
silently dropped value.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    TypeAdapter,
    model_validator,
)

__all__ = [
    "EDGE_ENDPOINTS",
    "EDGE_KINDS",
    "NODE_KINDS",
    "AvailableFor",
    "CollaboratesWith",
    "Conflict",
    "Contact",
    "Dossier",
    "DossierPhase",
    "Edge",
    "EdgeModel",
    "Edition",
    "Feedback",
    "FeedbackOutcome",
    "Interacted",
    "InteractionKind",
    "MemberOf",
    "Milestone",
    "MilestoneKind",
    "Node",
    "NodeModel",
    "NsobRole",
    "Organisation",
    "OrganisationKind",
    "Outcome",
    "SeatedAt",
    "Session",
    "Staff",
    "StakeholderIn",
    "Table",
    "Team",
    "WorksAt",
    "WorksOn",
    "edge_adapter",
    "edge_identity",
    "node_adapter",
    "parse_edge",
    "parse_node",
]

MAX_NAME = 300
MAX_TEXT = 20_000
MAX_LIST = 200

Id = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=200, pattern=r"^[^\s]+$"),
]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_NAME)]
Label = Annotated[str, StringConstraints(strip_whitespace=True, max_length=MAX_NAME)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, max_length=MAX_TEXT)]


class NsobRole(StrEnum):
    """The four government roles of the NSOB framework.

    ``participerend`` (the older name) is accepted as an alias of ``responsief``.
    """

    RECHTMATIG = "rechtmatig"
    PRESTEREND = "presterend"
    NETWERKEND = "netwerkend"
    RESPONSIEF = "responsief"

    @classmethod
    def _missing_(cls, value: object) -> NsobRole | None:
        if isinstance(value, str):
            v = value.strip().lower()
            if v in {"participerend", "participerende"}:
                return cls.RESPONSIEF
            for member in cls:
                if v == member.value or v == member.value + "e":  # "rechtmatige" overheid
                    return member
        return None


class DossierPhase(StrEnum):
    AGENDA_SETTING = "agenda_setting"
    EXPLORATION = "exploration"
    DESIGN = "design"
    DECISION = "decision"
    IMPLEMENTATION = "implementation"
    EVALUATION = "evaluation"


class OrganisationKind(StrEnum):
    COMPANY = "company"
    KNOWLEDGE_INSTITUTE = "knowledge_institute"
    NGO = "ngo"
    CITIZEN_INITIATIVE = "citizen_initiative"
    BRANCH_ASSOCIATION = "branch_association"
    PUBLIC_BODY = "public_body"
    OTHER = "other"


class InteractionKind(StrEnum):
    MEETING = "meeting"
    GUEST_TABLE = "guest_table"
    WORKSHOP = "workshop"
    CONSULTATION = "consultation"
    SITE_VISIT = "site_visit"
    CALL = "call"
    EMAIL = "email"
    EVENT = "event"
    CO_PRODUCTION = "co_production"


class Outcome(StrEnum):
    POSITIVE = "positive"
    NEUTRAL = "neutral"
    NEGATIVE = "negative"
    FOLLOW_UP = "follow_up"
    CO_PRODUCED = "co_produced"


class FeedbackOutcome(StrEnum):
    SHOWN = "shown"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    MET = "met"
    CO_PRODUCED = "co_produced"


class MilestoneKind(StrEnum):
    CONSULTATION = "consultation"
    DECISION = "decision"
    DEADLINE = "deadline"
    EVENT = "event"
    TENDER = "tender"
    OTHER = "other"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)


class Milestone(_Model):
    date: dt.date
    label: Name
    kind: MilestoneKind = MilestoneKind.OTHER


# --------------------------------------------------------------------------- nodes


class NodeModel(_Model):
    """Fields shared by every node kind."""

    KIND: ClassVar[str] = ""
    id: Id

    @property
    def label(self) -> str:
        return str(getattr(self, "name", None) or getattr(self, "title", None) or self.id)


class Staff(NodeModel):
    KIND: ClassVar[str] = "staff"
    kind: Literal["staff"] = "staff"
    name: Name
    directorate: Label = ""
    unit: Label = ""
    expertise: Text = ""
    languages: list[Label] = Field(default_factory=lambda: ["nl"], max_length=MAX_LIST)
    email: Label = ""


class Organisation(NodeModel):
    KIND: ClassVar[str] = "organisation"
    kind: Literal["organisation"] = "organisation"
    name: Name
    org_kind: OrganisationKind
    sectors: list[Label] = Field(default_factory=list, max_length=MAX_LIST)
    region: Label = ""
    description: Text = ""
    documents: list[Text] = Field(default_factory=list, max_length=MAX_LIST)
    website: Label = ""
    opt_out: bool = False


class Contact(NodeModel):
    KIND: ClassVar[str] = "contact"
    kind: Literal["contact"] = "contact"
    name: Name
    role: Label = ""
    expertise: Text = ""
    email: Label = ""
    consent: bool = False
    consent_date: dt.date | None = None

    @model_validator(mode="after")
    def _consent_needs_date(self) -> Contact:
        if self.consent and self.consent_date is None:
            raise ValueError("consent_date is required when consent is true")
        return self


class Dossier(NodeModel):
    KIND: ClassVar[str] = "dossier"
    kind: Literal["dossier"] = "dossier"
    title: Name
    description: Text = ""
    directorate: Label = ""
    phase: DossierPhase = DossierPhase.EXPLORATION
    roles: list[NsobRole] = Field(default_factory=list, max_length=4)
    milestones: list[Milestone] = Field(default_factory=list, max_length=MAX_LIST)
    themes: list[Label] = Field(default_factory=list, max_length=MAX_LIST)


class Team(NodeModel):
    KIND: ClassVar[str] = "team"
    kind: Literal["team"] = "team"
    name: Name
    challenge: Text = ""
    edition: Label = ""
    roles: list[NsobRole] = Field(default_factory=list, max_length=4)
    needs: list[Label] = Field(default_factory=list, max_length=MAX_LIST)


class Edition(NodeModel):
    KIND: ClassVar[str] = "edition"
    kind: Literal["edition"] = "edition"
    name: Name
    start_date: dt.date
    end_date: dt.date
    location: Label = ""

    @model_validator(mode="after")
    def _ordered(self) -> Edition:
        if self.end_date < self.start_date:
            raise ValueError("end_date is before start_date")
        return self


class Session(NodeModel):
    KIND: ClassVar[str] = "session"
    kind: Literal["session"] = "session"
    name: Name
    edition: Id
    start: dt.datetime
    end: dt.datetime
    day: int = Field(default=1, ge=1, le=10)

    @model_validator(mode="after")
    def _ordered(self) -> Session:
        if self.end <= self.start:
            raise ValueError("end is not after start")
        return self


class Table(NodeModel):
    KIND: ClassVar[str] = "table"
    kind: Literal["table"] = "table"
    name: Name
    edition: Id
    number: int = Field(ge=0, le=10_000)
    team: Label = ""
    min_guests: int = Field(default=0, ge=0, le=100)
    max_guests: int = Field(default=2, ge=0, le=100)

    @model_validator(mode="after")
    def _bounds(self) -> Table:
        if self.max_guests < self.min_guests:
            raise ValueError("max_guests is below min_guests")
        return self


Node = Annotated[
    Staff | Organisation | Contact | Dossier | Team | Edition | Session | Table,
    Field(discriminator="kind"),
]
NODE_KINDS: dict[str, type[NodeModel]] = {
    cls.KIND: cls for cls in (Staff, Organisation, Contact, Dossier, Team, Edition, Session, Table)
}
node_adapter: TypeAdapter[Any] = TypeAdapter(Node)


# --------------------------------------------------------------------------- edges


class EdgeModel(_Model):
    """Fields shared by every edge kind. Identity is ``(kind, source, target, key)``."""

    KIND: ClassVar[str] = ""
    source: Id
    target: Id
    key: Label = ""
    date: dt.date | None = None
    until: dt.date | None = None

    @property
    def identity(self) -> tuple[str, str, str, str]:
        return (self.KIND, self.source, self.target, self.key)

    @model_validator(mode="after")
    def _window(self) -> EdgeModel:
        if self.date is not None and self.until is not None and self.until < self.date:
            raise ValueError("until is before date")
        return self

    def active_on(self, day: dt.date) -> bool:
        """True when the edge had started by ``day`` and not yet ended."""
        if self.date is not None and self.date > day:
            return False
        return not (self.until is not None and self.until < day)


class WorksOn(EdgeModel):
    KIND: ClassVar[str] = "WORKS_ON"
    kind: Literal["WORKS_ON"] = "WORKS_ON"
    role: Label = ""


class MemberOf(EdgeModel):
    KIND: ClassVar[str] = "MEMBER_OF"
    kind: Literal["MEMBER_OF"] = "MEMBER_OF"


class WorksAt(EdgeModel):
    KIND: ClassVar[str] = "WORKS_AT"
    kind: Literal["WORKS_AT"] = "WORKS_AT"


class Interacted(EdgeModel):
    KIND: ClassVar[str] = "INTERACTED"
    kind: Literal["INTERACTED"] = "INTERACTED"
    date: dt.date
    interaction: InteractionKind = InteractionKind.MEETING
    outcome: Outcome = Outcome.NEUTRAL
    note: Text = ""
    session: Label = ""
    table: Label = ""


class StakeholderIn(EdgeModel):
    KIND: ClassVar[str] = "STAKEHOLDER_IN"
    kind: Literal["STAKEHOLDER_IN"] = "STAKEHOLDER_IN"
    interest: int = Field(default=3, ge=1, le=5)
    influence: int = Field(default=3, ge=1, le=5)
    stance: Literal["supporter", "neutral", "critic"] = "neutral"


class CollaboratesWith(EdgeModel):
    KIND: ClassVar[str] = "COLLABORATES_WITH"
    kind: Literal["COLLABORATES_WITH"] = "COLLABORATES_WITH"
    note: Text = ""


class AvailableFor(EdgeModel):
    KIND: ClassVar[str] = "AVAILABLE_FOR"
    kind: Literal["AVAILABLE_FOR"] = "AVAILABLE_FOR"


class SeatedAt(EdgeModel):
    """A guest (contact) at a table in one session; ``key`` is the session id."""

    KIND: ClassVar[str] = "SEATED_AT"
    kind: Literal["SEATED_AT"] = "SEATED_AT"
    session: Id
    pinned: bool = False


class Feedback(EdgeModel):
    """What a person did with a shown suggestion (staff/team → organisation or contact)."""

    KIND: ClassVar[str] = "FEEDBACK"
    kind: Literal["FEEDBACK"] = "FEEDBACK"
    date: dt.date
    outcome: FeedbackOutcome
    context: Label = ""
    note: Text = ""


class Conflict(EdgeModel):
    """A declared conflict of interest or integrity rule (e.g. a tender period) between a
    staff member, dossier or team and an organisation; active between ``date`` and ``until``."""

    KIND: ClassVar[str] = "CONFLICT"
    kind: Literal["CONFLICT"] = "CONFLICT"
    reason: Label = ""


Edge = Annotated[
    WorksOn
    | MemberOf
    | WorksAt
    | Interacted
    | StakeholderIn
    | CollaboratesWith
    | AvailableFor
    | SeatedAt
    | Feedback
    | Conflict,
    Field(discriminator="kind"),
]
EDGE_KINDS: dict[str, type[EdgeModel]] = {
    cls.KIND: cls
    for cls in (
        WorksOn,
        MemberOf,
        WorksAt,
        Interacted,
        StakeholderIn,
        CollaboratesWith,
        AvailableFor,
        SeatedAt,
        Feedback,
        Conflict,
    )
}
edge_adapter: TypeAdapter[Any] = TypeAdapter(Edge)

#: Allowed (source kinds, target kinds) per edge kind.
EDGE_ENDPOINTS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "WORKS_ON": (frozenset({"staff"}), frozenset({"dossier"})),
    "MEMBER_OF": (frozenset({"staff"}), frozenset({"team"})),
    "WORKS_AT": (frozenset({"contact"}), frozenset({"organisation"})),
    "INTERACTED": (frozenset({"staff"}), frozenset({"contact", "organisation"})),
    "STAKEHOLDER_IN": (frozenset({"organisation"}), frozenset({"dossier"})),
    "COLLABORATES_WITH": (frozenset({"organisation"}), frozenset({"organisation"})),
    "AVAILABLE_FOR": (frozenset({"contact"}), frozenset({"session"})),
    "SEATED_AT": (frozenset({"contact"}), frozenset({"table"})),
    "FEEDBACK": (frozenset({"staff", "team"}), frozenset({"organisation", "contact"})),
    "CONFLICT": (frozenset({"staff", "dossier", "team"}), frozenset({"organisation"})),
}


def parse_node(data: dict[str, Any]) -> NodeModel:
    """Validate a plain dict (``kind`` decides the type) into a node."""
    return node_adapter.validate_python(data)  # type: ignore[no-any-return]


def parse_edge(data: dict[str, Any]) -> EdgeModel:
    """Validate a plain dict (``kind`` decides the type) into an edge."""
    return edge_adapter.validate_python(data)  # type: ignore[no-any-return]


def edge_identity(edge: EdgeModel) -> tuple[str, str, str, str]:
    return edge.identity
