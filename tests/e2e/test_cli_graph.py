"""``verbinder init / seed / import / export / stats`` through the CLI runner.

The bad-input cases check the acceptance rule of the import: a non-zero exit, every error listed on
stderr with its location, and a store whose contents and file bytes are unchanged.
"""

from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from api import cli
from graph import SqliteGraphStore

TINY = Path(__file__).parents[1] / "data" / "tiny_graph.json"

cli.register_commands()
runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(cli.app, list(args))


def logical_hash(db: Path) -> str:
    """sha256 of the sorted nodes + edges as JSON."""
    store = SqliteGraphStore(db)
    try:
        nodes = sorted((n.model_dump(mode="json") for n in store.nodes()), key=lambda d: d["id"])
        edges = sorted(
            (e.model_dump(mode="json") for e in store.edges()),
            key=lambda d: (d["kind"], d["source"], d["target"], d["key"]),
        )
    finally:
        store.close()
    return hashlib.sha256(
        json.dumps({"nodes": nodes, "edges": edges}, sort_keys=True).encode()
    ).hexdigest()


def file_hash(db: Path) -> str:
    return hashlib.sha256(db.read_bytes()).hexdigest()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A store holding the tiny graph, closed."""
    path = tmp_path / "store.db"
    result = invoke("import", str(TINY), "--store", str(path))
    assert result.exit_code == 0, result.output
    return path


def tiny() -> dict[str, Any]:
    return copy.deepcopy(json.loads(TINY.read_text(encoding="utf-8")))


def node(doc: dict[str, Any], node_id: str) -> dict[str, Any]:
    return next(n for n in doc["nodes"] if n["id"] == node_id)


def write_doc(path: Path, doc: dict[str, Any]) -> Path:
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


# --------------------------------------------------------------------------- bad inputs
# Each builder writes a bad input under tmp and returns its path; each expectation is
# (location, fragment): some stderr line must hold both.

Case = tuple[Callable[[Path], Path], list[tuple[str, str]]]


def _syntax(tmp: Path) -> Path:
    p = tmp / "bad.json"
    p.write_text('{\n  "format": "verbinder",\n  "version": 1,\n  "nodes": [,]\n}\n')
    return p


def _empty(tmp: Path) -> Path:
    (tmp / "bad.json").write_bytes(b"")
    return tmp / "bad.json"


def _bom(tmp: Path) -> Path:
    p = tmp / "bad.json"
    p.write_bytes(b"\xef\xbb\xbf" + TINY.read_bytes())
    return p


def _latin1(tmp: Path) -> Path:
    doc = tiny()
    node(doc, "org:rdz")["description"] = "Comité voor de dijk"
    p = tmp / "bad.json"
    p.write_bytes(json.dumps(doc, ensure_ascii=False, indent=1).encode("latin-1"))
    return p


def _header(tmp: Path) -> Path:
    doc = tiny()
    doc["format"], doc["version"], doc["node"] = "graphml", 2, []
    return write_doc(tmp / "bad.json", doc)


def _mutate(fn: Callable[[dict[str, Any]], None]) -> Callable[[Path], Path]:
    def build(tmp: Path) -> Path:
        doc = tiny()
        fn(doc)
        return write_doc(tmp / "bad.json", doc)

    return build


def _unknown_node_kind(doc: dict[str, Any]) -> None:
    doc["nodes"].append({"id": "person:1", "kind": "persoon", "name": "X"})


def _unknown_edge_kind(doc: dict[str, Any]) -> None:
    doc["edges"].append({"kind": "KNOWS", "source": "staff:0001", "target": "staff:0002"})


def _duplicate_id(doc: dict[str, Any]) -> None:
    doc["nodes"].append({**node(doc, "staff:0002"), "name": "Tweede Bram"})


def _duplicate_edge(doc: dict[str, Any]) -> None:
    doc["edges"].append(copy.deepcopy(doc["edges"][0]))


def _dangling(doc: dict[str, Any]) -> None:
    doc["edges"].append(
        {"kind": "WORKS_AT", "source": "contact:tno-1", "target": "org:bestaatniet"}
    )


def _wrong_endpoint(doc: dict[str, Any]) -> None:
    doc["edges"].append({"kind": "WORKS_ON", "source": "staff:0001", "target": "org:tno"})


def _bad_date(doc: dict[str, Any]) -> None:
    doc["edges"].append(
        {"kind": "INTERACTED", "source": "staff:0002", "target": "org:tno", "date": "2025-13-45"}
    )


def _wrong_types(doc: dict[str, Any]) -> None:
    node(doc, "table:1-1")["number"] = "twaalf"
    node(doc, "contact:eneco-1")["consent"] = "misschien"


def _oversized(doc: dict[str, Any]) -> None:
    node(doc, "org:tno")["name"] = "T" * 301
    node(doc, "org:tno")["description"] = "d" * 20_001


def _unknown_field(doc: dict[str, Any]) -> None:
    node(doc, "staff:0002")["emial"] = "bram@example.org"


def _missing_required(doc: dict[str, Any]) -> None:
    del node(doc, "org:eneco")["org_kind"]


def _kind_clash(doc: dict[str, Any]) -> None:
    doc["nodes"] = [{"id": "org:tno", "kind": "staff", "name": "Geen organisatie"}]
    doc["edges"] = []


def _many(doc: dict[str, Any]) -> None:
    _bad_date(doc)
    _dangling(doc)
    _unknown_field(doc)
    _duplicate_edge(doc)
    node(doc, "edition:1")["start_date"] = "morgen"


def _csv(files: dict[str, bytes]) -> Callable[[Path], Path]:
    def build(tmp: Path) -> Path:
        folder = tmp / "bad_csv"
        folder.mkdir()
        for name, data in files.items():
            (folder / name).write_bytes(data)
        return folder

    return build


STAFF_OK = b"id,name,expertise\nstaff:0100,Eva Smit,waterkwaliteit\n"


def _xlsx(sheets: dict[str, list[list[Any]]]) -> Callable[[Path], Path]:
    def build(tmp: Path) -> Path:
        from openpyxl import Workbook

        wb = Workbook()
        wb.remove(wb.active)
        for title, rows in sheets.items():
            ws = wb.create_sheet(title)
            for row in rows:
                ws.append(row)
        path = tmp / "bad.xlsx"
        wb.save(path)
        return path

    return build


def _corrupt_xlsx(tmp: Path) -> Path:
    p = tmp / "bad.xlsx"
    p.write_bytes(b"this is not a zip file")
    return p


def _txt(tmp: Path) -> Path:
    p = tmp / "graph.txt"
    p.write_text("id,name\n")
    return p


BAD_CASES: dict[str, Case] = {
    "json-syntax": (_syntax, [("bad.json", "line 4, column 13"), ("bad.json", "JSON syntax")]),
    "json-empty": (_empty, [("bad.json", "file is empty")]),
    "json-bom": (_bom, [("bad.json", "byte-order mark")]),
    "json-latin1": (_latin1, [("bad.json", "not valid UTF-8"), ("bad.json", "UTF-8 without")]),
    "json-header": (
        _header,
        [
            ("bad.json", "field 'format': expected \"verbinder\""),
            ("bad.json", "field 'version': unsupported version 2"),
            ("bad.json", "field 'node': unknown key (did you mean 'nodes'?)"),
        ],
    ),
    "unknown-node-kind": (
        _mutate(_unknown_node_kind),
        [("bad.json", "node #13 'person:1', field 'kind': unknown node kind 'persoon'")],
    ),
    "unknown-edge-kind": (
        _mutate(_unknown_edge_kind),
        [("bad.json", "edge #13 KNOWS staff:0001→staff:0002, field 'kind': unknown edge kind")],
    ),
    "duplicate-id": (
        _mutate(_duplicate_id),
        [("bad.json", "node #13 'staff:0002', field 'id': duplicate id 'staff:0002'")],
    ),
    "duplicate-edge": (
        _mutate(_duplicate_edge),
        [("bad.json", "edge #13 AVAILABLE_FOR contact:tno-1→session:1-1, field 'key': duplicate")],
    ),
    "dangling-endpoint": (
        _mutate(_dangling),
        [
            (
                "bad.json",
                "field 'target': unknown node 'org:bestaatniet' (not in the file or the store)",
            )
        ],
    ),
    "wrong-endpoint-kind": (
        _mutate(_wrong_endpoint),
        [("bad.json", "'org:tno' has kind organisation; WORKS_ON needs dossier as target")],
    ),
    "bad-date": (
        _mutate(_bad_date),
        [("bad.json", "field 'date': '2025-13-45' is not a valid date")],
    ),
    "wrong-types": (
        _mutate(_wrong_types),
        [
            ("bad.json", "'table:1-1', field 'number': 'twaalf' is not a whole number"),
            ("bad.json", "'contact:eneco-1', field 'consent': 'misschien' is not a yes/no"),
        ],
    ),
    "oversized": (
        _mutate(_oversized),
        [
            ("bad.json", "field 'name': too long: 301 characters, at most 300"),
            ("bad.json", "field 'description': too long: 20001 characters, at most 20000"),
        ],
    ),
    "unknown-field": (
        _mutate(_unknown_field),
        [("bad.json", "field 'emial': unknown field (did you mean 'email'?)")],
    ),
    "missing-required": (
        _mutate(_missing_required),
        [("bad.json", "'org:eneco', field 'org_kind': required field is missing")],
    ),
    "kind-clash-with-store": (
        _mutate(_kind_clash),
        [("bad.json", "'org:tno' already exists in the store with kind organisation")],
    ),
    "many-errors-at-once": (
        _mutate(_many),
        [
            ("bad.json", "'2025-13-45' is not a valid date"),
            ("bad.json", "unknown node 'org:bestaatniet'"),
            ("bad.json", "field 'emial'"),
            ("bad.json", "duplicate edge"),
            ("bad.json", "field 'start_date': 'morgen' is not a valid date"),
            ("", "5 error(s); nothing was written"),
        ],
    ),
    "csv-unknown-file": (
        _csv({"staf.csv": STAFF_OK}),
        [("staf.csv", "unknown file name 'staf' (did you mean 'staff'?)")],
    ),
    "csv-columns": (
        _csv({"staff.csv": b"id,naam\nstaff:0100,Eva\n"}),
        [
            ("staff.csv: row 1, field 'naam'", "unknown column (did you mean 'name'?)"),
            ("staff.csv: row 1, field 'name'", "required column is missing"),
        ],
    ),
    "csv-empty-file": (
        _csv({"staff.csv": b"", "organisation.csv": b"\n\n"}),
        [("staff.csv", "file is empty"), ("organisation.csv", "file is empty")],
    ),
    "csv-bom": (
        _csv({"staff.csv": b"\xef\xbb\xbf" + STAFF_OK}),
        [("staff.csv", "byte-order mark")],
    ),
    "csv-cp1252": (
        _csv({"staff.csv": "id,name\nstaff:0100,Renée Smit\n".encode("cp1252")}),
        [("staff.csv: line 2", "not valid UTF-8 (byte 0xe9")],
    ),
    "csv-bad-cells": (
        _csv(
            {
                "staff.csv": STAFF_OK,
                "dossier.csv": b'id,title,milestones\ndossier:x,X,"[{""date"": 2026-01-01}]"\n',
                "WORKS_ON.csv": b"source,target,date\nstaff:0100,dossier:afsluitdijk,1-2-2025\n",
                "table.csv": b"id,name,edition,number,min_guests\n"
                b"table:9,Tafel 9,edition:1,9,veel\n",
            }
        ),
        [
            ("dossier.csv: row 2, field 'milestones'", "cell is not valid JSON"),
            ("WORKS_ON.csv: row 2, field 'date'", "'1-2-2025' is not a valid date"),
            ("table.csv: row 2 'table:9', field 'min_guests'", "'veel' is not a whole number"),
        ],
    ),
    "csv-row-shape-and-quotes": (
        _csv(
            {
                "staff.csv": STAFF_OK + b"staff:0101,Jan,bodem,extra\n",
                "organisation.csv": b'id,name,org_kind\norg:y,"Y ongesloten,ngo\n',
            }
        ),
        [
            ("staff.csv: row 3", "row has 4 cells but the header has 3"),
            ("organisation.csv: line 2", "CSV syntax error"),
        ],
    ),
    "xlsx-unknown-sheet": (
        _xlsx({"Blad1": [["id", "name"], ["staff:0100", "Eva"]]}),
        [("bad.xlsx[Blad1]", "unknown sheet name 'Blad1'")],
    ),
    "xlsx-bad-values": (
        _xlsx(
            {
                "staff": [["id", "name", "telefoon"], ["staff:0100", "Eva", "06"]],
                "organisation": [["id", "name", "org_kind"], ["org:x", "X", "bedrijf"]],
                "INTERACTED": [["source", "target", "date"], ["staff:0100", "org:x", "gisteren"]],
            }
        ),
        [
            ("bad.xlsx[staff]: row 1, field 'telefoon'", "unknown column"),
            ("bad.xlsx[organisation]: row 2 'org:x', field 'org_kind'", "'bedrijf' is not allowed"),
            ("bad.xlsx[INTERACTED]: row 2, field 'date'", "'gisteren' is not a valid date"),
        ],
    ),
    "xlsx-corrupt": (_corrupt_xlsx, [("bad.xlsx", "not a readable .xlsx workbook")]),
    "unknown-format": (_txt, [("graph.txt", "unknown format")]),
}


@pytest.mark.parametrize("case", sorted(BAD_CASES))
def test_bad_input_is_rejected_and_changes_nothing(case: str, db: Path, tmp_path: Path) -> None:
    build, expected = BAD_CASES[case]
    before = (logical_hash(db), file_hash(db))
    bad = build(tmp_path)

    result = invoke("import", str(bad), "--store", str(db))

    assert result.exit_code != 0
    lines = result.stderr.splitlines()
    for location, fragment in expected:
        assert any(location in line and fragment in line for line in lines), (
            f"no stderr line with {location!r} and {fragment!r}:\n{result.stderr}"
        )
    assert "nothing was written" in result.stderr
    assert result.stdout == ""
    assert (logical_hash(db), file_hash(db)) == before


def test_bad_input_with_replace_changes_nothing(db: Path, tmp_path: Path) -> None:
    before = (logical_hash(db), file_hash(db))
    bad = _mutate(_dangling)(tmp_path)
    result = invoke("import", str(bad), "--replace", "--store", str(db))
    assert result.exit_code == 1
    assert "(not in the file)" in result.stderr
    assert (logical_hash(db), file_hash(db)) == before


def test_missing_file_is_an_error(db: Path, tmp_path: Path) -> None:
    result = invoke("import", str(tmp_path / "nope.json"), "--store", str(db))
    assert result.exit_code == 1
    assert "no such file or folder" in result.stderr


# --------------------------------------------------------------------------- good paths


def test_init_prints_schema_version(tmp_path: Path) -> None:
    from graph.sqlite_store import SCHEMA_VERSION

    result = invoke("init", "--store", str(tmp_path / "new.db"))
    assert result.exit_code == 0, result.output
    assert f"schema version {SCHEMA_VERSION}" in result.stdout
    assert (tmp_path / "new.db").exists()


def test_import_then_export_gives_the_same_bytes(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    result = invoke("export", str(out), "--store", str(db))
    assert result.exit_code == 0, result.output
    assert "exported 12 nodes and 12 edges" in result.stdout
    assert out.read_bytes() == TINY.read_bytes()


def test_import_replace_swaps_the_graph(db: Path, tmp_path: Path) -> None:
    doc = {"format": "verbinder", "version": 1, "nodes": [node(tiny(), "staff:0002")], "edges": []}
    result = invoke(
        "import", str(write_doc(tmp_path / "one.json", doc)), "--replace", "--store", str(db)
    )
    assert result.exit_code == 0, result.output
    store = SqliteGraphStore(db)
    try:
        assert [n.id for n in store.nodes()] == ["staff:0002"]
        assert store.edges() == []
    finally:
        store.close()


def test_stats_json_and_table(db: Path) -> None:
    result = invoke("stats", "--json", "--store", str(db))
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["n_nodes"] == 12
    assert data["n_edges"] == 12
    assert data["nodes"]["organisation"] == 3
    assert data["contacts"] == {"total": 2, "with_consent": 1, "consent_share": 0.5}
    assert data["date_range"]["first"] == "2024-11-01"
    assert data["date_range"]["last"] == "2026-02-01"
    table = invoke("stats", "--store", str(db))
    assert table.exit_code == 0
    assert "weakly connected components" in table.stdout
    assert "INTERACTED (2025-01-05 … 2026-02-01)" in table.stdout


def test_export_to_unknown_format_fails(db: Path, tmp_path: Path) -> None:
    result = invoke("export", str(tmp_path / "out.csv"), "--store", str(db))
    assert result.exit_code == 1
    assert "give the folder" in result.stderr


def _seed_available() -> bool:
    try:
        from seeds import SEED_PATH, load_seed  # noqa: F401
    except ImportError:
        return False
    return Path(SEED_PATH).exists()


@pytest.mark.slow
@pytest.mark.skipif(
    not _seed_available(), reason="seeds.load_seed or the seed data is not there yet"
)
def test_seed_is_idempotent(tmp_path: Path) -> None:
    from seeds import load_seed

    store_path = tmp_path / "seed.db"
    first = invoke("seed", "--replace", "--store", str(store_path))
    assert first.exit_code == 0, first.output
    nodes, edges = load_seed()
    assert f"seeded {len(nodes)} nodes and {len(edges)} edges" in first.stdout
    once = logical_hash(store_path)
    second = invoke("seed", "--store", str(store_path))
    assert second.exit_code == 0, second.output
    assert logical_hash(store_path) == once


@pytest.mark.parametrize("name", ["init", "seed", "import", "export", "stats"])
def test_every_command_and_option_has_help(name: str) -> None:
    command = typer.main.get_command(cli.app)
    sub = command.commands[name]  # type: ignore[attr-defined]
    assert sub.help
    for param in sub.params:
        if param.name == "help":
            continue
        assert getattr(param, "help", None), f"{name}: {param.name} has no help"
