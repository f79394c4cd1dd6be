"""Queries as the actions use them: follow-up questions, entity values, topics, patterns."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from bot.knowledge import queries
from bot.knowledge.patterns import entity_patterns
from bot.knowledge.schema import ENTITY_KINDS, TopicFile
from bot.knowledge.text import normalise


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
