"""Text-relevance commands: ``verbinder relevance`` and ``verbinder bench encoders``.

``relevance`` scores any queries against any multi-text profiles (no store needed), so the text
model can be measured on outside expertise-matching data. ``bench encoders`` prints the retrieval
tables of every encoder (alone and fused with the lexical channel) on the Dutch and English sets,
and each encoder's throughput against its raw model call.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from api.cli.common import JsonOption, app, bench_app, fail, print_json
from api.cli.common import build_encoder as _encoder
from api.settings import get_settings

if TYPE_CHECKING:
    pass

__all__ = ["bench_encoders", "read_profiles", "read_queries", "relevance"]


def _lines(path: Path) -> list[tuple[int, Any]]:
    if not path.is_file():
        fail(f"error: {path}: no such file")
    out: list[tuple[int, Any]] = []
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f, start=1):
            if not line.strip():
                continue
            try:
                out.append((n, json.loads(line)))
            except json.JSONDecodeError as e:
                fail(f"error: {path.name}: line {n}: not valid JSON ({e.msg})")
    return out


def read_queries(path: Path) -> tuple[list[str], list[str]]:
    """Query ids and texts from JSONL: each line a string or an object with ``text``/``query``."""
    ids: list[str] = []
    texts: list[str] = []
    for n, row in _lines(path):
        if isinstance(row, str):
            qid, text = f"q{n}", row
        elif isinstance(row, dict):
            value = row.get("text", row.get("query"))
            qid = str(row.get("id", f"q{n}"))
            if not isinstance(value, str):
                fail(f"error: {path.name}: line {n}, field 'text': a string is required")
            text = value
        else:
            fail(f"error: {path.name}: line {n}: expected a string or an object with 'text'")
        ids.append(qid)
        texts.append(text)
    return ids, texts


def read_profiles(path: Path) -> tuple[list[str], list[list[str]]]:
    """Profile ids and texts from JSONL: each line a list of strings or an object with ``texts``."""
    ids: list[str] = []
    profiles: list[list[str]] = []
    for n, row in _lines(path):
        texts: Any = None
        pid = f"p{n}"
        if isinstance(row, list):
            texts = row
        elif isinstance(row, dict):
            texts = row.get("texts")
            pid = str(row.get("id", pid))
        if not isinstance(texts, list) or not all(isinstance(t, str) for t in texts):
            fail(f"error: {path.name}: line {n}, field 'texts': a list of strings is required")
        ids.append(pid)
        profiles.append(list(texts))
    return ids, profiles


@app.command()
def relevance(
    queries: Annotated[
        Path,
        typer.Option(
            "--queries", help='JSONL: one query per line, a string or {"id": …, "text": …}.'
        ),
    ],
    profiles: Annotated[
        Path,
        typer.Option(
            "--profiles",
            help='JSONL: one profile per line, a list of texts or {"id": …, "texts": […]}.',
        ),
    ],
    out: Annotated[Path, typer.Option("--out", help="Write the scores as JSON here.")] = Path(
        "scores.json"
    ),
    encoder: Annotated[
        str | None,
        typer.Option("--encoder", help="Encoder name (default: $VERBINDER_ENCODER or 'default')."),
    ] = None,
    top: Annotated[int, typer.Option("--top", min=1, help="Best profiles listed per query.")] = 5,
) -> None:
    """Score queries against multi-text profiles (dense + lexical, any language, no store).

    The output holds the full matrix under "scores" (one row per query, one column per profile)
    and each query's best --top profiles under "top".
    """
    from matcher.text.relevance import TextRelevance

    q_ids, q_texts = read_queries(queries)
    p_ids, p_texts = read_profiles(profiles)
    if not q_texts or not p_texts:
        fail("error: need at least one query and one profile")
    enc = _encoder(encoder)
    tr = TextRelevance(enc).fit(p_texts)
    scores = tr.score(q_texts)
    ranking = []
    for i, qid in enumerate(q_ids):
        order = scores[i].argsort()[::-1][:top]
        ranking.append(
            {
                "query": qid,
                "best": [
                    {"profile": p_ids[j], "score": round(float(scores[i, j]), 4)} for j in order
                ],
            }
        )
    doc = {
        "encoder": f"{enc.name}/{enc.model_id}",
        "queries": q_ids,
        "profiles": p_ids,
        "scores": [[round(float(x), 5) for x in row] for row in scores],
        "top": ranking,
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    typer.echo(f"scored {len(q_ids)} queries × {len(p_ids)} profiles with {doc['encoder']} → {out}")


@bench_app.command("encoders")
def bench_encoders(
    encoders: Annotated[
        str,
        typer.Option(
            "--encoders",
            help="Comma-separated encoders to measure (hashing, sentence-transformers, e5, use).",
        ),
    ] = "hashing,sentence-transformers,e5,use",
    cache: Annotated[
        str | None,
        typer.Option(
            "--cache",
            help="A store file whose embedding cache keeps the vectors between runs "
            "(throughput is always measured fresh).",
        ),
    ] = None,
    sample: Annotated[
        int, typer.Option("--sample", min=8, help="Texts per encoder for the throughput table.")
    ] = 96,
    json_out: JsonOption = False,
) -> None:
    """Retrieval quality (recall@1, recall@5, MRR) of every encoder alone and fused with the
    lexical channel on the Dutch and English sets, the routed default, and throughput against
    each encoder's raw model call."""
    from matcher.text.bench import build_encoders, run_bench
    from matcher.text.evalsets import load_dutch
    from matcher.text.expertise import expertise_table, length_speed, load_expertise

    names = [n.strip() for n in encoders.split(",") if n.strip()]
    store = None
    if cache:
        from graph.sqlite_store import SqliteGraphStore

        store = SqliteGraphStore(cache)
    settings = get_settings()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        report = run_bench(
            names,
            store=store,
            sample=sample,
            model_path=str(settings.model_path) if settings.model_path else None,
            echo=None if json_out else typer.echo,
        )
        say = (lambda _s: None) if json_out else typer.echo
        encs = build_encoders(names, str(settings.model_path) if settings.model_path else None)
        report["length"] = length_speed(encs, [load_expertise().data, load_dutch()], say)
        if "sentence-transformers" in names:
            report["expertise"] = expertise_table(encs, store, say)
    finally:
        if store is not None:
            store.close()
    if json_out:
        print_json(report)
