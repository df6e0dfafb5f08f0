"""Schemathesis over the whole API, per role, against the ASGI app (no network).

Every operation of ``/openapi.json`` gets generated valid and invalid requests with an admin, a
facilitator and a staff key. Each answer must not be a server error, its status code must be one
the operation documents, and its body must match the documented response schema.

Budget: ``VERBINDER_FUZZ_EXAMPLES`` examples per operation and generation mode (default 12, so
about 28 operations × 2 modes × 12 ≈ 670 requests per role). A deeper run::

    VERBINDER_FUZZ_EXAMPLES=200 pytest tests/e2e/test_api_schema.py
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    response_schema_conformance,
    status_code_conformance,
)

from tests.e2e.conftest import build_api

EXAMPLES = int(os.environ.get("VERBINDER_FUZZ_EXAMPLES", "12"))
CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]


def _fuzz(app: Any, headers: dict[str, str]) -> tuple[int, list[str]]:
    """Run every operation; return (operations run, distinct failures)."""
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    failures: dict[str, str] = {}
    operations = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(
                max_examples=EXAMPLES,
                deadline=None,
                database=None,
                derandomize=True,
                phases=[Phase.explicit, Phase.generate],
                suppress_health_check=list(HealthCheck),
            )
            def run(case: Any) -> None:
                try:
                    case.call_and_validate(headers=headers, checks=CHECKS)
                except BaseException as e:  # collect every distinct failure, then report
                    if isinstance(e, KeyboardInterrupt):
                        raise
                    first = (str(e).strip().splitlines() or [type(e).__name__])[0]
                    key = f"{case.operation.label}: {type(e).__name__}: {first}"
                    failures.setdefault(key, str(e)[:2000])

            # An operation without inputs has no invalid request: Unsatisfiable.
            with contextlib.suppress(Unsatisfiable):
                run()
    return operations, list(failures.values())


@pytest.mark.slow
@pytest.mark.parametrize("role", ["admin", "facilitator", "staff"])
def test_no_server_errors_and_schema_conformance(tmp_path: Path, role: str) -> None:
    api = build_api(tmp_path)
    try:
        operations, failures = _fuzz(api.app, api.headers(role))
    finally:
        api.client.close()
        api.store.close()
    assert operations >= 25
    assert not failures, f"{len(failures)} failure(s):\n\n" + "\n\n".join(failures)


def test_every_json_operation_declares_a_typed_response(api) -> None:
    spec = api.client.get("/openapi.json").json()
    untyped = []
    for path, item in spec["paths"].items():
        for method, op in item.items():
            for status, response in op["responses"].items():
                if not status.startswith("2") or status == "204":
                    continue
                content = response.get("content", {})
                json_schema = content.get("application/json", {}).get("schema")
                if "application/json" in content and not (
                    json_schema and ("$ref" in json_schema or "required" in json_schema)
                ):
                    untyped.append(f"{method.upper()} {path} {status}")
    assert untyped == []
