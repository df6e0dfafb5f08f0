"""Feedback on what was shown: accepted, declined, met or co-produced.

A person (staff) or a team tells what they did with a suggestion, a coalition member or a nudge.
Each answer is one FEEDBACK edge ``subject → organisation | contact`` with a date, the outcome and
the context it was shown in (``suggestion``, ``coalition``, ``nudge``). A batch is validated whole
and written in one transaction: one bad item and nothing is stored.

Readers: :func:`latest_feedback` (the last word per target) and :func:`declined_organisations` (what
a person or team declined, for discounting in later rankings).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from graph.errors import NotFoundError
from graph.model import Feedback, FeedbackOutcome
from graph.store import GraphStore

__all__ = [
    "CONTEXTS",
    "FeedbackError",
    "FeedbackItem",
    "declined_organisations",
    "latest_feedback",
    "record_feedback",
    "record_feedback_batch",
]

#: Where a suggestion can have been shown.
CONTEXTS = ("suggestion", "coalition", "nudge")
_ORDER = {o: i for i, o in enumerate(FeedbackOutcome)}


class FeedbackError(ValueError):
    """A feedback item is invalid; the message names the item and the field. Nothing was written."""


@dataclass(frozen=True)
class FeedbackItem:
    """One answer: ``subject`` (staff or team id) did ``outcome`` with ``target`` (organisation or
    contact id) on ``date``."""

    subject: str
    target: str
    outcome: FeedbackOutcome | str
    date: dt.date
    context: str = "suggestion"
    note: str = ""


def _validate(store: GraphStore, items: Sequence[FeedbackItem]) -> list[Feedback]:
    ids = {i.subject for i in items} | {i.target for i in items}
    found = store.get_nodes(ids)
    problems: list[str] = []
    edges: list[Feedback] = []
    for n, item in enumerate(items, start=1):
        where = f"feedback {n} ({item.subject} → {item.target})"
        subject, target = found.get(item.subject), found.get(item.target)
        if subject is None:
            problems.append(f"{where}, field 'subject': unknown node '{item.subject}'")
        elif subject.KIND not in ("staff", "team"):
            problems.append(
                f"{where}, field 'subject': '{item.subject}' is a {subject.KIND}; "
                "feedback comes from a staff member or a team"
            )
        if target is None:
            problems.append(f"{where}, field 'target': unknown node '{item.target}'")
        elif target.KIND not in ("organisation", "contact"):
            problems.append(
                f"{where}, field 'target': '{item.target}' is a {target.KIND}; "
                "feedback is about an organisation or a contact"
            )
        try:
            outcome = FeedbackOutcome(item.outcome)
        except ValueError:
            allowed = ", ".join(o.value for o in FeedbackOutcome)
            problems.append(f"{where}, field 'outcome': '{item.outcome}' is not one of {allowed}")
            continue
        if not isinstance(item.date, dt.date):
            problems.append(f"{where}, field 'date': a date is required")
            continue
        if item.context not in CONTEXTS:
            problems.append(
                f"{where}, field 'context': '{item.context}' is not one of " + ", ".join(CONTEXTS)
            )
            continue
        edges.append(
            Feedback(
                source=item.subject,
                target=item.target,
                key=f"{item.context}:{item.date.isoformat()}:{outcome.value}",
                date=item.date,
                outcome=outcome,
                context=item.context,
                note=item.note,
            )
        )
    if problems:
        raise FeedbackError(
            f"{len(problems)} problem(s); nothing was written:\n" + "\n".join(problems)
        )
    return edges


def record_feedback_batch(store: GraphStore, items: Iterable[FeedbackItem]) -> list[Feedback]:
    """Validate every item, then write them all in one transaction (or nothing).

    Example
    -------
    >>> from graph import SqliteGraphStore
    >>> from graph.model import Organisation, Staff
    >>> s = SqliteGraphStore(":memory:")
    >>> _ = s.write([Staff(id="staff:0001", name="A"), Organisation(id="org:tno", name="TNO",
    ...              org_kind="knowledge_institute")])
    >>> [e.key for e in record_feedback_batch(s, [FeedbackItem("staff:0001", "org:tno",
    ...      "declined", dt.date(2026, 5, 1))])]
    ['suggestion:2026-05-01:declined']
    """
    batch = list(items)
    edges = _validate(store, batch)
    if edges:
        store.write((), edges)
    return edges


def record_feedback(
    store: GraphStore,
    subject: str,
    target: str,
    outcome: FeedbackOutcome | str,
    *,
    date: dt.date,
    context: str = "suggestion",
    note: str = "",
) -> Feedback:
    """Record one answer on a shown suggestion, coalition member or nudge.

    Parameters
    ----------
    store:
        Where the FEEDBACK edge is written.
    subject:
        The staff member or team that answers.
    target:
        The organisation or contact that was shown.
    outcome:
        ``accepted``, ``declined``, ``met``, ``co_produced`` (or ``shown``).
    date:
        When the answer was given.
    context:
        Where it was shown: one of :data:`CONTEXTS`.
    note:
        Free text.

    Raises
    ------
    FeedbackError
        Naming the field at fault; nothing is written.

    Example
    -------
    >>> from graph import SqliteGraphStore
    >>> from graph.model import Organisation, Team
    >>> s = SqliteGraphStore(":memory:")
    >>> _ = s.write([Team(id="team:1-1", name="T"), Organisation(id="org:tno", name="TNO",
    ...              org_kind="knowledge_institute")])
    >>> record_feedback(s, "team:1-1", "org:tno", "met", date=dt.date(2026, 5, 1),
    ...                 context="coalition").outcome.value
    'met'
    """
    return record_feedback_batch(
        store, [FeedbackItem(subject, target, outcome, date, context, note)]
    )[0]


def latest_feedback(
    store: GraphStore, subject: str, *, as_of: dt.date | None = None
) -> dict[str, Feedback]:
    """The last answer per target from ``subject`` (dated on or before ``as_of``).

    Same-day answers are ordered by outcome strength (shown < accepted < declined < met <
    co_produced).
    """
    try:
        edges = store.edges("FEEDBACK", source=subject, until=as_of)
    except NotFoundError:
        return {}
    out: dict[str, Feedback] = {}
    for e in sorted(edges, key=lambda e: (e.date, _ORDER[e.outcome])):  # type: ignore[attr-defined]
        out[e.target] = e  # type: ignore[assignment]
    return out


def declined_organisations(
    store: GraphStore, subjects: Iterable[str], *, as_of: dt.date | None = None
) -> dict[str, dt.date]:
    """Organisations whose latest answer from any of ``subjects`` is *declined*, with its date.

    A declined contact counts for the contact's organisation.

    Example
    -------
    >>> from graph import SqliteGraphStore
    >>> declined_organisations(SqliteGraphStore(":memory:"), ["staff:0001"])
    {}
    """
    out: dict[str, dt.date] = {}
    for subject in subjects:
        for target, fb in latest_feedback(store, subject, as_of=as_of).items():
            if fb.outcome != FeedbackOutcome.DECLINED:
                continue
            org = target
            node = store.get_nodes([target]).get(target)
            if node is not None and node.KIND == "contact":
                works = store.edges("WORKS_AT", source=target)
                org = works[0].target if works else target
            if fb.date is not None and (org not in out or fb.date > out[org]):
                out[org] = fb.date
    return out
