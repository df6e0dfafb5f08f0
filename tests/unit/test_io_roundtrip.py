"""Export → import into an empty store → export gives the same graph and the same files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph import SqliteGraphStore
from graph.formats.csv_format import read_csv_folder, write_csv_folder
from graph.formats.json_format import dump_document
from graph.formats.xlsx_format import write_xlsx
from graph.io import export_graph, import_graph, read_graph
from graph.model import Organisation, Staff

TINY = Path(__file__).parents[1] / "data" / "tiny_graph.json"


@pytest.fixture
def source(tmp_path: Path):
    store = SqliteGraphStore(tmp_path / "source.db")
    import_graph(store, TINY)
    yield store
    store.close()


def _xlsx_cells(path: Path) -> dict[str, list[tuple[object, ...]]]:
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True)
    try:
        return {ws.title: list(ws.iter_rows(values_only=True)) for ws in wb.worksheets}
    finally:
        wb.close()


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.mark.parametrize("name", ["graph.json", "graph.xlsx", "graph_csv"])
def test_round_trip_is_exact(source: SqliteGraphStore, tmp_path: Path, name: str) -> None:
    first = tmp_path / "a" / name
    export_graph(source, first)

    copy = SqliteGraphStore(tmp_path / "copy.db")
    try:
        assert import_graph(copy, first) == (12, 12)
        assert copy.nodes() == source.nodes()
        assert copy.edges() == source.edges()
        second = tmp_path / "b" / name
        export_graph(copy, second)
        export_graph(copy, tmp_path / "copy.json")
    finally:
        copy.close()
    export_graph(source, tmp_path / "source.json")

    assert (tmp_path / "copy.json").read_bytes() == (tmp_path / "source.json").read_bytes()
    if name.endswith((".json", ".xlsx")):
        assert second.read_bytes() == first.read_bytes()
        if name.endswith(".xlsx"):
            assert _xlsx_cells(second) == _xlsx_cells(first)
    else:
        assert _files(second) == _files(first)


def test_committed_fixture_is_in_canonical_form(source: SqliteGraphStore) -> None:
    assert dump_document(source.nodes(), source.edges()).encode() == TINY.read_bytes()


def test_read_graph_returns_models_in_file_order() -> None:
    nodes, edges = read_graph(TINY)
    assert [n.id for n in nodes][:3] == ["contact:eneco-1", "contact:tno-1", "dossier:afsluitdijk"]
    assert len(edges) == 12


def test_csv_cells_are_readable(source: SqliteGraphStore, tmp_path: Path) -> None:
    export_graph(source, tmp_path / "csv")
    org = (tmp_path / "csv" / "organisation.csv").read_text(encoding="utf-8").splitlines()
    assert org[0] == "id,name,org_kind,sectors,region,description,documents,website,opt_out"
    # an item holding ';' switches the cell to a JSON array; a leading '=' stays text
    assert org[1] == "org:eneco,Eneco,company,,,,,=cmd,true"
    dossier = (tmp_path / "csv" / "dossier.csv").read_text(encoding="utf-8").splitlines()
    assert dossier[1].startswith(
        "dossier:afsluitdijk,Afsluitdijk,,,exploration,responsief; rechtmatig,"
    )
    assert '""label"": ""Besluit""' in dossier[1]


def test_csv_accepts_semicolon_delimiter_and_dutch_booleans(tmp_path: Path) -> None:
    folder = tmp_path / "nl"
    folder.mkdir()
    (folder / "contact.csv").write_text(
        "id;name;consent;consent_date\ncontact:x-1;Eva;ja;2025-02-03\ncontact:x-2;Piet;nee;\n",
        encoding="utf-8",
    )
    (folder / "staff.csv").write_text("id,name,languages\nstaff:1,Jan,nl; en\n", encoding="utf-8")
    nodes, _ = read_graph(folder)
    by_id = {n.id: n for n in nodes}
    assert by_id["contact:x-1"].consent is True  # type: ignore[attr-defined]
    assert by_id["contact:x-1"].consent_date == dt.date(2025, 2, 3)  # type: ignore[attr-defined]
    assert by_id["contact:x-2"].consent is False  # type: ignore[attr-defined]
    assert by_id["staff:1"].languages == ["nl", "en"]  # type: ignore[attr-defined]


def test_xlsx_reads_native_excel_types(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "edition"
    ws.append(["id", "name", "start_date", "end_date"])
    ws.append(["edition:7", "Editie 7", dt.datetime(2026, 4, 1), dt.date(2026, 4, 3)])
    tables = wb.create_sheet("table")
    tables.append(["id", "name", "edition", "number", "max_guests"])
    tables.append(["table:7-1", "Tafel 1", "edition:7", 1.0, 3])
    wb.save(tmp_path / "in.xlsx")
    nodes, _ = read_graph(tmp_path / "in.xlsx")
    edition, table = nodes
    assert edition.start_date == dt.date(2026, 4, 1)  # type: ignore[attr-defined]
    assert edition.end_date == dt.date(2026, 4, 3)  # type: ignore[attr-defined]
    assert table.number == 1  # type: ignore[attr-defined]
    assert table.max_guests == 3  # type: ignore[attr-defined]


def test_empty_store_round_trips(tmp_path: Path) -> None:
    empty = SqliteGraphStore(tmp_path / "empty.db")
    try:
        for name in ("e.json", "e.xlsx", "e_csv"):
            export_graph(empty, tmp_path / name)
        assert read_graph(tmp_path / "e.json") == ([], [])
        assert read_graph(tmp_path / "e.xlsx") == ([], [])
    finally:
        empty.close()


# "_x0041_" exercises the OOXML escaping of the workbook format
_text = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), whitelist_characters="\r\n\t"), max_size=40
) | st.sampled_from(["_x0041_", "a\rb", "_x005F_x000D_", "=SUM(A1)", "[x]; y"])
_items = st.lists(_text.map(str.strip).filter(bool), max_size=4)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    name=_text.filter(lambda s: s.strip()),
    description=_text,
    sectors=_items,
    documents=_items,
    languages=_items,
)
def test_csv_json_and_xlsx_round_trip_any_text(
    tmp_path_factory: pytest.TempPathFactory,
    name: str,
    description: str,
    sectors: list[str],
    documents: list[str],
    languages: list[str],
) -> None:
    org = Organisation(
        id="org:x",
        name=name,
        org_kind="ngo",
        sectors=sectors,
        description=description,
        documents=documents,
    )
    staff = Staff(id="staff:1", name=name, expertise=description + "\n" + name, languages=languages)
    folder = tmp_path_factory.mktemp("csv")
    write_csv_folder(folder, [org, staff], [])
    raw_nodes, raw_edges, errors = read_csv_folder(folder)
    assert errors == []
    from graph.formats.common import validate_records

    nodes, _ = validate_records(raw_nodes, raw_edges, errors)
    assert errors == []
    assert sorted(nodes, key=lambda n: n.id) == [org, staff]
    doc = folder / "g.json"
    doc.write_text(dump_document([org, staff], []), encoding="utf-8")
    assert read_graph(doc) == ([org, staff], [])
    workbook = folder / "g.xlsx"
    write_xlsx(workbook, [org, staff], [])
    assert sorted(read_graph(workbook)[0], key=lambda n: n.id) == [org, staff]


def test_xlsx_carries_no_time_of_export(source: SqliteGraphStore, tmp_path: Path) -> None:
    """Document properties and zip entries hold one fixed timestamp, so two exports made at
    different moments are the same bytes."""
    import zipfile

    export_graph(source, tmp_path / "graph.xlsx")
    with zipfile.ZipFile(tmp_path / "graph.xlsx") as package:
        core = package.read("docProps/core.xml").decode("utf-8")
        stamps = {info.date_time for info in package.infolist()}
    assert "1980-01-01T00:00:00Z" in core
    assert stamps == {(1980, 1, 1, 0, 0, 0)}


@pytest.mark.filterwarnings("error::pytest.PytestUnraisableExceptionWarning")
def test_an_xlsx_refused_midway_leaves_no_file_and_no_open_sheet(tmp_path: Path) -> None:
    """A text too long for one Excel cell stops the export with the record and field named;
    the sheets already begun are finished, not left for the garbage collector."""
    import gc

    from graph.errors import GraphError
    from graph.model import Organisation

    ok = Organisation(id="org:a", name="A", org_kind="ngo")
    docs = ["y" * 8_000] * 5  # each a valid text; together more than one cell holds
    long = Organisation(id="org:b", name="B", org_kind="ngo", documents=docs)
    target = tmp_path / "out.xlsx"
    with pytest.raises(GraphError, match="organisation 'org:b', field 'documents'"):
        write_xlsx(target, [ok, long], [])
    gc.collect()
    assert not target.exists() and not (tmp_path / "out.xlsx.tmp").exists()
