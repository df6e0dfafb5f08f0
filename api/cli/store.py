"""``verbinder bench store``: the embedded store against a Bolt server, in the same run.

Measures bulk import (the seed, then a synthetic graph of the size of all of central government —
130,000 staff and 100,000 organisations at ``--scale 1``), neighbourhood queries and candidate
search (nearest organisations to a query vector), and prints one table with the Bolt / embedded
ratio. Without ``--bolt`` the ArcadeDB Bolt server of the test suite is started (source checkout).
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from api.cli.common import JsonOption, bench_app, fail, print_json

if TYPE_CHECKING:
    import numpy as np

    from graph.model import EdgeModel, NodeModel
    from graph.store import GraphStore

__all__ = ["bench_store", "synthetic_network"]

FULL_STAFF = 130_000
FULL_ORGANISATIONS = 100_000
CHUNK = 20_000


def synthetic_network(
    n_staff: int, n_orgs: int, *, seed: int = 0
) -> tuple[list[NodeModel], list[EdgeModel]]:
    """A synthetic network: staff, organisations, one contact per two organisations, one dossier
    per 50 staff, and a few edges per node (WORKS_ON, WORKS_AT, STAKEHOLDER_IN, 2× INTERACTED)."""
    import datetime as dt

    import numpy as np

    from graph.model import (
        Contact,
        Dossier,
        Interacted,
        Organisation,
        OrganisationKind,
        Staff,
        StakeholderIn,
        WorksAt,
        WorksOn,
    )

    rng = np.random.default_rng(seed)
    kinds = list(OrganisationKind)
    n_contacts = max(1, n_orgs // 2)
    n_dossiers = max(1, n_staff // 50)
    staff = [Staff(id=f"staff:{i:06d}", name=f"Medewerker {i}") for i in range(n_staff)]
    orgs = [
        Organisation(
            id=f"org:{i:06d}",
            name=f"Organisatie {i}",
            org_kind=kinds[i % len(kinds)],
            sectors=["water"] if i % 3 == 0 else ["mobiliteit"],
        )
        for i in range(n_orgs)
    ]
    contacts = [Contact(id=f"contact:{i:06d}", name=f"Contact {i}") for i in range(n_contacts)]
    dossiers = [Dossier(id=f"dossier:{i:05d}", title=f"Dossier {i}") for i in range(n_dossiers)]
    start = dt.date(2024, 11, 1)
    days = rng.integers(0, 730, size=2 * n_staff)
    met = rng.integers(0, n_contacts, size=2 * n_staff)
    edges: list[EdgeModel] = []
    edges += [WorksOn(source=s.id, target=dossiers[i % n_dossiers].id) for i, s in enumerate(staff)]
    edges += [WorksAt(source=c.id, target=orgs[2 * i].id) for i, c in enumerate(contacts)]
    edges += [
        StakeholderIn(source=o.id, target=dossiers[int(j)].id)
        for o, j in zip(orgs, rng.integers(0, n_dossiers, size=n_orgs), strict=True)
    ]
    for i, s in enumerate(staff):
        for j in (2 * i, 2 * i + 1):
            day = start + dt.timedelta(days=int(days[j]))
            edges.append(
                Interacted(
                    source=s.id, target=contacts[int(met[j])].id, key=day.isoformat(), date=day
                )
            )
    return [*staff, *orgs, *contacts, *dossiers], edges


@contextmanager
def _bolt_target(uri: str | None) -> Iterator[Any]:
    """The Bolt server to benchmark: ``uri`` (credentials from settings) or the test server."""
    if uri is not None:
        from api.settings import get_settings

        s = get_settings()
        yield _External(uri, s.neo4j_user, s.neo4j_password, s.neo4j_database)
        return
    from graph.devserver import BoltServer, BoltTarget

    server = BoltServer.start(heap="2g")
    typer.echo(f"started ArcadeDB Bolt server in {server.started_in:.1f}s at {server.uri}")
    target = BoltTarget.from_server(server)
    try:
        yield target
    finally:
        target.close()
        server.stop()


class _External:
    """An external Neo4j: one database, which must be empty (the benchmark clears it after)."""

    server = None

    def __init__(self, uri: str, user: str, password: str, database: str | None):
        self.uri, self.user, self.password, self.database = uri, user, password, database

    @contextmanager
    def fresh_store(self, prefix: str = "bench") -> Iterator[GraphStore]:
        from graph.neo4j_store import Neo4jGraphStore

        store = Neo4jGraphStore.connect(
            self.uri, user=self.user, password=self.password, database=self.database
        )
        if store.counts():
            store.close()
            fail(f"refusing to benchmark on {self.uri}: the database is not empty")
        try:
            yield store
        finally:
            store.clear()
            store.close()


def _timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


def _bulk_write(store: GraphStore, nodes: list[NodeModel], edges: list[EdgeModel]) -> None:
    for i in range(0, len(nodes), CHUNK):
        store.write(nodes[i : i + CHUNK], ())
    for i in range(0, len(edges), CHUNK):
        store.write((), edges[i : i + CHUNK])


def _latencies(fn: Callable[[int], Any], n: int) -> tuple[float, float]:
    times = []
    for i in range(n):
        t0 = time.perf_counter()
        fn(i)
        times.append(time.perf_counter() - t0)
    times.sort()
    return statistics.median(times) * 1000, times[
        min(len(times) - 1, int(0.95 * len(times)))
    ] * 1000


def _exact_top_k(matrix: np.ndarray, ids: list[str], query: np.ndarray, k: int) -> list[str]:
    import numpy as np

    scores = matrix @ query
    order = np.lexsort((np.arange(len(ids)), -scores))[:k]
    return [ids[i] for i in order]


def _run_backend(
    name: str,
    open_fresh: Callable[[str], Any],
    seed: tuple[list[NodeModel], list[EdgeModel]] | None,
    synthetic: tuple[list[NodeModel], list[EdgeModel]],
    vectors: np.ndarray,
    queries: np.ndarray,
    n_queries: int,
    k: int,
) -> dict[str, float]:
    import numpy as np

    from graph.store import text_hash

    out: dict[str, float] = {}
    if seed is not None:
        with open_fresh("seed") as store:
            out["seed import (s)"], _ = _timed(lambda: store.write(*seed))
    nodes, edges = synthetic
    with open_fresh("synth") as store:
        typer.echo(f"[{name}] importing {len(nodes):,} nodes and {len(edges):,} edges …")
        secs, _ = _timed(lambda: _bulk_write(store, nodes, edges))
        out["synthetic import (s)"] = secs
        out["import rate (records/s)"] = (len(nodes) + len(edges)) / secs
        staff = [n.id for n in nodes if n.KIND == "staff"]
        orgs = [n.id for n in nodes if n.KIND == "organisation"]
        rng = np.random.default_rng(1)
        picks = rng.choice(len(staff), size=n_queries)
        med, p95 = _latencies(lambda i: store.neighbours(staff[int(picks[i])]), n_queries)
        out["neighbours median (ms)"], out["neighbours p95 (ms)"] = med, p95

        def two_hop(i: int) -> int:
            first = store.neighbours(staff[int(picks[i])], edge_kinds=["INTERACTED"])
            return sum(len(store.neighbours(nb.node.id, direction="in")) for nb in first)

        med, _ = _latencies(two_hop, max(1, n_queries // 4))
        out["2-hop median (ms)"] = med
        truth = [_exact_top_k(vectors, orgs, q, k) for q in queries]
        if hasattr(store, "vector_search"):
            secs, _ = _timed(
                lambda: store.put_node_vectors(
                    "organisation", "bench/random", dict(zip(orgs, vectors, strict=True))
                )
            )
            out["store vectors (s)"] = secs
            got: list[list[str]] = []
            med, p95 = _latencies(
                lambda i: got.append(
                    [
                        h
                        for h, _ in store.vector_search(
                            "organisation", "bench/random", queries[i], k
                        )
                    ]
                ),
                len(queries),
            )
            out["search path"] = 1.0 if store.last_search_path == "index" else 0.0
        else:
            hashes = [text_hash(o) for o in orgs]
            secs, _ = _timed(
                lambda: store.put_vectors("bench/random", dict(zip(hashes, vectors, strict=True)))
            )
            out["store vectors (s)"] = secs
            got = []

            def local(i: int) -> None:
                cached = store.get_vectors("bench/random", hashes)
                matrix = np.stack([cached[h] for h in hashes])
                got.append(_exact_top_k(matrix, orgs, queries[i], k))

            med, p95 = _latencies(local, len(queries))
            out["search path"] = 0.0
        out["search median (ms)"], out["search p95 (ms)"] = med, p95
        out[f"search recall@{k}"] = float(
            np.mean([len(set(g) & set(t)) / k for g, t in zip(got, truth, strict=True)])
        )
    return out


@bench_app.command("store")
def bench_store(
    scale: Annotated[
        float,
        typer.Option(
            help="Size of the synthetic graph: 1.0 = 130,000 staff, 100,000 organisations."
        ),
    ] = 1.0,
    bolt: Annotated[
        str | None,
        typer.Option(
            "--bolt",
            help="Bolt URI of an (empty) Neo4j to benchmark; credentials from the "
            "VERBINDER_NEO4J_* settings. Default: start the ArcadeDB test server.",
        ),
    ] = None,
    queries: Annotated[int, typer.Option(help="Neighbourhood queries per store.")] = 200,
    searches: Annotated[int, typer.Option(help="Candidate searches per store.")] = 20,
    dim: Annotated[int, typer.Option(help="Vector dimension for candidate search.")] = 64,
    k: Annotated[int, typer.Option(help="Candidates per search.")] = 10,
    as_json: JsonOption = False,
) -> None:
    """Bulk import, neighbourhood queries and candidate search: embedded SQLite vs a Bolt server."""
    import numpy as np

    from graph.errors import GraphError
    from graph.sqlite_store import SqliteGraphStore

    if scale <= 0 or queries < 1 or searches < 1 or dim < 2 or k < 1:
        fail("error: --scale must be > 0; --queries, --searches, --k ≥ 1; --dim ≥ 2")
    n_staff = max(10, round(FULL_STAFF * scale))
    n_orgs = max(10, round(FULL_ORGANISATIONS * scale))
    try:
        from seeds import load_seed

        seed: tuple[list[NodeModel], list[EdgeModel]] | None = load_seed()
    except (ImportError, GraphError) as e:
        typer.echo(f"seed unavailable ({str(e).splitlines()[0]}); skipping the seed import")
        seed = None
    synthetic = synthetic_network(n_staff, n_orgs)
    rng = np.random.default_rng(2)
    vectors = rng.normal(size=(n_orgs, dim)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    query_vectors = rng.normal(size=(searches, dim)).astype(np.float32)
    query_vectors /= np.linalg.norm(query_vectors, axis=1, keepdims=True)

    with tempfile.TemporaryDirectory(prefix="verbinder-bench-") as tmp:

        @contextmanager
        def sqlite_fresh(label: str) -> Iterator[GraphStore]:
            s = SqliteGraphStore(Path(tmp) / f"{label}.db")
            try:
                yield s
            finally:
                s.close()

        embedded = _run_backend(
            "embedded", sqlite_fresh, seed, synthetic, vectors, query_vectors, queries, k
        )
    with _bolt_target(bolt) as target:
        remote = _run_backend(
            "bolt", target.fresh_store, seed, synthetic, vectors, query_vectors, queries, k
        )
    n_nodes, n_edges = len(synthetic[0]), len(synthetic[1])
    result = {
        "scale": scale,
        "synthetic": {
            "staff": n_staff,
            "organisations": n_orgs,
            "nodes": n_nodes,
            "edges": n_edges,
        },
        "seed": None if seed is None else {"nodes": len(seed[0]), "edges": len(seed[1])},
        "bolt": bolt or "ArcadeDB test server",
        "embedded": embedded,
        "bolt_server": remote,
    }
    if as_json:
        print_json(result)
        return
    _print_table(result)


def _print_table(result: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    syn = result["synthetic"]
    title = (
        f"bench store — synthetic {syn['staff']:,} staff / {syn['organisations']:,} organisations "
        f"({syn['nodes']:,} nodes, {syn['edges']:,} edges); Bolt: {result['bolt']}"
    )
    table = Table(title=title)
    table.add_column("measure")
    table.add_column("embedded (SQLite)", justify="right")
    table.add_column("Bolt server", justify="right")
    table.add_column("Bolt / embedded", justify="right")
    embedded, remote = result["embedded"], result["bolt_server"]
    keys = list(dict.fromkeys([*embedded, *remote]))
    for key in keys:
        a, b = embedded.get(key), remote.get(key)
        if key == "search path":
            table.add_row(
                key,
                "in-process numpy",
                "vector index" if b == 1.0 else "in-process numpy",
                "",
            )
            continue
        ratio = f"{b / a:.2f}×" if a and b is not None else ""
        table.add_row(key, _fmt(a), _fmt(b), ratio)
    Console(width=120).print(table)


def _fmt(value: float | None) -> str:
    if value is None:
        return "—"
    if value >= 100:
        return f"{value:,.0f}"
    return f"{value:.3f}" if value < 1 else f"{value:.2f}"
