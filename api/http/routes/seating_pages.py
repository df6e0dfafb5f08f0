"""The page "Tafels indelen" (facilitators, admins): see, plan, re-plan and edit an edition's tables.

A facilitator sees the edition's dates, venue, session times and table capacity; plans it (with a
confirmation before an existing plan is overwritten), moves a guest by hand (the seat is pinned and
the rest is re-optimised around the pins, with the rules the move breaks named), pins or unpins
seats, re-plans after a cancellation or an extra table, and undoes the last change from the stored
history. Every status and method word comes from :mod:`matcher.vocabulary`.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, Response

from api.http.web import disclosed, page_key, render, runtime_of, worklist_of
from api.keystore import ApiKey, Role
from api.privacy import Disclosure, Purpose
from api.seating_editor import SeatingEditor, edition_facts, name_ids
from graph.errors import NotFoundError
from matcher.seating import SeatingError, SeatingPlan, SeatingProblem, plan_to_json
from matcher.seating.export import plan_rows
from matcher.seating.validate import plan_violations
from matcher.vocabulary import SEATING_METHOD_NL, SEATING_STATUS_NL, count_nl

__all__ = ["plan_answer", "router"]

router = APIRouter(include_in_schema=False)

Id = Annotated[str, Form(max_length=200)]


def plan_answer(
    problem: SeatingProblem,
    plan: SeatingPlan,
    disclosure: Disclosure,
    edition: dict[str, Any] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """The plan as JSON with tables, sessions and one row per seat (names and reasons)."""
    data = plan_to_json(plan)
    data["tables"] = [
        {
            "id": t.id,
            "label": t.label,
            "team": t.team_name or t.team_id,
            "min": t.min_guests,
            "max": t.max_guests,
        }
        for t in problem.tables
    ]
    data["sessions"] = [{"id": s.id, "label": s.label} for s in problem.sessions]
    data["rows"] = [
        {k: v for k, v in r.items() if k != "reason_list"}
        for r in plan_rows(problem, plan, edition)
    ]
    if not plan.feasible and plan.diagnosis is not None:
        data["diagnosis_text"] = plan.diagnosis.text()
    data.update(extra)
    data = disclosure.scan(data)
    disclosure.shown.update(s.guest for s in plan.seats)
    return data


def _editor(request: Request) -> SeatingEditor:
    return SeatingEditor(runtime_of(request).services, worklist_of(request))


def _grid(plan: dict[str, Any], pinned: set[tuple[str, str]]) -> dict[tuple[str, str], list[Any]]:
    grid: dict[tuple[str, str], list[Any]] = {}
    for r in plan["rows"]:
        r["pinned"] = (r["guest_id"], r["session_id"]) in pinned
        grid.setdefault((r["session_id"], r["table_id"]), []).append(r)
    return grid


def _page(
    request: Request, key: ApiKey, edition: str | None, extra: dict[str, Any], status: int = 200
) -> Response:
    runtime = runtime_of(request)
    services = runtime.services
    editions = services.options("edition")
    edition = edition or (editions[-1][0] if editions else None)
    ctx: dict[str, Any] = {"titel": "Tafels indelen", "edities": editions, "editie": edition}
    ctx.update(extra)
    if not edition:
        return render(request, "tafels.html", ctx, key=key, status_code=status)
    try:
        facts = edition_facts(runtime.store, edition)
    except NotFoundError:
        ctx["editie"] = None
        ctx["fout"] = f"Onbekende programma-editie: {edition}"
        return render(request, "tafels.html", ctx, key=key, status_code=404)
    ctx["feiten"] = facts
    with disclosed(request, key, Purpose.SEATING) as disclosure:
        problem, plan = services.current_plan(edition)
        if "plan" not in ctx:
            ctx["plan"] = plan_answer(problem, plan, disclosure, facts)
        data = ctx["plan"]
        broken = plan_violations(problem, plan) if plan.seats else []
        ctx["regelbreuken"] = [disclosure.scan(name_ids(problem, v)) for v in broken]
        ctx["raster"] = _grid(data, {(p.guest, p.session) for p in problem.pinned})
        ctx["gasten"] = sorted(
            {
                (g.id, disclosure.scan(f"{g.label} ({g.organisation_name or g.organisation})"))
                for g in problem.guests
            },
            key=lambda g: g[1],
        )
    ctx["teams"] = sorted({(t["team"], t["team"]) for t in data["tables"]})
    ctx["status_nl"] = SEATING_STATUS_NL.get(data["status"], data["status"])
    if ctx["regelbreuken"]:  # a hand move kept against a rule: the plan no longer holds
        ctx["status_nl"] = "breekt " + count_nl(len(ctx["regelbreuken"]), "regel", "regels")
    ctx["methode_nl"] = SEATING_METHOD_NL.get(data.get("method") or "", data.get("method") or "")
    ctx["bezetting"] = {
        f"{s}|{t}": len(rows) for (s, t), rows in ctx["raster"].items()
    }  # for the live warnings of the move form
    ctx["capaciteit"] = {t["id"]: t["max"] for t in data["tables"]}
    ctx["geschiedenis"] = worklist_of(request).plan_history(edition, limit=5)
    return render(request, "tafels.html", ctx, key=key, status_code=status)


@router.get("/tafels", response_class=HTMLResponse)
def seating_page(
    request: Request, editie: Annotated[str | None, Query(max_length=200)] = None
) -> Response:
    key = page_key(request, Role.FACILITATOR, Role.ADMIN)
    return _page(request, key, editie, {})


@router.post("/tafels/indelen", response_class=HTMLResponse)
def seating_plan_page(request: Request, editie: Id, bevestigd: Id = "") -> Response:
    """Plan from scratch; an existing plan is only overwritten after the facilitator confirms."""
    key = page_key(request, Role.FACILITATOR, Role.ADMIN)
    services = runtime_of(request).services
    _, current = services.current_plan(editie)
    if current.seats and bevestigd != "ja":
        return _page(request, key, editie, {"bevestigen": len(current.seats)})
    problem, plan = _editor(request).plan(editie)
    if plan.feasible:
        status = SEATING_STATUS_NL.get(plan.status, plan.status)
        melding = f"Nieuwe indeling opgeslagen: {len(plan.seats)} plaatsen ({status})."
        return _page(request, key, editie, {"melding": melding})
    with disclosed(request, key, Purpose.SEATING) as disclosure:
        data = plan_answer(problem, plan, disclosure)
    return _page(
        request, key, editie, {"plan": data, "fout": data.get("diagnosis_text", plan.status)}, 422
    )


def _after_edit(request: Request, key: ApiKey, edition: str, result: Any, done: str) -> Response:
    with disclosed(request, key, Purpose.SEATING) as disclosure:
        warnings = disclosure.scan(result.warnings)
        changes = disclosure.scan(result.changes)
    extra: dict[str, Any] = {"waarschuwingen": warnings, "wijzigingen": changes}
    if result.plan.feasible:
        told = count_nl(len(changes), "wijziging", "wijzigingen") if changes else "niets veranderd"
        extra["melding"] = f"{done}: {told}."
        return _page(request, key, edition, extra)
    extra["fout"] = "Niet opgeslagen: met deze vastgezette plaatsen lukt geen geldige indeling."
    return _page(request, key, edition, extra, 422)


@router.post("/tafels/verplaatsen", response_class=HTMLResponse)
def seating_move_page(request: Request, editie: Id, gast: Id, sessie: Id, tafel: Id) -> Response:
    key = page_key(request, Role.FACILITATOR, Role.ADMIN)
    try:
        result = _editor(request).move(editie, gast, sessie, tafel)
    except SeatingError as e:
        return _page(request, key, editie, {"fout": f"Verplaatsen lukt niet: {e}"}, 422)
    return _after_edit(request, key, editie, result, "Gast verplaatst en vastgezet")


@router.post("/tafels/vastzetten", response_class=HTMLResponse)
def seating_pin_page(request: Request, editie: Id, gast: Id, sessie: Id) -> Response:
    key = page_key(request, Role.FACILITATOR, Role.ADMIN)
    try:
        pinned = _editor(request).toggle_pin(editie, gast, sessie)
    except SeatingError as e:
        return _page(request, key, editie, {"fout": f"Vastzetten lukt niet: {e}"}, 422)
    problem = runtime_of(request).services.seating_problem(editie)
    who = name_ids(problem, f"{gast} in {sessie}")
    with disclosed(request, key, Purpose.SEATING) as disclosure:
        who = disclosure.scan(who)
    melding = f"{who} staat nu {'vast' if pinned else 'los'}."
    return _page(request, key, editie, {"melding": melding})


@router.post("/tafels/heroptimaliseren", response_class=HTMLResponse)
def seating_reoptimise_page(request: Request, editie: Id) -> Response:
    key = page_key(request, Role.FACILITATOR, Role.ADMIN)
    try:
        result = _editor(request).reoptimise(editie)
    except SeatingError as e:
        return _page(request, key, editie, {"fout": f"Heroptimaliseren lukt niet: {e}"}, 422)
    return _after_edit(request, key, editie, result, "Opnieuw geoptimaliseerd rond vaste plaatsen")


@router.post("/tafels/ongedaan", response_class=HTMLResponse)
def seating_undo_page(request: Request, editie: Id) -> Response:
    key = page_key(request, Role.FACILITATOR, Role.ADMIN)
    try:
        n = _editor(request).undo(editie)
    except SeatingError as e:
        return _page(request, key, editie, {"fout": f"Ongedaan maken lukt niet: {e}"}, 422)
    return _page(request, key, editie, {"melding": f"Vorige indeling teruggezet ({n} plaatsen)."})


@router.post("/tafels/herindelen", response_class=HTMLResponse)
def seating_replan_page(
    request: Request,
    editie: Id,
    afmelding: Id = "",
    extra_tafel: Id = "",
) -> Response:
    key = page_key(request, Role.FACILITATOR, Role.ADMIN)
    services = runtime_of(request).services
    cancel = [afmelding] if afmelding else []
    add = []
    before = services.seating_problem(editie)  # still holds the cancelled guest, for names
    if extra_tafel:
        add = [t.team_id for t in before.tables if (t.team_name or t.team_id) == extra_tafel][:1]
    if not cancel and not add:
        return _page(request, key, editie, {"fout": "Kies een afmelding of een extra tafel."}, 422)
    try:
        result = _editor(request).replan(editie, cancel=cancel, add_tables=add)
    except SeatingError as e:
        return _page(request, key, editie, {"fout": f"Herindelen lukt niet: {e}"}, 422)
    with disclosed(request, key, Purpose.SEATING) as disclosure:
        lines = disclosure.scan(
            [name_ids(before, name_ids(result.problem, line)) for line in result.diff.lines]
        )
    return _page(
        request,
        key,
        editie,
        {
            "melding": "Herindeling opgeslagen: "
            + count_nl(result.diff.changes, "wijziging", "wijzigingen")
            + ".",
            "wijzigingen": lines,
        },
    )
