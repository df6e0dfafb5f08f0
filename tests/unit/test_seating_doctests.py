"""The Examples in the seating modules' docstrings run and hold."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "matcher.nsob",
    "matcher.seating",
    "matcher.seating.problem",
    "matcher.seating.encode",
    "matcher.seating.model",
    "matcher.seating.flow",
    "matcher.seating.greedy",
    "matcher.seating.solve",
    "matcher.seating.validate",
    "matcher.seating.diagnose",
    "matcher.seating.edit",
    "matcher.seating.replan",
    "matcher.seating.reasons",
    "matcher.seating.plan",
    "matcher.seating.export",
    "matcher.seating.bench",
    "matcher.seating.jsonio",
    "matcher.seating.maxmin",
    "matcher.seating.engine",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
