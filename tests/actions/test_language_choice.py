"""Choosing the answer language: the menu, Leichte Sprache on and off, and the list of languages."""

from __future__ import annotations

from bot.actions.answer import AnswerQuestion
from bot.actions.language_choice import ChooseLanguage
from bot.language import languages
from tests.actions.conftest import make_tracker
from tests.actions.test_answer import ranked


def slots(events: list[dict]) -> dict:
    """The slot values the action set."""
    return {event["name"]: event["value"] for event in events if event["event"] == "slot"}


def test_the_menu_switches_to_turkish_and_confirms_in_turkish(run_action) -> None:
    tracker = make_tracker('/choose_language{"language": "tr"}', "choose_language", [{"language": "tr"}])
    _, messages, events = run_action(ChooseLanguage(), tracker)
    assert slots(events) == {"language": "tr", "leichte_sprache": False}
    assert "Türkçe" in messages[0]["text"] and messages[0]["metadata"] == {"language": "tr"}


def test_asking_for_leichte_sprache_switches_it_on_and_the_next_answer_is_easy_read(run_action) -> None:
    tracker = make_tracker("Leichte Sprache bitte", "ask_easy_read", [{"language": "de"}])
    _, messages, events = run_action(ChooseLanguage(), tracker)
    assert slots(events) == {"language": "de", "leichte_sprache": True}
    ranking = ranked("hsu", ("hsu_overview", 0.9))
    question = make_tracker("Was ist HSU?", "ask_hsu", slots=slots(events), answer_ranking=ranking)
    _, answer, _ = run_action(AnswerQuestion(), question)
    assert "Herkunfts-Sprache" in answer[0]["text"]  # Leichte Sprache splits compound words
    assert "freiwilliges Angebot des Landes NRW" not in answer[0]["text"]


def test_leichte_sprache_is_switched_off_on_request(run_action) -> None:
    tracker = make_tracker(
        "wieder normale Sprache", "stop_easy_read", slots={"language": "de", "leichte_sprache": True}
    )
    texts, _, events = run_action(ChooseLanguage(), tracker)
    assert slots(events) == {"language": "de", "leichte_sprache": False}
    assert "üblichen Sprache" in texts[0]


def test_without_a_language_every_language_is_offered_named_in_itself(run_action) -> None:
    _, messages, events = run_action(ChooseLanguage(), make_tracker("Sprache wechseln", "choose_language"))
    titles = [button["title"] for button in messages[0]["buttons"]]
    assert titles == [language.name for language in languages().values()]
    assert {"Deutsch", "Türkçe", "العربية", "Українська", "Leichte Sprache"} <= set(titles)
    assert events == []


def test_the_language_the_nlu_recognised_is_not_taken_for_a_choice(run_action) -> None:
    detected = {"entity": "language", "value": "de", "extractor": "ConversationLanguage"}
    tracker = make_tracker("Sprache wechseln", "choose_language")
    tracker.latest_message["entities"] = [detected]
    _, messages, events = run_action(ChooseLanguage(), tracker)
    assert events == [] and messages[0]["buttons"]
