"""The one Dutch vocabulary: every label a person reads, for every renderer.

Suggestions, seating, coalitions, nudges, the web page and the exports take their Dutch words for
organisation kinds, government roles, interaction kinds, dossier phases, milestones, nudge kinds and
dates from here, so one thing is never called two names.
"""

from __future__ import annotations

import datetime as dt

from graph.model import MilestoneKind, NsobRole, OrganisationKind

__all__ = [
    "ERASED_NL",
    "ERASED_TEXT_NL",
    "EXCLUDED_PREFIX_NL",
    "EXCLUSION_NL",
    "EXCLUSION_OTHER_NL",
    "FACET_SOURCE_NL",
    "FEEDBACK_NL",
    "INTERACTION_NL",
    "INTERACTION_NOUN_NL",
    "KIND_LABELS_NL",
    "MEMBER_FEEDBACK_NL",
    "MILESTONE_NL",
    "MONTHS_NL",
    "NUDGE_KIND_NL",
    "NUDGE_STATUS_NL",
    "NUDGE_WHO_NL",
    "NUDGE_WHY_NOW_NL",
    "PHASE_NL",
    "ROLE_ADJ_NL",
    "ROLE_LABELS_NL",
    "SEATING_METHOD_NL",
    "SEATING_STATUS_NL",
    "SUGGEST_NL",
    "THEME_FILLERS_NL",
    "TOPICS_NL",
    "UNAVAILABLE_NL",
    "count_nl",
    "format_date_nl",
    "format_fixed_nl",
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
#: The words around a list of partner suggestions (page, CLI).
SUGGEST_NL = {
    "no_match": "geen goede match",
    "no_match_explained": (
        "Geen goede match: geen organisatie in de catalogus past goed genoeg bij deze vraag."
    ),
    "nearest_themes": "dichtstbijzijnde thema's die de catalogus wel dekt",
    "none": "geen suggesties",
    "involved": "al betrokken",
    "advantage": "voordeel",
    "drawback": "nadeel",
    "score": "passendheid",
}

NUDGE_KIND_NL = {
    "milestone": "Mijlpaal",
    "session": "Programmasessie",
    "fading": "Relatie onderhouden",
    "newly_active": "Nieuwe partner",
}


#: The topics a team's challenge is read for (its facets), each with the words that define it.
#: A derived facet is named by its key; the definition is what relevance scores against.
TOPICS_NL: dict[str, str] = {
    "waterveiligheid": "waterveiligheid: dijken en dijkversterking, waterkeringen, hoogwaterbescherming, "
    "overstromingen, kustveiligheid",
    "waterkwaliteit": "waterkwaliteit: schoon oppervlaktewater, verontreiniging, nutriënten, ecologie",
    "drinkwater": "drinkwater: drinkwatervoorziening, winning van grondwater, bronbescherming",
    "bodem": "bodem en ondergrond: bodemverontreiniging, PFAS, bodemdaling, grond en grondwater",
    "klimaatadaptatie": "klimaatadaptatie: hitte, droogte, wateroverlast, zeespiegelstijging",
    "wind op zee": "wind op zee: windparken op de Noordzee, windenergie, aanlanding, kavels",
    "waterstof": "waterstof: productie, import, opslag en transport van waterstof, elektrolyse",
    "netbeheer": "netbeheer: elektriciteitsnet, netcongestie, netuitbreiding, aansluitingen",
    "energietransitie": "energietransitie: duurzame energie, verduurzaming, CO2-reductie",
    "openbaar vervoer": "openbaar vervoer: bus, tram, metro, OV-concessies, reizigers",
    "spoor": "spoor: treinen, spoorwegen, spoorcapaciteit, goederenvervoer per spoor",
    "fiets": "fiets: fietsers, fietspaden, fietsparkeren, fietsgebruik",
    "wegen": "wegen: snelwegen, rijkswegen, bereikbaarheid, files, wegbeheer",
    "verkeersveiligheid": "verkeersveiligheid: verkeersdoden, ongevallen, veilig verkeer",
    "logistiek": "logistiek: goederenvervoer, vrachtvervoer, distributie, supply chain",
    "luchtvaart": "luchtvaart: luchthavens, vliegen, vliegtuigen, Schiphol, luchtvaartbrandstof",
    "maritiem": "maritiem: zeevaart, scheepvaart, scheepsbouw, schepen op zee",
    "havens": "havens: zeehavens, havenbedrijven, havenindustrie, overslag en terminals",
    "binnenvaart": "binnenvaart: binnenvaartschepen, vaarwegen, rivieren, sluizen",
    "circulaire economie": "circulaire economie: hergebruik van grondstoffen, recycling, afval",
    "natuur": "natuur: biodiversiteit, natuurgebieden, ecologie, Natura 2000",
    "landbouw": "landbouw: boeren, agrarische sector, veehouderij, stikstof",
    "participatie": "participatie: inwoners en bewoners betrekken, inspraak, draagvlak",
    "ruimtelijke ordening": "ruimtelijke ordening: ruimtelijke inrichting, gebiedsontwikkeling",
    "milieu": "milieu: luchtkwaliteit, geluid, emissies, gezondheid en leefomgeving",
    "bouw en infrastructuur": "bouw en infrastructuur: bruggen, tunnels, aanleg, onderhoud, bouw",
    "internationaal": "internationaal: Europese samenwerking, EU, buurlanden, grensoverschrijdend",
    "noordzee": "Noordzee: zee, mariene ecologie, visserij, gebruik van de zee",
}

#: Words a reason never names as a shared theme although a question and a profile share them:
#: prepositions the stop-word list lacks, and words that say how, not what ("nieuwe aanpak",
#: "goede samenwerking met partners").
THEME_FILLERS_NL = frozenset(
    {
        "langs",
        "richting",
        "naast",
        "middels",
        "namens",
        "gericht",
        "nieuw",
        "nieuwe",
        "groot",
        "grote",
        "goed",
        "goede",
        "beter",
        "betere",
        "mogelijk",
        "mogelijke",
        "bijvoorbeeld",
        "samenwerking",
        "samenwerken",
        "werken",
        "aanpak",
        "rol",
        "partner",
        "partners",
        "organisatie",
        "organisaties",
    }
)

#: Where a team's facet comes from.
FACET_SOURCE_NL = {
    "challenge": "uit uw opgave",
    "dossier": "uit uw dossier",
    "needs": "door het team vastgelegd",
}

#: Answers on a shown suggestion, as a button and in a confirmation ("Vastgelegd: … — gesproken").
FEEDBACK_NL = {
    "accepted": "interessant",
    "declined": "niet relevant",
    "met": "gesproken",
    "co_produced": "samen opgepakt",
    "shown": "getoond",
}

#: The team's answers on a coalition member (one click on the page).
MEMBER_FEEDBACK_NL = {k: v for k, v in FEEDBACK_NL.items() if k != "shown"}

#: Labels of a nudge: who should act, and why now.
NUDGE_WHO_NL = "Wie pakt dit op"
NUDGE_WHY_NOW_NL = "Waarom nu"

#: What a team did with a nudge.
NUDGE_STATUS_NL = {"done": "afgerond", "snoozed": "uitgesteld"}

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


def count_nl(n: int, one: str, many: str) -> str:
    """A count with its noun in the right number.

    >>> count_nl(1, "wijziging", "wijzigingen"), count_nl(3, "contact", "contacten")
    ('1 wijziging', '3 contacten')
    >>> count_nl(0, "regel", "regels")
    '0 regels'
    """
    return f"{n} {one if n == 1 else many}"


def format_fixed_nl(value: float, decimals: int = 2) -> str:
    """A number with a decimal comma and always ``decimals`` decimals, so the numbers of a list
    line up and read alike.

    >>> format_fixed_nl(3.0), format_fixed_nl(2.956), format_fixed_nl(-0.001)
    ('3,00', '2,96', '0,00')
    """
    text = f"{value:.{decimals}f}"
    if text.lstrip("-").strip("0.") == "":
        text = text.lstrip("-")
    return text.replace(".", ",")


def format_date_nl(day: dt.date | str) -> str:
    """``12 maart 2026``.

    >>> format_date_nl(dt.date(2026, 3, 12))
    '12 maart 2026'
    """
    if isinstance(day, str):
        day = dt.date.fromisoformat(day[:10])
    return f"{day.day} {MONTHS_NL[day.month - 1]} {day.year}"


#: Stands in for an erased person: in the audit log (for their id) and in texts that named them.
ERASED_NL = "gewist"
ERASED_TEXT_NL = "[gewist]"

#: Why an organisation is not suggested, per integrity rule (the key of its CONFLICT edges), shown
#: to admins as ``uitgesloten: <label>``.
EXCLUSION_NL = {
    "tender": "lopende aanbesteding",
    "nevenfunctie": "nevenfunctie of familiebetrekking",
}
#: The label of a CONFLICT whose key no rule names.
EXCLUSION_OTHER_NL = "belangenconflict"
EXCLUDED_PREFIX_NL = "uitgesloten"
