"""``serve``'s first start: an empty embedded store gets the seed and one admin key; a Bolt store
is never seeded and gets no key from a replica's start."""

from __future__ import annotations

from pathlib import Path

import pytest

from api.authstore import SqliteAuthBackend
from api.cli.serve import first_start
from api.keystore import KeyStore
from api.settings import Settings
from graph import SqliteGraphStore

pytestmark = pytest.mark.slow


def test_an_empty_embedded_store_gets_the_seed_and_one_admin_key(tmp_path: Path) -> None:
    settings = Settings(store=str(tmp_path / "v.db"))
    store = SqliteGraphStore(settings.store)
    keys = KeyStore(SqliteAuthBackend(tmp_path / "v.db.auth"))
    try:
        lines, sample = first_start(settings, store, keys)
        assert lines[0].startswith("first start: loaded the seed network")
        assert store.counts()["organisation"] > 100
        assert [k.role.value for k in keys.list()] == ["admin"]
        assert keys.verify(sample) is not None
        again, sample_again = first_start(settings, store, keys)
        assert again == [] and sample_again == "$VERBINDER_API_KEY"
        assert keys.count() == 1
    finally:
        keys.backend.close()
        store.close()


def test_seed_on_start_off_leaves_the_embedded_store_empty(tmp_path: Path) -> None:
    settings = Settings(store=str(tmp_path / "v.db"), seed_on_start=False)
    store = SqliteGraphStore(settings.store)
    keys = KeyStore(SqliteAuthBackend(tmp_path / "v.db.auth"))
    try:
        first_start(settings, store, keys)
        assert store.counts() == {}
    finally:
        keys.backend.close()
        store.close()


@pytest.mark.integration
def test_a_bolt_store_is_never_seeded_and_gets_no_key(bolt_server) -> None:
    from graph.neo4j_auth import Neo4jAuthBackend

    with bolt_server.fresh_store("first") as store:
        settings = Settings(store="bolt://db.internal:7687")
        keys = KeyStore(Neo4jAuthBackend(store))
        lines, sample = first_start(settings, store, keys)
        assert store.counts() == {}
        assert keys.count() == 0
        assert sample == "$VERBINDER_API_KEY"
        assert "verbinder apikey create --role admin" in lines[0]


@pytest.mark.integration
def test_the_first_admin_key_of_a_bolt_store_comes_from_the_command(
    bolt_server, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from api.cli import app, register_commands
    from api.settings import get_settings
    from graph.neo4j_auth import Neo4jAuthBackend

    name = bolt_server.new_database("keys")
    monkeypatch.setenv("VERBINDER_NEO4J_USER", bolt_server.user)
    monkeypatch.setenv("VERBINDER_NEO4J_PASSWORD", bolt_server.password)
    if name is not None:
        monkeypatch.setenv("VERBINDER_NEO4J_DATABASE", name)
    get_settings.cache_clear()
    try:
        register_commands()
        runner = CliRunner()
        created = runner.invoke(
            app,
            ["apikey", "create", "--role", "admin", "--name", "beheer", "--store", bolt_server.uri],
        )
        assert created.exit_code == 0, created.output
        plain = created.stdout.splitlines()[0]
        listed = runner.invoke(app, ["apikey", "list", "--store", bolt_server.uri])
        assert "admin" in listed.output and "beheer" in listed.output
        store = bolt_server.open_store(name)
        try:
            record = KeyStore(Neo4jAuthBackend(store)).verify(plain)
            assert record is not None and record.role.value == "admin"
        finally:
            store.close()
    finally:
        get_settings.cache_clear()
        bolt_server.drop_database(name)
