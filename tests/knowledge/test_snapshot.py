"""The action server's in-memory copy of the knowledge base: the same answers, renewed after a load, kept
while the database is unreachable."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import create_engine, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from bot.knowledge import queries
from bot.knowledge.loader import load_knowledge
from bot.knowledge.models import Entry
from bot.knowledge.schema import TopicFile
from bot.knowledge.snapshot import KnowledgeCopy, copied


def answer(session: Session, topic: str, facet: str = "overview") -> str:
    """The German answer text of a topic's entry."""
    entry = queries.entry_by_facet(session, topic, facet)
    assert entry is not None
    return entry.answer


def test_the_copy_answers_as_the_database_does(loaded: Session) -> None:
    with loaded.begin():
        copy = Session(copied(loaded.connection()))
        for topic in queries.list_topics(loaded):
            copied_topic = queries.topic_by_slug(copy, topic.slug)
            assert copied_topic is not None and copied_topic.official_url == topic.official_url
            answers = {e.slug: e.answer for e in topic.entries}
            assert {e.slug: e.answer for e in copied_topic.entries} == answers
        original, hsu = (queries.entry_by_facet(s, "hsu", "overview") for s in (loaded, copy))
        assert hsu is not None and original is not None
        assert hsu.translation("tr").answer == original.translation("tr").answer
        assert queries.resolve_entity(copy, "hsu_language", "Türkisch") is not None


@pytest.fixture
def database(tmp_path: Path, loaded_sqlite_file: Path) -> Path:
    """An SQLite knowledge base with the real content, for this test alone."""
    path = tmp_path / "source" / "knowledge.db"
    path.parent.mkdir()
    shutil.copyfile(loaded_sqlite_file, path)
    return path


def reload_with_new_hsu_text(path: Path, topic_files: list[TopicFile]) -> None:
    """An editor's load of the knowledge files, then a changed HSU overview (as a later load would bring)."""
    engine = create_engine(f"sqlite:///{path}")
    with Session(engine) as session, session.begin():
        load_knowledge(session, topic_files)
        session.execute(update(Entry).where(Entry.slug == "hsu_overview").values(answer="Neuer Text."))
    engine.dispose()


def test_a_new_load_is_answered_after_the_recheck_and_not_before(
    database: Path, topic_files: list[TopicFile]
) -> None:
    soon, later = (KnowledgeCopy(create_engine(f"sqlite:///{database}"), s) for s in (0.0, 3600.0))
    for copy in (soon, later):
        with copy.session_factory().begin() as session:
            assert answer(session, "hsu") != "Neuer Text."
    reload_with_new_hsu_text(database, topic_files)
    with soon.session_factory().begin() as session:
        assert answer(session, "hsu") == "Neuer Text."
    with later.session_factory().begin() as session:
        assert answer(session, "hsu") != "Neuer Text."


def test_an_unreachable_database_is_answered_from_the_copy_and_without_one_fails(database: Path) -> None:
    # a new connection for every query, so that the removed file is noticed
    copy = KnowledgeCopy(create_engine(f"sqlite:///{database}", poolclass=NullPool), 0.0)
    with copy.session_factory().begin() as session:
        before = answer(session, "hsu")
    shutil.rmtree(database.parent)  # the database is gone: connecting fails
    with copy.session_factory().begin() as session:
        assert answer(session, "hsu") == before
    with pytest.raises(SQLAlchemyError):
        KnowledgeCopy(create_engine(f"sqlite:///{database}"), 0.0).session_factory()
