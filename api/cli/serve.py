"""``verbinder serve`` (the web page and HTTP API), ``verbinder apikey …`` and ``verbinder bench api``.

``serve`` opens the configured store (embedded SQLite by default) and prints the URL and a sample
``curl``. Only the embedded store is set up implicitly: on its first start the seed network is
loaded into it when it is empty (``VERBINDER_SEED_ON_START``) and a first admin key is created and
printed once. A Neo4j/Bolt store is shared by replicas: it is never seeded by ``serve``, and its
first admin key comes from ``verbinder apikey create --role admin`` run once.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

import typer

from api.cli.common import StoreOption, app, bench_app, fail, opened_store
from api.settings import get_settings

__all__ = ["apikey_app", "bench_api", "first_start", "serve"]

apikey_app = typer.Typer(help="API keys: create (shown once), list, revoke.", no_args_is_help=True)
app.add_typer(apikey_app, name="apikey")

RoleOption = Annotated[
    str, typer.Option("--role", help="Role of the key: staff, facilitator or admin.")
]
NameOption = Annotated[str, typer.Option("--name", help="Who or what uses the key.")]
StaffOption = Annotated[
    str | None,
    typer.Option(
        "--staff",
        help="The staff member the key belongs to (staff:…); their feedback, teams and dossiers.",
    ),
]


def _settings(store: str | None):
    settings = get_settings()
    if store:
        settings = settings.model_copy(update={"store": store})
    return settings


@contextmanager
def _keystore(store: str | None) -> Iterator:  # type: ignore[type-arg]
    """The key store of ``store``: its keys file, or the Neo4j database itself."""
    from api.authstore import open_auth_backend
    from api.keystore import KeyStore
    from api.stores import is_bolt_uri

    settings = _settings(store)
    if not is_bolt_uri(settings.store):
        backend = open_auth_backend(settings)
        try:
            yield KeyStore(backend)
        finally:
            backend.close()
        return
    with opened_store(settings.store) as graph_store:
        yield KeyStore(open_auth_backend(settings, graph_store))


def seed_if_empty(store_obj) -> int:  # type: ignore[no-untyped-def]
    """Load the seed network into an empty store; returns the number of nodes written (0 if the
    store already held data)."""
    if any(store_obj.counts().values()):
        return 0
    from graph.io import write_graph
    from seeds import load_seed
    from seeds.vectors import seed_vectors

    nodes, edges = load_seed()
    n_nodes, _ = write_graph(store_obj, nodes, edges)
    seed_vectors(store_obj)
    return n_nodes


def first_start(settings, store_obj, keystore, *, seed: bool = True):  # type: ignore[no-untyped-def]
    """Set up an embedded store on its first start; returns the lines to print and the key for
    the sample ``curl``.

    An empty embedded store gets the seed network (``--seed`` and ``VERBINDER_SEED_ON_START``) and,
    when it has no key, a first admin key printed once. A Neo4j/Bolt store is shared by replicas
    that may start together: it is never seeded or given a key here.
    """
    from api.keystore import Role
    from api.stores import is_bolt_uri

    lines: list[str] = []
    if is_bolt_uri(settings.store):
        if keystore.count() == 0:
            lines.append(
                "this database has no API keys yet: create the first admin key once with\n"
                f"  verbinder apikey create --role admin --name beheer --store {settings.store}"
            )
        return lines, "$VERBINDER_API_KEY"
    if seed and settings.seed_on_start:
        written = seed_if_empty(store_obj)
        if written:
            lines.append(f"first start: loaded the seed network ({written} nodes)")
    if keystore.count() > 0:
        return lines, "$VERBINDER_API_KEY"
    _, plain = keystore.create(Role.ADMIN, "eerste beheerder")
    lines += ["created the first admin key (shown only now, keep it safe):", f"  {plain}"]
    return lines, plain


@app.command()
def serve(
    store: StoreOption = None,
    host: Annotated[str | None, typer.Option(help="Interface (default: $VERBINDER_HOST).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default: $VERBINDER_PORT).")] = None,
    seed: Annotated[
        bool,
        typer.Option(
            "--seed/--no-seed",
            help="Load the seed network into an empty embedded store (never into Neo4j/Bolt).",
        ),
    ] = True,
) -> None:
    """Start the web page and HTTP API (an empty embedded store gets the seed on first start;
    prints URL and a curl)."""
    from api.http.app import create_app
    from api.http.server import run_server
    from api.stores import open_store
    from graph.errors import GraphError

    settings = _settings(store)
    updates: dict[str, object] = {}
    if host:
        updates["host"] = host
    if port:
        updates["port"] = port
    settings = settings.model_copy(update=updates)
    try:
        store_obj = open_store(settings.store, settings)
    except GraphError as e:
        fail(f"error: {e}")
        return
    application = create_app(settings, store=store_obj)
    try:
        lines, sample_key = first_start(
            settings, store_obj, application.state.runtime.keystore, seed=seed
        )
    except GraphError as e:
        store_obj.close()
        fail(f"error: {e}")
        return
    for line in lines:
        typer.echo(line)
    url = f"http://{settings.host}:{settings.port}"
    _warm_up(application)
    typer.echo(f"Verbinder serves {url}/  (API docs: {url}/docs)")
    typer.echo(
        f'try:  curl -s -H "X-API-Key: {sample_key}" "{url}/api/v1/nodes?kind=organisation&limit=3"'
    )
    try:
        run_server(application, settings)
    finally:
        store_obj.close()


def _warm_up(application) -> None:  # type: ignore[no-untyped-def]
    """Load the saved ranker and build the suggestion facts for today in the background, so the
    first question is quick."""
    import logging
    import threading

    from api.services import prepare_for_serving

    services = application.state.runtime.services

    def fit() -> None:
        try:
            prepare_for_serving(services)
            services.warm()
        except Exception as e:  # the first real request reports any error itself
            logging.getLogger(__name__).warning("warm-up of the suggestions failed: %s", e)

    threading.Thread(target=fit, name="verbinder-warm-up", daemon=True).start()


@apikey_app.command("create")
def apikey_create(
    role: RoleOption, name: NameOption, staff: StaffOption = None, store: StoreOption = None
) -> None:
    """Create an API key with a role (and the person it belongs to); the key is printed once and
    stored only as a hash."""
    from api.keystore import Role

    try:
        parsed = Role(role)
    except ValueError:
        fail(f"error: unknown role '{role}'; choose staff, facilitator or admin")
    if staff is not None:
        _check_staff(store, staff)
    with _keystore(store) as keystore:
        try:
            record, plain = keystore.create(parsed, name, staff_id=staff)
        except ValueError as e:
            fail(f"error: {e}")
    typer.echo(plain)
    person = f" (person {record.staff_id})" if record.staff_id else ""
    typer.echo(
        f"key {record.key_id} for '{record.name}'{person} with role {record.role.value}; "
        "this is the only time it is shown",
        err=True,
    )


def _check_staff(store: str | None, staff_id: str) -> None:
    """Refuse a ``--staff`` id that is not a staff member in the store."""
    with opened_store(store) as s:
        node = s.get_nodes([staff_id]).get(staff_id)
        if node is None or not staff_id.startswith("staff:"):
            fail(f"error: --staff '{staff_id}': no such staff member in the store")


@apikey_app.command("list")
def apikey_list(store: StoreOption = None) -> None:
    """List API keys (id, name, role, created, revoked) — never the secrets."""
    with _keystore(store) as keystore:
        for k in keystore.list():
            state = "revoked" if k.revoked else "active"
            person = f"  [{k.staff_id}]" if k.staff_id else ""
            typer.echo(f"{k.key_id}  {k.role.value:<11}  {state:<7}  {k.created}  {k.name}{person}")


@apikey_app.command("revoke")
def apikey_revoke(
    key_id: Annotated[str, typer.Argument(help="The key id (the part after `vb_`).")],
    store: StoreOption = None,
) -> None:
    """Revoke an API key by its id."""
    with _keystore(store) as keystore:
        if not keystore.revoke(key_id):
            fail(f"error: no API key '{key_id}'")
    typer.echo(f"revoked {key_id}")


@bench_app.command("api")
def bench_api(
    store: StoreOption = None,
    clients: Annotated[int, typer.Option(help="Concurrent HTTP clients.")] = 20,
    requests: Annotated[int, typer.Option(help="Requests in total (bounded).")] = 400,
    encoder: Annotated[
        str | None, typer.Option(help="Text encoder (default: $VERBINDER_ENCODER).")
    ] = None,
    mixed_seconds: Annotated[
        float,
        typer.Option(help="Length of the mixed read/write run against `serve` (0: skip it)."),
    ] = 60.0,
    readers: Annotated[int, typer.Option(help="Suggestion clients in the mixed run.")] = 4,
    writers: Annotated[int, typer.Option(help="Writing clients in the mixed run.")] = 2,
) -> None:
    """Throughput and p95 of concurrent clients on loopback against the suggestions endpoint,
    compared with calling the suggestion service directly in the same run; then a mixed
    read/write run against `verbinder serve`: suggestion p95 with and without concurrent writes,
    writes acknowledged vs stored, errors, time-outs and the stop time after SIGTERM (default
    store: a temporary copy of the seed network)."""
    from api.http.bench import run_api_bench

    if clients < 1 or requests < 1:
        fail("error: --clients and --requests must be at least 1")
    if mixed_seconds < 0 or readers < 1 or writers < 0:
        fail("error: --mixed-seconds must be >= 0, --readers >= 1 and --writers >= 0")
    run_api_bench(store, clients=clients, total=requests, encoder=encoder)
    if mixed_seconds > 0:
        from api.http.bench_mixed import run_mixed_bench

        run_mixed_bench(
            store, seconds=mixed_seconds, readers=readers, writers=writers, encoder=encoder
        )
