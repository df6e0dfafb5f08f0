"""Multi-text relevance: aggregation, fusion, explanations, on tiny hand-checkable cases."""

from __future__ import annotations

import numpy as np
import pytest

from matcher.embedding import HashingEncoder
from matcher.lexical import LexicalIndex, shared_terms, tokens
from matcher.relevance import TextRelevance, aggregate, score

SIMS = np.array([[0.75, 0.25, 0.5, 0.25, 0.0]], dtype=np.float32)
INDEX = np.array([[0, 1, 2], [3, -1, -1], [-1, -1, -1]])


@pytest.mark.parametrize(
    ("mode", "k", "expected"),
    [
        ("max", 2, [0.75, 0.25, 0.0]),
        ("mean", 2, [0.5, 0.25, 0.0]),
        ("topk", 2, [0.625, 0.25, 0.0]),
        ("topk", 1, [0.75, 0.25, 0.0]),
        ("topk", 5, [0.5, 0.25, 0.0]),
    ],
)
def test_aggregate_exact(mode: str, k: int, expected: list[float]) -> None:
    assert aggregate(SIMS, INDEX, mode, k).tolist() == [expected]  # type: ignore[arg-type]


def test_aggregate_rejects_unknown_mode() -> None:
    with pytest.raises(ValueError, match="unknown aggregation 'median'"):
        aggregate(SIMS, INDEX, "median")  # type: ignore[arg-type]


PROFILES = [
    ["Waterschap: dijkversterking en kustveiligheid", "Zandsuppleties op de Waddeneilanden"],
    ["Fietsersbond: fietspaden en fietsparkeren in steden"],
    ["Havenbedrijf: walstroom voor zeeschepen", "Waterstof in de haven"],
]


def test_score_shape_and_ordering() -> None:
    tr = TextRelevance(HashingEncoder()).fit(PROFILES)
    s = tr.score(["dijkversterking", "fietsparkeren", "walstroom voor schepen"])
    assert s.shape == (3, 3)
    assert s.dtype == np.float32
    assert s.argmax(axis=1).tolist() == [0, 1, 2]


def test_score_with_no_queries_and_no_profiles() -> None:
    assert TextRelevance(HashingEncoder()).fit(PROFILES).score([]).shape == (0, 3)
    assert TextRelevance(HashingEncoder()).fit([]).score(["dijk"]).shape == (1, 0)


def test_module_level_score_on_plain_lists() -> None:
    s = score(["walstroom"], PROFILES, encoder=HashingEncoder())
    assert s.shape == (1, 3)
    assert int(s.argmax()) == 2


def test_pure_dense_and_pure_lexical_weights() -> None:
    dense = TextRelevance(HashingEncoder(), dense_weight=1.0).fit(PROFILES)
    lexical = TextRelevance(HashingEncoder(), dense_weight=0.0).fit(PROFILES)
    d, lex = dense.channels(["waterstof"])
    d_mu, d_sd, l_mu, l_sd = dense.scale_
    np.testing.assert_allclose(dense.score(["waterstof"]), (d - d_mu) / d_sd, rtol=1e-5)
    np.testing.assert_allclose(lexical.score(["waterstof"]), (lex - l_mu) / l_sd, rtol=1e-5)


def test_top_k_mean_uses_the_best_texts() -> None:
    # profile 0 has one perfect text and one unrelated; topk(1) == max, topk(2) halves the miss
    enc = HashingEncoder()
    profiles = [["walstroom", "zzz qqq"], ["walstroom"]]
    best1 = TextRelevance(enc, top_k=1, dense_weight=1.0).fit(profiles).channels(["walstroom"])[0]
    best2 = TextRelevance(enc, top_k=2, dense_weight=1.0).fit(profiles).channels(["walstroom"])[0]
    assert best1[0, 0] == pytest.approx(1.0) and best1[0, 1] == pytest.approx(1.0)
    assert best2[0, 0] < best2[0, 1] == pytest.approx(1.0)


def test_centroid_aggregation() -> None:
    tr = TextRelevance(HashingEncoder(), aggregation="centroid").fit([*PROFILES, []])
    s = tr.score(["zandsuppleties"])
    assert s.shape == (1, 4)
    assert int(s[0, :3].argmax()) == 0


def test_explain_names_best_text_and_shared_terms() -> None:
    tr = TextRelevance(HashingEncoder()).fit(PROFILES)
    e = tr.explain("versterking van dijken langs de kust", 0)
    assert e.best_text == 0
    assert e.shared_terms == ["dijkversterking"]
    assert e.fused == pytest.approx(float(tr.score(["versterking van dijken langs de kust"])[0, 0]))
    with pytest.raises(IndexError):
        tr.explain("dijk", 3)


def test_bad_input_names_the_record() -> None:
    tr = TextRelevance(HashingEncoder())
    with pytest.raises(TypeError, match=r"profiles\[1\] is a string"):
        tr.fit([["a"], "b"])  # type: ignore[list-item]
    with pytest.raises(TypeError, match=r"profiles\[0\]\[1\] is int"):
        tr.fit([["a", 3]])  # type: ignore[list-item]
    with pytest.raises(RuntimeError, match="not fitted"):
        tr.explain("a", 0)
    with pytest.raises(TypeError, match="not one string"):
        TextRelevance(HashingEncoder()).fit(PROFILES).score("dijk")  # type: ignore[arg-type]


def test_lexical_character_ngrams_match_compounds() -> None:
    idx = LexicalIndex().fit(["dijkversterking langs de rivier", "fietspaden in de stad"])
    s = idx.similarity(["versterken van dijken"])
    assert s[0, 0] > 0.1
    assert s[0, 1] < s[0, 0]


def test_tokens_and_shared_terms() -> None:
    assert tokens("Wie kan ons helpen met de Dijkversterking?") == ["helpen", "dijkversterking"]
    assert shared_terms("dijken en kustveiligheid", "Kustveiligheid, dijken") == [
        "kustveiligheid",
        "dijken",
    ]
    assert shared_terms("fiets", "auto") == []
