"""Retrieval sets for measuring text relevance (see ``README.md`` in this folder for how they were made).

- **Dutch** (:func:`load_dutch`): questions a civil servant would ask, each with the organisation(s)
  of the seed catalogue that answer it; the profiles are the organisations' texts.
- **English** (:func:`load_english`): expertise-style questions and abstracts against expert
  profiles of three longer English texts each.

Each set is split into a fixed ``dev`` half (odd query numbers; used to choose aggregation and
fusion weights) and a ``test`` half (even numbers; reported).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

__all__ = [
    "DATA_DIR",
    "RetrievalSet",
    "catalogue_profiles",
    "load_dutch",
    "load_english",
    "load_set",
    "read_jsonl",
    "seed_profiles",
]

DATA_DIR = Path(__file__).resolve().parent
Split = Literal["all", "dev", "test"]


def read_jsonl(path: str | Path) -> list[dict[str, Any]]:
    """Read a JSON-lines file; a bad line raises ``ValueError`` naming file and line."""
    p = Path(path)
    rows: list[dict[str, Any]] = []
    with p.open(encoding="utf-8") as f:
        for n, line in enumerate(f, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as e:
                raise ValueError(f"{p.name}: line {n}: not valid JSON ({e.msg})") from e
            if not isinstance(row, dict):
                raise ValueError(f"{p.name}: line {n}: expected a JSON object")
            rows.append(row)
    return rows


@dataclass(frozen=True)
class RetrievalSet:
    """Queries with known right profiles.

    ``relevant[i]`` holds the indices (into ``profiles``) of the right answers of query ``i``.
    """

    name: str
    query_ids: list[str]
    queries: list[str]
    relevant: list[frozenset[int]]
    profile_ids: list[str]
    profiles: list[list[str]]
    language: str = ""
    notes: dict[str, Any] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.queries)

    @property
    def n_texts(self) -> int:
        return sum(len(p) for p in self.profiles)

    def split(self, part: Split) -> RetrievalSet:
        """The ``dev`` (odd query numbers) or ``test`` (even) half, or ``all``."""
        if part == "all":
            return self
        keep = [
            i for i, qid in enumerate(self.query_ids) if (_number(qid) % 2 == 1) == (part == "dev")
        ]
        return RetrievalSet(
            name=f"{self.name}/{part}",
            query_ids=[self.query_ids[i] for i in keep],
            queries=[self.queries[i] for i in keep],
            relevant=[self.relevant[i] for i in keep],
            profile_ids=self.profile_ids,
            profiles=self.profiles,
            language=self.language,
            notes=self.notes,
        )


def _number(query_id: str) -> int:
    digits = "".join(ch for ch in query_id if ch.isdigit())
    return int(digits) if digits else 0


def load_set(
    name: str,
    queries_path: str | Path,
    profiles: Mapping[str, Sequence[str]],
    *,
    language: str = "",
) -> RetrievalSet:
    """Build a set from a queries JSONL (``id``, ``query``, ``relevant``) and profiles by id."""
    rows = read_jsonl(queries_path)
    profile_ids = list(profiles)
    position = {pid: j for j, pid in enumerate(profile_ids)}
    qids: list[str] = []
    texts: list[str] = []
    relevant: list[frozenset[int]] = []
    for n, row in enumerate(rows, start=1):
        where = f"{Path(queries_path).name}: line {n}"
        if not isinstance(row.get("query"), str) or not row["query"].strip():
            raise ValueError(f"{where}, field 'query': missing or empty")
        rel = row.get("relevant")
        if not isinstance(rel, list) or not rel:
            raise ValueError(
                f"{where}, field 'relevant': a non-empty list of profile ids is required"
            )
        missing = [r for r in rel if r not in position]
        if missing:
            raise ValueError(f"{where}, field 'relevant': unknown profile id(s) {missing}")
        qids.append(str(row.get("id", f"q{n}")))
        texts.append(row["query"])
        relevant.append(frozenset(position[r] for r in rel))
    return RetrievalSet(
        name=name,
        query_ids=qids,
        queries=texts,
        relevant=relevant,
        profile_ids=profile_ids,
        profiles=[list(profiles[p]) for p in profile_ids],
        language=language,
    )


def catalogue_profiles() -> dict[str, list[str]]:
    """Profiles of the seed catalogue's organisations, in the form :func:`build_profiles` gives.

    The first text is name, description, sectors and region; each document follows.
    """
    from graph.model import Organisation
    from matcher.text.profiles import organisation_texts
    from seeds.organisations import ORGANISATIONS

    out: dict[str, list[str]] = {}
    for rec in ORGANISATIONS:
        org = Organisation(
            id=f"org:{rec['slug']}",
            name=rec["name"],
            org_kind=rec["org_kind"],
            sectors=rec.get("sectors", []),
            region=rec.get("region", ""),
            description=rec.get("description", ""),
            documents=list(rec.get("documents", [])),
        )
        out[org.id] = organisation_texts(org)
    return out


def seed_profiles() -> dict[str, list[str]]:
    """Organisation profiles of the seed network (``build_profiles`` on ``seeds.load_seed()``):
    own texts plus contacts' expertise and the dossiers each organisation is a stakeholder in."""
    from graph.sqlite_store import SqliteGraphStore
    from matcher.text.profiles import build_profiles
    from seeds import load_seed

    nodes, edges = load_seed()
    store = SqliteGraphStore(":memory:")
    try:
        store.write(nodes, edges)
        return build_profiles(store, "organisation")
    finally:
        store.close()


def load_dutch(
    profiles: Mapping[str, Sequence[str]] | None = None, *, name: str = "nl"
) -> RetrievalSet:
    """The Dutch set: 212 civil-servant questions against the partner organisations.

    Parameters
    ----------
    profiles : mapping of organisation id to texts, optional
        Default :func:`catalogue_profiles`; pass ``build_profiles(store)`` to measure on a graph's
        full profiles (contacts' expertise, dossiers). Every id the questions name must be present.
    """
    return load_set(
        name,
        DATA_DIR / "nl_questions.jsonl",
        profiles if profiles is not None else catalogue_profiles(),
        language="nl",
    )


def load_english() -> RetrievalSet:
    """The English set: 135 expertise questions/abstracts against 66 three-text expert profiles."""
    rows = read_jsonl(DATA_DIR / "en_profiles.jsonl")
    profiles = {str(r["id"]): [str(t) for t in r["texts"]] for r in rows}
    return load_set("en", DATA_DIR / "en_queries.jsonl", profiles, language="en")
