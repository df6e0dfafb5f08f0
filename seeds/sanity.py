"""How predictable the seed's later interactions are from its earlier ones.

``python -m seeds.sanity`` splits the INTERACTED edges at :data:`seeds.SPLIT_DATE`, and for every
staff member with interactions after the split ranks all organisations with four simple scorers
that only see the history before the split. It prints recall@10 over all later partners and over
*new* partners only (never met before the split). A generator that made the future trivially
predictable (repeat scores ≈ 1) or unpredictable (everything ≈ random) would show here.
"""

from __future__ import annotations

import random
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence

from graph.model import EdgeModel, NodeModel
from seeds import SPLIT_DATE, load_seed

__all__ = ["baseline_recall", "main"]


def baseline_recall(
    nodes: Sequence[NodeModel], edges: Sequence[EdgeModel], k: int = 10
) -> list[tuple[str, float, float]]:
    """``(scorer, recall@k all partners, recall@k new partners)`` for four history-only scorers."""
    org_of = {e.source: e.target for e in edges if e.KIND == "WORKS_AT"}
    orgs = sorted(n.id for n in nodes if n.KIND == "organisation")
    before: dict[str, Counter[str]] = defaultdict(Counter)
    after: dict[str, set[str]] = defaultdict(set)
    popularity: Counter[str] = Counter()
    for e in edges:
        if e.KIND != "INTERACTED" or e.date is None:
            continue
        org = org_of.get(e.target, e.target)
        if e.date < SPLIT_DATE:
            before[e.source][org] += 1
            popularity[org] += 1
        else:
            after[e.source].add(org)
    on_dossier: dict[str, set[str]] = defaultdict(set)
    staff_on: dict[str, set[str]] = defaultdict(set)
    stakeholders: dict[str, set[str]] = defaultdict(set)
    for e in edges:
        if e.KIND == "WORKS_ON":
            on_dossier[e.target].add(e.source)
            staff_on[e.source].add(e.target)
        elif e.KIND == "STAKEHOLDER_IN":
            stakeholders[e.target].add(e.source)
    rng = random.Random(0)

    def closure(s: str) -> dict[str, float]:
        c: Counter[str] = Counter()
        for d in staff_on[s]:
            for other in on_dossier[d] - {s}:
                c.update(before[other].keys())
            for o in stakeholders[d]:
                c[o] += 3
        return {o: c[o] + 5 * before[s][o] + 0.01 * popularity[o] for o in orgs}

    scorers: dict[str, Callable[[str], dict[str, float]]] = {
        "random": lambda s: {o: rng.random() for o in orgs},
        "popularity": lambda s: {o: float(popularity[o]) for o in orgs},
        "repeat + popularity": lambda s: {o: 1000.0 * before[s][o] + popularity[o] for o in orgs},
        "repeat + colleagues + stakeholders": closure,
    }
    rows = []
    for name, scorer in scorers.items():
        recalls: dict[bool, list[float]] = {False: [], True: []}
        for s in sorted(after):
            scores = scorer(s)
            for new_only in (False, True):
                truth = after[s] - set(before[s]) if new_only else after[s]
                if not truth:
                    continue
                pool = [o for o in orgs if not (new_only and o in before[s])]
                top = sorted(pool, key=lambda o: (-scores[o], o))[:k]
                recalls[new_only].append(len(truth.intersection(top)) / min(len(truth), k))
        rows.append(
            (
                name,
                sum(recalls[False]) / max(len(recalls[False]), 1),
                sum(recalls[True]) / max(len(recalls[True]), 1),
            )
        )
    return rows


def main() -> int:
    nodes, edges = load_seed()
    print(f"split date {SPLIT_DATE.isoformat()}, recall@10 per staff member")
    print(f"{'scorer':38s} {'all partners':>12s} {'new partners':>12s}")
    for name, all_r, new_r in baseline_recall(nodes, edges):
        print(f"{name:38s} {all_r:12.3f} {new_r:12.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
