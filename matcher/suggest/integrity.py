"""Integrity rules of public administration: who may not be suggested, when, and why.

A declared conflict is a ``CONFLICT`` edge from a dossier, staff member or team to an organisation,
active from its ``date`` to its ``until``; its ``key`` names the rule it falls under (``tender``:
the organisation is a possible bidder in a tender on the dossier; ``nevenfunctie``: a side job or
family tie). An :class:`ExclusionRule` makes the window of one kind of conflict configurable: it can
start ``days_before`` the conflict's date and last ``days_after`` its end (a cooling-off period).
Conflicts whose key no rule names keep their own window.

:func:`find_exclusions` is pure: it sees edges, the query's subjects and a day, and says which
organisations are excluded, under which rule and until when, with the Dutch label admins see
(``uitgesloten: lopende aanbesteding``).

Examples
--------
>>> import datetime as dt
>>> from graph.model import Conflict
>>> c = Conflict(source="dossier:d", target="org:o", key="tender",
...              date=dt.date(2026, 1, 1), until=dt.date(2026, 3, 1))
>>> rules = [ExclusionRule(key="tender", days_after=30)]
>>> find_exclusions([c], {"dossier:d"}, dt.date(2026, 3, 20), rules)["org:o"].label
'uitgesloten: lopende aanbesteding'
>>> find_exclusions([c], {"dossier:d"}, dt.date(2026, 4, 1), rules)
{}
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import asdict, dataclass

from graph.model import EdgeModel
from matcher.vocabulary import EXCLUDED_PREFIX_NL, EXCLUSION_NL, EXCLUSION_OTHER_NL

__all__ = [
    "DEFAULT_RULES",
    "Exclusion",
    "ExclusionRule",
    "IntegrityRuleError",
    "dump_rules",
    "find_exclusions",
    "parse_rules",
]

_KEY = re.compile(r"^[a-z][a-z0-9_-]{0,39}$")
_MAX_DAYS = 3650


class IntegrityRuleError(ValueError):
    """A rule set that cannot be used; the message names the rule and the field."""


@dataclass(frozen=True)
class ExclusionRule:
    """How long one kind of conflict (CONFLICT edges with this ``key``) excludes an organisation."""

    key: str
    days_before: int = 0
    days_after: int = 0

    @property
    def label(self) -> str:
        return EXCLUSION_NL.get(self.key, EXCLUSION_OTHER_NL)


#: The rules when none are stored: each conflict excludes exactly within its own window.
DEFAULT_RULES: tuple[ExclusionRule, ...] = (
    ExclusionRule(key="tender"),
    ExclusionRule(key="nevenfunctie"),
)


@dataclass(frozen=True)
class Exclusion:
    """An organisation left out of suggestions for a query, and why."""

    organisation: str
    subject: str
    rule: str
    label: str
    start: dt.date | None
    end: dt.date | None


def parse_rules(data: object) -> list[ExclusionRule]:
    """Validate a JSON-ready rule list (``[{"key", "days_before", "days_after"}, …]``).

    Raises :class:`IntegrityRuleError` naming the rule (1-based) and the field.
    """
    if not isinstance(data, list):
        raise IntegrityRuleError("rules: expected a list of rules")
    rules: list[ExclusionRule] = []
    seen: set[str] = set()
    for i, item in enumerate(data, start=1):
        where = f"rule {i}"
        if not isinstance(item, dict):
            raise IntegrityRuleError(f"{where}: expected an object")
        unknown = set(item) - {"key", "days_before", "days_after", "label"}
        if unknown:
            raise IntegrityRuleError(f"{where}, field '{sorted(unknown)[0]}': unknown field")
        key = item.get("key")
        if not isinstance(key, str) or not _KEY.match(key):
            raise IntegrityRuleError(
                f"{where}, field 'key': expected a lower-case code such as 'tender'"
            )
        if key in seen:
            raise IntegrityRuleError(f"{where}, field 'key': '{key}' has a rule already")
        seen.add(key)
        days = {}
        for name in ("days_before", "days_after"):
            value = item.get(name, 0)
            if isinstance(value, bool) or not isinstance(value, int):
                raise IntegrityRuleError(f"{where} ('{key}'), field '{name}': expected a number")
            if not 0 <= value <= _MAX_DAYS:
                raise IntegrityRuleError(
                    f"{where} ('{key}'), field '{name}': {value} is not between 0 and {_MAX_DAYS}"
                )
            days[name] = value
        rules.append(ExclusionRule(key=key, **days))
    return rules


def dump_rules(rules: Sequence[ExclusionRule]) -> str:
    """The rules as the JSON text :func:`parse_rules` reads (labels included, for people)."""
    return json.dumps(
        [{**asdict(r), "label": r.label} for r in rules], ensure_ascii=False, sort_keys=True
    )


def _window(edge: EdgeModel, rule: ExclusionRule | None) -> tuple[dt.date | None, dt.date | None]:
    before = dt.timedelta(days=rule.days_before if rule else 0)
    after = dt.timedelta(days=rule.days_after if rule else 0)
    start = edge.date - before if edge.date is not None else None
    end = edge.until + after if edge.until is not None else None
    return start, end


def find_exclusions(
    conflicts: Iterable[EdgeModel],
    subjects: Collection[str],
    as_of: dt.date,
    rules: Sequence[ExclusionRule] = DEFAULT_RULES,
) -> dict[str, Exclusion]:
    """Organisations excluded on ``as_of`` for a query about ``subjects`` (dossier, staff, team
    ids), keyed by organisation id; when several conflicts apply, the one lasting longest wins."""
    by_key = {r.key: r for r in rules}
    out: dict[str, Exclusion] = {}
    for edge in conflicts:
        if edge.KIND != "CONFLICT" or edge.source not in subjects:
            continue
        rule = by_key.get(edge.key)
        start, end = _window(edge, rule)
        if (start is not None and as_of < start) or (end is not None and as_of > end):
            continue
        label = f"{EXCLUDED_PREFIX_NL}: {rule.label if rule else EXCLUSION_OTHER_NL}"
        found = Exclusion(
            organisation=edge.target,
            subject=edge.source,
            rule=edge.key if rule else "",
            label=label,
            start=start,
            end=end,
        )
        held = out.get(edge.target)
        if held is None or (held.end is not None and (end is None or end > held.end)):
            out[edge.target] = found
    return out
