"""Facets read from a team's own words, stored needs as an override, and the plain guarantee."""

from __future__ import annotations

import numpy as np
import pytest

from graph.model import Team
from matcher.coalition.derivation import (
    DOSSIER_DISCOUNT,
    THRESHOLD,
    FacetDeriver,
    TeamText,
    team_facets,
)
from matcher.coalition.explanation import facet_evidence_nl, guarantee_text
from matcher.coalition.facets import FacetError, extract_facets, parse_need
from matcher.coalition.objective import (
    CoalitionObjective,
    brute_force_maximize,
    greedy_maximize,
    optimum_upper_bound,
)
from matcher.text.encoders import HashingEncoder

HYDROGEN = TeamText(
    challenge="Hoe versnellen we de import van waterstof via de havens?",
    dossiers=[("Walstroom", "Walstroom voor zeeschepen in de haven van Rotterdam.")],
)


@pytest.fixture(scope="module")
def deriver() -> FacetDeriver:
    return FacetDeriver(HashingEncoder())


def test_derived_facets_come_from_the_challenge_with_evidence(deriver):
    facets = deriver.derive(HYDROGEN)
    assert [f.text for f in facets][:2] == ["waterstof", "havens"]
    first = facets[0]
    assert first.source == "challenge" and "waterstof" in first.evidence
    assert first.relevance is not None and first.relevance >= THRESHOLD
    assert facet_evidence_nl(first) == f"uit uw opgave: ‘{first.evidence}’"
    assert first.scored_text.startswith("waterstof:")  # partners are scored on the definition
    assert sum(f.weight for f in facets) == pytest.approx(1.0)
    assert [f.weight for f in facets] == sorted((f.weight for f in facets), reverse=True)


def test_nothing_above_the_threshold_derives_nothing(deriver):
    assert deriver.derive(HYDROGEN, threshold=1e6) == []
    assert deriver.derive(TeamText(challenge="")) == []


def test_dossier_words_count_less_than_the_challenge(deriver):
    only_dossier = TeamText(challenge="", dossiers=[("Waterstofimport", "import van waterstof")])
    in_challenge = TeamText(challenge="Waterstofimport. import van waterstof")
    ((z_dossier, _, where),) = deriver.relevance(["waterstof"], only_dossier)
    ((z_challenge, _, _),) = deriver.relevance(["waterstof"], in_challenge)
    assert where == "dossier:Waterstofimport"
    assert z_challenge - z_dossier == pytest.approx(DOSSIER_DISCOUNT, abs=1e-5)


def test_stored_needs_override_and_carry_weights_and_evidence(deriver):
    team = Team(id="team:1-1", name="T", challenge=HYDROGEN.challenge, needs=["havens=3", "natuur"])
    facets = team_facets(team, HYDROGEN, deriver)
    assert [(f.text, f.source) for f in facets] == [("havens", "needs"), ("natuur", "needs")]
    assert [f.weight for f in facets] == [0.75, 0.25]
    assert facets[0].evidence and facets[1].evidence == ""  # nature is not in the text
    # a request's needs win over the stored ones; without any, the text decides
    assert [f.text for f in team_facets(team, HYDROGEN, deriver, ["fiets"])] == ["fiets"]
    bare = Team(id="team:1-2", name="T", challenge=HYDROGEN.challenge)
    assert team_facets(bare, HYDROGEN, deriver)[0].source == "challenge"


@pytest.mark.parametrize(
    ("need", "parsed"),
    [("havens", ("havens", 1.0)), ("havens=2", ("havens", 2.0)), ("a=b", ("a=b", 1.0))],
)
def test_parse_need(need, parsed):
    assert parse_need(need) == parsed


def test_a_weight_out_of_range_names_the_need():
    with pytest.raises(FacetError, match="havens=0"):
        extract_facets("", ["havens=0"])


def test_upper_bound_holds_and_is_tighter_than_the_textbook_ratio():
    rng = np.random.default_rng(3)
    for _ in range(20):
        obj = CoalitionObjective(rng.uniform(0, 1, (9, 4)) ** 3)
        greedy = greedy_maximize(obj, 3)
        best = brute_force_maximize(obj, 3).value
        bound = optimum_upper_bound(obj, greedy.selected, 3)
        assert best <= bound + 1e-9
        assert bound <= greedy.value / (1 - 1 / np.e) + 1e-9


def test_guarantee_is_one_plain_sentence_and_the_method_is_a_detail():
    sentence, detail = guarantee_text(3, 0.875, 2, 3)
    assert sentence.startswith("Deze 3 partners halen samen minstens 88%")
    assert "2 van de 3 onderdelen" in sentence
    assert "greedy" not in sentence.lower() and "submodula" not in sentence.lower()
    assert "greedy" in detail
    best, _ = guarantee_text(3, 1.0, 0, 3)
    assert best.startswith("Geen andere combinatie van 3 partners") and "100%" not in best
