"""Recording feedback: FEEDBACK edges written all-or-nothing, and the readers built on them."""

from __future__ import annotations

import datetime as dt

import pytest

from graph import SqliteGraphStore
from graph.model import Contact, Dossier, FeedbackOutcome, Organisation, Staff, Team, WorksAt
from matcher.suggest.feedback import (
    FeedbackError,
    FeedbackItem,
    declined_organisations,
    latest_feedback,
    record_feedback,
    record_feedback_batch,
)

D = dt.date


@pytest.fixture
def store(tmp_path):
    s = SqliteGraphStore(tmp_path / "f.db")
    s.write(
        [
            Staff(id="staff:0001", name="Anna"),
            Team(id="team:1-1", name="Team Lek"),
            Dossier(id="dossier:lek", title="Lek"),
            Organisation(id="org:tno", name="TNO", org_kind="knowledge_institute"),
            Organisation(id="org:hhnk", name="HHNK", org_kind="public_body"),
            Contact(id="contact:hhnk-1", name="Henk", consent=True, consent_date=D(2025, 1, 1)),
        ],
        [WorksAt(source="contact:hhnk-1", target="org:hhnk")],
    )
    yield s
    s.close()


@pytest.mark.parametrize("outcome", ["accepted", "declined", "met", "co_produced"])
def test_record_each_outcome(store, outcome):
    e = record_feedback(store, "staff:0001", "org:tno", outcome, date=D(2026, 5, 1))
    stored = store.edges("FEEDBACK", source="staff:0001")
    assert stored == [e]
    assert e.outcome == FeedbackOutcome(outcome)
    assert e.key == f"suggestion:2026-05-01:{outcome}"
    assert e.context == "suggestion"


def test_coalition_member_feedback_from_a_team(store):
    e = record_feedback(
        store, "team:1-1", "contact:hhnk-1", "met", date=D(2026, 5, 2), context="coalition"
    )
    assert (e.source, e.target, e.context) == ("team:1-1", "contact:hhnk-1", "coalition")


def test_same_answer_twice_is_idempotent(store):
    for _ in range(2):
        record_feedback(store, "staff:0001", "org:tno", "declined", date=D(2026, 5, 1))
    assert len(store.edges("FEEDBACK")) == 1


@pytest.mark.parametrize(
    ("item", "field", "reason"),
    [
        (FeedbackItem("staff:9", "org:tno", "met", D(2026, 1, 1)), "subject", "unknown node"),
        (FeedbackItem("dossier:lek", "org:tno", "met", D(2026, 1, 1)), "subject", "is a dossier"),
        (FeedbackItem("staff:0001", "org:x", "met", D(2026, 1, 1)), "target", "unknown node"),
        (FeedbackItem("staff:0001", "team:1-1", "met", D(2026, 1, 1)), "target", "is a team"),
        (FeedbackItem("staff:0001", "org:tno", "liked", D(2026, 1, 1)), "outcome", "'liked'"),
        (FeedbackItem("staff:0001", "org:tno", "met", None), "date", "required"),  # type: ignore[arg-type]
        (
            FeedbackItem("staff:0001", "org:tno", "met", D(2026, 1, 1), context="mail"),
            "context",
            "'mail'",
        ),
    ],
)
def test_a_bad_item_writes_nothing(store, item, field, reason):
    good = FeedbackItem("staff:0001", "org:hhnk", "accepted", D(2026, 1, 1))
    revision = store.revision
    with pytest.raises(FeedbackError) as info:
        record_feedback_batch(store, [good, item])
    message = str(info.value)
    assert "nothing was written" in message
    assert f"feedback 2 ({item.subject} → {item.target}), field '{field}'" in message
    assert reason in message
    assert store.edges("FEEDBACK") == []
    assert store.revision == revision


def test_batch_reports_every_problem(store):
    with pytest.raises(FeedbackError, match=r"^2 problem\(s\)"):
        record_feedback_batch(
            store,
            [
                FeedbackItem("staff:9", "org:tno", "met", D(2026, 1, 1)),
                FeedbackItem("staff:0001", "org:tno", "nope", D(2026, 1, 1)),
            ],
        )


def test_latest_and_declined(store):
    record_feedback_batch(
        store,
        [
            FeedbackItem("staff:0001", "org:tno", "declined", D(2026, 1, 1)),
            FeedbackItem("staff:0001", "org:tno", "accepted", D(2026, 3, 1)),
            FeedbackItem("staff:0001", "contact:hhnk-1", "declined", D(2026, 2, 1)),
        ],
    )
    latest = latest_feedback(store, "staff:0001")
    assert {t: e.outcome.value for t, e in latest.items()} == {
        "org:tno": "accepted",
        "contact:hhnk-1": "declined",
    }
    # declined a contact → its organisation; TNO was accepted later, so no longer declined
    assert declined_organisations(store, ["staff:0001"]) == {"org:hhnk": D(2026, 2, 1)}
    # as of mid-January only the TNO decline existed
    assert declined_organisations(store, ["staff:0001"], as_of=D(2026, 1, 15)) == {
        "org:tno": D(2026, 1, 1)
    }


# --------------------------------------------------------------------------- later rankings


def _suggestion_network():
    orgs = [
        ("dijk", "public_body", "Waterschap: dijkversterking, waterveiligheid en rivierdijken"),
        ("kust", "knowledge_institute", "Onderzoek naar kustveiligheid, duinen en dijkversterking"),
        ("rivier", "ngo", "Vereniging voor rivieren, uiterwaarden en waterveiligheid"),
        ("fiets", "ngo", "Fietsersbond: fietspaden en fietsparkeren"),
        ("spoor", "company", "Spoorvervoerder voor reizigers en goederen"),
    ]
    nodes = [
        Staff(id="staff:0001", name="Anna", expertise="dijkversterking en waterveiligheid"),
        Dossier(id="dossier:lek", title="Dijkversterking Lek", description="waterveiligheid"),
        *[
            Organisation(id=f"org:{s}", name=s.title(), org_kind=k, description=t)
            for s, k, t in orgs
        ],
    ]
    return nodes


def test_declining_an_organisation_drops_it_for_that_person(tmp_path):
    from matcher.suggest.suggester import Suggester
    from matcher.text.encoders import HashingEncoder

    s = SqliteGraphStore(tmp_path / "s.db")
    s.write(_suggestion_network())
    day = D(2026, 6, 1)

    def ranking():
        sug = Suggester(s, encoder=HashingEncoder(), ranker="default", mmr_lambda=1.0)
        return [x.organisation.id for x in sug.suggest(staff="staff:0001", as_of=day, k=5)]

    before = ranking()
    top = "org:dijk"
    assert before[0] == top
    record_feedback(s, "staff:0001", top, "declined", date=D(2026, 5, 20))
    after = ranking()
    assert after.index(top) > 0  # dropped
    # the others keep their relative order
    assert [o for o in after if o != top] == [o for o in before if o != top]
    # declined is personal: the dossier's ranking does not change
    sug = Suggester(s, encoder=HashingEncoder(), ranker="default", mmr_lambda=1.0)
    assert sug.suggest(dossier="dossier:lek", as_of=day, k=1)[0].organisation.id == top
    s.close()
