"""What the learnt NLU components share: text features, confidences from scores, and a model saved safely."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.knowledge.text import normalise

logger = logging.getLogger(__name__)

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
