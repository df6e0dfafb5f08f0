"""``shared_region``: the candidate works in a region (province) that the question names.

A question about "verzilting in Zeeland" or a dossier about the Friese kust is best served by
partners active there. The regions are those the graph's organisations carry (``region``), found in
the query's text as a whole word, or by a common Dutch form of the name ("Zeeuwse", "Fryslân",
"Brabantse"). A national partner (``landelijk``) never matches a region.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Mapping
from typing import Any

import numpy as np

from matcher.suggest.signals.base import Signal, SignalInput

__all__ = ["SIGNAL", "regions_named"]

#: Other Dutch forms of province names (adjectives, Frisian) → the name organisations carry.
ALIASES: dict[str, str] = {
    "fryslân": "Friesland",
    "friese": "Friesland",
    "fries": "Friesland",
    "zeeuwse": "Zeeland",
    "zeeuws": "Zeeland",
    "brabant": "Noord-Brabant",
    "brabantse": "Noord-Brabant",
    "groningse": "Groningen",
    "gelderse": "Gelderland",
    "utrechtse": "Utrecht",
    "limburgse": "Limburg",
    "drentse": "Drenthe",
    "overijsselse": "Overijssel",
    "flevolandse": "Flevoland",
    "noord-hollandse": "Noord-Holland",
    "zuid-hollandse": "Zuid-Holland",
}
NATIONAL = "landelijk"
_WORD = re.compile(r"[\wÀ-ÿ-]+", re.UNICODE)
_VOCAB: weakref.WeakKeyDictionary[Any, dict[str, str]] = weakref.WeakKeyDictionary()


def _vocabulary(tg: Any) -> dict[str, str]:
    """Lower-cased region names (and their aliases) → the region as organisations carry it."""
    vocab = _VOCAB.get(tg)
    if vocab is None:
        regions = {
            str(a.get("region") or "").strip() for a in tg.attrs if a.get("kind") == "organisation"
        } - {"", NATIONAL}
        vocab = {r.lower(): r for r in regions}
        vocab.update({k: v for k, v in ALIASES.items() if v in regions})
        _VOCAB[tg] = vocab
    return vocab


def regions_named(text: str, vocabulary: Mapping[str, str]) -> set[str]:
    """The regions of ``vocabulary`` that ``text`` names as a whole word (or a hyphenated pair).

    Examples
    --------
    >>> sorted(regions_named("Verzilting in Zeeland en de Friese kust", {
    ...     "zeeland": "Zeeland", "friese": "Friesland", "utrecht": "Utrecht"}))
    ['Friesland', 'Zeeland']
    >>> regions_named("zeelandschap", {"zeeland": "Zeeland"})
    set()
    """
    words = [w.lower() for w in _WORD.findall(text)]
    found = {vocabulary[w] for w in words if w in vocabulary}
    parts = {p for w in words if "-" in w for p in w.split("-")}
    found |= {vocabulary[p] for p in parts if p in vocabulary}
    return found


def _compute(inp: SignalInput) -> np.ndarray:
    tg = inp.view.tg
    named = regions_named(inp.text, _vocabulary(tg)) if inp.text.strip() else set()
    if not named:
        return np.zeros(len(inp.cand))
    return np.array(
        [1.0 if str(tg.attrs[c].get("region") or "") in named else 0.0 for c in inp.cand.tolist()]
    )


def _evidence(inp: SignalInput, candidate: int) -> dict[str, Any]:
    return {"region": str(inp.view.tg.attrs[candidate].get("region") or "")}


SIGNAL = Signal(
    name="shared_region",
    weight=0.5,
    compute=_compute,
    evidence=_evidence,
    reason_nl=lambda ev: f"actief in {ev.get('region') or 'de regio'}, de regio van de vraag",
    drawback_nl=lambda ev: "niet actief in de regio van de vraag",
)
