"""Reasons: each feature's contribution to a suggestion's score, said in Dutch with its evidence.

A :class:`Reason` carries the exact number that went into the score (``contribution``, see
:mod:`matcher.suggest.ranker`) next to the sentence a civil servant reads, so a reason can never claim more
than it did. Re-ranking adjustments (fair exposure, an earlier "no thanks") are reasons too.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from matcher.suggest.signals import SIGNALS
from matcher.vocabulary import INTERACTION_NL, PHASE_NL, ROLE_ADJ_NL, format_date_nl

__all__ = [
    "Reason",
    "render_reason",
    "render_reasons",
]

_SIGNALS = {s.name: s for s in SIGNALS}


@dataclass(frozen=True)
class Reason:
    """One feature's share of a score: ``contribution`` is ``weight · (value − baseline)``."""

    feature: str
    contribution: float
    text_nl: str
    evidence: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["contribution"] = round(self.contribution, 4)
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


def render_reason(feature: str, contribution: float, evidence: Mapping[str, Any]) -> Reason:
    """The Dutch sentence for one feature and its evidence.

    Examples
    --------
    >>> render_reason("warm_intro", 0.8, {"staff": "Anna de Vries", "organisation": "Eneco",
    ...     "interaction": "guest_table", "table": 3, "date": "2026-03-12"}).text_nl
    'Anna de Vries sprak Eneco op gasttafel 3, 12 maart 2026'
    >>> render_reason("lexical", 0.5, {"terms": ["kustveiligheid", "dijkversterking"]}).text_nl
    "gedeelde thema's: kustveiligheid, dijkversterking"
    """
    ev = dict(evidence)
    f = feature
    if f in ("dense", "lexical"):
        terms = ev.get("terms") or []
        if f == "dense":
            text = "inhoudelijk verwant aan de vraag"
        elif terms:
            text = "gedeelde thema's: " + ", ".join(terms[:4])
        else:
            text = "gebruikt dezelfde woorden als de vraag"
    elif f == "ppr":
        text = "dichtbij in het netwerk" + (f" van {ev['query']}" if ev.get("query") else "")
    elif f == "adamic_adar":
        common = ev.get("common") or []
        text = ("gemeenschappelijke schakels: " + _list(common)) if common else "gedeelde schakels"
    elif f == "warm_intro":
        text = f"{ev.get('staff', 'een collega')} {_meeting(ev)}"
    elif f == "recency":
        text = (
            f"laatste contact met het ministerie: {format_date_nl(ev['date'])}"
            if ev.get("date")
            else "recent contact met het ministerie"
        )
    elif f == "frequency":
        n = ev.get("count", 0)
        text = (
            f"{n} {'contact' if n == 1 else 'contacten'} met het ministerie in het afgelopen jaar"
        )
    elif f == "partner_load":
        n = ev.get("count", 0)
        text = f"al in gesprek met {n} {'collega' if n == 1 else 'collega’s'} in het afgelopen halfjaar"
    elif f == "nsob_fit":
        roles = [ROLE_ADJ_NL.get(r, r) for r in ev.get("roles", [])]
        kind = ev.get("kind", "")
        text = f"past bij de {_list(roles)} overheid" if roles else "past bij de overheidsrol"
        text += f" ({kind})" if kind else ""
    elif f == "phase_fit":
        phase = PHASE_NL.get(ev.get("phase", ""), ev.get("phase", ""))
        text = f"past bij de fase {phase}" + (
            f" van ‘{ev['dossier']}’" if ev.get("dossier") else ""
        )
    elif f == "milestone":
        text = f"mijlpaal ‘{ev.get('label', '')}’"
        text += f" van ‘{ev['dossier']}’" if ev.get("dossier") else ""
        text += f" op {format_date_nl(ev['date'])}" if ev.get("date") else ""
    elif f == "sessions":
        text = f"te gast bij ‘{ev.get('session', 'een sessie')}’"
        text += f" op {format_date_nl(ev['date'])}" if ev.get("date") else ""
        text += f" (tafel {ev['table']})" if ev.get("table") else ""
    elif f == "exposure":
        text = "eerlijke spreiding: veelgevraagde partner, ook anderen krijgen een kans"
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
