"""``verbinder integrity rules|exclusions|register``: exclusion rules and the contact register."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from api.cli.common import JsonOption, StoreOption, app, fail, opened_store, parse_day
from api.cli.privacy import opened_auth

__all__ = ["integrity_app"]

integrity_app = typer.Typer(
    help="Integrity rules (who may not be suggested, when) and the contact register.",
    no_args_is_help=True,
)
app.add_typer(integrity_app, name="integrity")


@integrity_app.command("rules")
def integrity_rules(
    set_file: Annotated[
        Path | None,
        typer.Option(
            "--set",
            help="Replace the rules with a JSON list of {key, days_before, days_after} "
            "(validated; nothing changes when one is wrong).",
        ),
    ] = None,
    store: StoreOption = None,
) -> None:
    """Show (or --set) the exclusion rules: per kind of declared conflict (tender, nevenfunctie,
    …) how many days before its start and after its end an organisation is excluded."""
    from api.integrity import load_rules, save_rules
    from matcher.suggest.integrity import IntegrityRuleError

    with opened_store(store) as s:
        if set_file is not None:
            try:
                data = json.loads(set_file.read_text(encoding="utf-8"))
                save_rules(s, data)
            except (OSError, json.JSONDecodeError, IntegrityRuleError) as e:
                fail(f"error: {set_file}: {e}")
        for rule in load_rules(s):
            typer.echo(
                f"{rule.key:<14} {rule.days_before:>4} dagen ervoor  {rule.days_after:>4} dagen "
                f"erna  {rule.label}"
            )


@integrity_app.command("exclusions")
def integrity_exclusions(
    staff: Annotated[str | None, typer.Option(help="A staff id.")] = None,
    dossier: Annotated[str | None, typer.Option(help="A dossier id.")] = None,
    as_of: Annotated[str | None, typer.Option(help="The day (YYYY-MM-DD; default today).")] = None,
    as_json: JsonOption = False,
    store: StoreOption = None,
) -> None:
    """Organisations a staff member or dossier may not be suggested on a day, and why."""
    from api.integrity import exclusions_for

    if not staff and not dossier:
        fail("error: give --staff or --dossier")
    day = parse_day(as_of)
    with opened_store(store) as s:
        for node_id in (staff, dossier):
            if node_id:
                s.get_node(node_id)
        found = sorted(
            exclusions_for(s, staff=staff, dossier=dossier, as_of=day).values(),
            key=lambda e: e.organisation,
        )
    if as_json:
        typer.echo(
            json.dumps(
                [
                    {
                        "organisation": e.organisation,
                        "subject": e.subject,
                        "rule": e.rule,
                        "label": e.label,
                        "start": e.start.isoformat() if e.start else None,
                        "end": e.end.isoformat() if e.end else None,
                    }
                    for e in found
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    for e in found:
        until = e.end.isoformat() if e.end else "onbepaald"
        typer.echo(f"{e.organisation:<32} {e.label}  (via {e.subject}, tot {until})")
    if not found:
        typer.echo("geen uitsluitingen")


@integrity_app.command("register")
def integrity_register(
    out: Annotated[
        Path | None, typer.Option(help="Write the CSV to this file (default: print it).")
    ] = None,
    store: StoreOption = None,
) -> None:
    """Export the contact register: every contact named in a suggestion answer, who asked and
    when, as CSV with Dutch columns (lobby-register style)."""
    from api.integrity import register_csv

    with opened_auth(store) as (s, _, audit):
        rows, total = audit.backend.contacts_page(10**9, 0)
        text = register_csv(rows, s)
        contacts = sorted({str(r["contact_id"]) for r in rows})
        if contacts:
            audit.record(
                key_id="cli",
                role="admin",
                method="CLI",
                path="integrity register",
                purpose="export",
                subjects=contacts,
            )
    if out is None:
        typer.echo(text, nl=False)
    else:
        out.write_text(text, encoding="utf-8")
        typer.echo(f"wrote {total} register entries to {out}", err=True)
