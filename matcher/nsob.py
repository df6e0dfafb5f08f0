"""Which kinds of organisation suit which NSOB government role.

The NSOB framework (Nederlandse School voor Openbaar Bestuur) distinguishes four roles a government
plays: *rechtmatig* (lawful: rules, legal certainty, equal treatment), *presterend* (performing:
delivering results efficiently), *netwerkend* (networking: co-producing with partners) and
*responsief* (responsive: supporting initiatives that arise in society). A team that studies a role
learns most from guests whose organisation works in that role's register. This module holds that
suitability table once, for the seating planner and the suggestion engine alike.

=====================  ==========  ==========  ==========  ==========
organisation kind      rechtmatig  presterend  netwerkend  responsief
=====================  ==========  ==========  ==========  ==========
company                0.0         1.0         0.5         0.0
knowledge_institute    0.5         1.0         1.0         0.0
ngo                    0.5         0.0         1.0         1.0
citizen_initiative     0.0         0.0         0.5         1.0
branch_association     1.0         0.5         1.0         0.0
public_body            1.0         1.0         0.5         0.0
other                  0.0         0.0         0.5         0.5
=====================  ==========  ==========  ==========  ==========

A kind *suits* a role when its fit is 1.0.
"""

from __future__ import annotations

from collections.abc import Iterable

from graph.model import NsobRole, OrganisationKind

__all__ = [
    "ROLE_KIND_FIT",
    "role_kind_fit",
    "suits",
    "suits_any",
]

_K = OrganisationKind
_R = NsobRole

#: Fit of an organisation kind for each NSOB role, 0.0 (none), 0.5 (partly), 1.0 (suits).
ROLE_KIND_FIT: dict[NsobRole, dict[OrganisationKind, float]] = {
    _R.RECHTMATIG: {
        _K.COMPANY: 0.0,
        _K.KNOWLEDGE_INSTITUTE: 0.5,
        _K.NGO: 0.5,
        _K.CITIZEN_INITIATIVE: 0.0,
        _K.BRANCH_ASSOCIATION: 1.0,
        _K.PUBLIC_BODY: 1.0,
        _K.OTHER: 0.0,
    },
    _R.PRESTEREND: {
        _K.COMPANY: 1.0,
        _K.KNOWLEDGE_INSTITUTE: 1.0,
        _K.NGO: 0.0,
        _K.CITIZEN_INITIATIVE: 0.0,
        _K.BRANCH_ASSOCIATION: 0.5,
        _K.PUBLIC_BODY: 1.0,
        _K.OTHER: 0.0,
    },
    _R.NETWERKEND: {
        _K.COMPANY: 0.5,
        _K.KNOWLEDGE_INSTITUTE: 1.0,
        _K.NGO: 1.0,
        _K.CITIZEN_INITIATIVE: 0.5,
        _K.BRANCH_ASSOCIATION: 1.0,
        _K.PUBLIC_BODY: 0.5,
        _K.OTHER: 0.5,
    },
    _R.RESPONSIEF: {
        _K.COMPANY: 0.0,
        _K.KNOWLEDGE_INSTITUTE: 0.0,
        _K.NGO: 1.0,
        _K.CITIZEN_INITIATIVE: 1.0,
        _K.BRANCH_ASSOCIATION: 0.0,
        _K.PUBLIC_BODY: 0.0,
        _K.OTHER: 0.5,
    },
}


def role_kind_fit(role: NsobRole | str, kind: OrganisationKind | str) -> float:
    """Fit (0.0, 0.5 or 1.0) of an organisation kind for an NSOB role.

    Examples
    --------
    >>> role_kind_fit("responsief", "citizen_initiative")
    1.0
    >>> role_kind_fit("participerend", "company")  # alias of responsief
    0.0
    """
    return ROLE_KIND_FIT[NsobRole(role)][OrganisationKind(kind)]


def suits(role: NsobRole | str, kind: OrganisationKind | str) -> bool:
    """True when organisations of ``kind`` fully suit the NSOB ``role``.

    Examples
    --------
    >>> suits("presterend", "company"), suits("presterend", "ngo")
    (True, False)
    """
    return role_kind_fit(role, kind) >= 1.0


def suits_any(roles: Iterable[NsobRole | str], kind: OrganisationKind | str) -> bool:
    """True when ``kind`` suits at least one of ``roles``.

    Examples
    --------
    >>> suits_any(["rechtmatig", "responsief"], "ngo")
    True
    """
    return any(suits(r, kind) for r in roles)
