"""Fitted suggestion rankers as versioned artifacts in the store.

A fit learns from months of history and takes tens of seconds at seed size, so it is never done
while someone waits: ``verbinder retrain`` (or the service, in the background) fits a
:class:`~matcher.suggest.ranker.LinearRanker`, and :func:`save_ranker` stores it as the next
version of the model :data:`RANKER_MODEL` with what it was trained on — the raw-feature weights
(standardisation and calibration are folded into them, so they are the whole model), the intercept,
the estimator's parameters, the store revision, the date window of its training labels and the
evaluation figures when there are any. Saving makes a version *active*; :func:`rollback` makes an
earlier one active again. ``serve`` loads the active version at start.

For a question about a historic day, :func:`version_for` picks the newest version trained on labels
that end on or before that day, so an old ``as_of`` does not borrow weights learned from its future
when an older version exists.

Example
-------
>>> from graph import SqliteGraphStore
>>> from matcher.suggest.ranker import default_ranker
>>> store = SqliteGraphStore(":memory:")
>>> v = save_ranker(store, default_ranker(), trained_until=dt.date(2026, 5, 1), origin="retrain")
>>> v.version, v.source, active_version(store).version
(1, 'default', 1)
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from matcher.suggest.features import FEATURES
from matcher.suggest.ranker import DEFAULT_WEIGHTS, LinearRanker

if TYPE_CHECKING:
    from graph.store import GraphStore

__all__ = [
    "RANKER_MODEL",
    "ModelVersion",
    "active_version",
    "list_versions",
    "ranker_from_payload",
    "ranker_payload",
    "rollback",
    "save_ranker",
    "version_for",
]

logger = logging.getLogger(__name__)

#: The model name the suggestion ranker is stored under.
RANKER_MODEL = "suggestion-ranker"
_PARAMS = ("C", "class_weight", "max_iter", "min_positives", "objective", "max_pairs")


@dataclass(frozen=True, kw_only=True)
class ModelVersion:
    """One stored version of the suggestion ranker and what it was trained on."""

    version: int
    created: str
    active: bool
    ranker: LinearRanker
    trained_until: dt.date
    window_start: dt.date | None = None
    store_revision: int = -1
    origin: str = ""
    evaluation: dict[str, Any] = field(default_factory=dict)

    @property
    def source(self) -> str:
        return str(self.ranker.source_)

    def summary(self) -> dict[str, Any]:
        """A JSON-ready description (weights included)."""
        return {
            "version": self.version,
            "created": self.created,
            "active": self.active,
            "source": self.source,
            "origin": self.origin,
            "trained_until": self.trained_until.isoformat(),
            "window_start": self.window_start.isoformat() if self.window_start else None,
            "store_revision": self.store_revision,
            "n_positives": int(getattr(self.ranker, "n_positives_", 0)),
            "intercept": float(self.ranker.intercept_),
            "weights": self.ranker.weights(),
            "evaluation": self.evaluation,
        }


def ranker_payload(
    ranker: LinearRanker,
    *,
    trained_until: dt.date,
    window_start: dt.date | None = None,
    store_revision: int = -1,
    origin: str = "",
    evaluation: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The JSON payload of a fitted ranker and its training metadata."""
    params = ranker.get_params()
    return {
        "format": 1,
        "weights": ranker.weights(),
        "intercept": float(ranker.intercept_),
        "source": ranker.source_,
        "n_positives": int(getattr(ranker, "n_positives_", 0)),
        "params": {k: params[k] for k in _PARAMS},
        "random_state": params.get("random_state"),
        "trained_until": trained_until.isoformat(),
        "window_start": window_start.isoformat() if window_start else None,
        "store_revision": int(store_revision),
        "origin": origin,
        "evaluation": evaluation or {},
    }


def ranker_from_payload(payload: dict[str, Any]) -> LinearRanker:
    """The fitted :class:`LinearRanker` of a payload, on today's :data:`FEATURES`.

    A feature the stored version did not know (a signal added since) gets its documented prior
    weight; a feature it knew that no longer exists is dropped.
    """
    weights = payload["weights"]
    missing = [f for f in FEATURES if f not in weights]
    if missing:
        logger.warning("stored ranker lacks features %s; using their prior weights", missing)
    ranker = LinearRanker(
        feature_names=FEATURES,
        random_state=payload.get("random_state"),
        **payload.get("params", {}),
    )
    ranker.coef_ = np.array([float(weights.get(f, DEFAULT_WEIGHTS.get(f, 0.0))) for f in FEATURES])
    ranker.intercept_ = float(payload["intercept"])
    ranker.source_ = str(payload.get("source", "learned"))
    ranker.n_positives_ = int(payload.get("n_positives", 0))
    ranker.n_features_in_ = len(FEATURES)
    ranker.classes_ = np.array([0, 1])
    return ranker


def _day(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(str(value)) if value else None


def _version(row: dict[str, Any]) -> ModelVersion:
    payload = json.loads(row["payload"])
    return ModelVersion(
        version=int(row["version"]),
        created=str(row["created"]),
        active=bool(row["active"]),
        ranker=ranker_from_payload(payload),
        trained_until=_day(payload["trained_until"]) or dt.date.min,
        window_start=_day(payload.get("window_start")),
        store_revision=int(payload.get("store_revision", -1)),
        origin=str(payload.get("origin", "")),
        evaluation=dict(payload.get("evaluation") or {}),
    )


def save_ranker(
    store: GraphStore,
    ranker: LinearRanker,
    *,
    trained_until: dt.date,
    window_start: dt.date | None = None,
    store_revision: int = -1,
    origin: str = "",
    evaluation: dict[str, Any] | None = None,
) -> ModelVersion:
    """Store ``ranker`` as the next version of :data:`RANKER_MODEL` and make it active."""
    payload = ranker_payload(
        ranker,
        trained_until=trained_until,
        window_start=window_start,
        store_revision=store_revision,
        origin=origin,
        evaluation=evaluation,
    )
    created = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
    version = store.save_model_version(RANKER_MODEL, json.dumps(payload, sort_keys=True), created)
    logger.info("saved %s version %d (%s)", RANKER_MODEL, version, ranker.source_)
    row = {"version": version, "created": created, "active": True, "payload": json.dumps(payload)}
    return _version(row)


def list_versions(store: GraphStore) -> list[ModelVersion]:
    """Every stored version, oldest first."""
    return [_version(row) for row in store.model_versions(RANKER_MODEL)]


def active_version(store: GraphStore) -> ModelVersion | None:
    """The version in use (``None`` when none was saved yet)."""
    return next((v for v in reversed(list_versions(store)) if v.active), None)


def version_for(versions: list[ModelVersion], as_of: dt.date) -> ModelVersion | None:
    """The version to answer a question on ``as_of`` with: the active one when it was trained on
    labels up to ``as_of`` at the latest, else the newest version that was (else the active one)."""
    active = next((v for v in versions if v.active), None)
    if active is None or active.trained_until <= as_of:
        return active
    older = [v for v in versions if v.trained_until <= as_of]
    return max(older, key=lambda v: (v.trained_until, v.version)) if older else active


def rollback(store: GraphStore, to: int | None = None) -> ModelVersion:
    """Make version ``to`` (default: the one before the active one) active again.

    Raises ``ValueError`` when there is nothing to roll back to.
    """
    versions = list_versions(store)
    if not versions:
        raise ValueError(f"no saved versions of {RANKER_MODEL}; run `verbinder retrain` first")
    if to is None:
        active = next((v.version for v in versions if v.active), versions[-1].version)
        earlier = [v.version for v in versions if v.version < active]
        if not earlier:
            raise ValueError(f"version {active} is the oldest; nothing to roll back to")
        to = earlier[-1]
    if not any(v.version == to for v in versions):
        raise ValueError(f"no version {to} of {RANKER_MODEL}")
    store.activate_model_version(RANKER_MODEL, to)
    return next(v for v in list_versions(store) if v.version == to)
