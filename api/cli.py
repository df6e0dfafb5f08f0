"""The ``verbinder`` command line: the same services as the HTTP API, without HTTP.

Each use case registers its commands from its own ``api/cli_*.py`` module (see ``_COMMAND_MODULES``);
heavy libraries are imported inside the commands so ``verbinder --help`` stays fast.
"""

from __future__ import annotations

import importlib
import json
import sys
from typing import Annotated, Any

import typer

from api.settings import get_settings

__all__ = ["app", "bench_app", "main", "store_option"]

app = typer.Typer(
    name="verbinder",
    help="Verbinder: connect civil servants with societal partners — suggestions, guest-table "
    "seating and co-producer coalitions, each with its reasons.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
bench_app = typer.Typer(
    help="Benchmarks: print a table against a baseline measured in the same run."
)
app.add_typer(bench_app, name="bench")

StoreOption = Annotated[
    str | None,
    typer.Option(
        "--store",
        help="Store: a file path (embedded SQLite) or a neo4j:// / bolt:// URI. "
        "Default: $VERBINDER_STORE or ./verbinder.db.",
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")]


def store_option(spec: str | None):
    """Open the store named on the command line (or by settings)."""
    from api.stores import open_store

    return open_store(spec, get_settings())


def print_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def fail(message: str, code: int = 1) -> None:
    typer.echo(message, err=True)
    raise typer.Exit(code)


# Modules that add commands to ``app`` / ``bench_app`` when imported.
_COMMAND_MODULES: list[str] = [
    "api.cli_graph",
    "api.cli_coalition",
    "api.cli_suggest",
    "api.cli_serve",
    "api.cli_relevance",
    "api.cli_store",
    "api.cli_seat",
]


def _register() -> None:
    for name in _COMMAND_MODULES:
        importlib.import_module(name)


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point."""
    from graph.errors import GraphError

    _register()
    try:
        app(args=argv, standalone_mode=True)
    except GraphError as e:  # pragma: no cover - commands catch their own; last resort
        typer.echo(f"error: {e}", err=True)
        sys.exit(1)
