"""A process killed (SIGKILL) in the middle of a large import leaves the store as it was.

The import runs in a real ``verbinder import`` subprocess; the test waits until the write
transaction is under way (the ``-wal`` file grows past what opening the store writes), kills the
process, reopens the store and compares its contents with the state before.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from graph import SqliteGraphStore
from graph.io import import_graph

TINY = Path(__file__).parents[1] / "data" / "tiny_graph.json"
N_STAFF = 2_000
N_ORGS = 1_000
N_EDGES = 200_000
WAL_UNDER_WAY = 512 * 1024  # bytes: pages of the big transaction spilling into the WAL


def _big_graph(path: Path) -> None:
    nodes = [
        {"id": f"staff:b{i:05d}", "kind": "staff", "name": f"Medewerker {i}"}
        for i in range(N_STAFF)
    ]
    nodes += [
        {
            "id": f"org:b{i:05d}",
            "kind": "organisation",
            "name": f"Partner {i}",
            "org_kind": "company",
        }
        for i in range(N_ORGS)
    ]
    edges = [
        {
            "kind": "INTERACTED",
            "source": f"staff:b{i % N_STAFF:05d}",
            "target": f"org:b{(i * 7919) % N_ORGS:05d}",
            "key": f"m{i:06d}",
            "date": f"2025-{i % 12 + 1:02d}-{i % 28 + 1:02d}",
            "note": f"Gesprek {i} over dijkversterking en waterkwaliteit",
        }
        for i in range(N_EDGES)
    ]
    doc = {"format": "verbinder", "version": 1, "nodes": nodes, "edges": edges}
    path.write_text(json.dumps(doc), encoding="utf-8")


def _content(db: Path) -> str:
    store = SqliteGraphStore(db)
    try:
        dump = [n.model_dump_json() for n in store.nodes()] + [
            e.model_dump_json() for e in store.edges()
        ]
        assert store.integrity_check() == "ok"
    finally:
        store.close()
    return hashlib.sha256("\n".join(dump).encode()).hexdigest()


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_sigkill_mid_import_leaves_the_previous_state(tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    store = SqliteGraphStore(db)
    import_graph(store, TINY)
    store.close()
    before = _content(db)
    big = tmp_path / "big.json"
    _big_graph(big)
    wal = Path(f"{db}-wal")

    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from api.cli import main; main()",
            "import",
            str(big),
            "--store",
            str(db),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    deadline = time.monotonic() + 240
    wal_size = 0
    try:
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                out, err = proc.communicate()
                pytest.fail(
                    f"import ended (exit {proc.returncode}) before the write could be caught; "
                    f"stdout={out!r} stderr={err[-2000:]!r}"
                )
            wal_size = wal.stat().st_size if wal.exists() else 0
            if wal_size > WAL_UNDER_WAY:
                os.kill(proc.pid, signal.SIGKILL)
                break
            time.sleep(0.002)
        else:
            pytest.fail("the write transaction never started")
    finally:
        if proc.poll() is None and wal_size <= WAL_UNDER_WAY:
            proc.kill()
        proc.wait(timeout=30)
        proc.stdout.close()  # type: ignore[union-attr]
        proc.stderr.close()  # type: ignore[union-attr]

    assert proc.returncode == -signal.SIGKILL
    assert wal_size > WAL_UNDER_WAY  # killed with part of the batch already in the WAL
    assert _content(db) == before  # also runs PRAGMA integrity_check == "ok"

    # The same file still takes a complete import afterwards.
    store = SqliteGraphStore(db)
    try:
        assert store.counts()["staff"] == 2
        assert import_graph(store, TINY) == (12, 12)
    finally:
        store.close()
