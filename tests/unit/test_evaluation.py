"""Evaluation metrics by hand, and the hold-out on a tiny generic organisation network."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pytest

from graph.model import CollaboratesWith, Organisation
from graph.store import build_snapshot
from matcher.metrics import bootstrap_ci, rank_metrics
from matcher.suggest.evaluation import evaluate_temporal
from matcher.text.encoders import HashingEncoder


def test_rank_metrics_by_hand():
    # relevant items end up at ranks 2 and 4
    m = rank_metrics(np.array([0.9, 0.8, 0.7, 0.1, 0.0]), np.array([0, 1, 0, 1, 0], bool))
    dcg = 1 / math.log2(3) + 1 / math.log2(5)
    idcg = 1 + 1 / math.log2(3)
    assert m == pytest.approx(
        {"recall@5": 1.0, "recall@10": 1.0, "ndcg@10": dcg / idcg, "mrr": 0.5}
    )


def test_rank_metrics_need_a_relevant_item():
    with pytest.raises(ValueError, match="at least one relevant"):
        rank_metrics(np.array([1.0]), np.array([False]))


def test_bootstrap_interval_contains_the_mean():
    v = np.random.default_rng(0).random(200)
    mean, lo, hi = bootstrap_ci(v, 500)
    assert lo < mean < hi and mean == pytest.approx(v.mean())


def test_generic_organisation_to_organisation_holdout(tmp_path):
    orgs = [Organisation(id=f"org:{i}", name=f"O{i}", org_kind="ngo") for i in range(5)]
    d = dt.date.fromisoformat
    links = [
        CollaboratesWith(source="org:0", target="org:1", date=d("2025-01-01")),
        CollaboratesWith(source="org:1", target="org:2", date=d("2025-02-01")),
        CollaboratesWith(source="org:3", target="org:4", date=d("2025-02-01")),
        # after the split: org:0 closes the triangle with org:2
        CollaboratesWith(source="org:0", target="org:2", date=d("2025-06-01")),
    ]
    r = evaluate_temporal(
        build_snapshot(orgs, links),
        d("2025-03-01"),
        query_kinds=["organisation"],
        encoder=HashingEncoder(),
        rankers=["random", "popularity", "graph", "default"],
        n_boot=50,
    )
    assert r.n_queries == 2  # org:0 and org:2 both gain a partner
    assert r.row("graph")["mrr"] == 1.0  # Adamic–Adar finds the shared neighbour org:1
    path = tmp_path / "eval.png"
    r.plot(str(path))
    assert path.read_bytes()[:4] == b"\x89PNG"
    assert "graph" in r.table() and r.to_dict()["n_queries"] == 2


def test_split_after_the_history_is_refused():
    orgs = [Organisation(id=f"org:{i}", name=f"O{i}", org_kind="ngo") for i in range(2)]
    g = build_snapshot(orgs, [CollaboratesWith(source="org:0", target="org:1", date="2025-01-01")])
    with pytest.raises(ValueError, match="not before the last dated edge"):
        evaluate_temporal(g, dt.date(2026, 1, 1), query_kinds=["organisation"])


def test_paired_differences_are_per_query_and_shown():
    from matcher.metrics import METRICS
    from matcher.suggest.evaluation import EvaluationResult

    learned = [0.5, 0.4, 0.9, 0.1]
    default = [0.4, 0.4, 0.7, 0.2]
    per = {
        r: {m: list(v) for m in METRICS}
        for r, v in {"default": default, "learned": learned}.items()
    }
    rows = []
    for r, v in (("default", default), ("learned", learned)):
        mean, lo, hi = bootstrap_ci(np.array(v))
        rows.append(
            {
                "ranker": r,
                **{k: x for m in METRICS for k, x in ((m, mean), (m + "_lo", lo), (m + "_hi", hi))},
            }
        )
    res = EvaluationResult(
        dt.date(2026, 5, 1), dt.date(2026, 10, 1), ("staff",), "organisation", 4, 10, rows, per
    )
    (d,) = res.paired()
    assert d["versus"] == "default" and d["diff"] == pytest.approx(0.05)
    assert d["lo"] <= 0.05 <= d["hi"]
    assert "vs default" in res.table() and "+0.0500" in res.table()
    assert res.to_dict()["learned_versus"][0]["versus"] == "default"
    assert (
        EvaluationResult(
            dt.date(2026, 5, 1), dt.date(2026, 10, 1), ("staff",), "organisation", 0, 0
        ).paired()
        == []
    )
