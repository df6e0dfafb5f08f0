"""The ``verbinder`` command line: the same services as the HTTP API, without HTTP.

Each use case registers its commands from its own module in this package (see
``COMMAND_MODULES``); shared options and helpers live in :mod:`api.cli.common`.
"""

from __future__ import annotations

import importlib
import sys

import typer

from api.cli.common import app

__all__ = ["COMMAND_MODULES", "app", "main", "register_commands"]

# Modules that add commands to ``app`` / ``bench_app`` when imported.
COMMAND_MODULES: list[str] = [
    "api.cli.graph",
    "api.cli.coalition",
    "api.cli.suggest",
    "api.cli.serve",
    "api.cli.relevance",
    "api.cli.store",
    "api.cli.seat",
    "api.cli.privacy",
    "api.cli.integrity",
    "api.cli.model",
]


def register_commands() -> None:
    for name in COMMAND_MODULES:
        importlib.import_module(name)


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point."""
    from graph.errors import GraphError
    from matcher.text.encoders import limit_blas_threads

    limit_blas_threads()
    register_commands()
    try:
        app(args=argv, standalone_mode=True)
    except GraphError as e:  # pragma: no cover - commands catch their own; last resort
        typer.echo(f"error: {e}", err=True)
        sys.exit(1)
