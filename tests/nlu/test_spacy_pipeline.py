"""The German spaCy pipeline Rasa loads: names from the knowledge base found in messages."""

from __future__ import annotations

import json

from tests.rasa_env import run_in_rasa_env

PATTERNS = [
    {"label": "district", "pattern": "Hörde", "id": "Hörde"},
    {"label": "partner_city", "pattern": "Xi'an", "id": "Xi'an"},
    {"label": "hsu_language", "pattern": "Türkisch", "id": "Türkisch"},
]


def entities(texts: list[str]) -> dict[str, list[list[str]]]:
    """Each text's entities as [label, id, text], from a pipeline built with PATTERNS."""
    return run_in_rasa_env("spacy_pipeline", json.dumps(PATTERNS), json.dumps(texts))


def test_a_name_with_a_turkish_case_ending_is_found() -> None:
    found = entities(["Cephe programı Hörde'de de geçerli mi?", "Xi'an'da ortak şehir var mı?"])
    assert found["Cephe programı Hörde'de de geçerli mi?"] == [["district", "Hörde", "Hörde"]]
    assert found["Xi'an'da ortak şehir var mı?"] == [["partner_city", "Xi'an", "Xi'an"]]


def test_names_as_written_are_found_and_other_words_are_not() -> None:
    found = entities(["Gilt das auch in Hörde?", "HSU auf Türkisch", "Wie geht's, gibt es Hördes Programm?"])
    assert found["Gilt das auch in Hörde?"] == [["district", "Hörde", "Hörde"]]
    assert found["HSU auf Türkisch"] == [["hsu_language", "Türkisch", "Türkisch"]]
    assert found["Wie geht's, gibt es Hördes Programm?"] == []
