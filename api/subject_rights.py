"""AVG (GDPR) rights of one person — staff member or contact: access, erasure, and retention.

- :func:`personal_data` gathers everything stored about a person: their record, every edge that
  touches them (feedback included), other records whose text names them, the audit entries that
  show them, the API keys that belong to them and the contact-register entries naming them.
- :func:`erase_person` removes them: the auth side first (keys, contact-register entries, the
  audit pseudonym, so every audit entry about them stops pointing to anyone, and a tombstone entry
  naming nobody), then the graph side in one store transaction (the node with its edges, their
  name and id in other records' texts, and the cached text vectors of their texts). Fitted models
  hold no state beyond the store revision, which the erasure changes, so they are refitted from
  data without the person. Running an erasure twice is harmless, so an interrupted one is finished
  by running it again.
- :func:`apply_retention` removes interactions older than a number of years.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from api.audit import AuditLog
from api.keystore import KeyStore
from graph.model import Contact, EdgeModel, NodeModel, Staff, edge_adapter, node_adapter
from graph.store import GraphStore, text_hash
from matcher.vocabulary import ERASED_NL, ERASED_TEXT_NL

__all__ = [
    "Erasure",
    "NotAPersonError",
    "Retention",
    "apply_retention",
    "erase_person",
    "personal_data",
    "retention_cutoff",
]

#: Text prefixes the encoders put before a text they embed (symmetric models: none).
_ENCODER_PREFIXES = ("", "passage: ", "query: ")
#: Fields that carry identities, never free text.
_IDENTITY_FIELDS = frozenset({"id", "kind", "source", "target", "key", "edition", "session"})


class NotAPersonError(ValueError):
    """The id names a node that is not a person (only staff and contacts are)."""


def _person(store: GraphStore, person_id: str) -> Staff | Contact:
    node = store.get_node(person_id)  # NotFoundError when absent
    if not isinstance(node, Staff | Contact):
        raise NotAPersonError(f"'{person_id}' is a {node.KIND}, not a person (staff or contact)")
    return node


def _pattern(person: Staff | Contact) -> re.Pattern[str]:
    needles = [person.id, person.name, person.email]
    alternatives = sorted({n for n in needles if n and len(n) >= 3}, key=len, reverse=True)
    return re.compile("|".join(re.escape(n) for n in alternatives), re.IGNORECASE)


def _scrub(value: Any, pattern: re.Pattern[str]) -> Any:
    if isinstance(value, str):
        return pattern.sub(ERASED_TEXT_NL, value)
    if isinstance(value, list):
        return [_scrub(v, pattern) for v in value]
    if isinstance(value, dict):
        return {k: v if k in _IDENTITY_FIELDS else _scrub(v, pattern) for k, v in value.items()}
    return value


def _mentions(
    store: GraphStore, person: Staff | Contact
) -> tuple[list[NodeModel], list[EdgeModel], list[EdgeModel], list[EdgeModel]]:
    """Other nodes and edges whose text names the person, the same with the name scrubbed, and
    the edges to delete because an identity field (not an endpoint) names them."""
    pattern = _pattern(person)
    nodes: list[NodeModel] = []
    edges: list[EdgeModel] = []
    scrubbed_edges: list[EdgeModel] = []
    doomed: list[EdgeModel] = []
    for node in store.nodes():
        if node.id != person.id and pattern.search(node.model_dump_json()):
            nodes.append(node)
    for edge in store.edges():
        if person.id in (edge.source, edge.target):
            continue
        if pattern.search(edge.model_dump_json()):
            if pattern.search(edge.key) or pattern.search(getattr(edge, "session", "") or ""):
                doomed.append(edge)
                continue
            edges.append(edge)
            scrubbed_edges.append(
                edge_adapter.validate_python(_scrub(edge.model_dump(mode="json"), pattern))
            )
    return nodes, edges, scrubbed_edges, doomed


def _own_texts(person: Staff | Contact) -> list[str]:
    """The texts of the person the encoders may have embedded (see ``matcher.text.profiles``)."""
    if isinstance(person, Staff):
        parts = [person.expertise, person.directorate, person.unit]
    else:
        parts = [person.expertise, person.role]
    joined = ". ".join(p.strip().rstrip(".") for p in parts if p and p.strip())
    texts = {t for t in (joined, person.expertise, person.expertise.strip()) if t}
    return sorted(texts)


def _vector_hashes(person: Staff | Contact) -> list[str]:
    return sorted({text_hash(p + t) for t in _own_texts(person) for p in _ENCODER_PREFIXES})


def personal_data(
    store: GraphStore, keys: KeyStore, audit: AuditLog, person_id: str
) -> dict[str, Any]:
    """Everything stored about one person, as JSON-ready data (the answer to an access request)."""
    person = _person(store, person_id)
    own = [
        e
        for e in store.edges(source=person_id) + store.edges(target=person_id)
        if person_id in (e.source, e.target)
    ]
    own = sorted({e.identity: e for e in own}.values(), key=lambda e: e.identity)
    nodes, edges, _, doomed = _mentions(store, person)
    return {
        "person": person.model_dump(mode="json"),
        "edges": [e.model_dump(mode="json") for e in own if e.KIND != "FEEDBACK"],
        "feedback": [e.model_dump(mode="json") for e in own if e.KIND == "FEEDBACK"],
        "mentioned_in": {
            "nodes": [n.model_dump(mode="json") for n in nodes],
            "edges": [e.model_dump(mode="json") for e in edges + doomed],
        },
        "api_keys": [
            {
                "key_id": k.key_id,
                "name": k.name,
                "role": k.role.value,
                "created": k.created,
                "revoked": k.revoked,
            }
            for k in _keys_of(keys, person)
        ],
        "audit": [e.to_dict() for e in audit.entries_about(person_id)],
        "contact_register": audit.backend.contacts_naming(person_id),
    }


def _keys_of(keys: KeyStore, person: Staff | Contact) -> list[Any]:
    name = person.name.strip().casefold()
    return [k for k in keys.list() if k.staff_id == person.id or k.name.strip().casefold() == name]


@dataclass
class Erasure:
    """What an erasure removed (counts only: the report names nobody)."""

    person_kind: str
    edges: int = 0
    rewritten_nodes: int = 0
    rewritten_edges: int = 0
    vector_hashes: int = 0
    api_keys: int = 0
    contact_register: int = 0
    audit_unlinked: int = 0
    tombstone: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "person_kind": self.person_kind,
            "edges": self.edges,
            "rewritten_nodes": self.rewritten_nodes,
            "rewritten_edges": self.rewritten_edges,
            "vector_hashes": self.vector_hashes,
            "api_keys": self.api_keys,
            "contact_register": self.contact_register,
            "audit_unlinked": self.audit_unlinked,
            "tombstone": self.tombstone,
        }


def erase_person(
    store: GraphStore,
    keys: KeyStore,
    audit: AuditLog,
    person_id: str,
    *,
    actor_key_id: str,
    actor_role: str,
    method: str,
    path: str,
) -> Erasure:
    """Erase one person everywhere; :class:`~graph.errors.NotFoundError` when there is no such
    node, :class:`NotAPersonError` when it is not a person. ``path`` is the request (route or
    command) recorded in the tombstone, with the person's id and name replaced."""
    person = _person(store, person_id)
    pattern = _pattern(person)
    own = {e.identity for e in store.edges(source=person_id)} | {
        e.identity for e in store.edges(target=person_id)
    }
    nodes, _, scrubbed_edges, doomed = _mentions(store, person)
    scrubbed_nodes = [
        node_adapter.validate_python(_scrub(n.model_dump(mode="json"), pattern)) for n in nodes
    ]
    hashes = _vector_hashes(person)
    report = Erasure(person_kind=person.KIND)
    report.api_keys = keys.delete([k.key_id for k in _keys_of(keys, person)])
    report.contact_register = audit.backend.delete_contacts_naming(person_id)
    report.audit_unlinked = len(audit.entries_about(person_id))
    audit.backend.forget_subject(person_id)
    report.tombstone = audit.record_tombstone(
        key_id=actor_key_id,
        role=actor_role,
        method=method,
        path=pattern.sub(ERASED_NL, path),
    )
    store.erase(
        [person_id],
        rewrite_nodes=scrubbed_nodes,
        rewrite_edges=scrubbed_edges,
        delete_edges=[e.identity for e in doomed],
        vector_hashes=hashes,
    )
    report.edges = len(own) + len(doomed)
    report.rewritten_nodes = len(scrubbed_nodes)
    report.rewritten_edges = len(scrubbed_edges)
    report.vector_hashes = len(hashes)
    return report


@dataclass(frozen=True)
class Retention:
    """Interactions older than ``cutoff`` (``removed`` is 0 for a dry run)."""

    cutoff: dt.date
    found: int
    removed: int

    def to_dict(self) -> dict[str, Any]:
        return {"cutoff": self.cutoff.isoformat(), "found": self.found, "removed": self.removed}


def retention_cutoff(years: int, today: dt.date) -> dt.date:
    """The first day that is kept: ``today`` ``years`` years ago (28 February for a 29th)."""
    if years < 1:
        raise ValueError("retention needs at least 1 year")
    try:
        return today.replace(year=today.year - years)
    except ValueError:
        return today.replace(year=today.year - years, day=28)


def apply_retention(
    store: GraphStore, years: int, *, today: dt.date, apply: bool = False
) -> Retention:
    """Find (and with ``apply`` remove, in one transaction) interactions dated before the cutoff."""
    cutoff = retention_cutoff(years, today)
    old = [
        e
        for e in store.edges("INTERACTED", until=cutoff - dt.timedelta(days=1))
        if e.date is not None and e.date < cutoff
    ]
    if apply and old:
        store.write((), (), delete_edges=[e.identity for e in old])
    return Retention(cutoff=cutoff, found=len(old), removed=len(old) if apply else 0)
