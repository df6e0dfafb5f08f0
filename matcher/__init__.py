"""The matcher: pure decisions over the graph, one package per capability.

- :mod:`matcher.text` — text relevance (encoders, lexical channel, profiles, fused score).
- :mod:`matcher.suggest` — partner suggestions (candidates, features, ranker, re-ranking, reasons).
- :mod:`matcher.seating` — guest tables across sessions (encode → solve → decode → validate).
- :mod:`matcher.coalition` — co-producer coalitions (facets, coverage objective, assembly).
- :mod:`matcher.timing` — dated nudges and iCalendar.
- shared: :mod:`matcher.nsob` (government roles × organisation kinds), :mod:`matcher.vocabulary`
  (every Dutch label), :mod:`matcher.metrics` (ranking metrics) and :mod:`matcher.lazy`.

``matcher`` imports ``graph`` (model, store protocol, errors) and ``seeds``, never a driver and
never ``api``.

``import matcher`` stays light (no torch, no models): public names of the text-relevance modules are
resolved lazily on first access.
"""

from __future__ import annotations

from matcher.lazy import lazy_getattr

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

__getattr__ = lazy_getattr(
    "matcher",
    {
        "Encoder": "matcher.text.encoders",
        "HashingEncoder": "matcher.text.encoders",
        "encode_cached": "matcher.text.encoders",
        "get_encoder": "matcher.text.encoders",
        "RelevanceExplanation": "matcher.text.relevance",
        "TextRelevance": "matcher.text.relevance",
        "score": "matcher.text.relevance",
        "build_profiles": "matcher.text.profiles",
    },
)
