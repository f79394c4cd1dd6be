"""Knowledge-base fixtures: sessions on SQLite (temp files) and PostgreSQL (rolled back after each test)."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import Connection, Engine, create_engine, text
from sqlalchemy.orm import Session

from bot.knowledge.loader import load_knowledge, read_knowledge
from bot.knowledge.models import Base
from bot.knowledge.schema import TopicFile

ROOT = Path(__file__).resolve().parents[2]
KNOWLEDGE_DIR = ROOT / "knowledge"
# The PostgreSQL the tests must reach; when it is down the PostgreSQL tests fail (they are never skipped).
POSTGRES_URL = os.environ.get(
    "KNOWLEDGE_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


@pytest.fixture(scope="session")
def topic_files() -> list[TopicFile]:
    """The real knowledge/ folder, validated."""
    return read_knowledge(KNOWLEDGE_DIR)


@pytest.fixture(scope="session")
def postgres_engine() -> Iterator[Engine]:
    """An engine on the test PostgreSQL; connecting fails loudly when the server is not reachable."""
    engine = create_engine(POSTGRES_URL)
    with engine.connect() as connection:
        connection.execute(text("SELECT 1"))
    yield engine
    engine.dispose()


def _sqlite_session(tmp_path: Path) -> Iterator[Session]:
    """A session on a fresh SQLite file with the tables created."""
    engine = create_engine(f"sqlite:///{tmp_path / 'knowledge.db'}")
    Base.metadata.create_all(engine)
    with Session(engine, expire_on_commit=False) as session:
        yield session
    engine.dispose()


def _postgres_session(engine: Engine) -> Iterator[Session]:
    """A session inside an outer transaction with its own schema; everything is rolled back afterwards."""
    connection = engine.connect()
    outer = connection.begin()
    schema = f"kb_test_{uuid.uuid4().hex[:12]}"
    connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    connection.execute(text(f'SET LOCAL search_path TO "{schema}"'))
    Base.metadata.create_all(connection)
    session = Session(bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False)
    try:
        yield session
    finally:
        session.close()
        outer.rollback()
        connection.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def session(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Session]:
    """An empty knowledge base; tests open their own `with session.begin():` like the real callers."""
    if request.param == "sqlite":
        yield from _sqlite_session(tmp_path)
    else:
        yield from _postgres_session(request.getfixturevalue("postgres_engine"))


@pytest.fixture(scope="session")
def loaded_sqlite_file(tmp_path_factory: pytest.TempPathFactory, topic_files: list[TopicFile]) -> Path:
    """An SQLite file with the real knowledge/ content, loaded once and copied for each test."""
    path = tmp_path_factory.mktemp("loaded") / "knowledge.db"
    engine = create_engine(f"sqlite:///{path}")
    Base.metadata.create_all(engine)
    with Session(engine) as session, session.begin():
        load_knowledge(session, topic_files)
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def loaded_postgres(postgres_engine: Engine, topic_files: list[TopicFile]) -> Iterator[Connection]:
    """A PostgreSQL connection whose open transaction holds a schema with the real content."""
    connection = postgres_engine.connect()
    outer = connection.begin()
    schema = f"kb_test_{uuid.uuid4().hex[:12]}"
    connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    connection.execute(text(f'SET LOCAL search_path TO "{schema}"'))
    Base.metadata.create_all(connection)
    with Session(bind=connection, join_transaction_mode="create_savepoint") as session, session.begin():
        load_knowledge(session, topic_files)
    try:
        yield connection
    finally:
        outer.rollback()
        connection.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def loaded(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Session]:
    """A session on the real knowledge/ content; whatever a test changes is thrown away."""
    if request.param == "sqlite":
        copy = tmp_path / "knowledge.db"
        shutil.copyfile(request.getfixturevalue("loaded_sqlite_file"), copy)
        engine = create_engine(f"sqlite:///{copy}")
        with Session(engine, expire_on_commit=False) as session:
            yield session
        engine.dispose()
        return
    connection: Connection = request.getfixturevalue("loaded_postgres")
    savepoint = connection.begin_nested()
    session = Session(bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False)
    try:
        yield session
    finally:
        session.close()
        savepoint.rollback()


def minimal_topic(slug: str = "demo", **topic: Any) -> dict[str, Any]:
    """The smallest valid knowledge file content for a topic, to be changed by a test."""
    return {
        "topic": {
            "slug": slug,
            "intent": f"ask_{slug}",
            "title": "Demo-Thema",
            "official_url": "https://www.dortmund.de",
            **topic,
        },
        "entries": [
            {
                "slug": f"{slug}_overview",
                "facet": "overview",
                "question": "Worum geht es?",
                "examples": [f"Worum geht es bei {slug}?", f"{slug} erklärt", f"what is {slug}"],
                "answer": "Eine kurze Antwort in einfachem Deutsch.",
                "source_url": "https://www.dortmund.de/demo/seite",
                "as_of": "2025-01-01",
                "translations": {"en": {"answer": "A short answer in plain English.", "reviewed": False}},
            }
        ],
    }


@pytest.fixture
def write_topic(tmp_path: Path) -> Callable[..., Path]:
    """Write a topic dict as knowledge/<slug>.yml into a temp folder; returns the folder."""
    folder = tmp_path / "knowledge"
    folder.mkdir()

    def write(content: dict[str, Any], file_name: str | None = None) -> Path:
        """Write one file (name defaults to the topic slug)."""
        name = file_name or f"{content['topic']['slug']}.yml"
        (folder / name).write_text(
            yaml.safe_dump(content, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
        return folder

    return write
