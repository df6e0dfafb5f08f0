"""Every Cypher statement of the Neo4j adapter, in one place.

Model in the graph database:

- one node per graph node, labelled ``:Node`` plus one PascalCase label per kind (``:Staff``,
  ``:Organisation`` …), keyed by our ``id`` (uniqueness constraint), with ``kind`` (indexed) and
  ``data`` (the node's full JSON, so reads are exact);
- one relationship per edge, typed by its UPPER_SNAKE kind (``:WORKS_ON`` …), with ``key``,
  ``date`` (ISO ``YYYY-MM-DD`` string or absent) and ``data`` (the edge's full JSON);
- ``:Embedding {key, model_id, text_hash, dim, vector}`` nodes for the embedding cache, where
  ``key`` is ``model_id + '|' + text_hash``;
- node vectors for server-side candidate search on the graph node itself (``embedding``,
  ``embedding_model``), indexed per label by a vector index;
- ``:ModelVersion {name, version, created, payload}`` nodes for fitted models (``payload`` is JSON
  text) and one ``:ModelActive {name, version}`` node per model naming the version in use;
- one ``:SchemaVersion`` and one ``:GraphRevision`` node, and a ``:VectorIndex {label, dimensions,
  model_id}`` node per vector index (one model per label at a time);
- the API's keys and logs, apart from the graph (never ``:Node``, so clearing or replacing the
  graph leaves them alone): ``:ApiKey`` (hashed keys), ``:AuditEntry`` (append-only: no statement
  here sets or deletes one) numbered by one ``:AuditCounter``, ``:AuditSubject`` (person id ↔
  pseudonym) and ``:ContactRegisterEntry``; named settings stored with the graph (integrity
  rules) are ``:Setting {name, value}``.

Relationships only ever connect ``:Node`` nodes, so read patterns anchor on the indexed
``(:Node {id})`` and leave the far end unlabelled (a labelled far end makes some planners scan).
Values only ever travel as ``$parameters``; writes are batched with ``UNWIND $rows``. Labels and
relationship types cannot be parameters in Cypher (dynamic labels need Neo4j 5.26+, and are not
reliable on every Bolt server), so the statements that need one are written once as a template
with a ``__LABEL__`` / ``__TYPE__`` placeholder and expanded at import time over the closed set of
kinds in :mod:`graph.model` — never from data.
"""

from __future__ import annotations

from graph.model import EDGE_KINDS, NODE_KINDS

__all__ = [
    "ALL_EDGES_QUERY",
    "ALL_NODES_QUERY",
    "BUMP_REVISION_QUERY",
    "CLEAR_GRAPH_QUERY",
    "CLEAR_NODE_VECTORS_QUERY",
    "CREATE_EDGES_QUERIES",
    "CREATE_EDGES_QUERY",
    "CREATE_NODES_QUERIES",
    "CREATE_NODES_QUERY",
    "CREATE_VECTOR_INDEX_QUERIES",
    "CREATE_VECTOR_INDEX_QUERY",
    "DELETE_EDGE_QUERY",
    "DELETE_NODES_QUERY",
    "DELETE_NODE_QUERY",
    "DELETE_VECTORS_QUERY",
    "DROP_VECTOR_INDEX_QUERY",
    "EDGES_FROM_QUERY",
    "EDGES_TO_QUERY",
    "EDGE_COUNTS_QUERY",
    "GET_NODES_QUERY",
    "GET_REVISION_QUERY",
    "GET_SCHEMA_VERSION_QUERY",
    "GET_SETTING_QUERY",
    "GET_VECTORS_QUERY",
    "GET_VECTOR_INDEX_QUERY",
    "KINDS_OF_QUERY",
    "LABELS",
    "MERGE_EDGES_QUERIES",
    "MERGE_EDGES_QUERY",
    "MODEL_ACTIVATE_QUERY",
    "MODEL_ACTIVE_QUERY",
    "MODEL_SAVE_QUERY",
    "MODEL_VERSIONS_QUERY",
    "NEIGHBOURS_IN_QUERY",
    "NEIGHBOURS_OUT_QUERY",
    "NODES_OF_KIND_QUERY",
    "NODE_COUNTS_QUERY",
    "NODE_VECTORS_QUERY",
    "PUT_SETTING_QUERY",
    "PUT_VECTORS_QUERY",
    "REL_TYPES",
    "SCHEMA_V1",
    "SCHEMA_V2",
    "SCHEMA_V3",
    "SET_NODE_VECTORS_QUERY",
    "SET_SCHEMA_VERSION_QUERY",
    "SET_VECTOR_INDEX_QUERY",
    "UPDATE_EDGES_QUERIES",
    "UPDATE_NODES_QUERY",
    "VECTOR_QUERY_NODES_QUERY",
    "label_of",
]

#: Node kind → label (PascalCase).
LABELS: dict[str, str] = {kind: kind.capitalize() for kind in NODE_KINDS}
#: Edge kind → relationship type (already UPPER_SNAKE).
REL_TYPES: dict[str, str] = {kind: kind for kind in EDGE_KINDS}


def label_of(label_or_kind: str) -> str:
    """The label of a node kind (``organisation`` or ``Organisation`` → ``Organisation``)."""
    if label_or_kind in LABELS:
        return LABELS[label_or_kind]
    if label_or_kind in LABELS.values():
        return label_or_kind
    raise ValueError(
        f"unknown node kind or label '{label_or_kind}'; expected one of {sorted(LABELS)}"
    )


def _per_label(template: str) -> dict[str, str]:
    return {kind: template.replace("__LABEL__", label) for kind, label in LABELS.items()}


def _per_type(template: str) -> dict[str, str]:
    return {kind: template.replace("__TYPE__", rel) for kind, rel in REL_TYPES.items()}


# --------------------------------------------------------------------------- schema (version 1)
#: Schema statements of version 1; each is idempotent (``IF NOT EXISTS``).
SCHEMA_V1: tuple[str, ...] = (
    "CREATE CONSTRAINT node_id IF NOT EXISTS FOR (n:Node) REQUIRE n.id IS UNIQUE",
    "CREATE INDEX node_kind IF NOT EXISTS FOR (n:Node) ON (n.kind)",
    "CREATE CONSTRAINT embedding_key IF NOT EXISTS FOR (e:Embedding) REQUIRE e.key IS UNIQUE",
    "CREATE CONSTRAINT schema_version_name IF NOT EXISTS "
    "FOR (v:SchemaVersion) REQUIRE v.name IS UNIQUE",
    "CREATE CONSTRAINT graph_revision_name IF NOT EXISTS "
    "FOR (r:GraphRevision) REQUIRE r.name IS UNIQUE",
    "CREATE INDEX interacted_date IF NOT EXISTS FOR ()-[r:INTERACTED]-() ON (r.date)",
    "CREATE INDEX feedback_date IF NOT EXISTS FOR ()-[r:FEEDBACK]-() ON (r.date)",
)

#: Version 2: the API's keys, audit log, pseudonyms and contact register.
SCHEMA_V2: tuple[str, ...] = (
    "CREATE CONSTRAINT api_key_id IF NOT EXISTS FOR (k:ApiKey) REQUIRE k.key_id IS UNIQUE",
    "CREATE CONSTRAINT audit_entry_seq IF NOT EXISTS FOR (a:AuditEntry) REQUIRE a.seq IS UNIQUE",
    "CREATE CONSTRAINT audit_counter_name IF NOT EXISTS "
    "FOR (c:AuditCounter) REQUIRE c.name IS UNIQUE",
    "CREATE CONSTRAINT audit_subject_id IF NOT EXISTS "
    "FOR (s:AuditSubject) REQUIRE s.subject IS UNIQUE",
    "CREATE CONSTRAINT audit_subject_pseudonym IF NOT EXISTS "
    "FOR (s:AuditSubject) REQUIRE s.pseudonym IS UNIQUE",
    "CREATE CONSTRAINT contact_register_seq IF NOT EXISTS "
    "FOR (c:ContactRegisterEntry) REQUIRE c.seq IS UNIQUE",
    "CREATE CONSTRAINT setting_name IF NOT EXISTS FOR (s:Setting) REQUIRE s.name IS UNIQUE",
)

GET_SETTING_QUERY = """
MATCH (s:Setting {name: $name})
RETURN s.value AS value
"""

PUT_SETTING_QUERY = """
MERGE (s:Setting {name: $name})
SET s.value = $value
"""

#: Version 3: fitted model versions.
SCHEMA_V3: tuple[str, ...] = (
    "CREATE CONSTRAINT model_version_key IF NOT EXISTS "
    "FOR (m:ModelVersion) REQUIRE m.key IS UNIQUE",
    "CREATE CONSTRAINT model_active_name IF NOT EXISTS "
    "FOR (m:ModelActive) REQUIRE m.name IS UNIQUE",
)

GET_SCHEMA_VERSION_QUERY = """
MERGE (v:SchemaVersion {name: 'verbinder'})
ON CREATE SET v.version = 0
MERGE (r:GraphRevision {name: 'graph'})
ON CREATE SET r.value = 0
RETURN v.version AS version
"""

SET_SCHEMA_VERSION_QUERY = """
MATCH (v:SchemaVersion {name: 'verbinder'})
SET v.version = $version
"""

# --------------------------------------------------------------------------- revision
GET_REVISION_QUERY = """
MATCH (r:GraphRevision {name: 'graph'})
RETURN r.value AS revision
"""

BUMP_REVISION_QUERY = """
MERGE (r:GraphRevision {name: 'graph'})
ON CREATE SET r.value = 0
SET r.value = r.value + 1
RETURN r.value AS revision
"""

# --------------------------------------------------------------------------- node writes
KINDS_OF_QUERY = """
UNWIND $ids AS id
MATCH (n:Node {id: id})
RETURN n.id AS id, n.kind AS kind
"""

#: Create nodes of one kind (the caller made sure the ids are new).
CREATE_NODES_QUERY = """
UNWIND $rows AS row
CREATE (n:Node:__LABEL__ {id: row.id, kind: row.kind, data: row.data})
"""
CREATE_NODES_QUERIES = _per_label(CREATE_NODES_QUERY)

#: Replace the data of existing nodes (their kind, hence their labels, never changes).
UPDATE_NODES_QUERY = """
UNWIND $rows AS row
MATCH (n:Node {id: row.id})
SET n.data = row.data
"""

DELETE_NODE_QUERY = """
MATCH (n:Node {id: $id})
WITH n, n.id AS id
DETACH DELETE n
RETURN count(id) AS deleted
"""

DELETE_NODES_QUERY = """
UNWIND $ids AS id
MATCH (n:Node {id: id})
DETACH DELETE n
"""

#: Replace the data of existing edges of one kind (identity and endpoints unchanged).
UPDATE_EDGES_QUERY = """
UNWIND $rows AS row
MATCH (a:Node {id: row.source})-[r:__TYPE__ {key: row.key}]->(b:Node {id: row.target})
SET r.data = row.data
"""
UPDATE_EDGES_QUERIES = _per_type(UPDATE_EDGES_QUERY)

CLEAR_GRAPH_QUERY = """
MATCH (n:Node)
DETACH DELETE n
"""

# --------------------------------------------------------------------------- edge writes
#: Upsert edges of one kind, keyed by (source, target, key).
MERGE_EDGES_QUERY = """
UNWIND $rows AS row
MATCH (a:Node {id: row.source})
MATCH (b:Node {id: row.target})
MERGE (a)-[r:__TYPE__ {key: row.key}]->(b)
SET r.date = row.date, r.data = row.data
"""
MERGE_EDGES_QUERIES = _per_type(MERGE_EDGES_QUERY)

#: Create edges of one kind that cannot exist yet (an endpoint was created in this transaction).
CREATE_EDGES_QUERY = """
UNWIND $rows AS row
MATCH (a:Node {id: row.source})
MATCH (b:Node {id: row.target})
CREATE (a)-[r:__TYPE__ {key: row.key, data: row.data}]->(b)
SET r.date = row.date
"""
CREATE_EDGES_QUERIES = _per_type(CREATE_EDGES_QUERY)

DELETE_EDGE_QUERY = """
MATCH (a:Node {id: $source})-[r {key: $key}]->(b:Node {id: $target})
WHERE type(r) = $kind
WITH r, r.key AS key
DELETE r
RETURN count(key) AS deleted
"""

# --------------------------------------------------------------------------- reads
GET_NODES_QUERY = """
UNWIND $ids AS id
MATCH (n:Node {id: id})
RETURN n.data AS data
"""

ALL_NODES_QUERY = """
MATCH (n:Node)
RETURN n.data AS data
"""

NODES_OF_KIND_QUERY = """
MATCH (n:Node {kind: $kind})
RETURN n.data AS data
"""

_EDGE_FILTER = """
WHERE ($kind IS NULL OR type(r) = $kind)
  AND ($since IS NULL OR r.date IS NULL OR r.date >= $since)
  AND ($until IS NULL OR r.date IS NULL OR r.date <= $until)
"""

ALL_EDGES_QUERY = (
    """
MATCH (a:Node)-[r]->(b)
"""
    + _EDGE_FILTER
    + """
RETURN r.data AS data
"""
)

EDGES_FROM_QUERY = (
    """
MATCH (a:Node {id: $source})
WITH a
MATCH (a)-[r]->(b)
"""
    + _EDGE_FILTER
    + """
  AND ($target IS NULL OR b.id = $target)
RETURN r.data AS data
"""
)

EDGES_TO_QUERY = (
    """
MATCH (b:Node {id: $target})
WITH b
MATCH (a)-[r]->(b)
"""
    + _EDGE_FILTER
    + """
RETURN r.data AS data
"""
)

_NEIGHBOUR_FILTER = """
WHERE ($kinds IS NULL OR type(r) IN $kinds)
  AND ($node_kind IS NULL OR m.kind = $node_kind)
  AND ($since IS NULL OR r.date IS NULL OR r.date >= $since)
  AND ($until IS NULL OR r.date IS NULL OR r.date <= $until)
RETURN m.data AS node, r.data AS edge
"""

NEIGHBOURS_OUT_QUERY = (
    """
MATCH (n:Node {id: $id})
WITH n
MATCH (n)-[r]->(m)
"""
    + _NEIGHBOUR_FILTER
)

NEIGHBOURS_IN_QUERY = (
    """
MATCH (n:Node {id: $id})
WITH n
MATCH (n)<-[r]-(m)
"""
    + _NEIGHBOUR_FILTER
)

NODE_COUNTS_QUERY = """
MATCH (n:Node)
RETURN n.kind AS kind, count(n) AS n
"""

EDGE_COUNTS_QUERY = """
MATCH ()-[r]->()
RETURN type(r) AS kind, count(r) AS n
"""

# --------------------------------------------------------------------------- fitted models
MODEL_VERSIONS_QUERY = """
MATCH (m:ModelVersion {name: $name})
RETURN m.version AS version, m.created AS created, m.payload AS payload
ORDER BY version
"""

MODEL_ACTIVE_QUERY = """
MATCH (a:ModelActive {name: $name})
RETURN a.version AS version
"""

MODEL_SAVE_QUERY = """
CREATE (m:ModelVersion {key: $key, name: $name, version: $version, created: $created,
                        payload: $payload})
MERGE (a:ModelActive {name: $name})
SET a.version = $version
"""

MODEL_ACTIVATE_QUERY = """
MERGE (a:ModelActive {name: $name})
SET a.version = $version
"""

# --------------------------------------------------------------------------- embedding cache
GET_VECTORS_QUERY = """
UNWIND $keys AS key
MATCH (e:Embedding {key: key})
RETURN e.text_hash AS text_hash, e.vector AS vector
"""

DELETE_VECTORS_QUERY = """
MATCH (e:Embedding)
WHERE e.text_hash IN $hashes
DELETE e
"""

PUT_VECTORS_QUERY = """
UNWIND $rows AS row
MERGE (e:Embedding {key: row.key})
SET e.model_id = row.model_id, e.text_hash = row.text_hash, e.dim = row.dim,
    e.vector = row.vector
"""

# --------------------------------------------------------------------------- vector search
SET_NODE_VECTORS_QUERY = """
UNWIND $rows AS row
MATCH (n:Node {id: row.id})
WHERE n.kind = $kind
SET n.embedding = row.vector, n.embedding_model = $model_id
RETURN count(n) AS updated
"""

CLEAR_NODE_VECTORS_QUERY = """
MATCH (n:Node {kind: $kind})
WHERE n.embedding IS NOT NULL
REMOVE n.embedding, n.embedding_model
"""

GET_VECTOR_INDEX_QUERY = """
MATCH (v:VectorIndex {label: $label})
RETURN v.dimensions AS dimensions, v.model_id AS model_id
"""

SET_VECTOR_INDEX_QUERY = """
MERGE (v:VectorIndex {label: $label})
SET v.dimensions = $dimensions, v.model_id = $model_id
"""

NODE_VECTORS_QUERY = """
MATCH (n:Node {kind: $kind})
WHERE n.embedding_model = $model_id
RETURN n.id AS id, n.embedding AS vector
"""

#: Neo4j 5 syntax; the dialect substitutes its own way where a server lacks it.
CREATE_VECTOR_INDEX_QUERY = """
CREATE VECTOR INDEX $name IF NOT EXISTS
FOR (n:__LABEL__) ON (n.embedding)
OPTIONS {indexConfig: {
  `vector.dimensions`: toInteger($dimensions),
  `vector.similarity_function`: 'cosine'
}}
"""
CREATE_VECTOR_INDEX_QUERIES = _per_label(CREATE_VECTOR_INDEX_QUERY)

DROP_VECTOR_INDEX_QUERY = """
DROP INDEX $name IF EXISTS
"""

VECTOR_QUERY_NODES_QUERY = """
CALL db.index.vector.queryNodes($index, $k, $vector)
YIELD node, score
WHERE node.embedding_model = $model_id
RETURN node.id AS id, node.embedding AS vector, score
"""

# --------------------------------------------------------------------------- keys and logs
INSERT_KEY_QUERY = """
CREATE (k:ApiKey {key_id: $key_id, name: $name, role: $role, salt: $salt, hash: $hash,
                  created: $created, revoked: false})
SET k.staff_id = $staff_id
"""

GET_KEY_QUERY = """
MATCH (k:ApiKey {key_id: $key_id})
RETURN k.key_id AS key_id, k.name AS name, k.role AS role, k.salt AS salt, k.hash AS hash,
       k.created AS created, k.revoked AS revoked, k.staff_id AS staff_id
"""

LIST_KEYS_QUERY = """
MATCH (k:ApiKey)
RETURN k.key_id AS key_id, k.name AS name, k.role AS role, k.salt AS salt, k.hash AS hash,
       k.created AS created, k.revoked AS revoked, k.staff_id AS staff_id
"""

REVOKE_KEY_QUERY = """
MATCH (k:ApiKey {key_id: $key_id})
SET k.revoked = true
RETURN count(k) AS revoked
"""

DELETE_KEYS_QUERY = """
UNWIND $key_ids AS key_id
MATCH (k:ApiKey {key_id: key_id})
WITH k, k.key_id AS id
DELETE k
RETURN count(id) AS deleted
"""

#: Append one audit entry with the next sequence number (the counter serialises writers).
APPEND_AUDIT_QUERY = """
MERGE (c:AuditCounter {name: 'audit'})
ON CREATE SET c.value = 0
SET c.value = c.value + 1
WITH c.value AS seq
CREATE (a:AuditEntry {seq: seq, at: $at, key_id: $key_id, role: $role, method: $method,
                      path: $path, purpose: $purpose, subjects: $subjects})
RETURN seq
"""

COUNT_AUDIT_QUERY = """
MATCH (a:AuditEntry)
RETURN count(a) AS total
"""

AUDIT_PAGE_QUERY = """
MATCH (a:AuditEntry)
RETURN a.seq AS seq, a.at AS at, a.key_id AS key_id, a.role AS role, a.method AS method,
       a.path AS path, a.purpose AS purpose, a.subjects AS subjects
ORDER BY seq DESC
SKIP $offset LIMIT $limit
"""

AUDIT_WITH_QUERY = """
MATCH (a:AuditEntry)
WHERE $pseudonym IN a.subjects
RETURN a.seq AS seq, a.at AS at, a.key_id AS key_id, a.role AS role, a.method AS method,
       a.path AS path, a.purpose AS purpose, a.subjects AS subjects
ORDER BY seq
"""

GET_PSEUDONYMS_QUERY = """
UNWIND $subjects AS subject
MATCH (s:AuditSubject {subject: subject})
RETURN s.subject AS subject, s.pseudonym AS pseudonym
"""

CREATE_PSEUDONYMS_QUERY = """
UNWIND $rows AS row
MERGE (s:AuditSubject {subject: row.subject})
ON CREATE SET s.pseudonym = row.pseudonym
RETURN s.subject AS subject, s.pseudonym AS pseudonym
"""

SUBJECTS_OF_QUERY = """
UNWIND $pseudonyms AS pseudonym
MATCH (s:AuditSubject {pseudonym: pseudonym})
RETURN s.pseudonym AS pseudonym, s.subject AS subject
"""

FORGET_SUBJECT_QUERY = """
MATCH (s:AuditSubject {subject: $subject})
WITH s, s.subject AS subject
DELETE s
RETURN count(subject) AS forgotten
"""

APPEND_CONTACTS_QUERY = """
MERGE (c:AuditCounter {name: 'contact_register'})
ON CREATE SET c.value = 0
WITH c, c.value AS base
SET c.value = base + size($rows)
WITH base
UNWIND range(0, size($rows) - 1) AS i
WITH base + i + 1 AS seq, $rows[i] AS row
CREATE (e:ContactRegisterEntry {seq: seq, at: row.at, key_id: row.key_id,
        organisation_id: row.organisation_id, contact_id: row.contact_id, question: row.question})
SET e.staff_id = row.staff_id, e.dossier_id = row.dossier_id
"""

_CONTACT_FIELDS = """
RETURN e.seq AS seq, e.at AS at, e.key_id AS key_id, e.staff_id AS staff_id,
       e.organisation_id AS organisation_id, e.contact_id AS contact_id,
       e.dossier_id AS dossier_id, e.question AS question
ORDER BY seq
"""

COUNT_CONTACTS_QUERY = """
MATCH (e:ContactRegisterEntry)
RETURN count(e) AS total
"""

CONTACTS_PAGE_QUERY = (
    """
MATCH (e:ContactRegisterEntry)
"""
    + _CONTACT_FIELDS
    + """
SKIP $offset LIMIT $limit
"""
)

CONTACTS_NAMING_QUERY = (
    """
MATCH (e:ContactRegisterEntry)
WHERE e.contact_id = $person_id OR e.staff_id = $person_id
"""
    + _CONTACT_FIELDS
)

DELETE_CONTACTS_NAMING_QUERY = """
MATCH (e:ContactRegisterEntry)
WHERE e.contact_id = $person_id OR e.staff_id = $person_id
WITH e, e.seq AS seq
DELETE e
RETURN count(seq) AS deleted
"""
