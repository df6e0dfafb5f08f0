"""``verbinder bench api``: the suggestions endpoint under concurrent clients vs the service itself.

One run measures, on the same store, fitted state and queries:

1. the service function called directly, one caller (the baseline);
2. the service function called directly from ``clients`` threads;
3. ``POST /api/v1/suggestions`` through uvicorn on loopback with ``clients`` concurrent HTTP clients
   (asyncio + httpx in a separate process), authenticated with a staff key, personal-data checks
   and audit included.

Fitting (text model, ranker) happens once before timing and is reported separately.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import math
import multiprocessing
import shutil
import socket
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import typer

__all__ = ["BenchRow", "run_api_bench"]

_QUESTIONS = [
    "dijkversterking en kustveiligheid",
    "circulaire betonketen en CO2-arm bouwen",
    "laadinfrastructuur voor elektrische vrachtwagens",
    "waterkwaliteit en landbouw in het rivierengebied",
    "verkeersveiligheid fietsers in steden",
]


@dataclass(frozen=True)
class BenchRow:
    mode: str
    clients: int
    requests: int
    seconds: float
    latencies_ms: list[float]

    @property
    def throughput(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def p(self, q: float) -> float:
        ordered = sorted(self.latencies_ms)
        if not ordered:
            return 0.0
        idx = min(len(ordered) - 1, max(0, math.ceil(q * len(ordered)) - 1))  # nearest rank
        return ordered[idx]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _queries(store: Any, n_dossiers: int = 5) -> list[dict[str, Any]]:
    dossiers = [d.id for d in store.nodes("dossier")[:n_dossiers]]
    return [{"dossier": d} for d in dossiers] + [{"text": q} for q in _QUESTIONS]


def _direct(
    call: Callable[[dict[str, Any]], Any], queries: list[dict[str, Any]], total: int, clients: int
) -> BenchRow:
    latencies: list[float] = []
    lock = threading.Lock()

    def one(i: int) -> None:
        t0 = time.perf_counter()
        call(queries[i % len(queries)])
        dt_ms = (time.perf_counter() - t0) * 1000
        with lock:
            latencies.append(dt_ms)

    t0 = time.perf_counter()
    if clients == 1:
        for i in range(total):
            one(i)
    else:
        with ThreadPoolExecutor(max_workers=clients) as pool:
            list(pool.map(one, range(total)))
    mode = "service, direct" + ("" if clients == 1 else " (threads)")
    return BenchRow(mode, clients, total, time.perf_counter() - t0, latencies)


def _http_in_child(
    url: str, key: str, bodies: list[dict[str, Any]], total: int, clients: int
) -> BenchRow:
    """Run the HTTP clients (entry point of the separate load-generator process)."""
    return asyncio.run(_http(url, key, lambda i: bodies[i % len(bodies)], total, clients))


async def _http(
    url: str, key: str, body: Callable[[int], dict[str, Any]], total: int, clients: int
) -> BenchRow:
    import httpx

    latencies: list[float] = []
    counter = iter(range(total))
    errors: list[str] = []

    async def worker(client: httpx.AsyncClient) -> None:
        for i in counter:
            t0 = time.perf_counter()
            r = await client.post("/api/v1/suggestions", json=body(i))
            latencies.append((time.perf_counter() - t0) * 1000)
            if r.status_code != 200:
                errors.append(f"{r.status_code} {r.text[:200]}")

    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(
        base_url=url, headers={"X-API-Key": key}, limits=limits, timeout=600
    ) as client:
        t0 = time.perf_counter()
        await asyncio.gather(*(worker(client) for _ in range(clients)))
        seconds = time.perf_counter() - t0
    if errors:
        raise RuntimeError(f"{len(errors)} failed requests, first: {errors[0]}")
    return BenchRow("HTTP /api/v1/suggestions", clients, total, seconds, latencies)


def _print(rows: list[BenchRow], baseline: BenchRow) -> None:
    header = (
        f"{'mode':<32} {'clients':>7} {'requests':>8} {'req/s':>8} {'p50 ms':>8} "
        f"{'p95 ms':>8} {'vs direct':>9}"
    )
    typer.echo(header)
    typer.echo("-" * len(header))
    for r in rows:
        ratio = r.throughput / baseline.throughput if baseline.throughput else 0.0
        typer.echo(
            f"{r.mode:<32} {r.clients:>7} {r.requests:>8} {r.throughput:>8.1f} "
            f"{r.p(0.5):>8.1f} {r.p(0.95):>8.1f} {ratio:>8.2f}x"
        )


def run_api_bench(
    store_spec: str | None,
    *,
    clients: int = 20,
    total: int = 400,
    encoder: str | None = None,
    as_of: dt.date | None = None,
) -> list[BenchRow]:
    """Run the benchmark and print its table; returns the rows (direct, threads, HTTP)."""
    import uvicorn

    from api.http.app import create_app
    from api.settings import get_settings
    from api.stores import open_store

    # One key sends every request: without the rate limit, as in the mixed run's server.
    settings = get_settings().model_copy(update={"rate_limit_per_minute": 0})
    if encoder:
        settings = settings.model_copy(update={"encoder": encoder})
    tmp = Path(tempfile.mkdtemp(prefix="verbinder-bench-"))
    try:
        if store_spec:
            store = open_store(store_spec, settings)
        else:
            from graph.io import write_graph
            from seeds import TODAY, load_seed

            store = open_store(str(tmp / "bench.db"), settings)
            write_graph(store, *load_seed())
            as_of = as_of or TODAY
        as_of = as_of or dt.date.today()
        app = create_app(settings, store=store, auth_path=tmp / "bench.auth")
        runtime = app.state.runtime
        services = runtime.services
        _, key = runtime.keystore.create("staff", "bench")
        queries = _queries(store)
        typer.echo(
            f"store: {store!r}; encoder: {settings.encoder}; as_of {as_of}; "
            f"{len(queries)} distinct queries"
        )
        t0 = time.perf_counter()
        for q in queries:  # fit once (text model, ranker), excluded from the timings
            services.suggest(**q, as_of=as_of, k=10)
        typer.echo(f"fit + first pass over the queries: {time.perf_counter() - t0:.1f} s")

        def call(q: dict[str, Any]) -> Any:
            return services.suggest(**q, as_of=as_of, k=10)

        direct = _direct(call, queries, total, 1)
        threads = _direct(call, queries, total, clients)

        port = _free_port()
        server = uvicorn.Server(
            uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
        )
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            if not thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        try:
            bodies = [{**q, "as_of": as_of.isoformat(), "k": 10} for q in queries]
            # The clients run in their own process, so they do not compete with the server for
            # this process's interpreter lock.
            spawn = multiprocessing.get_context("spawn")
            with ProcessPoolExecutor(max_workers=1, mp_context=spawn) as pool:
                http = pool.submit(
                    _http_in_child, f"http://127.0.0.1:{port}", key, bodies, total, clients
                ).result()
        finally:
            server.should_exit = True
            thread.join(timeout=10)
        rows = [direct, threads, http]
        _print(rows, direct)
        typer.echo(
            f"HTTP at {clients} clients: {http.throughput / threads.throughput:.2f}x the throughput "
            f"of {clients} in-process callers; mean latency {statistics.mean(http.latencies_ms):.0f} "
            f"ms vs {statistics.mean(threads.latencies_ms):.0f} ms (the HTTP layer adds the key "
            "check, validation, personal-data check, audit entry, JSON and loopback)."
        )
        services.wait_background()  # a fit started in the background finishes before the close
        store.close()
        return rows
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
