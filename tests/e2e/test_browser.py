"""The three journeys clicked through in headless Chromium (Debian ``chromium``, driven by
Playwright with the system executable) against uvicorn on a free loopback port, at a desktop size
(1366×900) and a phone size (390×844).

Every step is screenshotted to ``tests/artifacts/screenshots/<journey>-<step>-<size>.png``
(git-ignored), must fit the screen (no horizontal scrolling) and must have 0 axe-core violations.
Needs ``/usr/bin/chromium`` (``apt-get install -y chromium``); skipped when it is missing.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from matcher.seating import Seat
from matcher.seating.fromstore import plan_from_store
from tests.e2e.browser_support import (
    ARGS,
    CHROMIUM,
    SIZES,
    Server,
    assert_labelled,
    check_step,
    expect,
    login,
)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian chromium at /usr/bin/chromium"),
]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with Server(tmp_path_factory.mktemp("browser")) as s:
        yield s


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield b
        b.close()


def _context(browser: Any, size: str) -> Any:
    width, height = SIZES[size]
    context = browser.new_context(
        viewport={"width": width, "height": height},
        locale="nl-NL",
        accept_downloads=True,
        is_mobile=size == "telefoon",
        has_touch=size == "telefoon",
    )
    return context


@pytest.fixture(params=list(SIZES))
def sized(request: pytest.FixtureRequest, browser: Any) -> Iterator[tuple[Any, str]]:
    context = _context(browser, request.param)
    pg = context.new_page()
    pg.set_default_timeout(60_000)
    yield pg, request.param
    context.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = _context(browser, "desktop")
    pg = context.new_page()
    pg.set_default_timeout(60_000)
    yield pg
    context.close()


def test_wrong_key_is_refused_in_dutch(page: Any, server: Server) -> None:
    page.goto(f"{server.url}/inloggen")
    page.get_by_label("API-sleutel").fill("vb_fout_sleutel")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("alert")).to_contain_text("Deze sleutel is onbekend")
    assert page.locator("html").get_attribute("lang") == "nl"
    check_step(page, "inloggen", "fout", "desktop")


def test_the_width_check_catches_an_overflowing_page(browser: Any, server: Server) -> None:
    """The check must be able to fail: a page wider than a phone is caught."""
    context = _context(browser, "telefoon")
    page = context.new_page()
    page.goto(f"{server.url}/inloggen")
    page.evaluate(
        "() => { document.body.insertAdjacentHTML('beforeend', "
        "'<div style=\"width:600px;height:10px\"></div>'); }"
    )
    with pytest.raises(AssertionError, match="inloggen/te-breed/telefoon"):
        check_step(page, "inloggen", "te-breed", "telefoon")
    context.close()


# ----------------------------------------------------------------------------- staff


def _search_dossier(page: Any) -> None:
    page.get_by_label("Dossier").select_option("dossier:kust")
    page.get_by_label("Peildatum").fill("2026-03-01")
    page.get_by_role("button", name="Zoek partners").click()
    expect(page.get_by_role("heading", name="suggesties voor dossier", exact=False)).to_be_visible()


def test_staff_journey(sized: tuple[Any, str], server: Server) -> None:
    """Search, answer a suggestion in place (the next list changes), shortlist, ask for an
    introduction, follow the network to a profile."""
    page, size = sized
    login(page, server, "staff", "/suggesties")
    assert_labelled(page)
    check_step(page, "medewerker", "1-zoeken", size)
    _search_dossier(page)
    results = page.locator("li.resultaat")
    assert results.count() >= 2
    assert results.first.locator(".redenen li").count() >= 1  # reasons are shown
    assert "Dirk Visser" not in page.content()  # no consent: never named
    assert page.locator("figure.netwerk svg a").count() >= 2  # the picture links to profiles
    check_step(page, "medewerker", "2-suggesties", size)

    # "Niet relevant" refines the list in place: no reload, the organisation leaves the list
    first = results.first
    org = first.get_attribute("data-org")
    name = first.locator("h3 a").inner_text()
    page.evaluate("() => { window.zelfdePagina = true; }")
    first.get_by_role("button", name="Niet relevant").click()
    expect(page.get_by_role("status").first).to_have_text(f"Vastgelegd: {name} — niet relevant.")
    assert page.evaluate("() => window.zelfdePagina === true")  # refined without a reload
    assert page.locator(f"li.resultaat[data-org='{org}']").count() == 0
    expect(page.get_by_text("Niet getoond omdat u ze niet relevant vond")).to_contain_text(name)
    declined = [e for e in server.store.edges("FEEDBACK", source="staff:0001") if e.target == org]
    assert declined and declined[-1].outcome.value == "declined"
    check_step(page, "medewerker", "3-niet-relevant", size)

    # shortlist and introduction through the colleague who knows them
    page.get_by_label("Of uw vraag").fill("zandsuppleties en kustveiligheid")
    page.get_by_role("button", name="Zoek partners").click()
    tno = page.locator("li.resultaat[data-org='org:tno']")
    expect(tno).to_contain_text("Carla Smit")  # consented contact
    expect(tno).to_contain_text("Introductie via Bram Jansen")  # the colleague who met them
    if tno.get_by_role("button", name="Van shortlist af").count():  # kept from a run before
        tno.get_by_role("button", name="Van shortlist af").click()
        expect(page.locator("#resultaten")).to_contain_text("TNO van uw shortlist gehaald.")
        tno = page.locator("li.resultaat[data-org='org:tno']")
    tno.get_by_role("button", name="Op shortlist").click()
    expect(page.locator("#sl-kop")).to_be_visible()
    expect(page.locator("#resultaten")).to_contain_text("TNO op uw shortlist gezet.")
    tno = page.locator("li.resultaat[data-org='org:tno']")
    tno.get_by_role("button", name="Vraag introductie via Bram Jansen").click()
    expect(page.locator("#resultaten")).to_contain_text("Introductieverzoek vastgelegd: TNO")
    mail = page.locator("li.resultaat[data-org='org:tno']").get_by_role(
        "link", name="E-mail aan Bram Jansen"
    )
    href = mail.get_attribute("href")
    assert href.startswith(
        "mailto:bram.jansen%40minienw.example?subject=Verzoek%20om%20introductie"
    )
    with page.expect_download() as download:
        page.locator("li.resultaat[data-org='org:tno']").get_by_role(
            "link", name="Agendavoorstel (.ics)"
        ).click()
    ics = Path(download.value.path()).read_text(encoding="utf-8")
    assert "BEGIN:VEVENT" in ics and "Kennismaking met TNO" in ics
    check_step(page, "medewerker", "4-introductie", size)

    # the network names colleagues as the suggestions page does, and leads to a profile
    page.goto(f"{server.url}/netwerk?knoop=dossier:kust&pad=org:tno")
    svg = page.locator("figure.netwerk svg")
    expect(svg).to_contain_text("Anna de Vries")  # a colleague, named as on "Partners zoeken"
    assert "Contactpersoon (" not in svg.inner_html()  # no placeholder people
    assert page.locator("svg line.pad").count() >= 1  # me → … → TNO drawn thick
    check_step(page, "medewerker", "5-netwerk", size)
    page.locator("svg a[data-knoop='org:tno']").click()
    page.wait_for_url("**/organisaties/org:tno")
    expect(page.get_by_role("heading", name="TNO", exact=True)).to_be_visible()
    expect(page.locator("article.profiel")).to_contain_text("Carla Smit")
    expect(page.locator("article.profiel")).to_contain_text("Bram Jansen")
    check_step(page, "medewerker", "6-organisatie", size)
    page.goto(f"{server.url}/dossiers/dossier:kust")
    expect(page.get_by_role("heading", name="Kustversterking Noord-Holland")).to_be_visible()
    check_step(page, "medewerker", "7-dossier", size)


def test_keyboard_skip_link_reaches_the_content(page: Any, server: Server) -> None:
    login(page, server, "staff", "/netwerk")
    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.textContent.trim()")
    assert focused == "Naar de inhoud"
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "inhoud"
    assert page.locator("svg title").first.text_content().startswith("Netwerk rond")
    nav = page.get_by_role("navigation", name="Hoofdmenu").inner_text()
    assert "Partners zoeken" in nav and "Tafels indelen" not in nav and "Beheer" not in nav


def test_team_journey_coalition_nudges_and_feedback(page: Any, server: Server) -> None:
    login(page, server, "staff", "/team")
    assert_labelled(page)
    page.get_by_label("Team", exact=True).select_option("team:1-1")
    page.get_by_label("Peildatum").fill("2026-03-01")
    page.get_by_role("button", name="Toon coalitie").click()
    expect(page.get_by_role("heading", name="Coalitie voor Team Zandmotor")).to_be_visible()
    members = page.locator("li.lid")
    assert members.count() >= 2
    assert page.locator("li.seintje").count() >= 1
    first = members.first
    org = first.get_attribute("data-org")
    name = first.get_by_role("heading").inner_text()
    first.get_by_role("button", name="Gesproken").click()
    expect(page.get_by_role("status").first).to_have_text(f"Vastgelegd: {name} — gesproken.")
    assert [e.target for e in server.store.edges("FEEDBACK", source="team:1-1")] == [org]


# ----------------------------------------------------------------------------- facilitator


def _seats(server: Server) -> list[Any]:
    return plan_from_store(server.store, "edition:1")


def _plan_fresh(page: Any) -> None:
    page.get_by_role("button", name="Deel alle tafels (opnieuw) in").click()
    confirm = page.get_by_role("button", name="Ja, deel opnieuw in")
    if confirm.count():  # an earlier plan exists: the page asks before overwriting it
        expect(page.get_by_role("alertdialog")).to_contain_text("Bestaande indeling overschrijven")
        confirm.click()
    expect(page.get_by_role("status").first).to_contain_text("Nieuwe indeling opgeslagen")


def test_facilitator_journey(sized: tuple[Any, str], server: Server) -> None:
    """Plan (confirming the overwrite), read reasons, pin a guest, move one, re-plan after a
    cancellation (the pinned guest stays), undo (the previous plan comes back), export."""
    page, size = sized
    login(page, server, "facilitator", "/tafels?editie=edition:1")
    assert_labelled(page)
    _plan_fresh(page)
    grid = page.locator("table#indeling")
    expect(grid).to_be_visible()
    assert grid.locator("div.gast").count() == 8  # 2 sessions x 2 tables x 2 seats
    expect(page.locator("section.editie")).to_contain_text("10 maart 2026")
    expect(grid).to_contain_text("10:00–12:00")  # session times
    expect(grid).to_contain_text("max. 2 gasten")  # capacity
    expect(page.locator("#indeling + p, .hint").first).to_be_visible()
    assert not re.search(r"\b(optimal|feasible|stored)\b", page.content())  # Dutch words
    reasons = grid.locator("div.gast details").first
    reasons.locator("summary").click()  # reasons open without hovering
    expect(reasons.locator(".redenen li").first).to_be_visible()
    check_step(page, "facilitator", "1-indeling", size)

    # pin a guest; a cancellation re-plan keeps the pinned seat
    guest_box = grid.locator("div.gast:not(.vast)").first  # pins of a run before may remain
    pinned = Seat(
        session=guest_box.get_attribute("data-sessie"),
        table=guest_box.get_attribute("data-tafel"),
        guest=guest_box.get_attribute("data-gast"),
    )
    guest_box.get_by_role("button", name="Zet vast").click()
    expect(page.get_by_role("status").first).to_contain_text("staat nu vast")
    other = next(s for s in _seats(server) if s.guest != pinned.guest and s != pinned)
    page.get_by_label("Afmelding van gast").select_option(other.guest)
    page.get_by_role("button", name="Herindelen").click()
    expect(page.get_by_role("status").first).to_contain_text("Herindeling opgeslagen")
    assert pinned in _seats(server)  # the pinned guest kept the seat
    assert other.guest not in {s.guest for s in _seats(server)}
    check_step(page, "facilitator", "2-herindeling", size)

    # undo brings the plan before the re-plan back
    page.get_by_role("button", name="Ongedaan maken").click()
    expect(page.get_by_role("status").first).to_contain_text("Vorige indeling teruggezet")
    assert other.guest in {s.guest for s in _seats(server)}

    # move a guest by hand: live warning for a full table, the move is pinned
    moving = next(s for s in _seats(server) if s.guest != pinned.guest)
    target = next(t for t in ("table:1-1", "table:1-2") if t != moving.table)
    page.get_by_label("Gast", exact=True).select_option(moving.guest)
    page.get_by_label("Sessie", exact=True).select_option(moving.session)
    page.get_by_label("Naar tafel").select_option(target)
    expect(page.locator("#regels")).to_contain_text("al vol")
    page.get_by_role("button", name="Verplaats en zet vast").click()
    expect(page.get_by_role("status").first).to_contain_text("Gast verplaatst en vastgezet")
    assert any(
        s.guest == moving.guest and s.table == target and s.session == moving.session
        for s in _seats(server)
    )
    check_step(page, "facilitator", "3-verplaatst", size)

    before_reopt = _seats(server)
    page.get_by_role("button", name="Optimaliseer rond vaste plaatsen").click()
    expect(page.get_by_role("status").first).to_contain_text("Opnieuw geoptimaliseerd")
    page.get_by_role("button", name="Ongedaan maken").click()
    expect(page.get_by_role("status").first).to_contain_text("Vorige indeling teruggezet")
    assert _seats(server) == before_reopt  # undo restores the previous plan exactly

    with page.expect_download() as download:
        page.get_by_role("link", name="Download CSV").click()
    raw = Path(download.value.path()).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM for Excel
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:4] == ["Sessie", "Datum en tijd", "Tafel", "Team"]
    assert len(rows) == len(_seats(server)) + 1 and all(len(r) == len(rows[0]) for r in rows)
    why = rows[0].index("Waarom")
    assert all(r[why] for r in rows[1:])  # "Waarom" filled
    relevance = [r[rows[0].index("Relevantie")] for r in rows[1:]]
    assert not any("." in v for v in relevance) and any("," in v for v in relevance)
    assert not any(cell.startswith("contact:") for r in rows[1:] for cell in r[:8])  # names

    page.get_by_role("link", name="Tafelkaarten (printen)").click()
    page.wait_for_load_state()
    assert "Team Zandmotor" in page.content() and "10:00–12:00" in page.content()
    check_step(page, "facilitator", "4-tafelkaarten", size)


# ----------------------------------------------------------------------------- admin


def test_admin_journey(sized: tuple[Any, str], server: Server) -> None:
    """Keys for a person, revoke, audit log filtered and exported, offline /docs, Dutch 404."""
    page, size = sized
    login(page, server, "admin", "/beheer")
    assert_labelled(page)
    check_step(page, "beheerder", "1-beheer", size)
    page.get_by_label("Naam (persoon of toepassing)").fill(f"Bram Jansen {size}")
    page.get_by_label("Rol").select_option("staff")
    page.get_by_label("Hoort bij medewerker").select_option("staff:0002")
    page.get_by_role("button", name="Maak sleutel").click()
    secret = page.locator("code.geheim").inner_text()
    assert secret.startswith("vb_")
    key = server.app.state.runtime.keystore.verify(secret)
    assert key is not None and key.staff_id == "staff:0002"
    check_step(page, "beheerder", "2-sleutel", size)
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name=f"Trek in Bram Jansen {size}").click()
    expect(page.get_by_role("status").first).to_contain_text("is ingetrokken")
    assert server.app.state.runtime.keystore.verify(secret) is None

    page.get_by_label("Doel").select_option("seating")
    page.get_by_role("button", name="Filter").click()
    rows = page.locator("table#audit tbody tr")
    assert rows.count() >= 1 and all("tafels indelen" in t for t in rows.all_inner_texts())
    check_step(page, "beheerder", "3-audit", size)
    with page.expect_download() as download:
        page.get_by_role("link", name="Exporteer (CSV)").click()
    text = Path(download.value.path()).read_bytes().decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert lines[0][0] == "Nr" and len(lines) == rows.count() + 1

    page.goto(f"{server.url}/bestaat-niet")
    expect(page.get_by_role("heading", name="Pagina niet gevonden")).to_be_visible()
    check_step(page, "beheerder", "4-niet-gevonden", size)


def test_docs_render_offline(page: Any, server: Server) -> None:
    """Swagger UI comes from the installed package: with every other host blocked it renders."""
    outside: list[str] = []

    def only_local(route: Any) -> None:
        if route.request.url.startswith(server.url):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", only_local)
    page.goto(f"{server.url}/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Verbinder")
    expect(page.locator(".opblock-tag").first).to_be_visible()
    assert outside == []


def test_a_missing_page_and_a_bad_parameter_answer_dutch_html(page: Any, server: Server) -> None:
    login(page, server, "staff", "/suggesties")
    answer = page.goto(f"{server.url}/dit/bestaat/niet")
    assert answer.status == 404 and "text/html" in answer.headers["content-type"]
    expect(page.get_by_role("heading", name="Pagina niet gevonden")).to_be_visible()
    answer = page.goto(f"{server.url}/suggesties?aantal=veel")
    assert answer.status == 422 and "text/html" in answer.headers["content-type"]
    expect(page.get_by_role("alert")).to_contain_text("‘aantal’")
    assert page.locator("html").get_attribute("lang") == "nl"
