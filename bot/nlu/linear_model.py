"""What the learnt NLU components share: text features, confidences from scores, and a model saved safely."""

from __future__ import annotations

import hashlib
import logging
import weakref
from pathlib import Path
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.knowledge.text import normalise

logger = logging.getLogger(__name__)

# Besides skops' defaults, the TF-IDF weights are kept in this sparse-matrix class (data only, no code).
TRUSTED_TYPES = ["scipy.sparse._csr.csr_matrix"]
# Where a component leaves a message's text features for the next one fitted on the same texts (not output).
TEXT_FEATURES = "text_features"
# Each fitted vectoriser's IDF weights as a diagonal matrix, made once instead of on every message.
_IDF_DIAGONALS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


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


def intent_examples(training_data: TrainingData) -> list[Message]:
    """The examples with a text and an intent: what the intent classifier learns from."""
    return [m for m in training_data.intent_examples if m.get(TEXT) and m.get(INTENT)]


def texts_key(texts: list[str]) -> str:
    """A name for the texts a vectoriser is fitted on: equal keys, equal vectorisers."""
    return hashlib.sha256("\x00".join(texts).encode()).hexdigest()


def message_features(model: dict[str, Any], messages: list[Message]) -> Any:
    """The messages' feature rows: left by a component fitted on the same texts, else computed and left."""
    key, texts = model.get("texts_key"), [message.get(TEXT) or "" for message in messages]
    left = [message.get(TEXT_FEATURES) for message in messages]
    if key and all(item and item[:2] == (key, text) for item, text in zip(left, texts, strict=True)):
        from scipy import sparse

        return sparse.vstack([item[2] for item in left], format="csr")
    rows = features(model["vectoriser"], texts)
    if key:
        for index, (message, text) in enumerate(zip(messages, texts, strict=True)):
            message.set(TEXT_FEATURES, (key, text, rows[index]))
    return rows


def _idf_diagonal(part: Any) -> Any:
    """The IDF weights of a fitted TF-IDF vectoriser as a diagonal matrix (cached per vectoriser)."""
    from scipy import sparse

    diagonal = _IDF_DIAGONALS.get(part)
    if diagonal is None:
        diagonal = _IDF_DIAGONALS[part] = sparse.diags(part.idf_, format="csr")
    return diagonal


def features(vectoriser: Any, texts: list[str]) -> Any:
    """The feature rows of the texts, normalised as in training; the same numbers as `vectoriser.transform`.

    scikit-learn's TF-IDF transform rebuilds its IDF vector and checks the fit on every call, which was a
    quarter of the features' time per message; here the counting is scikit-learn's and the weights are cached.
    """
    import numpy as np
    from scipy import sparse
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.preprocessing import normalize

    normalised = [normalise(text) for text in texts]
    blocks = []
    for name, part in vectoriser.transformer_list:
        counts = CountVectorizer.transform(part, normalised).astype(float)
        counts.data = np.log(counts.data) + 1  # sublinear term frequency, as fitted_vectoriser sets it
        rows = normalize(counts @ _idf_diagonal(part), norm=part.norm, copy=False)
        blocks.append(rows * (vectoriser.transformer_weights or {}).get(name, 1.0))
    return sparse.hstack(blocks, format="csr")


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


class SavedModelComponent(GraphComponent):
    """A trainable NLU component whose learnt model is one skops file (`MODEL_FILE`) in Rasa's storage."""

    MODEL_FILE = "model.skops"

    def __init__(self, config: dict[str, Any], storage: ModelStorage, resource: Resource, model: Any) -> None:
        """Keep the configuration, where to save, and the learnt model (None before training)."""
        self._config, self._storage, self._resource, self._model = config, storage, resource, model

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SavedModelComponent:
        """An untrained component."""
        return cls(config, model_storage, resource, None)

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> SavedModelComponent:
        """The trained component; untrained when the file is missing or holds types skops does not trust."""
        try:
            model = load(model_storage, resource, cls.MODEL_FILE)
        except (ValueError, FileNotFoundError):
            logger.warning("%s: no trained model in the model file", cls.__name__)
            model = None
        return cls(config, model_storage, resource, model)

    def _keep(self, model: Any) -> Resource:
        """Use and save the newly learnt model."""
        self._model = model
        save(self._storage, self._resource, self.MODEL_FILE, model)
        return self._resource

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """Training data passes unchanged."""
        return training_data
