"""Why a seating instance has no plan, in Dutch words with numbers, and what would help.

Two layers:

1. **Counting arguments** that name a cause outright: a session asks for more guest places than
   there are available guests ("sessie 2 vraagt 14 gastplaatsen, er zijn 11 beschikbare gasten"),
   a table's minimum exceeds the guests (or distinct organisations) it may receive, a team's role
   cannot be met, a pinned seat or required pair is impossible, the guests' table limits cannot
   cover all minimums.
2. **A conflicting set of constraint groups** from CP-SAT (every group gets an assumption literal;
   the solver returns assumptions that together are infeasible), for causes no count reveals.

Then **what-ifs** — add a table, allow guests one more table, relax diversity, drop minimums, drop a
team's role requirement, release a pin or required pair — each applied to a copy of the problem and
re-solved, reporting whether it becomes feasible and the objective it then reaches.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable, Hashable

import numpy as np

from graph.model import NsobRole, OrganisationKind
from matcher.nsob import suits_any
from matcher.seating.cpsat import solve_cpsat
from matcher.seating.edit import add_table
from matcher.seating.encode import Encoding, Matrices, encode
from matcher.seating.engine import solve_matrices
from matcher.seating.model import LinearModel, formulate, possible_seats
from matcher.seating.plan import Diagnosis, WhatIf
from matcher.seating.problem import SeatingProblem
from matcher.vocabulary import KIND_LABELS_NL, ROLE_LABELS_NL

__all__ = ["FAMILIES", "diagnose"]

#: Constraint families that can be switched off to find a conflicting set (a guest's one table per
#: session and a table's maximum are physical limits and always hold).
FAMILIES = (
    "min",
    "guest_max",
    "guest_min",
    "session_min",
    "team_once",
    "diversity_org",
    "diversity_kind",
    "role_fit",
    "required",
    "pinned",
)


# ---------------------------------------------------------------------- counting arguments


def _n(count: object, one: str, many: str) -> str:
    n = int(count)  # type: ignore[call-overload]
    return f"{n} {one if n == 1 else many}"


def _is(count: object, one: str, many: str) -> str:
    """'er is 1 gast' / 'er zijn 3 gasten'."""
    n = int(count)  # type: ignore[call-overload]
    return f"er is {n} {one}" if n == 1 else f"er zijn {n} {many}"


def _eligible(m: Matrices) -> np.ndarray:
    """Bool (G, T, S): guest may sit there (availability, forbidden pairs, table limit > 0)."""
    return m.candidates() & (m.guest_max > 0)[:, None, None]


def _causes(problem: SeatingProblem, m: Matrices, enc: Encoding) -> list[str]:
    out = _load_causes(problem, m, enc)
    out += _table_causes(problem, m, enc)
    out += _team_causes(problem, m, enc)
    out += _seat_causes(problem, m, enc)
    return out


def _load_causes(problem: SeatingProblem, m: Matrices, enc: Encoding) -> list[str]:
    """Table demand against the guests' loads, per session and over the edition, and each
    guest's minimum against the seats it can reach."""
    _G, _T, S = m.shape
    out: list[str] = []
    sl = [problem.session(s).label for s in enc.sessions]
    gl = [problem.guest(g).label for g in enc.guests]
    per_session = np.minimum(m.session_max, m.guest_max)
    for s in range(S):
        demand = int(m.cap_min[:, s].sum())
        here = m.avail[:, s] & (m.guest_max > 0)
        supply = int(per_session[here].sum())
        if demand > supply:
            guests = _n(here.sum(), "beschikbare gast", "beschikbare gasten")
            out.append(
                f"{sl[s]} vraagt {_n(demand, 'gastplaats', 'gastplaatsen')}, "
                + (
                    _is(supply, "beschikbare gast", "beschikbare gasten")
                    if supply == here.sum()
                    else f"de {guests} kunnen er samen hooguit {supply} innemen"
                )
            )
        need = int(m.session_min[m.avail[:, s]].sum())
        room = int(m.cap_max[:, s].sum())
        if need > room:
            out.append(
                f"in {sl[s]} moeten de gasten samen minimaal {need} plaatsen innemen, "
                f"de tafels bieden er {room}"
            )
    total = int(m.cap_min.sum())
    reach = int(np.minimum(possible_seats(m), m.guest_max).sum())
    if total > reach and not out:
        out.append(
            f"alle sessies samen vragen {total} gastplaatsen, maar de gasten kunnen samen hooguit "
            f"{reach} plaatsen innemen (door hun maximum aantal tafels)"
        )
    need = int(m.guest_min.sum())
    room = int(m.cap_max.sum())
    if need > room:
        out.append(
            f"de gasten moeten samen minimaal {need} plaatsen innemen, de tafels bieden er {room}"
        )
    reachable = np.minimum(possible_seats(m), m.guest_max)
    for g in np.flatnonzero(np.maximum(m.guest_min, 0) > reachable).tolist():
        out.append(
            f"{gl[g]} moet aan minimaal {_n(m.guest_min[g], 'tafel', 'tafels')}, maar kan er "
            f"hooguit {reachable[g]} bereiken (beschikbaarheid, tafels en maximum)"
        )
    return out


def _table_causes(problem: SeatingProblem, m: Matrices, enc: Encoding) -> list[str]:
    """A table's minimum against the guests (or organisations) that may sit there."""
    _G, T, S = m.shape
    out: list[str] = []
    elig = _eligible(m)
    tab = {t.id: t for t in problem.tables}
    tl = [tab[t].label for t in enc.tables]
    sl = [problem.session(s).label for s in enc.sessions]
    for t in range(T):
        for s in range(S):
            lo, _hi = int(m.cap_min[t, s]), int(m.cap_max[t, s])
            if lo == 0:
                continue
            here = np.flatnonzero(elig[:, t, s])
            if lo > here.size:
                out.append(
                    f"{tl[t]} in {sl[s]} vraagt minimaal {_n(lo, 'gast', 'gasten')}, "
                    f"{_is(here.size, 'gast', 'gasten')} beschikbaar die er "
                    f"{'mag' if here.size == 1 else 'mogen'} zitten"
                )
            elif m.div_org and lo > np.unique(m.org[here]).size:
                out.append(
                    f"{tl[t]} in {sl[s]} vraagt minimaal {lo} gasten van verschillende organisaties, "
                    f"er zijn maar {np.unique(m.org[here]).size} organisaties beschikbaar"
                )
            elif m.div_kind and lo > np.unique(m.kind[here]).size:
                out.append(
                    f"{tl[t]} in {sl[s]} vraagt minimaal {lo} gasten van verschillende "
                    f"organisatiesoorten, er zijn er maar {np.unique(m.kind[here]).size} beschikbaar"
                )
    return out


def _team_causes(problem: SeatingProblem, m: Matrices, enc: Encoding) -> list[str]:
    """A team's demand, required guests and role against the guests that may meet it."""
    out: list[str] = []
    elig = _eligible(m)
    team_label = {t.team_id: t.team_name or t.team_id for t in problem.tables}
    kl = [team_label[k] for k in enc.teams]
    for k in range(m.n_teams):
        tabs = np.flatnonzero(m.team == k)
        need = int(m.cap_min[tabs].sum())
        can = int(elig[:, tabs, :].any(axis=(1, 2)).sum())
        if need > can:
            out.append(
                f"team {kl[k]} vraagt over alle sessies {_n(need, 'gast', 'gasten')}, maar slechts "
                f"{_n(can, 'gast mag', 'verschillende gasten mogen')} het team ontmoeten "
                "(een gast ontmoet een team één keer)"
            )
        cap = int(m.cap_max[tabs].sum())
        req = int((m.required[:, 1] == k).sum()) if m.required.size else 0
        if req > cap:
            out.append(
                f"team {kl[k]} heeft {req} verplichte gasten, maar in alle sessies samen maar "
                f"{cap} plaatsen"
            )
        if m.needs_fit[k] and not (elig[:, tabs, :].any(axis=(1, 2)) & m.fit[:, k]).any():
            roles: set[str] = set()
            for table in problem.tables:
                if table.team_id == enc.teams[k]:
                    roles.update(table.roles)
            names = ", ".join(ROLE_LABELS_NL[NsobRole(r)] for r in sorted(roles))
            kinds = sorted({KIND_LABELS_NL[ok] for ok in OrganisationKind if suits_any(roles, ok)})
            out.append(
                f"team {kl[k]} bestudeert de rol {names}, maar geen beschikbare gast komt van een "
                f"passende organisatiesoort ({', '.join(kinds)})"
            )
    return out


def _seat_causes(problem: SeatingProblem, m: Matrices, enc: Encoding) -> list[str]:
    """Required pairs and pinned seats that cannot be had."""
    out: list[str] = []
    elig = _eligible(m)
    tl = [problem.table(t).label for t in enc.tables]
    sl = [problem.session(s).label for s in enc.sessions]
    gl = [problem.guest(g).label for g in enc.guests]
    team_label = {t.team_id: t.team_name or t.team_id for t in problem.tables}
    kl = [team_label[k] for k in enc.teams]
    for g, k in m.required.tolist():
        if not elig[g][m.team == k].any():
            out.append(
                f"verplicht paar onmogelijk: {gl[g]} kan in geen enkele sessie bij team {kl[k]}"
            )
    pins = Counter((g, s) for g, _, s in m.pinned.tolist())
    for g, t, s in m.pinned.tolist():
        if not elig[g, t, s]:
            out.append(
                f"vastgezette plaats onmogelijk: {gl[g]} kan niet aan {tl[t]} in {sl[s]} "
                "(niet beschikbaar, belangenconflict of geen plaats)"
            )
    for (g, s), n in sorted(pins.items()):
        if n > 1:
            out.append(f"{gl[g]} is in {sl[s]} aan {n} tafels vastgezet")
    per_ts = Counter((t, s) for _, t, s in m.pinned.tolist())
    for (t, s), n in sorted(per_ts.items()):
        if n > m.cap_max[t, s]:
            out.append(
                f"{tl[t]} in {sl[s]} heeft {n} vastgezette gasten, maximaal {m.cap_max[t, s]}"
            )
    return out


def _group_text(
    group: tuple[Hashable, ...], problem: SeatingProblem, m: Matrices, enc: Encoding
) -> str:
    kind, *ix = group
    tl = lambda t: problem.table(enc.tables[t]).label  # noqa: E731
    sl = lambda s: problem.session(enc.sessions[s]).label  # noqa: E731
    gl = lambda g: problem.guest(enc.guests[g]).label  # noqa: E731
    team_label = {t.team_id: t.team_name or t.team_id for t in problem.tables}
    kl = lambda k: team_label[enc.teams[k]]  # noqa: E731
    i = [int(v) for v in ix]  # type: ignore[call-overload]
    texts: dict[str, Callable[[], str]] = {
        "min": lambda: (
            f"minimum van {tl(i[0])} in {sl(i[1])}: {_n(m.cap_min[i[0], i[1]], 'gast', 'gasten')}"
        ),
        "max": lambda: (
            f"maximum van {tl(i[0])} in {sl(i[1])}: {_n(m.cap_max[i[0], i[1]], 'gast', 'gasten')}"
        ),
        "guest_session": lambda: (
            f"{gl(i[0])} zit in {sl(i[1])} aan hooguit "
            + ("één tafel" if m.session_max[i[0]] == 1 else f"{m.session_max[i[0]]} tafels")
        ),
        "session_min": lambda: (
            f"{gl(i[0])} zit in {sl(i[1])} aan minimaal "
            f"{_n(m.session_min[i[0]], 'tafel', 'tafels')}"
        ),
        "guest_min": lambda: (
            f"{gl(i[0])} zit aan minimaal {_n(m.guest_min[i[0]], 'tafel', 'tafels')}"
        ),
        "guest_max": lambda: (
            f"{gl(i[0])} mag aan hooguit {_n(m.guest_max[i[0]], 'tafel', 'tafels')}"
        ),
        "team_once": lambda: f"{gl(i[0])} ontmoet team {kl(i[1])} hooguit één keer",
        "diversity_org": lambda: f"één gast per organisatie aan {tl(i[0])} in {sl(i[1])}",
        "diversity_kind": lambda: f"één gast per organisatiesoort aan {tl(i[0])} in {sl(i[1])}",
        "role_fit": lambda: f"team {kl(i[0])} ontmoet een gast van een passende organisatiesoort",
        "required": lambda: f"verplicht paar: {gl(i[0])} bij team {kl(i[1])}",
        "pinned": lambda: f"vastgezet: {gl(i[0])} aan {tl(i[1])} in {sl(i[2])}",
    }
    return texts[str(kind)]()


# ---------------------------------------------------------------------- what-ifs


def _drop_mins(problem: SeatingProblem, cells: list[tuple[str, str]]) -> SeatingProblem:
    cap = dict(problem.capacity)
    for t, s in cells:
        cap[(t, s)] = (0, problem.bounds(t, s)[1])
    return dataclasses.replace(problem, capacity=cap)


def _more_tables(problem: SeatingProblem, guests: list[str] | None) -> SeatingProblem:
    chosen = set(problem.guest_ids if guests is None else guests)
    new = tuple(
        dataclasses.replace(g, max_tables=problem.guest_max_tables(g.id) + 1)
        if g.id in chosen
        else g
        for g in problem.guests
    )
    return dataclasses.replace(problem, guests=new)


def _more_per_session(problem: SeatingProblem) -> SeatingProblem:
    """Every guest one table more per session (and over the edition)."""
    new = tuple(
        dataclasses.replace(
            g,
            max_per_session=problem.guest_max_per_session(g.id) + 1,
            max_tables=problem.guest_max_tables(g.id) + len(problem.sessions),
        )
        for g in problem.guests
    )
    return dataclasses.replace(problem, guests=new)


def _drop_guest_mins(problem: SeatingProblem) -> SeatingProblem:
    new = tuple(dataclasses.replace(g, min_tables=0, min_per_session=0) for g in problem.guests)
    return dataclasses.replace(problem, guests=new, min_tables=0, min_per_session=0)


def _drop_roles(problem: SeatingProblem, team: str) -> SeatingProblem:
    new = tuple(
        dataclasses.replace(t, roles=()) if t.team_id == team else t for t in problem.tables
    )
    return dataclasses.replace(problem, tables=new)


def _load_candidates(
    problem: SeatingProblem, m: Matrices, enc: Encoding, core: list[tuple[Hashable, ...]]
) -> list[tuple[str, str, SeatingProblem]]:
    """Relaxations of the guests' loads: more tables (per session), no guest minimums."""
    out: list[tuple[str, str, SeatingProblem]] = []
    core_guests = [enc.guests[int(c[1])] for c in core if c[0] == "guest_max"]  # type: ignore[call-overload]
    if 0 < len(core_guests) <= 3:
        names = ", ".join(problem.guest(g).label for g in core_guests)
        out.append(
            (
                "guest_extra_table",
                f"sta {names} één tafel extra toe",
                _more_tables(problem, core_guests),
            )
        )
    if (m.session_max > 1).any():
        out.append(
            (
                "guests_extra_per_session",
                "sta elke gast één tafel per sessie extra toe",
                _more_per_session(problem),
            )
        )
    out.append(
        ("guests_extra_table", "sta elke gast één tafel extra toe", _more_tables(problem, None))
    )
    if m.guest_min.any() or m.session_min.any():
        out.append(
            (
                "drop_guest_min",
                "laat het minimum aantal tafels per gast vallen",
                _drop_guest_mins(problem),
            )
        )
    return out


def _candidates(
    problem: SeatingProblem, m: Matrices, enc: Encoding, core: list[tuple[Hashable, ...]]
) -> list[tuple[str, str, SeatingProblem]]:
    """Relaxations to try, most targeted first: (kind, Dutch label, relaxed problem)."""
    out: list[tuple[str, str, SeatingProblem]] = []
    kinds = {str(c[0]) for c in core}
    team_label = {t.team_id: t.team_name or t.team_id for t in problem.tables}
    # drop the minimums involved (or all minimums of a short session)
    mins = [(enc.tables[int(c[1])], enc.sessions[int(c[2])]) for c in core if c[0] == "min"]  # type: ignore[call-overload]
    if not mins:
        mins = [
            (t, s)
            for j, t in enumerate(enc.tables)
            for i, s in enumerate(enc.sessions)
            if m.cap_min[j, i] > 0
        ]
    if mins:
        where = ", ".join(
            f"{problem.table(t).label}/{problem.session(s).label}" for t, s in mins[:6]
        )
        more = f" en {len(mins) - 6} meer" if len(mins) > 6 else ""
        out.append(
            ("drop_min", f"laat het minimum vallen bij {where}{more}", _drop_mins(problem, mins))
        )
    if problem.diversity_organisation:
        out.append(
            (
                "relax_diversity",
                "sta meer gasten van dezelfde organisatie aan één tafel toe",
                dataclasses.replace(problem, diversity_organisation=False),
            )
        )
    if problem.diversity_org_kind:
        out.append(
            (
                "relax_kind_diversity",
                "sta meer gasten van dezelfde organisatiesoort aan één tafel toe",
                dataclasses.replace(problem, diversity_org_kind=False),
            )
        )
    out += _load_candidates(problem, m, enc, core)
    teams: list[str] = []
    for c in core:
        if c[0] in ("max", "min"):
            teams.append(problem.table(enc.tables[int(c[1])]).team_id)  # type: ignore[call-overload]
        elif c[0] in ("required", "role_fit", "team_once"):
            k = int(c[2] if c[0] in ("required", "team_once") else c[1])  # type: ignore[call-overload]
            teams.append(enc.teams[k])
    teams = list(dict.fromkeys(teams)) or problem.team_ids[:1]
    for team in teams[:3]:
        out.append(
            (
                "add_table",
                f"voeg een tafel toe voor team {team_label[team]}",
                add_table(problem, team),
            )
        )
    for c in core:
        if c[0] == "role_fit":
            team = enc.teams[int(c[1])]  # type: ignore[call-overload]
            out.append(
                (
                    "drop_role_fit",
                    f"laat de rolpassing van team {team_label[team]} vallen",
                    _drop_roles(problem, team),
                )
            )
    if "required" in kinds or any(c.startswith("verplicht") for c in _causes(problem, m, enc)):
        out.append(
            (
                "drop_required",
                "laat de verplichte paren vallen",
                dataclasses.replace(problem, required=frozenset()),
            )
        )
    if "pinned" in kinds or problem.pinned:
        out.append(
            ("unpin", "maak de vastgezette plaatsen los", dataclasses.replace(problem, pinned=()))
        )
    return out


def _minimise(
    model: LinearModel, core: list[tuple[Hashable, ...]], seed: int, time_limit: float
) -> list[tuple[Hashable, ...]]:
    """Drop groups from an infeasible set while it stays infeasible (deletion filter).

    Only for sets of up to 40 groups; each test is one short solve.
    """
    if len(core) > 40:
        return core
    kept = list(core)
    for g in list(core):
        trial = [c for c in kept if c != g]
        r = solve_cpsat(
            model, time_limit=min(time_limit, 2.0), seed=seed, switchable=FAMILIES, assume=trial
        )
        if r.status == "infeasible":
            kept = trial
    return kept


def _solve_quiet(
    problem: SeatingProblem, seed: int, time_limit: float
) -> tuple[str, float | None, int]:
    """Status, objective and number of seats of the best plan for ``problem`` (no reasons)."""
    m, enc = encode(problem)
    r = solve_matrices(m, time_limit=time_limit, seed=seed)
    return r["status"], r["objective"], len(enc.decode(r["x"])) if r["x"] is not None else 0


def diagnose(
    problem: SeatingProblem, *, seed: int = 0, time_limit: float = 5.0, max_what_ifs: int = 8
) -> Diagnosis:
    """Explain why ``problem`` has no plan and try what-ifs; ``feasible=True`` if it has one.

    Examples
    --------
    >>> from matcher.seating.jsonio import problem_from_json
    >>> p = problem_from_json({"sessions": [{"id": "s", "name": "sessie 1"}],
    ...     "tables": [{"id": "t", "name": "tafel 1", "min_guests": 3, "max_guests": 4}],
    ...     "guests": [{"id": "a"}, {"id": "b"}]})
    >>> d = diagnose(p)
    >>> d.causes[0]
    'sessie 1 vraagt 3 gastplaatsen, er zijn 2 beschikbare gasten'
    >>> d.fixes[0].kind
    'drop_min'
    """
    m, enc = encode(problem)
    model = formulate(m)
    res = solve_cpsat(model, time_limit=time_limit, seed=seed, switchable=FAMILIES)
    if res.status in ("optimal", "feasible"):
        return Diagnosis(feasible=True)
    causes = _causes(problem, m, enc)
    core = _minimise(model, res.core, seed, time_limit) if res.status == "infeasible" else []
    conflict = [_group_text(g, problem, m, enc) for g in core[:12]]
    if len(core) > 12:
        conflict.append(f"… en {len(core) - 12} andere voorwaarden")
    what_ifs = []
    for kind, label, relaxed in _candidates(problem, m, enc, core)[:max_what_ifs]:
        status, objective, seats = _solve_quiet(relaxed, seed, time_limit)
        feasible = status in ("optimal", "feasible")
        if feasible:
            effect = f"haalbaar: {seats} plaatsen, doelwaarde {objective:.0f}" + (
                " (optimaal)" if status == "optimal" else ""
            )
        elif status == "infeasible":
            effect = "nog steeds onhaalbaar"
        else:
            effect = "geen plan gevonden binnen de tijdslimiet"
        what_ifs.append(
            WhatIf(kind=kind, label=label, feasible=feasible, objective=objective, effect=effect)
        )
    what_ifs.sort(key=lambda w: (not w.feasible, -(w.objective or 0.0)))
    return Diagnosis(feasible=False, causes=causes, conflict=conflict, what_ifs=what_ifs)
