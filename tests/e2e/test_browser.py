"""The three journeys clicked through in headless Chromium (Debian ``chromium``, driven by
Playwright with the system executable) against uvicorn on a free loopback port.

Screenshots are written to ``tests/artifacts/screenshots/`` (git-ignored).
Needs ``/usr/bin/chromium`` (``apt-get install -y chromium``); skipped when it is missing.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from api.http.app import create_app
from api.settings import Settings
from graph import SqliteGraphStore
from tests.e2e.conftest import browser_network

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "screenshots"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian chromium at /usr/bin/chromium"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """uvicorn serving the app in a thread, on a free loopback port."""

    def __init__(self, tmp: Path):
        import uvicorn

        self.store = SqliteGraphStore(tmp / "browser.db")
        self.store.write(*browser_network())
        settings = Settings(store=str(tmp / "browser.db"), encoder="hashing")
        self.app = create_app(settings, store=self.store, auth_path=tmp / "browser.db.auth")
        keystore = self.app.state.runtime.keystore
        self.keys = {
            role: keystore.create(role, name)[1]
            for role, name in (
                ("staff", "Anna de Vries"),
                ("facilitator", "Programmabureau"),
                ("admin", "Beheer"),
            )
        }
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(self.app, host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> Server:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.store.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with Server(tmp_path_factory.mktemp("browser")) as s:
        yield s


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1200, "height": 900}, locale="nl-NL")
    pg = context.new_page()
    pg.set_default_timeout(60_000)
    yield pg
    context.close()


def expect(locator: Any) -> Any:
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(locator)


def login(page: Any, server: Server, role: str, target: str) -> None:
    page.goto(f"{server.url}{target}")
    assert "/inloggen" in page.url  # not logged in yet: redirected to the login form
    page.get_by_label("API-sleutel").fill(server.keys[role])
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(f"**{target.split('?')[0]}*")


def assert_labelled(page: Any) -> None:
    """Every visible form control has a label (accessibility)."""
    unlabelled = page.evaluate(
        """() => [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
               .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label'))
               .map(el => el.name)"""
    )
    assert unlabelled == []


def test_wrong_key_is_refused_in_dutch(page: Any, server: Server) -> None:
    page.goto(f"{server.url}/inloggen")
    page.get_by_label("API-sleutel").fill("vb_fout_sleutel")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("alert")).to_contain_text("Deze sleutel is onbekend")
    assert page.locator("html").get_attribute("lang") == "nl"
    page.screenshot(path=str(SHOTS / "00-inloggen-fout.png"))


def test_staff_journey_suggestions_with_reasons_and_introducer(page: Any, server: Server) -> None:
    login(page, server, "staff", "/suggesties")
    assert_labelled(page)
    page.get_by_label("Dossier").select_option("dossier:kust")
    page.get_by_label("Peildatum").fill("2026-03-01")
    page.get_by_role("button", name="Zoek partners").click()
    expect(page.get_by_role("heading", name="suggesties voor dossier", exact=False)).to_be_visible()
    results = page.locator("li.resultaat")
    assert results.count() >= 1
    first = results.first
    assert first.locator(".redenen li").count() >= 1  # reasons are shown
    assert "Dirk Visser" not in page.content()  # no consent: never named
    assert page.locator("figure.netwerk svg[role=img]").count() == 1
    page.screenshot(path=str(SHOTS / "01-medewerker-dossier.png"), full_page=True)

    page.get_by_label("Of uw vraag").fill("zandsuppleties en kustveiligheid")
    page.get_by_role("button", name="Zoek partners").click()
    expect(
        page.get_by_role("heading", name="suggesties voor uw vraag", exact=False)
    ).to_be_visible()
    first = page.locator("li.resultaat").first
    assert first.get_attribute("data-org") == "org:tno"
    text = first.inner_text()
    assert "Carla Smit" in text  # consented contact
    assert "Introductie via Bram Jansen" in text  # the colleague who met them
    page.screenshot(path=str(SHOTS / "02-medewerker-vraag.png"), full_page=True)


def test_staff_is_kept_out_of_the_facilitator_pages(page: Any, server: Server) -> None:
    login(page, server, "staff", "/")
    nav = page.get_by_role("navigation", name="Hoofdmenu").inner_text()
    assert "Partners zoeken" in nav and "Tafels indelen" not in nav


def test_keyboard_skip_link_reaches_the_content(page: Any, server: Server) -> None:
    login(page, server, "staff", "/netwerk")
    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.textContent.trim()")
    assert focused == "Naar de inhoud"
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "inhoud"
    assert page.locator("svg[role=img] title").first.text_content().startswith("Netwerk rond")
    page.screenshot(path=str(SHOTS / "03-netwerk.png"), full_page=True)


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
    page.screenshot(path=str(SHOTS / "04-team-coalitie.png"), full_page=True)
    first = members.first
    org = first.get_attribute("data-org")
    name = first.get_by_role("heading").inner_text()
    first.get_by_role("button", name="Gesproken").click()
    expect(page.get_by_role("status")).to_have_text(f"Vastgelegd: {name} — gesproken.")
    assert [e.target for e in server.store.edges("FEEDBACK", source="team:1-1")] == [org]
    with page.expect_download() as download:
        page.get_by_role("link", name="Zet in mijn agenda (.ics)").click()
    assert download.value.suggested_filename == "verbinder-seintjes.ics"
    page.screenshot(path=str(SHOTS / "05-team-terugkoppeling.png"), full_page=True)


def test_facilitator_journey_plan_replan_and_downloads(
    page: Any, server: Server, tmp_path: Path
) -> None:
    import openpyxl

    login(page, server, "facilitator", "/tafels")
    assert_labelled(page)
    page.get_by_label("Programma-editie").select_option("edition:1")
    page.get_by_role("button", name="Toon indeling").click()
    page.get_by_role("button", name="Deel alle tafels (opnieuw) in").click()
    expect(page.get_by_role("status")).to_contain_text("Nieuwe indeling opgeslagen")
    grid = page.locator("table#indeling")
    expect(grid).to_be_visible()
    assert grid.locator("div.gast").count() == 8  # 2 sessions x 2 tables x 2 seats
    page.screenshot(path=str(SHOTS / "06-facilitator-indeling.png"), full_page=True)

    page.get_by_label("Afmelding van gast").select_option("contact:wur-1")
    page.get_by_role("button", name="Herindelen").click()
    expect(page.get_by_role("status")).to_contain_text("Herindeling opgeslagen")
    changes = page.locator("ul.wijzigingen li")
    assert changes.count() >= 1
    assert "Lotte Meijer" in changes.first.inner_text()
    assert "Lotte Meijer" not in grid.inner_text()
    page.screenshot(path=str(SHOTS / "07-facilitator-herindeling.png"), full_page=True)

    with page.expect_download() as download:
        page.get_by_role("link", name="Download XLSX").click()
    assert download.value.suggested_filename == "tafels.xlsx"
    target = tmp_path / "tafels.xlsx"
    download.value.save_as(target)
    book = openpyxl.load_workbook(target)
    cells = {
        str(v) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for v in row
    }
    shown = {g.split("\n")[0] for g in grid.locator("div.gast").all_inner_texts()}
    assert shown and shown <= cells  # every guest on the page is in the workbook
    assert "Lotte Meijer" not in cells

    page.get_by_role("link", name="Tafelkaarten (printen)").click()
    page.wait_for_load_state()
    assert "Team Zandmotor" in page.content()
    page.screenshot(path=str(SHOTS / "08-tafelkaarten.png"), full_page=True)
