"""Suggestions on the tiny network: exclusions, consent on every path, introducers and reasons."""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pytest

from graph.sqlite_store import SqliteGraphStore
from matcher.suggest.features import BASELINE, FEATURES
from matcher.suggest.suggester import Suggester, SuggestionError, suggest_partners
from matcher.suggest.synthetic import tiny_network
from matcher.text.encoders import HashingEncoder

AS_OF = dt.date(2026, 3, 1)
QUERIES = [
    {"staff": "staff:1"},
    {"staff": "staff:2"},
    {"staff": "staff:3"},
    {"dossier": "dossier:kust"},
    {"dossier": "dossier:fiets"},
    {"text": "natuurinclusieve dijkversterking"},
    {"text": "wie weet iets van energie en waterstof?"},
]
HIDDEN = ("contact:eneco-2", "Geheim Persoon", "contact:deltares-1", "Verborgen Onderzoeker")


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    s = SqliteGraphStore(tmp_path_factory.mktemp("tiny") / "tiny.db")
    s.write(*tiny_network())
    yield s
    s.close()


@pytest.fixture(scope="module")
def suggester(store):
    return Suggester(store, encoder=HashingEncoder(), ranker="default")


def ids(results):
    return [r.organisation.id for r in results]


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("include_known", [False, True])
def test_contacts_without_consent_never_appear_on_any_path(suggester, query, include_known):
    results = suggester.suggest(**query, as_of=AS_OF, k=10, include_known=include_known)
    assert results
    text = json.dumps([r.to_dict() for r in results], ensure_ascii=False)
    for hidden in HIDDEN:
        assert hidden not in text  # not as contact, introducer, reason or evidence
    for r in results:
        if r.organisation.id == "org:deltares":
            assert r.contact is None
        if r.organisation.id == "org:eneco":
            assert r.contact is not None and r.contact.id == "contact:eneco-1"


@pytest.mark.parametrize("query", QUERIES)
def test_opt_out_is_never_suggested(suggester, query):
    assert "org:hhnk" not in ids(suggester.suggest(**query, as_of=AS_OF, k=10, include_known=True))


def test_conflict_blocks_only_the_staff_member_it_names(suggester):
    assert "org:nm" not in ids(suggester.suggest(staff="staff:1", as_of=AS_OF, k=10))
    assert "org:nm" in ids(suggester.suggest(staff="staff:2", as_of=AS_OF, k=10))
    # Outside its window the conflict no longer applies.
    assert "org:nm" in ids(suggester.suggest(staff="staff:1", as_of=dt.date(2025, 12, 1), k=10))


def test_known_partners_are_left_out_unless_asked(suggester):
    assert "org:fb" not in ids(suggester.suggest(staff="staff:1", as_of=AS_OF, k=10))
    assert "org:fb" in ids(
        suggester.suggest(staff="staff:1", as_of=AS_OF, k=10, include_known=True)
    )


def test_declined_partner_is_discounted_for_that_person_only(suggester):
    anna = {r.organisation.id: r for r in suggester.suggest(staff="staff:1", as_of=AS_OF, k=10)}
    reasons = {x.feature: x for x in anna["org:tno"].reasons}
    assert reasons["declined"].contribution == -2.0
    assert (
        reasons["declined"].text_nl
        == "eerder aangegeven geen interesse te hebben (15 januari 2026)"
    )
    bram = {r.organisation.id: r for r in suggester.suggest(staff="staff:2", as_of=AS_OF, k=10)}
    assert "declined" not in {x.feature for x in bram["org:tno"].reasons}


def test_the_colleague_who_met_them_introduces(suggester):
    res = {r.organisation.id: r for r in suggester.suggest(staff="staff:1", as_of=AS_OF, k=10)}
    intro = res["org:eneco"].introducer
    assert intro is not None
    assert (intro.staff_id, intro.date, intro.interaction, intro.table, intro.colleague) == (
        "staff:2",
        "2026-02-10",
        "guest_table",
        "3",
        True,
    )
    texts = [x.text_nl for x in res["org:eneco"].reasons]
    assert "Bram Jansen sprak Eneco op gasttafel 3, 10 februari 2026" in texts
    assert (
        "te gast bij ‘Gasttafels dag 1’ op 10 maart 2026 (tafel 3)" not in texts
    )  # no seat, only available
    assert "te gast bij ‘Gasttafels dag 1’ op 10 maart 2026" in texts


def test_free_text_reason_names_shared_themes(suggester):
    top = suggester.suggest(text="natuurinclusieve dijkversterking", as_of=AS_OF, k=3)[0]
    assert top.organisation.id == "org:nm"
    text = next(x for x in top.reasons if x.feature == "relevance")
    assert text.text_nl.startswith(
        "verwant aan uw vraag: gedeelde thema's natuurinclusieve, dijkversterking"
    )


def test_stated_contributions_equal_the_score_change_when_neutralised(suggester, store):
    """Each reason's contribution = score − score with that feature at its baseline."""
    st = suggester.state(AS_OF)
    res = suggester.suggest(staff="staff:1", as_of=AS_OF, k=10)
    checked = 0
    for r in res:
        x = np.array([[r.features[f] for f in FEATURES]])
        for reason in r.reasons:
            if reason.feature not in FEATURES:
                continue
            i = FEATURES.index(reason.feature)
            neutral = x.copy()
            neutral[0, i] = BASELINE[i]
            change = st.ranker.decision_function(x)[0] - st.ranker.decision_function(neutral)[0]
            assert reason.contribution == pytest.approx(change, abs=1e-9)
            checked += 1
        adjustments = sum(x.contribution for x in r.reasons if x.feature not in FEATURES)
        assert r.score == pytest.approx(st.ranker.decision_function(x)[0] + adjustments)
    assert checked > 10


def test_learned_ranker_with_too_little_history_says_so(store):
    s = Suggester(store, encoder=HashingEncoder(), ranker="learned")
    assert s.state(AS_OF).ranker.source_ == "default"


def test_results_are_json_and_cached_per_revision(store, suggester):
    res = suggest_partners(store, staff="staff:1", as_of=AS_OF, k=2, suggester=suggester)
    data = json.loads(json.dumps([r.to_dict() for r in res]))
    assert data[0]["rank"] == 1 and data[0]["reasons"][0]["text_nl"]
    assert suggester.state(AS_OF) is suggester.state(AS_OF)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"staff": "staff:404"}, "staff 'staff:404' not found"),
        ({"staff": "dossier:kust"}, "'dossier:kust' is a dossier, not a staff"),
        ({"text": "  "}, "text is empty"),
        ({}, "exactly one of staff, dossier or text"),
        ({"staff": "staff:1", "text": "x"}, "exactly one"),
    ],
)
def test_bad_queries_are_named(suggester, query, message):
    with pytest.raises(SuggestionError, match=message):
        suggester.suggest(**query, as_of=AS_OF)


def test_a_typed_question_leaves_no_trace_in_the_store(store):
    from graph.store import text_hash
    from matcher.text.encoders import cache_key

    enc = HashingEncoder()
    sug = Suggester(store, encoder=enc, ranker="default")
    question = "wie helpt ons met zandsuppleties langs de kust?"
    hashes = [text_hash(question), text_hash("query: " + question)]  # with or without prefix
    first = sug.suggest(text=question, as_of=AS_OF, k=3)
    assert first
    assert store.get_vectors(cache_key(enc), hashes) == {}
    again = sug.suggest(text=question, as_of=AS_OF, k=3)  # from memory, same answer
    assert [r.organisation.id for r in again] == [r.organisation.id for r in first]
    # a staff member's own text is the graph's, and is kept for the next run
    staff_text = sug.state(AS_OF).feat.query_texts["staff:1"]
    sug.suggest(staff="staff:1", as_of=AS_OF, k=3)
    kept = store.get_vectors(
        cache_key(enc), [text_hash(staff_text), text_hash("query: " + staff_text)]
    )
    assert len(kept) == 1
