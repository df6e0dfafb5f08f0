"""Seating commands of the ``verbinder`` CLI: ``seat`` and ``bench seat``.

``verbinder seat`` plans (or re-plans) the guest tables of a programme edition from the store, or
of a generic JSON instance, and writes ``plan.json``, ``plan.csv``, ``plan.xlsx`` and
``tables.html`` to ``--out``. An infeasible instance is explained (causes and what-ifs, in Dutch)
and the command exits with code 2.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Annotated, Any

import typer

from api.cli.common import JsonOption, StoreOption, app, bench_app, fail, print_json, store_option
from api.cli.common import build_encoder as _encoder

__all__ = ["bench_seat", "seat_cmd"]


EditionOption = Annotated[
    str | None,
    typer.Option("--edition", help="Programme edition id in the store, e.g. edition:24."),
]
InstanceOption = Annotated[
    Path | None,
    typer.Option(
        "--instance",
        help="A generic JSON seating instance (format verbinder-seating) instead "
        "of an edition from the store.",
    ),
]
ReplanOption = Annotated[
    Path | None,
    typer.Option("--replan", help="Current plan (plan.json) to change as little as possible."),
]
CancelOption = Annotated[
    list[str] | None,
    typer.Option("--cancel", help="Guest id that cancelled (repeatable; with --replan)."),
]
AddTableOption = Annotated[
    list[str] | None,
    typer.Option(
        "--add-table", help="Team id that gets an extra table (repeatable; with --replan)."
    ),
]
OutOption = Annotated[
    Path | None,
    typer.Option("--out", help="Output folder (default: ./seating-<edition or instance name>)."),
]
MaxTablesOption = Annotated[
    int | None,
    typer.Option("--max-tables", help="Most tables per guest over the edition (store editions)."),
]
EncoderOption = Annotated[
    str | None,
    typer.Option("--encoder", help="Text encoder for relevance; default: $VERBINDER_ENCODER."),
]
MaxPerSessionOption = Annotated[
    int,
    typer.Option(
        "--max-per-session", help="Most tables per guest in one session (store editions)."
    ),
]
MinTablesOption = Annotated[
    int,
    typer.Option("--min-tables", help="Fewest tables per guest over the edition (store editions)."),
]
FairnessOption = Annotated[
    str | None,
    typer.Option(
        "--fairness",
        help="'weighted' (worst table as one weighted term) or 'maxmin' (raise the worst-served "
        "table first); default: the instance's own setting, or weighted.",
    ),
]
SaveOption = Annotated[
    bool,
    typer.Option(
        "--save", help="Store the plan as the edition's SEATED_AT edges (replaces its plan)."
    ),
]


def _write_outputs(
    problem: Any, plan: Any, out: Path, extra: dict[str, Any] | None = None
) -> list[Path]:
    import json

    from matcher.seating.export import write_csv, write_html, write_xlsx
    from matcher.seating.plan import plan_to_json

    out.mkdir(parents=True, exist_ok=True)
    data = plan_to_json(plan)
    if extra:
        data.update(extra)
    paths = [out / "plan.json"]
    paths[0].write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    if plan.feasible:
        paths.append(write_csv(problem, plan, out / "plan.csv"))
        paths.append(write_xlsx(problem, plan, out / "plan.xlsx"))
        paths.append(write_html(problem, plan, out / "tables.html"))
    return paths


def _summary(problem: Any, plan: Any) -> list[str]:
    lines = [
        f"{problem.name or 'instance'}: {len(problem.guests)} gasten, {len(problem.tables)} tafels, "
        f"{len(problem.sessions)} sessies",
        f"status {plan.status} via {plan.method}, {len(plan.seats)} plaatsen, doelwaarde "
        f"{plan.objective if plan.objective is None else f'{plan.objective:.0f}'}"
        + (f", gap {plan.gap:.2%}" if plan.gap is not None else "")
        + (f", greedy {plan.greedy_objective:.0f}" if plan.greedy_objective is not None else ""),
    ]
    if plan.model_size:
        size = plan.model_size
        lines.append(
            f"model: {size.get('pairs_in_model', 0)} van {size.get('pairs', 0)} mogelijke "
            f"plaatsen, {size.get('rows', 0)} voorwaarden"
        )
    if plan.note:
        lines.append(f"let op: {plan.note}")
    for s in problem.sessions:
        lines.append(f"{s.label}:")
        for t in problem.tables:
            names = [problem.guest(g).label for g in plan.at(t.id, s.id)]
            lines.append(f"  {t.label} ({t.team_name or t.team_id}): {', '.join(names) or '—'}")
    return lines


@app.command("seat")
def seat_cmd(
    edition: EditionOption = None,
    instance: InstanceOption = None,
    replan_file: ReplanOption = None,
    cancel: CancelOption = None,
    add_table: AddTableOption = None,
    out: OutOption = None,
    time_limit: Annotated[
        float, typer.Option("--time-limit", help="Solver time limit in seconds.")
    ] = 10.0,
    seed: Annotated[int, typer.Option("--seed", help="Random seed of the solver.")] = 0,
    workers: Annotated[
        int, typer.Option("--workers", help="CP-SAT workers (1 = reproducible search).")
    ] = 1,
    max_tables: MaxTablesOption = None,
    max_per_session: MaxPerSessionOption = 1,
    min_tables: MinTablesOption = 0,
    fairness: FairnessOption = None,
    encoder: EncoderOption = None,
    save: SaveOption = False,
    store: StoreOption = None,
    as_json: JsonOption = False,
) -> None:
    """Plan the guest tables of an edition (or re-plan after a cancellation or an extra table)."""
    from graph.errors import GraphError
    from matcher.seating import SeatingError, plan_from_json, plan_seating, replan
    from matcher.seating.fromstore import save_plan

    if edition is None and instance is None:
        fail("error: give --edition (a programme edition in the store) or --instance FILE")
    if (cancel or add_table) and replan_file is None:
        fail("error: --cancel and --add-table need --replan PLAN.json (the current plan)")
    if save and edition is None:
        fail("error: --save needs --edition")
    s = None
    try:
        if edition is not None:
            try:
                s = store_option(store)
            except GraphError as e:
                fail(f"error: {e}")
        loads = {"max_tables": max_tables, "max_per_session": max_per_session}
        problem, scorer = _load_problem(
            edition, instance, encoder, s, {**loads, "min_tables": min_tables}
        )
        if fairness is not None:
            problem = dataclasses.replace(problem, fairness=fairness)
        name = (edition or problem.name or (instance.stem if instance else "plan")).replace(
            ":", "-"
        )
        extra: dict[str, Any] = {}
        if replan_file is not None:
            result = replan(
                problem,
                plan_from_json(replan_file),
                cancel=cancel or [],
                add_tables=add_table or [],
                time_limit=time_limit,
                seed=seed,
                num_workers=workers,
            )
            plan, problem = result.plan, result.problem
            extra["diff"] = result.diff.as_dict()
        else:
            plan = plan_seating(
                problem, time_limit=time_limit, seed=seed, num_workers=workers, scorer=scorer
            )
        paths = _write_outputs(problem, plan, out or Path(f"seating-{name}"), extra)
        if save and plan.feasible and s is not None and edition is not None:
            written, deleted = save_plan(s, edition, plan, problem)
            extra["saved"] = {"written": written, "deleted": deleted}
    except (SeatingError, GraphError) as e:
        fail(f"error: {e}")
        raise
    finally:
        if s is not None:
            s.close()
    _echo_result(problem, plan, extra, paths, as_json=as_json)
    if not plan.feasible:
        raise typer.Exit(2)


def _load_problem(
    edition: str | None,
    instance: Path | None,
    encoder: str | None,
    store: Any,
    loads: dict[str, Any],
) -> tuple[Any, Any]:
    """The problem of ``--instance`` (a JSON file) or else of ``--edition`` in ``store``, and the
    text scorer used for its relevance (``None`` when the instance gives relevance)."""
    from matcher.seating import problem_from_json
    from matcher.seating.fromstore import problem_from_store
    from matcher.text.relevance import TextRelevance

    if instance is None and edition is None:  # pragma: no cover - checked by the caller
        raise ValueError("an instance or an edition is needed")
    if instance is not None:
        try:
            import json

            raw = json.loads(instance.read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            fail(f"error: {instance}: {e}")
            raise
        scorer = None
        if isinstance(raw, dict) and raw.get("relevance") is None:
            scorer = TextRelevance(_encoder(encoder))
        return problem_from_json(raw, scorer=scorer), scorer
    scorer = TextRelevance(_encoder(encoder), store=store)
    return problem_from_store(store, str(edition), scorer, **loads), scorer


def _echo_result(
    problem: Any, plan: Any, extra: dict[str, Any], paths: list[Path], *, as_json: bool
) -> None:
    if as_json:
        from matcher.seating.plan import plan_to_json

        print_json({**plan_to_json(plan), **extra, "files": [str(p) for p in paths]})
        return
    for line in _summary(problem, plan):
        typer.echo(line)
    if "diff" in extra:
        typer.echo(f"wijzigingen ({extra['diff']['changes']}):")
        for line in extra["diff"]["lines"]:
            typer.echo(f"  {line}")
    if plan.diagnosis is not None:
        typer.echo(plan.diagnosis.text())
    if "saved" in extra:
        typer.echo(
            f"opgeslagen: {extra['saved']['written']} plaatsen, "
            f"{extra['saved']['deleted']} oude plaatsen verwijderd"
        )
    typer.echo("bestanden: " + ", ".join(str(p) for p in paths))


@bench_app.command("seat")
def bench_seat(
    seed: Annotated[
        int, typer.Option("--seed", help="Seed of the generated instances and solver.")
    ] = 0,
    workers: Annotated[int, typer.Option("--workers", help="CP-SAT workers.")] = 1,
    only: Annotated[
        str | None,
        typer.Option("--only", help="Instances to run, as letters a-f (e.g. 'ade'); default all."),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Seating benchmark against the LP optimum and the greedy baseline: (a) 60×15×4 rotation,
    (b) 300×30, (c) 2000→500×4 capacity, (d) the same with default terms, (e) many-to-many
    2000 tables×3 / 500 guests×15, (f) the same with max-min fairness."""
    from matcher.seating.bench import run_bench

    if only is not None and (not only or set(only) - set("abcdef")):
        fail("error: --only takes letters a-f, e.g. --only ade")
    rows = run_bench(seed=seed, num_workers=workers, only=only)
    if as_json:
        print_json([r.as_dict() for r in rows])
    else:
        _print_bench(rows)
    if not all(r.valid and r.not_worse for r in rows):
        raise typer.Exit(1)


def _print_bench(rows: list[Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    def num(v: float | None, fmt: str = "{:.0f}") -> str:
        return "–" if v is None else fmt.format(v)

    t = Table(title="verbinder bench seat (LP = HiGHS in the same run)")
    for col in (
        "instance", "method", "status", "time s", "time / LP", "objective", "% of LP",
        "min table", "p10 table", "LP max-min", "vs greedy", "valid", "pairs (model)", "rows",
        "peak MB",
    ):  # fmt: skip
        t.add_column(col, justify="left" if col in ("instance", "method", "status") else "right")
    for r in rows:
        vs = (
            "–" if r.greedy is None or r.objective is None else f"{r.objective / r.greedy - 1:+.2%}"
        )
        t.add_row(
            r.instance, r.method, r.status, f"{r.seconds:.1f}",
            f"{r.seconds / r.lp_seconds:.2f}" if r.lp_seconds else "–", num(r.objective),
            num(r.pct_lp, "{:.3%}"), num(r.min_table, "{:.2f}"), num(r.p10_table, "{:.2f}"),
            num(r.lp_maxmin, "{:.2f}"), vs, "yes" if r.valid else "NO",
            f"{r.pairs} ({r.pairs_in_model})", str(r.rows), f"{r.peak_mb:.0f}",
        )  # fmt: skip
    console = Console()
    console.width = max(console.width, 200)
    console.print(t)
    for r in rows:
        if r.note:
            console.print(f"{r.instance}: {r.note}")
