"""Relevance-first scoring and the diversity step, as properties."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from matcher.suggest.rerank import diverse_order, similarity_matrix
from matcher.suggest.scoring import RelevanceSettings, nearest_themes, probability, relevance_first

finite = st.floats(-10, 10, allow_nan=False, allow_infinity=False)


@settings(max_examples=200, deadline=None)
@given(
    n=st.integers(2, 12),
    data=st.data(),
    margin=st.floats(0.0, 1.0),
    scale=st.floats(0.1, 8.0),
)
def test_other_terms_never_overturn_a_relevance_lead_beyond_twice_the_margin(
    n, data, margin, scale
):
    rel = data.draw(arrays(float, n, elements=finite))
    contrib = data.draw(arrays(float, (n, 3), elements=finite))
    exposure = -np.abs(data.draw(arrays(float, n, elements=finite)))
    cfg = RelevanceSettings(floor=-100.0, margin=margin, scale=scale, region_weight=0.0)
    s = relevance_first(contrib, ["dense", "ppr", "recency"], rel, {"exposure": exposure}, cfg)
    for i in range(n):
        for j in range(n):
            if rel[i] > rel[j] + 2 * margin:
                assert s.score[i] > s.score[j]
    assert np.allclose(sum(s.parts.values()), s.score)


def test_the_floor_keeps_only_fitting_candidates():
    cfg = RelevanceSettings(floor=1.0, margin=0.1)
    s = relevance_first(
        np.zeros((3, 1)), ["dense"], np.array([0.5, 1.0, 2.0]), {}, cfg, region=np.array([1, 0, 0])
    )
    assert s.eligible.tolist() == [True, True, True]  # the region the question names counts
    assert s.parts["shared_region"].tolist() == [0.5, 0.0, 0.0]
    s = relevance_first(np.zeros((3, 1)), ["dense"], np.array([0.5, 0.99, 2.0]), {}, cfg)
    assert s.eligible.tolist() == [False, False, True]


@settings(max_examples=200, deadline=None)
@given(
    n=st.integers(1, 10),
    data=st.data(),
    weight=st.floats(0.0, 3.0),
    k=st.integers(1, 10),
)
def test_diversity_keeps_the_list_ordered_by_the_number_it_shows(n, data, weight, k):
    score = data.draw(arrays(float, n, elements=finite))
    kinds = data.draw(st.lists(st.sampled_from(["ngo", "company"]), min_size=n, max_size=n))
    sectors = data.draw(
        st.lists(st.lists(st.sampled_from(["water", "natuur", "fiets"])), min_size=n, max_size=n)
    )
    order, discount = diverse_order(score, similarity_matrix(kinds, sectors), k, weight)
    shown = score[order] - discount
    assert len(set(order)) == len(order) == min(k, n)
    assert np.all(np.diff(shown) <= 1e-12)
    assert np.all(discount >= 0)


@given(arrays(float, 8, elements=finite))
def test_the_probability_never_contradicts_the_score(scores):
    p = probability(np.sort(scores)[::-1], RelevanceSettings().calibration)
    assert np.all(np.diff(p) <= 0)


def test_nearest_themes_come_from_the_closest_candidates():
    themes = [["fiets"], ["water", "natuur"], ["water"], ["luchtvaart"]]
    assert nearest_themes(np.array([0.1, 0.9, 0.5, -1.0]), themes, top=3) == [
        "water",
        "natuur",
        "fiets",
    ]
