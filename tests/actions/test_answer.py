"""The one answer action: the right entry of the right topic, in the resident's language, with its source."""

from __future__ import annotations

from bot.actions.answer import AnswerQuestion
from bot.editor.stats import ANSWERED_ENTRY
from tests.actions.conftest import make_tracker


def ranked(topic: str, *entries: tuple[str, float]) -> dict:
    """An answer ranking as the NLU's AnswerSelector gives it, for one topic."""
    return {topic: [{"entry": entry, "confidence": confidence} for entry, confidence in entries]}


def test_the_likeliest_entry_is_answered_with_source_and_date(run_action) -> None:
    ranking = ranked("hsu", ("hsu_deadline", 0.8), ("hsu_registration", 0.1))
    tracker = make_tracker("Bis wann muss ich anmelden?", "ask_hsu", answer_ranking=ranking)
    texts, messages, events = run_action(AnswerQuestion(), tracker)
    assert "März" in texts[0] and "Quelle: https://" in texts[0] and "(Stand: " in texts[0]
    assert events == [{"event": "slot", "timestamp": None, "name": "topic", "value": "hsu"}]
    assert messages[0][ANSWERED_ENTRY] == "hsu_deadline"  # the statistics count answers per entry by it


def test_an_english_conversation_gets_the_english_text(run_action) -> None:
    ranking = ranked("hsu", ("hsu_deadline", 0.8))
    tracker = make_tracker("Deadline?", "ask_hsu", slots={"language": "en"}, answer_ranking=ranking)
    texts, _, _ = run_action(AnswerQuestion(), tracker)
    assert "March" in texts[0] and "Source: https://" in texts[0] and "(as of " in texts[0]
    assert "machine-made translation" in texts[0] and "Quelle" not in texts[0]


def test_an_unsure_choice_offers_the_two_likeliest_answers(run_action) -> None:
    ranking = ranked("hsu", ("hsu_deadline", 0.35), ("hsu_registration", 0.3), ("hsu_times", 0.1))
    texts, messages, _ = run_action(
        AnswerQuestion(), make_tracker("hsu wann", "ask_hsu", answer_ranking=ranking)
    )
    assert "zwei Antworten" in texts[0] and ANSWERED_ENTRY not in messages[0]
    assert [b["payload"] for b in messages[0]["buttons"]] == [
        '/ask_hsu{"knowledge_entry": "hsu_deadline"}',
        '/ask_hsu{"knowledge_entry": "hsu_registration"}',
    ]


def test_a_button_names_its_answer_directly(run_action) -> None:
    tracker = make_tracker(
        '/ask_hsu{"knowledge_entry": "hsu_registration"}',
        "ask_hsu",
        entities=[{"knowledge_entry": "hsu_registration"}],
        answer_ranking=ranked("hsu", ("hsu_deadline", 0.9)),
    )
    texts, _, _ = run_action(AnswerQuestion(), tracker)
    assert "Anmeld" in texts[0] and "Mitte März" not in texts[0].split("Quelle")[0] or "Formular" in texts[0]


def test_a_follow_up_naming_a_new_partner_city_gets_that_city(run_action) -> None:
    tracker = make_tracker(
        "Und Novi Sad?",
        "followup",
        entities=[{"partner_city": "Novi Sad"}],
        slots={"topic": "international_relations"},
        answer_ranking=ranked("international_relations", ("international_relations_partner_city_leeds", 0.9)),
    )
    texts, _, events = run_action(AnswerQuestion(), tracker)
    assert "Novi Sad" in texts[0] and "1982" in texts[0] and "Leeds" not in texts[0]
    assert events[0]["value"] == "international_relations"


def test_a_follow_up_without_a_name_stays_in_the_topic(run_action) -> None:
    ranking = {
        **ranked("iga", ("iga_overview", 0.9)),
        **ranked("huckarde", ("huckarde_deadline", 0.7), ("huckarde_overview", 0.1)),
    }
    tracker = make_tracker("Und bis wann?", "followup", slots={"topic": "huckarde"}, answer_ranking=ranking)
    texts, _, events = run_action(AnswerQuestion(), tracker)
    assert "2025" in texts[0] and events[0]["value"] == "huckarde"


def test_a_follow_up_without_any_topic_asks_for_one(run_action) -> None:
    texts, _, events = run_action(AnswerQuestion(), make_tracker("Und bis wann?", "followup"))
    assert "Worauf bezieht sich Ihre Frage" in texts[0] and events == []


def test_languages_on_the_list_and_off_it_get_their_template(run_action) -> None:
    covered = make_tracker("HSU auf Arabisch?", "ask_hsu", entities=[{"hsu_language": "Arabisch"}])
    not_covered = make_tracker("HSU auf Ukrainisch?", "ask_hsu", entities=[{"hsu_language": "ukrainisch"}])
    assert "Arabisch" in run_action(AnswerQuestion(), covered)[0][0]
    text = run_action(AnswerQuestion(), not_covered)[0][0]
    assert "Ukrainisch" in text and "nicht" in text


def test_a_sure_ranking_answers_the_question_beside_a_named_language(run_action) -> None:
    question = "Wir sprechen zu Hause Polnisch, ist ein polnischer Pass für HSU nötig?"
    sure = ranked("hsu", ("hsu_nationality", 0.95), ("hsu_language_covered", 0.03))
    unsure = ranked("hsu", ("hsu_nationality", 0.5), ("hsu_language_covered", 0.1))
    named = [{"hsu_language": "Polnisch"}]
    tracker = make_tracker(question, "ask_hsu", entities=named, answer_ranking=sure)
    text = run_action(AnswerQuestion(), tracker)[0][0]
    assert "Staatsangehörigkeit" in text and "Liste der HSU-Sprachen" not in text
    tracker = make_tracker(question, "ask_hsu", entities=named, answer_ranking=unsure)
    assert "Polnisch steht auf der Liste der HSU-Sprachen" in run_action(AnswerQuestion(), tracker)[0][0]


def test_a_district_outside_the_programme_area_is_told_so(run_action) -> None:
    tracker = make_tracker("Gilt das auch in Hörde?", "ask_huckarde", entities=[{"district": "Hörde"}])
    text = run_action(AnswerQuestion(), tracker)[0][0]
    assert "Hörde" in text and "nicht" in text


def test_a_name_the_knowledge_base_does_not_know_is_never_echoed(run_action) -> None:
    tracker = make_tracker(
        "HSU auf Klingonisch?",
        "ask_hsu",
        entities=[{"hsu_language": "Anmeldung nur über https://evil.example"}],
        answer_ranking=ranked("hsu", ("hsu_languages", 0.9)),
    )
    assert "evil.example" not in run_action(AnswerQuestion(), tracker)[0][0]


def test_a_missing_fact_is_named_with_the_official_page(run_action) -> None:
    ranking = ranked("migrado", ("migrado_overview", 0.9))
    tracker = make_tracker("Wie ist die Telefonnummer von MigraDO?", "ask_migrado", answer_ranking=ranking)
    texts, messages, _ = run_action(AnswerQuestion(), tracker)
    assert texts[0].startswith("Eine Telefonnummer zum Thema") and "https://" in texts[0]
    assert ANSWERED_ENTRY not in messages[0]  # not the entry's answer
    english = make_tracker(
        "MigraDO phone number?", "ask_migrado", slots={"language": "en"}, answer_ranking=ranking
    )
    assert run_action(AnswerQuestion(), english)[0][0].startswith("I do not have a phone number")


def test_an_overdue_answer_says_it_may_be_out_of_date(run_action) -> None:
    ranking = ranked("funding", ("funding_deadline", 0.9))
    text = run_action(
        AnswerQuestion(), make_tracker("Frist KOMM-AN?", "ask_funding", answer_ranking=ranking)
    )[0][0]
    assert "könnten veraltet sein" in text


def test_privacy_answers_link_the_bots_own_privacy_page(run_action, monkeypatch) -> None:
    monkeypatch.setenv("PUBLIC_URL", "https://chat.example.org")
    ranking = ranked("privacy", ("privacy_storage", 0.9))
    text = run_action(
        AnswerQuestion(), make_tracker("Was speichert ihr?", "ask_privacy", answer_ranking=ranking)
    )[0][0]
    assert "Quelle: https://chat.example.org/datenschutz" in text


def test_an_unreachable_knowledge_base_gets_a_clear_answer(run_action, monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'missing' / 'kb.db'}")
    texts, _, events = run_action(AnswerQuestion(), make_tracker("Was ist HSU?", "ask_hsu"))
    assert "nicht erreichbar" in texts[0] and events == []


def test_a_turkish_answer_has_the_same_source_marks_the_translation_and_offers_the_original(
    run_action,
) -> None:
    ranking = ranked("hsu", ("hsu_deadline", 0.8))
    tracker = make_tracker("HSU son tarih?", "ask_hsu", slots={"language": "tr"}, answer_ranking=ranking)
    texts, messages, _ = run_action(AnswerQuestion(), tracker)
    german = run_action(AnswerQuestion(), make_tracker("Frist?", "ask_hsu", answer_ranking=ranking))[0][0]
    source = german.split("Quelle: ")[1].split(" ")[0]
    assert source in texts[0] and "Quelle:" not in texts[0] and "März" not in texts[0]
    assert messages[0]["metadata"] == {"language": "tr"}
    [button] = messages[0]["buttons"]
    assert button["payload"] == '/show_original{"knowledge_entry": "hsu_deadline"}'
    # The button shows the German original, without switching the conversation's language.
    original = make_tracker(button["payload"], "show_original", [{"knowledge_entry": "hsu_deadline"}])
    original.slots["language"] = "tr"
    texts, messages, events = run_action(AnswerQuestion(), original)
    assert texts[0] == german and not messages[0]["buttons"]
    assert all(event.get("name") != "language" for event in events)


def test_asking_for_the_original_in_words_shows_the_latest_answer_in_german(run_action) -> None:
    tracker = make_tracker("Almanca aslını göster", "show_original", slots={"language": "tr"})
    tracker.events = [{"event": "bot", "text": "…", "metadata": {ANSWERED_ENTRY: "hsu_contact"}}]
    texts, _, _ = run_action(AnswerQuestion(), tracker)
    assert "Quelle:" in texts[0] and "Schulamt" in texts[0]


def test_an_answer_without_a_text_in_the_language_comes_in_german_with_a_note(
    run_action, monkeypatch
) -> None:
    from bot.knowledge.models import Entry

    monkeypatch.setattr(Entry, "translation", lambda self, language: None)
    ranking = ranked("hsu", ("hsu_deadline", 0.8))
    tracker = make_tracker("HSU son tarih?", "ask_hsu", slots={"language": "tr"}, answer_ranking=ranking)
    texts, messages, _ = run_action(AnswerQuestion(), tracker)
    note, german = texts[0].split("\n\n", 1)
    assert "Almanca" in note and "März" in german
    assert messages[0]["metadata"] == {"language": "de"}  # the screen reader reads the answer as German
