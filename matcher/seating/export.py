"""Export a seating plan per session and table, with reasons: CSV, XLSX and printable HTML cards.

All three carry the same rows (:func:`plan_rows`): session (with date and time when known), table,
team, guest, organisation, relevance and the Dutch reasons — computed from the solver's terms when
the plan carries none (a stored plan). The CSV is written for Dutch spreadsheet programs:
``;``-separated, decimal comma, UTF-8 with a byte-order mark. The HTML page prints one card per
table and session (A4, page breaks between sessions) with date, time and venue.

``edition`` (optional everywhere) describes the edition for people: ``{"name", "location",
"start", "end", "sessions": {session_id: {"date", "time"}}}``.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from matcher.seating.plan import SeatingPlan
from matcher.seating.problem import Seat, SeatingProblem
from matcher.vocabulary import (
    SEATING_METHOD_NL,
    SEATING_STATUS_NL,
    format_date_nl,
    format_number_nl,
)

__all__ = ["COLUMNS", "plan_rows", "write_csv", "write_html", "write_xlsx"]

#: Column keys and their Dutch headers.
COLUMNS: list[tuple[str, str]] = [
    ("session", "Sessie"),
    ("when", "Datum en tijd"),
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


def _reasons(problem: SeatingProblem, plan: SeatingPlan) -> dict[Seat, list[str]]:
    if plan.reasons or not plan.seats:
        return dict(plan.reasons)
    from matcher.seating.reasons import seat_reasons

    try:
        return seat_reasons(problem, plan)
    except (ValueError, KeyError, IndexError):  # a stored plan that no longer fits the problem
        return {}


def _when(edition: dict[str, Any] | None, session_id: str) -> str:
    info = ((edition or {}).get("sessions") or {}).get(session_id)
    if not info:
        return ""
    return f"{format_date_nl(info['date'])} {info['time']}".strip()


def plan_rows(
    problem: SeatingProblem, plan: SeatingPlan, edition: dict[str, Any] | None = None
) -> list[dict[str, Any]]:
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
    reasons = _reasons(problem, plan)
    rows = []
    for seat in sorted(plan.seats, key=lambda s: (s_order[s.session], t_order[s.table], s.guest)):
        t = problem.table(seat.table)
        g = problem.guest(seat.guest)
        rows.append(
            {
                "session": problem.session(seat.session).label,
                "when": _when(edition, seat.session),
                "table": t.label,
                "team": t.team_name or t.team_id,
                "guest": g.label,
                "organisation": g.organisation_name or g.organisation,
                "relevance": round(float(rel[g_index[g.id], t_order[t.id]]), 3),
                "reasons": "; ".join(reasons.get(seat, [])),
                "reason_list": list(reasons.get(seat, [])),
                "session_id": seat.session,
                "table_id": seat.table,
                "guest_id": seat.guest,
            }
        )
    return rows


def _cell_nl(value: Any) -> Any:
    return format_number_nl(value) if isinstance(value, float) else value


def write_csv(
    problem: SeatingProblem,
    plan: SeatingPlan,
    path: str | Path,
    edition: dict[str, Any] | None = None,
) -> Path:
    """Write the plan as CSV for Dutch spreadsheet programs: ``;`` between columns, a decimal
    comma, UTF-8 with a byte-order mark (so the accents survive)."""
    path = Path(path)
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f, delimiter=";")
        w.writerow([h for _, h in COLUMNS])
        for row in plan_rows(problem, plan, edition):
            w.writerow([_cell_nl(row[k]) for k, _ in COLUMNS])
    return path


def _status_nl(plan: SeatingPlan) -> str:
    return SEATING_STATUS_NL.get(plan.status, plan.status)


def _method_nl(plan: SeatingPlan) -> str:
    return SEATING_METHOD_NL.get(plan.method or "", plan.method or "")


def _title(problem: SeatingProblem, edition: dict[str, Any] | None) -> str:
    return str((edition or {}).get("name") or problem.name)


def write_xlsx(
    problem: SeatingProblem,
    plan: SeatingPlan,
    path: str | Path,
    edition: dict[str, Any] | None = None,
) -> Path:
    """Write the plan as an XLSX workbook: an overview sheet and one sheet per session."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    path = Path(path)
    rows = plan_rows(problem, plan, edition)
    wb = Workbook()
    ws = wb.active
    ws.title = "Overzicht"
    ws.append(["Editie", _title(problem, edition)])
    if edition and edition.get("location"):
        ws.append(["Locatie", edition["location"]])
    ws.append(["Status", _status_nl(plan)])
    ws.append(["Methode", _method_nl(plan)])
    if plan.objective is not None:
        ws.append(["Doelwaarde", plan.objective])
    if plan.greedy_objective is not None:
        ws.append(["Doelwaarde eenvoudige indeling", plan.greedy_objective])
    ws.append([])
    headers = [h for _, h in COLUMNS]

    def sheet(ws_, data: list[dict[str, Any]]) -> None:
        ws_.append(headers)
        for c in ws_[ws_.max_row]:
            c.font = Font(bold=True)
        for row in data:
            ws_.append([row[k] for k, _ in COLUMNS])
        for col, width in zip("ABCDEFGH", (22, 22, 14, 34, 26, 30, 10, 90), strict=True):
            ws_.column_dimensions[col].width = width
        for r in ws_.iter_rows(min_row=2):
            if len(r) > 7:
                r[7].alignment = Alignment(wrap_text=True, vertical="top")

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
<meta name="viewport" content="width=device-width, initial-scale=1">
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
<main>
<h1>Tafelkaarten {{ title }}</h1>
<p class="meta">{% if dates %}{{ dates }}{% endif %}{% if location %} · {{ location }}{% endif %}</p>
<p class="meta">Indeling: {{ status }} ({{ method }}){% if objective %} · doelwaarde {{ objective }}{% endif %}</p>
{% for session in sessions %}
<section>
<h2>{{ session.label }}{% if session.when %} — {{ session.when }}{% endif %}</h2>
<div class="cards">
{% for card in session.cards %}
  <div class="card">
    <h3>{{ card.table }}</h3>
    <p class="team">{{ card.team }}</p>
    {% if session.when or location %}<p class="meta">{{ session.when }}{% if location %} · {{ location }}{% endif %}</p>{% endif %}
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
</main>
</body>
</html>
"""


def write_html(
    problem: SeatingProblem,
    plan: SeatingPlan,
    path: str | Path,
    edition: dict[str, Any] | None = None,
) -> Path:
    """Write a printable HTML page of table cards: per session, one card per table, each with
    the session's date and time and the venue."""
    from jinja2 import Environment

    path = Path(path)
    rows = plan_rows(problem, plan, edition)
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
        sessions.append({"label": s.label, "when": _when(edition, s.id), "cards": cards})
    env = Environment(autoescape=True)
    info = edition or {}
    dates = ""
    if info.get("start"):
        dates = format_date_nl(info["start"])
        if info.get("end") and info["end"] != info["start"]:
            dates += f" t/m {format_date_nl(info['end'])}"
    html = env.from_string(_HTML).render(
        title=_title(problem, edition),
        dates=dates,
        location=info.get("location", ""),
        status=_status_nl(plan),
        method=_method_nl(plan),
        objective="" if plan.objective is None else f"{plan.objective:.0f}",
        sessions=sessions,
    )
    path.write_text(html, encoding="utf-8")
    return path
