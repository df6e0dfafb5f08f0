"""The Dutch explanation of a coalition: who covers what, what stays uncovered, who could stand in.

:func:`explain_coalition` decodes a solver result on a :class:`~matcher.coalition.objective.CoalitionProblem`
into a :class:`Coalition`: per member the facets it covers (with the shared terms that made the
relevance), the organisation kind it brings, the team role it fits, the warm path to it, and two
alternates per slot with the coalition value after the swap. All words come from
:mod:`matcher.vocabulary`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from graph.store import GraphStore
from matcher.coalition.facets import Facet
from matcher.coalition.objective import (
    GREEDY_GUARANTEE,
    CoalitionProblem,
    GreedyResult,
    WarmPath,
    alternates_for,
    optimum_upper_bound,
)
from matcher.vocabulary import (
    FACET_SOURCE_NL,
    INTERACTION_NOUN_NL,
    KIND_LABELS_NL,
    ROLE_LABELS_NL,
    format_date_nl,
    format_number_nl,
)

__all__ = [
    "Alternate",
    "Coalition",
    "CoalitionMember",
    "explain_coalition",
    "facet_evidence_nl",
    "guarantee_text",
    "warm_path_text",
]

#: Coverage from which a facet is named among what a partner covers.
MENTION = 0.2


@dataclass(frozen=True, kw_only=True)
class Alternate:
    organisation: str
    name: str
    org_kind: str
    value: float
    reason: str


@dataclass(frozen=True, kw_only=True)
class CoalitionMember:
    organisation: str
    name: str
    org_kind: str
    gain: float
    covers: list[tuple[int, float]]
    contact: dict[str, str] | None
    warm_path: WarmPath | None
    reasons: list[str]
    alternates: list[Alternate]


@dataclass(kw_only=True)
class Coalition:
    """The answer: who covers what, what stays uncovered, alternates per slot, in Dutch."""

    team: str
    team_name: str
    as_of: dt.date
    facets: list[Facet]
    members: list[CoalitionMember]
    covered_by: dict[int, str | None]
    uncovered: list[str]
    value: float
    components: dict[str, float]
    candidates: int
    excluded: dict[str, int]
    share_of_best: float = GREEDY_GUARANTEE
    guarantee: str = ""
    guarantee_detail: str = ""

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["as_of"] = self.as_of.isoformat()
        return out


def _percent(x: float) -> str:
    return f"{x:.0%}".replace(".", ",")


def guarantee_text(n_members: int, share: float, covered: int, n_facets: int) -> tuple[str, str]:
    """One plain Dutch sentence on how good the coalition is, and the method for a tooltip.

    Example
    -------
    >>> guarantee_text(4, 1.0, 1, 2)[0]
    'Geen andere combinatie van 4 partners uit dit netwerk dekt uw opgave beter; 1 van de 2 onderdelen van uw opgave zijn gedekt.'
    >>> guarantee_text(4, 0.912, 3, 4)[0]
    'Deze 4 partners halen samen minstens 91% van de dekking die de best denkbare combinatie van 4 partners uit dit netwerk haalt; 3 van de 4 onderdelen van uw opgave zijn gedekt.'
    """
    facets = f"{covered} van de {n_facets} onderdelen van uw opgave zijn gedekt."
    if share >= 0.995:
        sentence = (
            f"Geen andere combinatie van {n_members} partners uit dit netwerk dekt uw opgave "
            f"beter; {facets}"
        )
    else:
        sentence = (
            f"Deze {n_members} partners halen samen minstens {_percent(share)} van de dekking die "
            f"de best denkbare combinatie van {n_members} partners uit dit netwerk haalt; {facets}"
        )
    detail = (
        "Gekozen met greedy-selectie op een submodulaire dekkingsfunctie (elke partner telt voor "
        "wat hij aan de rest toevoegt); de ondergrens volgt uit de winst die de beste andere "
        f"partners nog zouden toevoegen, en is nooit lager dan {_percent(GREEDY_GUARANTEE)}."
    )
    return sentence, detail


def facet_evidence_nl(facet: Facet) -> str:
    """Where a facet was read: ``uit uw opgave: ‘import van waterstof’`` (empty without evidence).

    Example
    -------
    >>> facet_evidence_nl(Facet(0, "waterstof", 1.0, "challenge", evidence="import van waterstof"))
    'uit uw opgave: ‘import van waterstof’'
    >>> facet_evidence_nl(Facet(0, "havens", 1.0, "needs"))
    'door het team vastgelegd'
    """
    if facet.source == "needs":  # the team's own words: say so, and where its text comes closest
        closest = f"; het meest verwant in uw opgave: ‘{facet.evidence}’" if facet.evidence else ""
        return FACET_SOURCE_NL["needs"] + closest
    if not facet.evidence:
        return ""
    where = (
        f"uit uw dossier ‘{facet.evidence_source}’"
        if facet.evidence_source
        else FACET_SOURCE_NL["challenge"]
    )
    return f"{where}: ‘{facet.evidence}’"


def warm_path_text(wp: WarmPath) -> str:
    """``warme introductie via Anna (overleg met Piet op 3 maart 2026)``."""
    whom = f" met {wp.contact_name}" if wp.contact_name else ""
    what = INTERACTION_NOUN_NL.get(wp.interaction, wp.interaction)
    return f"warme introductie via {wp.staff_name} ({what}{whom} op {format_date_nl(wp.date)})"


def _role_nl(role: str) -> str:
    return ROLE_LABELS_NL.get(role, role)  # type: ignore[call-overload]


def _consenting_contact(
    store: GraphStore, org: str, as_of: dt.date, words: set[str]
) -> dict[str, str] | None:
    from graph.model import Contact

    best, best_overlap = None, -1
    for e in store.edges("WORKS_AT", target=org):
        if not e.active_on(as_of):
            continue
        c = store.get_nodes([e.source]).get(e.source)
        if not isinstance(c, Contact) or not c.consent:
            continue
        if c.consent_date and c.consent_date > as_of:
            continue
        overlap = len(words & set(re.findall(r"\w{5,}", (c.expertise or "").lower())))
        if overlap > best_overlap:
            best, best_overlap = c, overlap
    return None if best is None else {"id": best.id, "name": best.label, "role": best.role}


def _short(text: str, n: int = 60) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _member_reasons(
    p: CoalitionProblem, i: int, covers: list[tuple[int, float]], kinds_seen: set[str]
) -> list[str]:
    """Why partner ``i`` is in the coalition, strongest reason first."""
    obj, cal = p.objective, p.calibration
    kind = str(p.orgs[i].org_kind.value)
    reasons = []
    for f, v in covers[:3]:
        grade = "sterk" if v >= 0.75 else "goed" if v >= cal.covered else "deels"
        terms = p.relevance.explain(p.facets[f].text, p.profile_index[i]).shared_terms
        shared = f" — gedeelde termen: {', '.join(terms[:3])}" if terms else ""
        reasons.append(
            f"Dekt ‘{_short(p.facets[f].text)}’ ({grade}, {format_number_nl(v, 2)}){shared}"
        )
    if not covers:
        reasons.append("Dekt geen onderdeel sterk; gekozen om diversiteit of netwerk")
    if kind not in kinds_seen:
        kind_nl = KIND_LABELS_NL.get(kind, kind)  # type: ignore[call-overload]
        reasons.append(f"Brengt een {kind_nl} in de coalitie")
        kinds_seen.add(kind)
    if obj.role_fit is not None and obj.role_fit.shape[1]:
        good = [r for r, v in zip(p.roles, obj.role_fit[i], strict=True) if v >= 0.8]
        if good:
            reasons.append(
                f"Past bij de rol van het team: {' en '.join(_role_nl(r) for r in good)}"
            )
    wp = p.warm_paths.get(i)
    if wp:
        text = warm_path_text(wp)
        reasons.append(text[0].upper() + text[1:])
    if i in p.stakes:
        reasons.append(f"Belanghebbende in dossier ‘{p.stakes[i]}’")
    if i in p.declined:
        reasons.append(f"Eerder afgewezen ({format_date_nl(p.declined[i])}); lager gewogen")
    return reasons


def _alternates(
    p: CoalitionProblem, i: int, slot: list[tuple[int, float]], value: float
) -> list[Alternate]:
    """The stand-ins for partner ``i``: what each adds and the coalition value after the swap."""
    cov = p.objective.coverage
    out = []
    for j, swapped in slot:
        best_f = int(np.argmax(cov[j]))
        if cov[j, best_f] >= MENTION:
            adds = f"dekt ‘{_short(p.facets[best_f].text)}’ ({format_number_nl(cov[j, best_f], 2)})"
        elif j in p.warm_paths:
            adds = warm_path_text(p.warm_paths[j])
        else:
            adds = f"een {KIND_LABELS_NL.get(p.orgs[j].org_kind, 'organisatie')}"
        out.append(
            Alternate(
                organisation=p.ids[j],
                name=p.orgs[j].label,
                org_kind=str(p.orgs[j].org_kind.value),
                value=swapped,
                reason=f"In plaats van {p.orgs[i].label}: {adds}; coalitiewaarde {swapped:.3f} "
                f"i.p.v. {value:.3f}",
            )
        )
    return out


def _coverage_by_facet(
    p: CoalitionProblem, sel: list[int]
) -> tuple[dict[int, str | None], list[str]]:
    """Which member covers each facet, and a Dutch line per facet nobody covers."""
    cov = p.objective.coverage
    covered_by: dict[int, str | None] = {}
    uncovered = []
    for f, facet in enumerate(p.facets):
        best = max(sel, key=lambda i: cov[i, f]) if sel else None
        if best is not None and cov[best, f] >= p.calibration.covered:
            covered_by[f] = p.ids[best]
            continue
        covered_by[f] = None
        outside = [j for j in np.argsort(-cov[:, f]) if j not in sel][:1]
        hint = (
            f"; beste kandidaat buiten de coalitie: {p.orgs[outside[0]].label} "
            f"({format_number_nl(cov[outside[0], f], 2)})"
            if outside and cov[outside[0], f] > 0
            else "; geen kandidaat dekt dit"
        )
        uncovered.append(f"Niet gedekt: ‘{facet.text}’{hint}")
    return covered_by, uncovered


def explain_coalition(
    p: CoalitionProblem, result: GreedyResult, n_alternates: int, store: GraphStore
) -> Coalition:
    """Decode a solver result into a :class:`Coalition` with Dutch reasons."""
    cov = p.objective.coverage
    sel = result.selected
    alts = alternates_for(p.objective, sel, n_alternates)
    kinds_seen: set[str] = set()
    members: list[CoalitionMember] = []
    for slot, (i, gain) in enumerate(zip(sel, result.gains, strict=True)):
        covers = [(f, float(cov[i, f])) for f in np.argsort(-cov[i]) if cov[i, f] >= MENTION]
        words = {w for f, _ in covers for w in re.findall(r"\w{5,}", p.facets[f].text.lower())}
        members.append(
            CoalitionMember(
                organisation=p.ids[i],
                name=p.orgs[i].label,
                org_kind=str(p.orgs[i].org_kind.value),
                gain=gain,
                covers=covers,
                contact=_consenting_contact(store, p.ids[i], p.as_of, words),
                warm_path=p.warm_paths.get(i),
                reasons=_member_reasons(p, i, covers, kinds_seen),
                alternates=_alternates(p, i, alts[slot], result.value),
            )
        )
    covered_by, uncovered = _coverage_by_facet(p, sel)
    bound = optimum_upper_bound(p.objective, sel, len(sel))
    share = min(1.0, result.value / bound) if bound > 0 else 1.0
    sentence, detail = guarantee_text(
        len(sel), share, sum(v is not None for v in covered_by.values()), len(p.facets)
    )
    return Coalition(
        team=p.team.id,
        team_name=p.team.label,
        as_of=p.as_of,
        facets=p.facets,
        members=members,
        covered_by=covered_by,
        uncovered=uncovered,
        value=result.value,
        components=p.objective.components(sel),
        candidates=len(p.ids),
        excluded=p.excluded,
        share_of_best=share,
        guarantee=sentence,
        guarantee_detail=detail,
    )
