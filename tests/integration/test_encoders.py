"""Each real encoder loads offline from its installed package and ranks an obvious pair right."""

from __future__ import annotations

import os

import numpy as np
import pytest

from matcher.text.encoders import Encoder, get_encoder
from matcher.text.relevance import TextRelevance

pytestmark = pytest.mark.integration

REAL = ["sentence-transformers", "e5", "use"]

CASES = {
    "nl": (
        "Wie kan helpen bij het versterken van rivierdijken?",
        [
            "Waterschap dat de dijken langs de rivier versterkt",
            "Vereniging van bakkers en banketbakkers",
        ],
    ),
    "en": (
        "Who knows about noise from aircraft near airports?",
        ["Research on aircraft noise exposure around airports", "A bakery selling bread and cakes"],
    ),
}


@pytest.fixture(scope="module", autouse=True)
def _offline() -> None:
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"


@pytest.mark.parametrize("name", REAL)
def test_encoder_loads_offline_and_normalises(name: str) -> None:
    enc = get_encoder(name)
    assert isinstance(enc, Encoder)
    v = enc.encode(["dijkversterking", "rail freight noise"], kind="passage")
    assert v.shape == (2, enc.dim)
    assert v.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(v, axis=1), 1.0, rtol=1e-4)


# all-MiniLM-L6-v2 is English-trained: it is only asked the English pair
PAIRS = [("sentence-transformers", "en"), ("e5", "nl"), ("e5", "en"), ("use", "nl"), ("use", "en")]


@pytest.mark.parametrize(("name", "lang"), PAIRS)
def test_encoder_ranks_obvious_pair(name: str, lang: str) -> None:
    enc = get_encoder(name)
    query, (right, wrong) = CASES[lang]
    q = enc.encode([query], kind="query")[0]
    p = enc.encode([right, wrong], kind="passage")
    assert float(p[0] @ q) > float(p[1] @ q)


def test_default_encoder_scores_dutch_and_english() -> None:
    profiles = [[CASES["nl"][1][0], CASES["en"][1][0]], [CASES["nl"][1][1], CASES["en"][1][1]]]
    tr = TextRelevance(get_encoder("default")).fit(profiles)
    s = tr.score([CASES["nl"][0], CASES["en"][0]])
    assert s.argmax(axis=1).tolist() == [0, 0]


def test_e5_uses_query_and_passage_prefixes() -> None:
    enc = get_encoder("e5")
    q = enc.encode(["dijkversterking"], kind="query")[0]
    p = enc.encode(["dijkversterking"], kind="passage")[0]
    assert 0.8 < float(q @ p) < 0.9999
