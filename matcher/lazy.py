"""Lazy public names for a package: ``import matcher.x`` stays light, names load on first access."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

__all__ = ["lazy_getattr"]


def lazy_getattr(package: str, names: dict[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` that imports ``names[attr]`` (a module path) on first access.

    Examples
    --------
    >>> getter = lazy_getattr("pkg", {"sqrt": "math"})
    >>> getter("sqrt")(9.0)
    3.0
    """

    def __getattr__(name: str) -> Any:
        module = names.get(name)
        if module is None:
            raise AttributeError(f"module '{package}' has no attribute '{name}'")
        return getattr(importlib.import_module(module), name)

    return __getattr__
