"""Evaluation of coalitions and nudges on any dated graph (the seed by default).

Coalitions
    For every team (as of its programme edition's last day, when it has one): the greedy coalition
    of ``k`` partners against the *top-k by relevance* baseline (the ``k`` partners whose profiles
    fit the whole challenge best). Per team: probabilistic facet coverage (the objective's coverage
    term), share of facets covered (a partner at or above the calibration's ``covered`` level),
    redundancy (mean pairwise cosine similarity of the chosen partners' coverage rows), distinct
    organisation kinds and warm paths.

Nudges — temporal replay
    At replay dates from ``start`` every ``step_days``, each staff member's nudges are computed
    as of that date (the graph after it unseen). A nudge *hits* when the staff member actually had
    contact with the organisation within ``window_days`` from the nudge's date. The baseline keeps
    the same (staff, organisation) pairs but draws the date uniformly at random over the replay
    span (averaged over ``n_random`` draws): same people, random timing.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from graph.store import GraphStore
from matcher.coalition.assembly import CoalitionAssembler
from matcher.coalition.derivation import THRESHOLD
from matcher.coalition.facets import parse_need
from matcher.coalition.objective import greedy_maximize, top_k_by_relevance
from matcher.timing.nudging import ALL_KINDS, DEFAULT_KINDS, Timeline, nudges

__all__ = [
    "CoalitionEvalReport",
    "NudgeEvalReport",
    "evaluate_coalitions",
    "evaluate_nudges",
    "facet_agreement",
    "format_table",
    "lift_interval",
    "redundancy",
]


def format_table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """A plain-text table (numbers with three decimals), for terminals and reports.

    Example
    -------
    >>> print(format_table(["a", "b"], [["x", 0.5]]))
    a  b
    -  -----
    x  0.500
    """
    cells = [[f"{v:.3f}" if isinstance(v, float) else str(v) for v in r] for r in rows]
    widths = [max(len(str(h)), *(len(r[i]) for r in cells)) for i, h in enumerate(headers)]
    lines = ["  ".join(str(h).ljust(w) for h, w in zip(headers, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in cells]
    return "\n".join(line.rstrip() for line in lines)


def _finite_mean(values: Sequence[float]) -> float:
    """Mean of the values that are not NaN (NaN when none is)."""
    kept = [float(v) for v in values if not np.isnan(v)]
    return float(np.mean(kept)) if kept else float("nan")


def redundancy(coverage: np.ndarray, selected: Sequence[int]) -> float:
    """Share of the chosen partners' coverage that duplicates a better member on the same facet:
    ``Σ_f (Σ_p c[p, f] − max_p c[p, f]) / Σ_f Σ_p c[p, f]`` (0 when nothing is covered).

    Example
    -------
    >>> redundancy(np.array([[1.0, 0.0], [0.5, 0.0], [0.0, 0.5]]), [0, 1, 2])
    0.25
    """
    rows = np.asarray(coverage, dtype=np.float64)[list(selected)]
    total = float(rows.sum())
    if total <= 0:
        return 0.0
    return float((rows.sum(axis=0) - rows.max(axis=0)).sum() / total)


# --------------------------------------------------------------------------- coalitions


@dataclass
class CoalitionEvalReport:
    k: int
    rows: list[dict[str, Any]] = field(default_factory=list)

    HEADERS = (
        "team",
        "facets",
        "cov greedy",
        "cov top-k",
        "covered greedy",
        "covered top-k",
        "redund greedy",
        "redund top-k",
        "kinds g/b",
        "warm g/b",
        "agree derived",
        "agree stored",
    )

    @property
    def summary(self) -> dict[str, float]:
        if not self.rows:
            return {"teams": 0}
        col = {
            key: _finite_mean([r[key] for r in self.rows])
            for key in self.rows[0]
            if key not in ("team", "facets_derived", "facets_stored")
        }
        higher = sum(r["cov_greedy"] > r["cov_baseline"] + 1e-12 for r in self.rows)
        out = {key: float(v) for key, v in col.items()}
        out["teams"] = len(self.rows)
        out["strictly_higher"] = higher
        out["share_strictly_higher"] = higher / len(self.rows)
        return out

    def table(self, per_team: bool = True) -> str:
        def fmt(r: dict[str, Any], name: str) -> list[Any]:
            return [
                name,
                r["facets"] if isinstance(r["facets"], int) else f"{r['facets']:.1f}",
                r["cov_greedy"],
                r["cov_baseline"],
                r["covered_greedy"],
                r["covered_baseline"],
                r["red_greedy"],
                r["red_baseline"],
                f"{r['kinds_greedy']:.1f}/{r['kinds_baseline']:.1f}",
                f"{r['warm_greedy']:.1f}/{r['warm_baseline']:.1f}",
                r["agree_derived"],
                r["agree_stored"],
            ]

        rows = [fmt(r, r["team"]) for r in self.rows] if per_team else []
        if self.rows:
            rows.append(fmt(self.summary, "MEAN"))
        s = self.summary
        tail = (
            f"\nk = {self.k}; greedy coverage strictly higher than top-k on "
            f"{s.get('strictly_higher', 0)}/{s.get('teams', 0)} teams "
            f"({s.get('share_strictly_higher', 0.0):.0%}); agree = share of a team's facets whose "
            f"relevance to its own challenge and dossiers reaches {THRESHOLD:g} (derived facets vs "
            "the stored needs; nan when a team stored none)"
        )
        return format_table(self.HEADERS, rows) + tail


def evaluate_coalitions(
    store: GraphStore,
    *,
    k: int = 5,
    encoder: Any = None,
    as_of: dt.date | None = None,
    teams: Sequence[str] | None = None,
) -> CoalitionEvalReport:
    """Greedy coalitions against the top-k-by-relevance baseline for every team.

    Parameters
    ----------
    store:
        The graph.
    k:
        Coalition size.
    encoder:
        Dense encoder for the relevance model.
    as_of:
        Evaluation day for teams without an edition (default: today).
    teams:
        Team ids (default: every team).

    Example
    -------
    >>> from graph import SqliteGraphStore
    >>> evaluate_coalitions(SqliteGraphStore(":memory:")).summary
    {'teams': 0}
    """
    assembler = CoalitionAssembler(store, encoder)
    report = CoalitionEvalReport(k)
    team_nodes = [n for n in store.nodes("team") if teams is None or n.id in teams]
    editions = {n.id: n for n in store.nodes("edition")}
    for team in team_nodes:
        edition = editions.get(getattr(team, "edition", "")) or editions.get(
            f"edition:{getattr(team, 'edition', '')}"
        )
        day = getattr(edition, "end_date", None) or as_of or dt.date.today()
        p = assembler.problem(team.id, as_of=day)
        agreement = facet_agreement(assembler, team, day)
        obj = p.objective
        greedy = greedy_maximize(obj, k).selected
        base = top_k_by_relevance(p.baseline_relevance, k)
        tau = p.calibration.covered

        def covered(sel: list[int], cov: np.ndarray = obj.coverage, t: float = tau) -> float:
            return float((cov[sel].max(axis=0) >= t).mean()) if sel else 0.0

        report.rows.append(
            {
                "team": team.id,
                "facets": len(p.facets),
                "cov_greedy": obj.components(greedy)["coverage"],
                "cov_baseline": obj.components(base)["coverage"],
                "covered_greedy": covered(greedy),
                "covered_baseline": covered(base),
                "red_greedy": redundancy(obj.coverage, greedy),
                "red_baseline": redundancy(obj.coverage, base),
                "kinds_greedy": len({p.orgs[i].org_kind for i in greedy}),
                "kinds_baseline": len({p.orgs[i].org_kind for i in base}),
                "warm_greedy": sum(i in p.warm_paths for i in greedy),
                "warm_baseline": sum(i in p.warm_paths for i in base),
                **agreement,
            }
        )
    return report


def facet_agreement(assembler: CoalitionAssembler, team: Any, day: dt.date) -> dict[str, Any]:
    """Share of the derived facets and of the stored needs whose relevance to the team's own text
    reaches :data:`~matcher.coalition.derivation.THRESHOLD` (nan when there are none)."""
    text = assembler.team_text(team, day)
    derived = assembler.deriver.derive(text)
    stored = [parse_need(n)[0] for n in (getattr(team, "needs", None) or []) if n.strip()]
    found = assembler.deriver.relevance(stored, text) if stored else []
    return {
        "agree_derived": float(np.mean([(f.relevance or 0.0) >= THRESHOLD for f in derived]))
        if derived
        else float("nan"),
        "agree_stored": float(np.mean([z >= THRESHOLD for z, _, _ in found]))
        if found
        else float("nan"),
        "facets_derived": ", ".join(f.text for f in derived),
        "facets_stored": ", ".join(stored),
    }


# --------------------------------------------------------------------------- nudges


@dataclass
class NudgeEvalReport:
    window_days: int
    replay_dates: list[dt.date]
    by_kind: dict[str, dict[str, float]]

    HEADERS = (
        "nudge kind",
        "on",
        "nudges",
        "hit rate (timed)",
        "hit rate (random)",
        "lift",
        "95% interval",
        "beats random",
    )

    def table(self) -> str:
        rows = []
        for kind, v in sorted(self.by_kind.items(), key=lambda kv: (kv[0] == "ALL", kv[0])):
            ok = v["lift_low"] > 1.0
            rows.append(
                [
                    kind,
                    "yes" if v.get("default") else "no",
                    int(v["n"]),
                    v["timed"],
                    v["random"],
                    f"{v['lift']:.2f}×" if np.isfinite(v["lift"]) else "n/a",
                    f"{v['lift_low']:.2f}–{v['lift_high']:.2f}×"
                    if np.isfinite(v["lift_low"])
                    else "n/a",
                    "yes" if ok else "no",
                ]
            )
        span = f"{self.replay_dates[0]} … {self.replay_dates[-1]}" if self.replay_dates else "none"
        return (
            format_table(self.HEADERS, rows)
            + f"\nreplay dates: {len(self.replay_dates)} ({span}); hit = contact within "
            f"{self.window_days} days of the nudge's date; interval: paired bootstrap over the "
            "nudges (1000 resamples); ALL = the kinds on by default"
        )


def evaluate_nudges(
    store: GraphStore | Timeline,
    *,
    start: dt.date,
    end: dt.date | None = None,
    step_days: int = 30,
    window_days: int = 60,
    horizon_days: int = 60,
    n_random: int = 20,
    random_state: int = 0,
    staff: Sequence[str] | None = None,
) -> NudgeEvalReport:
    """Temporal replay of staff nudges against random timing of the same contacts.

    Parameters
    ----------
    store:
        The graph (or a :class:`~matcher.timing.nudging.Timeline` of it).
    start, end:
        First replay date; last day of recorded history (default: the last interaction).
    step_days:
        Days between replay dates.
    window_days:
        A nudge hits when contact happened within this many days from its date.
    horizon_days:
        Passed to :func:`~matcher.timing.nudging.nudges`.
    n_random:
        Random-date draws per nudge for the baseline.
    random_state:
        Seed of the baseline's random dates.
    staff:
        Staff ids to replay (default: everyone working on a dossier).

    Example
    -------
    >>> from graph import SqliteGraphStore
    >>> r = evaluate_nudges(SqliteGraphStore(":memory:"), start=dt.date(2026, 1, 1))
    >>> r.by_kind
    {}
    """
    tl = store if isinstance(store, Timeline) else Timeline.from_store(store)
    contacts: dict[tuple[str, str], np.ndarray] = {}
    last = dt.date.min
    pairs: dict[tuple[str, str], list[int]] = defaultdict(list)
    for s, events in tl.interactions.items():
        for e in events:
            org = tl.org_id(e.target)
            if org:
                pairs[(s, org)].append(e.date.toordinal())
            last = max(last, e.date)
    for key, days in pairs.items():
        contacts[key] = np.array(sorted(days))
    end = end or last
    dates = []
    day = start
    while day + dt.timedelta(days=window_days) <= end:
        dates.append(day)
        day += dt.timedelta(days=step_days)
    people = list(staff) if staff is not None else sorted({e.source for e in tl.works_on})
    rng = np.random.default_rng(random_state)
    lo, hi = start.toordinal(), end.toordinal() - window_days
    samples: dict[str, list[tuple[float, float]]] = defaultdict(list)

    def hit(who: Sequence[str], org: str, ordinal: np.ndarray) -> np.ndarray:
        out = np.zeros(len(ordinal), dtype=bool)
        for s in who:
            days = contacts.get((s, org))
            if days is None:
                continue
            i = np.searchsorted(days, ordinal, side="left")
            j = np.searchsorted(days, ordinal + window_days, side="right")
            out |= j > i
        return out

    for day in dates:
        for s in people:
            for n in nudges(
                tl, staff=s, as_of=day, horizon_days=horizon_days, limit=None, kinds=ALL_KINDS
            ):
                if not n.organisation:
                    continue
                timed = bool(hit(n.staff, n.organisation, np.array([n.date.toordinal()]))[0])
                random = float(
                    hit(n.staff, n.organisation, rng.integers(lo, hi + 1, n_random)).mean()
                )
                kinds = (n.kind, "ALL") if n.kind in DEFAULT_KINDS else (n.kind,)
                for kind in kinds:
                    samples[kind].append((timed, random))
    by_kind = {k: lift_interval(v, random_state=random_state) for k, v in samples.items()}
    for k, v in by_kind.items():
        v["default"] = float(k == "ALL" or k in DEFAULT_KINDS)
    return NudgeEvalReport(window_days, dates, by_kind)


def lift_interval(
    samples: Sequence[tuple[float, float]], *, n_boot: int = 1000, random_state: int = 0
) -> dict[str, float]:
    """Hit rate (timed), hit rate (random timing), their ratio (the lift) and its 95 % interval
    by a paired bootstrap over the nudges.

    Example
    -------
    >>> r = lift_interval([(1.0, 0.5)] * 30 + [(0.0, 0.5)] * 10)
    >>> r["n"], r["timed"], r["random"], r["lift"]
    (40, 0.75, 0.5, 1.5)
    >>> 1.0 < r["lift_low"] < 1.5 < r["lift_high"]
    True
    """
    arr = np.asarray(samples, dtype=np.float64).reshape(-1, 2)
    n = len(arr)
    timed, random = arr.mean(axis=0) if n else (0.0, 0.0)
    out = {"n": n, "timed": float(timed), "random": float(random)}
    out["lift"] = float(timed / random) if random > 0 else float("nan")
    if n == 0:
        return {**out, "lift_low": float("nan"), "lift_high": float("nan")}
    rng = np.random.default_rng(random_state)
    idx = rng.integers(0, n, size=(n_boot, n))
    t, r = arr[idx, 0].mean(axis=1), arr[idx, 1].mean(axis=1)
    ratio = np.divide(t, r, out=np.full(n_boot, np.nan), where=r > 0)
    low, high = np.nanpercentile(ratio, [2.5, 97.5]) if np.isfinite(ratio).any() else (np.nan,) * 2
    return {**out, "lift_low": float(low), "lift_high": float(high)}
