"""Catalogue of real Dutch societal partner organisations of the ministry.

Each entry is a plain dict with ``slug`` (the node id is ``org:<slug>``), ``name``, ``org_kind`` (a
:class:`graph.model.OrganisationKind` value), ``sectors`` (Dutch topic labels from
:data:`SECTORS`), ``region``, a short Dutch ``description`` in general terms (what the organisation
does and where its expertise lies) and, for some, ``documents``: short English abstracts of the
kind of reports these partners publish. The abstracts are written for the seed network and are not
quotations of real publications.
"""

from __future__ import annotations

from typing import Any

__all__ = ["ORGANISATIONS", "REQUIRED_SLUGS", "SECTORS", "organisation_by_slug"]

#: The topic labels used for ``sectors`` (and, in :mod:`seeds.generate`, for latent topics).
SECTORS: tuple[str, ...] = (
    "waterveiligheid",
    "waterkwaliteit",
    "drinkwater",
    "bodem",
    "klimaatadaptatie",
    "wind op zee",
    "waterstof",
    "netbeheer",
    "energietransitie",
    "openbaar vervoer",
    "spoor",
    "fiets",
    "wegen",
    "verkeersveiligheid",
    "logistiek",
    "luchtvaart",
    "maritiem",
    "havens",
    "binnenvaart",
    "circulaire economie",
    "natuur",
    "landbouw",
    "participatie",
    "ruimtelijke ordening",
    "milieu",
    "bouw en infrastructuur",
    "internationaal",
    "noordzee",
)

#: Organisations the programme names as guests at its tables; they must be in the seed.
REQUIRED_SLUGS: tuple[str, ...] = (
    "vereniging-van-waterbouwers",
    "comite-red-de-zuyderzeedijk",
    "eneco",
    "one-world-citizens",
    "tno",
)


def _org(
    slug: str,
    name: str,
    org_kind: str,
    sectors: list[str],
    region: str,
    description: str,
    documents: tuple[str, ...] = (),
    website: str = "",
) -> dict[str, Any]:
    unknown = [s for s in sectors if s not in SECTORS]
    if unknown:
        raise ValueError(f"organisation {slug}: unknown sectors {unknown}")
    record: dict[str, Any] = {
        "slug": slug,
        "name": name,
        "org_kind": org_kind,
        "sectors": sectors,
        "region": region,
        "description": " ".join(description.split()),
    }
    if documents:
        record["documents"] = [" ".join(d.split()) for d in documents]
    if website:
        record["website"] = website
    return record


ORGANISATIONS: list[dict[str, Any]] = [
    # ------------------------------------------------------------------ named guests
    _org(
        "vereniging-van-waterbouwers",
        "Vereniging van Waterbouwers",
        "branch_association",
        ["waterveiligheid", "bouw en infrastructuur", "maritiem", "klimaatadaptatie"],
        "landelijk",
        """Brancheorganisatie van bedrijven die werken aan waterbouw: baggeren, kust- en
        oeverwerken, dijkversterking en natte infrastructuur. De vereniging behartigt de
        belangen van haar leden richting opdrachtgevers zoals Rijkswaterstaat en de
        waterschappen en denkt mee over aanbesteden, innovatie en vakmanschap in de sector.""",
        documents=(
            """Working with nature in hydraulic engineering: this position paper describes how
            contractors can combine dike reinforcement and shoreline works with habitat
            creation, and what contract forms give builders room to propose nature-inclusive
            alternatives early in a project.""",
        ),
    ),
    _org(
        "comite-red-de-zuyderzeedijk",
        "Comité Red de Zuyderzeedijk",
        "citizen_initiative",
        ["waterveiligheid", "participatie", "ruimtelijke ordening"],
        "Noord-Holland",
        """Burgercomité dat opkomt voor het behoud van het karakter van de historische
        Zuiderzeedijk langs het Markermeer. Het comité volgt de dijkversterking kritisch,
        brengt de stem van bewoners en liefhebbers van het dijklandschap in en pleit voor
        oplossingen die veiligheid combineren met respect voor cultuurhistorie en
        landschap.""",
    ),
    _org(
        "eneco",
        "Eneco",
        "company",
        ["energietransitie", "wind op zee", "waterstof", "netbeheer"],
        "Zuid-Holland",
        """Energiebedrijf dat elektriciteit, gas en warmte levert aan huishoudens en bedrijven
        en investeert in duurzame opwek, waaronder windparken op land en op zee. Eneco werkt
        aan warmtenetten, opslag en flexibiliteit en is een gesprekspartner over de
        verduurzaming van het energiesysteem.""",
        documents=(
            """Flexibility in a renewable power system: an overview of how batteries, demand
            response and heat networks can absorb fluctuating offshore wind production, and
            which market and grid arrangements are needed to reward that flexibility.""",
        ),
    ),
    _org(
        "one-world-citizens",
        "One World Citizens",
        "citizen_initiative",
        ["participatie", "internationaal", "klimaatadaptatie"],
        "landelijk",
        """Burgerinitiatief dat mensen verbindt rond wereldburgerschap en maatschappelijke
        betrokkenheid. Het initiatief brengt burgers, organisaties en overheden met elkaar in
        gesprek over duurzame oplossingen en laat zien wat de energieke samenleving zelf kan
        bijdragen.""",
    ),
    _org(
        "tno",
        "TNO",
        "knowledge_institute",
        [
            "energietransitie",
            "waterstof",
            "openbaar vervoer",
            "logistiek",
            "circulaire economie",
            "milieu",
            "wegen",
        ],
        "landelijk",
        """Onafhankelijke organisatie voor toegepast natuurwetenschappelijk onderzoek die
        bedrijven en overheden helpt met kennis en innovatie. TNO doet onder meer onderzoek
        naar mobiliteit en logistiek, energie en waterstof, circulaire economie,
        luchtkwaliteit en veilige infrastructuur.""",
        documents=(
            """Real-world emissions of heavy-duty vehicles: this study compares measured
            on-road emissions of trucks and vans with type-approval values and discusses the
            consequences for urban air quality policy and zero-emission zones.""",
            """Hydrogen in the Dutch energy system: a scenario study of where hydrogen adds
            most value — industry, heavy transport and seasonal storage — and which
            infrastructure choices are robust across scenarios.""",
        ),
    ),
    # ------------------------------------------------------------------ water safety and water management
    _org(
        "deltares",
        "Deltares",
        "knowledge_institute",
        ["waterveiligheid", "waterkwaliteit", "bodem", "klimaatadaptatie", "noordzee"],
        "Zuid-Holland",
        """Onafhankelijk kennisinstituut voor water en ondergrond. Deltares ontwikkelt modellen
        en kennis over overstromingsrisico's, dijken, rivieren en kusten, grondwater,
        bodemdaling en waterkwaliteit, en ondersteunt overheden bij het Deltaprogramma.""",
        documents=(
            """Sea level rise and the Dutch delta: an exploration of adaptation pathways for
            the coast and the rivers under accelerated sea level rise, identifying tipping
            points in current strategies and the decisions that must be taken this decade to
            keep future options open.""",
            """Subsidence in peat meadow areas: a synthesis of monitoring data and model
            results on soil subsidence, its drivers such as drainage and groundwater levels,
            and the effects of measures like submerged drains.""",
        ),
    ),
    _org(
        "hkv",
        "HKV lijn in water",
        "company",
        ["waterveiligheid", "klimaatadaptatie"],
        "Flevoland",
        """Advies- en onderzoeksbureau gespecialiseerd in waterveiligheid, hoogwater en
        waterbeheer. HKV rekent aan overstromingskansen en -gevolgen en ondersteunt
        waterbeheerders bij risicoanalyses, beslissingsondersteuning en crisisbeheersing.""",
    ),
    _org(
        "boskalis",
        "Boskalis",
        "company",
        ["maritiem", "waterveiligheid", "wind op zee", "bouw en infrastructuur"],
        "Zuid-Holland",
        """Internationaal bedrijf in baggeren, kust- en oeverwerken en maritieme
        dienstverlening. Boskalis werkt aan havenuitbreidingen, zandsuppleties,
        dijkversterkingen en de aanleg van funderingen en kabels voor windparken op zee.""",
    ),
    _org(
        "van-oord",
        "Van Oord",
        "company",
        ["maritiem", "waterveiligheid", "wind op zee", "natuur"],
        "Zuid-Holland",
        """Maritiem aannemer die wereldwijd werkt aan baggerwerk, kustbescherming,
        landaanwinning en offshore-windparken. Het bedrijf heeft ervaring met projecten die
        waterveiligheid combineren met natuurontwikkeling.""",
        documents=(
            """Building with nature at the coast: lessons from projects where sand
            nourishments, salt marshes and oyster reefs were used to strengthen coastal
            defences, including monitoring results and the conditions under which such
            solutions perform.""",
        ),
    ),
    _org(
        "stowa",
        "STOWA",
        "knowledge_institute",
        ["waterveiligheid", "waterkwaliteit", "klimaatadaptatie"],
        "Utrecht",
        """Kenniscentrum van de regionale waterbeheerders. STOWA laat onderzoek doen en
        ontsluit praktische kennis voor waterschappen over onder meer waterkeringen,
        waterkwaliteit, afvalwaterzuivering en klimaatbestendig waterbeheer.""",
        documents=(
            """Micropollutants in wastewater: a comparison of advanced treatment techniques
            for removing pharmaceutical residues at municipal treatment plants, with costs,
            energy use and removal efficiencies measured at pilot installations.""",
        ),
    ),
    _org(
        "unie-van-waterschappen",
        "Unie van Waterschappen",
        "public_body",
        ["waterveiligheid", "waterkwaliteit", "klimaatadaptatie", "participatie"],
        "landelijk",
        """Koepelorganisatie van de Nederlandse waterschappen. De Unie behartigt hun belangen
        richting Rijk en Europa, bundelt standpunten over waterveiligheid, waterkwaliteit en
        waterbeschikbaarheid en ondersteunt samenwerking tussen de waterschappen.""",
    ),
    _org(
        "hoogheemraadschap-hollands-noorderkwartier",
        "Hoogheemraadschap Hollands Noorderkwartier",
        "public_body",
        ["waterveiligheid", "waterkwaliteit", "participatie"],
        "Noord-Holland",
        """Waterschap voor het noordelijk deel van Noord-Holland, verantwoordelijk voor
        dijken, waterpeil en waterzuivering. Het hoogheemraadschap is betrokken bij de
        versterking van de dijken langs het Markermeer en de Waddenzee.""",
    ),
    _org(
        "waterschap-zuiderzeeland",
        "Waterschap Zuiderzeeland",
        "public_body",
        ["waterveiligheid", "waterkwaliteit", "bodem"],
        "Flevoland",
        """Waterschap van Flevoland en de Noordoostpolder. Het beheert de dijken rond de
        polders, het gemaal- en vaartenstelsel en de zuivering van afvalwater, en werkt aan
        de gevolgen van bodemdaling en verzilting.""",
    ),
    _org(
        "wetterskip-fryslan",
        "Wetterskip Fryslân",
        "public_body",
        ["waterveiligheid", "waterkwaliteit", "natuur"],
        "Friesland",
        """Fries waterschap dat zorgt voor veilige dijken langs de Waddenzee en het
        IJsselmeer, voldoende en schoon water en de zuivering van afvalwater. Het werkt samen
        met partners aan de ontwikkeling van het gebied rond de Afsluitdijk en de
        Waddenkust.""",
    ),
    _org(
        "waterschap-rivierenland",
        "Waterschap Rivierenland",
        "public_body",
        ["waterveiligheid", "waterkwaliteit", "ruimtelijke ordening"],
        "Gelderland",
        """Waterschap in het rivierengebied tussen de grote rivieren. Het waterschap werkt aan
        de versterking van vele kilometers rivierdijk en zoekt daarbij verbinding met
        bewoners, natuur en ruimtelijke opgaven in het landschap.""",
    ),
    _org(
        "hoogheemraadschap-van-rijnland",
        "Hoogheemraadschap van Rijnland",
        "public_body",
        ["waterveiligheid", "waterkwaliteit", "klimaatadaptatie"],
        "Zuid-Holland",
        """Een van de oudste waterschappen van Nederland, werkzaam in delen van Zuid- en
        Noord-Holland. Rijnland beheert boezemkaden, peilen en zuiveringen en werkt met
        gemeenten aan een klimaatbestendige inrichting van stad en polder.""",
    ),
    _org(
        "waterschap-scheldestromen",
        "Waterschap Scheldestromen",
        "public_body",
        ["waterveiligheid", "waterkwaliteit", "landbouw"],
        "Zeeland",
        """Waterschap voor heel Zeeland, verantwoordelijk voor zeeweringen, waterbeheer,
        zuivering en ook voor een groot deel van de wegen buiten de bebouwde kom. Zoetwater
        voor de landbouw en verzilting zijn belangrijke thema's.""",
    ),
    _org(
        "hoogwaterbeschermingsprogramma",
        "Hoogwaterbeschermingsprogramma",
        "public_body",
        ["waterveiligheid", "bouw en infrastructuur"],
        "landelijk",
        """Samenwerkingsprogramma van de waterschappen en Rijkswaterstaat om de primaire
        waterkeringen op orde te brengen. Het programma bundelt kennis, financiering en
        innovatie voor dijkversterkingen in het hele land.""",
    ),
    _org(
        "expertisenetwerk-waterveiligheid",
        "Expertisenetwerk Waterveiligheid",
        "knowledge_institute",
        ["waterveiligheid"],
        "landelijk",
        """Onafhankelijk netwerk van deskundigen dat het Rijk adviseert over waterveiligheid.
        Het netwerk beoordeelt nieuwe kennis over het gedrag van waterkeringen en adviseert
        over normen, beoordeling en ontwerp van dijken.""",
    ),
    _org(
        "nederlands-centrum-voor-rivierkunde",
        "Nederlands Centrum voor Rivierkunde",
        "knowledge_institute",
        ["waterveiligheid", "natuur", "binnenvaart"],
        "landelijk",
        """Samenwerkingsverband van universiteiten en kennisinstituten rond rivieronderzoek.
        Het centrum verbindt onderzoek naar rivierdynamiek, sedimenttransport, ecologie en
        hoogwater en brengt onderzoekers en beleidsmakers samen.""",
    ),
    _org(
        "ihe-delft",
        "IHE Delft Institute for Water Education",
        "knowledge_institute",
        ["waterveiligheid", "waterkwaliteit", "internationaal", "drinkwater"],
        "Zuid-Holland",
        """Internationaal instituut voor onderwijs en onderzoek op het gebied van water. IHE
        Delft leidt waterprofessionals uit de hele wereld op en werkt aan
        capaciteitsopbouw in landen die kampen met overstromingen, droogte en
        watervervuiling.""",
        documents=(
            """Capacity development for water governance: an evaluation of alumni networks of
            water professionals in low- and middle-income countries and how they contribute
            to flood risk management and water supply reforms at home.""",
        ),
    ),
    _org(
        "hz-university-of-applied-sciences",
        "HZ University of Applied Sciences",
        "knowledge_institute",
        ["waterveiligheid", "klimaatadaptatie", "maritiem"],
        "Zeeland",
        """Hogeschool in Zeeland met praktijkgericht onderzoek naar delta-, kust- en
        waterthema's. Studenten en lectoren werken samen met waterbeheerders en bedrijven
        aan vraagstukken zoals kustonderhoud, zoetwater en de blauwe economie.""",
    ),
    _org(
        "netherlands-water-partnership",
        "Netherlands Water Partnership",
        "branch_association",
        ["waterveiligheid", "drinkwater", "internationaal", "klimaatadaptatie"],
        "landelijk",
        """Netwerk van Nederlandse organisaties uit de watersector: bedrijven, kennisinstellingen,
        overheden en ngo's. Het partnership bundelt kennis en krachten om Nederlandse
        waterexpertise internationaal in te zetten en verbindt partijen rond
        watervraagstukken in het buitenland.""",
    ),
    _org(
        "stichting-rioned",
        "Stichting RIONED",
        "knowledge_institute",
        ["klimaatadaptatie", "waterkwaliteit"],
        "landelijk",
        """Kennisorganisatie voor stedelijk waterbeheer en riolering. RIONED ondersteunt
        gemeenten met richtlijnen en kennis over riolering, hemelwaterafvoer en het omgaan
        met hevige buien in de stad.""",
    ),
    # ------------------------------------------------------------------ engineering and construction
    _org(
        "witteveen-bos",
        "Witteveen+Bos",
        "company",
        ["waterveiligheid", "klimaatadaptatie", "bouw en infrastructuur", "ruimtelijke ordening"],
        "Overijssel",
        """Ingenieurs- en adviesbureau voor water, infrastructuur, milieu en bouw. Het bureau
        ontwerpt en adviseert bij dijkversterkingen, rivierprojecten, klimaatadaptatie en
        de inrichting van de leefomgeving.""",
    ),
    _org(
        "royal-haskoningdhv",
        "Royal HaskoningDHV",
        "company",
        ["waterveiligheid", "havens", "luchtvaart", "bouw en infrastructuur", "wind op zee"],
        "Utrecht",
        """Internationaal ingenieurs- en adviesbureau dat werkt aan water, infrastructuur,
        mobiliteit, havens, luchthavens en energie. Het bureau combineert technisch ontwerp
        met digitale diensten en advies over duurzaamheid.""",
    ),
    _org(
        "arcadis",
        "Arcadis",
        "company",
        ["klimaatadaptatie", "bouw en infrastructuur", "bodem", "wegen"],
        "landelijk",
        """Advies- en ingenieursbureau voor gebouwde en natuurlijke omgeving. Arcadis werkt
        aan infrastructuurprojecten, water- en klimaatopgaven, bodemonderzoek en
        gebiedsontwikkeling voor overheden en bedrijven.""",
    ),
    _org(
        "tauw",
        "Tauw",
        "company",
        ["bodem", "waterkwaliteit", "milieu"],
        "Overijssel",
        """Adviesbureau met een sterke basis in bodem, water en milieu. Tauw onderzoekt en
        adviseert over bodemverontreiniging, opkomende stoffen zoals PFAS, grondwater en
        waterkwaliteit.""",
        documents=(
            """PFAS in soil and groundwater: a practical review of sampling strategies,
            background concentrations and remediation options, with recommendations for
            re-using excavated soil under current quality standards.""",
        ),
    ),
    _org(
        "sweco-nederland",
        "Sweco Nederland",
        "company",
        ["bouw en infrastructuur", "waterveiligheid", "openbaar vervoer", "ruimtelijke ordening"],
        "landelijk",
        """Advies- en ingenieursbureau dat werkt aan stedelijke ontwikkeling, infrastructuur,
        water en energie. Sweco ondersteunt overheden bij ontwerp, planvorming en de
        verduurzaming van gebouwen en netwerken.""",
    ),
    _org(
        "antea-group",
        "Antea Group",
        "company",
        ["bodem", "waterkwaliteit", "bouw en infrastructuur"],
        "landelijk",
        """Ingenieurs- en adviesbureau voor bodem, water, infrastructuur en omgevingsmanagement.
        Het bureau begeleidt projecten van onderzoek tot uitvoering en heeft veel ervaring met
        omgevingsvergunningen en bodemsanering.""",
    ),
    _org(
        "fugro",
        "Fugro",
        "company",
        ["bodem", "noordzee", "wind op zee", "bouw en infrastructuur"],
        "Zuid-Holland",
        """Bedrijf gespecialiseerd in geodata: het verzamelen en analyseren van gegevens over
        de ondergrond, de zeebodem en bouwwerken. Fugro levert informatie voor de aanleg van
        infrastructuur, windparken op zee en het beheer van dijken.""",
    ),
    _org(
        "bam",
        "Koninklijke BAM Groep",
        "company",
        ["bouw en infrastructuur", "wegen", "waterveiligheid", "circulaire economie"],
        "Utrecht",
        """Bouw- en infrastructuurbedrijf dat werkt aan wegen, bruggen, tunnels, waterwerken en
        gebouwen. BAM is betrokken bij grote infrastructuurprojecten en zoekt naar
        emissieloos en circulair bouwen.""",
    ),
    _org(
        "heijmans",
        "Heijmans",
        "company",
        ["bouw en infrastructuur", "wegen", "waterveiligheid"],
        "Noord-Brabant",
        """Bouwbedrijf actief in woningbouw, utiliteitsbouw en infrastructuur. Heijmans werkt aan
        wegen, dijken en onderhoud van infrastructuur en experimenteert met duurzaam
        materiaalgebruik en slimme sensoren.""",
    ),
    _org(
        "dura-vermeer",
        "Dura Vermeer",
        "company",
        ["bouw en infrastructuur", "wegen", "spoor"],
        "Zuid-Holland",
        """Bouwonderneming die werkt aan woningen, utiliteit, wegen, spoor en waterbouw. Het
        bedrijf voert projecten uit voor Rijk, provincies en gemeenten, vaak in
        samenwerkingsverbanden met andere bouwers.""",
    ),
    _org(
        "ballast-nedam",
        "Ballast Nedam",
        "company",
        ["bouw en infrastructuur", "wegen", "circulaire economie"],
        "Utrecht",
        """Bouw- en ontwikkelbedrijf met activiteiten in infrastructuur en vastgoed. Ballast
        Nedam werkt aan wegen en kunstwerken en ontwikkelt industriële en circulaire
        bouwmethoden.""",
    ),
    _org(
        "bouwend-nederland",
        "Bouwend Nederland",
        "branch_association",
        ["bouw en infrastructuur", "circulaire economie", "wegen"],
        "landelijk",
        """Vereniging van bouw- en infrabedrijven. Bouwend Nederland behartigt de belangen van
        de sector richting overheid, onder meer over aanbesteden, stikstof, vervanging en
        renovatie van infrastructuur en verduurzaming van de bouw.""",
    ),
    _org(
        "kivi",
        "Koninklijk Instituut van Ingenieurs (KIVI)",
        "branch_association",
        ["bouw en infrastructuur", "energietransitie", "waterveiligheid"],
        "landelijk",
        """Beroepsvereniging van ingenieurs in Nederland. KIVI organiseert kennisdeling tussen
        ingenieurs uit alle vakgebieden en draagt technische kennis aan in
        maatschappelijke debatten, bijvoorbeeld over energie en water.""",
    ),
    _org(
        "nen",
        "NEN (Nederlands Normalisatie-instituut)",
        "knowledge_institute",
        ["bouw en infrastructuur", "circulaire economie", "energietransitie"],
        "landelijk",
        """Organisatie die het ontwikkelen van normen begeleidt waarin partijen samen afspraken
        vastleggen. NEN brengt bedrijven, overheden en kennisinstellingen bijeen rond normen
        voor onder meer bouw, energie en circulariteit.""",
    ),
    # ------------------------------------------------------------------ drinking water
    _org(
        "vewin",
        "Vewin",
        "branch_association",
        ["drinkwater", "waterkwaliteit"],
        "landelijk",
        """Vereniging van de Nederlandse drinkwaterbedrijven. Vewin behartigt hun belangen en
        vraagt aandacht voor de bescherming van drinkwaterbronnen tegen vervuiling en voor
        voldoende zoetwater in de toekomst.""",
        documents=(
            """Securing drinking water sources: this report discusses the growing pressure of
            pollutants, droughts and demand on Dutch surface and groundwater sources and
            proposes stricter source protection and faster admission of new abstraction
            sites.""",
        ),
    ),
    _org(
        "vitens",
        "Vitens",
        "company",
        ["drinkwater", "waterkwaliteit", "bodem"],
        "Overijssel",
        """Drinkwaterbedrijf dat een groot deel van Midden- en Oost-Nederland van water
        voorziet. Vitens wint vooral grondwater en werkt aan bronbescherming, waterbesparing
        en het vinden van nieuwe winlocaties.""",
    ),
    _org(
        "evides",
        "Evides Waterbedrijf",
        "company",
        ["drinkwater", "waterkwaliteit"],
        "Zuid-Holland",
        """Waterbedrijf dat drinkwater levert in het zuidwesten van het land en industriewater
        verzorgt voor bedrijven. Evides gebruikt veel oppervlaktewater als bron en volgt de
        kwaliteit van rivierwater nauwgezet.""",
    ),
    _org(
        "pwn",
        "PWN",
        "company",
        ["drinkwater", "natuur", "waterkwaliteit"],
        "Noord-Holland",
        """Drinkwaterbedrijf in Noord-Holland dat ook natuurgebieden in de duinen beheert.
        PWN zuivert water uit het IJsselmeer en werkt aan innovatieve zuiveringstechniek en
        duinbeheer.""",
    ),
    _org(
        "kwr",
        "KWR Water Research Institute",
        "knowledge_institute",
        ["drinkwater", "waterkwaliteit", "circulaire economie"],
        "Utrecht",
        """Onderzoeksinstituut voor de watercyclus, sterk verbonden met de drinkwatersector.
        KWR doet onderzoek naar waterkwaliteit, opkomende stoffen, hergebruik van water en
        de toekomstbestendigheid van de drinkwatervoorziening.""",
        documents=(
            """Water reuse in the Netherlands: an assessment of technical options and health
            risks of using treated wastewater for industry and agriculture, and of the
            regulatory conditions needed for safe reuse.""",
        ),
    ),
    # ------------------------------------------------------------------ knowledge institutes and universities
    _org(
        "wageningen-university-research",
        "Wageningen University & Research",
        "knowledge_institute",
        ["landbouw", "natuur", "bodem", "waterkwaliteit", "klimaatadaptatie"],
        "Gelderland",
        """Universiteit en onderzoeksinstituten op het gebied van gezonde voeding en
        leefomgeving. Wageningen doet onderzoek naar landbouw, natuur, bodem, water en
        klimaat en adviseert overheden over onder meer stikstof en landgebruik.""",
        documents=(
            """Nature-inclusive agriculture and water quality: a study of farm-level measures
            such as buffer strips and reduced fertiliser use and their effect on nutrient
            loads in regional surface waters.""",
        ),
    ),
    _org(
        "tu-delft",
        "Technische Universiteit Delft",
        "knowledge_institute",
        ["waterveiligheid", "luchtvaart", "maritiem", "energietransitie", "openbaar vervoer"],
        "Zuid-Holland",
        """Technische universiteit met onderzoek naar onder meer waterbouwkunde, luchtvaart,
        maritieme techniek, energie en transport. Onderzoekers werken veel samen met
        overheden en bedrijven aan toepasbare oplossingen.""",
        documents=(
            """Probabilistic design of flood defences: lecture notes and case studies on
            reliability-based assessment of dikes, including piping and macro-stability, and
            how the Dutch risk-based safety standards translate into design loads.""",
            """Towards zero-emission aviation: a comparison of hydrogen, battery-electric and
            synthetic-fuel aircraft concepts for regional and medium-haul flights, including
            airport infrastructure requirements.""",
        ),
    ),
    _org(
        "universiteit-twente",
        "Universiteit Twente",
        "knowledge_institute",
        ["waterveiligheid", "openbaar vervoer", "participatie"],
        "Overijssel",
        """Technische universiteit met aandacht voor technologie en samenleving. Onderzoek
        richt zich onder meer op waterbeheer, rivieren, mobiliteit en de rol van burgers in
        technologische en ruimtelijke keuzes.""",
    ),
    _org(
        "universiteit-utrecht",
        "Universiteit Utrecht",
        "knowledge_institute",
        ["bodem", "energietransitie", "ruimtelijke ordening", "klimaatadaptatie"],
        "Utrecht",
        """Brede universiteit met sterke groepen in geowetenschappen, duurzaamheid en
        bestuurskunde. Onderzoekers werken aan bodemdaling, energietransitie, governance van
        de leefomgeving en klimaatverandering.""",
    ),
    _org(
        "vu-amsterdam",
        "Vrije Universiteit Amsterdam",
        "knowledge_institute",
        ["klimaatadaptatie", "milieu", "waterveiligheid"],
        "Noord-Holland",
        """Universiteit met onderzoek naar milieu, klimaat en water, waaronder de economische
        en maatschappelijke kant van overstromingsrisico's en klimaatadaptatie.""",
        documents=(
            """Flood insurance and household adaptation: survey evidence on how households in
            flood-prone areas perceive risk and which incentives lead them to take
            property-level protection measures.""",
        ),
    ),
    _org(
        "tu-eindhoven",
        "Technische Universiteit Eindhoven",
        "knowledge_institute",
        ["energietransitie", "waterstof", "wegen", "openbaar vervoer"],
        "Noord-Brabant",
        """Technische universiteit met onderzoek naar energie, slimme mobiliteit en
        automotive, materialen en de gebouwde omgeving. Studententeams en onderzoekers werken
        aan voertuigen en energiesystemen van de toekomst.""",
    ),
    _org(
        "erasmus-universiteit-rotterdam",
        "Erasmus Universiteit Rotterdam",
        "knowledge_institute",
        ["havens", "logistiek", "participatie"],
        "Zuid-Holland",
        """Universiteit met sterke economische en bestuurskundige faculteiten. Onderzoek richt
        zich onder meer op haveneconomie, logistiek, publiek management en
        netwerksamenwerking tussen overheid en samenleving.""",
    ),
    _org(
        "pbl",
        "Planbureau voor de Leefomgeving",
        "knowledge_institute",
        ["milieu", "natuur", "ruimtelijke ordening", "energietransitie", "circulaire economie"],
        "Zuid-Holland",
        """Nationaal instituut voor strategische beleidsanalyse op het gebied van milieu, natuur
        en ruimte. Het planbureau verkent toekomstscenario's en evalueert beleid voor onder
        meer klimaat, energie, circulaire economie en landbouw.""",
        documents=(
            """Integral circular economy report: a biennial assessment of the transition to a
            circular economy in the Netherlands, tracking material use, environmental
            pressure and the effectiveness of policy instruments.""",
        ),
    ),
    _org(
        "cpb",
        "Centraal Planbureau",
        "knowledge_institute",
        ["wegen", "openbaar vervoer", "luchtvaart"],
        "Zuid-Holland",
        """Onafhankelijk instituut voor economische beleidsanalyse. Het CPB maakt ramingen en
        doet kosten-batenanalyses, ook van investeringen in infrastructuur, mobiliteit en
        waterveiligheid.""",
    ),
    _org(
        "rivm",
        "Rijksinstituut voor Volksgezondheid en Milieu",
        "public_body",
        ["milieu", "waterkwaliteit", "bodem", "drinkwater"],
        "Utrecht",
        """Rijksinstituut dat kennis levert over gezondheid, milieu en veiligheid. Het RIVM meet
        en beoordeelt onder meer luchtkwaliteit, geluid, stoffen in bodem en water en de
        risico's van chemische stoffen.""",
        documents=(
            """Emerging substances in surface water: an inventory of measured concentrations
            of industrial chemicals and pharmaceuticals in Dutch rivers, with indicative risk
            limits and an approach for prioritising substances for regulation.""",
        ),
    ),
    _org(
        "nioz",
        "Koninklijk Nederlands Instituut voor Onderzoek der Zee (NIOZ)",
        "knowledge_institute",
        ["noordzee", "natuur", "waterkwaliteit"],
        "Noord-Holland",
        """Nationaal instituut voor zee- en kustonderzoek. Het NIOZ onderzoekt de Waddenzee,
        de Noordzee en de oceanen, bijvoorbeeld hoe ecosystemen reageren op klimaatverandering
        en menselijk gebruik zoals windparken.""",
        documents=(
            """Offshore wind farms as habitat: observations of fish, benthic fauna and
            seabirds around turbine foundations in the North Sea and the implications for
            cumulative ecological effects of large-scale wind development.""",
        ),
    ),
    _org(
        "marin",
        "MARIN (Maritiem Research Instituut Nederland)",
        "knowledge_institute",
        ["maritiem", "wind op zee", "binnenvaart"],
        "Gelderland",
        """Onderzoeksinstituut voor maritieme techniek met grote testbassins. MARIN onderzoekt
        het gedrag van schepen en drijvende constructies, veilige scheepvaart en de
        verduurzaming van scheepvaart.""",
        documents=(
            """Navigational safety near offshore wind farms: simulations of ship traffic and
            collision risks for different wind-farm layouts and shipping corridor widths in
            the North Sea.""",
        ),
    ),
    _org(
        "nlr",
        "Koninklijk NLR - Nederlands Lucht- en Ruimtevaartcentrum",
        "knowledge_institute",
        ["luchtvaart", "milieu"],
        "Noord-Holland",
        """Onderzoeksinstituut voor lucht- en ruimtevaart. Het NLR werkt aan vliegveiligheid,
        luchtverkeersmanagement, geluid en emissies van luchtvaart en het testen van nieuwe
        vliegtuigtechnologie.""",
        documents=(
            """Noise abatement procedures around major airports: an assessment of alternative
            approach and departure procedures and their effect on the number of residents
            exposed to aircraft noise.""",
        ),
    ),
    _org(
        "crow",
        "CROW",
        "knowledge_institute",
        ["wegen", "fiets", "openbaar vervoer", "verkeersveiligheid"],
        "Gelderland",
        """Kennisorganisatie voor infrastructuur, openbare ruimte, verkeer en vervoer. CROW
        ontwikkelt richtlijnen en ontwerpaanbevelingen, onder meer voor fietsinfrastructuur,
        openbaar vervoer en aanbesteden in de infrasector.""",
        documents=(
            """Design manual for bicycle traffic: guidance on network planning, cycle path
            widths, intersections and parking, with attention to the growing number of
            e-bikes and speed differences on cycle paths.""",
        ),
    ),
    _org(
        "swov",
        "SWOV Instituut voor Wetenschappelijk Onderzoek Verkeersveiligheid",
        "knowledge_institute",
        ["verkeersveiligheid", "wegen", "fiets"],
        "Zuid-Holland",
        """Nationaal instituut voor onderzoek naar verkeersveiligheid. SWOV analyseert
        ongevallen en risico's en onderzoekt welke maatregelen verkeersslachtoffers
        voorkomen, met aandacht voor fietsers en ouderen.""",
        documents=(
            """Road safety of older cyclists: an analysis of crash data showing the rising
            share of single-vehicle bicycle crashes among older cyclists and an evaluation of
            infrastructure and vehicle measures that reduce injury risk.""",
        ),
    ),
    _org(
        "nwo",
        "NWO (Nederlandse Organisatie voor Wetenschappelijk Onderzoek)",
        "public_body",
        ["internationaal", "energietransitie", "waterveiligheid"],
        "landelijk",
        """Organisatie die wetenschappelijk onderzoek financiert en programmeert. NWO brengt
        onderzoekers, overheden en bedrijven samen in onderzoeksprogramma's, bijvoorbeeld over
        water, energie en duurzame mobiliteit.""",
    ),
    _org(
        "rathenau-instituut",
        "Rathenau Instituut",
        "knowledge_institute",
        ["participatie", "energietransitie"],
        "Zuid-Holland",
        """Instituut dat onderzoek doet naar de maatschappelijke gevolgen van wetenschap en
        technologie en het debat daarover stimuleert. Het instituut besteedt aandacht aan
        burgerbetrokkenheid bij technologische en ruimtelijke keuzes.""",
    ),
    _org(
        "louis-bolk-instituut",
        "Louis Bolk Instituut",
        "knowledge_institute",
        ["landbouw", "bodem", "natuur"],
        "Utrecht",
        """Onafhankelijk onderzoeksinstituut voor duurzame landbouw, voeding en gezondheid.
        Het instituut werkt samen met boeren aan bodemvruchtbaarheid, natuurinclusieve
        landbouw en kringlooplandbouw.""",
    ),
    _org(
        "nioo-knaw",
        "Nederlands Instituut voor Ecologie (NIOO-KNAW)",
        "knowledge_institute",
        ["natuur", "bodem", "waterkwaliteit"],
        "Gelderland",
        """Onderzoeksinstituut voor ecologie op land en in zoet water. Het NIOO onderzoekt
        biodiversiteit, bodemleven en de ecologie van wateren en vertaalt die kennis naar
        natuur- en waterbeheer.""",
    ),
    _org(
        "climate-adaptation-services",
        "Climate Adaptation Services",
        "knowledge_institute",
        ["klimaatadaptatie", "ruimtelijke ordening"],
        "Noord-Holland",
        """Stichting die kennis over klimaatverandering toegankelijk maakt voor beleid en
        praktijk. Climate Adaptation Services ontwikkelt klimaateffectkaarten en
        hulpmiddelen waarmee gemeenten en waterschappen hun kwetsbaarheid in beeld
        brengen.""",
    ),
    _org(
        "global-center-on-adaptation",
        "Global Center on Adaptation",
        "ngo",
        ["klimaatadaptatie", "internationaal"],
        "Zuid-Holland",
        """Internationale organisatie in Rotterdam die klimaatadaptatie wereldwijd wil
        versnellen. Het centrum brengt kennis, financiering en beleid samen en ondersteunt
        landen en steden bij het weerbaar maken tegen klimaatverandering.""",
        documents=(
            """Adaptation finance for cities: an analysis of barriers that keep cities in
            developing countries from financing adaptation projects, with recommendations for
            project preparation facilities and blended finance.""",
        ),
    ),
    _org(
        "tki-wind-op-zee",
        "TKI Wind op Zee",
        "knowledge_institute",
        ["wind op zee", "noordzee", "netbeheer"],
        "landelijk",
        """Topconsortium voor kennis en innovatie rond windenergie op zee. Het consortium
        verbindt bedrijven en kennisinstellingen in onderzoek naar kostenverlaging,
        systeemintegratie en ecologie van windparken op zee.""",
    ),
    _org(
        "topsector-logistiek",
        "Topsector Logistiek",
        "knowledge_institute",
        ["logistiek", "havens", "binnenvaart"],
        "landelijk",
        """Samenwerkingsverband van bedrijven, kennisinstellingen en overheid voor innovatie in
        de logistiek. Thema's zijn onder meer datadeling in ketens, zero-emissie
        stadslogistiek en synchromodaal transport.""",
    ),
    _org(
        "elaadnl",
        "ElaadNL",
        "knowledge_institute",
        ["netbeheer", "energietransitie", "wegen"],
        "Gelderland",
        """Kennis- en innovatiecentrum voor slim laden van elektrische voertuigen, opgezet door
        netbeheerders. ElaadNL test laadpalen en protocollen en onderzoekt hoe laden kan
        worden afgestemd op de capaciteit van het net.""",
        documents=(
            """Smart charging and grid congestion: results of field trials in which charging
            sessions of electric cars were shifted in time, showing the reduction of peak
            load on low-voltage grids without loss of user comfort.""",
        ),
    ),
    # ------------------------------------------------------------------ energy
    _org(
        "vattenfall",
        "Vattenfall Nederland",
        "company",
        ["energietransitie", "wind op zee", "netbeheer"],
        "Noord-Holland",
        """Energiebedrijf dat elektriciteit en warmte levert en bouwt aan windparken op zee en
        warmtenetten in Nederland. Het bedrijf werkt aan het uitfaseren van fossiele
        centrales en aan het combineren van wind, zon en opslag.""",
    ),
    _org(
        "tennet",
        "TenneT",
        "company",
        ["netbeheer", "wind op zee", "energietransitie", "noordzee"],
        "Gelderland",
        """Landelijk netbeheerder van het hoogspanningsnet. TenneT legt de netaansluitingen
        van windparken op zee aan en werkt aan uitbreiding van het net op land om
        netcongestie te verminderen.""",
        documents=(
            """Offshore grid roadmap: a description of the standardised high-voltage direct
            current connection concept for offshore wind, the planned landing points on the
            Dutch coast and the onshore reinforcements needed to absorb the power.""",
        ),
    ),
    _org(
        "gasunie",
        "Gasunie",
        "company",
        ["waterstof", "netbeheer", "energietransitie"],
        "Groningen",
        """Infrastructuurbedrijf voor het transport van gas. Gasunie bouwt aan een landelijk
        waterstofnetwerk, deels door bestaande gasleidingen te hergebruiken, en werkt aan
        opslag en transport van CO2 en groen gas.""",
        documents=(
            """A national hydrogen network: the phased development of a hydrogen transport
            backbone connecting industrial clusters, ports and storage caverns, with the
            reuse of existing natural gas pipelines as the main cost saver.""",
        ),
    ),
    _org(
        "alliander",
        "Alliander",
        "company",
        ["netbeheer", "energietransitie"],
        "Gelderland",
        """Regionale netbeheerder voor elektriciteit en gas in onder meer Gelderland en
        Noord-Holland. Alliander werkt aan netuitbreiding, slimmer gebruik van het net en
        oplossingen voor netcongestie.""",
    ),
    _org(
        "stedin",
        "Stedin",
        "company",
        ["netbeheer", "energietransitie", "waterstof"],
        "Zuid-Holland",
        """Regionale netbeheerder in onder meer Zuid-Holland en Utrecht. Stedin verzwaart het
        net voor de energietransitie en heeft ervaring opgedaan met proeven rond waterstof in
        de gebouwde omgeving.""",
    ),
    _org(
        "enexis",
        "Enexis",
        "company",
        ["netbeheer", "energietransitie"],
        "Noord-Brabant",
        """Regionale netbeheerder in het noorden, oosten en zuiden van Nederland. Enexis zorgt
        voor het distributienet voor elektriciteit en gas en werkt met gemeenten aan
        aansluitingen voor zonneparken en warmtepompen.""",
    ),
    _org(
        "netbeheer-nederland",
        "Netbeheer Nederland",
        "branch_association",
        ["netbeheer", "energietransitie", "waterstof"],
        "landelijk",
        """Branchevereniging van de netbeheerders voor elektriciteit en gas. Zij brengt de
        gezamenlijke opgave van de netbeheerders in beeld en overlegt met het Rijk over
        netcongestie, investeringen en regelgeving.""",
    ),
    _org(
        "nedzero",
        "NedZero",
        "branch_association",
        ["wind op zee", "energietransitie", "noordzee"],
        "landelijk",
        """Brancheorganisatie voor windenergie en de bredere klimaatneutrale energievoorziening.
        NedZero vertegenwoordigt ontwikkelaars, bouwers en toeleveranciers van windparken op
        land en op zee.""",
    ),
    _org(
        "holland-solar",
        "Holland Solar",
        "branch_association",
        ["energietransitie", "netbeheer"],
        "landelijk",
        """Brancheorganisatie van de zonne-energiesector. Holland Solar werkt aan goede
        randvoorwaarden voor zonnepanelen op daken, zonneparken en zon op infrastructuur
        zoals geluidsschermen en bermen.""",
    ),
    _org(
        "energie-samen",
        "Energie Samen",
        "citizen_initiative",
        ["energietransitie", "participatie", "netbeheer"],
        "landelijk",
        """Koepel van energiecoöperaties en andere lokale initiatieven voor duurzame energie. De
        organisatie ondersteunt burgers die samen wind- en zonneprojecten ontwikkelen en pleit
        voor lokaal eigendom van energieprojecten.""",
    ),
    _org(
        "nlhydrogen",
        "NLHydrogen",
        "branch_association",
        ["waterstof", "energietransitie", "havens"],
        "landelijk",
        """Brancheorganisatie van bedrijven die werken aan de waterstofeconomie. NLHydrogen
        brengt producenten, netbeheerders, industrie en havens samen en praat met de
        overheid over stimulering en regelgeving voor waterstof.""",
    ),
    _org(
        "energie-nederland",
        "Energie-Nederland",
        "branch_association",
        ["energietransitie", "netbeheer", "wind op zee"],
        "landelijk",
        """Branchevereniging van energieproducenten, -leveranciers en -handelaren. De vereniging
        praat mee over de inrichting van de energiemarkt, leveringszekerheid en het tempo van
        de energietransitie.""",
    ),
    _org(
        "zeeuwind",
        "Zeeuwind",
        "citizen_initiative",
        ["energietransitie", "participatie"],
        "Zeeland",
        """Zeeuwse energiecoöperatie van en voor inwoners. Leden investeren samen in
        windturbines en zonneprojecten in de provincie en de opbrengst komt terug in de
        lokale gemeenschap.""",
    ),
    _org(
        "buurkracht",
        "Buurkracht",
        "citizen_initiative",
        ["energietransitie", "participatie", "klimaatadaptatie"],
        "landelijk",
        """Stichting die buurten helpt om samen aan de slag te gaan met energiebesparing en
        verduurzaming van woningen. Buurkracht ondersteunt bewoners bij het organiseren van
        buurtinitiatieven.""",
    ),
    _org(
        "vopak",
        "Koninklijke Vopak",
        "company",
        ["havens", "waterstof", "energietransitie"],
        "Zuid-Holland",
        """Bedrijf dat tankopslag exploiteert in havens wereldwijd. Vopak onderzoekt de opslag
        van nieuwe energiedragers zoals waterstof, ammoniak en CO2 naast traditionele
        producten.""",
    ),
    _org(
        "tata-steel-nederland",
        "Tata Steel Nederland",
        "company",
        ["milieu", "waterstof", "circulaire economie"],
        "Noord-Holland",
        """Staalproducent in IJmuiden en een van de grootste industriële uitstoters van het
        land. Het bedrijf werkt aan plannen om de productie te verduurzamen en staat onder
        druk van omwonenden vanwege de gevolgen voor gezondheid en milieu.""",
    ),
    # ------------------------------------------------------------------ ports and maritime
    _org(
        "havenbedrijf-rotterdam",
        "Havenbedrijf Rotterdam",
        "company",
        ["havens", "logistiek", "waterstof", "maritiem", "energietransitie"],
        "Zuid-Holland",
        """Beheerder en ontwikkelaar van de Rotterdamse haven. Het havenbedrijf werkt aan de
        bereikbaarheid van de haven, de verduurzaming van het industriecomplex en de
        ontwikkeling van waterstof- en CO2-infrastructuur.""",
        documents=(
            """Port as energy hub: this vision describes how the port plans to import,
            produce and distribute hydrogen, connect offshore wind landings and store CO2
            under the North Sea while keeping the port competitive.""",
        ),
    ),
    _org(
        "port-of-amsterdam",
        "Port of Amsterdam",
        "company",
        ["havens", "circulaire economie", "logistiek", "energietransitie"],
        "Noord-Holland",
        """Havenbedrijf van Amsterdam dat de haven beheert en ontwikkelt. De haven richt zich
        op circulaire bedrijvigheid, nieuwe energie en het samengaan van haven en stad in het
        Noordzeekanaalgebied.""",
    ),
    _org(
        "north-sea-port",
        "North Sea Port",
        "company",
        ["havens", "waterstof", "logistiek"],
        "Zeeland",
        """Grensoverschrijdend havengebied van Vlissingen, Terneuzen en Gent. North Sea Port
        werkt aan industriële verduurzaming, waterstof en de verbinding tussen zeevaart,
        binnenvaart en spoor.""",
    ),
    _org(
        "groningen-seaports",
        "Groningen Seaports",
        "company",
        ["havens", "waterstof", "wind op zee"],
        "Groningen",
        """Havenbedrijf van de Eemshaven en Delfzijl. Het richt zich op energie en chemie,
        onder meer als aanlandingsplek voor windenergie van zee en als plek voor
        waterstofprojecten.""",
    ),
    _org(
        "havenbedrijf-moerdijk",
        "Havenbedrijf Moerdijk",
        "company",
        ["havens", "logistiek", "binnenvaart"],
        "Noord-Brabant",
        """Havenbedrijf van het haven- en industriegebied Moerdijk. De haven is een knooppunt
        voor binnenvaart, wegvervoer en spoor en werkt aan ruimte voor duurzame
        bedrijvigheid.""",
    ),
    _org(
        "kvnr",
        "Koninklijke Vereniging van Nederlandse Reders (KVNR)",
        "branch_association",
        ["maritiem", "internationaal", "milieu"],
        "Zuid-Holland",
        """Brancheorganisatie van de Nederlandse koopvaardij. De KVNR behartigt de belangen van
        reders, onder meer over internationale regelgeving, bemanning en de verduurzaming van
        de zeevaart.""",
        documents=(
            """Decarbonising short-sea shipping: an overview of fuel options — methanol,
            ammonia, hydrogen and batteries — for the Dutch short-sea fleet, with the
            retrofitting costs and the port bunkering infrastructure each option requires.""",
        ),
    ),
    _org(
        "nederland-maritiem-land",
        "Nederland Maritiem Land",
        "branch_association",
        ["maritiem", "havens", "binnenvaart"],
        "Zuid-Holland",
        """Netwerkorganisatie van de maritieme cluster: scheepsbouw, havens, zeevaart,
        binnenvaart, waterbouw en maritieme dienstverlening. De organisatie versterkt de
        samenwerking binnen de sector en de zichtbaarheid ervan.""",
    ),
    _org(
        "loodswezen",
        "Nederlands Loodswezen",
        "company",
        ["maritiem", "havens"],
        "Zuid-Holland",
        """Organisatie van registerloodsen die schepen veilig de Nederlandse havens in en uit
        begeleiden. Het loodswezen heeft veel kennis van vaarwegen, scheepsgedrag en
        nautische veiligheid.""",
    ),
    _org(
        "damen-shipyards",
        "Damen Shipyards Group",
        "company",
        ["maritiem", "binnenvaart", "wind op zee"],
        "Zuid-Holland",
        """Scheepsbouwconcern dat werkboten, veerboten, sleepboten en marineschepen ontwerpt en
        bouwt. Damen werkt aan elektrische en emissiearme schepen en aan schepen voor de
        offshore-windsector.""",
    ),
    _org(
        "bln-schuttevaer",
        "Koninklijke BLN-Schuttevaer",
        "branch_association",
        ["binnenvaart", "logistiek"],
        "landelijk",
        """Ondernemersorganisatie van binnenvaartschippers. De vereniging komt op voor de
        belangen van de binnenvaart, bijvoorbeeld over de bevaarbaarheid van rivieren bij
        lage waterstanden, sluizen en bruggen en de verduurzaming van schepen.""",
    ),
    _org(
        "knrm",
        "Koninklijke Nederlandse Redding Maatschappij (KNRM)",
        "ngo",
        ["maritiem", "noordzee"],
        "landelijk",
        """Vrijwilligersorganisatie die mensen redt op het water langs de kust en op
        binnenwateren. De KNRM heeft kennis van veiligheid op zee en in drukke
        vaargebieden.""",
    ),
    # ------------------------------------------------------------------ logistics and mobility
    _org(
        "evofenedex",
        "evofenedex",
        "branch_association",
        ["logistiek", "internationaal", "wegen"],
        "landelijk",
        """Ondernemersvereniging voor verladers en bedrijven met logistieke activiteiten. De
        vereniging adviseert leden over internationale handel en logistiek en praat mee over
        bereikbaarheid en zero-emissie logistiek.""",
    ),
    _org(
        "tln",
        "Transport en Logistiek Nederland",
        "branch_association",
        ["logistiek", "wegen", "verkeersveiligheid"],
        "landelijk",
        """Branchevereniging van transport- en logistiekbedrijven over de weg. TLN behartigt
        de belangen van vervoerders, onder meer over vrachtwagenheffing,
        zero-emissiezones en arbeidsmarkt.""",
    ),
    _org(
        "connekt",
        "Connekt",
        "branch_association",
        ["logistiek", "openbaar vervoer", "wegen"],
        "Zuid-Holland",
        """Onafhankelijk netwerk van bedrijven en overheden die werken aan slimme en duurzame
        mobiliteit. Connekt ondersteunt programma's rond duurzame stadslogistiek en
        mobiliteitsmanagement van werkgevers.""",
    ),
    _org(
        "prorail",
        "ProRail",
        "public_body",
        ["spoor", "openbaar vervoer", "logistiek"],
        "Utrecht",
        """Beheerder van het Nederlandse spoorwegnet. ProRail onderhoudt en vernieuwt het spoor,
        verdeelt de capaciteit tussen vervoerders en regelt het treinverkeer.""",
    ),
    _org(
        "ns",
        "NS (Nederlandse Spoorwegen)",
        "company",
        ["spoor", "openbaar vervoer"],
        "Utrecht",
        """Grootste vervoerder op het Nederlandse spoor. NS verzorgt het reizigersvervoer op het
        hoofdrailnet, beheert stations en werkt aan de aansluiting op fiets en ander
        openbaar vervoer.""",
    ),
    _org(
        "arriva-nederland",
        "Arriva Nederland",
        "company",
        ["openbaar vervoer", "spoor"],
        "Friesland",
        """Vervoerder die regionale treinen en bussen exploiteert in verschillende delen van
        het land. Arriva werkt aan zero-emissie busvervoer en regionale treinverbindingen.""",
    ),
    _org(
        "transdev-nederland",
        "Transdev Nederland",
        "company",
        ["openbaar vervoer"],
        "Utrecht",
        """Openbaarvervoerbedrijf dat bussen, trams en doelgroepenvervoer exploiteert. Het
        bedrijf heeft ervaring met grootschalige inzet van elektrische bussen in
        concessiegebieden.""",
    ),
    _org(
        "vervoerregio-amsterdam",
        "Vervoerregio Amsterdam",
        "public_body",
        ["openbaar vervoer", "fiets", "wegen"],
        "Noord-Holland",
        """Samenwerkingsverband van gemeenten rond Amsterdam voor verkeer en vervoer. De
        vervoerregio verleent de concessies voor bus, tram en metro en investeert in
        fietsroutes en verkeersveiligheid.""",
    ),
    _org(
        "mrdh",
        "Metropoolregio Rotterdam Den Haag",
        "public_body",
        ["openbaar vervoer", "wegen", "fiets"],
        "Zuid-Holland",
        """Samenwerking van gemeenten in de regio Rotterdam en Den Haag, onder meer als
        vervoersautoriteit. De metropoolregio werkt aan de bereikbaarheid van de regio met
        openbaar vervoer, fiets en weg.""",
    ),
    _org(
        "fietsersbond",
        "Fietsersbond",
        "ngo",
        ["fiets", "verkeersveiligheid", "participatie"],
        "landelijk",
        """Belangenvereniging van fietsers met veel lokale vrijwilligers. De Fietsersbond zet
        zich in voor veilige, comfortabele fietsroutes en voldoende fietsparkeerplekken en
        geeft gemeenten advies over fietsbeleid.""",
    ),
    _org(
        "dutch-cycling-embassy",
        "Dutch Cycling Embassy",
        "ngo",
        ["fiets", "internationaal"],
        "landelijk",
        """Netwerk van publieke en private partijen dat Nederlandse fietskennis internationaal
        deelt. Het netwerk helpt steden in het buitenland met fietsbeleid en
        fietsinfrastructuur.""",
        documents=(
            """Cycling as a system: a guide for international cities on the Dutch approach to
            cycling policy — network design, traffic calming, parking at stations and
            education — and on how to start with a small connected network.""",
        ),
    ),
    _org(
        "anwb",
        "ANWB",
        "ngo",
        ["wegen", "verkeersveiligheid", "fiets"],
        "landelijk",
        """Vereniging voor mobiliteit en vrije tijd met miljoenen leden. De ANWB geeft een stem
        aan weggebruikers en reizigers, onder meer over verkeersveiligheid, files,
        bereikbaarheid en de kosten van mobiliteit.""",
    ),
    _org(
        "rover",
        "Reizigersvereniging Rover",
        "ngo",
        ["openbaar vervoer", "spoor", "participatie"],
        "landelijk",
        """Vereniging die opkomt voor de belangen van reizigers in het openbaar vervoer. Rover
        neemt deel aan consumentenoverleggen en geeft advies over dienstregelingen, tarieven
        en toegankelijkheid.""",
    ),
    _org(
        "veilig-verkeer-nederland",
        "Veilig Verkeer Nederland",
        "ngo",
        ["verkeersveiligheid", "participatie"],
        "landelijk",
        """Vereniging die met vrijwilligers en campagnes werkt aan veiliger verkeer. VVN
        ondersteunt verkeerseducatie op scholen en helpt bewoners bij het aanpakken van
        onveilige situaties in hun buurt.""",
    ),
    _org(
        "rai-vereniging",
        "RAI Vereniging",
        "branch_association",
        ["wegen", "fiets", "energietransitie"],
        "Noord-Holland",
        """Branchevereniging van fabrikanten en importeurs van auto's, vrachtwagens, fietsen en
        andere voertuigen. De vereniging praat mee over elektrificatie, voertuigeisen en
        verkeersveiligheid.""",
    ),
    _org(
        "bovag",
        "BOVAG",
        "branch_association",
        ["wegen", "fiets"],
        "Utrecht",
        """Brancheorganisatie van ondernemers in mobiliteit, zoals autobedrijven,
        fietsspeciaalzaken en tankstations. BOVAG denkt mee over onderhoud, veiligheid en de
        overgang naar elektrisch rijden.""",
    ),
    _org(
        "goudappel",
        "Goudappel",
        "company",
        ["openbaar vervoer", "wegen", "fiets", "ruimtelijke ordening"],
        "Overijssel",
        """Adviesbureau voor mobiliteit. Goudappel maakt verkeersmodellen en analyses en
        adviseert overheden over bereikbaarheid, openbaar vervoer, fietsbeleid en de
        verbinding tussen mobiliteit en verstedelijking.""",
    ),
    _org(
        "ndw",
        "Nationaal Dataportaal Wegverkeer (NDW)",
        "public_body",
        ["wegen", "verkeersveiligheid"],
        "landelijk",
        """Samenwerkingsverband van wegbeheerders dat verkeersgegevens verzamelt en beschikbaar
        stelt. Het dataportaal levert actuele en historische gegevens over verkeer en
        wegwerkzaamheden.""",
    ),
    # ------------------------------------------------------------------ aviation
    _org(
        "royal-schiphol-group",
        "Royal Schiphol Group",
        "company",
        ["luchtvaart", "milieu", "openbaar vervoer"],
        "Noord-Holland",
        """Exploitant van Schiphol en enkele regionale luchthavens. Het bedrijf werkt aan de
        capaciteit en kwaliteit van de luchthaven, aan het verminderen van hinder voor de
        omgeving en aan de verduurzaming van luchthavenactiviteiten.""",
    ),
    _org(
        "klm",
        "KLM",
        "company",
        ["luchtvaart", "internationaal", "milieu"],
        "Noord-Holland",
        """Nederlandse luchtvaartmaatschappij met Schiphol als thuisbasis. KLM werkt aan
        vlootvernieuwing, het bijmengen van duurzame brandstof en aan het netwerk van
        internationale verbindingen.""",
    ),
    _org(
        "eindhoven-airport",
        "Eindhoven Airport",
        "company",
        ["luchtvaart", "participatie"],
        "Noord-Brabant",
        """Regionale luchthaven die burger- en militair luchtverkeer deelt. De luchthaven voert
        overleg met de omgeving over groei, hinder en de kwaliteit van de leefomgeving.""",
    ),
    _org(
        "rotterdam-the-hague-airport",
        "Rotterdam The Hague Airport",
        "company",
        ["luchtvaart", "milieu"],
        "Zuid-Holland",
        """Regionale luchthaven in een dichtbevolkt gebied. De luchthaven zoekt naar
        verduurzaming van haar activiteiten en ruimte voor innovatie in de luchtvaart, in
        gesprek met omwonenden.""",
    ),
    _org(
        "lvnl",
        "Luchtverkeersleiding Nederland",
        "public_body",
        ["luchtvaart"],
        "Noord-Holland",
        """Organisatie die het civiele luchtverkeer in het Nederlandse luchtruim begeleidt. LVNL
        werkt mee aan de herziening van het luchtruim en aan vliegprocedures die hinder en
        uitstoot beperken.""",
    ),
    _org(
        "barin",
        "BARIN (Board of Airline Representatives in the Netherlands)",
        "branch_association",
        ["luchtvaart", "internationaal"],
        "Noord-Holland",
        """Vereniging van luchtvaartmaatschappijen die op Nederland vliegen. BARIN vertegenwoordigt
        hun belangen bij onder meer luchthaventarieven, capaciteit en regelgeving.""",
    ),
    _org(
        "omgevingsraad-schiphol",
        "Omgevingsraad Schiphol",
        "public_body",
        ["luchtvaart", "participatie"],
        "Noord-Holland",
        """Overlegorgaan waarin luchtvaartsector, overheden en bewonersvertegenwoordigers rond
        Schiphol samenkomen. De omgevingsraad bespreekt hinder, vliegroutes en de balans
        tussen luchtvaart en leefomgeving.""",
    ),
    _org(
        "hoog-overijssel",
        "HoogOverijssel",
        "citizen_initiative",
        ["luchtvaart", "participatie", "milieu"],
        "Overijssel",
        """Burgerinitiatief dat opkomt voor bewoners onder aanvliegroutes in Overijssel en
        omliggende gebieden. Het initiatief vraagt aandacht voor geluidshinder door laag
        overvliegend verkeer en volgt het luchtvaartbeleid kritisch.""",
    ),
    _org(
        "skynrg",
        "SkyNRG",
        "company",
        ["luchtvaart", "circulaire economie", "energietransitie"],
        "Noord-Holland",
        """Bedrijf dat duurzame vliegtuigbrandstof levert en productiecapaciteit ontwikkelt.
        SkyNRG werkt met luchtvaartmaatschappijen en bedrijven aan het verminderen van de
        klimaatimpact van vliegen.""",
    ),
    _org(
        "knvvl",
        "Koninklijke Nederlandse Vereniging voor Luchtvaart (KNVvL)",
        "ngo",
        ["luchtvaart"],
        "landelijk",
        """Vereniging voor de recreatieve en sportieve luchtvaart, van zweefvliegen tot
        modelvliegen en drones. De KNVvL praat mee over de indeling van het luchtruim en
        regels voor kleine luchtvaart.""",
    ),
    # ------------------------------------------------------------------ circular economy and environment
    _org(
        "circle-economy",
        "Circle Economy",
        "ngo",
        ["circulaire economie", "internationaal"],
        "Noord-Holland",
        """Stichting die bedrijven, steden en landen helpt de overstap naar een circulaire
        economie te maken. Circle Economy brengt materiaalstromen in kaart en ontwikkelt
        praktische instrumenten en strategieën.""",
        documents=(
            """Circularity gap report: a global estimate of the share of secondary materials
            in the economy, showing that circularity has stagnated, and proposing solutions in
            construction, food and mobility that close the gap.""",
        ),
    ),
    _org(
        "holland-circular-hotspot",
        "Holland Circular Hotspot",
        "ngo",
        ["circulaire economie", "internationaal"],
        "landelijk",
        """Publiek-privaat platform dat Nederlandse circulaire kennis en ondernemers
        internationaal verbindt. Het platform deelt voorbeelden van circulaire
        bedrijfsmodellen en organiseert handelsmissies.""",
    ),
    _org(
        "nvrd",
        "NVRD",
        "branch_association",
        ["circulaire economie", "milieu"],
        "landelijk",
        """Vereniging voor afval- en grondstoffenbeheer en de openbare ruimte, met vooral
        gemeentelijke afvalbedrijven als leden. De NVRD deelt kennis over afvalinzameling,
        hergebruik en schone openbare ruimte.""",
    ),
    _org(
        "vereniging-afvalbedrijven",
        "Vereniging Afvalbedrijven",
        "branch_association",
        ["circulaire economie", "milieu"],
        "landelijk",
        """Branchevereniging van bedrijven die afval inzamelen, recyclen en verwerken. De
        vereniging praat mee over regelgeving voor recycling, afvalverbranding en
        grondstoffenbeleid.""",
    ),
    _org(
        "renewi",
        "Renewi",
        "company",
        ["circulaire economie"],
        "landelijk",
        """Afval- en recyclingbedrijf dat afvalstromen van bedrijven en huishoudens verwerkt tot
        secundaire grondstoffen. Renewi werkt aan hoogwaardige recycling van onder meer
        bouwafval en kunststoffen.""",
    ),
    _org(
        "verpact",
        "Verpact",
        "branch_association",
        ["circulaire economie"],
        "landelijk",
        """Organisatie die namens producenten en importeurs de uitgebreide
        producentenverantwoordelijkheid voor verpakkingen uitvoert. Verpact werkt aan
        inzameling, recycling en het verminderen van verpakkingsafval, ook met
        statiegeld.""",
    ),
    _org(
        "het-groene-brein",
        "Het Groene Brein",
        "knowledge_institute",
        ["circulaire economie", "energietransitie"],
        "landelijk",
        """Netwerk van wetenschappers dat kennis over duurzaamheid en circulaire economie
        toegankelijk maakt voor ondernemers en beleidsmakers. Het netwerk beantwoordt
        kennisvragen en organiseert kennissessies.""",
    ),
    _org(
        "metabolic",
        "Metabolic",
        "company",
        ["circulaire economie", "landbouw"],
        "Noord-Holland",
        """Advies- en onderzoeksbureau dat systeemanalyses maakt van materiaal- en
        voedselstromen. Metabolic helpt steden en bedrijven bij circulaire strategieën en
        het meten van hun milieu-impact.""",
    ),
    _org(
        "plastic-soup-foundation",
        "Plastic Soup Foundation",
        "ngo",
        ["circulaire economie", "waterkwaliteit", "noordzee"],
        "Noord-Holland",
        """Milieuorganisatie die zich inzet tegen plasticvervuiling van water en zee. De
        stichting voert campagne, steunt onderzoek naar microplastics en roept producenten en
        overheden op om plastic aan de bron te verminderen.""",
    ),
    _org(
        "schone-rivieren",
        "Schone Rivieren",
        "citizen_initiative",
        ["waterkwaliteit", "circulaire economie", "participatie"],
        "landelijk",
        """Initiatief waarin vrijwilligers zwerfafval langs rivieroevers tellen en opruimen. De
        verzamelde gegevens laten zien welke soorten afval in rivieren terechtkomen en
        ondersteunen maatregelen bij de bron.""",
        documents=(
            """Citizen science on riverbank litter: results of several years of standardised
            litter monitoring by volunteers along Dutch rivers, identifying the most common
            items and hotspots downstream of urban areas.""",
        ),
    ),
    _org(
        "repair-cafe-international",
        "Repair Café International",
        "citizen_initiative",
        ["circulaire economie", "participatie"],
        "landelijk",
        """Stichting achter de beweging van Repair Cafés, waar vrijwilligers samen met bezoekers
        kapotte spullen repareren. De stichting ondersteunt lokale groepen en pleit voor
        repareerbare producten.""",
    ),
    _org(
        "mvo-nederland",
        "MVO Nederland",
        "branch_association",
        ["circulaire economie", "energietransitie"],
        "landelijk",
        """Netwerk van ondernemers die willen verduurzamen. MVO Nederland helpt bedrijven met
        circulair ondernemen, klimaatdoelen en ketenverantwoordelijkheid en brengt hun geluid
        in bij beleidsmakers.""",
    ),
    _org(
        "vno-ncw",
        "VNO-NCW",
        "branch_association",
        ["energietransitie", "logistiek", "circulaire economie", "internationaal"],
        "landelijk",
        """Grootste werkgeversorganisatie van Nederland. VNO-NCW behartigt de belangen van het
        bedrijfsleven bij onder meer infrastructuur, energie, klimaat en regeldruk.""",
    ),
    _org(
        "mkb-nederland",
        "MKB-Nederland",
        "branch_association",
        ["logistiek", "energietransitie", "wegen"],
        "landelijk",
        """Ondernemersorganisatie voor het midden- en kleinbedrijf. MKB-Nederland vraagt
        aandacht voor de uitvoerbaarheid van beleid voor kleine ondernemers, bijvoorbeeld bij
        zero-emissiezones en verduurzaming.""",
    ),
    _org(
        "bioclear-earth",
        "Bioclear earth",
        "company",
        ["bodem", "waterkwaliteit", "natuur"],
        "Groningen",
        """Onderzoeks- en adviesbedrijf op het gebied van bodem, water en ecologie. Het bedrijf
        werkt met biologische methoden voor het saneren van verontreinigde bodem en het
        verbeteren van waterkwaliteit.""",
    ),
    # ------------------------------------------------------------------ nature and environment NGOs
    _org(
        "natuurmonumenten",
        "Natuurmonumenten",
        "ngo",
        ["natuur", "participatie", "klimaatadaptatie"],
        "landelijk",
        """Vereniging die natuurgebieden in heel Nederland beschermt en beheert, gesteund door
        veel leden en vrijwilligers. Natuurmonumenten zet zich in voor herstel van natuur,
        landschap en erfgoed en is betrokken bij gebiedsprocessen rond water en natuur.""",
    ),
    _org(
        "staatsbosbeheer",
        "Staatsbosbeheer",
        "public_body",
        ["natuur", "klimaatadaptatie", "waterveiligheid"],
        "landelijk",
        """Organisatie die namens de overheid bossen, natuurgebieden en landschappen beheert.
        Staatsbosbeheer werkt aan natuurherstel, recreatie en houtproductie en beheert ook
        gebieden in uiterwaarden en langs de kust.""",
    ),
    _org(
        "vogelbescherming-nederland",
        "Vogelbescherming Nederland",
        "ngo",
        ["natuur", "wind op zee", "luchtvaart"],
        "Utrecht",
        """Natuurorganisatie die zich inzet voor wilde vogels en hun leefgebieden. De organisatie
        volgt ontwikkelingen zoals windparken en vliegvelden kritisch op de gevolgen voor
        vogels.""",
    ),
    _org(
        "wnf",
        "Wereld Natuur Fonds Nederland",
        "ngo",
        ["natuur", "internationaal", "noordzee", "waterveiligheid"],
        "Utrecht",
        """Natuurorganisatie die werkt aan het behoud van biodiversiteit in Nederland en
        wereldwijd. In Nederland richt het WNF zich onder meer op levende rivieren, de Noordzee
        en natuurlijke oplossingen voor klimaatproblemen.""",
        documents=(
            """Living rivers: a vision for restoring natural processes along the Rhine and
            Meuse branches, combining flood safety with floodplain forests, side channels and
            room for natural river dynamics.""",
        ),
    ),
    _org(
        "natuur-en-milieu",
        "Natuur & Milieu",
        "ngo",
        ["energietransitie", "openbaar vervoer", "fiets", "landbouw", "milieu"],
        "Utrecht",
        """Milieuorganisatie die met bedrijven en overheden werkt aan duurzame energie,
        mobiliteit en voedsel. Natuur & Milieu pleit onder meer voor schoner vervoer en een
        eerlijke energietransitie.""",
    ),
    _org(
        "milieudefensie",
        "Milieudefensie",
        "ngo",
        ["milieu", "luchtvaart", "energietransitie"],
        "Noord-Holland",
        """Milieuorganisatie die campagne voert voor klimaatrechtvaardigheid. Milieudefensie
        spreekt grote vervuilers en de overheid aan, ook via rechtszaken, en staat kritisch
        tegenover groei van de luchtvaart.""",
    ),
    _org(
        "greenpeace-nederland",
        "Greenpeace Nederland",
        "ngo",
        ["milieu", "noordzee", "natuur", "luchtvaart"],
        "Noord-Holland",
        """Onafhankelijke milieuorganisatie die met campagnes en acties aandacht vraagt voor
        klimaat, oceanen en biodiversiteit. In Nederland richt zij zich onder meer op de
        luchtvaart, fossiele subsidies en bescherming van de Noordzee.""",
    ),
    _org(
        "ark-natuurontwikkeling",
        "ARK Natuurontwikkeling",
        "ngo",
        ["natuur", "waterveiligheid"],
        "Gelderland",
        """Organisatie die natuurlijke processen een kans geeft, bijvoorbeeld door rivieren meer
        ruimte te geven en grote grazers in te zetten. ARK werkt in gebieden langs rivieren
        samen met waterbeheerders.""",
    ),
    _org(
        "waddenvereniging",
        "Waddenvereniging",
        "ngo",
        ["natuur", "waterkwaliteit", "participatie"],
        "Friesland",
        """Vereniging die zich inzet voor de bescherming van de Waddenzee als natuurgebied. De
        Waddenvereniging volgt activiteiten zoals scheepvaart, gaswinning en
        kustverdediging en betrekt vrijwilligers bij natuurbehoud.""",
    ),
    _org(
        "stichting-de-noordzee",
        "Stichting De Noordzee",
        "ngo",
        ["noordzee", "natuur", "wind op zee"],
        "Utrecht",
        """Organisatie die zich inzet voor een gezonde en schone Noordzee. Zij volgt het
        gebruik van de zee door visserij, scheepvaart en windparken en zoekt naar een goede
        balans tussen gebruik en natuurherstel.""",
    ),
    _org(
        "sportvisserij-nederland",
        "Sportvisserij Nederland",
        "branch_association",
        ["waterkwaliteit", "natuur"],
        "Utrecht",
        """Koepel van hengelsportverenigingen. De organisatie zet zich in voor goed viswater en
        visstanden en praat mee over vismigratie, waterkwaliteit en beheer van
        oppervlaktewater.""",
    ),
    _org(
        "ravon",
        "RAVON",
        "ngo",
        ["natuur", "waterkwaliteit"],
        "Gelderland",
        """Kennisorganisatie voor reptielen, amfibieën en vissen. RAVON verzamelt met
        vrijwilligers gegevens over deze soorten en adviseert over hun bescherming bij
        inrichting en beheer van wateren.""",
    ),
    _org(
        "sovon",
        "Sovon Vogelonderzoek Nederland",
        "ngo",
        ["natuur", "wind op zee"],
        "Gelderland",
        """Organisatie die met duizenden vrijwilligers vogels telt en onderzoekt. De gegevens van
        Sovon worden gebruikt voor natuurbeleid en voor het beoordelen van effecten van
        bijvoorbeeld windparken.""",
    ),
    _org(
        "ivn-natuureducatie",
        "IVN Natuureducatie",
        "ngo",
        ["natuur", "participatie", "klimaatadaptatie"],
        "landelijk",
        """Organisatie voor natuureducatie en burgerparticipatie in groen. IVN betrekt
        kinderen, volwassenen en vrijwilligers bij natuur en klimaat, bijvoorbeeld bij het
        vergroenen van schoolpleinen.""",
    ),
    _org(
        "natuur-en-milieufederaties",
        "De Natuur en Milieufederaties",
        "ngo",
        ["natuur", "energietransitie", "participatie", "milieu"],
        "landelijk",
        """Samenwerkingsverband van de twaalf provinciale natuur- en milieufederaties. Zij
        ondersteunen lokale groepen en bewoners bij natuurbehoud, energieprojecten en
        gebiedsontwikkeling in hun provincie.""",
    ),
    _org(
        "urgenda",
        "Urgenda",
        "ngo",
        ["energietransitie", "milieu", "participatie"],
        "Noord-Holland",
        """Stichting die zich inzet voor een snellere verduurzaming van Nederland. Urgenda is
        bekend van de klimaatzaak tegen de Staat en zet projecten op die burgers helpen met
        energiebesparing.""",
    ),
    _org(
        "operatie-steenbreek",
        "Operatie Steenbreek",
        "citizen_initiative",
        ["klimaatadaptatie", "natuur", "participatie"],
        "landelijk",
        """Stichting die gemeenten, waterschappen en bewoners stimuleert om tuinen en
        openbare ruimte te vergroenen in plaats van te verstenen. Minder tegels helpt
        regenwater op te vangen en hittestress te beperken.""",
    ),
    _org(
        "rode-kruis",
        "Het Nederlandse Rode Kruis",
        "ngo",
        ["klimaatadaptatie", "waterveiligheid", "internationaal"],
        "landelijk",
        """Hulporganisatie die mensen in nood helpt, in Nederland en daarbuiten. Het Rode Kruis
        bereidt zich voor op rampen zoals overstromingen en hittegolven en werkt aan de
        zelfredzaamheid van mensen.""",
    ),
    _org(
        "vereniging-deltametropool",
        "Vereniging Deltametropool",
        "ngo",
        ["ruimtelijke ordening", "openbaar vervoer", "klimaatadaptatie"],
        "Zuid-Holland",
        """Vereniging die ontwerpend onderzoek doet naar de ontwikkeling van de Randstad en de
        Nederlandse delta. Zij brengt overheden, bedrijven en burgers samen rond ruimtelijke
        vraagstukken zoals verstedelijking en bereikbaarheid.""",
    ),
    _org(
        "waterrecreatie-nederland",
        "Waterrecreatie Nederland",
        "branch_association",
        ["binnenvaart", "natuur", "waterkwaliteit"],
        "landelijk",
        """Organisatie die de belangen van de waterrecreatie behartigt en werkt aan een goed
        netwerk van vaarroutes. Zij denkt mee over bruggen en sluizen, waterkwaliteit en
        recreatief gebruik van het water.""",
    ),
    # ------------------------------------------------------------------ agriculture
    _org(
        "lto-nederland",
        "LTO Nederland",
        "branch_association",
        ["landbouw", "waterkwaliteit", "bodem"],
        "landelijk",
        """Land- en tuinbouworganisatie die boeren en tuinders vertegenwoordigt. LTO praat met
        de overheid over mest- en waterbeleid, zoetwatervoorziening en de toekomst van de
        landbouw.""",
    ),
    _org(
        "zlto",
        "ZLTO",
        "branch_association",
        ["landbouw", "waterkwaliteit", "klimaatadaptatie"],
        "Noord-Brabant",
        """Zuidelijke Land- en Tuinbouworganisatie voor agrarisch ondernemers in het zuiden van
        het land. ZLTO werkt met leden aan watervasthouden, droogte en verduurzaming van de
        landbouw.""",
    ),
    # ------------------------------------------------------------------ public bodies
    _org(
        "provincie-noord-holland",
        "Provincie Noord-Holland",
        "public_body",
        ["ruimtelijke ordening", "natuur", "openbaar vervoer", "waterveiligheid"],
        "Noord-Holland",
        """Provinciaal bestuur van Noord-Holland met taken in ruimtelijke ordening, natuur,
        regionaal openbaar vervoer en provinciale wegen. De provincie werkt met het Rijk en de
        waterschappen aan dijkversterking en gebiedsontwikkeling langs het Markermeer.""",
    ),
    _org(
        "provincie-zuid-holland",
        "Provincie Zuid-Holland",
        "public_body",
        ["ruimtelijke ordening", "openbaar vervoer", "havens", "energietransitie"],
        "Zuid-Holland",
        """Provinciaal bestuur van Zuid-Holland. De provincie werkt aan bereikbaarheid, ruimte
        voor woningbouw, de energietransitie van het havengebied en de kwaliteit van het
        landschap.""",
    ),
    _org(
        "provincie-zeeland",
        "Provincie Zeeland",
        "public_body",
        ["waterveiligheid", "landbouw", "maritiem", "natuur"],
        "Zeeland",
        """Provinciaal bestuur van Zeeland. De provincie werkt aan zoetwatervoorziening,
        kustbeleid, natuur in de Delta en de economische ontwikkeling van de havens.""",
    ),
    _org(
        "provincie-fryslan",
        "Provincie Fryslân",
        "public_body",
        ["natuur", "waterveiligheid", "ruimtelijke ordening"],
        "Friesland",
        """Provinciaal bestuur van Friesland. De provincie is betrokken bij de ontwikkeling rond
        de Afsluitdijk, het Waddengebied en de bodemdaling in het veenweidegebied.""",
    ),
    _org(
        "provincie-gelderland",
        "Provincie Gelderland",
        "public_body",
        ["ruimtelijke ordening", "natuur", "waterveiligheid", "energietransitie"],
        "Gelderland",
        """Provinciaal bestuur van Gelderland. De provincie werkt met de waterschappen aan
        rivierverruiming en dijkversterking en met gemeenten aan energie en
        landelijk gebied.""",
    ),
    _org(
        "provincie-flevoland",
        "Provincie Flevoland",
        "public_body",
        ["ruimtelijke ordening", "luchtvaart", "energietransitie"],
        "Flevoland",
        """Provinciaal bestuur van Flevoland. De provincie houdt zich bezig met ruimtelijke
        ontwikkeling, duurzame energie en de positie van Lelystad Airport in de regio.""",
    ),
    _org(
        "ipo",
        "Interprovinciaal Overleg (IPO)",
        "public_body",
        ["ruimtelijke ordening", "natuur", "openbaar vervoer"],
        "landelijk",
        """Vereniging van de twaalf provincies. Het IPO behartigt hun gezamenlijke belangen
        richting Rijk en bundelt kennis over onder meer natuur, mobiliteit en de
        Omgevingswet.""",
    ),
    _org(
        "vng",
        "Vereniging van Nederlandse Gemeenten (VNG)",
        "public_body",
        ["ruimtelijke ordening", "klimaatadaptatie", "circulaire economie", "participatie"],
        "landelijk",
        """Vereniging van alle Nederlandse gemeenten. De VNG behartigt hun belangen en
        ondersteunt gemeenten bij onder meer klimaatadaptatie, afvalbeleid en de uitvoering
        van de Omgevingswet.""",
    ),
    _org(
        "gemeente-rotterdam",
        "Gemeente Rotterdam",
        "public_body",
        ["klimaatadaptatie", "havens", "openbaar vervoer", "waterveiligheid"],
        "Zuid-Holland",
        """Gemeente met veel ervaring in klimaatadaptatie in een stad onder zeeniveau, zoals
        waterpleinen en groene daken. Rotterdam werkt met de haven aan verduurzaming en met
        de regio aan bereikbaarheid.""",
    ),
    _org(
        "gemeente-amsterdam",
        "Gemeente Amsterdam",
        "public_body",
        ["fiets", "circulaire economie", "openbaar vervoer", "klimaatadaptatie"],
        "Noord-Holland",
        """Hoofdstad met een eigen circulaire strategie en een groot fietsnetwerk. Amsterdam
        werkt aan emissievrij vervoer, vernieuwing van bruggen en kademuren en
        klimaatbestendige inrichting.""",
    ),
    _org(
        "gemeente-sudwest-fryslan",
        "Gemeente Súdwest-Fryslân",
        "public_body",
        ["ruimtelijke ordening", "participatie"],
        "Friesland",
        """Friese gemeente aan de kust van IJsselmeer en Waddenzee, waar de Afsluitdijk aan land
        komt. De gemeente is betrokken bij de regionale ontwikkeling rond de dijk.""",
    ),
    _org(
        "de-nieuwe-afsluitdijk",
        "De Nieuwe Afsluitdijk",
        "public_body",
        ["waterveiligheid", "natuur", "energietransitie", "participatie"],
        "Friesland",
        """Samenwerkingsverband van provincies en gemeenten rond de Afsluitdijk. Het
        verband werkt aan duurzame energie, natuur, recreatie en de regionale economie rond
        de vernieuwde dijk.""",
    ),
    _org(
        "rvo",
        "Rijksdienst voor Ondernemend Nederland (RVO)",
        "public_body",
        ["energietransitie", "wind op zee", "circulaire economie", "bodem"],
        "landelijk",
        """Uitvoeringsorganisatie die ondernemers en overheden ondersteunt met subsidies,
        regelingen en kennis. RVO bereidt onder meer de tenders voor windparken op zee voor
        en voert programma's uit over bodem en circulaire economie.""",
    ),
    # ------------------------------------------------------------------ a few more civil-society voices
    _org(
        "zeeuwse-milieufederatie",
        "Zeeuwse Milieufederatie",
        "ngo",
        ["natuur", "milieu", "waterkwaliteit"],
        "Zeeland",
        """Provinciale milieufederatie voor Zeeland. Zij komt op voor natuur, landschap en
        milieu in de Zeeuwse delta en ondersteunt lokale groepen en bewoners bij hun
        inbreng.""",
    ),
    _org(
        "milieufederatie-noord-holland",
        "Natuur en Milieufederatie Noord-Holland",
        "ngo",
        ["natuur", "energietransitie", "participatie"],
        "Noord-Holland",
        """Provinciale federatie die zich inzet voor natuur, landschap en een duurzame
        leefomgeving in Noord-Holland. Zij ondersteunt lokale groepen en denkt mee bij
        gebiedsprocessen zoals rond het IJsselmeergebied.""",
    ),
    _org(
        "gelderse-natuur-en-milieufederatie",
        "Gelderse Natuur en Milieufederatie",
        "ngo",
        ["natuur", "energietransitie", "participatie", "waterveiligheid"],
        "Gelderland",
        """Provinciale federatie van natuur- en milieuorganisaties in Gelderland. Zij helpt
        bewoners en energiecoöperaties en volgt de inpassing van dijkversterkingen en
        rivierprojecten in het landschap.""",
    ),
    _org(
        "coalitie-wadden-natuurlijk",
        "Coalitie Wadden Natuurlijk",
        "ngo",
        ["natuur", "noordzee"],
        "Friesland",
        """Samenwerkingsverband van natuurorganisaties in het Waddengebied. De coalitie werkt aan
        natuurherstel in de Waddenzee, zoals vismigratie en herstel van onderwaternatuur.""",
    ),
]


def organisation_by_slug() -> dict[str, dict[str, Any]]:
    """The catalogue indexed by slug (raises if a slug occurs twice)."""
    out: dict[str, dict[str, Any]] = {}
    for org in ORGANISATIONS:
        if org["slug"] in out:
            raise ValueError(f"duplicate organisation slug {org['slug']}")
        out[org["slug"]] = org
    return out
