"""The triadic-closure network generator and the pipeline evaluation on it."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import numpy as np
import pytest

from graph.model import Organisation
from graph.store import build_snapshot
from matcher.suggest.evaluation import SINGLE_SIGNALS, evaluate_temporal
from matcher.suggest.stages import STAGES, PipelineConfig, pipeline_grid
from matcher.suggest.triadic import TriadicParams, triadic_network
from matcher.text.encoders import HashingEncoder


def _closing_share(edges) -> float:
    """Share of new pairs whose two ends already shared a partner when the link was made."""
    nbrs: dict[str, set[str]] = defaultdict(set)
    closed = new = 0
    for e in sorted(edges, key=lambda e: e.date):
        if e.target in nbrs[e.source]:
            continue
        new += 1
        closed += bool(nbrs[e.source] & nbrs[e.target])
        nbrs[e.source].add(e.target)
        nbrs[e.target].add(e.source)
    return closed / new


def test_same_seed_same_network_and_every_link_dated_after_both_ends_exist():
    a = triadic_network(80, 500, random_state=3)
    b = triadic_network(80, 500, random_state=3)
    assert [e.identity for e in a[1]] == [e.identity for e in b[1]]
    since = {n.id: int(n.description.split()[2]) for n in a[0] if isinstance(n, Organisation)}
    assert all(e.date is not None and e.source != e.target for e in a[1])
    assert all(e.date.year >= max(since[e.source], since[e.target]) for e in a[1])  # type: ignore[union-attr]


def test_triadic_closure_parameter_drives_the_share_of_closing_links():
    def share(p_closure: float) -> float:
        params = TriadicParams(
            p_closure=p_closure, alpha=0.8, theme_bonus=1.0, p_repeat=0.0, activity_shape=2.0
        )
        return _closing_share(triadic_network(400, 800, params=params, random_state=0)[1])

    assert share(0.9) > share(0.0) + 0.2


def test_pipeline_grid_toggles_each_reranking_step():
    grid = pipeline_grid(["learned", "graph"], 0.5, 0.8)
    assert len(grid) == 8
    assert PipelineConfig(base="graph", exposure_strength=0.0, mmr_lambda=1.0) in grid


@pytest.fixture(scope="module")
def triadic_result():
    nodes, edges = triadic_network(120, 900, random_state=5)
    return evaluate_temporal(
        build_snapshot(nodes, edges),
        dt.date(2024, 7, 1),
        query_kinds=["organisation"],
        encoder=HashingEncoder(),
        rankers=["popularity", "graph", "pipeline"],
        n_boot=100,
    )


def test_pipeline_is_chosen_before_the_split_and_beats_every_single_signal_there(triadic_result):
    r = triadic_result
    assert r.pipeline is not None and r.validation_start < r.split_date
    chosen = next(v for v in r.validation if v["config"] == r.pipeline.label)
    singles = [v["objective"] for v in r.validation if v["base"] in SINGLE_SIGNALS]
    assert chosen["objective"] >= max(singles)


def test_stages_candidate_recall_and_undated_text_warning_are_reported(triadic_result):
    r = triadic_result
    assert [s["stage"] for s in r.stage_effects()] == list(STAGES)
    assert 0.0 <= r.candidate_recall[0] <= 1.0
    last = r.stage_per_query[STAGES[-1]]["mrr"]
    assert np.allclose(last, r.per_query["pipeline"]["mrr"])
    table = r.table()
    assert "candidate recall" in table and "pipeline minus baseline, mrr" in table
    assert any("undated" in w for w in r.warnings)
    assert r.to_dict()["pipeline"] == r.pipeline.label
