"""read_graph / import_graph validation: exact RecordErrors, store-aware endpoints, all or nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from graph import ImportValidationError, RecordError, SqliteGraphStore
from graph.io import detect_format, import_graph, read_graph
from graph.model import Organisation, Staff

TINY = Path(__file__).parents[1] / "data" / "tiny_graph.json"


def doc(nodes: list[dict[str, Any]], edges: list[dict[str, Any]]) -> dict[str, Any]:
    return {"format": "verbinder", "version": 1, "nodes": nodes, "edges": edges}


def write(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.fixture
def store(tmp_path: Path):
    s = SqliteGraphStore(tmp_path / "v.db")
    s.write([Staff(id="staff:1", name="Een"), Organisation(id="org:a", name="A", org_kind="ngo")])
    yield s
    s.close()


EDGE_TO_STORE = {"kind": "INTERACTED", "source": "staff:1", "target": "org:a", "date": "2025-05-01"}


def test_errors_are_exact_records(tmp_path: Path) -> None:
    path = write(
        tmp_path / "g.json",
        doc(
            [{"id": "staff:2", "kind": "staff", "name": ""}],
            [{"kind": "MEMBER_OF", "source": "staff:2", "target": "team:x"}],
        ),
    )
    with pytest.raises(ImportValidationError) as info:
        read_graph(path)
    # the invalid node is reported once; its edge does not call it unknown as well
    assert info.value.errors == [
        RecordError("g.json", "node #1 'staff:2'", "name", "must not be empty"),
        RecordError(
            "g.json",
            "edge #1 MEMBER_OF staff:2→team:x",
            "target",
            "unknown node 'team:x' (not in the file)",
        ),
    ]
    path = write(
        tmp_path / "g.json",
        doc(
            [{"id": "staff:2", "kind": "staff", "name": "Twee"}],
            [{"kind": "MEMBER_OF", "source": "staff:2", "target": "team:x"}],
        ),
    )
    with pytest.raises(ImportValidationError) as info:
        read_graph(path)
    assert info.value.errors == [
        RecordError(
            "g.json",
            "edge #1 MEMBER_OF staff:2→team:x",
            "target",
            "unknown node 'team:x' (not in the file)",
        )
    ]
    assert str(info.value.errors[0]) == (
        "g.json: edge #1 MEMBER_OF staff:2→team:x, field 'target': "
        "unknown node 'team:x' (not in the file)"
    )


def test_endpoints_may_live_in_the_store(store: SqliteGraphStore, tmp_path: Path) -> None:
    path = write(tmp_path / "e.json", doc([], [EDGE_TO_STORE]))
    with pytest.raises(ImportValidationError):
        read_graph(path)
    _, edges = read_graph(path, store=store)
    assert [e.target for e in edges] == ["org:a"]
    assert import_graph(store, path) == (0, 1)
    assert len(store.edges("INTERACTED")) == 1


def test_replace_needs_every_endpoint_in_the_file(store: SqliteGraphStore, tmp_path: Path) -> None:
    path = write(tmp_path / "e.json", doc([], [EDGE_TO_STORE]))
    revision = store.revision
    with pytest.raises(ImportValidationError) as info:
        import_graph(store, path, replace=True)
    assert len(info.value.errors) == 2  # source and target
    assert store.revision == revision
    assert [n.id for n in store.nodes()] == ["org:a", "staff:1"]


def test_one_bad_record_writes_nothing(store: SqliteGraphStore, tmp_path: Path) -> None:
    good = [{"id": f"staff:{i}", "kind": "staff", "name": f"Medewerker {i}"} for i in range(2, 50)]
    bad = {"id": "staff:99", "kind": "staff", "name": "X", "languages": "nl"}
    path = write(tmp_path / "b.json", doc([*good, bad], []))
    revision = store.revision
    with pytest.raises(ImportValidationError) as info:
        import_graph(store, path)
    assert [(e.record, e.field) for e in info.value.errors] == [
        ("node #49 'staff:99'", "languages")
    ]
    assert store.revision == revision
    assert len(store.nodes("staff")) == 1


def test_node_in_edges_section_is_named(tmp_path: Path) -> None:
    path = write(tmp_path / "m.json", doc([], [{"kind": "staff", "id": "staff:1", "name": "X"}]))
    with pytest.raises(ImportValidationError) as info:
        read_graph(path)
    assert "'staff' is a node kind, but the record is in \"edges\"" in info.value.errors[0].reason


def test_nested_milestone_errors_name_the_path(tmp_path: Path) -> None:
    dossier = {
        "id": "dossier:x",
        "kind": "dossier",
        "title": "X",
        "milestones": [{"date": "2026-02-30", "label": "Besluit"}],
    }
    with pytest.raises(ImportValidationError) as info:
        read_graph(write(tmp_path / "d.json", doc([dossier], [])))
    (error,) = info.value.errors
    assert error.field == "milestones.0.date"
    assert "'2026-02-30' is not a valid date" in error.reason


def test_not_an_object(tmp_path: Path) -> None:
    path = tmp_path / "l.json"
    path.write_text("[1, 2]")
    with pytest.raises(ImportValidationError) as info:
        read_graph(path)
    assert "got a list" in info.value.errors[0].reason


@pytest.mark.parametrize(
    ("name", "expected"),
    [("g.json", "json"), ("G.XLSX", "xlsx"), ("folder", "csv")],
)
def test_detect_format_for_export(name: str, expected: str) -> None:
    assert detect_format(name, for_export=True) == expected


@pytest.mark.parametrize(
    ("name", "hint"), [("g.xls", ".xlsx"), ("g.csv", "folder"), ("g.txt", "unknown")]
)
def test_detect_format_refuses(name: str, hint: str) -> None:
    with pytest.raises(ValueError, match=hint):
        detect_format(name, for_export=True)


def test_errors_come_in_file_order(tmp_path: Path) -> None:
    nodes = [
        {"id": "staff:1", "kind": "staff", "name": "Een", "unit": 5},
        {"id": "staff:2", "kind": "staff", "name": "Twee", "emial": "x"},
    ]
    edges = [
        {"kind": "MEMBER_OF", "source": "staff:1", "target": "team:weg"},
        {"kind": "MEMBER_OF", "source": "staff:1", "target": "team:weg", "date": "gisteren"},
    ]
    with pytest.raises(ImportValidationError) as info:
        read_graph(write(tmp_path / "o.json", doc(nodes, edges)))
    assert [(e.record.split(" ")[:2], e.field) for e in info.value.errors] == [
        (["node", "#1"], "unit"),
        (["node", "#2"], "emial"),
        (["edge", "#1"], "target"),
        (["edge", "#2"], "date"),
    ]
