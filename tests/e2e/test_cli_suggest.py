"""The suggestion commands through the CLI runner, on the tiny hand-built network."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from api.cli import app, register_commands
from graph.sqlite_store import SqliteGraphStore
from matcher.suggest.synthetic import tiny_network

register_commands()
runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "tiny.db"
    s = SqliteGraphStore(path)
    s.write(*tiny_network())
    s.close()
    return str(path)


def run(*args: str):
    return runner.invoke(app, list(args))


@pytest.mark.parametrize(
    "query", [["--staff", "staff:1"], ["--dossier", "dossier:kust"], ["--text", "dijkversterking"]]
)
def test_suggest_json_never_shows_contacts_without_consent(db, query):
    r = run(
        "suggest",
        *query,
        "--as-of",
        "2026-03-01",
        "-k",
        "5",
        "--json",
        "--store",
        db,
        "--encoder",
        "hashing",
        "--ranker",
        "default",
    )
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert data["items"] and all("reasons" in s for s in data["items"])
    assert data["no_match"] is False
    assert "Geheim Persoon" not in r.output and "Verborgen Onderzoeker" not in r.output
    assert "org:hhnk" not in r.output


def test_suggest_prints_dutch_reasons(db):
    r = run(
        "suggest",
        "--staff",
        "staff:1",
        "--as-of",
        "2026-03-01",
        "--store",
        db,
        "--encoder",
        "hashing",
        "--ranker",
        "default",
    )
    assert r.exit_code == 0, r.output
    assert "Bram Jansen sprak Eneco op gasttafel 3, 10 februari 2026" in r.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--staff", "staff:404"], "staff 'staff:404' not found"),
        (["--staff", "staff:1", "--as-of", "maart"], "--as-of 'maart' is not a date"),
    ],
)
def test_suggest_bad_input(db, args, message):
    r = run("suggest", *args, "--store", db, "--encoder", "hashing")
    assert r.exit_code != 0
    assert message in r.output


def test_evaluate_on_the_tiny_network(db, tmp_path):
    plot = tmp_path / "p.png"
    r = run(
        "evaluate",
        "--split-date",
        "2026-03-01",
        "--store",
        db,
        "--encoder",
        "hashing",
        "--n-boot",
        "50",
        "--plot",
        str(plot),
        "--json",
    )
    assert r.exit_code == 0, r.output
    data = json.loads(r.output[: r.output.rindex("}") + 1])
    assert data["n_queries"] == 3
    assert [x["ranker"] for x in data["rankers"]] == [
        "random",
        "popularity",
        "text",
        "graph",
        "default",
        "learned",
        "pipeline",
    ]
    assert plot.exists()
