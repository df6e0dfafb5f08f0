"""A second generated network whose links follow a process the ranker does not model.

:func:`triadic_network` grows an organisation → organisation collaboration network day by day, as
co-operation networks are known to grow: organisations arrive over time; each new collaboration
starts at an organisation drawn by its activity and goes to

* a partner of one of its partners (*triadic closure*), drawn in proportion to the number of
  shared partners — probability ``p_closure``;
* otherwise any organisation drawn by *preferential attachment*, ``(degree + 1) ** alpha``,
  with a bonus ``theme_bonus`` for sharing a theme — so text carries some signal, but weakly;
* a share ``p_repeat`` of events renews an existing collaboration (a dated edge again).

The parameters are drawn per network from ranges (``random_state``), so no feature weight of
the ranker mirrors them; the seed generator (:mod:`seeds`) and :func:`~matcher.suggest.synthetic.
synthetic_graph` draw links from themes and popularity instead, never from shared partners.
Descriptions are written when an organisation arrives and never change, so profile text cannot
leak later links.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from graph.model import CollaboratesWith, EdgeModel, NodeModel, Organisation, OrganisationKind
from matcher.suggest.synthetic import THEMES

__all__ = ["TriadicParams", "draw_params", "triadic_network"]

_KINDS = tuple(OrganisationKind)
_SECTORS = ("water", "mobiliteit", "energie", "natuur", "bouw", "kennis")
_REGIONS = ("Noord", "Oost", "Zuid", "West", "Randstad", "Delta")


@dataclass(frozen=True, kw_only=True)
class TriadicParams:
    """The link process of one generated network (drawn by :func:`draw_params`)."""

    p_closure: float
    alpha: float
    theme_bonus: float
    p_repeat: float
    activity_shape: float


def draw_params(rng: np.random.Generator) -> TriadicParams:
    """Link-process parameters drawn from wide ranges.

    >>> p = draw_params(np.random.default_rng(0))
    >>> 0.4 <= p.p_closure <= 0.8 and 0.6 <= p.alpha <= 1.2
    True
    """
    return TriadicParams(
        p_closure=float(rng.uniform(0.4, 0.8)),
        alpha=float(rng.uniform(0.6, 1.2)),
        theme_bonus=float(rng.uniform(1.0, 3.0)),
        p_repeat=float(rng.uniform(0.05, 0.2)),
        activity_shape=float(rng.uniform(1.5, 3.0)),
    )


def _organisations(
    rng: np.random.Generator, n_orgs: int, start: dt.date, span: int
) -> tuple[list[NodeModel], np.ndarray, np.ndarray]:
    """Organisations with two or three themes and an arrival day (a quarter exist from the start)."""
    nodes: list[NodeModel] = []
    themes = np.zeros((n_orgs, len(THEMES)), dtype=bool)
    arrival = np.where(rng.random(n_orgs) < 0.25, 0, rng.integers(0, int(span * 0.8), size=n_orgs))
    for o in range(n_orgs):
        t = rng.choice(len(THEMES), size=int(rng.integers(2, 4)), replace=False)
        themes[o, t] = True
        words = [THEMES[i] for i in t]
        region = _REGIONS[int(rng.integers(0, len(_REGIONS)))]
        nodes.append(
            Organisation(
                id=f"org:{o:04d}",
                name=f"Organisatie {o:04d}",
                org_kind=_KINDS[int(rng.integers(0, len(_KINDS)))],
                sectors=[_SECTORS[int(rng.integers(0, len(_SECTORS)))]],
                region=region,
                description=(
                    f"Actief sinds {(start + dt.timedelta(days=int(arrival[o]))).year} "
                    f"in {', '.join(words)} (regio {region})."
                ),
            )
        )
    return nodes, themes, arrival


def _partner(
    rng: np.random.Generator,
    u: int,
    nbrs: list[set[int]],
    present: np.ndarray,
    themes: np.ndarray,
    p: TriadicParams,
) -> int:
    """The partner of a new collaboration started by ``u`` (−1 when none can be drawn)."""
    if nbrs[u] and rng.random() < p.p_closure:
        counts: dict[int, int] = {}
        for v in nbrs[u]:
            for w in nbrs[v]:
                if w != u and w not in nbrs[u]:
                    counts[w] = counts.get(w, 0) + 1
        if counts:
            ws = np.fromiter(counts, dtype=np.int64)
            c = np.fromiter(counts.values(), dtype=float)
            return int(ws[np.searchsorted(np.cumsum(c), rng.random() * c.sum())])
    deg = np.fromiter((len(s) for s in nbrs), dtype=float, count=len(nbrs))
    shared = (themes & themes[u]).any(axis=1)
    weight = np.where(present, (deg + 1.0) ** p.alpha * np.where(shared, p.theme_bonus, 1.0), 0.0)
    weight[u] = 0.0
    weight[list(nbrs[u])] = 0.0
    if weight.sum() <= 0:
        return -1
    return int(np.searchsorted(np.cumsum(weight), rng.random() * weight.sum()))


def triadic_network(
    n_orgs: int = 500,
    n_links: int = 4000,
    *,
    start: dt.date = dt.date(2020, 1, 1),
    end: dt.date = dt.date(2025, 12, 31),
    params: TriadicParams | None = None,
    random_state: int = 0,
) -> tuple[list[NodeModel], list[EdgeModel]]:
    """Organisations and dated ``COLLABORATES_WITH`` edges grown by triadic closure and
    preferential attachment (see the module docstring).

    Examples
    --------
    >>> nodes, edges = triadic_network(60, 300, random_state=1)
    >>> len(nodes), 250 < len(edges) <= 300, all(e.date is not None for e in edges)
    (60, True, True)
    """
    rng = np.random.default_rng(random_state)
    p = params or draw_params(rng)
    span = (end - start).days
    nodes, themes, arrival = _organisations(rng, n_orgs, start, span)
    activity = rng.pareto(p.activity_shape, size=n_orgs) + 1.0
    days = np.sort(rng.integers(0, span + 1, size=n_links))
    nbrs: list[set[int]] = [set() for _ in range(n_orgs)]
    pairs: list[tuple[int, int]] = []
    edges: list[EdgeModel] = []
    for day in days.tolist():
        present = arrival <= day
        if present.sum() < 2:
            continue
        if pairs and rng.random() < p.p_repeat:
            u, v = pairs[int(rng.integers(0, len(pairs)))]
        else:
            a = np.where(present, activity, 0.0)
            u = int(np.searchsorted(np.cumsum(a), rng.random() * a.sum()))
            v = _partner(rng, u, nbrs, present, themes, p)
            if v < 0:
                continue
            nbrs[u].add(v)
            nbrs[v].add(u)
            pairs.append((u, v))
        date = start + dt.timedelta(days=int(day))
        edges.append(
            CollaboratesWith(
                source=f"org:{u:04d}",
                target=f"org:{v:04d}",
                key=f"{date.isoformat()}-{len(edges)}",
                date=date,
            )
        )
    return nodes, edges
