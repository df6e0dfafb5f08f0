"""The one Dutch vocabulary: every label a person reads, for every renderer.

Suggestions, seating, coalitions, nudges, the web page and the exports take their Dutch words for
organisation kinds, government roles, interaction kinds, dossier phases, milestones, nudge kinds and
dates from here, so one thing is never called two names.
"""

from __future__ import annotations

import datetime as dt

from graph.model import MilestoneKind, NsobRole, OrganisationKind

__all__ = [
    "INTERACTION_NL",
    "INTERACTION_NOUN_NL",
    "KIND_LABELS_NL",
    "MILESTONE_NL",
    "MONTHS_NL",
    "NUDGE_KIND_NL",
    "PHASE_NL",
    "ROLE_ADJ_NL",
    "ROLE_LABELS_NL",
    "UNAVAILABLE_NL",
    "format_date_nl",
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

#: Web page messages when the service cannot answer right now: (title, text with ``{seconden}``).
UNAVAILABLE_NL = {
    "busy": (
        "Even geduld",
        "De gegevens worden op dit moment bijgewerkt, bijvoorbeeld door een import. Er is niets "
        "opgeslagen. Probeer het over {seconden} seconden opnieuw.",
    ),
    "rate_limited": (
        "Te veel verzoeken",
        "Met deze sleutel zijn in korte tijd te veel verzoeken gedaan. Probeer het over "
        "{seconden} seconden opnieuw.",
    ),
    "stopping": (
        "Even geduld",
        "De dienst wordt herstart en kon uw verzoek niet afmaken. Probeer het over {seconden} "
        "seconden opnieuw.",
    ),
    "timeout": (
        "Dit duurt te lang",
        "Het antwoord duurde te lang en er is niet langer op gewacht. Probeer het over "
        "{seconden} seconden opnieuw, of stel een kleinere vraag.",
    ),
}

#: Nudge kinds (also the iCalendar category).
NUDGE_KIND_NL = {
    "milestone": "Mijlpaal",
    "session": "Programmasessie",
    "fading": "Relatie onderhouden",
    "newly_active": "Nieuwe partner",
}


def format_date_nl(day: dt.date | str) -> str:
    """``12 maart 2026``.

    >>> format_date_nl(dt.date(2026, 3, 12))
    '12 maart 2026'
    """
    if isinstance(day, str):
        day = dt.date.fromisoformat(day[:10])
    return f"{day.day} {MONTHS_NL[day.month - 1]} {day.year}"
