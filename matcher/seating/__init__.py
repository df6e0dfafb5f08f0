"""Guest-table seating for the programme: plan, validate, re-plan, diagnose, export.

Pipeline: a :class:`SeatingProblem` (from JSON, :mod:`~matcher.seating.jsonio`, or from an edition
in the store) with guest loads and table demands is encoded to matrices
(:mod:`~matcher.seating.encode`), solved by :mod:`~matcher.seating.engine` — exact min-cost flow for
plain assignments (:mod:`~matcher.seating.flow`), otherwise OR-Tools CP-SAT
(:mod:`~matcher.seating.cpsat` on the formulation of :mod:`~matcher.seating.model`) started from the
repaired flow plan of the relaxation or the greedy baseline (:mod:`~matcher.seating.greedy`), with
weighted or max-min fairness — decoded and checked by :func:`is_valid_plan`.

Errors: :class:`SeatingError` (a ``ValueError``) names the bad record and field.

Example
-------
>>> from matcher.seating import plan_seating, problem_from_json, is_valid_plan
>>> p = problem_from_json({"sessions": [{"id": "s"}],
...     "tables": [{"id": "t", "max_guests": 1}], "guests": [{"id": "g"}, {"id": "h"}],
...     "relevance": [[0.3], [0.7]]})
>>> plan = plan_seating(p)
>>> [s.guest for s in plan.seats], is_valid_plan(p, plan)
(['h'], True)
"""

from __future__ import annotations

from matcher.seating.diagnose import diagnose
from matcher.seating.edit import add_table, remove_guests
from matcher.seating.jsonio import problem_from_json, problem_to_json
from matcher.seating.plan import Diagnosis, SeatingPlan, WhatIf, plan_from_json, plan_to_json
from matcher.seating.problem import (
    Guest,
    ObjectiveWeights,
    Seat,
    SeatingError,
    SeatingProblem,
    SeatingSession,
    SeatingTable,
    text_relevance,
)
from matcher.seating.replan import PlanDiff, ReplanResult, diff_plans, replan
from matcher.seating.solve import plan_seating
from matcher.seating.validate import is_valid_plan, plan_violations

__all__ = [
    "Diagnosis",
    "Guest",
    "ObjectiveWeights",
    "PlanDiff",
    "ReplanResult",
    "Seat",
    "SeatingError",
    "SeatingPlan",
    "SeatingProblem",
    "SeatingSession",
    "SeatingTable",
    "WhatIf",
    "add_table",
    "diagnose",
    "diff_plans",
    "is_valid_plan",
    "plan_from_json",
    "plan_seating",
    "plan_to_json",
    "plan_violations",
    "problem_from_json",
    "problem_from_store",
    "problem_to_json",
    "remove_guests",
    "replan",
    "text_relevance",
]


def __getattr__(name: str):
    if name == "problem_from_store":
        from matcher.seating.fromstore import problem_from_store

        return problem_from_store
    raise AttributeError(name)
