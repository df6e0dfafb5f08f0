"""Integrity rules and the contact register, between the store and the suggestion service.

- The exclusion rules (:mod:`matcher.suggest.integrity`) live in the store as the setting
  ``integrity_rules`` (JSON), validated before they are saved; without a stored set the defaults
  apply.
- :func:`exclusions_for` says which organisations a query may not be suggested and why;
  :func:`without_excluded` takes them out of an answer.
- The contact register lists every contact named in a suggestion answer (who asked, when, which
  organisation and contact), for publication in the style of a lobby register;
  :func:`register_csv` writes it with Dutch column names.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from graph.store import GraphStore
from matcher.suggest.integrity import (
    DEFAULT_RULES,
    Exclusion,
    ExclusionRule,
    IntegrityRuleError,
    dump_rules,
    find_exclusions,
    parse_rules,
)

if TYPE_CHECKING:
    from matcher.suggest.result import SuggestionResult

__all__ = [
    "REGISTER_COLUMNS_NL",
    "RULES_SETTING",
    "exclusions_for",
    "load_rules",
    "register_csv",
    "save_rules",
    "without_excluded",
]

RULES_SETTING = "integrity_rules"
#: Column names of the published contact register.
REGISTER_COLUMNS_NL = (
    "volgnummer",
    "datum",
    "medewerker",
    "organisatie",
    "organisatienaam",
    "contactpersoon",
    "dossier",
)


def load_rules(store: GraphStore) -> list[ExclusionRule]:
    """The stored rules, or the defaults when none were saved."""
    raw = store.get_setting(RULES_SETTING)
    if raw is None:
        return list(DEFAULT_RULES)
    try:
        return parse_rules(json.loads(raw))
    except (json.JSONDecodeError, IntegrityRuleError) as e:  # written by save_rules only
        raise IntegrityRuleError(f"stored integrity rules are unreadable: {e}") from e


def save_rules(store: GraphStore, data: object) -> list[ExclusionRule]:
    """Validate ``data`` (a JSON-ready rule list) and store it; nothing is stored when invalid."""
    rules = parse_rules(data)
    store.put_setting(RULES_SETTING, dump_rules(rules))
    return rules


def _subjects(
    store: GraphStore, staff: str | None, dossier: str | None, as_of: dt.date
) -> set[str]:
    """The query's own id with the dossiers and teams of a staff member, or the staff on a
    dossier: the ids a conflict may be declared on."""
    subjects: set[str] = set()
    if staff:
        subjects.add(staff)
        for kind in ("WORKS_ON", "MEMBER_OF"):
            subjects |= {e.target for e in store.edges(kind, source=staff) if e.active_on(as_of)}
    if dossier:
        subjects.add(dossier)
        subjects |= {e.source for e in store.edges("WORKS_ON", target=dossier)}
    return subjects


def exclusions_for(
    store: GraphStore, *, staff: str | None, dossier: str | None, as_of: dt.date
) -> dict[str, Exclusion]:
    """Organisations the query may not be suggested on ``as_of``, with the rule and label."""
    subjects = _subjects(store, staff, dossier, as_of)
    if not subjects:
        return {}
    return find_exclusions(store.edges("CONFLICT"), subjects, as_of, load_rules(store))


def without_excluded(
    result: SuggestionResult, excluded: dict[str, Exclusion], k: int
) -> SuggestionResult:
    """The answer with its first ``k`` suggestions whose organisation is not excluded, renumbered
    from 1 (the no-match state, nearest themes and involved organisations unchanged)."""
    kept = [s for s in result if s.organisation.id not in excluded][:k]
    return replace(result, items=tuple(replace(s, rank=rank) for rank, s in enumerate(kept, 1)))


def register_csv(rows: Sequence[dict[str, Any]], store: GraphStore) -> str:
    """The contact register as CSV with Dutch headers (names read from the store now, so an
    erased person or organisation never reappears)."""
    ids = {r["organisation_id"] for r in rows} | {r["contact_id"] for r in rows}
    nodes = store.get_nodes(ids)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(REGISTER_COLUMNS_NL)
    for r in rows:
        org = nodes.get(r["organisation_id"])
        contact = nodes.get(r["contact_id"])
        writer.writerow(
            [
                r["seq"],
                str(r["at"])[:10],
                r["staff_id"] or "",
                r["organisation_id"],
                org.label if org is not None else "",
                contact.label if contact is not None else "",
                r["dossier_id"] or "",
            ]
        )
    return out.getvalue()
