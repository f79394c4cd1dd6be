"""Reading, validating and loading knowledge files; the loader command line."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.knowledge import loader
from bot.knowledge.db import get_engine, get_sessionmaker
from bot.knowledge.loader import load_knowledge, read_knowledge
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


# --- as-of precision, review dates, translations -------------------------------------------------------


@pytest.mark.parametrize(
    "written, stored", [(2025, "2025"), ("2025-09", "2025-09"), (date(2025, 9, 13), "2025-09-13")]
)
def test_as_of_keeps_the_precision_the_source_has(
    session: Session, write_topic: Callable[..., Path], written: Any, stored: str
) -> None:
    content = minimal_topic("demo")
    content["entries"][0].update(as_of=written, review_by=date(2026, 3, 31))
    with session.begin():
        load_knowledge(session, read_knowledge(write_topic(content)))
    entry = session.scalar(select(Entry).where(Entry.slug == "demo_overview"))
    assert entry.as_of == stored
    assert entry.review_by == date(2026, 3, 31)


def test_translations_and_examples_are_loaded(session: Session, write_topic: Callable[..., Path]) -> None:
    content = minimal_topic("demo")
    content["topic"]["translations"] = {"en": {"title": "Demo topic"}}
    content["entries"][0]["more_sources"] = ["https://www.dortmund.de/demo/zweite-seite"]
    with session.begin():
        load_knowledge(session, read_knowledge(write_topic(content)))
    entry = session.scalar(select(Entry).where(Entry.slug == "demo_overview"))
    assert entry.translation("en").answer == "A short answer in plain English."
    assert entry.translation("en").reviewed is False and entry.translation("tr") is None
    assert entry.topic.title_translations == {"en": "Demo topic"}
    assert entry.examples[0] == "Worum geht es bei demo?"
    assert entry.more_sources == ["https://www.dortmund.de/demo/zweite-seite"]
