"""Rasa NLU component that learns the intent (topic, small talk, off topic) with a linear classifier."""

from __future__ import annotations

import logging
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu import linear_model

logger = logging.getLogger(__name__)

MODEL_FILE = "intent_classifier.skops"


def train_classifier(texts: list[str], intents: list[str], fit_closeness: float) -> dict[str, Any]:
    """Text features and a linear support-vector classifier over the intents."""
    from sklearn.svm import LinearSVC

    vectoriser = linear_model.fitted_vectoriser(texts)
    classifier = LinearSVC(C=fit_closeness).fit(linear_model.features(vectoriser, texts), intents)
    return {"vectoriser": vectoriser, "classifier": classifier}


def rank_intents(model: dict[str, Any], texts: list[str], sharpness: float, top: int) -> list[list[dict]]:
    """For each text, its `top` likeliest intents with confidences that sum to 1 over all intents."""
    classifier = model["classifier"]
    scores = linear_model.class_scores(classifier, linear_model.features(model["vectoriser"], texts))
    rankings = []
    for row in scores:
        probabilities = linear_model.confidences(row, sharpness)
        best = sorted(zip(classifier.classes_, probabilities, strict=True), key=lambda pair: -pair[1])[:top]
        rankings.append([{"name": str(name), "confidence": round(float(p), 4)} for name, p in best])
    return rankings


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class LinearIntentClassifier(GraphComponent):
    """Intent and intent ranking from letter n-grams and words: seconds to train, no TensorFlow graph."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """How closely to fit the examples (scikit-learn's C), how decided confidences are, ranking length."""
        return {"fit_closeness": 2.0, "sharpness": 5.0, "ranking_length": 10}

    def __init__(self, config: dict[str, Any], storage: ModelStorage, resource: Resource, model: Any) -> None:
        """Keep the configuration, where to persist, and the trained model (None before training)."""
        self._config, self._storage, self._resource, self._model = config, storage, resource, model

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> LinearIntentClassifier:
        """An untrained classifier."""
        return cls(config, model_storage, resource, None)

    def train(self, training_data: TrainingData) -> Resource:
        """Learn from every example that has an intent."""
        examples = [m for m in training_data.intent_examples if m.get(TEXT) and m.get(INTENT)]
        if len({m.get(INTENT) for m in examples}) < 2:
            logger.warning("LinearIntentClassifier: fewer than two intents; nothing to learn")
            return self._resource
        texts, intents = [m.get(TEXT) for m in examples], [m.get(INTENT) for m in examples]
        self._model = train_classifier(texts, intents, self._config["fit_closeness"])
        linear_model.save(self._storage, self._resource, MODEL_FILE, self._model)
        return self._resource

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> LinearIntentClassifier:
        """Load the trained classifier; refuse a file with types skops does not trust."""
        try:
            model = linear_model.load(model_storage, resource, MODEL_FILE)
        except (ValueError, FileNotFoundError):
            logger.warning("LinearIntentClassifier: no trained classifier in the model")
            model = None
        return cls(config, model_storage, resource, model)

    def process(self, messages: list[Message]) -> list[Message]:
        """Set the intent and the ranking of each message."""
        if self._model is None or not messages:
            return messages
        texts = [message.get(TEXT) or "" for message in messages]
        rankings = rank_intents(self._model, texts, self._config["sharpness"], self._config["ranking_length"])
        for message, ranking in zip(messages, rankings, strict=True):
            message.set(INTENT, ranking[0], add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """Training data passes unchanged."""
        return training_data
