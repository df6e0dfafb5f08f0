"""Multi-text relevance: aggregation, fusion, explanations, on tiny hand-checkable cases."""

from __future__ import annotations

import numpy as np
import pytest

from matcher.text.encoders import HashingEncoder
from matcher.text.fusion import aggregate
from matcher.text.lexical import LexicalIndex, shared_terms, tokens
from matcher.text.relevance import TextRelevance, score

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
    d_mu, d_sd, l_mu, l_sd = dense.routes_["*"].scale
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


def test_routes_score_each_query_with_its_language() -> None:
    from matcher.text.fusion import Route

    enc = HashingEncoder()
    routes = {"nl": Route(dense_weight=1.0, aggregation="max"), "en": Route(dense_weight=0.0)}
    tr = TextRelevance(enc, routes=routes).fit(PROFILES)
    dense_only = TextRelevance(enc, dense_weight=1.0, aggregation="max").fit(PROFILES)
    lexical_only = TextRelevance(enc, dense_weight=0.0).fit(PROFILES)
    nl, en = "Wie weet iets van walstroom voor schepen?", "Who knows about shore power for ships?"
    s = tr.score([nl, en])
    np.testing.assert_allclose(s[0], dense_only.score([nl])[0], rtol=1e-5)
    np.testing.assert_allclose(s[1], lexical_only.score([en])[0], rtol=1e-5)


def test_route_mixture_reweights_concat_parts() -> None:
    from matcher.text.encoders import ConcatEncoder
    from matcher.text.fusion import Route

    a, b = HashingEncoder(dim=64), HashingEncoder(dim=128)
    cat = ConcatEncoder([a, b], [0.5, 0.5])
    only_a = TextRelevance(cat, routes={"*": Route(1.0, "mean", 1, (("hashing", 1.0),))})
    with pytest.raises(ValueError, match="not in"):
        TextRelevance(cat, routes={"*": Route(1.0, "max", 1, (("e5", 1.0),))}).fit(PROFILES)
    # both parts are named "hashing": the share applies to each, so the mixture is 1·a + 1·b
    # (the mean over a profile's texts is linear, so the parts add up exactly)
    s = only_a.fit(PROFILES).channels(["walstroom"])[0]
    sa = (
        TextRelevance(a, dense_weight=1.0, aggregation="mean")
        .fit(PROFILES)
        .channels(["walstroom"])[0]
    )
    sb = (
        TextRelevance(b, dense_weight=1.0, aggregation="mean")
        .fit(PROFILES)
        .channels(["walstroom"])[0]
    )
    np.testing.assert_allclose(s, sa + sb, rtol=1e-4, atol=1e-6)


def test_evalsets_sizes_and_answers() -> None:
    from matcher.text.evalsets import load_dutch, load_english

    nl, en = load_dutch(), load_english()
    assert len(nl) >= 150 and len(en) >= 60
    assert len(en.profiles) >= 60 and all(2 <= len(p) <= 4 for p in en.profiles)
    assert len(nl.split("dev")) + len(nl.split("test")) == len(nl)
    for s in (nl, en):
        assert all(r and max(r) < len(s.profiles) for r in s.relevant)


def test_relevance_cli_on_plain_jsonl(tmp_path) -> None:
    import json

    from typer.testing import CliRunner

    from api.cli import app, register_commands

    register_commands()
    q = tmp_path / "q.jsonl"
    p = tmp_path / "p.jsonl"
    q.write_text('{"id": "a", "text": "walstroom"}\n"fietsparkeren"\n', encoding="utf-8")
    p.write_text(
        "\n".join(json.dumps({"id": f"p{j}", "texts": t}) for j, t in enumerate(PROFILES)) + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "s.json"
    result = CliRunner().invoke(
        app,
        [
            "relevance",
            "--queries",
            str(q),
            "--profiles",
            str(p),
            "--out",
            str(out),
            "--encoder",
            "hashing",
            "--top",
            "2",
        ],
    )
    assert result.exit_code == 0, result.output
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["queries"] == ["a", "q2"] and doc["profiles"] == ["p0", "p1", "p2"]
    assert [t["best"][0]["profile"] for t in doc["top"]] == ["p2", "p1"]
    assert len(doc["scores"]) == 2 and len(doc["scores"][0]) == 3

    p.write_text('{"id": "x", "texts": "not a list"}\n', encoding="utf-8")
    bad = CliRunner().invoke(
        app, ["relevance", "--queries", str(q), "--profiles", str(p), "--encoder", "hashing"]
    )
    assert bad.exit_code == 1
    assert "p.jsonl: line 1, field 'texts'" in bad.output
