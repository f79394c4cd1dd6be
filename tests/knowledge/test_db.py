"""Tables of an older knowledge-base layout are rebuilt, so a new release loads into an existing database."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import JSON, Column, MetaData, create_engine, select

from bot.knowledge.db import create_tables, get_sessionmaker
from bot.knowledge.loader import load_knowledge, read_knowledge
from bot.knowledge.models import Base, Entry
from tests.knowledge.conftest import KNOWLEDGE_DIR


def test_an_older_layout_is_rebuilt_and_loaded(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    old = MetaData()
    for table in Base.metadata.sorted_tables:
        table.to_metadata(old)
    old.tables["kb_entry"].append_column(Column("keywords", JSON, nullable=False))  # a column since dropped
    old.create_all(create_engine(url))
    create_tables(url)
    with get_sessionmaker(url).begin() as session:
        load_knowledge(session, read_knowledge(KNOWLEDGE_DIR))
        assert session.scalar(select(Entry).where(Entry.slug == "hsu_overview")) is not None


def test_the_current_layout_keeps_its_data(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'current.db'}"
    create_tables(url)
    with get_sessionmaker(url).begin() as session:
        load_knowledge(session, read_knowledge(KNOWLEDGE_DIR))
    create_tables(url)
    with get_sessionmaker(url).begin() as session:
        assert session.scalar(select(Entry).where(Entry.slug == "hsu_overview")) is not None
