"""Text relevance: how well a question or a dossier fits each node's own words.

Decides: language routing, which encoder embeds which text, the lexical (TF-IDF) channel, node
profiles, the fused dense + lexical score and its explanation, the approximate nearest-neighbour
index, and the Dutch and English evaluation sets with their benchmark.
May import: ``graph.model``, ``graph.store``, ``graph.errors``, ``seeds`` (evaluation sets only)
and the shared ``matcher`` modules; nothing from the other ``matcher`` packages.
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
    "matcher.text",
    {
        "Encoder": "matcher.text.encoders",
        "HashingEncoder": "matcher.text.encoders",
        "RelevanceExplanation": "matcher.text.relevance",
        "TextRelevance": "matcher.text.relevance",
        "build_profiles": "matcher.text.profiles",
        "encode_cached": "matcher.text.encoders",
        "get_encoder": "matcher.text.encoders",
        "score": "matcher.text.relevance",
    },
)
