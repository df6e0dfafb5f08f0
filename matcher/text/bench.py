"""Measuring text relevance: retrieval quality per encoder (alone and fused) and wrapping cost.

Quality is measured on the retrieval sets of :mod:`matcher.text.evalsets`. For every encoder the profile
texts and queries are encoded once; aggregations (max, mean, mean of top-k, centroid), dense/lexical
weights and encoder mixtures are then evaluated on the stored vectors. Settings are chosen on the
``dev`` half of both sets together (mean MRR) and reported on the ``test`` half and on everything.

Throughput compares each encoder's own call (``encode_cached`` without a store, i.e. our checks,
batching, de-duplication and normalisation) with the raw model call on the same texts, in the same
run, so the wrapping cost is a ratio, not a wall-clock promise.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from matcher.text.encoders import ConcatEncoder, Encoder, encode_cached, get_encoder
from matcher.text.evalsets import RetrievalSet
from matcher.text.fusion import aggregate, background, fuse_channels, profile_index
from matcher.text.language import detect_language
from matcher.text.lexical import LexicalIndex

if TYPE_CHECKING:
    from graph.store import GraphStore

__all__ = [
    "AGG_GRID",
    "WEIGHT_GRID",
    "Config",
    "EncodedSet",
    "Metrics",
    "encode_set",
    "evaluate",
    "format_table",
    "rank_metrics",
    "throughput",
]

#: (aggregation, k) pairs tried.
AGG_GRID: tuple[tuple[str, int], ...] = (
    ("max", 1),
    ("mean", 1),
    ("topk", 2),
    ("topk", 3),
    ("centroid", 1),
)
#: Dense shares tried when fusing with the lexical channel.
WEIGHT_GRID: tuple[float, ...] = tuple(round(w, 2) for w in np.linspace(0.0, 1.0, 11))


@dataclass(frozen=True)
class Metrics:
    """recall@1, recall@5 (a right answer among the first k) and mean reciprocal rank."""

    recall1: float
    recall5: float
    mrr: float
    n: int

    def row(self) -> list[str]:
        return [f"{self.recall1:.3f}", f"{self.recall5:.3f}", f"{self.mrr:.3f}"]


def rank_metrics(scores: np.ndarray, relevant: Sequence[frozenset[int]]) -> Metrics:
    """Metrics of a score matrix against the right answers; ties count against the right answer.

    Examples
    --------
    >>> s = np.array([[0.9, 0.1, 0.5], [0.2, 0.3, 0.1]])
    >>> rank_metrics(s, [frozenset({0}), frozenset({0})])
    Metrics(recall1=0.5, recall5=1.0, mrr=0.75, n=2)
    """
    n = len(relevant)
    if n == 0:
        return Metrics(0.0, 0.0, 0.0, 0)
    ranks = np.empty(n)
    for i, rel in enumerate(relevant):
        cols = np.fromiter(rel, dtype=np.int64)
        best = scores[i, cols].max()
        others = np.ones(scores.shape[1], dtype=bool)
        others[cols] = False
        ranks[i] = 1 + int((scores[i, others] >= best).sum())
    return Metrics(
        recall1=float((ranks <= 1).mean()),
        recall5=float((ranks <= 5).mean()),
        mrr=float((1.0 / ranks).mean()),
        n=n,
    )


@dataclass
class EncodedSet:
    """A retrieval set with its texts encoded by one or more encoders and its lexical sims."""

    data: RetrievalSet
    index: np.ndarray
    owner: np.ndarray
    lexical: np.ndarray
    lexical_tt: np.ndarray
    languages: list[str]
    query_vectors: dict[str, np.ndarray] = field(default_factory=dict)
    text_vectors: dict[str, np.ndarray] = field(default_factory=dict)
    cache: dict[Any, dict[str, Any]] = field(default_factory=dict, repr=False)


def encode_set(
    data: RetrievalSet,
    encoders: Iterable[Encoder],
    store: GraphStore | None = None,
) -> EncodedSet:
    """Encode a set's queries and profile texts with every encoder; compute lexical sims."""
    index, owner = profile_index(data.profiles)
    texts = [t for p in data.profiles for t in p]
    lex = LexicalIndex().fit(texts)
    enc_set = EncodedSet(
        data=data,
        index=index,
        owner=owner,
        lexical=lex.similarity(data.queries),
        lexical_tt=np.asarray((lex.matrix_ @ lex.matrix_.T).toarray(), dtype=np.float32),
        languages=[detect_language(q) for q in data.queries],
    )
    for enc in encoders:
        enc_set.text_vectors[enc.name] = encode_cached(enc, texts, store, kind="passage")
        enc_set.query_vectors[enc.name] = encode_cached(enc, data.queries, store, kind="query")
    return enc_set


@dataclass(frozen=True)
class Config:
    """One way of scoring: encoder mixture, aggregation, top-k and dense weight."""

    mixture: tuple[tuple[str, float], ...]
    aggregation: str
    k: int
    weight: float

    @property
    def label(self) -> str:
        if not self.mixture:
            return "lexical only"
        names = "+".join(n if len(self.mixture) == 1 else f"{n}×{w:.2f}" for n, w in self.mixture)
        return names


def _mixed(es: EncodedSet, mixture: tuple[tuple[str, float], ...]) -> dict[str, Any]:
    """Per-text dense sims, centroid sims and background of a mixture, computed once per set."""
    cached = es.cache.get(mixture)
    if cached is not None:
        return cached
    q = np.hstack([np.sqrt(w) * es.query_vectors[n] for n, w in mixture])
    t = np.hstack([np.sqrt(w) * es.text_vectors[n] for n, w in mixture])
    cent = np.zeros((es.index.shape[0], t.shape[1]), dtype=np.float32)
    np.add.at(cent, es.owner, t)
    cent /= np.maximum(np.linalg.norm(cent, axis=1, keepdims=True), 1e-12)
    out = {
        "texts": np.asarray(q @ t.T, dtype=np.float32),
        "centroid": np.asarray(q @ cent.T, dtype=np.float32),
        "scale": background(t @ t.T, es.lexical_tt, es.owner),
    }
    es.cache[mixture] = out
    return out


def scores_for(es: EncodedSet, cfg: Config, rows: np.ndarray | None = None) -> np.ndarray:
    """Fused score matrix of ``cfg`` on (a subset of rows of) the set's queries."""
    lex_t = es.lexical if rows is None else es.lexical[rows]
    lex_mode = "topk" if cfg.aggregation == "centroid" else cfg.aggregation
    lex = aggregate(lex_t, es.index, lex_mode, cfg.k)  # type: ignore[arg-type]
    if not cfg.mixture:
        return lex
    m = _mixed(es, cfg.mixture)
    if cfg.aggregation == "centroid":
        dense = m["centroid"] if rows is None else m["centroid"][rows]
    else:
        texts = m["texts"] if rows is None else m["texts"][rows]
        dense = aggregate(texts, es.index, cfg.aggregation, cfg.k)  # type: ignore[arg-type]
    return fuse_channels(dense, lex, m["scale"], cfg.weight)


def _rows(es: EncodedSet, part: str) -> np.ndarray:
    sub = es.data.split(part)  # type: ignore[arg-type]
    keep = set(sub.query_ids)
    return np.array([i for i, q in enumerate(es.data.query_ids) if q in keep], dtype=np.int64)


def evaluate(es: EncodedSet, cfg: Config, part: str = "all") -> Metrics:
    """Metrics of ``cfg`` on the ``all``, ``dev`` or ``test`` queries of ``es``."""
    rows = _rows(es, part)
    scores = scores_for(es, cfg, rows)
    return rank_metrics(scores, [es.data.relevant[i] for i in rows])


def choose(
    sets: Sequence[EncodedSet],
    mixtures: Iterable[tuple[tuple[str, float], ...]],
    *,
    weights: Iterable[float] = WEIGHT_GRID,
    aggs: Iterable[tuple[str, int]] = AGG_GRID,
    part: str = "dev",
    objective: Callable[[list[Metrics]], float] | None = None,
) -> tuple[Config, float]:
    """The config with the best objective (default mean MRR over ``sets``) on ``part``."""
    objective = objective or (lambda ms: float(np.mean([m.mrr for m in ms])))
    best: tuple[Config, float] | None = None
    for mixture, (agg, k), w in itertools.product(list(mixtures), list(aggs), list(weights)):
        if not mixture and agg == "centroid":
            continue
        cfg = Config(mixture, agg, k, float(w) if mixture else 0.0)
        value = objective([evaluate(es, cfg, part) for es in sets])
        if best is None or value > best[1] + 1e-9:
            best = (cfg, value)
    assert best is not None
    return best


def routed_metrics(es: EncodedSet, configs: dict[str, Config], part: str = "all") -> Metrics:
    """Metrics when each query is scored with the config of its detected language."""
    rows = _rows(es, part)
    n_p = es.index.shape[0]
    scores = np.zeros((len(rows), n_p), dtype=np.float32)
    fallback = next(iter(configs))
    langs = [es.languages[i] if es.languages[i] in configs else fallback for i in rows]
    for lang, cfg in configs.items():
        mask = np.array([lg == lang for lg in langs], dtype=bool)
        if mask.any():
            scores[mask] = scores_for(es, cfg, rows[mask])
    return rank_metrics(scores, [es.data.relevant[i] for i in rows])


# --------------------------------------------------------------------------- throughput


def _raw_call(enc: Encoder) -> Callable[[list[str], str], Any] | None:
    raw = getattr(enc, "raw_encode", None)
    if raw is None:
        return None
    if enc.name == "e5":
        return lambda texts, kind: raw(texts, kind=kind)
    return lambda texts, kind: raw(texts)


def throughput(
    enc: Encoder, passages: Sequence[str], queries: Sequence[str], repeats: int = 1
) -> tuple[float, float | None]:
    """Texts per second of ``encode_cached`` (no store) and of the raw model call, same texts.

    The raw call gets the same batches (the ``encode_cached`` batch size) so only the wrapping
    differs. Returns ``(ours, raw)``; ``raw`` is ``None`` for encoders without a model call.
    """
    from matcher.text.encoders import BATCH_SIZE

    texts = [*passages, *queries]
    raw = _raw_call(enc) if not isinstance(enc, ConcatEncoder) else None
    enc.encode(list(texts[:4]))  # warm up (lazy weights)

    def ours() -> None:
        encode_cached(enc, list(dict.fromkeys(passages)), None, kind="passage")
        encode_cached(enc, list(dict.fromkeys(queries)), None, kind="query")

    def model() -> None:
        assert raw is not None
        for kind, items in (("passage", passages), ("query", queries)):
            unique = list(dict.fromkeys(items))
            for s in range(0, len(unique), BATCH_SIZE):
                raw(unique[s : s + BATCH_SIZE], kind)

    n = len(dict.fromkeys(passages)) + len(dict.fromkeys(queries))
    t_ours, t_raw = [], []
    for _ in range(repeats):
        if raw is not None:
            t0 = time.perf_counter()
            model()
            t_raw.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        ours()
        t_ours.append(time.perf_counter() - t0)
    rate_ours = n / min(t_ours)
    rate_raw = n / min(t_raw) if t_raw else None
    return rate_ours, rate_raw


def build_encoders(names: Sequence[str], model_path: str | None = None) -> list[Encoder]:
    """Encoders by name (``get_encoder``); ``model_path`` applies to sentence-transformers."""
    out: list[Encoder] = []
    for name in names:
        path = model_path if name in ("sentence-transformers", "minilm") else None
        out.append(get_encoder(name, model_path=path))
    return out


# --------------------------------------------------------------------------- the bench

MULTILINGUAL = ("e5", "use")


def format_table(title: str, header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(header)]
    line = "  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True))
    out = [title, line, "-" * len(line)]
    out += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    return "\n".join(out)


def _mixtures(names: Sequence[str]) -> list[tuple[tuple[str, float], ...]]:
    """Pairs of real encoders mixed at 1:3, 1:1 and 3:1."""
    real = [n for n in names if n != "hashing"]
    out: list[tuple[tuple[str, float], ...]] = []
    for a, b in itertools.combinations(real, 2):
        for wa in (0.25, 0.5, 0.75):
            out.append(((a, wa), (b, round(1 - wa, 2))))
    return out


def _load_sets(say: Callable[[str], None]) -> list[RetrievalSet]:
    """The Dutch set, its seed-profile variant (when the seed package is there) and the English set."""
    from matcher.text.evalsets import load_dutch, load_english, seed_profiles

    data = [load_dutch()]
    try:
        data.append(load_dutch(seed_profiles(), name="nl-seed"))
    except ImportError:  # pragma: no cover - the seed package is part of the project
        say("(seed network not available: the seed-profile variant of the Dutch set is skipped)")
    data.append(load_english())
    return data


#: (label, channel, config) of one row of the quality tables.
BenchRow = tuple[str, str, Config]


def _candidate_rows(sets: Sequence[EncodedSet], encoders: Sequence[Encoder]) -> list[BenchRow]:
    """Lexical alone, every encoder alone and fused, and the best mixture: each chosen on the dev
    halves of every set together."""
    rows: list[BenchRow] = []
    lex_cfg, _ = choose(sets, [()])
    rows.append(("lexical (TF-IDF)", "lexical", lex_cfg))
    for enc in encoders:
        alone, _ = choose(sets, [((enc.name, 1.0),)], weights=[1.0])
        fused, _ = choose(sets, [((enc.name, 1.0),)])
        rows.append((enc.name, "dense", alone))
        rows.append((enc.name, "dense+lexical", fused))
    mixes = _mixtures([e.name for e in encoders])
    if mixes:
        mixed, _ = choose(sets, mixes)
        rows.append((mixed.label, "dense+lexical", mixed))
    return rows


def _choose_routes(sets: Sequence[EncodedSet], rows: Sequence[BenchRow]) -> dict[str, Config]:
    """Per-language route: among the fused settings of the multilingual encoders and their
    mixture, the one with the best MRR on that language's dev half(s) (ties broken by the mean
    over every dev half)."""
    candidates = [
        cfg
        for _, channel, cfg in rows
        if channel == "dense+lexical" and all(n in MULTILINGUAL for n, _ in cfg.mixture)
    ]
    routes: dict[str, Config] = {}
    for lang in ("nl", "en"):
        own = [es for es in sets if es.data.language == lang]
        if not own or not candidates:
            continue
        others = [es for es in sets if es.data.language != lang]

        def value(
            cfg: Config, own: list[EncodedSet] = own, others: list[EncodedSet] = others
        ) -> float:
            mine = np.mean([evaluate(es, cfg, "dev").mrr for es in own])
            rest = np.mean([evaluate(es, cfg, "dev").mrr for es in [*own, *others]])
            return float(mine + 1e-3 * rest)

        routes[lang] = max(candidates, key=value)
    return routes


def _default_row(es: EncodedSet, store: GraphStore | None) -> tuple[list[str], dict[str, Any]]:
    """The shipped :class:`TextRelevance` on the set: one table row and its JSON entry."""
    from matcher.text.relevance import TextRelevance

    d = es.data
    default = TextRelevance(store=store).fit(d.profiles)
    rows_test = _rows(es, "test")
    s = default.score(d.queries)
    test = rank_metrics(s[rows_test], [d.relevant[i] for i in rows_test])
    whole = rank_metrics(s, d.relevant)
    name = f"default ({default.encoder_.name})"
    row = [
        name,
        "dense+lexical",
        "/".join(sorted({f.route.aggregation for f in default.routes_.values()})),
        "/".join(f"{f.route.dense_weight:.1f}" for f in default.routes_.values()),
        *test.row(),
        f"{whole.mrr:.3f}",
        "—",
    ]
    return row, {"encoder": name, "test": test.__dict__, "all": whole.__dict__}


def _setformat_table(
    es: EncodedSet,
    rows: Sequence[BenchRow],
    routes: dict[str, Config],
    speed: dict[str, tuple[float, float | None]],
    store: GraphStore | None,
) -> tuple[str, list[dict[str, Any]]]:
    """The quality table of one set (test half, MRR over all) and its JSON entries."""

    def speed_of(cfg: Config) -> str:
        if not cfg.mixture:
            return "—"
        secs = sum(1.0 / speed[n][0] for n, _ in cfg.mixture)
        return f"{1.0 / secs:.0f}"

    d = es.data
    table_rows, entries = [], []
    for label, channel, cfg in rows:
        test, whole = evaluate(es, cfg, "test"), evaluate(es, cfg, "all")
        agg = cfg.aggregation + (f"-{cfg.k}" if cfg.aggregation == "topk" else "")
        table_rows.append(
            [
                label,
                channel,
                agg,
                f"{cfg.weight:.1f}",
                *test.row(),
                f"{whole.mrr:.3f}",
                speed_of(cfg),
            ]
        )
        entries.append(
            {
                "encoder": label,
                "channel": channel,
                "aggregation": agg,
                "dense_weight": cfg.weight,
                "test": test.__dict__,
                "all": whole.__dict__,
            }
        )
    if routes:
        test, whole = routed_metrics(es, routes, "test"), routed_metrics(es, routes, "all")
        table_rows.append(
            [
                "routed by language",
                "dense+lexical",
                "per language",
                "—",
                *test.row(),
                f"{whole.mrr:.3f}",
                "—",
            ]
        )
        entries.append({"encoder": "routed", "test": test.__dict__, "all": whole.__dict__})
    row, entry = _default_row(es, store)
    table_rows.append(row)
    entries.append(entry)
    kind = {"nl": "Dutch", "nl-seed": "Dutch (seed-graph profiles)", "en": "English"}
    title = (
        f"\n{kind.get(d.name, d.name)} retrieval set: {len(d)} queries "
        f"({len(d.split('test'))} in the test half), {len(d.profiles)} profiles, {d.n_texts} texts"
    )
    header = ["encoder", "channel", "aggregation", "w_dense", "R@1", "R@5", "MRR", "MRR(all)"]
    return format_table(title, [*header, "texts/s"], table_rows), entries


def _throughputformat_table(
    encoders: Sequence[Encoder], speed: dict[str, tuple[float, float | None]], n_texts: int
) -> tuple[str, dict[str, Any]]:
    trows, report = [], {}
    for enc in encoders:
        ours, raw = speed[enc.name]
        trows.append(
            [
                enc.name,
                enc.model_id,
                f"{ours:.1f}",
                f"{raw:.1f}" if raw else "—",
                f"{ours / raw:.2f}" if raw else "—",
            ]
        )
        report[enc.name] = {"ours": ours, "raw": raw}
    title = (
        f"\nThroughput on the same {n_texts} texts (texts/s; ratio = "
        "ours / raw model call, same run)"
    )
    return format_table(title, ["encoder", "model", "ours", "raw", "ratio"], trows), report


def run_bench(
    names: Sequence[str],
    *,
    store: GraphStore | None = None,
    sample: int = 96,
    model_path: str | None = None,
    echo: Callable[[str], None] | None = print,
) -> dict[str, Any]:
    """Measure every encoder in ``names`` on both sets and print the tables.

    Returns the figures as a dict (``--json``). Settings are chosen on the dev halves; the
    tables show the test halves (and MRR over all queries).
    """
    say = echo or (lambda _s: None)
    encoders = build_encoders(names, model_path)
    data = _load_sets(say)

    # throughput on a fixed sample of both sets' texts and queries
    passages = [t for d in data for p in d.profiles for t in p][: sample // 2]
    queries = [q for d in data for q in d.queries][: sample - len(passages)]
    speed = {enc.name: throughput(enc, passages, queries) for enc in encoders}

    sets = [encode_set(d, encoders, store) for d in data]
    rows = _candidate_rows(sets, encoders)
    routes = _choose_routes(sets, rows)
    report: dict[str, Any] = {"sets": {}, "throughput": {}, "routes": {}}
    for es in sets:
        table, report["sets"][es.data.name] = _setformat_table(es, rows, routes, speed, store)
        say(table)
    for lang, cfg in routes.items():
        report["routes"][lang] = {
            "mixture": cfg.mixture,
            "aggregation": cfg.aggregation,
            "k": cfg.k,
            "dense_weight": cfg.weight,
        }
    say(
        "\nRoutes chosen on the dev halves: "
        + "; ".join(
            f"{lang}: {cfg.label} {cfg.aggregation}-{cfg.k} w={cfg.weight:.1f}"
            for lang, cfg in routes.items()
        )
    )
    latency_set = sets[-2].data if len(sets) > 2 else sets[0].data
    report["latency_ms"] = latency = score_latency(latency_set, store)
    say(
        format_table(
            "\nPer-query latency of TextRelevance.score on the "
            f"{len(latency_set.profiles)} organisation profiles (ms; lexical channel alone as "
            "the baseline)",
            ["scorer", "p50", "p95"],
            [[k, f"{v[0]:.1f}", f"{v[1]:.1f}"] for k, v in latency.items()],
        )
    )
    table, report["throughput"] = _throughputformat_table(
        encoders, speed, len(passages) + len(queries)
    )
    say(table)
    return report


def score_latency(
    data: RetrievalSet, store: GraphStore | None = None, n: int = 60
) -> dict[str, tuple[float, float]]:
    """p50/p95 milliseconds of scoring one query against a fitted profile set.

    Rows: the lexical channel alone (baseline); the default scorer on queries it has not seen
    (query encoding included); the same after :meth:`TextRelevance.prefetch` (known dossier or team
    texts); and the USE encoder alone on new queries. First ``n`` queries of ``data``.
    """
    from matcher.text.relevance import TextRelevance

    tr = TextRelevance(store=store).fit(data.profiles)
    use = TextRelevance(get_encoder("use"), store=store).fit(data.profiles)
    lex = LexicalIndex().fit([t for p in data.profiles for t in p])
    queries = data.queries[:n]
    tr.store = use.store = None  # profile vectors came from the cache; queries must be encoded
    tr.score(["opwarmen"])
    use.score(["opwarmen"])
    out: dict[str, tuple[float, float]] = {}

    def timed(label: str, fn: Callable[[str], Any]) -> None:
        times = []
        for q in queries:
            t0 = time.perf_counter()
            fn(q)
            times.append((time.perf_counter() - t0) * 1000)
        out[label] = (float(np.percentile(times, 50)), float(np.percentile(times, 95)))

    timed("lexical channel only", lambda q: lex.similarity([q]))
    timed(f"default ({tr.encoder_.name}), new query", lambda q: tr.score([q]))
    timed(f"default ({tr.encoder_.name}), known query", lambda q: tr.score([q]))
    timed("use alone, new query", lambda q: use.score([q]))
    return out
