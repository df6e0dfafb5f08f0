"""Small helpers shared by the seed generator modules (topic vectors, dates, Dutch lists)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import numpy as np

from seeds.ministry import FIRST_NAMES, LAST_NAMES
from seeds.organisations import SECTORS

__all__ = ["K", "date_between", "join_nl", "mail_part", "names", "pick", "topic_vec", "unit"]

#: Number of latent topics: one per sector label.
K = len(SECTORS)


def unit(v: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length (zero rows stay zero)."""
    n = np.linalg.norm(v, axis=-1, keepdims=True)
    return v / np.maximum(n, 1e-12)


def topic_vec(
    labels: Sequence[str], weights: Sequence[float] = (1.0, 0.75, 0.55, 0.45)
) -> np.ndarray:
    """A topic vector with decreasing weight for each listed sector label."""
    v = np.zeros(K)
    for i, label in enumerate(labels):
        v[SECTORS.index(label)] += weights[min(i, len(weights) - 1)]
    return v


def pick(rng: np.random.Generator, items: Sequence[Any]) -> Any:
    return items[int(rng.integers(len(items)))]


def date_between(rng: np.random.Generator, a: dt.date, b: dt.date) -> dt.date:
    """A uniformly drawn day in ``[a, b]``."""
    return dt.date.fromordinal(int(rng.integers(a.toordinal(), b.toordinal() + 1)))


def join_nl(items: Sequence[str]) -> str:
    """``a, b en c``."""
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " en " + items[-1]


def names(rng: np.random.Generator, n: int) -> list[tuple[str, str]]:
    """``n`` distinct (first, last) name pairs from the synthetic name lists."""
    combos = [(f, last) for f in FIRST_NAMES for last in LAST_NAMES]
    if n > len(combos):
        raise ValueError(f"only {len(combos)} distinct names available, {n} requested")
    return [combos[i] for i in rng.permutation(len(combos))[:n]]


def mail_part(first: str, last: str) -> str:
    """The local part of a synthetic e-mail address: ``anouk.devries``."""
    raw = f"{first}.{last}".lower().replace(" ", "")
    return raw.translate(str.maketrans("ëéèïöüâ", "eeeioua"))
