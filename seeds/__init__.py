"""The seed network of the ministry: real partner organisations and directorates, synthetic staff,
contacts, dossiers, programme editions and two years of dated interactions.

``seeds/data/seed.json`` is produced by ``python -m seeds.generate`` (deterministic, fixed seed) and
committed; :func:`load_seed` reads and validates it. ``seeds/README.md`` documents the generating
process, its parameters and the recommended evaluation split date (:data:`SPLIT_DATE`).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from graph.errors import ImportValidationError, RecordError
from graph.model import EdgeModel, NodeModel, parse_edge, parse_node

__all__ = [
    "SEED_FORMAT",
    "SEED_PATH",
    "SEED_VERSION",
    "SPLIT_DATE",
    "TODAY",
    "WINDOW_END",
    "WINDOW_START",
    "load_seed",
]

SEED_PATH: Path = Path(__file__).resolve().parent / "data" / "seed.json"
SEED_FORMAT = "verbinder"
SEED_VERSION = 1

#: The day the seed describes ("today" in the seeded world).
TODAY = dt.date(2026, 11, 28)
#: First and last day of the generated interaction history (guest tables included).
WINDOW_START = dt.date(2024, 11, 1)
WINDOW_END = dt.date(2026, 10, 31)
#: Recommended temporal split for evaluation: train on interactions before, test on or after.
SPLIT_DATE = dt.date(2026, 5, 1)


def _error(location: str, record: str, err: ValidationError) -> list[RecordError]:
    out = []
    for e in err.errors():
        field = ".".join(str(p) for p in e.get("loc", ()))
        out.append(RecordError(location, record, field, e.get("msg", "invalid value")))
    return out


def parse_document(
    doc: Any, location: str = "seed.json"
) -> tuple[list[NodeModel], list[EdgeModel]]:
    """Validate a parsed seed document into typed nodes and edges.

    Raises :class:`~graph.errors.ImportValidationError` listing every bad record.
    """
    if not isinstance(doc, dict):
        raise ImportValidationError([RecordError(location, "document", "", "not a JSON object")])
    errors: list[RecordError] = []
    if doc.get("format") != SEED_FORMAT:
        errors.append(RecordError(location, "document", "format", f"expected '{SEED_FORMAT}'"))
    if doc.get("version") != SEED_VERSION:
        errors.append(RecordError(location, "document", "version", f"expected {SEED_VERSION}"))
    nodes: list[NodeModel] = []
    edges: list[EdgeModel] = []
    for section, parse, out in (("nodes", parse_node, nodes), ("edges", parse_edge, edges)):
        records = doc.get(section)
        if not isinstance(records, list):
            errors.append(RecordError(location, "document", section, "missing or not a list"))
            continue
        for i, rec in enumerate(records):
            label = f"{section}[{i}]"
            if isinstance(rec, dict) and rec.get("id"):
                label += f" ({rec['id']})"
            if not isinstance(rec, dict):
                errors.append(RecordError(location, label, "", "not a JSON object"))
                continue
            try:
                out.append(parse(rec))  # type: ignore[arg-type]
            except ValidationError as e:
                errors.extend(_error(location, label, e))
    if errors:
        raise ImportValidationError(errors)
    return nodes, edges


def load_seed(path: str | Path | None = None) -> tuple[list[NodeModel], list[EdgeModel]]:
    """Read and validate the seed network (default :data:`SEED_PATH`).

    Returns
    -------
    (nodes, edges)
        Nodes sorted by id, edges sorted by identity ``(kind, source, target, key)``.

    Raises
    ------
    ImportValidationError
        When the file is missing, is not JSON, or any record fails validation.
    """
    p = Path(path) if path is not None else SEED_PATH
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ImportValidationError(
            [RecordError(str(p), "file", "", "no such file; run `python -m seeds.generate`")]
        ) from None
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as e:
        raise ImportValidationError(
            [RecordError(p.name, f"line {e.lineno}", "", f"invalid JSON: {e.msg}")]
        ) from None
    return parse_document(doc, p.name)
