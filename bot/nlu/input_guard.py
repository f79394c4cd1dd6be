"""Rasa NLU components that give bad input a clear intent instead of a guessed topic."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.guard.inbound import is_payload
from bot.knowledge.text import words
from bot.language import LANGUAGE_SLOT, detect_language, message_language
from bot.nlu import linear_model
from bot.nlu.answer_selector import entry_label
from bot.nlu.input_check import check_message

PROBLEM_KEY = "input_problem"
ORIGINAL_LENGTH_KEY = "input_length"
UNCLEAR_INTENT = "unclear_input"


class _StatelessComponent(GraphComponent):
    """A component without training or configuration."""

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> GraphComponent:
        """Create the component."""
        return cls()


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=True)
class InputCleaner(linear_model.SavedModelComponent):
    """First in the pipeline: classify the cleaned text and remember what was wrong with the raw one."""

    MODEL_FILE = "known_words.skops"

    def train(self, training_data: TrainingData) -> Resource:
        """Learn the words of the answers' examples (in every language), which no language check doubts."""
        examples = [message for message in training_data.intent_examples if entry_label(message)]
        learnt = {word for message in examples for word in words(message.get(TEXT))}
        return self._keep(sorted(learnt))

    @cached_property
    def known_words(self) -> frozenset[str]:
        """The learnt words as a set (made once: Rasa processes messages with a loaded component)."""
        return frozenset(self._model or ())

    def process(self, messages: list[Message]) -> list[Message]:
        """Clean each message and note its problem."""
        for message in messages:
            raw = message.get(TEXT) or ""
            typed = not is_payload(message.get("metadata"))
            check = check_message(raw, detect_language, typed=typed, known_words=self.known_words)
            # Typed text never keeps a leading "/": Rasa's RegexMessageHandler would read it as an intent.
            message.set(TEXT, check.text if typed else check.text or raw.strip())
            message.set(ORIGINAL_LENGTH_KEY, len(raw), add_to_output=True)
            if check.problem:
                message.set(PROBLEM_KEY, check.problem, add_to_output=True)
        return messages


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class InputProblemClassifier(_StatelessComponent):
    """Last in the pipeline: a message with a problem gets the intent unclear_input."""

    def process(self, messages: list[Message]) -> list[Message]:
        """Override the intent of messages that InputCleaner flagged."""
        for message in messages:
            if message.get(PROBLEM_KEY):
                intent = {"name": UNCLEAR_INTENT, "confidence": 1.0}
                message.set(INTENT, intent, add_to_output=True)
                message.set(INTENT_RANKING_KEY, [intent], add_to_output=True)
        return messages


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class ConversationLanguage(_StatelessComponent):
    """Adds the entity `language` when the message's language is clear; otherwise the slot keeps its value."""

    def process(self, messages: list[Message]) -> list[Message]:
        """Append the language entity, which fills the slot of the same name."""
        for message in messages:
            if message.get(PROBLEM_KEY):
                continue
            text = message.get(TEXT) or ""
            language = message_language(text)
            if language:
                entity = {"entity": LANGUAGE_SLOT, "value": language, "start": 0, "end": len(text)}
                entity["extractor"] = self.__class__.__name__
                message.set(ENTITIES, [*(message.get(ENTITIES) or []), entity], add_to_output=True)
        return messages
