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
    rows = list(csv.DictReader(path.open(encoding="utf-8-sig")))
    assert [(r["sessie-id"], r["tafel-id"], r["gast-id"]) for r in rows] == [
        ("s1", "a", "g"),
        ("s2", "a", "h"),
        ("s2", "b", "g"),
    ]
    assert rows[0]["Relevantie"] == "0.9"
    assert rows[0]["Waarom"].startswith("relevantie 0,90 voor de opgave van a (+900 punten)")
    assert "nieuw voor a: nog niet eerder ontmoet (+150 punten)" in rows[0]["Waarom"]


def test_xlsx_has_overview_and_a_sheet_per_session(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    p, plan = _plan()
    wb = load_workbook(write_xlsx(p, plan, tmp_path / "plan.xlsx"))
    assert wb.sheetnames == ["Overzicht", "s1", "s2"]
    assert wb["Overzicht"]["B1"].value == "optimal"
    s2 = [[c.value for c in row] for row in wb["s2"].iter_rows(min_row=2)]
    assert [(r[7], r[8], r[9]) for r in s2] == [("s2", "a", "h"), ("s2", "b", "g")]


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
