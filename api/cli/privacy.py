"""``verbinder privacy access|erase|retention``: the AVG rights of one person, and retention.

These commands act as the administrator at the console: each is written to the audit log with key
``cli``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

import typer

from api.audit import AuditLog
from api.cli.common import StoreOption, app, fail, opened_store, parse_day
from api.keystore import KeyStore
from api.settings import get_settings
from graph.store import GraphStore

__all__ = ["opened_auth", "privacy_app"]

privacy_app = typer.Typer(
    help="AVG rights: everything about a person, erasing them, and the retention of interactions.",
    no_args_is_help=True,
)
app.add_typer(privacy_app, name="privacy")

PersonArgument = Annotated[
    str, typer.Argument(help="The person's id (staff:… or contact:…).", show_default=False)
]
_CLI_KEY = "cli"


@contextmanager
def opened_auth(spec: str | None) -> Iterator[tuple[GraphStore, KeyStore, AuditLog]]:
    """The store with its keys and audit log (the keys file, or the Neo4j database itself)."""
    from api.authstore import open_auth_backend

    settings = get_settings()
    if spec:
        settings = settings.model_copy(update={"store": spec})
    with opened_store(settings.store) as store:
        backend = open_auth_backend(settings, store)
        try:
            yield store, KeyStore(backend), AuditLog(backend)
        finally:
            backend.close()


@privacy_app.command("access")
def privacy_access(person_id: PersonArgument, store: StoreOption = None) -> None:
    """Print everything stored about a person as JSON: record, edges, feedback, texts naming them,
    their API keys, audit entries and contact-register entries (an AVG access request)."""
    from api.subject_rights import NotAPersonError, personal_data

    with opened_auth(store) as (graph_store, keys, audit):
        try:
            data = personal_data(graph_store, keys, audit, person_id)
        except NotAPersonError as e:
            fail(f"error: {e}")
        audit.record(
            key_id=_CLI_KEY,
            role="admin",
            method="CLI",
            path=f"privacy access {person_id}",
            purpose="access",
            subjects=[person_id],
        )
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


@privacy_app.command("erase")
def privacy_erase(
    person_id: PersonArgument,
    yes: Annotated[bool, typer.Option("--yes", help="Confirm: erase without asking.")] = False,
    store: StoreOption = None,
) -> None:
    """Erase a person: their node and edges, their name in other records, their cached text
    vectors, keys and contact-register entries; audit entries about them are unlinked and a
    tombstone naming nobody is logged."""
    from api.subject_rights import NotAPersonError, erase_person

    if not yes:
        fail(f"error: erasing {person_id} cannot be undone; run again with --yes")
    with opened_auth(store) as (graph_store, keys, audit):
        try:
            report = erase_person(
                graph_store,
                keys,
                audit,
                person_id,
                actor_key_id=_CLI_KEY,
                actor_role="admin",
                method="CLI",
                path=f"privacy erase {person_id}",
            )
        except NotAPersonError as e:
            fail(f"error: {e}")
    typer.echo(json.dumps(report.to_dict(), indent=2))


@privacy_app.command("retention")
def privacy_retention(
    years: Annotated[
        int | None,
        typer.Option(
            help="Keep interactions of the last N years (default: $VERBINDER_RETENTION_YEARS)."
        ),
    ] = None,
    apply: Annotated[
        bool, typer.Option("--apply", help="Remove them (without it: only count them).")
    ] = False,
    as_of: Annotated[str | None, typer.Option(help="Today's date (YYYY-MM-DD).")] = None,
    store: StoreOption = None,
) -> None:
    """Count (or with --apply remove, in one transaction) interactions older than N years."""
    from api.subject_rights import apply_retention

    years = years if years is not None else get_settings().retention_years
    if years is None or years < 1:
        fail("error: give --years N (at least 1) or set VERBINDER_RETENTION_YEARS")
    today = parse_day(as_of)
    with opened_store(store) as graph_store:
        result = apply_retention(graph_store, years, today=today, apply=apply)
    verb = "removed" if apply else "would remove (dry run; --apply removes them)"
    typer.echo(f"{verb} {result.found} interaction(s) dated before {result.cutoff.isoformat()}")
