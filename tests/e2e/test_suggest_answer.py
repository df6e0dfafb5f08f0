"""The shape of a suggestion answer through the API, the page and the CLI: organisations already
involved in a dossier are listed apart ("al betrokken"), drawbacks read as drawbacks, and the list
is ordered by the number it shows."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from api.cli import app as cli_app
from api.cli import register_commands
from tests.e2e.conftest import Api

INVOLVED = {"org:hhnk", "org:tno"}  # the stakeholders of dossier:kust in the small network


def test_the_api_lists_the_organisations_already_involved(api: Api) -> None:
    r = api.client.post(
        "/api/v1/suggestions",
        json={"dossier": "dossier:kust", "as_of": "2026-03-01"},
        headers=api.headers("staff"),
    )
    body = r.json()
    assert {o["id"] for o in body["involved"]} == INVOLVED
    assert not INVOLVED & {s["organisation"]["id"] for s in body["items"]}
    assert body["no_match"] is False and body["nearest_themes"] == []
    scores = [s["score"] for s in body["items"]]
    probabilities = [s["probability"] for s in body["items"]]
    assert scores == sorted(scores, reverse=True)
    assert probabilities == sorted(probabilities, reverse=True)
    for s in body["items"]:
        for reason in s["reasons"]:
            assert reason["drawback"] == (reason["contribution"] < 0)


def test_the_page_shows_involved_organisations_in_a_collapsed_section(api: Api) -> None:
    r = api.client.get(
        "/suggesties?dossier=dossier:kust&datum=2026-03-01", headers=api.headers("staff")
    )
    assert r.status_code == 200
    section = r.text.split('data-section="involved"', 1)[1].split("</details>", 1)[0]
    assert "<details" in r.text.split('data-section="involved"', 1)[0].rsplit("\n", 1)[-1]
    assert " open" not in r.text.split('data-section="involved"', 1)[0].rsplit("<details", 1)[-1]
    assert "Al betrokken (2)" in section
    assert "Hoogheemraadschap Hollands Noorderkwartier" in section and "TNO" in section
    assert "(+-" not in r.text


def test_the_page_words_a_drawback_as_a_drawback(api: Api) -> None:
    r = api.client.get("/suggesties?vraag=kust&datum=2026-03-01", headers=api.headers("staff"))
    items = r.text.split('class="resultaat"')[1:]
    drawbacks = [li for item in items for li in item.split("<li ")[1:] if 'class="nadeel"' in li]
    assert drawbacks, "busy partners in the small network carry an exposure discount"
    for li in drawbacks:
        assert "nadeel:" in li and "(−" in li
    assert "(+-" not in r.text


def test_the_cli_prints_the_involved_organisations(api: Api, tmp_path) -> None:
    register_commands()
    args = ["suggest", "--dossier", "dossier:kust", "--as-of", "2026-03-01", "--store"]
    args += [str(api.store.path), "--encoder", "hashing", "--ranker", "default"]
    r = CliRunner().invoke(cli_app, args)
    assert r.exit_code == 0, r.output
    assert "al betrokken (2): Hoogheemraadschap Hollands Noorderkwartier, TNO" in r.output
    r = CliRunner().invoke(cli_app, [*args, "--json"])
    assert {o["id"] for o in json.loads(r.output)["involved"]} == INVOLVED
