"""Evaluation on Dutch questions written from policy problems, labelled afterwards.

The question set (``tests/data/questions_nl.jsonl``, one JSON object a line) was written from the
programme's policy problems and the dossier themes *before* the organisations' descriptions were read,
then each question was labelled against the seed's organisations: ``relevant`` (an organisation a
civil servant should call) and ``acceptable`` (a reasonable but weaker call). Kinds: ``plain``,
``regional`` (the question names a place), ``cross_domain`` (two policy fields at once) and
``nonsense`` (gibberish or out of the ministry's scope: the right answer is "geen goede match").
Every question has a fixed ``split``: ``dev`` to choose settings on, ``test`` to report on.

:func:`evaluate_questions` answers every question with several variants — the shipped suggester,
text relevance alone, and the suggester without each re-ranking step (ablation) — and reports per
question kind nDCG@10 (gain 2 for relevant, 1 for acceptable), Hit@5, P@5 and MRR (both on
``relevant``) with bootstrap intervals, the paired difference to text relevance alone, abstention
precision/recall, order/score and order/probability inversions, and a reliability table of the
shown probability.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from matcher.metrics import bootstrap_ci

if TYPE_CHECKING:
    from matcher.suggest.suggester import Suggester

__all__ = [
    "KINDS",
    "Answer",
    "Question",
    "QuestionEvaluation",
    "evaluate_questions",
    "graded_metrics",
    "load_questions",
]

KINDS: tuple[str, ...] = ("plain", "regional", "cross_domain", "nonsense")
SPLITS: tuple[str, ...] = ("dev", "test")
METRICS: tuple[str, ...] = ("ndcg@10", "hit@5", "p@5", "mrr")


@dataclass(frozen=True, kw_only=True)
class Question:
    id: str
    kind: str
    split: str
    text: str
    relevant: tuple[str, ...] = ()
    acceptable: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Answer:
    """What one variant answered: organisation ids best first, their scores and probabilities."""

    ids: tuple[str, ...] = ()
    scores: tuple[float, ...] = ()
    probabilities: tuple[float, ...] = ()

    @property
    def abstained(self) -> bool:
        return not self.ids


def load_questions(path: str | Path) -> list[Question]:
    """Read a question set; a bad line raises ``ValueError`` naming the line and the field."""
    out: list[Question] = []
    seen: set[str] = set()
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as e:
            raise ValueError(f"{path}:{n}: not JSON ({e.msg})") from e
        for key in ("id", "kind", "split", "text"):
            if not isinstance(row.get(key), str) or not row[key].strip():
                raise ValueError(f"{path}:{n}: field '{key}' must be a non-empty string")
        if row["kind"] not in KINDS:
            raise ValueError(f"{path}:{n}: field 'kind' must be one of {', '.join(KINDS)}")
        if row["split"] not in SPLITS:
            raise ValueError(f"{path}:{n}: field 'split' must be dev or test")
        if row["id"] in seen:
            raise ValueError(f"{path}:{n}: field 'id' repeats '{row['id']}'")
        seen.add(row["id"])
        relevant = tuple(row.get("relevant") or ())
        if row["kind"] != "nonsense" and not relevant:
            raise ValueError(f"{path}:{n}: field 'relevant' is empty for a {row['kind']} question")
        out.append(
            Question(
                id=row["id"],
                kind=row["kind"],
                split=row["split"],
                text=row["text"],
                relevant=relevant,
                acceptable=tuple(row.get("acceptable") or ()),
            )
        )
    return out


def graded_metrics(ranked: Sequence[str], q: Question) -> dict[str, float]:
    """nDCG@10 (relevant 2, acceptable 1), Hit@5, P@5 and MRR (on relevant) of one ranking.

    >>> q = Question(id="x", kind="plain", split="dev", text="t", relevant=("a",),
    ...              acceptable=("b",))
    >>> m = graded_metrics(["b", "a", "c"], q)
    >>> round(m["ndcg@10"], 3), m["hit@5"], m["p@5"], m["mrr"]
    (0.797, 1.0, 0.2, 0.5)
    """
    gain = {o: 1.0 for o in q.acceptable} | {o: 2.0 for o in q.relevant}
    top = list(ranked)[:10]
    dcg = sum((2 ** gain.get(o, 0.0) - 1) / math.log2(i + 2) for i, o in enumerate(top))
    ideal = sorted(gain.values(), reverse=True)[:10]
    idcg = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    rel = set(q.relevant)
    first = next((i for i, o in enumerate(ranked) if o in rel), None)
    hits5 = sum(o in rel for o in list(ranked)[:5])
    return {
        "ndcg@10": dcg / idcg if idcg > 0 else 0.0,
        "hit@5": float(hits5 > 0),
        "p@5": hits5 / 5,
        "mrr": 1.0 / (first + 1) if first is not None else 0.0,
    }


def _inversions(values: Sequence[float]) -> int:
    """Pairs shown in an order that their values contradict (a later item with a higher value)."""
    v = list(values)
    return sum(1 for i in range(len(v)) for j in range(i + 1, len(v)) if v[j] > v[i] + 1e-9)


@dataclass
class QuestionEvaluation:
    """Per variant: the answers, metrics per kind, abstention and inversions."""

    split: str
    n_questions: int
    rows: list[dict[str, Any]] = field(default_factory=list)
    paired: list[dict[str, Any]] = field(default_factory=list)
    abstention: list[dict[str, Any]] = field(default_factory=list)
    reliability: list[dict[str, Any]] = field(default_factory=list)
    calibration_fit: tuple[float, float] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "split": self.split,
            "n_questions": self.n_questions,
            "metrics": self.rows,
            "paired_vs_text": self.paired,
            "abstention": self.abstention,
            "reliability": self.reliability,
            "calibration_fit": list(self.calibration_fit) if self.calibration_fit else None,
        }

    def table(self) -> str:
        """Plain-text tables (metrics with 95 % intervals, paired differences, abstention)."""
        out = [f"question set, split {self.split}: {self.n_questions} questions", ""]
        head = f"{'variant':<24}{'kind':<14}{'n':>4}" + "".join(f"{m:>22}" for m in METRICS)
        out += [head, "-" * len(head)]
        for r in self.rows:
            cells = "".join(
                f"{r[m]:>8.3f} [{r[m + '_lo']:.2f}, {r[m + '_hi']:.2f}]" for m in METRICS
            )
            out.append(f"{r['variant']:<24}{r['kind']:<14}{r['n']:>4}{cells}")
        out += ["", "nDCG@10, variant − text relevance alone (paired, 95 % interval):"]
        for p in self.paired:
            out.append(
                f"  {p['variant']:<24}{p['kind']:<14}{p['diff']:+.3f} "
                f"[{p['lo']:+.3f}, {p['hi']:+.3f}]"
            )
        out += [
            "",
            f"{'variant':<24}{'abstained':>10}{'precision':>10}{'recall':>8}"
            f"{'score inv.':>11}{'prob. inv.':>11}{'pairs':>7}",
        ]
        for a in self.abstention:
            out.append(
                f"{a['variant']:<24}{a['abstained']:>10}{a['precision']:>10.2f}{a['recall']:>8.2f}"
                f"{a['score_inversions']:>11}{a['probability_inversions']:>11}{a['pairs']:>7}"
            )
        if self.reliability:
            out += ["", "reliability of the shown probability (shipped, shown items):"]
            out.append(f"  {'bin':<12}{'items':>6}{'mean p':>8}{'relevant':>10}{'+accept.':>10}")
            for row in self.reliability:
                out.append(
                    f"  {row['bin']:<12}{row['items']:>6}{row['mean_p']:>8.2f}"
                    f"{row['relevant']:>10.2f}{row['relevant_or_acceptable']:>10.2f}"
                )
        if self.calibration_fit:
            slope, intercept = self.calibration_fit
            out.append(
                f"  logistic fit on this split: slope {slope:.3f}, intercept {intercept:.3f}"
            )
        return "\n".join(out)


Variant = Callable[[Question], Answer]


@contextlib.contextmanager
def _patched(suggester: Suggester, **attrs: Any) -> Iterator[None]:
    old = {k: getattr(suggester, k) for k in attrs}
    try:
        for k, v in attrs.items():
            setattr(suggester, k, v)
        yield
    finally:
        for k, v in old.items():
            setattr(suggester, k, v)


def _suggester_variant(suggester: Suggester, as_of: dt.date, k: int, **attrs: Any) -> Variant:
    def answer(q: Question) -> Answer:
        with _patched(suggester, **attrs):
            res = suggester.suggest(text=q.text, as_of=as_of, k=k)
        return Answer(
            ids=tuple(s.organisation.id for s in res),
            scores=tuple(s.score for s in res),
            probabilities=tuple(s.probability for s in res),
        )

    return answer


def _text_variant(suggester: Suggester, as_of: dt.date, k: int) -> Variant:
    """Text relevance alone: every suggestible organisation by fused relevance, same floor."""
    st = suggester.state(as_of)
    floor = suggester.relevance_settings(st).floor
    ents = st.feat.text.entities
    ok = ~st.opt_out[ents]

    def answer(q: Question) -> Answer:
        dense, lex = st.feat.text.channels(q.text)
        s = st.feat.text.fused(q.text, dense, lex)
        s = np.where(ok, s, -np.inf)
        order = np.argsort(-s, kind="stable")[:k]
        order = order[s[order] >= floor]
        return Answer(
            ids=tuple(st.tg.ids[e] for e in ents[order].tolist()),
            scores=tuple(float(x) for x in s[order]),
        )

    return answer


def variants(suggester: Suggester, as_of: dt.date, k: int = 10) -> dict[str, Variant]:
    """The shipped suggester, text relevance alone and one ablation per re-ranking step."""
    st = suggester.state(as_of)
    base = suggester.relevance_settings(st)
    return {
        "shipped": _suggester_variant(suggester, as_of, k),
        "text relevance alone": _text_variant(suggester, as_of, k),
        "without floor": _suggester_variant(
            suggester, as_of, k, relevance=replace(base, floor=-math.inf)
        ),
        "without network terms": _suggester_variant(
            suggester, as_of, k, relevance=replace(base, margin=0.0)
        ),
        "without region": _suggester_variant(
            suggester, as_of, k, relevance=replace(base, region_weight=0.0)
        ),
        "without exposure": _suggester_variant(suggester, as_of, k, exposure_strength=0.0),
        "without diversity": _suggester_variant(
            suggester, as_of, k, relevance=replace(base, diversity=0.0)
        ),
    }


def _fit_logistic(scores: np.ndarray, labels: np.ndarray) -> tuple[float, float] | None:
    if len(set(labels.tolist())) < 2:
        return None
    from sklearn.linear_model import LogisticRegression

    m = LogisticRegression(C=1e6).fit(scores[:, None], labels)
    return float(m.coef_[0, 0]), float(m.intercept_[0])


def _reliability(answers: dict[str, Answer], qs: Sequence[Question]) -> list[dict[str, Any]]:
    ps, rel, ok = [], [], []
    for q in qs:
        a = answers[q.id]
        for o, p in zip(a.ids, a.probabilities, strict=True):
            ps.append(p)
            rel.append(o in q.relevant)
            ok.append(o in q.relevant or o in q.acceptable)
    p_arr, r_arr, o_arr = np.array(ps), np.array(rel, float), np.array(ok, float)
    out = []
    for lo in (0.0, 0.2, 0.4, 0.6, 0.8):
        m = (p_arr >= lo) & ((p_arr < lo + 0.2) if lo < 0.8 else (p_arr <= 1.0))
        if m.any():
            out.append(
                {
                    "bin": f"{lo:.1f}–{lo + 0.2:.1f}",
                    "items": int(m.sum()),
                    "mean_p": float(p_arr[m].mean()),
                    "relevant": float(r_arr[m].mean()),
                    "relevant_or_acceptable": float(o_arr[m].mean()),
                }
            )
    return out


def evaluate_questions(
    suggester: Suggester,
    questions: Sequence[Question],
    *,
    as_of: dt.date,
    split: str | None = None,
    k: int = 10,
    n_boot: int = 1000,
    random_state: int = 0,
    only: Sequence[str] | None = None,
) -> QuestionEvaluation:
    """Answer every question of ``split`` (all when ``None``) with every variant and measure.

    ``only`` restricts the variants by name (the shipped one and text relevance alone are always
    included, as the paired differences need them).
    """
    qs = [q for q in questions if split is None or q.split == split]
    if not qs:
        raise ValueError(f"no questions in split '{split}'")
    chosen = variants(suggester, as_of, k)
    if only:
        keep = {"shipped", "text relevance alone", *only}
        chosen = {n: v for n, v in chosen.items() if n in keep}
    answers = {name: {q.id: v(q) for q in qs} for name, v in chosen.items()}
    result = QuestionEvaluation(split=split or "all", n_questions=len(qs))
    real = [q for q in qs if q.kind != "nonsense"]
    kinds = [kd for kd in KINDS if kd != "nonsense" and any(q.kind == kd for q in real)]
    per: dict[str, dict[str, dict[str, np.ndarray]]] = {}
    for name, ans in answers.items():
        per[name] = {}
        for kind in [*kinds, "all"]:
            group = [q for q in real if kind in ("all", q.kind)]
            ms = [graded_metrics(ans[q.id].ids, q) for q in group]
            vals = {m: np.array([x[m] for x in ms]) for m in METRICS}
            per[name][kind] = vals
            row: dict[str, Any] = {"variant": name, "kind": kind, "n": len(group)}
            for m in METRICS:
                mean, lo, hi = bootstrap_ci(vals[m], n_boot, random_state)
                row |= {m: mean, m + "_lo": lo, m + "_hi": hi}
            result.rows.append(row)
        nonsense = {q.id for q in qs if q.kind == "nonsense"}
        abstained = {q.id for q in qs if ans[q.id].abstained}
        pairs = sum(len(a.ids) * (len(a.ids) - 1) // 2 for a in ans.values())
        result.abstention.append(
            {
                "variant": name,
                "abstained": len(abstained),
                "precision": len(abstained & nonsense) / len(abstained) if abstained else 1.0,
                "recall": len(abstained & nonsense) / len(nonsense) if nonsense else 1.0,
                "score_inversions": sum(_inversions(a.scores) for a in ans.values()),
                "probability_inversions": sum(_inversions(a.probabilities) for a in ans.values()),
                "pairs": pairs,
            }
        )
    for name in answers:
        if name == "text relevance alone":
            continue
        for kind in [*kinds, "all"]:
            d = per[name][kind]["ndcg@10"] - per["text relevance alone"][kind]["ndcg@10"]
            mean, lo, hi = bootstrap_ci(d, n_boot, random_state)
            result.paired.append({"variant": name, "kind": kind, "diff": mean, "lo": lo, "hi": hi})
    shipped = answers["shipped"]
    result.reliability = _reliability(shipped, real)
    scores = np.array([s for q in real for s in shipped[q.id].scores])
    labels = np.array([o in q.relevant for q in real for o in shipped[q.id].ids], dtype=int)
    result.calibration_fit = _fit_logistic(scores, labels) if len(scores) else None
    return result
