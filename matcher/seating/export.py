"""Export a seating plan per session and table, with reasons: CSV, XLSX and printable HTML cards.

All three carry the same rows (:func:`plan_rows`): session, table, team, guest, organisation,
relevance and the Dutch reasons. The HTML page prints one card per table and session (A4, page
breaks between sessions).
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from matcher.seating.plan import SeatingPlan
from matcher.seating.problem import SeatingProblem

__all__ = ["COLUMNS", "plan_rows", "write_csv", "write_html", "write_xlsx"]

#: Column keys and their Dutch headers.
COLUMNS: list[tuple[str, str]] = [
    ("session", "Sessie"),
    ("table", "Tafel"),
    ("team", "Team"),
    ("guest", "Gast"),
    ("organisation", "Organisatie"),
    ("relevance", "Relevantie"),
    ("reasons", "Waarom"),
    ("session_id", "sessie-id"),
    ("table_id", "tafel-id"),
    ("guest_id", "gast-id"),
]


def plan_rows(problem: SeatingProblem, plan: SeatingPlan) -> list[dict[str, Any]]:
    """One dict per seat, in session order then table order (as in the problem).

    Examples
    --------
    >>> from matcher.seating.jsonio import problem_from_json
    >>> from matcher.seating.problem import Seat
    >>> p = problem_from_json({"sessions": [{"id": "s", "name": "Ronde 1"}],
    ...     "tables": [{"id": "t", "name": "Tafel 1"}],
    ...     "guests": [{"id": "g", "name": "An", "organisation_name": "TNO"}],
    ...     "relevance": [[0.75]]})
    >>> row = plan_rows(p, SeatingPlan([Seat("s", "t", "g")], "optimal"))[0]
    >>> row["session"], row["table"], row["guest"], row["organisation"], row["relevance"]
    ('Ronde 1', 'Tafel 1', 'An', 'TNO', 0.75)
    """
    s_order = {s: i for i, s in enumerate(problem.session_ids)}
    t_order = {t: i for i, t in enumerate(problem.table_ids)}
    g_index = {g: i for i, g in enumerate(problem.guest_ids)}
    rel = problem.relevance_matrix()
    rows = []
    for seat in sorted(plan.seats, key=lambda s: (s_order[s.session], t_order[s.table], s.guest)):
        t = problem.table(seat.table)
        g = problem.guest(seat.guest)
        rows.append(
            {
                "session": problem.session(seat.session).label,
                "table": t.label,
                "team": t.team_name or t.team_id,
                "guest": g.label,
                "organisation": g.organisation_name or g.organisation,
                "relevance": round(float(rel[g_index[g.id], t_order[t.id]]), 3),
                "reasons": "; ".join(plan.reasons.get(seat, [])),
                "reason_list": list(plan.reasons.get(seat, [])),
                "session_id": seat.session,
                "table_id": seat.table,
                "guest_id": seat.guest,
            }
        )
    return rows


def write_csv(problem: SeatingProblem, plan: SeatingPlan, path: str | Path) -> Path:
    """Write the plan as CSV (UTF-8 with BOM so spreadsheet programs read the accents)."""
    path = Path(path)
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow([h for _, h in COLUMNS])
        for row in plan_rows(problem, plan):
            w.writerow([row[k] for k, _ in COLUMNS])
    return path


def write_xlsx(problem: SeatingProblem, plan: SeatingPlan, path: str | Path) -> Path:
    """Write the plan as an XLSX workbook: an overview sheet and one sheet per session."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    path = Path(path)
    rows = plan_rows(problem, plan)
    wb = Workbook()
    ws = wb.active
    ws.title = "Overzicht"
    ws.append(["Status", plan.status])
    ws.append(["Methode", plan.method])
    ws.append(["Doelwaarde", plan.objective])
    ws.append(["Gap", plan.gap])
    ws.append(["Greedy doelwaarde", plan.greedy_objective])
    for k, v in plan.terms.items():
        ws.append([f"term: {k}", v])
    ws.append([])
    headers = [h for _, h in COLUMNS]

    def sheet(ws_, data: list[dict[str, Any]]) -> None:
        ws_.append(headers)
        for c in ws_[ws_.max_row]:
            c.font = Font(bold=True)
        for row in data:
            ws_.append([row[k] for k, _ in COLUMNS])
        for col, width in zip("ABCDEFG", (22, 14, 34, 26, 30, 10, 90), strict=True):
            ws_.column_dimensions[col].width = width
        for r in ws_.iter_rows(min_row=2):
            r[6].alignment = Alignment(wrap_text=True, vertical="top")

    sheet(ws, rows)
    used: set[str] = {"Overzicht"}
    for s in problem.sessions:
        title = "".join(ch for ch in s.label if ch not in "[]:*?/\\")[:31] or s.id[:31]
        while title in used:
            title = title[:28] + f"~{len(used)}"
        used.add(title)
        sheet(wb.create_sheet(title), [r for r in rows if r["session_id"] == s.id])
    wb.save(path)
    return path


_HTML = """<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<title>Tafelkaarten {{ title }}</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 1.5rem; color: #1b1b1b; }
  h1 { font-size: 1.4rem; } h2 { font-size: 1.15rem; margin-top: 1.5rem; }
  .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(18rem, 1fr)); gap: 1rem; }
  .card { border: 2px solid #154273; border-radius: 6px; padding: .8rem 1rem; break-inside: avoid; }
  .card h3 { margin: 0 0 .2rem; color: #154273; font-size: 1.05rem; }
  .team { font-style: italic; margin: 0 0 .6rem; }
  .guest { margin: .5rem 0; } .guest b { display: block; }
  .why { font-size: .8rem; color: #444; margin: .1rem 0 0 .8rem; padding: 0; }
  .empty { color: #777; }
  .meta { font-size: .85rem; color: #555; }
  @media print { section { page-break-after: always; } body { margin: 0; } }
</style>
</head>
<body>
<h1>Tafelkaarten {{ title }}</h1>
<p class="meta">Status: {{ plan.status }} ({{ plan.method }}) · doelwaarde {{ objective }}
{%- if gap is not none %} · gap {{ gap }}{% endif %}</p>
{% for session in sessions %}
<section>
<h2>{{ session.label }}</h2>
<div class="cards">
{% for card in session.cards %}
  <div class="card">
    <h3>{{ card.table }}</h3>
    <p class="team">{{ card.team }}</p>
    {% for g in card.guests %}
    <div class="guest"><b>{{ g.guest }}</b>{{ g.organisation }}
      <ul class="why">{% for r in g.reasons %}<li>{{ r }}</li>{% endfor %}</ul>
    </div>
    {% else %}<p class="empty">geen gasten</p>{% endfor %}
  </div>
{% endfor %}
</div>
</section>
{% endfor %}
</body>
</html>
"""


def write_html(problem: SeatingProblem, plan: SeatingPlan, path: str | Path) -> Path:
    """Write a printable HTML page of table cards: per session, one card per table."""
    from jinja2 import Environment

    path = Path(path)
    rows = plan_rows(problem, plan)
    sessions = []
    for s in problem.sessions:
        cards = []
        for t in problem.tables:
            guests = [
                {
                    "guest": r["guest"],
                    "organisation": r["organisation"],
                    "reasons": r["reason_list"],
                }
                for r in rows
                if r["session_id"] == s.id and r["table_id"] == t.id
            ]
            cards.append({"table": t.label, "team": t.team_name or t.team_id, "guests": guests})
        sessions.append({"label": s.label, "cards": cards})
    env = Environment(autoescape=True)
    html = env.from_string(_HTML).render(
        title=problem.name,
        plan=plan,
        objective="–" if plan.objective is None else f"{plan.objective:.0f}",
        gap=None if plan.gap is None else f"{plan.gap:.2%}",
        sessions=sessions,
    )
    path.write_text(html, encoding="utf-8")
    return path
