"""Every store passes the same contract suite: the ``store`` fixture is parametrised over backends."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from graph import GraphStore, SqliteGraphStore

BACKENDS = ["sqlite"]


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path) -> Iterator[GraphStore]:
    if request.param == "sqlite":
        s = SqliteGraphStore(tmp_path / "contract.db")
    else:  # pragma: no cover - other backends register their own factory
        s = request.getfixturevalue(f"{request.param}_store")
    try:
        yield s
    finally:
        s.close()
