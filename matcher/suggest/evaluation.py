"""Temporal hold-out evaluation of partner suggestions on any graph with dated links.

For a split date ``D``: every query node (default: staff and dossiers) that gains *new* partners
after ``D`` (a dated link to a candidate it had no link to on ``D``) is a test query. Every ranker
ranks all candidates the query was not yet linked to, using only the graph as known on ``D`` (the
learned ranker is trained on cut dates whose label windows end by ``D``). Reported per ranker:
recall@5, recall@10, nDCG@10 and MRR, the mean over queries with a bootstrap 95 % interval.

Rankers: ``random``, ``popularity`` (number of distinct partners), ``text`` (fused text relevance
only), ``graph`` (Adamic–Adar only), ``default`` (the documented default weights) and ``learned``.
Query and candidate kinds are parameters, so organisation → organisation collaborations (or any
other dated network) are evaluated the same way.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import networkx as nx
import numpy as np

from matcher.metrics import METRICS, bootstrap_ci, rank_metrics
from matcher.suggest.candidates import (
    Featurizer,
    ProfileSource,
    graph_profiles,
    store_profiles,
)
from matcher.suggest.features import FEATURES, adamic_adar, new_links
from matcher.suggest.graphview import UNDATED, TemporalGraph
from matcher.suggest.ranker import default_ranker
from matcher.suggest.stages import (
    STAGES,
    PipelineConfig,
    QueryCase,
    mean_objective,
    pipeline_grid,
    pool_mask,
    stage_scores,
)

if TYPE_CHECKING:
    from graph.store import GraphStore
    from matcher.suggest.suggester import Suggester
    from matcher.text.encoders import Encoder

__all__ = ["RANKERS", "SINGLE_SIGNALS", "EvaluationResult", "choose_pipeline", "evaluate_temporal"]

logger = logging.getLogger(__name__)

RANKERS: tuple[str, ...] = (
    "random",
    "popularity",
    "text",
    "graph",
    "default",
    "learned",
    "pipeline",
)


@dataclass
class EvaluationResult:
    """Per-ranker means and 95 % intervals; ``per_query[ranker][metric]`` holds the raw values."""

    split_date: dt.date
    end_date: dt.date
    query_kinds: tuple[str, ...]
    candidate_kind: str
    n_queries: int
    n_candidates: int
    rows: list[dict[str, Any]] = field(default_factory=list)
    per_query: dict[str, dict[str, list[float]]] = field(default_factory=dict)
    learned_weights: dict[str, float] = field(default_factory=dict)
    learned_source: str = ""
    pipeline: PipelineConfig | None = None
    validation_start: dt.date | None = None
    validation: list[dict[str, Any]] = field(default_factory=list)
    stage_per_query: dict[str, dict[str, list[float]]] = field(default_factory=dict)
    candidate_recall: tuple[float, float, float] = (float("nan"),) * 3
    warnings: list[str] = field(default_factory=list)

    def row(self, ranker: str) -> dict[str, Any]:
        return next(r for r in self.rows if r["ranker"] == ranker)

    def paired(
        self, ranker: str = "learned", metric: str = "ndcg@10", n_boot: int = 1000
    ) -> list[dict[str, Any]]:
        """``ranker`` minus every other ranker on the same queries: mean difference of ``metric``
        with a paired bootstrap 95 % interval (an interval above 0 is a win beyond chance)."""
        if ranker not in self.per_query:
            return []
        mine = np.asarray(self.per_query[ranker][metric], dtype=float)
        out = []
        for other in self.per_query:
            if other == ranker:
                continue
            diff = mine - np.asarray(self.per_query[other][metric], dtype=float)
            mean, lo, hi = bootstrap_ci(diff, n_boot)
            out.append({"versus": other, "metric": metric, "diff": mean, "lo": lo, "hi": hi})
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "split_date": self.split_date.isoformat(),
            "end_date": self.end_date.isoformat(),
            "query_kinds": list(self.query_kinds),
            "candidate_kind": self.candidate_kind,
            "n_queries": self.n_queries,
            "n_candidates": self.n_candidates,
            "rankers": self.rows,
            "learned_source": self.learned_source,
            "learned_weights": {k: round(v, 4) for k, v in self.learned_weights.items()},
            "learned_versus": self.paired(),
            "pipeline": self.pipeline.label if self.pipeline else None,
            "pipeline_versus": self.paired("pipeline") + self.paired("pipeline", "mrr"),
            "validation_start": (
                self.validation_start.isoformat() if self.validation_start else None
            ),
            "validation": self.validation,
            "candidate_recall": list(self.candidate_recall) if self.pipeline else None,
            "stages": self.stage_effects(),
            "warnings": self.warnings,
        }

    def table(self) -> str:
        """A plain-text table: mean [95 % interval] per ranker and metric."""
        head = f"{'ranker':<11}" + "".join(f"{m:>22}" for m in METRICS)
        lines = [
            f"temporal hold-out: split {self.split_date}, test until {self.end_date}, "
            f"{self.n_queries} queries ({', '.join(self.query_kinds)} → {self.candidate_kind}), "
            f"{self.n_candidates} candidates",
            head,
            "-" * len(head),
        ]
        for r in self.rows:
            cells = "".join(
                f"{r[m]:>8.3f} [{r[m + '_lo']:.3f}–{r[m + '_hi']:.3f}]" for m in METRICS
            )
            lines.append(f"{r['ranker']:<11}{cells}")
        lines += self._paired_lines()
        lines += self._pipeline_lines()
        lines += [f"warning: {w}" for w in self.warnings]
        return "\n".join(lines)

    def _paired_lines(self) -> list[str]:
        lines = []
        ranker = "pipeline" if "pipeline" in self.per_query else "learned"
        for metric in ("mrr", "ndcg@10"):
            diffs = self.paired(ranker, metric)
            if not diffs:
                continue
            lines.append(
                f"{ranker} minus baseline, {metric} on the same queries (paired bootstrap):"
            )
            lines += [
                f"  vs {d['versus']:<11}{d['diff']:+.4f} [{d['lo']:+.4f} – {d['hi']:+.4f}]"
                for d in diffs
            ]
        return lines

    def stage_effects(self, n_boot: int = 1000) -> list[dict[str, Any]]:
        """Per pipeline stage: mean MRR and nDCG@10, and its paired change against the stage
        before it."""
        out: list[dict[str, Any]] = []
        prev: dict[str, list[float]] | None = None
        for stage, per in self.stage_per_query.items():
            row: dict[str, Any] = {"stage": stage}
            for m in ("mrr", "ndcg@10"):
                row[m] = float(np.mean(per[m]))
                if prev is not None:
                    d = np.asarray(per[m]) - np.asarray(prev[m])
                    row[m + "_change"] = bootstrap_ci(d, n_boot)
            out.append(row)
            prev = per
        return out

    def _pipeline_lines(self) -> list[str]:
        if self.pipeline is None:
            return []
        best = max(self.validation, key=lambda r: r["objective"]) if self.validation else {}
        lines = [
            f"pipeline chosen on the validation window {self.validation_start} – "
            f"{self.split_date} ({len(self.validation)} configurations, mean of MRR and "
            f"nDCG@10 {best.get('objective', float('nan')):.3f}): {self.pipeline.label}"
        ]
        singles = [r for r in self.validation if r["base"] in SINGLE_SIGNALS]
        if singles:
            top = max(singles, key=lambda r: r["objective"])
            lines.append(f"  best single signal there: {top['config']} ({top['objective']:.3f})")
        mean, lo, hi = self.candidate_recall
        lines.append(
            f"candidate recall (a new partner in the pool): {mean:.3f} [{lo:.3f}–{hi:.3f}]"
        )
        lines.append("pipeline stages (test), change against the stage before (paired):")
        for r in self.stage_effects():
            cells = []
            for m in ("mrr", "ndcg@10"):
                c = r.get(m + "_change")
                change = f" ({c[0]:+.4f} [{c[1]:+.4f} – {c[2]:+.4f}])" if c else ""
                cells.append(f"{m} {r[m]:.3f}{change}")
            lines.append(f"  {r['stage']:<18}" + "  ".join(cells))
        return lines

    def plot(self, path: str) -> None:
        """Grouped bars with 95 % intervals per metric, one colour per ranker (PNG)."""
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        fig, ax = plt.subplots(figsize=(9, 4.5))
        width = 0.8 / max(1, len(self.rows))
        x = np.arange(len(METRICS))
        for i, r in enumerate(self.rows):
            means = np.array([r[m] for m in METRICS])
            err = np.array(
                [[r[m] - r[m + "_lo"] for m in METRICS], [r[m + "_hi"] - r[m] for m in METRICS]]
            )
            ax.bar(x + i * width, means, width, yerr=err, capsize=2, label=r["ranker"])
        ax.set_xticks(x + width * (len(self.rows) - 1) / 2, METRICS)
        ax.set_ylabel("mean over queries (95 % bootstrap interval)")
        ax.set_title(
            f"Suggestions, temporal hold-out at {self.split_date} ({self.n_queries} queries)"
        )
        ax.legend(ncol=3, fontsize=8, loc="upper right")
        fig.tight_layout()
        fig.savefig(path, dpi=120)
        plt.close(fig)


def _test_end(tg: TemporalGraph, split_date: dt.date, end_date: dt.date | None) -> dt.date:
    """The end of the test period: ``end_date`` or the last dated edge, after ``split_date``."""
    dated = tg.date[tg.date > UNDATED]
    if len(dated) == 0:
        raise ValueError("the graph has no dated edges to evaluate on")
    end = end_date or dt.date.fromordinal(int(dated.max()))
    if split_date >= end:
        raise ValueError(f"split date {split_date} is not before the last dated edge {end}")
    return end


#: Single signals every pipeline configuration is also tried with as its base score.
SINGLE_SIGNALS: tuple[str, ...] = ("popularity", "graph", "ppr", "text")


def _base_scores(
    ranker: str,
    feat: Featurizer,
    case: QueryCase,
    models: dict[str, Any],
    rng: np.random.Generator,
) -> np.ndarray:
    """The scores one ranker (or single signal) gives the candidates of ``case``."""
    if ranker == "random":
        return rng.random(len(case.cand))
    if ranker == "popularity":
        return np.asarray(feat.view.deg[case.cand], dtype=float)
    if ranker == "graph":
        return np.asarray(adamic_adar(feat.view, case.q)[case.cand])
    if ranker == "ppr":
        return np.asarray(case.X[:, FEATURES.index("ppr")])
    if ranker == "text":
        return np.asarray(feat.text.fused(case.text, case.X[:, 0], case.X[:, 1]))
    return np.asarray(models[ranker].decision_function(case.X))


def _cases(
    feat: Featurizer, relevant: dict[int, set[int]], cand_all: np.ndarray, rng: np.random.Generator
) -> Iterator[tuple[QueryCase, np.ndarray]]:
    """Every query with a new partner among its candidates, and which candidates are new."""
    tg = feat.view.tg
    feat.prepare(sorted(relevant))
    for q in sorted(relevant):
        ctx = feat.view.context(tg.ids[q])
        cand = np.setdiff1d(cand_all, np.r_[ctx.known, q])
        rel = np.isin(cand, list(relevant[q]))
        if not rel.any():
            continue
        perm = rng.permutation(len(cand))  # ties fall in random order, the same for every ranker
        cand, rel = cand[perm], rel[perm]
        text = feat.query_text(q)
        yield QueryCase(q=q, ctx=ctx, text=text, cand=cand, X=feat.features(ctx, text, cand)), rel


def _summary_rows(
    per: dict[str, dict[str, list[float]]], n_boot: int, random_state: int
) -> list[dict[str, Any]]:
    """Mean and bootstrap interval of every metric, one row per ranker."""
    rows = []
    for r, metrics in per.items():
        row: dict[str, Any] = {"ranker": r}
        for m in METRICS:
            mean, lo, hi = bootstrap_ci(np.array(metrics[m]), n_boot, random_state)
            row[m], row[m + "_lo"], row[m + "_hi"] = mean, lo, hi
        rows.append(row)
    return rows


def _means(metrics: dict[str, list[float]]) -> dict[str, float]:
    return {m: float(np.mean(v)) for m, v in metrics.items()}


def _add(per: dict[str, dict[str, list[float]]], name: str, s: np.ndarray, rel: np.ndarray) -> None:
    slot = per.setdefault(name, {m: [] for m in METRICS})
    for m, v in rank_metrics(s, rel).items():
        slot[m].append(v)


@dataclass(kw_only=True)
class _Window:
    """One hold-out window: the featurizer on its first day and its queries' new partners."""

    feat: Featurizer
    relevant: dict[int, set[int]]
    models: dict[str, Any]


def _window(
    sug: Suggester, tg: TemporalGraph, split: dt.date, end: dt.date, learned: bool, **training: Any
) -> _Window:
    relevant = new_links(tg, split, end, sug.query_kinds, sug.candidate_kind)
    models: dict[str, Any] = {"default": default_ranker()}
    if learned:
        models["learned"] = sug.train(tg, split, **training)
    return _Window(feat=sug.featurizer(tg, split), relevant=relevant, models=models)


def choose_pipeline(
    sug: Suggester,
    tg: TemporalGraph,
    split: dt.date,
    end: dt.date,
    cand_all: np.ndarray,
    *,
    random_state: int = 0,
    training: dict[str, Any] | None = None,
) -> tuple[PipelineConfig, list[dict[str, Any]]]:
    """The pipeline configuration with the best mean of MRR and nDCG@10 on the window
    ``(split, end]`` (every base of :func:`pipeline_grid` with each re-ranking step on or off),
    and one row per configuration tried."""
    w = _window(sug, tg, split, end, learned=True, **(training or {}))
    grid = pipeline_grid(
        ["learned", "default", *SINGLE_SIGNALS], sug.exposure_strength, sug.mmr_lambda
    )
    rng = np.random.default_rng(random_state)
    per: dict[str, dict[str, list[float]]] = {}
    for case, rel in _cases(w.feat, w.relevant, cand_all, rng):
        in_pool = pool_mask(w.feat, case, sug.candidate_kind)
        bases = {b: _base_scores(b, w.feat, case, w.models, rng) for b in {c.base for c in grid}}
        for cfg in grid:
            final = stage_scores(w.feat, case, bases[cfg.base], in_pool, cfg)[STAGES[-1]]
            _add(per, cfg.label, final, rel)
    if not per:
        raise ValueError(f"no query gains a new partner in the validation window {split}–{end}")
    values = [mean_objective(per[cfg.label]) for cfg in grid]
    rows: list[dict[str, Any]] = [
        {"config": cfg.label, "base": cfg.base, "objective": v, **_means(per[cfg.label])}
        for cfg, v in zip(grid, values, strict=True)
    ]
    best = max(range(len(grid)), key=lambda i: (values[i], -i))
    return grid[best], rows


def evaluate_temporal(
    graph: nx.MultiDiGraph,
    split_date: dt.date,
    *,
    store: GraphStore | None = None,
    profiles: ProfileSource | None = None,
    encoder: Encoder | None = None,
    query_kinds: Sequence[str] = ("staff", "dossier"),
    candidate_kind: str = "organisation",
    rankers: Sequence[str] = RANKERS,
    end_date: dt.date | None = None,
    validation_days: int | None = None,
    n_boot: int = 1000,
    random_state: int = 0,
    training: dict[str, Any] | None = None,
) -> EvaluationResult:
    """Evaluate the rankers on a temporal hold-out at ``split_date``.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        The whole dated network (:func:`graph.store.build_snapshot` format).
    split_date : date
        Rankers see the graph as known on this day; links after it are the test set.
    store : GraphStore, optional
        For :func:`~matcher.text.profiles.build_profiles` and the embedding cache.
    profiles : callable, optional
        ``profiles(kind, as_of)``; default from ``store`` or else from node fields.
    encoder : Encoder, optional
    query_kinds, candidate_kind : str
    rankers : sequence of str
        Any of :data:`RANKERS`. ``pipeline`` is the whole suggestion pipeline (candidate pool,
        base score, exposure discount, diversity order) with the configuration chosen on the
        validation window; its stages are reported one by one.
    end_date : date, optional
        End of the test period (default: the last dated edge).
    validation_days : int, optional
        Length of the validation window that ends on ``split_date`` (default: as long as the
        test period, at most a year).
    training : dict, optional
        Keyword arguments for :func:`matcher.suggest.ranker.training_set` (e.g. ``negatives``).

    Returns
    -------
    EvaluationResult

    Examples
    --------
    >>> from graph.store import build_snapshot
    >>> from graph.model import Organisation, CollaboratesWith
    >>> from matcher.text.encoders import HashingEncoder
    >>> orgs = [Organisation(id=f"org:{i}", name=f"O{i}", org_kind="ngo") for i in range(4)]
    >>> links = [CollaboratesWith(source="org:0", target="org:1", date="2025-01-01"),
    ...          CollaboratesWith(source="org:1", target="org:2", date="2025-02-01"),
    ...          CollaboratesWith(source="org:0", target="org:2", date="2025-06-01")]
    >>> r = evaluate_temporal(build_snapshot(orgs, links), dt.date(2025, 3, 1),
    ...     query_kinds=["organisation"], encoder=HashingEncoder(), rankers=["graph"])
    >>> r.n_queries, r.row("graph")["mrr"]
    (2, 1.0)
    """
    from matcher.suggest.suggester import Suggester

    unknown = [r for r in rankers if r not in RANKERS]
    if unknown:
        raise ValueError(f"unknown ranker(s) {unknown}; choose from {', '.join(RANKERS)}")
    tg = TemporalGraph(graph)
    end = _test_end(tg, split_date, end_date)
    source = profiles or (store_profiles(store) if store is not None else graph_profiles(graph))
    sug = Suggester(
        store, graph=graph, profiles=source, encoder=encoder, candidate_kind=candidate_kind,
        query_kinds=tuple(query_kinds), ann=None, random_state=random_state,
    )  # fmt: skip
    code = tg.kind_code(candidate_kind)
    cand_all = np.flatnonzero((tg.kind == code) & (tg.entity == np.arange(tg.n)))
    result = EvaluationResult(
        split_date=split_date,
        end_date=end,
        query_kinds=tuple(query_kinds),
        candidate_kind=candidate_kind,
        n_queries=0,
        n_candidates=len(cand_all),
    )
    if "pipeline" in rankers:
        _choose_on_validation(
            result, sug, tg, cand_all, validation_days, random_state=random_state, training=training
        )
    learned = "learned" in rankers or (
        result.pipeline is not None and result.pipeline.base == "learned"
    )
    w = _window(sug, tg, split_date, end, learned, **(training or {}))
    per, stages, in_pool_hits = _score_cases(
        w, cand_all, rankers, result.pipeline, candidate_kind, random_state
    )
    _record(result, per, stages, in_pool_hits, w.models, n_boot=n_boot, random_state=random_state)
    result.warnings = _leak_warnings(store, profiles, result.learned_weights)
    logger.info("evaluated %d queries at %s", result.n_queries, split_date)
    return result


def _record(
    result: EvaluationResult,
    per: dict[str, dict[str, list[float]]],
    stages: dict[str, dict[str, list[float]]],
    in_pool_hits: list[float],
    models: dict[str, Any],
    *,
    n_boot: int,
    random_state: int,
) -> None:
    """Summaries with bootstrap intervals, the raw per-query values and the learned weights."""
    result.n_queries = len(next(iter(per.values()))["mrr"]) if per else 0
    result.rows = _summary_rows(per, n_boot, random_state)
    result.per_query = per
    result.stage_per_query = stages
    result.candidate_recall = bootstrap_ci(np.array(in_pool_hits), n_boot, random_state)
    if "learned" in models:
        result.learned_weights = models["learned"].weights()
        result.learned_source = models["learned"].source_


def _choose_on_validation(
    result: EvaluationResult,
    sug: Any,
    tg: TemporalGraph,
    cand_all: np.ndarray,
    validation_days: int | None,
    *,
    random_state: int,
    training: dict[str, Any] | None,
) -> None:
    """Choose the pipeline on the validation window that ends on the split day (as long as the
    test period, at most a year, unless ``validation_days``) and record it in ``result``."""
    split_date, end = result.split_date, result.end_date
    days = validation_days or min((end - split_date).days, 365)
    val_split = split_date - dt.timedelta(days=days)
    result.pipeline, result.validation = choose_pipeline(
        sug, tg, val_split, split_date, cand_all, random_state=random_state, training=training
    )
    result.validation_start = val_split


def _score_cases(
    w: Any,
    cand_all: np.ndarray,
    rankers: Sequence[str],
    pipeline: Any,
    candidate_kind: str,
    random_state: int,
) -> tuple[dict[str, dict[str, list[float]]], dict[str, dict[str, list[float]]], list[float]]:
    """Per-query metrics of every ranker and pipeline stage on the test window ``w``, and whether
    each query's true next partner was in the pipeline's candidate pool."""
    rng = np.random.default_rng(random_state)
    per: dict[str, dict[str, list[float]]] = {r: {m: [] for m in METRICS} for r in rankers}
    stages: dict[str, dict[str, list[float]]] = {}
    in_pool_hits: list[float] = []
    for case, rel in _cases(w.feat, w.relevant, cand_all, rng):
        for r in rankers:
            if r != "pipeline":
                _add(per, r, _base_scores(r, w.feat, case, w.models, rng), rel)
        if pipeline is not None:
            in_pool = pool_mask(w.feat, case, candidate_kind)
            in_pool_hits.append(float((in_pool & rel).any()))
            base = _base_scores(pipeline.base, w.feat, case, w.models, rng)
            for stage, s in stage_scores(w.feat, case, base, in_pool, pipeline).items():
                _add(stages, stage, s, rel)
            _add(per, "pipeline", s, rel)
    return per, stages, in_pool_hits


def _leak_warnings(
    store: GraphStore | None, profiles: ProfileSource | None, weights: dict[str, float]
) -> list[str]:
    """A warning when profile texts carry no date: text written after a training cut can describe
    the very links the ranker is trained (and tested) on."""
    if store is not None or profiles is not None:
        return []  # store profiles are cut at every training and split date
    text = {k: v for k, v in weights.items() if k in ("dense", "lexical")}
    return [
        "profile texts come from undated node fields: text written after a training cut can "
        "describe later links and inflate the text features"
        + (
            " (learned text weights: " + ", ".join(f"{k} {v:+.2f}" for k, v in text.items()) + ")"
            if text
            else ""
        )
    ]
