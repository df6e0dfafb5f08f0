"""Reasons read right: drawbacks worded as drawbacks, the right target, no stop words as themes."""

from __future__ import annotations

import datetime as dt

import pytest
import stopwordsiso
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.sqlite_store import SqliteGraphStore
from matcher.suggest.features import FEATURES
from matcher.suggest.reasons import is_stop_word, render_reason, shared_themes
from matcher.suggest.suggester import Suggester
from matcher.suggest.synthetic import tiny_network
from matcher.text.encoders import HashingEncoder

AS_OF = dt.date(2026, 3, 1)
STOP = sorted(stopwordsiso.stopwords("nl"))
CONTENT = [
    "dijkversterking",
    "kustveiligheid",
    "zandsuppleties",
    "natuurinclusieve",
    "fietspaden",
    "waterstof",
    "energietransitie",
    "netcongestie",
    "onderzoek",
    "kust",
    "natuur",
    "water",
]
EVIDENCE = {
    "relevance": {"target": "dossier", "terms": ["kust"]},
    "dense": {"target": "text", "terms": []},
    "lexical": {"terms": ["kust"]},
    "ppr": {"query": "Kustversterking"},
    "adamic_adar": {"common": ["dossier Kust"]},
    "warm_intro": {"staff": "Anna", "organisation": "TNO", "date": "2026-01-02"},
    "recency": {"date": "2026-01-02"},
    "frequency": {"count": 3},
    "partner_load": {"count": 4},
    "nsob_fit": {"roles": ["network"], "kind": "kennisinstelling"},
    "phase_fit": {"phase": "exploration", "dossier": "Kust"},
    "milestone": {"label": "besluit", "date": "2026-04-01", "dossier": "Kust"},
    "sessions": {"session": "Gasttafels", "date": "2026-03-10"},
}


@pytest.fixture(scope="module")
def suggester():
    store = SqliteGraphStore(":memory:")
    store.write(*tiny_network())
    yield Suggester(store, encoder=HashingEncoder(), ranker="default")
    store.close()


@pytest.mark.parametrize("feature", [*FEATURES, "relevance"])
def test_a_negative_contribution_is_worded_as_a_drawback(feature):
    ev = EVIDENCE.get(feature, {})
    plus, minus = render_reason(feature, 0.3, ev), render_reason(feature, -0.3, ev)
    assert minus.drawback and not plus.drawback
    assert minus.text_nl != plus.text_nl
    assert minus.to_dict()["drawback"] is True


@pytest.mark.parametrize(
    ("target", "words"),
    [("dossier", "verwant aan het dossier"), ("text", "verwant aan uw vraag")],
)
def test_the_text_reason_names_what_it_is_related_to(target, words):
    assert render_reason("relevance", 1.2, {"target": target}).text_nl == words


def test_a_dossier_suggestion_never_words_a_negative_contribution_as_a_plus(suggester):
    res = suggester.suggest(dossier="dossier:kust", as_of=AS_OF, k=10)
    negatives = [r for s in res for r in s.reasons if r.contribution < 0]
    assert negatives, "the tiny network's busy partners carry an exposure discount"
    assert all(r.drawback for r in negatives)
    for r in negatives:  # a feature that can help or hurt reads differently when it hurt
        if r.feature in (*FEATURES, "relevance"):
            assert r.text_nl != render_reason(r.feature, -r.contribution, r.evidence).text_nl


def test_shared_themes_drop_stop_words_from_the_maintained_list():
    assert is_stop_word("Voor") and not is_stop_word("dijken")
    assert shared_themes(["de", "het", "kust", "van", "Kust", "natuur"]) == ["kust", "natuur"]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.tuples(
        st.lists(st.sampled_from(STOP), max_size=10),
        st.lists(st.sampled_from(CONTENT), min_size=1, max_size=4),
    ).flatmap(lambda parts: st.permutations(parts[0] + parts[1]))
)
def test_no_stop_word_is_ever_shown_as_a_shared_theme(suggester, words):
    sentence = " ".join(words)
    for s in suggester.suggest(text=sentence, as_of=AS_OF, k=5):
        for r in s.reasons:
            terms = r.evidence.get("terms") or []
            assert not [t for t in terms if is_stop_word(t)], (sentence, r)
            if "gedeelde thema's" in r.text_nl:
                shown = r.text_nl.split("gedeelde thema's", 1)[1].strip(": ").split(", ")
                assert not [t for t in shown if is_stop_word(t)], (sentence, r.text_nl)
