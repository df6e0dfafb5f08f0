"""Liveness (``/health``) and readiness (``/ready``): no key needed, no personal data."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from api.http.deps import RuntimeDep
from api.http.schemas import Health, Ready, Unready

__all__ = ["router"]

router = APIRouter(tags=["health"])


@router.get(
    "/health",
    summary="Liveness",
    response_model=Health,
    responses={200: {"content": {"application/json": {"example": {"status": "ok"}}}}},
)
def health() -> dict[str, str]:
    """The process answers."""
    return {"status": "ok"}


@router.get(
    "/ready",
    summary="Readiness: the store and the key file answer",
    response_model=Ready,
    responses={
        200: {
            "content": {
                "application/json": {
                    "example": {
                        "status": "ready",
                        "store": "SqliteGraphStore('verbinder.db')",
                        "revision": 12,
                        "nodes": 1510,
                        "edges": 9830,
                        "use_cases": ["suggestions", "seating"],
                    }
                }
            }
        },
        503: {"description": "The store or the key file cannot be used.", "model": Unready},
    },
)
def ready(runtime: RuntimeDep) -> Any:
    """Ready when the store can be read (node/edge counts) and the key file opened."""
    try:
        store = runtime.store
        counts = store.counts()
        revision = store.revision
        runtime.keystore.count()
    except Exception as e:  # readiness reports any backend failure as 503
        return JSONResponse({"status": "unavailable", "detail": type(e).__name__}, status_code=503)
    from graph.model import EDGE_KINDS, NODE_KINDS

    return {
        "status": "ready",
        "store": type(store).__name__,
        "revision": revision,
        "nodes": sum(v for k, v in counts.items() if k in NODE_KINDS),
        "edges": sum(v for k, v in counts.items() if k in EDGE_KINDS),
        "use_cases": list(getattr(runtime, "use_cases", [])),
    }
