"""The page "Mijn team" in headless Chromium, as a person whose key belongs to them: their team
preselected, facets read from the challenge and edited, one-click answers on coalition members,
nudges done or snoozed — on a desktop (1366×900) and a phone (390×844) without sideways scrolling.

Screenshots go to ``tests/artifacts/screenshots/`` (git-ignored).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.e2e.browser_support import ARGS, CHROMIUM, SHOTS, Server, expect

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian chromium at /usr/bin/chromium"),
]

VIEWPORTS = {"desktop": (1366, 900), "telefoon": (390, 844)}


@pytest.fixture(scope="module")
def team_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with Server(tmp_path_factory.mktemp("team")) as s:
        keystore = s.app.state.runtime.keystore
        s.keys["anna"] = keystore.create("staff", "Anna de Vries", staff_id="staff:0001")[1]
        yield s


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield b
        b.close()


def _page(chromium: Any, size: tuple[int, int]) -> Any:
    context = chromium.new_context(viewport={"width": size[0], "height": size[1]}, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(60_000)
    return page


def _login(page: Any, server: Server, target: str) -> None:
    page.goto(f"{server.url}{target}")
    page.get_by_label("API-sleutel").fill(server.keys["anna"])
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/team*")
    page.goto(f"{server.url}{target}")  # the login keeps the path, not the query


def _no_sideways_scroll(page: Any) -> None:
    width = page.evaluate("() => document.documentElement.scrollWidth")
    viewport = page.evaluate("() => window.innerWidth")
    assert width <= viewport, f"page is {width}px wide in a {viewport}px viewport"


@pytest.mark.parametrize("device", list(VIEWPORTS))
def test_team_page_for_a_person(chromium: Any, team_server: Server, device: str) -> None:
    page = _page(chromium, VIEWPORTS[device])
    try:
        _login(page, team_server, "/team?datum=2026-03-01")
        # the key belongs to Anna: her team is preselected, named with its edition
        chosen = page.locator("#team option:checked")
        assert chosen.get_attribute("value") == "team:1-1"
        assert page.locator("#team optgroup").first.get_attribute("label") == "Mijn teams"
        assert "Editie" in chosen.inner_text() or "editie" in chosen.inner_text()
        expect(page.get_by_role("heading", name="Mijn dossiers")).to_be_visible()
        expect(page.get_by_role("heading", name="Coalitie voor Team Zandmotor")).to_be_visible()
        assert "onderdelen van uw opgave zijn gedekt" in page.locator("p.garantie").inner_text()
        assert "greedy" not in page.locator("p.garantie").inner_text().lower()
        facets = page.locator("li.onderdeel")
        assert facets.count() >= 1
        assert "uit uw opgave" in facets.first.inner_text()
        nudge = page.locator("li.seintje").first
        assert "Wie pakt dit op" in nudge.inner_text()
        _no_sideways_scroll(page)
        page.screenshot(path=str(SHOTS / f"10-team-{device}.png"), full_page=True)
    finally:
        page.context.close()


def test_team_edits_facets_answers_members_and_nudges(chromium: Any, team_server: Server) -> None:
    page = _page(chromium, VIEWPORTS["telefoon"])
    try:
        _login(page, team_server, "/team?datum=2026-03-01")
        # add a facet with weight 3: the coalition is recomputed around it
        page.get_by_label("Onderdeel toevoegen").fill("fiets")
        page.locator("#nieuw_gewicht").fill("3")
        page.get_by_role("button", name="Onderdelen opslaan").click()
        expect(page.get_by_role("status")).to_contain_text("Onderdelen opgeslagen")
        assert "#onderdelen" in page.url
        texts = page.locator("li.onderdeel strong").all_inner_texts()
        assert texts[-1] == "fiets"
        assert team_server.store.get_node("team:1-1").needs[-1] == "fiets=3"
        cells = page.locator("table.raster td").all_inner_texts()
        assert "fiets" in cells
        _no_sideways_scroll(page)
        page.screenshot(path=str(SHOTS / "11-team-onderdelen.png"), full_page=True)
        # back to the facets read from the challenge
        page.get_by_role("button", name="Terug naar de onderdelen uit de opgave").click()
        expect(page.get_by_role("status")).to_contain_text("weer uit uw opgave")
        assert team_server.store.get_node("team:1-1").needs == []

        # one click on a member: "niet relevant" makes room for another partner, in place
        members = page.locator("li.lid")
        first = members.first
        org = first.get_attribute("data-org")
        first.get_by_role("button", name="Niet relevant").click()
        expect(page.get_by_role("status")).to_contain_text("niet relevant")
        assert "#coalitie" in page.url
        assert org not in [m.get_attribute("data-org") for m in page.locator("li.lid").all()][:1]
        second = page.locator("li.lid").first
        second.get_by_role("button", name="Samen opgepakt").click()
        expect(page.locator("li.lid p.status").first).to_contain_text("samen opgepakt")

        # a nudge marked done is gone; one snoozed comes back after two weeks
        before = page.locator("li.seintje").count()
        title = page.locator("li.seintje h3").first.inner_text()
        page.locator("li.seintje").first.get_by_role("button", name="Afgerond").click()
        expect(page.get_by_role("status")).to_contain_text("afgerond")
        assert page.locator("li.seintje").count() == before - 1
        assert title not in page.locator("li.seintje h3").all_inner_texts()
        _no_sideways_scroll(page)
        page.screenshot(path=str(SHOTS / "12-team-seintjes.png"), full_page=True)
    finally:
        page.context.close()
