"""The web page's actions through TestClient: acting on a suggestion as a person, the seating
editor (pin, re-plan, undo), profiles, the admin page, Dutch error pages and offline docs."""

from __future__ import annotations

import csv
import io
import re
from html import unescape
from pathlib import Path

import pytest

from api.http.app import create_app
from api.settings import Settings
from graph import SqliteGraphStore
from graph.model import SeatedAt
from matcher.seating import Seat
from matcher.seating.fromstore import plan_from_store
from tests.e2e.conftest import Api, browser_network


@pytest.fixture
def person(api: Api) -> dict[str, str]:
    """Headers of a staff key that belongs to Anna de Vries (staff:0001)."""
    keystore = api.app.state.runtime.keystore  # type: ignore[attr-defined]
    _, plain = keystore.create("staff", "Anna de Vries", staff_id="staff:0001")
    return {"X-API-Key": plain}


def _orgs(html: str) -> list[str]:
    return [part.split('"', 1)[0] for part in html.split('class="resultaat" data-org="')[1:]]


def test_not_relevant_takes_the_organisation_out_of_the_next_list(
    api: Api, person: dict[str, str]
) -> None:
    query = "/suggesties?vraag=kustveiligheid&datum=2026-03-01&aantal=5"
    page = api.client.get(query, headers=person).text
    before = _orgs(page)
    assert len(before) >= 2
    scores = re.findall(r"passendheid (-?\d+,?\d*)</span>", page)
    assert len(scores) == len(before) and all(re.fullmatch(r"-?\d+,\d\d", s) for s in scores)
    r = api.client.post(
        "/suggesties/terugkoppeling",
        data={
            "organisatie": before[0],
            "uitkomst": "declined",
            "vraag": "kustveiligheid",
            "datum": "2026-03-01",
            "aantal": "5",
        },
        headers=person,
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"].endswith("#resultaten")
    after_page = api.client.get(r.headers["location"], headers=person).text
    after = _orgs(after_page)
    assert before[0] not in after and after[0] == before[1]  # the next one moved up
    assert "niet relevant" in after_page
    edges = api.store.edges("FEEDBACK", source="staff:0001")
    assert [(e.target, e.outcome.value) for e in edges] == [(before[0], "declined")]


def test_a_key_without_a_person_is_refused_in_dutch_and_nothing_is_written(api: Api) -> None:
    # the admin key of the test app belongs to no person (the staff key belongs to staff:0002)
    r = api.client.post(
        "/suggesties/shortlist", data={"organisatie": "org:tno"}, headers=api.headers("admin")
    )
    assert r.status_code == 403 and "hoort niet bij een medewerker" in r.text
    r = api.client.post(
        "/suggesties/terugkoppeling",
        data={"organisatie": "org:tno", "uitkomst": "declined"},
        headers=api.headers("admin"),
    )
    assert r.status_code == 403 and api.store.edges("FEEDBACK") == []


def test_shortlist_and_introduction_belong_to_the_person(api: Api, person: dict[str, str]) -> None:
    api.client.post("/suggesties/shortlist", data={"organisatie": "org:tno"}, headers=person)
    api.client.post(
        "/suggesties/introductie",
        data={"organisatie": "org:tno", "introducee": "staff:0002"},
        headers=person,
    )
    page = api.client.get("/suggesties", headers=person).text
    assert "Mijn shortlist" in page and "Gevraagde introducties" in page
    other = api.client.get("/suggesties", headers=api.headers("admin")).text
    assert "Mijn shortlist" not in other  # the admin key is no person: nothing of Anna's
    ics = api.client.get(
        "/suggesties/introductie.ics?organisatie=org:tno&introducee=staff:0002", headers=person
    )
    assert ics.status_code == 200 and "Kennismaking met TNO" in ics.text
    assert "via Bram Jansen" in ics.text.replace("\r\n ", "")


def test_filters_narrow_the_list_by_kind(api: Api, person: dict[str, str]) -> None:
    base = "/suggesties?vraag=kustveiligheid&datum=2026-03-01&aantal=5"
    everyone = _orgs(api.client.get(base, headers=person).text)
    institutes = _orgs(api.client.get(base + "&soort=knowledge_institute", headers=person).text)
    assert institutes and set(institutes) <= {"org:tno", "org:deltares"}
    assert set(institutes) <= set(everyone) | {"org:tno", "org:deltares"}


@pytest.fixture
def seating(tmp_path: Path) -> tuple[object, object, SqliteGraphStore]:
    from fastapi.testclient import TestClient

    store = SqliteGraphStore(tmp_path / "b.db")
    store.write(*browser_network())
    app = create_app(
        Settings(store=str(tmp_path / "b.db"), encoder="hashing"),
        store=store,
        auth_path=tmp_path / "b.auth",
    )
    key = app.state.runtime.keystore.create("facilitator", "F")[1]
    client = TestClient(app)
    client.headers["X-API-Key"] = key
    yield client, app, store
    client.close()
    store.close()


def test_a_pinned_guest_stays_through_a_replan_and_undo_restores(seating: tuple) -> None:
    client, _, store = seating
    ed = {"editie": "edition:1"}
    assert client.post("/tafels/indelen", data=ed).status_code == 200
    first = plan_from_store(store, "edition:1")
    again = client.post("/tafels/indelen", data=ed)  # a plan exists: asks first
    assert "Bestaande indeling overschrijven?" in again.text
    pin = first[0]
    r = client.post("/tafels/vastzetten", data={**ed, "gast": pin.guest, "sessie": pin.session})
    assert "staat nu vast" in r.text
    cancel = next(s.guest for s in first if s.guest != pin.guest)
    r = client.post("/tafels/herindelen", data={**ed, "afmelding": cancel})
    assert r.status_code == 200 and "Herindeling opgeslagen" in r.text
    replanned = plan_from_store(store, "edition:1")
    assert pin in replanned and cancel not in {s.guest for s in replanned}
    r = client.post("/tafels/ongedaan", data=ed)
    assert "Vorige indeling teruggezet" in r.text
    assert plan_from_store(store, "edition:1") == first  # the cancelled guest is back too
    r = client.post("/tafels/ongedaan", data=ed)
    r = client.post("/tafels/ongedaan", data=ed)
    assert r.status_code == 422 and "geen eerdere indeling" in r.text


def test_moving_a_guest_pins_them_and_names_the_broken_rules(seating: tuple) -> None:
    client, _, store = seating
    ed = {"editie": "edition:1"}
    client.post("/tafels/indelen", data=ed)
    seat = plan_from_store(store, "edition:1")[0]
    target = "table:1-2" if seat.table == "table:1-1" else "table:1-1"
    r = client.post(
        "/tafels/verplaatsen",
        data={**ed, "gast": seat.guest, "sessie": seat.session, "tafel": target},
    )
    assert "Gast verplaatst en vastgezet" in r.text
    assert "maximaal 2" in r.text  # the table was full: said in Dutch, with names
    moved = Seat(seat.session, target, seat.guest)
    assert moved in plan_from_store(store, "edition:1")
    pinned = [e for e in store.edges("SEATED_AT", source=seat.guest) if e.pinned]
    assert [(e.target, e.key) for e in pinned] == [(target, seat.session)]
    # the rest was re-seated around the move: the saved plan holds again, and the page says so
    assert "de overige plaatsen zijn opnieuw ingedeeld" in r.text
    assert "Status: haalbaar" in client.get("/tafels?editie=edition:1").text
    # a saved plan that breaks a rule (here: a seat written beside the editor) says so on
    # every visit, with the rules listed
    other = next(t for t in ("table:1-1", "table:1-2") if t != target)
    store.write(
        [], [SeatedAt(source=seat.guest, target=other, key=seat.session, session=seat.session)]
    )
    page = unescape(client.get("/tafels?editie=edition:1").text)
    assert "Status: breekt" in page and "Status: haalbaar" not in page
    assert "Welke regels breekt deze indeling?" in page
    store.delete_edge("SEATED_AT", seat.guest, other, seat.session)
    # moving the pinned guest on: the pin the move replaces is not reported as missing
    r = client.post(
        "/tafels/verplaatsen",
        data={**ed, "gast": seat.guest, "sessie": seat.session, "tafel": other},
    )
    assert "Gast verplaatst en vastgezet" in r.text
    assert "vastgezette plaats ontbreekt" not in unescape(r.text)
    # moving a guest where they already sit changes nothing, and says so
    r = client.post(
        "/tafels/verplaatsen",
        data={**ed, "gast": seat.guest, "sessie": seat.session, "tafel": target},
    )
    assert "niets veranderd" in r.text and "0 wijziging" not in r.text
    r = client.post(
        "/tafels/verplaatsen", data={**ed, "gast": "contact:x", "sessie": "s", "tafel": "t"}
    )
    assert r.status_code == 422 and "gast 'contact:x' hoort niet bij edition:1" in unescape(r.text)


def test_the_seating_page_shows_dates_venue_times_capacity_in_dutch(seating: tuple) -> None:
    client, _, _ = seating
    client.post("/tafels/indelen", data={"editie": "edition:1"})
    page = client.get("/tafels?editie=edition:1").text
    assert "10 maart 2026 t/m 12 maart 2026" in page and "10:00–12:00" in page
    assert "max. 2 gasten" in page and "<details><summary>Waarom?</summary>" in page
    assert "Status: haalbaar (opgeslagen indeling)" in page


def test_page_errors_are_dutch_html_and_the_api_keeps_problem_json(api: Api) -> None:
    page = api.client.get("/bestaat/niet", headers={"Accept": "text/html"})
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert "Pagina niet gevonden" in page.text and 'lang="nl"' in page.text
    bad = api.client.get("/suggesties?aantal=veel", headers=api.headers("staff"))
    assert bad.status_code == 422 and "Het veld ‘aantal’ (‘veel’) is geen geheel getal." in bad.text
    missing = api.client.get("/organisaties/org:nergens", headers=api.headers("staff"))
    assert missing.status_code == 404 and "Onbekende organisatie: org:nergens" in missing.text
    api_404 = api.client.get("/api/v1/nodes/org:nergens", headers=api.headers("staff"))
    assert api_404.headers["content-type"] == "application/problem+json"


def test_docs_are_served_from_the_package(api: Api) -> None:
    html = api.client.get("/docs").text
    assert "/docs/assets/swagger-ui-bundle.js" in html and "cdn" not in html.lower()
    js = api.client.get("/docs/assets/swagger-ui-bundle.js")
    assert js.status_code == 200 and len(js.content) > 100_000
    assert api.client.get("/docs/assets/../../etc/passwd").status_code == 404


def test_admin_creates_a_key_for_a_person_and_exports_the_audit_log(api: Api) -> None:
    admin = api.headers("admin")
    r = api.client.post(
        "/beheer/sleutels",
        data={"naam": "Bram", "rol": "staff", "medewerker": "staff:0002"},
        headers=admin,
    )
    secret = r.text.split('<code class="geheim">', 1)[1].split("<", 1)[0]
    key = api.app.state.runtime.keystore.verify(secret)  # type: ignore[attr-defined]
    assert key is not None and key.staff_id == "staff:0002"
    bad = api.client.post(
        "/beheer/sleutels",
        data={"naam": "X", "rol": "staff", "medewerker": "staff:9"},
        headers=admin,
    )
    assert bad.status_code == 422 and "Onbekende medewerker: staff:9" in bad.text
    api.client.get(
        "/suggesties?dossier=dossier:kust&datum=2026-03-01", headers=api.headers("staff")
    )
    export = api.client.get("/beheer/audit.csv?doel=suggestions", headers=admin)
    assert export.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Nr", "Tijd (UTC)", "Sleutel"] and len(rows) >= 2
    assert {r[7] for r in rows[1:]} == {"partners zoeken"}
