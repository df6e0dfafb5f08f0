"""Coalition assembly: the submodular objective, greedy vs brute force, facets, and the store path."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from graph import SqliteGraphStore
from graph.model import (
    Conflict,
    Contact,
    Dossier,
    Interacted,
    MemberOf,
    Organisation,
    Staff,
    Team,
    WorksAt,
    WorksOn,
)
from matcher.coalition.assembly import CoalitionAssembler, CoalitionError, assemble_coalition
from matcher.coalition.facets import FacetError, extract_facets
from matcher.coalition.objective import (
    GREEDY_GUARANTEE,
    CoalitionObjective,
    CoalitionWeights,
    alternates_for,
    brute_force_maximize,
    greedy_maximize,
    top_k_by_relevance,
)
from matcher.suggest.feedback import record_feedback
from matcher.text.encoders import HashingEncoder

# --------------------------------------------------------------------------- objective, exact values

# Three facets, equal weights 1/3. Partner 0 and 1 are near-duplicates strong on facet 0;
# partner 2 covers facet 1, partner 3 covers facet 2 a little.
COV = np.array(
    [
        [0.9, 0.0, 0.0],
        [0.8, 0.05, 0.0],
        [0.0, 0.6, 0.0],
        [0.0, 0.0, 0.5],
    ]
)


def test_value_exact_hand_checked():
    obj = CoalitionObjective(COV)
    # {0, 1}: facet0 1 - 0.1*0.2 = 0.98; facet1 0.05; facet2 0 → (0.98 + 0.05) / 3
    assert obj.value([0, 1]) == pytest.approx((0.98 + 0.05) / 3)
    # {0, 2}: 0.9 + 0.6 → 1.5 / 3
    assert obj.value([0, 2]) == pytest.approx(0.5)
    assert obj.value([]) == 0.0


def test_greedy_exact_picks_and_gains():
    res = greedy_maximize(CoalitionObjective(COV), 3)
    # first 0 (0.3 > 0.85/3), then 2 (0.2), then 3 (0.5/3); partner 1 (0.08 + 0.02)/3 loses
    assert res.selected == [0, 2, 3]
    assert res.gains == pytest.approx([0.3, 0.2, 0.5 / 3])
    assert res.value == pytest.approx(0.3 + 0.2 + 0.5 / 3)


def test_top_k_baseline_is_redundant_on_the_hand_case():
    relevance = COV.sum(axis=1)  # 0.9, 0.85, 0.6, 0.5
    assert top_k_by_relevance(relevance, 2) == [0, 1]
    obj = CoalitionObjective(COV)
    assert obj.value(greedy_maximize(obj, 2).selected) > obj.value([0, 1])


def test_diversity_role_and_warm_terms_exact():
    w = CoalitionWeights(diversity=0.1, role_fit=0.2, warm=0.05)
    obj = CoalitionObjective(
        np.zeros((3, 1)),
        groups=np.array([0, 0, 1]),
        role_fit=np.array([[1.0, 0.0], [0.5, 0.5], [0.0, 1.0]]),
        warm=np.array([0.0, 1.0, 0.4]),
        weights=w,
    )
    comps = obj.components([0, 2])
    assert comps == pytest.approx(
        {"coverage": 0.0, "diversity": 0.2, "role_fit": 0.2, "warm": 0.02}
    )
    # gains from {0}: p1 same group, role gain mean(max(0,[-0.5, 0.5])) = 0.25, warm 1.0
    assert obj.gains([0]) == pytest.approx([0.0, 0.2 * 0.25 + 0.05, 0.1 + 0.2 * 0.5 + 0.02])


def test_gains_equal_value_differences():
    rng = np.random.default_rng(3)
    obj = CoalitionObjective(
        rng.random((6, 4)),
        groups=rng.integers(0, 3, 6),
        role_fit=rng.random((6, 2)),
        warm=rng.random(6),
        relevance=rng.random(6),
    )
    for sel in ([], [1], [2, 4]):
        g = obj.gains(sel)
        for p in range(6):
            expect = 0.0 if p in sel else obj.value([*sel, p]) - obj.value(sel)
            assert g[p] == pytest.approx(expect)


def test_alternates_exact():
    obj = CoalitionObjective(COV)
    alts = alternates_for(obj, [0, 2], n=2)
    # slot of 0 (rest {2}): 1 → (0.8 + 1 - 0.4*0.95)/3 = 1.42/3; 3 → (0.6+0.5)/3
    assert [i for i, _ in alts[0]] == [1, 3]
    assert alts[0][0][1] == pytest.approx(1.42 / 3)
    assert alts[0][1][1] == pytest.approx(1.1 / 3)
    # slot of 2 (rest {0}): 3 → (0.9+0.5)/3; 1 → (0.98 + 0.05)/3
    assert alts[1] == [(3, pytest.approx(1.4 / 3)), (1, pytest.approx(1.03 / 3))]


@pytest.mark.parametrize(
    "kwargs",
    [
        {"coverage": np.array([1.5, 0.2])},
        {"coverage": np.array([[1.5, 0.2]])},
        {"coverage": np.array([[0.5]]), "facet_weights": np.array([-1.0])},
        {"coverage": np.array([[0.5]]), "groups": np.array([0, 1])},
        {"coverage": np.array([[0.5]]), "warm": np.array([2.0])},
    ],
)
def test_objective_rejects_bad_input(kwargs):
    with pytest.raises(ValueError):
        CoalitionObjective(**kwargs)


def test_relevance_gates_the_side_terms():
    # two kinds; partner 1 is of a new kind but irrelevant, partner 2 new kind and relevant
    obj = CoalitionObjective(
        np.array([[0.9], [0.0], [0.0]]),
        groups=np.array([0, 1, 1]),
        relevance=np.array([1.0, 0.0, 0.5]),
        weights=CoalitionWeights(diversity=0.1, role_fit=0.0, warm=0.0),
    )
    assert obj.gains([0]) == pytest.approx([0.0, 0.0, 0.05])
    assert obj.components([0, 1, 2])["diversity"] == pytest.approx(0.1 * (1.0 + 0.5))


def test_weights_must_be_non_negative():
    with pytest.raises(ValueError, match="diversity"):
        CoalitionWeights(diversity=-0.1)


# --------------------------------------------------------------------------- properties


@st.composite
def objectives(draw):
    n = draw(st.integers(1, 7))
    m = draw(st.integers(1, 4))
    unit = st.floats(0.0, 1.0, allow_nan=False)
    cov = draw(arrays(np.float64, (n, m), elements=unit))
    fw = draw(arrays(np.float64, (m,), elements=st.floats(0.0, 2.0, allow_nan=False)))
    groups = draw(arrays(np.int64, (n,), elements=st.integers(0, 3)))
    role_fit = draw(arrays(np.float64, (n, draw(st.integers(0, 2))), elements=unit))
    warm = draw(arrays(np.float64, (n,), elements=unit))
    relevance = draw(arrays(np.float64, (n,), elements=unit))
    lam = CoalitionWeights(
        diversity=draw(st.floats(0.0, 0.5)),
        role_fit=draw(st.floats(0.0, 0.5)),
        warm=draw(st.floats(0.0, 0.5)),
    )
    obj = CoalitionObjective(
        cov, fw, groups=groups, role_fit=role_fit, warm=warm, relevance=relevance, weights=lam
    )
    return obj, draw(st.integers(1, 4))


@settings(max_examples=100, deadline=None)
@given(objectives())
def test_greedy_within_guarantee_of_brute_force(case):
    obj, k = case
    greedy = greedy_maximize(obj, k)
    best = brute_force_maximize(obj, k)
    assert len(greedy.selected) == min(k, obj.n_partners)
    assert len(set(greedy.selected)) == len(greedy.selected)
    assert greedy.value >= GREEDY_GUARANTEE * best.value - 1e-9
    assert greedy.value <= best.value + 1e-9


@settings(max_examples=50, deadline=None)
@given(objectives())
def test_objective_is_monotone_submodular(case):
    obj, _ = case
    n = obj.n_partners
    for a in range(n):
        for b in range(n):
            if a == b:
                continue
            small, big = [], [b]
            ga_small = obj.value([a]) - obj.value(small)
            ga_big = obj.value([b, a]) - obj.value(big)
            assert ga_small >= -1e-12  # monotone
            assert ga_small >= ga_big - 1e-9  # diminishing returns


def test_brute_force_on_known_optimum():
    # classic case where greedy is suboptimal: a central partner grabs the first pick
    cov = np.array([[0.6, 0.6], [1.0, 0.0], [0.0, 1.0]])
    obj = CoalitionObjective(cov)
    assert greedy_maximize(obj, 2).selected == [0, 1]
    assert brute_force_maximize(obj, 2).selected == [1, 2]
    ratio = greedy_maximize(obj, 2).value / brute_force_maximize(obj, 2).value
    assert ratio == pytest.approx(0.8)
    assert ratio >= 1 - 1 / math.e


def test_candidates_restrict_choice():
    obj = CoalitionObjective(COV)
    assert greedy_maximize(obj, 2, candidates=[1, 3]).selected == [1, 3]
    assert greedy_maximize(obj, 5, candidates=[1, 3]).selected == [1, 3]
    assert set(
        itertools.chain.from_iterable(
            [i for i, _ in slot] for slot in alternates_for(obj, [1], candidates=[1, 3])
        )
    ) == {3}


# --------------------------------------------------------------------------- facets


def test_facets_from_sentences_exact():
    fs = extract_facets(
        "Hoe krijgen we goederen van de weg naar het water? Welke rol spelen de havens. Kort."
    )
    assert [f.text for f in fs] == [
        "Hoe krijgen we goederen van de weg naar het water?",
        "Welke rol spelen de havens, Kort",
    ]
    assert [f.weight for f in fs] == [0.5, 0.5]
    assert {f.source for f in fs} == {"challenge"}


def test_facets_from_one_sentence_split_into_clauses():
    fs = extract_facets(
        "We willen de dijkversterking langs de Lek versnellen, met minder stikstof en met "
        "draagvlak bij bewoners."
    )
    assert [f.text for f in fs] == [
        "We willen de dijkversterking langs de Lek versnellen",
        "met minder stikstof",
        "met draagvlak bij bewoners",
    ]


def test_needs_take_precedence_and_are_deduplicated():
    fs = extract_facets(
        "Lange tekst die genegeerd wordt.", ["Bodemdaling", " bodemdaling ", "Data"]
    )
    assert [(f.text, f.source) for f in fs] == [("Bodemdaling", "needs"), ("Data", "needs")]


def test_max_facets_folds_the_tail():
    text = ". ".join(f"Zin nummer {i} over het onderwerp" for i in range(6)) + "."
    fs = extract_facets(text, max_facets=3)
    assert len(fs) == 3
    assert fs[2].text.startswith("Zin nummer 2") and "Zin nummer 5" in fs[2].text


def test_empty_challenge_is_an_error():
    with pytest.raises(FacetError, match="empty"):
        extract_facets("  ", [])


# --------------------------------------------------------------------------- the store path

D = dt.date
AS_OF = D(2026, 6, 1)
NEEDS = [
    "dijkversterking en waterveiligheid langs de rivier",
    "stikstof reduceren in de bouw",
    "draagvlak bij bewoners en participatie",
]


def coalition_network():
    def org(slug, kind, text, **kw):
        return Organisation(
            id=f"org:{slug}", name=slug.title(), org_kind=kind, description=text, **kw
        )

    nodes = [
        Staff(id="staff:0001", name="Anna de Vries"),
        Staff(id="staff:0002", name="Bram Jansen"),
        Team(
            id="team:1-1",
            name="Team Rivier",
            challenge="Dijkversterking en waterveiligheid: rivierdijken sneller versterken met "
            "een ingenieursbureau voor dijkversterking.",
            needs=NEEDS,
            roles=["responsief"],
        ),
        Dossier(id="dossier:lek", title="Dijkversterking Lek", roles=["netwerkend"]),
        org(
            "dijk",
            "public_body",
            "Waterschap: dijkversterking en waterveiligheid langs de rivier, dijken beheren",
        ),
        org(
            "dijkadvies",
            "company",
            "Ingenieursbureau voor dijkversterking, waterveiligheid en rivierdijken",
        ),
        org(
            "stikstof",
            "knowledge_institute",
            "Onderzoek naar stikstof reduceren in de bouw, emissievrij bouwen",
        ),
        org(
            "bewoners",
            "citizen_initiative",
            "Bewonersplatform voor draagvlak bij bewoners en participatie in de wijk",
        ),
        org("weg", "ngo", "dijkversterking en waterveiligheid langs de rivier", opt_out=True),
        org("bouwer", "company", "stikstof reduceren in de bouw met elektrisch materieel"),
        org("fiets", "ngo", "Fietsersbond: veilige fietspaden en fietsparkeren in steden"),
        org("zorg", "other", "Zorgverzekeraar met aandacht voor preventie en gezondheid"),
        org("school", "knowledge_institute", "Hogeschool met opleidingen in onderwijs en zorg"),
        org("spoor", "company", "Spoorvervoerder voor reizigers en goederen over het spoor"),
        org("lucht", "public_body", "Luchthaven met geluidshinder en vliegverkeer"),
        org("energie", "company", "Energieleverancier met windparken op zee en zonnepanelen"),
        Contact(
            id="contact:bewoners-1",
            name="Berend Wijk",
            consent=True,
            consent_date=D(2025, 1, 1),
            expertise="participatie en draagvlak",
        ),
        Contact(id="contact:dijk-1", name="Dirk Dijkstra", consent=False),
    ]
    edges = [
        MemberOf(source="staff:0001", target="team:1-1"),
        MemberOf(source="staff:0002", target="team:1-1"),
        WorksOn(source="staff:0002", target="dossier:lek"),
        WorksAt(source="contact:bewoners-1", target="org:bewoners"),
        WorksAt(source="contact:dijk-1", target="org:dijk"),
        Interacted(
            source="staff:0001",
            target="contact:bewoners-1",
            date=D(2026, 3, 1),
            interaction="guest_table",
            outcome="positive",
        ),
        Interacted(source="staff:0002", target="contact:dijk-1", date=D(2025, 12, 1)),
        # after as_of: no warm path yet
        Interacted(source="staff:0001", target="org:stikstof", date=D(2026, 7, 1)),
        Conflict(
            source="dossier:lek", target="org:bouwer", date=D(2026, 1, 1), reason="aanbesteding"
        ),
    ]
    return nodes, edges


@pytest.fixture
def cstore(tmp_path):
    s = SqliteGraphStore(tmp_path / "c.db")
    s.write(*coalition_network())
    yield s
    s.close()


def _assemble(store, **kw):
    kw.setdefault("as_of", AS_OF)
    return assemble_coalition(store, "team:1-1", encoder=HashingEncoder(), **kw)


def test_coalition_covers_every_need_with_one_partner_each(cstore):
    c = _assemble(cstore, k=3)
    assert {m.organisation for m in c.members} == {"org:dijk", "org:stikstof", "org:bewoners"}
    assert c.uncovered == []
    assert c.covered_by == {0: "org:dijk", 1: "org:stikstof", 2: "org:bewoners"}
    assert c.excluded == {"opt_out": 1, "conflict": 1}
    assert [f.source for f in c.facets] == ["needs"] * 3


def test_excluded_partners_are_never_named(cstore):
    c = _assemble(cstore, k=4)
    named = {m.organisation for m in c.members} | {
        a.organisation for m in c.members for a in m.alternates
    }
    assert not named & {"org:weg", "org:bouwer"}
    text = json.dumps(c.to_dict(), ensure_ascii=False, default=str)
    assert "Dirk Dijkstra" not in text  # no consent
    assert "Weg" not in text and "Bouwer" not in text


def test_reasons_warm_paths_and_alternates(cstore):
    c = _assemble(cstore, k=3)
    by_id = {m.organisation: m for m in c.members}
    bew = by_id["org:bewoners"]
    assert bew.warm_path is not None and bew.warm_path.contact == "contact:bewoners-1"
    assert any(
        r.startswith(
            "Warme introductie via Anna de Vries (gasttafel met Berend Wijk op 1 maart 2026)"
        )
        for r in bew.reasons
    )
    assert bew.contact == {"id": "contact:bewoners-1", "name": "Berend Wijk", "role": ""}
    assert any(r.startswith("Dekt ‘draagvlak bij bewoners en participatie’") for r in bew.reasons)
    assert "Past bij de rol van het team: responsieve overheid" in bew.reasons
    dijk = by_id["org:dijk"]
    assert dijk.warm_path is not None and dijk.warm_path.contact is None  # met, but no consent
    assert dijk.contact is None
    assert by_id["org:stikstof"].warm_path is None  # the meeting is after as_of
    assert [len(m.alternates) for m in c.members] == [2, 2, 2]
    assert dijk.alternates[0].organisation == "org:dijkadvies"


def test_fewer_partners_leave_a_need_uncovered(cstore):
    c = _assemble(cstore, k=2)
    assert len(c.members) == 2
    assert len(c.uncovered) == 1 and c.uncovered[0].startswith("Niet gedekt: ‘")
    assert "beste kandidaat buiten de coalitie" in c.uncovered[0]


def test_declined_partner_is_discounted(cstore):
    record_feedback(
        cstore, "team:1-1", "org:dijk", "declined", date=D(2026, 5, 1), context="coalition"
    )
    c = _assemble(cstore, k=3)
    ids = {m.organisation for m in c.members}
    assert "org:dijk" not in ids and "org:dijkadvies" in ids


def test_greedy_beats_top_k_baseline_on_the_tiny_network(cstore):
    p = CoalitionAssembler(cstore, HashingEncoder()).problem("team:1-1", as_of=AS_OF)
    greedy = greedy_maximize(p.objective, 2).selected
    base = top_k_by_relevance(p.baseline_relevance, 2)
    # the challenge text is about dikes: the baseline takes both dike partners
    assert {p.ids[i] for i in base} == {"org:dijk", "org:dijkadvies"}
    cov = p.objective.components
    # calibrated coverage tops out at 0.9: greedy 0.9 on two facets, the baseline 1 − 0.1² on one
    assert cov(greedy)["coverage"] == pytest.approx(2 * 0.9 / 3)
    assert cov(base)["coverage"] == pytest.approx(0.99 / 3)


@pytest.mark.parametrize(
    ("team", "k", "message"),
    [
        ("team:9-9", 3, "team 'team:9-9' not found"),
        ("org:dijk", 3, "not a team"),
        ("team:1-1", 0, "k must be"),
    ],
)
def test_bad_requests(cstore, team, k, message):
    with pytest.raises(CoalitionError, match=message):
        assemble_coalition(cstore, team, as_of=AS_OF, k=k, encoder=HashingEncoder())
