"""``verbinder model list | show | rollback``: the saved versions of the suggestion ranker.

``verbinder retrain`` fits and saves a version; a service loads the active one at start and checks
every 30 s for another; ``rollback`` makes an earlier one active again.
"""

from __future__ import annotations

from typing import Annotated

import typer

from api.cli.common import JsonOption, StoreOption, app, fail, print_json
from api.cli.common import opened_store as _opened

__all__ = ["model_app", "model_list", "model_rollback", "model_show"]

model_app = typer.Typer(
    help="Saved suggestion rankers: list versions, show one, roll back.", no_args_is_help=True
)
app.add_typer(model_app, name="model")

_NO_MODEL = "no saved model versions yet; `verbinder retrain` fits and saves one"


@model_app.command("list")
def model_list(store: StoreOption = None, json_out: JsonOption = False) -> None:
    """List the saved ranker versions (the active one marked with *)."""
    from matcher.suggest.model_store import list_versions

    with _opened(store) as s:
        versions = list_versions(s)
    if json_out:
        print_json([v.summary() for v in versions])
        return
    if not versions:
        typer.echo(_NO_MODEL)
        return
    head = (
        f"{'':2}{'version':>7}  {'created':<27}{'source':<9}{'origin':<9}{'trained until':<14}"
        f"{'revision':>9}{'positives':>10}{'nDCG@10':>9}"
    )
    typer.echo(head)
    typer.echo("-" * len(head))
    for v in versions:
        ndcg = v.evaluation.get("ndcg@10")
        typer.echo(
            f"{'*' if v.active else '':2}{v.version:>7}  {v.created:<27}{v.source:<9}"
            f"{v.origin:<9}{v.trained_until.isoformat():<14}{v.store_revision:>9}"
            f"{int(getattr(v.ranker, 'n_positives_', 0)):>10}"
            f"{'' if ndcg is None else f'{ndcg:.3f}':>9}"
        )


@model_app.command("show")
def model_show(
    version: Annotated[
        int | None, typer.Argument(help="Version number (default: the active one).")
    ] = None,
    store: StoreOption = None,
    json_out: JsonOption = False,
) -> None:
    """Show one saved ranker version: what it was trained on, its evaluation and its weights."""
    from matcher.suggest.model_store import list_versions

    with _opened(store) as s:
        versions = list_versions(s)
    if not versions:
        fail(f"error: {_NO_MODEL}")
    pick = [v for v in versions if (v.version == version if version else v.active)]
    if not pick:
        fail(f"error: no model version {version}; `verbinder model list` shows them")
    info = pick[0].summary()
    if json_out:
        print_json(info)
        return
    for key in ("version", "active", "created", "source", "origin", "trained_until"):
        typer.echo(f"{key:<15}{info[key]}")
    typer.echo(f"{'window_start':<15}{info['window_start'] or '-'}")
    typer.echo(f"{'store_revision':<15}{info['store_revision']}")
    typer.echo(f"{'n_positives':<15}{info['n_positives']}")
    for metric, value in info["evaluation"].items():
        typer.echo(f"{metric:<15}{value if isinstance(value, str) else f'{value:.3f}'}")
    typer.echo(f"{'intercept':<15}{info['intercept']:+.3f}")
    for name, w in info["weights"].items():
        typer.echo(f"  {name:<15}{w:+.4f}")


@model_app.command("rollback")
def model_rollback(
    to: Annotated[
        int | None, typer.Option("--to", help="Version to activate (default: the previous one).")
    ] = None,
    store: StoreOption = None,
) -> None:
    """Make an earlier ranker version active again (a running service switches within 30 s)."""
    from matcher.suggest.model_store import rollback

    with _opened(store, errors=(ValueError,)) as s:
        v = rollback(s, to)
    typer.echo(f"model version {v.version} is active ({v.source}, trained until {v.trained_until})")
