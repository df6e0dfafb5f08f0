"""On Neo4j above the configured size, the suggestions' candidate search runs in the server's
vector index; its answers are compared here with the in-process search on the seed network."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import numpy as np
import pytest

from api.vector_candidates import IndexedSuggester, ServerVectorIndex
from graph.io import write_graph
from matcher.suggest.suggester import Suggester
from matcher.text.encoders import HashingEncoder
from seeds import SPLIT_DATE, load_seed

pytestmark = [pytest.mark.integration, pytest.mark.slow]

QUESTIONS = [
    "dijkversterking en kustveiligheid",
    "fietsbeleid in steden",
    "circulaire bouw en grondstoffen",
    "scheepvaart en havens",
    "waterkwaliteit in rivieren",
]


@pytest.fixture(scope="module")
def seeded(bolt_server) -> Iterator[object]:
    with bolt_server.fresh_store("vectors") as store:
        nodes, edges = load_seed()
        write_graph(store, nodes, edges)
        yield store


def _ids(found: list) -> list[str]:
    return [s.organisation.id for s in found]


def test_the_index_answers_as_the_in_process_search(seeded) -> None:
    if not seeded.dialect.supports_vector_index():  # pragma: no cover - a real server always can
        pytest.fail("the test Bolt server should offer a vector index")
    engine = IndexedSuggester(seeded, min_size=1, encoder=HashingEncoder(), ranker="default")
    found = engine.suggest(text=QUESTIONS[0], as_of=SPLIT_DATE, k=10)
    assert engine.search_path == "index"
    assert seeded.last_search_path == "index"
    assert len(found) == 10
    text = engine.state(SPLIT_DATE).feat.text
    index = text.ann
    assert isinstance(index, ServerVectorIndex)
    for question in QUESTIONS:
        query = text.query_vector(question)
        served = seeded.vector_search("organisation", index.model_id, query, k=20)
        local = seeded.vector_search("organisation", index.model_id, query, k=20, use_index=False)
        assert [i for i, _ in served] == [i for i, _ in local], question
        np.testing.assert_allclose([s for _, s in served], [s for _, s in local], atol=1e-5)


def test_suggestions_from_the_index_agree_with_in_process_ones(seeded) -> None:
    encoder = HashingEncoder()
    indexed = IndexedSuggester(seeded, min_size=1, encoder=encoder, ranker="default")
    local = Suggester(seeded, encoder=encoder, ranker="default")
    overlaps = []
    for question in QUESTIONS:
        a = _ids(indexed.suggest(text=question, as_of=SPLIT_DATE, k=10))
        b = _ids(local.suggest(text=question, as_of=SPLIT_DATE, k=10))
        overlaps.append(len(set(a) & set(b)) / 10)
    print("top-10 overlap, index vs in-process:", overlaps)
    assert min(overlaps) >= 0.5


def test_below_the_size_the_search_stays_in_process(seeded) -> None:
    encoder = HashingEncoder()
    small = IndexedSuggester(seeded, min_size=10**6, encoder=encoder, ranker="default")
    local = Suggester(seeded, encoder=encoder, ranker="default")
    day = dt.date(2026, 1, 15)
    a = small.suggest(staff="staff:0002", as_of=day, k=10)
    assert small.search_path == "in-process"
    assert [s.to_dict() for s in a] == [
        s.to_dict() for s in local.suggest(staff="staff:0002", as_of=day, k=10)
    ]
