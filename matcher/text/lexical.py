"""The lexical channel: TF-IDF over words and character n-grams (scikit-learn).

Dutch glues words together (*dijkversterking*, *waterveiligheidsnorm*); character n-grams inside
word boundaries (``char_wb``, 3–5) let "versterking van dijken" meet "dijkversterking" where a
word-level index sees nothing in common. Word unigrams and bigrams keep exact terms sharp.
Both parts are fitted on the texts searched in (the profiles); the lexical similarity is the weighted
sum of the word cosine and the character cosine.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer, TfidfVectorizer

__all__ = ["DUTCH_STOP_WORDS", "LexicalIndex", "shared_terms", "tokens"]

#: Common Dutch function words (plus a few civil-service fillers) left out of word features.
DUTCH_STOP_WORDS = frozenset(
    [
        "aan",
        "al",
        "alle",
        "alles",
        "als",
        "altijd",
        "andere",
        "ben",
        "bij",
        "daar",
        "dan",
        "dat",
        "de",
        "der",
        "deze",
        "die",
        "dit",
        "doch",
        "doen",
        "door",
        "dus",
        "een",
        "eens",
        "en",
        "er",
        "ge",
        "geen",
        "geweest",
        "haar",
        "had",
        "heb",
        "hebben",
        "heeft",
        "hem",
        "het",
        "hier",
        "hij",
        "hoe",
        "hun",
        "iemand",
        "iets",
        "ik",
        "in",
        "is",
        "ja",
        "je",
        "kan",
        "kon",
        "kunnen",
        "maar",
        "me",
        "meer",
        "men",
        "met",
        "mij",
        "mijn",
        "moet",
        "na",
        "naar",
        "niet",
        "niets",
        "nog",
        "nu",
        "of",
        "om",
        "omdat",
        "onder",
        "ons",
        "ook",
        "op",
        "over",
        "reeds",
        "te",
        "tegen",
        "toch",
        "toen",
        "tot",
        "u",
        "uit",
        "uw",
        "van",
        "veel",
        "voor",
        "want",
        "waren",
        "was",
        "wat",
        "we",
        "wel",
        "werd",
        "wie",
        "wij",
        "wil",
        "worden",
        "wordt",
        "zal",
        "ze",
        "zelf",
        "zich",
        "zij",
        "zijn",
        "zo",
        "zonder",
        "zou",
        "welke",
        "waar",
        "waarmee",
        "waarin",
        "hoe",
        "wie",
        "organisatie",
        "organisaties",
        "partij",
        "partijen",
        "iemand",
        "zoek",
        "zoeken",
        "zoekt",
        "willen",
        "wij",
        "graag",
        "kunnen",
        "gaat",
        "gaan",
        "rond",
        "rondom",
        "onze",
        "jullie",
        "hen",
        "binnen",
        "tussen",
        "via",
        "per",
    ]
)
_STOP = DUTCH_STOP_WORDS | ENGLISH_STOP_WORDS
_TOKEN = re.compile(r"(?u)\b\w\w+\b")


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens of two or more characters, stop words removed."""
    return [t for t in _TOKEN.findall(text.lower()) if t not in _STOP and not t.isdigit()]


def shared_terms(query: str, text: str, *, limit: int = 8, min_part: int = 5) -> list[str]:
    """Words of ``text`` that the query also uses, whole or as part of a compound.

    ``dijken versterken`` and ``dijkversterking`` share nothing word for word; a query word of at
    least ``min_part`` characters that occurs inside a text word (or the other way round) counts.

    Examples
    --------
    >>> shared_terms("versterking van dijken", "Wij doen dijkversterking en kustveiligheid")
    ['dijkversterking']
    """
    q = list(dict.fromkeys(tokens(query)))
    out: list[str] = []
    for word in dict.fromkeys(tokens(text)):
        for qw in q:
            if qw == word or (min(len(qw), len(word)) >= min_part and (qw in word or word in qw)):
                out.append(word)
                break
        if len(out) >= limit:
            break
    return out


def _tfidf(vectorizer: TfidfVectorizer, docs: list[str]) -> sp.csr_matrix:
    """``vectorizer.transform(docs)`` (sublinear tf, idf, l2) without scikit-learn's per-call input
    validation, which costs more than the work itself for a single short query."""
    counts = CountVectorizer.transform(vectorizer, docs).tocsr().astype(np.float32)
    counts.data = (np.log(counts.data) + 1.0) * vectorizer.idf_[counts.indices].astype(np.float32)
    squares = counts.multiply(counts).sum(axis=1)
    norms = np.sqrt(np.asarray(squares, dtype=np.float32).ravel())
    norms[norms == 0] = 1.0
    counts.data /= np.repeat(norms, np.diff(counts.indptr))
    return counts


class LexicalIndex:
    """TF-IDF index over a fixed list of texts.

    Parameters
    ----------
    char_weight : float
        Share of the character n-gram block in the stacked vector (the word block gets the rest).
    ngram_range : tuple of int
        Character n-gram sizes (``char_wb``).

    Examples
    --------
    >>> idx = LexicalIndex().fit(["dijkversterking langs de rivier", "fietspaden in de stad"])
    >>> s = idx.similarity(["versterken van dijken"])
    >>> bool(s[0, 0] > s[0, 1])
    True
    """

    def __init__(self, char_weight: float = 0.6, ngram_range: tuple[int, int] = (3, 5)) -> None:
        if not 0.0 <= char_weight <= 1.0:
            raise ValueError(f"char_weight must be within [0, 1], got {char_weight}")
        self.char_weight = char_weight
        self.ngram_range = ngram_range

    def fit(self, texts: Sequence[str]) -> LexicalIndex:
        """Fit vocabularies and IDF weights on ``texts`` (the texts searched in); returns ``self``."""
        docs = [t if t.strip() else " " for t in texts]
        self.word_ = TfidfVectorizer(
            tokenizer=tokens,
            token_pattern=None,
            lowercase=False,
            ngram_range=(1, 2),
            sublinear_tf=True,
            min_df=1,
            dtype=np.float32,
        )
        self.char_ = TfidfVectorizer(
            analyzer="char_wb",
            ngram_range=self.ngram_range,
            lowercase=True,
            sublinear_tf=True,
            min_df=1,
            dtype=np.float32,
        )
        self.has_words_ = any(tokens(d) for d in docs)
        self.has_chars_ = any(d.strip() for d in docs)
        self.word_matrix_ = self.word_.fit_transform(docs).tocsr() if self.has_words_ else None
        self.char_matrix_ = self.char_.fit_transform(docs).tocsr() if self.has_chars_ else None
        self._word_t = self.word_matrix_.T.tocsr() if self.word_matrix_ is not None else None
        self._char_t = self.char_matrix_.T.tocsr() if self.char_matrix_ is not None else None
        self.matrix_ = self.transform(docs)
        return self

    def _blocks(self, docs: list[str]) -> list[tuple[sp.csr_matrix, sp.csr_matrix, float]]:
        out = []
        if self.word_matrix_ is not None:
            out.append((_tfidf(self.word_, docs), self._word_t, 1.0 - self.char_weight))
        if self.char_matrix_ is not None:
            out.append((_tfidf(self.char_, docs), self._char_t, self.char_weight))
        return out

    def transform(self, texts: Sequence[str]) -> sp.csr_matrix:
        """Stacked TF-IDF vectors of ``texts``: the L2-normalised word and character blocks, scaled
        by ``√(1 − char_weight)`` and ``√char_weight``, so a dot product is the weighted sum of the
        two cosine similarities."""
        docs = [t if t.strip() else " " for t in texts]
        blocks = [m * np.float32(np.sqrt(w)) for m, _, w in self._blocks(docs)]
        if not blocks:
            return sp.csr_matrix((len(docs), 1), dtype=np.float32)
        return sp.csr_matrix(sp.hstack(blocks, format="csr", dtype=np.float32))

    def similarity(self, queries: Sequence[str]) -> np.ndarray:
        """Lexical similarity, shape ``(len(queries), n_fitted_texts)``:
        ``(1 − char_weight)·cos_words + char_weight·cos_chars``."""
        docs = [t if t.strip() else " " for t in queries]
        n_texts = self.matrix_.shape[0]
        out = np.zeros((len(docs), n_texts), dtype=np.float32)
        for q, t, w in self._blocks(docs):
            out += np.float32(w) * np.asarray((q @ t).toarray(), dtype=np.float32)
        return out
