"""Coalition assembly: a team in the store turned into a :class:`CoalitionProblem` and solved.

:class:`CoalitionAssembler` reads the team, its members and their dossiers as of a day, excludes
opted-out organisations and active conflicts, scores every candidate on every facet with the
relevance model (calibrated into coverage), finds warm paths from members, the team's roles and
the stakes in its dossiers, and hands the matrices to :func:`~matcher.coalition.objective.greedy_maximize`.
The result is put into Dutch by :func:`~matcher.coalition.explanation.explain_coalition`.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from typing import Any

import numpy as np

from graph.lru import LRU
from graph.store import GraphStore
from matcher.coalition.derivation import FacetDeriver, TeamText, team_facets
from matcher.coalition.explanation import Coalition, explain_coalition
from matcher.coalition.facets import Facet
from matcher.coalition.objective import (
    Calibration,
    CoalitionObjective,
    CoalitionProblem,
    CoalitionWeights,
    WarmPath,
    greedy_maximize,
)

__all__ = ["CoalitionAssembler", "CoalitionError", "assemble_coalition"]

_WARM_OUTCOMES = {"positive", "follow_up", "co_produced"}


class CoalitionError(ValueError):
    """A coalition request names an unknown team, or asks for an impossible size."""


def _strength(e: Any, as_of: dt.date) -> float:
    age = max((as_of - e.date).days, 0)
    base = 1.0 if str(getattr(e.outcome, "value", e.outcome)) in _WARM_OUTCOMES else 0.7
    return float(base * math.exp(-age / 365.0))


class CoalitionAssembler:
    """Builds coalition problems for teams of one store, keeping a fitted relevance model per
    ``as_of`` (profiles only see the past), so many teams can be assembled cheaply.

    Parameters
    ----------
    store:
        The graph.
    encoder:
        Dense encoder for :class:`~matcher.text.relevance.TextRelevance` (default: the default one).
    weights, calibration:
        See :class:`CoalitionWeights` and :class:`Calibration`.
    """

    def __init__(
        self,
        store: GraphStore,
        encoder: Any = None,
        *,
        weights: CoalitionWeights | None = None,
        calibration: Calibration | None = None,
        cache_size: int = 16,
    ):
        self.store = store
        self.encoder = encoder
        self.weights = weights or CoalitionWeights()
        self.calibration = calibration or Calibration()
        # Bounded: as_of is request data. A fit is kept per profile content, so a write that
        # changes no organisation profile (feedback, a meeting) reuses it.
        self._fitted: LRU[tuple[int, dt.date], tuple[list[str], Any]] = LRU(cache_size)
        self._by_profiles: LRU[int, tuple[list[str], Any]] = LRU(4)
        self._edge_cache: dict[tuple[int, str], list[Any]] = {}
        self._deriver: FacetDeriver | None = None

    @property
    def deriver(self) -> FacetDeriver:
        """Reads facets from the team's own words (fitted once, on the topic vocabulary)."""
        if self._deriver is None:
            self._deriver = FacetDeriver(self.encoder, store=self.store)
        return self._deriver

    def team_text(self, team: Any, as_of: dt.date) -> TeamText:
        """The team's challenge, and the title and description of the dossiers that speak for the
        team: the one its challenge names, and those at least two of its members work on (one
        member's other dossiers say little about the team's shared question)."""
        members, dossiers = self.members_and_dossiers(team.id, as_of)
        support: dict[str, int] = {}
        for e in self._edges("WORKS_ON"):
            if e.source in members and e.target in dossiers and e.active_on(as_of):
                support[e.target] = support.get(e.target, 0) + 1
        challenge = str(team.challenge or "")
        named = challenge.casefold()
        return TeamText(
            challenge=challenge,
            dossiers=[
                (str(d.title), str(getattr(d, "description", "") or ""))
                for did, d in sorted(dossiers.items())
                if support.get(did, 0) >= 2 or str(d.title).casefold() in named
            ],
        )

    def facets(
        self, team_id: str, *, as_of: dt.date, needs: Sequence[str] | None = None
    ) -> list[Facet]:
        """The team's facets as of ``as_of`` (see :func:`~matcher.coalition.derivation.team_facets`)."""
        team = self._team(team_id)
        return team_facets(team, self.team_text(team, as_of), self.deriver, needs)

    def derived_facets(self, team_id: str, *, as_of: dt.date) -> list[Facet]:
        """The facets read from the team's own words, whatever it stored as its override."""
        return self.deriver.derive(self.team_text(self._team(team_id), as_of))

    def members_and_dossiers(self, team_id: str, as_of: dt.date) -> tuple[set[str], dict[str, Any]]:
        members = {
            e.source for e in self.store.edges("MEMBER_OF", target=team_id) if e.active_on(as_of)
        }
        works = [e for e in self._edges("WORKS_ON") if e.source in members]
        dossier_ids = {e.target for e in works if e.active_on(as_of)}
        return members, self.store.get_nodes(dossier_ids)

    def _edges(self, kind: str) -> list[Any]:
        """All edges of one kind, read once per store revision."""
        key = (self.store.revision, kind)
        if key not in self._edge_cache:
            self._edge_cache = {k: v for k, v in self._edge_cache.items() if k[0] == key[0]}
            self._edge_cache[key] = self.store.edges(kind)
        return self._edge_cache[key]

    def _relevance(self, as_of: dt.date) -> tuple[list[str], Any]:
        """The relevance model on the organisation profiles as of ``as_of``; refitted only when
        those profiles differ from an earlier day's (fitting is the costly part)."""
        from matcher.text.profiles import build_profiles
        from matcher.text.relevance import TextRelevance

        def fit() -> tuple[list[str], Any]:
            profiles = build_profiles(self.store, "organisation", as_of=as_of)
            ids = list(profiles)
            content = hash(tuple((i, tuple(profiles[i])) for i in ids))
            return self._by_profiles.get_or_build(
                content,
                lambda: (
                    ids,
                    TextRelevance(self.encoder, store=self.store).fit([profiles[i] for i in ids]),
                ),
            )

        return self._fitted.get_or_build((self.store.revision, as_of), fit)

    def _team(self, team_id: str) -> Any:
        from graph.errors import NotFoundError
        from graph.model import Team

        try:
            team = self.store.get_node(team_id)
        except NotFoundError:
            raise CoalitionError(f"team '{team_id}' not found") from None
        if not isinstance(team, Team):
            raise CoalitionError(f"'{team_id}' is a {team.KIND}, not a team")
        return team

    def _candidates(
        self, all_ids: list[str], conflicted: set[str]
    ) -> tuple[list[int], list[Any], dict[str, int]]:
        """Positions (in the relevance model) of the organisations that may join, their nodes,
        and how many were excluded for which reason."""
        from graph.model import Organisation

        org_nodes = self.store.get_nodes(all_ids)
        keep, orgs, excluded = [], [], {"opt_out": 0, "conflict": 0}
        for j, oid in enumerate(all_ids):
            org = org_nodes.get(oid)
            if not isinstance(org, Organisation):
                continue
            if org.opt_out:
                excluded["opt_out"] += 1
            elif oid in conflicted:
                excluded["conflict"] += 1
            else:
                keep.append(j)
                orgs.append(org)
        return keep, orgs, excluded

    def _warm_paths(
        self, members: set[str], pos: dict[str, int], as_of: dt.date
    ) -> dict[int, WarmPath]:
        """The strongest meeting of any member with each partner or one of its contacts (a
        contact is named only with consent given by ``as_of``)."""
        from graph.model import Contact

        org_of = {e.source: e.target for e in self._edges("WORKS_AT")}
        names = self.store.get_nodes(members)
        warm_paths: dict[int, WarmPath] = {}
        contacts: dict[str, Any] = {}
        for m in sorted(members):
            for e in self.store.edges("INTERACTED", source=m, until=as_of):
                org_id = e.target if e.target in pos else org_of.get(e.target)
                if org_id not in pos:
                    continue
                s = _strength(e, as_of)
                i = pos[org_id]
                if i in warm_paths and warm_paths[i].strength >= s:
                    continue
                named = None
                if e.target != org_id:
                    if e.target not in contacts:
                        contacts[e.target] = self.store.get_nodes([e.target]).get(e.target)
                    c = contacts[e.target]
                    ok = isinstance(c, Contact) and c.consent and (c.consent_date or as_of) <= as_of
                    named = c if ok else None
                warm_paths[i] = WarmPath(
                    staff=m,
                    staff_name=names[m].label if m in names else m,
                    date=e.date or as_of,
                    interaction=str(getattr(e, "interaction", "meeting")),
                    contact=named.id if named else None,
                    contact_name=named.label if named else None,
                    strength=s,
                )
        return warm_paths

    def _objective(
        self,
        coverage: np.ndarray,
        facets: list[Facet],
        orgs: list[Any],
        roles: list[str],
        warm_paths: dict[int, WarmPath],
    ) -> CoalitionObjective:
        from matcher.nsob import role_kind_fit

        warm = np.zeros(len(orgs))
        for i, wp in warm_paths.items():
            warm[i] = wp.strength
        kinds = sorted({str(o.org_kind.value) for o in orgs})
        groups = np.array([kinds.index(str(o.org_kind.value)) for o in orgs], dtype=np.int64)
        role_fit = np.array([[role_kind_fit(r, o.org_kind) for r in roles] for o in orgs]).reshape(
            len(orgs), len(roles)
        )
        return CoalitionObjective(
            coverage,
            np.array([f.weight for f in facets]),
            groups=groups,
            role_fit=role_fit,
            warm=warm,
            relevance=coverage.max(axis=1, initial=0.0) / self.calibration.ceiling,
            weights=self.weights,
        )

    def problem(
        self, team_id: str, *, as_of: dt.date, needs: Sequence[str] | None = None
    ) -> CoalitionProblem:
        """The matrices for one team (candidates exclude opt-outs and active conflicts)."""
        from matcher.suggest.feedback import declined_organisations

        team = self._team(team_id)
        members, dossiers = self.members_and_dossiers(team_id, as_of)
        facets = team_facets(team, self.team_text(team, as_of), self.deriver, needs)
        subjects = {team_id, *members, *dossiers}
        conflicted = {
            c.target for c in self._edges("CONFLICT") if c.source in subjects and c.active_on(as_of)
        }
        all_ids, rel = self._relevance(as_of)
        keep, orgs, excluded = self._candidates(all_ids, conflicted)
        ids = [all_ids[j] for j in keep]
        pos = {oid: i for i, oid in enumerate(ids)}
        query = [f.scored_text for f in facets]
        # the baseline's question: the challenge with the needs, as one text
        challenge = " ".join(
            [team.challenge, *(query if facets[0].source in ("needs", "team") else [])]
        ).strip()
        z_all = rel.score([*query, challenge])
        z = np.asarray(z_all[: len(query)][:, keep].T, dtype=np.float64)
        coverage = self.calibration(z)
        declined = {
            pos[o]: d
            for o, d in declined_organisations(self.store, [team_id, *members], as_of=as_of).items()
            if o in pos
        }
        for i in declined:
            coverage[i] *= self.weights.declined
        warm_paths = self._warm_paths(members, pos, as_of)
        roles = [str(getattr(r, "value", r)) for r in team.roles] or sorted(
            {
                str(getattr(r, "value", r))
                for d in dossiers.values()
                for r in getattr(d, "roles", [])
            }
        )
        stakes = {
            pos[e.source]: dossiers[e.target].label
            for e in self._edges("STAKEHOLDER_IN")
            if e.target in dossiers and e.source in pos and e.active_on(as_of)
        }
        return CoalitionProblem(
            team=team,
            as_of=as_of,
            facets=facets,
            ids=ids,
            orgs=orgs,
            z=z,
            baseline_relevance=np.asarray(z_all[len(query)][keep], dtype=np.float64),
            objective=self._objective(coverage, facets, orgs, roles, warm_paths),
            warm_paths=warm_paths,
            declined=declined,
            stakes=stakes,
            roles=roles,
            excluded=excluded,
            relevance=rel,
            profile_index=keep,
            calibration=self.calibration,
        )

    def assemble(
        self,
        team_id: str,
        *,
        as_of: dt.date,
        k: int = 5,
        needs: Sequence[str] | None = None,
        n_alternates: int = 2,
    ) -> Coalition:
        """Assemble the coalition for one team; see :func:`assemble_coalition`."""
        if not 1 <= k <= 25:
            raise CoalitionError(f"k must be between 1 and 25, got {k}")
        p = self.problem(team_id, as_of=as_of, needs=needs)
        return explain_coalition(p, greedy_maximize(p.objective, k), n_alternates, self.store)


def assemble_coalition(
    store: GraphStore,
    team: str,
    *,
    as_of: dt.date,
    k: int = 5,
    needs: Sequence[str] | None = None,
    encoder: Any = None,
    weights: CoalitionWeights | None = None,
    n_alternates: int = 2,
) -> Coalition:
    """Assemble ``k`` partners that together cover a team's challenge.

    Facets come from ``needs`` (or the team's own needs list, or its challenge text); coverage
    from :class:`~matcher.text.relevance.TextRelevance` on organisation profiles as of ``as_of``;
    selection by :func:`greedy_maximize` on :class:`CoalitionObjective` (≥ (1 − 1/e) of the
    optimum). Opted-out organisations and active conflicts (team, members, their dossiers) are
    never candidates; a contact is only named with consent.

    Parameters
    ----------
    store:
        The graph.
    team:
        The team id.
    as_of:
        Only the past as of this day counts (profiles, meetings, feedback).
    k:
        Coalition size (1–25).
    needs:
        Facets given by the team, overriding the challenge text.
    encoder:
        Dense encoder (default: the default encoder; tests use ``HashingEncoder``).
    weights:
        The objective's λ.
    n_alternates:
        Alternates per slot.

    Returns
    -------
    Coalition

    Example
    -------
    >>> from graph import SqliteGraphStore
    >>> from graph.model import Organisation, Team
    >>> from matcher.text.encoders import HashingEncoder
    >>> s = SqliteGraphStore(":memory:")
    >>> _ = s.write([Team(id="team:1-1", name="Team Water", challenge="Dijken versterken."),
    ...     Organisation(id="org:a", name="Dijkbouw BV", org_kind="company",
    ...                  description="dijken versterken en dijkversterking")])
    >>> c = assemble_coalition(s, "team:1-1", as_of=dt.date(2026, 1, 1), k=1,
    ...                        encoder=HashingEncoder())
    >>> [m.organisation for m in c.members]
    ['org:a']
    """
    assembler = CoalitionAssembler(store, encoder, weights=weights)
    return assembler.assemble(team, as_of=as_of, k=k, needs=needs, n_alternates=n_alternates)
