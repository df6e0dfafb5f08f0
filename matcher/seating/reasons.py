"""Why this guest at this team: Dutch reasons per seat, from the same terms the solver maximised.

Each seat gets its objective contributions in words (relevance, novelty, exposure, the worst-served
table it helps), plus the hard constraints it serves (pinned, required pair, the team's NSOB role).
With a text-relevance scorer, the shared terms between the guest's texts and the team's challenge
are named as evidence.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import numpy as np

from graph.model import NsobRole, OrganisationKind
from matcher.nsob import suits
from matcher.seating.encode import RELEVANCE_SCALE, encode
from matcher.seating.model import exposure_points, fairness_tables
from matcher.seating.plan import SeatingPlan
from matcher.seating.problem import Seat, SeatingProblem
from matcher.vocabulary import KIND_LABELS_NL, ROLE_LABELS_NL

__all__ = ["fmt_nl", "seat_reasons"]


def fmt_nl(value: float, digits: int = 2) -> str:
    """A number with a Dutch decimal comma.

    Examples
    --------
    >>> fmt_nl(0.8234)
    '0,82'
    """
    return f"{value:.{digits}f}".replace(".", ",")


def _shared_terms(problem: SeatingProblem, seats: list[Seat], scorer: Any) -> dict[Seat, list[str]]:
    if scorer is None or not hasattr(scorer, "explain"):
        return {}
    guests = problem.guests
    if not any(g.texts for g in guests):
        return {}
    gi = {g.id: i for i, g in enumerate(guests)}
    scorer.fit([[t for t in g.texts if t.strip()] for g in guests])
    out: dict[Seat, list[str]] = {}
    for seat in seats:
        challenge = problem.table(seat.table).challenge
        if challenge:
            out[seat] = list(scorer.explain(challenge, gi[seat.guest]).shared_terms)[:5]
    return out


def seat_reasons(
    problem: SeatingProblem, plan: SeatingPlan, *, scorer: Any = None
) -> dict[Seat, list[str]]:
    """Dutch reasons for every seat of ``plan``.

    Examples
    --------
    >>> from matcher.seating.jsonio import problem_from_json
    >>> p = problem_from_json({"sessions": [{"id": "s"}],
    ...     "tables": [{"id": "t", "max_guests": 1, "team_name": "Team Kust"}],
    ...     "guests": [{"id": "g", "name": "An"}], "relevance": [[0.8]]})
    >>> plan = SeatingPlan(seats=[Seat("s", "t", "g")], status="optimal")
    >>> seat_reasons(p, plan)[Seat("s", "t", "g")][0]
    'relevantie 0,80 voor de opgave van Team Kust (+800 punten)'
    """
    m, enc = encode(problem)
    w_rel, w_nov, w_exp, w_fair = m.weights
    x = enc.encode_seats(plan.seats)
    gi = {g: i for i, g in enumerate(enc.guests)}
    ti = {t: i for i, t in enumerate(enc.tables)}
    terms = _shared_terms(problem, plan.seats, scorer)
    tabs = fairness_tables(m)
    scores = (m.rel[:, :, None] * x).sum(axis=(0, 2))
    worst = {int(t) for t in tabs if scores[t] == scores[tabs].min()} if tabs.size > 1 else set()
    pinned = set(problem.pinned)
    nth: dict[str, int] = defaultdict(int)
    out: dict[Seat, list[str]] = {}
    for seat in sorted(plan.seats):  # session order gives the k-th seat of each guest
        g, t = gi[seat.guest], ti[seat.table]
        table = problem.table(seat.table)
        guest = problem.guest(seat.guest)
        team = table.team_name or table.team_id
        rel = m.rel[g, t] / RELEVANCE_SCALE
        lines = [
            f"relevantie {fmt_nl(rel)} voor de opgave van {team} (+{w_rel * m.rel[g, t]} punten)"
        ]
        if terms.get(seat):
            lines.append("gedeelde termen: " + ", ".join(terms[seat]))
        if m.novel[g, t]:
            if w_nov:
                lines.append(f"nieuw voor {team}: nog niet eerder ontmoet (+{w_nov} punten)")
        else:
            lines.append(f"{team} kent deze gast al (geen bonus voor nieuwheid)")
        nth[seat.guest] += 1
        k = nth[seat.guest]
        if w_exp:
            pts = int(
                exposure_points(m, np.array([k]))[0] - exposure_points(m, np.array([k - 1]))[0]
            )
            if pts:
                lines.append(f"plaats {k} van deze gast; spreiding over gasten (+{pts} punten)")
        if w_fair and t in worst:
            lines.append(
                "deze tafel is de minst bediende; haar relevantie telt extra mee (eerlijkheid)"
            )
        fitting = [r for r in table.roles if suits(NsobRole(r), guest.org_kind)]
        if fitting and problem.role_fit:
            kind = KIND_LABELS_NL[OrganisationKind(guest.org_kind)]
            role = ROLE_LABELS_NL[NsobRole(fitting[0])]
            lines.append(f"{kind} past bij de rol '{role}' die het team bestudeert")
        if problem.diversity_organisation and guest.organisation:
            org = guest.organisation_name or guest.organisation
            lines.append(f"enige gast van {org} aan deze tafel")
        if (guest.id, table.team_id) in problem.required:
            lines.append("verplichte combinatie van gast en team")
        if seat in pinned:
            lines.append("vastgezet door de facilitator")
        out[seat] = lines
    return out
