"""Suggestions with the real default encoder on the seed network: nonsense gets "geen goede match"
through the API, the page and the CLI, and on the question set's test half the shipped suggester is
never below text relevance alone, abstains on every nonsense input and never contradicts its order.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from api.cli import app as cli_app
from api.cli import register_commands
from api.http.app import create_app
from api.settings import Settings
from graph.sqlite_store import SqliteGraphStore
from matcher.suggest.questions import evaluate_questions, load_questions
from seeds import SPLIT_DATE, load_seed
from seeds.vectors import seed_vectors

pytestmark = [pytest.mark.integration, pytest.mark.slow]

QUESTIONS = Path(__file__).parents[1] / "data" / "questions_nl.jsonl"
NONSENSE = ["xyzzy qwerty", "recept voor appeltaart"]


@dataclass
class Seeded:
    path: Path
    client: TestClient
    key: str
    app: object


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Seeded]:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    path = tmp_path_factory.mktemp("seed") / "seed.db"
    store = SqliteGraphStore(path)
    store.write(*load_seed())
    seed_vectors(store)
    app = create_app(Settings(store=str(path)), store=store, auth_path=path.with_suffix(".auth"))
    key = app.state.runtime.keystore.create("staff", "Sleutel staff")[1]
    client = TestClient(app)
    try:
        yield Seeded(path, client, key, app)
    finally:
        client.close()
        store.close()


@pytest.mark.parametrize("question", NONSENSE)
def test_nonsense_gets_no_match_through_the_api(seeded: Seeded, question: str) -> None:
    r = seeded.client.post(
        "/api/v1/suggestions",
        json={"text": question, "as_of": SPLIT_DATE.isoformat()},
        headers={"X-API-Key": seeded.key},
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["no_match"] is True and body["items"] == [] and body["total"] == 0
    assert body["nearest_themes"]


@pytest.mark.parametrize("question", NONSENSE)
def test_nonsense_gets_no_match_on_the_page(seeded: Seeded, question: str) -> None:
    r = seeded.client.get(
        "/suggesties",
        params={"vraag": question, "datum": SPLIT_DATE.isoformat()},
        headers={"X-API-Key": seeded.key},
    )
    assert r.status_code == 200
    assert 'data-state="no-match"' in r.text and "Geen goede match" in r.text
    assert 'class="resultaat"' not in r.text


@pytest.mark.parametrize("question", NONSENSE)
def test_nonsense_gets_no_match_in_the_cli(seeded: Seeded, question: str) -> None:
    register_commands()
    r = CliRunner().invoke(
        cli_app,
        [
            "suggest",
            "--text",
            question,
            "--as-of",
            SPLIT_DATE.isoformat(),
            "--store",
            str(seeded.path),
            "--ranker",
            "default",
        ],
    )
    assert r.exit_code == 0, r.output
    assert r.output.startswith("geen goede match")
    assert "score" not in r.output


def test_a_real_question_is_answered_with_relevant_partners(seeded: Seeded) -> None:
    r = seeded.client.post(
        "/api/v1/suggestions",
        json={"text": "verzilting in Zeeland", "as_of": SPLIT_DATE.isoformat(), "k": 5},
        headers={"X-API-Key": seeded.key},
    )
    ids = [s["organisation"]["id"] for s in r.json()["items"]]
    assert r.json()["no_match"] is False
    assert {"org:waterschap-scheldestromen", "org:provincie-zeeland"} & set(ids[:3])


def test_on_the_test_half_the_suggester_is_never_below_text_relevance(seeded: Seeded) -> None:
    suggester = seeded.app.state.runtime.services.suggester  # type: ignore[attr-defined]
    # As shipped: the service answers with the saved ranker version trained on the history
    # before the question's day (`verbinder retrain --until`); without one it would use the
    # documented default weights until a background fit is saved.
    saved = suggester.fit_and_save(SPLIT_DATE, origin="test")
    assert suggester.state(SPLIT_DATE).model_version == saved.version
    result = evaluate_questions(
        suggester, load_questions(QUESTIONS), as_of=SPLIT_DATE, split="test", n_boot=200, only=()
    )
    ndcg = {(r["variant"], r["kind"]): r["ndcg@10"] for r in result.rows}
    for kind in ("plain", "regional", "cross_domain"):
        assert ndcg[("shipped", kind)] >= ndcg[("text relevance alone", kind)] - 1e-9, kind
    shipped = next(a for a in result.abstention if a["variant"] == "shipped")
    assert shipped["recall"] == 1.0 and shipped["precision"] == 1.0
    assert shipped["score_inversions"] == 0 and shipped["probability_inversions"] == 0
