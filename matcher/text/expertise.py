"""English expertise matching on the harder graded set, and the English route chosen on it.

The set (``evalsets/en_expertise_*.jsonl``, see the README there): 60 expert profiles of three
paper abstracts each, in twelve areas of five near-topic groups; 60 new-paper queries, each with
its own group as *relevant* (gain 2) and the four other groups of its area as *acceptable*
(gain 1, the near-topic distractors). Odd query numbers are the dev half, even ones the test half.

:func:`expertise_report` measures every configuration (encoder mixture, aggregation, dense weight)
on both halves with graded nDCG@10 and MRR (first relevant profile), chooses the English route on
the dev half among the mixtures the shipped encoder can run, and compares it on the test half with
the plain baseline — all-MiniLM-L6-v2, mean of the top-3 text similarities, no lexical channel —
with a paired bootstrap interval.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from matcher.text.bench import Config, EncodedSet, encode_set, format_table, scores_for
from matcher.text.evalsets import DATA_DIR, RetrievalSet, load_set, read_jsonl

if TYPE_CHECKING:
    from graph.store import GraphStore
    from matcher.text.encoders import Encoder

__all__ = [
    "GradedSet",
    "expertise_report",
    "expertise_table",
    "graded_metrics",
    "length_speed",
    "load_expertise",
]

#: Aggregations tried (profiles hold three texts: top-3 mean is the mean).
AGGREGATIONS: tuple[tuple[str, int], ...] = (("max", 1), ("topk", 2), ("topk", 3), ("centroid", 1))
WEIGHTS: tuple[float, ...] = (0.5, 0.6, 0.7, 0.8, 0.9, 1.0)


@dataclass(frozen=True, kw_only=True)
class GradedSet:
    """A retrieval set with graded gains: ``gains[i, j]`` of profile ``j`` for query ``i``."""

    data: RetrievalSet
    gains: np.ndarray


def load_expertise() -> GradedSet:
    """The graded English expertise set (60 profiles, 60 queries)."""
    prof = read_jsonl(DATA_DIR / "en_expertise_profiles.jsonl")
    profiles = {str(r["id"]): [str(t) for t in r["texts"]] for r in prof}
    path = DATA_DIR / "en_expertise_queries.jsonl"
    data = load_set("en-expertise", path, profiles, language="en")
    pos = {p: j for j, p in enumerate(data.profile_ids)}
    gains = np.zeros((len(data), len(pos)))
    for i, row in enumerate(read_jsonl(path)):
        for p in row.get("acceptable", []):
            gains[i, pos[p]] = 1.0
        for p in row["relevant"]:
            gains[i, pos[p]] = 2.0
    return GradedSet(data=data, gains=gains)


def graded_metrics(scores: np.ndarray, gains: np.ndarray) -> dict[str, np.ndarray]:
    """Per query: nDCG@10 with graded gains ``2^g − 1`` and MRR of the first gain-2 profile.

    >>> m = graded_metrics(np.array([[0.9, 0.5, 0.1]]), np.array([[1.0, 2.0, 0.0]]))
    >>> round(float(m["mrr"][0]), 2), round(float(m["ndcg@10"][0]), 3)
    (0.5, 0.797)
    """
    order = np.argsort(-scores, axis=1, kind="stable")
    g = np.take_along_axis(gains, order, axis=1)
    disc = 1.0 / np.log2(np.arange(2, g.shape[1] + 2))
    dcg = ((2.0 ** g[:, :10] - 1) * disc[:10]).sum(axis=1)
    ideal = -np.sort(-gains, axis=1)
    idcg = ((2.0 ** ideal[:, :10] - 1) * disc[:10]).sum(axis=1)
    first = np.argmax(g >= 2, axis=1)
    return {"ndcg@10": dcg / np.maximum(idcg, 1e-12), "mrr": 1.0 / (first + 1)}


def _rows(data: RetrievalSet, part: str) -> np.ndarray:
    keep = set(data.split(part).query_ids)  # type: ignore[arg-type]
    return np.array([i for i, q in enumerate(data.query_ids) if q in keep], dtype=np.int64)


def _measure(es: EncodedSet, gains: np.ndarray, cfg: Config, part: str) -> dict[str, np.ndarray]:
    rows = _rows(es.data, part)
    return graded_metrics(scores_for(es, cfg, rows), gains[rows])


def _objective(m: dict[str, np.ndarray]) -> float:
    return float((m["ndcg@10"].mean() + m["mrr"].mean()) / 2)


def _configs(mixtures: Sequence[tuple[tuple[str, float], ...]]) -> list[Config]:
    return [
        Config(mix, agg, k, w)
        for mix, (agg, k), w in itertools.product(mixtures, AGGREGATIONS, WEIGHTS)
    ]


def expertise_report(
    encoders: Sequence[Encoder],
    *,
    shipped: Sequence[str] = ("e5", "use"),
    baseline: str = "sentence-transformers",
    store: GraphStore | None = None,
    n_boot: int = 2000,
    random_state: int = 0,
) -> dict[str, Any]:
    """Choose the English route on the dev half; compare it with the baseline on the test half.

    ``shipped`` names the encoders the default (concatenated) encoder holds, so a route can only
    mix those; ``baseline`` is the plain MiniLM encoder. Returns rows per configuration family
    (best on dev, figures on test), the chosen route and the paired test difference.
    """
    from matcher.metrics import bootstrap_ci

    gs = load_expertise()
    es = encode_set(gs.data, encoders, store)
    names = [e.name for e in encoders]
    base_cfg = Config(((baseline, 1.0),), "topk", 3, 1.0)
    families: dict[str, list[Config]] = {}
    for n in names:
        families[f"{n} alone"] = _configs([((n, 1.0),)])
    avail = [n for n in shipped if n in names]
    if len(avail) == 2:
        a, b = avail
        families[f"{a}+{b}"] = _configs([((a, w), (b, round(1 - w, 2))) for w in (0.25, 0.5, 0.75)])
    rows = []
    best: dict[str, tuple[Config, float]] = {}
    for fam, cfgs in families.items():
        scored = [(c, _objective(_measure(es, gs.gains, c, "dev"))) for c in cfgs]
        cfg, dev = max(scored, key=lambda x: x[1])
        best[fam] = (cfg, dev)
        test = _measure(es, gs.gains, cfg, "test")
        rows.append(_row(fam, cfg, dev, test))
    route_fams = [f for f in best if all(n in shipped for n, _ in best[f][0].mixture)]
    route = max(route_fams, key=lambda f: best[f][1]) if route_fams else None
    out: dict[str, Any] = {"rows": rows, "route": None, "versus_baseline": {}}
    if all(n in names for n in shipped):
        before = Config(((shipped[0], 1.0), (shipped[1], 0.0)), "centroid", 1, 0.8)
        rows.append(
            _row(
                "earlier English route",
                before,
                float("nan"),
                _measure(es, gs.gains, before, "test"),
            )
        )
    if baseline in names:
        test_base = _measure(es, gs.gains, base_cfg, "test")
        rows.append(_row("baseline: MiniLM top-3 mean", base_cfg, float("nan"), test_base))
        if route is not None:
            mine = _measure(es, gs.gains, best[route][0], "test")
            for m in ("ndcg@10", "mrr"):
                mean, lo, hi = bootstrap_ci(mine[m] - test_base[m], n_boot, random_state)
                out["versus_baseline"][m] = (mean, lo, hi)
    if route is not None:
        out["route"] = {"family": route, **_describe(best[route][0])}
    return out


def _describe(cfg: Config) -> dict[str, Any]:
    return {
        "mixture": [list(m) for m in cfg.mixture],
        "aggregation": cfg.aggregation + (f"-{cfg.k}" if cfg.aggregation == "topk" else ""),
        "dense_weight": cfg.weight,
    }


def _row(name: str, cfg: Config, dev: float, test: dict[str, np.ndarray]) -> dict[str, Any]:
    return {
        "config": name,
        **_describe(cfg),
        "dev_objective": dev,
        "test_ndcg@10": float(test["ndcg@10"].mean()),
        "test_mrr": float(test["mrr"].mean()),
    }


def length_speed(
    encoders: Sequence[Encoder], data: Sequence[RetrievalSet], say: Callable[[str], None]
) -> dict[str, dict[str, float]]:
    """Texts/s of each encoder on 16 short texts (queries) and 16 long ones (whole profiles
    joined, several hundred words; e5 cuts passages after ``E5Encoder.MAX_WORDS`` words)."""
    short = [q for d in data for q in d.queries][:16]
    joined = [" ".join(p) for d in data for p in d.profiles]
    long = [" ".join(joined[i : i + 8]) for i in range(0, 128, 8)]
    out: dict[str, dict[str, float]] = {}
    rows = []
    for enc in encoders:
        rates = {}
        enc.encode(["opwarmen", "warm up"])  # lazy weights load outside the timing
        for label, texts in (("short", short), ("long", long)):
            t0 = time.perf_counter()
            enc.encode([f"{t} ." for t in texts])  # fresh strings: no cache anywhere
            rates[label] = len(texts) / max(time.perf_counter() - t0, 1e-9)
        out[enc.name] = rates
        rows.append([enc.name, f"{rates['short']:.1f}", f"{rates['long']:.1f}"])
    words = np.mean([len(t.split()) for t in long])
    say(
        format_table(
            f"\nTexts/s by length (16 short questions, 16 long texts of {words:.0f} words on "
            "average; e5 reads the first 256 words of a passage)",
            ["encoder", "short", "long"],
            rows,
        )
    )
    return out


def expertise_table(
    encoders: Sequence[Encoder], store: GraphStore | None, say: Callable[[str], None]
) -> dict[str, Any]:
    """The English route chosen on the graded expertise set's dev half, against MiniLM top-3
    mean on its test half (:mod:`matcher.text.expertise`)."""
    rep = expertise_report(encoders, store=store)
    rows = [
        [
            r["config"],
            "+".join(f"{n}×{w:g}" for n, w in r["mixture"]),
            r["aggregation"],
            f"{r['dense_weight']:.1f}",
            f"{r['dev_objective']:.3f}",
            f"{r['test_ndcg@10']:.3f}",
            f"{r['test_mrr']:.3f}",
        ]
        for r in rep["rows"]
    ]
    say(
        format_table(
            "\nEnglish expertise set (60 three-paper profiles in 12 areas, graded; chosen on the "
            "dev half, shown on the test half)",
            ["family", "mixture", "aggregation", "w_dense", "dev obj", "nDCG@10", "MRR"],
            rows,
        )
    )
    for m, (mean, lo, hi) in rep["versus_baseline"].items():
        say(
            f"English route minus MiniLM top-3 mean, {m} (test, paired): {mean:+.3f} [{lo:+.3f} – {hi:+.3f}]"
        )
    return rep
