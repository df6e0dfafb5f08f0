"""Shipped seed vectors fill the embedding cache exactly and only once."""

from __future__ import annotations

import numpy as np

from graph import SqliteGraphStore, text_hash
from seeds.vectors import dump_vectors, load_vectors, seed_vectors


def test_dump_load_and_seed_round_trip(tmp_path):
    source = SqliteGraphStore(tmp_path / "source.db")
    a = {
        text_hash("dijk"): np.array([1, 0, 0], np.float32),
        text_hash("wind"): np.ones(3, np.float32),
    }
    b = {text_hash("dijk"): np.arange(4, dtype=np.float32)}
    source.put_vectors("e5/m", a)
    source.put_vectors("use/m", b)
    source.close()
    path = tmp_path / "vectors.npz"
    assert dump_vectors(tmp_path / "source.db", path) == {"e5/m": 2, "use/m": 1}

    loaded = load_vectors(path)
    assert sorted(loaded) == ["e5/m", "use/m"]
    for h, v in a.items():
        np.testing.assert_array_equal(loaded["e5/m"][h], v)
    np.testing.assert_array_equal(loaded["use/m"][text_hash("dijk")], b[text_hash("dijk")])

    target = SqliteGraphStore(tmp_path / "target.db")
    assert seed_vectors(target, path) == 3
    assert seed_vectors(target, path) == 0  # already cached: nothing written again
    got = target.get_vectors("e5/m", a)
    assert set(got) == set(a)
    np.testing.assert_array_equal(got[text_hash("wind")], a[text_hash("wind")])


def test_missing_file_gives_nothing(tmp_path):
    assert load_vectors(tmp_path / "none.npz") == {}
    store = SqliteGraphStore(tmp_path / "s.db")
    assert seed_vectors(store, tmp_path / "none.npz") == 0
