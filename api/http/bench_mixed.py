"""``verbinder bench api`` mixed run: suggestions while others write, against a real ``serve``.

A ``verbinder serve`` process on loopback (its own interpreter, the production entry point) is
driven by HTTP clients in this process, in two phases of equal length:

1. **reads only**: ``readers`` clients ask suggestions back to back;
2. **reads + writes**: the same readers while ``writers`` clients record feedback (a staff key bound
   to a person, for that person) and create organisations (an admin key), each write with its own
   id.

Reported: suggestion p50/p95 of each phase and their ratio (a suggestion that timed out counts with
the full client time-out), writes acknowledged (2xx) against
writes found in the store after the server stopped (lost = acknowledged but missing), errors
(any other status), time-outs (no answer within ``request_timeout``), and how long the server took
to exit after SIGTERM while suggestions were still being computed. Every loop is bounded by the
phase's deadline and by ``max_requests``.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import typer

__all__ = ["MixedResult", "free_port", "run_mixed_bench"]

_QUESTIONS = [
    "dijkversterking en kustveiligheid",
    "circulaire betonketen en CO2-arm bouwen",
    "laadinfrastructuur voor elektrische vrachtwagens",
    "waterkwaliteit en landbouw in het rivierengebied",
]


#: Writes per writer at most; each feedback write takes its own day back from yesterday.
_WRITES_PER_WRITER = 3000


@dataclass
class Phase:
    name: str
    latencies_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    timeouts: int = 0
    seconds: float = 0.0

    def p(self, q: float) -> float:
        ordered = sorted(self.latencies_ms)
        if not ordered:
            return 0.0
        return ordered[min(len(ordered) - 1, max(0, int(q * len(ordered) + 0.999999) - 1))]


@dataclass
class MixedResult:
    reads: Phase
    mixed: Phase
    writes: Phase
    acknowledged: int
    stored: int
    stop_seconds: float

    @property
    def lost(self) -> int:
        return self.acknowledged - self.stored

    @property
    def p95_ratio(self) -> float:
        base = self.reads.p(0.95)
        return self.mixed.p(0.95) / base if base else 0.0


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _cli(*args: str, env: dict[str, str], cwd: Path) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "api", *args],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"verbinder {' '.join(args)} failed: {done.stderr.strip()[-500:]}")
    return done.stdout.strip().splitlines()[0]


async def _wait_ready(url: str, proc: subprocess.Popen[bytes], limit: float = 300.0) -> None:
    import httpx

    deadline = time.monotonic() + limit
    async with httpx.AsyncClient(base_url=url, timeout=5) as client:
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise RuntimeError(f"verbinder serve exited with {proc.returncode}")
            try:
                if (await client.get("/ready")).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.2)
    raise RuntimeError("verbinder serve did not become ready")


async def _reader(
    client: Any, bodies: list[dict[str, Any]], phase: Phase, deadline: float, cap: int
) -> None:
    """Ask suggestions until ``deadline``; a request that times out counts as one that took the
    whole time-out (so the percentiles never look better than what users waited)."""
    import httpx

    timeout_ms = float(client.timeout.read or 0) * 1000
    i = 0
    while time.monotonic() < deadline and len(phase.latencies_ms) < cap:
        body = bodies[i % len(bodies)]
        i += 1
        t0 = time.perf_counter()
        try:
            r = await client.post("/api/v1/suggestions", json=body)
        except httpx.TimeoutException:
            phase.timeouts += 1
            phase.latencies_ms.append(timeout_ms)
            continue
        phase.latencies_ms.append((time.perf_counter() - t0) * 1000)
        if r.status_code != 200:
            phase.errors.append(f"{r.status_code} {r.text[:200]}")


async def _writer(
    n: int,
    clients: dict[str, Any],
    plan: dict[str, Any],
    phase: Phase,
    acked: list[tuple[str, str]],
    deadline: float,
    cap: int,
) -> None:
    """Alternate feedback (staff key, own subject) and new organisations (admin key)."""
    import httpx

    i = 0
    cap = min(cap, _WRITES_PER_WRITER)
    while time.monotonic() < deadline and i < cap:
        i += 1
        serial = f"{n}-{i}"
        if i % 2:
            day = plan["first_day"] - dt.timedelta(days=n * _WRITES_PER_WRITER + i)
            target = plan["targets"][(n + i) % len(plan["targets"])]
            body = {"target": target, "outcome": "accepted", "date": day.isoformat()}
            who, url, ident = "staff", "/api/v1/feedback", f"feedback:{target}:{day.isoformat()}"
        else:
            org = f"org:bench-{serial}"
            body = {"kind": "organisation", "id": org, "name": f"Bench {serial}"}
            body["org_kind"] = "company"
            who, url, ident = "admin", "/api/v1/nodes", f"node:{org}"
        t0 = time.perf_counter()
        try:
            r = await clients[who].post(url, json=body)
        except httpx.TimeoutException:
            phase.timeouts += 1
            phase.latencies_ms.append(float(clients[who].timeout.read or 0) * 1000)
            continue
        phase.latencies_ms.append((time.perf_counter() - t0) * 1000)
        if 200 <= r.status_code < 300:
            acked.append((ident.split(":", 1)[0], ident.split(":", 1)[1]))
        else:
            phase.errors.append(f"{r.status_code} {r.text[:200]}")


async def _drive(
    url: str, keys: dict[str, str], plan: dict[str, Any], opts: dict[str, Any]
) -> tuple[Phase, Phase, Phase, list[tuple[str, str]]]:
    import httpx

    half = opts["seconds"] / 2
    timeout = httpx.Timeout(opts["request_timeout"])
    limits = httpx.Limits(max_connections=opts["readers"] + opts["writers"] + 4)
    clients = {
        role: httpx.AsyncClient(
            base_url=url, headers={"X-API-Key": key}, timeout=timeout, limits=limits
        )
        for role, key in keys.items()
    }
    try:
        bodies = plan["bodies"]
        for body in bodies:  # the first answers fit the models; not timed
            await clients["staff"].post("/api/v1/suggestions", json=body, timeout=600)
        reads, mixed, writes = Phase("reads only"), Phase("reads + writes"), Phase("writes")
        cap = opts["max_requests"]
        t0 = time.monotonic()
        await asyncio.gather(
            *(
                _reader(clients["staff"], bodies[r:] + bodies[:r], reads, t0 + half, cap)
                for r in range(opts["readers"])
            )
        )
        reads.seconds = time.monotonic() - t0
        acked: list[tuple[str, str]] = []
        t0 = time.monotonic()
        await asyncio.gather(
            *(
                _reader(clients["staff"], bodies[r:] + bodies[:r], mixed, t0 + half, cap)
                for r in range(opts["readers"])
            ),
            *(
                _writer(n, clients, plan, writes, acked, t0 + half, cap)
                for n in range(opts["writers"])
            ),
        )
        mixed.seconds = writes.seconds = time.monotonic() - t0
        return reads, mixed, writes, acked
    finally:
        for client in clients.values():
            await client.aclose()


def _stop_with_work_in_flight(url: str, key: str, proc: subprocess.Popen[bytes]) -> float:
    """Start suggestions for new dates (each needs fresh work), send SIGTERM, time the exit."""
    import httpx

    pending = []
    for days in range(1, 4):
        day = (dt.date.today() - dt.timedelta(days=400 + days)).isoformat()
        body = {"text": _QUESTIONS[days % len(_QUESTIONS)], "as_of": day}

        def send(body: dict[str, Any] = body) -> None:
            with contextlib.suppress(httpx.HTTPError):  # the server goes away: that is the point
                httpx.post(
                    f"{url}/api/v1/suggestions", json=body, headers={"X-API-Key": key}, timeout=60
                )

        thread = threading.Thread(target=send, daemon=True)
        thread.start()
        pending.append(thread)
    time.sleep(0.5)
    t0 = time.monotonic()
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        return float("inf")
    return time.monotonic() - t0


def _stored(store_spec: str, acked: list[tuple[str, str]], staff_id: str) -> int:
    from api.settings import get_settings
    from api.stores import open_store

    store = open_store(store_spec, get_settings())
    try:
        nodes = {n.id for n in store.nodes("organisation")}
        feedback = {
            (e.target, e.date.isoformat() if e.date else "")
            for e in store.edges("FEEDBACK", source=staff_id)
        }
    finally:
        store.close()
    found = 0
    for kind, ident in acked:
        if kind == "node":
            found += ident in nodes
        else:
            target, day = ident.rsplit(":", 1)
            found += (target, day) in feedback
    return found


def _print(result: MixedResult, opts: dict[str, Any]) -> None:
    r, m, w = result.reads, result.mixed, result.writes
    typer.echo(
        f"\nmixed read/write run: {opts['seconds']:g} s against `verbinder serve` on loopback, "
        f"{opts['readers']} readers, {opts['writers']} writers"
    )
    header = (
        f"{'phase':<28} {'requests':>8} {'p50 ms':>8} {'p95 ms':>8} {'errors':>6} {'timeouts':>8}"
    )
    typer.echo(header)
    typer.echo("-" * len(header))
    for ph in (r, m, w):
        label = "suggestions, " + ph.name if ph is not w else "writes"
        typer.echo(
            f"{label:<28} {len(ph.latencies_ms):>8} {ph.p(0.5):>8.0f} {ph.p(0.95):>8.0f} "
            f"{len(ph.errors):>6} {ph.timeouts:>8}"
        )
    censored = " (time-outs counted as the full time-out)" if m.timeouts else ""
    typer.echo(f"suggestion p95 with writes / without: {result.p95_ratio:.2f}x{censored}")
    typer.echo(
        f"writes acknowledged {result.acknowledged}, stored {result.stored}, lost {result.lost}"
    )
    typer.echo(f"exit after SIGTERM with suggestions in flight: {result.stop_seconds:.1f} s")
    for ph in (r, m, w):
        if ph.errors:
            typer.echo(f"first error ({ph.name}): {ph.errors[0]}")


def _prepare_store(spec: str, *, seeded: bool) -> tuple[str, list[str], list[str]]:
    """Load the seed into a fresh bench store; a staff member, write targets and dossiers to ask."""
    from api.settings import get_settings
    from api.stores import open_store

    store = open_store(spec, get_settings())
    try:
        if seeded:
            from graph.io import write_graph
            from seeds import load_seed

            write_graph(store, *load_seed())
        staff_id = store.edges("MEMBER_OF")[0].source
        targets = [o.id for o in store.nodes("organisation")[:50]]
        dossiers = [d.id for d in store.nodes("dossier")[:4]]
    finally:
        store.close()
    return staff_id, targets, dossiers


def _serve_env(spec: str, encoder: str | None, request_timeout: float) -> dict[str, str]:
    """The environment of the served process: the store, no rate limit, a generous time-out."""
    env = {**os.environ, "VERBINDER_STORE": spec, "VERBINDER_RATE_LIMIT_PER_MINUTE": "0"}
    env["VERBINDER_REQUEST_TIMEOUT"] = str(max(request_timeout * 2, 60))
    if encoder:
        env["VERBINDER_ENCODER"] = encoder
    env["PYTHONPATH"] = os.pathsep.join([str(Path(__file__).parents[2]), env.get("PYTHONPATH", "")])
    return env


def _bench_keys(staff_id: str, env: dict[str, str], tmp: Path) -> dict[str, str]:
    """A reader key that belongs to a staff member and a writer (admin) key, made by the CLI."""
    return {
        "staff": _cli(
            "apikey",
            "create",
            "--role",
            "staff",
            "--name",
            "bench lezer",
            "--staff",
            staff_id,
            env=env,
            cwd=tmp,
        ),
        "admin": _cli(
            "apikey", "create", "--role", "admin", "--name", "bench schrijver", env=env, cwd=tmp
        ),
    }


def run_mixed_bench(
    store_spec: str | None,
    *,
    seconds: float = 60.0,
    readers: int = 4,
    writers: int = 2,
    encoder: str | None = None,
    request_timeout: float = 30.0,
    max_requests: int = 20_000,
) -> MixedResult:
    """Run the mixed read/write bench and print its table (default store: a temporary copy of the
    seed network; a given store gets the bench's writes)."""
    tmp = Path(tempfile.mkdtemp(prefix="verbinder-mixed-"))
    spec = store_spec or str(tmp / "bench.db")
    staff_id, targets, dossiers = _prepare_store(spec, seeded=store_spec is None)
    env = _serve_env(spec, encoder, request_timeout)
    keys = _bench_keys(staff_id, env, tmp)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = (tmp / "serve.log").open("wb")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "api",
            "serve",
            "--no-seed",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        env=env,
        cwd=tmp,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    opts = {
        "seconds": seconds,
        "readers": readers,
        "writers": writers,
        "request_timeout": request_timeout,
        "max_requests": max_requests,
    }
    as_of = dt.date.today().isoformat()
    plan = {
        "bodies": [{"dossier": d, "as_of": as_of, "k": 10} for d in dossiers]
        + [{"text": q, "as_of": as_of, "k": 10} for q in _QUESTIONS],
        "targets": targets,
        "first_day": dt.date.today() - dt.timedelta(days=1),
    }
    try:
        asyncio.run(_wait_ready(url, proc))
        reads, mixed, writes, acked = asyncio.run(_drive(url, keys, plan, opts))
        stop = _stop_with_work_in_flight(url, keys["staff"], proc)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        log.close()
    result = MixedResult(
        reads=reads,
        mixed=mixed,
        writes=writes,
        acknowledged=len(acked),
        stored=_stored(spec, acked, staff_id),
        stop_seconds=stop,
    )
    _print(result, opts)
    return result
