"""The graded English expertise set and its metrics."""

from __future__ import annotations

import numpy as np
import pytest

from matcher.text.encoders import E5Encoder, truncate_words
from matcher.text.expertise import graded_metrics, load_expertise


def test_set_has_sixty_three_paper_profiles_with_graded_near_topic_distractors():
    gs = load_expertise()
    d = gs.data
    assert len(d.profiles) >= 60 and all(len(p) == 3 for p in d.profiles)
    assert len(d.split("dev")) == len(d.split("test")) == len(d) // 2
    assert (gs.gains == 2).sum(axis=1).tolist() == [1] * len(d)
    assert ((gs.gains == 1).sum(axis=1) == 4).all()  # the other groups of the same area


def test_graded_metrics_by_hand():
    scores = np.array([[0.1, 0.9, 0.5], [0.9, 0.8, 0.1]])
    gains = np.array([[2.0, 1.0, 0.0], [0.0, 0.0, 2.0]])
    m = graded_metrics(scores, gains)
    assert m["mrr"].tolist() == pytest.approx([1 / 3, 1 / 3])
    dcg = 1.0 + 3.0 / np.log2(4)
    idcg = 3.0 + 1.0 / np.log2(3)
    assert m["ndcg@10"][0] == pytest.approx(dcg / idcg)


def test_long_passages_are_cut_before_e5_reads_them():
    text = " ".join(f"w{i}" for i in range(1000))
    cut = truncate_words(text, E5Encoder.MAX_WORDS)
    assert len(cut.split()) == E5Encoder.MAX_WORDS and text.startswith(cut)
    assert truncate_words("kort", E5Encoder.MAX_WORDS) == "kort"
