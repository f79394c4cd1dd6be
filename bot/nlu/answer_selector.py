"""Rasa NLU component that learns, per topic, which knowledge entry a question asks for."""

from __future__ import annotations

import logging
from collections import defaultdict
from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import METADATA, METADATA_INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu import linear_model

logger = logging.getLogger(__name__)

ANSWER_RANKING_KEY = "answer_ranking"
MODEL_FILE = "answer_selector.skops"
# Turns the classifier's scores into confidences that sum to 1 (larger: sharper).
SCORE_SHARPNESS = 5.0
# How closely each topic's classifier fits its examples (scikit-learn's C); chosen on the held-out questions.
FIT_CLOSENESS = 1.0


def entry_metadata(message: Message) -> dict[str, Any]:
    """What bot.knowledge.rasa_data put in a training example's intent metadata (empty for other examples)."""
    return (message.get(METADATA) or {}).get(METADATA_INTENT) or {}


def entry_label(message: Message) -> tuple[str, str] | None:
    """(topic, entry) of a training example generated from a knowledge entry, else None."""
    metadata = entry_metadata(message)
    topic, entry = metadata.get("topic"), metadata.get("entry")
    return (topic, entry) if topic and entry else None


def value_templates(training_data: TrainingData) -> list[str]:
    """The entries that answer only for a value the message names (a language, a district): the answer action
    chooses those by the named value, so a ranking never offers them."""
    return sorted(
        {
            label[1]
            for message in training_data.intent_examples
            if (label := entry_label(message)) and entry_metadata(message).get("needs_named_value")
        }
    )


def training_pairs(training_data: TrainingData) -> dict[str, list[tuple[str, str]]]:
    """Per topic, (text, entry) pairs: the examples, and once per entry its own question and answer texts."""
    pairs: dict[str, list[tuple[str, str]]] = defaultdict(list)
    seen: set[str] = set()
    for message in training_data.intent_examples:
        label = entry_label(message)
        if not label:
            continue
        topic, entry = label
        pairs[topic].append((message.get(TEXT), entry))
        texts = entry_metadata(message).get("texts")
        if texts and entry not in seen:  # the entry's first example carries them (bot.knowledge.rasa_data)
            seen.add(entry)
            pairs[topic].extend((text, entry) for text in texts)
    return dict(pairs)


def idf_within(counts: list[Any]) -> list[Any]:
    """IDF weights per part computed over these texts only (scikit-learn's smooth IDF), zero for terms they
    lack: within a topic, words every answer's examples share weigh little and telling words much."""
    import numpy as np
    from scipy import sparse

    weights = []
    for part_counts in counts:
        texts = part_counts.shape[0]
        seen_in = np.bincount(part_counts.indices, minlength=part_counts.shape[1])
        idf = np.where(seen_in > 0, np.log((1 + texts) / (1 + seen_in)) + 1, 0.0)
        weights.append(sparse.csr_matrix(idf))  # a one-row matrix: a type skops loads safely
    return weights


def idf_arrays(topic_idf: list[Any]) -> list[Any]:
    """A topic's IDF weights (one-row matrices, as saved) as arrays, made once per loaded model."""
    return [linear_model.made_once(row, lambda row=row: row.toarray().ravel()) for row in topic_idf]


def topic_features(vectoriser: Any, counts: list[Any], topic_idf: list[Any]) -> Any:
    """Feature rows of counted texts, weighted by a topic's IDF (for training)."""
    return linear_model.weighted(vectoriser, counts, idf_arrays(topic_idf))


def build_selector(
    examples: dict[str, list[tuple[str, str]]], vocabulary: list[str], templates: list[str] | None = None
) -> dict[str, Any]:
    """A text vectoriser fitted on `vocabulary` (the intent classifier's texts, so that a message is counted
    once) and, per topic with several entries, IDF weights over its texts and a linear classifier over its
    entries; `templates` are learnt from but never ranked."""
    from sklearn.svm import LinearSVC

    vectoriser = linear_model.fitted_vectoriser(vocabulary)
    classifiers: dict[str, Any] = {}
    topic_idf: dict[str, list[Any]] = {}
    single: dict[str, str] = {}
    for topic, pairs in examples.items():
        labels = [entry for _, entry in pairs]
        if len(set(labels)) < 2:
            single[topic] = labels[0]
            continue
        counts = linear_model.sublinear_counts(vectoriser, [text for text, _ in pairs])
        topic_idf[topic] = idf_within(counts)
        rows = topic_features(vectoriser, counts, topic_idf[topic])
        classifiers[topic] = LinearSVC(C=FIT_CLOSENESS).fit(rows, labels)
    return {
        "vectoriser": vectoriser,
        "texts_key": linear_model.texts_key(vocabulary),
        "classifiers": classifiers,
        "topic_idf": topic_idf,
        "single": single,
        "templates": list(templates or []),
    }


def rank_answers(selector: dict[str, Any], message: Message, top: int) -> dict[str, list[dict[str, Any]]]:
    """For every topic, its `top` likeliest entries for the message with their confidence."""
    ranking: dict[str, list[dict[str, Any]]] = {
        topic: [{"entry": entry, "confidence": 1.0}] for topic, entry in selector["single"].items()
    }
    if not selector["classifiers"]:
        return ranking
    counts, vectoriser = linear_model.message_counts(selector, message), selector["vectoriser"]
    templates = set(selector.get("templates") or ())
    for topic, classifier in selector["classifiers"].items():
        idf = idf_arrays(selector["topic_idf"][topic])
        scores = linear_model.scores_from_counts(classifier, vectoriser, counts, idf)
        probabilities = linear_model.confidences(scores, SCORE_SHARPNESS)
        # confidences stay those over all entries: a template's share says the question is about a named
        # value, and the answer action must not take the runner-up for sure then
        answerable = [
            (str(entry), float(p))
            for entry, p in zip(classifier.classes_, probabilities, strict=True)
            if entry not in templates
        ]
        best = sorted(answerable, key=lambda pair: -pair[1])[:top]
        ranking[topic] = [{"entry": entry, "confidence": round(p, 4)} for entry, p in best]
    return ranking


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class AnswerSelector(linear_model.SavedModelComponent):
    """Ranks each topic's entries for a message; the answer action picks from the ranking of its topic."""

    MODEL_FILE = MODEL_FILE

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """How many entries per topic the ranking keeps: the answer and the runner-up the answer action may
        offer beside it (each resident message is stored with its ranking, so no more)."""
        return {"top": 2}

    def train(self, training_data: TrainingData) -> Resource:
        """Learn from the examples that carry a knowledge entry in their metadata."""
        examples = training_pairs(training_data)
        if not examples:
            logger.warning("AnswerSelector: no examples with a knowledge entry; answers will not be ranked")
            return self._resource
        vocabulary = [message.get(TEXT) for message in linear_model.intent_examples(training_data)]
        return self._keep(build_selector(examples, vocabulary, value_templates(training_data)))

    def process(self, messages: list[Message]) -> list[Message]:
        """Add the per-topic ranking of entries to each message."""
        if self._model is None:
            return messages
        for message in messages:
            ranking = rank_answers(self._model, message, self._config["top"])
            message.set(ANSWER_RANKING_KEY, ranking, add_to_output=True)
        return messages
