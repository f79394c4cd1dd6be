"""Rasa NLU component that learns the intent (topic, small talk, off topic) with a linear classifier."""

from __future__ import annotations

import logging
from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
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
    return {"vectoriser": vectoriser, "classifier": classifier, "texts_key": linear_model.texts_key(texts)}


def rank_intents(
    model: dict[str, Any], messages: list[Message], sharpness: float, top: int
) -> list[list[dict]]:
    """For each message, its `top` likeliest intents with confidences that sum to 1 over all intents."""
    classifier, vectoriser = model["classifier"], model["vectoriser"]
    rankings = []
    for message in messages:
        counts = linear_model.message_counts(model, message)
        scores = linear_model.scores_from_counts(
            classifier, vectoriser, counts, linear_model.fitted_idf(vectoriser)
        )
        probabilities = linear_model.confidences(scores, sharpness)
        best = sorted(zip(classifier.classes_, probabilities, strict=True), key=lambda pair: -pair[1])[:top]
        rankings.append([{"name": str(name), "confidence": round(float(p), 4)} for name, p in best])
    return rankings


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class LinearIntentClassifier(linear_model.SavedModelComponent):
    """Intent and intent ranking from letter n-grams and words: seconds to train, no TensorFlow graph."""

    MODEL_FILE = MODEL_FILE

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """How closely to fit the examples (scikit-learn's C), how decided confidences are, ranking length."""
        return {"fit_closeness": 2.0, "sharpness": 5.0, "ranking_length": 10}

    def train(self, training_data: TrainingData) -> Resource:
        """Learn from every example that has an intent."""
        examples = linear_model.intent_examples(training_data)
        if len({m.get(INTENT) for m in examples}) < 2:
            logger.warning("LinearIntentClassifier: fewer than two intents; nothing to learn")
            return self._resource
        texts, intents = [m.get(TEXT) for m in examples], [m.get(INTENT) for m in examples]
        return self._keep(train_classifier(texts, intents, self._config["fit_closeness"]))

    def process(self, messages: list[Message]) -> list[Message]:
        """Set the intent and the ranking of each message."""
        if self._model is None or not messages:
            return messages
        config = self._config
        rankings = rank_intents(self._model, messages, config["sharpness"], config["ranking_length"])
        for message, ranking in zip(messages, rankings, strict=True):
            message.set(INTENT, ranking[0], add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
        return messages
