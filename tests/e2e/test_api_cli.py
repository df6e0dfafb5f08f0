"""``verbinder apikey …`` through the CLI runner and ``verbinder serve`` as a real process."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from api import cli
from api.keystore import KeyStore

cli.register_commands()
runner = CliRunner()
TINY = Path(__file__).resolve().parents[1] / "data" / "tiny_graph.json"


def test_apikey_create_prints_the_key_once_and_stores_only_its_hash(tmp_path: Path) -> None:
    db = str(tmp_path / "v.db")
    made = runner.invoke(
        cli.app, ["apikey", "create", "--role", "facilitator", "--name", "Bureau", "--store", db]
    )
    assert made.exit_code == 0, made.output
    plain = made.stdout.strip().splitlines()[0]
    assert re.fullmatch(r"vb_[0-9a-f]{12}_[\w-]+", plain)
    keystore = KeyStore(f"{db}.auth")
    key = keystore.verify(plain)
    assert key is not None and key.role.value == "facilitator" and key.name == "Bureau"
    assert plain.split("_", 2)[2].encode() not in Path(f"{db}.auth").read_bytes()
    listed = runner.invoke(cli.app, ["apikey", "list", "--store", db])
    assert key.key_id in listed.stdout and "facilitator" in listed.stdout
    assert plain not in listed.stdout
    revoked = runner.invoke(cli.app, ["apikey", "revoke", key.key_id, "--store", db])
    assert revoked.exit_code == 0
    assert keystore.verify(plain) is None
    keystore.close()


def test_apikey_create_rejects_an_unknown_role(tmp_path: Path) -> None:
    r = runner.invoke(
        cli.app,
        ["apikey", "create", "--role", "baas", "--name", "x", "--store", str(tmp_path / "v.db")],
    )
    assert r.exit_code == 1 and "unknown role 'baas'" in r.output


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.slow
def test_serve_loads_the_seed_on_first_start_and_prints_a_working_curl(tmp_path: Path) -> None:
    port = _free_port()
    env = {**os.environ, "VERBINDER_ENCODER": "hashing", "HF_HUB_OFFLINE": "1"}
    proc = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "verbinder"),
            "serve",
            "--store",
            str(tmp_path / "v.db"),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
        cwd=Path(__file__).parents[2],
    )
    lines: list[str] = []
    try:
        assert proc.stdout is not None
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            lines.append(line.rstrip())
            if line.startswith("try:"):
                break
        out = "\n".join(lines)
        assert "first start: loaded the seed network" in out, out
        assert f"Verbinder serves http://127.0.0.1:{port}/" in out
        key = re.search(r'X-API-Key: (vb_\S+)"', out)
        assert key, out
        url = re.search(r'"(http://127\.0\.0\.1:\d+/api/v1/nodes\?[^"]+)"', out)
        assert url, out
        body = None
        while time.monotonic() < deadline:
            try:
                r = httpx.get(url.group(1), headers={"X-API-Key": key.group(1)}, timeout=10)
                body = r.json()
                break
            except httpx.TransportError:
                time.sleep(0.2)
        assert body is not None and body["total"] > 100 and len(body["items"]) == 3
        assert httpx.get(f"http://127.0.0.1:{port}/inloggen", timeout=10).status_code == 200
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


def test_a_key_can_belong_to_a_staff_member(tmp_path: Path) -> None:
    db = str(tmp_path / "k.db")
    assert runner.invoke(cli.app, ["import", str(TINY), "--store", db]).exit_code == 0
    made = runner.invoke(
        cli.app,
        [
            "apikey",
            "create",
            "--role",
            "staff",
            "--name",
            "A",
            "--staff",
            "staff:0001",
            "--store",
            db,
        ],
    )
    assert made.exit_code == 0, made.output
    assert "person staff:0001" in made.stderr
    listed = runner.invoke(cli.app, ["apikey", "list", "--store", db])
    assert "[staff:0001]" in listed.output
    wrong = runner.invoke(
        cli.app,
        [
            "apikey",
            "create",
            "--role",
            "staff",
            "--name",
            "B",
            "--staff",
            "staff:nobody",
            "--store",
            db,
        ],
    )
    assert wrong.exit_code == 1
    assert "no such staff member" in wrong.stderr
