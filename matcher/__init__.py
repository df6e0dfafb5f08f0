"""The matcher: pure decisions over the graph — profiles, text relevance, suggestions, seating,
coalitions and timing.

``import matcher`` stays light (no torch, no models): public names of the text-relevance modules are
resolved lazily on first access.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = [
    "Encoder",
    "HashingEncoder",
    "RelevanceExplanation",
    "TextRelevance",
    "build_profiles",
    "encode_cached",
    "get_encoder",
    "score",
]

_LAZY = {
    "Encoder": "matcher.embedding",
    "HashingEncoder": "matcher.embedding",
    "encode_cached": "matcher.embedding",
    "get_encoder": "matcher.embedding",
    "RelevanceExplanation": "matcher.relevance",
    "TextRelevance": "matcher.relevance",
    "score": "matcher.relevance",
    "build_profiles": "matcher.profiles",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'matcher' has no attribute '{name}'")
    return getattr(importlib.import_module(module), name)
