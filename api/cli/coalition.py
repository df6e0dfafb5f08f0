"""Coalition, timing and feedback commands of the ``verbinder`` CLI.

``coalition``, ``nudges``, ``feedback``, ``retrain``, ``evaluate-coalitions`` and
``evaluate-nudges``. Output is Dutch for people (``--json`` for machines); errors go to stderr with
a non-zero exit code.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from api.cli.common import (
    EncoderOption,
    JsonOption,
    StoreOption,
    app,
    fail,
    opened_store,
    print_json,
)
from api.cli.common import build_encoder as _encoder
from api.cli.common import parse_day as _day

if TYPE_CHECKING:
    from graph.store import GraphStore

__all__ = [
    "coalition",
    "evaluate_coalitions_cmd",
    "evaluate_nudges_cmd",
    "feedback",
    "nudges_cmd",
    "retrain",
]

AsOfOption = Annotated[
    str | None,
    typer.Option("--as-of", help="The day to answer for (YYYY-MM-DD); default: today."),
]


@contextmanager
def _opened(spec: str | None) -> Iterator[GraphStore]:
    from matcher.coalition.assembly import CoalitionError
    from matcher.coalition.facets import FacetError
    from matcher.suggest.feedback import FeedbackError
    from matcher.timing.nudging import NudgeError

    with opened_store(spec, errors=(CoalitionError, FacetError, FeedbackError, NudgeError)) as s:
        yield s


@app.command()
def coalition(
    team: Annotated[str, typer.Option("--team", help="The team id, e.g. team:3-2.")],
    k: Annotated[int, typer.Option("--k", help="Number of partners in the coalition.")] = 5,
    need: Annotated[
        list[str] | None,
        typer.Option("--need", help="A need to cover (repeat); default: the team's challenge."),
    ] = None,
    as_of: AsOfOption = None,
    encoder: EncoderOption = None,
    store: StoreOption = None,
    json_out: JsonOption = False,
) -> None:
    """Assemble co-producers for a team: who covers what, what stays uncovered, alternates."""
    from matcher.coalition.assembly import assemble_coalition
    from matcher.coalition.explanation import facet_evidence_nl

    day = _day(as_of)
    enc = _encoder(encoder)
    with _opened(store) as s:
        c = assemble_coalition(s, team, as_of=day, k=k, needs=need or None, encoder=enc)
    if json_out:
        print_json(c.to_dict())
        return
    typer.echo(f"Coalitie voor {c.team_name} ({c.team}), per {c.as_of}")
    typer.echo(f"Onderdelen van de opgave ({len(c.facets)}):")
    for f in c.facets:
        who = c.covered_by.get(f.index)
        typer.echo(f"  {f.index + 1}. {f.text} ({f.weight:.0%})  →  {who or 'niet gedekt'}")
        if f.evidence:
            typer.echo(f"     {facet_evidence_nl(f)}")
    for n, m in enumerate(c.members, 1):
        typer.echo(f"\n{n}. {m.name} ({m.organisation}, {m.org_kind}) +{m.gain:.3f}")
        for r in m.reasons:
            typer.echo(f"   - {r}")
        if m.contact:
            typer.echo(f"   contactpersoon: {m.contact['name']} ({m.contact['id']})")
        for a in m.alternates:
            typer.echo(f"   alternatief: {a.name} — {a.reason}")
    for u in c.uncovered:
        typer.echo(f"\n{u}")
    excluded = ", ".join(f"{v} {k}" for k, v in c.excluded.items() if v)
    typer.echo(
        f"\nWaarde {c.value:.3f} (dekking {c.components['coverage']:.3f}); {c.candidates} "
        f"kandidaten" + (f", uitgesloten: {excluded}" if excluded else "") + "."
    )
    typer.echo(c.guarantee)


@app.command("nudges")
def nudges_cmd(
    staff: Annotated[str | None, typer.Option("--staff", help="A staff id.")] = None,
    dossier: Annotated[str | None, typer.Option("--dossier", help="A dossier id.")] = None,
    team: Annotated[str | None, typer.Option("--team", help="A team id.")] = None,
    as_of: AsOfOption = None,
    horizon: Annotated[
        int, typer.Option("--horizon", help="Days ahead to look for milestones and sessions.")
    ] = 60,
    weekly_cap: Annotated[
        int, typer.Option("--weekly-cap", min=1, max=20, help="Nudges in one week at most.")
    ] = 5,
    ics: Annotated[
        Path | None, typer.Option("--ics", help="Also write the nudges to this .ics file.")
    ] = None,
    store: StoreOption = None,
    json_out: JsonOption = False,
) -> None:
    """Nudges to act on (milestones, sessions, fading relations) for one subject: who should act
    and why now, answered ones left out, spread over working days under a weekly cap."""
    from matcher.timing.ics import to_ics
    from matcher.timing.planning import agenda
    from matcher.vocabulary import NUDGE_WHO_NL, NUDGE_WHY_NOW_NL

    day = _day(as_of)
    with _opened(store) as s:
        plan = agenda(
            s,
            staff=staff,
            dossier=dossier,
            team=team,
            as_of=day,
            horizon_days=horizon,
            weekly_cap=weekly_cap,
        )
    items = plan.planned
    if ics is not None:
        try:
            ics.write_bytes(to_ics(items))
        except OSError as e:
            fail(f"error: cannot write {ics}: {e}")
    if json_out:
        print_json([n.to_dict() for n in items])
        return
    typer.echo(f"{len(items)} seintje(s) per {day} (hoogstens {weekly_cap} per week):")
    for n in items:
        typer.echo(f"  {n.date}  [{n.kind}] {n.title}\n              {n.reason}")
        if n.actor_name:
            typer.echo(
                f"              {NUDGE_WHO_NL}: {n.actor_name}; {NUDGE_WHY_NOW_NL}: {n.why_now}"
            )
    if plan.left_out:
        typer.echo(f"{len(plan.left_out)} seintje(s) met lagere prioriteit vallen buiten de week.")
    if ics is not None:
        typer.echo(f"agenda geschreven naar {ics} ({len(items)} afspraken)")


@app.command()
def feedback(
    by: Annotated[str, typer.Option("--by", help="Who answers: a staff or team id.")],
    target: Annotated[
        str, typer.Option("--target", help="The organisation or contact that was shown.")
    ],
    outcome: Annotated[
        str, typer.Option("--outcome", help="accepted, declined, met or co_produced.")
    ],
    context: Annotated[
        str, typer.Option("--context", help="Where it was shown: suggestion, coalition or nudge.")
    ] = "suggestion",
    date: Annotated[
        str | None, typer.Option("--date", help="Day of the answer (YYYY-MM-DD); default: today.")
    ] = None,
    note: Annotated[str, typer.Option("--note", help="Free text.")] = "",
    store: StoreOption = None,
    json_out: JsonOption = False,
) -> None:
    """Record what was done with a shown suggestion, coalition member or nudge."""
    from matcher.suggest.feedback import record_feedback

    day = _day(date, "--date")
    with _opened(store) as s:
        e = record_feedback(s, by, target, outcome, date=day, context=context, note=note)
    if json_out:
        print_json(e.model_dump(mode="json"))
        return
    typer.echo(f"feedback vastgelegd: {e.source} → {e.target}: {e.outcome.value} ({e.date})")


def _finite(data: Any) -> Any:
    """NaN (no value, e.g. a lift without random hits) as JSON null."""
    if isinstance(data, dict):
        return {k: _finite(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_finite(v) for v in data]
    if isinstance(data, float) and math.isnan(data):
        return None
    return data


def _day_or_split(value: str | None, name: str) -> dt.date:
    """The given date, or the seed's evaluation split date when none is given."""
    if value is None:
        from seeds import SPLIT_DATE

        return SPLIT_DATE
    return _day(value, name)


@app.command()
def retrain(
    split: Annotated[
        str | None,
        typer.Option("--split", help="Evaluation split date (default: the seed's split date)."),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(
            "--until", help="Train the saved ranker on labels up to this day (default today)."
        ),
    ] = None,
    save: Annotated[
        bool,
        typer.Option("--save/--no-save", help="Save the refitted ranker as the new model version."),
    ] = True,
    encoder: EncoderOption = None,
    store: StoreOption = None,
    json_out: JsonOption = False,
) -> None:
    """Refit the suggestion ranker on history + feedback, print evaluation before and after, and
    save it as a new model version (see `verbinder model list`)."""
    from matcher.suggest.feedback import retrain_ranker

    day = _day_or_split(split, "--split")
    last = _day(until, "--until")
    enc = _encoder(encoder)
    with _opened(store) as s:
        try:
            report = retrain_ranker(
                s, split_date=day, encoder=enc, save_until=last if save else None
            )
        except ValueError as e:
            fail(f"error: {e}")
            return
    if json_out:
        print_json(report.to_dict())
    else:
        typer.echo(report.table())


@app.command("evaluate-coalitions")
def evaluate_coalitions_cmd(
    k: Annotated[int, typer.Option("--k", help="Coalition size.")] = 5,
    as_of: AsOfOption = None,
    encoder: EncoderOption = None,
    store: StoreOption = None,
    json_out: JsonOption = False,
) -> None:
    """Coalition coverage and redundancy per team against the top-k-by-relevance baseline, and
    how well derived facets and stored needs agree with each team's own challenge."""
    from matcher.coalition.evaluation import evaluate_coalitions

    day = _day(as_of)
    enc = _encoder(encoder)
    with _opened(store) as s:
        report = evaluate_coalitions(s, k=k, encoder=enc, as_of=day)
    if json_out:
        print_json(_finite({"k": k, "rows": report.rows, "summary": report.summary}))
    else:
        typer.echo(report.table())


@app.command("evaluate-nudges")
def evaluate_nudges_cmd(
    start: Annotated[
        str | None,
        typer.Option("--start", help="First replay date (default: the seed's split date)."),
    ] = None,
    window: Annotated[
        int, typer.Option("--window", help="Days after a nudge in which contact counts.")
    ] = 60,
    step: Annotated[int, typer.Option("--step", help="Days between replay dates.")] = 30,
    store: StoreOption = None,
    json_out: JsonOption = False,
) -> None:
    """Temporal replay of nudges per kind: share followed by contact within the window vs random
    timing, the lift and its 95 % interval, and which kinds are on by default."""
    from matcher.coalition.evaluation import evaluate_nudges

    day = _day_or_split(start, "--start")
    with _opened(store) as s:
        report = evaluate_nudges(s, start=day, window_days=window, step_days=step)
    if json_out:
        print_json(
            _finite(
                {
                    "window_days": window,
                    "replay_dates": [d.isoformat() for d in report.replay_dates],
                    "by_kind": report.by_kind,
                }
            )
        )
    else:
        typer.echo(report.table())
