"""Deterministic generator of the seed network (``python -m seeds.generate`` rewrites the data file).

The output is a pure function of :class:`Params` (fixed seed): real organisations and directorates
from :mod:`seeds.organisations` and :mod:`seeds.ministry`, dossiers from :mod:`seeds.dossiers`,
synthetic staff and contacts (:mod:`seeds.people`), stakeholders, collaborations, feedback and
conflicts (:mod:`seeds.relations`), the programme (:mod:`seeds.programme`) and the latent
interaction process (:mod:`seeds.interactions`). Each stage draws from its own child stream of one
:class:`numpy.random.SeedSequence`. ``seeds/README.md`` documents the process and its parameters.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from graph.model import EdgeModel, Interacted, NodeModel, Organisation
from seeds import SEED_FORMAT, SEED_PATH, SEED_VERSION, SPLIT_DATE, TODAY, WINDOW_END, WINDOW_START
from seeds.dossiers import DOSSIERS
from seeds.interactions import KIND_NL, ROLES, InteractionParams, LatentWorld, simulate
from seeds.organisations import ORGANISATIONS, REQUIRED_SLUGS
from seeds.people import assign_dossiers, draft_contacts, draft_staff, staff_nodes
from seeds.programme import GuestCandidate, build_programme
from seeds.relations import (
    collaborations,
    conflicts,
    dossier_nodes,
    feedback,
    milestones,
    stakeholders,
)
from seeds.util import K, topic_vec, unit

__all__ = ["Params", "build", "main", "render", "summary", "write_seed"]

#: Guests the programme names are invited this many times more often than others.
GUEST_BOOST = 4.0


@dataclass(frozen=True)
class Params:
    """Everything the generator's output depends on."""

    seed: int = 20261128
    n_staff: int = 750
    today: dt.date = TODAY
    start: dt.date = WINDOW_START
    end: dt.date = WINDOW_END
    consent_rate: float = 0.85
    n_opt_out: int = 4
    n_feedback_positive: int = 30
    n_feedback_declined: int = 15
    interactions: InteractionParams = field(default_factory=InteractionParams)


def build(params: Params | None = None) -> tuple[list[NodeModel], list[EdgeModel]]:
    """Generate the seed network. Same ``params`` → identical nodes and edges."""
    p = params or Params()
    streams = [np.random.default_rng(s) for s in np.random.SeedSequence(p.seed).spawn(10)]
    r_org, r_staff, r_dos, r_con, r_stake, r_col, r_prog, r_int, r_fb, r_conf = streams
    nodes: list[NodeModel] = []
    edges: list[EdgeModel] = []

    # organisations: topics from their sectors plus a little noise; a few opt out
    orgs = ORGANISATIONS
    slugs = [o["slug"] for o in orgs]
    org_topics = unit(
        np.array([topic_vec(o["sectors"]) for o in orgs])
        + 0.15 * r_org.dirichlet(np.full(K, 0.3), len(orgs))
    )
    eligible_opt = [
        i
        for i, o in enumerate(orgs)
        if o["slug"] not in REQUIRED_SLUGS
        and o["org_kind"] in ("company", "ngo", "citizen_initiative")
    ]
    opt_out = {int(i) for i in r_org.choice(eligible_opt, size=p.n_opt_out, replace=False)}
    for i, o in enumerate(orgs):
        fields = {k: v for k, v in o.items() if k != "slug"}
        nodes.append(Organisation(id=f"org:{o['slug']}", opt_out=i in opt_out, **fields))

    # staff, their dossiers and the dossiers' milestones
    staff = draft_staff(p.n_staff, r_staff)
    dossier_topics = unit(np.array([topic_vec(d["themes"]) for d in DOSSIERS]))
    edges.extend(assign_dossiers(staff, DOSSIERS, dossier_topics, r_dos))
    dated = [milestones(d, r_dos, p.today) for d in DOSSIERS]
    nodes.extend(dossier_nodes(DOSSIERS, dated))
    nodes.extend(staff_nodes(staff, DOSSIERS, r_staff))

    # contacts, stakeholders, collaborations
    contacts = draft_contacts(orgs, staff.names[p.n_staff :], p.consent_rate, p.today, r_con)
    nodes.extend(contacts.nodes)
    edges.extend(contacts.edges)
    aff = np.clip(dossier_topics @ org_topics.T, 0, 1)
    stake_edges, interest, critic = stakeholders(DOSSIERS, orgs, aff, r_stake)
    edges.extend(stake_edges)
    collab_edges, collab = collaborations(orgs, org_topics, r_col)
    edges.extend(collab_edges)

    # the programme
    guests = [
        GuestCandidate(
            c,
            cid,
            contacts.org[c],
            GUEST_BOOST if slugs[contacts.org[c]] in REQUIRED_SLUGS else 1.0,
        )
        for c, cid in enumerate(contacts.ids)
        if contacts.consent[c] and contacts.org[c] not in opt_out
    ]
    prog = build_programme(
        staff_ids=staff.ids,
        staff_topics=staff.topics,
        primary_dossier=staff.primary,
        dossiers=DOSSIERS,
        guests=guests,
        org_topics=org_topics,
        today=p.today,
        rng=r_prog,
    )
    nodes.extend(prog.nodes)
    edges.extend(prog.edges)

    # the latent interaction process; colleagues share a dossier or a programme team
    n_staff = p.n_staff
    colleagues = np.zeros((n_staff, n_staff))
    for d in range(len(DOSSIERS)):
        members = [s for s in range(n_staff) if d in staff.dossiers[s]]
        colleagues[np.ix_(members, members)] = 1
    index = {sid: i for i, sid in enumerate(staff.ids)}
    team_of: dict[str, list[int]] = {}
    for e in prog.edges:
        if e.KIND == "MEMBER_OF":
            team_of.setdefault(e.target, []).append(index[e.source])
    for members in team_of.values():
        colleagues[np.ix_(members, members)] = 1
    np.fill_diagonal(colleagues, 0)
    world = LatentWorld(
        staff_topics=staff.topics,
        dossier_topics=dossier_topics,
        org_topics=org_topics,
        staff_dossiers=staff.dossiers,
        dossier_phase=[d["phase"] for d in DOSSIERS],
        dossier_roles=np.array([[float(r in d["roles"]) for r in ROLES] for d in DOSSIERS]),
        dossier_milestones=[[m.date for m in ms] for ms in dated],
        stake_interest=interest,
        critic=critic,
        org_kind=[o["org_kind"] for o in orgs],
        org_opt_out=np.array([i in opt_out for i in range(len(orgs))], dtype=float),
        org_contacts=contacts.by_org,
        colleagues=colleagues,
        collab=collab,
    )
    sim = simulate(world, p.start, p.end, prog.meetings, p.interactions, r_int)
    seen: set[tuple[str, str, str]] = set()
    first_meet: dict[tuple[int, int], dt.date] = {}
    for m in prog.meetings:
        first_meet.setdefault((m.staff, m.org), m.date)
    for it in sim:
        source = staff.ids[it.staff]
        target = contacts.ids[it.contact] if it.contact is not None else f"org:{slugs[it.org]}"
        key = it.date.isoformat()
        n = 2
        while (source, target, key) in seen:
            key = f"{it.date.isoformat()}-{n}"
            n += 1
        seen.add((source, target, key))
        first_meet.setdefault((it.staff, it.org), it.date)
        edges.append(
            Interacted(
                source=source,
                target=target,
                key=key,
                date=it.date,
                interaction=it.kind,
                outcome=it.outcome,
                note=f"{KIND_NL[it.kind]} over {DOSSIERS[it.dossier]['title']}",
            )
        )

    edges.extend(
        feedback(
            n_positive=p.n_feedback_positive,
            n_declined=p.n_feedback_declined,
            first_meet=first_meet,
            staff_ids=staff.ids,
            slugs=slugs,
            affinity=aff,
            staff_dossiers=staff.dossiers,
            opt_out=opt_out,
            rng=r_fb,
        )
    )
    edges.extend(
        conflicts(
            dossiers=DOSSIERS,
            dated=dated,
            interest=interest,
            orgs=orgs,
            staff_ids=staff.ids,
            today=p.today,
            rng=r_conf,
        )
    )
    nodes.sort(key=lambda n: n.id)
    edges.sort(key=lambda e: e.identity)
    return nodes, edges


# ------------------------------------------------------------------------------ output


def render(nodes: Sequence[NodeModel], edges: Sequence[EdgeModel]) -> str:
    """The seed document as text: one record per line, nodes by id, edges by identity."""

    def lines(records: Sequence[NodeModel | EdgeModel]) -> str:
        return ",\n".join(
            json.dumps(r.model_dump(mode="json"), ensure_ascii=False) for r in records
        )

    return (
        f'{{"format": "{SEED_FORMAT}", "version": {SEED_VERSION},\n"nodes": [\n{lines(nodes)}\n],\n'
        f'"edges": [\n{lines(edges)}\n]}}\n'
    )


def write_seed(path: str | Path = SEED_PATH, params: Params | None = None) -> str:
    """Generate and write the seed document; returns its sha256."""
    text = render(*build(params))
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def summary(nodes: Sequence[NodeModel], edges: Sequence[EdgeModel]) -> dict[str, Any]:
    """Counts per kind and facts the README quotes (interaction window, split shares)."""
    inter = [e for e in edges if isinstance(e, Interacted)]
    dates = sorted(e.date for e in inter if e.date is not None)
    before = [e for e in inter if e.date is not None and e.date < SPLIT_DATE]
    after = [e for e in inter if e.date is not None and e.date >= SPLIT_DATE]
    pairs_before = {(e.source, e.target) for e in before}
    new_after = sum((e.source, e.target) not in pairs_before for e in after)
    return {
        "nodes": dict(sorted(Counter(n.KIND for n in nodes).items())),
        "edges": dict(sorted(Counter(e.KIND for e in edges).items())),
        "interactions_by_kind": dict(sorted(Counter(str(e.interaction) for e in inter).items())),
        "first_interaction": dates[0].isoformat() if dates else None,
        "last_interaction": dates[-1].isoformat() if dates else None,
        "split_date": SPLIT_DATE.isoformat(),
        "interactions_before_split": len(before),
        "interactions_after_split": len(after),
        "share_after_split_with_new_pair": round(new_after / max(len(after), 1), 3),
    }


def main(argv: list[str] | None = None) -> int:
    """``python -m seeds.generate [--out PATH] [--check]``."""
    ap = argparse.ArgumentParser(
        prog="python -m seeds.generate", description=__doc__.splitlines()[0]
    )
    ap.add_argument("--out", default=str(SEED_PATH), help="where to write the seed JSON")
    ap.add_argument(
        "--check",
        action="store_true",
        help="do not write; exit 1 when the file differs from a fresh generation",
    )
    args = ap.parse_args(argv)
    nodes, edges = build()
    text = render(nodes, edges)
    if args.check:
        current = Path(args.out).read_text(encoding="utf-8") if Path(args.out).exists() else ""
        same = current == text
        print("seed is up to date" if same else f"{args.out} differs from a fresh generation")
        return 0 if same else 1
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(text, encoding="utf-8")
    print(
        json.dumps(
            {
                "path": args.out,
                "sha256": hashlib.sha256(text.encode()).hexdigest(),
                "bytes": len(text.encode()),
                **summary(nodes, edges),
            },
            indent=2,
            ensure_ascii=False,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
