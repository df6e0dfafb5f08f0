"""The Examples in the docstrings of every module outside seating run and hold (the seating
modules have their own list in ``test_seating_doctests.py``)."""

from __future__ import annotations

import doctest
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MODULES = sorted(
    ".".join(p.relative_to(ROOT).with_suffix("").parts)
    for package in ("graph", "matcher", "api")
    for p in (ROOT / package).rglob("*.py")
    if "seating" not in p.parts and ">>>" in p.read_text(encoding="utf-8")
)


def test_the_list_is_not_empty() -> None:
    assert "matcher.text.profiles" in MODULES and "matcher.suggest.graphview" in MODULES


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
