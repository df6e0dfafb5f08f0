"""What a ranking signal is: a named column of the feature matrix with its weight, evidence and words."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = ["Signal", "SignalInput"]


@dataclass(frozen=True, kw_only=True)
class SignalInput:
    """One query's inputs: the graph cut at its day, where it sits, its text and its candidates.

    ``view`` is a :class:`~matcher.suggest.graphview.GraphView`, ``ctx`` a
    :class:`~matcher.suggest.graphview.QueryContext`; ``cand`` holds candidate entity indices.
    """

    view: Any
    ctx: Any
    text: str
    cand: np.ndarray


@dataclass(frozen=True, kw_only=True)
class Signal:
    """A ranking signal.

    Parameters
    ----------
    name : str
        Column name in the feature matrix (snake_case, unique).
    weight : float
        Weight per raw value in the documented prior (the ranker's default).
    compute : callable
        ``compute(inp) -> ndarray`` of shape ``(len(inp.cand),)``, values ``>= 0``, 0 = no signal.
    evidence : callable
        ``evidence(inp, candidate) -> dict`` of what a person can check for one candidate.
    reason_nl : callable
        ``reason_nl(evidence) -> str``: the Dutch reason when the signal raised the score.
    drawback_nl : callable
        ``drawback_nl(evidence) -> str``: the Dutch reason when it lowered the score.
    """

    name: str
    weight: float
    compute: Callable[[SignalInput], np.ndarray]
    evidence: Callable[[SignalInput, int], dict[str, Any]]
    reason_nl: Callable[[Mapping[str, Any]], str]
    drawback_nl: Callable[[Mapping[str, Any]], str]

    def __post_init__(self) -> None:
        if not self.name.isidentifier() or self.name != self.name.lower():
            raise ValueError(f"signal name '{self.name}' must be a snake_case identifier")
