"""Seed coherence: every seed team's facets read from its own words, by the project's own
relevance model with the default encoder, and the hydrogen team's coalition fits hydrogen and ports.

The threshold is :data:`matcher.coalition.derivation.THRESHOLD` (in spreads of unrelated pairs).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph import SqliteGraphStore
from matcher.coalition.assembly import CoalitionAssembler
from matcher.coalition.derivation import THRESHOLD
from seeds import load_seed
from seeds.vectors import seed_vectors

pytestmark = [pytest.mark.integration, pytest.mark.slow]

HYDROGEN_TEAM = "team:03-2"  # "Team 2: Waterstofinfrastructuur en havens"
HYDROGEN_OR_PORTS = re.compile(r"waterstof|haven", re.IGNORECASE)


@pytest.fixture(scope="module")
def assembler(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CoalitionAssembler]:
    from matcher.text.encoders import get_encoder

    path = Path(tmp_path_factory.mktemp("seed")) / "seed.db"
    store = SqliteGraphStore(path)
    store.write(*load_seed())
    seed_vectors(store)
    yield CoalitionAssembler(store, get_encoder("default"))
    store.close()


def _day(assembler: CoalitionAssembler, team: object) -> dt.date:
    edition = assembler.store.get_node(team.edition)  # type: ignore[attr-defined]
    return edition.end_date  # type: ignore[attr-defined,no-any-return]


def test_every_seed_team_gets_facets_from_its_own_text(assembler: CoalitionAssembler) -> None:
    teams = assembler.store.nodes("team")
    assert len(teams) > 100
    without, stored_ok, stored_all = [], 0, 0
    for team in teams:
        text = assembler.team_text(team, _day(assembler, team))
        derived = assembler.deriver.derive(text)
        if not derived:
            without.append(team.id)
        # each derived facet, scored again on its own against the team's text, passes
        again = assembler.deriver.relevance([f.text for f in derived], text)
        assert all(z >= THRESHOLD for z, _, _ in again), (team.id, derived, again)
        assert all(f.evidence for f in derived), team.id
        stored = assembler.deriver.relevance(list(team.needs), text)
        stored_ok += sum(z >= THRESHOLD for z, _, _ in stored)
        stored_all += len(stored)
    assert len(without) <= 2, without  # those fall back to the challenge's sentences
    # the generator's needs come from the same text: most agree by the relevance model too
    assert stored_ok / stored_all >= 0.75


def test_the_hydrogen_team_gets_hydrogen_and_ports(assembler: CoalitionAssembler) -> None:
    team = assembler.store.get_node(HYDROGEN_TEAM)
    assert "Waterstof" in team.label
    day = _day(assembler, team)
    derived = assembler.derived_facets(HYDROGEN_TEAM, as_of=day)
    assert {f.text for f in derived[:2]} == {"waterstof", "havens"}
    assert "waterstof" in derived[0].evidence
    coalition = assembler.assemble(HYDROGEN_TEAM, as_of=day, k=5)
    orgs = assembler.store.get_nodes([m.organisation for m in coalition.members])
    fitting = [o.label for o in orgs.values() if HYDROGEN_OR_PORTS.search(o.description or "")]
    assert len(fitting) >= 2, fitting
