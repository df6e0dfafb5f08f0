"""Graph features on the tiny hand-built network: exact values, and no leakage from the future."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pytest

from graph.store import build_snapshot
from matcher.suggest.features import FEATURES, adamic_adar, graph_features, new_links
from matcher.suggest.graphview import TemporalGraph
from matcher.suggest.synthetic import tiny_network

AS_OF = dt.date(2026, 3, 1)


@pytest.fixture(scope="module")
def tiny():
    nodes, edges = tiny_network()
    return nodes, edges


@pytest.fixture(scope="module")
def view(tiny):
    return TemporalGraph(build_snapshot(*tiny)).view(AS_OF)


def feature(view, query: str, org: str, name: str) -> float:
    x = graph_features(view, view.context(query), [view.tg.index[org]])
    return float(x[0, FEATURES.index(name)])


@pytest.mark.parametrize(
    ("query", "org", "name", "expected"),
    [
        # Bram (Anna's dossier and team colleague) met Eneco's contact on 10 February: 19 days.
        ("staff:1", "org:eneco", "warm_intro", math.log2(1 + math.exp(-19 / 365))),
        ("staff:3", "org:eneco", "warm_intro", 0.0),
        # Anna and Deltares share only the dossier, which has three neighbours.
        ("staff:1", "org:deltares", "adamic_adar", 1 / math.log(3)),
        ("staff:1", "org:eneco", "adamic_adar", 0.0),
        ("staff:1", "org:eneco", "recency", math.exp(-19 / 180)),
        # Two interactions with Eneco's contacts in the last year, by one colleague (Bram).
        ("staff:1", "org:eneco", "frequency", math.log1p(2)),
        ("staff:1", "org:eneco", "partner_load", math.log1p(1)),
        ("staff:1", "org:deltares", "nsob_fit", 1.0),  # netwerkend × knowledge institute
        ("staff:1", "org:eneco", "nsob_fit", 0.5),
        ("staff:1", "org:deltares", "phase_fit", 1.0),  # exploration × knowledge institute
        ("staff:1", "org:eneco", "phase_fit", 0.0),
        # The consultation on 20 March is 19 days away; Deltares is a stakeholder.
        ("staff:1", "org:deltares", "milestone", math.exp(-19 / 45)),
        ("staff:1", "org:tno", "milestone", 0.5 * math.exp(-19 / 45)),
        ("staff:3", "org:deltares", "milestone", 0.0),
        # Eneco's contact is a guest at the session of 10 March: 9 days ahead.
        ("staff:1", "org:eneco", "sessions", math.exp(-9 / 30)),
        ("staff:1", "org:tno", "sessions", 0.0),
        ("staff:3", "org:eneco", "sessions", 0.3 * math.exp(-9 / 30)),  # not Carla's edition
    ],
)
def test_feature_values_by_hand(view, query, org, name, expected):
    assert feature(view, query, org, name) == pytest.approx(expected, abs=1e-9)


def test_adamic_adar_matches_networkx(view):
    import networkx as nx

    g = nx.Graph()
    A = view.Abin.tocoo()
    g.add_edges_from(zip(A.row.tolist(), A.col.tolist(), strict=True))
    q = view.tg.index["staff:1"]
    aa = adamic_adar(view, q)
    for _u, v, p in nx.adamic_adar_index(g, [(q, o) for o in g.nodes if o != q]):
        assert aa[v] == pytest.approx(p)


def test_text_query_has_no_graph_position(view):
    x = graph_features(view, view.context(None), [view.tg.index["org:eneco"]])
    for name in ("ppr", "adamic_adar", "warm_intro", "nsob_fit", "milestone"):
        assert x[0, FEATURES.index(name)] == 0.0


def test_no_leakage_from_the_future(tiny):
    """Features on 1 March are identical with or without everything dated later."""
    nodes, edges = tiny
    past = [e for e in edges if e.date is None or e.date <= AS_OF]
    assert len(past) < len(edges)
    full = TemporalGraph(build_snapshot(nodes, edges)).view(AS_OF)
    cut = TemporalGraph(build_snapshot(nodes, past)).view(AS_OF)
    orgs = [n.id for n in nodes if n.KIND == "organisation"]
    for q in ("staff:1", "staff:2", "staff:3", "dossier:kust", None):
        xa = graph_features(full, full.context(q), [full.tg.index[o] for o in orgs])
        xb = graph_features(cut, cut.context(q), [cut.tg.index[o] for o in orgs])
        np.testing.assert_array_equal(xa, xb)
        if q is not None:
            ka = sorted(full.tg.ids[i] for i in full.context(q).known)
            kb = sorted(cut.tg.ids[i] for i in cut.context(q).known)
            assert ka == kb


def test_conflict_only_while_active(tiny):
    tg = TemporalGraph(build_snapshot(*tiny))
    s, nm = tg.index["staff:1"], tg.index["org:nm"]
    assert (s, nm) in tg.view(AS_OF).conflicts
    assert (s, nm) not in tg.view(dt.date(2025, 12, 1)).conflicts
    assert (s, nm) not in tg.view(dt.date(2027, 1, 1)).conflicts


def test_new_links_after_a_split(tiny):
    tg = TemporalGraph(build_snapshot(*tiny))
    links = new_links(tg, AS_OF, dt.date(2026, 10, 1), ["staff", "dossier"], "organisation")
    named = {tg.ids[q]: sorted(tg.ids[c] for c in cs) for q, cs in links.items()}
    assert named == {
        "staff:1": ["org:eneco", "org:tno"],
        "staff:3": ["org:nm"],
        "dossier:kust": ["org:nm"],
    }


@pytest.fixture(scope="module")
def seed_graph():
    from seeds import load_seed

    return TemporalGraph(build_snapshot(*load_seed()))


@pytest.mark.parametrize("day", [dt.date(2025, 3, 1), dt.date(2025, 11, 20), dt.date(2026, 6, 1)])
def test_view_matrices_equal_a_count_over_the_running_edges(seed_graph, day):
    """Every matrix of a day's view, recomputed edge by edge from the snapshot: ties (summed
    weights both ways), last link dates, membership, stakeholders, partner load."""
    from collections import defaultdict

    from matcher.suggest.graphview import LOAD_DAYS, NON_ADJACENT, UNDATED

    tg = seed_graph
    view = tg.view(day)
    t, ent = day.toordinal(), tg.entity
    ties, last, member, stake = defaultdict(float), {}, set(), defaultdict(float)
    partners = defaultdict(set)
    for e in range(len(tg.src)):
        if not (tg.date[e] <= t <= tg.until[e]):
            continue
        kind, d = tg.edge_kind_names[tg.ekind[e]], tg.edata[e]
        a, b = int(ent[tg.src[e]]), int(ent[tg.tgt[e]])
        if kind in NON_ADJACENT or a == b:
            continue
        w = d.get("interest", 3) / 3 if kind == "STAKEHOLDER_IN" else 1.0
        ties[a, b] += w
        ties[b, a] += w
        if kind == "STAKEHOLDER_IN":
            stake[b, a] += d.get("interest", 3) * d.get("influence", 3) / 25
        groups = ("dossier", "team")
        if (
            tg.kind_of(b) in groups
            and tg.kind_of(a) not in groups
            and tg.kind[tg.src[e]] == tg.kind[a]
        ):
            member.add((a, b))
        if tg.date[e] > UNDATED:
            for x, y in ((a, b), (b, a)):
                last[x, y] = max(last.get((x, y), 0), int(tg.date[e]))
                if tg.date[e] > t - LOAD_DAYS:
                    partners[x].add(y)

    def entries(m):
        m = m.tocoo()
        return {(int(r), int(c)): float(v) for r, c, v in zip(m.row, m.col, m.data, strict=True)}

    counts = entries(view.Abin)  # the pattern of ties
    assert set(counts) == set(ties)
    assert entries(view.A) == pytest.approx(
        {k: (1 + math.log(v) if v >= 1 else v) for k, v in ties.items()}
    )
    assert {k: int(v) + UNDATED for k, v in entries(view.L).items()} == last
    assert set(entries(view.M)) == member and set(entries(view.MT)) == {(b, a) for a, b in member}
    assert entries(view.S) == pytest.approx(dict(stake))
    assert view.load.tolist() == [float(len(partners[i])) for i in range(tg.n)]
    assert view.L.has_canonical_format and view.A.has_canonical_format
