"""The ``verbinder`` command line: the same services as the HTTP API, without HTTP.

Shared pieces of every command module: the Typer apps, common options and helpers for opening the
store, parsing dates and building the encoder. Heavy libraries are imported inside the commands so
``verbinder --help`` stays fast.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from api.settings import get_settings

if TYPE_CHECKING:
    from graph.store import GraphStore
    from matcher.text.encoders import Encoder

__all__ = [
    "EncoderOption",
    "JsonOption",
    "StoreOption",
    "app",
    "bench_app",
    "build_encoder",
    "opened_store",
    "parse_day",
    "store_option",
]

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
EncoderOption = Annotated[
    str | None,
    typer.Option(
        "--encoder",
        help="Text encoder (hashing, e5, use, e5+use, sentence-transformers or default); "
        "default: $VERBINDER_ENCODER.",
    ),
]


def store_option(spec: str | None):
    """Open the store named on the command line (or by settings)."""
    from api.stores import open_store

    return open_store(spec, get_settings())


def print_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def fail(message: str, code: int = 1) -> NoReturn:
    typer.echo(message, err=True)
    raise typer.Exit(code)


def parse_day(value: str | None, name: str = "--as-of") -> dt.date:
    """A ``YYYY-MM-DD`` option value (today when absent); a clean exit when it is not a date."""
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        fail(f"error: {name} '{value}' is not a date (YYYY-MM-DD)")


def build_encoder(name: str | None) -> Encoder:
    """The named text encoder (default: the ``encoder`` setting), loaded offline."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from matcher.text.encoders import EncoderError, get_encoder

    settings = get_settings()
    try:
        return get_encoder(name or settings.encoder, settings.model_path)
    except EncoderError as e:
        fail(f"error: {e}")


@contextmanager
def opened_store(
    spec: str | None, *, errors: tuple[type[Exception], ...] = ()
) -> Iterator[GraphStore]:
    """Open the store, turn graph errors (and ``errors``) into a clean exit, always close it.

    An :class:`~graph.errors.ImportValidationError` prints every record error on its own line.
    """
    from graph.errors import GraphError, ImportValidationError

    try:
        store = store_option(spec)
    except GraphError as e:
        fail(f"error: {e}")
    try:
        yield store
    except ImportValidationError as e:
        for err in e.errors:
            typer.echo(f"error: {err}", err=True)
        fail(f"{len(e.errors)} error(s); nothing was written.")
    except GraphError as e:
        fail(f"error: {e}")
    except errors as e:
        fail(f"error: {e}")
    finally:
        store.close()
