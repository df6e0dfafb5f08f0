"""Shared validation for every import format: raw records in, typed nodes and edges (or errors) out.

Each format reader (JSON, CSV, XLSX) turns its input into :class:`RawRecord` objects — a plain dict
plus where it came from — and reports file-level problems (encoding, syntax, unknown sheet) as
:class:`~graph.errors.RecordError`. :func:`validate_records` then checks every record with the
pydantic models of :mod:`graph.model` and the graph rules (unique ids, unique edge identities,
endpoints that exist with the right kinds) and collects **every** error before anything is raised.
"""

from __future__ import annotations

import datetime as dt
import difflib
import types
import typing
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from graph.errors import RecordError
from graph.model import (
    EDGE_ENDPOINTS,
    EDGE_KINDS,
    NODE_KINDS,
    EdgeModel,
    NodeModel,
)

__all__ = [
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "RawRecord",
    "closest",
    "columns_of",
    "decode_text",
    "field_shapes",
    "required_columns",
    "translate_validation_error",
    "validate_records",
]

FORMAT_NAME = "verbinder"
FORMAT_VERSION = 1

#: How a field is written in a CSV cell / XLSX cell.
#: ``str``: the text itself; ``list``: ``;``-separated items or a JSON array; ``json``: a JSON
#: value (nested records such as milestones); ``date`` / ``datetime`` / ``int`` / ``bool`` /
#: ``scalar``: the value's text, an empty cell means "not given" (the field's default).
Shape = str


@dataclass
class RawRecord:
    """One record as read from a file, before validation.

    ``location`` is the file or sheet name, ``label`` names the record within it (``row 5`` or
    ``node #3``), ``kind`` is the node or edge kind, ``data`` the field values.
    """

    location: str
    label: str
    kind: str
    data: dict[str, Any]


def closest(word: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` when a close match exists, else an empty string."""
    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    if not match:
        match = [c for c in choices if c.lower() == word.lower()]
    return f" (did you mean '{match[0]}'?)" if match else ""


def decode_text(raw: bytes, location: str) -> tuple[str | None, list[RecordError]]:
    """Decode a file's bytes as UTF-8 without BOM; errors explain which encoding to use."""
    use = "save the file as UTF-8 without a byte-order mark"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [RecordError(location, "file", "", f"file is UTF-16 encoded; {use}")]
    if raw.startswith(b"\xef\xbb\xbf"):
        return None, [
            RecordError(
                location,
                "file",
                "",
                f"file starts with a UTF-8 byte-order mark (BOM); {use} (in Excel: "
                "'CSV UTF-8' adds a BOM — remove it, or import the .xlsx workbook instead)",
            )
        ]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        try:
            raw.decode("cp1252")
            guess = ", probably Windows-1252 (Excel's 'CSV' on Windows)"
        except UnicodeDecodeError:
            guess = ""
        byte = raw[e.start : e.start + 1].hex()
        return None, [
            RecordError(
                location,
                f"line {line}",
                "",
                f"file is not valid UTF-8 (byte 0x{byte} at offset {e.start}){guess}; {use}",
            )
        ]
    if not text.strip():
        return None, [RecordError(location, "file", "", "file is empty")]
    nul = text.find("\x00")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        column = nul - (text.rfind("\n", 0, nul) + 1) + 1
        return None, [
            RecordError(
                location,
                f"line {line}, column {column}",
                "",
                "file contains a NUL byte (0x00), which no text field may hold; "
                "remove it or export the file again as UTF-8 text",
            )
        ]
    return text, []


# --------------------------------------------------------------------------- field shapes


def _shape_of(annotation: Any) -> Shape:
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        return _shape_of(inner[0]) if len(inner) == 1 else "scalar"
    if origin is list:
        item = args[0] if args else str
        if typing.get_origin(item) is typing.Annotated:
            item = typing.get_args(item)[0]
        if isinstance(item, type) and issubclass(item, BaseModel):
            return "json"
        return "list"
    simple = {str: "str", bool: "bool", int: "int", dt.datetime: "datetime", dt.date: "date"}
    return simple.get(annotation, "scalar")  # enums and literals: their text


_SHAPES: dict[str, dict[str, Shape]] = {}


def field_shapes(kind: str) -> dict[str, Shape]:
    """Column name → cell shape for a node or edge kind (``kind`` itself excluded)."""
    if kind not in _SHAPES:
        cls = NODE_KINDS.get(kind) or EDGE_KINDS[kind]
        _SHAPES[kind] = {
            name: _shape_of(info.annotation)
            for name, info in cls.model_fields.items()
            if name != "kind"
        }
    return _SHAPES[kind]


def columns_of(kind: str) -> list[str]:
    """The columns of a kind's CSV file / XLSX sheet, in model field order."""
    return list(field_shapes(kind))


def required_columns(kind: str) -> list[str]:
    """Columns that must be present (fields without a default)."""
    cls = NODE_KINDS.get(kind) or EDGE_KINDS[kind]
    return [n for n, info in cls.model_fields.items() if n != "kind" and info.is_required()]


# --------------------------------------------------------------------------- pydantic errors


def _show(value: Any, limit: int = 60) -> str:
    text = value if isinstance(value, str) else repr(value)
    return repr(text[:limit] + "…") if len(text) > limit else repr(text)


def translate_validation_error(err: Mapping[str, Any], kind: str) -> tuple[str, str]:
    """``(field, reason)`` in plain words for one entry of ``ValidationError.errors()``."""
    loc = err.get("loc", ())
    field = ".".join(str(p) for p in loc)
    typ = err.get("type", "")
    value = err.get("input")
    ctx = err.get("ctx") or {}
    msg = str(err.get("msg", ""))
    if typ == "missing":
        return field, "required field is missing"
    if typ == "extra_forbidden":
        known = [c for c in columns_of(kind)] if loc and len(loc) == 1 else []
        return field, f"unknown field{closest(str(loc[-1]), known)}; {kind} has: {', '.join(known)}"
    if typ == "string_too_long":
        size = len(value) if isinstance(value, str) else "?"
        return field, f"too long: {size} characters, at most {ctx.get('max_length')} allowed"
    if typ == "too_long":
        return field, f"too many items: at most {ctx.get('max_length')} allowed"
    if typ == "string_too_short":
        return field, "must not be empty"
    if typ == "string_pattern_mismatch":
        return field, f"{_show(value)} is not a valid id (no spaces allowed)"
    if typ.startswith("datetime"):
        return field, (
            f"{_show(value)} is not a valid date-time ({ctx.get('error', msg)}); "
            "use YYYY-MM-DDTHH:MM"
        )
    if typ.startswith("date"):
        return (
            field,
            f"{_show(value)} is not a valid date ({ctx.get('error', msg)}); use YYYY-MM-DD",
        )
    if typ in ("int_parsing", "int_from_float", "int_type"):
        return field, f"{_show(value)} is not a whole number"
    if typ in ("bool_parsing", "bool_type"):
        return field, f"{_show(value)} is not a yes/no value; use true or false"
    if typ in ("enum", "literal_error"):
        return field, f"{_show(value)} is not allowed; {msg[0].lower()}{msg[1:]}"
    if typ == "value_error":
        return field, msg.removeprefix("Value error, ")
    if typ in ("string_type", "list_type", "model_type", "dict_type"):
        return field, f"wrong type: {msg[0].lower()}{msg[1:]}, got {type(value).__name__}"
    return field, f"{msg} (got {_show(value)})"


# --------------------------------------------------------------------------- validation


def validate_records(
    raw_nodes: Sequence[RawRecord],
    raw_edges: Sequence[RawRecord],
    errors: list[RecordError],
    stored_kinds: Callable[[Iterable[str]], Mapping[str, str]] | None = None,
) -> tuple[list[NodeModel], list[EdgeModel]]:
    """Validate raw records into models, appending every problem to ``errors``.

    ``stored_kinds`` maps ids to their kind in the target store (``None``: no store, every edge
    endpoint must be in the input). Returns the valid nodes and edges; the caller must check
    ``errors`` before using them.
    """
    nodes: list[NodeModel] = []
    node_where: dict[str, tuple[str, str]] = {}
    invalid_kinds: dict[str, str] = {}
    for rec in raw_nodes:
        cls = NODE_KINDS.get(rec.kind)
        if cls is None:  # readers report unknown kinds; keep this total
            continue
        try:
            node = cls.model_validate(rec.data)
        except ValidationError as e:
            for err in e.errors():
                field, reason = translate_validation_error(err, rec.kind)
                errors.append(RecordError(rec.location, rec.label, field, reason))
            raw_id = rec.data.get("id")
            if isinstance(raw_id, str) and raw_id.strip():
                # reported already; edges to it should not also call it unknown
                invalid_kinds.setdefault(raw_id.strip(), rec.kind)
            continue
        if node.id in node_where:
            first = " ".join(node_where[node.id])
            errors.append(
                RecordError(
                    rec.location, rec.label, "id", f"duplicate id '{node.id}' (first at {first})"
                )
            )
            continue
        node_where[node.id] = (rec.location, rec.label)
        nodes.append(node)
    batch_kinds = {n.id: n.KIND for n in nodes}

    edges: list[EdgeModel] = []
    edge_recs: list[RawRecord] = []
    edge_where: dict[tuple[str, str, str, str], str] = {}
    for rec in raw_edges:
        cls_e = EDGE_KINDS.get(rec.kind)
        if cls_e is None:
            continue
        try:
            edge = cls_e.model_validate(rec.data)
        except ValidationError as e:
            for err in e.errors():
                field, reason = translate_validation_error(err, rec.kind)
                errors.append(RecordError(rec.location, rec.label, field, reason))
            continue
        ident = edge.identity
        if ident in edge_where:
            errors.append(
                RecordError(
                    rec.location,
                    rec.label,
                    "key",
                    f"duplicate edge {edge.KIND} {edge.source}→{edge.target} with key "
                    f"'{edge.key}' (first at {edge_where[ident]}); give repeated edges "
                    "distinct keys",
                )
            )
            continue
        edge_where[ident] = f"{rec.location} {rec.label}"
        edges.append(edge)
        edge_recs.append(rec)

    # Ids already in the store: endpoints not in the batch, and batch ids changing kind.
    stored: Mapping[str, str] = {}
    if stored_kinds is not None:
        wanted = {e.source for e in edges} | {e.target for e in edges} | set(batch_kinds)
        stored = stored_kinds(sorted(wanted))
        for node in nodes:
            old = stored.get(node.id)
            if old is not None and old != node.KIND:
                loc, label = node_where[node.id]
                errors.append(
                    RecordError(
                        loc,
                        label,
                        "id",
                        f"'{node.id}' already exists in the store with kind {old}; "
                        f"it cannot become {node.KIND}",
                    )
                )
    for edge, rec in zip(edges, edge_recs, strict=True):
        allowed_src, allowed_tgt = EDGE_ENDPOINTS[edge.KIND]
        for field, node_id, allowed in (
            ("source", edge.source, allowed_src),
            ("target", edge.target, allowed_tgt),
        ):
            kind = batch_kinds.get(node_id) or stored.get(node_id)
            if kind is None and node_id in invalid_kinds:
                if invalid_kinds[node_id] not in allowed:
                    kind = invalid_kinds[node_id]  # still worth saying
                else:
                    continue
            if kind is None:
                where = "in the file or the store" if stored_kinds is not None else "in the file"
                errors.append(
                    RecordError(
                        rec.location, rec.label, field, f"unknown node '{node_id}' (not {where})"
                    )
                )
            elif kind not in allowed:
                errors.append(
                    RecordError(
                        rec.location,
                        rec.label,
                        field,
                        f"'{node_id}' has kind {kind}; {edge.KIND} needs "
                        f"{' or '.join(sorted(allowed))} as {field}",
                    )
                )
    return nodes, edges
