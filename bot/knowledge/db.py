"""Database URL, engine and session factory of the knowledge base (created on first use, cached per URL)."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from sqlalchemy import Engine, create_engine, inspect
from sqlalchemy.orm import Session, sessionmaker

from bot.knowledge.models import Base

REPO_ROOT = Path(__file__).resolve().parents[2]


def database_url() -> str:
    """DATABASE_URL from the environment, else an SQLite file var/knowledge.db in the repository."""
    url = os.environ.get("DATABASE_URL", "").strip()
    if url:
        return url
    var = REPO_ROOT / "var"
    var.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{var / 'knowledge.db'}"


@lru_cache(maxsize=8)
def _engine(url: str) -> Engine:
    """One engine per URL for the lifetime of the process."""
    return create_engine(url, pool_pre_ping=True)


@lru_cache(maxsize=8)
def _sessionmaker(url: str) -> sessionmaker[Session]:
    """One session factory per URL; objects stay readable after the transaction ends."""
    return sessionmaker(bind=_engine(url), expire_on_commit=False)


def get_engine(url: str | None = None) -> Engine:
    """The engine for `url` (default: database_url())."""
    return _engine(url or database_url())


def get_sessionmaker(url: str | None = None) -> sessionmaker[Session]:
    """The session factory for `url` (default: database_url()); use it as `with Session.begin() as s:`."""
    return _sessionmaker(url or database_url())


def create_tables(url: str | None = None) -> None:
    """Create the knowledge-base tables; older-layout tables are dropped (the loader fills them anew)."""
    engine = get_engine(url)
    if _layout_changed(engine):
        Base.metadata.drop_all(engine)
    Base.metadata.create_all(engine)


def _layout_changed(engine: Engine) -> bool:
    """Whether an existing knowledge table has other columns than the current models."""
    inspector = inspect(engine)
    existing = set(inspector.get_table_names())
    for table in Base.metadata.sorted_tables:
        if table.name in existing:
            columns = {column["name"] for column in inspector.get_columns(table.name)}
            if set(table.columns.keys()) != columns:
                return True
    return False
