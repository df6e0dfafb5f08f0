"""Reasons: each feature's contribution to a suggestion's score, said in Dutch with its evidence.

A :class:`Reason` carries the exact number that went into the score (``contribution``, see
:mod:`matcher.suggest.ranker`) next to the sentence a civil servant reads, so a reason can never claim more
than it did. Re-ranking adjustments (fair exposure, an earlier "no thanks", diversity) are reasons
too. A negative contribution is always worded as a drawback (``drawback`` is true), never as a plus.

Shared themes never contain Dutch stop words: they are filtered with the maintained list of the
``stopwordsiso`` package (:func:`is_stop_word`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from typing import Any

from matcher.suggest.signals import SIGNALS
from matcher.vocabulary import (
    INTERACTION_NL,
    PHASE_NL,
    ROLE_ADJ_NL,
    THEME_FILLERS_NL,
    format_date_nl,
)

__all__ = [
    "TARGET_NL",
    "Reason",
    "is_stop_word",
    "render_reason",
    "render_reasons",
    "shared_themes",
]

_SIGNALS = {s.name: s for s in SIGNALS}

#: How the text reason names what the candidate is related to, per query kind.
TARGET_NL: dict[str, str] = {
    "text": "uw vraag",
    "dossier": "het dossier",
    "staff": "uw profiel",
    "organisation": "deze partner",
}


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    import stopwordsiso

    return frozenset(w.lower() for w in stopwordsiso.stopwords("nl")) | THEME_FILLERS_NL


def is_stop_word(word: str) -> bool:
    """Whether ``word`` says nothing about a theme: a Dutch stop word (``stopwordsiso``'s list)
    or a filler (:data:`matcher.vocabulary.THEME_FILLERS_NL`), case-insensitive.

    >>> is_stop_word("voor"), is_stop_word("Hoe"), is_stop_word("langs")
    (True, True, True)
    >>> is_stop_word("dijkversterking"), is_stop_word("Nieuwe")
    (False, True)
    """
    return word.strip().lower() in _stop_words()


def shared_themes(terms: Sequence[str]) -> list[str]:
    """The terms that may be shown as shared themes: no stop words, no one-letter or numeric
    tokens, each once.

    >>> shared_themes(["de", "dijken", "langs", "1", "Dijken", "natuur", "nieuwe"])
    ['dijken', 'natuur']
    """
    out: list[str] = []
    for t in terms:
        w = str(t).strip()
        if len(w) < 2 or w.isdigit() or is_stop_word(w) or w.lower() in out:
            continue
        out.append(w.lower())
    return out


@dataclass(frozen=True)
class Reason:
    """One feature's share of a score: ``contribution`` is ``weight · (value − baseline)``."""

    feature: str
    contribution: float
    text_nl: str
    evidence: dict[str, Any] = field(default_factory=dict)

    @property
    def drawback(self) -> bool:
        """True when the reason lowered the score (it is then worded as a drawback)."""
        return self.contribution < 0

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["contribution"] = round(self.contribution, 4)
        out["drawback"] = self.drawback
        return out


def _list(items: Sequence[str], limit: int = 3) -> str:
    items = list(items)[:limit]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " en " + items[-1]


def _meeting(ev: Mapping[str, Any]) -> str:
    org = ev.get("organisation", "hen")
    when = format_date_nl(ev["date"]) if ev.get("date") else ""
    if ev.get("interaction") == "guest_table" and ev.get("table"):
        where = f"op gasttafel {ev['table']}"
    else:
        where = INTERACTION_NL.get(str(ev.get("interaction", "")), "")
    return ", ".join(p for p in (f"sprak {org} {where}".strip(), when) if p)


def _text_reason(f: str, contribution: float, ev: Mapping[str, Any]) -> str:
    target = TARGET_NL.get(str(ev.get("target", "")), "de vraag")
    terms = shared_themes(ev.get("terms") or [])
    if contribution < 0:
        return f"weinig verwant aan {target}"
    if f == "relevance":
        text = f"verwant aan {target}"
        return text + (": gedeelde thema's " + ", ".join(terms[:4]) if terms else "")
    if f == "dense":
        return f"inhoudelijk verwant aan {target}"
    if terms:
        return "gedeelde thema's: " + ", ".join(terms[:4])
    return f"gebruikt dezelfde woorden als {target}"


def _network_reason(f: str, contribution: float, ev: Mapping[str, Any]) -> str:
    minus = contribution < 0
    if f == "ppr":
        text = "dichtbij in het netwerk" + (f" van {ev['query']}" if ev.get("query") else "")
        return f"al {text}: weinig nieuwe verbinding" if minus else text
    common = ev.get("common") or []
    if minus:
        return "al veel gemeenschappelijke schakels" + (": " + _list(common) if common else "")
    return ("gemeenschappelijke schakels: " + _list(common)) if common else "gedeelde schakels"


def _history_reason(f: str, contribution: float, ev: Mapping[str, Any]) -> str:
    minus = contribution < 0
    if f == "recency":
        when = format_date_nl(ev["date"]) if ev.get("date") else ""
        if minus:
            return "recent al contact met het ministerie" + (f" ({when})" if when else "")
        return (
            f"laatste contact met het ministerie: {when}"
            if when
            else "recent contact met het ministerie"
        )
    n = ev.get("count", 0)
    if f == "frequency":
        text = (
            f"{n} {'contact' if n == 1 else 'contacten'} met het ministerie in het afgelopen jaar"
        )
        return f"al veel contact met het ministerie ({text})" if minus else text
    text = f"al in gesprek met {n} {'collega' if n == 1 else 'collega’s'} in het afgelopen halfjaar"
    return f"veelgevraagde partner: {text}" if minus else text


def _fit_reason(f: str, contribution: float, ev: Mapping[str, Any]) -> str:
    minus = contribution < 0
    if f == "nsob_fit":
        roles = [ROLE_ADJ_NL.get(r, r) for r in ev.get("roles", [])]
        kind = ev.get("kind", "")
        verb = "past minder bij" if minus else "past bij"
        text = f"{verb} de {_list(roles)} overheid" if roles else f"{verb} de overheidsrol"
        return text + (f" ({kind})" if kind else "")
    if f == "phase_fit":
        phase = PHASE_NL.get(ev.get("phase", ""), ev.get("phase", ""))
        verb = "past minder bij" if minus else "past bij"
        return f"{verb} de fase {phase}" + (f" van ‘{ev['dossier']}’" if ev.get("dossier") else "")
    if f == "milestone":
        text = f"mijlpaal ‘{ev.get('label', '')}’"
        text += f" van ‘{ev['dossier']}’" if ev.get("dossier") else ""
        text += f" op {format_date_nl(ev['date'])}" if ev.get("date") else ""
        return f"{text} komt te vroeg" if minus else text
    text = f"te gast bij ‘{ev.get('session', 'een sessie')}’"
    text += f" op {format_date_nl(ev['date'])}" if ev.get("date") else ""
    text += f" (tafel {ev['table']})" if ev.get("table") else ""
    return f"al {text}" if minus else text


_ADJUSTMENT_NL = {
    "exposure": "eerlijke spreiding: veelgevraagde partner, ook anderen krijgen een kans",
    "diversity": "lijkt op een hoger geplaatste suggestie (zelfde soort organisatie of sector)",
}


def render_reason(feature: str, contribution: float, evidence: Mapping[str, Any]) -> Reason:
    """The Dutch sentence for one feature and its evidence; a negative contribution reads as a
    drawback.

    Examples
    --------
    >>> render_reason("warm_intro", 0.8, {"staff": "Anna de Vries", "organisation": "Eneco",
    ...     "interaction": "guest_table", "table": 3, "date": "2026-03-12"}).text_nl
    'Anna de Vries sprak Eneco op gasttafel 3, 12 maart 2026'
    >>> render_reason("lexical", 0.5, {"terms": ["kustveiligheid", "dijkversterking"]}).text_nl
    "gedeelde thema's: kustveiligheid, dijkversterking"
    >>> render_reason("relevance", 2.1, {"target": "dossier", "terms": ["de", "kust"]}).text_nl
    "verwant aan het dossier: gedeelde thema's kust"
    >>> render_reason("ppr", -0.27, {"query": "Kustversterking"}).text_nl
    'al dichtbij in het netwerk van Kustversterking: weinig nieuwe verbinding'
    """
    ev = dict(evidence)
    if "terms" in ev:
        ev["terms"] = shared_themes(ev.get("terms") or [])
    f = feature
    if f in ("relevance", "dense", "lexical"):
        text = _text_reason(f, contribution, ev)
    elif f in ("ppr", "adamic_adar"):
        text = _network_reason(f, contribution, ev)
    elif f == "warm_intro":
        text = f"{ev.get('staff', 'een collega')} {_meeting(ev)}"
        text = f"al bekend bij collega’s: {text}" if contribution < 0 else text
    elif f in ("recency", "frequency", "partner_load"):
        text = _history_reason(f, contribution, ev)
    elif f in ("nsob_fit", "phase_fit", "milestone", "sessions"):
        text = _fit_reason(f, contribution, ev)
    elif f in _ADJUSTMENT_NL:
        text = _ADJUSTMENT_NL[f]
        moved = int(ev.get("moved") or 0)
        if moved > 0:
            text += f" ({moved} {'plaats' if moved == 1 else 'plaatsen'} lager)"
    elif f == "declined":
        text = "eerder aangegeven geen interesse te hebben"
        text += f" ({format_date_nl(ev['date'])})" if ev.get("date") else ""
    elif f in _SIGNALS:
        signal = _SIGNALS[f]
        text = signal.reason_nl(ev) if contribution >= 0 else signal.drawback_nl(ev)
    else:
        text = f
    return Reason(feature=f, contribution=float(contribution), text_nl=text, evidence=ev)


def render_reasons(
    names: Sequence[str],
    contributions: Sequence[float],
    evidence: Mapping[str, Mapping[str, Any]],
    *,
    min_abs: float = 0.0,
) -> list[Reason]:
    """One :class:`Reason` per feature with ``|contribution| > min_abs``, largest first.

    >>> [r.feature for r in render_reasons(["dense", "recency"], [0.2, -0.9], {})]
    ['recency', 'dense']
    """
    out = [
        render_reason(n, c, evidence.get(n, {}))
        for n, c in zip(names, contributions, strict=True)
        if abs(c) > min_abs
    ]
    return sorted(out, key=lambda r: -abs(r.contribution))
