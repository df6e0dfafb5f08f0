"""Extra ranking signals, one module each, found by name.

A module here that defines ``SIGNAL = Signal(...)`` is a ranking signal: its column is appended to
:data:`matcher.suggest.features.FEATURES` (signals in name order, after the core features), its
``weight`` joins the documented prior :data:`matcher.suggest.ranker.DEFAULT_WEIGHTS` (which the learned
ranker starts from and is pulled towards), its ``evidence`` is gathered for each shown suggestion and
its ``reason_nl`` words the reason. Adding a signal is adding one module and its test.

A signal sees the graph only through the duck-typed :class:`~matcher.suggest.graphview.GraphView`
and :class:`~matcher.suggest.graphview.QueryContext` it is handed (no imports of the feature
modules), so it can be read and tested on its own.
"""

from __future__ import annotations

import importlib
import pkgutil

from matcher.suggest.signals.base import Signal, SignalInput

__all__ = ["SIGNALS", "Signal", "SignalInput", "discover"]


def discover() -> tuple[Signal, ...]:
    """Every ``SIGNAL`` defined by a module of this package, in name order."""
    found: list[Signal] = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name == "base":
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        signal = getattr(module, "SIGNAL", None)
        if isinstance(signal, Signal):
            found.append(signal)
    names = [s.name for s in found]
    if len(set(names)) != len(names):
        raise ValueError(f"two signals share a name: {sorted(names)}")
    return tuple(sorted(found, key=lambda s: s.name))


#: The signals of this installation.
SIGNALS: tuple[Signal, ...] = discover()
