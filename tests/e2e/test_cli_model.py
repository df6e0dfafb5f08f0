"""``verbinder retrain`` saves a ranker version that a freshly started service answers with;
``verbinder model list | show | rollback`` manage the versions."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from typer.testing import CliRunner

from api import cli
from api.services import Services
from api.settings import Settings
from graph import SqliteGraphStore
from matcher.suggest.synthetic import tiny_network

cli.register_commands()
runner = CliRunner()
AS_OF = dt.date(2026, 3, 1)


def invoke(*args: str):
    return runner.invoke(cli.app, list(args))


@pytest.fixture
def db(tmp_path):
    path = str(tmp_path / "tiny.db")
    s = SqliteGraphStore(path)
    s.write(*tiny_network())
    s.close()
    return path


def served_version(db: str) -> int | None:
    """The ranker version a freshly started service answers with."""
    store = SqliteGraphStore(db)
    try:
        services = Services(store, Settings(store=db, encoder="hashing"))
        services.warm(AS_OF)
        assert services.suggest(staff="staff:1", as_of=AS_OF, k=3)
        return services.suggester.answered_from[1]
    finally:
        store.close()


def retrain(db: str):
    r = invoke(
        "retrain", "--split", "2026-01-01", "--until", "2026-03-01", "--encoder", "hashing",
        "--store", db,
    )  # fmt: skip
    assert r.exit_code == 0, r.output
    return r.output


@pytest.mark.slow
def test_retrain_saves_a_version_a_fresh_service_loads_and_rollback_restores(db):
    r = invoke("model", "list", "--store", db)
    assert r.exit_code == 0 and "no saved model versions yet" in r.output

    assert "saved as model version 1 (the first)" in retrain(db)
    assert served_version(db) == 1
    out = retrain(db)
    assert "saved as model version 2 (replaces version 1)" in out
    assert "weights v1→v2" in out
    assert served_version(db) == 2

    r = invoke("model", "rollback", "--store", db)
    assert r.exit_code == 0, r.output
    assert "model version 1 is active" in r.output
    assert served_version(db) == 1

    r = invoke("model", "list", "--store", db, "--json")
    listed = json.loads(r.output)
    assert [(v["version"], v["active"], v["origin"]) for v in listed] == [
        (1, True, "retrain"),
        (2, False, "retrain"),
    ]
    assert listed[0]["trained_until"] == "2026-03-01"
    r = invoke("model", "show", "2", "--store", db)
    assert r.exit_code == 0 and "trained_until  2026-03-01" in r.output and "dense" in r.output


def test_model_commands_name_what_is_missing(db):
    r = invoke("model", "show", "--store", db)
    assert r.exit_code == 1 and "no saved model versions yet" in r.output
    r = invoke("model", "rollback", "--store", db)
    assert r.exit_code == 1 and "no saved versions" in r.output
