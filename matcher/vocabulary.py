"""The one Dutch vocabulary: every label a person reads, for every renderer.

Suggestions, seating, coalitions, nudges, the web page and the exports take their Dutch words for
organisation kinds, government roles, interaction kinds, dossier phases, milestones, nudge kinds and
dates from here, so one thing is never called two names.
"""

from __future__ import annotations

import datetime as dt

from graph.model import MilestoneKind, NsobRole, OrganisationKind

__all__ = [
    "FEEDBACK_NL",
    "INTERACTION_NL",
    "INTERACTION_NOUN_NL",
    "KIND_LABELS_NL",
    "MILESTONE_NL",
    "MONTHS_NL",
    "NUDGE_KIND_NL",
    "PHASE_NL",
    "ROLE_ADJ_NL",
    "ROLE_LABELS_NL",
    "SEATING_METHOD_NL",
    "SEATING_STATUS_NL",
    "format_date_nl",
    "format_number_nl",
]

_K = OrganisationKind
_R = NsobRole

MONTHS_NL = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]

#: Dutch names of the organisation kinds.
KIND_LABELS_NL: dict[OrganisationKind, str] = {
    _K.COMPANY: "bedrijf",
    _K.KNOWLEDGE_INSTITUTE: "kennisinstelling",
    _K.NGO: "maatschappelijke organisatie",
    _K.CITIZEN_INITIATIVE: "burgerinitiatief",
    _K.BRANCH_ASSOCIATION: "brancheorganisatie",
    _K.PUBLIC_BODY: "publieke organisatie",
    _K.OTHER: "andere organisatie",
}

#: Dutch names of the roles, for reasons and diagnoses.
ROLE_LABELS_NL: dict[NsobRole, str] = {
    _R.RECHTMATIG: "rechtmatige overheid",
    _R.PRESTEREND: "presterende overheid",
    _R.NETWERKEND: "netwerkende overheid",
    _R.RESPONSIEF: "responsieve overheid",
}

#: The roles as adjectives ("de netwerkende rol").
ROLE_ADJ_NL = {
    "rechtmatig": "rechtmatige",
    "presterend": "presterende",
    "netwerkend": "netwerkende",
    "responsief": "responsieve",
}

#: Where a contact took place, as a phrase ("in een overleg").
INTERACTION_NL = {
    "meeting": "in een overleg",
    "guest_table": "aan de gasttafel",
    "workshop": "in een workshop",
    "consultation": "in een consultatie",
    "site_visit": "tijdens een werkbezoek",
    "call": "aan de telefoon",
    "email": "per e-mail",
    "event": "op een bijeenkomst",
    "co_production": "in een coproductie",
}

#: Interaction kinds as nouns ("overleg").
INTERACTION_NOUN_NL = {
    "meeting": "overleg",
    "guest_table": "gasttafel",
    "workshop": "workshop",
    "consultation": "consultatie",
    "site_visit": "werkbezoek",
    "call": "gesprek",
    "email": "e-mail",
    "event": "bijeenkomst",
    "co_production": "coproductie",
}

#: Dossier phases.
PHASE_NL = {
    "agenda_setting": "agendavorming",
    "exploration": "verkenning",
    "design": "ontwerp",
    "decision": "besluitvorming",
    "implementation": "uitvoering",
    "evaluation": "evaluatie",
}

#: Milestone kinds.
MILESTONE_NL = {
    MilestoneKind.CONSULTATION: "consultatie",
    MilestoneKind.DECISION: "besluit",
    MilestoneKind.DEADLINE: "deadline",
    MilestoneKind.EVENT: "bijeenkomst",
    MilestoneKind.OTHER: "mijlpaal",
}

#: Nudge kinds (also the iCalendar category).
NUDGE_KIND_NL = {
    "milestone": "Mijlpaal",
    "session": "Programmasessie",
    "fading": "Relatie onderhouden",
    "newly_active": "Nieuwe partner",
}


#: Answers on a shown suggestion, as a button and in a confirmation ("Vastgelegd: … — gesproken").
FEEDBACK_NL = {
    "accepted": "interessant",
    "declined": "niet relevant",
    "met": "gesproken",
    "co_produced": "samen opgepakt",
    "shown": "getoond",
}

#: Seating plan status words (solver status and stored plans).
SEATING_STATUS_NL = {
    "optimal": "optimaal",
    "feasible": "haalbaar",
    "infeasible": "onhaalbaar",
    "unknown": "nog niet ingedeeld",
    "model_invalid": "ongeldige invoer",
}

#: How a seating plan was made.
SEATING_METHOD_NL = {
    "cpsat": "optimalisatie (CP-SAT)",
    "flow": "exacte toewijzing (stroomnetwerk)",
    "greedy": "eenvoudige indeling",
    "stored": "opgeslagen indeling",
    "replan": "herindeling",
    "restored": "teruggezet",
}


def format_number_nl(value: float, decimals: int = 3) -> str:
    """A number with a decimal comma, as Dutch spreadsheets read it.

    >>> format_number_nl(0.75), format_number_nl(2.0, 1)
    ('0,75', '2')
    """
    text = f"{value:.{decimals}f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if text not in ("-0", "") else "0"


def format_date_nl(day: dt.date | str) -> str:
    """``12 maart 2026``.

    >>> format_date_nl(dt.date(2026, 3, 12))
    '12 maart 2026'
    """
    if isinstance(day, str):
        day = dt.date.fromisoformat(day[:10])
    return f"{day.day} {MONTHS_NL[day.month - 1]} {day.year}"
