"""``verbinder serve`` stops on SIGTERM while a request is still working, and writes nothing half."""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from graph import SqliteGraphStore
from tests.e2e.conftest import small_network

ROOT = Path(__file__).parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.slow
@pytest.mark.timeout(600)  # a guard against a server that never stops, not a speed target
def test_serve_stops_on_sigterm_with_a_write_in_flight(tmp_path: Path) -> None:
    db = tmp_path / "small.db"
    with SqliteGraphStore(db) as store:
        store.write(*small_network())
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "VERBINDER_STORE": str(db),
        "VERBINDER_ENCODER": "hashing",
        "VERBINDER_STORE_LOCK_TIMEOUT": "600",  # the write would wait for the lock for 10 minutes
        "VERBINDER_REQUEST_TIMEOUT": "600",
        "VERBINDER_SHUTDOWN_TIMEOUT": "1",
    }
    created = subprocess.run(
        [sys.executable, "-m", "api", "apikey", "create", "--role", "admin", "--name", "test"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    key = created.stdout.splitlines()[0]
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "api", "serve", "--no-seed", "--port", str(port)],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=(tmp_path / "serve.log").open("wb"),
    )
    url = f"http://127.0.0.1:{port}"
    other = sqlite3.connect(str(db), isolation_level=None)
    try:
        for _ in range(600):  # bounded wait for the server
            try:
                if httpx.get(f"{url}/ready", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        else:
            pytest.fail("serve did not become ready")
        other.execute("BEGIN IMMEDIATE")  # as an import in another process: the write waits
        answers: list[int | str] = []

        def write() -> None:
            try:
                r = httpx.post(
                    f"{url}/api/v1/nodes",
                    json={
                        "kind": "organisation",
                        "id": "org:laat",
                        "name": "Laat",
                        "org_kind": "company",
                    },
                    headers={"X-API-Key": key},
                    timeout=120,
                )
                answers.append(r.status_code)
            except httpx.HTTPError as e:
                answers.append(type(e).__name__)

        writer = threading.Thread(target=write)
        writer.start()
        time.sleep(1.0)  # let the request reach the server, where it waits for the lock
        # The lock wait is 600 s, so nothing but the stop can answer the write.
        assert writer.is_alive() and answers == [], "the write should still be in flight"
        proc.send_signal(signal.SIGTERM)
        # The server ends while its write still waits for the lock (held until after this line):
        # by uvicorn's graceful path (which ends with the signal re-raised) or by the watchdog.
        # How fast it stops is measured by `verbinder bench api`, not asserted here.
        assert proc.wait() in (0, -signal.SIGTERM)
        writer.join()
        # It was told the server is stopping (503), instead of the server waiting for it.
        assert answers == [503]
    finally:
        other.execute("ROLLBACK")
        other.close()
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    with SqliteGraphStore(db) as store:
        assert not store.has_node("org:laat")
        assert store.integrity_check() == "ok"


@pytest.mark.slow
def test_mixed_bench_counts_every_acknowledged_write_as_stored(tmp_path: Path) -> None:
    from api.http.bench_mixed import run_mixed_bench

    db = tmp_path / "small.db"
    with SqliteGraphStore(db) as store:
        store.write(*small_network())
    result = run_mixed_bench(str(db), seconds=4, readers=1, writers=1, encoder="hashing")
    assert result.acknowledged > 0
    assert result.writes.errors == []
    assert result.lost == 0 and result.stored == result.acknowledged
    assert result.reads.latencies_ms and result.reads.errors == []
    with SqliteGraphStore(db) as store:
        bench_orgs = [n.id for n in store.nodes("organisation") if n.id.startswith("org:bench-")]
    assert len(bench_orgs) == result.acknowledged // 2  # writes alternate feedback and nodes
