"""The latent process that produces two years of dated staff–partner interactions.

Every week each staff member ``s`` starts ``Poisson(rate_s × boost)`` interactions (``rate_s`` is
log-normal; ``boost`` applies when one of their dossiers has a milestone in the coming four weeks).
For each interaction one of the staff member's dossiers ``d`` is drawn, and the partner organisation
``o`` is the arg-max of a random utility (Gumbel-max, i.e. a softmax draw)::

    u(s, d, o, t) = β_topic     · (½ cos(θ_s, φ_o) + ½ cos(θ_d, φ_o))      topic affinity
                  + β_stake     · interest(o, d) / 5                      stakeholder in the dossier
                  + β_closure   · log(1 + colleagues of s who met o before t)
                  + β_collab    · log(1 + partners met by s that collaborate with o)
                  + β_role      · fit(NSOB roles of d, kind of o)
                  + β_pop       · log(1 + min(distinct staff who met o, cap))   preferential attachment
                  + β_recency   · exp(−(t − last contact of s with o) / τ)
                  + β_repeat    · log(1 + earlier contacts of s with o)
                  − β_optout    · [o opted out]
                  + noise · Gumbel(0, 1)

Guest-table meetings of the programme enter the same state as they happen, so a guest met at a
table is more likely to be met again. The target is a contact at ``o`` (the one met before when
there is one) with probability ``p_contact``, else the organisation itself. Kind and outcome depend
on the dossier phase, affinity and the organisation's stance. All randomness comes from one
:class:`numpy.random.Generator`, so the output is a pure function of the parameters.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate

import numpy as np

__all__ = ["ROLE_FIT", "InteractionParams", "LatentWorld", "ProgrammeMeeting", "simulate"]

#: NSOB role × organisation kind fit (rows: rechtmatig, presterend, netwerkend, responsief).
ORG_KINDS = (
    "company",
    "knowledge_institute",
    "ngo",
    "citizen_initiative",
    "branch_association",
    "public_body",
)
ROLES = ("rechtmatig", "presterend", "netwerkend", "responsief")
ROLE_FIT = np.array(
    [
        # comp  know  ngo   citz  branch public
        [0.3, 0.2, 0.2, 0.1, 0.6, 1.0],  # rechtmatig
        [1.0, 0.8, 0.2, 0.1, 0.5, 0.5],  # presterend
        [0.6, 0.6, 0.8, 0.5, 0.9, 0.8],  # netwerkend
        [0.3, 0.3, 0.9, 1.0, 0.3, 0.3],  # responsief
    ]
)

KIND_BY_PHASE: dict[str, tuple[tuple[str, ...], tuple[float, ...]]] = {
    "agenda_setting": (
        ("meeting", "workshop", "call", "email", "consultation", "site_visit"),
        (0.30, 0.20, 0.20, 0.15, 0.10, 0.05),
    ),
    "exploration": (
        ("meeting", "workshop", "call", "email", "consultation", "site_visit"),
        (0.30, 0.20, 0.20, 0.15, 0.10, 0.05),
    ),
    "design": (
        ("meeting", "workshop", "consultation", "call", "email", "site_visit"),
        (0.30, 0.25, 0.15, 0.15, 0.10, 0.05),
    ),
    "decision": (
        ("consultation", "meeting", "call", "email", "workshop"),
        (0.35, 0.30, 0.15, 0.15, 0.05),
    ),
    "implementation": (
        ("meeting", "site_visit", "co_production", "call", "email", "workshop"),
        (0.30, 0.20, 0.15, 0.15, 0.15, 0.05),
    ),
    "evaluation": (
        ("meeting", "consultation", "workshop", "call", "email"),
        (0.30, 0.20, 0.20, 0.15, 0.15),
    ),
}
KIND_NL = {
    "meeting": "Overleg",
    "workshop": "Werksessie",
    "call": "Telefoongesprek",
    "email": "Mailwisseling",
    "consultation": "Consultatie",
    "site_visit": "Werkbezoek",
    "co_production": "Coproductie",
}


@dataclass(frozen=True)
class InteractionParams:
    """Parameters of the latent process (documented with their values in ``seeds/README.md``)."""

    rate_median: float = 0.16  # interactions per staff member per week (median of the log-normal)
    rate_sigma: float = 0.6  # spread of the log-normal activity rates
    milestone_boost: float = 1.6  # rate multiplier when a dossier milestone is < 4 weeks ahead
    beta_topic: float = 5.0
    beta_stake: float = 1.5
    beta_closure: float = 0.6
    beta_collab: float = 0.35
    beta_role: float = 1.0
    beta_pop: float = 0.3
    pop_cap: int = 40
    beta_recency: float = 1.6
    recency_tau_days: float = 120.0
    beta_repeat: float = 0.5
    beta_optout: float = 1.0
    noise: float = 1.0  # scale of the Gumbel noise (temperature of the softmax)
    p_contact: float = 0.75  # chance the interaction is with a person rather than the organisation


@dataclass(frozen=True)
class ProgrammeMeeting:
    """A guest-table meeting that enters the latent state on ``date``."""

    date: dt.date
    staff: int
    org: int
    contact: int


@dataclass
class LatentWorld:
    """Everything the process needs, as index-based arrays (rows: staff / dossiers / orgs)."""

    staff_topics: np.ndarray  # (n_staff, K), rows L2-normalised
    dossier_topics: np.ndarray  # (n_dossiers, K)
    org_topics: np.ndarray  # (n_orgs, K)
    staff_dossiers: list[list[int]]  # dossiers each staff member works on
    dossier_phase: list[str]
    dossier_roles: np.ndarray  # (n_dossiers, 4) 0/1 NSOB roles
    dossier_milestones: list[list[dt.date]]
    stake_interest: np.ndarray  # (n_dossiers, n_orgs) interest 0..5 (0 = not a stakeholder)
    critic: np.ndarray  # (n_dossiers, n_orgs) bool
    org_kind: list[str]
    org_opt_out: np.ndarray  # (n_orgs,) bool
    org_contacts: list[list[int]]  # global contact indices per org
    colleagues: np.ndarray  # (n_staff, n_staff) 0/1, zero diagonal
    collab: np.ndarray  # (n_orgs, n_orgs) 0/1 symmetric


@dataclass(frozen=True)
class SimulatedInteraction:
    date: dt.date
    staff: int
    org: int
    contact: int | None  # global contact index, or None for the organisation itself
    dossier: int
    kind: str
    outcome: str


def _cos(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.clip(a @ b.T, 0.0, 1.0)


def simulate(
    world: LatentWorld,
    start: dt.date,
    end: dt.date,
    programme: Sequence[ProgrammeMeeting],
    params: InteractionParams,
    rng: np.random.Generator,
) -> list[SimulatedInteraction]:
    """Run the weekly process from ``start`` to ``end`` (inclusive) and return the interactions."""
    pr = params
    n_staff, n_orgs = world.staff_topics.shape[0], world.org_topics.shape[0]
    staff_aff = _cos(world.staff_topics, world.org_topics)
    dossier_aff = _cos(world.dossier_topics, world.org_topics)
    kind_idx = np.array([ORG_KINDS.index(k) if k in ORG_KINDS else 2 for k in world.org_kind])
    role_w = world.dossier_roles / np.maximum(world.dossier_roles.sum(1, keepdims=True), 1)
    role_fit = (role_w @ ROLE_FIT)[:, kind_idx]  # (n_dossiers, n_orgs)
    # time-invariant parts of the utility, split by staff member and by dossier
    static_s = pr.beta_topic * 0.5 * staff_aff
    static_d = (
        pr.beta_topic * 0.5 * dossier_aff
        + pr.beta_stake * world.stake_interest / 5.0
        + pr.beta_role * role_fit
        - pr.beta_optout * world.org_opt_out
    )

    count = np.zeros((n_staff, n_orgs))
    last = np.full((n_staff, n_orgs), -1e9)
    closure = np.zeros((n_staff, n_orgs))  # colleagues of s who met o
    collab_met = np.zeros((n_staff, n_orgs))  # partners met by s that collaborate with o
    reach = np.zeros(n_orgs)  # distinct staff who met o
    # the count-based terms, kept up to date incrementally
    dyn = np.zeros((n_staff, n_orgs))
    pop = np.zeros(n_orgs)
    last_contact: dict[tuple[int, int], int] = {}

    colleague_idx = [np.flatnonzero(world.colleagues[:, s]) for s in range(n_staff)]

    def refresh(rows: np.ndarray | int, cols: np.ndarray | slice | int) -> None:
        dyn[rows, cols] = (
            pr.beta_closure * np.log1p(closure[rows, cols])
            + pr.beta_collab * np.log1p(collab_met[rows, cols])
            + pr.beta_repeat * np.log1p(count[rows, cols])
        )

    def record(s: int, o: int, day: int) -> None:
        first = count[s, o] == 0
        count[s, o] += 1
        last[s, o] = day
        if first:
            reach[o] += 1
            pop[o] = pr.beta_pop * np.log1p(min(reach[o], pr.pop_cap))
            cols = colleague_idx[s]
            closure[cols, o] += 1
            refresh(cols, o)
            collab_met[s] += world.collab[o]
            refresh(s, slice(None))
        else:
            dyn[s, o] = (
                pr.beta_closure * math.log1p(closure[s, o])
                + pr.beta_collab * math.log1p(collab_met[s, o])
                + pr.beta_repeat * math.log1p(count[s, o])
            )

    rates = pr.rate_median * np.exp(pr.rate_sigma * rng.standard_normal(n_staff))
    day0 = start.toordinal()
    n_weeks = (end.toordinal() - day0) // 7 + 1
    boosted = np.zeros((n_weeks, n_staff), dtype=bool)
    for s in range(n_staff):
        for d in world.staff_dossiers[s]:
            for ms in world.dossier_milestones[d]:
                w_hi = (ms.toordinal() - day0) // 7
                lo, hi = max(w_hi - 4, 0), min(w_hi, n_weeks - 1)
                if lo <= hi:
                    boosted[lo : hi + 1, s] = True

    programme_sorted = sorted(programme, key=lambda m: (m.date, m.staff, m.org, m.contact))
    p_next = 0
    out: list[SimulatedInteraction] = []
    for w in range(n_weeks):
        week_start = start + dt.timedelta(days=7 * w)
        week_end = min(week_start + dt.timedelta(days=6), end)
        while p_next < len(programme_sorted) and programme_sorted[p_next].date <= week_end:
            m = programme_sorted[p_next]
            record(m.staff, m.org, m.date.toordinal() - day0)
            last_contact[(m.staff, m.org)] = m.contact
            p_next += 1
        n_events = rng.poisson(rates * np.where(boosted[w], pr.milestone_boost, 1.0))
        total = int(n_events.sum())
        noise = pr.noise * rng.gumbel(size=(total, n_orgs))
        offsets = rng.integers(0, 5, size=total)
        picks = rng.random(total)
        k = 0
        for s in np.flatnonzero(n_events):
            s = int(s)
            dossiers = world.staff_dossiers[s]
            for _ in range(int(n_events[s])):
                day_date = week_start + dt.timedelta(days=int(offsets[k]))
                d = dossiers[int(picks[k] * len(dossiers))]
                u = noise[k]
                k += 1
                if day_date > end:
                    continue
                day = day_date.toordinal() - day0
                u += static_s[s] + static_d[d] + dyn[s] + pop
                u += pr.beta_recency * np.exp((last[s] - day) / pr.recency_tau_days)
                o = int(u.argmax())
                contact = _pick_contact(world, s, o, pr, rng, last_contact)
                kind, outcome = _kind_and_outcome(world, d, o, dossier_aff[d, o], rng)
                out.append(SimulatedInteraction(day_date, s, o, contact, d, kind, outcome))
                record(s, o, day)
    return out


def _pick_contact(
    world: LatentWorld,
    s: int,
    o: int,
    params: InteractionParams,
    rng: np.random.Generator,
    last_contact: dict[tuple[int, int], int],
) -> int | None:
    contacts = world.org_contacts[o]
    if not contacts or rng.random() >= params.p_contact:
        return None
    known = last_contact.get((s, o))
    if known is not None and rng.random() < 0.7:
        return known
    c = contacts[int(rng.integers(len(contacts)))]
    last_contact[(s, o)] = c
    return c


def _kind_and_outcome(
    world: LatentWorld, d: int, o: int, affinity: float, rng: np.random.Generator
) -> tuple[str, str]:
    kinds, probs = KIND_BY_PHASE[world.dossier_phase[d]]
    kind = kinds[
        min(bisect.bisect(list(accumulate(probs)), rng.random() * sum(probs)), len(kinds) - 1)
    ]
    if kind == "co_production" and rng.random() < 0.6:
        return kind, "co_produced"
    p_neg = 0.06 + (0.22 if world.critic[d, o] else 0.0)
    p_pos = 0.30 + 0.30 * float(affinity)
    p_follow = 0.18
    r = rng.random()
    if r < p_neg:
        return kind, "negative"
    if r < p_neg + p_pos:
        return kind, "positive"
    if r < p_neg + p_pos + p_follow:
        return kind, "follow_up"
    return kind, "neutral"
