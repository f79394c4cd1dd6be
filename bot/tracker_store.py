"""The Rasa server's conversation store: Rasa's SQL tracker store, cheaper per message (Rasa environment).

Per message Rasa reads the conversation and writes its new events. Under load (py-spy, 20 concurrent senders)
that took a third of the Rasa server's CPU time on SQLite. This store keeps Rasa's table and queries but:
- reads only the events' JSON column, instead of building an ORM object per stored event;
- on SQLite keeps one connection per thread instead of opening the file twice per message, and writes through
  a write-ahead log with `synchronous=NORMAL`: a commit survives a crash or restart of the server; only a
  power failure of the machine may lose the last messages (PostgreSQL in production is unaffected).
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from sqlalchemy.orm import Query, Session, sessionmaker


def use_write_ahead_log(connection: Any, _record: Any) -> None:
    """SQLite connection settings: WAL journal, no fsync per commit, wait up to 5 s for a lock."""
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


class ConversationStore(SQLTrackerStore):
    """Rasa's SQLTrackerStore reading only event JSON; on SQLite with pooled WAL connections."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """Create the store as Rasa does; then, on SQLite, swap in a pooled engine with WAL settings."""
        super().__init__(*args, **kwargs)
        if self.engine.dialect.name == "sqlite":
            url = self.engine.url
            self.engine.dispose()
            self.engine = sa.create_engine(url, poolclass=sa.pool.SingletonThreadPool)
            sa.event.listen(self.engine, "connect", use_write_ahead_log)
            self.sessionmaker = sessionmaker(bind=self.engine)

    def _event_query(self, session: Session, sender_id: str, fetch_events_from_all_sessions: bool) -> Query:
        """Rasa's query for a conversation's events (same filter and order), selecting only their JSON."""
        query = super()._event_query(session, sender_id, fetch_events_from_all_sessions)
        return query.with_entities(self.SQLEvent.data)
