"""What the page "Mijn team" shows around the coalition: whose teams, which dossiers, the facet form.

A key that belongs to a person (``ApiKey.staff_id``) opens on that person's team — the one of the
latest edition that has started by the chosen day, else the next one — and lists their teams
first; every team is named with its edition, so teams of the same name in different editions
are told apart. The facet form posts text and weight per row, a row to add, and removals.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from graph.store import GraphStore
from matcher.vocabulary import format_date_nl

__all__ = ["TeamChoices", "facet_rows", "member_answers", "team_choices"]


@dataclass(frozen=True, kw_only=True)
class TeamChoices:
    """Teams grouped for a select: the person's own first, then per edition (latest first)."""

    groups: list[tuple[str, list[tuple[str, str]]]]
    default: str | None
    mine: list[str] = field(default_factory=list)
    dossiers: list[tuple[str, str]] = field(default_factory=list)


def _edition_label(edition: Any) -> str:
    if edition is None:
        return "zonder editie"
    return f"{edition.label} ({format_date_nl(edition.start_date)})"


def team_choices(store: GraphStore, staff_id: str | None, day: dt.date) -> TeamChoices:
    """The teams to choose from and the one to open, for the person of the key (if any).

    Example
    -------
    >>> from graph import SqliteGraphStore
    >>> team_choices(SqliteGraphStore(":memory:"), None, dt.date(2026, 1, 1)).default is None
    True
    """
    editions: dict[str, Any] = {e.id: e for e in store.nodes("edition")}
    teams: list[Any] = list(store.nodes("team"))
    far = dt.date.max

    def start(t: Any) -> dt.date:
        e = editions.get(getattr(t, "edition", ""))
        return e.start_date if e is not None else far

    mine_ids: set[str] = set()
    dossiers: list[tuple[str, str]] = []
    if staff_id:
        mine_ids = {
            e.target
            for e in store.edges("MEMBER_OF", source=staff_id)
            if e.until is None or e.until >= day
        }
        ids = sorted(
            {e.target for e in store.edges("WORKS_ON", source=staff_id) if e.active_on(day)}
        )
        found = store.get_nodes(ids)
        dossiers = [(i, found[i].label) for i in ids if i in found]
    by_edition: dict[str, list[Any]] = {}
    for t in teams:
        by_edition.setdefault(getattr(t, "edition", "") or "", []).append(t)
    order = sorted(
        by_edition, key=lambda k: editions[k].start_date if k in editions else far, reverse=True
    )
    groups: list[tuple[str, list[tuple[str, str]]]] = []
    mine = sorted((t for t in teams if t.id in mine_ids), key=start, reverse=True)
    if mine:
        groups.append(
            (
                "Mijn teams",
                [(t.id, f"{t.label} — {_edition_label(editions.get(t.edition))}") for t in mine],
            )
        )
    for k in order:
        members = sorted((t for t in by_edition[k] if t.id not in mine_ids), key=lambda t: t.label)
        if not members:
            continue
        groups.append((_edition_label(editions.get(k)), [(t.id, t.label) for t in members]))
    started = [t for t in mine if start(t) <= day]
    upcoming = sorted((t for t in mine if start(t) > day), key=start)
    chosen: list[Any] = started or upcoming
    default_id: str | None = chosen[0].id if chosen else None
    if default_id is None and groups and groups[0][1]:
        default_id = groups[0][1][0][0]
    return TeamChoices(
        groups=groups, default=default_id, mine=[t.id for t in mine], dossiers=dossiers
    )


def facet_rows(form: Any) -> list[tuple[str, float]]:
    """The team's facets from the page form: rows ``tekst_i`` / ``gewicht_i`` (skipping those
    whose ``weg_i`` is ticked) and a new row ``nieuw`` / ``nieuw_gewicht``.

    Raises
    ------
    ValueError
        A weight that is not a number, in Dutch, naming the row.
    """
    rows: list[tuple[str, float]] = []
    i = 0
    while f"tekst_{i}" in form:
        text = str(form.get(f"tekst_{i}", "")).strip()
        if text and not form.get(f"weg_{i}"):
            rows.append((text, _weight(form.get(f"gewicht_{i}", "1"), text)))
        i += 1
    new = str(form.get("nieuw", "")).strip()
    if new:
        rows.append((new, _weight(form.get("nieuw_gewicht", "1") or "1", new)))
    return rows


def _weight(value: Any, text: str) -> float:
    try:
        return float(str(value).replace(",", ".") or "1")
    except ValueError:
        raise ValueError(f"Het gewicht van ‘{text}’ is geen getal: {value}") from None


def member_answers(store: GraphStore, team: str, as_of: dt.date) -> dict[str, dict[str, str]]:
    """The team's latest answer per organisation on the coalition page (as of ``as_of``):
    ``{org: {"outcome": ..., "date": ...}}``."""
    out: dict[str, dict[str, str]] = {}
    edges: list[Any] = [
        e
        for e in store.edges("FEEDBACK", source=team)
        if e.date is not None and e.date <= as_of and str(getattr(e, "context", "")) == "coalition"
    ]
    for e in sorted(edges, key=lambda e: (e.date, e.key or "")):
        out[e.target] = {"outcome": str(e.outcome.value), "date": e.date.isoformat()}
    return out
