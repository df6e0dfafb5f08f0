"""The linear ranker: scikit-learn conventions, default weights and exact contributions."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError

from matcher.suggest.features import BASELINE, FEATURES
from matcher.suggest.ranker import (
    DEFAULT_INTERCEPT,
    DEFAULT_WEIGHTS,
    LinearRanker,
    cut_dates,
    default_ranker,
    listwise_loss,
)


def _data(seed: int = 0, n: int = 400):
    rng = np.random.default_rng(seed)
    X = rng.random((n, len(FEATURES)))
    logit = 4 * X[:, 0] + 3 * X[:, 4] - 2 * X[:, 7] - 3
    y = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(int)
    return X, y


def test_estimator_conventions():
    r = LinearRanker(C=0.5, random_state=3)
    assert r.get_params()["C"] == 0.5
    assert not hasattr(r, "coef_")
    with pytest.raises(NotFittedError):
        r.decision_function(np.zeros((1, len(FEATURES))))
    X, y = _data()
    assert r.fit(X, y) is r
    assert r.source_ == "learned" and r.coef_.shape == (len(FEATURES),)
    again = clone(r).fit(X, y)
    np.testing.assert_allclose(again.coef_, r.coef_)


def test_learns_the_signs_of_the_generating_model():
    X, y = _data(n=3000)
    w = LinearRanker(random_state=0).fit(X, y).weights()
    assert w["dense"] > 1 and w["warm_intro"] > 1 and w["partner_load"] < -0.5


def test_probability_is_the_logistic_of_the_score():
    X, y = _data()
    r = LinearRanker(random_state=0).fit(X, y)
    p = r.predict_proba(X[:5])
    np.testing.assert_allclose(p[:, 1], 1 / (1 + np.exp(-r.decision_function(X[:5]))))
    np.testing.assert_allclose(p.sum(axis=1), 1.0)


@pytest.mark.parametrize("n_pos", [0, 5])
def test_too_little_history_falls_back_to_the_documented_default(n_pos):
    X = np.zeros((50, len(FEATURES)))
    y = np.r_[np.ones(n_pos), np.zeros(50 - n_pos)]
    r = LinearRanker(min_positives=20).fit(X, y)
    assert r.source_ == "default"
    assert r.weights() == DEFAULT_WEIGHTS
    assert r.intercept_ == DEFAULT_INTERCEPT


@pytest.mark.parametrize("ranker", ["default", "learned", "listwise"])
def test_each_contribution_equals_the_change_when_the_feature_is_neutralised(ranker):
    X, y = _data(1)
    if ranker == "default":
        r = default_ranker()
    elif ranker == "learned":
        r = LinearRanker(random_state=0).fit(X, y)
    else:  # as the suggester trains it: listwise within query groups
        r = LinearRanker(random_state=0).fit(X, y, groups=np.repeat(np.arange(20), 20))
        assert r.source_ == "learned"
    x = X[:7]
    contrib = r.contributions(x)
    full = r.decision_function(x)
    for i in range(len(FEATURES)):
        neutral = x.copy()
        neutral[:, i] = BASELINE[i]
        np.testing.assert_allclose(full - r.decision_function(neutral), contrib[:, i], atol=1e-12)
    np.testing.assert_allclose(
        full, r.decision_function(BASELINE[None]) + contrib.sum(axis=1), atol=1e-12
    )


def test_bad_input_is_named():
    with pytest.raises(ValueError, match="3 rows but y has 2"):
        LinearRanker().fit(np.zeros((3, len(FEATURES))), [0, 1])
    X = np.zeros((2, len(FEATURES)))
    X[0, 0] = np.nan
    with pytest.raises(ValueError, match="NaN"):
        LinearRanker().fit(X, [0, 1])


def test_cut_dates_end_their_windows_before_the_split():
    cuts = cut_dates(dt.date(2024, 11, 1), dt.date(2026, 3, 1), window=120, step=60)
    assert cuts == [dt.date(2025, 3, 6) + dt.timedelta(days=60 * i) for i in range(5)]
    assert all(c + dt.timedelta(days=120) <= dt.date(2026, 3, 1) for c in cuts)
    assert cuts[0] >= dt.date(2024, 11, 1) + dt.timedelta(days=120)


def test_pairwise_fit_ranks_within_queries_and_leans_on_the_prior():
    X, y = _data(2, n=1200)
    groups = np.repeat(np.arange(40), 30)
    free = LinearRanker(prior_strength=0.0, random_state=0).fit(X, y, groups=groups)
    assert free.source_ == "learned"
    assert free.coef_[0] > 0 and free.coef_[4] > 0 and free.coef_[7] < 0
    held = LinearRanker(prior_strength=1e6, random_state=0).fit(X, y, groups=groups)
    default = np.array([DEFAULT_WEIGHTS[f] for f in FEATURES])
    cos = held.coef_ @ default / np.linalg.norm(held.coef_) / np.linalg.norm(default)
    assert cos == pytest.approx(1.0, abs=1e-6)  # a strong prior keeps the default direction


def _choices(seed: int = 0, n_groups: int = 300, size: int = 40):
    """Queries that each pick one candidate by a softmax over ``X @ w_true`` (a conditional logit)."""
    rng = np.random.default_rng(seed)
    w_true = np.zeros(len(FEATURES))
    w_true[[0, 4, 7]] = [3.0, 2.0, -1.5]
    X = rng.random((n_groups * size, len(FEATURES)))
    groups = np.repeat(np.arange(n_groups), size)
    y = np.zeros(len(X), dtype=int)
    for g in range(n_groups):
        rows = np.arange(g * size, (g + 1) * size)
        p = np.exp(X[rows] @ w_true)
        y[rng.choice(rows, p=p / p.sum())] = 1
    return X, y, groups, w_true


def test_listwise_gradient_matches_finite_differences():
    from scipy.optimize import check_grad

    X, y, groups, _ = _choices(1, n_groups=30, size=12)
    prior = np.linspace(-1, 1, len(FEATURES))
    loss = listwise_loss(X, y, groups, prior, 0.3)
    w = np.random.default_rng(2).normal(size=len(FEATURES))
    err = check_grad(lambda v: loss(v)[0], lambda v: loss(v)[1], w)
    assert err < 1e-5 * max(1.0, float(np.linalg.norm(loss(w)[1])))


def test_listwise_fit_recovers_the_choice_weights():
    X, y, groups, w_true = _choices(0)
    r = LinearRanker(prior_strength=0.0, random_state=0).fit(X, y, groups=groups)
    assert r.objective == "listwise" and r.source_ == "learned"
    cos = r.coef_ @ w_true / np.linalg.norm(r.coef_) / np.linalg.norm(w_true)
    assert cos > 0.95
    # the ranking within each query is what was learned; the calibration only rescales it
    pairwise = LinearRanker(objective="pairwise", prior_strength=0.0, random_state=0)
    assert pairwise.fit(X, y, groups=groups).source_ == "learned"


def test_unknown_objective_and_mismatched_groups_are_named():
    X, y = _data()
    with pytest.raises(ValueError, match="unknown objective 'lambdamart'"):
        LinearRanker(objective="lambdamart").fit(X, y)
    with pytest.raises(ValueError, match="groups has 3 entries"):
        LinearRanker().fit(X, y, groups=np.zeros(3))
