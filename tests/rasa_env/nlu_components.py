"""The custom NLU components trained, saved, loaded and run as Rasa does (run in the Rasa environment)."""

from __future__ import annotations

import json
import sys
import tempfile
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import skops.io
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.language import message_language
from bot.nlu import answer_selector, linear_model
from bot.nlu.answer_selector import ANSWER_RANKING_KEY, AnswerSelector
from bot.nlu.input_guard import PROBLEM_KEY, ConversationLanguage, InputCleaner
from bot.nlu.intent_classifier import LinearIntentClassifier, train_classifier


def training_data(examples: dict[str, dict[str, list[str]]], templates: tuple[str, ...] = ()) -> TrainingData:
    """Messages as the generated answers_nlu.yml gives them: topic and entry in the intent metadata, and the
    mark of a template (an entry that answers only for a named value)."""
    messages = [
        Message.build(text, f"ask_{topic}", None, entry_metadata(topic, entry, entry in templates))
        for topic, entries in examples.items()
        for entry, texts in entries.items()
        for text in texts
    ]
    return TrainingData(messages)


def entry_metadata(topic: str, entry: str, template: bool) -> dict[str, Any]:
    """The intent metadata of an entry's examples, as bot.knowledge.rasa_data writes it."""
    metadata = {"topic": topic, "entry": entry, "texts": [entry.replace("_", " ")]}
    return metadata | {"needs_named_value": True} if template else metadata


# A keyword query py3langid reads as Spanish.
KEYWORD_QUERY = "migrado termin online buchen"
SMALL_TALK = {"greet": ["Hallo", "Guten Tag", "hi", "Moin zusammen", "Hello"]}


def trained_and_loaded(component: type, examples: TrainingData, questions: list[str]) -> list[Message]:
    """Train, persist and load the component as Rasa does; the questions processed by the loaded one."""
    messages = [Message({"text": question}) for question in questions]
    return in_pipeline([(component, examples)], messages)


def in_pipeline(components: list[tuple[type, TrainingData]], messages: list[Message]) -> list[Message]:
    """Each component trained on its data, saved and loaded; the messages processed by them in turn."""
    context = ExecutionContext(GraphSchema({}), "test")
    with tempfile.TemporaryDirectory() as folder:
        for component, examples in components:
            storage, resource = LocalModelStorage(Path(folder)), Resource(component.__name__)
            config = component.get_default_config()
            component.create(config, storage, resource, context).train(examples)
            component.load(config, storage, resource, context).process(messages)
    return messages


def with_small_talk(examples: dict) -> TrainingData:
    """The knowledge examples and the small talk, as the intent classifier learns them."""
    return training_data(examples).merge(
        TrainingData([Message.build(text, intent) for intent, texts in SMALL_TALK.items() for text in texts])
    )


def after_the_intent_classifier(examples: dict, questions: list[str]) -> dict:
    """The selector's rankings after the classifier, each trained on the same data or on other data."""
    results = {}
    for name, selector_data in (("same", with_small_talk(examples)), ("other", training_data(examples))):
        messages = [Message({"text": question}) for question in questions]
        components = [(LinearIntentClassifier, with_small_talk(examples)), (AnswerSelector, selector_data)]
        ranked = in_pipeline(components, messages)
        results[name] = {m.get("text"): m.get(ANSWER_RANKING_KEY) for m in ranked}
    alone = [Message({"text": question}) for question in questions]
    ranked = in_pipeline([(AnswerSelector, with_small_talk(examples))], alone)
    results["alone"] = {m.get("text"): m.get(ANSWER_RANKING_KEY) for m in ranked}
    return results


def features_as_scikit_learn(texts: list[str]) -> float:
    """The largest difference between the cached-weight features and scikit-learn's own transform."""
    vectoriser = linear_model.fitted_vectoriser(texts + SMALL_TALK["greet"])
    ours = linear_model.features(vectoriser, texts)
    theirs = vectoriser.transform([linear_model.normalise(text) for text in texts])
    return float(abs(ours - theirs).max())


def topic_weights_as_scikit_learn(texts: list[str]) -> float:
    """The largest difference between the selector's features for a topic (IDF over the topic's texts) and
    scikit-learn's TF-IDF fitted on the topic's texts alone, compared as similarities between the texts."""
    vectoriser = linear_model.fitted_vectoriser(texts + SMALL_TALK["greet"])
    counts = linear_model.sublinear_counts(vectoriser, texts)
    ours = answer_selector.topic_features(vectoriser, counts, answer_selector.idf_within(counts))
    theirs = linear_model.fitted_vectoriser(texts).transform([linear_model.normalise(text) for text in texts])
    return float(abs(ours @ ours.T - theirs @ theirs.T).max())


def scikit_learns_scores(classifier: Any, row: Any) -> Any:
    """scikit-learn's decision function on a full feature row, one score per class."""
    scores = classifier.decision_function(row)[0]
    return scores if scores.ndim else np.array([-scores, scores])


def scores_as_scikit_learn(examples: dict, questions: list[str]) -> float:
    """The largest difference between the scores the classifier and the selector compute from a message's
    own terms and scikit-learn's decision function on the message's full feature row."""
    data = with_small_talk(examples)
    texts = [message.get("text") for message in data.intent_examples]
    selector = answer_selector.build_selector(answer_selector.training_pairs(data), texts)
    classifier = train_classifier(texts, [message.get("intent") for message in data.intent_examples], 2.0)
    vectoriser, differences = selector["vectoriser"], []
    for question in questions:
        counts = linear_model.sublinear_counts(vectoriser, [question])
        ours = linear_model.scores_from_counts(
            classifier["classifier"], vectoriser, counts, linear_model.fitted_idf(vectoriser)
        )
        theirs = scikit_learns_scores(classifier["classifier"], linear_model.features(vectoriser, [question]))
        differences.append(abs(ours - theirs).max())
        for topic, topic_classifier in selector["classifiers"].items():
            idf = selector["topic_idf"][topic]
            row = answer_selector.topic_features(vectoriser, counts, idf)
            ours = linear_model.scores_from_counts(
                topic_classifier, vectoriser, counts, answer_selector.idf_arrays(idf)
            )
            differences.append(abs(ours - scikit_learns_scores(topic_classifier, row)).max())
    return float(max(differences))


def rankings(examples: dict, questions: list[str], templates: tuple[str, ...] = ()) -> dict:
    """The selector's ranking of each question."""
    messages = trained_and_loaded(AnswerSelector, training_data(examples, templates), questions)
    return {m.get("text"): m.get(ANSWER_RANKING_KEY) for m in messages}


def intents(examples: dict, questions: list[str]) -> dict:
    """The intent classifier's intent and ranking of each question, trained on topics and small talk."""
    messages = trained_and_loaded(LinearIntentClassifier, with_small_talk(examples), questions)
    return {m.get("text"): {"intent": m.get("intent"), "ranking": m.get("intent_ranking")} for m in messages}


def languages(texts: list[str]) -> dict:
    """The language entity ConversationLanguage adds, and message_language with statistics."""
    messages = [Message({"text": text}) for text in texts]
    ConversationLanguage().process(messages)
    entities = {m.get("text"): [e["value"] for e in m.get("entities") or []] for m in messages}
    return {"entities": entities, "guesses": {text: message_language(text) for text in texts}}


def input_problems(examples: dict, texts: list[str]) -> dict:
    """The problem InputCleaner notes for each text, trained on the examples, saved and loaded."""
    messages = trained_and_loaded(InputCleaner, training_data(examples), texts)
    return {text: message.get(PROBLEM_KEY) for text, message in zip(texts, messages, strict=True)}


def after_saving(examples: dict, questions: list[str]) -> dict:
    """The trained selector's own answers (after it saved its model), and whether a model file holding a type
    skops does not trust is loaded."""
    context = ExecutionContext(GraphSchema({}), "test")
    config = AnswerSelector.get_default_config()
    with tempfile.TemporaryDirectory() as folder:
        storage, resource = LocalModelStorage(Path(folder)), Resource("selector")
        trained = AnswerSelector.create(config, storage, resource, context)
        trained.train(training_data(examples))
        messages = [Message({"text": question}) for question in questions]
        trained.process(messages)
        unsafe = Resource("unsafe")
        with storage.write_to(unsafe) as directory:
            skops.io.dump(
                {"vectoriser": None, "payload": Fraction(1, 3)}, directory / AnswerSelector.MODEL_FILE
            )
        loaded = AnswerSelector.load(config, storage, unsafe, context)
    answers = {
        m.get("text"): m.get(ANSWER_RANKING_KEY)["hsu"][0]["entry"]
        for m in messages
        if m.get(ANSWER_RANKING_KEY)
    }
    return {"answers": answers, "untrusted_loaded": loaded._model is not None}


def main() -> None:
    """Print the rankings and the language results as JSON."""
    examples, questions, texts, with_template = (json.loads(argument) for argument in sys.argv[1:5])
    results = {"rankings": rankings(examples, questions), "languages": languages(texts)}
    results["with_template"] = rankings(
        with_template["examples"], with_template["questions"], tuple(with_template["templates"])
    )
    results["after_classifier"] = after_the_intent_classifier(examples, questions)
    results["feature_difference"] = features_as_scikit_learn(questions + texts)
    hsu_texts = [text for texts_of_entry in examples["hsu"].values() for text in texts_of_entry]
    results["topic_feature_difference"] = topic_weights_as_scikit_learn(hsu_texts)
    results["score_difference"] = scores_as_scikit_learn(examples, questions + texts)
    results["after_saving"] = after_saving(examples, questions)
    results["intents"] = intents(examples, questions + texts + ["Guten Morgen"])
    keyword_query = {"migrado": {"migrado_contact": ["Termin bei MigraDO online buchen?"]}}
    foreign_looking = [KEYWORD_QUERY, "Bonjour, où est l'école de mon enfant"]
    results["problems"] = {
        "own_words": input_problems(keyword_query, foreign_looking),
        "other_words": input_problems(examples, foreign_looking),
    }
    print(json.dumps(results))


if __name__ == "__main__":
    main()
