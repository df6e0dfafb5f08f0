"""The suggestion pipeline as stages, scored one query at a time for the temporal evaluation.

A suggestion list is made in four steps: a *candidate pool* (:func:`~matcher.suggest.candidates.
generate_candidates`), a *base score* (the linear ranker or one signal), the *fair-exposure
discount* (:func:`~matcher.suggest.rerank.exposure_penalty`) and the *diversity order*
(:func:`~matcher.suggest.rerank.mmr_order`). :func:`stage_scores` returns, for every candidate of
an evaluation query, one score per stage whose order is the order that stage shows: items outside
the pool come last (in the shared random order), the diversity step orders the first
``max(3k, 30)``.

:class:`PipelineConfig` names one way to run those steps; :func:`choose_pipeline` picks, on a
validation window, the configuration with the best mean of MRR and nDCG@10 among the learned
ranker, the default weights and each single signal with and without each re-ranking step — so the
chosen pipeline never loses to its best single signal *on the window it was chosen on*.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from matcher.suggest.candidates import Featurizer, generate_candidates
from matcher.suggest.graphview import QueryContext, enum_value
from matcher.suggest.rerank import exposure_penalty, mmr_order, similarity_matrix

if TYPE_CHECKING:
    pass

__all__ = ["STAGES", "PipelineConfig", "QueryCase", "pipeline_grid", "stage_scores"]

#: Stage names, in the order they are applied.
STAGES: tuple[str, ...] = ("all candidates", "candidate pool", "exposure discount", "diversity")

#: Shown list length the diversity step works for.
LIST_K = 10


@dataclass(frozen=True, kw_only=True)
class PipelineConfig:
    """One way of running the pipeline: which base score, and each re-ranking step's strength."""

    base: str
    exposure_strength: float
    mmr_lambda: float

    @property
    def label(self) -> str:
        return f"{self.base}, exposure {self.exposure_strength:g}, diversity λ {self.mmr_lambda:g}"


def pipeline_grid(
    bases: Sequence[str], exposure_strength: float, mmr_lambda: float
) -> list[PipelineConfig]:
    """Every base with each re-ranking step on (the suggester's strengths) or off.

    >>> [c.label for c in pipeline_grid(["graph"], 0.5, 0.8)][:2]
    ['graph, exposure 0.5, diversity λ 0.8', 'graph, exposure 0.5, diversity λ 1']
    """
    return [
        PipelineConfig(base=b, exposure_strength=e, mmr_lambda=m)
        for b in bases
        for e in (exposure_strength, 0.0)
        for m in (mmr_lambda, 1.0)
    ]


@dataclass(frozen=True, kw_only=True)
class QueryCase:
    """One evaluation query: its node, context, text, candidates (in a random order) and the
    feature rows of those candidates."""

    q: int
    ctx: QueryContext
    text: str
    cand: np.ndarray
    X: np.ndarray


#: ``base(case) -> scores`` over ``case.cand``.
BaseScore = Callable[[QueryCase], np.ndarray]


def pool_mask(feat: Featurizer, case: QueryCase, candidate_kind: str) -> np.ndarray:
    """Which of ``case.cand`` the candidate generator puts in the pool."""
    pool, _ = generate_candidates(feat, case.ctx, case.text, candidate_kind)
    return np.isin(case.cand, pool)


def stage_scores(
    feat: Featurizer,
    case: QueryCase,
    base: np.ndarray,
    in_pool: np.ndarray,
    cfg: PipelineConfig,
) -> dict[str, np.ndarray]:
    """Scores over ``case.cand`` whose order is what each stage of ``cfg`` shows (see module)."""
    view, tg = feat.view, feat.view.tg
    out = {STAGES[0]: base}
    low = base.min() - 1.0 if len(base) else 0.0
    pooled = np.where(in_pool, base, low)
    out[STAGES[1]] = pooled
    exposure = view.load[case.cand] + view.shown[case.cand]
    discounted = np.where(in_pool, base - exposure_penalty(exposure, cfg.exposure_strength), low)
    out[STAGES[2]] = discounted
    ranked = np.argsort(-discounted, kind="stable")
    top = ranked[: min(int(in_pool.sum()), max(3 * LIST_K, 30))]
    final = discounted.copy()
    if len(top) and cfg.mmr_lambda < 1.0:
        kinds = [enum_value(tg.attrs[c].get("org_kind", "")) for c in case.cand[top].tolist()]
        sectors = [list(tg.attrs[c].get("sectors") or []) for c in case.cand[top].tolist()]
        order = mmr_order(
            discounted[top], similarity_matrix(kinds, sectors), LIST_K, cfg.mmr_lambda
        )
        head = top[order]
        span = float(np.ptp(discounted)) + 1.0
        final[head] = discounted.max() + span * (len(head) - np.arange(len(head)))
    out[STAGES[3]] = final
    return out


def mean_objective(per: Mapping[str, Sequence[float]]) -> float:
    """The choice criterion: mean of MRR and nDCG@10 over the queries."""
    return float((np.mean(per["mrr"]) + np.mean(per["ndcg@10"])) / 2) if per["mrr"] else 0.0
