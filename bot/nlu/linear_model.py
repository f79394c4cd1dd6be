"""What the learnt NLU components share: the text features, confidences from scores, and safe saving."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage

from bot.knowledge.text import normalise

# Besides skops' defaults, the TF-IDF weights are kept in this sparse-matrix class (data only, no code).
TRUSTED_TYPES = ["scipy.sparse._csr.csr_matrix"]


def fitted_vectoriser(texts: list[str]) -> Any:
    """Letter 2–5-grams and words, TF-IDF weighted, fitted on the normalised texts."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import FeatureUnion

    # Letter n-grams carry word stems, typos and missing umlauts; words and word pairs add a little on top.
    vectoriser = FeatureUnion(
        [
            ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True)),
            ("words", TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True)),
        ],
        transformer_weights={"chars": 1.0, "words": 0.5},
    )
    return vectoriser.fit([normalise(text) for text in texts])


def features(vectoriser: Any, texts: list[str]) -> Any:
    """The feature rows of the texts, normalised as in training."""
    return vectoriser.transform([normalise(text) for text in texts])


def confidences(scores: Any, sharpness: float) -> Any:
    """A linear classifier's scores as confidences that sum to 1 (larger sharpness: more decided)."""
    import numpy as np

    weights = np.exp(sharpness * (scores - scores.max()))
    return weights / weights.sum()


def class_scores(classifier: Any, rows: Any) -> Any:
    """One score per class and row, also for a classifier with only two classes."""
    import numpy as np

    scores = classifier.decision_function(rows)
    if scores.ndim == 1:  # two classes: one score for the second against the first
        scores = np.stack([-scores, scores], axis=1)
    return scores


def save(storage: ModelStorage, resource: Resource, file_name: str, model: Any) -> None:
    """Write the model with skops, which loads only trusted types (no pickle)."""
    import skops.io as sio

    with storage.write_to(resource) as directory:
        sio.dump(model, directory / file_name)


def load(storage: ModelStorage, resource: Resource, file_name: str) -> Any:
    """The saved model; ValueError for types skops does not trust, FileNotFoundError without a file."""
    import skops.io as sio

    with storage.read_from(resource) as directory:
        path: Path = directory / file_name
        untrusted = set(sio.get_untrusted_types(file=path)) - set(TRUSTED_TYPES)
        if untrusted:
            raise ValueError(f"untrusted types in {path}: {sorted(untrusted)}")
        return sio.load(path, trusted=TRUSTED_TYPES)
