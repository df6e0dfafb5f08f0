"""Profiles: several texts per node from its fields and its neighbourhood, as of a date."""

from __future__ import annotations

import datetime as dt

import pytest

from graph.model import Contact, Dossier, Organisation, StakeholderIn, WorksAt
from graph.sqlite_store import SqliteGraphStore
from matcher.text.profiles import build_profiles


@pytest.fixture
def store(tmp_path):
    s = SqliteGraphStore(tmp_path / "p.db")
    s.write(
        [
            Organisation(
                id="org:hhnk",
                name="HHNK",
                org_kind="public_body",
                sectors=["water"],
                region="Noord-Holland",
                description="Waterschap.",
                documents=["Jaarverslag dijkversterking"],
            ),
            Organisation(id="org:leeg", name="Leeg", org_kind="ngo"),
            Contact(id="contact:hhnk-1", name="A", expertise="Kustveiligheid"),
            Contact(id="contact:hhnk-2", name="B", expertise="Oud-medewerker"),
            Dossier(
                id="dossier:kust",
                title="Kustgenese",
                description="Zand op de kust",
                themes=["kust"],
            ),
        ],
        [
            WorksAt(source="contact:hhnk-1", target="org:hhnk", date=dt.date(2020, 1, 1)),
            WorksAt(
                source="contact:hhnk-2",
                target="org:hhnk",
                date=dt.date(2020, 1, 1),
                until=dt.date(2024, 1, 1),
            ),
            StakeholderIn(source="org:hhnk", target="dossier:kust", date=dt.date(2025, 6, 1)),
        ],
    )
    yield s
    s.close()


def test_organisation_profile_texts(store) -> None:
    assert build_profiles(store) == {
        "org:hhnk": [
            "HHNK. Waterschap. Sectoren: water. Regio: Noord-Holland",
            "Jaarverslag dijkversterking",
            "Kustveiligheid",
            "Oud-medewerker",
            "Kustgenese. Zand op de kust. Thema's: kust",
        ],
        "org:leeg": ["Leeg"],
    }


def test_as_of_leaves_out_future_and_ended_edges(store) -> None:
    profiles = build_profiles(store, as_of=dt.date(2025, 1, 1))
    assert profiles["org:hhnk"] == [
        "HHNK. Waterschap. Sectoren: water. Regio: Noord-Holland",
        "Jaarverslag dijkversterking",
        "Kustveiligheid",
    ]


def test_other_kinds(store) -> None:
    assert build_profiles(store, "dossier") == {
        "dossier:kust": ["Kustgenese. Zand op de kust", "kust"]
    }
    assert build_profiles(store, "contact")["contact:hhnk-1"] == [
        "Kustveiligheid",
        "HHNK. Waterschap. Sectoren: water. Regio: Noord-Holland",
    ]


def test_unknown_kind(store) -> None:
    with pytest.raises(ValueError, match="unknown profile kind 'boat'"):
        build_profiles(store, "boat")
