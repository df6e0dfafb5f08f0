"""The page "Partners zoeken" (staff, admins): suggestions with reasons, and acting on them.

On every suggestion the logged-in person answers with one click (interessant / niet relevant /
gesproken / samen opgepakt, written as FEEDBACK from their ``staff_id``), keeps a shortlist, and
asks the introducing colleague for an introduction (a Dutch e-mail to that colleague and an .ics
proposal, recorded). The next list is refined by those answers: organisations the person marked
*niet relevant* leave the list and the next ones move up. Filters narrow the list by sector,
region and kind of organisation. Feedback, shortlist and introductions belong to the key's person;
a key without one is refused in Dutch.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api.http.network_svg import render_ego_svg
from api.http.web import disclosed, page_key, render, runtime_of, worklist_of
from api.keystore import ApiKey, Role
from api.privacy import Purpose
from api.services import today
from graph.model import Organisation, Staff
from matcher.suggest.feedback import FeedbackError, latest_feedback, record_feedback
from matcher.suggest.suggester import SuggestionError
from matcher.vocabulary import FEEDBACK_NL, KIND_LABELS_NL, SUGGEST_NL, format_date_nl

__all__ = ["router"]

router = APIRouter(include_in_schema=False)

_NO_PERSON = (
    "Deze sleutel hoort niet bij een medewerker, dus terugkoppeling, shortlist en introducties "
    "kunnen niet op uw naam worden vastgelegd. Vraag de beheerder om een persoonlijke sleutel."
)
_QUERY_FIELDS = ("dossier", "vraag", "datum", "aantal", "sector", "regio", "soort")
Field = Annotated[str, Form(max_length=2000)]


def _org_options(store: Any) -> dict[str, list[tuple[str, str]]]:
    orgs = [o for o in store.nodes("organisation") if isinstance(o, Organisation)]
    sectors = sorted({s for o in orgs for s in o.sectors})
    regions = sorted({o.region for o in orgs if o.region})
    kinds = sorted({o.org_kind for o in orgs}, key=lambda k: KIND_LABELS_NL[k])
    return {
        "sectoren": [(s, s) for s in sectors],
        "regios": [(r, r) for r in regions],
        "soorten": [(k.value, KIND_LABELS_NL[k]) for k in kinds],
    }


def _matches(org: Organisation | None, sector: str, region: str, kind: str) -> bool:
    if org is None:
        return False
    return (
        (not sector or sector in org.sectors)
        and (not region or org.region == region)
        and (not kind or org.org_kind.value == kind)
    )


def _introducer_mail(store: Any, disclosure: Any, item: dict[str, Any], me: str) -> str | None:
    """A mailto link to the introducing colleague, in Dutch, or None without one."""
    intro = item.get("introducer") or {}
    staff_id = intro.get("staff_id")
    node = store.get_nodes([staff_id]).get(staff_id) if staff_id else None
    if not isinstance(node, Staff) or not node.email or not disclosure.allows(node):
        return None
    org = item["organisation"]["name"]
    contact = (item.get("contact") or {}).get("name")
    subject = f"Verzoek om introductie bij {org}"
    body = (
        f"Beste {node.name},\n\nVerbinder noemt {org} als passende partner voor mijn werk"
        + (f" en jij hebt contact met {contact}" if contact else "")
        + (f" (laatst op {format_date_nl(intro['date'])})" if intro.get("date") else "")
        + ".\nWil je mij aan hen voorstellen? Ik stuur je een agendavoorstel mee voor een kort"
        " kennismakingsgesprek.\n\nMet vriendelijke groet,\n" + me
    )
    return f"mailto:{quote(node.email)}?subject={quote(subject)}&body={quote(body)}"


def _query(params: dict[str, Any]) -> dict[str, str]:
    return {k: str(params[k]) for k in _QUERY_FIELDS if params.get(k) not in (None, "")}


def _results(request: Request, key: ApiKey, ctx: dict[str, Any], k: int) -> int:
    """Fill ``ctx`` with the refined suggestions; returns an HTTP status."""
    runtime = runtime_of(request)
    store, services = runtime.store, runtime.services
    vraag, dossier = ctx["vraag"].strip() or None, ctx["dossier"] or None
    try:
        as_of = dt.date.fromisoformat(ctx["datum"])
    except ValueError:
        ctx["fout"] = f"Ongeldige datum: {ctx['datum']} (gebruik jjjj-mm-dd)."
        return 422
    answers = latest_feedback(store, key.staff_id) if key.staff_id else {}
    declined = {t for t, fb in answers.items() if fb.outcome.value == "declined"}
    filtered = any(ctx[f] for f in ("sector", "regio", "soort"))
    pool = min(50, (k * 5 if filtered else k) + len(declined))
    with disclosed(request, key, Purpose.SUGGESTIONS) as disclosure:
        try:
            found = services.suggest(
                dossier=None if vraag else dossier, text=vraag, as_of=as_of, k=pool
            )
        except SuggestionError as e:
            ctx["fout"] = f"Deze vraag kan niet worden beantwoord: {e}"
            return 422
        answer = found.to_dict()
        ctx["geen_match"] = answer["no_match"]
        ctx["thema_s"] = answer["nearest_themes"]
        ctx["betrokken"] = answer["involved"]
        items = disclosure.scan(answer["items"])
        orgs = store.get_nodes([i["organisation"]["id"] for i in items])
        kept, hidden = [], []
        for item in items:
            oid = item["organisation"]["id"]
            if oid in declined:
                hidden.append(item["organisation"]["name"])
                continue
            node = orgs.get(oid)
            if not _matches(
                node if isinstance(node, Organisation) else None,
                ctx["sector"],
                ctx["regio"],
                ctx["soort"],
            ):
                continue
            fb = answers.get(oid)
            item["antwoord"] = FEEDBACK_NL.get(fb.outcome.value, "") if fb else ""
            item["mailto"] = _introducer_mail(store, disclosure, item, key.name)
            kept.append(item)
        for rank, item in enumerate(kept[:k], start=1):
            item["rank"] = rank
        ctx["resultaten"] = kept[:k]
        ctx["verborgen"] = hidden
        ctx["onderwerp"] = (
            f"uw vraag ‘{vraag}’" if vraag else f"dossier ‘{store.get_node(dossier or '').label}’"
        )
        if dossier and not vraag:
            ctx["svg"] = render_ego_svg(
                store,
                dossier,
                disclosure,
                suggested=[i["organisation"]["id"] for i in kept[:k]],
                interactive=True,
            )
    return 200


@router.get("/suggesties", response_class=HTMLResponse)
def suggestions_page(
    request: Request,
    dossier: Annotated[str | None, Query(max_length=200)] = None,
    vraag: Annotated[str | None, Query(max_length=2000)] = None,
    datum: Annotated[str | None, Query(max_length=10)] = None,
    aantal: Annotated[int, Query(ge=1, le=25)] = 5,
    sector: Annotated[str, Query(max_length=200)] = "",
    regio: Annotated[str, Query(max_length=200)] = "",
    soort: Annotated[str, Query(max_length=50)] = "",
    melding: Annotated[str, Query(max_length=500)] = "",
) -> Response:
    key = page_key(request, Role.STAFF, Role.ADMIN)
    runtime = runtime_of(request)
    worklist = worklist_of(request)
    ctx: dict[str, Any] = {
        "titel": "Partners zoeken",
        "dossiers": runtime.services.options("dossier"),
        "dossier": dossier or "",
        "vraag": vraag or "",
        "datum": datum or today().isoformat(),
        "aantal": aantal,
        "sector": sector,
        "regio": regio,
        "soort": soort,
        "melding": melding,
        "persoon": key.staff_id,
        "geen_persoon": _NO_PERSON,
        "woorden": SUGGEST_NL,
        **_org_options(runtime.store),
    }
    ctx["zoekvelden"] = _query(ctx)
    shortlist = worklist.shortlist(key.staff_id) if key.staff_id else []
    ctx["shortlist"] = [
        (oid, node.label) for oid, node in runtime.store.get_nodes(shortlist).items()
    ]
    ctx["op_shortlist"] = set(shortlist)
    intros = worklist.introductions(key.staff_id)[:5] if key.staff_id else []
    names = runtime.store.get_nodes([i.organisation for i in intros])
    ctx["introducties"] = [
        {"id": i.organisation, "naam": names[i.organisation].label, "voorstel": i.proposed}
        for i in intros
        if i.organisation in names
    ]
    status = 200
    if (vraag or "").strip() or dossier:
        status = _results(request, key, ctx, aantal)
    return render(request, "suggesties.html", ctx, key=key, status_code=status)


def _back(fields: dict[str, str], melding: str, anchor: str = "resultaten") -> Response:
    query = urlencode({**{k: v for k, v in fields.items() if v}, "melding": melding})
    return RedirectResponse(f"/suggesties?{query}#{anchor}", status_code=303)


def _search_fields(
    dossier: Field = "",
    vraag: Field = "",
    datum: Field = "",
    aantal: Field = "",
    sector: Field = "",
    regio: Field = "",
    soort: Field = "",
) -> dict[str, str]:
    """The search an action was taken from (hidden form fields), to return to it."""
    return {
        "dossier": dossier,
        "vraag": vraag,
        "datum": datum,
        "aantal": aantal,
        "sector": sector,
        "regio": regio,
        "soort": soort,
    }


#: The search an action came from, read from the form once for every action route.
SearchFields = Annotated[dict[str, str], Depends(_search_fields)]


def _refuse(request: Request, key: ApiKey) -> Response:
    return render(
        request,
        "fout.html",
        {"titel": "Niet vastgelegd", "melding": _NO_PERSON},
        key=key,
        status_code=403,
    )


@router.post("/suggesties/terugkoppeling", response_class=HTMLResponse)
def suggestion_feedback(
    request: Request,
    organisatie: Annotated[str, Form(max_length=200)],
    uitkomst: Annotated[str, Form(max_length=20)],
    fields: SearchFields,
) -> Response:
    """Record the person's answer on a suggestion; the list shown next is refined by it."""
    key = page_key(request, Role.STAFF, Role.ADMIN)
    if not key.staff_id:
        return _refuse(request, key)
    store = runtime_of(request).store
    if uitkomst not in ("accepted", "declined", "met", "co_produced"):
        return _back(fields, f"Niet vastgelegd: onbekend antwoord ‘{uitkomst}’.")
    try:
        record_feedback(
            store, key.staff_id, organisatie, uitkomst, date=today(), context="suggestion"
        )
        name = store.get_node(organisatie).label
    except (FeedbackError, KeyError) as e:
        return _back(fields, f"Niet vastgelegd: {e}")
    return _back(fields, f"Vastgelegd: {name} — {FEEDBACK_NL[uitkomst]}.")


@router.post("/suggesties/shortlist", response_class=HTMLResponse)
def suggestion_shortlist(
    request: Request,
    organisatie: Annotated[str, Form(max_length=200)],
    fields: SearchFields,
) -> Response:
    key = page_key(request, Role.STAFF, Role.ADMIN)
    if not key.staff_id:
        return _refuse(request, key)
    store = runtime_of(request).store
    node = store.get_nodes([organisatie]).get(organisatie)
    if not isinstance(node, Organisation):
        return _back(fields, f"Niet vastgelegd: ‘{organisatie}’ is geen organisatie.")
    added = worklist_of(request).toggle_shortlist(key.staff_id, organisatie)
    word = "op uw shortlist gezet" if added else "van uw shortlist gehaald"
    return _back(fields, f"{node.label} {word}.")


@router.post("/suggesties/introductie", response_class=HTMLResponse)
def suggestion_introduction(
    request: Request,
    organisatie: Annotated[str, Form(max_length=200)],
    introducee: Annotated[str, Form(max_length=200)],
    fields: SearchFields,
) -> Response:
    """Record that the person asks ``introducee`` (a colleague) for an introduction."""
    key = page_key(request, Role.STAFF, Role.ADMIN)
    if not key.staff_id:
        return _refuse(request, key)
    store = runtime_of(request).store
    nodes = store.get_nodes([organisatie, introducee])
    if not isinstance(nodes.get(organisatie), Organisation):
        return _back(fields, f"Niet vastgelegd: ‘{organisatie}’ is geen organisatie.")
    if not isinstance(nodes.get(introducee), Staff):
        return _back(fields, f"Niet vastgelegd: ‘{introducee}’ is geen collega.")
    proposed = _proposal_day(today())
    worklist_of(request).record_introduction(key.staff_id, organisatie, introducee, proposed)
    return _back(
        fields,
        f"Introductieverzoek vastgelegd: {nodes[organisatie].label}, voorstel "
        f"{format_date_nl(proposed)}. Open de e-mail en het agendavoorstel hieronder.",
    )


def _proposal_day(day: dt.date) -> dt.date:
    """A working day about a week ahead (Tuesday to Thursday suit most agendas)."""
    proposed = day + dt.timedelta(days=7)
    while proposed.weekday() not in (1, 2, 3):
        proposed += dt.timedelta(days=1)
    return proposed


@router.get("/suggesties/introductie.ics")
def introduction_ics(
    request: Request,
    organisatie: Annotated[str, Query(max_length=200)],
    introducee: Annotated[str, Query(max_length=200)] = "",
) -> Response:
    """An iCalendar proposal for a half-hour introduction, a working day about a week ahead."""
    from icalendar import Calendar, Event

    key = page_key(request, Role.STAFF, Role.ADMIN)
    store = runtime_of(request).store
    nodes = store.get_nodes([organisatie, introducee] if introducee else [organisatie])
    org = nodes.get(organisatie)
    if not isinstance(org, Organisation):
        return render(
            request,
            "fout.html",
            {"titel": "Niet gevonden", "melding": f"Onbekende organisatie: {organisatie}"},
            key=key,
            status_code=404,
        )
    day = _proposal_day(today())
    cal = Calendar()
    cal.add("prodid", "-//Verbinder//introductie//NL")
    cal.add("version", "2.0")
    event = Event()
    event.add("uid", f"intro-{key.key_id}-{organisatie}-{day.isoformat()}@verbinder")
    event.add("summary", f"Kennismaking met {org.label}")
    event.add("dtstart", dt.datetime.combine(day, dt.time(10, 0)))
    event.add("dtend", dt.datetime.combine(day, dt.time(10, 30)))
    event.add("dtstamp", dt.datetime.now(dt.UTC))
    who = nodes.get(introducee)
    with disclosed(request, key, Purpose.SUGGESTIONS) as disclosure:
        via = f" via {disclosure.label(who)}" if isinstance(who, Staff) else ""
    event.add("description", f"Voorstel: introductie bij {org.label}{via} (uit Verbinder).")
    cal.add_component(event)
    return Response(
        cal.to_ical(),
        media_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="verbinder-introductie.ics"'},
    )
