"""The seed in the embedded store and in the Bolt server gives the same answers everywhere:
records, stats, neighbourhoods, suggestions, seating and the temporal evaluation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from graph.sqlite_store import SqliteGraphStore
from graph.stats import graph_stats
from graph.store import GraphStore
from seeds import SPLIT_DATE, load_seed

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def _cli(*args: str) -> str:
    from typer.testing import CliRunner

    from api.cli import app, register_commands

    register_commands()
    result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def _routing(uri: str) -> str:
    """The same server through the routing scheme ``neo4j://`` that clusters and Aura use."""
    return "neo4j://" + uri.removeprefix("bolt://") if uri.startswith("bolt://") else uri


@pytest.fixture(scope="module")
def bolt_env(bolt_server) -> Iterator[str | None]:
    """A fresh database with the ``VERBINDER_NEO4J_*`` settings pointing at it."""
    from api.settings import get_settings

    name = bolt_server.new_database("cross")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("VERBINDER_NEO4J_USER", bolt_server.user)
        mp.setenv("VERBINDER_NEO4J_PASSWORD", bolt_server.password)
        if name is not None:
            mp.setenv("VERBINDER_NEO4J_DATABASE", name)
        get_settings.cache_clear()
        yield name
    get_settings.cache_clear()
    bolt_server.drop_database(name)


@pytest.fixture(scope="module")
def db_path(tmp_path_factory) -> str:
    return str(tmp_path_factory.mktemp("cross") / "seed.db")


@pytest.fixture(scope="module")
def stores(bolt_server, bolt_env, db_path) -> Iterator[tuple[GraphStore, GraphStore]]:
    """The seed, loaded by ``verbinder seed`` into the embedded store and the Bolt server."""
    nodes, edges = load_seed()
    for spec in (db_path, _routing(bolt_server.uri)):
        assert f"seeded {len(nodes)} nodes and {len(edges)} edges" in _cli("seed", "--store", spec)
    embedded = SqliteGraphStore(db_path)
    bolt = bolt_server.open_store(bolt_env)
    yield embedded, bolt
    embedded.close()
    bolt.close()


def test_cli_gives_the_same_answers(bolt_server, stores, db_path, tmp_path):
    import json

    from matcher.suggest.suggester import Suggester
    from matcher.text.encoders import HashingEncoder

    uri = _routing(bolt_server.uri)
    assert _cli("stats", "--json", "--store", uri) == _cli("stats", "--json", "--store", db_path)
    _cli("export", str(tmp_path / "embedded.json"), "--store", db_path)
    _cli("export", str(tmp_path / "bolt.json"), "--store", uri)
    assert (tmp_path / "bolt.json").read_bytes() == (tmp_path / "embedded.json").read_bytes()
    question = "dijkversterking en kustveiligheid"
    out = _cli(
        "suggest", "--text", question, "--as-of", SPLIT_DATE.isoformat(), "--k", "5",
        "--encoder", "hashing", "--ranker", "default", "--json", "--store", uri,
    )  # fmt: skip
    expected = Suggester(stores[0], encoder=HashingEncoder(), ranker="default").suggest(
        text=question, as_of=SPLIT_DATE, k=5
    )
    assert json.loads(out) == json.loads(json.dumps(expected.to_dict(), default=str))


def test_same_records(stores):
    embedded, bolt = stores
    assert bolt.counts() == embedded.counts()
    assert bolt.nodes() == embedded.nodes()
    assert bolt.edges() == embedded.edges()
    window = {"since": dt.date(2025, 6, 1), "until": dt.date(2025, 8, 31)}
    assert bolt.edges("INTERACTED", **window) == embedded.edges("INTERACTED", **window)


def test_same_stats(stores):
    embedded, bolt = stores
    assert graph_stats(bolt) == graph_stats(embedded)


def test_same_neighbourhoods(stores):
    embedded, bolt = stores
    sample = [n.id for n in embedded.nodes()][::97]
    for node_id in sample:
        assert bolt.neighbours(node_id) == embedded.neighbours(node_id), node_id
        kw = {"direction": "in", "until": SPLIT_DATE}
        assert bolt.neighbours(node_id, **kw) == embedded.neighbours(node_id, **kw), node_id


def test_same_suggestions(stores):
    from matcher.suggest.suggester import Suggester
    from matcher.text.encoders import HashingEncoder

    embedded = stores[0]
    staff = [n.id for n in embedded.nodes("staff")][:1]
    dossier = embedded.nodes("dossier")[0].id
    questions = [{"staff": s} for s in staff] + [
        {"dossier": dossier},
        {"text": "dijkversterking en kustveiligheid"},
    ]
    suggesters = [Suggester(s, encoder=HashingEncoder(), ranker="default") for s in stores]
    for q in questions:
        got = [[r.to_dict() for r in s.suggest(as_of=SPLIT_DATE, k=5, **q)] for s in suggesters]
        assert got[0], q
        assert got[1] == got[0], q


def test_same_seating(stores):
    from matcher.seating import plan_seating, plan_to_json, problem_to_json
    from matcher.seating.fromstore import problem_from_store
    from matcher.text.encoders import HashingEncoder
    from matcher.text.relevance import TextRelevance

    embedded, bolt = stores
    edition = embedded.nodes("edition")[-1].id
    problems = [
        problem_from_store(s, edition, TextRelevance(HashingEncoder())) for s in (embedded, bolt)
    ]
    assert problem_to_json(problems[1]) == problem_to_json(problems[0])
    plans = [plan_to_json(plan_seating(p, method="greedy")) for p in problems]
    assert plans[0]["seats"]
    assert plans[1]["seats"] == plans[0]["seats"]


def test_same_evaluation(stores):
    from matcher.suggest.evaluation import evaluate_temporal
    from matcher.text.encoders import HashingEncoder

    embedded, bolt = stores
    results = [
        evaluate_temporal(
            s.snapshot(),
            SPLIT_DATE,
            store=s,
            encoder=HashingEncoder(),
            rankers=("popularity", "graph"),
            n_boot=50,
        ).to_dict()
        for s in (embedded, bolt)
    ]
    assert results[0]["n_queries"] > 0
    assert results[1] == results[0]
