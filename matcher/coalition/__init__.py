"""Co-producer coalitions: a set of partners that together cover a team's challenge.

Decides: the team's facets (read from its challenge and dossiers, or its own stored list), the
coverage objective (``objective``), greedy assembly with alternates and warm paths (``assembly``),
the Dutch explanation of who covers what (``explanation``), and the coalition evaluation.
May import: ``graph``, ``matcher.text``, ``matcher.suggest`` (feedback), ``matcher.timing`` and
the shared ``matcher`` modules.
"""

from __future__ import annotations

from matcher.lazy import lazy_getattr

__all__ = [
    "Coalition",
    "CoalitionAssembler",
    "CoalitionError",
    "FacetDeriver",
    "evaluate_coalitions",
    "evaluate_nudges",
    "extract_facets",
    "facets_for_team",
    "store_team_facets",
    "team_facets",
]

__getattr__ = lazy_getattr(
    "matcher.coalition",
    {
        "Coalition": "matcher.coalition.explanation",
        "CoalitionAssembler": "matcher.coalition.assembly",
        "CoalitionError": "matcher.coalition.assembly",
        "FacetDeriver": "matcher.coalition.derivation",
        "evaluate_coalitions": "matcher.coalition.evaluation",
        "evaluate_nudges": "matcher.coalition.evaluation",
        "extract_facets": "matcher.coalition.facets",
        "facets_for_team": "matcher.coalition.facets",
        "store_team_facets": "matcher.coalition.derivation",
        "team_facets": "matcher.coalition.derivation",
    },
)
