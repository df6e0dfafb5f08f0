"""The ``shared_region`` signal: exact values on a hand-built graph, its column, prior and reason."""

from __future__ import annotations

import datetime as dt

import pytest

from graph.model import Organisation, Staff
from graph.store import build_snapshot
from matcher.suggest.features import FEATURES, graph_features
from matcher.suggest.graphview import TemporalGraph
from matcher.suggest.ranker import DEFAULT_WEIGHTS
from matcher.suggest.reasons import render_reason
from matcher.suggest.signals import SIGNALS
from matcher.suggest.signals.shared_region import SIGNAL, regions_named

ORGS = [
    Organisation(
        id="org:scheldestromen",
        name="Waterschap Scheldestromen",
        org_kind="public_body",
        region="Zeeland",
    ),
    Organisation(
        id="org:wetterskip", name="Wetterskip Fryslân", org_kind="public_body", region="Friesland"
    ),
    Organisation(
        id="org:deltares", name="Deltares", org_kind="knowledge_institute", region="landelijk"
    ),
]


@pytest.fixture(scope="module")
def view():
    g = build_snapshot([Staff(id="staff:1", name="Anna"), *ORGS], [])
    return TemporalGraph(g).view(dt.date(2026, 3, 1))


def column(view, text: str) -> list[float]:
    cand = [view.tg.index[o.id] for o in ORGS]
    x = graph_features(view, view.context(None), cand, text=text)
    return x[:, FEATURES.index("shared_region")].tolist()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Wie helpt ons met verzilting in Zeeland?", [1.0, 0.0, 0.0]),
        ("de Zeeuwse en de Friese kust", [1.0, 1.0, 0.0]),
        ("dijkversterking in Fryslân", [0.0, 1.0, 0.0]),
        ("verzilting landelijk bekeken", [0.0, 0.0, 0.0]),  # national partners never match
        ("zeelandschap en kustbeleid", [0.0, 0.0, 0.0]),  # a whole word, not a substring
        ("", [0.0, 0.0, 0.0]),
    ],
)
def test_values(view, text: str, expected: list[float]) -> None:
    assert column(view, text) == expected


def test_is_a_column_with_its_prior_and_reason(view) -> None:
    assert SIGNAL in SIGNALS and FEATURES[-len(SIGNALS) :] == tuple(s.name for s in SIGNALS)
    assert DEFAULT_WEIGHTS["shared_region"] == SIGNAL.weight > 0
    inp_ev = {"region": "Zeeland"}
    assert render_reason("shared_region", 0.5, inp_ev).text_nl == (
        "actief in Zeeland, de regio van de vraag"
    )
    assert render_reason("shared_region", -0.2, inp_ev).text_nl == (
        "niet actief in de regio van de vraag"
    )


def test_regions_named_keeps_hyphenated_names() -> None:
    vocab = {"noord-holland": "Noord-Holland", "zeeland": "Zeeland"}
    assert regions_named("kust van Noord-Holland en Zeeland", vocab) == {"Noord-Holland", "Zeeland"}
