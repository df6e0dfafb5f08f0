"""The ministry of Infrastructure and Water Management as seeded: directorates-general and agencies
with their units, the Dutch expertise vocabulary per topic, and name lists for synthetic people.

The directorates-general and agencies are the ministry's real ones; the units inside them are
descriptive working units named after their policy topics (not an official organisation chart).
Every person in the seed is synthetic: names are combined from the first- and last-name lists
below and never refer to real people.
"""

from __future__ import annotations

from dataclasses import dataclass

from seeds.organisations import SECTORS

__all__ = [
    "DIRECTORATES",
    "FIRST_NAMES",
    "LAST_NAMES",
    "TOPIC_PHRASES",
    "Directorate",
    "Unit",
]


@dataclass(frozen=True)
class Unit:
    """A working unit: its Dutch name, its topics (labels of :data:`SECTORS`) and relative size."""

    name: str
    topics: tuple[str, ...]
    size: int


@dataclass(frozen=True)
class Directorate:
    """A directorate-general or agency of the ministry and its units."""

    code: str
    name: str
    units: tuple[Unit, ...]


DIRECTORATES: tuple[Directorate, ...] = (
    Directorate(
        "DGWB",
        "Directoraat-generaal Water en Bodem",
        (
            Unit("Waterveiligheid", ("waterveiligheid", "klimaatadaptatie"), 24),
            Unit(
                "Deltaprogramma en Klimaatadaptatie",
                ("klimaatadaptatie", "waterveiligheid", "ruimtelijke ordening"),
                18,
            ),
            Unit("Waterkwaliteit en Drinkwater", ("waterkwaliteit", "drinkwater", "landbouw"), 20),
            Unit("Bodem en Ondergrond", ("bodem", "ruimtelijke ordening", "waterkwaliteit"), 14),
            Unit("Noordzee en Wadden", ("noordzee", "natuur", "wind op zee"), 14),
            Unit("Zoetwater en Rivieren", ("waterveiligheid", "binnenvaart", "natuur"), 12),
        ),
    ),
    Directorate(
        "DGMo",
        "Directoraat-generaal Mobiliteit",
        (
            Unit("Openbaar Vervoer en Spoor", ("openbaar vervoer", "spoor"), 24),
            Unit("Fiets en Verkeersveiligheid", ("fiets", "verkeersveiligheid", "wegen"), 16),
            Unit(
                "Wegen en Bereikbaarheid",
                ("wegen", "ruimtelijke ordening", "bouw en infrastructuur"),
                20,
            ),
            Unit("Duurzame Mobiliteit", ("energietransitie", "wegen", "openbaar vervoer"), 16),
            Unit("Logistiek en Goederenvervoer", ("logistiek", "binnenvaart", "havens"), 14),
        ),
    ),
    Directorate(
        "DGLM",
        "Directoraat-generaal Luchtvaart en Maritieme Zaken",
        (
            Unit("Luchtvaart en Luchthavens", ("luchtvaart", "milieu", "participatie"), 20),
            Unit("Luchtruim en Veiligheid", ("luchtvaart", "verkeersveiligheid"), 10),
            Unit("Maritieme Zaken en Zeevaart", ("maritiem", "internationaal", "milieu"), 16),
            Unit("Havens en Binnenvaart", ("havens", "binnenvaart", "logistiek"), 14),
        ),
    ),
    Directorate(
        "DGMI",
        "Directoraat-generaal Milieu en Internationaal",
        (
            Unit("Circulaire Economie", ("circulaire economie", "milieu"), 22),
            Unit("Veiligheid en Risico's", ("milieu", "bodem", "waterkwaliteit"), 14),
            Unit("Klimaat en Energie", ("energietransitie", "waterstof", "milieu"), 16),
            Unit("Internationale Zaken", ("internationaal", "klimaatadaptatie", "maritiem"), 12),
            Unit(
                "Leefomgeving en Participatie",
                ("participatie", "ruimtelijke ordening", "milieu"),
                10,
            ),
        ),
    ),
    Directorate(
        "RWS",
        "Rijkswaterstaat",
        (
            Unit(
                "Water, Verkeer en Leefomgeving",
                ("waterveiligheid", "wegen", "waterkwaliteit", "milieu"),
                26,
            ),
            Unit(
                "Programma's, Projecten en Onderhoud",
                ("bouw en infrastructuur", "wegen", "waterveiligheid"),
                26,
            ),
            Unit("Zee en Delta", ("waterveiligheid", "noordzee", "wind op zee", "maritiem"), 16),
            Unit("Midden-Nederland", ("wegen", "binnenvaart", "klimaatadaptatie"), 12),
            Unit("Noord-Nederland", ("waterveiligheid", "natuur", "netbeheer"), 12),
            Unit("Oost-Nederland", ("waterveiligheid", "binnenvaart", "natuur"), 12),
            Unit("Netwerkmanagement en Energie", ("netbeheer", "energietransitie", "wegen"), 10),
        ),
    ),
    Directorate(
        "KNMI",
        "Koninklijk Nederlands Meteorologisch Instituut",
        (
            Unit("Klimaat en Scenario's", ("klimaatadaptatie", "waterveiligheid"), 10),
            Unit("Weer en Waarschuwingen", ("klimaatadaptatie", "luchtvaart", "noordzee"), 8),
            Unit("Seismologie en Aardobservatie", ("bodem", "energietransitie"), 6),
        ),
    ),
    Directorate(
        "ILT",
        "Inspectie Leefomgeving en Transport",
        (
            Unit(
                "Toezicht Transport",
                ("logistiek", "luchtvaart", "maritiem", "verkeersveiligheid"),
                12,
            ),
            Unit("Toezicht Milieu en Risico's", ("milieu", "circulaire economie", "bodem"), 10),
            Unit("Toezicht Water en Infrastructuur", ("drinkwater", "waterveiligheid", "spoor"), 8),
        ),
    ),
    Directorate(
        "KiM",
        "Kennisinstituut voor Mobiliteitsbeleid",
        (
            Unit("Mobiliteitsanalyse", ("openbaar vervoer", "fiets", "wegen", "logistiek"), 8),
            Unit("Luchtvaart- en Scheepvaartonderzoek", ("luchtvaart", "maritiem"), 4),
        ),
    ),
)

#: Dutch expertise vocabulary per topic, used to compose staff and contact expertise texts.
TOPIC_PHRASES: dict[str, tuple[str, ...]] = {
    "waterveiligheid": (
        "dijkversterking",
        "normering van primaire waterkeringen",
        "overstromingsrisico's",
        "hoogwaterbescherming",
        "kustveiligheid",
        "beoordeling van waterkeringen",
    ),
    "waterkwaliteit": (
        "Kaderrichtlijn Water",
        "nutriënten in oppervlaktewater",
        "opkomende stoffen",
        "microverontreinigingen",
        "ecologische waterkwaliteit",
    ),
    "drinkwater": (
        "bronbescherming",
        "drinkwatervoorziening",
        "waterbesparing",
        "grondwaterwinning",
    ),
    "bodem": (
        "bodemverontreiniging",
        "PFAS",
        "bodemdaling",
        "hergebruik van grond",
        "ondergrond en grondwater",
    ),
    "klimaatadaptatie": (
        "klimaatbestendige inrichting",
        "hittestress",
        "wateroverlast",
        "droogte",
        "zeespiegelstijging",
        "stresstests",
    ),
    "wind op zee": (
        "windparken op zee",
        "kavelbesluiten",
        "tenders voor wind op zee",
        "ecologie van windparken",
        "aanlanding van windenergie",
    ),
    "waterstof": (
        "waterstofketen",
        "elektrolyse",
        "waterstofinfrastructuur",
        "import van waterstof",
    ),
    "netbeheer": (
        "netcongestie",
        "netuitbreiding",
        "flexibiliteit in het energienet",
        "aansluiten van opwek",
    ),
    "energietransitie": (
        "energietransitie",
        "verduurzaming",
        "CO2-reductie",
        "elektrificatie",
        "duurzame energie",
    ),
    "openbaar vervoer": (
        "openbaar vervoer",
        "OV-concessies",
        "toegankelijkheid van het OV",
        "ketenmobiliteit",
        "OV-knooppunten",
    ),
    "spoor": (
        "spoorcapaciteit",
        "internationale treinverbindingen",
        "spoorveiligheid",
        "goederenvervoer per spoor",
    ),
    "fiets": ("fietsbeleid", "fietsparkeren bij stations", "snelfietsroutes", "fietsstimulering"),
    "wegen": (
        "hoofdwegennet",
        "bereikbaarheid",
        "vervanging en renovatie van bruggen",
        "verkeersmanagement",
        "onderhoud van infrastructuur",
    ),
    "verkeersveiligheid": (
        "verkeersveiligheid",
        "Strategisch Plan Verkeersveiligheid",
        "veilige snelheden",
        "kwetsbare verkeersdeelnemers",
    ),
    "logistiek": (
        "stadslogistiek",
        "zero-emissie logistiek",
        "goederencorridors",
        "datadeling in de logistiek",
    ),
    "luchtvaart": (
        "luchtvaartbeleid",
        "geluidshinder",
        "luchtruimherziening",
        "duurzame luchtvaartbrandstof",
        "luchthavenbesluiten",
    ),
    "maritiem": (
        "zeevaart",
        "maritieme veiligheid",
        "verduurzaming van de scheepvaart",
        "IMO-regelgeving",
    ),
    "havens": (
        "havenontwikkeling",
        "havenindustrieel complex",
        "bereikbaarheid van havens",
        "energiehavens",
    ),
    "binnenvaart": ("binnenvaart", "vaarwegen", "sluizen en bruggen", "laagwater op rivieren"),
    "circulaire economie": (
        "circulaire economie",
        "producentenverantwoordelijkheid",
        "recycling",
        "circulair bouwen",
        "kunststofketen",
    ),
    "natuur": ("natuurherstel", "biodiversiteit", "Natura 2000", "natuurinclusief ontwerp"),
    "landbouw": (
        "landbouw en water",
        "zoetwater voor de landbouw",
        "mestbeleid",
        "landelijk gebied",
    ),
    "participatie": (
        "participatie",
        "burgerinitiatieven",
        "omgevingsmanagement",
        "dialoog met bewoners",
        "energieke samenleving",
    ),
    "ruimtelijke ordening": (
        "ruimtelijke ordening",
        "Omgevingswet",
        "gebiedsontwikkeling",
        "ruimtelijke inpassing",
    ),
    "milieu": (
        "luchtkwaliteit",
        "geluid",
        "stikstof",
        "externe veiligheid",
        "milieueffectrapportage",
    ),
    "bouw en infrastructuur": (
        "aanbesteden",
        "contractmanagement",
        "grote projecten",
        "assetmanagement",
        "emissieloos bouwen",
    ),
    "internationaal": (
        "Europese samenwerking",
        "internationale waterdiplomatie",
        "EU-regelgeving",
        "ontwikkelingssamenwerking",
    ),
    "noordzee": ("Noordzee", "mariene ruimtelijke planning", "Noordzeeakkoord", "mariene ecologie"),
}

missing = [s for s in SECTORS if s not in TOPIC_PHRASES]
if missing:  # pragma: no cover - guards the catalogue while editing
    raise RuntimeError(f"TOPIC_PHRASES lacks {missing}")
for _d in DIRECTORATES:
    for _u in _d.units:
        if not set(_u.topics) <= set(SECTORS):  # pragma: no cover
            raise RuntimeError(f"unit {_u.name}: unknown topics")

FIRST_NAMES: tuple[str, ...] = (
    "Anouk",
    "Bram",
    "Charlotte",
    "Daan",
    "Eline",
    "Floor",
    "Gijs",
    "Hanna",
    "Ilse",
    "Jasper",
    "Kim",
    "Lars",
    "Maaike",
    "Niels",
    "Olga",
    "Pieter",
    "Quinten",
    "Roos",
    "Sander",
    "Tessa",
    "Ruben",
    "Vera",
    "Wouter",
    "Yara",
    "Zoë",
    "Arjen",
    "Bas",
    "Carlijn",
    "Dirk",
    "Esther",
    "Fenna",
    "Gerben",
    "Hilde",
    "Ivo",
    "Joost",
    "Karin",
    "Lotte",
    "Maarten",
    "Nadia",
    "Omar",
    "Petra",
    "Rik",
    "Sanne",
    "Thijs",
    "Ursula",
    "Vincent",
    "Willemijn",
    "Youssef",
    "Annelies",
    "Bart",
    "Cor",
    "Dewi",
    "Emre",
    "Femke",
    "Geert",
    "Hester",
    "Inge",
    "Jeroen",
    "Kees",
    "Linda",
    "Mark",
    "Noor",
    "Onno",
    "Priya",
    "Reinout",
    "Suzanne",
    "Tim",
    "Marieke",
    "Jorien",
    "Stijn",
    "Laura",
    "Frank",
    "Merel",
    "Koen",
    "Iris",
    "Hugo",
    "Nina",
    "Ahmed",
    "Fatima",
    "Sven",
    "Judith",
    "Erik",
    "Lieke",
    "Mehmet",
    "Renske",
    "Tom",
    "Yvonne",
    "Wim",
    "Sofie",
)

LAST_NAMES: tuple[str, ...] = (
    "de Vries",
    "Jansen",
    "van Dijk",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "de Wit",
    "Dijkstra",
    "Smits",
    "de Graaf",
    "van der Meer",
    "van der Linden",
    "Kok",
    "Jacobs",
    "de Haan",
    "Vermeulen",
    "van den Heuvel",
    "van der Veen",
    "van den Berg",
    "van Wijk",
    "Hoekstra",
    "Koster",
    "Prins",
    "Huisman",
    "Postma",
    "Kuipers",
    "Veenstra",
    "Kramer",
    "van den Brink",
    "Scholten",
    "van Vliet",
    "Willems",
    "Timmermans",
    "Groen",
    "Gerritsen",
    "Boersma",
    "Verhoeven",
    "Koopman",
    "Schouten",
    "Maas",
    "Blom",
    "Hoogland",
    "Sterk",
    "Wolters",
    "Molenaar",
    "Zwart",
    "Evers",
    "Veldhuis",
    "Yilmaz",
    "El Amrani",
    "Bouali",
    "Kaya",
    "Tjon",
    "Nguyen",
    "Pinas",
    "Ramdin",
    "Wijnands",
    "Terpstra",
    "Bosman",
    "Haverkamp",
    "Lammers",
    "Oosterhuis",
    "Roelofs",
    "Spijker",
    "Uiterwijk",
    "Zijlstra",
)
