"""The CSV folder format: one UTF-8 file per kind, named after it.

Node files are ``staff.csv``, ``organisation.csv``, ``contact.csv``, ``dossier.csv``, ``team.csv``,
``edition.csv``, ``session.csv``, ``table.csv``; edge files ``WORKS_ON.csv``, ``MEMBER_OF.csv``, …
(the file name gives the kind, so there is no ``kind`` column). The header row names the model's
fields; optional columns may be left out (the field's default applies), required ones may not.
Row numbers in error messages count the header as row 1, as a spreadsheet does.

Cells:

- text fields: the text itself (quoted by the CSV rules when it holds commas, quotes or newlines);
- list fields (``sectors``, ``languages``, ``themes``, ``roles``, ``needs``, ``documents``): items
  separated by ``;`` (``water; energie``), or a JSON array (``["a;b", "c"]``) when an item itself
  holds a ``;`` — export uses the JSON form only then; an empty cell is an empty list;
- nested records (a dossier's ``milestones``): a JSON array of objects
  (``[{"date": "2026-03-01", "label": "Kamerbrief", "kind": "decision"}]``);
- dates ``YYYY-MM-DD``, date-times ``YYYY-MM-DDTHH:MM[:SS]``, booleans ``true``/``false``
  (also ``yes``/``no``, ``ja``/``nee``, ``1``/``0``), numbers as digits; an empty cell means
  "not given" (the field's default, or an error for a required field).

The delimiter is ``,``; a file whose header uses ``;`` (Dutch Excel) is read with ``;``. Export
writes RFC 4180 CSV (CRLF line ends); either line end is read.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from graph.errors import RecordError
from graph.formats.common import (
    RawRecord,
    closest,
    columns_of,
    decode_text,
    field_shapes,
    required_columns,
)
from graph.model import EDGE_KINDS, NODE_KINDS, EdgeModel, NodeModel

__all__ = [
    "KIND_BY_NAME",
    "cell_of",
    "read_csv_folder",
    "records_from_rows",
    "row_of",
    "write_csv_folder",
]

#: Lower-cased file stem / sheet name → kind.
KIND_BY_NAME: dict[str, str] = {k.lower(): k for k in (*NODE_KINDS, *EDGE_KINDS)}
_ALL_NAMES = [*NODE_KINDS, *EDGE_KINDS]
_BOOL_WORDS = {"ja": "true", "nee": "false", "waar": "true", "onwaar": "false"}


def kind_of_name(name: str) -> str | None:
    """The kind a file stem or sheet name stands for, or ``None``."""
    return KIND_BY_NAME.get(name.strip().lower())


def unknown_name_reason(name: str, what: str) -> str:
    suffix = ".csv" if what == "file" else ""
    return (
        f"unknown {what} name '{name}'{closest(name, _ALL_NAMES)}; expected one of: "
        + ", ".join(f"{k}{suffix}" for k in _ALL_NAMES)
    )


# --------------------------------------------------------------------------- cells


def _parse_cell(shape: str, text: str) -> tuple[bool, Any, str]:
    """``(given, value, error)`` for one cell; ``given`` False means "use the default"."""
    stripped = text.strip()
    if shape == "str":
        return True, text, ""
    if shape == "list":
        if not stripped:
            return True, [], ""
        if stripped.startswith("["):
            try:
                return True, json.loads(stripped), ""
            except json.JSONDecodeError as e:
                return (
                    False,
                    None,
                    f"list cell is not a valid JSON array ({e.msg}, column {e.colno})",
                )
        return True, [p.strip() for p in stripped.split(";") if p.strip()], ""
    if shape == "json":
        if not stripped:
            return True, [], ""
        try:
            return True, json.loads(stripped), ""
        except json.JSONDecodeError as e:
            return False, None, f"cell is not valid JSON ({e.msg}, column {e.colno})"
    if not stripped:
        return False, None, ""
    if shape == "bool":
        return True, _BOOL_WORDS.get(stripped.lower(), stripped), ""
    return True, stripped, ""


def cell_of(shape: str, value: Any) -> str:
    """The cell text of a ``model_dump(mode="json")`` value (inverse of the reader)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if shape == "list":
        items = [str(v) for v in value]
        plain = all(i and ";" not in i and i == i.strip() for i in items)
        if plain and not (items and items[0].startswith("[")):
            return "; ".join(items)
        return json.dumps(items, ensure_ascii=False)
    if shape == "json":
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def row_of(record: NodeModel | EdgeModel) -> list[str]:
    """A record's cells in :func:`~graph.formats.common.columns_of` order."""
    data = record.model_dump(mode="json")
    shapes = field_shapes(record.KIND)
    return [cell_of(shape, data[col]) for col, shape in shapes.items()]


# --------------------------------------------------------------------------- rows


def records_from_rows(
    kind: str,
    location: str,
    header: Sequence[str],
    rows: Iterable[tuple[int, Sequence[str]]],
    errors: list[RecordError],
) -> list[RawRecord]:
    """Turn a header and numbered rows of cell texts into raw records (CSV and XLSX share this)."""
    shapes = field_shapes(kind)
    names = [h.strip() for h in header]
    usable: list[tuple[int, str]] = []
    seen: set[str] = set()
    header_ok = True
    for i, name in enumerate(names, start=1):
        if not name:
            errors.append(RecordError(location, "row 1", f"column {i}", "column has no name"))
            continue
        if name in seen:
            errors.append(RecordError(location, "row 1", name, "column appears twice"))
            header_ok = False
            continue
        seen.add(name)
        if name == "kind":
            usable.append((i - 1, name))
        elif name not in shapes:
            errors.append(
                RecordError(
                    location,
                    "row 1",
                    name,
                    f"unknown column{closest(name, shapes)}; {kind} has: {', '.join(shapes)}",
                )
            )
        else:
            usable.append((i - 1, name))
    for col in required_columns(kind):
        if col not in seen:
            errors.append(RecordError(location, "row 1", col, "required column is missing"))
            header_ok = False
    if not header_ok:
        return []
    out: list[RawRecord] = []
    width = len(names)
    for number, cells in rows:
        label = f"row {number}"
        if len(cells) > width and any(c.strip() for c in cells[width:]):
            errors.append(
                RecordError(
                    location, label, "", f"row has {len(cells)} cells but the header has {width}"
                )
            )
            continue
        data: dict[str, Any] = {}
        for index, name in usable:
            text = cells[index] if index < len(cells) else ""
            if name == "kind":
                if text.strip() and text.strip() != kind:
                    errors.append(
                        RecordError(
                            location, label, "kind", f"'{text.strip()}' in the {kind} {location}"
                        )
                    )
                continue
            given, value, problem = _parse_cell(shapes[name], text)
            if problem:
                errors.append(RecordError(location, label, name, problem))
            elif given:
                data[name] = value
        if kind in NODE_KINDS and isinstance(data.get("id"), str):
            label = f"{label} '{data['id'].strip()}'"
        out.append(RawRecord(location, label, kind, data))
    return out


# --------------------------------------------------------------------------- folder


def _read_one(path: Path, kind: str, errors: list[RecordError]) -> list[RawRecord]:
    loc = path.name
    text, problems = decode_text(path.read_bytes(), loc)
    if text is None:
        errors.extend(problems)
        return []
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if ";" in first_line and "," not in first_line else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        rows = list(reader)
    except csv.Error as e:
        errors.append(RecordError(loc, f"line {reader.line_num}", "", f"CSV syntax error: {e}"))
        return []
    if not rows or not any(c.strip() for c in rows[0]):
        errors.append(RecordError(loc, "row 1", "", "header row is missing or empty"))
        return []
    numbered = [(n, r) for n, r in enumerate(rows[1:], start=2) if any(c.strip() for c in r)]
    return records_from_rows(kind, loc, rows[0], numbered, errors)


def read_csv_folder(path: Path) -> tuple[list[RawRecord], list[RawRecord], list[RecordError]]:
    """Read every ``<kind>.csv`` in the folder into raw records plus file-level errors."""
    errors: list[RecordError] = []
    by_kind: dict[str, Path] = {}
    files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() == ".csv")
    for file in files:
        kind = kind_of_name(file.stem)
        if kind is None:
            errors.append(
                RecordError(file.name, "file", "", unknown_name_reason(file.stem, "file"))
            )
        elif kind in by_kind:
            errors.append(
                RecordError(
                    file.name, "file", "", f"a second file for {kind} ({by_kind[kind].name})"
                )
            )
        else:
            by_kind[kind] = file
    if not files:
        errors.append(
            RecordError(path.name or str(path), "folder", "", "folder holds no .csv files")
        )
    raw_nodes: list[RawRecord] = []
    raw_edges: list[RawRecord] = []
    for kind in NODE_KINDS:
        if kind in by_kind:
            raw_nodes.extend(_read_one(by_kind[kind], kind, errors))
    for kind in EDGE_KINDS:
        if kind in by_kind:
            raw_edges.extend(_read_one(by_kind[kind], kind, errors))
    return raw_nodes, raw_edges, errors


def write_csv_folder(path: Path, nodes: Sequence[NodeModel], edges: Sequence[EdgeModel]) -> None:
    """Write one file per kind that has records; stale files of other kinds are removed."""
    path.mkdir(parents=True, exist_ok=True)
    groups: dict[str, list[NodeModel | EdgeModel]] = {}
    records: list[NodeModel | EdgeModel] = [*nodes, *edges]
    for rec in records:
        groups.setdefault(rec.KIND, []).append(rec)
    for kind in (*NODE_KINDS, *EDGE_KINDS):
        target = path / f"{kind}.csv"
        if kind not in groups:
            target.unlink(missing_ok=True)
            continue
        buf = io.StringIO(newline="")
        # CRLF line ends (RFC 4180): cells holding a bare CR or LF get quoted, so they survive.
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow(columns_of(kind))
        writer.writerows(row_of(r) for r in groups[kind])
        tmp = target.with_name(target.name + ".tmp")
        tmp.write_bytes(buf.getvalue().encode("utf-8"))
        os.replace(tmp, target)
