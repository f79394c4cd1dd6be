"""The action server's copy of the knowledge base in memory, renewed after each load of the knowledge files.

The actions only read the knowledge base, and it changes only when the loader replaces it (a new row in
kb_load_info). Under load, its queries to PostgreSQL (a round trip each, several per answer) were most of the
action server's time. So the actions read an in-memory SQLite copy with the same tables, models and query
functions; every KNOWLEDGE_RECHECK seconds one query asks the database for the latest load, and a newer load
is copied in. While the database is unreachable the actions answer from the copy they have.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from functools import lru_cache

from sqlalchemy import Connection, Engine, create_engine, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

from bot.knowledge.db import get_engine
from bot.knowledge.models import Base, LoadInfo
from bot.settings import Settings

logger = logging.getLogger(__name__)


def latest_load_id(source: Engine) -> int | None:
    """The id of the latest load of the knowledge files in the database (None before the first)."""
    with source.connect() as connection:
        return connection.scalar(select(LoadInfo.id).order_by(LoadInfo.id.desc()).limit(1))


def copied(reading: Connection) -> Engine:
    """A new in-memory database with the knowledge tables and rows read through `reading`."""
    target = create_engine("sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False})
    Base.metadata.create_all(target)
    with target.begin() as writing:
        for table in Base.metadata.sorted_tables:
            rows = [dict(row._mapping) for row in reading.execute(table.select())]
            if rows:
                writing.execute(table.insert(), rows)
    return target


def copied_from(source: Engine) -> Engine:
    """The copy of the database `source`, every table read at the same moment (even during a load)."""
    with source.connect() as reading:
        if source.dialect.name == "postgresql":
            reading = reading.execution_options(isolation_level="REPEATABLE READ")
        with reading.begin():
            return copied(reading)


@dataclass
class KnowledgeCopy:
    """The copy of one knowledge database and when to ask that database for a newer load."""

    source: Engine
    recheck_seconds: float
    load_id: int | None = None
    sessions: sessionmaker[Session] | None = None
    next_check: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def session_factory(self) -> sessionmaker[Session]:
        """Sessions on the current copy; SQLAlchemyError without a copy while the database is unreachable."""
        with self.lock:
            if time.monotonic() >= self.next_check:  # stays 0 until the first copy is made
                self._renew()
            assert self.sessions is not None
            return self.sessions

    def _renew(self) -> None:
        """Copy the database when it holds a newer load; keep the old copy when it is unreachable."""
        try:
            load_id = latest_load_id(self.source)
            if self.sessions is None or load_id != self.load_id:
                self.sessions = sessionmaker(bind=copied_from(self.source), expire_on_commit=False)
                self.load_id = load_id
                logger.info("knowledge base copied (load %s)", load_id)
        except SQLAlchemyError:
            if self.sessions is None:
                raise
            logger.warning("knowledge base unreachable: answering from the copy of load %s", self.load_id)
        self.next_check = time.monotonic() + self.recheck_seconds


@lru_cache(maxsize=8)
def knowledge_copy(url: str) -> KnowledgeCopy:
    """The copy of the knowledge base at `url`, one per process."""
    return KnowledgeCopy(get_engine(url), Settings().knowledge_recheck_seconds)
