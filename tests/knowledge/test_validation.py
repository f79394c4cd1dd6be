"""Validation of knowledge files: every problem is reported with file, entry and field."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from bot.knowledge.loader import KnowledgeError, read_knowledge
from tests.knowledge.conftest import minimal_topic


def problems_of(folder: Path) -> list[str]:
    """The problem lines read_knowledge reports for a folder (fails the test if it reports none)."""
    with pytest.raises(KnowledgeError) as caught:
        read_knowledge(folder)
    lines = str(caught.value).splitlines()
    assert lines == [str(problem) for problem in caught.value.problems]
    return lines


# --- validation: every problem names file, entry and field ---------------------------------------------


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    """A change to a topic dict: set the value at 'block.index.key'."""

    def change(content: dict[str, Any]) -> None:
        """Apply the change in place."""
        *parents, last = path.split(".")
        target: Any = content
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        target[int(last) if last.isdigit() else last] = value

    return change


def _add_entry(**fields: Any) -> Callable[[dict[str, Any]], None]:
    """A change to a topic dict: append a copy of the overview entry with other fields."""

    def change(content: dict[str, Any]) -> None:
        """Apply the change in place."""
        entry = {**copy.deepcopy(content["entries"][0]), **fields}
        content["entries"].append({key: value for key, value in entry.items() if value is not None})

    return change


def _add_entity(**fields: Any) -> Callable[[dict[str, Any]], None]:
    """A change to a topic dict: add one entity value."""

    def change(content: dict[str, Any]) -> None:
        """Apply the change in place."""
        entity = {"kind": "district", "value": "Hörde", "aliases": ["hörde"], "covered": True, **fields}
        content.setdefault("entities", []).append(entity)

    return change


ENTRY = "knowledge/demo.yml: entry 'demo_overview': "

BAD_FILES = {
    "url without scheme": (
        _set("entries.0.source_url", "www.dortmund.de/seite"),
        ENTRY + "field 'source_url': must be an http(s) URL",
    ),
    "date in the future": (
        _set("entries.0.as_of", "2999-01-01"),
        ENTRY + "field 'as_of': must not be in the future",
    ),
    "German date format": (
        _set("entries.0.as_of", "01.02.2023"),
        ENTRY + "field 'as_of': must be a day (2025-09-13), a month in quotes",
    ),
    "month in the future": (
        _set("entries.0.as_of", "2999-02"),
        ENTRY + "field 'as_of': must not be in the future",
    ),
    "no such day": (_set("entries.0.as_of", "2025-02-30"), ENTRY + "field 'as_of': must be a day"),
    "review date in German format": (
        _set("entries.0.review_by", "31.03.2026"),
        ENTRY + "field 'review_by': must be a date written as YYYY-MM-DD",
    ),
    "too few examples": (
        _set("entries.0.examples", ["eins", "zwei"]),
        ENTRY + "field 'examples': List should have at least 3 items",
    ),
    "the same example in two entries": (
        _add_entry(slug="demo_deadline", facet="deadline"),
        "knowledge/demo.yml: entry 'demo_deadline': field 'examples': example 'Worum geht es bei demo?' "
        "is already an example of knowledge/demo.yml (entry 'demo_overview')",
    ),
    "translation without the uncertainty note": (
        _set("entries.0.uncertain", "Das ist nicht bestätigt."),
        ENTRY + "translation 'en': needs 'uncertain' exactly when the entry has it",
    ),
    "translation without placeholder": (
        _add_entry(
            slug="demo_lang",
            facet="language_not_covered",
            examples=["Gibt es Polnisch?", "polnisch?", "Polish?"],
            answer="{language} fehlt leider.",
            translations={"en": {"answer": "This language is missing.", "reviewed": False}},
        ),
        "knowledge/demo.yml: entry 'demo_lang': translation 'en': answer facet 'language_not_covered' "
        "needs the placeholder {language}",
    ),
    "language code": (
        _set("entries.0.translations", {"English": {"answer": "A short answer.", "reviewed": False}}),
        ENTRY + "field 'translations English': 'English' must be a language code",
    ),
    "about a value the file does not name": (
        _set("entries.0.about", "Novi Sad"),
        ENTRY + "field 'about': 'Novi Sad' must be the value of an entity in this file",
    ),
    "slug with capitals": (
        _set("entries.0.slug", "Demo_Overview"),
        "knowledge/demo.yml: entry 'Demo_Overview': field 'slug': must use only a-z",
    ),
    "slug without topic prefix": (
        _set("entries.0.slug", "other_overview"),
        "knowledge/demo.yml: entry 'other_overview': field 'slug': must start with the topic slug: 'demo_'",
    ),
    "answer too long": (
        _set("entries.0.answer", "Wort " * 160),
        ENTRY + "field 'answer': is 799 characters long",
    ),
    "markdown in answer": (
        _set("entries.0.answer", "Das ist **wichtig**."),
        ENTRY + "field 'answer': contains bold",
    ),
    "markdown list": (
        _set("entries.0.answer", "Liste:\n- eins\n- zwei"),
        ENTRY + "field 'answer': contains a Markdown",
    ),
    "typo in field name": (_set("entries.0.answr", "Text"), ENTRY + "field 'answr': unknown field"),
    "missing field": (
        lambda content: content["entries"][0].pop("answer"),
        ENTRY + "field 'answer': is missing",
    ),
    "placeholder outside a template": (
        _set("entries.0.answer", "Das gilt in {district}."),
        ENTRY + "field 'answer': placeholder {district} is not allowed",
    ),
    "template without placeholder": (
        _add_entry(slug="demo_lang", facet="language_not_covered", answer="Die Sprache fehlt leider."),
        "knowledge/demo.yml: entry 'demo_lang': field 'answer': "
        "facet 'language_not_covered' needs the placeholder {language}",
    ),
    "second overview": (
        _add_entry(slug="demo_second"),
        "knowledge/demo.yml: entry 'demo_second': field 'facet': "
        "'overview' is already used by entry 'demo_overview'",
    ),
    "no overview": (
        _set("entries.0.facet", "deadline"),
        "knowledge/demo.yml: topic: field 'entries': exactly one entry needs facet 'overview'",
    ),
    "title too long": (
        _set("topic.title", "Ein sehr langer Titel für einen kleinen Knopf"),
        "demo.yml: topic: field 'title'",
    ),
    "unknown entity kind": (
        _add_entity(kind="stadtteil"),
        "knowledge/demo.yml: entity 'Hörde': field 'kind': Input should be 'hsu_language'",
    ),
    "alias in capitals": (
        _add_entity(aliases=["Hörde"]),
        "knowledge/demo.yml: entity 'Hörde': field 'aliases (item 1)'",
    ),
    "hand-written umlaut variant": (
        _add_entity(aliases=["hörde", "hoerde"]),
        "entity 'Hörde': field 'aliases': 'hoerde' is added automatically from 'Hörde'",
    ),
    "covered is not true/false": (
        _add_entity(covered="ja"),
        "entity 'Hörde': field 'covered': Input should be a valid boolean",
    ),
    "value not covered without template": (
        _add_entity(covered=False),
        "knowledge/demo.yml: entity 'Hörde': field 'covered': "
        "topic needs an entry with facet 'district_not_covered'",
    ),
}


@pytest.mark.parametrize("change, expected", BAD_FILES.values(), ids=BAD_FILES.keys())
def test_each_rule_reports_file_entry_and_field(
    change: Callable[[dict[str, Any]], Any], expected: str, write_topic: Callable[..., Path]
) -> None:
    content = minimal_topic("demo")
    change(content)
    lines = problems_of(write_topic(content))
    assert any(expected in line for line in lines), lines


def test_file_name_must_match_topic_slug(write_topic: Callable[..., Path]) -> None:
    lines = problems_of(write_topic(minimal_topic("demo"), "andere.yml"))
    assert lines == [
        "knowledge/andere.yml: topic: field 'slug': must match the file name: 'andere' (or rename the file)"
    ]


def test_all_problems_of_all_files_are_listed(write_topic: Callable[..., Path]) -> None:
    first = minimal_topic("demo")
    first["entries"][0].update(source_url="ftp://x", as_of="gestern", examples=["nur eins"])
    second = minimal_topic("zweites")
    second["topic"]["official_url"] = "dortmund.de"
    write_topic(first)
    lines = problems_of(write_topic(second))
    assert len(lines) == 4, lines
    assert sum(line.startswith("knowledge/demo.yml: entry 'demo_overview': field ") for line in lines) == 3
    assert "knowledge/zweites.yml: topic: field 'official_url': must be an http(s) URL" in lines


def test_slugs_intents_and_aliases_must_be_unique_across_files(write_topic: Callable[..., Path]) -> None:
    first = minimal_topic("demo")
    _add_entry(slug="demo_x_overview", facet="contact")(first)
    _add_entity(kind="hsu_language", value="Persisch", aliases=["farsi"])(first)
    second = minimal_topic("demo_x", intent="ask_demo")
    _add_entity(kind="hsu_language", value="Farsi", aliases=[])(second)
    write_topic(first)
    lines = problems_of(write_topic(second))
    assert (
        "knowledge/demo_x.yml: topic: field 'intent': 'ask_demo' is already used in knowledge/demo.yml"
        in lines
    )
    assert any(
        line.startswith("knowledge/demo_x.yml: entry 'demo_x_overview': field 'slug': is already used")
        for line in lines
    )
    assert any(
        line.startswith("knowledge/demo_x.yml: entity 'Farsi': field 'aliases': name 'farsi'")
        for line in lines
    )


def test_yaml_syntax_error_names_file_and_line(write_topic: Callable[..., Path]) -> None:
    folder = write_topic(minimal_topic("demo"))
    (folder / "kaputt.yml").write_text(
        "topic:\n  slug: kaputt\n  title: [nicht geschlossen\n", encoding="utf-8"
    )
    lines = problems_of(folder)
    assert len(lines) == 1 and lines[0].startswith("knowledge/kaputt.yml: line "), lines
    assert "YAML syntax error" in lines[0]


def test_key_written_twice_is_an_error_with_line(write_topic: Callable[..., Path]) -> None:
    folder = write_topic(minimal_topic("demo"))
    source = (folder / "demo.yml").read_text(encoding="utf-8")
    (folder / "demo.yml").write_text(
        source.replace("  intent: ask_demo\n", "  intent: ask_demo\n  intent: ask_x\n")
    )
    assert problems_of(folder) == [
        "knowledge/demo.yml: line 4: YAML syntax error: key 'intent' is written twice"
    ]


def test_empty_folder_is_an_error(tmp_path: Path) -> None:
    lines = problems_of(tmp_path)
    assert lines == [f"{tmp_path}: no knowledge files (*.yml) found"]
