"""Reading, validating and loading knowledge files; the loader command line."""

from __future__ import annotations

import copy
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.knowledge import loader
from bot.knowledge.db import get_engine, get_sessionmaker
from bot.knowledge.loader import KnowledgeError, load_knowledge, read_knowledge
from bot.knowledge.models import EntityValue, Entry, Topic
from bot.knowledge.schema import TopicFile
from tests.knowledge.conftest import KNOWLEDGE_DIR, POSTGRES_URL, minimal_topic

TOPIC_INTENTS = {
    "hsu": "ask_hsu",
    "integration_council": "ask_integration_council",
    "funding": "ask_funding",
    "huckarde": "ask_huckarde",
    "iga": "ask_iga",
    "euro2024": "ask_euro2024",
    "international_week": "ask_international_week",
    "icapital": "ask_icapital",
    "international_relations": "ask_international_relations",
    "mia_do_ki": "ask_mia_do_ki",
    "migrado": "ask_migrado",
    "intercultural_opening": "ask_intercultural_opening",
    "privacy": "ask_privacy",
}
HSU_LANGUAGES = (
    "Albanisch Arabisch Bosnisch Bulgarisch Griechisch Italienisch Kroatisch Kurdisch Makedonisch Persisch "
    "Polnisch Portugiesisch Rumänisch Russisch Serbisch Spanisch Türkisch"
).split()


def problems_of(folder: Path) -> list[str]:
    """The problem lines read_knowledge reports for a folder (fails the test if it reports none)."""
    with pytest.raises(KnowledgeError) as caught:
        read_knowledge(folder)
    lines = str(caught.value).splitlines()
    assert lines == [str(problem) for problem in caught.value.problems]
    return lines


# --- the real knowledge/ folder -------------------------------------------------------------------------


def test_real_knowledge_has_every_topic_with_its_intent(loaded: Session) -> None:
    topics = {topic.slug: topic.intent for topic in loaded.scalars(select(Topic))}
    assert topics == TOPIC_INTENTS


def test_every_topic_has_exactly_one_overview(loaded: Session) -> None:
    for topic in loaded.scalars(select(Topic)):
        assert [entry.facet for entry in topic.entries].count("overview") == 1, topic.slug


def test_hsu_lists_the_17_languages_as_covered_and_others_as_not(loaded: Session) -> None:
    values = loaded.scalars(select(EntityValue).where(EntityValue.kind == "hsu_language")).all()
    covered = sorted(value.value for value in values if value.covered)
    assert covered == sorted(HSU_LANGUAGES)
    not_covered = {value.value for value in values if not value.covered}
    assert {
        "Ukrainisch",
        "Englisch",
        "Französisch",
        "Chinesisch",
        "Vietnamesisch",
        "Tamil",
        "Somali",
    } <= not_covered
    persisch = next(value for value in values if value.value == "Persisch")
    assert "farsi" in persisch.aliases


def test_language_and_district_templates_have_their_placeholder(loaded: Session) -> None:
    templates = {entry.facet: entry.answer for entry in loaded.scalars(select(Entry))}
    assert "{language}" in templates["language_covered"]
    assert "{language}" in templates["language_not_covered"]
    assert "{district}" in templates["district_not_covered"]


def test_only_huckarde_is_inside_the_programme_area(loaded: Session) -> None:
    districts = loaded.scalars(select(EntityValue).where(EntityValue.kind == "district")).all()
    covered = {value.value for value in districts if value.covered}
    assert covered == {"Huckarde-Nord", "Huckarde"}
    assert {"Hörde", "Mengede", "Nordstadt", "Innenstadt-Nord", "Lütgendortmund"} <= {
        v.value for v in districts
    }


def test_loader_adds_umlaut_free_alias_variants(loaded: Session) -> None:
    aliases = {value.value: value.aliases for value in loaded.scalars(select(EntityValue))}
    assert "tuerkisch" in aliases["Türkisch"]
    assert "hoerde" in aliases["Hörde"]
    assert "luetgendortmund" in aliases["Lütgendortmund"]
    assert "Türkisch" not in aliases["Türkisch"]


def test_past_deadline_is_called_past(loaded: Session) -> None:
    deadline = loaded.scalar(select(Entry).where(Entry.slug == "huckarde_deadline"))
    assert deadline is not None
    assert "Ende 2025" in deadline.answer and "vorbei" in deadline.answer


# --- loading replaces content, failures keep the old content -------------------------------------------


def test_load_replaces_the_previous_content(
    session: Session, topic_files: list[TopicFile], write_topic: Callable[..., Path]
) -> None:
    with session.begin():
        load_knowledge(session, read_knowledge(write_topic(minimal_topic("demo"))))
    with session.begin():
        info = load_knowledge(session, topic_files)
    slugs = set(session.scalars(select(Topic.slug)))
    assert "demo" not in slugs and slugs == set(TOPIC_INTENTS)
    assert info.entries == session.scalar(select(func.count()).select_from(Entry))


def test_failed_load_rolls_back_and_keeps_previous_data(
    session: Session, topic_files: list[TopicFile]
) -> None:
    with session.begin():
        load_knowledge(session, topic_files)
        before = session.scalar(select(func.count()).select_from(Entry))
    with pytest.raises(IntegrityError), session.begin():
        load_knowledge(session, [topic_files[0], topic_files[0]])
    with session.begin():
        assert session.scalar(select(func.count()).select_from(Entry)) == before
        assert session.scalar(select(Topic).where(Topic.slug == "privacy")) is not None


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
        ENTRY + "field 'as_of': must be a date written as",
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
    "no keywords": (_set("entries.0.keywords", []), ENTRY + "field 'keywords': needs at least one keyword"),
    "keyword in capitals": (
        _set("entries.0.keywords", ["ok", "Frist"]),
        ENTRY + "field 'keywords (item 2)':",
    ),
    "placeholder outside a template": (
        _set("entries.0.answer", "Das gilt in {district}."),
        ENTRY + "field 'answer': placeholder {district} is not allowed",
    ),
    "template without placeholder": (
        _add_entry(
            slug="demo_lang", facet="language_not_covered", keywords=[], answer="Die Sprache fehlt leider."
        ),
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
    first["entries"][0].update(source_url="ftp://x", as_of="gestern", keywords=["Frist"])
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


# --- command line ----------------------------------------------------------------------------------------


@pytest.fixture(params=["sqlite", "postgresql"])
def cli_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database URL for the command line: an SQLite file, or a throw-away PostgreSQL schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'cli.db'}"
        return
    engine: Engine = request.getfixturevalue("postgres_engine")
    schema = f"kb_cli_{uuid.uuid4().hex[:12]}"
    with engine.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = f"{POSTGRES_URL}?options=-csearch_path%3D{schema}"
    try:
        yield url
    finally:
        get_engine(url).dispose()
        with engine.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))


def _topic_count(url: str) -> int:
    """How many topics the database at `url` holds."""
    with get_sessionmaker(url).begin() as session:
        return session.scalar(select(func.count()).select_from(Topic)) or 0


def test_cli_loads_and_a_broken_file_keeps_the_previous_data(
    cli_url: str, write_topic: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert loader.main(["--database-url", cli_url, "--dir", str(KNOWLEDGE_DIR)]) == 0
    assert f"Loaded {len(TOPIC_INTENTS)} topics" in capsys.readouterr().out
    broken = minimal_topic("demo")
    broken["entries"][0]["source_url"] = "dortmund.de"
    assert loader.main(["--database-url", cli_url, "--dir", str(write_topic(broken))]) == 1
    error = capsys.readouterr().err
    assert "knowledge/demo.yml: entry 'demo_overview': field 'source_url': must be an http(s) URL" in error
    assert _topic_count(cli_url) == len(TOPIC_INTENTS)


def test_cli_loading_twice_gives_the_same_content(cli_url: str) -> None:
    assert loader.main(["--database-url", cli_url, "--dir", str(KNOWLEDGE_DIR)]) == 0
    assert loader.main(["--database-url", cli_url, "--dir", str(KNOWLEDGE_DIR)]) == 0
    assert _topic_count(cli_url) == len(TOPIC_INTENTS)


def test_cli_reports_an_unreachable_database(capsys: pytest.CaptureFixture[str]) -> None:
    url = "postgresql+psycopg://postgres@127.0.0.1:1/none?connect_timeout=2"
    assert loader.main(["--database-url", url, "--dir", str(KNOWLEDGE_DIR)]) == 1
    assert "Knowledge NOT loaded" in capsys.readouterr().err
