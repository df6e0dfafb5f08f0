"""A small Dutch/English language guess for routing queries to the best-measured text settings.

Counts function words and spelling patterns typical of each language; short, jargon-heavy texts
with no evidence either way are taken as Dutch (the users' language).
"""

from __future__ import annotations

import re

__all__ = ["LANGUAGES", "detect_language"]

LANGUAGES = ("nl", "en")

_WORD = re.compile(r"[a-zà-ÿ]+")
_NL = frozenset(
    [
        "de",
        "het",
        "een",
        "en",
        "van",
        "in",
        "op",
        "te",
        "dat",
        "die",
        "is",
        "voor",
        "met",
        "zijn",
        "niet",
        "aan",
        "er",
        "ook",
        "als",
        "bij",
        "door",
        "naar",
        "om",
        "wordt",
        "worden",
        "kan",
        "kunnen",
        "wie",
        "welke",
        "welk",
        "wat",
        "hoe",
        "waar",
        "ik",
        "we",
        "wij",
        "ons",
        "onze",
        "je",
        "u",
        "hun",
        "deze",
        "dit",
        "zoek",
        "zoeken",
        "heeft",
        "hebben",
        "tot",
        "over",
        "uit",
        "nog",
        "maar",
        "meer",
        "dan",
        "of",
        "zo",
        "moet",
        "moeten",
        "gaat",
        "zich",
    ]
)
_EN = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "of",
        "in",
        "on",
        "to",
        "that",
        "is",
        "for",
        "with",
        "are",
        "not",
        "at",
        "by",
        "from",
        "as",
        "be",
        "this",
        "these",
        "those",
        "which",
        "who",
        "what",
        "how",
        "where",
        "we",
        "our",
        "you",
        "your",
        "their",
        "can",
        "could",
        "should",
        "would",
        "does",
        "do",
        "did",
        "has",
        "have",
        "there",
        "into",
        "about",
        "than",
        "or",
        "more",
        "when",
        "will",
        "it",
        "its",
    ]
)
_NL_PATTERNS = re.compile(r"(ij|oe|ui|aa|ee|sch|heid|ing|lijk|tje)")
_EN_PATTERNS = re.compile(r"(th|wh|tion|ing\b|ly\b|ed\b)")


def detect_language(text: str) -> str:
    """``"nl"`` or ``"en"`` for ``text``.

    Examples
    --------
    >>> detect_language("Wie weet iets van dijkversterking?")
    'nl'
    >>> detect_language("Who studies sand nourishment along the coast?")
    'en'
    >>> detect_language("PFAS")
    'nl'
    """
    words = _WORD.findall(text.lower())
    nl = float(sum(w in _NL for w in words))
    en = float(sum(w in _EN for w in words))
    if nl == en:
        joined = " ".join(words)
        nl += len(_NL_PATTERNS.findall(joined)) * 0.1
        en += len(_EN_PATTERNS.findall(joined)) * 0.1
    return "en" if en > nl else "nl"
