"""The web page shell through TestClient: login cookie, redirects, role refusals in Dutch."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import Api


def test_login_sets_a_strict_httponly_cookie_and_returns_to_the_page(api: Api) -> None:
    r = api.client.post(
        "/inloggen",
        data={"sleutel": api.keys["staff"], "volgende": "/suggesties?dossier=dossier:kust"},
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"] == "/suggesties?dossier=dossier:kust"
    cookie = r.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie
    page = api.client.get("/")
    assert page.status_code == 200 and "Welkom, Sleutel staff" in page.text
    out = api.client.post("/uitloggen", follow_redirects=False)
    assert out.status_code == 303
    api.client.cookies.clear()
    assert api.client.get("/", follow_redirects=False).headers["location"] == "/inloggen?volgende=/"


@pytest.mark.parametrize("target", ["//evil.example", "/\\evil.example", "https://evil.example"])
def test_login_never_redirects_off_site(api: Api, target: str) -> None:
    r = api.client.post(
        "/inloggen", data={"sleutel": api.keys["staff"], "volgende": target}, follow_redirects=False
    )
    assert r.headers["location"] == "/"


def test_a_page_outside_the_role_says_so_in_dutch(api: Api) -> None:
    r = api.client.get("/tafels", headers=api.headers("staff"))
    assert r.status_code == 403
    assert "Met de rol medewerker kunt u deze pagina niet gebruiken." in r.text


def test_navigation_shows_only_the_pages_of_the_role(api: Api) -> None:
    staff = api.client.get("/", headers=api.headers("staff")).text
    facilitator = api.client.get("/", headers=api.headers("facilitator")).text
    assert "Partners zoeken" in staff and "Tafels indelen" not in staff
    assert "Tafels indelen" in facilitator and "Partners zoeken" not in facilitator


def test_bad_date_on_a_page_is_a_dutch_message(api: Api) -> None:
    r = api.client.get("/suggesties?vraag=kust&datum=morgen", headers=api.headers("staff"))
    assert r.status_code == 422 and "Ongeldige datum: morgen" in r.text
