"""Feedback on what was shown: accepted, declined, met or co-produced.

A person (staff) or a team tells what they did with a suggestion, a coalition member or a nudge.
Each answer is one FEEDBACK edge ``subject → organisation | contact`` with a date, the outcome and
the context it was shown in (``suggestion``, ``coalition``, ``nudge``). A batch is validated whole
and written in one transaction: one bad item and nothing is stored.

Readers: :func:`latest_feedback` (the last word per target) and :func:`declined_organisations` (what
a person or team declined, for discounting in later rankings). :func:`retrain_ranker` refits the
suggestion ranker on history + feedback and compares its evaluation figures with the ranker fitted
on history alone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from graph.errors import NotFoundError
from graph.model import Feedback, FeedbackOutcome
from graph.store import GraphStore

__all__ = [
    "CONTEXTS",
    "FeedbackError",
    "FeedbackItem",
    "RetrainReport",
    "declined_organisations",
    "latest_feedback",
    "record_feedback",
    "record_feedback_batch",
    "retrain_ranker",
]

#: Where a suggestion can have been shown.
CONTEXTS = ("suggestion", "coalition", "nudge")
#: Dutch names accepted for the contexts (the seed network records ``suggestie``).
CONTEXT_ALIASES = {"suggestie": "suggestion", "coalitie": "coalition", "seintje": "nudge"}
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
        context = CONTEXT_ALIASES.get(item.context, item.context)
        if context not in CONTEXTS:
            problems.append(
                f"{where}, field 'context': '{item.context}' is not one of " + ", ".join(CONTEXTS)
            )
            continue
        edges.append(
            Feedback(
                source=item.subject,
                target=item.target,
                key=f"{context}:{item.date.isoformat()}:{outcome.value}",
                date=item.date,
                outcome=outcome,
                context=context,
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


@dataclass
class RetrainReport:
    """Evaluation of the learned ranker without (``before``) and with (``after``) feedback."""

    split_date: dt.date
    n_feedback: int
    n_feedback_before_split: int
    before: Any  # matcher.suggest.evaluation.EvaluationResult
    after: Any
    saved: Any = None  # matcher.suggest.model_store.ModelVersion, when saved
    previous: Any = None  # the version that was active before

    def deltas(self) -> dict[str, float]:
        from matcher.metrics import METRICS

        b, a = self.before.row("learned"), self.after.row("learned")
        return {m: float(a[m] - b[m]) for m in METRICS}

    def table(self) -> str:
        from matcher.metrics import METRICS

        b, a = self.before.row("learned"), self.after.row("learned")
        head = f"{'learned ranker':<24}" + "".join(f"{m:>11}" for m in METRICS)
        lines = [
            f"retrain: {self.n_feedback} feedback answer(s), {self.n_feedback_before_split} dated "
            f"before the split {self.split_date} (later ones train the next split)",
            head,
            "-" * len(head),
            f"{'before (history only)':<24}" + "".join(f"{b[m]:>11.3f}" for m in METRICS),
            f"{'after (+ feedback)':<24}" + "".join(f"{a[m]:>11.3f}" for m in METRICS),
            f"{'change':<24}" + "".join(f"{d:>+11.3f}" for d in self.deltas().values()),
        ]
        wb, wa = self.before.learned_weights, self.after.learned_weights
        moved = [
            k
            for k in sorted(wa, key=lambda k: -abs(wa[k] - wb.get(k, 0.0)))[:5]
            if abs(wa[k] - wb.get(k, 0.0)) > 1e-9
        ]
        if not moved:
            lines.append("ranker weights unchanged")
        else:
            lines.append(
                "largest weight changes: "
                + ", ".join(f"{k} {wb.get(k, 0.0):+.3f}→{wa[k]:+.3f}" for k in moved)
            )
        lines.append(f"({self.before.n_queries} test queries; ranker {self.after.learned_source})")
        if self.saved is not None:
            v = self.saved
            was = f"replaces version {self.previous.version}" if self.previous else "the first"
            lines.append(
                f"saved as model version {v.version} ({was}): {v.source} ranker trained on labels "
                f"up to {v.trained_until}"
                + (f" from {v.window_start}" if v.window_start else "")
                + f", store revision {v.store_revision}; a running service switches to it within 30 s"
            )
            if self.previous is not None:
                old, new = self.previous.ranker.weights(), v.ranker.weights()
                moved = sorted(new, key=lambda k: -abs(new[k] - old.get(k, 0.0)))[:5]
                lines.append(
                    f"weights v{self.previous.version}→v{v.version}: "
                    + ", ".join(f"{k} {old.get(k, 0.0):+.3f}→{new[k]:+.3f}" for k in moved)
                )
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        return {
            "split_date": self.split_date.isoformat(),
            "n_feedback": self.n_feedback,
            "n_feedback_before_split": self.n_feedback_before_split,
            "before": self.before.to_dict(),
            "after": self.after.to_dict(),
            "change": self.deltas(),
            "saved": self.saved.summary() if self.saved is not None else None,
            "previous": self.previous.summary() if self.previous is not None else None,
        }


def retrain_ranker(
    store: GraphStore,
    *,
    split_date: dt.date,
    encoder: Any = None,
    n_boot: int = 200,
    random_state: int = 0,
    save_until: dt.date | None = None,
) -> RetrainReport:
    """Refit the learned suggestion ranker on history + feedback and report the change.

    With ``save_until``, a ranker trained on every label window ending by that day (history +
    feedback) is then saved as the new active model version, with the evaluation figures, so a
    service answers with it (:mod:`matcher.suggest.model_store`).

    Both rankers are trained on cut dates whose label windows end by ``split_date`` and evaluated
    on the links after it (:func:`matcher.suggest.evaluation.evaluate_temporal`); *before* sees the graph
    without FEEDBACK edges, *after* with them (accepted, met and co-produced answers become
    positive labels; declined ones stay negative).

    Example
    -------
    >>> from graph import SqliteGraphStore
    >>> retrain_ranker(SqliteGraphStore(":memory:"), split_date=dt.date(2026, 5, 1))
    Traceback (most recent call last):
    ...
    ValueError: the graph has no dated edges to evaluate on
    """
    from graph.store import build_snapshot
    from matcher.suggest.evaluation import evaluate_temporal

    nodes = store.nodes()
    edges = store.edges()
    answers = [e for e in edges if e.KIND == "FEEDBACK"]
    common = {
        "store": store,
        "encoder": encoder,
        "rankers": ("learned",),
        "n_boot": n_boot,
        "random_state": random_state,
    }
    without = build_snapshot(nodes, [e for e in edges if e.KIND != "FEEDBACK"])
    before = evaluate_temporal(without, split_date, **common)
    after = evaluate_temporal(build_snapshot(nodes, edges), split_date, **common)
    early = sum(1 for e in answers if e.date is not None and e.date <= split_date)
    report = RetrainReport(split_date, len(answers), early, before, after)
    if save_until is not None:
        from matcher.metrics import METRICS
        from matcher.suggest.model_store import active_version
        from matcher.suggest.suggester import Suggester

        report.previous = active_version(store)
        row = after.row("learned")
        figures = {"split_date": split_date.isoformat(), **{m: float(row[m]) for m in METRICS}}
        report.saved = Suggester(store, encoder=encoder, random_state=random_state).fit_and_save(
            save_until, origin="retrain", evaluation=figures
        )
    return report
