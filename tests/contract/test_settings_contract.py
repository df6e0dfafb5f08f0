"""Named settings (the integrity rules) are kept by every store, apart from the graph."""

from __future__ import annotations

import pytest

from api.integrity import load_rules, save_rules
from graph.model import Organisation
from graph.store import GraphStore
from matcher.suggest.integrity import DEFAULT_RULES, ExclusionRule, IntegrityRuleError


def test_settings_are_stored_replaced_and_survive_a_graph_clear(store: GraphStore) -> None:
    assert store.get_setting("integrity_rules") is None
    store.put_setting("integrity_rules", "[]")
    store.put_setting("integrity_rules", '[{"key": "tender"}]')
    store.write([Organisation(id="org:a", name="A", org_kind="ngo")])
    store.clear()
    assert store.get_setting("integrity_rules") == '[{"key": "tender"}]'
    assert store.counts() == {}


def test_rules_are_validated_before_they_are_stored(store: GraphStore) -> None:
    assert load_rules(store) == list(DEFAULT_RULES)
    saved = save_rules(store, [{"key": "tender", "days_before": 7, "days_after": 90}])
    assert load_rules(store) == saved == [ExclusionRule(key="tender", days_before=7, days_after=90)]
    with pytest.raises(IntegrityRuleError):
        save_rules(store, [{"key": "tender", "days_after": -5}])
    assert load_rules(store) == saved
