"""The hashing encoder and the store-backed embedding cache."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from graph.model import Contact, Organisation, WorksAt
from graph.sqlite_store import SqliteGraphStore
from graph.store import text_hash
from matcher.text.encoders import (
    ConcatEncoder,
    Encoder,
    EncoderError,
    HashingEncoder,
    Kind,
    cache_key,
    encode_cached,
    get_encoder,
)
from matcher.text.profiles import build_profiles


class CountingEncoder(HashingEncoder):
    """A real hashing encoder that records every text it is asked to encode."""

    def __init__(self, dim: int = 64, *, symmetric: bool = True) -> None:
        super().__init__(dim)
        self.symmetric = symmetric
        self.calls: list[list[str]] = []

    @property
    def encoded(self) -> int:
        return sum(len(c) for c in self.calls)

    def encode(self, texts: Sequence[str], *, kind: Kind = "passage") -> np.ndarray:
        self.calls.append(list(texts))
        return super().encode(texts, kind=kind)


def _store(tmp_path) -> SqliteGraphStore:
    store = SqliteGraphStore(tmp_path / "cache.db")
    orgs = [
        Organisation(id="org:hhnk", name="HHNK", org_kind="public_body", description="Waterschap"),
        Organisation(
            id="org:tno", name="TNO", org_kind="knowledge_institute", description="Onderzoek"
        ),
        Organisation(id="org:ns", name="NS", org_kind="company", description="Treinvervoer"),
    ]
    contacts = [
        Contact(id="contact:tno-1", name="A", expertise="Geluid van spoorwegen"),
        Contact(id="contact:tno-2", name="B", expertise="Bodemdaling"),
    ]
    edges = [WorksAt(source=c.id, target="org:tno") for c in contacts]
    store.write([*orgs, *contacts], edges)
    return store


def _all_texts(store: SqliteGraphStore) -> list[str]:
    return [t for texts in build_profiles(store).values() for t in texts]


def test_hashing_encoder_is_deterministic_and_normalised() -> None:
    enc = HashingEncoder(dim=32)
    a = enc.encode(["dijkversterking langs de Lek", "dijkversterking langs de Lek", "fiets"])
    assert a.shape == (3, 32)
    assert a.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(a, axis=1), 1.0, rtol=1e-6)
    np.testing.assert_array_equal(a[0], a[1])
    np.testing.assert_array_equal(
        a[0], HashingEncoder(dim=32).encode(["dijkversterking langs de Lek"])[0]
    )


def test_hashing_encoder_empty_inputs() -> None:
    enc = HashingEncoder(dim=16)
    assert enc.encode([]).shape == (0, 16)
    assert not enc.encode([""]).any()
    with pytest.raises(TypeError, match="not one string"):
        enc.encode("dijk")  # type: ignore[arg-type]


def test_hashing_encoder_satisfies_protocol() -> None:
    assert isinstance(HashingEncoder(), Encoder)
    assert get_encoder("hashing").dim == 256


def test_unknown_encoder_names_the_choices() -> None:
    with pytest.raises(EncoderError, match=r"unknown encoder 'bert'.*e5"):
        get_encoder("bert")
    assert get_encoder("hashing", model_path="/nonexistent") is get_encoder("hashing")
    with pytest.raises(EncoderError, match="model folder not found"):
        get_encoder("sentence-transformers", model_path="/nonexistent")


def test_concat_encoder_dot_is_weighted_sum_of_parts() -> None:
    a, b = HashingEncoder(dim=16), HashingEncoder(dim=32)
    cat = ConcatEncoder([a, b], [3, 1])
    texts = ["kustveiligheid", "kust en veiligheid"]
    va, vb, vc = a.encode(texts), b.encode(texts), cat.encode(texts)
    assert vc.shape == (2, 48)
    expected = 0.75 * float(va[0] @ va[1]) + 0.25 * float(vb[0] @ vb[1])
    assert float(vc[0] @ vc[1]) == pytest.approx(expected, rel=1e-5)
    assert cat.name == "hashing+hashing"


def test_encode_cached_without_store_encodes_each_distinct_text_once() -> None:
    enc = CountingEncoder()
    out = encode_cached(enc, ["a b", "c d", "a b"])
    assert enc.encoded == 2
    np.testing.assert_array_equal(out[0], out[2])


def test_second_run_over_unchanged_store_encodes_nothing(tmp_path) -> None:
    store = _store(tmp_path)
    texts = _all_texts(store)
    first = CountingEncoder()
    v1 = encode_cached(first, texts, store)
    assert first.encoded == len(set(texts)) == 5

    second = CountingEncoder()
    v2 = encode_cached(second, texts, store)
    assert second.encoded == 0
    np.testing.assert_array_equal(v1, v2)


def test_changing_one_description_re_encodes_exactly_one_text(tmp_path) -> None:
    store = _store(tmp_path)
    encode_cached(CountingEncoder(), _all_texts(store), store)
    tno = store.get_node("org:tno")
    store.upsert_nodes([tno.model_copy(update={"description": "Onderzoek naar mobiliteit"})])

    enc = CountingEncoder()
    encode_cached(enc, _all_texts(store), store)
    assert enc.calls == [["TNO. Onderzoek naar mobiliteit"]]


def test_cache_key_and_prefix(tmp_path) -> None:
    store = _store(tmp_path)
    enc = CountingEncoder(symmetric=False)
    encode_cached(enc, ["dijk"], store, kind="query")
    encode_cached(enc, ["dijk"], store, kind="passage")
    assert enc.encoded == 2  # asymmetric: query and passage vectors differ
    key = cache_key(enc)
    assert key == "hashing/hash-w1c34-64"
    assert set(store.get_vectors(key, [text_hash("query: dijk"), text_hash("passage: dijk")])) == {
        text_hash("query: dijk"),
        text_hash("passage: dijk"),
    }
    sym = CountingEncoder()
    encode_cached(sym, ["dijk"], store, kind="query")
    encode_cached(sym, ["dijk"], store, kind="passage")
    assert sym.encoded == 1


def test_encode_cached_batches(tmp_path) -> None:
    enc = CountingEncoder()
    texts = [f"tekst {i}" for i in range(10)]
    encode_cached(enc, texts, None, batch_size=4)
    assert [len(c) for c in enc.calls] == [4, 4, 2]


def test_concat_encoder_is_cached_per_part(tmp_path) -> None:
    store = _store(tmp_path)
    a, b = CountingEncoder(dim=16), CountingEncoder(dim=32)
    encode_cached(ConcatEncoder([a, b], [0.5, 0.5]), ["dijk", "kust"], store)
    again = ConcatEncoder([a, b], [0.25, 0.75])  # other weights, same parts: nothing re-encoded
    v = encode_cached(again, ["dijk", "kust"], store)
    assert (a.encoded, b.encoded) == (2, 2)
    np.testing.assert_allclose(np.linalg.norm(v, axis=1), 1.0, rtol=1e-5)


def test_text_relevance_refit_over_store_encodes_only_changes(tmp_path) -> None:
    from matcher.text.relevance import TextRelevance

    store = _store(tmp_path)
    first = CountingEncoder()
    TextRelevance(first, store=store).fit(list(build_profiles(store).values()))
    assert first.encoded == 5

    again = CountingEncoder()
    TextRelevance(again, store=store).fit(list(build_profiles(store).values()))
    assert again.encoded == 0

    ns = store.get_node("org:ns")
    store.upsert_nodes([ns.model_copy(update={"description": "Treinen en stations"})])
    changed = CountingEncoder()
    TextRelevance(changed, store=store).fit(list(build_profiles(store).values()))
    assert changed.calls == [["NS. Treinen en stations"]]


def test_blas_runs_single_threaded_after_the_limit() -> None:
    from threadpoolctl import threadpool_info, threadpool_limits

    from matcher.text.encoders import limit_blas_threads

    before = [i for i in threadpool_info() if i["user_api"] == "blas"]
    try:
        limit_blas_threads()
        after = [i for i in threadpool_info() if i["user_api"] == "blas"]
        assert after and all(i["num_threads"] == 1 for i in after)
    finally:
        for info in before:
            threadpool_limits(limits={info["prefix"]: info["num_threads"]})


def test_e5_encodes_a_single_query_on_two_threads_and_bulk_on_one() -> None:
    from matcher.text.encoders import E5Encoder

    enc = E5Encoder(threads=1, query_threads=2)
    assert (enc.threads, enc.query_threads) == (1, 2)
    one = enc.encode(["dijkversterking"], kind="query")
    many = enc.encode(["dijkversterking"] * (E5Encoder.SMALL_BATCH + 1), kind="query")
    np.testing.assert_allclose(one[0], many[0], atol=1e-5)  # same vectors either way
