"""Database URL, engine and session factory of the knowledge base (created on first use, cached per URL)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from sqlalchemy import Engine, create_engine, inspect, make_url
from sqlalchemy.orm import Session, sessionmaker

from bot.knowledge.models import Base
from bot.settings import VAR, Settings


def database_url() -> str:
    """The knowledge base's URL (DATABASE_URL, by default an SQLite file var/knowledge.db)."""
    VAR.mkdir(parents=True, exist_ok=True)  # for the default SQLite file
    return Settings().knowledge_database_url.strip()


def timeouts(url: str, seconds: float) -> dict[str, Any]:
    """Connect and statement timeouts: a database that is down or hung fails fast, not after minutes."""
    backend = make_url(url).get_backend_name()
    if backend == "postgresql":
        return {
            "connect_timeout": max(1, round(seconds)),
            "options": f"-c statement_timeout={round(seconds * 1000)}",
        }
    if backend == "sqlite":
        return {"timeout": seconds}  # how long to wait for a lock held by the loader
    return {}


@lru_cache(maxsize=8)
def _engine(url: str) -> Engine:
    """One engine per URL for the lifetime of the process, with DATABASE_TIMEOUT's timeouts."""
    seconds = Settings().database_timeout_seconds
    return create_engine(url, pool_pre_ping=True, pool_timeout=seconds, connect_args=timeouts(url, seconds))


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
