"""Run the app under uvicorn so that it stops within a few seconds on SIGTERM or Ctrl-C.

uvicorn stops accepting connections at once and lets requests in flight finish for
``shutdown_timeout`` seconds, then cancels them. Work running in a thread (a model fit, a seating
solve) cannot be cancelled and would keep the process alive, so a watchdog ends the process
``grace`` seconds after that. Both stores are transactional: a write cut off this way leaves the
previous state, never half a batch.
"""

from __future__ import annotations

import logging
import math
import os
import threading
import time
from types import FrameType
from typing import Any

import uvicorn

from api.settings import Settings

__all__ = ["StoppingServer", "run_server"]

logger = logging.getLogger(__name__)


class StoppingServer(uvicorn.Server):
    """A uvicorn server whose process ends at most ``hard_stop_after`` seconds after the first
    exit signal."""

    def __init__(self, config: uvicorn.Config, *, hard_stop_after: float):
        super().__init__(config)
        self.hard_stop_after = hard_stop_after
        self._watchdog: threading.Thread | None = None

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        if self._watchdog is None:
            self._watchdog = threading.Thread(
                target=self._stop_hard, name="verbinder-stop", daemon=True
            )
            self._watchdog.start()
        super().handle_exit(sig, frame)

    def _stop_hard(self) -> None:
        time.sleep(self.hard_stop_after)
        logger.warning(
            "work still running %.1f s after the stop signal; ending the process",
            self.hard_stop_after,
        )
        logging.shutdown()
        os._exit(0)


def run_server(
    app: Any, settings: Settings, *, grace: float = 2.0, log_level: str = "info"
) -> None:
    """Serve ``app`` on ``settings.host:settings.port`` until SIGTERM/SIGINT."""
    config = uvicorn.Config(
        app,
        host=settings.host,
        port=settings.port,
        log_level=log_level,
        timeout_graceful_shutdown=max(1, math.ceil(settings.shutdown_timeout)),
    )
    StoppingServer(config, hard_stop_after=settings.shutdown_timeout + grace).run()
