"""Fixtures shared by every test folder.

- ``bolt_server`` (session): a :class:`~graph.devserver.BoltTarget` — the ArcadeDB Bolt
  server started from the ``arcadedb-embedded`` wheel (its start line is printed in the test
  log), or the real Neo4j named by ``VERBINDER_NEO4J_URI`` (+ ``_USER``/``_PASSWORD``/
  ``_DATABASE``). Use ``bolt_server.fresh_store()`` for a ``Neo4jGraphStore`` on a fresh, empty
  database. If the server cannot start, the tests that use it fail with the server log.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from graph.devserver import BoltServer, BoltTarget


@pytest.fixture(scope="session")
def bolt_server(request: pytest.FixtureRequest) -> Iterator[BoltTarget]:
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    target = BoltTarget.from_env()
    server: BoltServer | None = None
    if target is None:
        server = BoltServer.start()
        target = BoltTarget.from_server(server)
        line = f"ArcadeDB started in {server.started_in:.1f}s: {server.start_line()}"
    else:
        line = f"using {target.description}"
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    if reporter is not None and capture is not None:
        with capture.global_and_fixture_disabled():
            reporter.write_line(f"\n[bolt_server] {line}")
    try:
        yield target
    finally:
        target.close()
        if server is not None:
            server.stop()
