"""Suggestion commands of the ``verbinder`` CLI: ``suggest``, ``evaluate`` and ``bench suggest``."""

from __future__ import annotations

import datetime as dt
import time
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
    bench_app,
    fail,
    print_json,
)
from api.cli.common import build_encoder as _encoder
from api.cli.common import opened_store as _opened
from api.cli.common import parse_day as _day

if TYPE_CHECKING:
    pass

__all__ = ["bench_suggest", "evaluate_cmd", "evaluate_questions_cmd", "suggest_cmd"]


@app.command("suggest")
def suggest_cmd(
    staff: Annotated[str | None, typer.Option("--staff", help="Staff id, e.g. staff:0042.")] = None,
    dossier: Annotated[
        str | None, typer.Option("--dossier", help="Dossier id, e.g. dossier:kustversterking.")
    ] = None,
    text: Annotated[
        str | None, typer.Option("--text", help="A question in Dutch, e.g. 'wie kan helpen met …'.")
    ] = None,
    organisation: Annotated[
        str | None,
        typer.Option(
            "--organisation", help="Organisation id: which partners fit this partner, e.g. org:tno."
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="The day to answer for (YYYY-MM-DD); default today."),
    ] = None,
    k: Annotated[int, typer.Option("-k", "--k", help="Number of suggestions.", min=1)] = 10,
    ranker: Annotated[
        str, typer.Option("--ranker", help="learned (trained on the history) or default weights.")
    ] = "learned",
    encoder: EncoderOption = None,
    store: StoreOption = None,
    json_out: JsonOption = False,
) -> None:
    """Suggest partner organisations for a staff member, a dossier, a question or another
    organisation (which partners fit this partner), with reasons."""
    from matcher.suggest.suggester import Suggester, SuggestionError

    day = _day(as_of, "--as-of")
    enc = _encoder(encoder)
    with _opened(store) as s:
        try:
            results = Suggester(s, encoder=enc, ranker=ranker).suggest(
                staff=staff, dossier=dossier, text=text, organisation=organisation, as_of=day, k=k
            )
        except SuggestionError as e:
            fail(f"error: {e}")
            return
    if json_out:
        print_json(results.to_dict())
        return
    _print_result(results)


def _print_result(results: Any) -> None:
    """The suggestions, or "geen goede match" with the nearest themes; then who is involved."""
    from matcher.vocabulary import SUGGEST_NL

    if results.no_match:
        typer.echo(SUGGEST_NL["no_match"])
        if results.nearest_themes:
            typer.echo(f"{SUGGEST_NL['nearest_themes']}: {', '.join(results.nearest_themes)}")
    elif not results:
        typer.echo(SUGGEST_NL["none"])
    for r in results:
        typer.echo(f"{r.rank}. {r.organisation.name} ({r.organisation.id})  score {r.score:.2f}")
        if r.contact:
            typer.echo(
                f"   contact: {r.contact.name}{', ' + r.contact.role if r.contact.role else ''}"
            )
        if r.introducer:
            i = r.introducer
            typer.echo(
                f"   introductie via: {i.name} ({i.date}{', tafel ' + i.table if i.table else ''})"
            )
        for reason in r.reasons[:5]:
            label = SUGGEST_NL["drawback"] if reason.drawback else SUGGEST_NL["advantage"]
            typer.echo(f"   {label} {abs(reason.contribution):.2f}  {reason.text_nl}")
    if results.involved:
        names = ", ".join(o.name for o in results.involved)
        typer.echo(f"{SUGGEST_NL['involved']} ({len(results.involved)}): {names}")


@app.command("evaluate")
def evaluate_cmd(
    split_date: Annotated[
        str, typer.Option("--split-date", help="Rankers see the graph up to this day (YYYY-MM-DD).")
    ],
    graph: Annotated[
        Path | None,
        typer.Option("--graph", help="Evaluate an imported graph file (JSON, CSV folder or XLSX)."),
    ] = None,
    query_kinds: Annotated[
        str, typer.Option("--query-kinds", help="Comma-separated query node kinds.")
    ] = "staff,dossier",
    candidate_kind: Annotated[
        str, typer.Option("--candidate-kind", help="Node kind that is ranked.")
    ] = "organisation",
    end_date: Annotated[
        str | None, typer.Option("--end-date", help="End of the test period (default: last date).")
    ] = None,
    plot: Annotated[
        Path | None, typer.Option("--plot", help="Write a PNG comparing the rankers.")
    ] = None,
    validation_days: Annotated[
        int | None,
        typer.Option(
            "--validation-days",
            min=7,
            help="Days before the split on which the pipeline is chosen (default: as long as "
            "the test period, at most a year).",
        ),
    ] = None,
    seed: Annotated[
        int, typer.Option("--seed", help="Random seed (ties, bootstrap, sampling).")
    ] = 0,
    n_boot: Annotated[int, typer.Option("--n-boot", help="Bootstrap resamples.")] = 1000,
    encoder: EncoderOption = None,
    store: StoreOption = None,
    json_out: JsonOption = False,
) -> None:
    """Temporal hold-out: recall@5/10, nDCG@10 and MRR with 95 % intervals for six rankers and
    the whole suggestion pipeline (chosen on a validation window before the split), its
    candidate recall and the effect of each re-ranking stage."""
    from graph.errors import GraphError, ImportValidationError
    from graph.store import build_snapshot
    from matcher.suggest.evaluation import evaluate_temporal

    split = _day(split_date, "--split-date")
    end = _day(end_date, "--end-date") if end_date else None
    kinds = [k.strip() for k in query_kinds.split(",") if k.strip()]
    if not kinds:
        fail("error: --query-kinds names no kind")
    enc = _encoder(encoder)
    if graph is not None:
        from graph.io import read_graph
        from graph.sqlite_store import SqliteGraphStore

        try:
            nodes, edges = read_graph(graph)
        except ImportValidationError as e:
            for err in e.errors:
                typer.echo(f"error: {err}", err=True)
            fail(f"{len(e.errors)} error(s) in {graph}")
            return
        except (GraphError, OSError) as e:
            fail(f"error: {e}")
            return
        s: Any = SqliteGraphStore(":memory:")
        s.write(nodes, edges)
        g = build_snapshot(nodes, edges)
        ctx: Any = _closing(s)
    else:
        ctx = _opened(store)
    with ctx as s:
        if graph is None:
            g = s.snapshot()
        try:
            result = evaluate_temporal(
                g,
                split,
                store=s,
                encoder=enc,
                query_kinds=kinds,
                candidate_kind=candidate_kind,
                end_date=end,
                validation_days=validation_days,
                n_boot=n_boot,
                random_state=seed,
            )
        except ValueError as e:
            fail(f"error: {e}")
            return
    if plot is not None:
        result.plot(str(plot))
    if json_out:
        print_json(result.to_dict())
        return
    typer.echo(result.table())
    if result.learned_weights:
        w = ", ".join(f"{k} {v:+.2f}" for k, v in result.learned_weights.items())
        typer.echo(f"learned ranker ({result.learned_source}): {w}")
    if plot is not None:
        typer.echo(f"plot written to {plot}")


@app.command("evaluate-questions")
def evaluate_questions_cmd(
    questions: Annotated[
        Path,
        typer.Option(
            "--questions", help="Question set (JSON lines: id, kind, split, text, labels)."
        ),
    ] = Path("tests/data/questions_nl.jsonl"),
    split: Annotated[
        str, typer.Option("--split", help="dev (to choose settings on), test (to report) or all.")
    ] = "test",
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Day to answer for (YYYY-MM-DD); default the seed's split."),
    ] = None,
    seed: Annotated[int, typer.Option("--seed", help="Random seed of the bootstrap.")] = 0,
    n_boot: Annotated[int, typer.Option("--n-boot", help="Bootstrap resamples.")] = 1000,
    encoder: EncoderOption = None,
    store: StoreOption = None,
    json_out: JsonOption = False,
) -> None:
    """Question-set evaluation: nDCG@10, Hit@5, P@5 and MRR per question kind with 95 % intervals,
    abstention and inversions, for the shipped suggester, text relevance alone and each ablation."""
    from matcher.suggest.questions import evaluate_questions, load_questions
    from matcher.suggest.suggester import Suggester
    from seeds import SPLIT_DATE

    if split not in ("dev", "test", "all"):
        fail(f"error: --split must be dev, test or all, not '{split}'")
    try:
        qs = load_questions(questions)
    except (OSError, ValueError) as e:
        fail(f"error: {e}")
        return
    day = _day(as_of, "--as-of") if as_of else SPLIT_DATE
    enc = _encoder(encoder)
    with _opened(store) as s:
        result = evaluate_questions(
            Suggester(s, encoder=enc),
            qs,
            as_of=day,
            split=None if split == "all" else split,
            n_boot=n_boot,
            random_state=seed,
        )
    if json_out:
        print_json(result.to_dict())
        return
    typer.echo(result.table())


@contextmanager
def _closing(store: Any) -> Iterator[Any]:
    try:
        yield store
    finally:
        store.close()


# ---------------------------------------------------------------------------- bench

QUESTIONS = (
    "wie kan helpen met natuurinclusieve dijkversterking?",
    "partners voor waterstof en netcongestie in de haven",
    "kennis over bodemdaling en klimaatadaptatie",
    "wie werkt aan fietsbeleid en deelmobiliteit?",
    "circulaire bouwmaterialen en asfaltinnovatie",
    "burgerinitiatieven rond participatie onder de omgevingswet",
    "zoetwatervoorziening bij droogte",
    "geluidhinder en luchtkwaliteit rond luchthavens",
    "wie weet veel van verzilting in de delta?",
    "samenwerken met boeren aan waterkwaliteit",
    "laadinfrastructuur voor elektrische vrachtwagens",
    "vervanging en renovatie van oude bruggen en sluizen",
    "wie denkt mee over zeespiegelstijging na 2100?",
    "binnenvaart en verduurzaming van schepen",
    "spoorgoederenvervoer door dorpen en steden",
    "verkeersveiligheid rond scholen",
    "klimaatbestendig bouwen in nieuwe wijken",
    "wie helpt met de ruimtelijke inpassing van windparken op zee?",
    "zandsuppleties en kustonderhoud",
    "toegankelijk openbaar vervoer voor mensen met een beperking",
    "rivierverruiming en ruimte voor de rivier",
    "drinkwater en opkomende stoffen zoals PFAS",
    "stikstofruimte voor infrastructuurprojecten",
    "betrokken bewoners bij een dijkversterking in hun dorp",
    "data en digitale tweelingen voor beheer van wegen",
    "wie kent de haven van Rotterdam en de energietransitie?",
    "deelauto's en mobiliteitshubs in nieuwbouwwijken",
    "overstromingsrisico's en evacuatie",
    "veenweidegebieden, bodemdaling en waterpeil",
    "emissieloze bouwmachines op de bouwplaats",
    "nachtnet en bereikbaarheid van het platteland",
    "plastic zwerfafval in rivieren en op stranden",
    "grondwateronttrekking door industrie",
    "kennisinstellingen voor klimaatscenario's",
    "bedrijven die werken aan biobased bouwen",
    "maatschappelijke organisaties rond luchtvaart en omwonenden",
    "wie adviseert over hittestress in de stad?",
    "vergroening van vaarwegen en oevers",
    "schaarste aan netcapaciteit bij bedrijventerreinen",
    "jongeren betrekken bij klimaatbeleid",
)


def _percentiles(ms: list[float]) -> tuple[float, float]:
    import numpy as np

    return float(np.percentile(ms, 50)), float(np.percentile(ms, 95))


def _bench_one(label: str, sug: Any, as_of: dt.date, n: int, rows: list[dict[str, Any]]) -> None:
    import numpy as np

    t0 = time.perf_counter()
    st = sug.state(as_of)
    fit_s = time.perf_counter() - t0
    rng = np.random.default_rng(0)
    tg = st.tg
    staff = tg.nodes_of("staff")
    dossiers = tg.nodes_of("dossier")
    queries: dict[str, list[dict[str, str]]] = {
        "staff": [{"staff": tg.ids[i]} for i in rng.choice(staff, min(n, len(staff)), False)],
        "dossier": [
            {"dossier": tg.ids[i]} for i in rng.choice(dossiers, min(n, len(dossiers)), False)
        ],
        "text": [{"text": q} for q in QUESTIONS[:n]],  # distinct questions, at most 40
    }
    tr = st.feat.text.tr
    sug.suggest(**queries["staff"][0], as_of=as_of, k=10)  # warm the code paths once
    for kind, qs in queries.items():
        full, base = [], []
        for q in qs:
            text = q.get("text") or st.feat.query_texts.get(q.get("staff") or q.get("dossier"), "")
            if kind == "text":
                # Every question is new to both paths (no cached query vector): the baseline gets
                # it capitalised, a different string of the same length.
                text = text[0].upper() + text[1:]
            t = time.perf_counter()
            s = tr.score([text])[0]  # text-only baseline: exact fused relevance, top 10
            np.argpartition(-s, 10)[:10]
            base.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            sug.suggest(**q, as_of=as_of, k=10)
            full.append((time.perf_counter() - t) * 1000)
        p50, p95 = _percentiles(full)
        b50, b95 = _percentiles(base)
        rows.append(
            {
                "graph": label,
                "nodes": tg.n,
                "fit_s": round(fit_s, 1),
                "query": kind,
                "n": len(qs),
                "p50_ms": round(p50, 1),
                "p95_ms": round(p95, 1),
                "text_p50_ms": round(b50, 1),
                "text_p95_ms": round(b95, 1),
                "p95_ratio": round(p95 / b95, 2) if b95 > 0 else None,
                "ranker": st.ranker.source_,
                "ann": getattr(st.feat.text.ann, "method_", "none"),
            }
        )


@bench_app.command("suggest")
def bench_suggest(
    small: Annotated[
        bool,
        typer.Option("--small", help="Synthetic graph of 13,000 staff / 10,000 organisations."),
    ] = False,
    queries: Annotated[
        int,
        typer.Option(
            "--queries", help="Queries per kind (free-text questions: at most 40, all distinct)."
        ),
    ] = 40,
    encoder: EncoderOption = None,
    large_encoder: Annotated[
        str,
        typer.Option("--large-encoder", help="Encoder for the synthetic graph (100,000 texts)."),
    ] = "hashing",
    ann: Annotated[
        str, typer.Option("--ann", help="ANN method at the large size: ivf or hnsw.")
    ] = "ivf",
    synthetic: Annotated[
        bool,
        typer.Option("--synthetic/--no-synthetic", help="Also bench the generated large graph."),
    ] = True,
    json_out: JsonOption = False,
) -> None:
    """Warm p50/p95 latency per query at seed size and on a generated 130k-staff/100k-organisation
    graph, each against an exact text-only ranking measured in the same run; and at seed size
    the fitted-state rows (start with a saved ranker, first request after a write, with a new
    as_of, during a background refit, "Mijn team" after a write) as ratios to the warm p95."""
    import os

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import tempfile

    from api.cli.suggest_bench import bench_lifecycle, lifecycle_table
    from api.settings import get_settings
    from graph.sqlite_store import SqliteGraphStore
    from matcher.suggest.model_store import save_ranker
    from matcher.suggest.suggester import Suggester
    from matcher.suggest.synthetic import synthetic_graph
    from matcher.text.encoders import get_encoder
    from seeds import SPLIT_DATE, load_seed
    from seeds.vectors import seed_vectors

    rows: list[dict[str, Any]] = []
    # A file store, as `serve` has: each thread reads on its own connection.
    workdir = tempfile.TemporaryDirectory(prefix="verbinder-bench-")
    store = SqliteGraphStore(Path(workdir.name) / "seed.db")
    store.write(*load_seed())
    seed_vectors(store)  # as `verbinder seed` does: the fit measures training, not encoding
    fitted = Suggester(store, encoder=_encoder(encoder))
    _bench_one("seed", fitted, SPLIT_DATE, queries, rows)
    save_ranker(store, fitted.state(SPLIT_DATE).ranker, trained_until=SPLIT_DATE, origin="bench")
    name = encoder or get_settings().encoder
    lifecycle = bench_lifecycle(store, name, SPLIT_DATE, n=min(queries, 20))
    store.close()
    workdir.cleanup()
    if not synthetic:
        if json_out:
            print_json({"rows": rows, "lifecycle": lifecycle})
            return
        _print_rows(rows)
        for line in lifecycle_table(lifecycle):
            typer.echo(line)
        return
    n_staff, n_orgs = (13_000, 10_000) if small else (130_000, 100_000)
    t0 = time.perf_counter()
    g = synthetic_graph(n_staff, n_orgs)
    build_s = time.perf_counter() - t0
    sug = Suggester(graph=g, encoder=get_encoder(large_encoder), ranker="default", ann=ann)
    _bench_one(f"synthetic {n_staff // 1000}k/{n_orgs // 1000}k", sug, SPLIT_DATE, queries, rows)
    if json_out:
        print_json({"rows": rows, "lifecycle": lifecycle, "synthetic_build_s": round(build_s, 1)})
        return
    _print_rows(rows)
    typer.echo(f"(synthetic graph generated in {build_s:.0f} s; latencies are warm, per query)")
    for line in lifecycle_table(lifecycle):
        typer.echo(line)


def _print_rows(rows: list[dict[str, Any]]) -> None:
    head = (
        f"{'graph':<18}{'nodes':>9}{'fit s':>7}{'query':>9}{'n':>5}{'p50 ms':>9}{'p95 ms':>9}"
        f"{'text p50':>10}{'text p95':>10}{'p95/text':>10}  ranker/ann"
    )
    typer.echo(head)
    typer.echo("-" * len(head))
    for r in rows:
        typer.echo(
            f"{r['graph']:<18}{r['nodes']:>9}{r['fit_s']:>7}{r['query']:>9}{r['n']:>5}"
            f"{r['p50_ms']:>9}{r['p95_ms']:>9}{r['text_p50_ms']:>10}{r['text_p95_ms']:>10}"
            f"{r['p95_ratio']:>10}  {r['ranker']}/{r['ann']}"
        )


@app.command("generate-network")
def generate_network_cmd(
    out: Annotated[Path, typer.Argument(help="Graph file to write (.json, .xlsx or a folder).")],
    orgs: Annotated[int, typer.Option("--orgs", min=10, help="Number of organisations.")] = 500,
    links: Annotated[int, typer.Option("--links", min=10, help="Number of dated links.")] = 4000,
    start: Annotated[str, typer.Option("--start", help="First day (YYYY-MM-DD).")] = "2020-01-01",
    end: Annotated[str, typer.Option("--end", help="Last day (YYYY-MM-DD).")] = "2025-12-31",
    seed: Annotated[int, typer.Option("--seed", help="Random seed.")] = 0,
) -> None:
    """Write a dated organisation network grown by triadic closure and preferential attachment
    (a link process unlike the seed's), importable and usable with `evaluate --graph`."""
    from graph.io import export_graph
    from graph.sqlite_store import SqliteGraphStore
    from matcher.suggest.triadic import triadic_network

    first, last = _day(start, "--start"), _day(end, "--end")
    if first >= last:
        fail("error: --start must be before --end")
        return
    nodes, edges = triadic_network(orgs, links, start=first, end=last, random_state=seed)
    with _closing(SqliteGraphStore(":memory:")) as s:
        s.write(nodes, edges)
        export_graph(s, out)
    typer.echo(f"{len(nodes)} organisations and {len(edges)} dated links written to {out}")
