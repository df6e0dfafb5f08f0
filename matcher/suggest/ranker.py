"""The suggestion ranker: a linear score over :data:`matcher.suggest.features.FEATURES`.

:class:`LinearRanker` follows scikit-learn's estimator conventions (``__init__`` stores parameters,
``fit`` returns ``self`` and sets ``coef_``/``intercept_``, predictions call ``check_is_fitted``,
randomness through ``random_state``). It learns on standardised features and folds the
standardisation back into raw-feature weights, so the score stays exactly linear::

    score(x) = intercept_ + Σ_i coef_[i] · x_i

and each feature's contribution against the neutral baseline (:data:`matcher.suggest.features.BASELINE`,
all zeros) is ``coef_[i] · (x_i − baseline_i)``: setting that feature to its baseline changes the
score by exactly that amount. That is what the reasons report.

The default objective is *listwise*: every query is one choice among all its candidates, and the
weights maximise the softmax (conditional-logit) likelihood of the partners that were actually
contacted next. Unlike a pairwise or per-row loss it spends its effort on the top of each ranking,
which is what nDCG@10 and a person reading ten suggestions care about.

Without enough history (fewer than ``min_positives`` positive pairs) ``fit`` falls back to
:data:`DEFAULT_WEIGHTS`, a documented prior: text fit first, then a colleague who can introduce,
closeness in the network, the NSOB role and the policy calendar, with a small penalty for partners
that many colleagues already ask. With history, the fit is pulled towards that prior
(``prior_strength``), so history corrects it rather than replacing it.

:func:`training_set` builds the (query, candidate) pairs: for successive cut dates, features are
computed on the graph as known on the cut date and labelled by whether a new link appeared in the
window after it — every window ending on or before the day the ranker is used, so no label (and no
feature) comes from the future.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from scipy.optimize import minimize
from scipy.special import expit
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler
from sklearn.utils.validation import check_is_fitted

from matcher.suggest.features import BASELINE, FEATURES, new_links
from matcher.suggest.graphview import TemporalGraph
from matcher.suggest.signals import SIGNALS

__all__ = [
    "DEFAULT_INTERCEPT",
    "DEFAULT_WEIGHTS",
    "OBJECTIVES",
    "LinearRanker",
    "cut_dates",
    "default_ranker",
    "listwise_loss",
    "training_set",
]

logger = logging.getLogger(__name__)

#: Weights of the ranker when there is no history to learn from (per raw feature value).
DEFAULT_WEIGHTS: dict[str, float] = {
    "dense": 3.0,  # cosine similarity of query and profile texts, typically 0.1–0.7
    "lexical": 3.0,  # TF-IDF cosine, typically 0–0.4
    "ppr": 0.6,  # log1p(PageRank · n): closeness in the network
    "adamic_adar": 0.4,  # shared neighbours, weighted by rarity
    "warm_intro": 1.0,  # a colleague met them (1.0 = today, 0.37 = a year ago)
    "recency": 0.4,  # recent contact with anyone of the ministry
    "frequency": 0.3,  # log1p(contacts in the last year)
    "partner_load": -0.3,  # log1p(colleagues asking them in the last half year): spread the load
    "nsob_fit": 0.8,  # fits the government role of the dossier
    "phase_fit": 0.4,  # fits the dossier phase
    "milestone": 0.6,  # a milestone of the dossier is near
    "sessions": 0.5,  # a guest at an upcoming programme session
    **{s.name: s.weight for s in SIGNALS},  # each extra signal's own prior
}
DEFAULT_INTERCEPT = -3.0


def _default_vector(names: Sequence[str]) -> np.ndarray:
    return np.array([DEFAULT_WEIGHTS.get(n, 0.0) for n in names], dtype=float)


OBJECTIVES = ("listwise", "pairwise", "pointwise")


class LinearRanker(ClassifierMixin, BaseEstimator):
    """A linear ranking score learned on standardised features, exposed as raw-feature weights.

    Parameters
    ----------
    C : float
        Inverse L2 regularisation strength.
    class_weight : {"balanced"} or None
        Re-weights the rare positive pairs.
    max_iter : int
    min_positives : int
        Fewer positive pairs than this → use :data:`DEFAULT_WEIGHTS`.
    feature_names : sequence of str
        Names of the columns of ``X`` (default :data:`~matcher.suggest.features.FEATURES`).
    objective : {"listwise", "pairwise", "pointwise"}
        With ``groups`` given to ``fit``: ``listwise`` maximises, per query group, the softmax
        likelihood of its positive rows among all its rows (target spread evenly over the
        positives); ``pairwise`` a logistic loss on within-query differences ``x_pos − x_neg``.
        Both then calibrate a scale and intercept on the rows, so the score is a log-odds.
        ``pointwise`` (and any fit without ``groups``) is a plain logistic regression.
    max_pairs : int
        Pairs sampled per query group (``pairwise``).
    prior_strength : float
        Listwise and pairwise fits: L2 pull of the (standardised) weights towards
        :data:`DEFAULT_WEIGHTS` instead of towards zero, so history corrects the documented prior
        rather than replacing it; 0 fits freely.
    random_state : int or None

    Attributes
    ----------
    coef_ : ndarray, shape (n_features,)
        Weight per raw feature value.
    intercept_ : float
    source_ : {"learned", "default"}
    n_positives_ : int
    classes_ : ndarray

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> X = rng.random((200, 2)); y = (X[:, 0] > 0.7).astype(int)
    >>> r = LinearRanker(feature_names=["a", "b"], random_state=0).fit(X, y)
    >>> r.source_, bool(r.coef_[0] > r.coef_[1])
    ('learned', True)
    >>> default_ranker().source_
    'default'
    """

    def __init__(
        self,
        C: float = 1.0,
        class_weight: str | None = "balanced",
        max_iter: int = 1000,
        min_positives: int = 20,
        feature_names: Sequence[str] = FEATURES,
        objective: str = "listwise",
        max_pairs: int = 400,
        prior_strength: float = 0.01,
        random_state: int | None = None,
    ) -> None:
        self.prior_strength = prior_strength
        self.objective = objective
        self.max_pairs = max_pairs
        self.C = C
        self.class_weight = class_weight
        self.max_iter = max_iter
        self.min_positives = min_positives
        self.feature_names = feature_names
        self.random_state = random_state

    def fit(
        self,
        X: Any,
        y: Any,
        sample_weight: np.ndarray | None = None,
        groups: np.ndarray | None = None,
    ) -> LinearRanker:
        """Fit on feature rows ``X`` and 0/1 labels ``y`` (``groups``: query id per row);
        returns ``self``."""
        names = list(self.feature_names)
        if self.objective not in OBJECTIVES:
            raise ValueError(f"unknown objective '{self.objective}'; use one of {OBJECTIVES}")
        X = np.asarray(X, dtype=float).reshape(-1, len(names))
        y = np.asarray(y, dtype=int).ravel()
        if len(X) != len(y):
            raise ValueError(f"X has {len(X)} rows but y has {len(y)} labels")
        if not np.isfinite(X).all():
            raise ValueError("X contains NaN or infinite values")
        self.n_features_in_ = len(names)
        self.classes_ = np.array([0, 1])
        self.n_positives_ = int(y.sum())
        if self.n_positives_ < self.min_positives or self.n_positives_ == len(y):
            self.coef_ = _default_vector(names)
            self.intercept_ = DEFAULT_INTERCEPT
            self.source_ = "default"
            return self
        scaler = StandardScaler().fit(X)
        scale = np.where(scaler.scale_ > 0, scaler.scale_, 1.0)
        if groups is not None and self.objective != "pointwise":
            groups = np.asarray(groups).ravel()
            if len(groups) != len(y):
                raise ValueError(f"groups has {len(groups)} entries but y has {len(y)} labels")
            if self.objective == "listwise":
                w = self._listwise_weights(X, y, groups, scale)
            else:
                w = self._pairwise_weights(X, y, groups, scale)
            return self._calibrate(X, y, w)
        lr = LogisticRegression(
            C=self.C,
            class_weight=self.class_weight,
            max_iter=self.max_iter,
            random_state=self.random_state,
        ).fit((X - scaler.mean_) / scale, y, sample_weight=sample_weight)
        w = lr.coef_[0] / scale
        self.coef_ = np.where(scaler.scale_ > 0, w, 0.0)
        self.intercept_ = float(lr.intercept_[0] - np.sum(self.coef_ * scaler.mean_))
        self.source_ = "learned"
        return self

    def _prior(self, scale: np.ndarray) -> np.ndarray:
        """:data:`DEFAULT_WEIGHTS` in standardised units."""
        return _default_vector(list(self.feature_names)) * scale

    def _listwise_weights(
        self, X: np.ndarray, y: np.ndarray, groups: np.ndarray, scale: np.ndarray
    ) -> np.ndarray:
        prior = self._prior(scale)
        loss = listwise_loss(X / scale, y, groups, prior, self.prior_strength)
        return np.asarray(minimize(loss, prior.copy(), jac=True, method="L-BFGS-B").x / scale)

    def _pairwise_weights(
        self, X: np.ndarray, y: np.ndarray, groups: np.ndarray, scale: np.ndarray
    ) -> np.ndarray:
        rng = np.random.default_rng(self.random_state)
        diffs = []
        for g in np.unique(groups):
            rows = np.flatnonzero(groups == g)
            pos, neg = rows[y[rows] == 1], rows[y[rows] == 0]
            if len(pos) == 0 or len(neg) == 0:
                continue
            n = min(self.max_pairs, len(pos) * len(neg))
            diffs.append(X[rng.choice(pos, n)] - X[rng.choice(neg, n)])
        Dz = np.vstack(diffs) / scale
        prior = self._prior(scale)
        lam = self.prior_strength

        def loss(wz: np.ndarray) -> tuple[float, np.ndarray]:
            m = Dz @ wz
            value = np.logaddexp(0.0, -m).mean() + 0.5 * lam * np.sum((wz - prior) ** 2)
            grad = -(Dz * expit(-m)[:, None]).mean(axis=0) + lam * (wz - prior)
            return float(value), grad

        return np.asarray(minimize(loss, prior.copy(), jac=True, method="L-BFGS-B").x / scale)

    def _calibrate(self, X: np.ndarray, y: np.ndarray, w: np.ndarray) -> LinearRanker:
        """Scale and intercept so that ``decision_function`` is the log-odds of a new link."""
        s = (X @ w)[:, None]
        cal = LogisticRegression(class_weight=self.class_weight, max_iter=self.max_iter).fit(s, y)
        a = float(cal.coef_[0, 0]) if cal.coef_[0, 0] > 0 else 1.0
        self.coef_ = w * a
        self.intercept_ = float(cal.intercept_[0]) if cal.coef_[0, 0] > 0 else DEFAULT_INTERCEPT
        self.source_ = "learned"
        return self

    def decision_function(self, X: Any) -> np.ndarray:
        """The linear score ``intercept_ + X @ coef_`` (a log-odds)."""
        check_is_fitted(self, "coef_")
        X = np.asarray(X, dtype=float).reshape(-1, self.n_features_in_)
        return np.asarray(X @ self.coef_ + self.intercept_)

    def predict_proba(self, X: Any) -> np.ndarray:
        p = 1.0 / (1.0 + np.exp(-self.decision_function(X)))
        return np.c_[1.0 - p, p]

    def predict(self, X: Any) -> np.ndarray:
        return (self.decision_function(X) > 0).astype(int)

    def contributions(self, X: Any, baseline: np.ndarray | None = None) -> np.ndarray:
        """Per-feature contributions ``coef_ · (X − baseline)``, shape ``(n, n_features)``.

        ``decision_function(X) == decision_function(baseline) + contributions(X).sum(axis=1)``.
        """
        check_is_fitted(self, "coef_")
        base = BASELINE if baseline is None else np.asarray(baseline, dtype=float)
        X = np.asarray(X, dtype=float).reshape(-1, self.n_features_in_)
        return np.asarray((X - base) * self.coef_)

    def weights(self) -> dict[str, float]:
        """``{feature: weight}`` of the fitted ranker."""
        check_is_fitted(self, "coef_")
        return {n: float(w) for n, w in zip(self.feature_names, self.coef_, strict=True)}


def listwise_loss(
    Z: np.ndarray, y: np.ndarray, groups: np.ndarray, prior: np.ndarray, strength: float
) -> Callable[[np.ndarray], tuple[float, np.ndarray]]:
    """The listwise objective and its gradient, ``w -> (loss, grad)``.

    Per query group: the cross-entropy between the positives (weight ``1/n_pos`` each) and the
    softmax of ``Z @ w`` over all the group's rows, averaged over the groups that hold both a
    positive and a negative; plus ``strength/2 · ||w − prior||²``.

    >>> Z = np.array([[1.0], [0.0], [0.0], [1.0]]); y = np.array([1, 0, 0, 1])
    >>> f = listwise_loss(Z, y, np.array([0, 0, 1, 1]), np.zeros(1), 0.0)
    >>> round(f(np.zeros(1))[0], 4)  # log 2: an even choice between two rows
    0.6931
    """
    order = np.argsort(groups, kind="stable")
    Z, y, groups = Z[order], np.asarray(y, dtype=float)[order], groups[order]
    _, start = np.unique(groups, return_index=True)
    sizes = np.diff(np.r_[start, len(groups)])
    seg = np.repeat(np.arange(len(start)), sizes)
    n_pos = np.add.reduceat(y, start)
    counted = (n_pos > 0) & (n_pos < sizes)  # a query needs a choice to learn from
    target = np.where(counted[seg], y / np.maximum(n_pos[seg], 1.0), 0.0)
    n_groups = max(int(counted.sum()), 1)

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        s = Z @ w
        top = np.maximum.reduceat(s, start)
        e = np.exp(s - top[seg])
        total = np.add.reduceat(e, start)
        log_norm = top + np.log(total)
        p = e / total[seg]
        value = -float((target * (s - log_norm[seg])).sum()) / n_groups
        grad = -(Z.T @ (target - p * counted[seg])) / n_groups
        value += 0.5 * strength * float(np.sum((w - prior) ** 2))
        return value, grad + strength * (w - prior)

    return loss


def default_ranker(feature_names: Sequence[str] = FEATURES) -> LinearRanker:
    """A ranker with :data:`DEFAULT_WEIGHTS` (no history needed).

    >>> round(float(default_ranker().decision_function(np.zeros((1, len(FEATURES))))[0]), 1)
    -3.0
    """
    return LinearRanker(feature_names=feature_names).fit(
        np.zeros((0, len(feature_names))), np.zeros(0)
    )


def cut_dates(
    first: dt.date, until: dt.date, *, window: int = 120, step: int = 60, max_cuts: int = 8
) -> list[dt.date]:
    """Training cut dates ``c`` with ``c + window <= until``, every ``step`` days going back,
    at least ``window`` days after ``first`` (the earliest dated edge).

    >>> cut_dates(dt.date(2025, 1, 1), dt.date(2026, 1, 1), window=90, step=90)
    [datetime.date(2025, 4, 6), datetime.date(2025, 7, 5), datetime.date(2025, 10, 3)]
    """
    cuts: list[dt.date] = []
    c = until - dt.timedelta(days=window)
    while c >= first + dt.timedelta(days=window) and len(cuts) < max_cuts:
        cuts.append(c)
        c -= dt.timedelta(days=step)
    return sorted(cuts)


Featurize = Callable[[int, np.ndarray], np.ndarray]


def training_set(
    tg: TemporalGraph,
    cuts: Sequence[dt.date],
    featurizer_at: Callable[[dt.date], Featurize],
    *,
    query_kinds: Sequence[str] = ("staff", "dossier"),
    candidate_kind: str = "organisation",
    window: int = 120,
    negatives: int = 60,
    max_queries: int = 400,
    random_state: int | None = 0,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Labelled (query, candidate) rows from successive cut dates.

    Parameters
    ----------
    tg : TemporalGraph
        Must not hold edges after the day the ranker will be used (the caller cuts the snapshot).
    cuts : sequence of date
        Each cut ``c`` needs ``c + window`` within the graph's history.
    featurizer_at : callable
        ``featurizer_at(c)`` returns ``f(query_entity, candidate_entities) -> X`` computed on the
        graph as known on ``c``.
    window : int
        Days after the cut in which a new link makes a positive label.
    negatives : int
        Random non-linked candidates per query (all positives are kept); 0 keeps them all.

    Returns
    -------
    X, y, groups
        Feature rows, labels and a query-group id per row.
    """
    rng = np.random.default_rng(random_state)
    cand_all = tg.nodes_of(candidate_kind)
    cand_all = cand_all[tg.entity[cand_all] == cand_all]
    Xs, ys, gs = [], [], []
    group = 0
    for c in cuts:
        labels = new_links(
            tg, c, c + dt.timedelta(days=window), query_kinds, candidate_kind, feedback=True
        )
        if not labels:
            continue
        featurize = featurizer_at(c)
        view = tg.view(c)
        queries = sorted(labels)
        if len(queries) > max_queries:
            queries = sorted(rng.choice(queries, max_queries, replace=False).tolist())
        prepare = getattr(featurize, "prepare", None)
        if prepare is not None:
            prepare(queries)
        for q in queries:
            pos = np.array(sorted(labels[q]), dtype=np.int64)
            known = np.union1d(view.L[q].indices, view.A[q].indices)
            pool = np.setdiff1d(cand_all, np.union1d(known, pos))
            if negatives and len(pool) > negatives:
                neg = rng.choice(pool, negatives, replace=False)
            else:
                neg = pool
            cand = np.r_[pos, neg].astype(np.int64)
            Xs.append(featurize(q, cand))
            ys.append(np.r_[np.ones(len(pos)), np.zeros(len(neg))])
            gs.append(np.full(len(cand), group))
            group += 1
    if not Xs:
        return np.zeros((0, len(FEATURES))), np.zeros(0), np.zeros(0)
    logger.info(
        "training set: %d queries, %d rows over %d cuts", group, sum(map(len, ys)), len(cuts)
    )
    return np.vstack(Xs), np.concatenate(ys), np.concatenate(gs)
