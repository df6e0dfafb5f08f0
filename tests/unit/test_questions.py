"""The Dutch question set and its loader."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from matcher.suggest.questions import KINDS, graded_metrics, load_questions
from seeds.organisations import ORGANISATIONS

QUESTIONS = Path(__file__).parents[1] / "data" / "questions_nl.jsonl"


def test_the_question_set_has_the_promised_composition():
    qs = load_questions(QUESTIONS)
    kinds = Counter(q.kind for q in qs)
    assert len(qs) >= 80
    assert kinds["regional"] >= 10 and kinds["cross_domain"] >= 10 and kinds["nonsense"] >= 10
    for kind in KINDS:  # half/half, stratified by kind
        split = Counter(q.split for q in qs if q.kind == kind)
        assert abs(split["dev"] - split["test"]) <= 1, kind
    known = {f"org:{o['slug']}" for o in ORGANISATIONS}
    for q in qs:
        assert set(q.relevant) <= known and set(q.acceptable) <= known, q.id
        assert not set(q.relevant) & set(q.acceptable), q.id
        assert (q.kind == "nonsense") == (not q.relevant), q.id


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"id": "a", "kind": "plain", "split": "dev"}, "field 'text'"),
        ({"id": "a", "kind": "vaag", "split": "dev", "text": "t"}, "field 'kind'"),
        ({"id": "a", "kind": "plain", "split": "train", "text": "t"}, "field 'split'"),
        ({"id": "a", "kind": "plain", "split": "dev", "text": "t"}, "field 'relevant'"),
    ],
)
def test_a_bad_line_names_the_line_and_the_field(tmp_path, row, message):
    path = tmp_path / "q.jsonl"
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=f":1: {message}"):
        load_questions(path)


def test_an_empty_answer_scores_zero():
    q = load_questions(QUESTIONS)[0]
    assert graded_metrics([], q) == {"ndcg@10": 0.0, "hit@5": 0.0, "p@5": 0.0, "mrr": 0.0}
