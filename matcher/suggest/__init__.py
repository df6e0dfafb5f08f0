"""Partner suggestions: who a staff member, dossier or question should connect with, and why.

Decides: candidate generation, the per-(query, candidate) features, the ranker (scikit-learn
conventions), re-ranking for diversity and fair exposure, the Dutch reasons, feedback and
retraining, and the temporal evaluation against baselines.
May import: ``graph``, ``matcher.text`` and the shared ``matcher`` modules.
"""

from __future__ import annotations

from matcher.lazy import lazy_getattr

__all__ = [
    "LinearRanker",
    "Suggester",
    "Suggestion",
    "SuggestionError",
    "evaluate_temporal",
    "record_feedback",
    "retrain_ranker",
    "suggest_partners",
]

__getattr__ = lazy_getattr(
    "matcher.suggest",
    {
        "LinearRanker": "matcher.suggest.ranker",
        "Suggester": "matcher.suggest.suggester",
        "Suggestion": "matcher.suggest.suggester",
        "SuggestionError": "matcher.suggest.suggester",
        "evaluate_temporal": "matcher.suggest.evaluation",
        "record_feedback": "matcher.suggest.feedback",
        "retrain_ranker": "matcher.suggest.feedback",
        "suggest_partners": "matcher.suggest.suggester",
    },
)
