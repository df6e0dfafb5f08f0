"""Settings (pydantic-settings, ``VERBINDER_`` prefix), built on demand by :func:`get_settings`."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["Settings", "get_settings"]


class Settings(BaseSettings):
    """Runtime configuration. Every field can be set as ``VERBINDER_<NAME>`` in the environment."""

    model_config = SettingsConfigDict(env_prefix="VERBINDER_", env_file=None, extra="ignore")

    store: str = "./verbinder.db"
    """A file path (embedded SQLite store) or a ``neo4j://`` / ``bolt://`` URI."""
    neo4j_user: str = "neo4j"
    neo4j_password: str = ""
    neo4j_database: str | None = None
    encoder: str = "default"
    """Text encoder name (see ``verbinder bench encoders``) or ``default``."""
    model_path: Path | None = None
    """A local sentence-transformers model folder used by the ``sentence-transformers`` encoder."""
    host: str = "127.0.0.1"
    port: int = 8000
    seed_on_start: bool = True
    """``serve`` loads the seed network into an *embedded* store that is empty on first start;
    a Neo4j/Bolt store is never seeded implicitly."""
    max_request_bytes: int = 20 * 1024 * 1024
    vector_index_min_organisations: int = 20_000
    """On a Neo4j store, from this many organisations on the suggestions' candidate search uses
    the server's vector index instead of searching in process."""
    retention_years: int | None = None
    """Interactions older than this many years are removed by ``verbinder privacy retention
    --apply`` (``None``: the command needs ``--years``)."""
    cache_size: int = Field(default=16, ge=1)
    """Entries kept per cache keyed by request data (fitted states per ``as_of`` day, snapshots)."""
    refit_after_writes: int = Field(default=0, ge=0)
    """Fit and save a new suggestion ranker in the background after this many graph changes
    since the active version was trained (0: only when none is saved; else `verbinder retrain`)."""
    refit_in_process: bool = True
    """Background ranker fits run in a separate process (requests never share the interpreter
    with a fit); off: in a thread of the service."""
    store_lock_timeout: float = 5.0
    """Seconds a write waits for the embedded store's write lock before answering 503."""
    rate_limit_per_minute: int = 600
    """Requests per minute per API key (token bucket; 0 switches rate limiting off)."""
    rate_limit_burst: int = 60
    """Requests a key may send at once before the per-minute rate applies."""
    request_timeout: float = 90.0
    """Seconds a request may take before it answers 503 (imports and exports excepted)."""
    shutdown_timeout: float = 3.0
    """Seconds ``serve`` waits for requests in flight after SIGTERM before it stops."""


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
