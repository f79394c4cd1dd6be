"""The intent classifier, the answer selector and the conversation language as they run inside Rasa."""

from __future__ import annotations

import json

import pytest

from tests.rasa_env import run_in_rasa_env

EXAMPLES = {
    "hsu": {
        "hsu_deadline": [
            "Bis wann muss ich anmelden?",
            "hsu frist",
            "Anmeldeschluss HSU",
            "deadline for HSU?",
        ],
        "hsu_cost": ["Kostet HSU etwas?", "hsu gebühren", "Muss ich für HSU bezahlen?", "Is HSU free?"],
        "hsu_overview": ["Was ist HSU?", "hsu infos", "Erklär mir den HSU", "What is HSU?"],
    },
    "iga": {"iga_overview": ["Was ist die IGA?", "iga 2027", "Gartenschau Dortmund"]},
}
QUESTIONS = ["Wann ist die Frist für den HSU?", "Was kostet der HSU?", "Gartenschau"]
TEXTS = ["Who can apply for KOMM-AN money?", "Wer darf beim Integrationsrat wählen?", "HSU?", "Novi Sad"]
# A template answers only for a language the message names ("Ja, {language} steht auf der Liste"): the answer
# action picks it by that name, so the ranking must offer the entries that answer without one.
WITH_TEMPLATE = {
    "examples": {
        "hsu": {
            "hsu_language_covered": ["Gibt es HSU auf Arabisch?", "HSU in Türkisch?", "Kurs in Polnisch"],
            "hsu_languages": ["Welche Sprachen gibt es?", "Liste der Sprachen", "HSU Sprachen"],
            "hsu_overview": ["Was ist HSU?", "hsu infos", "Erklär mir den HSU"],
        }
    },
    "templates": ["hsu_language_covered"],
    "questions": ["Gibt es HSU in meiner Sprache?"],
}


@pytest.fixture(scope="module")
def results() -> dict:
    """Rankings and language results from the Rasa environment (one run for the module)."""
    arguments = (EXAMPLES, QUESTIONS, TEXTS, WITH_TEMPLATE)
    return run_in_rasa_env("nlu_components", *(json.dumps(argument) for argument in arguments))


def test_the_selector_ranks_each_topics_answers_after_saving_and_loading(results: dict) -> None:
    rankings = results["rankings"]
    assert rankings["Wann ist die Frist für den HSU?"]["hsu"][0]["entry"] == "hsu_deadline"
    assert rankings["Was kostet der HSU?"]["hsu"][0]["entry"] == "hsu_cost"
    assert rankings["Gartenschau"]["iga"] == [{"entry": "iga_overview", "confidence": 1.0}]
    # the answer and its runner-up, likeliest first, from confidences over all of the topic's answers
    confidences = [item["confidence"] for item in rankings["Was kostet der HSU?"]["hsu"]]
    assert len(confidences) == 2 and confidences[0] > confidences[1] and sum(confidences) < 1


def test_a_template_for_a_named_language_is_never_ranked(results: dict) -> None:
    ranking = results["with_template"]["Gibt es HSU in meiner Sprache?"]["hsu"]
    assert [item["entry"] for item in ranking] == ["hsu_languages", "hsu_overview"]
    # confidences over all entries: the template's share is not handed to the others
    assert ranking[0]["confidence"] > ranking[1]["confidence"] and sum(i["confidence"] for i in ranking) < 1


def rounded(rankings: dict) -> dict:
    """Rankings, confidences to two places (features of one or several messages differ in the last bit)."""
    return {
        question: {
            topic: [(item["entry"], round(item["confidence"], 2)) for item in items]
            for topic, items in ranking.items()
        }
        for question, ranking in rankings.items()
    }


def test_the_selector_ranks_alike_with_features_computed_once_or_its_own(results: dict) -> None:
    after = results["after_classifier"]
    # trained on the same texts, the selector takes the classifier's features: the same answers as alone
    assert rounded(after["same"]) == rounded(after["alone"])
    # trained on other texts, it must compute its own: the same answers as the selector of those texts
    assert rounded(after["other"]) == rounded(results["rankings"])
    assert after["other"]["Was kostet der HSU?"]["hsu"][0]["entry"] == "hsu_cost"


def test_the_text_features_are_scikit_learns_numbers(results: dict) -> None:
    assert results["feature_difference"] < 1e-12
    # the selector weighs words by how rare they are among the topic's examples, as if fitted on them alone
    assert results["topic_feature_difference"] < 1e-12
    # scores are computed over the message's own terms only: the same as over its full feature row
    assert results["score_difference"] < 1e-9


def test_clear_messages_set_the_language_and_short_ones_keep_it(results: dict) -> None:
    languages = results["languages"]
    assert languages["entities"]["Who can apply for KOMM-AN money?"] == ["en"]
    assert languages["entities"]["Wer darf beim Integrationsrat wählen?"] == ["de"]
    assert languages["entities"]["HSU?"] == [] and languages["entities"]["Novi Sad"] == []


def test_the_intent_classifier_tells_topics_from_small_talk_after_saving_and_loading(results: dict) -> None:
    intents = results["intents"]
    assert intents["Gartenschau"]["intent"]["name"] == "ask_iga"
    assert intents["Wann ist die Frist für den HSU?"]["intent"]["name"] == "ask_hsu"
    assert intents["Guten Morgen"]["intent"]["name"] == "greet"
    ranking = intents["Was kostet der HSU?"]["ranking"]
    assert ranking[0] == intents["Was kostet der HSU?"]["intent"]
    assert {item["name"] for item in ranking} == {"ask_hsu", "ask_iga", "greet"}
    confidences = [item["confidence"] for item in ranking]
    assert confidences == sorted(confidences, reverse=True) and abs(sum(confidences) - 1) < 0.01


def test_a_keyword_query_in_the_bots_own_words_is_not_taken_for_a_foreign_language(results: dict) -> None:
    problems = results["problems"]
    # learnt from an answer's example, the words pass; French is still named as a language the bot lacks
    assert problems["own_words"] == {
        "migrado termin online buchen": None,
        "Bonjour, où est l'école de mon enfant": "foreign_language",
    }
    # without those words learnt, the same query is taken for Spanish
    assert problems["other_words"]["migrado termin online buchen"] == "foreign_language"


def test_the_trained_selector_still_answers_after_saving_its_model(results: dict) -> None:
    # saving takes the vocabularies out of the model for a moment; the running component must get them back
    assert results["after_saving"]["answers"]["Was kostet der HSU?"] == "hsu_cost"
    assert results["after_saving"]["answers"]["Wann ist die Frist für den HSU?"] == "hsu_deadline"


def test_a_model_file_with_a_type_outside_the_trusted_ones_is_not_loaded(results: dict) -> None:
    assert results["after_saving"]["untrusted_loaded"] is False
