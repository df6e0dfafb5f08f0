"""Who may see personal data, for what purpose — and the audit entry when they do.

Personal data are the names, e-mail addresses, roles and expertise texts of contacts (people at
partner organisations) and the names and e-mail addresses of staff. Interaction and feedback notes
may mention people, so they count too.

==================  ===========================  ==========================================
role                purposes with personal data  whose
==================  ===========================  ==========================================
admin               every purpose                everyone
staff               suggestions, team            consented contacts; staff colleagues
facilitator         seating                      guests of the edition (contacts); staff
facilitator         team                         consented contacts; staff colleagues
==================  ===========================  ==========================================

Everyone else gets ids and the organisation only. A :class:`Disclosure` lives for one request: it
redacts every node it renders and, at the end of the request, writes one audit entry listing the
ids whose personal data was shown.
"""

from __future__ import annotations

import re
import threading
import weakref
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from api.audit import AuditLog
from api.keystore import ApiKey, Role
from graph.model import Contact, EdgeModel, NodeModel, Staff
from graph.store import GraphStore

__all__ = ["PD_FIELDS", "Disclosure", "Purpose", "may_disclose", "persons_of"]


class Purpose(StrEnum):
    GRAPH = "graph"
    SUGGESTIONS = "suggestions"
    SEATING = "seating"
    TEAM = "team"
    EXPORT = "export"


#: Fields that are personal data, per node kind.
PD_FIELDS: dict[str, tuple[str, ...]] = {
    "contact": ("name", "email", "role", "expertise", "consent_date"),
    "staff": ("name", "email", "expertise"),
}
_PD_EDGE_FIELDS = ("note",)

_RIGHTS: dict[Role, dict[Purpose, str]] = {
    # purpose -> which contacts: "all" or "consented"
    Role.ADMIN: {p: "all" for p in Purpose},
    Role.STAFF: {Purpose.SUGGESTIONS: "consented", Purpose.TEAM: "consented"},
    Role.FACILITATOR: {Purpose.SEATING: "all", Purpose.TEAM: "consented"},
}


def may_disclose(role: Role, purpose: Purpose, node: NodeModel) -> bool:
    """True when ``role`` may see ``node``'s personal data for ``purpose``."""
    scope = _RIGHTS.get(role, {}).get(purpose)
    if scope is None:
        return False
    if isinstance(node, Contact):
        return scope == "all" or node.consent
    return True


_PERSONS_LOCK = threading.Lock()
#: Per open store (held weakly: a closed store's people go with it, and a new store never
#: inherits them by reusing an address).
_PERSONS: weakref.WeakKeyDictionary[Any, tuple[Any, People]] = weakref.WeakKeyDictionary()


_TOKEN = re.compile(r"[\w@+'-]+(?:\.[\w@+'-]+)*")


@dataclass(frozen=True)
class People:
    """Every contact and staff member of a store revision, with their names and e-mail
    addresses for finding them in free text."""

    by_id: dict[str, NodeModel]
    by_text: dict[str, NodeModel]
    max_tokens: int
    first_tokens: frozenset[str]
    all_cased: bool  # every name has a capital letter or an @, so all-lowercase text has none

    def find(self, value: str) -> list[tuple[int, int, NodeModel]]:
        """Spans ``(start, end, person)`` of names and e-mail addresses in ``value``: exact
        substrings that start and end on word boundaries, longest first, not overlapping."""
        if not self.by_text or (self.all_cased and "@" not in value and value == value.lower()):
            return []
        spans = [(m.start(), m.end()) for m in _TOKEN.finditer(value)]
        found: list[tuple[int, int, NodeModel]] = []
        i = 0
        while i < len(spans):
            if value[spans[i][0] : spans[i][1]] not in self.first_tokens:
                i += 1
                continue
            for j in range(min(len(spans), i + self.max_tokens) - 1, i - 1, -1):
                node = self.by_text.get(value[spans[i][0] : spans[j][1]])
                if node is not None:
                    found.append((spans[i][0], spans[j][1], node))
                    i = j
                    break
            i += 1
        return found


def persons_of(store: GraphStore) -> People:
    """The people of ``store``, cached until a person is written or deleted (a store that
    counts writes per node kind, see ``SqliteGraphStore.kind_revision``) or, on other stores,
    until anything is written."""
    per_kind = getattr(store, "kind_revision", None)
    revision: Any = per_kind(*PD_FIELDS) if per_kind is not None else store.revision
    with _PERSONS_LOCK:
        hit = _PERSONS.get(store)
        if hit is not None and hit[0] == revision:
            return hit[1]
    by_id = {n.id: n for kind in PD_FIELDS for n in store.nodes(kind)}
    by_text: dict[str, NodeModel] = {}
    for node in by_id.values():
        for f in ("name", "email"):
            value = str(getattr(node, f, "") or "").strip()
            if len(value) >= 3:
                by_text[value] = node
    tokens = {t: _TOKEN.findall(t) for t in by_text}
    max_tokens = max((len(v) for v in tokens.values()), default=1)
    first = frozenset(v[0] for v in tokens.values() if v)
    all_cased = all("@" in t or t != t.lower() for t in by_text)
    people = People(by_id, by_text, max(1, max_tokens), first, all_cased)
    with _PERSONS_LOCK:
        _PERSONS[store] = (revision, people)
    return people


class Disclosure:
    """Renders nodes for one caller and purpose; remembers whose personal data it showed.

    Parameters
    ----------
    key:
        The caller.
    purpose:
        What the data is shown for (decides the rights, see the module table).
    store:
        Used to name a redacted contact's organisation.
    """

    def __init__(self, key: ApiKey, purpose: Purpose, store: GraphStore):
        self.key = key
        self.purpose = purpose
        self.store = store
        self.shown: set[str] = set()
        self._employer: dict[str, str] = {}

    @property
    def is_admin(self) -> bool:
        return self.key.role is Role.ADMIN

    def employer(self, contact_id: str) -> str:
        """The organisation id a contact works at ('' when unknown; one indexed read per
        contact, kept for this answer)."""
        if contact_id not in self._employer:
            works = self.store.edges("WORKS_AT", source=contact_id)
            self._employer[contact_id] = works[-1].target if works else ""
        return self._employer[contact_id]

    def allows(self, node: NodeModel) -> bool:
        return may_disclose(self.key.role, self.purpose, node)

    def node(self, node: NodeModel) -> dict[str, Any]:
        """The node as JSON, without personal data unless the caller may see it."""
        data = node.model_dump(mode="json")
        fields = PD_FIELDS.get(node.KIND)
        if not fields:
            return data
        if self.allows(node):
            self.shown.add(node.id)
            return data
        redacted = {k: v for k, v in data.items() if k not in fields}
        redacted.pop("consent", None)
        if isinstance(node, Contact):
            redacted["organisation"] = self.employer(node.id)
        redacted["redacted"] = True
        return redacted

    def label(self, node: NodeModel) -> str:
        """A display name: the person's name when allowed, otherwise a neutral description."""
        if node.KIND not in PD_FIELDS:
            return node.label
        if self.allows(node):
            self.shown.add(node.id)
            return node.label
        if isinstance(node, Staff):
            return f"Collega ({node.directorate})" if node.directorate else "Collega"
        org = self.employer(node.id)
        return f"Contactpersoon ({org.removeprefix('org:')})" if org else "Contactpersoon"

    def person(self, node_id: str | None) -> dict[str, Any] | None:
        """``{"id", "name"}`` of a staff member or contact, redacted when needed."""
        if not node_id:
            return None
        try:
            node = self.store.get_node(node_id)
        except KeyError:
            return {"id": node_id, "name": node_id}
        out: dict[str, Any] = {"id": node.id, "name": self.label(node)}
        if isinstance(node, Contact):
            out["organisation"] = self.employer(node.id)
            if self.allows(node):
                out["role"] = node.role
                out["email"] = node.email
        return out

    def edge(self, edge: EdgeModel) -> dict[str, Any]:
        data = edge.model_dump(mode="json")
        for f in _PD_EDGE_FIELDS:
            if data.get(f):
                if self.is_admin:
                    self.shown.update((edge.source, edge.target))
                else:
                    data[f] = ""
                    data["redacted"] = True
        return data

    def scan(self, data: Any) -> Any:
        """Check a JSON-ready result for personal data before it leaves.

        Objects naming a person by id (``id``, ``staff_id``, ``contact_id``, or ``staff`` /
        ``contact`` beside a ``*_name``) lose name and details when the caller may not see them;
        in every string, names and e-mail addresses of people the caller may not see are replaced
        by a neutral description. Every person whose data stays in the result is recorded for the
        audit log. Returns the checked copy.
        """
        people = persons_of(self.store)

        def redact_object(out: dict[str, Any]) -> None:
            for id_field, fields in (
                ("id", ("name", "email", "role", "expertise")),
                ("staff_id", ("name", "email")),
                ("contact_id", ("name", "email", "role")),
                ("staff", ("staff_name",)),
                ("contact", ("contact_name",)),
            ):
                pid = out.get(id_field)
                node = people.by_id.get(pid) if isinstance(pid, str) else None
                if node is None or self.allows(node):
                    continue
                for f in fields:
                    if out.get(f):
                        out[f] = self.label(node) if f.endswith("name") else ""
                out["redacted"] = True

        def text(value: str) -> str:
            found = people.find(value)
            if not found:
                return value
            parts: list[str] = []
            last = 0
            for start, end, node in found:
                parts.append(value[last:start])
                if self.allows(node):
                    self.shown.add(node.id)
                    parts.append(value[start:end])
                else:
                    parts.append(self.label(node))
                last = end
            parts.append(value[last:])
            return "".join(parts)

        def walk(obj: Any) -> Any:
            if isinstance(obj, str):
                return text(obj)
            if isinstance(obj, list | tuple):
                return [walk(x) for x in obj]
            if not isinstance(obj, dict):
                return obj
            out = dict(obj)
            redact_object(out)
            return {k: walk(v) for k, v in out.items()}

        return walk(data)

    def flush(self, audit: AuditLog, method: str, path: str) -> None:
        """Write the audit entry for this request (nothing when no personal data was shown) and,
        for a suggestion answer, one contact-register entry per contact it named."""
        if self.shown:
            audit.record(
                key_id=self.key.key_id,
                key_name=self.key.name,
                role=self.key.role.value,
                method=method,
                path=path,
                purpose=self.purpose.value,
                subjects=sorted(self.shown),
            )
            if self.purpose is Purpose.SUGGESTIONS:
                self._register(audit)
            self.shown.clear()

    def _register(self, audit: AuditLog) -> None:
        import datetime as dt

        at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        people = persons_of(self.store).by_id
        rows = [
            {
                "at": at,
                "key_id": self.key.key_id,
                "staff_id": self.key.staff_id,
                "organisation_id": self.employer(person_id),
                "contact_id": person_id,
                "dossier_id": None,
                "question": "",
            }
            for person_id in sorted(self.shown)
            if isinstance(people.get(person_id), Contact)
        ]
        if rows:
            audit.backend.append_contacts(rows)
