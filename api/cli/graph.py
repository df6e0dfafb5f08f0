"""Graph commands of the ``verbinder`` CLI: ``init``, ``seed``, ``import``, ``export`` and ``stats``.

Errors go to stderr, one line per problem with its location, and the exit code is non-zero.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from api.cli.common import JsonOption, StoreOption, app, fail, print_json
from api.cli.common import opened_store as _opened

if TYPE_CHECKING:
    pass

__all__ = ["export_cmd", "import_cmd", "init", "seed", "stats"]


def _totals(counts: dict[str, int]) -> tuple[int, int]:
    from graph.model import NODE_KINDS

    n_nodes = sum(n for kind, n in counts.items() if kind in NODE_KINDS)
    return n_nodes, sum(counts.values()) - n_nodes


@app.command()
def init(store: StoreOption = None) -> None:
    """Create an empty store (or open an existing one) and print its schema version."""
    with _opened(store) as s:
        version = getattr(s, "schema_version", "n/a")
        n_nodes, n_edges = _totals(s.counts())
        where = getattr(s, "path", store)
        typer.echo(
            f"store {where} ready: schema version {version}, {n_nodes} nodes, {n_edges} edges"
        )


@app.command()
def seed(
    store: StoreOption = None,
    replace: Annotated[
        bool,
        typer.Option(
            "--replace",
            help="Replace the whole graph by the seed network (default: add / update the seed's "
            "records and keep everything else).",
        ),
    ] = False,
) -> None:
    """Load the seed network of the ministry into the store (running it twice changes nothing)."""
    from graph.io import write_graph

    try:
        from seeds import load_seed
    except ImportError as e:
        fail(f"error: the seed network is not available ({e})")
        return
    with _opened(store) as s:
        nodes, edges = load_seed()
        n_nodes, n_edges = write_graph(s, nodes, edges, replace=replace)
        typer.echo(f"seeded {n_nodes} nodes and {n_edges} edges")
        from seeds.vectors import seed_vectors

        n_vectors = seed_vectors(s)
        if n_vectors:
            typer.echo(f"cached {n_vectors} precomputed text vectors")


@app.command("import")
def import_cmd(
    path: Annotated[
        Path,
        typer.Argument(
            help="A .json document, an .xlsx workbook (one sheet per kind) or a folder with one "
            "<kind>.csv per kind.",
            show_default=False,
        ),
    ],
    store: StoreOption = None,
    replace: Annotated[
        bool,
        typer.Option(
            "--replace",
            help="Replace the whole graph by the file's contents (default: add / update).",
        ),
    ] = False,
) -> None:
    """Import nodes and edges; every error is listed and nothing is written unless all are valid."""
    from graph.io import import_graph

    with _opened(store) as s:
        n_nodes, n_edges = import_graph(s, path, replace=replace)
        typer.echo(f"imported {n_nodes} nodes and {n_edges} edges from {path}")


@app.command("export")
def export_cmd(
    path: Annotated[
        Path,
        typer.Argument(
            help="Target: a .json document, an .xlsx workbook, or a folder for CSV files "
            "(one <kind>.csv per kind).",
            show_default=False,
        ),
    ],
    store: StoreOption = None,
) -> None:
    """Export the whole graph; exporting, importing and exporting again gives the same file."""
    from graph.io import export_graph

    with _opened(store) as s:
        try:
            export_graph(s, path)
        except (ValueError, OSError) as e:
            fail(f"error: {e}")
        n_nodes, n_edges = _totals(s.counts())
        typer.echo(f"exported {n_nodes} nodes and {n_edges} edges to {path}")


@app.command()
def stats(store: StoreOption = None, as_json: JsonOption = False) -> None:
    """Counts per kind, density, components, degrees, date range and consent share."""
    from graph.stats import graph_stats

    with _opened(store) as s:
        data = graph_stats(s)
    if as_json:
        print_json(data)
        return
    _print_stats(data)


def _print_stats(data: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    kinds = Table(title="Records per kind")
    kinds.add_column("kind")
    kinds.add_column("count", justify="right")
    for kind, n in data["nodes"].items():
        kinds.add_row(kind, str(n))
    kinds.add_section()
    for kind, n in data["edges"].items():
        span = data["date_range"]["by_kind"].get(kind)
        label = f"{kind} ({span['first']} … {span['last']})" if span else kind
        kinds.add_row(label, str(n))
    console.print(kinds)

    summary = Table(title="Network")
    summary.add_column("measure")
    summary.add_column("value", justify="right")
    deg = data["degree"]
    dates = data["date_range"]
    contacts = data["contacts"]
    rows = [
        ("nodes", str(data["n_nodes"])),
        ("edges", str(data["n_edges"])),
        ("density (undirected, simple)", f"{data['density']:.6f}"),
        ("weakly connected components", str(data["components"])),
        ("largest component (nodes)", str(data["largest_component"])),
        ("isolated nodes", str(data["isolated_nodes"])),
        (
            "degree min / median / mean / max",
            f"{deg['min']} / {deg['median']:g} / {deg['mean']:.2f} / {deg['max']}",
        ),
        ("dated edges", str(dates["dated_edges"])),
        ("date range", f"{dates['first']} … {dates['last']}" if dates["first"] else "—"),
        (
            "contacts with consent",
            f"{contacts['with_consent']} of {contacts['total']} ({contacts['consent_share']:.1%})",
        ),
    ]
    for name, value in rows:
        summary.add_row(name, value)
    console.print(summary)
