"""Precomputed text vectors of the seed network, so a fresh store answers without re-encoding.

The first suggestion on a new store encodes every profile and query text of the seed (a few
thousand texts; minutes of CPU with the default multilingual encoders). ``seeds/data/vectors.npz``
holds those vectors keyed exactly like the store's embedding cache — ``(model id, sha256(text))`` —
so :func:`seed_vectors` fills the cache and only texts that changed since are encoded again. A
stale file costs nothing but time: a vector whose text no longer occurs is simply never asked for.

Regenerate after changing the seed, the profiles or the encoders::

    verbinder seed --store /tmp/v.db
    verbinder suggest --store /tmp/v.db --dossier dossier:afsluitdijk --ranker learned
    verbinder evaluate-coalitions --store /tmp/v.db   # the teams' texts, read for their facets
    python -m seeds.vectors /tmp/v.db
"""

from __future__ import annotations

import argparse
import sqlite3
from pathlib import Path
from typing import Any

import numpy as np

from graph.store import GraphStore

__all__ = ["VECTORS_PATH", "dump_vectors", "load_vectors", "seed_vectors"]

VECTORS_PATH = Path(__file__).resolve().parent / "data" / "vectors.npz"


def load_vectors(path: Path = VECTORS_PATH) -> dict[str, dict[str, np.ndarray]]:
    """``{model_id: {text_hash: vector}}`` from a vectors file (empty when there is none)."""
    if not path.exists():
        return {}
    with np.load(path, allow_pickle=False) as data:
        model_ids, hashes, offsets = data["model_ids"], data["hashes"], data["offsets"]
        out: dict[str, dict[str, np.ndarray]] = {}
        for i, model_id in enumerate(model_ids):
            block = data[f"vectors_{i}"]
            lo, hi = int(offsets[i]), int(offsets[i + 1])
            out[str(model_id)] = {str(h): block[j] for j, h in enumerate(hashes[lo:hi])}
    return out


def seed_vectors(store: GraphStore, path: Path = VECTORS_PATH) -> int:
    """Put the shipped vectors into the store's embedding cache; returns how many were new."""
    written = 0
    for model_id, vectors in load_vectors(path).items():
        have = store.get_vectors(model_id, vectors)
        new = {h: v for h, v in vectors.items() if h not in have}
        if new:
            written += store.put_vectors(model_id, new)
    return written


def dump_vectors(sqlite_path: Path, path: Path = VECTORS_PATH) -> dict[str, int]:
    """Write every cached vector of an embedded store to ``path``; returns counts per model."""
    conn = sqlite3.connect(f"file:{sqlite_path}?mode=ro", uri=True)
    try:
        rows = conn.execute(
            "SELECT model_id, text_hash, vector FROM embedding ORDER BY model_id, text_hash"
        ).fetchall()
    finally:
        conn.close()
    by_model: dict[str, list[tuple[str, bytes]]] = {}
    for model_id, h, blob in rows:
        by_model.setdefault(model_id, []).append((h, blob))
    model_ids = sorted(by_model)
    arrays: dict[str, np.ndarray] = {}
    hashes: list[str] = []
    offsets = [0]
    for i, model_id in enumerate(model_ids):
        entries = by_model[model_id]
        hashes.extend(h for h, _ in entries)
        offsets.append(len(hashes))
        arrays[f"vectors_{i}"] = np.stack(
            [np.frombuffer(blob, dtype=np.float32) for _, blob in entries]
        )
    payload: dict[str, Any] = {
        "model_ids": np.array(model_ids),
        "hashes": np.array(hashes),
        "offsets": np.array(offsets, dtype=np.int64),
        **arrays,
    }
    np.savez_compressed(path, **payload)
    return {m: len(by_model[m]) for m in model_ids}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", type=Path, help="an embedded store whose cache holds the vectors")
    parser.add_argument("--out", type=Path, default=VECTORS_PATH)
    args = parser.parse_args(argv)
    for model_id, n in dump_vectors(args.store, args.out).items():
        print(f"{model_id}: {n} vectors")
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
