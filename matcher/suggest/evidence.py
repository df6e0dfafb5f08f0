"""Evidence for a suggestion: the consented contact, the colleague who can introduce, and what each
reason can point at (shared themes, common links, dates, sessions), gathered for the shown items only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import asdict
from typing import Any

import numpy as np

from matcher.suggest.candidates import Featurizer
from matcher.suggest.features import phase_fit, upcoming_milestones
from matcher.suggest.graphview import (
    UNDATED,
    GraphView,
    QueryContext,
    TemporalGraph,
    cols,
    enum_value,
    vals,
)
from matcher.suggest.result import ContactRef, Introducer
from matcher.suggest.signals import SIGNALS, SignalInput
from matcher.vocabulary import KIND_LABELS_NL

__all__ = ["consented_contact", "evidence_of", "introducer_of"]


def consented_contact(
    view: GraphView, org: int, consent: Mapping[int, bool] | None = None
) -> ContactRef | None:
    """The consented contact of ``org`` most recently met (else the first by id); ``consent``
    (contact → consented, as stored now) overrides the fitted graph's consent where it names one."""
    tg = view.tg
    best, best_date = None, UNDATED - 1
    for c in sorted(tg.contacts_of.get(org, []), key=lambda i: tg.ids[i]):
        a = tg.attrs[c]
        given = consent.get(c) if consent is not None else None
        if (a.get("consent") is True if given is None else given) is not True:
            continue
        d = int(view.node_last[c])
        if d > best_date:
            best, best_date = c, d
    if best is None:
        return None
    a = tg.attrs[best]
    return ContactRef(tg.ids[best], str(a.get("name", "")), str(a.get("role", "")))


def _meeting(view: GraphView, staff: int, org: int) -> dict[str, Any]:
    tg = view.tg
    e = view.links_to(org)
    m = e[tg.src[e] == staff]
    if len(m) == 0:
        return {}
    last = int(m[np.argmax(tg.date[m])])
    d = tg.edata[last]
    table = str(d.get("table") or "")
    if table in tg.index:
        table = str(tg.attrs[tg.index[table]].get("number", table))
    session = str(d.get("session") or "")
    if session in tg.index:
        session = tg.label(tg.index[session])
    return {
        "date": dt.date.fromordinal(int(tg.date[last])).isoformat(),
        "interaction": enum_value(d.get("interaction", "")),
        "table": table,
        "session": session,
    }


def introducer_of(view: GraphView, ctx: QueryContext, org: int) -> Introducer | None:
    tg = view.tg
    staff_code = tg.kind_code("staff")
    idx, data = cols(view.L, org), vals(view.L, org)
    keep = (tg.kind[idx] == staff_code) & (idx != ctx.node)
    linked, dates = idx[keep], data[keep]
    if len(linked) == 0:
        return None
    colleague = np.isin(linked, ctx.colleagues)
    pick = np.argmax(dates + colleague * 10**9)  # a colleague first, then the latest
    s = int(linked[pick])
    meet = _meeting(view, s, org)
    return Introducer(
        staff_id=tg.ids[s],
        name=tg.label(s),
        date=meet.get("date", ""),
        interaction=meet.get("interaction", ""),
        table=meet.get("table", ""),
        session=meet.get("session", ""),
        colleague=bool(colleague[pick]),
    )


def evidence_of(
    view: GraphView,
    feat: Featurizer,
    ctx: QueryContext,
    qtext: str,
    org: int,
    intro: Introducer | None,
) -> dict[str, dict[str, Any]]:
    tg, t = view.tg, view.t
    name = tg.label(org)
    ev: dict[str, dict[str, Any]] = {}
    terms = feat.text.shared_terms(qtext, org)
    ev["dense"] = ev["lexical"] = {"terms": terms}
    if ctx.node >= 0:
        ev["ppr"] = {"query": tg.label(ctx.node)}
        common = np.intersect1d(cols(view.Abin, ctx.node), cols(view.Abin, org))
        ev["adamic_adar"] = {"common": [_kind_label(tg, i) for i in common[:3].tolist()]}
        if intro is not None and intro.colleague:
            ev["warm_intro"] = {**asdict(intro), "staff": intro.name, "organisation": name}
    if view.last[org] > UNDATED:
        ev["recency"] = {"date": dt.date.fromordinal(int(view.last[org])).isoformat()}
    ev["frequency"] = {"count": int(view.freq[org])}
    ev["partner_load"] = {"count": int(view.load[org])}
    kind = tg.attrs[org].get("org_kind", "other")
    kind_nl = KIND_LABELS_NL.get(kind, enum_value(kind)) if kind else ""  # type: ignore[call-overload]
    roles = sorted(
        {enum_value(r) for d in ctx.dossiers.tolist() for r in tg.attrs[d].get("roles") or []}
    )
    ev["nsob_fit"] = {"roles": roles, "kind": kind_nl}
    if len(ctx.dossiers):
        best = max(
            ctx.dossiers.tolist(),
            key=lambda d: phase_fit(tg.attrs[d].get("phase") or "exploration", kind),
        )
        ev["phase_fit"] = {
            "phase": enum_value(tg.attrs[best].get("phase", "")),
            "dossier": tg.label(best),
        }
        ms = [(m, d) for d in ctx.dossiers.tolist() for m in upcoming_milestones(view, d)]
        if ms:
            (day, label), d = min(ms)
            ev["milestone"] = {
                "label": label,
                "date": dt.date.fromordinal(day).isoformat(),
                "dossier": tg.label(d),
            }
    if SIGNALS:
        inp = SignalInput(view=view, ctx=ctx, text=qtext, cand=np.array([org]))
        for signal in SIGNALS:
            ev[signal.name] = signal.evidence(inp, org)
    guests = view.guests.get(org)
    if guests:
        start, session, table, _ = min(guests)
        ev["sessions"] = {
            "session": tg.label(session),
            "date": dt.date.fromordinal(start).isoformat(),
            "table": str(tg.attrs[table].get("number", "")) if table >= 0 else "",
        }
    del t
    return ev


_KIND_NL = {"dossier": "dossier", "team": "team", "organisation": "", "staff": "collega"}


def _kind_label(tg: TemporalGraph, i: int) -> str:
    prefix = _KIND_NL.get(tg.kind_of(i), "")
    return f"{prefix} {tg.label(i)}".strip()
