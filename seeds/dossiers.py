"""The policy dossiers of the seed network.

Each entry is a dict with ``slug`` (node id ``dossier:<slug>``), ``title``, a Dutch ``description``
in general terms, ``directorate`` (a code of :data:`seeds.ministry.DIRECTORATES`), ``phase``,
NSOB ``roles``, ``themes`` (labels of :data:`seeds.organisations.SECTORS`) and ``tender`` (True when
a tender or procurement runs, which :mod:`seeds.generate` turns into a dated tender milestone and a
CONFLICT period with the bidding companies). Dated milestones are added by the generator.
"""

from __future__ import annotations

from typing import Any

from seeds.organisations import SECTORS

__all__ = ["DOSSIERS"]


def _d(
    slug: str,
    title: str,
    directorate: str,
    phase: str,
    roles: list[str],
    themes: list[str],
    description: str,
    *,
    tender: bool = False,
) -> dict[str, Any]:
    unknown = [t for t in themes if t not in SECTORS]
    if unknown:
        raise ValueError(f"dossier {slug}: unknown themes {unknown}")
    return {
        "slug": slug,
        "title": title,
        "directorate": directorate,
        "phase": phase,
        "roles": roles,
        "themes": themes,
        "description": " ".join(description.split()),
        "tender": tender,
    }


DOSSIERS: list[dict[str, Any]] = [
    # ------------------------------------------------------------------ water safety
    _d(
        "markermeerdijken",
        "Versterking Markermeerdijken",
        "DGWB",
        "implementation",
        ["presterend", "responsief"],
        ["waterveiligheid", "participatie", "ruimtelijke ordening"],
        """Versterking van de dijken langs het Markermeer tussen Hoorn en Amsterdam. De opgave
       combineert waterveiligheid met behoud van het historische dijklandschap en vraagt
       intensief contact met bewoners en erfgoedorganisaties.""",
        tender=True,
    ),
    _d(
        "afsluitdijk",
        "Renovatie Afsluitdijk",
        "RWS",
        "implementation",
        ["presterend", "netwerkend"],
        ["waterveiligheid", "natuur", "energietransitie"],
        """Versterking en vernieuwing van de Afsluitdijk, met nieuwe spuicapaciteit en
       vismigratievoorzieningen. De regio werkt tegelijk aan natuur, duurzame energie en
       recreatie rond de dijk.""",
    ),
    _d(
        "deltaprogramma",
        "Deltaprogramma",
        "DGWB",
        "exploration",
        ["netwerkend", "rechtmatig"],
        ["waterveiligheid", "klimaatadaptatie", "drinkwater"],
        """Nationaal programma om Nederland ook op lange termijn te beschermen tegen
       overstromingen en te zorgen voor voldoende zoetwater. Rijk, provincies, waterschappen
       en gemeenten werken samen aan strategieën en voorkeursbeslissingen.""",
    ),
    _d(
        "kennisprogramma-zeespiegelstijging",
        "Kennisprogramma Zeespiegelstijging",
        "DGWB",
        "exploration",
        ["netwerkend"],
        ["waterveiligheid", "klimaatadaptatie", "noordzee"],
        """Onderzoek naar de gevolgen van versnelde zeespiegelstijging en de opties om de kust
       en de rivieren veilig te houden. Het programma verbindt kennisinstituten met
       beleidsmakers om keuzes tijdig voor te bereiden.""",
    ),
    _d(
        "hwbp-dijkversterkingen",
        "Hoogwaterbeschermingsprogramma",
        "DGWB",
        "implementation",
        ["presterend", "netwerkend"],
        ["waterveiligheid", "bouw en infrastructuur"],
        """Landelijk programma van Rijk en waterschappen om de primaire waterkeringen op de
       nieuwe normen te brengen. Het dossier gaat over financiering, innovatie en het tempo van
       de dijkversterkingen.""",
        tender=True,
    ),
    _d(
        "ruimte-voor-de-rivier-vervolg",
        "Integraal Riviermanagement",
        "DGWB",
        "design",
        ["netwerkend", "responsief"],
        ["waterveiligheid", "natuur", "binnenvaart"],
        """Integrale aanpak van de grote rivieren waarin waterveiligheid, scheepvaart,
       natuur en zoetwater samen worden bekeken. Bewoners en gebiedspartners denken mee over de
       inrichting van uiterwaarden.""",
    ),
    _d(
        "kustlijnzorg",
        "Kustlijnzorg en zandsuppleties",
        "RWS",
        "implementation",
        ["presterend"],
        ["waterveiligheid", "natuur", "noordzee"],
        """Onderhoud van de Nederlandse kust met zandsuppleties. Het dossier behandelt de
       benodigde zandvolumes bij zeespiegelstijging en de natuurwaarden op en voor de
       kust.""",
        tender=True,
    ),
    _d(
        "waddenzee-dijken",
        "Dijkversterking Waddenkust",
        "RWS",
        "design",
        ["presterend", "responsief"],
        ["waterveiligheid", "natuur", "participatie"],
        """Versterking van de dijken langs de Waddenkust, waarbij de kansen voor natuur en
       kwelders worden benut. Het ontwerp wordt samen met de regio en natuurorganisaties
       uitgewerkt.""",
    ),
    _d(
        "stormvloedkeringen",
        "Toekomst stormvloedkeringen",
        "RWS",
        "exploration",
        ["rechtmatig", "netwerkend"],
        ["waterveiligheid", "maritiem", "havens"],
        """Verkenning van de toekomst van de grote stormvloedkeringen bij een stijgende
       zeespiegel. Het gaat om sluitfrequenties, vervanging op termijn en de gevolgen voor
       scheepvaart en havens.""",
    ),
    # ------------------------------------------------------------------ climate adaptation and water management
    _d(
        "deltaplan-ruimtelijke-adaptatie",
        "Deltaplan Ruimtelijke Adaptatie",
        "DGWB",
        "implementation",
        ["netwerkend", "responsief"],
        ["klimaatadaptatie", "ruimtelijke ordening", "participatie"],
        """Aanpak om Nederland klimaatbestendig en waterrobuust in te richten, met stresstests,
       risicodialogen en uitvoeringsagenda's. Gemeenten, waterschappen en bewoners werken samen
       aan maatregelen tegen hitte, droogte en wateroverlast.""",
    ),
    _d(
        "water-en-bodem-sturend",
        "Water en bodem sturend",
        "DGWB",
        "decision",
        ["rechtmatig", "netwerkend"],
        ["ruimtelijke ordening", "bodem", "klimaatadaptatie"],
        """Uitwerking van het principe dat water en bodem richtinggevend zijn bij ruimtelijke
       keuzes, bijvoorbeeld bij nieuwe woningbouwlocaties. Het dossier vraagt afstemming met
       provincies en gemeenten.""",
    ),
    _d(
        "zoetwatervoorziening",
        "Zoetwatervoorziening en droogte",
        "DGWB",
        "design",
        ["netwerkend", "presterend"],
        ["drinkwater", "landbouw", "klimaatadaptatie"],
        """Maatregelen om de zoetwatervoorziening robuust te maken bij langere perioden van
       droogte. Landbouw, natuur, drinkwater en scheepvaart hebben elk hun belangen bij de
       verdeling van water.""",
    ),
    _d(
        "hitte-en-droogte-stad",
        "Klimaatbestendige stad",
        "DGWB",
        "exploration",
        ["responsief", "netwerkend"],
        ["klimaatadaptatie", "participatie", "natuur"],
        """Stimuleren van vergroening en waterberging in steden om hittestress en wateroverlast
       te beperken. Bewonersinitiatieven en gemeenten spelen hierin een grote rol.""",
    ),
    _d(
        "bodemdaling-veenweide",
        "Bodemdaling veenweidegebieden",
        "DGWB",
        "exploration",
        ["netwerkend"],
        ["bodem", "landbouw", "klimaatadaptatie"],
        """Aanpak van bodemdaling in veenweidegebieden, waar ontwatering leidt tot inklinking en
       uitstoot. Het dossier zoekt met boeren, waterschappen en provincies naar
       toekomstbestendige waterpeilen.""",
    ),
    # ------------------------------------------------------------------ water and soil quality
    _d(
        "kaderrichtlijn-water",
        "Kaderrichtlijn Water",
        "DGWB",
        "implementation",
        ["rechtmatig", "netwerkend"],
        ["waterkwaliteit", "landbouw", "natuur"],
        """Uitvoering van de Europese Kaderrichtlijn Water, die eist dat oppervlakte- en
       grondwater in goede toestand zijn. De opgave raakt landbouw, industrie,
       waterzuivering en natuurbeheer.""",
    ),
    _d(
        "opkomende-stoffen",
        "Opkomende stoffen en PFAS",
        "DGMI",
        "design",
        ["rechtmatig", "responsief"],
        ["waterkwaliteit", "bodem", "milieu"],
        """Beleid voor opkomende stoffen zoals PFAS en medicijnresten in water en bodem. Het
       dossier gaat over normen, bronaanpak bij industrie en de zorgen van omwonenden.""",
    ),
    _d(
        "drinkwaterbronnen",
        "Bescherming drinkwaterbronnen",
        "DGWB",
        "decision",
        ["rechtmatig"],
        ["drinkwater", "waterkwaliteit", "bodem"],
        """Bescherming van bronnen voor drinkwater tegen vervuiling en het vinden van extra
       winlocaties voor de groeiende vraag. Drinkwaterbedrijven en provincies zijn nauw
       betrokken.""",
    ),
    _d(
        "hergebruik-grond-en-baggerspecie",
        "Hergebruik grond en baggerspecie",
        "DGMI",
        "evaluation",
        ["rechtmatig", "presterend"],
        ["bodem", "circulaire economie"],
        """Regels voor het verantwoord hergebruiken van grond en baggerspecie. De evaluatie kijkt
       naar de balans tussen circulariteit, bodembescherming en de uitvoerbaarheid voor
       aannemers.""",
    ),
    _d(
        "mestbeleid-en-water",
        "Landbouw en waterkwaliteit",
        "DGWB",
        "exploration",
        ["netwerkend", "responsief"],
        ["landbouw", "waterkwaliteit"],
        """Verkenning van maatregelen om de belasting van oppervlaktewater met meststoffen en
       gewasbeschermingsmiddelen te verminderen, samen met agrarische ondernemers.""",
    ),
    _d(
        "microverontreinigingen-rwzi",
        "Medicijnresten uit afvalwater",
        "DGWB",
        "implementation",
        ["presterend", "netwerkend"],
        ["waterkwaliteit", "drinkwater"],
        """Aanpak van medicijnresten en andere microverontreinigingen via extra
       zuiveringstechniek op rioolwaterzuiveringen en maatregelen in de zorgketen.""",
    ),
    # ------------------------------------------------------------------ North Sea and energy
    _d(
        "wind-op-zee-2032",
        "Routekaart Wind op Zee",
        "DGWB",
        "implementation",
        ["presterend", "rechtmatig"],
        ["wind op zee", "noordzee", "netbeheer"],
        """Aanwijzing en uitgifte van nieuwe windenergiegebieden op de Noordzee. Het dossier
       omvat kavelbesluiten, tenders, netaansluitingen en de ecologische inpassing van
       windparken.""",
        tender=True,
    ),
    _d(
        "noordzeeakkoord",
        "Noordzeeakkoord en ruimtegebruik",
        "DGWB",
        "evaluation",
        ["netwerkend", "responsief"],
        ["noordzee", "natuur", "wind op zee", "maritiem"],
        """Afspraken tussen overheid, visserij, natuurorganisaties en energiesector over het
       gebruik van de Noordzee. Het dossier bewaakt de balans tussen energie, voedsel en
       natuur.""",
    ),
    _d(
        "ecologie-wind-op-zee",
        "Ecologie en wind op zee",
        "DGWB",
        "exploration",
        ["netwerkend"],
        ["wind op zee", "natuur", "noordzee"],
        """Onderzoek en maatregelen om de effecten van windparken op vogels, vleermuizen,
       zeezoogdieren en bodemleven te beperken, en kansen voor natuurherstel binnen
       windparken.""",
    ),
    _d(
        "aanlanding-wind-op-zee",
        "Aanlanding netten op zee",
        "RWS",
        "design",
        ["presterend", "responsief"],
        ["netbeheer", "wind op zee", "ruimtelijke ordening"],
        """Tracés en aanlandingspunten voor de verbindingen van windparken op zee naar het
       hoogspanningsnet op land, in overleg met gemeenten en bewoners langs het
       tracé.""",
    ),
    _d(
        "waterstof-infrastructuur",
        "Waterstofinfrastructuur en havens",
        "DGMI",
        "design",
        ["netwerkend", "presterend"],
        ["waterstof", "havens", "energietransitie"],
        """Ontwikkeling van transport en opslag van waterstof tussen havens, industrieclusters
       en buurlanden. Het dossier vraagt afstemming met netbeheerders, havens en
       industrie.""",
    ),
    _d(
        "waterstof-mobiliteit",
        "Waterstof in zwaar transport",
        "DGMo",
        "exploration",
        ["netwerkend"],
        ["waterstof", "logistiek", "binnenvaart"],
        """Verkenning van de rol van waterstof in vrachtvervoer, binnenvaart en zeevaart,
       inclusief tankinfrastructuur en veiligheid.""",
    ),
    _d(
        "netcongestie-infra",
        "Netcongestie en infrastructuur",
        "RWS",
        "exploration",
        ["netwerkend", "presterend"],
        ["netbeheer", "energietransitie", "wegen"],
        """Hoe Rijkswaterstaat met eigen areaal bijdraagt aan energie-opwek en hoe netcongestie
       de elektrificatie van infrastructuur en laadpleinen beïnvloedt.""",
    ),
    _d(
        "energie-op-rijksareaal",
        "Duurzame energie op rijksgronden",
        "RWS",
        "implementation",
        ["presterend", "responsief"],
        ["energietransitie", "participatie", "wegen"],
        """Benutten van bermen, geluidsschermen en andere rijksgronden voor zonne- en
       windenergie, waar mogelijk met lokale energiecoöperaties.""",
        tender=True,
    ),
    # ------------------------------------------------------------------ mobility
    _d(
        "ov-toekomstbeeld",
        "Toekomstbeeld OV",
        "DGMo",
        "exploration",
        ["netwerkend", "responsief"],
        ["openbaar vervoer", "spoor", "ruimtelijke ordening"],
        """Langetermijnvisie op het openbaar vervoer, in samenhang met woningbouw en
       verstedelijking. Vervoerders, regio's en reizigersorganisaties denken mee over
       prioriteiten.""",
    ),
    _d(
        "hoofdrailnetconcessie",
        "Hoofdrailnetconcessie",
        "DGMo",
        "implementation",
        ["rechtmatig", "presterend"],
        ["spoor", "openbaar vervoer"],
        """Sturing op de concessie voor het vervoer over het hoofdrailnet, met afspraken over
       punctualiteit, reizigerstevredenheid en toegankelijkheid.""",
    ),
    _d(
        "internationale-trein",
        "Internationale treinverbindingen",
        "DGMo",
        "design",
        ["netwerkend"],
        ["spoor", "internationaal", "openbaar vervoer"],
        """Verbetering van treinverbindingen naar onder meer Duitsland, België en Frankrijk als
       alternatief voor korte vluchten.""",
    ),
    _d(
        "fietsbeleid",
        "Nationale fietsagenda",
        "DGMo",
        "implementation",
        ["netwerkend", "responsief"],
        ["fiets", "verkeersveiligheid", "openbaar vervoer"],
        """Stimulering van fietsgebruik met investeringen in fietsparkeren bij stations en
       snelfietsroutes, samen met regio's en de Fietsersbond.""",
    ),
    _d(
        "verkeersveiligheid",
        "Strategisch Plan Verkeersveiligheid",
        "DGMo",
        "implementation",
        ["netwerkend", "rechtmatig"],
        ["verkeersveiligheid", "wegen", "fiets"],
        """Risicogestuurde aanpak om het aantal verkeersslachtoffers terug te dringen, met
       aandacht voor ouderen, fietsers en veilige snelheden.""",
    ),
    _d(
        "vervanging-renovatie",
        "Vervanging en renovatie infrastructuur",
        "RWS",
        "implementation",
        ["presterend"],
        ["bouw en infrastructuur", "wegen", "binnenvaart"],
        """Grootschalige vervanging en renovatie van bruggen, sluizen en tunnels die het einde
       van hun levensduur naderen, met de bouwsector als partner.""",
        tender=True,
    ),
    _d(
        "zero-emissie-stadslogistiek",
        "Zero-emissie stadslogistiek",
        "DGMo",
        "implementation",
        ["netwerkend", "rechtmatig"],
        ["logistiek", "energietransitie", "milieu"],
        """Invoering van zero-emissiezones voor stadslogistiek in gemeenten. Het dossier
       ondersteunt vervoerders en ondernemers bij de overstap op emissievrije voertuigen.""",
    ),
    _d(
        "goederencorridors",
        "Goederencorridors en binnenvaart",
        "DGMo",
        "design",
        ["presterend", "netwerkend"],
        ["logistiek", "binnenvaart", "havens"],
        """Versterking van de goederencorridors tussen de havens en het achterland over water,
       spoor en weg, met aandacht voor laagwater op de rivieren.""",
    ),
    _d(
        "laadinfrastructuur",
        "Laadinfrastructuur elektrisch vervoer",
        "DGMo",
        "implementation",
        ["netwerkend", "presterend"],
        ["energietransitie", "netbeheer", "wegen"],
        """Uitrol van laadinfrastructuur voor personen- en vrachtauto's, afgestemd op de
       capaciteit van het elektriciteitsnet en slim laden.""",
    ),
    _d(
        "mobiliteitsvisie-regio",
        "Bereikbaarheid en woningbouw",
        "DGMo",
        "exploration",
        ["netwerkend", "responsief"],
        ["wegen", "openbaar vervoer", "ruimtelijke ordening"],
        """Afstemming van investeringen in bereikbaarheid op grote woningbouwlocaties, samen met
       regio's, vervoerders en bewoners.""",
    ),
    _d(
        "betalen-naar-gebruik",
        "Vrachtwagenheffing",
        "DGMo",
        "decision",
        ["rechtmatig"],
        ["logistiek", "wegen", "milieu"],
        """Invoering van een heffing voor vrachtwagens per gereden kilometer, met terugsluis van
       opbrengsten naar de vervoerssector voor verduurzaming.""",
    ),
    # ------------------------------------------------------------------ aviation
    _d(
        "luchtvaartnota",
        "Luchtvaartnota en Schiphol",
        "DGLM",
        "decision",
        ["rechtmatig", "responsief"],
        ["luchtvaart", "milieu", "participatie"],
        """Beleid voor de ontwikkeling van Schiphol en de luchtvaart, met grenzen aan
       geluidshinder en uitstoot. Omwonenden, sector en milieuorganisaties staan vaak
       tegenover elkaar.""",
    ),
    _d(
        "luchtruimherziening",
        "Luchtruimherziening",
        "DGLM",
        "design",
        ["presterend", "netwerkend"],
        ["luchtvaart", "participatie"],
        """Herinrichting van het Nederlandse luchtruim voor civiel en militair verkeer, met
       nieuwe aanvliegroutes en minder hinder en uitstoot.""",
    ),
    _d(
        "duurzame-luchtvaart",
        "Duurzame luchtvaartbrandstoffen",
        "DGLM",
        "implementation",
        ["netwerkend", "rechtmatig"],
        ["luchtvaart", "energietransitie", "circulaire economie"],
        """Stimulering van productie en bijmenging van duurzame luchtvaartbrandstoffen en van
       innovatie in elektrisch en waterstofvliegen.""",
    ),
    _d(
        "regionale-luchthavens",
        "Regionale luchthavens en Lelystad",
        "DGLM",
        "exploration",
        ["responsief", "rechtmatig"],
        ["luchtvaart", "participatie", "ruimtelijke ordening"],
        """Toekomst van de regionale luchthavens, waaronder Lelystad Airport, in samenhang met
       laagvliegroutes en de belangen van omwonenden.""",
    ),
    _d(
        "drones-en-luchtmobiliteit",
        "Drones en nieuwe luchtmobiliteit",
        "DGLM",
        "agenda_setting",
        ["netwerkend", "rechtmatig"],
        ["luchtvaart", "verkeersveiligheid"],
        """Regels en ruimte voor drones en nieuwe vormen van luchtmobiliteit, met aandacht voor
       veiligheid, privacy en geluid.""",
    ),
    # ------------------------------------------------------------------ maritime and ports
    _d(
        "verduurzaming-zeevaart",
        "Verduurzaming zeevaart",
        "DGLM",
        "design",
        ["netwerkend", "rechtmatig"],
        ["maritiem", "internationaal", "energietransitie"],
        """Inzet in de IMO en de EU voor emissiereductie in de zeevaart en ondersteuning van
       Nederlandse reders bij de overstap naar nieuwe brandstoffen.""",
    ),
    _d(
        "green-shipping-corridors",
        "Groene scheepvaartcorridors",
        "DGLM",
        "exploration",
        ["netwerkend"],
        ["maritiem", "havens", "waterstof"],
        """Verkenning van corridors tussen havens waar schepen op emissievrije brandstoffen
       varen, met havens, reders en brandstofleveranciers.""",
    ),
    _d(
        "havenstrategie",
        "Havenstrategie en energiehavens",
        "DGLM",
        "exploration",
        ["netwerkend", "presterend"],
        ["havens", "energietransitie", "logistiek"],
        """Strategie voor de zeehavens als knooppunten van logistiek en energie, met ruimte voor
       aanlanding van wind op zee, waterstofimport en circulaire industrie.""",
    ),
    _d(
        "binnenvaart-verduurzaming",
        "Verduurzaming binnenvaart",
        "DGLM",
        "implementation",
        ["netwerkend", "presterend"],
        ["binnenvaart", "energietransitie", "logistiek"],
        """Ondersteuning van binnenvaartondernemers bij emissiereductie, elektrische en
       waterstofaandrijving en walstroom in havens.""",
    ),
    _d(
        "maritieme-veiligheid-noordzee",
        "Scheepvaartveiligheid Noordzee",
        "DGLM",
        "implementation",
        ["rechtmatig", "presterend"],
        ["maritiem", "noordzee", "wind op zee"],
        """Veilige scheepvaart op een steeds drukkere Noordzee met windparken, inclusief
       verkeersscheidingsstelsels, loodsen en noodsleephulp.""",
    ),
    # ------------------------------------------------------------------ circular economy and environment
    _d(
        "nationaal-programma-circulaire-economie",
        "Nationaal Programma Circulaire Economie",
        "DGMI",
        "implementation",
        ["netwerkend", "presterend"],
        ["circulaire economie", "bouw en infrastructuur", "milieu"],
        """Programma om het gebruik van primaire grondstoffen te halveren, met doelen per
       productgroep zoals bouw, kunststoffen, textiel en elektronica.""",
    ),
    _d(
        "circulair-bouwen-infra",
        "Circulair bouwen in de infrastructuur",
        "RWS",
        "implementation",
        ["presterend", "netwerkend"],
        ["circulaire economie", "bouw en infrastructuur"],
        """Circulaire en emissieloze inkoop bij infrastructuurprojecten, met hergebruik van
       materialen en afspraken met de bouwsector.""",
        tender=True,
    ),
    _d(
        "statiegeld-en-verpakkingen",
        "Statiegeld en verpakkingen",
        "DGMI",
        "evaluation",
        ["rechtmatig", "responsief"],
        ["circulaire economie", "participatie"],
        """Evaluatie van statiegeld op flessen en blikjes en van de
       producentenverantwoordelijkheid voor verpakkingen, met zwerfafval als graadmeter.""",
    ),
    _d(
        "zwerfafval-en-plastic",
        "Zwerfafval en plastic in water",
        "DGMI",
        "design",
        ["responsief", "netwerkend"],
        ["circulaire economie", "waterkwaliteit", "participatie"],
        """Aanpak van zwerfafval en plastic in rivieren en zee, met burgerinitiatieven die
       afval tellen en opruimen en met producenten die bij de bron verminderen.""",
    ),
    _d(
        "textiel-en-producentenverantwoordelijkheid",
        "Circulair textiel",
        "DGMI",
        "implementation",
        ["rechtmatig", "netwerkend"],
        ["circulaire economie"],
        """Uitgebreide producentenverantwoordelijkheid voor textiel met doelen voor hergebruik
       en recycling.""",
    ),
    _d(
        "luchtkwaliteit-schone-lucht",
        "Schone Lucht Akkoord",
        "DGMI",
        "implementation",
        ["netwerkend", "responsief"],
        ["milieu", "wegen", "participatie"],
        """Samenwerking van Rijk, provincies en gemeenten om de luchtkwaliteit te verbeteren
       voor de gezondheid, met maatregelen voor verkeer, industrie en houtstook.""",
    ),
    _d(
        "tata-steel-omgeving",
        "Gezondheid en industrie IJmond",
        "DGMI",
        "decision",
        ["rechtmatig", "responsief"],
        ["milieu", "participatie"],
        """Aanpak van de gezondheidsrisico's voor omwonenden van de zware industrie in de IJmond,
       met strengere eisen, monitoring en dialoog met bewoners.""",
    ),
    _d(
        "geluid-omgevingswet",
        "Geluid en leefomgeving",
        "DGMI",
        "evaluation",
        ["rechtmatig"],
        ["milieu", "wegen", "spoor"],
        """Evaluatie van de geluidsregels voor wegen, spoor en industrie onder de Omgevingswet en
       de effecten voor omwonenden.""",
    ),
    _d(
        "stikstof-infra",
        "Stikstof en infrastructuurprojecten",
        "DGMo",
        "exploration",
        ["rechtmatig", "netwerkend"],
        ["milieu", "natuur", "bouw en infrastructuur"],
        """Gevolgen van stikstofregels voor infrastructuurprojecten en de zoektocht naar
       emissiearm bouwen en natuurherstel.""",
    ),
    # ------------------------------------------------------------------ international and cross-cutting
    _d(
        "internationale-waterdiplomatie",
        "Internationale waterdiplomatie",
        "DGMI",
        "exploration",
        ["netwerkend"],
        ["internationaal", "klimaatadaptatie", "waterveiligheid"],
        """Inzet van Nederlandse waterkennis in het buitenland en in internationale
       samenwerking, samen met kennisinstellingen, bedrijven en ngo's.""",
    ),
    _d(
        "participatie-omgevingswet",
        "Participatie onder de Omgevingswet",
        "DGMI",
        "agenda_setting",
        ["responsief", "netwerkend"],
        ["participatie", "ruimtelijke ordening"],
        """Versterken van participatie en burgerinitiatieven bij projecten in de fysieke
       leefomgeving, inclusief uitdaagrecht en ondersteuning van initiatiefnemers.""",
    ),
    _d(
        "klimaatscenarios-knmi",
        "KNMI-klimaatscenario's",
        "KNMI",
        "evaluation",
        ["presterend", "netwerkend"],
        ["klimaatadaptatie", "waterveiligheid"],
        """Actualisatie en toepassing van de klimaatscenario's voor Nederland, die de basis
       vormen voor adaptatiebeleid van overheden en bedrijven.""",
    ),
    _d(
        "mobiliteitsonderzoek-kim",
        "Mobiliteitsbeeld",
        "KiM",
        "evaluation",
        ["presterend"],
        ["openbaar vervoer", "fiets", "wegen", "logistiek"],
        """Periodieke analyse van ontwikkelingen in mobiliteit en hun oorzaken, als basis voor
       beleid en voor het gesprek met partners.""",
    ),
    _d(
        "toezicht-transport-veiligheid",
        "Toezicht gevaarlijke stoffen",
        "ILT",
        "implementation",
        ["rechtmatig"],
        ["milieu", "logistiek", "maritiem"],
        """Toezicht op vervoer en opslag van gevaarlijke stoffen, met risicogericht inspecteren
       en samenwerking met branches.""",
    ),
]
