"""The XLSX workbook format: one sheet per kind, the same columns and cells as the CSV folder.

Sheets are named after the kind (``staff``, ``organisation``, …, ``WORKS_ON``, …); the first row holds
the column names. Cells follow :mod:`graph.formats.csv_format`, except that Excel's own types are
understood: a date cell in a date column, a number in a number column, TRUE/FALSE in a yes/no
column. Export writes dates as Excel dates, numbers and booleans natively, and everything else —
date-times included — as text (a leading ``=`` stays text, never a formula), so a round trip is
exact. Carriage returns are written as Excel writes them (``_x000D_``) and such escapes are decoded
on reading.

The workbook is reproducible: its document properties (``docProps/core.xml``) and every zip entry
carry one fixed timestamp, so exporting the same graph twice gives the same bytes and export →
import → export is byte-identical.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from graph.errors import GraphError, RecordError
from graph.formats.common import RawRecord, columns_of, field_shapes
from graph.formats.csv_format import (
    cell_of,
    kind_of_name,
    records_from_rows,
    unknown_name_reason,
)
from graph.model import EDGE_KINDS, NODE_KINDS, EdgeModel, NodeModel

__all__ = ["read_xlsx", "write_xlsx"]

_EXCEL_CELL_LIMIT = 32_767
# OOXML escapes characters XML would mangle as _xHHHH_ (a carriage return is _x000D_, a
# literal "_x" before four hex digits gets its underscore escaped as _x005F_), as Excel does.
_OOXML_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_NEEDS_UNDERSCORE_ESCAPE = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")
#: The one timestamp of every exported workbook (document properties and zip entries): the
#: earliest a zip entry can hold, so no export looks as if it said when it was made.
_FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_FIXED_CORE_XML = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
    b'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
    b'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
    b'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    b"<dc:creator>Verbinder</dc:creator><dc:title>Verbinder netwerk</dc:title>"
    b'<dcterms:created xsi:type="dcterms:W3CDTF">1980-01-01T00:00:00Z</dcterms:created>'
    b'<dcterms:modified xsi:type="dcterms:W3CDTF">1980-01-01T00:00:00Z</dcterms:modified>'
    b"</cp:coreProperties>"
)


def _ooxml_escape(text: str) -> str:
    return _NEEDS_UNDERSCORE_ESCAPE.sub("_x005F_", text).replace("\r", "_x000D_")


def _ooxml_unescape(text: str) -> str:
    return _OOXML_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text) if "_x" in text else text


def _text_of(value: Any, shape: str) -> str:
    """The cell text the CSV rules expect, from an openpyxl cell value."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        if shape == "date" and value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, str):
        return _ooxml_unescape(value)
    return str(value)


def read_xlsx(path: Path) -> tuple[list[RawRecord], list[RawRecord], list[RecordError]]:
    """Read every sheet of the workbook into raw records plus sheet-level errors."""
    from openpyxl import load_workbook

    loc = path.name
    errors: list[RecordError] = []
    if path.stat().st_size == 0:
        return [], [], [RecordError(loc, "file", "", "file is empty")]
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as e:
        return (
            [],
            [],
            [
                RecordError(
                    loc, "file", "", f"not a readable .xlsx workbook ({type(e).__name__}: {e})"
                )
            ],
        )
    raw_nodes: list[RawRecord] = []
    raw_edges: list[RawRecord] = []
    by_kind: dict[str, Any] = {}
    try:
        for ws in wb.worksheets:
            kind = kind_of_name(ws.title)
            if kind is None:
                errors.append(
                    RecordError(
                        f"{loc}[{ws.title}]", "sheet", "", unknown_name_reason(ws.title, "sheet")
                    )
                )
            elif kind in by_kind:
                errors.append(
                    RecordError(f"{loc}[{ws.title}]", "sheet", "", f"a second sheet for {kind}")
                )
            else:
                by_kind[kind] = ws
        for kind in (*NODE_KINDS, *EDGE_KINDS):
            if kind not in by_kind:
                continue
            ws = by_kind[kind]
            sheet = f"{loc}[{ws.title}]"
            rows = ws.iter_rows(values_only=True)
            header_cells = next(rows, None)
            if header_cells is None or all(c is None or str(c).strip() == "" for c in header_cells):
                errors.append(RecordError(sheet, "row 1", "", "sheet is empty: no header row"))
                continue
            header = [_text_of(c, "str") for c in header_cells]
            while header and not header[-1].strip():
                header.pop()  # trailing empty columns Excel keeps around
            shapes = field_shapes(kind)
            col_shapes = [shapes.get(h.strip(), "str") for h in header]
            numbered: list[tuple[int, list[str]]] = []
            for number, values in enumerate(rows, start=2):
                cells = [
                    _text_of(v, col_shapes[i] if i < len(col_shapes) else "str")
                    for i, v in enumerate(values)
                ]
                if any(c.strip() for c in cells):
                    numbered.append((number, cells))
            target = raw_nodes if kind in NODE_KINDS else raw_edges
            target.extend(records_from_rows(kind, sheet, header, numbered, errors))
    finally:
        wb.close()
    if not wb.worksheets or (not by_kind and not errors):
        errors.append(RecordError(loc, "file", "", "workbook has no sheets"))
    return raw_nodes, raw_edges, errors


def write_xlsx(path: Path, nodes: Sequence[NodeModel], edges: Sequence[EdgeModel]) -> None:
    """Write one sheet per kind that has records (atomically: a temporary file renamed)."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    try:
        _fill(wb, nodes, edges)
    except BaseException:
        for sheet in wb.worksheets:  # finish the open sheets: nothing half-written lingers
            with contextlib.suppress(Exception):
                sheet.close()
        raise
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    wb.save(tmp)
    _make_reproducible(tmp)
    os.replace(tmp, path)


def _fill(wb: Any, nodes: Sequence[NodeModel], edges: Sequence[EdgeModel]) -> None:
    """One sheet per kind with records, into the write-only workbook ``wb``."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font

    bold = Font(bold=True)
    groups: dict[str, list[NodeModel | EdgeModel]] = {}
    records: list[NodeModel | EdgeModel] = [*nodes, *edges]
    for rec in records:
        groups.setdefault(rec.KIND, []).append(rec)
    for kind in (*NODE_KINDS, *EDGE_KINDS):
        if kind not in groups:
            continue
        ws = wb.create_sheet(kind)
        columns = columns_of(kind)
        shapes = field_shapes(kind)
        ws.freeze_panes = "A2"  # the header stays in view while facilitators scroll
        header = []
        for col in columns:
            cell = WriteOnlyCell(ws, value=col)
            cell.font = bold
            header.append(cell)
        ws.append(header)
        for rec in groups[kind]:
            data = rec.model_dump(mode="json")
            row: list[Any] = []
            for col in columns:
                shape, value = shapes[col], data[col]
                if value is None or shape in ("int", "bool"):
                    row.append(value)
                elif shape == "date":
                    row.append(dt.date.fromisoformat(value))  # an Excel date, yyyy-mm-dd
                else:
                    text = _ooxml_escape(cell_of(shape, value))
                    where = f"{kind} '{data.get('id') or data.get('source')}', field '{col}'"
                    if len(text) > _EXCEL_CELL_LIMIT:
                        raise GraphError(
                            f"{where}: {len(text)} characters do not fit in one Excel cell; "
                            "export JSON instead"
                        )
                    if ILLEGAL_CHARACTERS_RE.search(text):
                        raise GraphError(
                            f"{where}: holds control characters Excel cannot store; "
                            "export JSON or CSV instead"
                        )
                    if text.startswith("="):
                        cell = WriteOnlyCell(ws, value=text)
                        cell.data_type = "s"  # text, never a formula
                        row.append(cell)
                    else:
                        row.append(text or None)
            ws.append(row)
    if not groups:
        wb.create_sheet("staff").append(columns_of("staff"))


def _make_reproducible(path: Path) -> None:
    """Rewrite the package with fixed document properties and zip timestamps, in entry order."""
    with zipfile.ZipFile(path) as src:
        entries = [(info, src.read(info)) for info in src.infolist()]
    fixed = path.with_name(path.name + ".fixed")
    with zipfile.ZipFile(fixed, "w") as dst:
        for info, data in entries:
            if info.filename == "docProps/core.xml":
                data = _FIXED_CORE_XML
            entry = zipfile.ZipInfo(info.filename, date_time=_FIXED_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            dst.writestr(entry, data)
    os.replace(fixed, path)
