"""Queries as the actions use them: follow-up questions, entity values, topics, patterns."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from bot.knowledge import queries
from bot.knowledge.loader import load_knowledge, read_knowledge
from bot.knowledge.patterns import entity_patterns
from bot.knowledge.schema import ENTITY_KINDS, TopicFile
from bot.knowledge.text import normalise
from tests.knowledge.conftest import minimal_topic

FOLLOW_UPS = [
    ("huckarde", "Und bis wann?", "deadline"),
    ("huckarde", "Kann ich noch einen Antrag stellen?", "deadline"),
    ("huckarde", "Wie viel Geld bekomme ich?", "amount"),
    ("huckarde", "Wo genau liegt das Gebiet?", "area"),
    ("huckarde", "Was wird gefördert?", "measures"),
    ("huckarde", "Woher kommt das Geld?", "financing"),
    ("huckarde", "Gibt es auch in der ganzen Stadt Geld für Dachbegrünung?", "greening"),
    ("integration_council", "Wie viele Mitglieder hat er?", "members"),
    ("integration_council", "Wer darf wählen?", "eligibility"),
    ("integration_council", "wer darf waehlen", "eligibility"),
    ("integration_council", "Wer ist wahlberechtigt?", "eligibility"),
    ("integration_council", "Wie wird gewählt?", "elections"),
    ("integration_council", "Wie ist die Wahl ausgegangen?", "results"),
    ("integration_council", "Und 2020?", "results_2020"),
    ("integration_council", "Seit wann gibt es ihn?", "history"),
    ("hsu", "Und bis wann?", "deadline"),
    ("hsu", "Bis wann muss ich mein Kind anmelden?", "deadline"),
    ("hsu", "Wie melde ich mein Kind an?", "registration"),
    ("hsu", "Welche Sprachen gibt es?", "languages"),
    ("hsu", "Wann ist der Unterricht?", "times"),
    ("hsu", "Gibt es dafür eine Note im Zeugnis?", "certificate"),
    ("funding", "Wer kann einen Antrag stellen?", "eligibility"),
    ("funding", "Wie stelle ich den Antrag?", "how_to_apply"),
    ("funding", "Und bis wann?", "deadline"),
    ("funding", "Wie viel Förderung bekommt ein Verein?", "amount"),
    ("funding", "Was ist KOMM-AN NRW?", "programme"),
    ("iga", "Wann ist die IGA?", "dates"),
    ("iga", "Was kostet der Eintritt?", "tickets"),
    ("iga", "Was kostet das?", "cost"),
    ("iga", "Wie viele Besucher kommen?", "visitors"),
    ("euro2024", "Welche Spiele gab es?", "dates"),
    ("euro2024", "Wo war die Fanzone?", "fan_zone"),
    ("euro2024", "Wer hat gewonnen?", "results"),
    ("international_week", "Und wann ist sie?", "dates"),
    ("icapital", "Wofür wird das Preisgeld verwendet?", "use_of_money"),
    ("international_relations", "Welche Partnerstädte hat Dortmund?", "partner_cities"),
    ("mia_do_ki", "Gibt es Dolmetscher?", "interpreters"),
    ("migrado", "Wo ist das?", "location"),
    ("privacy", "Wie lange wird das gespeichert?", "retention"),
    ("privacy", "Was ist mit Telegram?", "telegram"),
    ("privacy", "Darf ich meine IBAN schreiben?", "advice"),
]


@pytest.mark.parametrize("topic, text, facet", FOLLOW_UPS)
def test_best_entry_answers_follow_up_questions(loaded: Session, topic: str, text: str, facet: str) -> None:
    entry = queries.best_entry(loaded, topic, text)
    assert entry is not None and entry.facet == facet, entry


@pytest.mark.parametrize("text", ["Hallo", "", "???", "Erzähl mal"])
def test_best_entry_without_a_match_gives_the_overview(loaded: Session, text: str) -> None:
    entry = queries.best_entry(loaded, "hsu", text)
    assert entry is not None and entry.slug == "hsu_overview"


def test_best_entry_of_an_unknown_topic_is_none(loaded: Session) -> None:
    assert queries.best_entry(loaded, "wetter", "Und bis wann?") is None


def _load_demo(session: Session, write_topic: Callable[..., Path], entries: list[dict[str, object]]) -> None:
    """Load one demo topic whose extra entries copy the overview's source and date."""
    content = minimal_topic("demo")
    base = content["entries"][0]
    for fields in entries:
        content["entries"].append(
            {**base, "question": "Frage?", "answer": "Eine andere Antwort hier.", **fields}
        )
    with session.begin():
        load_knowledge(session, read_knowledge(write_topic(content)))


def test_tie_between_entries_gives_the_overview(session: Session, write_topic: Callable[..., Path]) -> None:
    _load_demo(
        session,
        write_topic,
        [
            {"slug": "demo_deadline", "facet": "deadline", "keywords": ["frist"]},
            {"slug": "demo_cost", "facet": "cost", "keywords": ["preis"]},
        ],
    )
    assert queries.best_entry(session, "demo", "Frist und Preis?").facet == "overview"
    assert queries.best_entry(session, "demo", "Welche Fristen gelten?").facet == "deadline"


def test_keyword_matching_rules(session: Session, write_topic: Callable[..., Path]) -> None:
    _load_demo(
        session,
        write_topic,
        [
            {"slug": "demo_who", "facet": "eligibility", "keywords": ["wer"]},
            {"slug": "demo_deadline", "facet": "deadline", "keywords": ["bis wann"]},
            {"slug": "demo_funding", "facet": "amount", "keywords": ["förder"]},
        ],
    )
    assert queries.best_entry(session, "demo", "Was werden Sie tun?").facet == "overview"
    assert queries.best_entry(session, "demo", "Wer?").facet == "eligibility"
    assert queries.best_entry(session, "demo", "Wann, und bis?").facet == "overview"
    assert queries.best_entry(session, "demo", "BIS WANN???").facet == "deadline"
    assert queries.best_entry(session, "demo", "Gibt es Foerderung?").facet == "amount"


def test_templates_with_placeholders_are_never_picked(
    session: Session, write_topic: Callable[..., Path]
) -> None:
    _load_demo(
        session,
        write_topic,
        [
            {
                "slug": "demo_language",
                "facet": "language_not_covered",
                "keywords": ["sprache"],
                "answer": "{language} steht nicht auf der Liste.",
            },
            {
                "slug": "demo_language_covered",
                "facet": "language_covered",
                "answer": "Ja, {language} gibt es.",
            },
        ],
    )
    entry = queries.best_entry(session, "demo", "Welche Sprache?")
    assert entry.facet == "overview" and "{" not in entry.answer


def test_entry_by_facet(loaded: Session) -> None:
    entry = queries.entry_by_facet(loaded, "hsu", "language_not_covered")
    assert entry is not None and "{language}" in entry.answer
    assert queries.entry_by_facet(loaded, "hsu", "district_not_covered") is None
    assert queries.entry_by_facet(loaded, "keins", "overview") is None


RESOLVE = [
    ("hsu_language", "arabisch", "Arabisch", True),
    ("hsu_language", "Arabisch", "Arabisch", True),
    ("hsu_language", "Türkisch", "Türkisch", True),
    ("hsu_language", "tuerkisch", "Türkisch", True),
    ("hsu_language", "TÜRKISCH", "Türkisch", True),
    ("hsu_language", "Turkish", "Türkisch", True),
    ("hsu_language", "Farsi", "Persisch", True),
    ("hsu_language", "rumaenisch", "Rumänisch", True),
    ("hsu_language", "Ukrainisch", "Ukrainisch", False),
    ("hsu_language", "franzoesisch", "Französisch", False),
    ("district", "Hörde", "Hörde", False),
    ("district", "hoerde", "Hörde", False),
    ("district", "Huckarde-Nord", "Huckarde-Nord", True),
    ("district", "huckarde nord", "Huckarde-Nord", True),
    ("district", "Luetgendortmund", "Lütgendortmund", False),
    ("funding_programme", "Komm-An", "KOMM-AN NRW", True),
    ("funding_programme", "Hof- und Fassadenprogramm", "Hof- und Fassadenprogramm", True),
    ("event", "EM 2024", "EURO 2024", True),
    ("event", "Internationale Gartenausstellung", "IGA 2027", True),
    ("event", "Münsterstrassenfest", "Münsterstraßenfest", True),
]


@pytest.mark.parametrize("kind, text, value, covered", RESOLVE)
def test_resolve_entity(loaded: Session, kind: str, text: str, value: str, covered: bool) -> None:
    found = queries.resolve_entity(loaded, kind, text)
    assert found is not None and (found.value, found.covered) == (value, covered)


def test_resolved_value_knows_its_topic(loaded: Session) -> None:
    found = queries.resolve_entity(loaded, "event", "Internationale Woche")
    assert found is not None and found.topic.slug == "international_week"


@pytest.mark.parametrize(
    "kind, text", [("hsu_language", "Klingonisch"), ("district", "Arabisch"), ("event", "")]
)
def test_unknown_entity_is_none(loaded: Session, kind: str, text: str) -> None:
    assert queries.resolve_entity(loaded, kind, text) is None


def test_topics_by_intent_slug_and_list(loaded: Session) -> None:
    topic = queries.topic_by_intent(loaded, "ask_huckarde")
    assert topic is not None and topic.slug == "huckarde"
    assert queries.topic_by_slug(loaded, "iga").intent == "ask_iga"
    assert queries.topic_by_intent(loaded, "ask_weather") is None
    titles = [topic.title for topic in queries.list_topics(loaded)]
    assert len(titles) == 13 and titles == sorted(titles)
    assert all(len(title) <= 40 for title in titles)


def test_last_load_reports_the_counts(loaded: Session, topic_files: list[TopicFile]) -> None:
    info = queries.last_load(loaded)
    assert info is not None
    assert (info.files, info.topics) == (len(topic_files), len(topic_files))
    assert info.entries == sum(len(topic_file.entries) for topic_file in topic_files)


def test_entity_patterns_cover_values_aliases_and_umlaut_variants(topic_files: list[TopicFile]) -> None:
    patterns = entity_patterns(topic_files)
    keys = {(p["label"], p["pattern"], p["id"]) for p in patterns}
    assert len(keys) == len(patterns)
    assert ("hsu_language", "Türkisch", "Türkisch") in keys
    assert ("hsu_language", "tuerkisch", "Türkisch") in keys
    assert ("hsu_language", "farsi", "Persisch") in keys
    assert ("district", "hoerde", "Hörde") in keys
    assert ("funding_programme", "komm-an", "KOMM-AN NRW") in keys
    assert {p["label"] for p in patterns} == set(ENTITY_KINDS)
    values = {(e.kind, e.value) for topic_file in topic_files for e in topic_file.entities}
    assert {(p["label"], p["id"]) for p in patterns} == values


def test_normalise_folds_umlauts_accents_and_punctuation() -> None:
    assert normalise("Türkisch!") == "tuerkisch"
    assert normalise("  Straße, Málaga?") == "strasse malaga"
    assert normalise("KOMM-AN NRW") == "komm an nrw"
