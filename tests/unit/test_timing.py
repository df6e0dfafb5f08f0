"""Nudges on a tiny hand-built network, and their iCalendar export."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pytest
from icalendar import Calendar

from graph import SqliteGraphStore
from graph.model import (
    AvailableFor,
    Conflict,
    Contact,
    Dossier,
    Edition,
    Feedback,
    Interacted,
    MemberOf,
    Milestone,
    Organisation,
    SeatedAt,
    Session,
    Staff,
    StakeholderIn,
    Table,
    Team,
    WorksAt,
    WorksOn,
)
from matcher.timing.ics import to_ics
from matcher.timing.nudging import ALL_KINDS, Nudge, NudgeError, Timeline, nudges
from matcher.vocabulary import format_date_nl

AS_OF = dt.date(2026, 3, 1)
D = dt.date


def tiny_network():
    org = Organisation
    nodes = [
        Staff(id="staff:0001", name="Anna de Vries"),
        Staff(id="staff:0002", name="Bram Jansen"),
        Dossier(
            id="dossier:lek",
            title="Dijkversterking Lek",
            themes=["waterveiligheid"],
            roles=["netwerkend"],
            milestones=[
                Milestone(date=D(2026, 3, 20), label="Internetconsultatie", kind="consultation"),
                Milestone(date=D(2026, 3, 25), label="Aanbesteding", kind="tender"),
                Milestone(date=D(2026, 8, 1), label="Voorkeursbeslissing", kind="decision"),
            ],
        ),
        Dossier(id="dossier:kust", title="Kustveiligheid", themes=["Waterveiligheid"]),
        org(id="org:hhnk", name="HHNK", org_kind="public_body"),
        org(id="org:tno", name="TNO", org_kind="knowledge_institute"),
        org(id="org:boskalis", name="Boskalis", org_kind="company"),
        org(id="org:weg", name="Wegwezen", org_kind="ngo", opt_out=True),
        org(id="org:bouwer", name="Bouwer BV", org_kind="company"),
        org(id="org:buurt", name="Buurtdijk", org_kind="citizen_initiative"),
        Contact(id="contact:tno-1", name="Tessa Noor", consent=True, consent_date=D(2025, 1, 1)),
        Contact(id="contact:hhnk-1", name="Henk Hoog", consent=False),
        Contact(id="contact:boskalis-1", name="Bas Kal", consent=True, consent_date=D(2025, 1, 1)),
        Edition(
            id="edition:1", name="Editie 1", start_date=D(2026, 3, 10), end_date=D(2026, 3, 12)
        ),
        Session(
            id="session:1-1",
            name="Gasttafels ochtend",
            edition="edition:1",
            start=dt.datetime(2026, 3, 10, 10, 0),
            end=dt.datetime(2026, 3, 10, 11, 30),
        ),
        Table(id="table:1-1", name="Tafel 1", edition="edition:1", number=1, team="team:1-1"),
        Team(
            id="team:1-1",
            name="Team Lek",
            challenge="Sneller dijken versterken.",
            edition="edition:1",
        ),
    ]
    stake = StakeholderIn
    edges = [
        WorksOn(source="staff:0001", target="dossier:lek", date=D(2025, 1, 1)),
        WorksOn(source="staff:0002", target="dossier:kust", date=D(2025, 1, 1)),
        # registered for the edition that starts on 10 March: known ahead of it
        MemberOf(source="staff:0001", target="team:1-1", date=D(2026, 3, 10)),
        WorksAt(source="contact:tno-1", target="org:tno"),
        WorksAt(source="contact:hhnk-1", target="org:hhnk"),
        WorksAt(source="contact:boskalis-1", target="org:boskalis"),
        stake(
            source="org:hhnk",
            target="dossier:lek",
            date=D(2025, 1, 1),
            influence=5,
            interest=4,
            stance="critic",
        ),
        stake(source="org:tno", target="dossier:lek", date=D(2025, 1, 1), influence=4, interest=3),
        stake(source="org:weg", target="dossier:lek", date=D(2025, 1, 1), influence=5, interest=5),
        stake(
            source="org:bouwer", target="dossier:lek", date=D(2025, 1, 1), influence=5, interest=5
        ),
        stake(source="org:buurt", target="dossier:kust", date=D(2026, 2, 10)),
        Conflict(
            source="dossier:lek",
            target="org:bouwer",
            date=D(2026, 1, 1),
            until=D(2026, 12, 31),
            reason="aanbesteding",
        ),
        Interacted(
            source="staff:0001",
            target="contact:tno-1",
            key="a",
            date=D(2025, 6, 1),
            outcome="positive",
        ),
        Interacted(source="staff:0001", target="contact:tno-1", key="b", date=D(2025, 7, 1)),
        Interacted(source="staff:0001", target="contact:boskalis-1", date=D(2026, 2, 1)),
        # after as_of: must not count
        Interacted(source="staff:0001", target="org:buurt", date=D(2026, 3, 5)),
        AvailableFor(source="contact:hhnk-1", target="session:1-1"),
        SeatedAt(
            source="contact:boskalis-1",
            target="table:1-1",
            key="session:1-1",
            session="session:1-1",
        ),
    ]
    return nodes, edges


@pytest.fixture
def store(tmp_path):
    s = SqliteGraphStore(tmp_path / "t.db")
    s.write(*tiny_network())
    yield s
    s.close()


def _summary(items: list[Nudge]):
    return [(n.date, n.kind, n.organisation, n.contact) for n in items]


def test_staff_nudges_exact(store):
    got = nudges(store, staff="staff:0001", as_of=AS_OF, kinds=ALL_KINDS)
    assert sorted(_summary(got), key=str) == sorted(
        [
            # consultation 20 March, 42 days lead → already due: today
            (AS_OF, "milestone", "org:hhnk", None),
            (AS_OF, "milestone", "org:tno", None),
            (AS_OF, "fading", "org:tno", "contact:tno-1"),  # last contact 1 July 2025
            (AS_OF, "newly_active", "org:buurt", None),  # stakeholder since 10 Feb 2026
            (D(2026, 3, 10), "session", "org:hhnk", None),  # guest without consent: not named
            # Boskalis sits at the team's table, but the seating plan is not known yet
        ],
        key=str,
    )
    fading = next(n for n in got if n.kind == "fading")
    assert fading.reason == (
        "Het laatste contact met TNO was op 1 juli 2025, 8 maanden geleden; daarvoor 2 contacten."
        " Zij zijn belanghebbende in uw dossiers."
    )
    hhnk_session = next(n for n in got if n.kind == "session" and n.organisation == "org:hhnk")
    assert "Henk" not in hhnk_session.reason + hhnk_session.title
    assert "een gast van HHNK" in hhnk_session.title
    assert hhnk_session.start == dt.datetime(2026, 3, 10, 10, 0)
    first = next(n for n in got if n.kind == "milestone" and n.organisation == "org:hhnk")
    assert "Internetconsultatie" in first.reason and "20 maart 2026" in first.reason
    assert "kritisch" in first.reason
    # who acts: the one with the relation, else the one who met the partner most
    assert fading.actor == "staff:0001" and fading.actor_name
    assert first.why_now == "de consultatie is op 20 maart 2026; daarna is het te laat"
    # new partners are off by default: in the replay they were not worth acting on
    assert "newly_active" not in {n.kind for n in nudges(store, staff="staff:0001", as_of=AS_OF)}


def test_excluded_partners_never_nudged(store):
    orgs = {n.organisation for n in nudges(store, dossier="dossier:lek", as_of=AS_OF)}
    assert "org:weg" not in orgs  # opted out
    assert "org:bouwer" not in orgs  # active conflict with the dossier


def test_tender_milestones_and_later_edges_are_ignored(store):
    got = nudges(store, staff="staff:0001", as_of=D(2026, 3, 22), fade_months=100, horizon_days=200)
    assert [n for n in got if "Voorkeursbeslissing" in n.reason]
    assert not [n for n in got if "Aanbesteding" in n.reason]
    # the meeting with Buurtdijk on 5 March counts from then on: no longer "nobody met them"
    assert "org:buurt" not in {n.organisation for n in got if n.kind == "newly_active"}


def test_session_nudges_only_for_people_in_the_programme(store):
    got = nudges(store, staff="staff:0002", as_of=AS_OF, horizon_days=200)
    assert [n for n in got if n.kind == "session"] == []


def test_team_scope_mentions_the_team_table(store):
    # a week before the session the seating plan is known
    got = nudges(store, team="team:1-1", as_of=D(2026, 3, 3))
    bos = next(n for n in got if n.kind == "session" and n.organisation == "org:boskalis")
    assert "zit aan de tafel van uw team" in bos.reason
    assert bos.subject == "team:1-1" and bos.staff == ("staff:0001",)


def test_decision_inside_a_longer_horizon(store):
    got = nudges(store, dossier="dossier:lek", as_of=D(2026, 6, 1), horizon_days=90)
    decision = [n for n in got if n.kind == "milestone"]
    assert {n.date for n in decision} == {D(2026, 6, 20)}  # six weeks before 1 August
    assert {n.organisation for n in decision} == {"org:hhnk", "org:tno"}


def test_declined_partner_is_discounted(store):
    before = {n.uid: n for n in nudges(store, staff="staff:0001", as_of=AS_OF)}
    store.write(
        (),
        [Feedback(source="staff:0001", target="org:tno", date=D(2026, 2, 1), outcome="declined")],
    )
    after = {n.uid: n for n in nudges(store, staff="staff:0001", as_of=AS_OF)}
    for uid, n in after.items():
        if n.organisation == "org:tno":
            assert n.score == pytest.approx(before[uid].score * 0.5)
            assert "Eerder afgewezen" in n.reason
        else:
            assert n.score == before[uid].score


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({}, "exactly one"),
        ({"staff": "staff:0001", "team": "team:1-1"}, "exactly one"),
        ({"staff": "staff:9999"}, "staff 'staff:9999' not found"),
        ({"dossier": "org:tno"}, "it is a organisation"),
    ],
)
def test_bad_subject(store, kwargs, message):
    with pytest.raises(NudgeError, match=message):
        nudges(store, as_of=AS_OF, **kwargs)


def test_timeline_reuse_gives_same_answer(store):
    tl = Timeline.from_store(store)
    assert nudges(tl, staff="staff:0001", as_of=AS_OF) == nudges(
        store, staff="staff:0001", as_of=AS_OF
    )


def test_format_date_nl():
    assert format_date_nl(D(2026, 12, 1)) == "1 december 2026"


def test_ics_parses_with_icalendar(store):
    items = nudges(store, team="team:1-1", as_of=AS_OF)
    stamp = dt.datetime(2026, 3, 1, 8, 0, tzinfo=dt.UTC)
    raw = to_ics(items, stamp=stamp)
    cal = Calendar.from_ical(raw)
    events = list(cal.walk("VEVENT"))
    assert len(events) == len(items) > 0
    assert str(cal["PRODID"]).startswith("-//Verbinder")
    for ev, n in zip(events, items, strict=True):
        assert str(ev["UID"]) == n.uid
        assert ev["DTSTAMP"].dt == stamp
        assert str(ev["SUMMARY"]) == n.title
        description = str(ev["DESCRIPTION"])
        assert description.startswith(n.reason)
        assert f"Wie pakt dit op: {n.actor_name}" in description
        if n.start is None:
            assert ev["DTSTART"].dt == n.date
        else:
            assert ev["DTSTART"].dt.replace(tzinfo=None) == n.start
            assert str(ev["DTSTART"].dt.tzinfo) == "Europe/Amsterdam"
    assert len({str(ev["UID"]) for ev in events}) == len(events)
    assert b"\r\n" in raw


def test_ics_of_no_nudges_is_a_valid_empty_calendar():
    cal = Calendar.from_ical(to_ics([]))
    assert list(cal.walk("VEVENT")) == []


def test_replay_counts_contacts_after_the_nudge(store):
    from matcher.coalition.evaluation import evaluate_nudges

    report = evaluate_nudges(
        store, start=AS_OF, end=D(2026, 5, 1), staff=["staff:0001"], window_days=60
    )
    assert report.replay_dates == [AS_OF]  # the next date's window would pass the end
    # five nudges on 1 March; only Buurtdijk (a new partner, off by default) was met afterwards
    row = report.by_kind["ALL"]  # the kinds on by default
    assert {k: row[k] for k in ("n", "timed", "random")} == {"n": 4, "timed": 0.0, "random": 0.0}
    assert math.isnan(row["lift"]) and row["default"] == 1.0
    row = report.by_kind["newly_active"]
    assert {k: row[k] for k in ("n", "timed", "random", "lift")} == {
        "n": 1,
        "timed": 1.0,
        "random": 1.0,
        "lift": 1.0,
    }
    assert row["default"] == 0.0
    row = report.by_kind["fading"]
    assert {k: row[k] for k in ("n", "timed", "random")} == {"n": 1, "timed": 0.0, "random": 0.0}
    assert "ALL" in report.table()


def test_redundancy_exact():
    from matcher.coalition.evaluation import redundancy

    cov = np.array([[0.9, 0.0], [0.6, 0.0], [0.0, 0.5]])
    assert redundancy(cov, [0, 1, 2]) == pytest.approx(0.6 / 2.0)
    assert redundancy(cov, [0, 2]) == 0.0
    assert redundancy(np.zeros((2, 2)), [0, 1]) == 0.0
