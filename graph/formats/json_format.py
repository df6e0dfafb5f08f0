"""The JSON document format: ``{"format": "verbinder", "version": 1, "nodes": [...], "edges": [...]}``.

Each node and edge record is its model's ``model_dump(mode="json")`` (with its ``kind``). This is
also the format of the committed seed network. Export writes nodes ordered by id and edges by
``(kind, source, target, key)``, two-space indented UTF-8 without BOM, so the same graph always
gives the same bytes.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from graph.errors import RecordError
from graph.formats.common import (
    FORMAT_NAME,
    FORMAT_VERSION,
    RawRecord,
    closest,
    decode_text,
)
from graph.model import EDGE_KINDS, NODE_KINDS, EdgeModel, NodeModel

__all__ = ["dump_document", "read_json", "write_json"]

_TOP_KEYS = ("format", "version", "nodes", "edges")


def read_json(path: Path) -> tuple[list[RawRecord], list[RawRecord], list[RecordError]]:
    """Read a JSON document into raw node and edge records plus file-level errors."""
    loc = path.name
    text, errors = decode_text(path.read_bytes(), loc)
    if text is None:
        return [], [], errors
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as e:
        return (
            [],
            [],
            [
                RecordError(
                    loc, f"line {e.lineno}, column {e.colno}", "", f"JSON syntax error: {e.msg}"
                )
            ],
        )
    except RecursionError:
        return (
            [],
            [],
            [RecordError(loc, "document", "", "JSON is nested too deeply to be a network file")],
        )
    if not isinstance(doc, dict):
        return (
            [],
            [],
            [
                RecordError(
                    loc,
                    "document",
                    "",
                    f"expected an object with {', '.join(_TOP_KEYS)}; got a {type(doc).__name__}",
                )
            ],
        )
    if doc.get("format") != FORMAT_NAME:
        errors.append(
            RecordError(
                loc, "document", "format", f'expected "{FORMAT_NAME}", got {doc.get("format")!r}'
            )
        )
    if doc.get("version") != FORMAT_VERSION:
        errors.append(
            RecordError(
                loc,
                "document",
                "version",
                f"unsupported version {doc.get('version')!r}; this code reads version "
                f"{FORMAT_VERSION}",
            )
        )
    for key in doc:
        if key not in _TOP_KEYS:
            errors.append(
                RecordError(loc, "document", key, f"unknown key{closest(key, _TOP_KEYS)}")
            )
    for section in ("nodes", "edges"):
        items = doc.get(section)
        for i, item in enumerate(items if isinstance(items, list) else [], start=1):
            field = _nul_field(item)
            if field is not None:
                errors.append(
                    RecordError(
                        loc,
                        f"{section[:-1]} {i}",
                        field,
                        "contains a NUL character (\\u0000), which no text field may hold",
                    )
                )
    raw_nodes = _records(doc, "nodes", loc, errors)
    raw_edges = _records(doc, "edges", loc, errors)
    return raw_nodes, raw_edges, errors


def _nul_field(item: Any, path: str = "") -> str | None:
    """The first field (dotted path) of a record whose text holds a NUL character, if any."""
    if isinstance(item, str):
        return path or "value" if "\x00" in item else None
    if isinstance(item, dict):
        for key, value in item.items():
            found = _nul_field(value, f"{path}.{key}" if path else str(key))
            if found is not None:
                return found
    if isinstance(item, list):
        for n, value in enumerate(item):
            found = _nul_field(value, f"{path}[{n}]")
            if found is not None:
                return found
    return None


def _records(
    doc: dict[str, Any], section: str, loc: str, errors: list[RecordError]
) -> list[RawRecord]:
    items = doc.get(section, [])
    if not isinstance(items, list):
        errors.append(
            RecordError(loc, "document", section, f"must be a list, got {type(items).__name__}")
        )
        return []
    own, other = (NODE_KINDS, EDGE_KINDS) if section == "nodes" else (EDGE_KINDS, NODE_KINDS)
    singular = section[:-1]
    out: list[RawRecord] = []
    for i, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            errors.append(
                RecordError(
                    loc, f"{singular} #{i}", "", f"must be an object, got {type(item).__name__}"
                )
            )
            continue
        if singular == "node":
            label = f"node #{i} '{item.get('id', '?')}'"
        else:
            label = f"edge #{i} {item.get('kind', '?')} {item.get('source', '?')}→{item.get('target', '?')}"
        kind = item.get("kind")
        if not isinstance(kind, str) or not kind:
            errors.append(RecordError(loc, label, "kind", f"missing; one of: {', '.join(own)}"))
            continue
        if kind not in own:
            if kind in other:
                reason = f"'{kind}' is a{'n edge' if singular == 'node' else ' node'} kind, but the record is in \"{section}\""
            else:
                reason = f"unknown {singular} kind '{kind}'{closest(kind, own)}; one of: {', '.join(own)}"
            errors.append(RecordError(loc, label, "kind", reason))
            continue
        out.append(RawRecord(loc, label, kind, item))
    return out


def dump_document(nodes: Sequence[NodeModel], edges: Sequence[EdgeModel]) -> str:
    """The JSON text of a graph document (deterministic for the same, same-ordered input)."""
    doc = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "nodes": [n.model_dump(mode="json") for n in nodes],
        "edges": [e.model_dump(mode="json") for e in edges],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def write_json(path: Path, nodes: Sequence[NodeModel], edges: Sequence[EdgeModel]) -> None:
    """Write the document atomically (a temporary file renamed into place)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(dump_document(nodes, edges), encoding="utf-8")
    os.replace(tmp, path)
