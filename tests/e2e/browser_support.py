"""What the browser journeys share: uvicorn in a thread, headless Chromium, and the checks every
page step makes (no page wider than the screen, axe-core without violations, a screenshot).

axe-core (npm ``axe-core``, MPL-2.0, licence beside it) is vendored in ``tests/e2e/vendor`` so the
checks run without network access.
"""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path
from typing import Any

from api.http.app import create_app
from api.settings import Settings
from graph import SqliteGraphStore
from tests.e2e.conftest import browser_network

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "screenshots"
AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
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
SIZES = {"desktop": (1366, 900), "telefoon": (390, 844)}


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
            role: keystore.create(role, name, staff_id=staff)[1]
            for role, name, staff in (
                ("staff", "Anna de Vries", "staff:0001"),
                ("facilitator", "Programmabureau", None),
                ("admin", "Beheer", None),
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


def axe_violations(page: Any) -> list[str]:
    """axe-core's violations on the current page, as ``rule: target`` lines."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        """async () => {
            const r = await axe.run(document, {resultTypes: ['violations']});
            return r.violations.flatMap(v => v.nodes.map(n => v.id + ': ' + n.target.join(' ')));
        }"""
    )
    return list(found)


def check_step(page: Any, journey: str, step: str, size: str) -> None:
    """The checks of one step: fits the screen, 0 axe violations, screenshot on disk.

    The width is compared with the screen's own width, not ``innerWidth``: a phone browser widens
    its layout viewport to content that overflows, which would hide the overflow."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{journey}-{step}-{size}.png"), full_page=True)
    screen = SIZES[size][0]
    widths = page.evaluate(
        """(screen) => ({page: Math.max(document.documentElement.scrollWidth,
                                       document.body.scrollWidth, window.innerWidth),
                   screen: screen,
                   wide: [...document.querySelectorAll('body *')]
                     .filter(e => e.getBoundingClientRect().right > screen + 1
                                  && !e.closest('.scroller, .netwerk-wrap'))
                     .slice(0, 5).map(e => e.tagName + '.' + e.className)})""",
        screen,
    )
    assert widths["page"] <= widths["screen"], f"{journey}/{step}/{size}: {widths}"
    violations = axe_violations(page)
    assert violations == [], f"{journey}/{step}/{size}: {violations}"
