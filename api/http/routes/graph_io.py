"""Whole-graph import (JSON document or XLSX workbook upload) and export (admin only).

An import is validated completely before anything is written; a bad file answers 422 with one
entry per bad record (file, record, field, reason) and leaves the store unchanged. An export holds
everyone's personal data, so it is written to the audit log with every person's id.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, File, Query, UploadFile
from fastapi.responses import Response

from api.http.deps import ExportDisclosure, StoreDep
from api.http.problems import PROBLEM_RESPONSES, Problem
from api.http.schemas import ImportResult
from api.privacy import PD_FIELDS
from graph.io import export_graph, import_graph

__all__ = ["router"]

router = APIRouter(prefix="/api/v1/graph", tags=["import/export"], responses=PROBLEM_RESPONSES)

_MEDIA = {
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@router.post(
    "/import",
    summary="Import a network file (admin)",
    response_model=ImportResult,
    responses={
        200: {"content": {"application/json": {"example": {"nodes": 1510, "edges": 9830}}}},
        422: {
            "content": {
                "application/problem+json": {
                    "example": {
                        "type": "https://verbinder.minienw.nl/problems/unprocessable-entity",
                        "title": "Unprocessable Entity",
                        "status": 422,
                        "detail": "1 error(s); nothing was written: …",
                        "errors": [
                            {
                                "location": "netwerk.json",
                                "record": "node 3 (org:x)",
                                "field": "org_kind",
                                "reason": "Input should be 'company', …",
                            }
                        ],
                    }
                }
            }
        },
    },
)
def import_file(
    store: StoreDep,
    disclosure: ExportDisclosure,
    file: Annotated[
        UploadFile,
        File(description="A `.json` document, an `.xlsx` workbook or one `<kind>.csv` file."),
    ],
    replace: Annotated[bool, Query(description="Replace the whole graph by the file.")] = False,
) -> dict[str, Any]:
    """All or nothing: any bad record answers 422 with every error, and nothing is written."""
    name = Path(file.filename or "upload").name
    suffix = Path(name).suffix.lower()
    if suffix not in (".json", ".xlsx", ".csv"):
        raise Problem(
            422, f"'{name}': upload a .json document, an .xlsx workbook or one <kind>.csv file"
        )
    with tempfile.TemporaryDirectory() as tmp:
        # A CSV file is one kind of a CSV folder: import it as a folder holding just that file.
        folder = Path(tmp) / "csv" if suffix == ".csv" else Path(tmp)
        folder.mkdir(exist_ok=True)
        path = folder / name
        path.write_bytes(file.file.read())
        n_nodes, n_edges = import_graph(
            store, folder if suffix == ".csv" else path, replace=replace
        )
    return {"nodes": n_nodes, "edges": n_edges, "replace": replace}


@router.get(
    "/export",
    summary="Export the whole network (admin; audited)",
    response_class=Response,
    responses={
        200: {
            "content": {
                _MEDIA["json"]: {
                    "schema": {
                        "type": "object",
                        "description": "The network document (see docs: format, version, nodes, edges).",
                        "required": ["format", "version", "nodes", "edges"],
                    }
                },
                _MEDIA["xlsx"]: {},
            }
        }
    },
)
def export_file(
    store: StoreDep,
    disclosure: ExportDisclosure,
    format: Annotated[Literal["json", "xlsx"], Query(description="File format.")] = "json",
) -> Response:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"verbinder.{format}"
        export_graph(store, path)
        data = path.read_bytes()
    disclosure.shown.update(n.id for kind in PD_FIELDS for n in store.nodes(kind))
    return Response(
        data,
        media_type=_MEDIA[format],
        headers={"Content-Disposition": f'attachment; filename="verbinder.{format}"'},
    )
