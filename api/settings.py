"""Settings (pydantic-settings, ``VERBINDER_`` prefix), built on demand by :func:`get_settings`."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

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
    max_request_bytes: int = 20 * 1024 * 1024
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
