"""Exports: CSV, XLSX and the printable HTML table cards carry the plan and its reasons."""

from __future__ import annotations

import csv
from pathlib import Path

from matcher.seating import plan_from_json, plan_seating, plan_to_json, problem_from_json
from matcher.seating.export import write_csv, write_html, write_xlsx

DATA = Path(__file__).parents[1] / "data" / "seating"


def _plan():
    p = problem_from_json(DATA / "hand_rotation.json")
    return p, plan_seating(p)


def test_csv_rows_and_reasons(tmp_path: Path) -> None:
    p, plan = _plan()
    path = write_csv(p, plan, tmp_path / "plan.csv")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
    rows = list(csv.DictReader(path.open(encoding="utf-8-sig"), delimiter=";"))
    assert [(r["sessie-id"], r["tafel-id"], r["gast-id"]) for r in rows] == [
        ("s1", "a", "g"),
        ("s2", "a", "h"),
        ("s2", "b", "g"),
    ]
    assert rows[0]["Relevantie"] == "0,9"  # decimal comma
    assert rows[0]["Waarom"].startswith("relevantie 0,90 voor de opgave van a (+900 punten)")
    assert "nieuw voor a: nog niet eerder ontmoet (+150 punten)" in rows[0]["Waarom"]


def test_csv_opens_as_columns_in_dutch_excel(tmp_path: Path) -> None:
    """Dutch Excel splits on ``;``: every line has the header's number of fields, and no field
    holds a decimal point that Excel would misread."""
    p, plan = _plan()
    text = write_csv(p, plan, tmp_path / "plan.csv").read_text(encoding="utf-8-sig")
    lines = list(csv.reader(text.splitlines(), delimiter=";"))
    assert lines[0][:3] == ["Sessie", "Datum en tijd", "Tafel"]
    assert {len(line) for line in lines} == {len(lines[0])} and len(lines[0]) > 5
    assert "," not in text.splitlines()[0]


def test_stored_plan_without_reasons_gets_them_computed(tmp_path: Path) -> None:
    from matcher.seating import SeatingPlan

    p, plan = _plan()
    stored = SeatingPlan(list(plan.seats), "feasible", method="stored")  # no reasons kept
    rows = list(
        csv.DictReader(
            write_csv(p, stored, tmp_path / "s.csv").open(encoding="utf-8-sig"), delimiter=";"
        )
    )
    assert all(r["Waarom"] for r in rows)
    assert rows[0]["Waarom"].startswith("relevantie 0,90 voor de opgave van a")


def test_xlsx_has_overview_and_a_sheet_per_session(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    p, plan = _plan()
    wb = load_workbook(write_xlsx(p, plan, tmp_path / "plan.xlsx"))
    assert wb.sheetnames == ["Overzicht", "s1", "s2"]
    overview = {r[0].value: r[1].value for r in wb["Overzicht"].iter_rows() if r[0].value}
    assert overview["Status"] == "optimaal"  # Dutch, not the solver's word
    s2 = [[c.value for c in row] for row in wb["s2"].iter_rows(min_row=2)]
    assert [(r[8], r[9], r[10]) for r in s2] == [("s2", "a", "h"), ("s2", "b", "g")]
    assert all(r[7] for r in s2)  # "Waarom" filled


def test_html_cards_escape_and_list_guests(tmp_path: Path) -> None:
    p = problem_from_json(
        {
            "sessions": [{"id": "s", "name": "Ronde <1>"}],
            "tables": [{"id": "t", "name": "Tafel & co", "max_guests": 1}, {"id": "u"}],
            "guests": [{"id": "g", "name": "<script>x</script>"}],
            "relevance": [[0.5, 0.1]],
        }
    )
    plan = plan_seating(p)
    html = write_html(p, plan, tmp_path / "tables.html").read_text(encoding="utf-8")
    assert "<script>x" not in html and "&lt;script&gt;x&lt;/script&gt;" in html
    assert "Tafel &amp; co" in html and "Ronde &lt;1&gt;" in html
    assert html.count('class="card"') == 2 and "geen gasten" in html


def test_plan_json_round_trip() -> None:
    _, plan = _plan()
    data = plan_to_json(plan)
    back = plan_from_json(data)
    assert back.seats == plan.seats and back.objective == plan.objective
    assert back.reasons == plan.reasons
