"""Import and export of the whole network: a JSON document, a CSV folder or an XLSX workbook.

The format follows the path: ``*.json`` is one document (the seed's format), ``*.xlsx`` a workbook
with one sheet per kind, a folder holds one ``<kind>.csv`` per kind (see
:mod:`graph.formats.csv_format` for the cell rules).

Reading validates **everything** before anything is written and collects every problem as a
:class:`~graph.errors.RecordError` (file or sheet, row or record, field, reason); any error raises
:class:`~graph.errors.ImportValidationError` and the store is left untouched. An import is one
store transaction, so a crash halfway leaves the previous state.

Example
-------
>>> from graph import SqliteGraphStore
>>> from graph.io import export_graph, import_graph
>>> store = SqliteGraphStore("verbinder.db")                     # doctest: +SKIP
>>> n_nodes, n_edges = import_graph(store, "network.json")         # doctest: +SKIP
>>> export_graph(store, "network.xlsx")                          # doctest: +SKIP
"""

from __future__ import annotations

import gc
import logging
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

from graph.errors import ImportValidationError, RecordError
from graph.formats.common import RawRecord, validate_records
from graph.model import EdgeModel, NodeModel
from graph.store import GraphStore

__all__ = [
    "detect_format",
    "export_graph",
    "import_graph",
    "read_graph",
    "write_graph",
]

logger = logging.getLogger(__name__)

Reader = Callable[[Path], tuple[list[RawRecord], list[RawRecord], list[RecordError]]]


def detect_format(path: str | Path, *, for_export: bool = False) -> str:
    """``"json"``, ``"xlsx"`` or ``"csv"`` (a folder) for a path; :class:`ValueError` otherwise."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix == ".json":
        return "json"
    if suffix == ".xlsx":
        return "xlsx"
    if p.is_dir() or (for_export and suffix == ""):
        return "csv"
    if suffix in (".xls", ".xlsm", ".ods"):
        raise ValueError(f"{p.name}: save the workbook as .xlsx (Excel workbook)")
    if suffix == ".csv":
        raise ValueError(
            f"{p.name}: CSV import and export use a folder with one <kind>.csv per kind; "
            "give the folder"
        )
    raise ValueError(f"{p.name}: unknown format; use a .json file, an .xlsx workbook or a folder")


def _reader(fmt: str) -> Reader:
    if fmt == "json":
        from graph.formats.json_format import read_json

        return read_json
    if fmt == "xlsx":
        from graph.formats.xlsx_format import read_xlsx

        return read_xlsx
    from graph.formats.csv_format import read_csv_folder

    return read_csv_folder


def _stored_kinds(store: GraphStore) -> Callable[[Iterable[str]], Mapping[str, str]]:
    def lookup(ids: Iterable[str]) -> Mapping[str, str]:
        return {i: n.KIND for i, n in store.get_nodes(ids).items()}

    return lookup


def read_graph(
    path: str | Path, *, store: GraphStore | None = None
) -> tuple[list[NodeModel], list[EdgeModel]]:
    """Read and validate a graph file (JSON), folder (CSV) or workbook (XLSX).

    Parameters
    ----------
    path:
        A ``.json`` document, an ``.xlsx`` workbook or a folder of ``<kind>.csv`` files.
    store:
        When given, edge endpoints may also be nodes already in this store, and a node may not
        change the kind of a stored id. Without it every endpoint must be in the input.

    Returns
    -------
    (nodes, edges) in input order.

    Raises
    ------
    ImportValidationError
        Listing every problem found, each with its file or sheet, record, field and reason.
    """
    p = Path(path)
    if not p.exists():
        raise ImportValidationError([RecordError(str(p), "file", "", "no such file or folder")])
    try:
        fmt = detect_format(p)
    except ValueError as e:
        raise ImportValidationError(
            [RecordError(p.name, "file", "", str(e).split(": ", 1)[-1])]
        ) from None
    lookup = _stored_kinds(store) if store is not None else None
    # Hundreds of thousands of small objects and no cycles: pause the cyclic GC meanwhile.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        raw_nodes, raw_edges, errors = _reader(fmt)(p)
        nodes, edges = validate_records(raw_nodes, raw_edges, errors, lookup)
    finally:
        if gc_was_enabled:
            gc.enable()
    if errors:
        raise ImportValidationError(_in_file_order(errors))
    logger.info("read %d nodes and %d edges from %s", len(nodes), len(edges), p.name)
    return nodes, edges


_NUMBER = re.compile(r"(?:#|row |line )(\d+)")
_SECTION = {"node": 1, "edge": 2, "row": 1, "line": 1}


def _in_file_order(errors: list[RecordError]) -> list[RecordError]:
    """Errors by file (in order of first mention), then section and record number."""
    order: dict[str, int] = {}
    for e in errors:
        order.setdefault(e.location, len(order))

    def key(e: RecordError) -> tuple[int, int, int]:
        number = _NUMBER.search(e.record)
        section = _SECTION.get(e.record.split(" ", 1)[0], 0)
        return order[e.location], section, int(number.group(1)) if number else 0

    return sorted(errors, key=key)


def write_graph(
    store: GraphStore,
    nodes: Sequence[NodeModel],
    edges: Sequence[EdgeModel],
    *,
    replace: bool = False,
) -> tuple[int, int]:
    """Write validated nodes and edges in one transaction; ``replace`` swaps the whole graph.

    With ``replace`` the store's ``replace_all`` is used when it has one (one transaction);
    otherwise the store is cleared and then written, which is not atomic.
    """
    if replace:
        replace_all = getattr(store, "replace_all", None)
        if callable(replace_all):
            replace_all(nodes, edges)
        else:  # pragma: no cover - every shipped store has replace_all
            logger.warning("store has no replace_all; clearing and writing in two steps")
            store.clear()
            store.write(nodes, edges)
        return len(nodes), len(edges)
    return store.write(nodes, edges)


def import_graph(store: GraphStore, path: str | Path, *, replace: bool = False) -> tuple[int, int]:
    """Validate a file completely, then write it in one transaction (all or nothing).

    Parameters
    ----------
    store:
        The target store.
    path:
        A ``.json`` document, an ``.xlsx`` workbook or a folder of ``<kind>.csv`` files.
    replace:
        Replace the whole graph by the file's contents instead of adding to / updating it. Edge
        endpoints must then all be in the file.

    Returns
    -------
    (n_nodes, n_edges) written.

    Raises
    ------
    ImportValidationError
        When any record is invalid; nothing was written.
    """
    nodes, edges = read_graph(path, store=None if replace else store)
    written = write_graph(store, nodes, edges, replace=replace)
    logger.info("imported %d nodes and %d edges", *written)
    return written


def export_graph(store: GraphStore, path: str | Path) -> None:
    """Export the whole graph; the format follows the path (``.json``, ``.xlsx`` or a folder).

    Nodes are written ordered by id and edges by ``(kind, source, target, key)``, so exporting,
    importing into an empty store and exporting again gives identical files.
    """
    p = Path(path)
    fmt = detect_format(p, for_export=True)
    nodes = store.nodes()
    edges = store.edges()
    if fmt == "json":
        from graph.formats.json_format import write_json

        write_json(p, nodes, edges)
    elif fmt == "xlsx":
        from graph.formats.xlsx_format import write_xlsx

        write_xlsx(p, nodes, edges)
    else:
        from graph.formats.csv_format import write_csv_folder

        write_csv_folder(p, nodes, edges)
    logger.info("exported %d nodes and %d edges to %s", len(nodes), len(edges), p.name)
